"""Archive benchmark: ``export_archive`` against ``wget --mirror`` of the same site.

On a generated site (the demo content plus ``bench.corpus``: by default 5,000 pages and
500 PDFs, the reports spread over the clusters), it times the export, then serves the
same database with gunicorn and production settings on 127.0.0.1 (as ``bench_load``
does) and times ``wget --mirror --page-requisites --convert-links --no-parent -e
robots=off`` from there. It prints both times, the HTML pages and PDFs each captured,
and the ratio. The goal: the export captures every page and is faster than the mirror.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail.models import Page

from bench.content import ensure_demo_content, warn_unless_postgresql
from bench.corpus import generate_corpus
from bench.measure import own_cpu_seconds
from bench.server import free_port, start_gunicorn, stop
from hub.progress import Progress
from newsletter.archive.export import export_archive
from newsletter.archive.progress import StageProgress

WGET = ["--mirror", "--page-requisites", "--convert-links", "--no-parent", "-e", "robots=off"]


def sniff(path: Path) -> str:
    """'html', 'pdf' or '' from a file's first bytes (wget keeps URL names, not types)."""
    with path.open("rb") as handle:
        head = handle.read(512).lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return ""


def count_kinds(root: Path) -> dict[str, int]:
    counts = {"html": 0, "pdf": 0, "files": 0}
    for path in root.rglob("*"):
        if path.is_file():
            counts["files"] += 1
            kind = sniff(path)
            if kind:
                counts[kind] += 1
    return counts


class Command(BaseCommand):
    help = "Time export_archive against wget --mirror of the same site served locally; pages each captured."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=5_000, help="generated pages (once per database)")
        parser.add_argument("--pdfs", type=int, default=500, help="of which reports with a PDF")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes for wget")
        parser.add_argument("--keep", action="store_true", help="keep the archive and the mirror")

    def handle(self, *args, pages, pdfs, workers, keep, **options):
        wget = shutil.which("wget")
        if not wget:
            raise CommandError("wget is missing: apt-get install wget.")
        warn_unless_postgresql(self.stderr)
        self.prepare_site(pages, pdfs)
        live = Page.objects.live().public().filter(depth__gt=1).count()
        work = Path(tempfile.mkdtemp(prefix="bench-archive-"))
        try:
            self.stdout.write(f"\nExporting the archive ({live} live public pages)…")
            load = os.getloadavg()[0]
            start, cpu_start = time.perf_counter(), own_cpu_seconds()
            summary = export_archive(
                work / "archive", progress=StageProgress(self.stdout), allow_local_host=True
            )
            export_seconds = time.perf_counter() - start
            # CPU of the export and its render processes (and Pagefind): less noisy than time.
            export_cpu = own_cpu_seconds() - cpu_start
            exported = count_kinds(summary.path / "data" / "site")

            mirror_load = os.getloadavg()[0]
            mirror_seconds, mirrored = self.mirror(wget, work / "mirror", workers)
        finally:
            if keep:
                self.stdout.write(f"Kept in {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)

        self.stdout.write(
            f"\nArchive benchmark on {connection.vendor}: {live} live public pages (both languages)"
        )
        self.stdout.write(f"{'':28} {'seconds':>9} {'HTML pages':>11} {'PDFs':>6} {'files':>7}")
        self.stdout.write(
            f"{'export_archive':28} {export_seconds:9.1f} {exported['html']:11} {exported['pdf']:6} "
            f"{exported['files']:7}"
        )
        self.stdout.write(
            f"{'wget --mirror (gunicorn)':28} {mirror_seconds:9.1f} {mirrored['html']:11} {mirrored['pdf']:6} "
            f"{mirrored['files']:7}"
        )
        self.stdout.write(
            f"export CPU seconds (with its processes): {export_cpu:.1f}; load average (1 min) at the start: "
            f"{load:.2f} export, {mirror_load:.2f} mirror"
        )
        self.stdout.write(
            f"export / wget time: {export_seconds / mirror_seconds:.2f} "
            f"({'faster' if export_seconds < mirror_seconds else 'SLOWER'} than the mirror); "
            f"pages in the export's summary: {summary.pages}, WARC responses: {summary.warc_records}, "
            f"WARC size: {summary.warc_bytes / 1_000_000:.1f} MB"
        )
        if exported["html"] < mirrored["html"]:
            self.stdout.write(
                self.style.WARNING(
                    f"The export captured {mirrored['html'] - exported['html']} HTML pages fewer."
                )
            )

    def prepare_site(self, pages: int, pdfs: int) -> None:
        """The demo content (clusters in two languages) once, then the generated corpus."""
        ensure_demo_content(self.stdout)
        progress = Progress(pages, "Generating the site", self.stdout)
        created = generate_corpus(pages, pdfs, progress=lambda done: progress.advance(), with_clusters=True)
        if created:
            self.stdout.write(f"Generated {created} pages in {progress.elapsed():.0f}s")

    def mirror(self, wget: str, target: Path, workers: int) -> tuple[float, dict[str, int]]:
        """wget's mirror of the site under gunicorn with production settings."""
        port = free_port()
        server = start_gunicorn(port, workers, threads=1)
        try:
            self.stdout.write(f"Mirroring http://127.0.0.1:{port}/ with wget…")
            start = time.perf_counter()
            result = subprocess.run(
                [wget, *WGET, "-q", "-P", str(target), f"http://127.0.0.1:{port}/"],
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
        finally:
            stop(server)
        if result.returncode not in (0, 8):  # 8: some URL answered with an error (e.g. a 404)
            raise CommandError(f"wget failed ({result.returncode}): {result.stderr[-500:]}")
        return seconds, count_kinds(target)
