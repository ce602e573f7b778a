"""What a reader finds first (``search.backends.ranking``), on SQLite and PostgreSQL alike:
parts of compounds, whole words above parts, titles above summaries above bodies, every
word above some, exact stems, numbers and names as written, and the suggestions.

The words are not in the demo content: the decompounder knows them from its word list."""

from __future__ import annotations

import pytest

from search.services import run_search
from tests import factories as f


def titles(query, locale) -> list[str]:
    return [result.page.title for result in run_search(query, locale, page_size=50).results]


def story(hub_tree, title, text, intro="Kort fortalt."):
    return f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title=title, intro=intro, body=f.body(text)
    )


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Borgerne købte fjernvarmeværket sammen.", "værk"),
        ("Borgerne købte fjernvarmeværket sammen.", "fjernvarme"),
        ("Skolebestyrelsen mødes i sognegården.", "bestyrelse"),
        ("Skolebestyrelsen mødes i sognegården.", "gårde"),
        ("Idrætsforeningens nye biblioteksfilial åbner.", "filialer"),
        ("Idrætsforeningens nye biblioteksfilial åbner.", "foreninger"),
    ],
)
def test_a_part_finds_the_compound(hub_tree, da_locale, text, query):
    page = story(hub_tree, "Nyt fra Vium", text)
    assert page.title in titles(query, da_locale)


def test_a_word_itself_ranks_above_the_word_inside_a_compound(hub_tree, da_locale):
    inside = story(hub_tree, "Et forår i Vium", "Vi lavede et planlægningsværktøj til sommeren.")
    itself = story(hub_tree, "En sommer i Vium", "Vi købte nyt værktøj til sommeren.")
    found = titles("værktøj", da_locale)
    assert found.index(itself.title) < found.index(inside.title)


def test_a_title_ranks_above_a_summary_above_a_body(hub_tree, da_locale):
    index = hub_tree.da.finding_index
    body = f.FindingPageFactory(
        parent=index, title="Om vejene", summary="Om stierne.", body=f.body("Om vandværket.")
    )
    summary = f.FindingPageFactory(
        parent=index, title="Om husene", summary="Om vandværket.", body=f.body("Om stierne.")
    )
    title = f.FindingPageFactory(
        parent=index, title="Om vandværket", summary="Om husene.", body=f.body("Om vejene.")
    )
    found = titles("vandværk", da_locale)
    assert found.index(title.title) < found.index(summary.title) < found.index(body.title)


def test_a_page_with_every_word_ranks_above_one_with_some(hub_tree, da_locale):
    some = story(hub_tree, "Fjernvarme i Vium", "Et nyt værk.")
    every = story(hub_tree, "Nyt fra Vium", "Fjernvarme og en ny skolebestyrelse.")
    found = titles("fjernvarme skolebestyrelse", da_locale)
    assert found.index(every.title) < found.index(some.title)
    assert some.title in found, "a page with some of the words is still found"


def test_a_word_does_not_match_longer_words_it_begins(hub_tree, da_locale):
    about_talk = story(hub_tree, "Bedre kommunikation i Vium", "Nyhedsbreve og opslagstavler.")
    about_council = story(hub_tree, "Vium og kommunerne", "Et møde på rådhuset.")
    found = titles("kommunen", da_locale)
    assert about_council.title in found
    assert about_talk.title not in found


def test_numbers_and_names_are_found_as_written(hub_tree, da_locale):
    post = story(hub_tree, "Over 30.000 deltagere i Nørre-Vium-Klyngen", "Fra 2016–2019 i klyngen.")
    for query in ["30.000 deltagere", "30000", "Nørre-Vium-Klyngen", "nørre vium", "2016–2019"]:
        assert titles(query, da_locale)[0] == post.title, query


def test_a_snippet_marks_a_number_as_written(hub_tree, da_locale):
    page = story(hub_tree, "Borgerne svarede", "Over 30.000 deltagere svarede i 2019.")
    result = next(r for r in run_search("30000 deltagere", da_locale).results if r.page.pk == page.pk)
    assert "<mark>30.000</mark> <mark>deltagere</mark>" in result.snippet


def test_english_numbers_use_the_english_separator(hub_tree, en_locale):
    story = f.translate(hub_tree.da.story3, title="More than 30,000 people took part", slug="thirty-thousand")
    assert titles("30,000 people", en_locale)[0] == story.title
    assert titles("30000", en_locale)[0] == story.title


def test_stop_words_alone_find_nothing(hub_tree, da_locale):
    outcome = run_search("og om i", da_locale)
    assert outcome.terms == [] and outcome.total == 0


def test_a_snippet_marks_the_compound_a_part_was_found_in(hub_tree, da_locale):
    page = story(hub_tree, "Et forår i Vium", "Vi lavede et planlægningsværktøj til sommeren.")
    result = next(r for r in run_search("værktøj", da_locale).results if r.page.pk == page.pk)
    assert "<mark>planlægningsværktøj</mark>" in result.snippet


def test_suggestions_complete_the_word_being_typed(hub_tree, client):
    page = story(hub_tree, "Fjernvarmeværket i Årsballe", "Om værket.")

    def suggested(typed):
        found = client.get("/da/search/suggest/", {"q": typed}).json()["suggestions"]
        return [suggestion["title"] for suggestion in found]

    assert page.title in suggested("fjernv"), "a prefix of the first word"
    assert page.title in suggested("værk"), "a prefix of a compound's part"
    assert page.title in suggested("Aarsb"), "the Danish spelling variant"
    assert page.title in suggested("fjernvarmeværket års"), "earlier words whole, the last one a prefix"
    assert page.title not in suggested("fjernvarmeværket xyz")
