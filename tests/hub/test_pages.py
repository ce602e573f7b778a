"""Every page type renders in Danish and English and links its translations."""

import pytest
from django.utils.html import escape

from cases.models import ReportPage, SuccessStoryPage
from tests import factories as f
from tests.utils import alternates, headings, hrefs, links, parse, text_of

# (attribute on the tree, page type) for one page of every type.
PAGES = [
    "home",
    "about",
    "cluster_index",
    "mols",
    "story_index",
    "story1",
    "finding_index",
    "finding1",
    "report_index",
    "mols_mapping",
    "national_evaluation",
    "blog_index",
    "post1",
]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_renders(client, hub_tree, name, language):
    page = getattr(getattr(hub_tree, language), name)
    assert page.locale.language_code == language
    assert page.url.startswith(f"/{language}/"), page.url

    response = client.get(page.url)

    assert response.status_code == 200, f"{page.url}: {response.status_code}"
    html = response.content.decode()
    assert escape(page.title) in html
    assert parse(response).tags["html"][0].get("lang") == language
    assert response["Content-Type"].startswith("text/html")
    assert_accessible_structure(response)


def assert_accessible_structure(response):
    """Landmarks, one h1, headings without skipped levels, alt text on every image."""
    tags = parse(response).tags
    assert len(tags.get("main", [])) == 1, "one <main> landmark"
    assert tags.get("header") and tags.get("footer") and tags.get("nav"), "header, footer and nav landmarks"
    levels = [int(tag[1]) for tag in headings(response)]
    assert levels and levels.count(1) == 1, f"exactly one h1, got {levels}"
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading levels skip from h{before} to h{after}: {levels}"
    for img in tags.get("img", []):
        assert "alt" in img, f"image without alt: {img}"


@pytest.mark.parametrize("name", ["story3", "post3"])
def test_danish_only_pages_render(client, hub_tree, name):
    page = getattr(hub_tree.da, name)
    response = client.get(page.url)
    assert response.status_code == 200
    assert escape(page.title) in response.content.decode()


@pytest.mark.parametrize("name", ["home", "mols", "story1", "mols_mapping", "post1", "finding1"])
def test_each_language_links_the_other(client, hub_tree, name):
    da, en = getattr(hub_tree.da, name), getattr(hub_tree.en, name)
    for page, other in ((da, en), (en, da)):
        response = client.get(page.url)
        assert response.status_code == 200
        other_code = other.locale.language_code
        own_code = page.locale.language_code

        # hreflang alternates for both languages, pointing at the translations
        found = alternates(response)
        assert found.get(other_code) == other.url, f"{page.url}: hreflang alternates {found}"
        assert found.get(own_code) == page.url, f"{page.url}: hreflang alternates {found}"

        # the language switcher is a visible link to the translation
        switch = [a for a in links(response) if a.get("href", "").endswith(other.url)]
        assert switch, f"{page.url} has no link to its translation {other.url}"
        assert any(a.get("hreflang") == other_code or a.get("lang") == other_code for a in switch)


def test_untranslated_page_has_no_false_alternate(client, hub_tree):
    """A Danish-only story announces no English alternate, and its switcher link works."""
    story = hub_tree.da.story3
    response = client.get(story.url)
    found = alternates(response)
    assert "en" not in found, found
    assert found.get("da") == story.url

    english_links = [a["href"] for a in links(response) if a.get("hreflang") == "en" or a.get("lang") == "en"]
    assert english_links, "the language switcher offers no English link"
    for href in english_links:
        assert client.get(href).status_code == 200, href


def test_unpublished_translation_is_not_linked(client, hub_tree):
    story = SuccessStoryPage.objects.get(pk=hub_tree.en.story2.pk)
    story.unpublish()
    response = client.get(hub_tree.da.story2.url)
    assert "en" not in alternates(response)
    assert hub_tree.en.story2.url not in hrefs(response)
    assert client.get(hub_tree.en.story2.url).status_code == 404


def test_unpublished_page_is_not_found(client, hub_tree):
    report = ReportPage.objects.get(pk=hub_tree.da.mols_strategy.pk)
    url = report.url
    report.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["da", "en"])
def test_unknown_url_gives_a_404_page(client, hub_tree, language):
    response = client.get(f"/{language}/findes-ikke/")
    assert response.status_code == 404
    assert parse(response).tags["html"][0].get("lang") == language


def test_home_page_shows_latest_stories_posts_and_sections(client, hub_tree):
    da = hub_tree.da
    response = client.get(da.home.url)
    found = hrefs(response)
    for page in (da.story3, da.story2, da.story1, da.post3, da.post2, da.post1):
        assert page.url in found, f"home does not link {page.title}"
    for section in (da.cluster_index, da.story_index, da.finding_index, da.report_index, da.blog_index):
        assert section.url in found, f"home does not link the section {section.title}"


