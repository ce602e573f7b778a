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
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.html import strip_tags
from modelsearch import index
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from blog.models import BlogPostPage
from cases.models import ClusterPage, FindingPage, ReportPage, SuccessStoryPage
from hub.content_version import content_version
from hub.listing import cluster_translation_key, focus_area_choices

from . import lookups  # noqa: F401 - registers pk__in_array
from .analysis import query_stems, query_terms
from .backends import index_planning
from .conf import backend_for_language
from .highlight import highlight
from .index import flatten
from .models import PageFacet

MAX_QUERY_LENGTH = 200
# Also bounds how long a result can lag behind a background index update.
DEFAULT_CACHE_SECONDS = 300
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


@dataclass
class Result:
    page: Page
    result_type: ResultType
    snippet: str = ""
    date: object = None
    clusters: list = field(default_factory=list)


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
        qs = qs.filter(**{path: cluster_translation_key(locale, filters.cluster)})
    if filters.municipality:
        path = result_type.municipality_path()
        if path is None:
            return None
        qs = qs.filter(**{path: filters.municipality})
    if filters.year:
        if not result_type.year:
            return None
        qs = qs.filter(**{result_type.year: filters.year})
    return qs


def searchable_pages(filters: Filters, locale: Locale) -> QuerySet:
    """Pages the search may return: the searchable types in the locale, filtered."""
    types = [TYPES_BY_SLUG[filters.type]] if filters.type in TYPES_BY_SLUG else RESULT_TYPES
    has_page_filters = any((filters.focus_area, filters.cluster, filters.municipality, filters.year))
    pages = Page.objects.live().public().filter(locale=locale)
    content_types = ContentType.objects.get_for_models(*(t.model for t in types)).values()
    pages = pages.filter(content_type__in=list(content_types))
    # wagtail-localize's synchronised trees hold aliases: the original language's text
    # under the other language's URL. They are not the reader's language.
    pages = pages.exclude(pk__in=Page.objects.filter(locale=locale, alias_of__isnull=False).values("pk"))
    if not has_page_filters:
        return pages
    subqueries = [_type_queryset(result_type, filters, locale) for result_type in types]
    condition = Q(pk__in=[])
    for subquery in subqueries:
        if subquery is not None:
            condition |= Q(pk__in=subquery.values("pk"))
    return pages.filter(condition)


def match_counts(matches: QuerySet, *, with_facets: bool = True) -> tuple[int, dict[str, Counter]]:
    """How many pages match, and per facet how many of them have each value, in one
    statement that never ranks: the page ids of ``matches`` (unordered) are counted and
    looked up in the stored facet values (``search.facets``)."""
    sql, params = matches.order_by().values_list("pk", flat=True).query.sql_with_params()
    statement = f"WITH matches(id) AS ({sql}) SELECT '', '', COUNT(DISTINCT id) FROM matches"
    if with_facets:
        statement += (
            f" UNION ALL SELECT facet, value, COUNT(*) FROM {PageFacet._meta.db_table}"
            " WHERE page_id IN (SELECT id FROM matches) GROUP BY facet, value"
        )
    connection = connections[matches.db]
    total, counters = 0, defaultdict(Counter)
    with index_planning(matches.db), connection.cursor() as cursor:
        cursor.execute(statement, params)
        for facet, value, count in cursor.fetchall():
            if facet:
                counters[facet][value] = count
            else:
                total = count
    return total, counters


def facet_counts(counters: dict[str, Counter], locale: Locale) -> dict[str, list[FacetValue]]:
    """The facet values to show, labelled in the reader's language, most common first."""
    counters = defaultdict(Counter, counters)
    type_counts = counters["type"]
    focus, municipalities, years = counters["focus_area"], counters["municipality"], counters["year"]
    # Translation keys come back as text: hyphenated on PostgreSQL, bare hex on SQLite.
    clusters = Counter({uuid.UUID(key): n for key, n in counters["cluster"].items()})

    focus_names = dict(focus_area_choices(locale))  # cached with the search form's choices
    cluster_pages = {}
    for page in ClusterPage.objects.filter(translation_key__in=list(clusters)).select_related("locale"):
        if page.translation_key not in cluster_pages or page.locale_id == locale.pk:
            cluster_pages[page.translation_key] = page

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
            FacetValue(cluster_pages[key].slug, cluster_pages[key].title, count)
            for key, count in sorted(clusters.items(), key=lambda item: -item[1])
            if key in cluster_pages
        ],
        "municipality": ordered(municipalities, str),
        "year": sorted(
            (FacetValue(year, year, count) for year, count in years.items()),
            key=lambda facet: facet.value,
            reverse=True,
        ),
    }


