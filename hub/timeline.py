"""Yearly figures a timeline block can show beside its periods (``hub.blocks.TimelineBlock``).

An app registers a count per year from its ``AppConfig.ready()`` (the cases app: clusters
established each year), so the block in the ground floor names no app above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class YearlyCount:
    label: Promise | str  # what is counted, e.g. "clusters established"
    count: Callable  # (locale) -> {year: number}


_counts: list[YearlyCount] = []


def count_per_year(label, count: Callable) -> None:
    """Register a figure per year that timelines show (one: the first registered)."""
    _counts.append(YearlyCount(label, count))


def yearly_count() -> YearlyCount | None:
    return _counts[0] if _counts else None
