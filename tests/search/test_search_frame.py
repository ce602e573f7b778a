"""The frame around the search results (base.html: home link, menu, archive notice,
footer, sign-up form) is cached per site, language and content version: publishing,
site settings, the consent wording and a site's change show at once, each language keeps
its own, and nothing per request (the reader's query, the page's path) is shared. The
query log still counts every search."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from hub.content_version import content_version
from hub.models import SiteSettings
from newsletter.models import ConsentText
from search.models import SearchQueryDay
from search.services import run_search
from tests import factories as f
from tests.utils import parse


def menu_titles(response) -> list[str]:
    html = response.content.decode()
    nav = html.split('<nav class="primary-nav primary-nav--wide"', 1)[1].split("</nav>", 1)[0]
    return [" ".join(a.split(">", 1)[1].split("<", 1)[0].split()) for a in nav.split("<a ")[1:]]


def footer(response) -> str:
    return response.content.decode().split('<footer class="site-footer">', 1)[1]


def test_the_menu_follows_publishing_in_each_language(client, hub_tree):
    before_da = menu_titles(client.get("/da/search/?q=mols"))
    before_en = menu_titles(client.get("/en/search/?q=mols"))
    assert hub_tree.da.story_index.title in before_da
    assert hub_tree.da.story_index.title not in before_en, "each language has its own menu"

    page = f.StandardPageFactory(
        parent=hub_tree.da.home, title="Ny menuside", slug="ny-menuside", show_in_menus=True, live=False
    )
    assert menu_titles(client.get("/da/search/?q=mols")) == before_da, "a draft is not in the menu"
    page.save_revision().publish()
    assert "Ny menuside" in menu_titles(client.get("/da/search/?q=mols"))
    assert "Ny menuside" not in menu_titles(client.get("/en/search/?q=mols"))
    Page.objects.get(pk=page.pk).specific.unpublish()
    assert menu_titles(client.get("/da/search/?q=mols")) == before_da


def test_site_settings_show_at_once_in_the_footer(client, hub_tree):
    assert "kontakt@example.dk" not in footer(client.get("/da/search/"))
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "kontakt@example.dk"
    site_settings.save()
    assert 'href="mailto:kontakt@example.dk"' in footer(client.get("/da/search/"))
    assert 'href="mailto:kontakt@example.dk"' in footer(client.get("/en/search/"))


def test_the_sign_up_form_shows_a_new_consent_wording_at_once(client, hub_tree):
    client.get("/en/search/")
    current = ConsentText.objects.get(language="en")
    newer = ConsentText.objects.create(language="en", version=current.version + 1, text="Wording two.")
    english = footer(client.get("/en/search/"))
    assert "Wording two." in english and f'name="consent_version" value="{newer.version}"' in english
    assert "Wording two." not in footer(client.get("/da/search/"))


def test_the_sign_up_form_carries_each_pages_own_path_and_no_token(client, hub_tree):
    for path in ("/da/search/", hub_tree.da.about.url, hub_tree.en.about.url, "/da/search/"):
        forms = [
            form
            for form in parse(client.get(path)).tags["form"]
            if "newsletter-signup" in form.get("class", "")
        ]
        assert len(forms) == 1
        html = footer(client.get(path))
        assert f'<input type="hidden" name="source" value="{path}">' in html
        assert "csrfmiddlewaretoken" not in html
    # A path is escaped, never placed into the cached form as it came.
    html = client.get('/da/ingen-side-"><b>x</b>/').content.decode()
    assert 'value="/da/ingen-side-&quot;&gt;&lt;b&gt;x&lt;/b&gt;/"' in html and "<b>x</b>" not in html


def test_the_readers_query_is_never_shared(client, hub_tree):
    first = client.get("/da/search/?q=mols").content.decode()
    second = client.get("/da/search/?q=kalender").content.decode()
    # The search page has one search box, its own (the header's is left out there).
    assert 'id="search-q" name="q" value="mols"' in first and "site-search-q" not in first
    assert 'id="search-q" name="q" value="kalender"' in second and 'value="mols"' not in second


def test_a_sites_change_moves_the_content_version_on(hub_tree):
    before = content_version()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Landsbyklynger"
    site.save()
    assert content_version() > before


def test_a_search_served_from_the_cache_only_writes_the_query_log(client, hub_tree, settings):
    settings.HUB_SEARCH_CACHE_SECONDS = 300
    for _ in range(2):  # the first one also stores the default consent wording
        client.get("/da/search/?q=mols")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/da/search/?q=mols")
    assert response.status_code == 200
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"], queries.captured_queries


def test_the_query_log_counts_every_search_for_the_reports(client, admin_client, hub_tree):
    for _ in range(3):
        client.get("/da/search/?q=Mols")
    client.get("/da/search/?q=mols&type=story")  # narrowing a search is not a new one
    client.get("/en/search/?q=mols")
    client.get("/da/search/?q=zzyzxqq")
    danish = SearchQueryDay.objects.get(query="mols", language="da")
    assert danish.searches == 3 and danish.results > 0
    assert SearchQueryDay.objects.get(query="mols", language="en").searches == 1
    assert SearchQueryDay.objects.get(query="zzyzxqq", language="da").results == 0
    popular = "".join(admin_client.get(reverse("popular_searches")).content.decode().split())
    assert ">mols<" in popular and ">3<" in popular


def test_a_new_view_restriction_hides_a_page_from_search_at_once(hub_tree, da_locale):
    def found() -> bool:
        outcome = run_search("mols", da_locale, use_cache=False)
        return hub_tree.da.mols.pk in {result.page.pk for result in outcome.results}

    assert found()
    restriction = PageViewRestriction.objects.create(
        page=hub_tree.da.mols, restriction_type=PageViewRestriction.LOGIN
    )
    assert not found()
    restriction.delete()
    assert found()


def served(client, url: str) -> tuple[bytes, bool, list[str]]:
    """The page, whether its template was rendered for this request, and its statements."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    rendered = any(template.name == "search/search.html" for template in response.templates)
    return response.content, rendered, [q["sql"].split()[0] for q in queries.captured_queries]


