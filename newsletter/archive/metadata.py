"""The archive's ``metadata/`` folder: what it holds (``inventory.csv``), the site's
redirects (``redirects.csv``), what was left out and why (``excluded.csv``, ids only) and
what the export did (``events.log``). Nothing in it depends on the time of the export.
"""

from __future__ import annotations

import csv
import io
import json

from wagtail.contrib.redirects.models import Redirect

from .crawl import SiteCrawler
from .inventory import ArchiveFile
from .payload import Payload
from .scope import Excluded, Scope
from .static_copy import SITE_DIR

INVENTORY_FIELDS = [
    "path",
    "url",
    "sha256",
    "size",
    "content_type",
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


def write_metadata(payload: Payload, crawler: SiteCrawler, scope: Scope, log: EventLog) -> int:
    """The four files, the inventory last (it lists every other payload file; it cannot
    hold its own checksum). Returns how many items were left out."""
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
    for warning in crawler.warnings:
        log("warning", message=warning)
    log("done", files=len(payload.entries) + 2)
    payload.write(ArchiveFile(path="metadata/events.log", content_type="text/plain"), log.text().encode())
    rows = [
        [
            e.file.path,
            e.file.url,
            e.sha256,
            e.size,
            e.file.content_type,
            e.file.language,
            e.file.published,
            e.file.page_id or "",
            e.file.cluster,
        ]
        for e in payload.sorted_entries()
    ]
    payload.write(
        ArchiveFile(path="metadata/inventory.csv", content_type="text/csv"), _csv(rows, INVENTORY_FIELDS)
    )
    return len(excluded)
