"""Reduce Natural Earth's outline of Denmark to the SVG path the cluster map draws.

Run once, when the outline should change (it is not part of the build)::

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    .venv/bin/python tools/denmark_outline.py /tmp/atlas/node_modules/world-atlas/countries-10m.json

It reads the TopoJSON file, takes Denmark (ISO 3166 numeric 208), projects every point
with the map's own projection (``cases.map.project``, Bornholm into its inset), simplifies
each ring (Douglas-Peucker) and leaves out islets too small to see at the map's size,
then writes ``cases/data/denmark.svg`` with its source and licence.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cases.map import HEIGHT, OUTLINE_FILE, WIDTH, project  # noqa: E402

DENMARK = "208"
TOLERANCE = 0.6  # SVG units: about 0.3 px on a phone, 0.6 px on a desktop
SMALLEST_AREA = 4.0  # square SVG units: islets smaller than this are left out

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Outline of Denmark for the cluster map (cases/map.py), written by tools/denmark_outline.py.
     Source: Natural Earth 1:10m Admin 0 - Countries (public domain, naturalearthdata.com),
     as packaged in world-atlas {version} (countries-10m.json), ISC licence, Copyright
     2013-2019 Michael Bostock. Projection: equirectangular, standard parallel 56° N;
     Bornholm in the inset at the top right. -->
"""


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iteratively (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        worst, worst_distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            else:  # a closed ring's ends meet: measure from that point
                distance = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if distance > worst_distance:
                worst, worst_distance = i, distance
        if worst is not None:
            keep[worst] = True
            stack += [(first, worst), (worst, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def area(points: list[tuple[float, float]]) -> float:
    return (
        abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def outline_path(topology: dict) -> tuple[str, int]:
    """The SVG path data of Denmark's rings, and how many rings it kept."""
    arcs = decode_arcs(topology)
    geometry = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == DENMARK)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected = [project(lat, lon) for lon, lat in ring_points(ring, arcs)]
            if area(projected) < SMALLEST_AREA:
                continue
            reduced = simplify(projected, TOLERANCE)
            if len(reduced) < 4:
                continue
            head, *rest = (f"{x:.1f} {y:.1f}" for x, y in reduced[:-1])
            parts.append(f"M{head}L{'L'.join(rest)}Z")
    return "".join(parts), len(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("countries", type=Path, help="world-atlas's countries-10m.json")
    parser.add_argument("--output", type=Path, default=OUTLINE_FILE)
    args = parser.parse_args()
    topology = json.loads(args.countries.read_text(encoding="utf-8"))
    package = args.countries.parent / "package.json"
    version = json.loads(package.read_text())["version"] if package.exists() else "(unknown version)"
    path, rings = outline_path(topology)
    svg = (
        HEADER.format(version=version)
        + f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">\n'
        + f'<path d="{path}"/>\n</svg>\n'
    )
    args.output.write_text(svg, encoding="utf-8")
    print(f"{args.output}: {rings} rings, {len(path):,} characters of path data")


if __name__ == "__main__":
    main()
