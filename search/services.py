"""The public search: ``run_search``, with its outcome cached until public content changes.

The view, the autocomplete endpoint and the benchmark all call it; nothing here knows
about HTTP. The parts: which pages (``query``), the one ranked, counted and faceted
statement (``statement``), the facets (``facets``), the shown results (``results``,
``snippets``) and promotions (``promotions``); what takes part comes from the registry
(``registry``), filled by each app's ``ready()``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from django.core.cache import cache
from wagtail.models import Locale

from hub.content_version import content_version

from . import conf
from .analysis import query_stems, query_terms
from .facets import facet_counts
from .promotions import promotions_for
from .query import Filters, clean_query, searchable_pages
from .registry import FacetValue, SearchContext, provided_facets
from .results import Result, load_results
from .statement import match_page

# A page with any of the query's words is found; one with every word ranks above one
# with some (search.backends.ranking), so a question or a misspelt word still finds pages.
OPERATOR = "or"


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


def _run_search(query, locale, filters, order, page_number, size, with_facets) -> SearchOutcome:
    size = size or conf.page_size()
    language = locale.language_code
    query = clean_query(query)
    terms = query_terms(query, language)
    empty = SearchOutcome(query, terms, [], 0, {}, [], 1, 1)
    if not terms:
        return empty

    context = SearchContext(locale)
    backend = conf.backend_for_language(language)
    pages = searchable_pages(filters, context)
    if order == "newest":
        results = pages.order_by("-first_published_at", "-id").search(
            query, backend=backend, order_by_relevance=False, operator=OPERATOR
        )
    else:
        results = pages.search(query, backend=backend, operator=OPERATOR)
    ordered = results.get_queryset()
    # Facets counted through another's values, mapped by their providers, and card facets.
    through = {
        facet.name: (facet.through, provider.through(facet.name, context) if with_facets else {})
        for provider, facet in provided_facets()
        if facet.through
    }
    cards = tuple(facet.name for _provider, facet in provided_facets() if facet.card)
    page_number = max(1, page_number)
    matches = match_page(
        ordered, (page_number - 1) * size, size, through, card_facets=cards, with_facets=with_facets
    )
    total, counters = matches.total, matches.counters
    page_count = max(1, -(-total // size))
    if page_number > page_count:  # past the end: the last page
        page_number = page_count
        last = match_page(ordered, (page_number - 1) * size, size, card_facets=cards, with_facets=False)
        matches = replace(matches, shown=last.shown, cards=last.cards)
    stems = query_stems(query, language)
    facets = facet_counts(counters, context) if total and with_facets else {}
    promotions = promotions_for(query, locale) if page_number == 1 else []
    return SearchOutcome(
        query=query,
        terms=terms,
        results=load_results(matches, stems, context),
        total=total,
        facets=facets,
        promotions=promotions,
        page_number=page_number,
        page_count=page_count,
    )
