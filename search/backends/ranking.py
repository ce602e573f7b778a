"""The hub's ranking, the same on SQLite and PostgreSQL: what a query asks for, and how a
match scores.

A query is a list of terms (``search.analysis.Term``: a word, or a quoted phrase). A page
matches a term where the term's stems stand in one of its fields, as a word of the text
itself ("whole") or only as a part of a compound ("part": "pandemi" in
"coronapandemien"); phrases match whole words only. Each match has a weight by field role
and kind (``WEIGHTS``), in the order readers expect:

    title   > summary   > part of a compound in the title > ... in a summary
            > body (the body text, a report's PDF)  > part of a compound in the body

For every term it matches, a page scores ``FOUND`` plus the weight of its best match of
that term. ``FOUND`` is larger than the weights of all terms together can be, so a page
that has every query word is above one that has some, then a match in a title is above
one in a summary, and a word itself is above the same word inside a compound in the same
field. Ties go to the shorter page (the one most about the words: the index entry's
``title_norm`` holds its ``focus``), then the newer page. Each backend only says how to
test one match (``MatchTest``); the score is built here, once for both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import add

from django.db.models import Case, Expression, F, FloatField, Value, When
from modelsearch.query import And, Boost, Or, Phrase, PlainText

from ..analysis import MAX_QUERY_TERMS, Term, query, words
from .indexing import Role

WHOLE, PART = False, True
WEIGHTS: dict[tuple[Role, bool], float] = {
    (Role.TITLE, WHOLE): 1.0,
    (Role.SUMMARY, WHOLE): 0.7,
    (Role.TITLE, PART): 0.5,
    (Role.SUMMARY, PART): 0.35,
    (Role.BODY, WHOLE): 0.2,
    (Role.BODY, PART): 0.1,
}
# More than the best weights of MAX_QUERY_TERMS terms together.
FOUND = 100.0
assert MAX_QUERY_TERMS * max(WEIGHTS.values()) < FOUND  # noqa: S101 - a design invariant

# (term, role, part) -> a boolean expression: whether the index entry matches the term
# in that role and kind.
MatchTest = Callable[[Term, Role, bool], Expression]


def kinds(term: Term) -> list[tuple[Role, bool]]:
    """The (role, kind) pairs a term can match in, the best first: a phrase only as
    whole words."""
    pairs = sorted(WEIGHTS, key=WEIGHTS.__getitem__, reverse=True)
    return [pair for pair in pairs if not (term.is_phrase and pair[1] is PART)]


def terms_of(search_query, language: str) -> tuple[list[Term], str]:
    """The terms of a parsed query and its operator ("and": a page must match every term;
    "or": any, ranked by how many)."""
    if isinstance(search_query, PlainText):
        return query(search_query.query_string, language), search_query.operator
    if isinstance(search_query, Phrase):
        found = tuple(words(search_query.query_string, language))
        return ([Term(found, language)] if found else []), "and"
    if isinstance(search_query, Boost):
        return terms_of(search_query.subquery, language)
    if isinstance(search_query, And | Or):
        terms: list[Term] = []
        for subquery in search_query.subqueries:
            terms += terms_of(subquery, language)[0]
        return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS], "and" if isinstance(search_query, And) else "or"
    raise NotImplementedError(f"The hub's search does not support {type(search_query).__name__} queries.")


def score(terms: list[Term], test: MatchTest) -> Expression:
    """A page's score for ``terms`` (see the module's docstring): per term, the first
    match of its kinds, best first, decides."""
    parts = [
        Case(
            *[When(test(term, *pair), then=Value(FOUND + WEIGHTS[pair])) for pair in kinds(term)],
            default=Value(0.0),
            output_field=FloatField(),
        )
        for term in terms
    ]
    return reduce(add, parts)


def ordering(score_name: str) -> list:
    """The order of ranked results: score, then the shorter title, then the newer page."""
    return [F(score_name).desc(), F("index_entries__title_norm").desc(nulls_last=True), F("pk").desc()]
