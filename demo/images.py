"""Generated landscape pictures for the demo (Pillow), so pages have lead images.

Each picture is painted from a seeded random generator: the same key always gives the
same pixels and the same JPEG bytes, which keeps re-runs and archive checksums stable.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 800

Color = tuple[int, int, int]

SKIES: dict[str, tuple[Color, Color]] = {
    "hills": ((120, 170, 220), (250, 225, 190)),
    "fields": ((90, 150, 215), (200, 225, 245)),
    "coast": ((110, 175, 230), (225, 240, 250)),
    "village": ((100, 160, 220), (235, 235, 225)),
    "forest": ((70, 80, 140), (250, 160, 90)),
    "lake": ((95, 160, 225), (215, 235, 250)),
    "fjord": ((80, 90, 150), (250, 180, 120)),
    "heath": ((140, 160, 185), (225, 225, 230)),
}


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _sky(draw: ImageDraw.ImageDraw, top: Color, bottom: Color) -> None:
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, y / HEIGHT))


def _ridge(rng: random.Random, base: float, amplitude: float) -> list[tuple[float, float]]:
    waves = [(rng.uniform(0.5, 3.0), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0)) for _ in range(3)]
    points = []
    for x in range(0, WIDTH + 20, 20):
        offset = sum(w * math.sin(f * x / WIDTH * math.tau + p) for f, p, w in waves) / 2
        points.append((x, base - amplitude * offset))
    return points


def _hill(draw: ImageDraw.ImageDraw, rng: random.Random, base: float, amplitude: float, color: Color) -> list:
    ridge = _ridge(rng, base, amplitude)
    draw.polygon([*ridge, (WIDTH, HEIGHT), (0, HEIGHT)], fill=color)
    return ridge


def _tree(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, color: Color, conifer: bool) -> None:
    draw.rectangle([x - size * 0.08, y - size * 0.4, x + size * 0.08, y], fill=(80, 60, 40))
    if conifer:
        draw.polygon(
            [(x - size * 0.4, y - size * 0.3), (x + size * 0.4, y - size * 0.3), (x, y - size * 1.6)],
            fill=color,
        )
    else:
        draw.ellipse([x - size * 0.5, y - size * 1.3, x + size * 0.5, y - size * 0.3], fill=color)


def _house(draw: ImageDraw.ImageDraw, x: float, y: float, w: float, wall: Color, roof: Color) -> None:
    h = w * 0.6
    draw.rectangle([x, y - h, x + w, y], fill=wall)
    draw.polygon([(x - w * 0.1, y - h), (x + w * 1.1, y - h), (x + w / 2, y - h - w * 0.45)], fill=roof)


def _church(draw: ImageDraw.ImageDraw, x: float, y: float) -> None:
    white, roof = (245, 243, 235), (150, 60, 50)
    draw.rectangle([x, y - 50, x + 110, y], fill=white)
    draw.polygon([(x - 5, y - 50), (x + 115, y - 50), (x + 55, y - 80)], fill=roof)
    draw.rectangle([x + 100, y - 110, x + 140, y], fill=white)
    draw.polygon([(x + 98, y - 110), (x + 142, y - 110), (x + 120, y - 140)], fill=roof)


def _water(draw: ImageDraw.ImageDraw, rng: random.Random, top: float, color: Color) -> None:
    draw.rectangle([0, top, WIDTH, HEIGHT], fill=color)
    light = _mix(color, (255, 255, 255), 0.35)
    for _ in range(40):
        y = rng.uniform(top + 5, HEIGHT)
        x = rng.uniform(0, WIDTH)
        draw.line([(x, y), (x + rng.uniform(20, 90), y)], fill=light, width=2)


def paint(kind: str, seed: str) -> Image.Image:
    """Paint one landscape of the given kind; deterministic for (kind, seed)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top, bottom = SKIES.get(kind, SKIES["hills"])
    _sky(draw, top, bottom)

    sun_x, sun_y = rng.uniform(200, 1000), rng.uniform(120, 300)
    sun = (255, 240, 200) if kind not in {"forest", "fjord"} else (255, 200, 120)
    for r, alpha in ((110, 0.15), (80, 0.3), (55, 1.0)):
        draw.ellipse([sun_x - r, sun_y - r, sun_x + r, sun_y + r], fill=_mix(bottom, sun, alpha))

    far = (120, 150, 130) if kind != "heath" else (150, 120, 150)
    _hill(draw, rng, 430, 60, far)
    if kind in {"coast", "lake", "fjord"}:
        water = {"coast": (60, 120, 170), "lake": (80, 140, 180), "fjord": (90, 100, 150)}[kind]
        _water(draw, rng, 470, water)
        near = (220, 200, 150) if kind == "coast" else (80, 130, 70)
        _hill(draw, rng, 700, 50, near)
    else:
        mid = {"heath": (140, 90, 140), "forest": (50, 90, 60)}.get(kind, (110, 160, 80))
        ridge = _hill(draw, rng, 520, 50, mid)
        if kind == "fields":
            for i, y in enumerate(range(560, HEIGHT, 40)):
                color = (220, 200, 90) if i % 2 else (120, 170, 80)
                draw.rectangle([0, y, WIDTH, y + 40], fill=color)
                draw.line([(0, y), (WIDTH, y)], fill=(60, 90, 50), width=6)
        if kind == "village":
            base_y = min(y for _, y in ridge) + 60
            for i in range(7):
                x = 150 + i * 130 + rng.uniform(-20, 20)
                _house(
                    draw, x, base_y + rng.uniform(0, 30), rng.uniform(50, 80), (235, 225, 200), (170, 70, 55)
                )
            _church(draw, 520 + rng.uniform(-100, 100), base_y - 10)
        near = {"heath": (110, 70, 110), "forest": (35, 70, 45)}.get(kind, (90, 140, 60))
        _hill(draw, rng, 700, 40, near)
    count = {"forest": 26, "heath": 6}.get(kind, 9)
    for _ in range(count):
        x = rng.uniform(0, WIDTH)
        y = rng.uniform(745, 795) if kind in {"coast", "lake", "fjord"} else rng.uniform(600, 790)
        size = rng.uniform(40, 110) if kind == "forest" else rng.uniform(25, 70)
        _tree(
            draw, x, y, size, (30 + rng.randint(0, 30), 80 + rng.randint(0, 40), 40), conifer=kind == "forest"
        )
    return image.filter(ImageFilter.SMOOTH)


def render_jpeg(kind: str, seed: str) -> bytes:
    buffer = io.BytesIO()
    paint(kind, seed).save(buffer, format="JPEG", quality=85, optimize=False, progressive=False)
    return buffer.getvalue()
