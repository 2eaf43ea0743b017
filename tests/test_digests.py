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

from bot.app import build_service, service_over
from bot.config import DigestConfig
from bot.digests import fire_time
from bot.ports import Digest, DigestItem
from summarizer import Article

from pipeline_fixtures import BRIDGE, BRIDGE_B, BRIDGE_C, BRIDGE_D, FESTIVAL, Clock, long_text, make_config

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

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        if item.key in self.fail_on:
            raise RuntimeError("platform down")
        self.posts.append((channel, item))
        return f"m{len(self.posts)}"

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        return None


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
    async def find_delivered(self, channel, digest, item, *, delivery_key):
        return None
    async def post(self, channel, digest, item, *, delivery_key=None):
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


# ---------------------------------------------------------------------------------------------
# Exactly once at the platform boundary: the process dies after Slack or Discord accepted a post
# and before the store recorded it. The real adapters run in a worker process against the
# stand-ins, which accept the post and hold the response back while the test kills the worker.

PLATFORM_WORKER = r"""
import asyncio, json, sys
from datetime import datetime
from bot.app import build_service, service_over
from bot.config import DiscordSettings, Secrets, SlackSettings, load_config

config_path, target, now, api_url, gateway_url, token = sys.argv[1:7]

async def main():
    service = build_service(load_config(config_path), clock=lambda: datetime.fromisoformat(now))
    if target.startswith("slack:"):
        from bot.slack_app import SlackAdapter
        adapter = SlackAdapter(service, SlackSettings(api_url=api_url), Secrets(slack_bot_token=token))
    else:
        from bot.discord_app import DiscordAdapter
        settings = DiscordSettings(api_url=api_url, gateway_url=gateway_url, sync_commands=False)
        adapter = DiscordAdapter(service, settings, Secrets(discord_token=token), guild_ready_timeout=0.05)
        await adapter.start()
    try:
        report = await service.deliver("morning", target, adapter)
    finally:
        if not target.startswith("slack:"):
            await adapter.stop()
        service.close()
    print(json.dumps({"sent": report.sent, "skipped": report.skipped, "failed": report.failed,
                      "recovered": report.recovered, "items": [i.key for i in report.digest.items]}))

asyncio.run(main())
"""


def _prepare_store(tmp_path: Path, target: str):
    """A store with two unrelated stories and a failing feed: a digest of three items."""
    digest = f"""
[digests.morning]
schedule = "0 8 * * *"
timezone = "Europe/Berlin"
targets = ["{target}"]
grace_minutes = 60
"""
    config = make_config(tmp_path, digest)
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(config, clock=clock)
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge"),
        Article("f1", "Courier", long_text(FESTIVAL), title="Festival"),
    ])
    for _ in range(2):
        service.store.record_feed("https://down.example/rss", at=clock.now, error="HTTP 500")
    service.close()
    return config


