"""PostgreSQL: each object indexed with its own language's configuration, the role and kind
of every word kept as its weight, matches ranked by ``search.backends.ranking``.

The index entry's ``title`` vector holds the title's words (weight A) and the parts of its
compounds (B); ``body`` holds the summaries' words (A) and parts (B) and the body's words
(C) and parts (D). PostgreSQL stems them (``danish`` or ``english``); the hub has already
normalised the text, dropped the stop words and split the compounds
(``search.analysis``). A query term is a weight-restricted tsquery per role and kind
(``'kommunen':C`` matches "kommune" in the body); the match asks the title and the body
vectors each, served by their GIN indexes (migration ``hubsearch.0004``).
"""

from __future__ import annotations

from functools import reduce
from operator import and_

from django.db.models import BooleanField, F, Func, Value
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.utils import get_content_type_pk

from ..analysis import POSTGRES_CONFIG, Term, language_of
from .base import (
    LanguageCompilerMixin,
    LanguageMixin,
    RankedSearchMixin,
    SafeAutocompleteMixin,
    index_planning,
)
from .indexing import AnalysedAutocompleteField, Role, analysed
from .ranking import PART, WHOLE

# Which vector and weight hold a role's words (WHOLE) and compound parts (PART).
COLUMNS: dict[tuple[Role, bool], tuple[str, str]] = {
    (Role.TITLE, WHOLE): ("title", "A"),
    (Role.TITLE, PART): ("title", "B"),
    (Role.SUMMARY, WHOLE): ("body", "A"),
    (Role.SUMMARY, PART): ("body", "B"),
    (Role.BODY, WHOLE): ("body", "C"),
    (Role.BODY, PART): ("body", "D"),
}


class HubPostgresIndex(PostgresIndex):
    """Index entries written by the hub: each role's words and compound parts with their
    own weight (``COLUMNS``), in the configuration of the object's language."""

    def add_items(self, model, objs):
        pairs = {
            column: [pair for pair, (name, _weight) in COLUMNS.items() if name == column]
            for column in ("title", "body")
        }
        vector = {
            column: " || ".join(
                f"setweight(to_tsvector(%s::regconfig, %s), '{COLUMNS[pair][1]}')" for pair in pairs[column]
            )
            for column in pairs
        }
        row = f"(%s, %s, {vector['title']}, to_tsvector('simple', %s), {vector['body']}, %s, %s, %s)"
        content_type = get_content_type_pk(model)
        rows, params = [], []
        for obj in objs:
            config = POSTGRES_CONFIG[language_of(obj)]
            texts: dict[object, list[str]] = {key: [] for key in [*COLUMNS, "autocomplete"]}
            length = 0
            for field, value in analysed(obj):
                if isinstance(field, AnalysedAutocompleteField):
                    texts["autocomplete"].append(value)
                    continue
                analysis, role = value
                texts[(role, WHOLE)].append(" ".join(analysis.words))
                texts[(role, PART)].append(" ".join(analysis.parts))
                length += len(analysis.words) + len(analysis.parts)

            rows.append(row)
            weighted = {
                column: [value for pair in pairs[column] for value in (config, " ".join(texts[pair]))]
                for column in pairs
            }
            params += [content_type, str(obj.pk), *weighted["title"], " ".join(texts["autocomplete"])]
            params += [*weighted["body"], 1.0 / (1 + length), " ".join(texts[(Role.TITLE, WHOLE)])]
            params.append(
                " ".join(text for pair in pairs["body"] if pair[1] is WHOLE for text in texts[pair])
            )
        if not rows:
            return
        table = self.entries.model._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,"  # noqa: S608 - the table's name; values are parameters
                f" title_text, body_text) VALUES {', '.join(rows)}"
                " ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,"
                " title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )

    def _refresh_title_norms(self, full=False):
        """Not modelsearch's title lengths: ``title_norm`` holds the entry's focus
        (``search.backends.indexing.focus``), written with it."""


class TsMatch(Func):
    """``vector @@ to_tsquery(config, query)``, a condition."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, vector, config: str, tsquery: str):
        super().__init__(vector, Value(config), Value(tsquery))

    def as_sql(self, compiler, connection, **extra_context):
        (vector, vector_params), (config, config_params), (tsquery, tsquery_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return (
            f"({vector} @@ to_tsquery({config}::regconfig, {tsquery}))",
            [*vector_params, *config_params, *tsquery_params],
        )


def tsquery_text(term: Term, weight: str = "") -> str:
    """A term as tsquery text: ``'word':C``, or a phrase ``'a':C <-> 'b':C``. Words hold
    letters and digits only (``search.analysis.WORD_RE``), so quoting them is enough."""
    label = f":{weight}" if weight else ""
    return " <-> ".join(f"'{word}'{label}" for word in term.words)


class HubPostgresQueryCompiler(RankedSearchMixin, LanguageCompilerMixin, PostgresSearchQueryCompiler):
    @property
    def config(self) -> str:
        return POSTGRES_CONFIG[self.language]

    def matching(self, queryset, terms, operator):
        queryset = queryset.alias(_title_=F("index_entries__title"), _body_=F("index_entries__body"))

        def anywhere(tsquery: str):
            return TsMatch(F("_title_"), self.config, tsquery) | TsMatch(F("_body_"), self.config, tsquery)

        if operator == "and":  # every term, each in the title or the body
            return queryset.filter(reduce(and_, [anywhere(tsquery_text(term)) for term in terms]))
        return queryset.filter(anywhere(" | ".join(f"({tsquery_text(term)})" for term in terms)))

    def match_test(self, term, role, part):
        column, weight = COLUMNS[(role, part)]
        return TsMatch(F(f"index_entries__{column}"), self.config, tsquery_text(term, weight))


class HubPostgresAutocompleteQueryCompiler(
    SafeAutocompleteMixin, LanguageCompilerMixin, PostgresAutocompleteQueryCompiler
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
        return POSTGRES_CONFIG[self.language]

    @config.setter
    def config(self, value):
        """Ignored: the configuration follows the language, not SEARCH_CONFIG."""
