"""The real APScheduler (AsyncIOScheduler) firing digests; catch-up after downtime within grace."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

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


class WindowSink:
    """Records which window each posted item belongs to."""

    platform = "console"

    def __init__(self) -> None:
        self.windows: list[str] = []

    async def post(self, channel, digest, item, *, delivery_key=None) -> str:
        self.windows.append(digest.window)
        return f"m{len(self.windows)}"

    async def find_delivered(self, channel, digest, item, *, delivery_key) -> None:
        return None


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/Berlin", datetime(2027, 3, 26, 12, 0, tzinfo=timezone.utc)),  # clocks go forward on 28 March
        ("Europe/Berlin", datetime(2026, 10, 23, 12, 0, tzinfo=timezone.utc)),  # and back on 25 October
        ("America/New_York", datetime(2026, 10, 30, 12, 0, tzinfo=timezone.utc)),  # back on 1 November
    ],
)
def test_a_digest_at_8_local_fires_at_8_local_on_both_sides_of_a_daylight_saving_change_once_a_day(tmp_path, zone, start):
    config = make_config(tmp_path, f'[digests.morning]\nschedule = "0 8 * * *"\ntimezone = "{zone}"\ntargets = ["console"]\ngrace_minutes = 60\n')
    clock = Clock(start)
    service = build_service(config, clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    sink = WindowSink()
    tz = ZoneInfo(zone)

    async def five_days() -> list[datetime]:
        scheduler = DigestScheduler(service, {"console": sink}, fetch=False)
        scheduler.start()  # the real AsyncIOScheduler and its cron trigger for the job
        trigger = scheduler.scheduler.get_job("digest:morning").trigger
        fires, previous, moment = [], None, start
        for _ in range(5):
            fire = trigger.get_next_fire_time(previous, moment)
            fires.append(fire)
            for delay in (timedelta(seconds=1), timedelta(seconds=40)):  # a firing, then a duplicate tick
                clock.now = fire + delay
                await scheduler.run_digest("morning", now=clock.now)
            clock.now = fire + timedelta(minutes=20)
            await scheduler.catch_up(now=clock.now)  # a restart within the grace period
            previous, moment = fire, fire + timedelta(seconds=1)
        scheduler.shutdown()
        return fires

    try:
        fires = asyncio.run(five_days())
    finally:
        service.close()
    local = [f.astimezone(tz) for f in fires]
    assert [(f.hour, f.minute) for f in local] == [(8, 0)] * 5
    assert len({f.date() for f in local}) == 5  # one firing a day, five days in a row
    offsets = {f.utcoffset() for f in local}
    assert len(offsets) == 2  # the change happened inside the five days
    assert sorted(set(sink.windows)) == sorted(f.isoformat(timespec="minutes") for f in local)
    assert len(sink.windows) == len(set(sink.windows)) == 5  # each window's one item, posted once
