"""A one-line progress display on stderr, shown only when stderr is a terminal (never in logs or
pipes), counting the work in the unit a person waits for: articles.

    with Progress(label="fetching") as bar:     # drawn at once: "fetching  0 articles · 0/10 feeds · 0 s"
        bar.expect_feeds(10)
        bar.expect(127)                         # more work found (a feed's new entries)
        bar.advance("Harbor Daily")             # one article done
        bar.feed_done()

The total grows as feeds are read, so the line appears in the first second, before any feed is
complete; ``tick()`` (called by a timer while work runs) keeps the elapsed time moving when
nothing finishes for a while.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

__all__ = ["Progress"]

_BAR = 24
_REDRAW = 0.1  # seconds between two draws, at most ten a second


class Progress:
    """Counts articles (and feeds) done; draws one line on a terminal. Thread-safe enough for one
    event loop: every call comes from the loop's thread."""

    def __init__(self, total: int = 0, label: str = "fetching", stream: TextIO | None = None):
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.feeds = 0
        self.feeds_done = 0
        self.detail = ""
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)())
        self._started = time.monotonic()
        self._last_draw = 0.0
        self.frames = 0  # lines drawn (observable in tests)

    def __enter__(self) -> Progress:
        self._started = time.monotonic()
        self._draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def expect_feeds(self, count: int) -> None:
        self.feeds += max(count, 0)
        self._draw(force=True)

    def expect(self, count: int) -> None:
        """``count`` more articles to do."""
        self.total += max(count, 0)
        self._draw()

    def advance(self, detail: str = "", count: int = 1) -> None:
        """``count`` articles done (``detail``: what, e.g. the outlet)."""
        self.done += count
        self.detail = detail or self.detail
        self._draw(force=self.total > 0 and self.done >= self.total)

    def feed_done(self, detail: str = "") -> None:
        self.feeds_done += 1
        self.detail = detail or self.detail
        self._draw()

    def tick(self) -> None:
        """Redraw (the elapsed time moves even when nothing finished)."""
        self._draw(force=True)

    def line(self, width: int) -> str:
        """The text of the progress line, at most ``width`` characters."""
        elapsed = time.monotonic() - self._started
        if self.total:
            filled = _BAR * min(self.done, self.total) // self.total
            head = f"{self.label} [{'#' * filled}{'.' * (_BAR - filled)}] {self.done}/{self.total} articles"
        else:
            head = f"{self.label} {self.done} articles"
        if self.feeds:
            head += f" · {self.feeds_done}/{self.feeds} feeds"
        head += f" · {elapsed:.0f} s"
        text = f"{head}  {self.detail}" if self.detail else head
        return text[: max(width, 10)]

    def _draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < _REDRAW:
            return
        self._last_draw = now
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self._stream.write("\r" + self.line(width).ljust(max(width, 10)))
        self._stream.flush()
        self.frames += 1

    def close(self) -> None:
        if self.enabled:
            self._stream.write("\r" + " " * max(shutil.get_terminal_size((80, 20)).columns - 1, 10) + "\r")
            self._stream.flush()
            self.enabled = False
