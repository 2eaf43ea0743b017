"""The pipeline commands end to end: check-config, fetch, status, digest --dry-run; errors are one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from feed_server import FeedServer, Route, rss_feed
from pipeline_fixtures import BRIDGE, long_text

ROOT = Path(__file__).resolve().parent.parent


def newsbrief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120, env={**env, "PYTHONPATH": str(ROOT)})


def test_fetch_status_and_dry_run(tmp_path):
    with FeedServer() as server:
        server.route("/rss", rss_feed("Daily", [{"title": "Bridge", "link": server.url("/a"), "guid": "a", "content": long_text(BRIDGE)}]))
        server.route("/down", Route(b"no", 500, "text/plain"))
        (tmp_path / "config.toml").write_text(f"""
[storage]
path = "news.db"
[fetch]
retries = 0
host_delay_seconds = 0
[[feeds]]
url = "{server.url('/rss')}"
[[feeds]]
url = "{server.url('/down')}"
[digests.morning]
schedule = "0 0 1 1 *"  # fixed window: no minute rollover between runs
targets = ["console"]
""")
        assert newsbrief("check-config", cwd=tmp_path).returncode == 0
        fetched = newsbrief("fetch", cwd=tmp_path)
        assert fetched.returncode == 0, fetched.stderr
        assert "1 new article; 1 story in the window;" in fetched.stdout and "HTTP 500" in fetched.stderr
        # a feed's error is one line, naming its URL once
        [error] = [line for line in fetched.stderr.splitlines() if "HTTP 500" in line]
        assert error.count(server.url("/down")) == 1
        status = newsbrief("status", cwd=tmp_path)
        assert "last error" in status.stdout and "HTTP 500" in status.stdout and "morning: next" in status.stdout
        dry = newsbrief("digest", "morning", "--dry-run", cwd=tmp_path)
        # The preview is what the next run (next 1 January) would post if it ran now: the
        # article fetched just now is in it.
        assert dry.returncode == 0 and "nothing is posted (dry run)" in dry.stdout
        assert "[story]" in dry.stdout and "Bridge" in dry.stdout
        # Really posting to the console target posts the window that fired last (1 January,
        # before the article arrived): once, saying it had no news; the second run posts nothing.
        first = newsbrief("digest", "morning", cwd=tmp_path)
        second = newsbrief("digest", "morning", cwd=tmp_path)
        assert "1 posted" in first.stderr and "No new stories" in first.stdout
        assert "0 posted" in second.stderr


def test_errors_are_one_line(tmp_path):
    (tmp_path / "bad.toml").write_text('[digests.m]\nschedule = "every day"\ntargets = ["console"]\n')
    out = newsbrief("check-config", "bad.toml", cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "digests.m.schedule: 'every day' is not a cron expression" in out.stderr
    out = newsbrief("digest", "nope", "--config", "bad.toml", cwd=tmp_path)
    assert out.returncode == 1 and len(out.stderr.strip().splitlines()) == 1
