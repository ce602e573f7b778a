"""Builds (or brings up to date) the two-language demo hub from its data files.

Idempotent: every object is found by a stable key (a page's slug under its parent, an
image's or document's title, a focus area's slug) and only saved, published or
re-translated when what the demo wants differs from what is stored. English pages are
real wagtail-localize translations, so editors can keep working on them in the admin.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.models import Locale, Page, Site

from hub.documents import ANALYSIS_FIELDS, analyse_document
from hub.models import FocusArea, HomePage, HubDocument, HubImage, SiteSettings
from search.facets import rebuild_all_facets

from . import images, pdfs, texts
from .data import Block, ClusterData, DemoContent, PageData, Text
from .reader import read_content

BLOCK_NAMESPACE = uuid.UUID("6f1d8c53-5a8e-4c4e-9a55-3c1c0d6c2b10")

# Where each page model keeps its picture.
IMAGE_FIELDS = {
    "hub.HomePage": "hero_image",
    "cases.ClusterPage": "image",
    "cases.SuccessStoryPage": "lead_image",
    "blog.BlogPostPage": "lead_image",
}


@contextmanager
def deferred_search_index(log: Callable[[str], None]) -> Iterator[None]:
    """Index each saved object once at the end instead of on every save.

    A page is saved several times while it is created, published and translated; the
    search backend's post_save handler would reindex it each time.
    """
    from django.apps import apps
    from django.db.models.signals import post_save
    from wagtail.search import index
    from wagtail.search.signal_handlers import post_save_signal_handler

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    saved: dict[tuple[str, str], set] = {}

    def collect(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            saved.setdefault((instance._meta.app_label, instance._meta.model_name), set()).add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(collect, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    total = 0
    for (app_label, model_name), pks in saved.items():
        for instance in apps.get_model(app_label, model_name).objects.filter(pk__in=pks):
            index.insert_or_update_object(instance)
            total += 1
    log(f"Search index: {total} objects")


def normalise(text: str) -> str:
    """The key a Danish text is looked up by: unescaped, whitespace collapsed."""
    return " ".join(html.unescape(text).split())


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
        self.english: dict[str, str] = {}

    # Entry point -----------------------------------------------------------------------

    def run(self) -> LoadReport:
        """Read every data file first (a mistake in one stops the load before it writes),
        then create or update everything in one transaction."""
        started = time.monotonic()
        self.content = self.content or read_content()
        secretariat = self.content.site.secretariat
        self.english[normalise(secretariat)] = secretariat
        with transaction.atomic(), deferred_search_index(self.log):
            self.danish = Locale.objects.get(language_code="da")
            self.english_locale, _ = Locale.objects.get_or_create(language_code="en")
            self.load_images()
            self.load_focus_areas()
            self.load_structure()
            self.load_clusters()
            self.load_reports()
            self.load_findings()
            self.load_posts_and_stories()
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
            image = HubImage.objects.filter(title=data.title).first()
            created = image is None
            changed = False
            if created:
                jpeg = ImageFile(
                    io.BytesIO(images.render_jpeg(data.kind, data.key)), name=f"demo-{data.key}.jpg"
                )
                image = HubImage(title=data.title, file=jpeg)
                image._set_image_file_metadata()
                image.width, image.height = images.WIDTH, images.HEIGHT
            for name, value in (
                ("description", data.description),
                ("credit", self.content.site.image_credit),
            ):
                if getattr(image, name) != value:
                    setattr(image, name, value)
                    changed = True
            if created or changed:
                image.save()
            self.images[data.key] = image
            self.report.count("image", created, changed)
        self.log(f"Images: {len(self.images)}")

    def ensure_document(self, key: str, title: str, filename: str, data: bytes) -> HubDocument:
        """One PDF by title; its file is replaced only when the generated bytes change."""
        digest = hashlib.sha256(data).hexdigest()
        document = HubDocument.objects.filter(title=title).first()
        created = document is None
        changed = False
        if created:
            document = HubDocument(title=title)
        if created or document.sha256 != digest:
            if not created and document.file:
                document.file.delete(save=False)
            document.file.save(filename, ContentFile(data), save=False)
            document._set_document_file_metadata()
            document.save()
            # The post_save signal may already have analysed it (immediate task backend).
            document.refresh_from_db(fields=ANALYSIS_FIELDS)
            if document.extraction_status != HubDocument.Extraction.DONE or document.sha256 != digest:
                analyse_document(document)
            changed = True
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
            changed = self._set(area, wanted)
            if created or changed:
                area.save()
            self.focus_areas[data.slug] = area
            if created or changed:
                self.changed.add(f"focus-area-{data.slug}")
            self.report.count("focus area", created, changed)
            self.english.update({normalise(text.da): text.en for text in (data.name, data.description)})
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
                },
            )
            self.clusters[cluster.name] = self.save_page(data)
        self.log(f"Clusters: {len(self.clusters)}")

    def load_reports(self) -> None:
        count = 0
        for research in self.content.reports:
            pdf = pdfs.render_pdf(pdfs.research_report_spec(self.content, research))
            document = self.ensure_document(research.key, research.title.da, f"{research.slug.da}.pdf", pdf)
            data = PageData(
                key=f"report-{research.key}",
                model="cases.ReportPage",
                parent="reports",
                slug=research.slug,
                title=research.title,
                rich={"summary": research.summary},
                values={
                    "report_type": research.report_type,
                    "year": research.year,
                    "authors": research.authors,
                    "publisher": research.publisher,
                    "page_count": research.pages,
                    "document": document,
                    "cluster": None,
                },
                focus_areas=research.focus_areas,
                source=research.source,
            )
            self.save_page(data)
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
        slug = f"{cluster.slug}-{report_type}-{year}"
        pdf = pdfs.render_pdf(pdfs.cluster_report_spec(self.content, cluster, report_type, year))
        document = self.ensure_document(slug, title.da, f"{slug}.pdf", pdf)
        data = PageData(
            key=f"report-{slug}",
            model="cases.ReportPage",
            parent="reports",
            slug=Text(slug, slug if cluster.translate else None),
            title=title,
            rich={"summary": (summary,)},
            values={
                "report_type": report_type,
                "year": year,
                "authors": authors,
                "publisher": secretariat,
                "page_count": None,
                "document": document,
                "cluster": self.clusters[cluster.name],
            },
            focus_areas=kind.focus_areas,
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

    def load_editions(self) -> None:
        for data in self.content.editions:
            self.save_page(data)
        self.log(f"Newsletter editions: {len(self.content.editions)}")

    def load_settings(self) -> None:
        site = self.content.site
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if (
            self._set(settings, {"contact_email": site.contact_email, "facebook_url": site.facebook_url})
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
        page = existing or model.objects.child_of(parent).filter(slug=data.slug[0]).first()
        created = page is None
        if created:
            page = model(slug=data.slug[0], locale=parent.locale)
        wanted = self.page_values(data)
        changed = self._set(page, wanted)
        changed |= self._set_relations(page, data)
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
            self.english.update(self.pairs_of(data))
            self.translated.append(data.key)
        return page

    def page_values(self, data: PageData) -> dict:
        values = {"title": data.title.da, "show_in_menus": data.show_in_menus, **data.values}
        for name, text in data.texts.items():
            values[name] = text.da
        for name, paragraphs in data.rich.items():
            values[name] = "".join(
                f"<p>{html.escape(paragraph.da, quote=False)}</p>" for paragraph in paragraphs
            )
        if data.body:
            values["body"] = self.stream_data(data)
        if data.image:
            values[IMAGE_FIELDS[data.model]] = self.images[data.image]
        return values

    def stream_data(self, data: PageData) -> list[dict]:
        """The body as raw StreamField data, with block ids stable across runs."""
        blocks: list[dict] = []

        def add(block_type: str, value) -> None:
            block_id = str(uuid.uuid5(BLOCK_NAMESPACE, f"{data.key}:{len(blocks)}"))
            blocks.append({"type": block_type, "value": value, "id": block_id})

        for block in data.body:
            if block.kind == "p":
                paragraph = f"<p>{html.escape(block.text.da, quote=False)}</p>"
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
            else:
                raise ValueError(f"Unknown block {block.kind!r} in {data.key}")
        return blocks

    def _set(self, obj, wanted: dict) -> bool:
        """Assign the wanted values; True when anything differed."""
        changed = False
        for name, value in wanted.items():
            if name == "body":
                current = (
                    json.loads(json.dumps(list(obj.body.raw_data), cls=DjangoJSONEncoder)) if obj.pk else None
                )
                if current != value:
                    obj.body = json.dumps(value)
                    changed = True
                continue
            if getattr(obj, name, None) != value:
                setattr(obj, name, value)
                changed = True
        return changed

    def _set_relations(self, page: Page, data: PageData) -> bool:
        changed = False
        if hasattr(page, "focus_areas"):
            wanted = [self.focus_areas[slug] for slug in data.focus_areas]
            current = {fa.pk for fa in page.focus_areas.all()} if page.pk else set()
            if current != {fa.pk for fa in wanted} or not page.pk:
                page.focus_areas = wanted
                changed = changed or bool(page.pk)
        if hasattr(page, "clusters"):
            wanted = [self.clusters[name] for name in data.clusters]
            current = {c.pk for c in page.clusters.all()} if page.pk else set()
            if current != {c.pk for c in wanted} or not page.pk:
                page.clusters = wanted
                changed = changed or bool(page.pk)
        tag_field = "themes" if hasattr(page, "themes") else "tags" if hasattr(page, "tags") else None
        if tag_field:
            manager = getattr(page, tag_field)
            current = set(manager.names()) if page.pk else set()
            if current != set(data.tags):
                manager.clear()
                if data.tags:
                    manager.add(*data.tags)
                changed = changed or bool(page.pk)
        return changed

    # Translations ----------------------------------------------------------------------

    @staticmethod
    def pairs_of(data: PageData) -> dict[str, str]:
        """Every Danish text of the page with its English, keyed for PO look-up."""
        pairs: list[Text] = [data.title, data.slug, *data.texts.values()]
        for paragraphs in data.rich.values():
            pairs.extend(paragraphs)
        for block in data.body:
            pairs.extend(block.texts())
        return {normalise(text.da): text.en for text in pairs if text.en is not None}

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
            self.translate(area, force=f"focus-area-{slug}" in self.changed)
        for done, key in enumerate(self.translated, start=1):
            self.translate(self.pages[key], force=key in self.changed)
            if done % 10 == 0:
                self.log(f"  English pages: {done}/{len(self.translated)}")
        missing = len(self.report.missing_segments)
        self.log(
            f"English: {self.report.translated} translations saved, {self.report.segments} segments, "
            f"{missing} without English"
        )
        for text in self.report.missing_segments[:20]:
            self.log(f"  no English for: {text[:90]}")

    def translate(self, instance, force: bool) -> None:
        """Fill wagtail-localize's PO for ``instance`` from the English texts and save it."""
        from wagtail_localize.models import Translation, TranslationSource

        source, _ = TranslationSource.update_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=self.english_locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            self.report.segments += 1
            english = self.english.get(normalise(entry.msgid))
            if english is None:
                self.report.missing_segments.append(entry.msgid)
                continue
            msgstr = html.escape(english, quote=False)
            if entry.msgstr != msgstr:
                entry.msgstr = msgstr
                changed = True
        if changed:
            translation.import_po(po)
        exists = instance.get_translation_or_none(self.english_locale) is not None
        if changed or force or not exists:
            self.save_translation(translation, instance)
            self.report.translated += 1

    def save_translation(self, translation, instance) -> None:
        """Like ``Translation.save_target(publish=True)``, but publish at once.

        wagtail-localize defers publishing a page translation to ``on_commit`` with the
        page object as it was then; published after its children were added (one outer
        transaction, or a test's captured callbacks), it saves a stale ``numchild`` and
        the English children disappear from the tree. So save a draft and publish a
        fresh copy of it now.
        """
        if not isinstance(instance, Page):
            translation.save_target(publish=True)
            return
        translation.source.create_or_update_translation(
            self.english_locale, publish=False, copy_parent_pages=True, fallback=True
        )
        target = Page.objects.get(pk=instance.get_translation(self.english_locale).pk).specific
        revision = target.get_latest_revision()
        if revision is not None and (not target.live or target.has_unpublished_changes):
            revision.publish()


def load_demo_content(log: Callable[[str], None] = print) -> LoadReport:
    return DemoLoader(log=log).run()


def page_counts() -> Iterable[tuple[str, str, int]]:
    """(page type, language, count) for every page type in the tree, for the summary."""
    from django.db.models import Count

    rows = (
        Page.objects.filter(depth__gt=1)
        .values("content_type__model", "locale__language_code")
        .annotate(n=Count("pk"))
        .order_by("content_type__model", "locale__language_code")
    )
    for row in rows:
        yield row["content_type__model"], row["locale__language_code"], row["n"]
