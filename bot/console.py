"""The terminal chat: a console adapter over the BriefingService, and a DigestSink that prints.

    > how many troops were deployed?
    > /brief tariffs
    > /ask who announced it?

Reads stdin line by line (a pipe works as well as a terminal), so a session can be scripted.
Like the other adapters it only translates: each line is one service call, rendered by
``bot.render``. Scheduled digests with a ``console`` target are printed as they fire.

The session is one conversation: a question follows up on the session's last answer. Ctrl-C
cancels the question being answered (or the line being typed); Ctrl-D or ``/quit`` leaves.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from .ports import Briefing, Digest, DigestItem
from .render import plural, render_answer_text, render_brief_text

_log = logging.getLogger(__name__)

__all__ = ["ConsoleChat", "ConsoleSink", "HELP"]

HELP = """Ask a question in plain words, or:
  /brief [topic]   merged briefs of the top stories (or of stories about the topic)
  /ask QUESTION    answer a question from the sources, cited
  /stories         list the current stories
  /help            this help
  /quit            leave (Ctrl-D too; Ctrl-C cancels a question)"""

APOLOGY = "Sorry, that went wrong (details are in the log)."


class ConsoleSink:
    """Prints digest items to a stream: the ``console`` digest target."""

    platform = "console"

    def __init__(self, out: TextIO | None = None):
        self._out = out or sys.stdout
        self._ids = itertools.count(1)
        self._lock = asyncio.Lock()

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        """Print one item (the digest's title above its first); a console message id."""
        async with self._lock:
            if item is digest.items[0] or item.key == digest.items[0].key:
                self._write(f"\n=== {digest.title} ===")
            self._write(render_item(item))
            return f"console-{next(self._ids)}"

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        """A terminal keeps no history to look an earlier post up in."""
        return None

    def _write(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()


def render_item(item: DigestItem) -> str:
    """A digest item as terminal text."""
    if item.kind == "story" and item.brief is not None:
        return render_brief_text(item.brief)
    if item.kind == "update":
        return f"(follow-up) {item.text or ''}".rstrip()
    return item.text or ""


class ConsoleChat:
    """The interactive loop. ``run()`` returns when the user quits or stdin ends."""

    def __init__(self, service: Briefing, stdin: TextIO | None = None, out: TextIO | None = None, *, prompt: bool | None = None):
        self._service = service
        self._in = stdin or sys.stdin
        self._out = out or sys.stdout
        self._prompt = prompt if prompt is not None else bool(getattr(self._in, "isatty", lambda: False)())
        # One conversation per session: its follow-ups build on its own last answer only.
        self._thread = f"console:{secrets.token_hex(6)}"
        self._current: asyncio.Task[bool] | None = None

    async def run(self) -> None:
        lines = _LineReader(self._in)
        self._say("newsbrief terminal chat: ask a question, /help for commands, /quit to leave.")
        while True:
            self._show_prompt()
            line = await lines.next()
            if line is None:
                return
            self._current = asyncio.create_task(self.handle(line))
            try:
                keep_going = await self._current
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise  # the chat itself is being stopped
                self._say("Cancelled.")
                continue
            finally:
                self._current = None
            if not keep_going:
                return

    def interrupt(self) -> None:
        """Ctrl-C: cancel the question being answered, or drop the line being typed (the
        terminal discards it), and prompt again. Leaving is Ctrl-D or /quit."""
        if self._current is not None and not self._current.done():
            self._current.cancel()
            return
        self._out.write("\n(Ctrl-D or /quit to leave)\n")
        self._show_prompt()

    def _show_prompt(self) -> None:
        if self._prompt:
            self._out.write("> ")
            self._out.flush()

    async def handle(self, line: str) -> bool:
        """Handle one input line; False means quit."""
        text = line.strip()
        if not text:
            return True
        command, _, rest = text.partition(" ") if text.startswith("/") else ("", "", text)
        rest = rest.strip()
        try:
            if command in ("/quit", "/exit"):
                return False
            if command == "/help":
                self._say(HELP)
            elif command == "/brief":
                briefs = await self._service.brief(rest or None)
                if not briefs:
                    self._say(f"No stories about {rest!r}." if rest else "No stories yet.")
                for brief in briefs:
                    self._say(render_brief_text(brief))
            elif command == "/stories":
                refs = await self._service.stories()
                self._say("\n".join(f"- {r.title} ({plural(r.source_count, 'source')})" for r in refs) or "No stories yet.")
            elif command in ("/ask", ""):
                if not rest:
                    self._say("Ask what? e.g. /ask how many troops were deployed?")
                    return True
                answer = await self._service.answer(rest, thread=self._thread)
                self._say(render_answer_text(answer))
            else:
                self._say(f"Unknown command {command}. {HELP}")
        except asyncio.CancelledError:
            raise
        except Exception:
            _log.exception("console command failed: %r", text)
            self._say(APOLOGY)
        return True

    def _say(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()


class _LineReader:
    """Lines of a blocking stream, read by a daemon thread so the event loop never blocks and
    shutdown never waits for a line that will not come."""

    def __init__(self, stream: TextIO):
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()
        put: Callable[[str | None], object] = lambda item: loop.call_soon_threadsafe(self._queue.put_nowait, item)

        def pump() -> None:
            try:
                for line in stream:
                    put(line)
            except (OSError, ValueError):
                pass
            finally:
                try:
                    put(None)
                except RuntimeError:  # the loop closed first
                    pass

        threading.Thread(target=pump, name="console-stdin", daemon=True).start()

    async def next(self) -> str | None:
        return await self._queue.get()
