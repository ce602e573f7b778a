"""The WARC of the live site's responses, written as a crawler writes one, and its CDXJ index.

WARC/1.1 (ISO 28500:2017) throughout: a ``warcinfo`` record first (software, operator,
format, robots policy, ...), then for each URL a ``response`` record with the original URL,
status, headers and body as served (except what ``offline`` fixes in both copies:
per-visitor values, and links to excluded content, which the record then marks with
``Hub-Payload-Altered``) and a ``request`` record beside it (``WARC-Concurrent-To``), and
last a ``metadata`` record holding the crawl log in Heritrix's ``crawl.log`` layout.

Record ids are derived from the record's URL and content (a UUIDv5), so they are unique
per content yet the same when unchanged content is exported again; ``WARC-Date`` is when
the export captured the record.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, datetime_to_timestamp
from warcio.warcwriter import WARCWriter

from .about import ArchiveInfo

WARC_NAME = "web-archive/landsbyklynger.warc.gz"
CDXJ_NAME = "web-archive/index.cdxj"
WARC_VERSION = "WARC/1.1"
# A WARC extension field (unknown fields are ignored by readers, WARC 1.1 section 4).
ALTERED_HEADER = "Hub-Payload-Altered"
_RECORD_NAMESPACE = uuid.UUID("5d0f6a52-6c1e-4c7e-9f1a-6b1f3d0c2a77")

Clock = Callable[[], datetime]
# What the export says it is, in each request record and the warcinfo.
USER_AGENT = "landsbyklynger-hub-export_archive/2 (final archive; rendered in-process)"


def warc_info(about: ArchiveInfo) -> dict[str, str]:
    """The ``warcinfo`` record's fields (WARC 1.1 annex: software, operator, format,
    robots, ... as Heritrix and Browsertrix write them)."""
    return {
        "software": f"landsbyklynger-hub export_archive (warcio {version('warcio')})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "operator": about.operator,
        "hostname": urlsplit(about.origin).netloc,
        "isPartOf": about.name,
        "description": f"{about.name} ({about.origin}): every live public page in every language, as served "
        "when archived, rendered in-process by the site itself",
        # The crawl never asks for what robots.txt disallows (the admin).
        "robots": "obey",
        "http-header-user-agent": USER_AGENT,
        "http-header-from": about.contact_email,
        "rights": about.rights_text,
    }


def utc_now() -> datetime:
    return datetime.now(UTC)


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


def record_id(*parts: str) -> str:
    """A record id unique per content: a UUIDv5 of the record's type, URL and digest."""
    return f"<urn:uuid:{uuid.uuid5(_RECORD_NAMESPACE, ' '.join(parts))}>"


def sha1_digest(data: bytes) -> str:
    """A digest as WARC writers spell it: ``sha1:`` and base 32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode()


class WebArchiveWriter:
    """Writes the WARC; ``add`` one URL's exchange (request and response) at a time."""

    def __init__(self, path: Path, info: dict[str, str], *, clock: Clock = utc_now, user_agent: str = ""):
        self.path, self.clock, self.user_agent = path, clock, user_agent
        self._file = path.open("wb")
        self._out = HashingWriter(self._file)
        self._writer = WARCWriter(self._out, gzip=True, warc_version=WARC_VERSION)
        self.records = 0  # responses
        self.crawl_log: list[str] = []
        payload = "".join(f"{key}: {value}\r\n" for key, value in info.items() if value).encode()
        self._write(
            "",
            "warcinfo",
            io.BytesIO(payload),
            len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", path.name, sha1_digest(payload)),
                "WARC-Date": self._date(self.clock()),
                "WARC-Filename": path.name,
            },
        )

    @staticmethod
    def _date(moment: datetime) -> str:
        return datetime_to_iso_date(moment.astimezone(UTC).replace(tzinfo=None), use_micros=True)

    def _write(self, uri: str, kind: str, payload, length: int, **options):
        record = self._writer.create_warc_record(uri, kind, payload=payload, length=length, **options)
        self._writer.write_record(record)
        return record

    def add(
        self,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        *,
        withheld: int = 0,
        via: str = "",
        hops: str = "",
    ) -> None:
        """A response record and its request record; ``withheld`` links to excluded content
        were taken out of ``body``, which the record says in a ``Hub-Payload-Altered``
        header. ``via`` (the URL that linked it) and ``hops`` go to the crawl log."""
        captured = self.clock()
        date = self._date(captured)
        http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
        # The body may differ from what was served (fixed tokens, withheld links): replay
        # tools trust the HTTP length, so it must be the recorded body's.
        http_headers.replace_header("Content-Length", str(len(body)))
        payload_digest = sha1_digest(body)
        # Unique per content, the same for unchanged content: a header that names the
        # moment (Expires on a never-cached page) does not make it new.
        content = f"{status} {hashlib.sha256(body).hexdigest()}"
        response_id = record_id("response", url, content)
        warc_headers = {
            "WARC-Record-ID": response_id,
            "WARC-Date": date,
            "WARC-Payload-Digest": payload_digest,
        }
        if withheld:
            warc_headers[ALTERED_HEADER] = f"privacy; links withheld: {withheld}"
        self._write(
            url,
            "response",
            io.BytesIO(body),
            len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request_headers = [("Host", parts.netloc), ("Accept", "*/*")]
        if self.user_agent:
            request_headers.insert(1, ("User-Agent", self.user_agent))
        request = StatusAndHeaders(f"GET {target} HTTP/1.1", request_headers, is_http_request=True)
        self._write(
            url,
            "request",
            None,
            0,
            http_headers=request,
            warc_headers_dict={
                "WARC-Record-ID": record_id("request", url, content),
                "WARC-Date": date,
                "WARC-Concurrent-To": response_id,
            },
        )
        self.records += 1
        mime = next((value for name, value in headers if name.lower() == "content-type"), "-")
        self.crawl_log.append(
            " ".join(
                [
                    datetime_to_iso_date(captured.astimezone(UTC).replace(tzinfo=None), use_micros=True),
                    f"{status:>5}",
                    f"{len(body):>10}",
                    url,
                    hops or "-",
                    via or "-",
                    mime.split(";")[0].strip() or "-",
                    "#000",
                    datetime_to_timestamp(captured.astimezone(UTC).replace(tzinfo=None)) + "+0",
                    payload_digest,
                    "-",
                    "-",
                ]
            )
        )

    def close(self, host: str) -> tuple[str, int]:
        """The crawl log as the last record; close the file; its SHA-256 and size."""
        log = ("\n".join(self.crawl_log) + "\n").encode()
        self._write(
            f"metadata://{host}/crawl/logs/crawl.log",
            "metadata",
            io.BytesIO(log),
            len(log),
            warc_content_type="text/plain",
            warc_headers_dict={
                "WARC-Record-ID": record_id("metadata", "crawl.log", sha1_digest(log)),
                "WARC-Date": self._date(self.clock()),
            },
        )
        self._file.close()
        return self._out.sha256.hexdigest(), self._out.size


def write_cdxj(warc: Path, target: Path) -> None:
    """The CDXJ index pywb reads, made by ``cdxj-indexer`` (sorted, offsets into the WARC)."""
    from cdxj_indexer.main import CDXJIndexer

    CDXJIndexer(output=str(target), inputs=[str(warc)], sort=True, filename=warc.name).process_all()
