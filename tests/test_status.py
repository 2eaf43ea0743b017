"""Health for supervisors: ``status`` shows the last successful fetch per feed and the last post
per digest target; ``status --check`` exits 1, naming the problem, when fetching or posting has
stalled, and 0 when both are on schedule."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.app import build_service
from bot.config import load_config
from bot.ports import Digest, DigestItem
from summarizer import Article

from pipeline_fixtures import BRIDGE, Clock, long_text

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """
include_seeds = false
[storage]
path = "news.db"
[fetch]
interval_minutes = 30
[[feeds]]
url = "https://daily.example/rss"
[[feeds]]
url = "https://courier.example/rss"
[digests.morning]
schedule = "0 8 * * *"
timezone = "Europe/Berlin"
targets = ["console"]
grace_minutes = 30
"""


class ConsoleRecorder:
    platform = "console"

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        return f"c-{item.key}"

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        return None


def store_at(tmp_path: Path, clock: Clock):
    (tmp_path / "config.toml").write_text(CONFIG)
    service = build_service(load_config(tmp_path / "config.toml"), clock=clock)
    return service


def test_status_names_stalled_fetching_and_an_overdue_digest_and_is_healthy_once_both_are_done(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 5, 0, tzinfo=timezone.utc))  # 06:00 in Berlin
    service = store_at(tmp_path, clock)
    try:
        service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
        service.store.record_feed("https://daily.example/rss", at=clock.now)
        service.store.record_feed("https://courier.example/rss", at=clock.now, error="https://courier.example/rss: HTTP 500")

        healthy = service.status()
        assert healthy.healthy, healthy.problems
        [daily, courier] = healthy.feeds
        assert daily.last_success == clock.now and courier.last_success is None and courier.failures == 1

        clock.now += timedelta(hours=4)  # 10:00 in Berlin: two hours without a fetch, 08:00 not posted
        stalled = service.status()
        assert any(p.startswith("fetching stalled: no feed fetched since 2026-11-24 05:00 UTC") for p in stalled.problems)
        assert any("posting stalled: digest morning to console: nothing posted for 2026-11-24T08:00+01:00" in p for p in stalled.problems)
        [target] = stalled.targets
        assert target.last_post is None and target.overdue_window == "2026-11-24T08:00+01:00"

        service.store.record_feed("https://daily.example/rss", at=clock.now)
        asyncio.run(service.deliver("morning", "console", ConsoleRecorder()))
        recovered = service.status()
        assert recovered.healthy, recovered.problems
        assert recovered.targets[0].last_post == clock.now
    finally:
        service.close()


def test_a_digest_that_fired_before_the_store_was_used_is_not_overdue(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))  # 10:00 Berlin: 08:00 fired, store new
    service = store_at(tmp_path, clock)
    try:
        service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
        service.store.record_feed("https://daily.example/rss", at=clock.now)
        assert service.status().healthy
    finally:
        service.close()


def test_status_check_exits_1_naming_the_stall_and_status_shows_last_fetch_and_last_post(tmp_path: Path) -> None:
    two_hours_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    (tmp_path / "config.toml").write_text(CONFIG.replace('schedule = "0 8 * * *"', 'schedule = "0 0 1 1 *"'))
    service = build_service(load_config(tmp_path / "config.toml"), clock=lambda: two_hours_ago)
    service.store.record_feed("https://daily.example/rss", at=two_hours_ago)
    service.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}

    def newsbrief(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, cwd=tmp_path,
            env={**env, "PYTHONPATH": str(ROOT)}, timeout=60,
        )

    check = newsbrief("status", "--check")
    assert check.returncode == 1 and "fetching stalled" in check.stderr and "Traceback" not in check.stderr
    shown = newsbrief("status")
    assert shown.returncode == 0
    assert f"last successful fetch {two_hours_ago:%Y-%m-%d %H:%M} UTC" in shown.stdout
    assert "last successful fetch never" in shown.stdout  # the feed not fetched yet
    assert "-> console: last post never" in shown.stdout


def test_status_names_a_briefed_story_by_its_briefs_title(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('include_seeds = true\n[storage]\npath = "news.db"\n')
    service = build_service(load_config(tmp_path / "config.toml"))
    try:
        briefs = service.briefs()
        titles = [s.title for s in service.status().stories]
        assert briefs and titles
        assert {b.title for b in briefs} == set(titles)
    finally:
        service.close()
