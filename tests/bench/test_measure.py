"""The figures the benchmarks print."""

from __future__ import annotations

import os
import re
import time

import pytest

from bench.measure import cpu_seconds, load_average, own_cpu_seconds, percentile, read_stat


def test_percentile_is_the_nearest_rank():
    samples = [float(n) for n in range(100, 0, -1)]  # 100 … 1, unordered on purpose
    assert percentile(samples, 0.5) == 51.0
    assert percentile(samples, 0.95) == 95.0
    assert percentile(samples, 0.0) == 1.0 and percentile(samples, 1.0) == 100.0
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_load_average_is_three_figures():
    assert re.fullmatch(r"\d+\.\d\d \d+\.\d\d \d+\.\d\d", load_average())


def test_cpu_seconds_of_a_process_grow_as_it_works():
    name, parent, _seconds = read_stat(os.getpid())
    assert name.startswith("python") or name == "pytest"
    assert parent == os.getppid()
    before, own_before = cpu_seconds(os.getpid()), own_cpu_seconds()
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) > before
    assert own_cpu_seconds() - own_before >= 0.25
    assert read_stat(2**22 + 12345) is None and cpu_seconds(2**22 + 12345) == 0.0
