"""The whole demo content, read in the order its parts refer to each other."""

from __future__ import annotations

from pathlib import Path

from .. import images, links
from ..data import DemoContent, FocusAreaData, ImageData, PageData, SiteData, Text
from .clusters import ClusterFiles
from .fields import DemoDataError, Fields
from .pages import FOLDERS, PageFiles
from .paths import CONTENT_DIR, SOURCES_DIR
from .prose import ProseFiles


class Reader(ProseFiles, ClusterFiles, PageFiles):
    """Reads one content folder; ``read()`` returns the whole :class:`DemoContent`."""

    def read_tag_names(self) -> dict[str, dict[str, str]]:
        """``tag-names.toml``: per language, each tag's name in it."""
        fields = self.file("tag-names.toml")
        names = {}
        for language in ("en",):
            table = fields.table(language)
            names[language] = {tag: table.string(tag) for tag in table.data}
            table.done()
        fields.done()
        return names

    def read(self) -> DemoContent:
        site = self.read_site(self.file("site.toml"))
        self.focus_areas = self.read_focus_areas()
        self.images = self.read_images()
        self.report_pdfs = self.read_report_pdfs()
        cluster_texts = self.read_cluster_texts()
        self.cluster_reports = self.read_cluster_reports()
        self.clusters = self.read_clusters()
        sections = {name: self.file(f"pages/{name}.toml") for name in site.sections}
        children = {name: self.children(name, sections[name]) for name in FOLDERS if name in sections}
        self.reports = tuple(self.read_report(name, fields) for name, fields in children.get("reports", []))
        self.documents = {report.key for report in self.reports} | {
            f"{cluster.slug}-{kind}-{year}"
            for cluster in self.clusters
            for kind, year in cluster.reports.items()
        }
        self.findings = tuple(
            self.read_finding(name, fields) for name, fields in children.get("findings", [])
        )

        def pages(folder: str) -> tuple[PageData, ...]:
            prefix, model = FOLDERS[folder]
            return tuple(
                self.read_page(fields, f"{prefix}-{name}", model, parent=folder)
                for name, fields in children.get(folder, [])
            )

        content = DemoContent(
            site=site,
            focus_areas=self.focus_areas,
            images=self.images,
            clusters=self.clusters,
            home=self.read_page(self.file("pages/home.toml"), "home", "hub.HomePage", parent=""),
            sections=tuple(self.read_section(name, fields) for name, fields in sections.items()),
            reports=self.reports,
            findings=self.findings,
            posts=pages("blog"),
            stories=pages("stories"),
            editions=pages("newsletter"),
            cluster_texts=cluster_texts,
            cluster_reports=self.cluster_reports,
            report_pdfs=self.report_pdfs,
            tag_names=self.read_tag_names(),
        )
        check_links(content)
        return content

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
            name, description = (
                self.english_required(area, "name"),
                self.english_required(area, "description"),
            )
            areas.append(FocusAreaData(slug, name, description, report_text=area.string("report_text")))
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


def check_links(content: DemoContent) -> None:
    """Every ``[label](page:KEY)`` names a demo page loaded before the page it is on (the
    loader needs its id), and a text's English links to the same pages as its Danish."""
    pages = [
        content.home,
        *content.sections,
        *(PageData(f"cluster-{c.slug}", "", "", Text(c.slug), Text(c.name)) for c in content.clusters),
        *(PageData(f"report-{r.key}", "", "", r.slug, r.title, source=r.source) for r in content.reports),
        *(
            PageData(f"report-{c.slug}-{kind}-{year}", "", "", Text(""), Text(""))
            for c in content.clusters
            for kind, year in c.reports.items()
        ),
        *(
            PageData(
                f"finding-{f.number}", "", "", f.slug, f.title, rich={"text": f.paragraphs}, source=f.source
            )
            for f in content.findings
        ),
        *content.posts,
        *content.stories,
        *content.editions,
    ]
    order = {page.key: index for index, page in enumerate(pages)}
    for index, page in enumerate(pages):
        for text in page.all_texts():
            for key in links.keys(text.da):
                if key not in order:
                    raise DemoDataError(
                        f"{page.source or page.key}: [{'…'}](page:{key}): no demo page {key!r} "
                        "(a section such as clusters, home, finding-3, report-<file>, post-<file>, "
                        "story-<file>, cluster-<slug>)"
                    )
                if order[key] >= index:
                    raise DemoDataError(
                        f"{page.source or page.key}: (page:{key}): a page can link only to pages loaded "
                        "before it (sections, clusters, reports, findings, then posts, stories, editions "
                        "in their lists' order)"
                    )
            if text.en is not None and links.keys(text.en) != links.keys(text.da):
                raise DemoDataError(
                    f"{page.source or page.key}: the English of {links.plain(text.da)[:40]!r}… links to "
                    f"{links.keys(text.en)}, its Danish to {links.keys(text.da)}: they must match"
                )


def read_content(content_dir: Path = CONTENT_DIR, sources_dir: Path = SOURCES_DIR) -> DemoContent:
    return Reader(content_dir, sources_dir).read()
