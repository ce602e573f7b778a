"""Turns the demo's data files into the loader's data classes (``data.py``).

``content/`` is what an editor changes (its README says how); ``sources/`` holds the
copied facts. Everything is read and checked before the loader writes anything: a
problem raises :class:`~demo.fields.DemoDataError` naming the file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import images, pdfs, texts
from .data import (
    Block,
    ClusterData,
    ClusterReportType,
    DemoContent,
    FindingData,
    FocusAreaData,
    ImageData,
    PageData,
    PdfSection,
    ResearchData,
    SiteData,
    Text,
)
from .fields import MISSING, DemoDataError, Fields, read_file

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCES_DIR = Path(__file__).resolve().parent / "sources"

# Folders of page files: the key prefix of their pages and their page type. A folder's
# pages go under the section of the same name, in the order its file lists them.
FOLDERS = {
    "findings": ("finding", "cases.FindingPage"),
    "reports": ("report", "cases.ReportPage"),
    "blog": ("post", "blog.BlogPostPage"),
    "stories": ("story", "cases.SuccessStoryPage"),
    "newsletter": ("edition", "newsletter.NewsletterEditionPage"),
}

# What a page file may hold besides title and slug, by page type.
TEXT, RICH, STRING, DATE, BOOL, IMAGE, FOCUS, CLUSTERS, TAGS, BODY = (
    "text", "rich", "string", "date", "bool", "image", "focus", "clusters", "tags", "body",
)  # fmt: skip
_SECTION = {"intro": RICH, "show_in_menus": BOOL}
PAGE_FIELDS: dict[str, dict[str, str]] = {
    "hub.HomePage": {"intro": RICH, "image": IMAGE, "body": BODY},
    "hub.StandardPage": {"intro": TEXT, "show_in_menus": BOOL, "body": BODY},
    "cases.ClusterIndexPage": _SECTION,
    "cases.StoryIndexPage": _SECTION,
    "cases.FindingIndexPage": _SECTION,
    "cases.ReportIndexPage": _SECTION,
    "blog.BlogIndexPage": _SECTION,
    "newsletter.NewsletterIndexPage": _SECTION,
    "blog.BlogPostPage": {
        "date": DATE, "author": STRING, "intro": TEXT, "image": IMAGE, "focus_areas": FOCUS, "tags": TAGS,
        "body": BODY,
    },
    "cases.SuccessStoryPage": {
        "date": DATE, "intro": TEXT, "image": IMAGE, "clusters": CLUSTERS, "focus_areas": FOCUS,
        "themes": TAGS, "body": BODY,
    },
    "newsletter.NewsletterEditionPage": {"date": DATE, "body": BODY},
}  # fmt: skip
SECTION_TYPES = [model for model, kinds in PAGE_FIELDS.items() if kinds is _SECTION] + ["hub.StandardPage"]
BLOCK_KINDS = ("h2", "h3", "p", "figure", "image", "document", "include")


class Reader:
    """Reads one content folder; ``read()`` returns the whole :class:`DemoContent`."""

    def __init__(self, content_dir: Path = CONTENT_DIR, sources_dir: Path = SOURCES_DIR) -> None:
        self.root, self.sources = content_dir, sources_dir
        self.texts_seen: list[tuple[Fields, str, Text]] = []  # of the page being read

    def file(self, name: str) -> Fields:
        return read_file(self.root / name, self.root)

    def read(self) -> DemoContent:
        site_file = self.file("site.toml")
        site = self.read_site(site_file)
        self.focus_areas = self.read_focus_areas()
        self.images = self.read_images()
        self.report_pdfs = self.read_report_pdfs()
        self.cluster_texts = self.read_cluster_texts()
        self.cluster_reports = self.read_cluster_reports()
        self.clusters = self.read_clusters()
        sections = {name: self.file(f"pages/{name}.toml") for name in site.sections}
        children = {name: self.children(name, sections[name]) for name in FOLDERS if name in sections}
        self.reports = tuple(self.read_report(name, fields) for name, fields in children.get("reports", []))
        self.documents = {r.key for r in self.reports} | {
            f"{c.slug}-{kind}-{year}" for c in self.clusters for kind, year in c.reports.items()
        }
        self.findings = tuple(
            self.read_finding(name, fields) for name, fields in children.get("findings", [])
        )
        home = self.read_page(self.file("pages/home.toml"), "home", "hub.HomePage", parent="")
        section_pages = tuple(self.read_section(name, fields) for name, fields in sections.items())

        def pages(folder: str) -> tuple[PageData, ...]:
            prefix, model = FOLDERS[folder]
            return tuple(
                self.read_page(fields, f"{prefix}-{name}", model, parent=folder)
                for name, fields in children.get(folder, [])
            )

        return DemoContent(
            site=site,
            focus_areas=self.focus_areas,
            images=self.images,
            clusters=self.clusters,
            home=home,
            sections=section_pages,
            reports=self.reports,
            findings=self.findings,
            posts=pages("blog"),
            stories=pages("stories"),
            editions=pages("newsletter"),
            cluster_texts=self.cluster_texts,
            cluster_reports=self.cluster_reports,
            report_pdfs=self.report_pdfs,
        )

    # The site, media and snippets -------------------------------------------------------

    def read_site(self, fields: Fields) -> SiteData:
        sections = fields.strings("sections")
        for index, name in enumerate(sections):
            if not (self.root / "pages" / f"{name}.toml").is_file():
                raise fields.error(f"sections[{index}]", f"no file pages/{name}.toml")
        settings = fields.table("settings")
        site = SiteData(
            secretariat=fields.string("secretariat"),
            image_credit=fields.string("image_credit"),
            contact_email=settings.string("contact_email"),
            facebook_url=settings.string("facebook_url"),
            sections=sections,
        )
        settings.done()
        fields.done()
        return site

    def read_focus_areas(self) -> tuple[FocusAreaData, ...]:
        areas = []
        for slug, area in self.file("focus-areas.toml").keyed_tables():
            areas.append(
                FocusAreaData(
                    slug=slug,
                    name=self.english_required(area, "name"),
                    description=self.english_required(area, "description"),
                    report_text=area.string("report_text"),
                )
            )
            area.done()
        return tuple(areas)

    def read_images(self) -> tuple[ImageData, ...]:
        found = []
        for key, image in self.file("images.toml").keyed_tables():
            paint = image.string("paint")
            if paint not in images.SKIES:
                raise image.error("paint", f"unknown picture {paint!r} (one of: {', '.join(images.SKIES)})")
            found.append(ImageData(key, image.string("title"), image.string("description"), paint))
            image.done()
        return tuple(found)

    @staticmethod
    def english_required(fields: Fields, name: str) -> Text:
        text = fields.text(name)
        if text.en is None:
            raise fields.error(name, "needs its English (en = …) too")
        return text

    # Clusters -------------------------------------------------------------------------

    def read_clusters(self) -> tuple[ClusterData, ...]:
        path = self.sources / "facts" / "clusters.json"
        name = (
            path.relative_to(self.root.parent).as_posix()
            if path.is_relative_to(self.root.parent)
            else str(path)
        )
        try:
            facts = Fields(json.loads(path.read_text(encoding="utf-8")), name)
        except (OSError, ValueError) as error:
            raise DemoDataError(f"{name}: {error}") from None
        additions = dict(self.file("clusters.toml").keyed_tables())
        clusters = []
        for fact in facts.tables("clusters"):
            cluster_name = fact.string("name")
            demo = additions.pop(cluster_name, None)
            if demo is None:
                raise DemoDataError(
                    f"content/clusters.toml: no entry for the cluster {cluster_name!r} of {name}"
                )
            clusters.append(self.read_cluster(fact, demo))
        if additions:
            unknown = next(iter(additions))
            raise DemoDataError(f"content/clusters.toml: {unknown}: no such cluster in {name}")
        return tuple(clusters)

    def read_cluster(self, fact: Fields, demo: Fields) -> ClusterData:
        programme = fact.string("programme")
        if programme not in {"pilot", "campaign"}:
            raise fact.error("programme", f"unknown programme {programme!r} (pilot or campaign)")
        reports = {}
        table = demo.table("reports", None)
        for report_type in table.data if table else ():
            if report_type not in self.cluster_reports:
                raise table.error(
                    report_type, f"unknown report type (one of: {', '.join(self.cluster_reports)})"
                )
            reports[report_type] = table.integer(report_type)
        image = self.image_key(demo, "image")
        themes = demo.strings("themes")
        if not themes:
            raise demo.error("themes", "name at least one: the reports' PDFs are written around them")
        cluster = ClusterData(
            name=fact.string("name"),
            slug=texts.slugify_da(fact.string("name")),
            municipality=fact.string("municipality"),
            programme=programme,
            year=fact.integer("year", None),
            villages=fact.strings("villages"),
            villages_count=fact.integer("villages_count", None),
            residents=fact.integer("residents", None),
            status=fact.string("status", "active"),
            dissolved_year=fact.integer("dissolved_year", None),
            image=image,
            themes=themes,
            reports=reports,
            pdf_event=demo.string("pdf_event"),
            translate=demo.boolean("english", False),
        )
        demo.done()
        return cluster

    def read_cluster_texts(self) -> dict:
        fields = self.file("cluster-texts.toml")
        result = {}
        for group, placeholders in (
            ("villages", texts.VILLAGE_PLACEHOLDERS),
            ("description", texts.DESCRIPTION_PLACEHOLDERS),
        ):
            table = fields.table(group)
            result[group] = {
                name: self.bilingual_template(table, name, allowed) for name, allowed in placeholders.items()
            }
            table.done()
        fields.done()
        return result

    def bilingual_template(self, fields: Fields, name: str, allowed, indexed=None) -> Text:
        template = fields.template(name, allowed, indexed)
        if not isinstance(template, Text) or template.en is None:
            raise fields.error(name, 'needs Danish and English: { da = "…", en = "…" }')
        return template

    def read_cluster_reports(self) -> dict[str, ClusterReportType]:
        kinds = {}
        for path in sorted((self.root / "cluster-reports").glob("*.toml")):
            fields = read_file(path, self.root)
            allowed = texts.REPORT_PAGE_PLACEHOLDERS
            kinds[path.stem] = ClusterReportType(
                report_type=path.stem,
                title=self.bilingual_template(fields, "title", allowed),
                summary=self.bilingual_template(fields, "summary", allowed),
                authors=self.danish_template(fields, "authors", {"name", "secretariat"}),
                focus_areas=self.focus_keys(fields),
                pdf=self.pdf_sections(fields, pdfs.CLUSTER_SHARED, pdfs.CLUSTER_SECTION_PLACEHOLDERS),
            )
            if path.stem not in self.report_pdfs["type_names"]:
                raise fields.error("", f"report-pdfs.toml has no type_names.{path.stem}")
            fields.done()
        return kinds

    def danish_template(self, fields: Fields, name: str, allowed, indexed=None) -> str:
        template = fields.template(name, allowed, indexed)
        if isinstance(template, Text):
            raise fields.error(name, "expected a text in quotes (the PDFs are Danish only)")
        return template

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

    def read_report_pdfs(self) -> dict:
        fields = self.file("report-pdfs.toml")
        result: dict = {}

        def template(table: Fields, path: str, name: str) -> str:
            return self.danish_template(table, name, pdfs.PDF_PLACEHOLDERS[path])

        for name in ("subtitle", "colophon", "footer"):
            result[name] = template(fields, name, name)
        type_names = fields.table("type_names")
        result["type_names"] = {key: type_names.string(key) for key in type_names.data}
        type_names.done()
        phases = fields.table("phases")
        result["phases"] = {key: phases.string(key) for key in phases.data}
        phases.done()
        cluster = fields.table("cluster")
        result["cluster"] = {
            name: template(cluster, f"cluster.{name}", name)
            for name in ("title", "in_year", "villages", "residents", "named_villages", "theme")
        }
        lines = cluster.strings("title_lines")
        for index, line in enumerate(lines):
            cluster.check_template(
                f"title_lines[{index}]", line, pdfs.PDF_PLACEHOLDERS["cluster.title_lines"]
            )
        result["cluster"]["title_lines"] = lines
        programme = cluster.table("programme")
        result["cluster"]["programme"] = {
            name: template(programme, "cluster.programme", name) for name in ("pilot", "campaign")
        }
        programme.done()
        cluster.done()
        national = fields.table("national")
        result["national"] = {"background": national.strings("background")}
        national.done()
        fields.done()
        return result

    # Page files -----------------------------------------------------------------------

    def children(self, folder: str, section: Fields) -> list[tuple[str, Fields]]:
        """The files of a section's folder, in the order its ``pages`` lists them."""
        listed = section.strings("pages")
        found = {path.stem for path in (self.root / folder).glob("*.toml")}
        for index, name in enumerate(listed):
            if name not in found:
                raise section.error(f"pages[{index}]", f"no file {folder}/{name}.toml")
        for name in sorted(found - set(listed)):
            raise section.error("pages", f"{folder}/{name}.toml is not listed: add {name!r} where it belongs")
        return [(name, self.file(f"{folder}/{name}.toml")) for name in listed]

    def read_section(self, name: str, fields: Fields) -> PageData:
        model = fields.string("type")
        if model not in SECTION_TYPES:
            raise fields.error("type", f"not a section's page type (one of: {', '.join(SECTION_TYPES)})")
        return self.read_page(fields, name, model, parent="home")

    def read_page(self, fields: Fields, key: str, model: str, parent: str) -> PageData:
        self.texts_seen = []
        title, slug = self.text(fields, "title"), self.text(fields, "slug")
        page: dict = {"texts": {}, "rich": {}, "values": {}, "body": (), "focus_areas": (), "clusters": ()}
        page["tags"], page["image"], page["show_in_menus"] = (), None, False
        for name, kind in PAGE_FIELDS[model].items():
            if kind == TEXT and fields.has(name):
                page["texts"][name] = self.text(fields, name)
            elif kind == RICH and fields.has(name):
                page["rich"][name] = self.paragraphs(fields, name)
            elif kind == STRING and fields.has(name):
                page["values"][name] = fields.string(name)
            elif kind == DATE:
                page["values"][name] = fields.date(name)
            elif kind == BOOL:
                page["show_in_menus"] = fields.boolean(name, False)
            elif kind == IMAGE:
                page["image"] = self.image_key(fields, name)
            elif kind == FOCUS:
                page["focus_areas"] = self.focus_keys(fields)
            elif kind == CLUSTERS:
                page["clusters"] = self.cluster_names(fields)
            elif kind == TAGS:
                page["tags"] = fields.strings(name)
            elif kind == BODY:
                page["body"] = self.body(fields)
        fields.done()
        self.check_languages(fields, title)
        return PageData(
            key=key, model=model, parent=parent, slug=slug, title=title, source=fields.file, **page
        )

    def read_finding(self, name: str, fields: Fields) -> FindingData:
        if not name.isdigit():
            raise DemoDataError(
                f"{fields.file}: a finding's file is named by its number, e.g. findings/1.toml"
            )
        self.texts_seen = []
        source = fields.string("source_report")
        if source not in {report.key for report in self.reports}:
            raise fields.error("source_report", f"no national report {source!r} (reports/)")
        finding = FindingData(
            number=int(name),
            title=self.text(fields, "title"),
            slug=self.text(fields, "slug"),
            summary=self.text(fields, "summary"),
            paragraphs=self.paragraphs(fields, "text"),
            focus_areas=self.focus_keys(fields),
            source_report=source,
            source=fields.file,
        )
        fields.done()
        self.check_languages(fields, finding.title)
        return finding

    def read_report(self, name: str, fields: Fields) -> ResearchData:
        self.texts_seen = []
        report_type = fields.string("report_type")
        if report_type not in self.report_pdfs["type_names"]:
            names = ", ".join(self.report_pdfs["type_names"])
            raise fields.error("report_type", f"unknown report type {report_type!r} (one of: {names})")
        report = ResearchData(
            key=name,
            slug=self.text(fields, "slug"),
            title=self.text(fields, "title"),
            year=fields.integer("year"),
            authors=fields.string("authors"),
            report_type=report_type,
            pages=fields.integer("page_count", None),
            publisher=fields.string("publisher", ""),
            summary=self.paragraphs(fields, "summary"),
            focus_areas=self.focus_keys(fields),
            pdf=self.pdf_sections(fields, pdfs.NATIONAL_SHARED, set()),
            source=fields.file,
        )
        fields.done()
        self.check_languages(fields, report.title)
        return report

    # Parts of a page --------------------------------------------------------------------

    def text(self, fields: Fields, name: str) -> Text:
        text = fields.text(name)
        self.texts_seen.append((fields, name, text))
        return text

    def paragraphs(self, fields: Fields, name: str) -> tuple[Text, ...]:
        paragraphs = fields.texts(name)
        self.texts_seen += [(fields, f"{name}[{i}]", text) for i, text in enumerate(paragraphs)]
        return paragraphs

    def check_languages(self, fields: Fields, title: Text) -> None:
        """A page is in English when its title is; then every text is, else none is."""
        for where, name, text in self.texts_seen:
            if title.en is not None and text.en is None:
                raise where.error(name, "no English (en = …), but the page is translated (its title has en)")
            if title.en is None and text.en is not None:
                raise where.error(name, "English given, but the page stays Danish-only (its title has no en)")

    def body(self, fields: Fields) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for table in fields.tables("body", []):
            kinds = [kind for kind in BLOCK_KINDS if table.has(kind)]
            if len(kinds) != 1:
                raise table.error("", f"a block holds exactly one of: {', '.join(BLOCK_KINDS)}")
            kind = kinds[0]
            if kind in {"h2", "h3", "p"}:
                blocks.append(Block(kind, self.text(table, kind)))
            elif kind == "figure":
                blocks.append(Block("fact", self.text(table, "text"), figure=self.text(table, "figure")))
            elif kind == "image":
                blocks.append(Block("image", self.text(table, "caption"), ref=self.image_key(table, "image")))
            elif kind == "document":
                document = table.string("document")
                if document not in self.documents:
                    raise table.error(
                        "document",
                        f"no such document {document!r} (a report in reports/, or a cluster report)",
                    )
                blocks.append(Block("document", self.text(table, "label"), ref=document))
            elif table.string("include") == "findings":
                blocks += self.findings_blocks()
            else:
                raise table.error("include", 'only "findings" can be included')
            table.done()
        return tuple(blocks)

    def findings_blocks(self) -> list[Block]:
        """Every finding: its number and title as a heading, then its text."""
        blocks = []
        for finding in self.findings:
            heading = Text(*(f"{finding.number}. {title}" if title else None for title in finding.title))
            blocks.append(Block("h2", heading))
            blocks += [Block("p", paragraph) for paragraph in finding.paragraphs]
        return blocks

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


def read_content(content_dir: Path = CONTENT_DIR, sources_dir: Path = SOURCES_DIR) -> DemoContent:
    return Reader(content_dir, sources_dir).read()
