"""The terminal chat over a pipe: questions, /brief, /help, /quit; the console digest sink."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

from bot.console import ConsoleChat
from summarizer import Answer

ROOT = Path(__file__).resolve().parent.parent


def chat(lines: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"], input=lines, capture_output=True, text=True, cwd=cwd, timeout=120,
        env={**env, "PYTHONPATH": str(ROOT)},
    )


def test_chat_answers_briefs_and_quits_over_a_pipe(tmp_path):
    out = chat("/help\nhow many troops?\n/brief\n/frobnicate\n/quit\nnever read\n", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "/brief [topic]" in out.stdout
    assert "Unknown command /frobnicate" in out.stdout
    assert out.stdout.count("[1]") >= 2  # an answer and a brief, both cited
    assert "Traceback" not in out.stderr


def test_end_of_input_ends_the_chat(tmp_path):
    out = chat("", tmp_path)
    assert out.returncode == 0 and "terminal chat" in out.stdout


def test_ctrl_c_at_the_terminal_chats_prompt_does_not_quit(tmp_path):
    """On a real terminal: Ctrl-C (SIGINT) at the prompt says how to leave and the chat goes on;
    /quit leaves with status 0."""
    import pty
    import select
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat"], stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal would start it
    )
    os.close(slave)
    screen = b""
    seen = 0

    def read_until(marker: bytes, timeout: float = 60) -> None:
        """Read the terminal until ``marker`` shows after what was matched before."""
        nonlocal screen, seen
        deadline = time.monotonic() + timeout
        while marker not in screen[seen:]:
            assert time.monotonic() < deadline and process.poll() is None, screen.decode(errors="replace")
            if select.select([master], [], [], 0.1)[0]:
                screen += os.read(master, 65536)
        seen = screen.index(marker, seen) + len(marker)

    try:
        read_until(b"> ")
        process.send_signal(signal.SIGINT)
        read_until(b"/quit to leave")
        os.write(master, b"how many troops did DHS request?\n")
        read_until(b"National Guard")
        os.write(master, b"/quit\n")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)


class GatedService:
    """Answers only when the gate opens: a question still being worked out."""

    def __init__(self) -> None:
        self.asked = asyncio.Event()
        self.gate = asyncio.Event()

    async def answer(self, question, *, thread=None, follows=None):
        self.asked.set()
        await self.gate.wait()
        return Answer(question=question, answered=False, answer="No source covers this question.")

    async def brief(self, topic=None, *, limit=3):
        return []

    async def stories(self, limit=10):
        return []


def test_ctrl_c_while_a_question_is_answered_cancels_that_question_and_the_chat_goes_on():
    async def scenario() -> str:
        read_end, write_end = os.pipe()
        stdin, out = os.fdopen(read_end), io.StringIO()
        service = GatedService()
        chat = ConsoleChat(service, stdin, out)
        task = asyncio.create_task(chat.run())
        os.write(write_end, b"how many troops?\n")
        await asyncio.wait_for(service.asked.wait(), 10)
        chat.interrupt()  # what SIGINT calls
        for _ in range(100):
            await asyncio.sleep(0.01)
            if "Cancelled." in out.getvalue():
                break
        service.gate.set()
        service.asked.clear()
        os.write(write_end, b"and at the border?\n")
        await asyncio.wait_for(service.asked.wait(), 10)
        for _ in range(100):
            await asyncio.sleep(0.01)
            if out.getvalue().count("No source covers") == 1:
                break
        os.write(write_end, b"/quit\n")
        await asyncio.wait_for(task, 10)
        os.close(write_end)
        return out.getvalue()

    text = asyncio.run(scenario())
    assert text.index("Cancelled.") < text.index("No source covers")
    assert text.count("No source covers") == 1  # the cancelled question was never answered
