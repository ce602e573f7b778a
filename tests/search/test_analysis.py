"""The analysis pipeline on its own (``search.analysis``, ``search.compounds``): what a text
and a query become, without a database."""

from __future__ import annotations

import pytest

from search.analysis import analyse, compound_parts, normalize, query, query_stems, query_terms, stem, words
from search.compounds import WORDS_FILE, Decompounder, read_words


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # The compounds, as the demo content writes them.
        ("coronapandemien", ("corona", "pandemien")),
        ("planlægningsværktøj", ("planlægning", "værktøj")),
        ("værdiforøgelse", ("værdi", "forøgelse")),
        ("egnsspecifikke", ("egn", "specifikke")),
        # Words the demo content does not have: linking s and e, a final e dropped.
        ("fjernvarmeværket", ("fjernvarme", "værket")),
        ("skolebestyrelsen", ("skole", "bestyrelsen")),
        ("idrætsforeningen", ("idræt", "foreningen")),
        ("biblioteksfilialen", ("bibliotek", "filialen")),
        ("samarbejdsevnen", ("samarbejde", "evnen")),
    ],
)
def test_compounds_split_into_the_words_a_reader_types(word, parts):
    assert compound_parts(word, "da")[: len(parts)] == parts


def test_a_compound_of_three_also_gives_its_runs_of_two():
    assert compound_parts("landsbyklyngesamarbejdet", "da") == (
        "landsby",
        "klynge",
        "samarbejdet",
        "landsbyklynge",
        "klyngesamarbejdet",
    )


@pytest.mark.parametrize(
    "word",
    # Common words that only look like compounds, inflections, prefixes, short words.
    [
        "kommunikation",
        "kommunen",
        "fællesskabet",
        "frivillige",
        "forening",
        "borgerne",
        "tilbage",
        "landsbyen",
    ],
)
def test_words_that_are_no_compounds_stay_whole(word):
    assert compound_parts(word, "da") == ()


def test_english_has_no_compounds_here():
    assert compound_parts("planningtool", "en") == ()
    assert analyse("Coronapandemien", "en").parts == ()


def test_the_splitter_prefers_fewer_then_more_common_parts():
    splitter = Decompounder(
        {"abc": 5.0, "abcdef": 3.0, "def": 5.0, "ghi": 5.0, "defghi": 4.5}, lambda word: word
    )
    assert splitter.split("abcdefghi") == ("abc", "defghi"), "two parts, the more frequent pair"
    assert splitter.split("abcxyz") == (), "every part must be a known word"


def test_numbers_and_names_are_words_as_written():
    assert words("Over 20.000 borgere i 2015–2022", "da") == ["20000", "borgere", "2015", "2022"]
    assert words("More than 20,000 residents", "en") == ["20000", "residents"]
    assert words("1.250.000 kr. og 19.30 og 2,5", "da") == ["1250000", "kr", "19", "30", "2", "5"]
    assert words("Bredsten-Gadbjerg-Skibet og 4-Kløver-Klyngen", "da") == [
        "bredsten",
        "gadbjerg",
        "skibet",
        "4",
        "kløver",
        "klyngen",
    ]


def test_danish_spelling_variants_fold_together():
    assert normalize("Aarsballe Ärø Ökonomi", "da") == "årsballe ærø økonomi"
    assert normalize("Aaron", "en") == "aaron", "English text is left as written"


def test_stop_words_are_dropped_as_postgresql_drops_them():
    assert words("Hvad har vi lært om landsbyerne", "da") == ["lært", "landsbyerne"]
    assert words("What have we learnt about villages", "en") == ["learnt", "villages"]


def test_stems_are_snowball_stems():
    assert stem("mødestedernes", "da") == stem("mødested", "da")
    assert stem("kommunen", "da") == stem("kommuner", "da") != stem("kommunikation", "da")
    assert query_stems("Mødesteder og kommunen", "da") == [stem("mødested", "da"), stem("kommune", "da")]


def test_a_query_is_words_and_quoted_phrases():
    terms = query('mols "social kapital" mols "ubalanceret', "da")
    assert [term.words for term in terms] == [("mols",), ("social", "kapital"), ("ubalanceret",)]
    assert terms[1].is_phrase and not terms[0].is_phrase
    assert query_terms("((!! og", "da") == []
    assert len(query_terms(" ".join(f"ord{number}" for number in range(30)), "da")) == 12


def test_the_shipped_word_list_is_read_and_folded():
    entries = read_words()
    assert len(entries) > 25_000
    assert entries["værktøj"] > 4 and "og" not in entries and "ning" not in entries
    assert all(word == normalize(word, "da") and word.isalpha() for word in entries)
    assert WORDS_FILE.read_text(encoding="utf-8").startswith("# Danish words")


def test_the_shipped_word_list_is_what_wordfreq_gives():
    """The list is derived, not edited: rebuild it with ``manage.py build_compound_words``."""
    pytest.importorskip("wordfreq")
    from search.management.commands.build_compound_words import compound_word_list

    _version, entries = compound_word_list()
    assert entries == read_words()
