"""The demo's data files (demo/content/, demo/sources/): all read, complete, consistent.

No database: the reader only reads files. What the loader makes of them is
test_demo_content.py's (slow) job.
"""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from demo import pdfs, texts
from demo.reader import CONTENT_DIR, SOURCES_DIR, Reader, read_content


@pytest.fixture(scope="module")
def reader() -> Reader:
    reader = Reader()
    reader.content = reader.read()
    return reader


@pytest.fixture(scope="module")
def content(reader):
    return reader.content


def all_pages(content):
    return [content.home, *content.sections, *content.posts, *content.stories, *content.editions]


def test_every_data_file_is_valid_toml_and_read():
    files = sorted(CONTENT_DIR.rglob("*.toml"))
    for path in files:
        tomllib.loads(path.read_text(encoding="utf-8"))
    reader = Reader()
    reader.read()
    assert sorted(set(reader.opened)) == files, "a data file the reader never reads"


def test_the_demo_has_what_it_had(content):
    assert len(content.clusters) == 27
    assert [area.slug for area in content.focus_areas] == [
        "organisering",
        "kommunikation",
        "involvering",
        "kommunesamarbejde",
        "moedesteder",
        "aktivitetsudbud",
    ]
    assert len(content.images) == 8
    assert [finding.number for finding in content.findings] == list(range(1, 8))
    assert len(content.reports) == 4
    assert (len(content.posts), len(content.stories), len(content.editions)) == (4, 9, 1)
    assert [page.key for page in content.sections] == [
        "clusters",
        "stories",
        "findings",
        "reports",
        "blog",
        "about",
        "newsletter",
    ]
    assert sum(len(cluster.reports) for cluster in content.clusters) == 42


def test_clusters_are_the_facts(content):
    facts = json.loads((SOURCES_DIR / "facts" / "clusters.json").read_text(encoding="utf-8"))["clusters"]
    assert [cluster.name for cluster in content.clusters] == [fact["name"] for fact in facts]
    for cluster, fact in zip(content.clusters, facts, strict=True):
        assert (cluster.municipality, cluster.programme) == (fact["municipality"], fact["programme"])
        assert list(cluster.villages) == fact.get("villages", [])
        assert cluster.residents == fact.get("residents")
    locations = json.loads((SOURCES_DIR / "facts" / "cluster-locations.json").read_text(encoding="utf-8"))
    assert {place["name"] for place in locations["clusters"]} == {fact["name"] for fact in facts}


def test_every_text_has_its_english_or_the_page_is_danish_only(content):
    danish_only = []
    for page in all_pages(content):
        english = [text.en is not None for text in page.all_texts()]
        assert all(english) if page.translate else not any(english), page.source
        if not page.translate:
            danish_only.append(page.key)
    for finding in content.findings:
        assert all(text.en for text in (finding.title, finding.slug, finding.summary, *finding.paragraphs))
    for area in content.focus_areas:
        assert area.name.en and area.description.en
    assert sorted(danish_only) == [
        "edition-det-sidste-nyhedsbrev",
        "story-4-kloever-tilflyttere",
        "story-fyns-soeland-unge",
        "story-haervejsklyngen-stier",
        "story-tannisbugt-turisme",
    ]


def test_what_pages_refer_to_exists(content):
    images = {image.key for image in content.images}
    documents = {report.key for report in content.reports} | {
        f"{c.slug}-{kind}-{year}" for c in content.clusters for kind, year in c.reports.items()
    }
    clusters = {cluster.name for cluster in content.clusters}
    areas = {area.slug for area in content.focus_areas}
    for page in all_pages(content):
        assert page.image is None or page.image in images, page.source
        assert set(page.clusters) <= clusters, page.source
        assert set(page.focus_areas) <= areas, page.source
        for block in page.body:
            if block.kind == "image":
                assert block.ref in images, page.source
            elif block.kind == "document":
                assert block.ref in documents, page.source
    assert {cluster.image for cluster in content.clusters} <= images
    reports = {report.key for report in content.reports}
    assert {finding.source_report for finding in content.findings} <= reports


def test_the_seed_post_carries_every_finding(content):
    post = next(page for page in content.posts if page.key == "post-hvad-har-vi-laert")
    headings = [block.text.da for block in post.body if block.kind == "h2"]
    for finding in content.findings:
        assert f"{finding.number}. {finding.title.da}" in headings
        paragraphs = [block.text for block in post.body if block.kind == "p"]
        assert all(paragraph in paragraphs for paragraph in finding.paragraphs)


def written_out(text: str) -> bool:
    """No placeholder left unfilled, no double space where an optional phrase was empty."""
    return "{" not in text and "}" not in text and "  " not in text and text == text.strip()


def test_cluster_texts_are_written_out_in_both_languages(content):
    for cluster in content.clusters:
        paragraphs = texts.cluster_description(cluster, content.cluster_texts)
        assert len(paragraphs) >= 2
        for paragraph in paragraphs:
            assert written_out(paragraph.da) and written_out(paragraph.en), cluster.name
        assert cluster.name in paragraphs[0].da and cluster.municipality in paragraphs[0].en
        for report_type, year in cluster.reports.items():
            kind = content.cluster_reports[report_type]
            title, summary, authors = texts.cluster_report_texts(
                cluster, kind, year, content.site.secretariat, content.cluster_texts
            )
            assert str(year) in title.da and (title.en is not None) == cluster.translate
            assert written_out(summary.da) and written_out(summary.en) and written_out(authors)


def test_every_report_pdf_is_written_out(content):
    for cluster in content.clusters:
        for report_type, year in cluster.reports.items():
            spec = pdfs.cluster_report_spec(content, cluster, report_type, year)
            paragraphs = [p for _heading, section in spec.sections for p in section]
            assert all(
                written_out(text) for text in [spec.title, spec.colophon, *spec.title_lines, *paragraphs]
            )
            assert any(cluster.pdf_event in paragraph for paragraph in paragraphs), "the PDF-only event"
    for report in content.reports:
        spec = pdfs.research_report_spec(content, report)
        assert spec.sections[0] == ("Resumé", [paragraph.da for paragraph in report.summary])
        assert all(written_out(p) for _heading, section in spec.sections for p in section)


def test_a_cluster_pdf_names_its_event_in_its_text(content):
    from io import BytesIO

    from pypdf import PdfReader

    cluster = next(c for c in content.clusters if c.reports)
    report_type, year = next(iter(cluster.reports.items()))
    data = pdfs.render_pdf(pdfs.cluster_report_spec(content, cluster, report_type, year))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert cluster.pdf_event.split()[-1] in re.sub(r"\s+", " ", text)
    assert data == pdfs.render_pdf(pdfs.cluster_report_spec(content, cluster, report_type, year)), (
        "deterministic"
    )


def test_reading_twice_gives_the_same(content):
    assert read_content() == content


def test_every_cluster_has_its_location_on_the_map(content):
    from cases.map import place

    for cluster in content.clusters:
        assert cluster.location is not None, cluster.name
        assert place(*cluster.location) is not None, f"{cluster.name} is off the map"


def test_a_location_for_no_known_cluster_is_refused(tmp_path):
    import shutil

    from demo.reader.fields import DemoDataError

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    locations = sources / "facts" / "cluster-locations.json"
    data = json.loads(locations.read_text(encoding="utf-8"))
    data["clusters"].append({"name": "Ingen sådan klynge", "lat": 56.0, "lon": 10.0})
    locations.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DemoDataError, match="cluster-locations.json.*no such cluster in clusters.json"):
        Reader(CONTENT_DIR, sources).read()
