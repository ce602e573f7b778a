"""WAGTAILSEARCH_BACKENDS from the environment: configuration only, naming backends by
their dotted paths (the settings import no app).

One backend alias per reader language, each with its ``LANGUAGE`` (the search picks the
alias by it, ``search.conf.backend_for_language``); the default alias is Danish.

On Elasticsearch each language's index analyses text as ``search.analysis`` does on the
databases, as far as Elasticsearch's own filters go (``elasticsearch_analysis``): the
Danish spelling variants folded (aa, ä, ö), thousand separators dropped, the standard
tokenizer (which splits "Bredsten-Gadbjerg-Skibet" and "2015–2022"), lower case,
Snowball's stop words, Danish compounds split by a ``dictionary_decompounder`` over the
hub's own word list (``search/data/da-compound-words.tsv``, shipped inside the
settings, so the Elasticsearch server needs no file of ours), and Snowball stemming. The
decompounder runs on indexed text only: a part typed by a reader finds the compound.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LANGUAGE_ALIASES = {"da": "default", "en": "en"}

COMPOUND_WORDS = Path(__file__).resolve().parents[2] / "search" / "data" / "da-compound-words.tsv"
# As search.compounds: parts of at least three letters, words of at least two parts.
MIN_COMPOUND_PART = 3
MAX_COMPOUND_PART = 40

_THOUSANDS = {"da": r"(?<=\d)[.\u00a0\u202f](?=\d{3}(?!\d))", "en": r"(?<=\d)[,\u00a0\u202f](?=\d{3}(?!\d))"}
_DANISH_SPELLING = [
    f"{old} => {new}"
    for pairs in (("aa", "å"), ("ä", "æ"), ("ö", "ø"))
    for old, new in {
        (pairs[0], pairs[1]),
        (pairs[0].upper(), pairs[1].upper()),
        (pairs[0].capitalize(), pairs[1].upper()),
    }
]


@cache
def compound_words() -> tuple[str, ...]:
    """The words of the shipped compound word list (``word<TAB>zipf`` a line)."""
    lines = COMPOUND_WORDS.read_text(encoding="utf-8").splitlines()
    return tuple(line.split("\t", 1)[0] for line in lines if line and not line.startswith("#"))


def elasticsearch_analysis(language: str) -> dict:
    """The ``analysis`` settings of a language's index: its ``default`` analyzer for
    indexed text, ``default_search`` for queries (the same without the decompounder),
    and Wagtail's ``edgengram_analyzer`` for suggestions without ASCII folding, so a
    typed "å" finds "Årsballe" (Wagtail's own folds it to "a" when indexing only)."""
    char_filters = [f"hub_thousands_{language}"]
    if language == "da":
        char_filters.append("hub_danish_spelling")
    stop, stemmer = f"hub_stop_{language}", f"hub_stemmer_{language}"
    indexing = ["lowercase", stop, *(["hub_decompound_da"] if language == "da" else []), stemmer]
    filters = {
        stop: {"type": "stop", "stopwords": "_danish_" if language == "da" else "_english_"},
        # Snowball's Danish; "porter2" is Snowball's English, as PostgreSQL's english.
        stemmer: {"type": "stemmer", "language": "danish" if language == "da" else "porter2"},
    }
    if language == "da":
        filters["hub_decompound_da"] = {
            "type": "dictionary_decompounder",
            "word_list": list(compound_words()),
            "min_word_size": 2 * MIN_COMPOUND_PART,
            "min_subword_size": MIN_COMPOUND_PART,
            "max_subword_size": MAX_COMPOUND_PART,
            "only_longest_match": True,
        }
    char_filter = {
        f"hub_thousands_{language}": {
            "type": "pattern_replace",
            "pattern": _THOUSANDS[language],
            "replacement": "",
        }
    }
    if language == "da":
        char_filter["hub_danish_spelling"] = {"type": "mapping", "mappings": sorted(_DANISH_SPELLING)}

    def analyzer(token_filters: list[str]) -> dict:
        return {
            "type": "custom",
            "char_filter": char_filters,
            "tokenizer": "standard",
            "filter": token_filters,
        }

    return {
        "char_filter": char_filter,
        "filter": filters,
        "analyzer": {
            "default": analyzer(indexing),
            "default_search": analyzer([name for name in indexing if name != "hub_decompound_da"]),
            "edgengram_analyzer": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "edgengram"],
            },
        },
    }


def elasticsearch_backend(url: str, language: str, *, auto_update: bool = True) -> dict:
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [url],
        "LANGUAGE": language,
        "INDEX_PREFIX": f"landsbyklynger_{language}_",
        "TIMEOUT": 10,
        "AUTO_UPDATE": auto_update,
        # Merged into Wagtail's own index settings (its ``settings.analysis``).
        "INDEX_SETTINGS": {"settings": {"analysis": elasticsearch_analysis(language)}},
    }


def search_backends(elasticsearch_url: str | None = None) -> dict:
    """WAGTAILSEARCH_BACKENDS for the hub.

    Without Elasticsearch: the database backend taught Danish and English
    (``search.backends``); both aliases share one index table, so only the default one
    writes it. With Elasticsearch: one index per language, each with its language's
    analysis.
    """
    if elasticsearch_url:
        return {
            LANGUAGE_ALIASES[language]: elasticsearch_backend(elasticsearch_url, language)
            for language in LANGUAGE_ALIASES
        }
    return {
        alias: {"BACKEND": "search.backends", "LANGUAGE": language, "AUTO_UPDATE": alias == "default"}
        for language, alias in LANGUAGE_ALIASES.items()
    }
