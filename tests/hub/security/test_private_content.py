"""Private pages (view restrictions) and documents in private collections never show up in
search, suggestions, feeds, the sitemap, the cluster zips or any API."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cases.services import report_filename
from tests import factories as f
from tests.utils import hrefs

SECRET_WORD = "hemmeligholdt"


def search_text(client, query: str, language: str = "da") -> str:
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def suggestions(client, query: str, language: str = "da") -> list[dict]:
    with translation.override(language):
        url = reverse("search_autocomplete")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def restrict(page, kind=PageViewRestriction.LOGIN):
    extra = {"password": "kodeord"} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)


@pytest.fixture
def private_story(hub_tree):
    """A published story only signed-in users may read, with a word no other page has."""
    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title=f"Intern {SECRET_WORD} historie",
        slug="intern-historie",
        clusters=[hub_tree.da.mols],
    )
    restrict(story)
    return story


@pytest.fixture
def private_post(hub_tree):
    post = f.BlogPostPageFactory(
        parent=hub_tree.da.blog_index, title=f"Kodeordsbeskyttet {SECRET_WORD} indlæg", slug="beskyttet"
    )
    restrict(post, PageViewRestriction.PASSWORD)
    return post


@pytest.fixture
def private_report(hub_tree, private_collection):
    """A public report page whose PDF lies in a private collection."""
    document = f.DocumentFactory(
        title="Intern kortlægning",
        collection=private_collection,
        text=f"Fortroligt: {SECRET_WORD} budget for klyngen.",
    )
    return f.ReportPageFactory(
        parent=hub_tree.da.report_index, cluster=hub_tree.da.mols, document=document, title="Intern rapport"
    )


@pytest.mark.django_db
def test_private_pages_are_not_found_by_search_or_suggestions(client, private_story, private_post):
    page = search_text(client, SECRET_WORD)
    assert private_story.title not in page and private_post.title not in page
    assert private_story.url not in page and private_post.url not in page
    assert suggestions(client, "Intern") == [] or all(
        item["url"] != private_story.url for item in suggestions(client, "Intern")
    )
    assert suggestions(client, "Kodeordsbeskyttet") == []


@pytest.mark.django_db
def test_a_page_under_a_private_section_is_not_found(client, hub_tree):
    section = f.StandardPageFactory(parent=hub_tree.da.home, title="Internt", slug="internt")
    restrict(section)
    story_index = f.StoryIndexPageFactory(parent=section, slug="interne-historier", title="Interne historier")
    f.SuccessStoryPageFactory(parent=story_index, title=f"Dybt {SECRET_WORD}", slug="dybt")
    assert "Dybt" not in search_text(client, SECRET_WORD)
    assert suggestions(client, "Dybt") == []


@pytest.mark.django_db
def test_making_a_page_private_removes_it_from_cached_search_at_once(client, hub_tree):
    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title=f"Snart {SECRET_WORD}", slug="snart-privat"
    )
    assert story.title in search_text(client, SECRET_WORD)  # and now cached
    restriction = restrict(story)
    assert story.title not in search_text(client, SECRET_WORD)
    restriction.delete()
    assert story.title in search_text(client, SECRET_WORD)


@pytest.mark.django_db
def test_promoted_result_pointing_at_a_private_page_is_not_shown(client, private_story):
    query = Query.get("kalender")
    SearchPromotion.objects.create(query=query, page=private_story, sort_order=0, description="Se her")
    page = search_text(client, "kalender")
    assert private_story.title not in page
    assert private_story.url not in page


@pytest.mark.django_db
def test_text_of_a_private_document_is_not_searchable(client, private_report):
    page = search_text(client, f"{SECRET_WORD} budget")
    assert private_report.title not in page
    assert "budget for klyngen" not in page
    # The report page itself is public and found by its own words.
    assert private_report.title in search_text(client, "Intern rapport")


@pytest.mark.django_db
def test_making_a_collection_private_takes_its_text_out_of_search(client, hub_tree):
    from wagtail.models import CollectionViewRestriction

    collection = f.CollectionFactory(name="Snart lukket")
    document = f.DocumentFactory(collection=collection, text=f"Referat: {SECRET_WORD} mødeplan.")
    report = f.ReportPageFactory(parent=hub_tree.da.report_index, document=document, title="Referatet")
    assert report.title in search_text(client, SECRET_WORD)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert report.title not in search_text(client, SECRET_WORD)


@pytest.mark.django_db
def test_private_posts_are_not_in_the_feeds(client, hub_tree, private_post):
    login_only = f.BlogPostPageFactory(
        parent=hub_tree.da.blog_index, title="Kun for medlemmer", slug="medlemmer"
    )
    restrict(login_only)
    for suffix in ("feed/", "feed/atom/"):
        response = client.get(hub_tree.da.blog_index.url + suffix)
        assert response.status_code == 200
        body = response.content.decode()
        assert hub_tree.da.post1.title in body  # the feed works
        assert private_post.title not in body and private_post.url not in body
        assert login_only.title not in body


@pytest.mark.django_db
def test_private_pages_and_documents_are_not_in_the_sitemap(
    client, private_story, private_post, private_report, hub_tree
):
    body = client.get("/sitemap.xml").content.decode()
    assert hub_tree.da.story1.url in body  # the sitemap works
    assert private_story.url not in body
    assert private_post.url not in body
    assert private_report.document.url not in body


def filter_choices(response, name: str) -> list[str]:
    return [value for value, _label in response.context["filter"].form.fields[name].choices if value]


@pytest.mark.django_db
def test_a_private_cluster_is_neither_named_linked_nor_offered_as_a_filter(client, hub_tree):
    da = hub_tree.da
    restrict(da.midtfyn)
    cluster = da.midtfyn
    for index in (da.cluster_index, da.story_index, da.report_index):
        response = client.get(index.url)
        assert "Faaborg-Midtfyn" not in filter_choices(response, "municipality")
        assert "Syddjurs" in filter_choices(response, "municipality")  # the choices work
    for index in (da.story_index, da.report_index, da.blog_index):
        assert cluster.slug not in filter_choices(client.get(index.url), "cluster")
    # A query naming it is dropped as unknown: the listing is unfiltered, not narrowed to it.
    response = client.get(da.report_index.url + f"?cluster={cluster.slug}")
    assert response.status_code == 200
    assert da.mols_mapping.pk in [item.pk for item in response.context["items"].object_list]
    # Pages that point at it (a report, stories, a post, the report archive) keep quiet.
    for page in (da.midtfyn_evaluation, da.story2, da.story3, da.post2, da.report_index):
        response = client.get(page.url)
        assert response.status_code == 200
        # (the report's own title happens to hold the cluster's name: an editor's words)
        body = response.content.decode().replace(da.midtfyn_evaluation.title, "")
        assert cluster.title not in body and "Faaborg-Midtfyn" not in body, page.url
        assert cluster.url not in hrefs(response), page.url
    assert da.mols.url in hrefs(client.get(da.story3.url))  # its public cluster still is
    # Nor is its name indexed for search through the report.
    assert da.midtfyn_evaluation.specific.cluster_name() == ""
    assert da.mols_mapping.specific.cluster_name() == da.mols.title


@pytest.mark.django_db
def test_private_reports_and_documents_are_not_in_the_cluster_zip(client, hub_tree, private_report):
    private_page = f.ReportPageFactory(
        parent=hub_tree.da.report_index, cluster=hub_tree.da.mols, title="Lukket rapport", slug="lukket"
    )
    restrict(private_page)
    response = client.get(hub_tree.da.mols.url + "rapporter.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert report_filename(hub_tree.da.mols_mapping) in names  # the zip works
    assert report_filename(private_report) not in names
    assert report_filename(private_page) not in names


@pytest.mark.django_db
def test_private_document_is_not_served_and_its_report_page_does_not_link_it(client, private_report):
    response = client.get(private_report.document.url)
    assert response.status_code in (302, 403)  # to the login page
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_no_api_is_mounted():
    from django.conf import settings

    assert not any(
        app.startswith(("wagtail.api", "rest_framework", "ninja")) for app in settings.INSTALLED_APPS
    )
    for path in ("/api/", "/api/v2/pages/", "/api/v2/documents/", "/da/api/v2/pages/"):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        # Only Wagtail's page catch-all may match, which serves pages, never JSON listings.
        assert match.url_name == "wagtail_serve", (path, match)
