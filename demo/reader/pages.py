"""Page files: the home page, the sections and the pages in the sections' folders.

A page file's keys are its page's fields (``PAGE_FIELDS`` says which each page type
takes), every text in Danish with its English, or Danish only where the page stays
Danish-only; its ``[[body]]`` is the StreamField, block by block.
"""

from __future__ import annotations

from .. import pdfs
from ..data import Block, FindingData, PageData, ResearchData, Text, TimelineData
from .base import ReaderBase
from .fields import DemoDataError, Fields

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


class PageFiles(ReaderBase):
    """Page files: the home page, the sections (``pages/``) and the pages of each
    section's folder, in the order the section's ``pages`` lists them."""

    reports: tuple[ResearchData, ...] = ()
    findings: tuple[FindingData, ...] = ()
    documents: set[str] = frozenset()
    texts_seen: list[tuple[Fields, str, Text]]  # of the page being read

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
            elif table.string("include") == "timeline":
                blocks.append(self.timeline_block())
            else:
                raise table.error("include", 'only "findings" or "timeline" can be included')
            table.done()
        return tuple(blocks)

    def timeline_block(self) -> Block:
        """The programmes' timeline, from ``timeline.toml``."""
        fields = self.file("timeline.toml")
        heading = self.text(fields, "heading")
        periods = []
        for period in fields.tables("periods"):
            start, end = period.integer("start"), period.integer("end")
            if end < start:
                raise period.error("end", f"before its start ({start})")
            periods.append((self.text(period, "label"), start, end, self.text(period, "text")))
            period.done()
        milestones = []
        for milestone in fields.tables("milestones", []):
            milestones.append((milestone.integer("year"), self.text(milestone, "label")))
            milestone.done()
        fields.done()
        timeline = TimelineData(heading, tuple(periods), tuple(milestones))
        return Block("timeline", heading, timeline=timeline)

    def findings_blocks(self) -> list[Block]:
        """Every finding: its number and title as a heading, its text, and a link to its page."""
        blocks = []
        for finding in self.findings:
            heading = Text(*(f"{finding.number}. {title}" if title else None for title in finding.title))
            blocks.append(Block("h2", heading))
            blocks += [Block("p", paragraph) for paragraph in finding.paragraphs]
            key, english = f"finding-{finding.number}", finding.title.en is not None
            blocks.append(
                Block(
                    "p",
                    Text(
                        f"[Læs finding {finding.number} på sin egen side](page:{key})",
                        f"[Read finding {finding.number} on its own page](page:{key})" if english else None,
                    ),
                )
            )
        return blocks
