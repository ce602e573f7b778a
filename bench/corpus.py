"""A large synthetic hub for benchmarks: thousands of pages and PDFs of Danish text.

The words come from the demo content (its clusters, villages and municipalities, and the
words of its data files), inflected the way Danish is written, so stemming and compounds
are exercised as with real content. Every page and PDF also carries a rare token, so
benchmarks can time rare as well as common terms.
"""

from __future__ import annotations

import datetime
import random
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models.signals import post_save
from fpdf import FPDF
from modelsearch.backends import get_search_backends
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.signal_handlers import (
    connect_reference_index_signal_handlers,
    disconnect_reference_index_signal_handlers,
)

from blog.models import BlogIndexPage, BlogPostPage
from cases.models import (
    ClusterPage,
    FindingIndexPage,
    FindingPage,
    ReportIndexPage,
    ReportPage,
    StoryIndexPage,
    SuccessStoryPage,
)
from demo.reader import CONTENT_DIR, read_content

MARKER_SLUG = "benchmark-corpus"
BATCH = 200
NOUNS = [
    "landsby",
    "landsbyen",
    "landsbyerne",
    "klynge",
    "klyngen",
    "klyngerne",
    "klyngesamarbejdet",
    "mødested",
    "mødestedet",
    "mødesteder",
    "mødestedernes",
    "forsamlingshus",
    "forsamlingshuset",
    "borger",
    "borgerne",
    "frivillige",
    "forening",
    "foreningerne",
    "kommunen",
    "kortlægningen",
    "strategiplanen",
    "handleplanerne",
    "fællesskabet",
    "hjemmesiden",
    "kalenderen",
]
VERBS = [
    "samler",
    "styrker",
    "udvikler",
    "planlægger",
    "inviterer",
    "kortlægger",
    "bygger",
    "fejrer",
    "støtter",
]
LINKS = ["og", "med", "for", "i", "om", "hos", "mellem", "gennem"]


def rare_token(kind: str, number: int) -> str:
    """A word that occurs in exactly one page or PDF of the corpus."""
    return f"{kind}kode{number:05d}x"


@dataclass
class Vocabulary:
    """Words with a Zipf-like frequency, as in real text: a few very common, most rare."""

    places: list[str]
    words: list[str]
    weights: list[float]

    @classmethod
    def from_demo(cls) -> Vocabulary:
        clusters = read_content().clusters
        places = [c.name for c in clusters] + [v for c in clusters for v in c.villages]
        places += sorted({c.municipality for c in clusters})
        source = "\n".join(path.read_text(encoding="utf-8") for path in sorted(CONTENT_DIR.rglob("*.toml")))
        found = (word.lower() for word in re.findall(r"[^\W\d_]{3,}", source))
        words = list(dict.fromkeys([*NOUNS, *VERBS, *LINKS, *found]))
        random.Random(7).shuffle(words)
        return cls(places, words, [1 / rank for rank in range(1, len(words) + 1)])

    def sentence(self, rng: random.Random) -> str:
        chosen = rng.choices(self.words, weights=self.weights, k=rng.randint(8, 14))
        return " ".join([rng.choice(self.places), *chosen]).capitalize() + "."

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(sentences))


@contextmanager
def reference_index_paused():
    """The benchmark needs no reference index; ``rebuild_references_index`` rebuilds it."""
    disconnect_reference_index_signal_handlers()
    try:
        yield
    finally:
        connect_reference_index_signal_handlers()


def fast_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A plain text PDF: pre-wrapped lines, no layout engine (fpdf2's multi_cell is ~50x
    slower), which is all extraction and search need."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    pdf.set_font("helvetica", size=10)
    y = 300
    for line in [title, ""] + [
        wrapped for paragraph in paragraphs for wrapped in textwrap.wrap(paragraph, 95) + [""]
    ]:
        if y > 280:
            pdf.add_page()
            y = 20
        pdf.text(15, y, line.encode("latin-1", "replace").decode("latin-1"))
        y += 5
    return bytes(pdf.output())


