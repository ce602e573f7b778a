"""The archive's ``metadata/`` folder: what it holds (``inventory.csv``), the site's
redirects (``redirects.csv``), what was left out and why (``excluded.csv``, ids only), what
the export did (``events.log``), Dublin Core records (``dublin-core/``) and PREMIS events
(``premis.xml``, the one file here dated by the export run; the inventory names its checksum).
"""

from __future__ import annotations

import csv
import datetime
import io
import json

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .about import ArchiveInfo
from .crawl import SiteCrawler
from .dublin_core import write_dublin_core
from .formats import Format, Formats
from .inventory import ArchiveFile
from .payload import Payload
from .premis import Event, write_premis
from .scope import Excluded, Scope
from .static_copy import SITE_DIR

INVENTORY_FIELDS = [
    "path",
    "url",
    "sha256",
    "size",
    "content_type",
    "pronom",
    "format",
    "identified_by",
    "language",
    "published",
    "page_id",
    "cluster",
]


class EventLog:
    """What the export did, in order, without clock times (so two exports compare equal);
    the wall-clock duration is in the summary the command prints."""

    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, event: str, **details) -> None:
        self.lines.append(json.dumps({"event": event, **details}, ensure_ascii=False, sort_keys=True))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _csv(rows: list[list], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _redirect_rows(crawler: SiteCrawler, scope: Scope, excluded: list[Excluded]) -> list[list]:
    rows = []
    allowed_ids = {page.pk for page in scope.pages}
    for redirect in Redirect.objects.select_related("redirect_page", "site").order_by("old_path", "pk"):
        if redirect.redirect_page_id and redirect.redirect_page_id not in allowed_ids:
            excluded.append(Excluded("redirect", redirect.pk, "target-excluded"))
            continue
        target = redirect.link
        local = ""
        if redirect.redirect_page_id:
            path = redirect.redirect_page.get_url_parts()
            local_file = crawler.local_for_page(path[2]) if path else None
            local = f"{SITE_DIR}/{local_file}" if local_file else ""
            target = crawler.urls.origin + path[2] if path else target
        rows.append(
            [
                redirect.old_path,
                redirect.site.hostname if redirect.site else "",
                target,
                local,
                "301" if redirect.is_permanent else "302",
            ]
        )
    return rows


def write_descriptions(
    payload: Payload,
    crawler: SiteCrawler,
    scope: Scope,
    *,
    about: ArchiveInfo,
    content: datetime.datetime,
    pages: list[tuple[Page, str]],
) -> int:
    """The redirects, what was left out and the Dublin Core records; how many items were
    left out."""
    excluded = list(scope.excluded)
    redirects = _redirect_rows(crawler, scope, excluded)
    payload.write(
        ArchiveFile(path="metadata/redirects.csv", content_type="text/csv"),
        _csv(redirects, ["old_path", "site", "target_url", "target_file", "status"]),
    )
    payload.write(
        ArchiveFile(path="metadata/excluded.csv", content_type="text/csv"),
        _csv(
            [[e.kind, e.id, e.reason] for e in sorted(excluded, key=lambda e: (e.kind, e.id))],
            ["kind", "id", "reason"],
        ),
    )
    write_dublin_core(payload, about, content, pages)
    return len(excluded)


def write_records(
    payload: Payload,
    log: EventLog,
    warnings: list[str],
    *,
    about: ArchiveInfo,
    formats: Formats,
    events: list[Event],
) -> None:
    """The event log, the PREMIS events and, last, the inventory (it lists every other
    payload file with its PRONOM format; it cannot hold its own checksum)."""
    for warning in warnings:
        log("warning", message=warning)
    log("done", files=len(payload.entries) + 3)
    payload.write(ArchiveFile(path="metadata/events.log", content_type="text/plain"), log.text().encode())
    write_premis(payload, about, events)
    unknown = Format("", "", "")
    rows = []
    for e in payload.sorted_entries():
        found = formats.found.get(e.file.path) or _WRITTEN_LAST.get(e.file.path) or unknown
        rows.append(
            [
                e.file.path,
                e.file.url,
                e.sha256,
                e.size,
                e.file.content_type,
                found.puid,
                found.name,
                found.basis,
                e.file.language,
                e.file.published,
                e.file.page_id or "",
                e.file.cluster,
            ]
        )
    payload.write(
        ArchiveFile(path="metadata/inventory.csv", content_type="text/csv"), _csv(rows, INVENTORY_FIELDS)
    )


# Written after FIDO ran (they record its results): their formats are known by construction.
_WRITTEN_LAST = {
    "metadata/events.log": Format("x-fmt/111", "Plain Text File", "specification"),
    "metadata/premis.xml": Format("fmt/101", "Extensible Markup Language", "specification"),
}
