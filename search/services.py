"""The public search: which pages, which filters, which facets, which snippets.

The view, the autocomplete endpoint and the benchmark all call ``run_search``; nothing
here knows about HTTP.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.html import strip_tags
from modelsearch import index
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction

from blog.models import BlogPostPage
from cases.models import ClusterPage, FindingPage, ReportPage, SuccessStoryPage
from hub.content_version import cached_for_content, content_version
from hub.listing import focus_area_choices
from hub.visibility import not_expired, visible

from . import (
    conf,
    lookups,  # noqa: F401 - registers pk__in_array
)
from .analysis import flatten, query_stems, query_terms
from .backends.base import fetch_planned
from .highlight import highlight
from .models import PageFacet

MAX_QUERY_LENGTH = 200
TAG_RE = re.compile(r"<[^>]+>")
SNIPPET_FIELDS = ("search_description", "intro", "summary", "description")


@dataclass(frozen=True)
class ResultType:
    """How one page type takes part in search: its filters and what a result shows.

    ``clusters`` is the path to its cluster(s), or "self" for cluster pages; ``year`` the
    path to a year; ``date`` the attribute shown as its date.
    """

    slug: str
    model: type[Page]
    focus_areas: str | None = None
    clusters: str | None = None
    year: str | None = None
    date: str | None = None

    def municipality_path(self) -> str | None:
        if self.clusters is None:
            return None
        return "municipality" if self.clusters == "self" else f"{self.clusters}__municipality"

    def cluster_key_path(self) -> str | None:
        if self.clusters is None:
            return None
        return "translation_key" if self.clusters == "self" else f"{self.clusters}__translation_key"


RESULT_TYPES = [
    ResultType("story", SuccessStoryPage, "focus_areas", "clusters", "date__year", "date"),
    ResultType("finding", FindingPage, "focus_areas"),
    ResultType("report", ReportPage, "focus_areas", "cluster", "year"),
    ResultType("blog", BlogPostPage, "focus_areas", "clusters", "date__year", "date"),
    ResultType("cluster", ClusterPage, None, "self", "year_established"),
]
TYPES_BY_SLUG = {result_type.slug: result_type for result_type in RESULT_TYPES}
TYPES_BY_MODEL = {result_type.model: result_type for result_type in RESULT_TYPES}


def register_result_type(result_type: ResultType) -> None:
    """Let another app (the newsletter's editions) join the search."""
    RESULT_TYPES.append(result_type)
    TYPES_BY_SLUG[result_type.slug] = result_type
    TYPES_BY_MODEL[result_type.model] = result_type


@dataclass
class Filters:
    type: str = ""
    focus_area: str = ""
    cluster: str = ""
    municipality: str = ""
    year: int | None = None

    def active(self) -> dict:
        return {name: value for name, value in vars(self).items() if value not in ("", None)}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class ClusterRef:
    """A cluster a reader may see, as the search names it: in the reader's language."""

    slug: str
    title: str
    municipality: str


@dataclass
class Result:
    page: Page
    result_type: ResultType
    snippet: str = ""
    date: object = None
    clusters: list[ClusterRef] = field(default_factory=list)


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    results: list[Result]
    total: int
    facets: dict[str, list[FacetValue]]
    promotions: list
    page_number: int
    page_count: int


def clean_query(raw: str) -> str:
    """The query as searched: printable characters only, whitespace collapsed, capped."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


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


def _type_queryset(result_type: ResultType, filters: Filters, locale: Locale) -> QuerySet | None:
    """Live, public pages of one type in the locale, narrowed by the filters; None if a
    filter does not apply to this type at all."""
    qs = result_type.model.objects.live().public().filter(locale=locale)
    if filters.focus_area:
        if not result_type.focus_areas:
            return None
        qs = qs.filter(**{f"{result_type.focus_areas}__slug": filters.focus_area})
    if filters.cluster:
        path = result_type.cluster_key_path()
        if path is None:
            return None
        qs = qs.filter(**{f"{path}__in": cluster_keys(locale, slug=filters.cluster)})
    if filters.municipality:
        # Through the visible clusters: a private cluster lends no page its municipality.
        path = result_type.cluster_key_path()
        if path is None:
            return None
        qs = qs.filter(**{f"{path}__in": cluster_keys(locale, municipality=filters.municipality)})
    if filters.year:
        if not result_type.year:
            return None
        qs = qs.filter(**{result_type.year: filters.year})
    return qs


def private_sections_q() -> Q:
    """Wagtail's ``PageQuerySet.private_q()`` without its query per search: the restricted
    pages are kept until content next changes (adding or removing a view restriction moves
    the version on, hub/content_version.py)."""
    sections = cached_for_content(
        "private-sections",
        lambda: [(r.page.path, r.page.depth) for r in PageViewRestriction.objects.select_related("page")],
    )
    q = Q()
    for path, depth in sections:
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def readable_pages(locale: Locale, types: list[ResultType] | None = None) -> QuerySet:
    """Pages of the searchable types a reader in ``locale`` may find (``hub.visibility``).

    A search may filter only on its index's filter fields, and ``expire_at`` is not one:
    expired pages, like wagtail-localize's aliases (the original language's text under
    the other language's URL), are left out by primary key."""
    types = types or RESULT_TYPES
    content_types = ContentType.objects.get_for_models(*(t.model for t in types)).values()
    hidden = Page.objects.filter(locale=locale).filter(Q(alias_of__isnull=False) | ~not_expired())
    return (
        Page.objects.live()
        .exclude(private_sections_q())
        .filter(locale=locale, content_type__in=list(content_types))
        .exclude(pk__in=hidden.values("pk"))
    )


def searchable_pages(filters: Filters, locale: Locale) -> QuerySet:
    """Pages the search may return: the searchable types in the locale, filtered."""
    types = [TYPES_BY_SLUG[filters.type]] if filters.type in TYPES_BY_SLUG else RESULT_TYPES
    has_page_filters = any((filters.focus_area, filters.cluster, filters.municipality, filters.year))
    pages = readable_pages(locale, types)
    if not has_page_filters:
        return pages
    subqueries = [_type_queryset(result_type, filters, locale) for result_type in types]
    condition = Q(pk__in=[])
    for subquery in subqueries:
        if subquery is not None:
            condition |= Q(pk__in=subquery.values("pk"))
    return pages.filter(condition)


@dataclass
class Matches:
    """One statement's answer: the total, the facet counters and the page shown."""

    total: int = 0
    counters: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    shown: list[tuple[int, int]] = field(default_factory=list)  # (page id, content type id)
    cluster_keys: dict[int, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))