async def _run_worker(config, target: str, api_url: str, gateway_url: str, token: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", PLATFORM_WORKER, str(config.source), target, "2026-11-24T07:05:00+00:00",
        api_url, gateway_url, token, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


async def _kill_after_accepted(worker: asyncio.subprocess.Process, accepted: asyncio.Event, release: asyncio.Event) -> None:
    waiter = asyncio.create_task(accepted.wait())
    ended = asyncio.create_task(worker.wait())
    done, _ = await asyncio.wait({waiter, ended}, timeout=20, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    ended.cancel()
    assert waiter in done, f"the worker never reached the held post: {(await worker.stderr.read()).decode()[-2000:]}"
    worker.kill()  # SIGKILL: no cleanup, no chance to record the post
    await worker.wait()
    release.set()


async def _finish(worker: asyncio.subprocess.Process) -> dict:
    out, err = await asyncio.wait_for(worker.communicate(), timeout=30)
    assert worker.returncode == 0, err.decode()[-2000:]
    return json.loads(out.decode().strip().splitlines()[-1])


def _sent_records(config, target: str) -> dict:
    from bot.store import SqliteStore

    store = SqliteStore(config.storage.path)
    try:
        return store.deliveries("morning", target, "2026-11-24T08:00+01:00")
    finally:
        store.close()


@pytest.mark.timeout(60)
async def test_slack_post_accepted_just_before_a_kill_is_found_not_repeated(tmp_path):
    from slack_standin import BOT_TOKEN, SlackStandin

    from bot.slack_app import DIGEST_EVENT_TYPE

    channel = "C0DIGEST"
    target = f"slack:{channel}"
    config = _prepare_store(tmp_path, target)
    standin = await SlackStandin().start()
    try:
        digest_posts = 0

        def second_digest_post(call) -> bool:
            nonlocal digest_posts
            metadata = call.params.get("metadata") or {}
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            if call.method == "chat.postMessage" and call.ok and metadata.get("event_type") == DIGEST_EVENT_TYPE:
                digest_posts += 1
            return digest_posts == 2

        accepted, release = standin.hold_after_accept(second_digest_post)
        worker = await _run_worker(config, target, standin.api_url, "-", BOT_TOKEN)
        await _kill_after_accepted(worker, accepted, release)
        held_ts = standin.history[channel][-1]["ts"]
        assert len(standin.history[channel]) == 2  # two items reached Slack, one was recorded

        result = await _finish(await _run_worker(config, target, standin.api_url, "-", BOT_TOKEN))
    finally:
        await standin.stop()

    keys = [
        (m["metadata"]["event_payload"]["delivery_key"], m["metadata"]["event_payload"]["part"])
        for m in standin.history[channel]
        if (m.get("metadata") or {}).get("event_type") == DIGEST_EVENT_TYPE
    ]
    assert len(keys) == len(set(keys)), "a digest message was posted twice"
    assert len({k for k, _ in keys}) == len(result["items"]) >= 3  # every item, once
    assert not result["failed"] and len(result["skipped"]) == 1 and len(result["recovered"]) == 1
    assert len(result["sent"]) == len(result["items"]) - 2
    assert len(standin.calls_of("conversations.history")) == 1  # looked up only the unknown one
    records = _sent_records(config, target)
    assert {k for k, d in records.items() if d.state == "sent"} == set(result["items"])
    assert held_ts in {d.message_id for d in records.values()}  # the held post is the one recorded


@pytest.mark.timeout(60)
async def test_discord_post_accepted_just_before_a_kill_is_not_repeated(tmp_path):
    from discord_standin import DiscordStandIn

    async with DiscordStandIn() as standin:
        channel = standin.guilds[0]["channels"][0]
        target = f"discord:{channel}"
        config = _prepare_store(tmp_path, target)
        path = f"/channels/{channel}/messages"
        posts = 0

        def second_post(call) -> bool:
            nonlocal posts
            if call.method == "POST" and call.path == path and call.status == 200:
                posts += 1
            return posts == 2

        accepted, release = standin.hold_after_accept(second_post)
        worker = await _run_worker(config, target, standin.api_url, standin.gateway_url, standin.token)
        await _kill_after_accepted(worker, accepted, release)
        assert len(standin.channel_messages(channel)) == 2
        result = await _finish(await _run_worker(config, target, standin.api_url, standin.gateway_url, standin.token))

        calls = standin.find("POST", path)
        nonces = [c.json.get("nonce") for c in calls]
        messages = standin.channel_messages(channel)
    assert all(c.json.get("enforce_nonce") for c in calls)
    assert len(nonces) == len(messages) == len(set(nonces))  # the held post was found in history, not sent again
    assert not result["failed"] and len(result["skipped"]) == 1 and len(result["items"]) >= 3
    assert len(result["recovered"]) == 1
    assert len(standin.find("GET", path)) == 1  # looked up only the unknown one
    records = _sent_records(config, target)
    assert {k for k, d in records.items() if d.state == "sent"} == set(result["items"])
    assert {d.message_id for d in records.values()} == {m["id"] for m in messages}


@pytest.mark.timeout(30)
async def test_a_slack_item_cut_short_by_a_crash_is_completed_not_reposted(tmp_path):
    """A story too long for one Slack message dies after its first part: the takeover posts only
    the parts that are missing and records the first part's ts."""
    from slack_standin import BOT_TOKEN, SlackStandin

    from bot.config import Secrets, SlackSettings
    from bot.digests import deliver_digest
    from bot.slack_app import DIGEST_EVENT_TYPE, SlackAdapter
    from bot.store import SqliteStore
    from summarizer import Brief, BriefItem, Source

    sources = (Source("a1", "Daily"), Source("b1", "Courier"))
    facts = tuple(
        BriefItem(f"Fact {i}: " + " ".join(BRIDGE[i % len(BRIDGE)] for _ in range(2)), ("a1", "b1")) for i in range(60)
    )
    brief = Brief(id="st_big", title="Bridge to close", sources=sources, summary=facts, differences=())
    item = DigestItem(key="story:st_big", kind="story", brief=brief, story_id="st_big")
    digest = Digest(name="morning", target="slack:C0DIGEST", window="2026-11-24T08:00+01:00", title="Morning", items=(item,))
    store = SqliteStore(tmp_path / "news.db")
    service = service_over([])
    standin = await SlackStandin().start()
    try:
        adapter = SlackAdapter(service, SlackSettings(api_url=standin.api_url), Secrets(slack_bot_token=BOT_TOKEN))
        accepted, release = standin.hold_after_accept(lambda call: call.method == "chat.postMessage")
        start = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)
        first = asyncio.create_task(deliver_digest(store, digest, adapter, owner="host-a:1:x", clock=lambda: start))
        await asyncio.wait_for(accepted.wait(), 10)
        first.cancel()  # the process dies with part 1 accepted by Slack, unrecorded
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await first
        assert store.deliveries("morning", digest.target, digest.window)[item.key].state == "claimed"

        later = start + timedelta(minutes=11)  # the claim's lease ran out: another process takes over
        report = await deliver_digest(store, digest, adapter, owner="host-b:2:y", clock=lambda: later)
        messages = list(standin.history["C0DIGEST"])
    finally:
        await standin.stop()
        service.close()
    payloads = [m["metadata"]["event_payload"] for m in messages if m["metadata"]["event_type"] == DIGEST_EVENT_TYPE]
    parts = payloads[0]["parts"]
    assert parts >= 2 and sorted(p["part"] for p in payloads) == list(range(parts))  # each part once
    assert report.recovered == (item.key,) and report.sent == ()
    record = store.deliveries("morning", digest.target, digest.window)[item.key]
    assert record.state == "sent" and record.message_id == messages[0]["ts"]
    store.close()


def test_a_story_with_no_prose_is_skipped_not_fatal(seed_articles):
    """A story of captions only cannot be briefed; /brief and digests go on with the others."""
    import asyncio

    from summarizer import Article

    junk = Article("caption1", "Photo Desk", "Home | News | Sports | Contact\n\nPhoto: AP Photo/Jane Doe")
    service = service_over([*seed_articles, junk])
    assert len(asyncio.run(service.stories(limit=10))) == 2  # the captions are a story of their own
    briefs = asyncio.run(service.brief(limit=5))
    assert len(briefs) == 1 and len(briefs[0].sources) == len(seed_articles)
    service.close()


# ---------------------------------------------------------------------------------------------
# continuation: a story that outlived its window is followed up in the earlier story's thread

WINDOW_72 = DIGEST + "\n[stories]\nwindow_hours = 72\n"


def _deliver_at(service, clock, when: datetime, target: str, sink) -> list[DigestItem]:
    clock.now = when
    before = len(sink.posts)
    asyncio.run(service.deliver("morning", target, sink))
    return [item for _, item in sink.posts[before:]]


def test_a_story_continuing_a_delivered_one_is_an_update_in_its_thread(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, WINDOW_72), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close")])
    slack = RecordingSink()
    [story] = _deliver_at(service, clock, datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc), "slack:C0123", slack)
    assert story.kind == "story"
    first = service.store.articles(ids=["a1"])[0].story_id

    # 72 h 15 min after the first report: its story has closed, a new one continues it
    clock.now = datetime(2026, 11, 27, 6, 45, tzinfo=timezone.utc)
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge repairs under way")])
    second = service.store.articles(ids=["c1"])[0].story_id
    assert second != first and service.store.story(second).continues == first
    assert {s.id: s.continues for s in service.status().stories}[second] == first  # `newsbrief status` shows it
    [update] = _deliver_at(service, clock, datetime(2026, 11, 27, 7, 5, tzinfo=timezone.utc), "slack:C0123", slack)
    assert update.kind == "update" and update.story_id == second and update.key == f"story:{second}"
    assert update.reply_to == "m1"  # in the thread of the first story's post
    assert [s.outlet for s in update.changes.new_sources] == ["Herald"]
    assert update.text.startswith("Update: ") and "New sources: Herald" in update.text
    # exactly once: the same window again posts nothing
    assert _deliver_at(service, clock, datetime(2026, 11, 27, 7, 30, tzinfo=timezone.utc), "slack:C0123", slack) == []

    # a target that never got the first story gets the continuation in full
    [full] = _deliver_at(service, clock, datetime(2026, 11, 27, 7, 6, tzinfo=timezone.utc), "console", RecordingSink())
    assert full.kind == "story" and full.story_id == second and full.reply_to is None

    # the chain goes on: the third report is closest to the first story, but the second (closed
    # too) already continues that one, so the link goes to the second; compared with what was
    # delivered last (the second's update: Herald is not new again), replying to the first post
    clock.now = datetime(2026, 11, 30, 7, 0, tzinfo=timezone.utc)
    service.add_articles([Article("d1", "Post", long_text(BRIDGE_D), title="Bridge beams removed")])
    third = service.store.articles(ids=["d1"])[0].story_id
    assert service.store.story(third).continues == second
    [later] = _deliver_at(service, clock, datetime(2026, 12, 1, 7, 5, tzinfo=timezone.utc), "slack:C0123", slack)
    assert later.kind == "update" and later.story_id == third and later.reply_to == "m1"
    assert [s.outlet for s in later.changes.new_sources] == ["Post"]
    service.close()


