"""What every part of the reader shares: its files, the look-ups of things the data names
by key (images, focus areas, clusters), each checked against what exists, and the
sections of a report PDF."""

from __future__ import annotations

from pathlib import Path

from ..data import ClusterData, FocusAreaData, ImageData, PdfSection, Text
from .fields import MISSING, Fields, read_file
from .paths import CONTENT_DIR, SOURCES_DIR


class ReaderBase:
    focus_areas: tuple[FocusAreaData, ...] = ()
    images: tuple[ImageData, ...] = ()
    clusters: tuple[ClusterData, ...] = ()

    def __init__(self, content_dir: Path = CONTENT_DIR, sources_dir: Path = SOURCES_DIR) -> None:
        self.root, self.sources = content_dir, sources_dir
        # Files are named in errors from the folder that holds the demo (``demo/``).
        self.label_root = content_dir.parent.parent
        self.opened: list[Path] = []  # every data file read, in order

    def label(self, path: Path) -> str:
        return (
            path.relative_to(self.label_root).as_posix()
            if path.is_relative_to(self.label_root)
            else str(path)
        )

    def file(self, name: str) -> Fields:
        path = self.root / name
        self.opened.append(path)
        return read_file(path, self.label(path))

    # References -----------------------------------------------------------------------

    def image_key(self, fields: Fields, name: str) -> str | None:
        key = fields.string(name, None)
        if key is not None and key not in {image.key for image in self.images}:
            raise fields.error(name, f"no such image {key!r} (images.toml)")
        return key

    def focus_keys(self, fields: Fields) -> tuple[str, ...]:
        slugs = fields.strings("focus_areas")
        known = [area.slug for area in self.focus_areas]
        for index, slug in enumerate(slugs):
            if slug not in known:
                raise fields.error(
                    f"focus_areas[{index}]", f"no such focus area {slug!r} (one of: {', '.join(known)})"
                )
        return slugs

    def cluster_names(self, fields: Fields) -> tuple[str, ...]:
        names = fields.strings("clusters")
        known = {cluster.name for cluster in self.clusters}
        for index, name in enumerate(names):
            if name not in known:
                raise fields.error(
                    f"clusters[{index}]", f"no such cluster {name!r} (sources/facts/clusters.json)"
                )
        return names

    # Texts that must be in both languages, or in Danish only ----------------------------

    @staticmethod
    def english_required(fields: Fields, name: str) -> Text:
        text = fields.text(name)
        if text.en is None:
            raise fields.error(name, "needs its English (en = …) too")
        return text

    @staticmethod
    def bilingual_template(fields: Fields, name: str, allowed, indexed=None) -> Text:
        template = fields.template(name, allowed, indexed)
        if not isinstance(template, Text) or template.en is None:
            raise fields.error(name, 'needs Danish and English: { da = "…", en = "…" }')
        return template

    @staticmethod
    def danish_template(fields: Fields, name: str, allowed, indexed=None) -> str:
        template = fields.template(name, allowed, indexed)
        if isinstance(template, Text):
            raise fields.error(name, "expected a text in quotes (the PDFs are Danish only)")
        return template

    # Report PDFs -------------------------------------------------------------------

    def pdf_sections(self, fields: Fields, shared_names, placeholders) -> tuple[PdfSection, ...]:
        """``[[pdf]]``: each a heading and its own ``text`` (templates) or a ``shared`` text."""
        sections = []
        focus = {"focus": {area.slug for area in self.focus_areas}}
        for section in fields.tables("pdf"):
            shared = section.string("shared", "")
            if shared and shared not in shared_names:
                raise section.error(
                    "shared", f"unknown shared text (one of: {', '.join(sorted(shared_names))})"
                )
            if shared and section.has("text"):
                raise section.error("text", "a section has its own text or a shared one, not both")
            paragraphs = section.strings("text")
            for index, paragraph in enumerate(paragraphs):
                section.check_template(f"text[{index}]", paragraph, placeholders, focus)
            if not shared and not paragraphs:
                raise section.error("", "needs text = [...] or shared = …")
            heading = section.string("heading", "" if shared == "findings" else MISSING)
            sections.append(PdfSection(heading, paragraphs, shared))
            section.done()
        return tuple(sections)
