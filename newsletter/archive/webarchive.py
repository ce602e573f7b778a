"""The WARC of the live site's responses, and its CDXJ index for replay tools (pywb).

Records carry the original URL, status, headers and body as served, except what
``offline`` fixes in both copies (per-visitor values; links to excluded content, which the
record then marks with ``Hub-Payload-Altered``). Record ids are derived from the URL and every
record is dated with the archive's content date, so the same content gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_NAME = "web-archive/landsbyklynger.warc.gz"
CDXJ_NAME = "web-archive/index.cdxj"
# A WARC extension field (unknown fields are ignored by readers, WARC 1.1 section 4).
ALTERED_HEADER = "Hub-Payload-Altered"
_RECORD_NAMESPACE = uuid.UUID("5d0f6a52-6c1e-4c7e-9f1a-6b1f3d0c2a77")


class HashingWriter(io.RawIOBase):
    """A write-only file that hashes and counts what passes through it."""

    def __init__(self, target: BinaryIO):
        self.target, self.sha256, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.target.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size


def _record_id(kind: str, key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_RECORD_NAMESPACE, f'{kind} {key}')}>"


class WebArchiveWriter:
    def __init__(self, path: Path, date: datetime, info: dict[str, str]):
        self.path = path
        self.date = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._file = path.open("wb")
        self._out = HashingWriter(self._file)
        self._writer = WARCWriter(self._out, gzip=True)
        self.records = 0
        payload = "".join(f"{key}: {value}\r\n" for key, value in info.items()).encode()
        record = self._writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": _record_id("warcinfo", path.name),
                "WARC-Date": self.date,
                "WARC-Filename": path.name,
            },
        )
        self._writer.write_record(record)

    def add(
        self,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        *,
        withheld: int = 0,
    ) -> None:
        """A response record; ``withheld`` links to excluded content were taken out of
        ``body``, which the record says in a ``Hub-Payload-Altered`` header."""
        http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
        # The body may differ from what was served (fixed tokens, withheld links): replay
        # tools trust the HTTP length, so it must be the recorded body's.
        http_headers.replace_header("Content-Length", str(len(body)))
        warc_headers = {"WARC-Record-ID": _record_id("response", url), "WARC-Date": self.date}
        if withheld:
            warc_headers[ALTERED_HEADER] = f"privacy; links withheld: {withheld}"
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._writer.write_record(record)
        self.records += 1

    def close(self) -> tuple[str, int]:
        """Close the file; its SHA-256 and size, computed while writing."""
        self._file.close()
        return self._out.sha256.hexdigest(), self._out.size


def write_cdxj(warc: Path, target: Path) -> None:
    """The CDXJ index pywb reads, made by ``cdxj-indexer`` (sorted, offsets into the WARC)."""
    from cdxj_indexer.main import CDXJIndexer

    CDXJIndexer(output=str(target), inputs=[str(warc)], sort=True, filename=warc.name).process_all()
