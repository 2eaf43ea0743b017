"""The real APScheduler (AsyncIOScheduler) firing digests; catch-up after downtime within grace."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from bot.app import build_service
from bot.scheduler import DigestScheduler
from summarizer import Article

from pipeline_fixtures import BRIDGE, Clock, long_text, make_config
from test_digests import DIGEST, RecordingSink


def test_the_scheduler_fires_a_digest_job_and_it_posts_once(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, DIGEST), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    clock.now = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)
    sink = RecordingSink()

    async def go():
        scheduler = DigestScheduler(service, {"console": sink}, fetch=False)
        scheduler.start()
        job = scheduler.scheduler.get_job("digest:morning")
        assert job.misfire_grace_time == 3600
        # Make the real scheduler fire the job now (twice), instead of waiting for 08:00.
        for _ in range(2):
            job.modify(next_run_time=datetime.now(timezone.utc))
            scheduler.scheduler.wakeup()
            for _ in range(100):
                await asyncio.sleep(0.02)
                if sink.posts:
                    break
            await asyncio.sleep(0.2)
        scheduler.shutdown()

    asyncio.run(go())
    assert [i.kind for _, i in sink.posts] == ["story"]  # slack target has no sink here: skipped


def test_catch_up_sends_a_missed_window_within_grace_only(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, DIGEST), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    sink = RecordingSink()
    scheduler = DigestScheduler(service, {"console": sink}, fetch=False)
    late = datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc) + timedelta(minutes=90)  # grace is 60
    assert asyncio.run(scheduler.catch_up(now=late)) == []
    back = datetime(2026, 11, 24, 7, 40, tzinfo=timezone.utc)
    clock.now = back
    asyncio.run(scheduler.catch_up(now=back))
    asyncio.run(scheduler.catch_up(now=back + timedelta(minutes=5)))  # a second restart
    assert [i.kind for _, i in sink.posts] == ["story"]
