"""Template helpers of the cases pages."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from hub.i18n import in_reader_language
from hub.visibility import visible

from .. import map as denmark
from ..models import ClusterPage, FindingPage

register = template.Library()

MARKER_RADIUS = 11  # SVG units: the index map's markers, which carry a number
LOCATOR_RADIUS = 18


@register.simple_tag
def report_findings(report) -> list:
    """Findings drawn from ``report``, in the report page's language where translated.

    Findings point at the canonical (Danish) report, so they are matched on the report's
    translation key; a finding not yet translated is shown in its original language.
    """
    candidates = (
        visible(FindingPage.objects.filter(source_report__translation_key=report.translation_key))
        .select_related("locale")
        .order_by("number", "pk")
    )
    return in_reader_language(candidates, report.locale)


@register.simple_tag
def finding_neighbours(finding) -> tuple:
    """The findings before and after ``finding`` by number, among its visible siblings."""
    siblings = visible(FindingPage.objects.sibling_of(finding, inclusive=False))
    before = siblings.filter(number__lt=finding.number).order_by("-number", "-pk").first()
    after = siblings.filter(number__gt=finding.number).order_by("number", "pk").first()
    return before, after


@dataclass(frozen=True)
class MapPoint:
    cluster: ClusterPage
    number: int
    x: float
    y: float

    @property
    def label_anchor(self) -> str:
        """Names near the right edge are written leftwards, so they stay on the map."""
        return "end" if self.x > denmark.WIDTH * 0.6 else "start"

    @property
    def label_x(self) -> float:
        gap = MARKER_RADIUS + 4
        return round(self.x - gap if self.label_anchor == "end" else self.x + gap, 1)


@dataclass(frozen=True)
class ClusterMap:
    outline: denmark.Outline
    points: list[MapPoint]
    unplaced: list[ClusterPage]
    inset: tuple[float, float, float, float] = denmark.INSET
    radius: int = MARKER_RADIUS

    @property
    def programmes(self) -> list[tuple[str, str, int]]:
        """The legend: each programme drawn on the map, with how many of its points it has."""
        counts: dict[str, int] = {}
        for point in self.points:
            counts[point.cluster.programme] = counts.get(point.cluster.programme, 0) + 1
        return [
            (value, label, counts[value]) for value, label in ClusterPage.Programme.choices if value in counts
        ]

    @property
    def has_dissolved(self) -> bool:
        return any(point.cluster.status == ClusterPage.Status.DISSOLVED for point in self.points)


@register.simple_tag
def cluster_map(clusters) -> ClusterMap:
    """The clusters on the map, numbered in the order given (the list's order, so a
    point and its card carry the same number); those without a location are unplaced.
    Points too close to tell apart are moved just apart (``cases.map.spread``)."""
    placed, unplaced = [], []
    for number, cluster in enumerate(clusters, start=1):
        position = cluster.map_position
        if position is None:
            unplaced.append(cluster)
        else:
            placed.append((number, cluster, position))
    positions = denmark.spread([position for _, _, position in placed], distance=2 * MARKER_RADIUS + 4)
    points = [
        MapPoint(cluster=cluster, number=number, x=x, y=y)
        for (number, cluster, _), (x, y) in zip(placed, positions, strict=True)
    ]
    return ClusterMap(outline=denmark.outline(), points=points, unplaced=unplaced)


@register.simple_tag
def locator_map(cluster) -> ClusterMap | None:
    """One cluster on the map, for its own page; None when it has no location."""
    position = cluster.map_position
    if position is None:
        return None
    point = MapPoint(cluster=cluster, number=1, x=position[0], y=position[1])
    return ClusterMap(outline=denmark.outline(), points=[point], unplaced=[], radius=LOCATOR_RADIUS)
