"""What the archive's inventory knows about one file it holds.

Every part of the export (the static site, the WARC, the cluster packages, the newsletter
editions) reports the files it wrote as ``ArchiveFile`` rows; the export adds checksums
and sizes and writes them to ``metadata/inventory``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArchiveFile:
    """One file in the archive's payload.

    ``path`` is relative to the payload root (``data/`` in the bag) and uses POSIX
    separators, e.g. ``clusters/tinglev.zip``. ``url`` is the live URL it came from, if
    any; ``published`` an ISO 8601 date; ``cluster`` the cluster's slug, if it belongs
    to one.
    """

    path: str
    url: str = ""
    content_type: str = ""
    language: str = ""
    published: str = ""
    page_id: int | None = None
    cluster: str = ""
