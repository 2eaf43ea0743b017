"""Digests: what a named digest holds for one target and window, and posting it exactly once.

A *window* is one firing of the digest's cron schedule, named by its local fire time
("2026-11-24T08:00+01:00"). A digest for a window holds the stories that changed since the last
window delivered to that target (at most 7 days back; the previous fire time for a first
delivery), up to the fire time, filtered by topic and ranked by independent sources:

* a story never posted to the target is a ``story`` item (the full brief);
* a story posted before gets an ``update`` item saying what changed (new sources, new facts,
  changed figures) that replies to the first post, or nothing if nothing a reader cares about
  changed;
* so does a story that *continues* one posted before (``StoryRow.continues``: the tracker opened
  it after the earlier story's window closed, for the same subject): it is compared with what
  was last posted of the nearest story of its chain posted to this target, and replies to that
  chain's first full post, so a trial followed for weeks stays one thread;
* feeds failing for a while are named in one ``notice`` item;
* a window with no news gets one ``empty`` item saying so.

Delivery is exactly once per (digest, target, window, item): each item is *claimed* in the
store before it is posted and marked *sent* with the platform's message id after. A rebuild of
the same window (a retry, a restart, a second process) skips sent items and items another live
process holds. A process killed mid-post leaves a claim whose owner is dead: the next run takes
it over, and that item is the only one whose fate is unknown. The platform may have accepted it
just before the crash, so every attempt at an item carries the same ``delivery_key`` (a hash of
digest, target, window and item key) to the sink, which marks its post with it (Discord: an
enforced ``nonce`` plus a footer mark, since Discord forgets nonces within minutes; Slack: message
metadata). Before posting a taken-over
item again, ``deliver_digest`` asks the sink whether a post with that key is already there
(``find_delivered``) and records that one instead. See ``bot.ports.DigestSink``.

``DigestBuilder.build(..., preview=True)`` is ``digest NAME --dry-run``: what the next scheduled
run would post if it ran now, i.e. the stories changed between the last run and now.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from summarizer import Brief
from summarizer.language import content_words

from .config import Config, DigestConfig, cron_trigger
from .ports import DeliveryReport, Digest, DigestItem, DigestSink, FigureChange, StoryChanges
from .store import Delivery, Store, StoryRow, utc
from .stories import StoryTracker

_log = logging.getLogger(__name__)

__all__ = [
    "DigestBuilder",
    "deliver_digest",
    "delivery_key",
    "fire_time",
    "next_fire_time",
    "process_owner",
    "snapshot_of",
    "changes_between",
    "window_name",
]

MAX_LOOKBACK = timedelta(days=7)


def process_owner() -> str:
    """A token naming this process in delivery claims: host, pid and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def fire_time(digest: DigestConfig, now: datetime) -> datetime:
    """The latest scheduled firing at or before ``now`` (in the digest's time zone)."""
    tz = digest.tz
    trigger = cron_trigger(digest.schedule, tz)
    now = utc(now).astimezone(tz)
    for back in (timedelta(minutes=2), timedelta(hours=2), timedelta(days=2), timedelta(days=9), timedelta(days=40), timedelta(days=400)):
        start = now - back
        fire = trigger.get_next_fire_time(None, start)
        if fire is None or fire > now:
            continue
        while True:
            following = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
            if following is None or following > now:
                return fire
            fire = following
    raise ValueError(f"digest {digest.name!r}: the schedule {digest.schedule!r} has not fired in the last 400 days")


def next_fire_time(digest: DigestConfig, now: datetime) -> datetime | None:
    """The first scheduled firing after ``now`` (in the digest's time zone); None: never again."""
    trigger = cron_trigger(digest.schedule, digest.tz)
    return trigger.get_next_fire_time(None, utc(now).astimezone(digest.tz) + timedelta(seconds=1))


def window_name(fire: datetime) -> str:
    """The name of the window a firing opens, e.g. "2026-11-24T08:00+01:00"."""
    return fire.isoformat(timespec="minutes")


