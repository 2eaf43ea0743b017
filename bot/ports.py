"""The ports of newsbrief and the values that cross them, in one module that imports no other part
of ``bot`` but its configuration.

Who talks to whom::

    Slack / Discord / terminal adapters ──► Briefing (BriefingService) ◄── scheduler, CLI
                   ▲                               │
                   └──────── DigestSink ◄──────────┘  (a digest item posted once, recorded)

* ``Briefing``: what every entry point may ask of the service (answers, briefs, stories). The
  adapters type against it, never against the service's module, so the service, the digests and
  the adapters can each import this module without importing one another.
* ``DigestSink``: what a chat platform offers the service to post digest items through.
* The frozen dataclasses below (``Digest``, ``DigestItem``, ``DeliveryReport``, ``Scope``,
  ``ThreadTurn``, ``Status``...) are the values that cross those ports.

Wiring (which store, which adapters, which scheduler) is ``bot.app``'s job, not this module's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol

from summarizer import Answer, Brief
from summarizer.model import BriefItem, FigureValue, Source

__all__ = [
    "Briefing",
    "DeliveryReport",
    "Digest",
    "DigestItem",
    "DigestSchedule",
    "DigestSink",
    "FeedHealth",
    "FigureChange",
    "Scope",
    "Status",
    "StoryChanges",
    "StoryRef",
    "TargetHealth",
    "ThreadTurn",
]


# ---------------------------------------------------------------------------------------------
# the corpus


@dataclass(frozen=True)
class Scope:
    """Which stories the service serves: the one rule for every entry point.

    The default is the story window: stories with an article first seen within the last
    ``[stories] window_hours``. ``since`` narrows or widens it to stories with an article seen
    after that moment; ``everything`` takes every stored story. (With no store configured, the
    store is an in-memory one holding the bundled seeds, so the same rule serves the seeds.)
    """

    since: datetime | None = None
    everything: bool = False

    def horizon(self, now: datetime, window: timedelta) -> datetime | None:
        """The earliest moment a story's latest article may have been seen; None: no limit."""
        if self.everything:
            return None
        return self.since if self.since is not None else now - window

    def describe(self, window: timedelta) -> str:
        """The scope in words, to follow "in" ("no stories in the last 72 hours")."""
        if self.everything:
            return "the whole store"
        if self.since is not None:
            return f"the time since {self.since.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"
        hours = window.total_seconds() / 3600
        return f"the last {hours:g} hours"


# ---------------------------------------------------------------------------------------------
# stories and digests


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
    """What one digest posts to one target for one window.

    ``window`` names the schedule firing it belongs to ("2026-11-24T08:00+01:00"); ``since`` and
    ``until`` bound the stories it holds (changed after ``since``, at or before ``until``).
    """

    name: str
    target: str
    window: str
    title: str
    items: tuple[DigestItem, ...] = ()
    since: datetime | None = None
    until: datetime | None = None


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
    it would post that item again on restart. Two parts of this contract close that gap:

    * ``post(..., delivery_key=KEY)``: ``KEY`` (see ``bot.digests.delivery_key``) is the same for
      every attempt at one item of one window to one target. A sink attaches it to what it
      posts: an idempotency key where the platform has one (Discord's ``nonce`` with
      ``enforce_nonce``, honoured for minutes only) and a marker it can find again (Discord's
      footer mark, Slack's message metadata). A sink with nothing to attach ignores it.
    * ``find_delivered(channel, digest, item, *, delivery_key) -> str | None``: called only for
      an item whose earlier attempt's fate is unknown (its claim was left by a process that
      died, or was cancelled mid-post). Returns the message id of that earlier post if it
      reached the platform (completing a post that reached it only in part), else None, and
      ``deliver`` then posts the item. A sink that cannot look back returns None.
    """

    platform: str  # "slack" | "discord" | "console"

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        """Post one item to ``channel`` (the part of the target after "platform:").

        Returns the platform's message id (used for follow-up replies). Raises on failure after
        the platform client's own retries; the item then stays undelivered and is retried later.
        """
        ...

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        """The message id of an earlier attempt's post of ``item``, or None (see above)."""
        ...


# ---------------------------------------------------------------------------------------------
# conversations


@dataclass(frozen=True)
class ThreadTurn:
    """The last exchange of a chat thread: what a follow-up in that thread builds on.

    ``questions`` holds the thread's latest questions, oldest first, this one last (at most a
    few); ``answer`` is the answer given to the last of them.
    """

    questions: tuple[str, ...]
    answer: Answer


class Briefing(Protocol):
    """What chat adapters and the terminal chat ask of the service (``bot.service.BriefingService``).

    Every method serves the same corpus (see ``Scope``), so the same question gets the same
    answer on every platform.
    """

    async def answer(self, question: str, *, thread: str | None = None, follows: str | None = None) -> Answer:
        """Answer ``question`` with quoted, cited sources.

        ``thread`` names the conversation the answer belongs to ("slack:C0123:1733500000.1");
        the answer is remembered as that thread's last one. ``follows`` names the thread this
        question follows up on when it is not ``thread`` itself (a Discord reply to an earlier
        message); by default a question follows up on its own thread's last answer.
        """
        ...

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        """Briefs of the biggest stories of the window, or of the stories about ``topic``."""
        ...

    async def stories(self, limit: int = 10) -> list[StoryRef]:
        """The stories of the window, biggest first."""
        ...


# ---------------------------------------------------------------------------------------------
# health


@dataclass(frozen=True)
class DigestSchedule:
    name: str
    schedule: str
    timezone: str
    targets: tuple[str, ...]
    next_fire: datetime | None
    last_fire: datetime | None = None  # the latest scheduled firing (None: not yet fired)


@dataclass(frozen=True)
class FeedHealth:
    """One feed as ``status`` shows it."""

    url: str
    outlet: str | None
    articles: int
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int  # consecutive
    failing: bool  # failed at least ``[fetch] failing_after`` times in a row


@dataclass(frozen=True)
class TargetHealth:
    """One digest target as ``status`` shows it: its last post, and whether one is overdue."""

    digest: str
    target: str
    last_post: datetime | None
    overdue_window: str | None = None  # a window past its grace period with nothing posted


@dataclass(frozen=True)
class Status:
    """Health at a glance (``newsbrief status``) and the problems ``status --check`` exits on."""

    store: str
    articles: int
    feeds: tuple[FeedHealth, ...] = ()
    stories: tuple[StoryRef, ...] = ()
    story_count: int = 0
    window_stories: int = 0  # stories inside the story window (what chat and `brief` serve)
    digests: tuple[DigestSchedule, ...] = ()
    targets: tuple[TargetHealth, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def healthy(self) -> bool:
        return not self.problems