@contextmanager
def search_indexing_paused():
    """Save without a search-index update per object; index in bulk afterwards."""
    models = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(pages_by_model: dict[type, list[int]], chunk: int = 500) -> None:
    for model, ids in pages_by_model.items():
        for start in range(0, len(ids), chunk):
            objects = list(model.objects.filter(pk__in=ids[start : start + chunk]))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)


def _section(home: Page, model, title: str, slug: str) -> Page:
    existing = model.objects.child_of(home).filter(slug=slug).first()
    return existing or home.add_child(instance=model(title=title, slug=slug))


def generate_corpus(
    pages: int = 10_000,
    pdfs: int = 1_000,
    seed: int = 2022,
    progress: Callable[[int], None] | None = None,
    *,
    with_clusters: bool = False,
) -> int:
    """Add ``pages`` Danish pages (``pdfs`` of them reports with a PDF) under the Danish
    home page. Returns how many were created; does nothing if the corpus exists.

    ``with_clusters`` spreads the reports over the live Danish cluster pages already there
    (e.g. the demo's), so per-cluster report packages are exercised too (bench_archive)."""
    danish = Locale.objects.get(language_code="da")
    home = Page.objects.get(depth=2, locale=danish).specific
    if Page.objects.filter(slug=MARKER_SLUG).exists():
        return 0
    rng = random.Random(seed)
    words = Vocabulary.from_demo()
    with transaction.atomic():
        stories = _section(home, StoryIndexPage, "Succeshistorier (benchmark)", MARKER_SLUG)
        blog = _section(home, BlogIndexPage, "Blog (benchmark)", f"{MARKER_SLUG}-blog")
        findings = _section(home, FindingIndexPage, "Findings (benchmark)", f"{MARKER_SLUG}-findings")
        reports = _section(home, ReportIndexPage, "Rapporter (benchmark)", f"{MARKER_SLUG}-rapporter")
    Document = get_document_model()
    others = pages - pdfs
    plan = [("report", reports)] * pdfs + [
        (kind, parent)
        for kind, parent in [("story", stories), ("blog", blog), ("story", stories), ("finding", findings)]
        for _ in range(others // 4)
    ]
    clusters = list(ClusterPage.objects.live().filter(locale=danish).order_by("pk")) if with_clusters else []
    created = 0
    new_pages: dict[type, list[int]] = defaultdict(list)
    with search_indexing_paused(), reference_index_paused():
        for batch_start in range(0, len(plan), BATCH):
            with transaction.atomic():
                for number in range(batch_start, min(batch_start + BATCH, len(plan))):
                    kind, parent = plan[number]
                    page = _make_page(kind, number, words, rng, Document)
                    if clusters and kind == "report":
                        page.cluster = clusters[number % len(clusters)]
                    parent.add_child(instance=page)
                    new_pages[type(page)].append(page.pk)
                    created += 1
                    if progress:
                        progress(created)
    index_in_bulk(new_pages)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh tables have no statistics; production's do
    return created


def _make_page(kind: str, number: int, words: Vocabulary, rng: random.Random, Document) -> Page:
    title = f"{rng.choice(words.places)}: {words.sentence(rng)[:60]}"
    body = words.paragraph(rng, 6) + f" {rare_token(kind, number)}."
    day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(0, 8 * 365))
    if kind == "report":
        paragraphs = [words.paragraph(rng, 10) for _ in range(3)] + [
            f"Bilaget nævner {rare_token('pdf', number)}."
        ]
        document = Document(
            title=title, file=ContentFile(fast_pdf(title, paragraphs), name=f"bench-{number}.pdf")
        )
        document.save()
        page = ReportPage(
            title=title, report_type="evaluering", year=day.year, summary=f"<p>{body}</p>", document=document
        )
    elif kind == "finding":
        page = FindingPage(title=title, number=number % 100, summary=body)
    else:
        model = SuccessStoryPage if kind == "story" else BlogPostPage
        page = model(
            title=title,
            date=day,
            intro=words.sentence(rng),
            body=[("paragraph_block", RichText(f"<p>{body}</p>"))],
        )
    page.slug = f"{kind}-{number}"
    # Slugs are unique by construction; skipping full_clean halves the cost of a page.
    page.full_clean = lambda *args, **kwargs: None
    page.first_published_at = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return page
