"""BriefingService: the one object that the CLI, the terminal chat, Slack, Discord and the
scheduler call, and the one place that decides which stories they serve.

CONTRACT (stable; adapters code against ``bot.ports.Briefing``):

    service = build_service(config)            # bot.app.build_service, the one place it is built
    await service.answer(question, thread=KEY) -> Answer   # a follow-up builds on KEY's last answer
    await service.brief(topic=None, limit=3) -> list[Brief]     # biggest stories, or by topic
    await service.stories(limit=10) -> list[StoryRef]
    await service.digest(name, target, now=None) -> Digest       # what a digest would post (no side effects)
    await service.deliver(name, target, sink, now=None) -> DeliveryReport   # post once, recorded

The corpus, one rule for every entry point (``bot.ports.Scope``): the stories with an article
first seen within the story window (``[stories] window_hours``, 72 h by default), or the window
that ``--since`` / ``--all`` choose. With no store configured the store is an in-memory one
holding the bundled seeds, so ``newsbrief brief`` on a fresh clone briefs the seeds by the same
rule. Digests take, within the stories, those changed since their last run.

A *target* is "platform:channel", e.g. "slack:C0123", "discord:112233445566778899", "console".
A platform adapter implements ``DigestSink``; ``deliver`` posts each not-yet-delivered item of
the digest through the sink and records it, so a digest is delivered exactly once per target and
window, across restarts.

Beyond the contract: ``await service.fetch()`` ingests the configured feeds and files new
articles into stories; ``service.status()`` reports feeds, targets, stories and digest times,
and what is stalled.

Blocking work (SQLite, clustering, briefing, answering) runs in a worker thread so that adapters
keep acknowledging events within the platforms' 3-second limits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import summarizer
from summarizer import Answer, Article, Brief
from summarizer.errors import NoContentError, SummarizerError
from summarizer.page_check import check_page

from .answering import MAX_THREAD_QUESTIONS, AnswerIndex, turn_from_json, turn_to_json
from .config import Config
from .digests import DigestBuilder, deliver_digest, fire_time, next_fire_time, process_owner, window_name
from .ingest import FetchReport, Ingestor, store_articles
from .ports import (
    DeliveryReport,
    Digest,
    DigestSchedule,
    DigestSink,
    FeedHealth,
    Scope,
    Status,
    StoryRef,
    TargetHealth,
    ThreadTurn,
)
from .progress import Progress
from .store import SqliteStore, StoryRow, utc
from .stories import StoryTracker, log_skipped

_log = logging.getLogger(__name__)

__all__ = ["BriefingService", "THREAD_MEMORY", "Unbriefed"]

#: A chat thread quiet for this long is forgotten: a follow-up after that is a new question.
THREAD_MEMORY = timedelta(days=14)

#: Fetching counts as stalled when no feed has been fetched for this many fetch intervals.
STALLED_FETCH_INTERVALS = 3


@dataclass(frozen=True)
class Unbriefed:
    """A story of given articles that could not be briefed, and why (one line)."""

    article_ids: tuple[str, ...]
    reason: str


class BriefingService:
    """The pipeline behind one object. Build it with ``bot.app.build_service(config)``."""

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
        self.config = config
        self.store = store
        self.tracker = tracker
        self._digests = digests
        self._ingestor = ingestor
        self.clock = clock
        self.owner = owner or process_owner()
        self._write_lock = asyncio.Lock()
        # The question index of the default scope, kept in step with the store (see ``_corpus``).
        self._answers = AnswerIndex()
        self._answers_lock = threading.Lock()
        self._members: dict[str, tuple[str, tuple[Article, ...]]] = {}

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.config.stories.window_hours)

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Store articles (deduplicated like fed ones) and file them into stories."""
        added = store_articles(self.store, articles, clock=self.clock, settings=self.config.stories)
        self.tracker.update()
        return added

    def close(self) -> None:
        if self._ingestor is not None:
            self._ingestor.close()  # its page workers, if a fetch started them
        self.store.close()

    # -- the corpus --------------------------------------------------------------------------

    def scope_stories(self, scope: Scope | None = None) -> list[StoryRow]:
        """The stories of ``scope`` (default: the story window), biggest first."""
        horizon = (scope or Scope()).horizon(utc(self.clock()), self.window)
        stories = self.store.stories(updated_since=horizon)
        return sorted(stories, key=lambda s: (-s.outlets, -s.size, -s.updated.timestamp(), s.id))

    def describe(self, scope: Scope | None = None) -> str:
        """The scope in words, for messages ("the last 72 hours")."""
        return (scope or Scope()).describe(self.window)

    def _corpus(self, scope: Scope) -> dict[str, Article]:
        """The articles of the scope's stories, wire reprints left out, by id.

        Stories are read through their membership hashes, so a story whose articles did not
        change since the last call costs no read."""
        horizon = scope.horizon(utc(self.clock()), self.window)
        memberships = self.store.story_memberships(updated_since=horizon)
        corpus: dict[str, Article] = {}
        for story_id in sorted(memberships):
            held = self._members.get(story_id)
            if held is None or held[0] != memberships[story_id]:
                members = self.store.articles(story_id=story_id)
                held = (memberships[story_id], tuple(a.to_article() for a in members if not a.wire_of))
                self._members[story_id] = held
            corpus.update((a.id, a) for a in held[1])
        if scope == Scope():
            for story_id in self._members.keys() - memberships.keys():
                del self._members[story_id]
        return corpus

    def corpus(self, scope: Scope | None = None) -> list[Article]:
        """The articles questions are answered from (``newsbrief ask``, chat), oldest id first."""
        with self._answers_lock:
            return sorted(self._corpus(scope or Scope()).values(), key=lambda a: a.id)

    # -- the contract ------------------------------------------------------------------------

    async def answer(
        self, question: str, *, thread: str | None = None, follows: str | None = None, scope: Scope | None = None
    ) -> Answer:
        """Answer from the scope's stories (default: the story window), quoting and citing them.

        ``thread`` names the conversation; the answer is stored as its last exchange. A question
        builds on the last exchange of ``follows``, else of ``thread`` (see ``ports.Briefing``).
        """
        return await asyncio.to_thread(self.answer_now, question, thread=thread, follows=follows, scope=scope)

    def answer_now(
        self, question: str, *, thread: str | None = None, follows: str | None = None, scope: Scope | None = None
    ) -> Answer:
        """``answer`` without the worker thread (the CLI, which has no event loop to keep free)."""
        scope = scope or Scope()
        previous = self._turn(follows or thread)
        with self._answers_lock:  # the corpus and the index's contents change together
            index = self._answers if scope == Scope() else AnswerIndex()
            index.sync(self._corpus(scope))
        try:
            result = index.answer(question, previous=previous)
        except NoContentError:
            result = Answer(
                question=question.strip(),
                answered=False,
                answer=f"No stories in {self.describe(scope)} to search yet.",
            )
        if thread:
            asked = (*(previous.questions if previous else ()), result.question or question)
            turn = ThreadTurn(questions=asked[-MAX_THREAD_QUESTIONS:], answer=result)
            self.store.save_thread(
                thread, questions=turn.questions, answer_json=turn_to_json(turn), at=self.clock(), keep=THREAD_MEMORY
            )
        return result

    def _turn(self, key: str | None) -> ThreadTurn | None:
        record = self.store.thread(key) if key else None
        if record is None or utc(self.clock()) - record.updated > THREAD_MEMORY:
            return None
        return turn_from_json(record.questions, record.answer_json)

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        """Briefs of the biggest stories of the window, or of the stories about ``topic``."""
        return await asyncio.to_thread(self.briefs, topic=topic, limit=limit)

    def briefs(
        self,
        *,
        topic: str | None = None,
        limit: int | None = None,
        scope: Scope | None = None,
        max_words: int | None = None,
    ) -> list[Brief]:
        """Briefs of the scope's stories, biggest first (``newsbrief brief`` with no SOURCE).

        A story with nothing to brief (captions only) is skipped. ``max_words`` builds briefs of
        that length instead of the stored ones."""
        stories = self.scope_stories(scope)
        if topic and topic.strip():
            stories = [s for s in stories if self._digests.matches(s, (topic.strip(),))]
        briefs: list[Brief] = []
        if limit is None and max_words is None:
            # every story: the stale ones built in worker processes (StoryTracker.briefs_of)
            for story, brief in self.tracker.briefs_of(stories):
                if isinstance(brief, SummarizerError):
                    log_skipped(story.id, brief)
                else:
                    briefs.append(brief)
            return briefs
        for story in stories:
            if limit is not None and len(briefs) >= limit:
                break
            brief = self.tracker.brief_or_none(story) if max_words is None else self._brief_of(story, max_words)
            if brief is not None:
                briefs.append(brief)
        return briefs

    def _brief_of(self, story: StoryRow, max_words: int) -> Brief | None:
        brief = self.tracker.fresh_brief(story, max_words)  # a bug in the summarizer: this story is skipped
        if isinstance(brief, SummarizerError):
            log_skipped(story.id, brief)
            return None
        return brief

    @staticmethod
    def brief_articles(articles: Sequence[Article], *, max_words: int | None = None) -> tuple[list[Brief], list[Unbriefed]]:
        """Stories of a given set of articles (files, URLs), each briefed: nothing is stored.

        A story that cannot be briefed (no prose: a caption, a stub) does not stop the others:
        it comes back in the second list with the reason."""
        briefs: list[Brief] = []
        failed: list[Unbriefed] = []
        # a page that is no article (a stub, a notice) forms no story: say so, as for a story
        # that cannot be briefed
        verdicts = [(a, check_page(a.text, a.title)) for a in articles]
        failed += [Unbriefed((a.id,), f"no prose to brief ({v.reason} page)") for a, v in verdicts if not v.is_article]
        # summarizer's briefing and clustering load on first use (sumy, numpy): see its __init__.
        for story in summarizer.cluster_articles([a for a, v in verdicts if v.is_article]):
            try:
                briefs.append(summarizer.build_brief(story, max_words=max_words))
            except SummarizerError as exc:
                failed.append(Unbriefed(tuple(a.id for a in story), str(exc)))
        return briefs, failed

    async def stories(self, limit: int = 10) -> list[StoryRef]:
        """The stories of the window, biggest first."""

        def work() -> list[StoryRef]:
            return [_ref(s) for s in self.scope_stories()[:limit]]

        return await asyncio.to_thread(work)

    async def digest(self, name: str, target: str, *, now: datetime | None = None, preview: bool = False) -> Digest:
        """What the digest ``name`` posts to ``target``: for the window at ``now``, or with
        ``preview`` what its next run would post if it ran at ``now`` (from its last run to now)."""
        return await asyncio.to_thread(self._digests.build, name, target, now, preview=preview)

    async def deliver(self, name: str, target: str, sink: DigestSink, *, now: datetime | None = None) -> DeliveryReport:
        """Post the items of the digest window not yet delivered to ``target``, each recorded.

        An item whose earlier attempt died mid-post is first looked up on the platform
        (``sink.find_delivered``) so that it is not posted twice."""
        digest = await self.digest(name, target, now=now)
        return await deliver_digest(self.store, digest, sink, owner=self.owner, clock=self.clock)

    # -- pipeline ----------------------------------------------------------------------------

    async def fetch(self, *, progress: Progress | None = None) -> FetchReport:
        """Fetch every configured feed, store new articles, and file them into stories.

        The question index is brought up to date here too, so the first question after a
        fetch does not wait for it."""
        if self._ingestor is None:
            raise RuntimeError("this service has no ingestor (built without feeds)")
        async with self._write_lock:
            report = await self._ingestor.fetch_all(progress=progress)
            await asyncio.to_thread(self._after_fetch)
        return report

    def _after_fetch(self) -> None:
        self.tracker.update()
        with self._answers_lock:
            self._answers.sync(self._corpus(Scope()))

    # -- health ------------------------------------------------------------------------------

    def status(self, *, stories: int = 10) -> Status:
        """Feeds, targets, stories and digest times, and the problems ``status --check`` reports."""
        now = utc(self.clock())
        config = self.config
        problems: list[str] = []

        states = {f.url: f for f in self.store.feeds()}
        feeds = []
        for feed in config.feeds:
            state = states.get(feed.url)
            feeds.append(
                FeedHealth(
                    url=feed.url,
                    outlet=feed.outlet or (state.outlet if state else None),
                    articles=state.articles if state else 0,
                    last_success=state.last_success if state else None,
                    last_error=state.last_error if state else None,
                    last_error_at=state.last_error_at if state else None,
                    failures=state.failures if state else 0,
                    failing=bool(state and state.failures >= config.fetch.failing_after),
                )
            )
        if feeds:
            stall = timedelta(minutes=config.fetch.interval_minutes * STALLED_FETCH_INTERVALS)
            latest = max((f.last_success for f in feeds if f.last_success), default=None)
            if latest is None:
                problems.append("fetching: no feed has ever been fetched (is `newsbrief run` running?)")
            elif now - latest > stall:
                problems.append(
                    f"fetching stalled: no feed fetched since {latest:%Y-%m-%d %H:%M} UTC "
                    f"(fetches are due every {config.fetch.interval_minutes:g} min)"
                )

        schedules = []
        targets = []
        last_posts = self.store.last_posts()
        active_since = self._active_since()
        for digest in config.digests:
            try:
                last_fire: datetime | None = fire_time(digest, now)
            except ValueError:
                last_fire = None
            schedules.append(
                DigestSchedule(digest.name, digest.schedule, digest.timezone, digest.targets, next_fire_time(digest, now), last_fire)
            )
            for target in digest.targets:
                overdue = None
                due = last_fire is not None and now - last_fire > timedelta(minutes=digest.grace_minutes)
                if due and last_fire is not None and active_since is not None and active_since < last_fire:
                    window = window_name(last_fire)
                    sent = [d for d in self.store.deliveries(digest.name, target, window).values() if d.state == "sent"]
                    if not sent:
                        overdue = window
                        problems.append(f"posting stalled: digest {digest.name} to {target}: nothing posted for {window}")
                targets.append(TargetHealth(digest.name, target, last_posts.get((digest.name, target)), overdue))

        ranked = self.scope_stories(Scope(everything=True))
        horizon = now - self.window
        return Status(
            store=self.store.path,
            articles=self.store.article_count(),
            feeds=tuple(feeds),
            stories=tuple(_ref(s) for s in ranked if s.updated > horizon)[:stories],
            story_count=len(ranked),
            window_stories=sum(1 for s in ranked if s.updated > horizon),
            digests=tuple(schedules),
            targets=tuple(targets),
            problems=tuple(problems),
            set_aside=tuple(sorted(self.store.set_aside_counts().items())),
        )

    def _active_since(self) -> datetime | None:
        """When this store began to be used (its first article): a digest window that fired
        before that was never due here."""
        return self.store.first_seen()


def _ref(story: StoryRow) -> StoryRef:
    return StoryRef(story.id, _title(story), story.outlets, story.updated, story.size, story.continues)


def _title(story: StoryRow) -> str:
    """The title its brief shows when the brief is built for today's members, else the stored one
    (the lead article's headline or first words), so that status and lists name a story as its
    posts do."""
    if story.cached_brief:
        try:
            return str(json.loads(story.cached_brief)["title"]) or story.title
        except (KeyError, TypeError, ValueError):
            pass
    return story.title
