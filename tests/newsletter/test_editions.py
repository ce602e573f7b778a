"""Editions as pages: the public archive, featured pages, search, and e-mail rendering."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from wagtail.rich_text import RichText

from newsletter.rendering import (
    MAX_MESSAGE_BYTES,
    base_url,
    html_to_text,
    message_bytes,
    render_edition,
    sample_recipient,
)
from search.services import Filters, run_search
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory
from tests.utils import hrefs, text_of


@pytest.fixture
def archive(hub_tree):
    da = hub_tree.da
    index = NewsletterIndexPageFactory(parent=da.home)
    old = NewsletterEditionPageFactory(
        parent=index, title="Sommerhilsen fra sekretariatet", slug="sommer", date=datetime.date(2021, 6, 1)
    )
    new = NewsletterEditionPageFactory(
        parent=index,
        title="Det sidste nyhedsbrev",
        slug="det-sidste",
        date=datetime.date(2022, 12, 1),
        intro="Sekretariatet lukker.",
        body=[
            ("heading_block", {"heading_text": "Tre relevante nedslag", "size": "h2"}),
            ("paragraph_block", RichText('<p>Se <a href="/da/om/">om hubben</a>.</p>')),
            ("featured_page", {"page": da.story1, "text": ""}),
            ("featured_page", {"page": da.finding1, "text": "Det bærende fund."}),
            ("featured_page", {"page": da.national_evaluation, "text": ""}),
            ("featured_page", {"page": da.post1, "text": ""}),
        ],
    )
    return index, old, new


def test_the_archive_lists_editions_newest_first(archive, client):
    index, old, new = archive
    response = client.get(index.url)
    assert response.status_code == 200
    text = text_of(response)
    assert text.index(new.title) < text.index(old.title)
    assert {new.url, old.url} <= hrefs(response)


def test_an_edition_page_shows_its_featured_pages(archive, client, hub_tree):
    _index, _old, new = archive
    response = client.get(new.url)
    assert response.status_code == 200
    text = text_of(response)
    assert "Tre relevante nedslag" in text and "Det bærende fund." in text
    assert {hub_tree.da.story1.url, hub_tree.da.finding1.url, hub_tree.da.post1.url} <= hrefs(response)


def test_featured_pages_in_the_email_are_absolute_and_in_the_edition_language(archive, hub_tree):
    _index, _old, new = archive
    rendered = render_edition(new)
    assert hub_tree.da.story1.full_url in rendered.html
    assert hub_tree.da.story1.intro in rendered.html  # the page's own introduction by default
    assert f'href="{base_url(new)}/da/om/"' in rendered.html
    assert 'href="/' not in rendered.html  # nothing relative in an e-mail
    assert hub_tree.da.post1.full_url in rendered.text
    assert "Tre relevante nedslag\n=====================" in rendered.text


def test_a_featured_page_that_is_unpublished_is_left_out(archive, hub_tree):
    _index, _old, new = archive
    story = hub_tree.da.story1.specific
    story.unpublish()
    try:
        assert story.title not in render_edition(new).html
    finally:
        story.save_revision().publish()


def test_editions_are_found_by_the_public_search(archive, da_locale):
    _index, _old, new = archive
    outcome = run_search("nedslag", da_locale, Filters(), page_size=20)
    assert new.title in [result.page.title for result in outcome.results]
    outcome = run_search("nedslag", da_locale, Filters(type="edition", year=2022), page_size=20)
    assert [result.page.title for result in outcome.results] == [new.title]


def test_the_message_has_both_parts_and_stays_small(archive):
    _index, _old, new = archive
    message = render_edition(new).message(sample_recipient(new, "a@example.org"))
    data = message_bytes(message)
    assert len(data) < MAX_MESSAGE_BYTES
    assert b"Content-Type: text/plain" in data and b"Content-Type: text/html" in data


def test_rich_text_becomes_readable_plain_text():
    text = html_to_text(
        '<p>Læs <a href="https://dgi.dk">DGI</a> &amp; mere.</p><ul><li>Et</li><li>To</li></ul>'
    )
    assert text == "Læs DGI (https://dgi.dk) & mere.\n\n- Et\n- To"


SEED = Path(__file__).resolve().parents[2] / "demo" / "sources" / "seeds" / "002_9564fc0d4727b479.txt"


def test_the_demo_edition_is_the_seed_word_for_word():
    from demo.reader import read_content

    edition = read_content().editions[0]
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [block.text.da for block in edition.body] == lines
    headings = [block.text.da for block in edition.body if block.kind == "h2"]
    assert headings[0] == "Landsbyer står stærkere, når de står sammen" and headings[-1] == "Tak"
    assert len(headings) == 9 and all(block.kind in ("h2", "p") for block in edition.body)


def test_editions_live_only_in_the_archive_and_the_archive_under_home():
    from hub.models import HomePage
    from newsletter.editions import NewsletterEditionPage, NewsletterIndexPage

    assert NewsletterEditionPage.allowed_parent_page_models() == [NewsletterIndexPage]
    assert NewsletterIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsletterIndexPage.allowed_subpage_models() == [NewsletterEditionPage]
    assert NewsletterEditionPage.allowed_subpage_models() == []


def _parts(data: bytes) -> dict:
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    headers = {name: str(value) for name, value in message.items() if name not in ("Date", "Content-Type")}
    bodies = {
        part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()
    }
    return {"headers": headers, "bodies": bodies, "date": message["Date"]}


def test_the_fast_message_bytes_equal_the_built_message(archive):
    from newsletter.rendering import Recipient, message_id

    _index, _old, new = archive
    rendered = render_edition(new)
    recipient = Recipient(
        email="modtager@example.org",
        unsubscribe_url="http://localhost/da/nyhedsbrev/afmeld/abc_DEF-123/",
        my_data_url="http://localhost/da/nyhedsbrev/mine-data/eyJ0Ijoi:1t:sig/",
        headers={
            "List-Unsubscribe": "<http://localhost/da/nyhedsbrev/afmeld/abc/>, <mailto:n@localhost?subject=x>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        message_id=message_id(new.pk, 7),
    )
    fast = rendered.message_bytes(recipient)
    slow = message_bytes(rendered.message(recipient))
    assert rendered._templates, "the byte template was used"
    assert _parts(fast)["headers"] == _parts(slow)["headers"]
    assert _parts(fast)["bodies"] == _parts(slow)["bodies"]
    assert _parts(fast)["date"]
    assert all(len(line) <= 998 for line in fast.split(b"\r\n"))
    # A non-ASCII address takes the slow, exact path.
    recipient.email = "søren@example.org"
    assert "søren" in _parts(rendered.message_bytes(recipient))["headers"]["To"]


def test_long_html_lines_are_broken_outside_tags():
    from newsletter.rendering import short_lines

    markup = '<p style="color: red; margin: 0">' + "ord " * 600 + '<a href="https://x.dk/a b">link</a></p>'
    result = short_lines(markup)
    assert all(len(line.encode()) <= 900 for line in result.splitlines())
    assert " ".join(result.split()) == " ".join(markup.split())
    assert '<p style="color: red; margin: 0">' in result