def match_page(
    ordered: QuerySet,
    start: int,
    size: int,
    clusters: dict[uuid.UUID, ClusterRef] | None = None,
    *,
    with_facets: bool = True,
) -> Matches:
    """The pages ``start`` to ``start + size`` of the ordered (ranked) matches with their
    clusters' keys, how many match, and per facet how many of them have each value, in
    one statement.

    The matches are found (and ranked) once and numbered; the total and the stored facet
    values (``search.facets``) are counted from that same set, so the page costs one
    pass over the index, as the bare ranked query does. Municipalities are counted
    through ``clusters`` (the visible ones), not from the stored values, so a page's
    private cluster neither names nor counts its municipality."""
    numbered = ordered.annotate(
        _position_=Window(RowNumber(), order_by=list(ordered.query.order_by))
    ).order_by()
    sql, params = numbered.values_list("pk", "content_type_id", "_position_").query.sql_with_params()
    params = list(params)
    with_municipalities = with_facets and any(cluster.municipality for cluster in (clusters or {}).values())
    statement = f"WITH matches(id, content_type_id, position) AS ({sql})"
    if with_municipalities:
        rows = [(str(key), cluster.municipality) for key, cluster in clusters.items() if cluster.municipality]
        statement += (
            ", clusters(cluster, municipality) AS (VALUES " + ", ".join(["(%s, %s)"] * len(rows)) + ")"
        )
        params += [value for row in rows for value in row]
    statement += (
        " SELECT '', '', COUNT(DISTINCT id), 0 FROM matches"
        " UNION ALL SELECT 'result', CAST(content_type_id AS TEXT), id, position FROM matches"
        " WHERE position > %s AND position <= %s"
    )
    table = PageFacet._meta.db_table
    statement += (
        f" UNION ALL SELECT 'card', value, page_id, 0 FROM {table} JOIN matches ON matches.id = page_id"
        " WHERE facet = 'cluster' AND position > %s AND position <= %s"
    )
    params += [start, start + size] * 2
    if with_facets:
        statement += (
            f" UNION ALL SELECT facet, value, COUNT(*), 0 FROM {table} JOIN matches ON matches.id = page_id"
            " WHERE facet <> 'municipality' GROUP BY facet, value"
        )
    if with_municipalities:
        statement += (
            f" UNION ALL SELECT 'municipality', clusters.municipality, COUNT(DISTINCT page_id), 0 FROM {table}"
            f" JOIN matches ON matches.id = page_id JOIN clusters ON {table}.value = clusters.cluster"
            " WHERE facet = 'cluster' GROUP BY clusters.municipality"
        )
    matches, shown = Matches(), []
    for facet, value, count, position in fetch_planned(statement, params, ordered.db):
        if facet == "result":
            shown.append((position, count, int(value)))
        elif facet == "card":
            matches.cluster_keys[count].append(uuid.UUID(value))
        elif facet:
            matches.counters[facet][value] = count
        else:
            matches.total = count
    matches.shown = [(page_id, content_type_id) for _position, page_id, content_type_id in sorted(shown)]
    return matches