def test_a_rendered_search_is_shared_until_content_changes_and_still_counted(client, hub_tree, settings):
    """With the page cache on, anonymous readers asking the same search share its HTML,
    each search is still counted, and publishing shows at once."""
    settings.HUB_PAGE_CACHE_SECONDS = 300
    url = "/da/search/?q=mols"
    client.get("/da/search/")  # the first page shown stores the default consent wording
    first, rendered, _ = served(client, url)
    assert rendered
    again, rendered, sql = served(client, url)
    assert again == first and not rendered and sql == ["UPDATE"]
    assert SearchQueryDay.objects.get(query="mols", language="da").searches == 2
    assert served(client, "/da/search/?q=mols&order=relevance")[1], "another URL is another entry"

    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title="Mols samler kræfterne", slug="mols-samler", live=False
    )
    story.save_revision().publish()
    fresh, rendered, _ = served(client, url)
    assert rendered and "Mols samler kræfterne" in fresh.decode()
    assert SearchQueryDay.objects.get(query="mols", language="da").searches == 4
    for junk in ("/da/search/?q=mols&utm_source=x", "/da/search/?q=mols&type=nonsense"):
        served(client, junk)
        assert served(client, junk)[1], f"{junk}: not stored, so it cannot fill the cache"


def test_an_editors_search_is_never_shared(admin_client, client, hub_tree, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 300
    url = "/da/search/?q=kalender"
    client.get("/da/search/")  # the first page shown stores the default consent wording
    assert served(admin_client, url)[1]
    assert served(client, url)[1], "the editor's page was not stored for readers"
    assert served(client, url)[1] is False
    assert served(admin_client, url)[1], "an editor is never served a shared page"
