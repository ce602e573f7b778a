"""The final archival export: ``export_archive(output)`` writes the whole hub as one bag.

Called by ``manage.py export_archive``, the admin's export task and the benchmark. The
archive is built in a hidden folder beside OUTPUT and renamed into place only when it is
complete, so an interrupted export never leaves a half archive that looks whole.

Layout (inside the bag's ``data/``): ``site/`` (static copy, Pagefind, A–Z, serve.py),
``web-archive/`` (WARC + CDXJ), ``clusters/``, ``newsletter/``, ``metadata/``.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from cases.models import ReportPage

from . import parts
from .bag import bag_info, make_bag, readme, write_zip
from .crawl import SiteCrawler
from .indexes import ClusterMap, search_main, write_indexes, write_serve_py
from .inventory import ArchiveFile
from .metadata import EventLog, write_metadata
from .pagefind import PagefindError, finish_pagefind, start_pagefind
from .payload import Payload
from .scope import Scope, build_scope
from .site_urls import site_origin
from .static_copy import SITE_DIR, StaticCopy
from .webarchive import CDXJ_NAME, WARC_NAME, WebArchiveWriter, write_cdxj

Progress = Callable[[str, int, int], None]


class ArchiveError(Exception):
    """The export cannot start or finish; the message says why, for the editor."""


@dataclass
class ExportSummary:
    path: Path
    zip_path: Path | None
    pages: int
    documents: int
    files: int
    bytes: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    excluded: int = 0
    warc_records: int = 0

    def description(self) -> str:
        """One sentence for whoever ran the export."""
        return (
            f"Archive written to {self.path}: {self.pages} pages, {self.documents} documents, "
            f"{self.files} files, {self.bytes / 1_000_000:.1f} MB, {self.warc_records} WARC records, "
            f"{self.excluded} items left out, in {self.seconds:.1f} s."
        )


def content_date(scope: Scope) -> datetime.datetime:
    """The archive's fixed timestamp: the latest publication of anything it holds."""
    latest = max((page.last_published_at for page in scope.pages if page.last_published_at), default=None)
    documents = get_document_model().objects.filter(pk__in=scope.public_document_ids)
    latest_document = documents.aggregate(latest=Max("created_at"))["latest"]
    candidates = [value for value in (latest, latest_document) if value]
    if not candidates:
        return datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
    return max(candidates).astimezone(datetime.UTC).replace(microsecond=0)


def _check_output(output: Path) -> None:
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise ArchiveError(
            _(
                "%(path)s already exists and is not empty: choose a new folder, the export never overwrites one."
            )
            % {"path": output}
        )
    if not output.parent.is_dir():
        raise ArchiveError(_("The folder %(path)s does not exist.") % {"path": output.parent})


