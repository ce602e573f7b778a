"""Builds (or brings up to date) the two-language demo hub from its data files.

Idempotent: every object is found by a stable key (a page's slug under its parent, an
image's or document's title, a focus area's slug) and only saved, published or
re-translated when what the demo wants differs from what is stored. English pages are
real wagtail-localize translations, so editors can keep working on them in the admin.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db import transaction
from wagtail.models import Locale, Page, Site

from hub.models import FocusArea, HomePage, HubDocument, HubImage, SiteSettings
from search.facets import rebuild_all_facets

from . import links, pdfs, texts
from .data import Block, ClusterData, DemoContent, PageData, Text
from .english import English
from .indexing import deferred_search_index
from .media import ensure_document, ensure_image
from .reader import read_content
from .values import assign, assign_relations

BLOCK_NAMESPACE = uuid.UUID("6f1d8c53-5a8e-4c4e-9a55-3c1c0d6c2b10")

# Where each page model keeps its picture.
IMAGE_FIELDS = {
    "hub.HomePage": "hero_image",
    "cases.ClusterPage": "image",
    "cases.SuccessStoryPage": "lead_image",
    "blog.BlogPostPage": "lead_image",
}


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    translated: int = 0
    segments: int = 0
    missing_segments: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, kind: str, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1


class DemoLoader:
    """Creates or updates every demo object; ``run()`` is the only entry point."""

    def __init__(self, log: Callable[[str], None] = print, content: DemoContent | None = None) -> None:
        self.log = log
        self.content = content
        self.report = LoadReport()
        self.images: dict[str, HubImage] = {}
        self.documents: dict[str, HubDocument] = {}
        self.focus_areas: dict[str, FocusArea] = {}
        self.pages: dict[str, Page] = {}
        self.clusters: dict[str, Page] = {}
        self.changed: set[str] = set()
        self.translated: list[str] = []  # keys of the pages with English, in the order loaded

    # Entry point -----------------------------------------------------------------------

    def run(self) -> LoadReport:
        """Read every data file first (a mistake in one stops the load before it writes),
        then create or update everything in one transaction."""
        started = time.monotonic()
        self.content = self.content or read_content()
        with transaction.atomic(), deferred_search_index(self.log):
            self.danish = Locale.objects.get(language_code="da")
            self.english = English(Locale.objects.get_or_create(language_code="en")[0], self.report)
            secretariat = self.content.site.secretariat  # an author's name, the same in English
            self.english.add([Text(secretariat, secretariat)])
            self.load_images()
            self.load_focus_areas()
            self.load_structure()
            self.load_clusters()
            self.load_reports()
            self.load_findings()
            self.load_posts_and_stories()
            self.load_tag_names()
            self.load_editions()
            self.load_settings()
            self.translate_all()
            self.date_publications()
            rebuild_all_facets()  # a database from before search facets were stored
        self.report.seconds = time.monotonic() - started
        return self.report

    # Media -----------------------------------------------------------------------------

    def load_images(self) -> None:
        for data in self.content.images:
            image, created, changed = ensure_image(data, self.content.site.image_credit)
            self.images[data.key] = image
            self.report.count("image", created, changed)
        self.log(f"Images: {len(self.images)}")

    def ensure_document(self, key: str, title: str, filename: str, data: bytes) -> HubDocument:
        document, created, changed = ensure_document(title, filename, data)
        self.documents[key] = document
        self.report.count("document", created, changed)
        return document

    # Snippets --------------------------------------------------------------------------

    def load_focus_areas(self) -> None:
        for order, data in enumerate(self.content.focus_areas, start=1):
            area = FocusArea.objects.filter(slug=data.slug, locale=self.danish).first()
            created = area is None
            wanted = {"name": data.name.da, "description": data.description.da, "sort_order": order}
            area = area or FocusArea(slug=data.slug, locale=self.danish)
            changed = assign(area, wanted)
            if created or changed:
                area.save()
            self.focus_areas[data.slug] = area
            if created or changed:
                self.changed.add(f"focus-area-{data.slug}")
            self.report.count("focus area", created, changed)
            self.english.add([data.name, data.description])
        self.log(f"Focus areas: {len(self.focus_areas)}")

    # Pages -----------------------------------------------------------------------------

    def load_structure(self) -> None:
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise RuntimeError("The default site's root page is not the hub's HomePage (migration hub/0002).")
        self.pages[""] = home.get_parent()
        self.pages["home"] = home
        self.save_page(self.content.home, existing=home)
        for data in self.content.sections:
            self.save_page(data)
        self.log(f"Home and {len(self.content.sections)} section pages")

    def load_clusters(self) -> None:
        for cluster in self.content.clusters:
            english = cluster.translate
            data = PageData(
                key=f"cluster-{cluster.slug}",
                model="cases.ClusterPage",
                parent="clusters",
                slug=Text(cluster.slug, cluster.slug if english else None),
                title=Text(cluster.name, cluster.name if english else None),
                rich={"description": tuple(texts.cluster_description(cluster, self.content.cluster_texts))},
                image=cluster.image,
                values={
                    "municipality": cluster.municipality,
                    "villages": "\n".join(cluster.villages),
                    "village_count": cluster.villages_count,
                    "programme": cluster.programme,
                    "year_established": cluster.year,
                    "status": cluster.status,
                    "year_dissolved": cluster.dissolved_year,
                    "residents": cluster.residents,
                    "latitude": cluster.location[0] if cluster.location else None,
                    "longitude": cluster.location[1] if cluster.location else None,
                },
            )
            self.clusters[cluster.name] = self.save_page(data)
        self.log(f"Clusters: {len(self.clusters)}")

    def load_reports(self) -> None:
        count = 0
        for research in self.content.reports:
            values = {"report_type": research.report_type, "year": research.year, "authors": research.authors}
            values |= {"publisher": research.publisher, "page_count": research.pages, "cluster": None}
            spec = pdfs.research_report_spec(self.content, research)
            self.save_report(
                research.key,
                spec,
                research.slug,
                research.title,
                research.summary,
                values,
                research.focus_areas,
            )
            count += 1
        for cluster in self.content.clusters:
            for report_type, year in cluster.reports.items():
                self.save_cluster_report(cluster, report_type, year)
                count += 1
                if count % 10 == 0:
                    self.log(f"  reports: {count}")
        self.log(f"Reports with PDFs: {count}")

    def save_cluster_report(self, cluster: ClusterData, report_type: str, year: int) -> None:
        kind = self.content.cluster_reports[report_type]
        secretariat = self.content.site.secretariat
        title, summary, authors = texts.cluster_report_texts(
            cluster, kind, year, secretariat, self.content.cluster_texts
        )
        key = f"{cluster.slug}-{report_type}-{year}"
        values = {"report_type": report_type, "year": year, "authors": authors, "publisher": secretariat}
        values |= {"page_count": None, "cluster": self.clusters[cluster.name]}
        spec = pdfs.cluster_report_spec(self.content, cluster, report_type, year)
        slug = Text(key, key if cluster.translate else None)
        self.save_report(key, spec, slug, title, (summary,), values, kind.focus_areas)

    def save_report(
        self,
        key: str,
        spec: pdfs.PdfSpec,
        slug: Text,
        title: Text,
        summary: tuple[Text, ...],
        values: dict,
        focus_areas: tuple[str, ...],
    ) -> None:
        """A report page (``report-<key>``) with its generated PDF (``<slug>.pdf``, the
        document ``key``)."""
        document = self.ensure_document(key, title.da, f"{slug.da}.pdf", pdfs.render_pdf(spec))
        data = PageData(
            key=f"report-{key}",
            model="cases.ReportPage",
            parent="reports",
            slug=slug,
            title=title,
            rich={"summary": summary},
            values={**values, "document": document},
            focus_areas=focus_areas,
        )
        self.save_page(data)

    def load_findings(self) -> None:
        for finding in self.content.findings:
            data = PageData(
                key=f"finding-{finding.number}",
                model="cases.FindingPage",
                parent="findings",
                slug=finding.slug,
                title=finding.title,
                texts={"summary": finding.summary},
                body=tuple(Block("p", paragraph) for paragraph in finding.paragraphs),
                values={
                    "number": finding.number,
                    "source_report": self.pages[f"report-{finding.source_report}"],
                },
                focus_areas=finding.focus_areas,
                source=finding.source,
            )
            self.save_page(data)
        self.log(f"Findings: {len(self.content.findings)}")

    def load_posts_and_stories(self) -> None:
        for data in (*self.content.posts, *self.content.stories):
            self.save_page(data)
        self.log(f"Blog posts: {len(self.content.posts)}, success stories: {len(self.content.stories)}")

    def load_tag_names(self) -> None:
        """The tags' English names (``tag-names.toml``): English pages show them."""
        from taggit.models import Tag

        from hub.models import TagName

        for language, names in self.content.tag_names.items():
            locale = Locale.objects.get(language_code=language)
            for tag in Tag.objects.filter(name__in=names):
                label, created = TagName.objects.get_or_create(
                    tag=tag, locale=locale, defaults={"name": names[tag.name]}
                )
                changed = not created and label.name != names[tag.name]
                if changed:
                    label.name = names[tag.name]
                    label.save()
                self.report.count("tag name", created, changed)
        self.log(f"Tag names: {sum(len(names) for names in self.content.tag_names.values())}")

    def load_editions(self) -> None:
        for data in self.content.editions:
            self.save_page(data)
        self.log(f"Newsletter editions: {len(self.content.editions)}")

    def load_settings(self) -> None:
        site = self.content.site
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if (
            assign(settings, {"contact_email": site.contact_email, "facebook_url": site.facebook_url})
            or not settings.pk
        ):
            settings.save()
        self.log("Site settings")

    # One page ----------------------------------------------------------------------------

    def save_page(self, data: PageData, existing: Page | None = None) -> Page:
        """Create the page under its parent, or update it in place; publish only on change."""
        from django.apps import apps

        model = apps.get_model(data.model)
        parent = self.pages[data.parent]
        page = existing or model.objects.child_of(parent).filter(slug=data.slug.da).first()
        created = page is None
        if created:
            page = model(slug=data.slug.da, locale=parent.locale)
        wanted = self.page_values(data)
        changed = assign(page, wanted)
        changed |= assign_relations(
            page,
            focus_areas=[self.focus_areas[slug] for slug in data.focus_areas],
            clusters=[self.clusters[name] for name in data.clusters],
            tags=data.tags,
        )
        if created:
            parent.add_child(instance=page)
            page.save_revision().publish()
        elif changed:
            page.save_revision().publish()
        self.pages[data.key] = page
        if created or changed:
            self.changed.add(data.key)
        self.report.count(model.__name__, created, changed)
        if data.translate:
            self.english.add(data.all_texts())
            self.translated.append(data.key)
        return page

    def page_values(self, data: PageData) -> dict:
        values = {"title": data.title.da, "show_in_menus": data.show_in_menus, **data.values}
        for name, text in data.texts.items():
            values[name] = text.da
        for name, paragraphs in data.rich.items():
            values[name] = "".join(f"<p>{self.rich_text(paragraph.da)}</p>" for paragraph in paragraphs)
        if data.body:
            values["body"] = self.stream_data(data)
        if data.image:
            values[IMAGE_FIELDS[data.model]] = self.images[data.image]
        return values

    def rich_text(self, text: str) -> str:
        """A paragraph as stored rich text, its ``[label](page:KEY)`` links to the pages'
        ids (the reader checked every key; a page links only to one loaded before it)."""
        return links.rich_text(text, lambda key: self.pages[key].pk)

    def stream_data(self, data: PageData) -> list[dict]:
        """The body as raw StreamField data, with block ids stable across runs."""
        blocks: list[dict] = []

        def add(block_type: str, value) -> None:
            block_id = str(uuid.uuid5(BLOCK_NAMESPACE, f"{data.key}:{len(blocks)}"))
            blocks.append({"type": block_type, "value": value, "id": block_id})

        for block in data.body:
            if block.kind == "p":
                paragraph = f"<p>{self.rich_text(block.text.da)}</p>"
                if blocks and blocks[-1]["type"] == "paragraph_block":
                    blocks[-1]["value"] += paragraph
                else:
                    add("paragraph_block", paragraph)
            elif block.kind in {"h2", "h3"}:
                add("heading_block", {"heading_text": block.text.da, "size": block.kind})
            elif block.kind == "fact":
                add("fact_block", {"figure": block.figure.da, "text": block.text.da})
            elif block.kind == "image":
                add("image_block", {"image": self.images[block.ref].pk, "caption": block.text.da})
            elif block.kind == "document":
                add("document_block", {"document": self.documents[block.ref].pk, "label": block.text.da})
            elif block.kind == "timeline":
                add("timeline_block", self.timeline_data(data, len(blocks), block.timeline))
            else:
                raise ValueError(f"Unknown block {block.kind!r} in {data.key}")
        return blocks

    def timeline_data(self, data: PageData, index: int, timeline) -> dict:
        """A timeline block's raw value; list items get ids stable across runs."""

        def items(name: str, values: list[dict]) -> list[dict]:
            return [
                {
                    "type": "item",
                    "value": value,
                    "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{data.key}:{index}:{name}:{i}")),
                }
                for i, value in enumerate(values)
            ]

        periods = [
            {"label": label.da, "start": start, "end": end, "text": text.da}
            for label, start, end, text in timeline.periods
        ]
        milestones = [{"year": year, "label": label.da} for year, label in timeline.milestones]
        return {
            "heading": timeline.heading.da,
            "periods": items("period", periods),
            "milestones": items("milestone", milestones),
            "show_yearly_count": True,
        }

    # Translations ----------------------------------------------------------------------

    def date_publications(self) -> None:
        """Stories, posts and reports were first published when they were written, not
        when the demo was loaded: "newest first" and the archive's dates rely on it."""
        from blog.models import BlogPostPage
        from cases.models import ReportPage, SuccessStoryPage

        dated = [(model, "date", lambda value: value) for model in (SuccessStoryPage, BlogPostPage)]
        dated.append((ReportPage, "year", lambda year: date(year, 6, 1)))
        for model, field_name, to_date in dated:
            for translation_key, value in model.objects.filter(locale=self.danish).values_list(
                "translation_key", field_name
            ):
                moment = datetime.combine(to_date(value), datetime.min.time(), tzinfo=UTC)
                Page.objects.filter(translation_key=translation_key).exclude(
                    first_published_at=moment
                ).update(first_published_at=moment)

    def translate_all(self) -> None:
        for slug, area in self.focus_areas.items():
            self.english.translate(area, force=f"focus-area-{slug}" in self.changed)
        for done, key in enumerate(self.translated, start=1):
            self.english.translate(self.pages[key], force=key in self.changed)
            if done % 10 == 0:
                self.log(f"  English pages: {done}/{len(self.translated)}")
        missing = len(self.report.missing_segments)
        self.log(
            f"English: {self.report.translated} translations saved, {self.report.segments} segments, "
            f"{missing} without English"
        )
        for text in self.report.missing_segments[:20]:
            self.log(f"  no English for: {text[:90]}")


def load_demo_content(log: Callable[[str], None] = print) -> LoadReport:
    return DemoLoader(log=log).run()
