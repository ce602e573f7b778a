"""A mistake in a data file is named (file and field) before anything is loaded; never a
traceback from deep inside the loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

import demo.loader
from demo.reader import CONTENT_DIR, SOURCES_DIR, DemoDataError, read_content


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the content and sources to break; returns the content folder."""
    shutil.copytree(CONTENT_DIR, tmp_path / "demo" / "content")
    shutil.copytree(SOURCES_DIR, tmp_path / "demo" / "sources")
    return tmp_path / "demo" / "content"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def error_of(content: Path) -> str:
    with pytest.raises(DemoDataError) as raised:
        read_content(content, content.parent / "sources")
    return str(raised.value)


def test_the_copy_reads_like_the_original(copy):
    assert read_content(copy, copy.parent / "sources") == read_content()


def test_not_toml_names_the_file_and_line(copy):
    edit(copy / "stories" / "vestrum-hjemmeside.toml", "date = 2017-09-18", "date = 2017-09-18 oops")
    message = error_of(copy)
    assert message.startswith("demo/content/stories/vestrum-hjemmeside.toml: not a valid TOML file:")
    assert "line 5" in message


def test_a_typo_in_a_key_is_refused_with_the_keys_it_could_be(copy):
    edit(copy / "stories" / "vestrum-hjemmeside.toml", "intro.", "intor.", count=2)
    message = error_of(copy)
    assert message.startswith("demo/content/stories/vestrum-hjemmeside.toml: intor: unknown key")
    assert "intro" in message and "themes" in message


def test_a_missing_english_text_on_a_translated_page(copy):
    path = copy / "stories" / "vestrum-hjemmeside.toml"
    text = path.read_text(encoding="utf-8")
    # The English of the second body block (the heading) left out.
    path.write_text(text.replace(', en = "One calendar for seven villages"', ""), encoding="utf-8")
    assert error_of(copy) == (
        "demo/content/stories/vestrum-hjemmeside.toml: body[1].h2: "
        "no English (en = …), but the page is translated (its title has en)"
    )


def test_english_on_a_danish_only_page(copy):
    edit(
        copy / "stories" / "tannisbugt-turisme.toml",
        'figure = { da = "4" }',
        'figure = { da = "4", en = "4" }',
    )
    message = error_of(copy)
    assert message.startswith("demo/content/stories/tannisbugt-turisme.toml: body[")
    assert message.endswith(".figure: English given, but the page stays Danish-only (its title has no en)")


def test_a_wrong_kind_of_value(copy):
    edit(copy / "blog" / "perspektiver.toml", "date = 2020-11-16", 'date = "16. november 2020"')
    assert error_of(copy) == (
        "demo/content/blog/perspektiver.toml: date: expected a date such as 2017-08-24, not a text in quotes"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("stories/vestrum-hjemmeside.toml", 'image = "kyst"', 'image = "strand"', "image: no such image 'strand'"),
        ("stories/vestrum-hjemmeside.toml", 'clusters = ["VestRum"]', 'clusters = ["Vestrum"]', "clusters[0]: no such cluster"),
        ("blog/kampagnen-i-gang.toml", '"kommunesamarbejde"]', '"samarbejde"]', "focus_areas[1]: no such focus area"),
        ("blog/perspektiver.toml", 'document = "perspektiver-24-klynger-2020"', 'document = "perspektiver"', "no such document"),
        ("findings/4.toml", 'source_report = "evaluering-pilotprojekt-2017"', 'source_report = "x"', "source_report: no national report"),
        ("clusters.toml", 'reports = { kortlaegningsrapport = 2016, strategiplan = 2017, udviklingsplan = 2018 }',
         'reports = { kortlaegning = 2016 }', "reports.kortlaegning: unknown report type"),
        ("images.toml", 'paint = "hills"', 'paint = "mountains"', "paint: unknown picture 'mountains'"),
        ("pages/clusters.toml", 'type = "cases.ClusterIndexPage"', 'type = "cases.ClusterPage"', "type: not a section's page type"),
    ],
)  # fmt: skip
def test_a_reference_to_nothing_is_named(copy, file, old, new, expected):
    edit(copy / file, old, new)
    message = error_of(copy)
    assert message.startswith(f"demo/content/{file}: ") and expected in message, message


def test_an_unknown_placeholder_lists_the_known_ones(copy):
    edit(copy / "cluster-texts.toml", "{name} er en landsbyklynge", "{navn} er en landsbyklynge")
    message = error_of(copy)
    assert message.startswith(
        "demo/content/cluster-texts.toml: description.intro: unknown placeholder {navn}"
    )
    assert "{municipality}" in message and "{name}" in message


def test_a_focus_area_placeholder_needs_a_known_area(copy):
    edit(copy / "cluster-reports" / "strategiplan.toml", "{focus[organisering]}", "{focus[organization]}")
    message = error_of(copy)
    assert message.startswith("demo/content/cluster-reports/strategiplan.toml: pdf[4].text[0]: placeholder")
    assert "organisering" in message


def test_a_page_file_not_listed_by_its_section(copy):
    shutil.copy(copy / "stories" / "vestrum-hjemmeside.toml", copy / "stories" / "ny-historie.toml")
    assert error_of(copy) == (
        "demo/content/pages/stories.toml: pages: stories/ny-historie.toml is not listed: "
        "add 'ny-historie' where it belongs"
    )


def test_a_listed_page_without_its_file(copy):
    (copy / "blog" / "perspektiver.toml").unlink()
    assert error_of(copy) == "demo/content/pages/blog.toml: pages[2]: no file blog/perspektiver.toml"


def test_clusters_toml_and_the_facts_name_the_same_clusters(copy):
    edit(copy / "clusters.toml", '["VestRum"]', '["Vestrum"]')
    assert error_of(copy) == (
        "demo/content/clusters.toml: no entry for the cluster 'VestRum' of demo/sources/facts/clusters.json"
    )


def test_load_demo_content_says_what_is_wrong_and_writes_nothing(copy, db, monkeypatch):
    edit(
        copy / "focus-areas.toml", 'name = { da = "Organisering", en = "Organisation" }', 'name = { da = "" }'
    )
    monkeypatch.setattr(demo.loader, "read_content", lambda: read_content(copy, copy.parent / "sources"))
    pages = Page.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("load_demo_content")
    assert str(raised.value) == (
        "The demo content was not loaded: demo/content/focus-areas.toml: organisering.name.da: empty"
    )
    assert Page.objects.count() == pages


def test_every_error_message_is_one_line_naming_a_file(copy):
    """However it breaks, the message starts with the file it is in."""
    for path in sorted(copy.rglob("*.toml")):
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\nnot_a_known_key = 1\n", encoding="utf-8")
        message = error_of(copy)
        assert re.match(rf"demo/content/{re.escape(path.relative_to(copy).as_posix())}: ", message), message
        assert "\n" not in message
        path.write_text(original, encoding="utf-8")


def test_a_link_to_an_unknown_page_is_named(copy):
    edit(copy / "blog" / "hvad-har-vi-laert.toml", "[her](page:clusters)", "[her](page:klynger)")
    message = error_of(copy)
    assert message.startswith("demo/content/blog/hvad-har-vi-laert.toml:")
    assert "'klynger'" in message
