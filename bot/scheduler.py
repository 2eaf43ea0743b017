"""Scheduled work: digests on their cron schedules and periodic feed fetches (APScheduler 3.x).

The scheduler runs in the same asyncio loop as the chat adapters. For each digest it fires
``service.deliver(name, target, sink)`` for every target whose platform has a sink. Exactly-once
does not rely on the scheduler (3.x keeps jobs in memory, so a restart forgets what ran): the
delivery record does. What the scheduler adds:

* ``misfire_grace_time``: a firing delayed while the process was busy or the machine asleep still
  runs within the digest's grace period, once (``coalesce``);
* ``catch_up()`` at start: a window that fired while the process was down, less than the grace
  period ago, is delivered now (items already recorded are skipped, so never twice);
* a failed item is retried a minute later while the window is within its grace period.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .config import cron_trigger
from .digests import fire_time
from .errors import NewsbriefError
from .ports import DeliveryReport, DigestSink
from .service import BriefingService
from .store import utc

_log = logging.getLogger(__name__)
_ops = logging.getLogger("newsbrief")

__all__ = ["DigestScheduler"]

RETRY_DELAY = timedelta(minutes=1)


class DigestScheduler:
    """Owns an ``AsyncIOScheduler`` with one job per digest (and one for fetching)."""

    def __init__(
        self,
        service: BriefingService,
        sinks: Mapping[str, DigestSink],
        *,
        fetch: bool = True,
        scheduler: Any = None,
    ):
        # APScheduler is imported here rather than at the top: it costs ~0.3 s, and only a
        # running bot schedules anything (``brief`` and ``ask`` import this module's neighbours).
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        self.service = service
        self.sinks = dict(sinks)
        self.scheduler = scheduler or AsyncIOScheduler(timezone="UTC")
        self._fetch = fetch

    def start(self) -> None:
        """Add the jobs and start the scheduler (call from inside the running loop)."""
        from apscheduler.triggers.interval import IntervalTrigger  # see __init__

        config = self.service.config
        for digest in config.digests:
            self.scheduler.add_job(
                self.run_digest,
                cron_trigger(digest.schedule, digest.tz),
                args=[digest.name],
                id=f"digest:{digest.name}",
                name=f"digest {digest.name}",
                misfire_grace_time=max(1, int(digest.grace_minutes * 60)),
                coalesce=True,
                max_instances=1,
                replace_existing=True,
            )
        if self._fetch and config.feeds:
            self.scheduler.add_job(
                self.fetch,
                IntervalTrigger(minutes=config.fetch.interval_minutes),
                id="fetch",
                name="fetch feeds",
                next_run_time=datetime.now(tz=self.scheduler.timezone),
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(config.fetch.interval_minutes * 60),
                replace_existing=True,
            )
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def next_runs(self) -> dict[str, datetime | None]:
        return {job.id: job.next_run_time for job in self.scheduler.get_jobs()}

    async def fetch(self) -> None:
        """One scheduled fetch; the operator's log gets one line for it."""
        started = time.monotonic()
        try:
            report = await self.service.fetch()
        except NewsbriefError as exc:
            _ops.error("fetch failed: %s", exc)
            return
        _ops.info("fetch: %s (%.1f s)", report.summary(), time.monotonic() - started)
        for feed in report.failed:
            _ops.warning("feed %s failed: %s", feed.url, feed.problem)

    async def run_digest(self, name: str, *, now: datetime | None = None) -> list[DeliveryReport]:
        """Deliver the current window of ``name`` to each target that has a sink."""
        digest = self.service.config.digest(name)
        reports = []
        for target in digest.targets:
            platform = target.split(":", 1)[0]
            sink = self.sinks.get(platform)
            if sink is None:
                _ops.warning("digest %s: no %s connection here, %s skipped", name, platform, target)
                continue
            try:
                report = await self.service.deliver(name, target, sink, now=now)
            except NewsbriefError as exc:
                _ops.error("digest %s to %s failed: %s", name, target, exc)
                continue
            except Exception as exc:
                _ops.error("digest %s to %s failed: %s: %s", name, target, type(exc).__name__, exc)
                _log.debug("digest %s to %s failed", name, target, exc_info=True)
                continue
            reports.append(report)
            if report.sent or report.recovered or report.failed:
                _ops.log(
                    logging.WARNING if report.failed else logging.INFO,
                    "digest %s delivered to %s (%s): %d posted%s%s",
                    name, target, report.digest.window, len(report.sent),
                    f", {len(report.recovered)} found posted before a crash" if report.recovered else "",
                    f", {len(report.failed)} failed (retried in a minute)" if report.failed else "",
                )
            if report.failed:
                self._retry_later(name, now)
        return reports

    def _retry_later(self, name: str, now: datetime | None) -> None:
        from apscheduler.triggers.date import DateTrigger  # see __init__

        digest = self.service.config.digest(name)
        moment = utc(now or self.service.clock())
        fire = fire_time(digest, moment)
        retry_at = moment + RETRY_DELAY
        if retry_at - fire > timedelta(minutes=digest.grace_minutes) or not self.scheduler.running:
            return
        self.scheduler.add_job(
            self.run_digest,
            DateTrigger(run_date=retry_at),
            args=[name],
            id=f"retry:{name}",
            replace_existing=True,
            misfire_grace_time=60,
        )

    async def catch_up(self, *, now: datetime | None = None) -> list[DeliveryReport]:
        """Deliver windows that fired while the process was down, within their grace period."""
        moment = utc(now or self.service.clock())
        reports: list[DeliveryReport] = []
        for digest in self.service.config.digests:
            try:
                fire = fire_time(digest, moment)
            except ValueError:
                continue
            if moment - fire <= timedelta(minutes=digest.grace_minutes):
                _log.info("catching up digest %s (window %s)", digest.name, fire.isoformat(timespec="minutes"))
                reports += await self.run_digest(digest.name, now=moment)
        return reports
