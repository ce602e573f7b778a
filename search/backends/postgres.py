"""PostgreSQL: each object indexed with its own language's configuration, prefix queries."""

from __future__ import annotations

import contextvars
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, Phrase, PlainText

from ..analysis import POSTGRES_CONFIG, language_of, query_terms
from . import LanguageCompilerMixin, LanguageMixin, SafeAutocompleteMixin, combine

# The configuration of the objects being indexed right now (the indexer reads
# ``backend.config`` once per object, so add_items sets it per language group).
_indexing_config: contextvars.ContextVar[str | None] = contextvars.ContextVar("indexing_config", default=None)

LANGUAGE_OF_CONFIG = {config: language for language, config in POSTGRES_CONFIG.items()}


class HubPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = defaultdict(list)
        for obj in objs:
            by_config[POSTGRES_CONFIG[language_of(obj)]].append(obj)
        for config, group in by_config.items():
            token = _indexing_config.set(config)
            try:
                super().add_items(model, group)
            finally:
                _indexing_config.reset(token)


class HubPostgresQueryCompiler(LanguageCompilerMixin, PostgresSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = "da"

    def get_config(self, backend):
        self.language = backend.language
        return POSTGRES_CONFIG[backend.language]

    def build_tsquery_content(self, query, config=None, invert=False):
        language = LANGUAGE_OF_CONFIG.get(config, "da")
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string, language)
            combined = combine([Lexeme(term, invert=invert, prefix=True) for term in terms], query.operator)
            return None if combined is None else SearchQuery(combined, search_type="raw", config=config)
        if isinstance(query, Phrase):
            phrase = " ".join(query_terms(query.query_string, language))
            return SearchQuery(phrase, search_type="phrase", config=config) if phrase else None
        if isinstance(query, And | Or):
            parts = [
                self.build_tsquery_content(subquery, config=config, invert=invert)
                for subquery in query.subqueries
            ]
            is_and = isinstance(query, And) != invert
            return combine(parts, "and" if is_and else "or")
        return super().build_tsquery_content(query, config=config, invert=invert)


class HubPostgresAutocompleteQueryCompiler(SafeAutocompleteMixin, PostgresAutocompleteQueryCompiler):
    pass


class HubPostgresSearchBackend(LanguageMixin, PostgresSearchBackend):
    query_compiler_class = HubPostgresQueryCompiler
    autocomplete_query_compiler_class = HubPostgresAutocompleteQueryCompiler
    index_class = HubPostgresIndex

    @property
    def config(self):
        return _indexing_config.get() or POSTGRES_CONFIG[self.language]

    @config.setter
    def config(self, value):
        """Ignored: the configuration follows the language, not SEARCH_CONFIG."""
