"""The clusters: their facts (``sources/facts/clusters.json``, as publicly reported), where
they are (``sources/facts/cluster-locations.json``, approximate) and what the demo adds to
each (``content/clusters.toml``): the facts and the demo's file must name the same
clusters; a cluster without a location is listed on the site, not placed on its map."""

from __future__ import annotations

import json
from decimal import Decimal

from .. import texts
from ..data import ClusterData
from .base import ReaderBase
from .fields import DemoDataError, Fields

PROGRAMMES = ("pilot", "campaign")


class ClusterFiles(ReaderBase):
    cluster_reports: dict

    def read_facts(self, name: str) -> Fields:
        """A JSON file of ``sources/facts/``, its mistakes named with the file."""
        path = self.sources / "facts" / name
        try:
            return Fields(json.loads(path.read_text(encoding="utf-8")), self.label(path))
        except (OSError, ValueError) as error:
            raise DemoDataError(f"{self.label(path)}: {error}") from None

    def read_clusters(self) -> tuple[ClusterData, ...]:
        facts = self.read_facts("clusters.json")
        facts_name = facts.file
        locations = self.read_locations({fact.string("name") for fact in facts.tables("clusters")})
        additions_file = self.file("clusters.toml")
        additions = dict(additions_file.keyed_tables())
        clusters = []
        for fact in facts.tables("clusters"):
            name = fact.string("name")
            demo = additions.pop(name, None)
            if demo is None:
                raise additions_file.error("", f"no entry for the cluster {name!r} of {facts_name}")
            clusters.append(self.read_cluster(fact, demo, locations.get(name)))
        for name in additions:
            raise additions_file.error(name, f"no such cluster in {facts_name}")
        return tuple(clusters)

    def read_locations(self, names: set[str]) -> dict[str, tuple[Decimal, Decimal]]:
        """Latitude and longitude by cluster name; a location for no known cluster is refused."""
        data = self.read_facts("cluster-locations.json")
        data.string("about")
        locations = {}
        for table in data.tables("clusters"):
            name = table.string("name")
            if name not in names:
                raise table.error("name", f"no such cluster in clusters.json: {name!r}")
            locations[name] = (table.decimal("lat"), table.decimal("lon"))
            table.done()
        data.done()
        return locations

    def read_cluster(self, fact: Fields, demo: Fields, location=None) -> ClusterData:
        """A fact file may hold more than the demo uses, so only the demo's table is
        checked for unknown keys."""
        programme = fact.string("programme")
        if programme not in PROGRAMMES:
            raise fact.error(
                "programme", f"unknown programme {programme!r} (one of: {', '.join(PROGRAMMES)})"
            )
        reports = {}
        table = demo.table("reports", None)
        for report_type in table.data if table else ():
            if report_type not in self.cluster_reports:
                raise table.error(
                    report_type, f"unknown report type (one of: {', '.join(self.cluster_reports)})"
                )
            reports[report_type] = table.integer(report_type)
        themes = demo.strings("themes")
        if not themes:
            raise demo.error("themes", "name at least one: the reports' PDFs are written around them")
        name = fact.string("name")
        cluster = ClusterData(
            name=name,
            slug=texts.slugify_da(name),
            municipality=fact.string("municipality"),
            programme=programme,
            year=fact.integer("year", None),
            villages=fact.strings("villages"),
            villages_count=fact.integer("villages_count", None),
            residents=fact.integer("residents", None),
            status=fact.string("status", "active"),
            dissolved_year=fact.integer("dissolved_year", None),
            image=self.image_key(demo, "image"),
            themes=themes,
            reports=reports,
            pdf_event=demo.string("pdf_event"),
            translate=demo.boolean("english", False),
            location=location,
        )
        demo.done()
        return cluster
