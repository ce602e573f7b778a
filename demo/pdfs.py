"""Report PDFs for the demo: a title page and several pages of Danish prose per report.

Generated from the clusters' facts so every archived report has a real, searchable PDF.
Uses fpdf2's core Helvetica (latin-1 covers æ, ø and å) and a fixed creation date, so the
same content always gives the same bytes: the archive's checksums depend on that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fpdf import FPDF

from .content import (
    FINDINGS,
    FOCUS_AREAS,
    PROCESS_PHASES,
    SECRETARIAT,
    ClusterData,
    ResearchData,
    cluster_villages_phrase,
    join_da,
    number_da,
)

REPORT_TYPE_NAMES = {
    "kortlaegningsrapport": "Kortlægningsrapport",
    "strategiplan": "Strategiplan",
    "udviklingsplan": "Udviklingsplan",
    "evaluering": "Evaluering",
    "forundersoegelse": "Forundersøgelse",
    "vejledning": "Vejledning",
}

# Characters outside latin-1 that the texts use, and what the core font prints instead.
_LATIN1 = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "„": '"', "’": "'", "…": "...", "•": "-"})


@dataclass
class PdfSpec:
    title: str
    subtitle: str
    title_lines: list[str]
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    author: str = SECRETARIAT
    year: int = 2017


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


class _ReportPDF(FPDF):
    running_title = ""

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.set_text_color(110)
        self.cell(0, 10, _latin1(f"{self.running_title} - side {self.page_no()}"), align="C")


def render_pdf(spec: PdfSpec) -> bytes:
    """Lay out a title page and the sections; deterministic for the same spec."""
    pdf = _ReportPDF(format="A4")
    pdf.running_title = _latin1(spec.title)
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
    pdf.multi_cell(
        0,
        5,
        _latin1(f"{spec.author}, {spec.year}. Realdania, Lokale og Anlægsfonden og DGI."),
        new_x="LMARGIN",
        new_y="NEXT",
    )

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


_FOCUS_TEXT = {
    "organisering": (
        "Klyngen har brug for en organisering, der kan bære samarbejdet, når forløbet er slut. Det handler om "
        "en styregruppe med repræsentanter fra landsbyerne, om klare aftaler om beslutninger og økonomi og om "
        "arbejdsgrupper, der kan tage sig af de konkrete opgaver."
    ),
    "kommunikation": (
        "En fælles hjemmeside og en fælles kalender gør det lettere for foreningerne at planlægge og for "
        "borgerne at se, hvad der sker i hele klyngen. Kommunikationen skal både gå internt mellem landsbyerne "
        "og udad, så klyngen bliver kendt som en enhed."
    ),
    "involvering": (
        "Frivilligheden forandrer sig. Mange vil gerne gøre en konkret indsats i en afgrænset periode, og "
        "klyngen skal gøre det let at byde ind med idéer og tid. De stærkeste projekter opstår, hvor borgerne "
        "brænder for sagen."
    ),
    "kommunesamarbejde": (
        "Dialogen med kommunen bliver stærkere, når landsbyerne taler med én stemme. Klyngen kan være en "
        "samarbejdspartner for kommunen om planlægning, mødesteder og service i landdistriktet."
    ),
    "moedesteder": (
        "Forsamlingshuse, haller, skoler og udendørs pladser er rammen om fællesskabet. Kortlægningen ser på, "
        "hvilke mødesteder der bruges, hvilke der mangler, og hvordan de kan deles mellem landsbyerne."
    ),
    "aktivitetsudbud": (
        "Fælles aktiviteter giver synlighed og løbende succeser. Et samlet overblik over aktiviteterne i "
        "klyngen gør det muligt at undgå dobbeltarrangementer og at skabe nye tilbud på tværs."
    ),
}

_PHASE_TEXT = [
    "Forløbet begyndte med et opstartsmøde, hvor landsbyerne, kommunen og proceskonsulenten aftalte rammerne "
    "for samarbejdet og nedsatte en styregruppe med repræsentanter fra landsbyerne.",
    "I kortlægningen blev borgerne spurgt om deres brug af området, deres ønsker og deres idéer. Samtidig "
    "blev klyngens kommunikation sat i gang, så flest muligt hørte om arbejdet.",
    "På baggrund af kortlægningen formulerede klyngen en fælles vision og valgte de indsatsområder, som "
    "borgerne selv pegede på som de vigtigste.",
    "Arbejdsgrupperne lavede handleplaner for hvert indsatsområde med konkrete mål, opgaver og ansvarlige.",
    "Forløbet sluttede med en strategiplan, der samler vision, indsatsområder og handleplaner, og som er "
    "klyngens grundlag for det videre arbejde og for dialogen med kommunen.",
]


def _programme_sentence(cluster: ClusterData) -> str:
    if cluster.programme == "pilot":
        return (
            f"{cluster.name} var en af de fem klynger i Pilotprojekt Landsbyklynger (2015-2017), som gennem et "
            "12 måneders forløb fik hjælp af en proceskonsulent."
        )
    year = f" i {cluster.year}" if cluster.year else ""
    return (
        f"{cluster.name} blev etableret{year} i Kampagnen Landsbyklynger (2016-2019), hvor {cluster.municipality} "
        "Kommune søgte om at komme med og medfinansierede det 18 måneders forløb med 75.000 kr."
    )


def _village_section(cluster: ClusterData) -> list[str]:
    villages_da, _ = cluster_villages_phrase(cluster)
    paragraphs = [f"Klyngen samler {villages_da} i {cluster.municipality} Kommune."]
    if cluster.residents:
        paragraphs.append(f"Der bor omkring {number_da(cluster.residents)} mennesker i klyngens område.")
    if cluster.villages:
        paragraphs.append(
            "De navngivne landsbyer i denne rapport er: "
            + join_da(cluster.villages)
            + ". Hver landsby har sine "
            "egne foreninger og traditioner, og kortlægningen har forsøgt at give plads til dem alle."
        )
    return paragraphs


def cluster_report_spec(cluster: ClusterData, report_type: str, year: int) -> PdfSpec:
    """Danish prose for one of a cluster's reports, built from its facts.

    Each PDF names a made-up local event (``cluster.pdf_event``) and figures that appear
    nowhere on the site, so searching report text can be demonstrated.
    """
    type_name = REPORT_TYPE_NAMES[report_type]
    meetings = _pick(f"{cluster.name}-meetings", 3, 9)
    answers = _pick(f"{cluster.name}-answers", 180, 950)
    volunteers = _pick(f"{cluster.name}-volunteers", 25, 120)
    title_lines = [
        cluster.name,
        f"{cluster.municipality} Kommune",
        f"{type_name}, {year}",
        "Udarbejdet med hjælp fra Sekretariat for Landsbyklynger",
    ]
    themes = list(cluster.themes) or ["foreningsliv"]
    intro = [
        f"Denne {type_name.lower()} er udarbejdet i {year} for landsbyklyngen {cluster.name}. "
        + _programme_sentence(cluster),
        "Landsbyklynger bygger på en enkel tanke: landsbyer står stærkere, når de står sammen. Rapporten samler "
        "det, borgerne har bidraget med undervejs, og den er skrevet, så den kan bruges af klyngen, af "
        "foreningerne og af kommunen.",
    ]
    lead = (
        "Under kortlægningen holdt klyngen"
        if report_type == "kortlaegningsrapport"
        else "Planen bygger på kortlægningen, hvor klyngen holdt"
    )
    unique = (
        f"{lead} {meetings} åbne borgermøder og {cluster.pdf_event}, og spørgeskemaet fik "
        f"{answers} besvarelser. I alt meldte {volunteers} frivillige sig til arbejdsgrupperne."
    )
    sections: list[tuple[str, list[str]]] = [
        ("Indledning", intro),
        ("Klyngen og landsbyerne", _village_section(cluster)),
    ]
    if report_type == "kortlaegningsrapport":
        sections += [
            (
                "Sådan er kortlægningen lavet",
                [
                    unique,
                    "Spørgeskemaet handlede om brugen af mødesteder, foreningsliv, aktiviteter, kommunikation og om, "
                    "hvad borgerne ønsker sig af fremtiden. Svarene er behandlet samlet for klyngen og for hver landsby.",
                ],
            ),
            ("De seks fokusområder", [f"{fa.name[0]}. {_FOCUS_TEXT[fa.slug]}" for fa in FOCUS_AREAS]),
            (
                "Det peger borgerne på",
                [
                    f"Borgerne peger især på {join_da(themes)} som emner, klyngen bør arbejde videre med.",
                    "Mange fremhæver naturen, fællesskabet og foreningerne som det bedste ved at bo i området, mens "
                    "afstande, transport og faldende medlemstal i foreningerne nævnes som udfordringer.",
                ],
            ),
            (
                "Forløbet videre",
                [f"{phase[0]}. {text}" for phase, text in zip(PROCESS_PHASES, _PHASE_TEXT, strict=True)],
            ),
        ]
    else:
        plan_word = "strategiplanen" if report_type == "strategiplan" else "udviklingsplanen"
        sections += [
            (
                "Vision",
                [
                    f"{cluster.name} vil være et sted, hvor landsbyerne samarbejder om det, de ikke kan klare alene, "
                    "og hvor det er let for nye og gamle borgere at finde fællesskaber.",
                    unique,
                ],
            ),
            (
                "Indsatsområder",
                [
                    f"Indsatsområde: {theme}. Arbejdsgruppen for {theme} samler idéer fra alle landsbyerne, prioriterer "
                    "dem og laver en handleplan med konkrete mål for de næste år."
                    for theme in themes
                ],
            ),
            (
                "Handleplaner og organisering",
                [
                    _FOCUS_TEXT["organisering"],
                    f"Styregruppen følger op på {plan_word} mindst en gang om året og fortæller om resultaterne på "
                    "klyngens hjemmeside og på et åbent borgermøde.",
                ],
            ),
            (
                "Samarbejdet med kommunen",
                [
                    _FOCUS_TEXT["kommunesamarbejde"],
                    f"Klyngen og {cluster.municipality} Kommune har aftalt at mødes jævnligt om {plan_word}.",
                ],
            ),
            (
                "Forløbet",
                [f"{phase[0]}. {text}" for phase, text in zip(PROCESS_PHASES, _PHASE_TEXT, strict=True)],
            ),
        ]
    return PdfSpec(
        title=f"{type_name}: {cluster.name}",
        subtitle=f"Landsbyklynger - {type_name}",
        title_lines=title_lines,
        sections=sections,
        author=SECRETARIAT if report_type == "kortlaegningsrapport" else f"Styregruppen for {cluster.name}",
        year=year,
    )


def research_report_spec(report: ResearchData) -> PdfSpec:
    """Danish prose for the national reports, from what the hub knows about them."""
    summary = [da for da, _en in report.summary]
    sections: list[tuple[str, list[str]]] = [("Resumé", summary)]
    if report.key == "evaluering-pilotprojekt-2017":
        sections += [
            ("De seks fokusområder", [f"{fa.name[0]}. {_FOCUS_TEXT[fa.slug]}" for fa in FOCUS_AREAS]),
            *[(finding.title[0], [p for p, _en in finding.paragraphs]) for finding in FINDINGS],
        ]
    else:
        sections += [
            (
                "Baggrund",
                [
                    "Mange landsbyer oplever, at butikker, skoler og foreninger får sværere vilkår. Tanken bag "
                    "landsbyklynger er, at landsbyer, der samarbejder, kan fastholde og udvikle det, de hver for sig "
                    "ikke kan bære alene.",
                ],
            ),
            (
                "Forløbets faser",
                [f"{phase[0]}. {text}" for phase, text in zip(PROCESS_PHASES, _PHASE_TEXT, strict=True)],
            ),
            ("Fokusområder", [f"{fa.name[0]}. {_FOCUS_TEXT[fa.slug]}" for fa in FOCUS_AREAS]),
        ]
    return PdfSpec(
        title=report.title[0],
        subtitle=f"Landsbyklynger - {REPORT_TYPE_NAMES[report.report_type]}",
        title_lines=[report.authors, str(report.year)],
        sections=sections,
        author=report.authors,
        year=report.year,
    )