def _channel(target: str) -> str:
    return target.split(":", 1)[1] if ":" in target else target


# ---------------------------------------------------------------------------------------------
# what changed


def snapshot_of(brief: Brief) -> dict[str, Any]:
    """What a reader saw of a story when it was posted: compared later to say what changed."""
    return {
        "sources": [s.id for s in brief.sources],
        "facts": [i.text for i in brief.summary],
        "figures": {
            (d.subject or d.text): sorted(v.value for v in d.values) for d in brief.differences if d.values
        },
    }


def changes_between(before: dict[str, Any], brief: Brief) -> StoryChanges | None:
    """New sources, new facts and changed figures of a story since ``before``; None if none."""
    seen_sources = set(before.get("sources", []))
    seen_facts = set(before.get("facts", []))
    old_figures: dict[str, list[str]] = before.get("figures", {})
    new_sources = tuple(s for s in brief.sources if s.id not in seen_sources)
    new_facts = tuple(i for i in brief.summary if i.text not in seen_facts)[:3]
    figures = []
    for d in brief.differences:
        if not d.values:
            continue
        subject = d.subject or d.text
        now_values = sorted(v.value for v in d.values)
        was = old_figures.get(subject)
        if was is not None and was != now_values:
            figures.append(FigureChange(subject=subject, before=tuple(was), after=d.values))
        elif was is None and any(set(v.sources) & {s.id for s in new_sources} for v in d.values):
            figures.append(FigureChange(subject=subject, before=(), after=d.values))
    if not new_sources and not new_facts and not figures:
        return None
    return StoryChanges(new_sources=new_sources, new_facts=new_facts, changed_figures=tuple(figures))


def describe_changes(brief: Brief, changes: StoryChanges) -> str:
    """Plain-text "what changed" (adapters may render ``StoryChanges`` richer)."""
    lines = [f"Update: {brief.title}"]
    if changes.new_sources:
        lines.append("New sources: " + ", ".join(s.outlet for s in changes.new_sources))
    for item in changes.new_facts:
        cites = "".join(f"[{brief.source_number(s)}]" for s in item.sources if _has(brief, s))
        lines.append(f"New: {item.text} {cites}".rstrip())
    for fig in changes.changed_figures:
        now_text = "; ".join(
            f"{v.value} ({', '.join(_outlet(brief, s) for s in v.sources)})" for v in fig.after
        )
        was = f" (was: {', '.join(fig.before)})" if fig.before else ""
        lines.append(f"Figures, {fig.subject}: {now_text}{was}")
    return "\n".join(lines)


def _has(brief: Brief, source_id: str) -> bool:
    return any(s.id == source_id for s in brief.sources)


def _outlet(brief: Brief, source_id: str) -> str:
    return next((s.outlet for s in brief.sources if s.id == source_id), source_id)


# ---------------------------------------------------------------------------------------------
# building


@dataclass(frozen=True)
class _Candidate:
    story: StoryRow
    brief: Brief


