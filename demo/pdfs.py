"""Report PDFs for the demo: a title page and several pages of Danish prose per report.

Generated from the clusters' facts so every archived report has a real, searchable PDF.
What a PDF says is data: the sections of each report type (``content/cluster-reports.toml``,
a national report's own file) and the prose they share (``content/report-pdfs.toml``);
this module fills in the facts and lays the pages out. Uses fpdf2's core Helvetica
(latin-1 covers æ, ø and å) and a fixed creation date, so the same content always gives
the same bytes: the archive's checksums depend on that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fpdf import FPDF

from . import links
from .data import ClusterData, DemoContent, PdfSection, ResearchData
from .texts import fill, join, number, villages_phrase

# Characters outside latin-1 that the texts use, and what the core font prints instead.
_LATIN1 = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "„": '"', "’": "'", "…": "...", "•": "-"})

# What the templates of content/report-pdfs.toml and the reports' PDF sections may use.
PDF_PLACEHOLDERS = {
    "subtitle": {"type"},
    "colophon": {"author", "year"},
    "footer": {"title", "page"},
    "cluster.title": {"type", "name"},
    "cluster.title_lines": {"type", "name", "municipality", "year"},
    "cluster.programme": {"name", "municipality", "in_year"},
    "cluster.in_year": {"year"},
    "cluster.villages": {"villages", "municipality"},
    "cluster.residents": {"residents"},
    "cluster.named_villages": {"named"},
    "cluster.theme": {"theme"},
    "national.background": set(),
}
CLUSTER_SECTION_PLACEHOLDERS = {
    "name", "municipality", "year", "villages", "named", "residents", "event", "meetings", "answers",
    "volunteers", "themes", "programme", "secretariat",
}  # fmt: skip
# Texts a section may take instead of its own: ``shared = "…"``.
CLUSTER_SHARED = {"villages", "focus-areas", "themes", "phases"}
NATIONAL_SHARED = {"summary", "background", "focus-areas", "phases", "findings"}


@dataclass
class PdfSpec:
    title: str
    subtitle: str
    title_lines: list[str]
    colophon: str
    footer: str  # a template: {title} and {page}
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    author: str = ""
    year: int = 2017


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


class _ReportPDF(FPDF):
    running_title = ""
    footer_text = ""

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.set_text_color(110)
        self.cell(
            0, 10, _latin1(fill(self.footer_text, title=self.running_title, page=self.page_no())), align="C"
        )


def render_pdf(spec: PdfSpec) -> bytes:
    """Lay out a title page and the sections; deterministic for the same spec."""
    pdf = _ReportPDF(format="A4")
    pdf.running_title, pdf.footer_text = spec.title, spec.footer
    pdf.set_creation_date(datetime(spec.year, 6, 1, 12, 0, tzinfo=UTC))
    pdf.set_title(_latin1(spec.title))
    pdf.set_author(_latin1(spec.author))
    pdf.set_subject(_latin1(spec.subtitle))
    pdf.set_creator("Landsbyklynger")
    pdf.set_producer("Landsbyklynger demo")
    pdf.set_lang("da")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=22)

    # Title page: a green band, the title and the facts.
    pdf.add_page()
    pdf.set_fill_color(46, 110, 72)
    pdf.rect(0, 0, 210, 70, style="F")
    pdf.set_text_color(255)
    pdf.set_font("helvetica", "B", 12)
    pdf.set_xy(22, 24)
    pdf.cell(0, 8, _latin1(spec.subtitle.upper()))
    pdf.set_xy(22, 90)
    pdf.set_text_color(30)
    pdf.set_font("helvetica", "B", 26)
    pdf.multi_cell(0, 12, _latin1(spec.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("helvetica", size=12)
    for line in spec.title_lines:
        pdf.multi_cell(0, 7, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-40)
    pdf.set_font("helvetica", size=9)
    pdf.set_text_color(90)
    pdf.multi_cell(0, 5, _latin1(spec.colophon), new_x="LMARGIN", new_y="NEXT")

    # Body: one section after the other, a new page every second section.
    pdf.set_text_color(30)
    for index, (heading, paragraphs) in enumerate(spec.sections):
        if index % 2 == 0:
            pdf.add_page()
        else:
            pdf.ln(6)
        pdf.set_font("helvetica", "B", 16)
        pdf.multi_cell(0, 9, _latin1(f"{index + 1}. {heading}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def _pick(seed: str, low: int, high: int) -> int:
    """A stable 'random' number per cluster, so figures differ but never change."""
    return low + int(hashlib.sha256(seed.encode()).hexdigest(), 16) % (high - low + 1)


def _spec(content: DemoContent, title: str, type_name: str, title_lines, sections, author: str, year: int):
    t = content.report_pdfs
    return PdfSpec(
        title=title,
        subtitle=fill(t["subtitle"], type=type_name),
        title_lines=title_lines,
        colophon=fill(t["colophon"], author=author, year=year),
        footer=t["footer"],
        sections=sections,
        author=author,
        year=year,
    )


def _shared(content: DemoContent, name: str) -> list[str]:
    """The paragraphs every report that names them shares."""
    if name == "focus-areas":
        return [f"{area.name.da}. {area.report_text}" for area in content.focus_areas]
    if name == "phases":
        return [f"{phase}. {text}" for phase, text in content.report_pdfs["phases"].items()]
    if name == "background":
        return list(content.report_pdfs["national"]["background"])
    raise ValueError(f"no shared text {name!r}")


def _cluster_shared(content: DemoContent, cluster: ClusterData, name: str) -> list[str]:
    t = content.report_pdfs["cluster"]
    if name == "villages":
        villages = villages_phrase(cluster, content.cluster_texts, "da")
        paragraphs = [fill(t["villages"], villages=villages, municipality=cluster.municipality)]
        if cluster.residents:
            paragraphs.append(fill(t["residents"], residents=number(cluster.residents, "da")))
        if cluster.villages:
            paragraphs.append(fill(t["named_villages"], named=join(cluster.villages, "da")))
        return paragraphs
    if name == "themes":
        return [fill(t["theme"], theme=theme) for theme in cluster.themes]
    return _shared(content, name)


def cluster_report_spec(content: DemoContent, cluster: ClusterData, report_type: str, year: int) -> PdfSpec:
    """Danish prose for one of a cluster's reports, built from its facts.

    Each PDF names a made-up local event (``cluster.pdf_event``) and figures that appear
    nowhere on the site, so searching report text can be demonstrated.
    """
    t = content.report_pdfs["cluster"]
    kind = content.cluster_reports[report_type]
    type_name = content.report_pdfs["type_names"][report_type]
    secretariat = content.site.secretariat
    in_year = fill(t["in_year"], year=cluster.year) if cluster.year else ""
    facts = {"name": cluster.name, "municipality": cluster.municipality}
    values = {
        **facts,
        "year": year,
        "villages": villages_phrase(cluster, content.cluster_texts, "da"),
        "named": join(cluster.villages, "da") if cluster.villages else "",
        "residents": number(cluster.residents, "da") if cluster.residents else "",
        "event": cluster.pdf_event,
        "meetings": _pick(f"{cluster.name}-meetings", 3, 9),
        "answers": _pick(f"{cluster.name}-answers", 180, 950),
        "volunteers": _pick(f"{cluster.name}-volunteers", 25, 120),
        "themes": join(cluster.themes, "da"),
        "programme": fill(t["programme"][cluster.programme], **facts, in_year=in_year),
        "secretariat": secretariat,
        "focus": {area.slug: area.report_text for area in content.focus_areas},
    }
    sections = [
        (section.heading, _paragraphs(section, values, lambda name: _cluster_shared(content, cluster, name)))
        for section in kind.pdf
    ]
    title_lines = [fill(line, type=type_name, year=year, **facts) for line in t["title_lines"]]
    author = fill(kind.authors, name=cluster.name, secretariat=secretariat)
    return _spec(
        content,
        fill(t["title"], type=type_name, name=cluster.name),
        type_name,
        title_lines,
        sections,
        author,
        year,
    )


def _paragraphs(section: PdfSection, values: dict, shared) -> list[str]:
    return shared(section.shared) if section.shared else [fill(text, **values) for text in section.text]


def research_report_spec(content: DemoContent, report: ResearchData) -> PdfSpec:
    """Danish prose for the national reports, from what the hub knows about them."""
    sections: list[tuple[str, list[str]]] = []
    for section in report.pdf:
        if section.shared == "findings":
            sections += [(f.title.da, [links.plain(p.da) for p in f.paragraphs]) for f in content.findings]
        elif section.shared == "summary":
            sections.append((section.heading, [links.plain(paragraph.da) for paragraph in report.summary]))
        else:
            sections.append((section.heading, _paragraphs(section, {}, lambda name: _shared(content, name))))
    type_name = content.report_pdfs["type_names"][report.report_type]
    title_lines = [report.authors, str(report.year)]
    return _spec(content, report.title.da, type_name, title_lines, sections, report.authors, report.year)
