"""``manage.py load_demo_content`` builds a realistic two-language hub, idempotently.

The loader is the slowest thing in the suite, so it runs twice once for the module and the
tests read what it left behind.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from blog.models import BlogPostPage
from cases.models import ClusterPage, FindingPage, ReportPage, SuccessStoryPage
from demo.snapshot import snapshot as full_snapshot
from hub.models import FocusArea, HubDocument
from tests.committed import committed

pytestmark = pytest.mark.slow

SOURCES = Path(settings.BASE_DIR) / "demo" / "sources"
BLOG_TITLE = "Hvad har vi lært om landsbyklynger indtil nu?"
FINDING_TITLES = [
    "Landsbyer står stærkere, når de står sammen",
    "Landsbyklynger øger landsbyernes sociale kapital",
    "Dyrk de stedbundne potentialer",
    "Styrket kommunikation er vejen frem",
    "Borgerinvolvering er nøglen til succes",
    "En ny model for samarbejde mellem kommune og civilsamfund",
    "Det kræver et boost at løbe klyngerne godt i gang",
]


def snapshot() -> dict:
    """Everything the loader creates, counted by kind (and language for pages)."""
    pages = Counter(
        (page.content_type.model_class().__name__, page.locale.language_code)
        for page in Page.objects.exclude(depth=1).select_related("content_type", "locale")
    )
    return {
        "pages": dict(pages),
        "live": Page.objects.live().count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "focus_areas": dict(Counter(FocusArea.objects.values_list("locale__language_code", flat=True))),
        "tags": Tag.objects.count(),
        "slugs": sorted(Page.objects.values_list("url_path", flat=True)),
        "documents_by_title": dict(Counter(get_document_model().objects.values_list("title", flat=True))),
    }


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo twice with real commits, as ``make demo`` does, then restore the
    database (``tests.committed``)."""
    with committed(django_db_blocker):
        first_output = load()
        first, first_full = snapshot(), full_snapshot()
        cache.clear()
        second_output = load()
        second, second_full = snapshot(), full_snapshot()
        yield SimpleNamespace(
            first=first,
            second=second,
            outputs=(first_output, second_output),
            full=(first_full, second_full),
        )


@pytest.fixture
def loaded(demo, db):
    cache.clear()
    return demo


def test_second_run_duplicates_nothing(loaded):
    first, second = loaded.first, loaded.second
    for key in first:
        assert second[key] == first[key], f"{key} changed on the second run"


def test_second_run_changes_nothing_at_all(loaded):
    """Every field, revision count, translation and file the same (``demo_snapshot``)."""
    first, second = loaded.full
    assert first["pages"] and first["translation_sources"]
    for key in first:
        assert second[key] == first[key], f"{key} changed on the second run"


def test_no_duplicate_pages_or_documents(loaded):
    paths = loaded.second["slugs"]
    assert len(paths) == len(set(paths))
    doubled = {title: n for title, n in loaded.second["documents_by_title"].items() if n > 1}
    assert not doubled, doubled


def test_the_27_clusters_from_the_facts(loaded):
    facts = json.loads((SOURCES / "facts" / "clusters.json").read_text(encoding="utf-8"))["clusters"]
    assert len(facts) == 27
    danish = ClusterPage.objects.filter(locale__language_code="da")
    assert danish.count() == 27
    assert danish.live().count() == 27
    assert set(danish.values_list("title", flat=True)) == {c["name"] for c in facts}
    by_name = {c.title: c for c in danish}
    for fact in facts:
        cluster = by_name[fact["name"]]
        assert cluster.municipality == fact["municipality"], fact["name"]
        assert cluster.programme == fact["programme"], fact["name"]


def test_the_seed_blog_post_and_its_seven_findings(loaded):
    post = BlogPostPage.objects.live().get(locale__language_code="da", title=BLOG_TITLE)
    assert post.intro
    findings = FindingPage.objects.live().filter(locale__language_code="da").order_by("number")
    assert findings.count() == 7
    assert list(findings.values_list("number", flat=True)) == list(range(1, 8))
    for finding, title in zip(findings, FINDING_TITLES, strict=True):
        assert finding.title == title
        assert finding.summary
    sources = {finding.source_report_id for finding in findings}
    assert None not in sources
    report = ReportPage.objects.get(pk=sources.pop())
    assert report.cluster is None, "the findings come from the national evaluation"
    assert "Pilotprojekt Landsbyklynger" in report.title


