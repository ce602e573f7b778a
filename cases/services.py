"""Report downloads: the per-cluster zip of the reports a cluster page offers (``ClusterPage.reports()``).

The archive export builds its ``clusters/<cluster>.zip`` with the same functions, so a
cluster gets the same package from the live site and from the archive. The live site
serves the zip from a folder of built zips (``HUB_ZIP_CACHE_DIR``), named by a hash of
everything that goes into it, so it is built once, not on every download.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .conf import zip_cache_dir
from .models import ClusterPage, ReportPage

# Fixed timestamp for every zip member, so the same reports always give the same bytes.
ZIP_TIMESTAMP = (2023, 1, 1, 0, 0, 0)
# Part of every built zip's name: raise it when the zip's layout or README wording changes.
ZIP_FORMAT = 2  # the zip's layout: 2 dates entries by content and lists README.txt in SHA256SUMS


def report_filename(report: ReportPage) -> str:
    base = report.document.file.name.rsplit("/", 1)[-1]
    return base if base.lower().endswith(".pdf") else f"{slugify(report.title)}.pdf"


def cluster_zip_filename(cluster: ClusterPage) -> str:
    return f"{cluster.slug}-rapporter.zip"


def _zip_member(archive: zipfile.ZipFile, name: str, data: bytes, when=None) -> None:
    info = zipfile.ZipInfo(name, date_time=_zip_time(when))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _zip_time(when) -> tuple[int, int, int, int, int, int]:
    """A zip entry's time (UTC; zip cannot go before 1980), ``ZIP_TIMESTAMP`` without one."""
    if when is None:
        return ZIP_TIMESTAMP
    when = when.astimezone(datetime.UTC)
    return max((when.year, when.month, when.day, when.hour, when.minute, when.second), (1980, 1, 1, 0, 0, 0))


def report_date(report: ReportPage):
    """When a report's file last changed for readers: its publication or its PDF's upload."""
    dates = [value for value in (report.last_published_at, report.document.created_at) if value]
    return max(dates) if dates else None


def cluster_readme(cluster: ClusterPage, reports: list[ReportPage]) -> str:
    locale: Locale = cluster.locale
    with translation.override(locale.language_code):
        lines = [
            cluster.title,
            "=" * len(cluster.title),
            "",
            _("Reports from the village cluster %(name)s (%(municipality)s Municipality).")
            % {"name": cluster.title, "municipality": cluster.municipality},
            "",
        ]
        for report in reports:
            lines.append(
                f"- {report_filename(report)}: {report.title} ({report.get_report_type_display()}, {report.year})"
            )
        lines += ["", _("SHA256SUMS lists a checksum for every file, to check that nothing has changed."), ""]
    return "\n".join(lines)


def write_cluster_zip(
    cluster: ClusterPage, reports: list[ReportPage], target: IO[bytes] | None = None
) -> IO[bytes]:
    """Write the cluster's reports, a README and SHA256SUMS into a deterministic zip.

    Without a target: the same bytes, from the folder of built zips (built if missing).
    """
    if target is None:
        return built_cluster_zip(cluster, reports)
    # Each entry is dated by its content (a PDF by its report, the README and SHA256SUMS
    # by the newest of them), never by the day it was zipped.
    dates = [value for value in [cluster.last_published_at, *map(report_date, reports)] if value]
    newest = max(dates) if dates else None
    readme = cluster_readme(cluster, reports).encode()
    sums = [f"{hashlib.sha256(readme).hexdigest()}  README.txt"]
    written: set[str] = set()
    with zipfile.ZipFile(target, "w") as archive:
        _zip_member(archive, "README.txt", readme, newest)
        for report in sorted(reports, key=report_filename):
            name = report_filename(report)
            if name in written:  # two reports sharing one PDF: the file goes in once
                continue
            written.add(name)
            with report.document.open_file() as handle:
                data = handle.read()
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}")
            _zip_member(archive, name, data, report_date(report))
        _zip_member(archive, "SHA256SUMS", ("\n".join(sums) + "\n").encode(), newest)
    target.seek(0)
    return target


def cluster_zip_fingerprint(cluster: ClusterPage, reports: list[ReportPage]) -> str:
    """A hash of everything the zip is made of: the README's wording and each PDF's file.

    A file is known by its name, size and modification time (no need to read it), so a
    replaced PDF, a renamed report or a report that left the cluster gives a new zip.
    """
    with translation.override(cluster.locale.language_code):
        parts: list = [
            ZIP_FORMAT,
            cluster.locale.language_code,
            cluster.title,
            cluster.municipality,
            cluster.last_published_at,
        ]
        for report in reports:
            stat = os.stat(report.document.file.path) if _has_path(report.document.file) else None
            parts.append(
                (
                    report_filename(report),
                    report.title,
                    report.get_report_type_display(),
                    report.year,
                    report_date(report),
                    report.document.file.name,
                    (stat.st_size, stat.st_mtime_ns) if stat else report.document.file_hash,
                )
            )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def _has_path(file) -> bool:
    try:
        file.path  # noqa: B018 - remote storages have none
    except NotImplementedError:
        return False
    return True


def built_cluster_zip(cluster: ClusterPage, reports: list[ReportPage]) -> IO[bytes]:
    """The cluster's zip opened from the folder of built zips, built there first if missing.

    Built into a temporary file and renamed into place, so a reader never sees half a zip
    and two workers building at once both leave the same bytes. Older zips of the cluster
    are removed (a download already under way keeps its open file).
    """
    folder = zip_cache_dir()
    path = folder / f"{cluster.pk}-{cluster_zip_fingerprint(cluster, reports)}.zip"
    try:
        return path.open("rb")
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    # Closed by the ``with`` below; kept by name so that it can be renamed into place.
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".building-", suffix=".zip", delete=False)  # noqa: SIM115
    try:
        with handle:
            write_cluster_zip(cluster, reports, handle)
        for old in folder.glob(f"{cluster.pk}-*.zip"):
            old.unlink(missing_ok=True)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return path.open("rb")


def cluster_zip_bytes(cluster: ClusterPage) -> bytes:
    buffer = io.BytesIO()
    write_cluster_zip(cluster, cluster.reports(), buffer)
    return buffer.getvalue()