def facet_counts(
    counters: dict[str, Counter], locale: Locale, clusters: dict[uuid.UUID, ClusterRef]
) -> dict[str, list[FacetValue]]:
    """The facet values to show, labelled in the reader's language, most common first;
    only visible clusters (``visible_clusters``) are named."""
    counters = defaultdict(Counter, counters)
    type_counts = counters["type"]
    focus, municipalities, years = counters["focus_area"], counters["municipality"], counters["year"]
    cluster_counts = Counter({uuid.UUID(key): n for key, n in counters["cluster"].items()})
    focus_names = dict(focus_area_choices(locale))  # cached with the search form's choices

    def ordered(counter: Counter, label) -> list[FacetValue]:
        values = [FacetValue(str(value), label(value), count) for value, count in counter.items()]
        return sorted(values, key=lambda facet: (-facet.count, facet.label))

    return {
        "type": [
            FacetValue(t.slug, str(t.model._meta.verbose_name).capitalize(), type_counts[t.slug])
            for t in RESULT_TYPES
            if type_counts[t.slug]
        ],
        "focus_area": ordered(focus, lambda slug: focus_names.get(slug, slug)),
        "cluster": [
            FacetValue(clusters[key].slug, clusters[key].title, count)
            for key, count in sorted(cluster_counts.items(), key=lambda item: -item[1])
            if key in clusters
        ],
        "municipality": ordered(municipalities, str),
        "year": sorted(
            (FacetValue(year, year, count) for year, count in years.items()),
            key=lambda facet: facet.value,
            reverse=True,
        ),
    }


def _raw_search_text(page: Page, clusters: dict[uuid.UUID, ClusterRef]) -> Iterator[str]:
    """The page's searchable text as written (not as analysed), most telling first.

    Lazy: a report's PDF text is read only when no field before it holds a match, and
    only from a PDF known to be public (``_report_pdf_private``). A report's cluster is
    named only when visible."""

    def raw_texts() -> Iterator[object]:
        for name in SNIPPET_FIELDS:
            yield getattr(page, name, "")
        for search_field in page.get_searchable_search_fields():
            if search_field.field_name == "document_text":
                yield (
                    "" if getattr(page, "hub_pdf_private", True) else page.document_text(restricted_paths=[])
                )
            elif search_field.field_name == "cluster_name":
                key = getattr(page, "hub_cluster_key", None) or (
                    page.cluster_id and page.cluster.translation_key
                )
                cluster = clusters.get(key)
                yield cluster.title if cluster else ""
            elif search_field.field_name not in ("title", *SNIPPET_FIELDS):
                yield index.SearchField.get_value(search_field, page)

    for value in raw_texts():
        text = " ".join(strip_tags(TAG_RE.sub(" ", flatten(value))).split())
        if text:
            yield text


def snippet_for(page: Page, stems: list[str], language: str, clusters: dict[uuid.UUID, ClusterRef]) -> str:
    first = None
    for text in _raw_search_text(page, clusters):
        marked = highlight(text, stems, language)
        if marked:
            return marked
        first = text if first is None else first
    if first is None:
        return ""
    return first[:240] + "…" if len(first) > 240 else first


def _report_pdf_private(prefix: str = "") -> Exists:
    """Whether a report's PDF lies in a collection with a view restriction (or below one),
    as ``cases.services.document_is_public`` decides, asked inside the reports' query."""
    path = OuterRef(f"{prefix}document__collection__path")
    return Exists(
        CollectionViewRestriction.objects.annotate(
            document_path=ExpressionWrapper(path, output_field=CharField())
        ).filter(document_path__startswith=F("collection__path"))
    )


