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