def test_a_story_continuing_none_is_posted_in_full_as_before(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, WINDOW_72), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close")])
    sink = RecordingSink()
    _deliver_at(service, clock, datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc), "slack:C0123", sink)
    clock.now = datetime(2026, 11, 27, 6, 45, tzinfo=timezone.utc)
    service.add_articles([Article("f1", "Courier", long_text(FESTIVAL), title="Festival opens")])
    assert service.store.story(service.store.articles(ids=["f1"])[0].story_id).continues is None
    [item] = _deliver_at(service, clock, datetime(2026, 11, 27, 7, 5, tzinfo=timezone.utc), "slack:C0123", sink)
    assert item.kind == "story" and item.reply_to is None and "Festival" in item.brief.title
    service.close()


def _continued_bridge_service(tmp_path: Path, target: str):
    """A store where the bridge story (first reported 24 Nov) is continued by a second story
    (27 Nov, after the 72 h window), and the clock at the first story."""
    digest = f"""
[digests.morning]
schedule = "0 8 * * *"
timezone = "Europe/Berlin"
targets = ["{target}"]
grace_minutes = 60
[stories]
window_hours = 72
"""
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, digest), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close")])
    return service, clock


def _continue_bridge(service, clock) -> str:
    clock.now = datetime(2026, 11, 27, 6, 45, tzinfo=timezone.utc)
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge repairs under way")])
    story = service.store.story(service.store.articles(ids=["c1"])[0].story_id)
    assert story.continues == service.store.articles(ids=["a1"])[0].story_id
    return story.id


