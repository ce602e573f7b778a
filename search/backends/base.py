"""What the hub's PostgreSQL and SQLite backends share: the query planning for the index,
the ranked search (``search.backends.ranking``) and its safe autocomplete, the reader
language of an alias."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, transaction
from modelsearch.query import Fuzzy, MatchAll, Not, PlainText

from ..analysis import Term, autocomplete_terms
from .indexing import Role
from .ranking import ordering, score, terms_of

# The index table lives in memory or on SSD: a random page costs about what a sequential
# one does. With PostgreSQL's default (4, for spinning disks) the planner reads the whole
# index table and tests every row (~170 ms at 10k pages) rather
# than ask the GIN index (~5 ms), once a term is in more than a third of the pages.
RANDOM_PAGE_COST = "1.1"


@contextmanager
def index_planning(using: str = "default") -> Iterator[None]:
    """Plan the statements inside for data in memory (``RANDOM_PAGE_COST``), so matches
    come from the GIN index however common the term. The setting is local to the
    transaction, which this opens when none is open; nested uses set it once."""
    database = connections[using]
    if database.vendor != "postgresql" or getattr(database, "hub_index_planning", False):
        yield
        return
    with transaction.atomic(using=using, savepoint=False):
        with database.cursor() as cursor:
            cursor.execute("SELECT set_config('random_page_cost', %s, true)", [RANDOM_PAGE_COST])
        database.hub_index_planning = True
        try:
            yield
        finally:
            database.hub_index_planning = False


def fetch_planned(sql: str, params: list, using: str = "default") -> list[tuple]:
    """Rows of one statement planned as ``index_planning`` plans, in one round trip.

    Outside a transaction, PostgreSQL runs ``set_config(..., true); statement`` sent as
    one (simple-protocol) query in one implicit transaction, so the setting holds for the
    statement alone, without BEGIN and COMMIT. Inside a transaction, or with server-side
    parameter binding (one statement per query), it falls back to ``index_planning``."""
    database = connections[using]
    one_trip = (
        database.vendor == "postgresql"
        and not database.in_atomic_block
        and not getattr(database, "hub_index_planning", False)
        and not database.settings_dict.get("OPTIONS", {}).get("server_side_binding")
    )
    if not one_trip:
        with index_planning(using), database.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with database.cursor() as cursor:
        cursor.execute(f"SELECT set_config('random_page_cost', %s, true); {sql}", [RANDOM_PAGE_COST, *params])
        cursor.nextset()
        return cursor.fetchall()


class RankedSearchMixin:
    """A search compiler that matches and ranks as ``search.backends.ranking`` says; the
    backend tells how its index is asked (``matching`` and ``match_test``). Queries without
    a searchable word ("((", "!!") find nothing instead of failing in SQL."""

    language = "da"

    def matching(self, queryset, terms: list[Term], operator: str):
        """``queryset`` narrowed to the objects whose index entry matches the terms."""
        raise NotImplementedError

    def match_test(self, term: Term, role: Role, part: bool):
        raise NotImplementedError

    def search(self, config, start, stop, score_field=None, **kwargs):
        if isinstance(self.query, MatchAll | Fuzzy | Not):
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        terms, operator = terms_of(self.query, self.language)
        if not terms:
            return self.queryset.none()
        queryset = self.matching(self.queryset, terms, operator)
        name = score_field or "_score_"
        if self.order_by_relevance or score_field:
            queryset = queryset.annotate(**{name: score(terms, self.match_test)})
        if self.order_by_relevance:
            queryset = queryset.order_by(*ordering(name))
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages (wagtail#3729)
        return queryset[start:stop]


class SafeAutocompleteMixin:
    """Autocomplete queries reduced to their normalised words, so quotes or operators
    cannot break SQL and "aarsballe" suggests "Årsballe"."""

    language = "da"

    def search(self, config, start, stop, score_field=None, **kwargs):
        if isinstance(self.query, PlainText):
            words = " ".join(autocomplete_terms(self.query.query_string, self.language))
            if not words:
                return self.queryset.none()
            self.query = PlainText(words, operator=self.query.operator)
        return super().search(config, start, stop, score_field=score_field, **kwargs)


class LanguageCompilerMixin:
    """The compiler learns its backend alias's reader language from the configuration."""

    def get_config(self, backend):
        self.language = backend.language
        return super().get_config(backend)


class LanguageMixin:
    """The alias's reader language, from the ``LANGUAGE`` parameter."""

    def __init__(self, params):
        super().__init__(params)
        self.language = params.get("LANGUAGE", "da")