class DigestBuilder:
    """Builds the digest of one window for one target. Reads the store, never writes it
    (except the brief cache)."""

    def __init__(self, config: Config, store: Store, tracker: StoryTracker, clock: Callable[[], datetime]):
        self._config = config
        self._store = store
        self._tracker = tracker
        self._clock = clock

    def build(self, name: str, target: str, now: datetime | None = None, *, preview: bool = False) -> Digest:
        """The digest of the window firing at or before ``now``; with ``preview``, what the next
        run would post if it ran at ``now``: the stories changed from the last run to ``now``."""
        cfg = self._config.digest(name)
        now = utc(now or self._clock())
        if preview:
            upcoming = next_fire_time(cfg, now)
            window = window_name(upcoming) if upcoming is not None else window_name(now)
            try:
                latest: datetime | None = fire_time(cfg, now)
            except ValueError:
                latest = None
            last = self._store.last_window(name, target, before=window)
            until = now
            since = datetime.fromisoformat(last) if last else (latest or now - timedelta(days=1))
            label = upcoming or now
        else:
            fire = until = label = fire_time(cfg, now)
            window = window_name(fire)
            last = self._store.last_window(name, target, before=window)
            since = datetime.fromisoformat(last) if last else (self._fire_before(cfg, fire) or fire - timedelta(days=1))
        since = max(utc(since), until - MAX_LOOKBACK)

        stories = self._store.stories(updated_since=since, updated_until=until)
        if cfg.topics:
            stories = [s for s in stories if self.matches(s, cfg.topics)]
        stories.sort(key=lambda s: (-s.outlets, -s.size, -s.updated.timestamp(), s.id))

        items: list[DigestItem] = []
        for story in stories:
            if sum(1 for i in items if i.kind in ("story", "update")) >= cfg.max_stories:
                break
            brief = self._tracker.brief_or_none(story)
            if brief is None:
                continue
            key = f"story:{story.id}"
            chain = [story.id] + ([s.id for s in self._store.story_ancestors(story.id)] if story.continues else [])
            earlier = self._latest_delivery(target, chain, window)
            if earlier is None or earlier.snapshot is None:
                items.append(DigestItem(key=key, kind="story", brief=brief, story_id=story.id))
                continue
            changes = changes_between(earlier.snapshot, brief)
            if changes is None:
                continue
            first = self._thread_root(target, chain) or earlier
            items.append(
                DigestItem(
                    key=key,
                    kind="update",
                    brief=brief,
                    text=describe_changes(brief, changes),
                    reply_to=first.message_id,
                    story_id=story.id,
                    changes=changes,
                )
            )
        if not items:
            local_since = since.astimezone(cfg.tz)
            items.append(
                DigestItem(key="empty", kind="empty", text=f"No new stories since {local_since:%a %d %b %H:%M}.")
            )
        if cfg.notify_failing:
            failing = [f for f in self._store.feeds() if f.failures >= self._config.fetch.failing_after]
            if failing:
                parts = []
                for feed in failing:
                    since_ok = f"last success {feed.last_success:%d %b %H:%M} UTC" if feed.last_success else "never fetched"
                    error = (feed.last_error or "").removeprefix(f"{feed.url}: ")
                    parts.append(f"{feed.outlet or feed.url} ({since_ok}; {error})")
                items.append(DigestItem(key="notice:failing", kind="notice", text="Sources failing: " + "; ".join(parts)))
        local_fire = label.astimezone(cfg.tz)
        title = f"{name} digest, {local_fire:%a %d %b %H:%M} {local_fire.tzname()}"
        return Digest(name=name, target=target, window=window, title=title, items=tuple(items), since=since, until=until)

    @staticmethod
    def _fire_before(cfg: DigestConfig, fire: datetime) -> datetime | None:
        """The scheduled firing before ``fire`` (within 8 days), or None."""
        trigger = cron_trigger(cfg.schedule, cfg.tz)
        previous = trigger.get_next_fire_time(None, fire - timedelta(days=8))
        found = None
        while previous is not None and previous < fire:
            found = previous
            previous = trigger.get_next_fire_time(previous, previous + timedelta(seconds=1))
        return found

    def _latest_delivery(self, target: str, chain: list[str], window: str) -> Delivery | None:
        """The last post to ``target`` (before this window) of the first story of ``chain`` (a
        story, then the stories it continues, nearest first) that was posted there at all: what
        a reader last saw of this story, to compare with."""
        for story_id in chain:
            delivery = self._store.last_story_delivery(target, story_id, before_window=window)
            if delivery is not None:
                return delivery
        return None

    def _thread_root(self, target: str, chain: list[str]) -> Delivery | None:
        """The full post that follow-ups of ``chain`` reply to: the story's own first full post,
        else the nearest continued story's (a continuation first posted as an update has none)."""
        for story_id in chain:
            delivery = self._store.first_story_delivery(target, story_id)
            if delivery is not None:
                return delivery
        return None

    def matches(self, story: StoryRow, topics: tuple[str, ...]) -> bool:
        """Whether a story is about one of ``topics``: every content word of a topic (stemmed)
        appears in the story's title or its articles' opening paragraphs."""
        words = set(content_words(story.title))
        for article in self._tracker.members(story.id)[:20]:
            words.update(content_words(f"{article.title or ''} {article.text[:3000]}"))
        wanted = [set(content_words(topic)) for topic in topics]
        return any(w and w <= words for w in wanted)


