"""A one-line progress bar on stderr, shown only when stderr is a terminal (never in logs or pipes)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """``with Progress(20, "feeds") as bar: bar.advance("Reuters")``. Silent unless a TTY."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None):
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)()) and self.total > 0
        self._last_draw = 0.0

    def __enter__(self) -> Progress:
        self._draw("")
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, detail: str = "") -> None:
        self.done = min(self.done + 1, self.total)
        now = time.monotonic()
        if self.done == self.total or now - self._last_draw > 0.05:
            self._draw(detail)

    def _draw(self, detail: str) -> None:
        if not self.enabled:
            return
        self._last_draw = time.monotonic()
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = 24
        filled = bar_width * self.done // self.total if self.total else bar_width
        head = f"{self.label} [{'#' * filled}{'.' * (bar_width - filled)}] {self.done}/{self.total} "
        line = (head + detail)[: max(width - 1, 10)]
        self._stream.write("\r" + line.ljust(max(width - 1, 10)))
        self._stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._stream.write("\r" + " " * max(shutil.get_terminal_size((80, 20)).columns - 1, 10) + "\r")
            self._stream.flush()
            self.enabled = False
