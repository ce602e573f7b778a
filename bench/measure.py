"""Figures every benchmark prints: percentiles, CPU seconds, the machine's load.

On a shared machine wall-clock times move with whatever else runs; CPU seconds spent by
the processes under test hardly do, so the benchmarks print both.
"""

from __future__ import annotations

import os
from pathlib import Path


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` (0 to 1) of the ordered samples, nearest rank."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as the benchmarks print them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def read_stat(pid: int) -> tuple[str, int, float] | None:
    """A process's name, parent and CPU seconds (user + system) from /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    stat = read_stat(pid)
    return stat[2] if stat else 0.0


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