def _load_results(matches: Matches, stems: list[str], locale: Locale) -> list[Result]:
    """Specific pages for one results page, with their visible clusters, in one query:
    each page with its own type's row joined (``select_related`` of the child tables)."""
    model_of = {
        page_id: ContentType.objects.get_for_id(content_type_id).model_class()
        for page_id, content_type_id in matches.shown
    }
    # Types that extend Page directly are joined; any other type gets a query of its own.
    models = set(model_of.values())
    joined = {model: model._meta.model_name for model in models if model._meta.get_parent_list() == [Page]}
    loaded = {}
    if joined:
        queryset = Page.objects.filter(
            pk__in=[pk for pk, model in model_of.items() if model in joined]
        ).order_by()
        related = list(joined.values())
        if ReportPage in joined:
            related.append("reportpage__document")
            queryset = queryset.annotate(
                hub_pdf_private=_report_pdf_private("reportpage__"),
                hub_cluster_key=F("reportpage__cluster__translation_key"),
            )
        for page in queryset.select_related(*related):
            specific = getattr(page, joined[model_of[page.pk]])
            if ReportPage in joined:
                specific.hub_pdf_private, specific.hub_cluster_key = (
                    page.hub_pdf_private,
                    page.hub_cluster_key,
                )
            loaded[page.pk] = specific
    for model in models - set(joined):
        loaded.update(model.objects.filter(pk__in=[pk for pk, m in model_of.items() if m is model]).in_bulk())
    # The card names clusters from the stored facet values, through the visible ones.
    clusters = visible_clusters(locale)
    results = []
    for page_id, _ in matches.shown:
        specific = loaded.get(page_id)
        if specific is None:
            continue
        result_type = TYPES_BY_MODEL[type(specific)]
        shown_clusters = []
        if result_type.clusters not in (None, "self"):
            shown_clusters = sorted(
                (clusters[key] for key in matches.cluster_keys[page_id] if key in clusters),
                key=lambda cluster: cluster.title,
            )
        date = getattr(specific, result_type.date) if result_type.date else None
        if date is None and result_type.year:
            date = getattr(specific, result_type.year.split("__")[0], None)
        results.append(
            Result(
                page=specific,
                result_type=result_type,
                snippet=snippet_for(specific, stems, locale.language_code, clusters),
                date=date,
                clusters=shown_clusters,
            )
        )
    return results


def promoted_queries() -> frozenset[str]:
    """Every query string editors promote results for (cached; a promotion's change bumps
    the content version, ``search.apps``), so most searches need no promotions query."""
    return cached_for_content(
        "search-promoted-queries",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions_for(query: str, locale: Locale) -> list[SearchPromotion]:
    """Editors' promoted results for the query, only pages a reader in this language may see."""
    query_string = normalise_query_string(query)
    if query_string not in promoted_queries():
        return []
    readable = visible(Page.objects.filter(locale=locale)).values("pk")
    return list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .filter(Q(page__isnull=True) | Q(page__in=readable))
        .select_related("page")
        .order_by("sort_order")
    )


def run_search(
    query: str,
    locale: Locale,
    filters: Filters | None = None,
    *,
    order: str = "relevance",
    page_number: int = 1,
    page_size: int | None = None,
    with_facets: bool = True,
    use_cache: bool = True,
) -> SearchOutcome:
    """Search, with the outcome cached until public content next changes.

    The key holds the content version (``hub.content_version``), which every publish,
    unpublish, move, deletion and document change bumps, and the clock when a page expires.
    """
    filters = filters or Filters()
    use_cache = use_cache and conf.cache_seconds() > 0
    key = (
        "search:"
        + hashlib.sha256(
            repr(
                (content_version(), clean_query(query), sorted(filters.active().items()), locale.pk, order)
                + (page_number, page_size, with_facets)
            ).encode()
        ).hexdigest()
    )
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    outcome = _run_search(query, locale, filters, order, page_number, page_size, with_facets)
    if use_cache:
        cache.set(key, outcome, timeout=conf.cache_seconds())
    return outcome


def _run_search(query, locale, filters, order, page_number, page_size, with_facets) -> SearchOutcome:
    page_size = page_size or conf.page_size()
    language = locale.language_code
    query = clean_query(query)
    terms = query_terms(query, language)
    empty = SearchOutcome(query, terms, [], 0, {}, [], 1, 1)
    if not terms:
        return empty

    backend = conf.backend_for_language(language)
    pages = searchable_pages(filters, locale)
    if order == "newest":
        results = pages.order_by("-first_published_at", "-id").search(
            query, backend=backend, order_by_relevance=False
        )
    else:
        results = pages.search(query, backend=backend)
    ordered = results.get_queryset()
    clusters = visible_clusters(locale) if with_facets else {}
    page_number = max(1, page_number)
    matches = match_page(ordered, (page_number - 1) * page_size, page_size, clusters, with_facets=with_facets)
    total, counters = matches.total, matches.counters
    page_count = max(1, -(-total // page_size))
    if page_number > page_count:  # past the end: the last page
        page_number = page_count
        last = match_page(ordered, (page_number - 1) * page_size, page_size, with_facets=False)
        matches = replace(matches, shown=last.shown, cluster_keys=last.cluster_keys)
    stems = query_stems(query, language)
    facets = facet_counts(counters, locale, clusters) if total and with_facets else {}
    promotions = promotions_for(query, locale) if page_number == 1 else []
    return SearchOutcome(
        query=query,
        terms=terms,
        results=_load_results(matches, stems, locale),
        total=total,
        facets=facets,
        promotions=promotions,
        page_number=page_number,
        page_count=page_count,
    )
