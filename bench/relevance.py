"""Measured relevance: the judged set, its figures, and the rankings that are judged.

The judged set (``JUDGED_SET``, kept with the tests that hold the hub to it) lists queries
a reader would type, in Danish and English, each with the page or pages that reader wants
first (``want``, the pages' paths as the site serves them), whether the case must pass
(``required``: a wanted page among the first ``within``, 3 unless it says), what kind of
query it is and a note. ``figures`` gives success@1, success@3 (a wanted page first, or
among the first three) and MRR@10 (the mean of 1/rank of the first wanted page, 0 past
ten) for a ranking of every case: the hub's own (``hub_ranking``, on the database in use)
or Pagefind's (``pagefind_rankings``, over the archive's static copy).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

JUDGED_SET = Path(settings.BASE_DIR) / "tests" / "search" / "relevance.toml"
PAGEFIND_SCRIPT = Path(__file__).resolve().parent / "pagefind_search.mjs"
DEPTH = 10
KINDS = {
    "word",
    "inflection",
    "compound",
    "part of a compound",
    "phrase",
    "name",
    "number",
}


@dataclass(frozen=True)
class Case:
    query: str
    language: str
    kind: str
    want: tuple[str, ...]
    required: bool = False
    within: int = 3
    note: str = ""


@dataclass
class Figures:
    cases: int = 0
    success_at_1: float = 0.0
    success_at_3: float = 0.0
    mrr_at_10: float = 0.0
    # (case, the rank of its first wanted page or None, the first results)
    failed: list[tuple[Case, int | None, list[str]]] = field(default_factory=list)
    missed_required: list[Case] = field(default_factory=list)


def read_cases(path: Path = JUDGED_SET) -> list[Case]:
    """The judged set; a case that names an unknown kind or wants nothing is refused."""
    cases = []
    for number, raw in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"], start=1):
        case = Case(
            query=raw["query"],
            language=raw["language"],
            kind=raw["kind"],
            want=tuple(raw["want"]),
            required=raw.get("required", False),
            within=raw.get("within", 3),
            note=raw.get("note", ""),
        )
        if case.kind not in KINDS or not case.want or case.language not in ("da", "en"):
            raise ValueError(f"{path.name}, case {number} ({case.query!r}): kind, language or want is wrong")
        cases.append(case)
    return cases


def first_rank(case: Case, ranking: list[str]) -> int | None:
    """The 1-based rank of the first wanted page in ``ranking``, None if it is not there."""
    for rank, path in enumerate(ranking[:DEPTH], start=1):
        if path in case.want:
            return rank
    return None


def figures(rankings: Iterable[tuple[Case, list[str]]]) -> Figures:
    result = Figures()
    one = three = reciprocal = 0.0
    for case, ranking in rankings:
        rank = first_rank(case, ranking)
        result.cases += 1
        one += rank == 1
        three += rank is not None and rank <= 3
        reciprocal += 1 / rank if rank else 0.0
        if rank is None or rank > 1:
            result.failed.append((case, rank, ranking[:3]))
        if case.required and (rank is None or rank > case.within):
            result.missed_required.append(case)
    if result.cases:
        result.success_at_1 = one / result.cases
        result.success_at_3 = three / result.cases
        result.mrr_at_10 = reciprocal / result.cases
    return result


def hub_ranking(case: Case) -> list[str]:
    """The paths of the hub's first results for a case, as a reader gets them (the
    outcome cache left out)."""
    from wagtail.models import Locale

    from search.services import run_search

    outcome = run_search(
        case.query, Locale.objects.get(language_code=case.language), page_size=DEPTH, use_cache=False
    )
    return [result.page.url for result in outcome.results]


def pagefind_rankings(site: Path, cases: list[Case]) -> dict[Case, list[str]]:
    """Pagefind's first results for every case, from the Pagefind index of a static copy
    (``site``, with ``pagefind/`` in it): Pagefind's own search (``pagefind.js`` and its
    WebAssembly, as a browser runs them) under Node (``PAGEFIND_SCRIPT``)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Pagefind's search runs under Node.js: apt-get install nodejs")
    rankings: dict[Case, list[str]] = {}
    for language in sorted({case.language for case in cases}):
        asked = [case for case in cases if case.language == language]
        output = run_checked(
            [node, str(PAGEFIND_SCRIPT), str(site), language, str(DEPTH)],
            "Pagefind's search",
            input=json.dumps([case.query for case in asked]),
        )
        for case, urls in zip(asked, json.loads(output), strict=True):
            rankings[case] = [normalise_url(url) for url in urls]
    return rankings


def run_checked(command: list[str], what: str, **options) -> str:
    """The output of a child process; its error's end when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False, **options)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def normalise_url(url: str) -> str:
    """A static copy's URL as the site's path: ``/da/x/index.html`` -> ``/da/x/``."""
    return url.removesuffix("index.html")


def table(columns: dict[str, Figures]) -> list[str]:
    """The figures side by side, one column per engine."""
    lines = [f"{'':14}" + "".join(f"{name:>14}" for name in columns)]
    for label, attribute in (
        ("success@1", "success_at_1"),
        ("success@3", "success_at_3"),
        ("MRR@10", "mrr_at_10"),
    ):
        lines.append(f"{label:14}" + "".join(f"{getattr(f, attribute):14.3f}" for f in columns.values()))
    lines.append(f"{'cases':14}" + "".join(f"{f.cases:14d}" for f in columns.values()))
    lines.append(
        f"{'required missed':14}" + "".join(f"{len(f.missed_required):14d}" for f in columns.values())
    )
    return lines


def evaluate(rank: Callable[[Case], list[str]], cases: list[Case]) -> Figures:
    return figures((case, rank(case)) for case in cases)
