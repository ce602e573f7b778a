"""The Elasticsearch path's analysis, tested without a server: the index settings as
Wagtail sends them, and their analysis chain run by a Python equivalent of the filters
they name, reading its values from the settings themselves."""

from __future__ import annotations

import re
from copy import deepcopy

import pytest
import snowballstemmer
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.utils import deep_update

from hub.settings.search_engines import compound_words, search_backends
from search.analysis import stop_words
from search.compounds import read_words


def index_settings(language: str) -> dict:
    """What Wagtail's Elasticsearch backend sends when it creates the language's index."""
    alias = {"da": "default", "en": "en"}[language]
    params = search_backends("http://127.0.0.1:9200")[alias]
    return deep_update(deepcopy(ElasticsearchBaseSearchBackend.settings), params["INDEX_SETTINGS"])[
        "settings"
    ]


def es_analyse(text: str, language: str, analyzer: str = "default") -> list[list[str]]:
    """The analyzer's tokens, grouped by position, as Elasticsearch would give them: the
    char filters, the standard tokenizer (letters and digits between separators), then
    each token filter, all configured from the settings."""
    analysis = index_settings(language)["analysis"]
    chain = analysis["analyzer"][analyzer]
    assert chain["tokenizer"] == "standard"
    for name in chain.get("char_filter", []):
        spec = analysis["char_filter"][name]
        if spec["type"] == "mapping":
            for rule in spec["mappings"]:
                old, new = (side.strip() for side in rule.split("=>"))
                text = text.replace(old, new)
        else:
            assert spec["type"] == "pattern_replace"
            text = re.sub(spec["pattern"], spec["replacement"], text)
    positions = [[token] for token in re.findall(r"[^\W_]+", text)]
    for name in chain["filter"]:
        spec = analysis["filter"].get(name, {"type": name})
        if spec["type"] == "lowercase":
            positions = [[token.lower() for token in tokens] for tokens in positions]
        elif spec["type"] == "stop":
            stop = stop_words({"_danish_": "da", "_english_": "en"}[spec["stopwords"]])
            positions = [tokens for tokens in positions if tokens[0] not in stop]
        elif spec["type"] == "dictionary_decompounder":
            positions = [tokens + decompound(tokens[0], spec) for tokens in positions]
        elif spec["type"] == "stemmer":
            algorithm = {"danish": "danish", "porter2": "english"}[spec["language"]]
            stemmer = snowballstemmer.stemmer(algorithm)
            positions = [
                list(dict.fromkeys(stemmer.stemWord(token) for token in tokens)) for tokens in positions
            ]
        else:
            raise AssertionError(f"no Python equivalent for {spec['type']}")
    return positions


def decompound(token: str, spec: dict) -> list[str]:
    """Lucene's DictionaryCompoundWordTokenFilter: every dictionary word inside the token,
    only the longest at each start with ``only_longest_match``."""
    words = set(spec["word_list"])
    if len(token) < spec["min_word_size"]:
        return []
    found = []
    for start in range(len(token) - spec["min_subword_size"] + 1):
        matches = [
            token[start : start + size]
            for size in range(spec["min_subword_size"], spec["max_subword_size"] + 1)
            if start + size <= len(token) and token[start : start + size] in words
        ]
        if matches:
            found += [max(matches, key=len)] if spec["only_longest_match"] else matches
    return found


def test_each_language_gets_its_own_index_and_analysis():
    backends = search_backends("http://127.0.0.1:9200")
    assert backends["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backends["default"]["INDEX_PREFIX"] != backends["en"]["INDEX_PREFIX"]
    danish, english = index_settings("da")["analysis"], index_settings("en")["analysis"]
    assert danish["filter"]["hub_stemmer_da"] == {"type": "stemmer", "language": "danish"}
    assert english["filter"]["hub_stemmer_en"] == {"type": "stemmer", "language": "porter2"}
    assert "hub_decompound_da" in danish["analyzer"]["default"]["filter"]
    assert "hub_decompound_da" not in danish["analyzer"]["default_search"]["filter"], "queries stay whole"
    assert "hub_decompound_da" not in english["filter"]
    assert "ngram_analyzer" in danish["analyzer"], "Wagtail's own analyzers are kept"


def test_the_decompounder_has_the_shipped_word_list():
    spec = index_settings("da")["analysis"]["filter"]["hub_decompound_da"]
    assert spec["type"] == "dictionary_decompounder"
    assert spec["word_list"] == list(read_words()) == list(compound_words())
    assert spec["min_subword_size"] == 3


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("coronapandemien", "pandemi"),
        ("et planlægningsværktøj", "værktøj"),
        ("en værdiforøgelse", "forøgelse"),
        ("fjernvarmeværket", "fjernvarme"),
        ("skolebestyrelsen", "bestyrelse"),
    ],
)
def test_a_part_finds_the_compound_on_elasticsearch(text, query):
    indexed = {token for tokens in es_analyse(text, "da") for token in tokens}
    (searched,) = es_analyse(query, "da", "default_search")
    assert set(searched) <= indexed


def test_numbers_names_and_spelling_as_on_the_databases():
    assert es_analyse("Over 20.000 borgere i Aarsballe", "da", "default_search") == [
        ["20000"],
        ["borg"],
        ["årsbal"],
    ]
    assert es_analyse("More than 20,000 residents", "en", "default_search") == [["20000"], ["resid"]]
    assert [tokens[0] for tokens in es_analyse("Bredsten-Gadbjerg-Skibet 2015–2022", "da")] == [
        "bredst",
        "gadbjerg",
        "skib",
        "2015",
        "2022",
    ]


def test_suggestions_keep_danish_letters():
    """Wagtail's edge n-grams fold "å" to "a" when indexing but not when searching."""
    analyzer = index_settings("da")["analysis"]["analyzer"]["edgengram_analyzer"]
    assert "asciifolding" not in analyzer["filter"]
