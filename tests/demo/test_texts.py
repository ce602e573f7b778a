"""The texts the demo writes from facts: which sentences a cluster gets, in both languages."""

from __future__ import annotations

import pytest

from demo import texts
from demo.data import ClusterData
from demo.reader import read_content


@pytest.fixture(scope="module")
def cluster_texts():
    return read_content().cluster_texts


def cluster(**facts) -> ClusterData:
    return ClusterData(
        **{"name": "Klyngen", "slug": "klyngen", "municipality": "Lemvig", "programme": "campaign", **facts}
    )


def test_language_mechanics():
    assert texts.join(["A"], "da") == "A"
    assert texts.join(["A", "B", "C"], "da") == "A, B og C"
    assert texts.join(["A", "B"], "en") == "A and B"
    assert (texts.number(12500, "da"), texts.number(12500, "en")) == ("12.500", "12,500")
    assert texts.slugify_da("Hånden under Midtfyn – Ærø") == "haanden-under-midtfyn-aeroe"
    assert texts.fill("etableret {in_year} som", in_year="") == "etableret som"
    assert texts.collapse("  to\n linjer\u00a0med  mellemrum ") == "to linjer\u00a0med mellemrum"


@pytest.mark.parametrize(
    ("facts", "danish", "english"),
    [
        ({"villages": ("Hee", "Tim"), "villages_count": 19}, "19 landsbyer, blandt andre Hee og Tim", "19 villages, among them Hee and Tim"),
        ({"villages": ("Hee", "Tim", "No")}, "landsbyerne Hee, Tim og No", "the villages of Hee, Tim and No"),
        ({"villages": ("Vodskov",)}, "Vodskov og de omkringliggende landsbyer", "Vodskov and the surrounding villages"),
        ({"villages_count": 13}, "13 landsbyer", "13 villages"),
        ({}, "en række landsbyer", "a number of villages"),
    ],
)  # fmt: skip
def test_how_villages_are_named(cluster_texts, facts, danish, english):
    assert texts.villages_phrase(cluster(**facts), cluster_texts, "da") == danish
    assert texts.villages_phrase(cluster(**facts), cluster_texts, "en") == english


def test_a_campaign_cluster_with_residents_and_reports(cluster_texts):
    intro, campaign, reports = texts.cluster_description(
        cluster(year=2018, residents=3500, reports={"kortlaegningsrapport": 2018}), cluster_texts
    )
    assert "Klyngen samler en række landsbyer med omkring 3.500 indbyggere i et fælles" in intro.da
    assert "brings together a number of villages with around 3,500 residents in one" in intro.en
    assert campaign.da.startswith("Klyngen blev etableret i 2018 som en del af Kampagnen Landsbyklynger")
    assert "Lemvig Kommune søgte" in campaign.da and campaign.en.startswith(
        "The cluster was established in 2018"
    )
    assert "rapportarkivet" in reports.da and "report archive" in reports.en


def test_a_dissolved_pilot_cluster_without_a_year_or_residents(cluster_texts):
    intro, pilot, dissolved = texts.cluster_description(
        cluster(programme="pilot", status="dissolved", dissolved_year=2018), cluster_texts
    )
    assert "en række landsbyer i et fælles" in intro.da, "no residents: no empty phrase left behind"
    assert "Pilotprojekt Landsbyklynger (2015–2017)" in pilot.da
    assert dissolved.da.startswith("Klyngesamarbejdet blev opløst i 2018.")
    assert dissolved.en.startswith("The cluster was dissolved in 2018.")


def test_a_campaign_cluster_without_a_year(cluster_texts):
    _intro, campaign = texts.cluster_description(cluster(), cluster_texts)
    assert campaign.da.startswith("Klyngen blev etableret som en del af")
    assert campaign.en.startswith("The cluster was established as part of")


def test_a_cluster_report_page_in_danish_only_unless_the_cluster_is_translated():
    content = read_content()
    kind = content.cluster_reports["strategiplan"]
    for translate in (False, True):
        title, summary, authors = texts.cluster_report_texts(
            cluster(translate=translate), kind, 2019, "Sekretariatet", content.cluster_texts
        )
        assert title.da == "Klyngen – strategiplan 2019"
        assert title.en == ("Klyngen – strategy plan 2019" if translate else None)
        assert (
            summary.da.startswith("Strategiplanen for Klyngen beskriver")
            and "Lemvig Municipality" in summary.en
        )
        assert authors == "Styregruppen for Klyngen"
