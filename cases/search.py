"""Clusters, stories, findings and reports in the public search (``search.registry``).

What is about clusters lives here: which clusters a reader may see, the cluster and
municipality facets, a result card's clusters, a report's snippet texts. The search names
clusters only through this, so a public page pointing at a private or expired cluster
never names it. ``register()`` is called from ``CasesConfig.ready()``.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionViewRestriction, Locale

from hub.content_version import cached_for_content
from hub.visibility import visible
from search.registry import (
    Facet,
    FacetProvider,
    FacetValue,
    ResultType,
    SearchContext,
    by_count,
    register_facets,
    register_result_type,
)

from .models import ClusterPage, FindingPage, ReportPage, SuccessStoryPage

# A type's path to its cluster(s) is ``paths["cluster"]``; a cluster page is its own.
SELF = "self"


@dataclass(frozen=True)
class ClusterRef:
    """A cluster a reader may see, as the search names it: in the reader's language."""

    slug: str
    title: str
    municipality: str


def visible_clusters(locale: Locale) -> dict[uuid.UUID, ClusterRef]:
    """Clusters a reader in ``locale`` may see, by translation key: the page in the
    reader's language, or (untranslated) in the default language.

    Facets, filters and result cards name clusters only through this, so a public page
    pointing at a private or expired cluster never names it. A cluster whose page in the
    reader's language is hidden stays hidden even when its original is public."""
    return cached_for_content(f"search-clusters:{locale.pk}", lambda: _visible_clusters(locale))


def _visible_clusters(locale: Locale) -> dict[uuid.UUID, ClusterRef]:
    candidates = ClusterPage.objects.filter(locale__in={locale.pk, Locale.get_default().pk})
    fields = ("pk", "translation_key", "locale_id", "slug", "title", "municipality")
    shown = list(visible(candidates).values_list(*fields))
    shown_pks = {row[0] for row in shown}
    hidden = {
        translation_key
        for pk, translation_key in candidates.filter(locale=locale).values_list("pk", "translation_key")
        if pk not in shown_pks
    }
    clusters = {}
    for _pk, translation_key, locale_id, slug, title, municipality in shown:
        if translation_key in hidden or (translation_key in clusters and locale_id != locale.pk):
            continue
        clusters[translation_key] = ClusterRef(slug, title, municipality)
    return clusters


def cluster_keys(locale: Locale, *, slug: str = "", municipality: str = "") -> list[uuid.UUID]:
    """Translation keys of the visible clusters with ``slug`` or in ``municipality``."""
    return [
        key
        for key, cluster in visible_clusters(locale).items()
        if (slug and cluster.slug == slug) or (municipality and cluster.municipality == municipality)
    ]


def searched_clusters(context: SearchContext) -> dict[uuid.UUID, ClusterRef]:
    """``visible_clusters`` looked up once per search."""
    return context.once("cases:clusters", lambda: visible_clusters(context.locale))


class ClusterFacets(FacetProvider):
    """The cluster facet, and the municipality facet counted through the visible clusters
    (a private cluster lends no page its municipality)."""

    facets = (
        Facet("cluster", _("Cluster"), order=30, card=True),
        Facet("municipality", _("Municipality"), order=40, through="cluster"),
    )

    def stored_values(self, page, result_type):
        path = result_type.paths.get("cluster")
        if path == SELF:
            clusters = [page]
        elif path and hasattr(getattr(page, path, None), "all"):
            clusters = list(getattr(page, path).all())
        elif path:
            clusters = [cluster for cluster in [getattr(page, path)] if cluster]
        else:
            clusters = []
        values = {("cluster", str(cluster.translation_key)) for cluster in clusters}
        return values | {
            ("municipality", cluster.municipality) for cluster in clusters if cluster.municipality
        }

    def narrow(self, queryset, result_type, name, value, context):
        path = result_type.paths.get("cluster")
        if path is None:
            return None
        key_path = "translation_key" if path == SELF else f"{path}__translation_key"
        keys = cluster_keys(context.locale, **{"slug" if name == "cluster" else "municipality": value})
        return queryset.filter(**{f"{key_path}__in": keys})

    def choices(self, name, locale):
        clusters = sorted(visible_clusters(locale).values(), key=lambda cluster: cluster.title)
        if name == "cluster":
            return [(cluster.slug, cluster.title) for cluster in clusters]
        municipalities = sorted({cluster.municipality for cluster in clusters if cluster.municipality})
        return [(municipality, municipality) for municipality in municipalities]

    def labelled(self, name, counter: Counter, context) -> list[FacetValue]:
        if name == "municipality":
            return by_count(counter, str)
        clusters = searched_clusters(context)
        counts = Counter({uuid.UUID(key): count for key, count in counter.items()})
        return [
            FacetValue(clusters[key].slug, clusters[key].title, count)
            for key, count in sorted(counts.items(), key=lambda item: -item[1])
            if key in clusters
        ]

    def through(self, name, context) -> dict[str, str]:
        return {
            str(key): cluster.municipality
            for key, cluster in searched_clusters(context).items()
            if cluster.municipality
        }

    def card_labels(self, name, values, result_type, context) -> list[str]:
        if result_type.paths.get("cluster") in (None, SELF):
            return []
        clusters = searched_clusters(context)
        keys = (uuid.UUID(value) for value in values)
        return sorted(clusters[key].title for key in keys if key in clusters)


# Reports ------------------------------------------------------------------------------


def report_pdf_private(prefix: str = "") -> Exists:
    """Whether a report's PDF lies in a collection with a view restriction (or below one),
    as ``hub.visibility.document_is_public`` decides, asked inside the reports' query."""
    path = OuterRef(f"{prefix}document__collection__path")
    return Exists(
        CollectionViewRestriction.objects.annotate(
            document_path=ExpressionWrapper(path, output_field=CharField())
        ).filter(document_path__startswith=F("collection__path"))
    )


def report_annotations(prefix: str) -> dict:
    """Loaded with each shown report: whether its PDF is private, its cluster's key."""
    return {
        "hub_pdf_private": report_pdf_private(prefix),
        "hub_cluster_key": F(f"{prefix}cluster__translation_key"),
    }


def report_pdf_text(report: ReportPage, context: SearchContext) -> str:
    """A report's PDF text, only from a PDF known to be public."""
    return "" if getattr(report, "hub_pdf_private", True) else report.document_text(restricted_paths=[])


def report_cluster_name(report: ReportPage, context: SearchContext) -> str:
    """A report's cluster, named only when a reader may see it."""
    key = getattr(report, "hub_cluster_key", None) or (report.cluster_id and report.cluster.translation_key)
    cluster = searched_clusters(context).get(key)
    return cluster.title if cluster else ""


def register() -> None:
    register_result_type(
        ResultType(
            "story",
            SuccessStoryPage,
            paths={"focus_area": "focus_areas", "cluster": "clusters", "year": "date__year"},
            date="date",
            order=10,
        )
    )
    register_result_type(ResultType("finding", FindingPage, paths={"focus_area": "focus_areas"}, order=20))
    register_result_type(
        ResultType(
            "report",
            ReportPage,
            paths={"focus_area": "focus_areas", "cluster": "cluster", "year": "year"},
            date="year",
            order=30,
            select_related=("document",),
            annotations=report_annotations,
            snippet_sources={"document_text": report_pdf_text, "cluster_name": report_cluster_name},
        )
    )
    register_result_type(
        ResultType(
            "cluster",
            ClusterPage,
            paths={"cluster": SELF, "year": "year_established"},
            date="year_established",
            order=50,
        )
    )
    register_facets(ClusterFacets())
