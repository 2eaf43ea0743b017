"""Stories over time: articles join the story they belong to, and each story's brief is cached.

New articles are filed one at a time, oldest first, with ``summarizer.cluster.StoryIndex``: the
index holds the open stories, and an article joins the one its text is most similar to (the
clustering's own criterion, names and figures included) or starts a new story, which later
arrivals of the same batch can join. A story is open for the time window
(``stories.window_hours``) after its *first* article was seen, and a dated article joins only a
story whose earliest dated report is within the window of its own (a first fetch of a week's
backlog is split by day too): extending a story with every update would let a story about a
recurring kind of event (a weekly rate decision, match reports written from one template) absorb
each new event of that kind for ever. So that a long-running story (a trial, a war, a recall)
is not lost at each window's end, a story opened for an article that a recently closed story
would have taken (same tests: text similarity, names and figures; its latest report at most
``CONTINUATION_LOOKBACK`` windows old) records that it *continues* that story
(``StoryRow.continues``), and digests follow it up in the earlier story's thread. The index is kept between updates, so a
poll only tokenises its new articles; at each update the open stories in the store are compared
with what the index holds (membership hashes), and the index is rebuilt from the store when they
differ (another process filed articles) or when closed stories make up most of it. Stories are
never merged after the fact, and a story a digest has posted (or claimed) is never split: it was
posted under its id, and follow-ups must reply to it. A story nobody has been shown yet is
re-clustered among its own articles at the end of each poll that added to it
(``StoryIndex.regroup``), so that a newcomer which took it before its own story's reports arrived
leaves with them, as a batch run would have grouped them.

The clustering features of each open story's articles are kept in the store as they are filed
(``article_features``), so a new process (a ``newsbrief fetch`` from cron) rebuilds the index
without tokenising the window again; they are dropped once their story can no longer be joined
or continued. Pages that ``summarizer.page_check`` set aside at ingest are never filed. Once an
hour, ``stories.retention_days`` prunes stories whose latest report is older, with their
articles, and old delivery records (``Store.prune``).

A story's ``membership`` is a hash of its article ids. Its brief is rebuilt only when the
membership differs from the one the cached brief was built from. Wire reprints (``wire_of``) are
members of the story but are left out of the brief and of the index: a report reprinted by five
outlets is one report, not five agreeing sources.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
import logging
import multiprocessing
import os
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from summarizer import Article, Brief
from summarizer.errors import SummarizerError
from summarizer.cluster import ArticleFeatures, StoryIndex, article_features, decode_features, encode_features
from summarizer.model import BriefItem, Difference, FigureValue, Source

from .config import StorySettings
from .page_workers import exit_with_parent
from .store import Split, Store, StoredArticle, StoryRow, utc

_log = logging.getLogger(__name__)

__all__ = ["StoryTracker", "brief_from_json", "brief_to_json", "brief_workers", "membership_hash", "single_threaded_blas"]

#: Bumped whenever the cached brief format or the summarizer's output changes meaningfully.
BRIEF_CACHE_VERSION = "1"

#: How long after its latest report (in story windows) a closed story may still be continued by
#: a new one. A story followed daily continues itself window after window whatever this is; this
#: bounds the quiet spell after which the same subject counts as news of its own, and the index's
#: memory (a story leaves it this long after it closed, at the latest).
CONTINUATION_LOOKBACK = 2
#: A story with no new report for this long has gone quiet: a newcomer joins it only on stronger
#: agreement of names and figures (``summarizer.cluster.QUIET_IDENTITY_RATIO``).
QUIET_AFTER = timedelta(hours=12)


def membership_hash(article_ids: Sequence[str]) -> str:
    digest = hashlib.sha256(BRIEF_CACHE_VERSION.encode())
    for article_id in sorted(article_ids):
        digest.update(b"\0" + article_id.encode())
    return digest.hexdigest()[:24]


def _story_id(first_article: str) -> str:
    return "st_" + hashlib.sha1(first_article.encode()).hexdigest()[:12]


class _OpenStories:
    """The ``StoryIndex`` of the stories still open, kept from one update to the next.

    ``memberships`` is what the index reflects of each open story (the store's membership hash);
    the tracker compares it with the store at every update, and rebuilds the index when another
    process (or anything else) changed an open story under it. ``features`` keeps the clustering
    features of the open stories' articles so that a rebuild does not tokenise them again (a
    closed story's are dropped: they are most of an article's memory, and only a rebuild, when
    closed stories fill the index or another process filed, tokenises them again).

    A story closes ``window`` after its first article was seen. A dated article (see
    :func:`_published`) may also join only a story whose earliest dated report is within
    ``window`` of its own, so that one fetch of a week's backlog is split by day as well.

    A closed story stays in the index, taking no articles, for ``lookback`` more: a new story
    opened for an article that such a story would have taken but for time *continues* it (see
    :meth:`file`), so that a trial or a war followed for weeks stays one thread for readers. The
    lookback runs from the story's latest report: a story whose coverage stopped early has
    ended, not merely closed, and a sibling event days later must not read as its sequel.
    """

    _OPEN, _RECENT, _GONE = 0, 1, 2

    def __init__(
        self,
        rows: Sequence[StoryRow],
        members: Mapping[str, Sequence[StoredArticle]],
        features: Mapping[str, ArticleFeatures],
        since: datetime,
        window: timedelta,
        lookback: timedelta,
    ):
        """Index the stories of ``rows`` first seen at or after ``since`` (open) and the closed
        ones still continuable (latest report at or after ``since + window - lookback``)."""
        self.window = window
        self.lookback = lookback
        self.story_ids: list[str] = []
        self.position: dict[str, int] = {}  # open story id -> index position
        self.recent: dict[str, int] = {}  # closed but continuable story id -> index position
        self.state: list[int] = []  # position -> _OPEN, _RECENT or _GONE
        self.article_ids: list[list[str]] = []  # position -> its indexed (original) articles
        self.published: list[datetime | None] = []  # position -> its earliest publication time
        self.last_seen: list[datetime] = []  # position -> when its latest article was first seen
        self.memberships: dict[str, str] = {}
        self.features: dict[str, ArticleFeatures] = {}
        self.indexed_articles = 0  # articles of the open and continuable stories
        self.closed: set[str] = set()  # stories this index knows and holds closed for good
        self.retired: list[str] = []  # articles whose stories closed for good since the caller last took them
        self.filed: dict[str, ArticleFeatures] = {}  # features computed since the caller last took them
        self.successor: dict[str, str] = {}  # story id -> the latest story that continues it
        self._starts: list[tuple[datetime, int]] = []  # heap of open positions by first sighting
        self._closings: list[tuple[datetime, int]] = []  # heap of continuable positions by latest report
        stories = []
        for row in rows:
            if row.created < since and utc(row.updated) < since + window - lookback:
                self.closed.add(row.id)
                continue
            originals = [a for a in members[row.id] if not a.wire_of]
            for a in originals:
                self.features[a.id] = features.get(a.id) or article_features(a.to_article())
            stories.append([a.to_article() for a in originals])
            dated = [p for p in map(_published, members[row.id]) if p is not None]
            self._track(row.id, row.created, min(dated, default=None), [a.id for a in originals], utc(row.updated))
            self.memberships[row.id] = row.membership
        for row in sorted(rows, key=lambda r: (r.created, r.id)):
            if row.continues:
                self.successor[row.continues] = row.id
        self.index = StoryIndex(stories, features=self.features)
        self.close_before(since)

    def _track(
        self, story_id: str, seen: datetime, published: datetime | None, article_ids: list[str], last_seen: datetime
    ) -> None:
        position = len(self.story_ids)
        self.story_ids.append(story_id)
        self.position[story_id] = position
        self.state.append(self._OPEN)
        self.article_ids.append(article_ids)
        self.published.append(published)
        self.last_seen.append(last_seen)
        self.indexed_articles += len(article_ids)
        heapq.heappush(self._starts, (seen, position))

    def is_open(self, story_id: str | None) -> bool:
        return story_id is not None and story_id in self.position

    def close_before(self, moment: datetime) -> None:
        """Close every story first seen before ``moment`` (a window before now): it takes no more
        articles, and is looked at only for continuation while its latest report is within
        ``lookback`` of now; after that it is dropped from the index."""
        while self._starts and self._starts[0][0] < moment:
            _, position = heapq.heappop(self._starts)
            story_id = self.story_ids[position]
            del self.position[story_id]
            self.memberships.pop(story_id, None)
            self.state[position] = self._RECENT
            self.recent[story_id] = position
            for article_id in self.article_ids[position]:
                self.features.pop(article_id, None)
            heapq.heappush(self._closings, (self.last_seen[position], position))
        horizon = moment + self.window - self.lookback
        while self._closings and self._closings[0][0] < horizon:
            _, position = heapq.heappop(self._closings)
            self.index.close(position)
            story_id = self.story_ids[position]
            del self.recent[story_id]
            self.state[position] = self._GONE
            self.closed.add(story_id)
            self.indexed_articles -= len(self.article_ids[position])
            self.retired += self.article_ids[position]
            self.article_ids[position] = []

    def file(self, article: StoredArticle, features: ArticleFeatures | None = None) -> tuple[str, str | None]:
        """Put ``article`` into its open story, or a new one; returns the story id and, for a new
        story, the closed story it continues (or None).

        A new story continues the story the article would have joined but for time: closed
        (first seen more than ``window`` ago, its latest report within ``lookback``) or, for a dated
        article, begun by reports dated more than ``window`` before it. The tracker's own tests
        decide (text similarity, names and figures), so a templated sibling event stays apart.
        When that story has already been continued by a story now closed too, the link goes to
        the latest such one: a chain stays a line, and a digest compares with its newest post.
        """
        document = article.to_article()
        if features is None:
            features = self.filed[article.id] = article_features(document)  # kept in the store after filing
        published = _published(article)
        seen = utc(article.first_seen)

        def in_window(position: int) -> bool:
            start = self.published[position]
            return published is None or start is None or abs(published - start) <= self.window

        def joinable(position: int) -> bool:
            return self.state[position] == self._OPEN and in_window(position)

        def continuable(position: int) -> bool:
            if self.state[position] == self._RECENT:
                return self.last_seen[position] >= seen - self.lookback
            # open, but begun by reports dated more than a window before this one (a backlog)
            start = self.published[position]
            if self.state[position] != self._OPEN or published is None or start is None:
                return False
            return start < published - self.window

        def quiet(position: int) -> bool:
            return seen - self.last_seen[position] > QUIET_AFTER

        position, linked = self.index.add_linked(document, features, eligible=joinable, linkable=continuable, quiet=quiet)
        continues = None
        if position == len(self.story_ids):
            self._track(_story_id(article.id), seen, published, [], seen)
            if linked is not None:
                continues = self.story_ids[linked]
                while (later := self.successor.get(continues)) is not None and later in self.recent:
                    continues = later
                self.successor[continues] = self.story_ids[position]
        else:
            self.last_seen[position] = max(self.last_seen[position], seen)
            if published is not None:
                start = self.published[position]
                self.published[position] = published if start is None else min(start, published)
        self.article_ids[position].append(article.id)
        self.indexed_articles += 1
        self.features[article.id] = features
        return self.story_ids[position], continues

    def regroup(self, story_id: str, members: Callable[[], Mapping[str, StoredArticle]]) -> dict[str, list[str]]:
        """Cluster an open story's articles among themselves again (``StoryIndex.regroup``) and
        make each part that stands apart a new open story: returns the new story ids with their
        article ids (empty: nothing moved). ``members()``: the story's stored articles by id (first
        sightings and publication times of the parts), asked for only when a part moves. The
        caller makes sure no digest has posted the story."""
        position = self.position[story_id]
        ids = self.article_ids[position]
        parts = self.index.regroup(position, [self.features[i] for i in ids])
        moved: dict[str, list[str]] = {}
        stored = members() if parts else {}
        for part in parts:
            part_ids = [ids[k] for k in part]
            # not _story_id(first article) alone: that article may have opened the story it leaves
            new_id = _story_id(f"{part_ids[0]}|{story_id}")
            rows = [stored[i] for i in part_ids]
            dated = [p for p in map(_published, rows) if p is not None]
            seen = [utc(a.first_seen) for a in rows]
            self._track(new_id, min(seen), min(dated, default=None), part_ids, max(seen))
            self.indexed_articles -= len(part_ids)  # _track counted them again
            moved[new_id] = part_ids
        if moved:
            gone = {i for part in moved.values() for i in part}
            self.article_ids[position] = [i for i in ids if i not in gone]
        return moved

    def saw(self, row: StoryRow) -> None:
        """Note a story's latest report as stored (a late wire reprint extends a closed story's
        coverage too), so that the kept index and a rebuilt one agree on what is continuable."""
        position = self.recent.get(row.id, self.position.get(row.id))
        if position is not None:
            self.last_seen[position] = max(self.last_seen[position], utc(row.updated))

    def matches(self, rows: Sequence[StoryRow]) -> bool:
        """True when the index knows every one of these recent stories as the store has it: open
        with the same membership, or closed, continuable or not (a late reprint may still change
        a closed one)."""
        for row in rows:
            if row.id in self.position:
                if self.memberships.get(row.id) != row.membership:
                    return False
            elif row.id not in self.recent and row.id not in self.closed:
                return False
        return True


def _published(article: StoredArticle) -> datetime | None:
    """The article's publication time when the feed gave a plausible one (not after we first saw
    it), as an aware UTC datetime; None when unknown."""
    published = article.published
    if published is None:
        return None
    if not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day)
    published = utc(published)
    return published if published <= utc(article.first_seen) else None


@dataclass
class _Update:
    """One poll's filing, planned (:meth:`StoryTracker._plan`) and not yet stored."""

    opened: _OpenStories
    new: int  # articles filed
    assignments: dict[str, str]  # article id -> story id
    rows: list[StoryRow]  # the stories changed
    splits: list[Split]  # regroups of stored stories, dropped if a digest claims one first


