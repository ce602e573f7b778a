"""A progress bar for long management commands: a redrawn line on a terminal, plain
periodic lines in logs and CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, width: int = 30):
        self.total, self.label, self.width = max(total, 0), label, width
        self.stream = stream or sys.stdout
        self.done = 0
        self.started = time.monotonic()
        self.interactive = getattr(self.stream, "isatty", lambda: False)()
        self._last_line = -1.0

    def advance(self, step: int = 1, detail: str = "") -> None:
        self.done += step
        now = time.monotonic()
        finished = self.done >= self.total
        if self.interactive or finished or now - self._last_line >= 2:
            self._last_line = now
            self._draw(detail, finished)

    def _draw(self, detail: str, finished: bool) -> None:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"{self.label} [{bar}] {self.done}/{self.total} {detail}".rstrip()
        if self.interactive:
            self.stream.write("\r" + line[:120].ljust(120) + ("\n" if finished else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def elapsed(self) -> float:
        return time.monotonic() - self.started
