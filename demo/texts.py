"""Texts the demo writes from facts: a cluster's description and villages, the titles and
summaries of its reports.

The sentences are templates in ``content/cluster-texts.toml`` and
``content/cluster-reports.toml``; this module only chooses which of them a cluster gets
and fills in its facts, in Danish and in English. The ``*_PLACEHOLDERS`` tables say what
each template may use; the reader checks the files against them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .data import ClusterData, ClusterReportType, Text

LANGUAGES = ("da", "en")
_AND = {"da": "og", "en": "and"}

VILLAGE_PLACEHOLDERS = {
    "some_named": {"count", "named"},
    "named": {"named"},
    "one": {"village"},
    "counted": {"count"},
    "unknown": set(),
}
DESCRIPTION_PLACEHOLDERS = {
    "intro": {"name", "municipality", "villages", "with_residents"},
    "with_residents": {"residents"},
    "pilot": {"name", "municipality"},
    "campaign": {"name", "municipality", "in_year"},
    "in_year": {"year"},
    "dissolved": {"name", "year"},
    "reports": {"name"},
}
REPORT_PAGE_PLACEHOLDERS = {"name", "municipality", "year", "villages", "secretariat"}


def collapse(text: str) -> str:
    """Line breaks and runs of spaces become one space; a no-break space stays (data
    files wrap long texts over several lines)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def slugify_da(text: str) -> str:
    """Danish-aware slug: æ, ø, å become ae, oe, aa rather than disappearing."""
    from django.utils.text import slugify

    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(a, b)
    return slugify(text)


def join(items: Iterable[str], language: str) -> str:
    """'A, B og C' / 'A, B and C'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {_AND[language]} " + items[-1]


def number(value: int, language: str) -> str:
    """3.000 in Danish, 3,000 in English."""
    return f"{value:,}".replace(",", ".") if language == "da" else f"{value:,}"


def fill(template: str, **values) -> str:
    """The template with its placeholders filled in; an empty optional phrase leaves no
    double space behind."""
    return collapse(template.format(**values))


def villages_phrase(cluster: ClusterData, texts: dict, language: str) -> str:
    """'24 landsbyer' / 'landsbyerne A, B og C' / '19 landsbyer, blandt andre A og B'."""
    templates = texts["villages"]
    count, named = cluster.villages_count, cluster.villages
    if named and count and count > len(named):
        template, values = templates["some_named"], {"count": count, "named": join(named, language)}
    elif named and len(named) > 1:
        template, values = templates["named"], {"named": join(named, language)}
    elif named:
        template, values = templates["one"], {"village": named[0]}
    elif count:
        template, values = templates["counted"], {"count": count}
    else:
        template, values = templates["unknown"], {}
    return fill(template.get(language), **values)


def cluster_description(cluster: ClusterData, texts: dict) -> list[Text]:
    """A few paragraphs about the cluster written from its facts only."""
    return [
        Text(*pair) for pair in zip(*(_description(cluster, texts, lang) for lang in LANGUAGES), strict=True)
    ]


def _description(cluster: ClusterData, texts: dict, language: str) -> list[str]:
    t = {name: template.get(language) for name, template in texts["description"].items()}
    facts = {"name": cluster.name, "municipality": cluster.municipality}
    residents = (
        fill(t["with_residents"], residents=number(cluster.residents, language)) if cluster.residents else ""
    )
    paragraphs = [
        fill(
            t["intro"], **facts, villages=villages_phrase(cluster, texts, language), with_residents=residents
        )
    ]
    if cluster.programme == "pilot":
        paragraphs.append(fill(t["pilot"], **facts))
    else:
        in_year = fill(t["in_year"], year=cluster.year) if cluster.year else ""
        paragraphs.append(fill(t["campaign"], **facts, in_year=in_year))
    if cluster.status == "dissolved":
        paragraphs.append(fill(t["dissolved"], name=cluster.name, year=cluster.dissolved_year))
    elif cluster.reports:
        paragraphs.append(fill(t["reports"], name=cluster.name))
    return paragraphs


def cluster_report_texts(
    cluster: ClusterData, kind: ClusterReportType, year: int, secretariat: str, texts: dict
) -> tuple[Text, Text, str]:
    """The title, summary and authors of one of a cluster's reports. The title has no
    English where the cluster's pages stay Danish-only."""

    def values(language: str) -> dict:
        return {
            "name": cluster.name,
            "municipality": cluster.municipality,
            "year": year,
            "villages": villages_phrase(cluster, texts, language),
            "secretariat": secretariat,
        }

    title = Text(
        fill(kind.title.da, **values("da")),
        fill(kind.title.en, **values("en")) if cluster.translate else None,
    )
    summary = Text(fill(kind.summary.da, **values("da")), fill(kind.summary.en, **values("en")))
    return title, summary, fill(kind.authors, **values("da"))
