"""The footer's site map for readers: the visible tree in the reader's language."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from tests import factories as f
from tests.utils import links, text_of


def hrefs(response) -> list[str]:
    return [a.get("href") for a in links(response)]


def test_the_danish_site_map_holds_the_visible_danish_tree_nested(client, hub_tree):
    da = hub_tree.da
    draft = f.StandardPageFactory(parent=da.home, title="Kladdeside", slug="kladde", live=False)
    secret = f.StandardPageFactory(parent=da.home, title="Hemmelig side", slug="hemmelig")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    below_secret = f.StandardPageFactory(parent=secret, title="Under hemmelig", slug="under")

    response = client.get("/da/sidekort/")
    assert response.status_code == 200
    found = hrefs(response)
    for page in (da.home, da.cluster_index, da.mols, da.story1, da.finding3, da.post1, da.about):
        assert page.url in found, page.title
    for page in (draft, secret, below_secret):
        assert page.url not in found, page.title
    assert not any(href.startswith("/en/") for href in found if href and href != "/en/site-map/")
    # Nested as the tree: the cluster is inside the cluster index's list.
    html = response.content.decode()
    html = html[html.index('class="site-map__tree"') :]
    index_at, mols_at = html.index(f'href="{da.cluster_index.url}"'), html.index(f'href="{da.mols.url}"')
    assert index_at < html.index("<ul>", index_at) < mols_at < html.index("</ul>", index_at)
    assert "Sidekort" in text_of(response)


def test_the_english_site_map_holds_only_english_pages(client, hub_tree):
    response = client.get("/en/site-map/")
    assert response.status_code == 200
    found = hrefs(response)
    assert hub_tree.en.home.url in found and hub_tree.en.story1.url in found
    assert hub_tree.da.story3.url not in found  # Danish only
    assert "Site map" in text_of(response)


def test_the_footer_leads_readers_to_the_site_map_and_harvesters_keep_sitemap_xml(client, hub_tree):
    assert "/da/sidekort/" in hrefs(client.get(hub_tree.da.home.url))
    assert "/en/site-map/" in hrefs(client.get(hub_tree.en.home.url))
    assert client.get("/sitemap.xml").status_code == 200
    assert "/sitemap.xml" in hrefs(client.get("/da/sidekort/"))