def test_english_home_shows_english_content_only(client, hub_tree):
    da, en = hub_tree.da, hub_tree.en
    found = hrefs(client.get(en.home.url))
    assert en.story1.url in found and en.post1.url in found
    for page in (da.story1, da.story3, da.post1, da.post3):
        assert page.url not in found, f"English home links the Danish page {page.url}"


def test_cluster_page_lists_its_facts_stories_and_reports(client, hub_tree):
    da = hub_tree.da
    response = client.get(da.mols.url)
    text = text_of(response)
    assert "Syddjurs" in text
    for village in da.mols.village_names:
        assert village in text
    found = hrefs(response)
    for page in (da.story1, da.story3, da.mols_mapping, da.mols_strategy, da.post1):
        assert page.url in found, f"cluster page does not link {page.title}"
    for page in (da.story2, da.midtfyn_evaluation, da.national_evaluation, da.post2):
        assert page.url not in found, f"cluster page links another cluster's {page.title}"
    assert da.mols.url + "rapporter.zip" in found


def test_cluster_without_reports_offers_no_zip(client, hub_tree):
    response = client.get(hub_tree.da.lemvig.url)
    assert response.status_code == 200
    assert not any(href.endswith("rapporter.zip") for href in hrefs(response))


def test_english_cluster_page_lists_english_stories(client, hub_tree):
    da, en = hub_tree.da, hub_tree.en
    found = hrefs(client.get(en.mols.url))
    assert en.story1.url in found
    assert da.story1.url not in found
    assert en.mols_mapping.url in found


def test_report_page_offers_the_pdf(client, hub_tree):
    report = hub_tree.da.mols_mapping
    response = client.get(report.url)
    assert report.document.url in hrefs(response)
    text = text_of(response)
    assert str(report.year) in text
    assert "Mols i Udvikling" in text  # the cluster, linked
    assert hub_tree.da.mols.url in hrefs(response)


def test_english_report_links_the_english_cluster(client, hub_tree):
    response = client.get(hub_tree.en.mols_mapping.url)
    found = hrefs(response)
    assert hub_tree.en.mols.url in found
    assert hub_tree.da.mols.url not in found


def test_finding_page_shows_number_summary_and_source(client, hub_tree):
    finding = hub_tree.da.finding1
    response = client.get(finding.url)
    text = text_of(response)
    assert finding.summary in text
    assert str(finding.number) in text
    assert hub_tree.da.national_evaluation.url in hrefs(response)


def test_story_page_shows_its_clusters_and_image_with_alt_text(client, hub_tree):
    story = hub_tree.da.story1
    response = client.get(story.url)
    assert hub_tree.da.mols.url in hrefs(response)
    images = parse(response).tags.get("img", [])
    assert images, "the lead image is not shown"
    assert all(img.get("alt") for img in images), images
    assert story.lead_image.description in [img["alt"] for img in images]


def test_blog_post_shows_author_date_and_tags(client, hub_tree):
    post = hub_tree.da.post1
    text = text_of(client.get(post.url))
    assert post.author in text
    assert "2019" in text
    for tag in ("evaluering", "findings"):
        assert tag in text


def test_standard_page_nested(client, hub_tree):
    child = f.StandardPageFactory(parent=hub_tree.da.about, title="Kontakt", slug="kontakt")
    response = client.get(child.url)
    assert response.status_code == 200
    assert child.url.startswith(hub_tree.da.about.url)


def test_pages_with_only_required_fields_render(client, hub_tree):
    """Optional fields left empty (no image, villages, website, authors, tags) never break a page."""
    da = hub_tree.da
    minimal = [
        f.ClusterPageFactory(
            parent=da.cluster_index,
            title="Ny klynge",
            villages="",
            year_established=None,
            residents=None,
            website="",
            description="",
        ),
        f.ReportPageFactory(
            parent=da.report_index, title="Rapport uden forfattere", authors="", publisher=""
        ),
        f.SuccessStoryPageFactory(parent=da.story_index, title="Historie uden billede", body=[]),
        f.BlogPostPageFactory(parent=da.blog_index, title="Indlæg uden tags", author="", body=[]),
        f.FindingPageFactory(parent=da.finding_index, number=99, body=[]),
    ]
    for page in minimal:
        response = client.get(page.url)
        assert response.status_code == 200, f"{type(page).__name__}: {response.status_code}"
        assert escape(page.title) in response.content.decode()
    for index in (
        da.cluster_index,
        da.report_index,
        da.story_index,
        da.blog_index,
        da.finding_index,
        da.home,
    ):
        assert client.get(index.url).status_code == 200, index.url
