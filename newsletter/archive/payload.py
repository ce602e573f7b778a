"""The bag's payload folder: every file is hashed as it is written, never read back.

The checksums feed both the inventory and the BagIt manifest, so a 5,000-page export
reads each byte it writes only once.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .inventory import ArchiveFile
from .webarchive import HashingWriter


@dataclass(frozen=True)
class Entry:
    file: ArchiveFile
    sha256: str
    size: int


class Payload:
    def __init__(self, root: Path):
        self.root = root
        self.entries: dict[str, Entry] = {}

    def target(self, path: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write(self, file: ArchiveFile, data: bytes) -> Entry:
        self.target(file.path).write_bytes(data)
        return self.record(file, hashlib.sha256(data).hexdigest(), len(data))

    @contextmanager
    def open(self, file: ArchiveFile):
        """A binary file to stream into; recorded with its checksum when closed."""
        with self.target(file.path).open("wb") as handle:
            writer = HashingWriter(handle)
            yield writer
        self.record(file, writer.sha256.hexdigest(), writer.size)

    def record(self, file: ArchiveFile, sha256: str, size: int) -> Entry:
        entry = Entry(file, sha256, size)
        self.entries[file.path] = entry
        return entry

    def adopt(self, file: ArchiveFile) -> Entry:
        """A file another part wrote (cluster packages, editions, the search index)."""
        digest, size = hashlib.sha256(), 0
        with (self.root / file.path).open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        return self.record(file, digest.hexdigest(), size)

    def update(self, path: str, **fields) -> None:
        entry = self.entries[path]
        self.entries[path] = Entry(replace(entry.file, **fields), entry.sha256, entry.size)

    def sorted_entries(self) -> list[Entry]:
        return [self.entries[path] for path in sorted(self.entries)]
