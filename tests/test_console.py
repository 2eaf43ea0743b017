"""The terminal chat over a pipe: questions, /brief, /help, /quit; the console digest sink."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_ctrl_c_in_the_terminal_chat_cancels_the_question_not_the_chat(tmp_path):
    """On a real terminal: Ctrl-C while a question is answered cancels it (or, at the prompt,
    drops the line); the chat goes on, and /quit leaves with status 0."""
    import pty
    import select
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat"], stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
    )
    os.close(slave)
    screen = b""

    def read_until(marker: bytes, timeout: float = 60) -> None:
        nonlocal screen
        deadline = time.monotonic() + timeout
        while marker not in screen:
            assert time.monotonic() < deadline and process.poll() is None, screen.decode(errors="replace")
            if select.select([master], [], [], 0.1)[0]:
                screen += os.read(master, 65536)

    try:
        read_until(b"> ")
        os.write(master, b"how many troops did DHS request?\n")
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)  # while the first answer is being worked out
        read_until(b"Cancelled.")
        process.send_signal(signal.SIGINT)  # at the prompt
        read_until(b"/quit to leave")
        assert process.poll() is None  # still chatting
        os.write(master, b"how many troops did DHS request?\n")
        read_until(b"National Guard")
        os.write(master, b"/quit\n")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
