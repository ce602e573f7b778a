"""SQLite FTS5: stems computed in Python (``search.backends.indexing``), prefix queries."""

from __future__ import annotations

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Or, Phrase, PlainText

from ..analysis import analyse, query_stems
from .base import LanguageCompilerMixin, LanguageMixin, SafeAutocompleteMixin, combine
from .indexing import AnalysingIndexMixin


class HubSQLiteIndex(AnalysingIndexMixin, SQLiteIndex):
    """FTS5 does not stem: the index holds the hub's stems."""

    analyser = staticmethod(analyse)


class HubSQLiteQueryCompiler(LanguageCompilerMixin, SQLiteSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = "da"

    def get_config(self, backend):
        self.language = backend.language
        return backend.language

    def build_search_query_content(self, query, config=None):
        language = config or "da"
        if isinstance(query, PlainText):
            lexemes = [Lexeme(stem, prefix=True) for stem in query_stems(query.query_string, language)]
            combined = combine(lexemes, query.operator)
            return None if combined is None else SearchQueryExpression(combined, config=config)
        if isinstance(query, Phrase):
            stems = query_stems(query.query_string, language)
            return SearchQueryExpression(" ".join(stems)) if stems else None
        if isinstance(query, And | Or):
            parts = [
                self.build_search_query_content(subquery, config=config) for subquery in query.subqueries
            ]
            return combine(parts, "and" if isinstance(query, And) else "or")
        return super().build_search_query_content(query, config=config)


class HubSQLiteAutocompleteQueryCompiler(SafeAutocompleteMixin, SQLiteAutocompleteQueryCompiler):
    pass


class HubSQLiteSearchBackend(LanguageMixin, SQLiteSearchBackend):
    query_compiler_class = HubSQLiteQueryCompiler
    autocomplete_query_compiler_class = HubSQLiteAutocompleteQueryCompiler
    index_class = HubSQLiteIndex
