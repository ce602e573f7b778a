"""How the hub reads text for search, in Danish and English: the one pipeline.

The same steps run on indexed text (``search.backends.indexing``) and on queries, so both
sides always agree:

1. ``normalize``: lower case, and the Danish spelling variants folded together (``aa`` ->
   ``å``, ``ä`` -> ``æ``, ``ö`` -> ``ø``), so "Aarsballe" finds "Årsballe"; ``words``
   splits the normalised text into words;
2. (to come: Danish compounds split into their parts, between ``words`` and ``stem``);
3. ``stem``: Snowball stemming (the algorithm PostgreSQL's ``danish`` and ``english`` text
   search configurations use), so "mødesteder" and "mødestedernes" find "mødested".

SQLite indexes the stems (``analyse``); PostgreSQL stems by itself and is given the
normalised text (``normalize``). Every query term is matched as a prefix of the indexed
stems, so a word also finds the compounds that begin with it ("klynge" finds
"klyngesamarbejdet").
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from django.utils.encoding import force_str

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
PHRASE_RE = re.compile(r'"([^"]*)"')
MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 60

SNOWBALL = {"da": "danish", "en": "english"}
POSTGRES_CONFIG = {"da": "danish", "en": "english"}
DEFAULT_LANGUAGE = "da"

_FOLDS = (("aa", "å"), ("ä", "æ"), ("ö", "ø"))


def language_of(obj) -> str:
    """The analysis language of an indexed object: its locale's, Danish when it has none."""
    locale = getattr(obj, "locale", None)
    code = getattr(locale, "language_code", DEFAULT_LANGUAGE)
    return code if code in SNOWBALL else DEFAULT_LANGUAGE


def flatten(value) -> str:
    """A field's value as one text: lists and dicts (StreamField data) joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    if isinstance(value, list | tuple):
        return " ".join(flatten(item) for item in value)
    return force_str(value)


def normalize(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    text = text.lower()
    if language == "da":
        for old, new in _FOLDS:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(SNOWBALL.get(language, SNOWBALL[DEFAULT_LANGUAGE]))


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def words(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return WORD_RE.findall(normalize(text, language))


def stems(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return [stem(word, language) for word in words(text, language)]


def analyse(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Indexed text for an engine that does not stem (SQLite FTS5): its stems, in order."""
    return " ".join(stems(text, language))


def query_terms(query: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The searchable words of a reader's query, normalised, without operators or noise."""
    terms = [word[:MAX_TERM_LENGTH] for word in words(query, language)]
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def autocomplete_terms(query: str) -> list[str]:
    """Words of a half-typed query for title prefix matching (titles are indexed as written)."""
    return [word[:MAX_TERM_LENGTH] for word in WORD_RE.findall(query.lower())][:MAX_QUERY_TERMS]


def query_stems(query: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return list(dict.fromkeys(stem(term, language) for term in query_terms(query, language)))
