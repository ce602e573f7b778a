"""Search never names what a reader may not see: a private or expired cluster in facets,
filters, result cards or snippets; an expired page in results, suggestions or promotions.
And the search page costs the same number of queries however many results it shows."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cases.search import visible_clusters
from search.analysis import query_stems
from search.registry import SearchContext
from search.services import Filters, run_search
from search.snippets import snippet_for
from tests import factories as f

WORD = "tranebær"  # in the stories and reports below, nowhere in the demo tree
HIDDEN_TITLE = "Skovkrogens Klyngeråd"
HIDDEN_MUNICIPALITY = "Nordkrogen Kommune"


def hidden_cluster(tree, how: str):
    """A cluster page readers may not see: behind a login, or live but past expire_at."""
    cluster = f.ClusterPageFactory(
        parent=tree.da.cluster_index,
        title=HIDDEN_TITLE,
        slug="skovkrogen",
        municipality=HIDDEN_MUNICIPALITY,
        expire_at=timezone.now() - datetime.timedelta(days=1) if how == "expired" else None,
    )
    if how == "private":
        PageViewRestriction.objects.create(page=cluster, restriction_type=PageViewRestriction.LOGIN)
    return cluster


def search_page(client, **params):
    response = client.get("/da/search/", {"q": WORD, **params})
    assert response.status_code == 200
    return response


@pytest.fixture(params=["private", "expired"])
def public_pages_of_hidden_cluster(request, hub_tree):
    """A public story and a public report that point at a hidden cluster (and the story at
    a public one too)."""
    cluster = hidden_cluster(hub_tree, request.param)
    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title=f"Høst af {WORD} i skoven",
        slug="hoest",
        intro=f"Frivillige plukker {WORD} hvert efterår.",
        clusters=[cluster, hub_tree.da.mols],
    )
    report = f.ReportPageFactory(
        parent=hub_tree.da.report_index,
        title=f"Rapport om {WORD}",
        slug="rapport-om-tranebaer",
        cluster=cluster,
        summary=f"<p>Om {WORD} og klyngen.</p>",
    )
    return cluster, story, report


def test_hidden_clusters_are_named_nowhere_on_the_search_page(client, public_pages_of_hidden_cluster):
    cluster, story, report = public_pages_of_hidden_cluster
    response = search_page(client)
    html = response.content.decode()
    outcome = response.context["outcome"]
    assert {story.pk, report.pk} <= {result.page.pk for result in outcome.results}
    assert HIDDEN_TITLE not in html and HIDDEN_MUNICIPALITY not in html
    assert cluster.slug not in html
    assert [facet.label for facet in outcome.facets["cluster"]] == ["Mols i Udvikling"]
    assert [facet.label for facet in outcome.facets["municipality"]] == ["Syddjurs"]
    cards = {result.page.pk: result.labels for result in outcome.results}
    assert cards[story.pk] == ["Mols i Udvikling"] and cards[report.pk] == []
    assert "Mols i Udvikling" in html, "the visible cluster is still named"


def test_hidden_clusters_cannot_be_used_as_filters(client, public_pages_of_hidden_cluster):
    """Their slug and municipality are unknown values: ignored, said so, not a 500."""
    for params in ({"cluster": "skovkrogen"}, {"municipality": HIDDEN_MUNICIPALITY}):
        response = search_page(client, **params)
        assert list(response.context["ignored"]) == list(params)
        assert HIDDEN_MUNICIPALITY not in response.content.decode()


def test_a_municipality_counts_only_pages_of_its_visible_clusters(hub_tree, da_locale):
    """A story whose only cluster in Syddjurs is hidden is not counted under Syddjurs."""
    cluster = hidden_cluster(hub_tree, "private")
    cluster.municipality = "Syddjurs"
    cluster.save()
    f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title=f"{WORD} i Syddjurs", slug="syddjurs", clusters=[cluster]
    )
    f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title=f"{WORD} på Mols", slug="mols", clusters=[hub_tree.da.mols]
    )
    outcome = run_search(WORD, da_locale)
    assert outcome.total == 2
    assert [(facet.value, facet.count) for facet in outcome.facets["municipality"]] == [("Syddjurs", 1)]
    assert run_search(WORD, da_locale, Filters(municipality="Syddjurs")).total == 1


def test_a_report_snippet_does_not_name_its_hidden_cluster(hub_tree, da_locale):
    cluster = hidden_cluster(hub_tree, "private")
    report = f.ReportPageFactory(
        parent=hub_tree.da.report_index, title="Skovrapport", slug="skovrapport", cluster=cluster
    )
    clusters = visible_clusters(da_locale)
    assert cluster.translation_key not in clusters
    stems = query_stems("skovkrogens", "da")
    assert HIDDEN_TITLE not in snippet_for(report, stems, SearchContext(da_locale))
    mols_report = hub_tree.da.mols_strategy.specific
    assert "<mark>Mols</mark>" in snippet_for(
        mols_report, query_stems("mols", "da"), SearchContext(da_locale)
    )


def test_expired_pages_are_not_found_suggested_or_promoted(client, hub_tree, da_locale):
    expired = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title=f"Udløbet {WORD}",
        slug="udloebet",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert expired.live, "Wagtail keeps it live until publish_scheduled runs"
    SearchPromotion.objects.create(query=Query.get(WORD), page=expired, sort_order=0)
    outcome = run_search(WORD, da_locale)
    assert (outcome.total, outcome.promotions) == (0, [])
    assert client.get("/da/search/suggest/", {"q": "Udløbet"}).json()["suggestions"] == []
    assert expired.title not in search_page(client).content.decode()


def test_a_page_expiring_leaves_cached_search_at_once(client, hub_tree, da_locale):
    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title=f"Snart udløbet {WORD}",
        slug="snart",
        expire_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert [r.page.pk for r in run_search(WORD, da_locale).results] == [story.pk]  # now cached
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert run_search(WORD, da_locale).results == []


# Query counts ---------------------------------------------------------------------------------


def add_results(tree, first: int, count: int, private_collection) -> None:
    """Stories with clusters; reports found by their title, whose snippets come from
    their PDFs (every other one in a private collection, so the PDF text is withheld)."""
    for number in range(first, first + count):
        f.SuccessStoryPageFactory(
            parent=tree.da.story_index,
            title=f"Historie {number}",
            slug=f"historie-{number}",
            intro=f"Om {WORD} nummer {number}.",
            clusters=[tree.da.mols, tree.da.midtfyn],
        )
        document = f.DocumentFactory(
            title=f"Bilag {number}",
            text=f"Bilaget handler om {WORD}.",
            collection=private_collection if number % 2 else f.root_collection(),
        )
        f.ReportPageFactory(
            parent=tree.da.report_index,
            title=f"Bilag {number} om {WORD}",
            slug=f"bilag-{number}",
            summary="<p>Et bilag.</p>",
            cluster=tree.da.midtfyn,
            document=document,
        )


def counted_search(client) -> tuple[int, int]:
    """Results shown and queries issued by a search nobody made before (caches emptied;
    Django's own per-process caches, such as content types, stay warm)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = search_page(client)
    return len(response.context["outcome"].results), len(queries)


@override_settings(HUB_SEARCH_CACHE_SECONDS=0)
def test_search_page_queries_do_not_grow_with_results(client, hub_tree, private_collection):
    add_results(hub_tree, 0, 1, private_collection)
    counted_search(client)
    few, few_queries = counted_search(client)
    add_results(hub_tree, 1, 5, private_collection)
    many, many_queries = counted_search(client)
    assert (few, many) == (2, 12)
    assert many_queries == few_queries, f"{few_queries} queries for {few} results, {many_queries} for {many}"


def test_report_snippets_quote_public_pdfs_only(client, hub_tree, private_collection):
    add_results(hub_tree, 0, 2, private_collection)
    snippets = {
        result.page.title: str(result.snippet)
        for result in search_page(client).context["outcome"].results
        if result.result_type.slug == "report"
    }
    assert f"Bilaget handler om <mark>{WORD}</mark>" in snippets[f"Bilag 0 om {WORD}"]
    assert "Bilaget" not in snippets[f"Bilag 1 om {WORD}"], "the PDF lies in a private collection"
