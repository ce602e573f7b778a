"""Loose ends readers notice between the languages: the switch to a page that is not
translated, English tag names, the PDF's language on English report pages."""

from __future__ import annotations

from taggit.models import Tag

from hub.models import TagName
from tests import factories as f
from tests.utils import links, text_of


def language_link(response, code: str) -> str:
    return next(a["href"] for a in links(response) if a.get("hreflang") == code and a.get("lang") == code)


def test_the_switch_from_a_danish_only_page_leads_to_a_page_that_says_so(client, hub_tree):
    story = hub_tree.da.story3  # Danish only
    target = language_link(client.get(story.url), "en")
    assert target == f"/en/not-translated/{story.pk}/"
    response = client.get(target)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    text = text_of(response)
    assert "This page is not translated" in text and "exists only in Danish" in text
    offer = next(a for a in links(response) if a.get("href") == story.url)
    assert offer["lang"] == "da"


def test_a_translated_page_switches_to_its_translation_and_the_fallback_then_redirects(client, hub_tree):
    da, en = hub_tree.da, hub_tree.en
    assert language_link(client.get(da.story1.url), "en") == en.story1.url
    response = client.get(f"/en/not-translated/{da.story1.pk}/")
    assert response.status_code == 302 and response["Location"] == en.story1.url


def test_the_fallback_names_no_page_readers_may_not_see(client, hub_tree):
    draft = f.StandardPageFactory(parent=hub_tree.da.home, title="Kladde", slug="kladde", live=False)
    assert client.get(f"/en/not-translated/{draft.pk}/").status_code == 404
    assert client.get("/en/not-translated/999999/").status_code == 404


def test_english_pages_show_the_tags_english_names(client, hub_tree, en_locale):
    da, en = hub_tree.da, hub_tree.en
    TagName.objects.create(tag=Tag.objects.get(name="turisme"), locale=en_locale, name="tourism")
    english = client.get(en.story1.url)
    tags = {a["href"]: a for a in links(english) if "theme=" in a.get("href", "")}
    assert "tourism" in text_of(english) and "turisme" not in text_of(english)
    assert list(tags) == [f"{en.story_index.url}?theme=turisme"], "the filter address stays the tag's"
    assert "turisme" in text_of(client.get(da.story1.url))


def test_english_report_pages_say_the_pdf_is_in_danish(client, hub_tree):
    en = hub_tree.en
    response = client.get(en.mols_mapping.url)
    text = text_of(response)
    assert "The report is in Danish; this page describes it in English." in text
    download = next(
        a for a in links(response) if a.get("class") == "button" and a.get("download") is not None
    )
    assert download["hreflang"] == "da"
    assert "in Danish" in text_of(client.get(en.mols.url))
    assert "in Danish" not in text_of(client.get(hub_tree.da.mols_mapping.url))
    assert "på dansk" not in text_of(client.get(hub_tree.da.mols_mapping.url))


def test_a_new_pages_preview_has_a_language_switch_too(rf, hub_tree):
    from django.template import Context, Template

    from cases.models import SuccessStoryPage

    request = rf.get("/da/")
    unsaved = SuccessStoryPage(title="Ny", slug="ny", locale=hub_tree.da.story1.locale)
    html = Template(
        "{% load hub_tags %}{% language_links as links %}{% for l in links %}{{ l.url }} {% endfor %}"
    ).render(Context({"request": request, "page": unsaved}))
    assert html.split() == ["/da/", "/en/"]
