"""Which pages a search may return: the reader's query cleaned, the registered types in the
reader's language that a reader may see, narrowed by the filters."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page, PageViewRestriction

from hub.content_version import cached_for_content
from hub.visibility import not_expired

from .registry import ResultType, SearchContext, get_result_type, provided_facets, result_types

MAX_QUERY_LENGTH = 200


class Filters:
    """The values a search is narrowed by, by facet name: ``Filters(type="story", year=2016)``.
    Empty values are no filter."""

    def __init__(self, **values):
        self.values = {name: value for name, value in values.items() if value not in ("", None)}

    def active(self) -> dict:
        return dict(self.values)

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    def __repr__(self) -> str:
        return f"Filters({', '.join(f'{name}={value!r}' for name, value in self.values.items())})"


def clean_query(raw: str) -> str:
    """The query as searched: printable characters only, whitespace collapsed, capped."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


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
    types = types or result_types()
    content_types = ContentType.objects.get_for_models(*(t.model for t in types)).values()
    hidden = Page.objects.filter(locale=locale).filter(Q(alias_of__isnull=False) | ~not_expired())
    return (
        Page.objects.live()
        .exclude(private_sections_q())
        .filter(locale=locale, content_type__in=list(content_types))
        .exclude(pk__in=hidden.values("pk"))
    )


def _type_queryset(result_type: ResultType, filters: Filters, context: SearchContext) -> QuerySet | None:
    """Live, public pages of one type in the locale, narrowed by the filters; None if a
    filter does not apply to this type at all."""
    qs = result_type.model.objects.live().public().filter(locale=context.locale)
    for provider, facet in provided_facets():
        value = filters.get(facet.name)
        if value is not None:
            qs = provider.narrow(qs, result_type, facet.name, value, context)
            if qs is None:
                return None
    return qs


def searchable_pages(filters: Filters, context: SearchContext) -> QuerySet:
    """Pages the search may return: the searchable types in the locale, filtered."""
    chosen = get_result_type(filters.get("type", ""))
    types = [chosen] if chosen else result_types()
    pages = readable_pages(context.locale, types)
    narrowing = set(filters.active()) - {"type"}
    if not narrowing:
        return pages
    if unknown := narrowing - {facet.name for _provider, facet in provided_facets()}:
        raise ValueError(f"No search facet is named {', '.join(sorted(unknown))}.")
    condition = Q(pk__in=[])
    for result_type in types:
        subquery = _type_queryset(result_type, filters, context)
        if subquery is not None:
            condition |= Q(pk__in=subquery.values("pk"))
    return pages.filter(condition)
