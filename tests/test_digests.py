"""Digests: windows, exactly-once delivery (also across a SIGKILL), follow-ups, empty windows."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import build_service
from bot.config import DigestConfig
from bot.digests import fire_time
from bot.service import Digest, DigestItem
from summarizer import Article

from pipeline_fixtures import BRIDGE, BRIDGE_B, FESTIVAL, Clock, long_text, make_config

ROOT = Path(__file__).resolve().parent.parent
DIGEST = """
[digests.morning]
schedule = "0 8 * * *"
timezone = "Europe/Berlin"
targets = ["console", "slack:C0123"]
max_stories = 5
grace_minutes = 60
"""


class RecordingSink:
    platform = "test"

    def __init__(self, fail_on: set[str] = frozenset()):
        self.posts: list[tuple[str, DigestItem]] = []
        self.fail_on = set(fail_on)

    async def post(self, channel: str, digest: Digest, item: DigestItem) -> str:
        if item.key in self.fail_on:
            raise RuntimeError("platform down")
        self.posts.append((channel, item))
        return f"m{len(self.posts)}"


def service_at(tmp_path, clock):
    return build_service(make_config(tmp_path, DIGEST), clock=clock)


def test_fire_time_is_the_last_firing_in_the_digest_time_zone():
    d = DigestConfig("m", "0 8 * * 1-5", timezone="Europe/Berlin")
    fire = fire_time(d, datetime(2026, 11, 24, 7, 30, tzinfo=timezone.utc))  # Tuesday 08:30 Berlin
    assert fire.isoformat() == "2026-11-24T08:00:00+01:00"
    monday = fire_time(d, datetime(2026, 11, 30, 6, 59, tzinfo=timezone.utc))  # Monday 07:59 Berlin
    assert monday.isoformat() == "2026-11-27T08:00:00+01:00"  # the Friday before


def test_delivered_once_per_target_and_window_then_follow_up(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = service_at(tmp_path, clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close")])
    clock.now = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)  # 08:05 Berlin
    sink = RecordingSink()
    first = asyncio.run(service.deliver("morning", "slack:C0123", sink))
    assert [i.kind for _, i in sink.posts] == ["story"] and sink.posts[0][0] == "C0123"
    again = asyncio.run(service.deliver("morning", "slack:C0123", sink))
    assert again.sent == () and again.skipped == first.sent and len(sink.posts) == 1
    # Another target of the same window gets its own copy.
    console = RecordingSink()
    asyncio.run(service.deliver("morning", "console", console))
    assert len(console.posts) == 1

    # Next day: a new outlet joins the story (the same event, new figure): a short follow-up
    # replying to the first post, not a repeat.
    clock.now = datetime(2026, 11, 25, 6, 0, tzinfo=timezone.utc)
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut for repairs")])
    story_ids = {s.id for s in service.store.stories()}
    clock.now = datetime(2026, 11, 25, 7, 1, tzinfo=timezone.utc)
    asyncio.run(service.deliver("morning", "slack:C0123", sink))
    new_posts = [i for _, i in sink.posts[1:]]
    if len(story_ids) == 1:  # the clustering put both outlets in one story
        assert [i.kind for i in new_posts] == ["update"]
        update = new_posts[0]
        assert update.reply_to == "m1" and "Courier" in (update.text or "")
        assert update.changes and [s.outlet for s in update.changes.new_sources] == ["Courier"]
    else:
        assert [i.kind for i in new_posts] == ["story"]
    service.close()


def test_an_empty_window_says_so_once(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc))
    service = service_at(tmp_path, clock)
    sink = RecordingSink()
    asyncio.run(service.deliver("morning", "console", sink))
    asyncio.run(service.deliver("morning", "console", sink))
    assert [i.kind for _, i in sink.posts] == ["empty"]
    assert "No new stories" in sink.posts[0][1].text
    service.close()


def test_a_failed_item_is_retried_later_and_failing_feeds_are_noted(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = service_at(tmp_path, clock)
    service.add_articles([Article("a1", "Daily", long_text(FESTIVAL), title="Festival")])
    for _ in range(2):
        service.store.record_feed("https://down.example/rss", at=clock.now, outlet="Down Daily", error="https://down.example/rss: HTTP 500")
    clock.now = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)
    story_key = f"story:{service.store.stories()[0].id}"
    sink = RecordingSink(fail_on={story_key})
    report = asyncio.run(service.deliver("morning", "console", sink))
    assert report.failed == (story_key,) and report.sent == ("notice:failing",)
    assert "Down Daily" in sink.posts[0][1].text
    sink.fail_on.clear()
    retry = asyncio.run(service.deliver("morning", "console", sink))
    assert retry.sent == (story_key,) and retry.skipped == ("notice:failing",)
    service.close()


def test_dry_run_digest_posts_and_records_nothing(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc))
    service = service_at(tmp_path, clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    digest = asyncio.run(service.digest("morning", "console"))
    assert digest.window == "2026-11-24T08:00+01:00" and digest.items
    assert service.store.deliveries("morning", "console", digest.window) == {}
    service.close()


WORKER = r"""
import asyncio, json, sys, time
from datetime import datetime
from bot.app import build_service
from bot.config import load_config

config_path, posted_path, now, block = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "block"
clock = lambda: datetime.fromisoformat(now)

class FileSink:
    platform = "slack"
    count = 0
    async def post(self, channel, digest, item):
        FileSink.count += 1
        if block and FileSink.count == 2:
            open(posted_path + ".blocking", "w").close()
            time.sleep(600)  # the platform hangs; the process is killed here
        with open(posted_path, "a") as f:
            f.write(json.dumps({"key": item.key, "kind": item.kind}) + "\n")
        return f"msg-{item.key}"

service = build_service(load_config(config_path), clock=clock)
report = asyncio.run(service.deliver("morning", "slack:C0123", FileSink()))
print(json.dumps({"sent": report.sent, "skipped": report.skipped, "items": [i.key for i in report.digest.items]}))
"""


def test_killed_mid_digest_and_restarted_posts_each_item_exactly_once(tmp_path):
    config = make_config(tmp_path, DIGEST)
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(config, clock=clock)
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge"),
        Article("b1", "Courier", long_text(FESTIVAL), title="Festival"),
    ])
    for _ in range(2):  # so that the digest has at least two items whatever the clustering
        service.store.record_feed("https://down.example/rss", at=clock.now, error="HTTP 500")
    service.close()
    posted = tmp_path / "posted.jsonl"
    now = "2026-11-24T07:05:00+00:00"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(config.source), str(posted), now, "block"], env=env, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not Path(str(posted) + ".blocking").exists():
        assert worker.poll() is None, "worker ended before blocking"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    before = [json.loads(line) for line in posted.read_text().splitlines()]
    assert len(before) == 1

    out = subprocess.run([sys.executable, "-c", WORKER, str(config.source), str(posted), now, "go"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    keys = [json.loads(line)["key"] for line in posted.read_text().splitlines()]
    assert sorted(keys) == sorted(result["items"])  # nothing missed, nothing twice
    assert len(keys) == len(set(keys)) >= 2
    assert result["skipped"] == [before[0]["key"]]
