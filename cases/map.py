"""The map of Denmark the clusters are drawn on: its projection and its outline.

The map is inline SVG rendered on the server, so it needs no tiles, no script and no
network, prints, and works from disk in the final archive. The outline
(``cases/data/denmark.svg``) was reduced once from Natural Earth's public-domain country
shapes by ``tools/denmark_outline.py`` with :func:`project`, so points placed with it
land on the coast they belong to.

The projection is equirectangular with its standard parallel through the middle of the
country (56° N), which keeps Denmark's shape to within a few per cent; Bornholm is drawn,
as on most maps of Denmark, in a framed inset in the empty sea north-east of Zealand.
This module is plain Python (no Django), so the tool can use it too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "denmark.svg"

# The frame of the main map, in degrees (WGS 84), and its scale in SVG units per degree
# of latitude.
WEST, EAST, SOUTH, NORTH = 7.95, 12.85, 54.5, 57.8
STANDARD_PARALLEL = 56.0
SCALE = 200.0
_K = math.cos(math.radians(STANDARD_PARALLEL))

# Bornholm (east of this longitude) is moved by this much (SVG units) into its inset.
BORNHOLM_EAST_OF = 14.0
BORNHOLM_SHIFT = (-294.0, -454.0)
# The inset's frame, in SVG units: x, y, width, height.
INSET = (430.0, 30.0, 110.0, 92.0)

# Bornholm's eastern tip (Christiansø): the easternmost longitude a location may have.
EAST_WITH_BORNHOLM = 15.2

WIDTH = round((EAST - WEST) * _K * SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG coordinates (x to the right, y down, in the map's viewBox) of a point."""
    x = (lon - WEST) * _K * SCALE
    y = (NORTH - lat) * SCALE
    if lon > BORNHOLM_EAST_OF:
        x, y = x + BORNHOLM_SHIFT[0], y + BORNHOLM_SHIFT[1]
    return x, y


def in_frame(x: float, y: float) -> bool:
    """Whether a projected point lies on the map (not in the sea off its edges)."""
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


@dataclass(frozen=True)
class Outline:
    """The coastline as one SVG path, with the attribution the file carries."""

    path: str
    width: int
    height: int

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


@cache
def outline() -> Outline:
    """The outline shipped with the project, read once per process."""
    svg = OUTLINE_FILE.read_text(encoding="utf-8")
    path = re.search(r'<path[^>]*\sd="([^"]+)"', svg)
    if path is None:
        raise ValueError(f"{OUTLINE_FILE}: no path")
    return Outline(path=path.group(1), width=WIDTH, height=HEIGHT)


def place(lat, lon) -> tuple[float, float] | None:
    """Where a location goes on the map, or None for a missing or off-map location."""
    if lat is None or lon is None:
        return None
    x, y = project(float(lat), float(lon))
    return (round(x, 1), round(y, 1)) if in_frame(x, y) else None


def spread(
    positions: list[tuple[float, float]], distance: float, rounds: int = 60
) -> list[tuple[float, float]]:
    """Move points that lie closer than ``distance`` apart just far enough apart that
    their markers do not overlap, each as little as it can: neighbouring clusters' points
    stay readable and clickable. The locations are approximate to about 10 km (20 SVG
    units) anyway, more than a marker is moved."""
    moved = [list(position) for position in positions]
    for _ in range(rounds):
        crowded = False
        for i, a in enumerate(moved):
            for b in moved[i + 1 :]:
                dx, dy = b[0] - a[0], b[1] - a[1]
                gap = math.hypot(dx, dy)
                if gap >= distance:
                    continue
                crowded = True
                if gap == 0:  # the same spot: part them sideways
                    dx, dy, gap = 1.0, 0.0, 1.0
                push = (distance - gap) / 2 + 0.01
                a[0], a[1] = a[0] - dx / gap * push, a[1] - dy / gap * push
                b[0], b[1] = b[0] + dx / gap * push, b[1] + dy / gap * push
        if not crowded:
            break
    return [(round(x, 1), round(y, 1)) for x, y in moved]
