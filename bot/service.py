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

This module holds the placeholder in-memory implementation that serves a fixed list of articles;
the pipeline replaces its internals (store, stories over time, digests) keeping these signatures.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from summarizer import Answer, Article, Brief

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoryRef:
    """A story as listed: id, title, how many sources, when it last changed."""

    id: str
    title: str
    source_count: int
    updated: datetime | None = None


@dataclass(frozen=True)
class DigestItem:
    """One postable unit of a digest.

    kind: "story" (a full brief), "update" (a short "what changed" follow-up of a story already
    posted to this target; ``reply_to`` is the platform message id of that earlier post),
    "empty" (the window had no news: said once), "notice" (e.g. sources that have been failing).
    ``key`` is stable across rebuilds of the same digest window and identifies the item in the
    delivery record.
    """

    key: str
    kind: str
    brief: Brief | None = None
    text: str | None = None
    reply_to: str | None = None


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


class DigestSink(Protocol):
    """A platform that can post digest items (implemented by each chat adapter)."""

    platform: str  # "slack" | "discord" | "console"

    async def post(self, channel: str, digest: Digest, item: DigestItem) -> str:
        """Post one item to ``channel`` (the part of the target after "platform:").

        Returns the platform's message id (used for follow-up replies). Raises on failure after
        the platform client's own retries; the item then stays undelivered and is retried later.
        """
        ...


class BriefingService:
    """Placeholder implementation over a fixed list of articles (the walking skeleton)."""

    def __init__(self, articles: Sequence[Article]):
        self._articles = list(articles)

    async def answer(self, question: str, *, context: Sequence[str] = ()) -> Answer:
        from summarizer import answer

        return await asyncio.to_thread(answer, question, self._articles)

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        from summarizer import build_brief, cluster_articles

        def work() -> list[Brief]:
            stories = cluster_articles(self._articles)
            return [build_brief(s) for s in stories[:limit]]

        return await asyncio.to_thread(work)

    async def stories(self, limit: int = 10) -> list[StoryRef]:
        return [StoryRef(b.id, b.title, len(b.sources)) for b in await self.brief(limit=limit)]

    async def digest(self, name: str, target: str, *, now: datetime | None = None) -> Digest:
        briefs = await self.brief()
        items = tuple(DigestItem(key=f"story:{b.id}", kind="story", brief=b) for b in briefs)
        return Digest(name=name, target=target, window="adhoc", title=f"{name} digest", items=items)

    async def deliver(
        self, name: str, target: str, sink: DigestSink, *, now: datetime | None = None
    ) -> DeliveryReport:
        digest = await self.digest(name, target, now=now)
        channel = target.split(":", 1)[1] if ":" in target else target
        sent = []
        for item in digest.items:
            await sink.post(channel, digest, item)
            sent.append(item.key)
        return DeliveryReport(digest, sent=tuple(sent))
