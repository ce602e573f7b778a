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
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from ..analysis import POSTGRES_CONFIG, language_of, normalize, query_terms
from .base import LanguageCompilerMixin, LanguageMixin, SafeAutocompleteMixin, combine, index_planning
from .indexing import AnalysingIndexMixin

# The configuration of the objects being indexed right now (the indexer reads
# ``backend.config`` once per object, so add_items sets it per language group).
_indexing_config: contextvars.ContextVar[str | None] = contextvars.ContextVar("indexing_config", default=None)

LANGUAGE_OF_CONFIG = {config: language for language, config in POSTGRES_CONFIG.items()}


class HubPostgresIndex(AnalysingIndexMixin, PostgresIndex):
    """Text normalised by the hub (PostgreSQL stems it), each language group indexed with
    its own configuration."""

    analyser = staticmethod(normalize)

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


class MatchWithoutSelectingMixin:
    """Match on ``title || body`` without selecting it.

    modelsearch annotates the concatenated vector, so every match's vectors are
    decompressed and joined once more just to be returned and thrown away (and the
    ranked sort carries them). ``alias()`` filters on the same expression, unselected.
    """

    def search(self, config, start, stop, score_field=None, backend=None, **kwargs):
        unsupported = isinstance(self.query, MatchAll | Fuzzy) or (
            isinstance(self.query, Not) and isinstance(self.query.subquery, MatchAll)
        )
        if unsupported:
            return super().search(config, start, stop, score_field=score_field, backend=backend, **kwargs)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = combined_vector._combine(vector, "||", False)
        queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class HubPostgresQueryCompiler(
    LanguageCompilerMixin, MatchWithoutSelectingMixin, PostgresSearchQueryCompiler
):
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


class HubPostgresAutocompleteQueryCompiler(
    SafeAutocompleteMixin, MatchWithoutSelectingMixin, PostgresAutocompleteQueryCompiler
):
    pass


class HubPostgresSearchResults(PostgresSearchResults):
    """Results fetched and counted with ``index_planning``."""

    def _using(self) -> str:
        return self.query_compiler.queryset.db

    def _do_search(self):
        with index_planning(self._using()):
            return super()._do_search()

    def _do_count(self):
        with index_planning(self._using()):
            return super()._do_count()


class HubPostgresSearchBackend(LanguageMixin, PostgresSearchBackend):
    query_compiler_class = HubPostgresQueryCompiler
    autocomplete_query_compiler_class = HubPostgresAutocompleteQueryCompiler
    index_class = HubPostgresIndex
    results_class = HubPostgresSearchResults

    @property
    def config(self):
        return _indexing_config.get() or POSTGRES_CONFIG[self.language]

    @config.setter
    def config(self, value):
        """Ignored: the configuration follows the language, not SEARCH_CONFIG."""
