"""What the demo content is, once read from its files (``demo/content/``, ``demo/sources/``).

The reader (``reader.py``) builds these from the data files; the loader and the PDF
generator use nothing else. Every text is a :class:`Text`: Danish with its English, or
Danish only (``en`` is ``None``) where the page stays Danish-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple


class Text(NamedTuple):
    da: str
    en: str | None = None

    def get(self, language: str) -> str | None:
        return self.da if language == "da" else self.en


@dataclass(frozen=True)
class TimelineData:
    """The programmes' timeline (``content/timeline.toml``): periods (name, from, to, text)
    and milestones (year, text); the clusters established each year the site counts itself."""

    heading: Text
    periods: tuple[tuple[Text, int, int, Text], ...]
    milestones: tuple[tuple[int, Text], ...]

    def texts(self) -> list[Text]:
        texts = [self.heading]
        for label, _start, _end, text in self.periods:
            texts += [label, text]
        return texts + [label for _year, label in self.milestones]


@dataclass(frozen=True)
class Block:
    """One block of a StreamField body.

    ``kind`` is ``h2``/``h3`` (a heading: ``text``), ``p`` (a paragraph; consecutive ones
    share a rich-text block), ``fact`` (``figure`` and ``text``), ``image`` (``ref`` an
    image key, ``text`` its caption) or ``document`` (``ref`` a document key, ``text``
    its link label) or ``timeline`` (``timeline``; ``text`` its heading).
    """

    kind: str
    text: Text
    figure: Text | None = None
    ref: str = ""
    timeline: TimelineData | None = None

    def texts(self) -> list[Text]:
        if self.timeline:
            return self.timeline.texts()
        return [self.figure, self.text] if self.figure else [self.text]


@dataclass(frozen=True)
class PageData:
    """One page: where it goes, its Danish and English texts, and its untranslated values.

    ``texts`` are plain text fields, ``rich`` rich-text fields as paragraphs, ``body`` the
    StreamField. The page is translated to English when its title has an English text.
    ``source`` is the file it was read from (empty for pages built from facts).
    """

    key: str
    model: str
    parent: str
    slug: Text
    title: Text
    texts: dict[str, Text] = field(default_factory=dict)
    rich: dict[str, tuple[Text, ...]] = field(default_factory=dict)
    body: tuple[Block, ...] = ()
    values: dict = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # field -> the key of the page it points at
    focus_areas: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    show_in_menus: bool = False
    source: str = ""

    @property
    def translate(self) -> bool:
        return self.title.en is not None

    def all_texts(self) -> list[Text]:
        """Every text of the page, as the PO file of its translation holds them."""
        texts = [self.title, self.slug, *self.texts.values()]
        for paragraphs in self.rich.values():
            texts.extend(paragraphs)
        for block in self.body:
            texts.extend(block.texts())
        return texts


@dataclass(frozen=True)
class SiteData:
    secretariat: str  # the secretariat's name: author and publisher of what it wrote
    image_credit: str
    contact_email: str
    facebook_url: str
    sections: tuple[str, ...]  # the home page's sections, in menu order


@dataclass(frozen=True)
class FocusAreaData:
    slug: str
    name: Text
    description: Text
    report_text: str  # what the generated report PDFs say about the area (Danish)


@dataclass(frozen=True)
class ImageData:
    key: str
    title: str
    description: str  # Danish alt text (required on HubImage)
    kind: str  # what images.py paints: hills, fields, coast, village, forest, lake, fjord, heath


@dataclass(frozen=True)
class ClusterData:
    """One cluster's facts (``sources/facts/clusters.json``) plus what the demo adds
    around them (``content/clusters.toml``).

    ``reports`` maps a report type to the year of the cluster's archived PDF of it;
    ``pdf_event`` names a made-up local event that occurs only inside the cluster's PDFs,
    to demonstrate searching report text.
    """

    name: str
    slug: str
    municipality: str
    programme: str
    year: int | None = None
    villages: tuple[str, ...] = ()
    villages_count: int | None = None
    residents: int | None = None
    status: str = "active"
    dissolved_year: int | None = None
    image: str | None = None
    themes: tuple[str, ...] = ()
    reports: dict[str, int] = field(default_factory=dict)
    pdf_event: str = ""
    translate: bool = False
    location: tuple[Decimal, Decimal] | None = None  # latitude, longitude (WGS 84); None: not on the map


@dataclass(frozen=True)
class PdfSection:
    """One section of a generated report PDF: a heading and its paragraphs, written out
    (``text``, templates) or one of the texts reports share (``shared``)."""

    heading: str
    text: tuple[str, ...] = ()
    shared: str = ""


@dataclass(frozen=True)
class ClusterReportType:
    """What every cluster's report of one type is: the page's title, summary, authors and
    focus areas, and the sections of its PDF. Texts are templates filled from the facts."""

    report_type: str
    title: Text
    summary: Text
    authors: str
    focus_areas: tuple[str, ...]
    pdf: tuple[PdfSection, ...]


@dataclass(frozen=True)
class ResearchData:
    """A national report (``content/reports/``): its page and what its PDF holds."""

    key: str
    slug: Text
    title: Text
    year: int
    authors: str
    report_type: str
    pages: int | None
    summary: tuple[Text, ...]
    focus_areas: tuple[str, ...]
    pdf: tuple[PdfSection, ...]
    publisher: str = ""
    source: str = ""


@dataclass(frozen=True)
class FindingData:
    number: int
    slug: Text
    title: Text
    summary: Text
    paragraphs: tuple[Text, ...]  # the finding's full text
    focus_areas: tuple[str, ...]
    source_report: str  # the key of the national report it comes from
    source: str = ""


@dataclass(frozen=True)
class DemoContent:
    """Everything the loader builds, in the order it builds it."""

    site: SiteData
    focus_areas: tuple[FocusAreaData, ...]
    images: tuple[ImageData, ...]
    clusters: tuple[ClusterData, ...]
    home: PageData
    sections: tuple[PageData, ...]
    reports: tuple[ResearchData, ...]
    findings: tuple[FindingData, ...]
    posts: tuple[PageData, ...]
    stories: tuple[PageData, ...]
    editions: tuple[PageData, ...]
    cluster_texts: dict  # templates: cluster descriptions and village phrases (Text)
    cluster_reports: dict[str, ClusterReportType]
    report_pdfs: dict  # templates: the PDFs' shared prose (Danish)
    tag_names: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> tag -> its name
