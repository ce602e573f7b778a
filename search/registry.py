"""What takes part in the public search: page types and facets, registered by their apps.

Each app registers, from its own ``AppConfig.ready()``, the page types it contributes
(``register_result_type``) and any facets of its own (``register_facets``); the search
reads only this registry, so it never names an app above it. ``paths`` tell each facet
where a type keeps its values::

    register_result_type(
        ResultType("story", SuccessStoryPage, date="date", order=10,
                   paths={"focus_area": "focus_areas", "year": "date__year", "cluster": "clusters"})
    )
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Expression, QuerySet
from wagtail.models import Locale, Page

# A facet's name is a query parameter, a PageFacet value and a literal in the statement.
FACET_NAME_RE = re.compile(r"^[a-z][a-z_]{0,15}$")
RESERVED_NAMES = {"q", "order", "page", "result", "type"}


@dataclass
class SearchContext:
    """One search's reader, handed to every provider: the locale, and whatever a provider
    looks up once per search rather than once per result (``once``)."""

    locale: Locale
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.locale.language_code

    def once(self, key: str, compute: Callable[[], object]):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


SnippetSource = Callable[[Page, SearchContext], str]


@dataclass(frozen=True)
class ResultType:
    """How one page type takes part in search.

    ``paths`` maps a facet's name to where this type keeps its values (``"date__year"``,
    ``"focus_areas"``); a filter on a facet the type has no path for leaves the type out.
    ``date`` is the attribute shown as the card's date, ``order`` its place in the type
    facet and filter. Result loading joins ``select_related`` and adds ``annotations(prefix)``
    (named expressions over the page's own table, reached through ``prefix``), set on the
    loaded page under their names; ``snippet_sources`` give the snippet text of search
    fields whose indexed value must not be quoted as it is (a private PDF's text).
    """

    slug: str
    model: type[Page]
    paths: Mapping[str, str] = field(default_factory=dict)
    date: str | None = None
    order: int = 100
    select_related: tuple[str, ...] = ()
    annotations: Callable[[str], dict[str, Expression]] | None = None
    snippet_sources: Mapping[str, SnippetSource] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """As the type filter names it (the type facet capitalises it)."""
        return self.model._meta.verbose_name

    def __reduce__(self):
        # Cached outcomes hold their results' types: by slug, so no callable is pickled.
        return get_result_type, (self.slug,)


@dataclass(frozen=True)
class Facet:
    """One way to narrow the results, counted beside them.

    ``through``: counted through another facet's stored values, mapped by the provider
    (a municipality through the clusters a reader may see), never from its own stored
    values. ``card``: result cards name the values (``FacetProvider.card_labels``).
    """

    name: str
    label: str
    order: int
    coerce: Callable[[str], object] = str
    through: str | None = None
    card: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


def by_count(counter: Counter, label: Callable[[str], str]) -> list[FacetValue]:
    """Facet values labelled, most common first, then by label."""
    values = [FacetValue(str(value), label(value), count) for value, count in counter.items()]
    return sorted(values, key=lambda facet: (-facet.count, facet.label))


class FacetProvider:
    """Facets with one source of values. Subclass it, list ``facets`` and register an
    instance; the defaults suit a facet that has no values for a type."""

    facets: tuple[Facet, ...] = ()

    def stored_values(self, page: Page, result_type: ResultType) -> Iterable[tuple[str, str]]:
        """(facet, value) pairs of a saved page, kept in ``search.PageFacet``."""
        return ()

    def narrow(
        self, queryset: QuerySet, result_type: ResultType, name: str, value, context: SearchContext
    ) -> QuerySet | None:
        """The type's pages with ``value``; None when the type has no such values."""
        return None

    def choices(self, name: str, locale: Locale) -> list[tuple[str, str]]:
        """The values a reader may filter on."""
        return []

    def labelled(self, name: str, counter: Counter, context: SearchContext) -> list[FacetValue]:
        """The counted values as shown (only those a reader may see)."""
        return by_count(counter, str)

    def through(self, name: str, context: SearchContext) -> dict[str, str]:
        """For a ``through`` facet: its value for each value of the facet it counts through."""
        return {}

    def card_labels(
        self, name: str, values: list[str], result_type: ResultType, context: SearchContext
    ) -> list[str]:
        """For a ``card`` facet: what a result's card names of its stored values."""
        return []


_types: dict[str, ResultType] = {}
_providers: list[FacetProvider] = []


def register_result_type(result_type: ResultType) -> None:
    if result_type.slug in _types:
        raise ValueError(f"A search result type {result_type.slug!r} is already registered.")
    _types[result_type.slug] = result_type


def register_facets(provider: FacetProvider) -> None:
    taken = {facet.name for _provider, facet in provided_facets()}
    for facet in provider.facets:
        if not FACET_NAME_RE.match(facet.name) or facet.name in RESERVED_NAMES | taken:
            raise ValueError(f"{facet.name!r} cannot name a search facet.")
    _providers.append(provider)


@contextmanager
def register_temporarily(*entries: ResultType | FacetProvider) -> Iterator[None]:
    """Register types and providers for the ``with`` block only (tests), as
    ``wagtail.hooks.register_temporarily`` does for hooks."""
    for entry in entries:
        (register_result_type if isinstance(entry, ResultType) else register_facets)(entry)
    try:
        yield
    finally:
        for entry in entries:
            if isinstance(entry, ResultType):
                _types.pop(entry.slug, None)
            elif entry in _providers:
                _providers.remove(entry)


def result_types() -> list[ResultType]:
    return sorted(_types.values(), key=lambda result_type: result_type.order)


def get_result_type(slug: str) -> ResultType | None:
    return _types.get(slug)


def type_of(model: type) -> ResultType | None:
    """The registered type of exactly this model (a subclass is a type of its own)."""
    return next((t for t in _types.values() if t.model is model), None)


def providers() -> list[FacetProvider]:
    return list(_providers)


def provided_facets() -> list[tuple[FacetProvider, Facet]]:
    """Every registered facet with its provider, in order (after the built-in type facet)."""
    pairs = [(provider, facet) for provider in _providers for facet in provider.facets]
    return sorted(pairs, key=lambda pair: pair[1].order)