def _raw_search_text(page: Page) -> Iterator[str]:
    """The page's searchable text as written (not as analysed), most telling first.

    Lazy: a report's PDF text is read (and its privacy checked) only when no field
    before it holds a match."""

    def raw_texts() -> Iterator[object]:
        for name in SNIPPET_FIELDS:
            yield getattr(page, name, "")
        for search_field in page.get_searchable_search_fields():
            if search_field.field_name not in ("title", *SNIPPET_FIELDS):
                yield index.SearchField.get_value(search_field, page)

    for value in raw_texts():
        text = " ".join(strip_tags(TAG_RE.sub(" ", flatten(value))).split())
        if text:
            yield text


def snippet_for(page: Page, stems: list[str], language: str) -> str:
    first = None
    for text in _raw_search_text(page):
        marked = highlight(text, stems, language)
        if marked:
            return marked
        first = text if first is None else first
    if first is None:
        return ""
    return first[:240] + "…" if len(first) > 240 else first


def _load_results(pages: list[Page], stems: list[str], language: str) -> list[Result]:
    """Specific pages for one results page, with their clusters, in a fixed number of queries."""
    ids_by_model = defaultdict(list)
    for page in pages:
        ids_by_model[page.specific_class].append(page.pk)
    loaded = {}
    for model, ids in ids_by_model.items():
        result_type = TYPES_BY_MODEL.get(model)
        queryset = model.objects.filter(pk__in=ids)
        if result_type and result_type.clusters and result_type.clusters not in ("self", "cluster"):
            queryset = queryset.prefetch_related(result_type.clusters)
        elif result_type and result_type.clusters == "cluster":
            queryset = queryset.select_related("cluster")
        if model is ReportPage:
            queryset = queryset.select_related("document__collection")
        loaded.update({page.pk: page for page in queryset})
    results = []
    for page in pages:
        specific = loaded.get(page.pk)
        if specific is None:
            continue
        result_type = TYPES_BY_MODEL[type(specific)]
        if result_type.clusters == "self":
            clusters = []
        elif result_type.clusters == "cluster":
            clusters = [specific.cluster] if specific.cluster else []
        elif result_type.clusters:
            clusters = list(getattr(specific, result_type.clusters).all())
        else:
            clusters = []
        date = getattr(specific, result_type.date) if result_type.date else None
        if date is None and result_type.year:
            date = getattr(specific, result_type.year.split("__")[0], None)
        results.append(
            Result(
                page=specific,
                result_type=result_type,
                snippet=snippet_for(specific, stems, language),
                date=date,
                clusters=clusters,
            )
        )
    return results


def promotions_for(query: str, locale: Locale) -> list[SearchPromotion]:
    """Editors' promoted results for the query, only live, public pages in the reader's language."""
    public_pages = Page.objects.live().public().filter(locale=locale).values("pk")
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=public_pages))
        .select_related("page")
        .order_by("sort_order")
    )


def cache_seconds() -> int:
    return getattr(settings, "HUB_SEARCH_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


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
    unpublish, move, deletion and document change bumps.
    """
    filters = filters or Filters()
    use_cache = use_cache and cache_seconds() > 0
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
    with index_planning():
        outcome = _run_search(query, locale, filters, order, page_number, page_size, with_facets)
    if use_cache:
        cache.set(key, outcome, timeout=cache_seconds())
    return outcome


def _run_search(query, locale, filters, order, page_number, page_size, with_facets) -> SearchOutcome:
    page_size = page_size or settings.HUB_LISTING_PAGE_SIZE
    language = locale.language_code
    query = clean_query(query)
    terms = query_terms(query, language)
    empty = SearchOutcome(query, terms, [], 0, {}, [], 1, 1)
    if not terms:
        return empty

    backend = backend_for_language(language)
    pages = searchable_pages(filters, locale)
    if order == "newest":
        results = pages.order_by("-first_published_at", "-id").search(
            query, backend=backend, order_by_relevance=False
        )
    else:
        results = pages.search(query, backend=backend)

    # Only the page shown is ranked (one query, like the bare backend query); the total
    # and the facet counts come from one unranked statement served by the GIN index.
    matches = pages.search(query, backend=backend, order_by_relevance=False)
    total, counters = match_counts(matches.get_queryset(), with_facets=with_facets)
    page_count = max(1, -(-total // page_size))
    page_number = min(max(1, page_number), page_count)
    start = (page_number - 1) * page_size
    shown = list(results[start : start + page_size]) if total else []
    stems = query_stems(query, language)
    facets = facet_counts(counters, locale) if total and with_facets else {}
    promotions = promotions_for(query, locale) if page_number == 1 else []
    return SearchOutcome(
        query=query,
        terms=terms,
        results=_load_results(shown, stems, language),
        total=total,
        facets=facets,
        promotions=promotions,
        page_number=page_number,
        page_count=page_count,
    )