@pytest.mark.timeout(30)
async def test_slack_a_continuing_story_is_posted_in_the_thread_of_the_first(tmp_path):
    from slack_standin import APP_TOKEN, BOT_TOKEN, SlackStandin, block_texts

    from bot.config import Secrets, SlackSettings
    from bot.slack_app import SlackAdapter

    target = "slack:C0DIGEST"
    service, clock = _continued_bridge_service(tmp_path, target)
    standin = await SlackStandin().start()
    adapter = SlackAdapter(service, SlackSettings(api_url=standin.api_url), Secrets(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN))
    await adapter.start()
    try:
        await standin.wait_connected()
        first = await service.deliver("morning", target, adapter, now=datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc))
        _continue_bridge(service, clock)
        second = await service.deliver("morning", target, adapter, now=datetime(2026, 11, 27, 7, 5, tzinfo=timezone.utc))
        again = await service.deliver("morning", target, adapter, now=datetime(2026, 11, 27, 7, 20, tzinfo=timezone.utc))
    finally:
        await adapter.stop()
        await standin.stop()
        service.close()
    assert [i.kind for i in first.digest.items] == ["story"] and [i.kind for i in second.digest.items] == ["update"]
    assert again.sent == () and again.skipped == second.sent
    story_message, update_message = standin.history["C0DIGEST"]  # what the channel shows
    assert "thread_ts" not in story_message
    assert update_message["thread_ts"] == story_message["ts"]  # in the first story's thread
    assert "Herald" in "\n".join(block_texts(update_message["blocks"]))