class StoryTracker:
    """Assigns stored articles to stories and keeps each story's brief current."""

    #: Rebuild the kept index once the articles behind its document frequencies (stories closed
    #: for good included) outnumber the indexed ones (open or continuable) by this factor, so its
    #: memory follows the window and the continuation lookback.
    REBUILD_FACTOR = 3

    def __init__(self, store: Store, settings: StorySettings, clock: Callable[[], datetime]):
        self._store = store
        self._settings = settings
        self._clock = clock
        self._open: _OpenStories | None = None
        self._pruned: datetime | None = None

    def update(self) -> list[str]:
        """Put every unassigned article into a story. Returns the ids of stories that changed.

        An article joins the open story it belongs to; a story is open for ``window_hours``
        after its first article was seen, however many updates it gets since, and a dated
        article joins only a story whose earliest dated report is within that window of its own (a story that kept taking
        articles as long as they kept coming would absorb every later event written from the
        same template: match reports, rate decisions, weather warnings).
        """
        plan = self._plan()
        return self._apply(plan) if plan is not None else []

    def _plan(self) -> _Update | None:
        """:meth:`update`'s work up to storing it: where each unassigned article goes, the story
        rows that changed, and the regroups' splits (None: nothing to file)."""
        new = self._store.articles(unassigned=True)
        if not new:
            return None
        window = timedelta(hours=self._settings.window_hours)
        new.sort(key=lambda a: (a.first_seen, _published(a) or a.first_seen, a.id))
        opened = self._open_stories(new[0].first_seen - window, window)
        new_ids = {a.id for a in new}
        originals = self._originals(new)
        ingested = self._ingested_features([a.id for a in new if not a.wire_of])

        assignments: dict[str, str] = {}
        continues: dict[str, str] = {}  # new story id -> the closed story it carries on
        for article in new:
            original = originals.get(article.wire_of) if article.wire_of else None
            if original is not None and (original.id in new_ids or opened.is_open(original.story_id)):
                continue  # a reprint follows the report it reprints, below
            opened.close_before(article.first_seen - window)
            story_id, predecessor = opened.file(article, ingested.get(article.id))
            assignments[article.id] = story_id
            if predecessor is not None:
                continues[story_id] = predecessor
                _log.info("story %s continues %s", story_id, predecessor)
        moved, shrunk = self._regroup(opened, assignments, {a.id: a for a in new})
        # Reprints join the story of the report they reprint (wherever that is).
        for article in new:
            if article.id in assignments:
                continue
            original = originals.get(article.wire_of) if article.wire_of else None
            story = None
            if original is not None:
                story = assignments.get(original.id) or original.story_id
            assignments[article.id] = story or _story_id(article.id)

        by_id = {a.id: a for a in new} | moved
        joined: dict[str, list[StoredArticle]] = defaultdict(list)
        for article_id, story_id in assignments.items():
            joined[story_id].append(by_id[article_id])
        rows = []
        splits: list[Split] = []
        for story_id in sorted(set(joined) | set(shrunk)):
            previous = self._store.story(story_id)
            stored = self._store.articles(story_id=story_id) if previous else []
            rows.append(self._row(story_id, [a for a in stored if a.id not in moved] + joined[story_id], previous, continues.get(story_id)))
            if previous is not None and story_id in shrunk:
                # what to store instead should a digest claim the story before this poll stores
                # its work (another process may, any time after _regroup looked): all kept
                parts = shrunk[story_id]
                leaving = tuple(a for a, s in assignments.items() if s in parts)
                whole = stored + joined[story_id] + [by_id[a] for a in leaving]
                splits.append(Split(story_id, leaving, tuple(parts), self._row(story_id, whole, previous, previous.continues)))
        return _Update(opened, len(new), assignments, rows, splits)

    def _apply(self, plan: _Update) -> list[str]:
        """Store a :meth:`_plan` in one transaction; returns the ids of the stories changed."""
        opened, rows = plan.opened, plan.rows
        dropped = self._store.assign(plan.assignments, rows, splits=plan.splits)
        self._keep_features(opened)
        if dropped:
            _log.info("stories %s claimed by a digest meanwhile: their members stay", ", ".join(sorted(dropped)))
            kept = {s.story_id: s.whole for s in plan.splits if s.story_id in dropped}
            gone = {p for s in plan.splits if s.story_id in dropped for p in s.parts}
            rows = [kept.get(row.id, row) for row in rows if row.id not in gone]
            self._open = None  # the kept index has the splits: rebuilt from the store next poll
        else:
            for row in rows:
                opened.saw(row)
                if opened.is_open(row.id):
                    opened.memberships[row.id] = row.membership
        _log.info("%d new articles: %d stories changed", plan.new, len(rows))
        self._prune()
        return [row.id for row in rows]

    def _regroup(
        self, opened: _OpenStories, assignments: dict[str, str], new: Mapping[str, StoredArticle]
    ) -> tuple[dict[str, StoredArticle], dict[str, list[str]]]:
        """Re-cluster each open story this poll added to (three articles or more) that no digest
        has posted or claimed, among its own articles; a part that stands apart becomes a new
        story (``_OpenStories.regroup``). A newcomer that took another story while its own
        story's reports were still to come is moved out with them once they arrive, as a batch
        run would have grouped them. Posted stories are never touched: their members stay
        theirs. ``assignments`` gains the moved articles (earlier polls' ones and their wire
        reprints included); returns the stored articles moved that this poll did not bring, and
        the stories that lost articles."""
        grown = sorted({s for s in assignments.values() if opened.is_open(s)})
        grown = [s for s in grown if len(opened.article_ids[opened.position[s]]) >= 3]
        if not grown:
            return {}, {}
        posted = self._store.delivered_stories(grown)  # checked again as the poll stores its work (Split)
        moved: dict[str, StoredArticle] = {}
        shrunk: dict[str, list[str]] = {}
        for story_id in grown:
            if story_id in posted:
                continue
            members = functools.partial(self._members, story_id, assignments, new)
            parts = opened.regroup(story_id, members)
            if parts:
                shrunk[story_id] = list(parts)
                found = members()
            for new_id, ids in parts.items():
                leaving = set(ids)
                _log.info("story %s: %d articles stand apart, now story %s", story_id, len(ids), new_id)
                for article in found.values():
                    if article.id in leaving or (article.wire_of in leaving):
                        assignments[article.id] = new_id
                        if article.id not in new:
                            moved[article.id] = article
        if moved:  # with their texts: a new story's title and lead come from them
            moved = {a.id: a for a in self._store.articles(ids=list(moved))}
        return moved, shrunk

    def _members(
        self, story_id: str, assignments: Mapping[str, str], new: Mapping[str, StoredArticle]
    ) -> dict[str, StoredArticle]:
        """A story's stored articles (without texts: who, when, which reprints whom) and the
        poll's new ones filed into it, by id."""
        found = {a.id: a for a in self._store.articles(story_ids=[story_id], text=False)}
        found.update({i: new[i] for i, s in assignments.items() if s == story_id})
        return found

    def _prune(self) -> None:
        """Apply the retention setting, at most once an hour (of the tracker's clock)."""
        days = getattr(self._settings, "retention_days", 0)
        now = self._clock()
        if not days or (self._pruned is not None and now - self._pruned < timedelta(hours=1)):
            return
        self._pruned = now
        removed = self._store.prune(now - timedelta(days=days))
        if any(removed.values()):
            _log.info("retention (%g days): removed %s", days, ", ".join(f"{n} {what}" for what, n in removed.items() if n))

    def _open_stories(self, since: datetime, window: timedelta) -> _OpenStories:
        """The kept index of the stories first seen since ``since`` (open) or within the
        continuation lookback before it (closed), rebuilt when the store disagrees."""
        lookback = CONTINUATION_LOOKBACK * window
        # a story was created at or before its last update: older ones cannot be open, and one
        # whose latest report is older than the lookback cannot be continued
        rows = self._store.stories(updated_since=min(since, since + window - lookback) - timedelta(seconds=1))
        kept = self._open
        if kept is not None:
            kept.close_before(since)
            bloated = kept.index.article_count > self.REBUILD_FACTOR * kept.indexed_articles + 1000
            if kept.matches(rows) and not bloated:
                return kept
            _log.debug("rebuilding the story index (%s)", "bloated" if bloated else "the store changed")
        horizon = since + window - lookback
        wanted = [r.id for r in rows if r.created >= since or utc(r.updated) >= horizon]
        # who is in which story, without the texts: the features were kept when each was filed
        members: dict[str, list[StoredArticle]] = defaultdict(list)
        for article in self._store.articles(story_ids=wanted, text=False):
            members[article.story_id or ""].append(article)
        features = self._features([a.id for group in members.values() for a in group if not a.wire_of], kept)
        self._open = _OpenStories(rows, members, features, since, window, lookback)
        self._open.filed.clear()  # what the store already holds
        return self._open

    def _features(self, ids: list[str], kept: _OpenStories | None) -> dict[str, ArticleFeatures]:
        """Clustering features of these articles: from the kept index, else as the store kept
        them, else (an article filed by an older version, or unreadable) from its text again."""
        known = dict(kept.features) if kept else {}
        missing = [i for i in ids if i not in known]
        for article_id, blob in self._store.features(missing).items():
            try:
                known[article_id] = decode_features(blob)
            except ValueError as exc:
                _log.warning("article %s: %s; tokenising its text again", article_id, exc)
        again = [i for i in ids if i not in known]
        if again:
            fresh = {a.id: article_features(a.to_article()) for a in self._store.articles(ids=again)}
            known.update(fresh)
            self._store.save_features({i: encode_features(f) for i, f in fresh.items()})
        return known

    def _ingested_features(self, ids: list[str]) -> dict[str, ArticleFeatures]:
        """Features the fetch kept for new articles as it read them (``Ingestor``'s page
        workers); an article without (added otherwise, or unreadable) is tokenised when filed."""
        out: dict[str, ArticleFeatures] = {}
        for article_id, blob in self._store.features(ids).items():
            try:
                out[article_id] = decode_features(blob)
            except ValueError as exc:
                _log.warning("article %s: %s; tokenising its text again", article_id, exc)
        return out

    def _keep_features(self, opened: _OpenStories) -> None:
        """Store the features of newly filed articles and forget those of stories closed for good."""
        if opened.filed:
            self._store.save_features({i: encode_features(f) for i, f in opened.filed.items()})
            opened.filed.clear()
        if opened.retired:
            self._store.drop_features(opened.retired)
            opened.retired.clear()

    def _originals(self, new: Sequence[StoredArticle]) -> dict[str, StoredArticle]:
        """The reports that new wire reprints reprint, by id (new ones or stored ones)."""
        by_id = {a.id: a for a in new}
        wanted = sorted({a.wire_of for a in new if a.wire_of and a.wire_of not in by_id})
        found = {a.id: a for a in self._store.articles(ids=wanted)} if wanted else {}
        return {a.wire_of: by_id.get(a.wire_of) or found[a.wire_of] for a in new if a.wire_of and (a.wire_of in by_id or a.wire_of in found)}

    @staticmethod
    def _row(story_id: str, group: list[StoredArticle], previous: StoryRow | None, continues: str | None) -> StoryRow:
        unique = {a.id: a for a in group}
        group = sorted(unique.values(), key=lambda a: (a.first_seen, a.id))
        originals = [a for a in group if not a.wire_of]
        lead = max(originals or group, key=lambda a: (len(a.text), a.id)) if not previous else None
        title = previous.title if previous else (lead.title if lead and lead.title else _first_words(lead.text if lead else ""))
        return StoryRow(
            id=story_id,
            title=title,
            created=previous.created if previous else group[0].first_seen,
            updated=group[-1].first_seen,
            size=len(group),
            outlets=len({a.outlet for a in originals}) or 1,
            membership=membership_hash(list(unique)),
            continues=previous.continues if previous else continues,
        )

    def members(self, story_id: str) -> list[StoredArticle]:
        return self._store.articles(story_id=story_id)

    def brief(self, story: StoryRow) -> Brief:
        """The story's brief: from the cache while its membership is unchanged, else rebuilt."""
        if story.cached_brief:
            try:
                return brief_from_json(story.cached_brief)
            except (KeyError, TypeError, ValueError) as exc:
                _log.warning("cached brief of %s unreadable (%s): rebuilding", story.id, exc)
        single_threaded_blas()
        brief = self.fresh_brief(story)
        if isinstance(brief, SummarizerError):
            raise brief  # a bug in the summarizer as BriefFailed: this story fails, not every brief
        self._store.save_brief(story.id, story.membership, brief_to_json(brief))
        return brief

    def fresh_brief(self, story: StoryRow, max_words: int | None = None) -> Brief | SummarizerError:
        """The story's brief built now from its originals (``max_words`` as ``build_brief``'s),
        not read from or written to the cache; or why there is none, an unexpected error as
        :class:`BriefFailed`."""
        result = _build_brief(self._originals_of(story.id), max_words)
        if isinstance(result, SummarizerError):
            return result
        return replace(result, id=story.id, title=result.title or story.title)

    def briefs_of(
        self, stories: Sequence[StoryRow], *, workers: int | None = None
    ) -> Iterator[tuple[StoryRow, Brief | SummarizerError]]:
        """Each story with its brief (or the reason it has none: a :class:`SummarizerError`, an
        unexpected failure as :class:`BriefFailed`, for the caller to log with :func:`log_skipped`),
        in order, as :meth:`brief` gives them one at a time: cached briefs as they are, the others
        built and stored.

        Briefing is pure computation on the members' texts, the costliest step once many stories
        changed (about 70 ms of CPU a story): when at least ``_PARALLEL_BRIEFS`` are stale they
        are built in ``workers`` processes (default: one a CPU this process may use, at most
        ``MAX_BRIEF_WORKERS``; 1 builds them here). The store is read and written here, in this
        process only, one story at a time as the results come back in order."""
        workers = brief_workers() if workers is None else workers
        stale = [s for s in stories if not s.cached_brief]
        if workers <= 1 or len(stale) < _PARALLEL_BRIEFS:
            yield from self._briefs_here(stories)
            return
        pool = ProcessPoolExecutor(
            max_workers=min(workers, len(stale)),
            mp_context=multiprocessing.get_context("spawn"),  # a fresh interpreter: no fork of this one's threads
            initializer=_brief_worker,
        )
        try:
            # A bounded number of stories in flight: each worker has the next few queued, so it
            # never waits for this process, and the texts sent ahead stay few.
            pending = iter(stale)
            running: dict[str, Future[Brief | SummarizerError]] = {}
            ahead = _BRIEFS_AHEAD * workers

            def submit_more() -> None:
                while len(running) < ahead:
                    story = next(pending, None)
                    if story is None:
                        return
                    running[story.id] = pool.submit(_build_brief, self._originals_of(story.id))

            for story in stories:
                if story.cached_brief or pool is None:
                    yield from self._briefs_here([story])
                    continue
                submit_more()
                try:
                    result = running.pop(story.id).result()
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): the rest are built here, as with
                    # one worker; nothing is lost but the time.
                    _log.warning("a brief worker died: building the remaining briefs in this process")
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool, running = None, {}
                    yield from self._briefs_here([story])
                    continue
                if isinstance(result, SummarizerError):
                    yield story, result
                    continue
                brief = replace(result, id=story.id, title=result.title or story.title)
                self._store.save_brief(story.id, story.membership, brief_to_json(brief))
                yield story, brief
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _briefs_here(self, stories: Sequence[StoryRow]) -> Iterator[tuple[StoryRow, Brief | SummarizerError]]:
        """Each story's brief built (or read) in this process."""
        for story in stories:
            try:
                yield story, self.brief(story)
            except SummarizerError as exc:  # BriefFailed included: the others go on
                yield story, exc

    def _originals_of(self, story_id: str) -> list[Article]:
        """What a story's brief is built from: its original reports (its reprints when it has
        nothing else)."""
        members = self.members(story_id)
        return [a.to_article() for a in members if not a.wire_of] or [a.to_article() for a in members]

    def brief_or_none(self, story: StoryRow) -> Brief | None:
        """The story's brief, or None (logged) when it has no text to summarize.

        A story made only of captions or bylines, or one the summarizer fails on (a bug:
        :class:`BriefFailed`), must not fail a whole /brief or digest: callers skip it and the
        next story takes its place.
        """
        try:
            return self.brief(story)
        except SummarizerError as exc:
            log_skipped(story.id, exc)
            return None

    def reprints(self, story_id: str) -> dict[str, list[str]]:
        """Outlets that reprinted each original article of a story (wire copy)."""
        out: dict[str, list[str]] = {}
        for article in self.members(story_id):
            if article.wire_of:
                out.setdefault(article.wire_of, []).append(article.outlet)
        return out


