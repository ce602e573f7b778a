"""What the hub's PostgreSQL and SQLite backends share: the query planning for the index,
queries without words, safe autocomplete, the reader language of an alias."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import reduce

from django.db import connections, transaction
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from ..analysis import autocomplete_terms, query_terms

# The index table lives in memory or on SSD: a random page costs about what a sequential
# one does. With PostgreSQL's default (4, for spinning disks) the planner reads the whole
# index table and builds ``title || body`` for every row (~170 ms at 10k pages) rather
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


def has_terms(query, language: str) -> bool:
    """Whether a parsed query holds any searchable word (``"(("`` or ``"!!"`` do not)."""
    if isinstance(query, PlainText | Phrase):
        return bool(query_terms(query.query_string, language))
    if isinstance(query, And | Or):
        return any(has_terms(subquery, language) for subquery in query.subqueries)
    if isinstance(query, Not | Boost):
        return has_terms(query.subquery, language)
    return True


def combine(parts: list, operator: str):
    """AND or OR the non-empty parts together; None when there are none."""
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    if operator.lower() == "and":
        return reduce(lambda a, b: a & b, parts)
    return reduce(lambda a, b: a | b, parts)


class LanguageCompilerMixin:
    """Empty queries find nothing instead of failing in SQL."""

    def search(self, config, start, stop, score_field=None, **kwargs):
        if not has_terms(self.query, self.language):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, **kwargs)


class SafeAutocompleteMixin:
    """Autocomplete queries reduced to their words, so quotes or operators cannot break SQL."""

    def search(self, config, start, stop, score_field=None, **kwargs):
        if isinstance(self.query, PlainText):
            words = " ".join(autocomplete_terms(self.query.query_string))
            if not words:
                return self.queryset.none()
            self.query = PlainText(words, operator=self.query.operator)
        return super().search(config, start, stop, score_field=score_field, **kwargs)


class LanguageMixin:
    """The alias's reader language, from the ``LANGUAGE`` parameter."""

    def __init__(self, params):
        super().__init__(params)
        self.language = params.get("LANGUAGE", "da")
