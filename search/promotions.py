"""Editors' promoted results for a query (Wagtail's search promotions), in the reader's
language and only pages a reader may see."""

from __future__ import annotations

from django.db.models import Q
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from hub.content_version import cached_for_content
from hub.visibility import visible


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
