"""The offline search index: one Pagefind run over the finished static copy (the index
lands in ``site/pagefind/``), in the background while the rest of the archive is written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from .inventory import ArchiveFile
from .payload import Payload


class PagefindError(Exception):
    """Pagefind failed; the message holds the end of what it said."""


def start_pagefind(site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind", "--quiet"],
        stdout=subprocess.DEVNULL,  # --quiet: only errors, on stderr
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_pagefind(process: subprocess.Popen, site: Path) -> None:
    _stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise PagefindError(
            _("Pagefind could not build the search index: %(error)s") % {"error": stderr[-500:]}
        )
    # Pagefind writes its language map in hash-map order: sort it, so two runs compare equal.
    entry = site / "pagefind" / "pagefind-entry.json"
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(
            json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )


# Pagefind's own file types: its index, fragments, metadata, filters and WebAssembly are
# gzip streams (identified as such: PRONOM x-fmt/266); its scripts, styles and entry file
# are what their names say.
_PAGEFIND_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}


def adopt_pagefind(payload: Payload, folder: str) -> int:
    """Record Pagefind's files in the payload with their real media types."""
    count = 0
    for path in sorted((payload.root / folder).rglob("*")):
        rel = path.relative_to(payload.root).as_posix()
        if not path.is_file() or rel in payload.entries:
            continue
        content_type = _PAGEFIND_TYPES.get(path.suffix)
        if content_type is None:
            with path.open("rb") as handle:
                gzipped = handle.read(2) == b"\x1f\x8b"
            content_type = "application/gzip" if gzipped else "application/octet-stream"
        payload.adopt(ArchiveFile(path=rel, content_type=content_type))
        count += 1
    return count
