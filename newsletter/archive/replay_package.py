"""The WACZ beside the WARC: the web archive as one file that ReplayWeb.page opens.

Made by ``wacz create`` (py-wacz, the Webrecorder reference implementation) from the WARC,
with the page list taken from the crawl (every HTML page the WARC holds, titled), not
guessed: ``pages/pages.jsonl`` lists each one, so the archive opens on a list of pages.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

from django.utils.translation import gettext as _

from .crawl import SiteCrawler
from .webarchive import WARC_NAME

WACZ_NAME = "web-archive/landsbyklynger.wacz"


class ReplayPackageError(Exception):
    """``wacz create`` failed; the message holds the end of what it said."""


def pages_jsonl(crawler: SiteCrawler) -> tuple[bytes, int]:
    """The WACZ page list (``json-pages-1.0``): every HTML page of the crawl, in crawl order."""
    lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": _("All pages")})]
    for resource in crawler.resources.values():
        if resource.status == 200 and resource.kind == "html":
            lines.append(
                json.dumps({"url": resource.url, "title": resource.title or resource.url}, ensure_ascii=False)
            )
    return ("\n".join(lines) + "\n").encode(), len(lines) - 1


def write_wacz(data: Path, crawler: SiteCrawler, title: str, description: str) -> int:
    """``web-archive/landsbyklynger.wacz`` from the WARC; how many pages it lists."""
    from wacz.main import main as wacz_main

    pages, count = pages_jsonl(crawler)
    listing = data / "web-archive" / ".pages.jsonl"
    listing.write_bytes(pages)
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(said):
            code = wacz_main(
                [
                    "create",
                    "--output",
                    str(data / WACZ_NAME),
                    "--pages",
                    str(listing),
                    "--title",
                    title,
                    "--desc",
                    description,
                    str(data / WARC_NAME),
                ]
            )
    finally:
        listing.unlink(missing_ok=True)
    if code:
        raise ReplayPackageError(
            _("wacz could not package the WARC: %(said)s") % {"said": said.getvalue()[-500:]}
        )
    unmatched = re.findall(r"unable to find a match for (\S+)", said.getvalue())
    if unmatched:
        raise ReplayPackageError(
            _("wacz found no record for these pages: %(urls)s") % {"urls": ", ".join(unmatched[:5])}
        )
    return count
