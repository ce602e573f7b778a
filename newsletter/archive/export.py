"""The final archival export: ``export_archive(output)`` writes the whole hub as one bag.

Called by ``manage.py export_archive``, the admin's export task and the benchmark. The
archive is built in a hidden folder beside OUTPUT and renamed into place only when it is
complete, so an interrupted export never leaves a half archive that looks whole.

Layout (inside the bag's ``data/``): ``site/`` (static copy, Pagefind, A–Z, serve.py),
``web-archive/`` (WARC + CDXJ), ``clusters/``, ``newsletter/``, ``metadata/``.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Site

from cases.models import ReportPage
from hub.public_address import non_public_reason

from . import parts
from .about import ArchiveInfo
from .bag import bag_info, make_bag, readme, write_zip
from .crawl import SiteCrawler
from .formats import Formats, identify_formats
from .indexes import ClusterMap, search_main, write_indexes, write_serve_py
from .inventory import ArchiveFile
from .metadata import EventLog, write_descriptions, write_records
from .offline_search import write_search_index
from .pagefind import PagefindError, adopt_pagefind, finish_pagefind, start_pagefind
from .payload import Payload
from .premis import PREMIS_NAME, Event
from .replay_package import WACZ_NAME, ReplayPackageError, write_wacz
from .scope import Scope, build_scope
from .site_urls import site_origin
from .static_copy import SITE_DIR, StaticCopy
from .verify import VerifyResult, check_payload
from .webarchive import (
    CDXJ_NAME,
    USER_AGENT,
    WARC_NAME,
    Clock,
    WebArchiveWriter,
    utc_now,
    warc_info,
    write_cdxj,
)

Progress = Callable[[str, int, int], None]
# The payload files that record when the export ran (capture dates, event dates) or list
# the checksums of those that do: the only ones two exports of the same content differ in.
DATED_FILES = frozenset({WARC_NAME, CDXJ_NAME, WACZ_NAME, PREMIS_NAME, "metadata/inventory.csv"})


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
    warc_bytes: int = 0

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


def check_public_address(site: Site) -> None:
    """Refuse an export that would record a development address as the public one."""
    reason = non_public_reason(site.hostname)
    if reason:
        raise ArchiveError(
            _(
                "The site's host name is “%(host)s”, and %(reason)s: the archive would record it as the "
                "hub's public address (in every WARC record, bag-info.txt, the README and the metadata). "
                "Set the public host name (e.g. landsbyklynger.dk) under Settings → Sites, or, for a test "
                "or the demo, export with --allow-local-host."
            )
            % {"host": site.hostname, "reason": reason}
        )


def export_archive(
    output: Path,
    *,
    make_zip: bool = False,
    progress: Progress | None = None,
    allow_local_host: bool = False,
    clock: Clock = utc_now,
) -> ExportSummary:
    """Write the archive to ``output`` (a new or empty folder); with ``make_zip`` also
    ``output.zip``. Raises ``ArchiveError`` with a clear message on bad input, and while
    the site's host name is not a public one, unless ``allow_local_host``. ``clock``
    gives the capture times (the WARC's dates, PREMIS events, Bagging-Date)."""
    started = time.monotonic()
    output = Path(output).absolute()
    _check_output(output)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ArchiveError(_("There is no default site to export: add one under Settings → Sites."))
    if not allow_local_host:
        check_public_address(site)
    report = progress or (lambda label, done, total: None)
    building = Path(tempfile.mkdtemp(prefix=f".{output.name}.partial-", dir=output.parent))
    # mkdtemp makes the folder private (0700); an archive is for others to read (an ingest
    # account, a library's staff): the permissions of any new folder here.
    umask = os.umask(0)
    os.umask(umask)
    building.chmod(0o777 & ~umask)
    try:
        summary = _build(building, output, report, clock)
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


def _build(root: Path, output: Path, report: Progress, clock: Clock) -> ExportSummary:
    log = EventLog()
    data = root / "data"
    payload = Payload(data)
    scope = build_scope()
    date = content_date(scope)
    started = clock()
    log(
        "scope",
        pages=len(scope.pages),
        documents=len(scope.public_document_ids),
        excluded=len(scope.excluded),
    )

    origin, host, _secure = site_origin(scope)
    about = ArchiveInfo.for_site(scope.site, origin)
    warc = WebArchiveWriter(payload.target(WARC_NAME), warc_info(about), clock=clock, user_agent=USER_AGENT)
    static_copy = StaticCopy(payload, scope, report)
    crawler = SiteCrawler(scope, warc, static_copy.keep_file, report)
    try:
        crawler.crawl()
    finally:
        warc_sha, warc_size = warc.close(host)
    captured = (started, clock())
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
    write_search_index(payload, static_copy.search_documents)
    log("indexes", pages=len(archived_pages))

    documents = _document_files(payload, crawler)
    report(_("Building the search index"), 0, 1)
    pagefind = start_pagefind(data / SITE_DIR)
    log("search-index", tool="pagefind", offline_documents=len(static_copy.search_documents))
    try:
        _write_the_rest(data, payload, log, report, warc_sha, warc_size, crawler, about)
        finish_pagefind(pagefind, data / SITE_DIR)
    except PagefindError as error:
        raise ArchiveError(str(error)) from error
    finally:
        if pagefind.poll() is None:  # an error above: stop it, leave nothing running
            pagefind.kill()
            pagefind.wait()
    adopt_pagefind(payload, f"{SITE_DIR}/pagefind")
    report(_("Building the search index"), 1, 1)

    excluded = write_descriptions(payload, crawler, scope, about=about, content=date, pages=archived_pages)
    report(_("Identifying file formats"), 0, 1)
    formats = identify_formats(payload)
    report(_("Identifying file formats"), 1, 1)
    log("format-identification", tool=formats.tool, files=len(formats.found))

    if not about.rights:
        crawler.warnings.append(
            "No rights statement: set one under Settings → Site settings → Archive before the final export"
        )
    report(_("Checking the archive"), 0, 1)
    checked = clock()
    checks = check_payload(data, payload)
    report(_("Checking the archive"), 1, 1)
    crawler.warnings += checks.problems
    events = export_events(captured, checked, clock(), crawler, formats, checks)
    write_records(payload, log, crawler.warnings, about=about, formats=formats, events=events)
    bagged = clock()
    info = bag_info(about, date, bagged, pages=len(archived_pages), documents=len(documents))
    report(_("Writing the bag"), 0, 1)
    make_bag(root, payload, info, readme(about, date.date(), bagged.date()))
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
        warc_bytes=warc_size,
    )


