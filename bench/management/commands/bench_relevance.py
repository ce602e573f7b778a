"""Relevance benchmark: success@1, success@3 and MRR@10 of the judged set (``bench.relevance``)
on SQLite, on PostgreSQL and for Pagefind, side by side.

Each database is measured in a process of its own (``--measure``, with ``DATABASE_URL``
and ``HUB_VAR_DIR`` set for it): it migrates, loads the demo content unless the database
has it, rebuilds the search index with the code as it is, and ranks every case as the
search page does. The PostgreSQL process also exports the archive of the same content and
asks its Pagefind index (``pagefind.js`` under Node) the same queries. Figures, then every
case not answered first, with its rank and first results.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.content import ensure_demo_content
from bench.corpus import MARKER_SLUG
from bench.measure import load_average
from bench.relevance import (
    Figures,
    evaluate,
    figures,
    hub_ranking,
    pagefind_rankings,
    read_cases,
    run_checked,
    table,
)

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class Command(BaseCommand):
    help = "Success@1, success@3 and MRR@10 of the judged search queries on SQLite, PostgreSQL and Pagefind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--postgres",
            default=os.environ.get("BENCH_RELEVANCE_DATABASE_URL", ""),
            help="the PostgreSQL database to measure (its own: the demo content is loaded into it)",
        )
        parser.add_argument(
            "--sqlite", default="", help="the SQLite file to measure (default: one in the var folder)"
        )
        parser.add_argument("--measure", action="store_true", help=HIDDEN)
        parser.add_argument("--pagefind", action="store_true", help=HIDDEN)

    def handle(self, *args, postgres, sqlite, measure, pagefind, **options):
        if measure:
            self.stdout.write(json.dumps(measure_here(pagefind)))
            return
        if not postgres.startswith("postgres"):
            raise CommandError("Give the PostgreSQL database to measure: --postgres postgres://… (its own).")
        var = Path(settings.VAR_DIR)
        sqlite_path = Path(sqlite) if sqlite else var / "sqlite" / "relevance.sqlite3"
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        columns: dict[str, Figures] = {}
        failures: dict[str, list] = {}
        for url, folder, with_pagefind in [
            (f"sqlite:///{sqlite_path.absolute()}", var / "sqlite", False),
            (postgres, var / "postgresql", True),
        ]:
            self.stderr.write(f"Measuring {url.split('@')[-1]}…")
            for name, result in measure_elsewhere(url, folder, with_pagefind).items():
                columns[name] = Figures(
                    **{key: result[key] for key in ("cases", "success_at_1", "success_at_3", "mrr_at_10")}
                )
                columns[name].missed_required = [None] * result["missed_required"]
                failures[name] = result["failed"]
        self.stdout.write(
            f"\nJudged set: {len(read_cases())} queries (tests/search/relevance.toml), first {10} results"
        )
        for line in table(columns):
            self.stdout.write(line)
        self.stdout.write(f"Load average when measured: {load_average()}")
        for name, failed in failures.items():
            self.stdout.write(f"\n{name}: not first ({len(failed)})")
            for query, language, rank, top, required in failed:
                mark = "required " if required else ""
                shown = ", ".join(path.rstrip("/").rsplit("/", 1)[-1] for path in top) or "nothing"
                self.stdout.write(f"  {mark}{query!r} ({language}): rank {rank or '>10'}; first: {shown}")


HIDDEN = "used by the command itself: measure the database in DATABASE_URL"


def measure_elsewhere(url: str, var: Path, with_pagefind: bool) -> dict:
    """Run ``--measure`` in a process of its own on the database at ``url``."""
    var.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "DATABASE_URL": url, "HUB_VAR_DIR": str(var.absolute())}
    command = [sys.executable, "manage.py", "bench_relevance", "--measure"]
    try:
        output = run_checked(
            command + (["--pagefind"] if with_pagefind else []),
            f"Measuring {url.split('@')[-1]}",
            cwd=settings.BASE_DIR,
            env=environment,
        )
    except RuntimeError as error:
        raise CommandError(str(error)) from error
    return json.loads(output.strip().splitlines()[-1])


def measure_here(with_pagefind: bool) -> dict:
    """The figures of this process's database (and of Pagefind over its archive)."""
    from wagtail.models import Page

    call_command("migrate", verbosity=0, interactive=False)
    if Page.objects.filter(slug=MARKER_SLUG).exists():
        raise CommandError(
            "This database holds the generated benchmark corpus: give the relevance benchmark its own."
        )
    ensure_demo_content(io.StringIO())
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    cases = read_cases()
    results = {ENGINES[connection.vendor]: evaluate(hub_ranking, cases)}
    if with_pagefind:
        from newsletter.archive.export import export_archive

        with tempfile.TemporaryDirectory(prefix="bench-relevance-") as work:
            summary = export_archive(Path(work) / "archive")
            rankings = pagefind_rankings(summary.path / "data" / "site", cases)
        results["Pagefind"] = figures((case, rankings[case]) for case in cases)
    return {name: as_json(result) for name, result in results.items()}


def as_json(result: Figures) -> dict:
    data = asdict(result)
    data["failed"] = [
        [case.query, case.language, rank, top, case.required] for case, rank, top in result.failed
    ]
    data["missed_required"] = len(result.missed_required)
    return data
