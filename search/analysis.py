"""How the hub reads text for search, in Danish and English: the one pipeline.

The same steps run on indexed text (``search.backends.indexing``) and on queries, so both
sides always agree, on SQLite and PostgreSQL alike:

1. ``normalize``: lower case; the Danish spelling variants folded together (``aa`` ->
   ``å``, ``ä`` -> ``æ``, ``ö`` -> ``ø``), so "Aarsballe" finds "Årsballe"; thousand
   separators dropped ("20.000" in Danish, "20,000" in English, is 20000);
2. ``words``: the normalised text split into words, at anything that is not a letter
   or a digit, so "Bredsten-Gadbjerg-Skibet" is three words and "2015–2022" two; the
   stop words PostgreSQL's ``danish`` and ``english`` configurations drop are dropped
   here too (``search/data/stopwords-*.txt``, Snowball's lists);
3. ``compound_parts``: Danish compounds split into their parts (``search.compounds``):
   "coronapandemien" also gives "corona" and "pandemien";
4. ``stem``: Snowball stemming, the algorithm of PostgreSQL's ``danish`` and ``english``
   configurations, so "mødesteder" and "mødestedernes" are both "mødested".

``analyse(text, language)`` runs it all on a text (what an index stores: ``Analysis``),
``query_terms`` and ``query`` on a reader's query. SQLite indexes the stems and part
stems; PostgreSQL is given the words and parts and stems them itself. A query word is
matched as a whole stem, never as a prefix: "kommunen" finds "kommune" and "kommuner",
not "kommunikation"; it finds compounds through their parts ("klynge" finds
"landsbyklyngen"). Suggestions match the word being typed as a prefix
(``autocomplete_terms``).

The module has no Django state, so other code (the archive's offline search) can run
the same analysis: ``analyse("Coronapandemien ramte alle", "da").stems``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from django.utils.encoding import force_str

from .compounds import Decompounder, read_words

# Letters and digits; the click letters ǀ ǁ ǂ ǃ (U+01C0-U+01C3), which no Danish or
# English word holds, never belong to a word: the SQLite index marks tokens with them.
WORD_RE = re.compile(r"[^\W_\u01c0-\u01c3]+", re.UNICODE)
PHRASE_RE = re.compile(r'"([^"]*)"')
MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 60

SNOWBALL = {"da": "danish", "en": "english"}
POSTGRES_CONFIG = {"da": "danish", "en": "english"}
DEFAULT_LANGUAGE = "da"
DATA_DIR = Path(__file__).resolve().parent / "data"

_FOLDS = (("aa", "å"), ("ä", "æ"), ("ö", "ø"))
# A separator between groups of three digits: "20.000", "1.250.000" (Danish), "20,000"
# (English), or a (narrow) no-break space.
_THOUSANDS = {
    "da": re.compile(r"(?<=\d)[.\u00a0\u202f](?=\d{3}(?!\d))"),
    "en": re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}(?!\d))"),
}


@dataclass(frozen=True)
class Analysis:
    """A text as an index stores it: its words (normalised, stop words left out) and
    the parts of its compounds, each as words and as stems."""

    language: str
    words: tuple[str, ...]
    parts: tuple[str, ...]

    @property
    def stems(self) -> list[str]:
        return [stem(word, self.language) for word in self.words]

    @property
    def part_stems(self) -> list[str]:
        return [stem(part, self.language) for part in self.parts]


@dataclass(frozen=True)
class Term:
    """What a query asks for: one word, or the words of a quoted phrase."""

    words: tuple[str, ...]
    language: str

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def stems(self) -> list[str]:
        return [stem(word, self.language) for word in self.words]


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
    return _THOUSANDS.get(language, _THOUSANDS["da"]).sub("", text)


_local = threading.local()


def _stemmer(language: str):
    """This thread's Snowball stemmer for ``language``: a snowballstemmer object keeps the
    word it is working on in its own attributes, so one shared between threads (gunicorn's
    threaded workers, the indexing tasks) can hand one thread's word to another."""
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        name = SNOWBALL.get(language, SNOWBALL[DEFAULT_LANGUAGE])
        stemmer = stemmers[language] = snowballstemmer.stemmer(name)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


@cache
def stop_words(language: str) -> frozenset[str]:
    """The words PostgreSQL's configuration for ``language`` drops (Snowball's list)."""
    path = DATA_DIR / f"stopwords-{language if language in SNOWBALL else DEFAULT_LANGUAGE}.txt"
    return frozenset(normalize(word, language) for word in path.read_text(encoding="utf-8").split())


@cache
def decompounder() -> Decompounder:
    """The Danish decompounder over the shipped word list (``search.compounds``)."""
    return Decompounder(read_words(), lambda word: stem(word, "da"))


def compound_parts(word: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """What a normalised word adds to the index as parts of a compound: its parts and
    the runs of them shorter than the word; () for a word that is no compound, and for
    every English word."""
    return decompounder().parts(word) if language == "da" else ()


def words(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The text's words, normalised, stop words left out."""
    stop = stop_words(language)
    return [word for word in WORD_RE.findall(normalize(text, language)) if word not in stop]


def stems(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return [stem(word, language) for word in words(text, language)]


def analyse(text: str, language: str = DEFAULT_LANGUAGE) -> Analysis:
    """The text as an index stores it (see ``Analysis``)."""
    found = words(text, language)
    parts = [part for word in found for part in compound_parts(word, language)]
    return Analysis(language, tuple(found), tuple(parts))


def query(text: str, language: str = DEFAULT_LANGUAGE) -> list[Term]:
    """A reader's query as terms: each quoted phrase one term, every other word one,
    without repeats, at most ``MAX_QUERY_TERMS`` words in all. Quotes that do not pair
    up are ignored."""
    terms: list[Term] = []
    seen, budget = set(), MAX_QUERY_TERMS
    pieces = PHRASE_RE.split(text)
    for index, piece in enumerate(pieces):
        found = [word[:MAX_TERM_LENGTH] for word in words(piece, language)]
        groups = [found] if index % 2 and len(found) > 1 else [[word] for word in found]
        for group in groups:
            key = tuple(group)
            if key in seen or len(group) > budget:
                continue
            seen.add(key)
            budget -= len(group)
            terms.append(Term(key, language))
    return terms


def query_terms(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The searchable words of a reader's query, normalised, without operators, noise or
    stop words."""
    return list(dict.fromkeys(word for term in query(text, language) for word in term.words))


def query_stems(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    return list(dict.fromkeys(stem(word, language) for word in query_terms(text, language)))


def autocomplete_terms(text: str, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Words of a half-typed query for title prefix matching: normalised (titles are
    indexed normalised for suggestions), stop words kept, as a reader types them."""
    return [word[:MAX_TERM_LENGTH] for word in WORD_RE.findall(normalize(text, language))][:MAX_QUERY_TERMS]