def _write_the_rest(
    data: Path,
    payload: Payload,
    log: EventLog,
    report: Progress,
    warc_sha: str,
    warc_size: int,
    crawler: SiteCrawler,
    about: ArchiveInfo,
) -> None:
    """The WARC's CDXJ index and WACZ, the cluster packages and the newsletter editions."""
    payload.record(ArchiveFile(path=WARC_NAME, content_type="application/warc"), warc_sha, warc_size)
    write_cdxj(data / WARC_NAME, payload.target(CDXJ_NAME))
    payload.adopt(ArchiveFile(path=CDXJ_NAME, content_type="application/cdxj+json"))
    report(_("Writing the WACZ file"), 0, 1)
    try:
        pages = write_wacz(
            data, crawler, about.name, f"{about.name} ({about.origin}) as served when archived"
        )
    except ReplayPackageError as error:
        raise ArchiveError(str(error)) from error
    payload.adopt(ArchiveFile(path=WACZ_NAME, content_type="application/wacz"))
    log("wacz", pages=pages)
    report(_("Writing the WACZ file"), 1, 1)

    report(_("Writing cluster packages and newsletter editions"), 0, 2)
    for file in parts.write_cluster_packages(data):
        payload.adopt(file)
    report(_("Writing cluster packages and newsletter editions"), 1, 2)
    for file in parts.write_newsletter_editions(data):
        payload.adopt(file)
    report(_("Writing cluster packages and newsletter editions"), 2, 2)
    log("parts", files=sum(1 for p in payload.entries if p.startswith(("clusters/", "newsletter/"))))


def export_events(
    captured: tuple[datetime.datetime, datetime.datetime],
    checked: datetime.datetime,
    bagged: datetime.datetime,
    crawler: SiteCrawler,
    formats: Formats,
    checks: VerifyResult,
) -> list[Event]:
    """The PREMIS events of this export (``premis``), with what each found."""
    unknown = sorted(path for path, found in formats.found.items() if not found.puid)
    outcome = "failure" if checks.problems else "success"
    return [
        Event(
            "capture",
            captured[0],
            f"Every live public URL rendered in-process and recorded as served: {crawler.warc.records} "
            f"responses with their requests, ending {captured[1].isoformat(timespec='seconds')}",
            "success",
            [f"warning: {warning}" for warning in crawler.warnings],
            agent="warcio",
        ),
        Event(
            "message digest calculation",
            captured[1],
            "SHA-256 of every payload file as it was written",
            "success",
        ),
        Event(
            "format identification",
            checked,
            f"PRONOM format of every payload file by {formats.tool} ({formats.signatures}): "
            f"{len(formats.found) - len(unknown)} of {len(formats.found)} identified",
            "success",
            [f"not identified: {path}" for path in unknown[:50]],
            agent="fido",
        ),
        Event(
            "fixity check",
            checked,
            f"Every payload file read back against its SHA-256: {checks.files} files",
            "failure" if any("changed" in p or "missing" in p for p in checks.problems) else "success",
        ),
        Event(
            "validation",
            checked,
            f"Every WARC record read back with its digests ({checks.warc_records} responses) and every link "
            f"of the static copy followed on disk ({checks.links} links)",
            outcome,
            checks.problems[:50],
        ),
        Event(
            "creation", bagged, "BagIt 1.0 bag (RFC 8493) with SHA-256 manifests", "success", agent="bagit"
        ),
    ]


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