def test_six_focus_areas_in_both_languages(loaded):
    expected = {
        "organisering",
        "kommunikation",
        "involvering",
        "kommunesamarbejde",
        "mødesteder",
        "aktivitetsudbud",
    }
    danish = FocusArea.objects.filter(locale__language_code="da")
    assert {normalise_slug(area.name) for area in danish} == {normalise_slug(name) for name in expected}
    english = FocusArea.objects.filter(locale__language_code="en")
    assert english.count() == 6
    assert set(english.values_list("translation_key", flat=True)) == set(
        danish.values_list("translation_key", flat=True)
    )


def normalise_slug(text: str) -> str:
    return text.strip().lower()


def test_english_translations_are_linked(loaded):
    english = Page.objects.filter(locale__language_code="en").exclude(depth=1)
    danish = Page.objects.filter(locale__language_code="da").exclude(depth=1)
    assert english.count() >= danish.count() // 4, "too few English translations"
    danish_keys = set(danish.values_list("translation_key", flat=True))
    orphans = [page.url_path for page in english if page.translation_key not in danish_keys]
    assert not orphans, f"English pages without a Danish original: {orphans[:5]}"
    for model in (ClusterPage, SuccessStoryPage, FindingPage, ReportPage, BlogPostPage):
        assert model.objects.live().filter(locale__language_code="en").exists(), (
            f"no English {model.__name__}"
        )
    post = BlogPostPage.objects.get(locale__language_code="da", title=BLOG_TITLE)
    translated = post.get_translation_or_none(Locale.objects.get(language_code="en"))
    assert translated is not None and translated.live
    assert translated.title != post.title
    # an English page sits in the English tree
    for page in english.specific()[:50]:
        assert page.url.startswith("/en/"), page.url


def test_english_pages_are_in_english(loaded):
    """Translated pages carry English text, not the Danish original."""
    for page in SuccessStoryPage.objects.live().filter(locale__language_code="en"):
        original = page.get_translation(Locale.objects.get(language_code="da"))
        assert page.title != original.title
        assert page.intro != original.intro


def test_reports_with_real_pdfs_about_their_cluster(loaded):
    reports = (
        ReportPage.objects.live().filter(locale__language_code="da").select_related("document", "cluster")
    )
    clusters_with_reports = {r.cluster_id for r in reports if r.cluster_id}
    assert len(clusters_with_reports) > 27 // 2, "reports for most clusters"
    assert any(r.cluster_id is None and r.report_type == "evaluering" for r in reports), (
        "national evaluations"
    )
    for report in reports:
        document = report.document
        assert document is not None, report.title
        assert document.extraction_status == HubDocument.Extraction.DONE, (
            report.title,
            document.extraction_message,
        )
        assert document.page_count and document.page_count >= 1
        assert len(document.sha256) == 64
        with document.open_file() as handle:
            assert handle.read(5) == b"%PDF-"
        if report.cluster:
            assert report.cluster.title.split()[0] in document.extracted_text, report.title
            assert re.search(r"\b(og|i|at|der|til)\b", document.extracted_text), "not Danish text"


def test_load_demo_content_reports_what_it_did(loaded):
    first, second = loaded.outputs
    assert "Created:" in first
    assert "Created: nothing" in second


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_demo_page_renders(client, loaded, language):
    failures = []
    pages = Page.objects.live().public().filter(locale__language_code=language).exclude(depth=1).specific()
    assert pages
    for page in pages:
        response = client.get(page.url)
        if response.status_code != 200:
            failures.append(f"{page.url}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_demo_cluster_zip_downloads(client, loaded):
    cluster = next(c for c in ClusterPage.objects.live().filter(locale__language_code="da") if c.reports())
    response = client.get(cluster.url + "rapporter.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


def test_demo_images_have_alt_text(loaded):
    images = get_image_model().objects.all()
    assert images.exists()
    for image in images:
        assert image.description.strip(), f"{image.title} has no alt text"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_seed_post_links_its_findings_and_the_clusters(client, loaded, language):
    from cases.models import ClusterIndexPage

    post = BlogPostPage.objects.live().get(locale__language_code="da", title=BLOG_TITLE)
    post = post.get_translation(Locale.objects.get(language_code=language))
    html = client.get(post.url).content.decode()
    for finding in FindingPage.objects.live().filter(locale__language_code=language):
        assert f'href="{finding.url}"' in html, f"no link to finding {finding.number}"
    clusters = ClusterIndexPage.objects.live().get(locale__language_code=language)
    assert f'href="{clusters.url}"' in html
    assert "page:" not in html, "link markup shown as text"
