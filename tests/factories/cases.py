"""Factories for the clusters, stories, findings and reports."""

from __future__ import annotations

import datetime

import factory

from cases.models import (
    ClusterIndexPage,
    ClusterPage,
    FindingIndexPage,
    FindingPage,
    ReportIndexPage,
    ReportPage,
    StoryIndexPage,
    SuccessStoryPage,
)

from .hub import DocumentFactory, HubPageFactory, body


class ClusterIndexPageFactory(HubPageFactory):
    class Meta:
        model = ClusterIndexPage

    title = "Landsbyklynger"
    slug = "klynger"
    show_in_menus = True


class ClusterPageFactory(HubPageFactory):
    class Meta:
        model = ClusterPage

    title = factory.Sequence(lambda n: f"Klynge {n}")
    municipality = "Syddjurs"
    villages = "Knebel\nRørvig\nTved"
    programme = ClusterPage.Programme.PILOT
    year_established = 2016
    status = ClusterPage.Status.ACTIVE
    residents = 3000
    website = "https://example.org/klynge"
    description = factory.LazyAttribute(lambda o: f"<p>Om {o.title}.</p>")


class StoryIndexPageFactory(HubPageFactory):
    class Meta:
        model = StoryIndexPage

    title = "Succeshistorier"
    slug = "succeshistorier"
    show_in_menus = True


class SuccessStoryPageFactory(HubPageFactory):
    class Meta:
        model = SuccessStoryPage

    _related_fields = ("clusters", "focus_areas", "themes")
    _tag_fields = ("themes",)

    title = factory.Sequence(lambda n: f"Historie {n}")
    date = datetime.date(2019, 5, 1)
    intro = factory.LazyAttribute(lambda o: f"Kort om {o.title}.")
    body = factory.LazyAttribute(lambda o: body(f"Hele historien om {o.title}."))


class FindingIndexPageFactory(HubPageFactory):
    class Meta:
        model = FindingIndexPage

    title = "Findings"
    slug = "findings"
    show_in_menus = True


class FindingPageFactory(HubPageFactory):
    class Meta:
        model = FindingPage

    _related_fields = ("focus_areas",)

    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Finding nummer {o.number}")
    summary = factory.LazyAttribute(lambda o: f"Resumé af finding {o.number}.")
    body = factory.LazyAttribute(lambda o: body(f"Uddybning af finding {o.number}."))


class ReportIndexPageFactory(HubPageFactory):
    class Meta:
        model = ReportIndexPage

    title = "Rapporter"
    slug = "rapporter"
    show_in_menus = True


class ReportPageFactory(HubPageFactory):
    class Meta:
        model = ReportPage

    _related_fields = ("focus_areas",)

    title = factory.Sequence(lambda n: f"Kortlægningsrapport {n}")
    report_type = ReportPage.ReportType.MAPPING
    year = 2017
    authors = "Sekretariatet for Landsbyklynger"
    publisher = "DGI"
    summary = factory.LazyAttribute(lambda o: f"<p>Resumé af {o.title}.</p>")
    document = factory.SubFactory(DocumentFactory, title=factory.SelfAttribute("..title"))