@pytest.mark.timeout(30)
async def test_discord_a_continuing_story_replies_to_the_first_post(tmp_path):
    from discord_standin import DiscordStandIn

    from bot.config import DiscordSettings, Secrets
    from bot.discord_app import DiscordAdapter

    async with DiscordStandIn() as standin:
        channel = standin.guilds[0]["channels"][1]
        target = f"discord:{channel}"
        service, clock = _continued_bridge_service(tmp_path, target)
        settings = DiscordSettings(api_url=standin.api_url, gateway_url=standin.gateway_url)
        adapter = DiscordAdapter(service, settings, Secrets(discord_token=standin.token), guild_ready_timeout=0.05)
        await adapter.start()
        try:
            first = await service.deliver("morning", target, adapter, now=datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc))
            _continue_bridge(service, clock)
            second = await service.deliver("morning", target, adapter, now=datetime(2026, 11, 27, 7, 5, tzinfo=timezone.utc))
        finally:
            await adapter.stop()
            service.close()
    assert [i.kind for i in first.digest.items] == ["story"] and [i.kind for i in second.digest.items] == ["update"]
    posted = [m for m in standin.messages.values() if m["channel_id"] == channel]
    assert len(posted) == 2
    story_message, follow = sorted(posted, key=lambda m: int(m["id"]))
    assert not story_message.get("message_reference")
    assert follow["message_reference"]["message_id"] == story_message["id"]  # a reply to the first post
    assert "Herald" in (follow.get("content") or "") + str(follow.get("embeds"))


def test_a_dry_run_on_sunday_evening_previews_mondays_run_with_the_news_since_fridays_run(tmp_path):
    config = make_config(tmp_path, '[digests.morning]\nschedule = "0 8 * * 1-5"\ntimezone = "Europe/Berlin"\ntargets = ["console"]\n')
    clock = Clock(datetime(2026, 11, 26, 11, 0, tzinfo=timezone.utc))  # Thursday 12:00 Berlin
    service = build_service(config, clock=clock)
    try:
        service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
        clock.now = datetime(2026, 11, 27, 7, 1, tzinfo=timezone.utc)  # Friday 08:01: the run posts the bridge
        friday = asyncio.run(service.deliver("morning", "console", RecordingSink()))
        assert [friday.digest.window, len(friday.sent)] == ["2026-11-27T08:00+01:00", 1]
        clock.now = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)  # Saturday: the festival
        service.add_articles([Article("b1", "Courier", long_text(FESTIVAL), title="Festival")])
        clock.now = datetime(2026, 11, 29, 19, 0, tzinfo=timezone.utc)  # Sunday 20:00

        preview = asyncio.run(service.digest("morning", "console", preview=True))
        assert preview.window == "2026-11-30T08:00+01:00" and preview.title.startswith("morning digest, Mon 30 Nov 08:00")
        assert preview.since == datetime(2026, 11, 27, 7, 0, tzinfo=timezone.utc) and preview.until == clock.now
        assert [(i.kind, i.brief.title if i.brief else None) for i in preview.items] == [("story", "Festival")]
        # what a real run now would post is Friday's window, already delivered: nothing new
        assert asyncio.run(service.deliver("morning", "console", RecordingSink())).sent == ()
        # and the preview changed nothing: Monday's run posts what it showed
        clock.now = datetime(2026, 11, 30, 7, 0, 30, tzinfo=timezone.utc)
        monday = RecordingSink()
        asyncio.run(service.deliver("morning", "console", monday))
        assert [(i.kind, i.brief.title) for _, i in monday.posts] == [("story", "Festival")]
    finally:
        service.close()