def export_archive(
    output: Path,
    *,
    make_zip: bool = False,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the archive to ``output`` (a new or empty folder); with ``make_zip`` also
    ``output.zip``. Raises ``ArchiveError`` with a clear message on bad input."""
    started = time.monotonic()
    output = Path(output).absolute()
    _check_output(output)
    report = progress or (lambda label, done, total: None)
    building = Path(tempfile.mkdtemp(prefix=f".{output.name}.partial-", dir=output.parent))
    try:
        summary = _build(building, output, report)
        if output.exists():
            output.rmdir()  # empty, checked above
        building.rename(output)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    summary.path = output
    if make_zip:
        report(_("Writing the zip file"), 0, 1)
        zip_path = output.with_name(output.name + ".zip")
        partial = zip_path.with_name(f".{zip_path.name}.partial")
        try:
            write_zip(output, partial, summary_date(output))
            partial.replace(zip_path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        summary.zip_path = zip_path
        report(_("Writing the zip file"), 1, 1)
    summary.seconds = time.monotonic() - started
    return summary


def summary_date(folder: Path) -> datetime.date:
    for line in (folder / "bag-info.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("Bagging-Date:"):
            return datetime.date.fromisoformat(line.split(":", 1)[1].strip())
    return datetime.date(2023, 1, 1)


def _build(root: Path, output: Path, report: Progress) -> ExportSummary:
    log = EventLog()
    data = root / "data"
    payload = Payload(data)
    scope = build_scope()
    date = content_date(scope)
    log(
        "scope",
        pages=len(scope.pages),
        documents=len(scope.public_document_ids),
        excluded=len(scope.excluded),
    )

    origin, _host, _secure = site_origin(scope)
    warc = WebArchiveWriter(
        payload.target(WARC_NAME),
        date,
        {
            "software": "landsbyklynger-hub export_archive",
            "format": "WARC File Format 1.1",
            "isPartOf": settings.WAGTAIL_SITE_NAME,
            "description": f"{settings.WAGTAIL_SITE_NAME} ({origin}) as served when archived",
        },
    )
    static_copy = StaticCopy(payload, scope, report)
    crawler = SiteCrawler(scope, warc, static_copy.keep_file, report)
    try:
        crawler.crawl()
    finally:
        warc_sha, warc_size = warc.close()
    log("crawl", urls=len(crawler.resources), warc_records=warc.records)
    static_copy.write(crawler, search_main)

    written_ids = crawler.written_pages()
    missing = [page for page in scope.pages if page.pk not in written_ids]
    for page in missing:
        crawler.warnings.append(
            f"page {page.pk} ({page.url_path}) could not be rendered; it is not in the archive"
        )

    clusters = ClusterMap(scope.pages)
    archived_pages = []
    for page in scope.pages:
        local = crawler.local_for_page(page.get_url_parts()[2]) if page.pk in written_ids else None
        if local:
            archived_pages.append((page, local))
            slugs = clusters.slugs_of(page)
            if slugs:
                payload.update(f"{SITE_DIR}/{local}", cluster=";".join(slugs))
    write_indexes(payload, archived_pages, clusters)
    write_serve_py(payload)
    log("indexes", pages=len(archived_pages))

    documents = _document_files(payload, crawler)
    report(_("Building the search index"), 0, 1)
    pagefind = start_pagefind(data / SITE_DIR)
    log("search-index", tool="pagefind")
    try:
        _write_the_rest(data, payload, log, report, warc_sha, warc_size)
        finish_pagefind(pagefind, data / SITE_DIR)
    except PagefindError as error:
        raise ArchiveError(str(error)) from error
    finally:
        if pagefind.poll() is None:  # an error above: stop it, leave nothing running
            pagefind.kill()
            pagefind.wait()
    payload.adopt_tree(f"{SITE_DIR}/pagefind", content_type="application/octet-stream")
    report(_("Building the search index"), 1, 1)

    excluded = write_metadata(payload, crawler, scope, log)
    info = bag_info(scope.site, origin, date, pages=len(archived_pages), documents=len(documents))
    report(_("Writing the bag"), 0, 1)
    make_bag(root, payload, info, readme(settings.WAGTAIL_SITE_NAME, origin, date.date()))
    report(_("Writing the bag"), 1, 1)
    return ExportSummary(
        path=output,
        zip_path=None,
        pages=len(archived_pages),
        documents=len(documents),
        files=len(payload.entries),
        bytes=sum(entry.size for entry in payload.entries.values()),
        seconds=0.0,
        warnings=list(crawler.warnings),
        excluded=excluded,
        warc_records=warc.records,
    )


def _write_the_rest(
    data: Path, payload: Payload, log: EventLog, report: Progress, warc_sha: str, warc_size: int
) -> None:
    """The WARC's CDXJ index, the cluster packages and the newsletter editions."""
    payload.record(ArchiveFile(path=WARC_NAME, content_type="application/warc"), warc_sha, warc_size)
    write_cdxj(data / WARC_NAME, payload.target(CDXJ_NAME))
    payload.adopt(ArchiveFile(path=CDXJ_NAME, content_type="application/cdxj"))

    report(_("Writing cluster packages and newsletter editions"), 0, 2)
    for file in parts.write_cluster_packages(data):
        payload.adopt(file)
    report(_("Writing cluster packages and newsletter editions"), 1, 2)
    for file in parts.write_newsletter_editions(data):
        payload.adopt(file)
    report(_("Writing cluster packages and newsletter editions"), 2, 2)
    log("parts", files=sum(1 for p in payload.entries if p.startswith(("clusters/", "newsletter/"))))


def _document_files(payload: Payload, crawler: SiteCrawler) -> list[str]:
    """The documents in the static copy, tagged with their report's cluster if any."""
    clusters: dict[int, set[str]] = {}
    for report in ReportPage.objects.live().filter(document__isnull=False).select_related("cluster"):
        if report.cluster is not None:
            clusters.setdefault(report.document_id, set()).add(report.cluster.slug)
    files = []
    for resource in crawler.resources.values():
        if resource.status != 200 or not resource.key.startswith("/documents/"):
            continue
        path = f"{SITE_DIR}/{resource.local}"
        files.append(path)
        document_id = int(resource.key.split("/")[2])
        if document_id in clusters:
            payload.update(path, cluster=";".join(sorted(clusters[document_id])))
    return files