# ---------------------------------------------------------------------------------------------
# delivering


def delivery_key(digest: Digest, item: DigestItem) -> str:
    """The idempotency key of one item of one digest window for one target.

    Identical on every attempt (a retry, a restart, another process), and distinct for every
    (digest, target, window, item): what a platform needs to recognise a repeated post. 24 hex
    characters, so that derived keys still fit Discord's 25-character nonce.
    """
    parts = (digest.name, digest.target, digest.window, item.key)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


async def _delivered_before(sink: DigestSink, channel: str, digest: Digest, item: DigestItem, key: str) -> str | None:
    """The message id of an earlier attempt's post of ``item``, if the platform has it.

    When the lookup fails the item is posted again: a missed digest item is worse than a rare
    duplicate.
    """
    try:
        found = await sink.find_delivered(channel, digest, item, delivery_key=key)
    except Exception as exc:  # noqa: BLE001 - a failed lookup must not lose the item
        _log.warning("digest %s to %s: cannot check whether %s was posted before (%s): posting it", digest.name, digest.target, item.key, exc)
        return None
    return str(found) if found else None


async def deliver_digest(
    store: Store,
    digest: Digest,
    sink: DigestSink,
    *,
    owner: str,
    clock: Callable[[], datetime],
    lease: timedelta = timedelta(minutes=10),
) -> DeliveryReport:
    """Post each item of ``digest`` not yet delivered, recording each one (see module docstring)."""
    channel = _channel(digest.target)
    done = store.deliveries(digest.name, digest.target, digest.window)
    sent: list[str] = []
    skipped: list[str] = []
    failed: list[str] = []
    recovered: list[str] = []
    for item in digest.items:
        previous = done.get(item.key)
        if previous is not None and previous.state == "sent":
            skipped.append(item.key)
            continue
        now = utc(clock())
        if not store.claim(
            digest.name, digest.target, digest.window, item.key,
            kind=item.kind, story_id=item.story_id, owner=owner, at=now, stale_before=now - lease,
        ):
            skipped.append(item.key)
            continue
        key = delivery_key(digest, item)
        try:
            message_id = None
            if previous is not None and previous.state == "claimed":
                # An earlier attempt died mid-post: the platform may have accepted it.
                message_id = await _delivered_before(sink, channel, digest, item, key)
            if message_id is None:
                message_id = await sink.post(channel, digest, item, delivery_key=key)
            else:
                _log.info("digest %s to %s: %s was posted before a crash (%s): recorded, not reposted", digest.name, digest.target, item.key, message_id)
                recovered.append(item.key)
        except Exception as exc:  # the platform's own retries are exhausted: try again later
            _log.warning("digest %s to %s: item %s failed: %s", digest.name, digest.target, item.key, exc, exc_info=True)
            store.release(digest.name, digest.target, digest.window, item.key, owner=owner)
            failed.append(item.key)
            continue
        snapshot = snapshot_of(item.brief) if item.brief is not None else None
        store.mark_sent(
            digest.name, digest.target, digest.window, item.key,
            message_id=str(message_id), snapshot=snapshot, at=utc(clock()),
        )
        if item.key not in recovered:
            sent.append(item.key)
    _log.info(
        "digest %s to %s (%s): %d sent, %d found already posted, %d already delivered, %d failed",
        digest.name, digest.target, digest.window, len(sent), len(recovered), len(skipped), len(failed),
    )
    return DeliveryReport(
        digest, sent=tuple(sent), skipped=tuple(skipped), failed=tuple(failed), recovered=tuple(recovered)
    )
