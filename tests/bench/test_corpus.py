"""The benchmarks' generated corpus, at a tiny size."""

from __future__ import annotations

import random

from wagtail.models import Page

from bench.corpus import MARKER_SLUG, Vocabulary, generate_corpus, rare_token
from blog.models import BlogPostPage
from cases.models import FindingPage, ReportPage, SuccessStoryPage


def test_the_vocabulary_is_the_demo_s():
    words = Vocabulary.from_demo()
    assert "Mols i Udvikling" in words.places and "Kværndrup" in words.places and "Syddjurs" in words.places
    assert "landsbyklynger" in words.words and "mødesteder" in words.words
    sentence = words.sentence(random.Random(1))
    assert sentence.endswith(".") and sentence[0].isupper()
    assert Vocabulary.from_demo().words == words.words, "the same words every time"


def test_a_tiny_corpus(db, home):
    created = generate_corpus(pages=10, pdfs=2, progress=None)
    assert created == 2 + 4 * 2  # the reports, then the other pages in groups of four kinds
    reports = ReportPage.objects.filter(slug__startswith="report-")
    assert reports.count() == 2
    assert all(report.document and report.document.file for report in reports)
    assert SuccessStoryPage.objects.filter(slug__startswith="story-").count() == 4
    assert BlogPostPage.objects.filter(slug__startswith="blog-").count() == 2
    assert FindingPage.objects.filter(slug__startswith="finding-").count() == 2
    story = SuccessStoryPage.objects.get(slug="story-2")
    assert rare_token("story", 2) in str(story.body)
    assert Page.objects.filter(slug=MARKER_SLUG).exists()
    assert generate_corpus(pages=10, pdfs=2) == 0, "once per database"
