"""The demo content: facts about the clusters and every text in Danish with its English.

Texts are ``(danish, english)`` pairs so a translator (and the loader, which fills
wagtail-localize's PO files from them) always sees both side by side. An English text of
``None`` means the page stays Danish-only. Facts come from the secretariat's public
material (see ``demo/sources/facts/clusters.json``); nothing here contradicts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Pair = tuple[str, str | None]

# Blocks of a StreamField body, in the order they appear:
#   ("h2", pair) / ("h3", pair)        heading_block
#   ("p", pair)                          one paragraph; consecutive ones share a block
#   ("fact", figure_pair, text_pair)     fact_block
#   ("image", image_key, caption_pair)   image_block
#   ("doc", document_key, label_pair)    document_block
Block = tuple

PARTNERS = ("Realdania", "Lokale og Anlægsfonden", "DGI")
SECRETARIAT = "Sekretariat for Landsbyklynger"


def slugify_da(text: str) -> str:
    """Danish-aware slug: æ, ø, å become ae, oe, aa rather than disappearing."""
    from django.utils.text import slugify

    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(a, b)
    return slugify(text)


def join_da(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def join_en(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def number_da(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def number_en(value: int) -> str:
    return f"{value:,}"


# Focus areas -------------------------------------------------------------------------


@dataclass(frozen=True)
class FocusAreaData:
    slug: str
    name: Pair
    description: Pair


FOCUS_AREAS: list[FocusAreaData] = [
    FocusAreaData(
        "organisering",
        ("Organisering", "Organisation"),
        (
            "Hvordan landsbyerne organiserer sig som én klynge: styregruppe, vedtægter, "
            "arbejdsgrupper og en fælles forening, der kan holde samarbejdet i gang.",
            "How the villages organise as one cluster: a steering group, statutes, working "
            "groups and a shared association that keeps the cooperation going.",
        ),
    ),
    FocusAreaData(
        "kommunikation",
        ("Kommunikation", "Communication"),
        (
            "Fælles hjemmeside, kalender og Facebookside, så borgerne ved, hvad der sker i hele "
            "klyngen, og så klyngen står stærkere udadtil.",
            "A shared website, calendar and Facebook page, so residents know what happens in the "
            "whole cluster and the cluster speaks with one voice.",
        ),
    ),
    FocusAreaData(
        "involvering",
        ("Involvering", "Involvement"),
        (
            "Borgerinvolvering og frivillighed: hvordan flere bliver en del af arbejdet, og "
            "hvordan idéerne kommer fra dem, der bor i landsbyerne.",
            "Citizen involvement and volunteering: how more people join the work, and how the "
            "ideas come from the people who live in the villages.",
        ),
    ),
    FocusAreaData(
        "kommunesamarbejde",
        ("Kommunesamarbejde", "Working with the municipality"),
        (
            "Samarbejdet mellem klyngen og kommunen: tillid, dialog og en fælles forståelse af, "
            "hvad landsbyerne kan, og hvad kommunen kan.",
            "Cooperation between the cluster and the municipality: trust, dialogue and a shared "
            "understanding of what the villages can do and what the municipality can do.",
        ),
    ),
    FocusAreaData(
        "moedesteder",
        ("Mødesteder", "Meeting places"),
        (
            "Forsamlingshuse, haller, skoler og udendørs pladser, hvor klyngens borgere mødes, "
            "og hvordan de kan bruges og tilpasses på tværs af landsbyerne.",
            "Village halls, sports halls, schools and outdoor spaces where the cluster's residents "
            "meet, and how they can be shared and adapted across the villages.",
        ),
    ),
    FocusAreaData(
        "aktivitetsudbud",
        ("Aktivitetsudbud", "Activities"),
        (
            "Fælles aktiviteter og arrangementer, der giver synlighed og små succeser undervejs, "
            "og som gør det sjovt at være med.",
            "Shared activities and events that make the cluster visible, create small successes "
            "along the way and make it fun to take part.",
        ),
    ),
]

# Process phases of every cluster's course (clusters.json "process_phases").
PROCESS_PHASES: list[Pair] = [
    ("Opstart", "Start-up"),
    ("Kortlægning og kommunikation", "Mapping and communication"),
    ("Vision og indsatsområder", "Vision and priority areas"),
    ("Handleplaner", "Action plans"),
    ("Afslutning med strategiplan", "Conclusion with a strategy plan"),
]

THEMES: list[str] = [
    "bosætning",
    "tilflyttere",
    "turisme",
    "erhverv",
    "infrastruktur",
    "mobilitet",
    "natur og friluftsliv",
    "foreningsliv",
    "skoler",
    "unge",
    "kulturarv",
    "fundraising",
    "frivillighed",
    "social kapital",
    "nye boformer",
]

PROGRAMMES: dict[str, Pair] = {
    "pilot": (
        "Pilotprojekt Landsbyklynger",
        "the Village Cluster Pilot Project (Pilotprojekt Landsbyklynger)",
    ),
    "campaign": ("Kampagnen Landsbyklynger", "the Village Cluster Campaign (Kampagnen Landsbyklynger)"),
}


# Clusters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterData:
    """One cluster's facts (clusters.json) plus what the demo adds around them.

    ``reports`` lists ``(report_type, year)`` for the archived PDFs; ``pdf_event`` names a
    made-up local event that occurs only inside the cluster's PDFs, to demonstrate
    searching report text.
    """

    name: str
    municipality: str
    programme: str
    year: int | None = None
    villages: tuple[str, ...] = ()
    villages_count: int | None = None
    residents: int | None = None
    status: str = "active"
    dissolved_year: int | None = None
    themes: tuple[str, ...] = ()
    reports: tuple[tuple[str, int], ...] = ()
    pdf_event: str = ""
    translate: bool = False

    @property
    def slug(self) -> str:
        return slugify_da(self.name)

    @property
    def pdf_only_word(self) -> str:
        return self.pdf_event.split()[-1] if self.pdf_event else ""

    @property
    def number_of_villages(self) -> int | None:
        return self.villages_count or len(self.villages) or None


def _reports(programme: str, year: int | None, kinds: str) -> tuple[tuple[str, int], ...]:
    """Report years follow the course: mapping early, strategy plan at the end."""
    start = 2016 if programme == "pilot" else year or 2017
    end = 2017 if programme == "pilot" else start + 1
    plan = {
        "k": ("kortlaegningsrapport", start),
        "s": ("strategiplan", end),
        "u": ("udviklingsplan", end + 1),
    }
    return tuple(plan[k] for k in kinds)


def _cluster(name, municipality, programme, *, kinds="ks", **facts) -> ClusterData:
    return ClusterData(
        name=name,
        municipality=municipality,
        programme=programme,
        reports=_reports(programme, facts.get("year"), kinds),
        **facts,
    )


CLUSTERS: list[ClusterData] = [
    _cluster(
        "Mols i Udvikling",
        "Syddjurs",
        "pilot",
        villages_count=24,
        residents=3000,
        themes=("turisme", "natur og friluftsliv", "foreningsliv"),
        pdf_event="en kaffevognsturné",
        translate=True,
        kinds="ksu",
    ),
    _cluster(
        "Landet på Midtfyn",
        "Faaborg-Midtfyn",
        "pilot",
        villages=("Kværndrup", "Ryslinge", "Gislev"),
        themes=("foreningsliv", "skoler", "bosætning"),
        pdf_event="et stafetmøde",
        translate=True,
    ),
    _cluster(
        "VestRum",
        "Ringkøbing-Skjern",
        "pilot",
        villages=("Hee", "Hover", "Tim", "Stadil", "Vedersø", "No", "Torsted"),
        themes=("natur og friluftsliv", "turisme", "social kapital"),
        pdf_event="et klyngecykelløb",
        translate=True,
        kinds="ksu",
    ),
    _cluster(
        "Landet mellem fjordene",
        "Vordingborg",
        "pilot",
        villages=("Bårse", "Beldringe", "Lundby"),
        status="dissolved",
        dissolved_year=2018,
        themes=("frivillighed", "foreningsliv"),
        pdf_event="et sognekagebord",
        translate=True,
        kinds="k",
    ),
    _cluster(
        "Tannisbugt",
        "Hjørring",
        "pilot",
        villages=("Bindslev", "Tversted", "Uggerby", "Tuen"),
        themes=("turisme", "erhverv", "natur og friluftsliv"),
        pdf_event="en klitvandring",
        translate=True,
    ),
    _cluster(
        "Sydvest Salling",
        "Skive",
        "campaign",
        year=2017,
        villages=("Ramsing", "Lem", "Håsum", "Vejby"),
        residents=1700,
        themes=("bosætning", "infrastruktur", "mobilitet"),
        pdf_event="et traktortræf",
        translate=True,
    ),
    _cluster(
        "Rebild Øst Klyngen",
        "Rebild",
        "campaign",
        year=2016,
        villages=("Blenstrup", "Bælum", "Terndrup"),
        villages_count=19,
        themes=("mobilitet", "foreningsliv", "unge"),
        pdf_event="en idéaften",
    ),
    _cluster(
        "Hammer Bakker",
        "Aalborg",
        "campaign",
        year=2016,
        villages=("Vodskov",),
        residents=15000,
        themes=("natur og friluftsliv", "bosætning"),
        pdf_event="et bakkeløb",
        kinds="k",
    ),
    _cluster(
        "Kronjylland",
        "Randers",
        "campaign",
        year=2017,
        villages_count=13,
        themes=("erhverv", "bosætning"),
        pdf_event="en fællesspisningsturné",
        kinds="",
    ),
    _cluster(
        "Gudmekongens Land",
        "Svendborg",
        "campaign",
        year=2017,
        villages=("Gudme", "Gudbjerg", "Hesselager", "Oure"),
        residents=5600,
        themes=("kulturarv", "turisme", "tilflyttere"),
        pdf_event="en jernalderaften",
        translate=True,
    ),
    _cluster(
        "Landsbyklynge Langeland",
        "Langeland",
        "campaign",
        year=2017,
        residents=12500,
        themes=("bosætning", "turisme", "erhverv"),
        pdf_event="en færgecafé",
        kinds="k",
    ),
    _cluster(
        "Hånden under Midtfyn",
        "Faaborg-Midtfyn",
        "campaign",
        year=2017,
        villages_count=17,
        themes=("foreningsliv", "frivillighed"),
        pdf_event="et håndslagsmøde",
    ),
    _cluster(
        "Liv i Ådalen",
        "Syddjurs",
        "campaign",
        year=2017,
        themes=("natur og friluftsliv",),
        pdf_event="en ådalsvandring",
        kinds="",
    ),
    _cluster(
        "Landsbyfællesskabet Østdjurs",
        "Syddjurs",
        "campaign",
        year=2017,
        villages=("Rosmus", "Balle"),
        themes=("foreningsliv", "social kapital"),
        pdf_event="en fællesskabsfrokost",
        kinds="k",
    ),
    _cluster(
        "MIN Landsbyklynge",
        "Norddjurs",
        "campaign",
        year=2017,
        villages_count=16,
        themes=("mobilitet", "unge"),
        pdf_event="en samkørselsworkshop",
        kinds="k",
    ),
    _cluster(
        "Hærvejsklyngen",
        "Vejen",
        "campaign",
        year=2017,
        villages=("Bække", "Gesten", "Gjerndrup", "Hovborg", "Lindknud"),
        themes=("natur og friluftsliv", "kulturarv", "turisme"),
        pdf_event="en pilgrimsvandring",
        translate=True,
    ),
    _cluster(
        "Bredsten-Gadbjerg-Skibet",
        "Vejle",
        "campaign",
        year=2017,
        villages=("Bredsten", "Gadbjerg", "Skibet"),
        themes=("skoler", "foreningsliv"),
        pdf_event="et trekantsløb",
    ),
    _cluster(
        "Fyns Søland",
        "Odense",
        "campaign",
        year=2017,
        villages_count=16,
        residents=7800,
        themes=("unge", "foreningsliv", "natur og friluftsliv"),
        pdf_event="en søbadedag",
        translate=True,
    ),
    _cluster(
        "Mariager Fjord Vest",
        "Mariagerfjord",
        "campaign",
        year=2017,
        villages_count=10,
        themes=("bosætning", "natur og friluftsliv"),
        pdf_event="en fjordsamtale",
        kinds="k",
    ),
    _cluster(
        "Søskovlandet",
        "Ringsted",
        "campaign",
        year=2017,
        themes=("natur og friluftsliv",),
        pdf_event="en skovbadedag",
        kinds="",
    ),
    _cluster(
        "Vesterhavsklyngen",
        "Holstebro",
        "campaign",
        year=2017,
        villages=("Thorsminde", "Sdr. Nissum", "Husby", "Staby", "Madum"),
        themes=("turisme", "erhverv", "bosætning"),
        pdf_event="et havnekaffemøde",
        kinds="ksu",
    ),
    _cluster(
        "De 5 ved Tissø",
        "Kalundborg",
        "campaign",
        year=2018,
        villages=("Ubby-Jerslev", "Sæby-Hallenslev", "Jorløse", "Reerslev", "Buerup"),
        themes=("natur og friluftsliv", "kulturarv"),
        pdf_event="en tissøvandring",
    ),
    _cluster(
        "Sorring Voel Landsbyklynge",
        "Silkeborg",
        "campaign",
        year=2018,
        villages=("Voel", "Sminge", "Sorring", "Dallerup", "Toustrup"),
        themes=("skoler", "unge", "foreningsliv"),
        pdf_event="en pottemagerdag",
        kinds="k",
    ),
    _cluster(
        "Friskvind",
        "Ringkøbing-Skjern",
        "campaign",
        year=2017,
        villages=("Velling", "Højmark", "Stauning", "Lem", "Dejbjerg"),
        themes=("foreningsliv", "erhverv"),
        pdf_event="en vindmøllecafé",
    ),
    _cluster(
        "Bedst mod West",
        "Ringkøbing-Skjern",
        "campaign",
        year=2017,
        villages=("Nr. Bork", "Sdr. Bork", "Hemmet", "Sdr. Vium", "Lyne"),
        themes=("bosætning", "tilflyttere"),
        pdf_event="en velkomstaften",
        kinds="k",
    ),
    _cluster(
        "Landet mellem byerne",
        "Næstved",
        "campaign",
        year=2017,
        villages=("Fuglebjerg", "Sandved", "Tornemark"),
        themes=("mobilitet", "infrastruktur"),
        pdf_event="en busstoppestafet",
        kinds="k",
    ),
    _cluster(
        "4-Kløver-Klyngen",
        "Bornholm",
        "campaign",
        year=2017,
        villages=("Aarsballe", "Klemensker", "Nyker", "Rø"),
        residents=3500,
        themes=("bosætning", "tilflyttere", "nye boformer"),
        pdf_event="en kløverfest",
        translate=True,
    ),
]

CLUSTERS_BY_NAME: dict[str, ClusterData] = {c.name: c for c in CLUSTERS}


def cluster_villages_phrase(cluster: ClusterData) -> Pair:
    """'24 landsbyer' / 'landsbyerne A, B og C' / '19 landsbyer, blandt andre A og B'."""
    count, named = cluster.villages_count, cluster.villages
    if named and count and count > len(named):
        return (
            f"{count} landsbyer, blandt andre {join_da(named)}",
            f"{count} villages, among them {join_en(named)}",
        )
    if named and len(named) > 1:
        return (f"landsbyerne {join_da(named)}", f"the villages of {join_en(named)}")
    if named:
        return (f"{named[0]} og de omkringliggende landsbyer", f"{named[0]} and the surrounding villages")
    if count:
        return (f"{count} landsbyer", f"{count} villages")
    return ("en række landsbyer", "a number of villages")


def cluster_description(cluster: ClusterData) -> list[Pair]:
    """A few paragraphs about the cluster written from its facts only."""
    villages_da, villages_en = cluster_villages_phrase(cluster)
    residents_da = f" med omkring {number_da(cluster.residents)} indbyggere" if cluster.residents else ""
    residents_en = f" with around {number_en(cluster.residents)} residents" if cluster.residents else ""
    paragraphs: list[Pair] = [
        (
            f"{cluster.name} er en landsbyklynge i {cluster.municipality} Kommune. "
            f"Klyngen samler {villages_da}{residents_da} i et fælles samarbejde på tværs af "
            "sogne- og foreningsgrænser.",
            f"{cluster.name} is a village cluster in {cluster.municipality} Municipality. "
            f"The cluster brings together {villages_en}{residents_en} in one cooperation across "
            "parish and club boundaries.",
        )
    ]
    if cluster.programme == "pilot":
        paragraphs.append(
            (
                "Klyngen var en af de fem klynger i Pilotprojekt Landsbyklynger (2015–2017), som "
                "Realdania, Lokale og Anlægsfonden og DGI stod bag. Gennem et 12 måneders forløb med "
                "en proceskonsulent arbejdede landsbyerne med de seks fokusområder: organisering, "
                "kommunikation, involvering, kommunesamarbejde, mødesteder og aktivitetsudbud.",
                "The cluster was one of the five clusters in the Village Cluster Pilot Project "
                "(2015–2017), backed by Realdania, Lokale og Anlægsfonden and DGI. Through a 12-month "
                "course with a process consultant the villages worked with the six focus areas: "
                "organisation, communication, involvement, working with the municipality, meeting "
                "places and activities.",
            )
        )
    else:
        year_da = f" i {cluster.year}" if cluster.year else ""
        year_en = f" in {cluster.year}" if cluster.year else ""
        paragraphs.append(
            (
                f"Klyngen blev etableret{year_da} som en del af Kampagnen Landsbyklynger (2016–2019). "
                f"{cluster.municipality} Kommune søgte om at komme med og medfinansierede forløbet med "
                "75.000 kr., og klyngen gennemgik et 18 måneders forløb fra opstart og kortlægning til "
                "vision, handleplaner og en færdig strategiplan.",
                f"The cluster was established{year_en} as part of the Village Cluster Campaign "
                f"(2016–2019). {cluster.municipality} Municipality applied to take part and "
                "co-financed the course with DKK 75,000, and the cluster went through an 18-month "
                "course from start-up and mapping to a vision, action plans and a finished strategy plan.",
            )
        )
    if cluster.status == "dissolved":
        paragraphs.append(
            (
                f"Klyngesamarbejdet blev opløst i {cluster.dissolved_year}. Erfaringerne fra forløbet "
                "indgår i evalueringen af pilotprojektet, og klyngens kortlægningsrapport ligger fortsat "
                "i rapportarkivet.",
                f"The cluster was dissolved in {cluster.dissolved_year}. What was learnt during the "
                "course is part of the evaluation of the pilot project, and the cluster's mapping "
                "report is still kept in the report archive.",
            )
        )
    elif cluster.reports:
        paragraphs.append(
            (
                "Klyngens rapporter fra forløbet kan hentes enkeltvis eller samlet fra rapportarkivet, "
                "så landsbyerne kan bygge videre på arbejdet.",
                "The cluster's reports from the course can be downloaded one by one or all at once "
                "from the report archive, so the villages can build on the work.",
            )
        )
    return paragraphs


# National reports (clusters.json "research") ------------------------------------------


@dataclass(frozen=True)
class ResearchData:
    key: str
    title: Pair
    year: int
    authors: str
    report_type: str
    pages: int | None
    summary: list[Pair]
    publisher: str = ""


RESEARCH: list[ResearchData] = [
    ResearchData(
        "forundersoegelse-2015",
        (
            "Forundersøgelse: landsbyklynger som bæredygtig udviklingsstrategi",
            "Preliminary study: village clusters as a sustainable development strategy",
        ),
        2015,
        "Aalborg Universitet med Syddansk Universitet, DGI og Realdania",
        "forundersoegelse",
        None,
        [
            (
                "Forundersøgelsen fra 2015 undersøgte, om landsbyer kan stå stærkere ved at "
                "samarbejde i klynger, og lagde grunden til Pilotprojekt Landsbyklynger.",
                "The 2015 preliminary study examined whether villages can stand stronger by "
                "cooperating in clusters, and laid the groundwork for the Village Cluster Pilot Project.",
            ),
            (
                "Den er udarbejdet af Aalborg Universitet med Syddansk Universitet, DGI og Realdania.",
                "It was prepared by Aalborg University with the University of Southern Denmark, DGI "
                "and Realdania.",
            ),
        ],
    ),
    ResearchData(
        "evaluering-pilotprojekt-2017",
        ("Evaluering af Pilotprojekt Landsbyklynger", "Evaluation of the Village Cluster Pilot Project"),
        2017,
        "Realdania og DGI",
        "evaluering",
        56,
        [
            (
                "Evalueringen af de fem pilotklynger blev afsluttet i maj 2017. Den beskriver, hvordan "
                "klyngerne arbejdede med de seks fokusområder, og samler den nye viden i syv findings, "
                "der går på tværs af pilotprojekterne.",
                "The evaluation of the five pilot clusters was completed in May 2017. It describes how "
                "the clusters worked with the six focus areas and gathers the new knowledge in seven "
                "findings that run across the pilot projects.",
            ),
        ],
    ),
    ResearchData(
        "delevaluering-1-2020",
        (
            "Landsbyklynge kampagnen - Delevaluering 1 (procesevaluering)",
            "The village cluster campaign - Interim evaluation 1 (process evaluation)",
        ),
        2020,
        "Aalborg Universitet",
        "evaluering",
        101,
        [
            (
                "Procesevalueringen fra Aalborg Universitet ser på, hvordan forløbene i Kampagnen "
                "Landsbyklynger blev gennemført: fra kommunernes ansøgninger og opstarten til "
                "kortlægning, vision og strategiplan.",
                "Aalborg University's process evaluation looks at how the courses in the Village "
                "Cluster Campaign were carried out: from the municipalities' applications and the "
                "start-up to mapping, vision and strategy plan.",
            ),
        ],
    ),
    ResearchData(
        "perspektiver-24-klynger-2020",
        ("Perspektiver fra 24 Landsbyklynger", "Perspectives from 24 Village Clusters"),
        2020,
        "DGI",
        "evaluering",
        None,
        [
            (
                "Rapporten samler perspektiver fra de 24 klynger i Kampagnen Landsbyklynger og bygger "
                "på mere end 20.000 borgerbesvarelser fra kortlægningerne.",
                "The report gathers perspectives from the 24 clusters in the Village Cluster Campaign "
                "and is based on more than 20,000 responses from residents collected in the mappings.",
            ),
        ],
    ),
]

EVALUATION_KEY = "evaluering-pilotprojekt-2017"


# Images -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageData:
    key: str
    title: str
    description: str  # Danish alt text (required on HubImage)
    kind: str  # what images.py paints: hills, fields, coast, village, forest, lake


IMAGES: list[ImageData] = [
    ImageData(
        "bakker",
        "Bakkelandskab ved morgenlys",
        "Bløde grønne bakker under en lys morgenhimmel med solen lavt over horisonten.",
        "hills",
    ),
    ImageData(
        "marker",
        "Marker og læhegn",
        "Gule og grønne marker i striber, adskilt af mørke læhegn, under en blå himmel.",
        "fields",
    ),
    ImageData(
        "kyst",
        "Kyst og klitter",
        "Sandede klitter ned mod et roligt blåt hav med en lys sommerhimmel.",
        "coast",
    ),
    ImageData(
        "landsby",
        "Landsby med kirke",
        "Små huse med røde tage og en hvid kirke på en bakke i et åbent landbrugslandskab.",
        "village",
    ),
    ImageData(
        "skov",
        "Skovbryn om aftenen",
        "Mørkegrønne træer i et skovbryn foran en orange aftenhimmel.",
        "forest",
    ),
    ImageData(
        "soe",
        "Sø i et bakket landskab",
        "En blank sø omgivet af grønne bakker og enkelte træer under en skyfri himmel.",
        "lake",
    ),
    ImageData(
        "fjord",
        "Fjord ved solnedgang",
        "En fjord mellem lave bakker, hvor solnedgangen spejler sig i vandet.",
        "fjord",
    ),
    ImageData(
        "hede", "Hede og lyng", "Lilla lyngbakker med spredte træer under en let overskyet himmel.", "heath"
    ),
]


# Findings (seed 000: "Hvad har vi lært om landsbyklynger indtil nu?") ------------------


@dataclass(frozen=True)
class FindingData:
    number: int
    title: Pair
    paragraphs: list[Pair]  # the finding's full text; the first sentence(s) make the summary
    summary: Pair
    focus_areas: tuple[str, ...]
    en_slug: str


FINDINGS: list[FindingData] = [
    FindingData(
        1,
        ("Landsbyer står stærkere, når de står sammen", "Villages stand stronger when they stand together"),
        [
            (
                "Pilotprojekt Landsbyklynger har vist, at landsbyer står stærkere, når de står sammen. En "
                "organisering af landsbyer i et klyngesamarbejde styrker samarbejdsevnen og øger landsbyernes "
                "evne til at se langsigtet på udviklingen af lokalområdet. Det betyder, at dannelsen af "
                "landsbyklynger kan bruges som planlægningsværktøj til at understøtte landsbyers udvikling. På "
                "tværs mellem landsbyer og i de enkelte landsbyer.",
                "The Village Cluster Pilot Project has shown that villages stand stronger when they stand "
                "together. Organising villages in a cluster strengthens their ability to cooperate and their "
                "ability to take a long-term view of how the local area develops. This means that forming "
                "village clusters can be used as a planning tool to support the development of villages. "
                "Across villages and within each village.",
            )
        ],
        (
            "Pilotprojekt Landsbyklynger har vist, at landsbyer står stærkere, når de står sammen. En "
            "organisering af landsbyer i et klyngesamarbejde styrker samarbejdsevnen og øger landsbyernes "
            "evne til at se langsigtet på udviklingen af lokalområdet.",
            "The Village Cluster Pilot Project has shown that villages stand stronger when they stand "
            "together. Organising villages in a cluster strengthens their ability to cooperate and their "
            "ability to take a long-term view of how the local area develops.",
        ),
        ("organisering",),
        "villages-stand-stronger-together",
    ),
    FindingData(
        2,
        (
            "Landsbyklynger øger landsbyernes sociale kapital",
            "Village clusters increase the villages' social capital",
        ),
        [
            (
                "Etableringen af landsbyklynger fører til et stærkere samarbejde mellem foreninger, netværk og "
                "mennesker. Kort sagt øger etableringen af landsbyklynger landsbyernes sociale kapital. Social "
                "kapital handler om tillid og om netværk mellem mennesker. Det handler om den værdi, man har i "
                "kraft af sit sociale netværk gennem medlemskab af en forening, en gruppe eller et tredje "
                "fællesskab. For borgerne i landdistrikterne handler sociale kapital i praksis om oplevelsen af "
                "sammenhængskraft. Social kapital omsættes i hverdagen i bæredygtige relationer, hvor folk "
                "udveksler tjenester, viden og sætter fælles mål. Evalueringen viser, at landsbyklynger øger "
                "glæden ved at bo på landet ved at skabe bedre brobygning mellem de foreninger og netværk, der "
                "er i klyngen.",
                "Establishing village clusters leads to stronger cooperation between associations, networks and "
                "people. In short, establishing village clusters increases the villages' social capital. Social "
                "capital is about trust and about networks between people. It is about the value you have through "
                "your social network, by being a member of an association, a group or some other community. For "
                "residents of rural areas, social capital in practice is about experiencing cohesion. In everyday "
                "life social capital turns into lasting relationships in which people exchange favours and "
                "knowledge and set shared goals. The evaluation shows that village clusters make living in the "
                "countryside more enjoyable by building better bridges between the associations and networks in "
                "the cluster.",
            )
        ],
        (
            "Etableringen af landsbyklynger fører til et stærkere samarbejde mellem foreninger, netværk og "
            "mennesker. Kort sagt øger etableringen af landsbyklynger landsbyernes sociale kapital.",
            "Establishing village clusters leads to stronger cooperation between associations, networks and "
            "people. In short, establishing village clusters increases the villages' social capital.",
        ),
        ("organisering", "involvering"),
        "village-clusters-increase-social-capital",
    ),
    FindingData(
        3,
        ("Dyrk de stedbundne potentialer", "Cultivate the potential of the place"),
        [
            (
                "I udvikling af landsbyklyngerne skal der satses på de stedbundne potentialer i form af "
                "landskabelige, bygningskulturelle, historiske og menneskelige ressourcer. I pilotprojekt "
                "Landsbyklynger er der arbejdet med de stedbundne potentialer, og evalueringen viser, at "
                "borgerne i de enkelte klynger er den helt store ressource. Det er borgerne, der har peget på "
                "muligheder for samarbejde landsbyerne imellem. Det er borgerne, der er kommet med forslag til "
                "tilpasning af mødesteder og forslag til nye fælles aktiviteter. Og det er borgerne, der har "
                "bidraget med viden og tid. Ved at lade borgerne udpege de stedbundne potentialer understøttes "
                "den lokale kultur og de egnsspecifikke traditioner. Og det er netop det fundament, som "
                "klyngesamarbejdet skal bygge på og dyrke.",
                "When developing village clusters, the focus should be on the potential of the place itself: its "
                "landscape, its buildings, its history and its people. The pilot project worked with this local "
                "potential, and the evaluation shows that the residents of each cluster are the greatest resource "
                "of all. It is the residents who have pointed out opportunities for cooperation between the "
                "villages. It is the residents who have suggested how meeting places could be adapted and which "
                "new shared activities to start. And it is the residents who have contributed knowledge and time. "
                "Letting the residents identify the local potential supports the local culture and the traditions "
                "of the area. And that is exactly the foundation the cluster cooperation should build on and "
                "cultivate.",
            )
        ],
        (
            "I udvikling af landsbyklyngerne skal der satses på de stedbundne potentialer i form af "
            "landskabelige, bygningskulturelle, historiske og menneskelige ressourcer.",
            "When developing village clusters, the focus should be on the potential of the place itself: its "
            "landscape, its buildings, its history and its people.",
        ),
        ("involvering", "moedesteder", "aktivitetsudbud"),
        "cultivate-the-potential-of-the-place",
    ),
    FindingData(
        4,
        ("Styrket kommunikation er vejen frem", "Better communication is the way forward"),
        [
            (
                "Ved at have en fælles hjemmeside i landsbyklyngen forstærkes de enkelte landsbyers "
                "kommunikation, og klyngen som enhed står stærkere. Ved blot at have en fælles kalender kan de "
                "enkelte landsbyer bedre planlægge aktiviteter, samtidigt med de er bevidste om, hvad der er af "
                "arrangementer og øvrige tilbud i klyngen som helhed. En forbedret kommunikation er derfor "
                "væsentlig for borgernes oplevelse af sammenhængskraften. Den forbedrede kommunikation øger også "
                "den sociale kapital, da kommunikationen imellem de enkelte aktører forbedres.",
                "A shared website for the village cluster amplifies each village's communication, and the cluster "
                "stands stronger as a whole. Just having a shared calendar lets each village plan its activities "
                "better while knowing which events and other offers exist in the cluster as a whole. Better "
                "communication is therefore essential for how residents experience cohesion. Better communication "
                "also increases social capital, because communication between the individual players improves.",
            )
        ],
        (
            "Ved at have en fælles hjemmeside i landsbyklyngen forstærkes de enkelte landsbyers "
            "kommunikation, og klyngen som enhed står stærkere.",
            "A shared website for the village cluster amplifies each village's communication, and the cluster "
            "stands stronger as a whole.",
        ),
        ("kommunikation",),
        "better-communication-is-the-way-forward",
    ),
    FindingData(
        5,
        ("Borgerinvolvering er nøglen til succes", "Citizen involvement is the key to success"),
        [
            (
                "Frivilligheden er i dag under forandring. For mange handler frivillighed om at skabe noget "
                "konkret i en sag, man brænder for i afgrænsede perioder. Evalueringen viser, at landsbyklynger "
                "favner dette. Alle borgere kan fremsætte idéer, og de stærkeste projekter formuleres ud fra det, "
                "borgerne brænder for at arbejde med. De frivilliges engagement og mængden af frivillige er "
                "afgørende for om en landsbyklynge lykkes eller ej. Evalueringen viser, at de steder hvor "
                "borgerinvolveringen er lykkedes, der plantes ejerskabet til udvikling på lokale hænder. Det "
                "skaber en værdiforøgelse af den menneskelige og sociale kapital, der kan arbejde for projektet og "
                "klyngens fremtid.",
                "Volunteering is changing. For many people, volunteering means creating something concrete for a "
                "cause they care about, for a limited period. The evaluation shows that village clusters embrace "
                "this. Every resident can put forward ideas, and the strongest projects grow out of what residents "
                "are passionate about. The volunteers' commitment and the number of volunteers decide whether a "
                "village cluster succeeds or not. The evaluation shows that where citizen involvement has "
                "succeeded, ownership of the development is placed in local hands. That adds value to the human "
                "and social capital that can work for the project and for the cluster's future.",
            )
        ],
        (
            "Frivilligheden er i dag under forandring. For mange handler frivillighed om at skabe noget "
            "konkret i en sag, man brænder for i afgrænsede perioder.",
            "Volunteering is changing. For many people, volunteering means creating something concrete for a "
            "cause they care about, for a limited period.",
        ),
        ("involvering",),
        "citizen-involvement-is-the-key-to-success",
    ),
    FindingData(
        6,
        (
            "En ny model for samarbejde mellem kommune og civilsamfund",
            "A new model for cooperation between municipality and civil society",
        ),
        [
            (
                "Evalueringen viser, at landsbyklynger øger tilliden mellem kommune og civilsamfund, og det "
                "forbedrer samarbejdet mellem parterne. Landsbyklynger styrker således relationerne og den "
                "gensidige respekt mellem kommune og civilsamfund. Politikere og embedsmænd har fået øjnene op "
                "for områdets frivillige ressourcer, mens de frivillige aktører har fået indblik i, hvordan de ved "
                "at søge et bredere og mere strategisk samarbejde, hvor de står sammen om at løse mere komplekse "
                "problemstillinger, har langt større indflydelse på kommunens beslutninger.",
                "The evaluation shows that village clusters increase trust between the municipality and civil "
                "society, and that improves cooperation between the two. Village clusters thus strengthen the "
                "relationship and the mutual respect between municipality and civil society. Politicians and "
                "officials have had their eyes opened to the area's volunteer resources, while the volunteers have "
                "seen how a broader and more strategic cooperation, in which they stand together to solve more "
                "complex problems, gives them far more influence on the municipality's decisions.",
            )
        ],
        (
            "Evalueringen viser, at landsbyklynger øger tilliden mellem kommune og civilsamfund, og det "
            "forbedrer samarbejdet mellem parterne.",
            "The evaluation shows that village clusters increase trust between the municipality and civil "
            "society, and that improves cooperation between the two.",
        ),
        ("kommunesamarbejde",),
        "a-new-model-for-cooperation",
    ),
    FindingData(
        7,
        (
            "Det kræver et boost at løbe klyngerne godt i gang",
            "Clusters need a boost to get off to a good start",
        ),
        [
            (
                "Proceskonsulenten spiller en afgørende rolle for klyngernes dannelse og etablering. Ligeledes gør "
                "de frivillige, men der er brug for hjælp udefra til at booste samarbejdet. Evalueringen viser "
                "derfor et iboende paradoks i metoden og konceptet. Det er borgerne, der udpeger indsatsområder, "
                "sætter retningen for klyngens fremtid og leder realiseringen af målene. Men projektet kræver en "
                "konsulent til at løbe det i gang, som hele tiden sikrer fremdrift og retning på projektet.",
                "The process consultant plays a decisive role in forming and establishing the clusters. So do the "
                "volunteers, but help from outside is needed to boost the cooperation. The evaluation therefore "
                "shows a paradox built into the method and the concept. It is the residents who choose the "
                "priority areas, set the direction for the cluster's future and lead the work towards its goals. "
                "But the project needs a consultant to get it going, who keeps it moving and keeps it on course.",
            )
        ],
        (
            "Proceskonsulenten spiller en afgørende rolle for klyngernes dannelse og etablering.",
            "The process consultant plays a decisive role in forming and establishing the clusters.",
        ),
        ("organisering",),
        "clusters-need-a-boost",
    ),
]


# Pages --------------------------------------------------------------------------------


@dataclass
class PageData:
    """One page: where it goes, its Danish and English texts, and its untranslated values.

    ``texts`` are plain text fields, ``rich`` rich-text fields as paragraphs, ``body`` the
    StreamField. The page is translated to English when its title has an English text.
    """

    key: str
    model: str
    parent: str
    slug: Pair
    title: Pair
    texts: dict[str, Pair] = field(default_factory=dict)
    rich: dict[str, list[Pair]] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    focus_areas: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    show_in_menus: bool = False

    @property
    def translate(self) -> bool:
        return self.title[1] is not None


HOME = PageData(
    key="home",
    model="hub.HomePage",
    parent="",
    slug=("home", "en"),
    title=("Landsbyklynger", "Village clusters"),
    image="bakker",
    rich={
        "intro": [
            (
                "Landsbyer står stærkere, når de står sammen. Her er samlet viden, erfaringer og rapporter fra "
                "de landsbyklynger, der fra 2015 til 2022 blev etableret med hjælp fra Sekretariat for Landsbyklynger.",
                "Villages stand stronger when they stand together. This is where the knowledge, experience and "
                "reports of the village clusters established with the Secretariat for Village Clusters between 2015 "
                "and 2022 are kept.",
            )
        ]
    },
    body=[
        ("h2", ("Syv år med landsbyklynger", "Seven years of village clusters")),
        (
            "p",
            (
                "En landsbyklynge er et forpligtende samarbejde mellem en række landsbyer, der går sammen om at "
                "udvikle deres område. I stedet for at hver landsby kæmper for sig, deler klyngen mødesteder, "
                "aktiviteter, kommunikation og idéer, og den taler med én stemme over for kommunen.",
                "A village cluster is a binding cooperation between a number of villages that join forces to "
                "develop their area. Instead of each village fighting on its own, the cluster shares meeting "
                "places, activities, communication and ideas, and it speaks with one voice to the municipality.",
            ),
        ),
        (
            "p",
            (
                "Sekretariat for Landsbyklynger blev etableret i 2015 med Pilotprojekt Landsbyklynger, et "
                "samarbejde mellem Realdania, Lokale og Anlægsfonden og DGI. Pilotprojektet blev fulgt af "
                "Kampagnen Landsbyklynger, og i alt 29 klynger blev etableret med sekretariatets hjælp, før "
                "sekretariatet lukkede ved udgangen af 2022.",
                "The Secretariat for Village Clusters was set up in 2015 with the Village Cluster Pilot Project, "
                "a partnership between Realdania, Lokale og Anlægsfonden and DGI. The pilot project was followed "
                "by the Village Cluster Campaign, and in all 29 clusters were established with the secretariat's "
                "help before the secretariat closed at the end of 2022.",
            ),
        ),
        (
            "fact",
            ("29", "29"),
            (
                "klynger etableret med sekretariatets hjælp",
                "clusters established with the secretariat's help",
            ),
        ),
        ("fact", ("2015–2022", "2015–2022"), ("syv års arbejde", "seven years of work")),
        ("fact", ("6", "6"), ("fokusområder i hvert forløb", "focus areas in every course")),
        ("h2", ("Find viden og rapporter", "Find knowledge and reports")),
        (
            "p",
            (
                "Læs succeshistorierne fra klyngerne, de syv findings fra evalueringen af pilotprojektet og "
                "sekretariatets blog. Alle klyngernes kortlægningsrapporter og strategiplaner ligger i "
                "rapportarkivet, hvor de kan hentes enkeltvis eller samlet for hver klynge.",
                "Read the success stories from the clusters, the seven findings from the evaluation of the pilot "
                "project and the secretariat's blog. Every cluster's mapping reports and strategy plans are kept "
                "in the report archive, where they can be downloaded one by one or all at once for each cluster.",
            ),
        ),
    ],
)

INDEX_PAGES: list[PageData] = [
    PageData(
        key="clusters",
        model="cases.ClusterIndexPage",
        parent="home",
        slug=("klynger", "clusters"),
        title=("Klynger", "Clusters"),
        show_in_menus=True,
        rich={
            "intro": [
                (
                    "De landsbyklynger, der blev etableret i Pilotprojekt Landsbyklynger og Kampagnen "
                    "Landsbyklynger. Find din klynge, dens landsbyer og dens rapporter.",
                    "The village clusters established in the Village Cluster Pilot Project and the Village Cluster "
                    "Campaign. Find your cluster, its villages and its reports.",
                )
            ]
        },
    ),
    PageData(
        key="stories",
        model="cases.StoryIndexPage",
        parent="home",
        slug=("succeshistorier", "success-stories"),
        title=("Succeshistorier", "Success stories"),
        show_in_menus=True,
        rich={
            "intro": [
                (
                    "Konkrete eksempler fra klyngerne: fælles hjemmesider og kalendere, nye mødesteder, stærkere "
                    "samarbejde med kommunen og aktiviteter, der samler landsbyerne.",
                    "Concrete examples from the clusters: shared websites and calendars, new meeting places, stronger "
                    "cooperation with the municipality and activities that bring the villages together.",
                )
            ]
        },
    ),
    PageData(
        key="findings",
        model="cases.FindingIndexPage",
        parent="home",
        slug=("findings", "findings"),
        title=("Findings", "Findings"),
        show_in_menus=True,
        rich={
            "intro": [
                (
                    "Syv findings fra evalueringen af Pilotprojekt Landsbyklynger, som går på tværs af de fem "
                    "pilotklynger og handler om metoden og konceptet bag landsbyklynger.",
                    "Seven findings from the evaluation of the Village Cluster Pilot Project that run across the five "
                    "pilot clusters and concern the method and concept behind village clusters.",
                )
            ]
        },
    ),
    PageData(
        key="reports",
        model="cases.ReportIndexPage",
        parent="home",
        slug=("rapporter", "reports"),
        title=("Rapportarkiv", "Report archive"),
        show_in_menus=True,
        rich={
            "intro": [
                (
                    "Klyngernes kortlægningsrapporter, strategiplaner og udviklingsplaner samt de nationale "
                    "evalueringer og undersøgelser. Alle rapporter kan hentes som PDF.",
                    "The clusters' mapping reports, strategy plans and development plans, plus the national "
                    "evaluations and studies. Every report can be downloaded as a PDF.",
                )
            ]
        },
    ),
    PageData(
        key="blog",
        model="blog.BlogIndexPage",
        parent="home",
        slug=("blog", "blog"),
        title=("Blog", "Blog"),
        show_in_menus=True,
        rich={
            "intro": [
                (
                    "Nyt og erfaringer fra Sekretariat for Landsbyklynger.",
                    "News and lessons from the Secretariat for Village Clusters.",
                )
            ]
        },
    ),
    PageData(
        key="about",
        model="hub.StandardPage",
        parent="home",
        slug=("om", "about"),
        title=("Om landsbyklynger", "About village clusters"),
        show_in_menus=True,
        texts={
            "intro": (
                "Landsbyklynger er et svar på, at mange landsbyer ikke længere kan klare alting selv. Sammen kan "
                "de mere.",
                "Village clusters are an answer to the fact that many villages can no longer do everything on "
                "their own. Together they can do more.",
            )
        },
        body=[
            ("h2", ("Baggrunden", "Background")),
            (
                "p",
                (
                    "Forundersøgelsen fra 2015, udarbejdet af Aalborg Universitet med Syddansk Universitet, DGI og "
                    "Realdania, undersøgte landsbyklynger som en bæredygtig udviklingsstrategi for landdistrikterne. "
                    "Samme år blev Sekretariat for Landsbyklynger etableret med Pilotprojekt Landsbyklynger.",
                    "The 2015 preliminary study by Aalborg University with the University of Southern Denmark, DGI "
                    "and Realdania examined village clusters as a sustainable development strategy for rural areas. "
                    "The same year the Secretariat for Village Clusters was set up with the Village Cluster Pilot "
                    "Project.",
                ),
            ),
            (
                "image",
                "landsby",
                (
                    "Landsbyer står stærkere, når de står sammen.",
                    "Villages stand stronger when they stand together.",
                ),
            ),
            ("h2", ("To programmer", "Two programmes")),
            (
                "p",
                (
                    "Pilotprojekt Landsbyklynger (2015–2017) fulgte fem klynger gennem et 12 måneders forløb med en "
                    "proceskonsulent. Kampagnen Landsbyklynger (2016–2019) gav 24 klynger støtte til at etablere en "
                    "ny fælles organisatorisk enhed gennem et 18 måneders forløb. Her søgte kommunen om at komme "
                    "med og medfinansierede med 75.000 kr.",
                    "The Village Cluster Pilot Project (2015–2017) followed five clusters through a 12-month course "
                    "with a process consultant. The Village Cluster Campaign (2016–2019) supported 24 clusters in "
                    "setting up a new shared organisation through an 18-month course. Here the municipality applied "
                    "to take part and co-financed it with DKK 75,000.",
                ),
            ),
            ("h2", ("Forløbet", "The course")),
            (
                "p",
                (
                    "Hvert forløb gik gennem fem faser: opstart, kortlægning og kommunikation, vision og "
                    "indsatsområder, handleplaner og en afslutning med en strategiplan. Undervejs arbejdede "
                    "klyngerne med seks fokusområder: organisering, kommunikation, involvering, kommunesamarbejde, "
                    "mødesteder og aktivitetsudbud.",
                    "Every course went through five phases: start-up, mapping and communication, vision and "
                    "priority areas, action plans and a conclusion with a strategy plan. Along the way the clusters "
                    "worked with six focus areas: organisation, communication, involvement, working with the "
                    "municipality, meeting places and activities.",
                ),
            ),
            ("h2", ("Parterne", "The partners")),
            (
                "p",
                (
                    "Realdania, Lokale og Anlægsfonden og DGI stod bag sekretariatet, som DGI drev i syv år. "
                    "Sekretariatet lukkede ved udgangen af 2022. DGI's landsdelsforeninger står fortsat til "
                    "rådighed for klynger, der har brug for sparring, råd eller vejledning.",
                    "Realdania, Lokale og Anlægsfonden and DGI were behind the secretariat, which DGI ran for seven "
                    "years. The secretariat closed at the end of 2022. DGI's regional associations are still there "
                    "for clusters that need advice or guidance.",
                ),
            ),
        ],
    ),
]


SEED_POST = PageData(
    key="post-hvad-har-vi-laert",
    model="blog.BlogPostPage",
    parent="blog",
    slug=(
        "hvad-har-vi-laert-om-landsbyklynger-indtil-nu",
        "what-have-we-learnt-about-village-clusters-so-far",
    ),
    title=(
        "Hvad har vi lært om landsbyklynger indtil nu?",
        "What have we learnt about village clusters so far?",
    ),
    values={"date": date(2017, 8, 24), "author": SECRETARIAT},
    texts={
        "intro": (
            "Syv findings fra evalueringen af Pilotprojekt Landsbyklynger, der går på tværs af de fem "
            "pilotprojekter og handler om metoden og konceptet bag projektet.",
            "Seven findings from the evaluation of the Village Cluster Pilot Project that run across the five "
            "pilot projects and concern the method and concept behind the project.",
        )
    },
    focus_areas=(
        "organisering",
        "kommunikation",
        "involvering",
        "kommunesamarbejde",
        "moedesteder",
        "aktivitetsudbud",
    ),
    tags=("evaluering", "pilotprojekt", "findings"),
    image="landsby",
    body=[
        (
            "p",
            (
                "På facebooksiden @landsbyklynger har der sommeren over været fokus på hovedresultaterne fra "
                "evalueringen af Pilotprojekt Landsbyklynger. En evaluering, som i starten af maj måned blev "
                "afsluttet med udgivelsen af en rapport af samme navn. Opslagene på facebooksiden har taget "
                "udgangspunkt i de seks enkelte fokusområder, der er blevet arbejde med i de fem landsbyklynger, "
                "som har været en del af pilotprojektet. De seks områder er organisering, kommunikation, "
                "involvering, kommunesamarbejde, mødesteder og aktivitetsudbud.",
                "Over the summer, the Facebook page @landsbyklynger has focused on the main results of the "
                "evaluation of the Village Cluster Pilot Project. An evaluation that was completed at the "
                "beginning of May with the publication of a report of the same name. The posts on the Facebook "
                "page have each taken one of the six focus areas that the five village clusters in the pilot "
                "project have worked with. The six areas are organisation, communication, involvement, working "
                "with the municipality, meeting places and activities.",
            ),
        ),
        (
            "p",
            (
                "Opslagene har vist, hvorvidt pilotprojekterne er lykkedes med at indfri en række mål knyttet til "
                "de seks fokusområder. Hvad, de ikke har vist, er, hvilken ny viden Pilotprojekt Landsbyklynger "
                "har genereret. Det vil nærværende blogindlæg beskrive med udgangspunkt i syv findings, som går på "
                "tværs af de fem pilotprojekter, og som relaterer sig til den metode og det koncept, der ligger bag "
                "projektet. De syv findings vil her blive præsenteret enkeltvis.",
                "The posts have shown whether the pilot projects succeeded in meeting a number of goals linked to "
                "the six focus areas. What they have not shown is what new knowledge the Village Cluster Pilot "
                "Project has produced. That is what this blog post describes, starting from seven findings that "
                "run across the five pilot projects and relate to the method and the concept behind the project. "
                "The seven findings are presented one by one here.",
            ),
        ),
        *[
            block
            for finding in FINDINGS
            for block in (
                ("h2", (f"{finding.number}. {finding.title[0]}", f"{finding.number}. {finding.title[1]}")),
                *(("p", paragraph) for paragraph in finding.paragraphs),
            )
        ],
        (
            "p",
            (
                "Du kan læse mere om både pilotprojekterne, deres succes og ovenstående findings i rapporten "
                "Evaluering af Pilotprojekt Landsbyklynger.",
                "You can read more about the pilot projects, their successes and the findings above in the report "
                "Evaluation of the Village Cluster Pilot Project.",
            ),
        ),
        (
            "doc",
            EVALUATION_KEY,
            (
                "Hent rapporten Evaluering af Pilotprojekt Landsbyklynger (PDF)",
                "Download the report Evaluation of the Village Cluster Pilot Project (PDF, in Danish)",
            ),
        ),
        (
            "p",
            (
                "I løbet af den kommende tid vil der her på bloggen og på Landsbyklyngers facebookside blive "
                "fortalt om konkrete succeshistorier fra de igangværende landsbyklynger. Så følg med!",
                "In the coming months, this blog and the Landsbyklynger Facebook page will tell concrete success "
                "stories from the village clusters now under way. So stay tuned!",
            ),
        ),
        ("h2", ("Inspiration til alle lokalsamfund", "Inspiration for every local community")),
        (
            "p",
            (
                "Ovenstående skal ikke bare fungere som inspiration til de 25 nye klynger, som enten er valgt, "
                "eller som vil blive det i den kommende fremtid til Kampagnen Landsbyklynger. Ovenstående skal også "
                "fungere som inspiration til alle lokalsamfund, som ønsker at skabe en positiv udvikling og "
                "fremdrift i det tværgående samarbejde med andre nærtliggende lokalsamfund.",
                "The above is not only meant as inspiration for the 25 new clusters that have been chosen, or will "
                "soon be chosen, for the Village Cluster Campaign. It is also meant as inspiration for every local "
                "community that wants to create positive development and momentum in cooperation with other "
                "nearby communities.",
            ),
        ),
        (
            "p",
            (
                "Hvis du vil læse mere om de indtil videre 24 landsbyklynger i projektet her.",
                "Read more about the 24 village clusters in the project so far here.",
            ),
        ),
    ],
)


BLOG_POSTS: list[PageData] = [
    SEED_POST,
    PageData(
        key="post-kampagnen-i-gang",
        model="blog.BlogPostPage",
        parent="blog",
        slug=("kampagnen-landsbyklynger-er-i-gang", "the-village-cluster-campaign-is-under-way"),
        title=("Kampagnen Landsbyklynger er i gang", "The Village Cluster Campaign is under way"),
        values={"date": date(2016, 10, 3), "author": SECRETARIAT},
        texts={
            "intro": (
                "Efter pilotprojektet bliver flere landsbyer inviteret med: kommunerne kan nu søge om at blive en "
                "del af Kampagnen Landsbyklynger.",
                "After the pilot project more villages are invited in: municipalities can now apply to become part "
                "of the Village Cluster Campaign.",
            )
        },
        focus_areas=("organisering", "kommunesamarbejde"),
        tags=("kampagne", "ansøgning"),
        image="marker",
        body=[
            (
                "p",
                (
                    "Erfaringerne fra de fem pilotklynger har vist, at landsbyer kan opnå meget ved at stå sammen. "
                    "Derfor fortsætter arbejdet nu i Kampagnen Landsbyklynger, hvor flere klynger får støtte til at "
                    "etablere en ny fælles organisatorisk enhed.",
                    "The experience of the five pilot clusters has shown that villages can achieve a lot by standing "
                    "together. That is why the work now continues in the Village Cluster Campaign, in which more "
                    "clusters are supported in setting up a new shared organisation.",
                ),
            ),
            ("h2", ("Sådan foregår det", "How it works")),
            (
                "p",
                (
                    "Det er kommunen, der søger om at komme med, og kommunen medfinansierer forløbet med 75.000 kr. "
                    "Klyngen gennemgår herefter et forløb på 18 måneder med opstart, kortlægning og kommunikation, "
                    "vision og indsatsområder, handleplaner og en afsluttende strategiplan.",
                    "It is the municipality that applies to take part, and the municipality co-finances the course "
                    "with DKK 75,000. The cluster then goes through an 18-month course with start-up, mapping and "
                    "communication, vision and priority areas, action plans and a concluding strategy plan.",
                ),
            ),
            (
                "p",
                (
                    "Undervejs får klyngen hjælp af en proceskonsulent og af sekretariatet, som sørger for "
                    "vidensdeling mellem klyngerne og blandt andet udarbejder kortlægningsrapporter og hjælper med "
                    "at etablere fælles hjemmesider.",
                    "Along the way the cluster is helped by a process consultant and by the secretariat, which makes "
                    "sure knowledge is shared between the clusters and, among other things, prepares mapping reports "
                    "and helps set up shared websites.",
                ),
            ),
            ("fact", ("18", "18"), ("måneders forløb for hver klynge", "months of course for each cluster")),
            (
                "fact",
                ("75.000 kr.", "DKK 75,000"),
                ("i medfinansiering fra kommunen", "co-financed by the municipality"),
            ),
        ],
    ),
    PageData(
        key="post-perspektiver",
        model="blog.BlogPostPage",
        parent="blog",
        slug=("over-20000-borgere-har-givet-deres-besyv", "more-than-20000-residents-have-had-their-say"),
        title=("Over 20.000 borgere har givet deres besyv", "More than 20,000 residents have had their say"),
        values={"date": date(2020, 11, 16), "author": SECRETARIAT},
        texts={
            "intro": (
                "Rapporten Perspektiver fra 24 Landsbyklynger samler, hvad borgerne i kampagnens klynger har "
                "svaret i kortlægningerne.",
                "The report Perspectives from 24 Village Clusters gathers what residents of the campaign's clusters "
                "answered in the mappings.",
            )
        },
        focus_areas=("involvering", "kommunikation"),
        tags=("kortlægning", "rapport"),
        image="soe",
        body=[
            (
                "p",
                (
                    "I hver klynge begyndte forløbet med en kortlægning, hvor borgerne fortalte, hvad de sætter pris "
                    "på i deres område, og hvad de ønsker sig af fremtiden. Samlet er det blevet til mere end 20.000 "
                    "borgerbesvarelser fra de 24 klynger i Kampagnen Landsbyklynger.",
                    "In every cluster the course began with a mapping in which residents told what they value about "
                    "their area and what they want for the future. Altogether that came to more than 20,000 responses "
                    "from the 24 clusters in the Village Cluster Campaign.",
                ),
            ),
            (
                "p",
                (
                    "DGI har samlet svarene i rapporten Perspektiver fra 24 Landsbyklynger. Rapporten giver et "
                    "sjældent billede af, hvordan livet i landsbyerne opleves af dem, der lever det, og den kan "
                    "bruges af klynger, kommuner og alle, der arbejder med udvikling af landdistrikterne.",
                    "DGI has gathered the answers in the report Perspectives from 24 Village Clusters. The report "
                    "gives a rare picture of how village life is experienced by those who live it, and it can be "
                    "used by clusters, municipalities and everyone working on rural development.",
                ),
            ),
            ("fact", ("20.000+", "20,000+"), ("borgerbesvarelser", "responses from residents")),
            (
                "doc",
                "perspektiver-24-klynger-2020",
                (
                    "Hent rapporten Perspektiver fra 24 Landsbyklynger (PDF)",
                    "Download the report Perspectives from 24 Village Clusters (PDF, in Danish)",
                ),
            ),
        ],
    ),
    PageData(
        key="post-sekretariatet-lukker",
        model="blog.BlogPostPage",
        parent="blog",
        slug=("sekretariatet-lukker-sikr-jeres-rapporter", "the-secretariat-closes-keep-your-reports"),
        title=("Sekretariatet lukker: sikr jeres rapporter", "The secretariat closes: keep your reports"),
        values={"date": date(2022, 12, 1), "author": SECRETARIAT},
        texts={
            "intro": (
                "Efter syv år og 29 klynger lukker Sekretariat for Landsbyklynger ved udgangen af 2022. "
                "Hjemmesiden lukker i løbet af 2023.",
                "After seven years and 29 clusters, the Secretariat for Village Clusters closes at the end of 2022. "
                "The website closes during 2023.",
            )
        },
        focus_areas=("organisering", "kommunikation", "moedesteder"),
        tags=("sekretariatet", "rapportarkiv"),
        image="fjord",
        body=[
            (
                "p",
                (
                    "Sekretariat for Landsbyklynger blev etableret i 2015 med Pilotprojekt Landsbyklynger, et "
                    "samarbejde mellem Realdania, Lokale og Anlægsfonden og DGI. I alt 29 klynger er blevet "
                    "etableret med sekretariatets hjælp. Nu lukker sekretariatet ved udgangen af 2022.",
                    "The Secretariat for Village Clusters was set up in 2015 with the Village Cluster Pilot Project, "
                    "a partnership between Realdania, Lokale og Anlægsfonden and DGI. In all, 29 clusters have been "
                    "established with the secretariat's help. Now the secretariat closes at the end of 2022.",
                ),
            ),
            ("h2", ("Hent jeres rapporter", "Download your reports")),
            (
                "p",
                (
                    "Jeres kortlægningsrapporter og strategiplaner er fortsat tilgængelige i rapportarkivet i de "
                    "kommende måneder, men hjemmesiden lukker i løbet af 2023. På hver klynges side kan I hente alle "
                    "klyngens rapporter samlet i én fil. Gør det gerne nu, så I har det, I skal bruge.",
                    "Your mapping reports and strategy plans remain available in the report archive for the coming "
                    "months, but the website closes during 2023. On each cluster's page you can download all of the "
                    "cluster's reports in one file. Please do it now, so you have what you need.",
                ),
            ),
            ("h2", ("Mødesteder og konkrete aktiviteter", "Meeting places and concrete activities")),
            (
                "p",
                (
                    "Mange klynger har drømme om nye fælles mødesteder, og ni mødesteder er støttet i Kampagnen "
                    "Mødestedet, som DGI fortsat driver sekretariatet for. Erfaringerne viser også, at nøglen til en "
                    "bæredygtig klynge ofte er kombinationen af det organisatoriske arbejde og konkrete aktiviteter, "
                    "der skaber synlighed og løbende succeser.",
                    "Many clusters dream of new shared meeting places, and nine meeting places have been supported by "
                    "the Meeting Place Campaign (Kampagnen Mødestedet), whose secretariat DGI continues to run. "
                    "Experience also shows that the key to a lasting cluster is often the combination of "
                    "organisational work and concrete activities that create visibility and regular successes.",
                ),
            ),
            ("h2", ("Hjælp efter lukningen", "Help after the closure")),
            (
                "p",
                (
                    "DGI står fortsat til rådighed gennem landskontoret og de 14 lokale landsdelsforeninger. Har "
                    "jeres klynge brug for sparring, råd eller vejledning, eller skal den genstartes efter "
                    "coronanedlukningerne, så kontakt landsdelsforeningen, der dækker jeres område.",
                    "DGI remains available through its national office and its 14 regional associations. If your "
                    "cluster needs advice or guidance, or needs a restart after the coronavirus lockdowns, contact "
                    "the regional association that covers your area.",
                ),
            ),
            ("fact", ("29", "29"), ("klynger på syv år", "clusters in seven years")),
        ],
    ),
]


def _story(key, slug, title, date_, cluster_names, focus, themes, image, intro, body) -> PageData:
    return PageData(
        key=key,
        model="cases.SuccessStoryPage",
        parent="stories",
        slug=slug,
        title=title,
        values={"date": date_},
        texts={"intro": intro},
        body=body,
        clusters=tuple(cluster_names),
        focus_areas=tuple(focus),
        tags=tuple(themes),
        image=image,
    )


STORIES: list[PageData] = [
    _story(
        "story-vestrum-hjemmeside",
        ("vestrum-en-faelles-hjemmeside-og-kalender", "vestrum-a-shared-website-and-calendar"),
        ("VestRum: en fælles hjemmeside og kalender", "VestRum: a shared website and calendar"),
        date(2017, 9, 18),
        ["VestRum"],
        ["kommunikation", "aktivitetsudbud"],
        ["foreningsliv", "social kapital"],
        "kyst",
        (
            "Syv landsbyer i Ringkøbing-Skjern Kommune samlede deres arrangementer ét sted, og det har gjort "
            "det lettere at planlægge og at deltage på tværs.",
            "Seven villages in Ringkøbing-Skjern Municipality gathered their events in one place, which has "
            "made it easier to plan and to take part across the villages.",
        ),
        [
            (
                "p",
                (
                    "I VestRum går landsbyerne Hee, Hover, Tim, Stadil, Vedersø, No og Torsted sammen. Tidligere "
                    "havde hver landsby sin egen opslagstavle, sit eget blad og sine egne arrangementer, og det var "
                    "svært at vide, hvad der skete et par kilometer væk.",
                    "In VestRum the villages of Hee, Hover, Tim, Stadil, Vedersø, No and Torsted work together. "
                    "Before, each village had its own notice board, its own newsletter and its own events, and it "
                    "was hard to know what was happening a few kilometres away.",
                ),
            ),
            ("h2", ("Én kalender for syv landsbyer", "One calendar for seven villages")),
            (
                "p",
                (
                    "Som en del af pilotprojektet fik klyngen en fælles hjemmeside med en fælles kalender. "
                    "Foreningerne lægger selv deres arrangementer ind, og når et nyt arrangement skal planlægges, "
                    "kan man se, hvad der allerede sker i de andre landsbyer.",
                    "As part of the pilot project the cluster got a shared website with a shared calendar. The "
                    "associations add their own events, and when a new event is planned, everyone can see what is "
                    "already happening in the other villages.",
                ),
            ),
            (
                "p",
                (
                    "Evalueringen af pilotprojektet peger netop på, at en fælles kalender gør det lettere for "
                    "landsbyerne at planlægge og styrker borgernes oplevelse af sammenhængskraft.",
                    "The evaluation of the pilot project points out exactly this: a shared calendar makes it easier "
                    "for the villages to plan, and it strengthens residents' sense of cohesion.",
                ),
            ),
            ("fact", ("7", "7"), ("landsbyer i én kalender", "villages in one calendar")),
        ],
    ),
    _story(
        "story-mols-24-landsbyer",
        (
            "mols-i-udvikling-naar-24-landsbyer-taler-sammen",
            "mols-i-udvikling-when-24-villages-talk-together",
        ),
        (
            "Mols i Udvikling: når 24 landsbyer taler sammen",
            "Mols i Udvikling: when 24 villages talk together",
        ),
        date(2017, 10, 9),
        ["Mols i Udvikling"],
        ["organisering", "kommunikation"],
        ["turisme", "frivillighed"],
        "bakker",
        (
            "Med 24 landsbyer og omkring 3.000 indbyggere er Mols i Udvikling en af de største klynger. Det "
            "stiller særlige krav til organiseringen.",
            "With 24 villages and around 3,000 residents, Mols i Udvikling is one of the largest clusters. That "
            "makes particular demands on how it is organised.",
        ),
        [
            (
                "p",
                (
                    "Mols i Udvikling var en af de fem pilotklynger. Når så mange landsbyer skal samarbejde, kan "
                    "ingen være med til alt, og klyngen valgte derfor at arbejde i tematiske arbejdsgrupper, der "
                    "hver tager sig af et indsatsområde.",
                    "Mols i Udvikling was one of the five pilot clusters. When so many villages cooperate, no one can "
                    "take part in everything, so the cluster chose to work in thematic working groups, each looking "
                    "after one priority area.",
                ),
            ),
            ("h2", ("Små grupper, fælles retning", "Small groups, one direction")),
            (
                "p",
                (
                    "Arbejdsgrupperne giver plads til de frivillige, der vil gøre en konkret indsats i en "
                    "afgrænset periode, mens en styregruppe holder overblikket og taler med kommunen på hele "
                    "klyngens vegne.",
                    "The working groups make room for volunteers who want to do something concrete for a limited "
                    "period, while a steering group keeps the overview and talks to the municipality on behalf of "
                    "the whole cluster.",
                ),
            ),
            ("fact", ("24", "24"), ("landsbyer", "villages")),
            ("fact", ("3.000", "3,000"), ("indbyggere", "residents")),
        ],
    ),
    _story(
        "story-midtfyn-moedesteder",
        (
            "landet-paa-midtfyn-moedesteder-paa-tvaers",
            "landet-paa-midtfyn-meeting-places-across-the-villages",
        ),
        ("Landet på Midtfyn: mødesteder på tværs", "Landet på Midtfyn: meeting places across the villages"),
        date(2018, 3, 12),
        ["Landet på Midtfyn"],
        ["moedesteder", "involvering"],
        ["foreningsliv", "skoler"],
        "landsby",
        (
            "Kværndrup, Ryslinge og Gislev har kigget på deres mødesteder under ét: hvad bruges, hvad mangler, "
            "og hvad kan deles?",
            "Kværndrup, Ryslinge and Gislev have looked at their meeting places as a whole: what is used, what "
            "is missing and what can be shared?",
        ),
        [
            (
                "p",
                (
                    "Forsamlingshuse, haller, skoler og sportspladser er landsbyernes hjerter, men de er dyre at "
                    "drive, og ikke alle landsbyer kan have det hele. I Landet på Midtfyn har klyngen kortlagt "
                    "mødestederne i de tre byer og spurgt borgerne, hvordan de bruger dem.",
                    "Village halls, sports halls, schools and playing fields are the heart of the villages, but they "
                    "are expensive to run, and not every village can have everything. In Landet på Midtfyn the "
                    "cluster mapped the meeting places in the three towns and asked residents how they use them.",
                ),
            ),
            ("h2", ("Borgerne pegede vejen", "The residents showed the way")),
            (
                "p",
                (
                    "Det var borgerne, der kom med forslagene til, hvordan mødestederne kan tilpasses og deles, så "
                    "foreningerne i de tre byer kan bruge hinandens faciliteter i stedet for at konkurrere.",
                    "It was the residents who came up with the proposals for adapting and sharing the meeting places, "
                    "so the associations in the three towns can use each other's facilities instead of competing.",
                ),
            ),
            ("fact", ("3", "3"), ("byer deler mødesteder", "towns share their meeting places")),
        ],
    ),
    _story(
        "story-sydvest-salling-kommunen",
        (
            "sydvest-salling-et-nyt-samarbejde-med-kommunen",
            "sydvest-salling-a-new-partnership-with-the-municipality",
        ),
        (
            "Sydvest Salling: et nyt samarbejde med kommunen",
            "Sydvest Salling: a new partnership with the municipality",
        ),
        date(2019, 5, 6),
        ["Sydvest Salling"],
        ["kommunesamarbejde", "organisering"],
        ["infrastruktur", "mobilitet"],
        "marker",
        (
            "Ramsing, Lem, Håsum og Vejby i Skive Kommune taler nu med én stemme, og det har ændret dialogen "
            "med kommunen.",
            "Ramsing, Lem, Håsum and Vejby in Skive Municipality now speak with one voice, and that has changed "
            "the dialogue with the municipality.",
        ),
        [
            (
                "p",
                (
                    "Sydvest Salling blev etableret i 2017 i Kampagnen Landsbyklynger og samler fire landsbyer med "
                    "omkring 1.700 indbyggere. Før klyngen henvendte hver landsby sig til kommunen for sig.",
                    "Sydvest Salling was established in 2017 in the Village Cluster Campaign and brings together four "
                    "villages with around 1,700 residents. Before the cluster, each village approached the "
                    "municipality on its own.",
                ),
            ),
            ("h2", ("Fælles prioriteringer", "Shared priorities")),
            (
                "p",
                (
                    "Med strategiplanen har klyngen fælles prioriteringer for blandt andet veje, stier og "
                    "mobilitet. Det gør det lettere for kommunen at se, hvad der betyder mest for området, og for "
                    "klyngen at blive hørt.",
                    "With the strategy plan the cluster has shared priorities for roads, paths and mobility, among "
                    "other things. That makes it easier for the municipality to see what matters most to the area, "
                    "and for the cluster to be heard.",
                ),
            ),
            ("fact", ("1.700", "1,700"), ("indbyggere i fire landsbyer", "residents in four villages")),
        ],
    ),
    _story(
        "story-gudmekongens-land-kulturarv",
        ("gudmekongens-land-kulturarven-som-samlingspunkt", "gudmekongens-land-heritage-as-a-rallying-point"),
        (
            "Gudmekongens Land: kulturarven som samlingspunkt",
            "Gudmekongens Land: heritage as a rallying point",
        ),
        date(2019, 8, 26),
        ["Gudmekongens Land"],
        ["aktivitetsudbud", "involvering"],
        ["kulturarv", "turisme"],
        "hede",
        (
            "Gudme, Gudbjerg, Hesselager og Oure har fundet et fælles udgangspunkt i den historie, der har "
            "givet klyngen sit navn.",
            "Gudme, Gudbjerg, Hesselager and Oure have found common ground in the history that gave the cluster "
            "its name.",
        ),
        [
            (
                "p",
                (
                    "Evalueringen af pilotprojektet anbefaler at dyrke de stedbundne potentialer: landskab, bygninger, "
                    "historie og mennesker. I Gudmekongens Land i Svendborg Kommune er kulturarven et naturligt "
                    "samlingspunkt for de omkring 5.600 indbyggere.",
                    "The evaluation of the pilot project recommends cultivating the potential of the place: "
                    "landscape, buildings, history and people. In Gudmekongens Land in Svendborg Municipality, "
                    "heritage is a natural rallying point for the around 5,600 residents.",
                ),
            ),
            (
                "p",
                (
                    "Fælles arrangementer om områdets historie trækker borgere fra alle fire landsbyer og giver "
                    "klyngen synlighed, også over for besøgende.",
                    "Shared events about the area's history draw residents from all four villages and make the "
                    "cluster visible, also to visitors.",
                ),
            ),
            ("fact", ("5.600", "5,600"), ("indbyggere", "residents")),
        ],
    ),
    _story(
        "story-tannisbugt-turisme",
        ("tannisbugt-kyst-og-landsby-i-samme-klynge", None),
        ("Tannisbugt: kyst og landsby i samme klynge", None),
        date(2018, 6, 4),
        ["Tannisbugt"],
        ["aktivitetsudbud", "kommunikation"],
        ["turisme", "natur og friluftsliv"],
        "kyst",
        (
            "I Tannisbugt mødes sommerhusområder og helårslandsbyer. Klyngen arbejder på at gøre forskellen til "
            "en styrke.",
            None,
        ),
        [
            (
                "p",
                (
                    "Bindslev, Tversted, Uggerby og Tuen i Hjørring Kommune udgjorde en af de fem pilotklynger. "
                    "Området lever både af dem, der bor der hele året, og af de mange gæster om sommeren.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "Klyngen har arbejdet med fælles aktiviteter og kommunikation, der både henvender sig til "
                    "borgerne og til gæsterne, så foreningslivet får glæde af sæsonen.",
                    None,
                ),
            ),
            ("fact", ("4", None), ("landsbyer ved kysten", None)),
        ],
    ),
    _story(
        "story-4-kloever-tilflyttere",
        ("4-kloever-klyngen-velkommen-til-nye-borgere", None),
        ("4-Kløver-Klyngen: velkommen til nye borgere", None),
        date(2020, 2, 10),
        ["4-Kløver-Klyngen"],
        ["involvering", "kommunikation"],
        ["bosætning", "tilflyttere"],
        "marker",
        (
            "Aarsballe, Klemensker, Nyker og Rø på Bornholm arbejder sammen om at tage godt imod dem, der "
            "flytter til.",
            None,
        ),
        [
            (
                "p",
                (
                    "4-Kløver-Klyngen samler fire landsbyer med omkring 3.500 indbyggere. Bosætning var et af de "
                    "emner, borgerne pegede på i kortlægningen, og klyngen har gjort det til et fælles indsatsområde.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "Når nye borgere hurtigt finder foreningerne og mødestederne, bliver de også hurtigere en del af "
                    "fællesskabet, og det kommer alle fire landsbyer til gode.",
                    None,
                ),
            ),
            ("fact", ("3.500", None), ("indbyggere i fire landsbyer", None)),
        ],
    ),
    _story(
        "story-haervejsklyngen-stier",
        ("haervejsklyngen-naturen-binder-landsbyerne-sammen", None),
        ("Hærvejsklyngen: naturen binder landsbyerne sammen", None),
        date(2021, 5, 17),
        ["Hærvejsklyngen"],
        ["aktivitetsudbud", "moedesteder"],
        ["natur og friluftsliv", "kulturarv"],
        "skov",
        (
            "Fem landsbyer i Vejen Kommune bruger landskabet og den gamle hærvej som fælles ramme for aktiviteter.",
            None,
        ),
        [
            (
                "p",
                (
                    "Bække, Gesten, Gjerndrup, Hovborg og Lindknud ligger spredt i landskabet, og afstanden mellem "
                    "landsbyerne kan føles stor. Naturen er til gengæld fælles for dem alle.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "Klyngen har brugt natur og friluftsliv som et indsatsområde, hvor udendørs mødesteder og fælles "
                    "ture giver borgerne en grund til at mødes på tværs, også i de år, hvor coronanedlukningerne "
                    "lukkede forsamlingshusene.",
                    None,
                ),
            ),
        ],
    ),
    _story(
        "story-fyns-soeland-unge",
        ("fyns-soeland-plads-til-de-unge", None),
        ("Fyns Søland: plads til de unge", None),
        date(2022, 4, 25),
        ["Fyns Søland"],
        ["involvering", "aktivitetsudbud"],
        ["unge", "foreningsliv"],
        "soe",
        (
            "I en klynge med 16 landsbyer og omkring 7.800 indbyggere er de unge en vigtig del af fremtiden.",
            None,
        ),
        [
            (
                "p",
                (
                    "Fyns Søland i Odense Kommune blev etableret i 2017. I strategiplanen er unge og foreningsliv "
                    "blandt indsatsområderne, fordi de unge er dem, der skal bære landsbyerne videre.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "Erfaringen er, at unge gerne engagerer sig i konkrete, afgrænsede projekter, og det passer godt "
                    "til den måde, frivilligheden forandrer sig på.",
                    None,
                ),
            ),
            ("fact", ("16", None), ("landsbyer", None)),
        ],
    ),
]


# The newsletter ------------------------------------------------------------------------

NEWSLETTER_INDEX = PageData(
    key="newsletter",
    model="newsletter.NewsletterIndexPage",
    parent="home",
    slug=("nyhedsbrev", "newsletter"),
    title=("Nyhedsbrev", "Newsletter"),
    show_in_menus=True,
    rich={
        "intro": [
            (
                "Sekretariat for Landsbyklyngers nyhedsbreve til klynger, kommuner og frivillige.",
                "The Secretariat for Village Clusters' newsletters to clusters, municipalities and volunteers.",
            )
        ]
    },
)

# The last real edition (seeds/002), word for word; it stays Danish only. Its section
# titles are h2 headings, every other line a paragraph.
EDITIONS: list[PageData] = [
    PageData(
        key="edition-det-sidste-nyhedsbrev",
        model="newsletter.NewsletterEditionPage",
        parent="newsletter",
        slug=("det-sidste-nyhedsbrev-fra-sekretariat-for-landsbyklynger", None),
        title=("Det sidste nyhedsbrev fra Sekretariat for Landsbyklynger", None),
        values={"date": date(2022, 12, 1)},
        body=[
            (
                "p",
                (
                    "Sekretariat for landsbyklynger blev etableret i 2015 med oprettelsen af Pilotprojekt "
                    "Landsbyklynger. Et samarbejde mellem Realdania, Lokale\xa0og\xa0Anlægsfonden og DGI. Pilotprojektet "
                    "blev efterfulgt af Kampagnen Landsbyklynger, hvor 24 klynger fik støtte til etablering af en ny "
                    "fælles organisatorisk enhed. Nu lukker\xa0Sekretariat for Landsbyklynger ved udgangen af 2022.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "I syv år har DGI med stor succes driftet Sekretariat for Landsbyklynger. I alt er 29 klynger "
                    "blevet etableret med sekretariatets hjælp, mens mangle flere klynger er kommet til undervejs og "
                    "opstået på anden vis. Sekretariatet har bl.a. modtaget og behandlet klyngeansøgninger, ansat og "
                    "hjulpet proceskonsulenter, sikret vidensdeling mellem klyngerne, faciliteret netværk, udarbejdet"
                    " kortlægningsrapporter,\xa0etableret hjemmesider\xa0og meget, meget mere. Alt sammen i fællesskab og "
                    "samarbejde med både kommuner og ikke mindst utallige fantastiske frivillige. Tak for det.",
                    None,
                ),
            ),
            ("h2", ("Landsbyer står stærkere, når de står sammen", None)),
            (
                "p",
                (
                    "Både de første evalueringer af pilotprojektet og de hidtidige evalueringer af kampagnen viser, "
                    "at\xa0landsbyer står stærkere, når de står sammen. Det som netop var tesen, før projekterne blev "
                    "startet op, er blevet bekræftet gennem utallige eksempler. Det er nødvendigt at samarbejde, "
                    "hvis\xa0enkelte lokalområder skal overleve og fortsat være attraktive for både nye og eksisterende "
                    "borgere. Men det er også svært at starte en helt ny organisering op, og et samarbejde over "
                    "sogne- og bygrænser kræver velvillighed hos befolkningen og et stort arbejde hos mange "
                    "frivillige.",
                    None,
                ),
            ),
            ("h2", ("Kommunerne er afgørende for succesfulde samarbejder", None)),
            (
                "p",
                (
                    "Evalueringerne og erfaringerne fra de to projekter viser med al tydlighed også, at samarbejdet "
                    "mellem klynger og kommuner er afgørende. Hvis ikke kommunerne bakker op om samarbejdet, så "
                    "bliver det svært at etablere en bæredygtig klynge. Netop derfor har kommunerne helt fra start "
                    "været en afgørende samarbejdspartner i de 29 klyngeprojekter, som er blevet realiseret i "
                    "perioden fra\xa02015 til 2019. Tak til de kommuner\xa0som har været med, og som mange steder fortsat "
                    "bidrager og yder en stor indsats.",
                    None,
                ),
            ),
            ("h2", ("Tre relevante nedslag", None)),
            (
                "p",
                (
                    "Efter syv års arbejde, 29 klynger, flere evalueringer fra bl.a. Aalborg Universitet og mange "
                    "hundrede gode samtaler, så\xa0er det svært at lave en\xa0fyldestgørende kort opsummering og opsamling."
                    " I stedet vil nyhedsbrevet her give tre forskellige nedslag, som på forskellige måder viser både"
                    " klyngernes forskellighed, deres potentiale og deres eksistensberettigelse",
                    None,
                ),
            ),
            ("h2", ("Nedslag\xa01: Mødestedernes store betydning", None)),
            (
                "p",
                (
                    "Mange landsbyklynger har siden deres etablering haft drømme om nye fælles mødesteder. Disse "
                    "drømme lever fortsat mange steder og bl.a. ni mødesteder er støttet i Kampagnen Mødestedet, som "
                    "fortsætter de kommende år. DGI drifter her fortsat Sekretariatet for Kampagnen Mødestedet som "
                    "minimum frem til og med 2024. Enkelte klynger er allerede i mål med deres nye fælles mødesteder,"
                    " og vi glæder os til at følge, hvordan de konkret kommer til at gøre en forskel lokalt. Fra "
                    "forskningen på området såvel som de seneste syv års arbejde ved vi netop, at de lokale "
                    "mødesteder har en helt central\xa0rolle i forhold til at skabe og facilitere samarbejde på tværs.",
                    None,
                ),
            ),
            ("h2", ("Nedslag 2: Udfordret af coronanedlukningerne", None)),
            (
                "p",
                (
                    "Mange klynger har de seneste år været udfordret på grund af de mange nedlukningen af det danske "
                    "samfund som følge af coronapandemien. Præcist som vi har set det i en lang række andre "
                    "fællesskaber og foreninger\xa0landet over. Klyngerne har været hårdt ramt, da coronapandemien kom i"
                    " netop det øjeblik, mange klynger for alvor skulle “stå på egne ben”. Derfor er der også mange "
                    "klynger, som i dag er gået i stå, og som har brug for at blive genstartet. Gælder det også jeres"
                    " landsbyklynge, så kontakt meget gerne jeres lokale DGI landsdelsforening, som står klar til at "
                    "hjælpe jer godt videre.",
                    None,
                ),
            ),
            (
                "h2",
                (
                    "Nedslag 3: Kombinationen af det organisatoriske arbejde og de konkrete aktiviteter kan være nøglen til succes",
                    None,
                ),
            ),
            (
                "p",
                (
                    "En afgørende erfaring fra de seneste års arbejde både i etableringsfasen og i den efterfølgende "
                    "driftsfase af landsbyklynger er, at nøglen til succes og en bæredygtig klynge kan findes i "
                    "kombinationen af den organisatoriske proces suppleret med konkrete aktiviteter og arrangementer."
                    " Hvad enten det handler om de generelle linjer i klyngesamarbejdet eller om konkrete projekter "
                    "og temaer som bosætning, infrastruktur, mobilitet osv. Her er brug for at supplere det "
                    "organisatoriske, politiske arbejde med konkrete aktiviteter. Både for at skabe synlighed, men "
                    "ikke mindst også for at skabe løbende succeser, som gør det sjovt at være med. Noget af det "
                    "vigtigste, når vi taler projekter, som er ledet og styret af frivillige kræfter. På den måde "
                    "bliver kombinationen heraf afgørende for både kommunikation og involvering. De (måske) to "
                    "vigtigste aspekter af et landsbyklyngesamarbejde.",
                    None,
                ),
            ),
            ("h2", ("Alle har opnået noget", None)),
            (
                "p",
                (
                    "Vi er på Sekretariatet ofte blevet spurgt, hvor mange klynger, der har klaret sig godt. Hvem\xa0der"
                    " har været en succes.\xa0Og det er et umuligt spørgsmål at svare på. For hvornår klarer en klynge "
                    "sig godt, og hvornår er den en succes? Fælles for klyngerne er det, at alle har opnået noget. "
                    "Nogle har fået skabt og forbedret et samarbejde, andre har arrangeret og afviklet fælles "
                    "arrangementer. Nogle har etableret en fælles hjemmeside eller Facebookside, og\xa0andre fælles "
                    "kalendere. Nogle har skabt nye\xa0mødesteder og andre har nedlagt det, der ikke længere er brug "
                    "for. Nogle klynger er lukket ned, mens størstedelen fortsat eksisterer og lever videre. Nogle i "
                    "bedste velgående og andre med det yderste af neglene. Men alle har gjort en forskel på hver "
                    "deres måde. Og det er vi sikre på, landsbyklyngerne fortsat vil gøre.",
                    None,
                ),
            ),
            ("h2", ("Når Sekretariatet lukker…", None)),
            (
                "p",
                (
                    "… betyder det naturligvis ikke, at I landsbyklyngerne rundt om i landet nu bliver overladt til "
                    "jer selv. Med en manglende efterspørgsel efter sekretariatets hjælp\xa0og bistand er det besluttet,"
                    " at organiseringen med et fælles sekretariat mellem parterne i projektet ikke længere er "
                    "relevant. DGI vil gennem både landskontoret og ikke mindst\xa0de 14 lokale landsdelsforeninger "
                    "fortsat stå til rådighed for at hjælpe de klynger, som måtte have lyst og brug for det. På samme"
                    " måde som organisationen gør over for dets næsten 7.000 medlemsforeninger. Så står jeres "
                    "landsbyklynge i en situation, hvor I har brug for sparring, råd eller vejledning, så kontakt "
                    "meget gerne den landsdelsforening, som dækker jeres område. Find\xa0den og dets "
                    "kontaktinformationer på www.dgi.dk.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "Jeres kortlægningsrapporter og strategiplaner er fortsat tilgængelige på www.landsbyklynger.dk. "
                    "Det vil de være i de kommende måneder, men hjemmesiden vil lukke i løbet af 2023. Kig derfor "
                    "gerne hjemmesiden igennem for at sikre, I har det, I\xa0skal bruge.",
                    None,
                ),
            ),
            ("h2", ("Tak", None)),
            (
                "p",
                (
                    "Med det nærmer vi os afslutningen på det sidste nyhedsbrev med Sekretariat for Landsbyklynger "
                    "som afsender. Og med det er der også tilbage først og fremmest at sige TAK. Tak til\xa0de mange af "
                    "jer frivillige, som har brugt utallige af eftermiddage, aftener, weekender osv. på at etablere "
                    "jeres landsbyklynge. På møder, på planlægning osv. På at skabe et tværgående samarbejde til gavn"
                    " for de mange.",
                    None,
                ),
            ),
            (
                "p",
                (
                    "På vegne af Realdania, Lokale og Anlægsfonden og DGI. Tak!",
                    None,
                ),
            ),
        ],
    ),
]