def _first_words(text: str, n: int = 12) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


# ---------------------------------------------------------------------------------------------
# brief cache codec (every field, unlike Brief.to_dict which is the public JSON shape)


def _date_out(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


#: Fewer stale briefs than this are built here: starting worker processes costs about a second.
_PARALLEL_BRIEFS = 64
#: Stories queued a worker ahead of the one this process waits for (keeps each worker busy while
#: this process stores results; bounds the texts sent ahead).
_BRIEFS_AHEAD = 4
#: The most brief workers by default: each holds the summarizer and its caches (about 150 MB).
MAX_BRIEF_WORKERS = 4


def brief_workers() -> int:
    """Processes that build many briefs at once by default: one a CPU this process may run on
    (its affinity, not the machine's count), at most ``MAX_BRIEF_WORKERS``."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_BRIEF_WORKERS))


@functools.cache
def single_threaded_blas() -> None:
    """Keep numpy's BLAS to one thread in this process (done once, before the first brief).

    A brief makes thousands of small matrix products (sentences by terms); OpenBLAS runs each on
    every core and its threads then spin waiting for the next, which took about a third more CPU
    for the same 200 briefs (16.4 s against 10.9 s) and leaves no core free for the fetch threads
    or other brief workers. Parallelism comes from brief workers instead."""
    try:
        from threadpoolctl import threadpool_limits  # imported when briefing starts: it loads numpy's libraries
    except ImportError:  # pragma: no cover - a dependency; without it briefs are the same, only slower
        return
    import numpy  # noqa: F401 - threadpoolctl limits the BLAS libraries already loaded

    threadpool_limits(1, user_api="blas")


def _brief_worker() -> None:
    """A brief worker's set-up: one BLAS thread, and an end when this process ends."""
    exit_with_parent()
    single_threaded_blas()


class BriefFailed(SummarizerError):
    """The summarizer failed on a story with an unexpected error (a bug, not the story's text):
    that story is skipped, the others are briefed. Holds the error's type, message and
    traceback as text, so that it crosses the brief workers' process pool whatever it was."""

    def __init__(self, kind: str, message: str, trace: str = ""):
        super().__init__(kind, message, trace)
        self.kind, self.message, self.trace = kind, message, trace

    @classmethod
    def of(cls, exc: BaseException) -> BriefFailed:
        message = " ".join(str(exc).split())  # one line
        return cls(type(exc).__name__, message, "".join(traceback.format_exception(exc)))

    def __str__(self) -> str:
        return f"the summarizer failed: {self.kind}: {self.message}" if self.message else f"the summarizer failed: {self.kind}"


def log_skipped(story_id: str, exc: SummarizerError) -> None:
    """One warning line for a story with no brief; an unexpected failure's traceback at debug level."""
    _log.warning("story %s skipped: %s", story_id, exc)
    if isinstance(exc, BriefFailed) and exc.trace:
        _log.debug("story %s: %s", story_id, exc.trace.rstrip())


def _build_brief(originals: list[Article], max_words: int | None = None) -> Brief | SummarizerError:
    """The brief of a story's originals, or why there is none (an unexpected error as
    :class:`BriefFailed`, which pickles whatever the error was): a worker's job in
    :meth:`StoryTracker.briefs_of`, and :meth:`StoryTracker.fresh_brief`'s in this process."""
    from summarizer import build_brief  # loaded on first use (see summarizer/__init__.py)

    try:
        return build_brief(originals, max_words=max_words)
    except SummarizerError as exc:
        return exc
    except Exception as exc:  # a bug in the summarizer: this story fails, not the batch
        return BriefFailed.of(exc)


def brief_to_json(brief: Brief) -> str:
    def source(s: Source) -> dict[str, Any]:
        return {"id": s.id, "outlet": s.outlet, "title": s.title, "url": s.url, "published": _date_out(s.published)}

    def difference(d: Difference) -> dict[str, Any]:
        return {
            "kind": d.kind,
            "text": d.text,
            "sources": list(d.sources),
            "quote": d.quote,
            "subject": d.subject,
            "values": [{"value": v.value, "sources": list(v.sources), "quote": v.quote} for v in d.values],
        }

    return json.dumps(
        {
            "id": brief.id,
            "title": brief.title,
            "sources": [source(s) for s in brief.sources],
            "summary": [{"text": i.text, "sources": list(i.sources)} for i in brief.summary],
            "differences": [difference(d) for d in brief.differences],
        },
        ensure_ascii=False,
    )


def brief_from_json(text: str) -> Brief:
    data = json.loads(text)
    return Brief(
        id=data["id"],
        title=data["title"],
        sources=tuple(
            Source(s["id"], s["outlet"], s.get("title"), s.get("url"), _date_in(s.get("published"))) for s in data["sources"]
        ),
        summary=tuple(BriefItem(i["text"], tuple(i["sources"])) for i in data["summary"]),
        differences=tuple(
            Difference(
                kind=d["kind"],
                text=d["text"],
                sources=tuple(d["sources"]),
                quote=d.get("quote"),
                subject=d.get("subject"),
                values=tuple(FigureValue(v["value"], tuple(v["sources"]), v.get("quote")) for v in d.get("values", [])),
            )
            for d in data["differences"]
        ),
    )

