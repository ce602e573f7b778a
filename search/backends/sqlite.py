"""SQLite FTS5: stems computed in Python, the role and kind of every word kept as a marker,
matches ranked by ``search.backends.ranking``.

FTS5 neither stems nor weighs words, so the hub writes the tokens itself
(``search.backends.indexing``): stems in order, then the stems of the compounds' parts,
each with a marker letter saying its role and kind (``MARKS``; ``search.analysis`` keeps
these letters out of every word). The title goes in FTS5's ``title`` column, everything
else in ``body``. A query term's test for one role and kind is one FTS5 query
(``{body} : "ǂpandemi"``), asked once per statement: the score costs a lookup per match
and term, not a query per match.
"""

from __future__ import annotations

from django.db.models import BooleanField, F, Func, Value
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from ..analysis import Analysis, Term
from .base import LanguageCompilerMixin, LanguageMixin, RankedSearchMixin, SafeAutocompleteMixin
from .indexing import AnalysingIndexMixin, Role
from .ranking import PART, WHOLE, kinds

# The FTS5 column and the marker of a role's words (WHOLE) and compound parts (PART).
MARKS: dict[tuple[Role, bool], tuple[str, str]] = {
    (Role.TITLE, WHOLE): ("title", ""),
    (Role.TITLE, PART): ("title", "ǂ"),
    (Role.SUMMARY, WHOLE): ("body", "ǁ"),
    (Role.SUMMARY, PART): ("body", "ǃ"),
    (Role.BODY, WHOLE): ("body", ""),
    (Role.BODY, PART): ("body", "ǂ"),
}


def marked(analysis: Analysis, role: Role) -> str:
    """The index writer of this backend: the field's stems, then its compounds' part
    stems, marked (the words stay next to each other, for phrases)."""
    whole, part = MARKS[(role, WHOLE)][1], MARKS[(role, PART)][1]
    return " ".join([whole + stem for stem in analysis.stems] + [part + stem for stem in analysis.part_stems])


class HubSQLiteIndex(AnalysingIndexMixin, SQLiteIndex):
    """FTS5 does not stem: the index holds the hub's marked stems."""

    writer = staticmethod(marked)


def fts_phrase(term: Term, mark: str) -> str:
    """An FTS5 phrase of the term's stems with ``mark``; stems hold letters and digits
    only (``search.analysis.WORD_RE``), so the quotes are enough."""
    return '"' + " ".join(mark + stem for stem in term.stems) + '"'


def fts_query(term: Term, role: Role | None = None, part: bool | None = None) -> str:
    """The FTS5 query for a term in one role and kind, or in any (``role`` None)."""
    if role is None:
        return "(" + " OR ".join(fts_query(term, *pair) for pair in kinds(term)) + ")"
    column, mark = MARKS[(role, part)]
    return f"{{{column}}} : {fts_phrase(term, mark)}"


class InFts(Func):
    """``entry_id IN (the rows that match an FTS5 query)``, a condition; SQLite runs the
    uncorrelated subquery once per statement."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, entry_id, match: str):
        super().__init__(entry_id, Value(match))

    def as_sql(self, compiler, connection, **extra_context):
        (entry, entry_params), (match, match_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        return (
            f"({entry} IN (SELECT rowid FROM {table} WHERE {table} MATCH {match}))",  # noqa: S608 - the table's name
            [*entry_params, *match_params],
        )


class HubSQLiteQueryCompiler(RankedSearchMixin, LanguageCompilerMixin, SQLiteSearchQueryCompiler):
    def matching(self, queryset, terms, operator):
        joiner = " AND " if operator == "and" else " OR "
        match = joiner.join(fts_query(term) for term in terms)
        entries = (
            get_app_config()
            .get_model("IndexEntry")
            .objects.filter(content_type_id__in=get_descendants_content_types_pks(queryset.model))
        )
        return queryset.filter(pk__in=entries.filter(InFts(F("id"), match)).values("object_id"))

    def match_test(self, term, role, part):
        return InFts(F("index_entries__id"), fts_query(term, role, part))


class HubSQLiteAutocompleteQueryCompiler(
    SafeAutocompleteMixin, LanguageCompilerMixin, SQLiteAutocompleteQueryCompiler
):
    pass


class HubSQLiteSearchBackend(LanguageMixin, SQLiteSearchBackend):
    query_compiler_class = HubSQLiteQueryCompiler
    autocomplete_query_compiler_class = HubSQLiteAutocompleteQueryCompiler
    index_class = HubSQLiteIndex
