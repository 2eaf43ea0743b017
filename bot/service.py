"""BriefingService: the one object that chat adapters, the scheduler and the CLI call.

CONTRACT (stable; Slack and Discord adapters code against it):

    service = build_service(config)            # bot.app.build_service, the one place it is built
    await service.answer(question, context=[earlier questions in the thread]) -> Answer
    await service.brief(topic=None, limit=3) -> list[Brief]     # newest/biggest stories, or by topic
    await service.stories(limit=10) -> list[StoryRef]
    await service.digest(name, target, now=None) -> Digest       # what a digest would post (no side effects)
    await service.deliver(name, target, sink, now=None) -> DeliveryReport   # post once, recorded

A *target* is "platform:channel", e.g. "slack:C0123", "discord:112233445566778899", "console".
A platform adapter implements ``DigestSink`` and registers it with the scheduler; ``deliver``
posts each not-yet-delivered item of the digest through the sink and records it, so a digest is
delivered exactly once per target and window, across restarts.

Beyond the contract: ``await service.fetch()`` ingests the configured feeds and files new
articles into stories; ``service.status()`` reports feeds, stories and next digest times;
``BriefingService.from_articles(articles)`` serves a fixed list of articles (tests, one-off use).

Blocking work (SQLite, clustering, briefing, answering) runs in a worker thread so that adapters
keep acknowledging events within the platforms' 3-second limits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Protocol

from summarizer import Answer, Article, Brief
from summarizer.model import BriefItem, FigureValue, Source

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .digests import DigestBuilder
    from .ingest import FetchReport, Ingestor
    from .progress import Progress
    from .store import FeedState, SqliteStore, StoryRow
    from .stories import StoryTracker

_log = logging.getLogger(__name__)

__all__ = [
    "BriefingService",
    "DeliveryReport",
    "Digest",
    "DigestItem",
    "DigestSink",
    "FigureChange",
    "Status",
    "StoryChanges",
    "StoryRef",
]


@dataclass(frozen=True)
class StoryRef:
    """A story as listed: id, title, how many sources, when it last changed."""

    id: str
    title: str
    source_count: int  # independent outlets: wire reprints count once
    updated: datetime | None = None
    articles: int = 0  # articles, reprints included
    continues: str | None = None  # id of the earlier story this one carries on, if any


@dataclass(frozen=True)
class FigureChange:
    """A figure of a story whose reported values changed since the story was posted."""

    subject: str
    before: tuple[str, ...]  # values as posted earlier (empty: a new figure from a new source)
    after: tuple[FigureValue, ...]


@dataclass(frozen=True)
class StoryChanges:
    """What changed in a story since it was posted to a target."""

    new_sources: tuple[Source, ...] = ()
    new_facts: tuple[BriefItem, ...] = ()
    changed_figures: tuple[FigureChange, ...] = ()


@dataclass(frozen=True)
class DigestItem:
    """One postable unit of a digest.

    kind: "story" (a full brief), "update" (a short "what changed" follow-up of a story already
    posted to this target; ``reply_to`` is the platform message id of that earlier post),
    "empty" (the window had no news: said once), "notice" (e.g. sources that have been failing).
    ``key`` is stable across rebuilds of the same digest window and identifies the item in the
    delivery record. ``text`` holds the plain text of "update", "empty" and "notice" items;
    ``changes`` the structured "what changed" of an update (for richer rendering).
    """

    key: str
    kind: str
    brief: Brief | None = None
    text: str | None = None
    reply_to: str | None = None
    story_id: str | None = None
    changes: StoryChanges | None = None


@dataclass(frozen=True)
class Digest:
    name: str
    target: str
    window: str  # identifies the schedule window, e.g. "2026-11-24T08:00+01:00"
    title: str
    items: tuple[DigestItem, ...] = ()


@dataclass(frozen=True)
class DeliveryReport:
    digest: Digest
    sent: tuple[str, ...] = ()  # keys posted now
    skipped: tuple[str, ...] = ()  # keys already delivered earlier
    failed: tuple[str, ...] = ()
    recovered: tuple[str, ...] = ()  # keys an attempt that died had posted: found, recorded, not reposted


class DigestSink(Protocol):
    """A platform that can post digest items (implemented by each chat adapter).

    Exactly once at the platform boundary. ``deliver`` records an item only after ``post``
    returns, so a process killed between the platform accepting a post and the store recording
    it would post that item again on restart. Two optional parts of this contract close that gap;
    a sink written without them still works (``deliver`` passes only what the sink accepts):

    * ``post(..., delivery_key=KEY)``: ``KEY`` (see ``bot.digests.delivery_key``) is the same for
      every attempt at one item of one window to one target. A sink attaches it to what it
      posts: an idempotency key where the platform has one (Discord's ``nonce`` with
      ``enforce_nonce``, honoured for minutes only) and a marker it can find again (Discord's
      footer mark, Slack's message metadata).
    * ``async def find_delivered(channel, digest, item, *, delivery_key) -> str | None``: called
      only for an item whose earlier attempt's fate is unknown (its claim was left by a process
      that died, or was cancelled mid-post). Returns the message id of that earlier post if it
      reached the platform (completing a post that reached it only in part), else None, and
      ``deliver`` then posts the item.
    """

    platform: str  # "slack" | "discord" | "console"

    async def post(self, channel: str, digest: Digest, item: DigestItem) -> str:
        """Post one item to ``channel`` (the part of the target after "platform:").

        Returns the platform's message id (used for follow-up replies). Raises on failure after
        the platform client's own retries; the item then stays undelivered and is retried later.
        May take a keyword ``delivery_key: str | None = None`` (see the class docstring).
        """
        ...


@dataclass(frozen=True)
class DigestSchedule:
    name: str
    schedule: str
    timezone: str
    targets: tuple[str, ...]
    next_fire: datetime | None


@dataclass(frozen=True)
class Status:
    """Health at a glance (``newsbrief status``)."""

    store: str
    articles: int
    feeds: tuple[FeedState, ...] = ()
    stories: tuple[StoryRef, ...] = ()
    story_count: int = 0
    digests: tuple[DigestSchedule, ...] = field(default_factory=tuple)


class BriefingService:
    """The pipeline behind one object. Build it with ``bot.app.build_service(config)``."""

    #: Articles seen within this long are searched by ``answer`` (the newest first, capped).
    ANSWER_HORIZON = timedelta(days=14)
    ANSWER_MAX_ARTICLES = 2000

    def __init__(
        self,
        config: Config,
        store: SqliteStore,
        tracker: StoryTracker,
        digests: DigestBuilder,
        *,
        ingestor: Ingestor | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        owner: str | None = None,
    ):
        from .digests import process_owner

        self.config = config
        self.store = store
        self.tracker = tracker
        self._digests = digests
        self._ingestor = ingestor
        self.clock = clock
        self.owner = owner or process_owner()
        self._write_lock = asyncio.Lock()

    @classmethod
    def from_articles(cls, articles: Sequence[Article], config: Config | None = None) -> BriefingService:
        """A service over a fixed list of articles, in an in-memory store (no feeds)."""
        from .app import build_service
        from .config import Config

        service = build_service(config or Config(include_seeds=False), fetch_seeds=False)
        service.add_articles(articles)
        return service

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Store articles (deduplicated like fed ones) and file them into stories."""
        from .ingest import store_articles

        added = store_articles(self.store, articles, clock=self.clock, settings=self.config.stories)
        self.tracker.update()
        return added

    def close(self) -> None:
        self.store.close()

    # -- the contract ------------------------------------------------------------------------

    async def answer(self, question: str, *, context: Sequence[str] = (), previous: Answer | None = None) -> Answer:
        """Answer from recent articles, quoting and citing them. A follow-up is read with the
        thread's ``previous`` answer; adapters that keep only the thread's earlier questions pass
        them as ``context`` and they are answered first to get it."""
        from summarizer import answer
        from summarizer.errors import SummarizerError

        def work() -> Answer:
            articles = self._answer_corpus()
            earlier = previous
            if earlier is None:
                for text in context:
                    try:
                        earlier = answer(text, articles, previous=earlier)
                    except SummarizerError:
                        continue
            return answer(question, articles, previous=earlier)

        return await asyncio.to_thread(work)

    def _answer_corpus(self) -> list[Article]:
        since = self.clock() - self.ANSWER_HORIZON
        rows = self.store.articles(seen_since=since) or self.store.articles()
        originals = [a for a in rows if not a.wire_of][-self.ANSWER_MAX_ARTICLES :]
        return [a.to_article() for a in originals]

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        """Briefs of the biggest recent stories, or of the stories about ``topic``."""

        def work() -> list[Brief]:
            briefs: list[Brief] = []
            for story in self._ranked(topic):
                if len(briefs) >= limit:
                    break
                brief = self.tracker.brief_or_none(story)
                if brief is not None:
                    briefs.append(brief)
            return briefs

        return await asyncio.to_thread(work)

    def _ranked(self, topic: str | None = None) -> list[StoryRow]:
        stories = self.store.stories()
        if topic and topic.strip():
            stories = [s for s in stories if self._digests.matches(s, (topic.strip(),))]
        horizon = self.clock() - timedelta(hours=self.config.stories.window_hours)
        # Open stories first (biggest first), then older ones by recency.
        return sorted(stories, key=lambda s: (s.updated < horizon, -s.outlets if s.updated >= horizon else 0, -s.updated.timestamp(), s.id))

    async def stories(self, limit: int = 10) -> list[StoryRef]:
        def work() -> list[StoryRef]:
            return [StoryRef(s.id, s.title, s.outlets, s.updated, s.size) for s in self._ranked()[:limit]]

        return await asyncio.to_thread(work)

    async def digest(self, name: str, target: str, *, now: datetime | None = None) -> Digest:
        """What the digest ``name`` would post to ``target`` for the window at ``now``."""
        return await asyncio.to_thread(self._digests.build, name, target, now)

    async def deliver(self, name: str, target: str, sink: DigestSink, *, now: datetime | None = None) -> DeliveryReport:
        """Post the items of the digest window not yet delivered to ``target``, each recorded.

        An item whose earlier attempt died mid-post is first looked up on the platform
        (``sink.find_delivered``) so that it is not posted twice."""
        from .digests import deliver_digest

        digest = await self.digest(name, target, now=now)
        return await deliver_digest(self.store, digest, sink, owner=self.owner, clock=self.clock)

    # -- pipeline ----------------------------------------------------------------------------

    async def fetch(self, *, progress: Progress | None = None) -> FetchReport:
        """Fetch every configured feed, store new articles, and file them into stories."""
        if self._ingestor is None:
            raise RuntimeError("this service has no ingestor (built without feeds)")
        async with self._write_lock:
            report = await self._ingestor.fetch_all(progress=progress)
            await asyncio.to_thread(self.tracker.update)
        return report

    def status(self, *, stories: int = 10) -> Status:
        from .digests import next_fire_time

        now = self.clock()
        schedules = tuple(
            DigestSchedule(d.name, d.schedule, d.timezone, d.targets, next_fire_time(d, now)) for d in self.config.digests
        )
        ranked = self._ranked()
        return Status(
            store=self.store.path,
            articles=self.store.article_count(),
            feeds=tuple(self.store.feeds()),
            stories=tuple(StoryRef(s.id, s.title, s.outlets, s.updated, s.size, s.continues) for s in ranked[:stories]),
            story_count=len(ranked),
            digests=schedules,
        )

