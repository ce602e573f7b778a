"""The export's ``progress(stage, done, total)`` callback drawn with the hub's progress bar."""

from __future__ import annotations

from typing import TextIO

from hub.progress import Progress


class StageProgress:
    """One bar per stage; a new stage label starts a new bar."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.label = ""
        self.bar: Progress | None = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if label != self.label or self.bar is None:
            self.label = label
            self.bar = Progress(total, label, stream=self.stream)
        self.bar.total = max(total, 0)
        step = done - self.bar.done
        if step > 0:
            self.bar.advance(step)
