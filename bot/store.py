"""Where newsbrief keeps feeds, articles, stories and the delivery record.

``Store`` is the port: a small Protocol that the pipeline (ingest, stories, digests, service) uses
and nothing else. ``SqliteStore`` is the adapter shipped: one SQLite file in WAL mode (readers
never block the writer), schema migrations tracked in ``PRAGMA user_version``. A PostgreSQL
adapter would implement the same methods over the same tables (see ``SCHEMA``); nothing outside
this module writes SQL.

Errors are ``bot.errors.StoreError`` with one line naming the file and the problem (locked,
read-only, not a database). A failed write rolls back its whole transaction, so what was not
stored is fetched again next time: nothing is lost, nothing half-written.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

from summarizer import Article

from .errors import StoreError
from .fingerprint import bands

_log = logging.getLogger(__name__)

__all__ = [
    "Delivery",
    "FeedState",
    "Store",
    "SqliteStore",
    "StoredArticle",
    "StoryRow",
    "ThreadRecord",
    "open_store",
    "utc",
]


def utc(value: datetime) -> datetime:
    """An aware UTC datetime (naive values are taken to be UTC)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _ts(value: datetime | None) -> str | None:
    return utc(value).isoformat(timespec="seconds") if value is not None else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _published(value: str | None) -> date | datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


# ---------------------------------------------------------------------------------------------
# values


@dataclass(frozen=True)
class FeedState:
    """What is known about one feed: caching validators and its health."""

    url: str
    outlet: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0  # consecutive
    articles: int = 0


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the summarizer's ``Article`` plus identity and provenance."""

    id: str
    outlet: str
    text: str
    first_seen: datetime
    content_hash: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    guid: str | None = None
    feed_url: str | None = None
    published: date | datetime | None = None
    simhash: int = 0
    wire_of: str | None = None  # id of the earlier article this one reprints (wire copy)
    story_id: str | None = None
    set_aside: str | None = None  # why the page is no article (summarizer.page_check): never filed

    def to_article(self) -> Article:
        return Article(
            id=self.id, source=self.outlet, text=self.text, title=self.title, url=self.url, published=self.published
        )


@dataclass(frozen=True)
class Split:
    """A poll's regroup of a stored story that no digest had claimed when the poll looked:
    ``articles`` leave ``story_id`` for the new stories ``parts``. Should a digest claim the
    story before the poll stores its work, :meth:`Store.assign` drops the split: the articles
    stay and ``whole`` (the story's row with them all) is stored instead of the parts' rows."""

    story_id: str
    articles: tuple[str, ...]
    parts: tuple[str, ...]
    whole: StoryRow


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    created: datetime
    updated: datetime
    size: int  # articles, wire reprints included
    outlets: int  # independent reports (wire reprints counted once)
    membership: str  # hash of the member ids: changes whenever the story changes
    brief_membership: str | None = None  # membership the cached brief was built from
    brief_json: str | None = None
    continues: str | None = None  # id of the earlier, closed story this one carries on

    @property
    def cached_brief(self) -> str | None:
        """The stored brief's JSON when it was built from today's members, else None."""
        return self.brief_json if self.brief_json and self.brief_membership == self.membership else None


@dataclass(frozen=True)
class ThreadRecord:
    """A chat thread's last exchange as stored: its latest questions and the last answer (JSON)."""

    key: str
    questions: tuple[str, ...]
    answer_json: str
    updated: datetime


@dataclass(frozen=True)
class Delivery:
    """One item of one digest window for one target: claimed, then sent."""

    digest: str
    target: str
    window: str
    item_key: str
    kind: str
    state: str  # "claimed" | "sent"
    owner: str
    claimed_at: datetime
    story_id: str | None = None
    message_id: str | None = None
    snapshot: dict[str, Any] | None = None
    delivered_at: datetime | None = None


# ---------------------------------------------------------------------------------------------
# the port


class Store(Protocol):
    """Storage used by the pipeline. Implementations must make each method atomic."""

    def close(self) -> None: ...

    # feeds
    def feed(self, url: str) -> FeedState | None: ...
    def feeds(self) -> list[FeedState]: ...
    def record_feed(
        self,
        url: str,
        *,
        at: datetime,
        outlet: str | None = None,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        articles: Sequence[StoredArticle] = (),
        stored: int = 0,
    ) -> int:
        """Record one fetch of a feed and the new articles it brought, in one transaction."""
        ...

    # articles
    def find_duplicate(self, *, canonical_url: str | None, guid: str | None, feed_url: str | None, content_hash: str, outlet: str) -> str | None: ...
    def recent_keys(self, feed_url: str, *, limit: int) -> tuple[set[str], set[str]]: ...
    def wire_candidates(self, bands: Sequence[int], since: datetime, outlet: str) -> list[StoredArticle]: ...
    def add_articles(self, articles: Sequence[StoredArticle], *, features: Mapping[str, bytes] | None = None) -> int: ...
    def articles(self, *, ids: Iterable[str] | None = None, story_id: str | None = None, unassigned: bool = False, seen_since: datetime | None = None, set_aside: bool = False) -> list[StoredArticle]: ...
    def article_count(self) -> int: ...
    def first_seen(self) -> datetime | None: ...
    def set_aside_counts(self) -> dict[str, int]: ...
    def save_features(self, features: dict[str, bytes]) -> None: ...
    def features(self, ids: Iterable[str]) -> dict[str, bytes]: ...
    def drop_features(self, ids: Iterable[str]) -> None: ...
    def prune(self, before: datetime) -> dict[str, int]: ...

    # stories
    def assign(self, assignments: dict[str, str], stories: Sequence[StoryRow], *, splits: Sequence[Split] = ()) -> set[str]: ...
    def stories(self, *, updated_since: datetime | None = None, updated_until: datetime | None = None, limit: int | None = None) -> list[StoryRow]: ...
    def story(self, story_id: str) -> StoryRow | None: ...
    def story_ancestors(self, story_id: str, *, limit: int = 50) -> list[StoryRow]:
        """The stories ``story_id`` continues (``StoryRow.continues``, followed), nearest first."""
        ...
    def save_brief(self, story_id: str, membership: str, brief_json: str) -> None: ...

    # deliveries
    def claim(self, digest: str, target: str, window: str, item_key: str, *, kind: str, story_id: str | None, owner: str, at: datetime, stale_before: datetime) -> bool: ...
    def mark_sent(self, digest: str, target: str, window: str, item_key: str, *, message_id: str, snapshot: dict[str, Any] | None, at: datetime) -> None: ...
    def release(self, digest: str, target: str, window: str, item_key: str, *, owner: str) -> None: ...
    def deliveries(self, digest: str, target: str, window: str) -> dict[str, Delivery]: ...
    def delivered_stories(self, story_ids: Iterable[str]) -> set[str]: ...
    def last_story_delivery(self, target: str, story_id: str, *, before_window: str | None = None) -> Delivery | None: ...
    def first_story_delivery(self, target: str, story_id: str) -> Delivery | None: ...
    def last_window(self, digest: str, target: str, *, before: str) -> str | None: ...
    def last_posts(self) -> dict[tuple[str, str], datetime]: ...
    def story_memberships(self, *, updated_since: datetime | None = None) -> dict[str, str]: ...

    # chat threads
    def thread(self, key: str) -> ThreadRecord | None: ...
    def save_thread(self, key: str, *, questions: Sequence[str], answer_json: str, at: datetime, keep: timedelta) -> None: ...


# ---------------------------------------------------------------------------------------------
# SQLite

#: Migrations, applied in order; ``PRAGMA user_version`` is the number applied so far.
SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        outlet TEXT,
        etag TEXT,
        last_modified TEXT,
        last_attempt TEXT,
        last_success TEXT,
        last_error TEXT,
        last_error_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        outlet TEXT NOT NULL,
        title TEXT,
        url TEXT,
        canonical_url TEXT,
        guid TEXT,
        feed_url TEXT,
        published TEXT,
        first_seen TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        simhash INTEGER NOT NULL DEFAULT 0,
        band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
        wire_of TEXT REFERENCES articles(id),
        story_id TEXT
    );
    CREATE UNIQUE INDEX articles_canonical ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
    CREATE INDEX articles_guid ON articles(feed_url, guid);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_band0 ON articles(band0);
    CREATE INDEX articles_band1 ON articles(band1);
    CREATE INDEX articles_band2 ON articles(band2);
    CREATE INDEX articles_band3 ON articles(band3);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_seen ON articles(first_seen);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        size INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        membership TEXT NOT NULL,
        brief_membership TEXT,
        brief_json TEXT
    );
    CREATE INDEX stories_updated ON stories(updated);
    CREATE TABLE deliveries (
        digest TEXT NOT NULL,
        target TEXT NOT NULL,
        window TEXT NOT NULL,
        item_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        story_id TEXT,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'sent')),
        owner TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        message_id TEXT,
        snapshot TEXT,
        delivered_at TEXT,
        PRIMARY KEY (digest, target, window, item_key)
    );
    CREATE INDEX deliveries_story ON deliveries(target, story_id, delivered_at);
    """,
    # 2: a story that opens after an earlier one closed (its window is up) while still covering
    # the same events records which story it carries on, so digests can follow up instead of
    # posting it afresh. NULL for stories of their own and for every story filed before.
    """
    ALTER TABLE stories ADD COLUMN continues TEXT REFERENCES stories(id);
    """,
    # 3: each chat thread's last exchange (its latest questions and the answer to the last one),
    # so that a follow-up builds on that answer, across restarts, without re-asking the thread.
    """
    CREATE TABLE threads (
        key TEXT PRIMARY KEY,
        questions TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX threads_updated ON threads(updated);
    """,
    # 4: pages that are no article (site notices, walls, error pages, near-empty pages) are
    # stored, so that they are not fetched and judged again, but never filed: ``set_aside`` says
    # why (NULL for every article stored before, all of which were filed). The clustering
    # features of articles in open stories are kept, so that a new process files the next
    # poll's articles without tokenising the window again.
    """
    ALTER TABLE articles ADD COLUMN set_aside TEXT;
    CREATE INDEX articles_set_aside ON articles(set_aside) WHERE set_aside IS NOT NULL;
    CREATE TABLE article_features (
        id TEXT PRIMARY KEY REFERENCES articles(id),
        data BLOB NOT NULL
    );
    """,
)


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        why = "the database is locked by another process (is another newsbrief writing to it?)"
    elif "readonly" in text or "read-only" in text:
        why = "the database is read-only (check the file's and its folder's permissions)"
    elif "not a database" in text or "malformed" in text:
        why = "not a newsbrief database, or the file is damaged"
    elif "unable to open" in text:
        why = "cannot open the database file (does its folder exist and is it writable?)"
    elif "disk" in text and "full" in text:
        why = "the disk is full"
    else:
        why = f"database error ({exc})"
    return StoreError(f"{path}: {why}")


class SqliteStore:
    """The ``Store`` over one SQLite file (or ``":memory:"``).

    One connection, guarded by a lock, shared by the event loop and worker threads: the pipeline
    does little I/O per call and SQLite serialises writers anyway.
    """

    def __init__(self, path: str | Path = ":memory:", *, busy_timeout: float = 5.0, readonly: bool = False):
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if not readonly:
                if self.path != ":memory:":
                    self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # a read-only reader of an older file has no set_aside column
            self._article_columns = [r[1] for r in self._db.execute("PRAGMA table_info(articles)")]
            self._columns_v3 = "set_aside" in self._article_columns
        except sqlite3.Error as exc:
            raise _store_error(self.path, exc) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the database folder ({exc.strerror or exc})") from None

    # -- plumbing --------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(SCHEMA):
            raise StoreError(
                f"{self.path}: the database is from a newer newsbrief (schema {version}, this one knows {len(SCHEMA)})"
            )
        for number in range(version, len(SCHEMA)):
            with self._write():
                for statement in SCHEMA[number].split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
            _log.info("%s: schema migrated to version %d", self.path, number + 1)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; everything in it is stored or nothing is."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _store_error(self.path, exc) from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                try:
                    self._db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise _store_error(self.path, exc) from None
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise _store_error(self.path, exc) from None

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover - closing never matters
                pass

    @property
    def schema_version(self) -> int:
        return self._read("PRAGMA user_version")[0][0]

    # -- feeds -----------------------------------------------------------------------------

    @staticmethod
    def _feed(row: sqlite3.Row) -> FeedState:
        return FeedState(
            url=row["url"],
            outlet=row["outlet"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            last_attempt=_dt(row["last_attempt"]),
            last_success=_dt(row["last_success"]),
            last_error=row["last_error"],
            last_error_at=_dt(row["last_error_at"]),
            failures=row["failures"],
            articles=row["articles"],
        )

    def feed(self, url: str) -> FeedState | None:
        rows = self._read("SELECT * FROM feeds WHERE url = ?", (url,))
        return self._feed(rows[0]) if rows else None

    def feeds(self) -> list[FeedState]:
        return [self._feed(r) for r in self._read("SELECT * FROM feeds ORDER BY url")]

    def record_feed(
        self,
        url: str,
        *,
        at: datetime,
        outlet: str | None = None,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        articles: Sequence[StoredArticle] = (),
        stored: int = 0,
    ) -> int:
        """Record a fetch of a feed (with its new articles, in the same transaction); returns how
        many of ``articles`` were new to the store. ``stored``: articles of this fetch already
        stored by ``add_articles`` (counted in the feed's total)."""
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (url,))
            added = 0
            if error is None:
                added = self._insert_articles(db, articles)
                db.execute(
                    """UPDATE feeds SET outlet = COALESCE(?, outlet), etag = COALESCE(?, etag),
                       last_modified = COALESCE(?, last_modified), last_attempt = ?, last_success = ?,
                       failures = 0, articles = articles + ? WHERE url = ?""",
                    (outlet, etag, last_modified, _ts(at), _ts(at), added + stored, url),
                )
            else:
                db.execute(
                    """UPDATE feeds SET outlet = COALESCE(?, outlet), last_attempt = ?, last_error = ?,
                       last_error_at = ?, failures = failures + 1, articles = articles + ? WHERE url = ?""",
                    (outlet, _ts(at), error, _ts(at), stored, url),
                )
            return added

    # -- articles --------------------------------------------------------------------------

    @staticmethod
    def _article(row: sqlite3.Row) -> StoredArticle:
        return StoredArticle(
            id=row["id"],
            outlet=row["outlet"],
            text=row["text"],
            first_seen=_dt(row["first_seen"]) or datetime.now(timezone.utc),
            content_hash=row["content_hash"],
            title=row["title"],
            url=row["url"],
            canonical_url=row["canonical_url"],
            guid=row["guid"],
            feed_url=row["feed_url"],
            published=_published(row["published"]),
            simhash=row["simhash"],
            wire_of=row["wire_of"],
            story_id=row["story_id"],
            set_aside=row["set_aside"] if "set_aside" in row.keys() else None,  # noqa: SIM118
        )

    def find_duplicate(
        self, *, canonical_url: str | None, guid: str | None, feed_url: str | None, content_hash: str, outlet: str
    ) -> str | None:
        """Id of an article that is this one again: same URL, same GUID in the same feed, or the
        same text from the same outlet (the same text from another outlet is wire copy, not a
        duplicate: see ``wire_candidates``)."""
        # One statement, not one per key: fetching runs this for every new entry, from worker
        # threads, and each statement gives up the GIL and waits to get it back behind the threads
        # parsing and cleaning (at 10,000 articles, three queries an entry cost ~20 s of a fetch).
        parts: list[str] = []
        params: list[Any] = []
        if canonical_url:
            parts.append("SELECT 0 AS k, rowid AS r, id FROM articles WHERE canonical_url = ?")
            params.append(canonical_url)
        if guid and feed_url:
            parts.append("SELECT 1 AS k, rowid AS r, id FROM articles WHERE feed_url = ? AND guid = ?")
            params += [feed_url, guid]
        parts.append("SELECT 2 AS k, rowid AS r, id FROM articles WHERE content_hash = ? AND outlet = ?")
        params += [content_hash, outlet]
        rows = self._read(" UNION ALL ".join(parts) + " ORDER BY k, r LIMIT 1", params)
        return rows[0]["id"] if rows else None

    def recent_keys(self, feed_url: str, *, limit: int) -> tuple[set[str], set[str]]:
        """Canonical URLs and GUIDs of the ``limit`` articles (or pages set aside) of this feed
        stored last: what its next listing mostly repeats."""
        rows = self._read(
            "SELECT canonical_url, guid FROM articles WHERE feed_url = ? ORDER BY first_seen DESC LIMIT ?", (feed_url, int(limit))
        )
        return {r["canonical_url"] for r in rows if r["canonical_url"]}, {r["guid"] for r in rows if r["guid"]}

    def wire_candidates(self, bands: Sequence[int], since: datetime, outlet: str) -> list[StoredArticle]:
        """Original (non-reprint) articles of other outlets seen since ``since`` that share a
        simhash band: the only ones worth comparing for wire copy."""
        rows = self._read(
            """SELECT * FROM articles WHERE (band0 = ? OR band1 = ? OR band2 = ? OR band3 = ?)
               AND first_seen >= ? AND outlet != ? AND wire_of IS NULL AND set_aside IS NULL
               ORDER BY first_seen, id""",
            (*bands, _ts(since), outlet),
        )
        return [self._article(r) for r in rows]

    def _insert_articles(self, db: sqlite3.Connection, articles: Sequence[StoredArticle]) -> int:
        """Insert what is not stored yet; returns how many rows were new (another process may have
        stored some of them since they were checked)."""
        if not articles:
            return 0
        cursor = db.executemany(
            """INSERT OR IGNORE INTO articles (id, outlet, title, url, canonical_url, guid, feed_url, published,
               first_seen, text, content_hash, simhash, band0, band1, band2, band3, wire_of, story_id, set_aside)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    a.id, a.outlet, a.title, a.url, a.canonical_url, a.guid, a.feed_url,
                    a.published.isoformat() if a.published else None, _ts(a.first_seen), a.text,
                    a.content_hash, a.simhash, *bands(a.simhash), a.wire_of, a.story_id, a.set_aside,
                )
                for a in articles
            ],
        )
        return max(cursor.rowcount, 0)

    def add_articles(self, articles: Sequence[StoredArticle], *, features: Mapping[str, bytes] | None = None) -> int:
        """Store articles (those already stored are left alone); returns how many were new.

        ``features``: clustering features (encoded) of some of them, computed while they were
        read, kept in the same transaction so that filing need not tokenise them again; an
        article that already has features keeps its own."""
        with self._write() as db:
            added = self._insert_articles(db, articles)
            if features:
                db.executemany(
                    "INSERT OR IGNORE INTO article_features (id, data) VALUES (?, ?)",
                    [(a.id, features[a.id]) for a in articles if a.id in features],
                )
            return added

    def articles(
        self,
        *,
        ids: Iterable[str] | None = None,
        story_id: str | None = None,
        unassigned: bool = False,
        seen_since: datetime | None = None,
        set_aside: bool = False,
        story_ids: Iterable[str] | None = None,
        text: bool = True,
        _where: str | None = None,
        _params: Sequence[Any] = (),
    ) -> list[StoredArticle]:
        """Stored articles, oldest first; pages set aside as no article only with ``set_aside``
        (they are in no story, and no answer or brief may cite them). ``story_ids``: the articles
        of these stories; ``text=False`` leaves the texts out (``""``), for callers that need
        only who is in which story."""
        where: list[str] = []
        params: list[Any] = []
        if story_ids is not None:
            story_list = list(story_ids)
            if not story_list:
                return []
            out: list[StoredArticle] = []
            for start in range(0, len(story_list), 500):
                chunk = story_list[start:start + 500]
                out += self.articles(ids=ids, story_id=story_id, unassigned=unassigned, seen_since=seen_since,
                                     set_aside=set_aside, text=text, _where=f"story_id IN ({','.join('?' * len(chunk))})",
                                     _params=chunk)
            return sorted(out, key=lambda a: (a.first_seen, a.id))
        if _where:
            where.append(_where)
            params += list(_params)
        if not set_aside and self._columns_v3:
            where.append("set_aside IS NULL")
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            where.append(f"id IN ({','.join('?' * len(id_list))})")
            params += id_list
        if story_id is not None:
            where.append("story_id = ?")
            params.append(story_id)
        if unassigned:
            where.append("story_id IS NULL")
        if seen_since is not None:
            where.append("first_seen >= ?")
            params.append(_ts(seen_since))
        columns = "*" if text else ", ".join("'' AS text" if c == "text" else c for c in self._article_columns)
        sql = f"SELECT {columns} FROM articles" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY first_seen, id"
        return [self._article(r) for r in self._read(sql, params)]

    def article_count(self) -> int:
        """Articles stored (pages set aside as no article not counted)."""
        where = " WHERE set_aside IS NULL" if self._columns_v3 else ""
        return self._read("SELECT count(*) FROM articles" + where)[0][0]

    def set_aside_counts(self) -> dict[str, int]:
        """Pages stored but set aside as no article, counted by reason (``summarizer.page_check``)."""
        if not self._columns_v3:
            return {}
        rows = self._read("SELECT set_aside, count(*) AS n FROM articles WHERE set_aside IS NOT NULL GROUP BY set_aside")
        return {r["set_aside"]: r["n"] for r in rows}

    # -- clustering features ---------------------------------------------------------------

    def save_features(self, features: dict[str, bytes]) -> None:
        """Keep articles' clustering features (encoded by the caller), by article id."""
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO article_features (id, data) VALUES (?, ?)", list(features.items()))

    def features(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The kept clustering features of these articles (those that have some)."""
        out: dict[str, bytes] = {}
        id_list = list(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start:start + 500]
            rows = self._read(f"SELECT id, data FROM article_features WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            out.update({r["id"]: r["data"] for r in rows})
        return out

    def drop_features(self, ids: Iterable[str]) -> None:
        """Forget the features of articles whose stories can take no more (closed for good)."""
        id_list = list(ids)
        with self._write() as db:
            for start in range(0, len(id_list), 500):
                chunk = id_list[start:start + 500]
                db.execute(f"DELETE FROM article_features WHERE id IN ({','.join('?' * len(chunk))})", chunk)

    def first_seen(self) -> datetime | None:
        """When the store's first article was stored (None: no article yet)."""
        return _dt(self._read("SELECT min(first_seen) FROM articles")[0][0])

    # -- stories ---------------------------------------------------------------------------

    @staticmethod
    def _story(row: sqlite3.Row) -> StoryRow:
        return StoryRow(
            id=row["id"],
            title=row["title"],
            created=_dt(row["created"]) or datetime.now(timezone.utc),
            updated=_dt(row["updated"]) or datetime.now(timezone.utc),
            size=row["size"],
            outlets=row["outlets"],
            membership=row["membership"],
            brief_membership=row["brief_membership"],
            brief_json=row["brief_json"],
            # a read-only reader of an older file has no such column (Row's own `in` tests values)
            continues=row["continues"] if "continues" in row.keys() else None,  # noqa: SIM118
        )

    def assign(self, assignments: dict[str, str], stories: Sequence[StoryRow], *, splits: Sequence[Split] = ()) -> set[str]:
        """Put articles in stories and update those stories, in one transaction.

        A story's ``continues`` link is written when the story is first stored and never
        changed after: digests have followed it up by then. Each of ``splits`` whose story a
        digest has posted or claimed by now (in another process, since the caller looked) is
        dropped here, under the write lock a claim needs too: a posted story never loses
        members. Returns the ids of the stories whose split was dropped."""
        dropped: set[str] = set()
        with self._write() as db:
            if splits:
                marks = ",".join("?" * len(splits))
                claimed = {
                    r[0]
                    for r in db.execute(
                        f"SELECT DISTINCT story_id FROM deliveries WHERE story_id IN ({marks})", [s.story_id for s in splits]
                    )
                }
                if claimed:
                    assignments = dict(assignments)
                    rows = {s.id: s for s in stories}
                    for split in splits:
                        if split.story_id in claimed:
                            assignments.update((a, split.story_id) for a in split.articles)
                            for part in split.parts:
                                rows.pop(part, None)
                            rows[split.story_id] = split.whole
                            dropped.add(split.story_id)
                    stories = list(rows.values())
            db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(s, a) for a, s in assignments.items()])
            db.executemany(
                """INSERT INTO stories (id, title, created, updated, size, outlets, membership, continues)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated = excluded.updated,
                   size = excluded.size, outlets = excluded.outlets, membership = excluded.membership""",
                [
                    (s.id, s.title, _ts(s.created), _ts(s.updated), s.size, s.outlets, s.membership, s.continues)
                    for s in stories
                ],
            )
        return dropped

    def stories(
        self, *, updated_since: datetime | None = None, updated_until: datetime | None = None, limit: int | None = None
    ) -> list[StoryRow]:
        where: list[str] = []
        params: list[Any] = []
        if updated_since is not None:
            where.append("updated > ?")
            params.append(_ts(updated_since))
        if updated_until is not None:
            where.append("updated <= ?")
            params.append(_ts(updated_until))
        sql = "SELECT * FROM stories" + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " ORDER BY updated DESC, outlets DESC, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [self._story(r) for r in self._read(sql, params)]

    def story(self, story_id: str) -> StoryRow | None:
        rows = self._read("SELECT * FROM stories WHERE id = ?", (story_id,))
        return self._story(rows[0]) if rows else None

    def story_ancestors(self, story_id: str, *, limit: int = 50) -> list[StoryRow]:
        """The stories ``story_id`` continues, nearest first: its ``continues``, that story's, and
        so on (at most ``limit``; a link to a story no longer stored ends the chain)."""
        rows = self._read(
            """WITH RECURSIVE chain(id, depth) AS (
                   SELECT continues, 1 FROM stories WHERE id = ? AND continues IS NOT NULL
                   UNION ALL
                   SELECT s.continues, chain.depth + 1 FROM stories s JOIN chain ON s.id = chain.id
                   WHERE s.continues IS NOT NULL AND chain.depth < ?
               )
               SELECT stories.* FROM chain JOIN stories ON stories.id = chain.id ORDER BY chain.depth""",
            (story_id, int(limit)),
        )
        return [self._story(r) for r in rows]

    def save_brief(self, story_id: str, membership: str, brief_json: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE stories SET brief_membership = ?, brief_json = ? WHERE id = ?", (membership, brief_json, story_id)
            )

    # -- retention -------------------------------------------------------------------------

    def prune(self, before: datetime) -> dict[str, int]:
        """Delete what is older than ``before``, in one transaction: stories whose latest report
        is older (with their articles and features), pages set aside as no article first seen
        before it, and delivery records of windows delivered before it. Returns counts by table.

        The caller keeps ``before`` behind every window that can still change: a story updated
        since is open or may still be continued and is kept whole, with every delivery record
        that a follow-up of it replies to (a story's first post is never older than its latest
        report). Articles not yet filed are kept whatever their age. Freed pages are reused by
        later writes, so the file stops growing once the retention period is full.
        """
        cutoff = _ts(before)
        with self._write() as db:
            old = "SELECT id FROM stories WHERE updated < ?"
            features = db.execute(
                f"DELETE FROM article_features WHERE id IN (SELECT id FROM articles WHERE story_id IN ({old}))", (cutoff,)
            ).rowcount
            articles = db.execute(f"DELETE FROM articles WHERE story_id IN ({old})", (cutoff,)).rowcount
            aside = db.execute("DELETE FROM articles WHERE set_aside IS NOT NULL AND first_seen < ?", (cutoff,)).rowcount
            stories = db.execute("DELETE FROM stories WHERE updated < ?", (cutoff,)).rowcount
            deliveries = db.execute(
                "DELETE FROM deliveries WHERE state = 'sent' AND delivered_at < ?", (cutoff,)
            ).rowcount
        return {"stories": stories, "articles": articles, "set_aside": aside, "features": features, "deliveries": deliveries}

    # -- deliveries ------------------------------------------------------------------------

    @staticmethod
    def _delivery(row: sqlite3.Row) -> Delivery:
        return Delivery(
            digest=row["digest"],
            target=row["target"],
            window=row["window"],
            item_key=row["item_key"],
            kind=row["kind"],
            state=row["state"],
            owner=row["owner"],
            claimed_at=_dt(row["claimed_at"]) or datetime.now(timezone.utc),
            story_id=row["story_id"],
            message_id=row["message_id"],
            snapshot=json.loads(row["snapshot"]) if row["snapshot"] else None,
            delivered_at=_dt(row["delivered_at"]),
        )

    def claim(
        self,
        digest: str,
        target: str,
        window: str,
        item_key: str,
        *,
        kind: str,
        story_id: str | None,
        owner: str,
        at: datetime,
        stale_before: datetime,
    ) -> bool:
        """Take the right to post one item. False when it was sent, or when another live owner
        holds a fresh claim. A claim older than ``stale_before`` (its owner died mid-post) or one
        held by ``owner`` itself is taken over."""
        with self._write() as db:
            row = db.execute(
                "SELECT state, owner, claimed_at FROM deliveries WHERE digest = ? AND target = ? AND window = ? AND item_key = ?",
                (digest, target, window, item_key),
            ).fetchone()
            if row is not None:
                if row["state"] == "sent":
                    return False
                claimed_at = _dt(row["claimed_at"])
                if row["owner"] != owner and claimed_at is not None and claimed_at >= utc(stale_before) and _owner_alive(row["owner"]):
                    return False
            db.execute(
                """INSERT INTO deliveries (digest, target, window, item_key, kind, story_id, state, owner, claimed_at)
                   VALUES (?, ?, ?, ?, ?, ?, 'claimed', ?, ?)
                   ON CONFLICT(digest, target, window, item_key) DO UPDATE SET
                   kind = excluded.kind, story_id = excluded.story_id, state = 'claimed',
                   owner = excluded.owner, claimed_at = excluded.claimed_at""",
                (digest, target, window, item_key, kind, story_id, owner, _ts(at)),
            )
            return True

    def mark_sent(
        self,
        digest: str,
        target: str,
        window: str,
        item_key: str,
        *,
        message_id: str,
        snapshot: dict[str, Any] | None,
        at: datetime,
    ) -> None:
        with self._write() as db:
            db.execute(
                """UPDATE deliveries SET state = 'sent', message_id = ?, snapshot = ?, delivered_at = ?
                   WHERE digest = ? AND target = ? AND window = ? AND item_key = ?""",
                (message_id, json.dumps(snapshot) if snapshot is not None else None, _ts(at), digest, target, window, item_key),
            )

    def release(self, digest: str, target: str, window: str, item_key: str, *, owner: str) -> None:
        with self._write() as db:
            db.execute(
                """DELETE FROM deliveries WHERE digest = ? AND target = ? AND window = ? AND item_key = ?
                   AND state = 'claimed' AND owner = ?""",
                (digest, target, window, item_key, owner),
            )

    def deliveries(self, digest: str, target: str, window: str) -> dict[str, Delivery]:
        rows = self._read(
            "SELECT * FROM deliveries WHERE digest = ? AND target = ? AND window = ?", (digest, target, window)
        )
        return {r["item_key"]: self._delivery(r) for r in rows}

    def delivered_stories(self, story_ids: Iterable[str]) -> set[str]:
        """Those of ``story_ids`` that any digest has posted or claimed for posting, to any target."""
        wanted = sorted(set(story_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start: start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT DISTINCT story_id FROM deliveries WHERE story_id IN ({marks})", chunk)
            found.update(r["story_id"] for r in rows)
        return found

    def last_story_delivery(self, target: str, story_id: str, *, before_window: str | None = None) -> Delivery | None:
        """The latest post of a story to a target (any digest), outside the given window."""
        sql = "SELECT * FROM deliveries WHERE target = ? AND story_id = ? AND state = 'sent'"
        params: list[Any] = [target, story_id]
        if before_window is not None:
            sql += " AND window != ?"
            params.append(before_window)
        rows = self._read(sql + " ORDER BY delivered_at DESC LIMIT 1", params)
        return self._delivery(rows[0]) if rows else None

    def first_story_delivery(self, target: str, story_id: str) -> Delivery | None:
        """The first full post of a story to a target: what follow-ups reply to."""
        rows = self._read(
            """SELECT * FROM deliveries WHERE target = ? AND story_id = ? AND state = 'sent' AND kind = 'story'
               ORDER BY delivered_at LIMIT 1""",
            (target, story_id),
        )
        return self._delivery(rows[0]) if rows else None

    def last_window(self, digest: str, target: str, *, before: str) -> str | None:
        """The latest window, other than ``before`` (the current one), with something sent to this target."""
        rows = self._read(
            """SELECT window FROM deliveries WHERE digest = ? AND target = ? AND state = 'sent' AND window != ?
               ORDER BY delivered_at DESC LIMIT 1""",
            (digest, target, before),
        )
        return rows[0]["window"] if rows else None

    def last_posts(self) -> dict[tuple[str, str], datetime]:
        """When something was last posted to each (digest, target): what ``status`` shows."""
        rows = self._read(
            "SELECT digest, target, max(delivered_at) AS last FROM deliveries WHERE state = 'sent' GROUP BY digest, target"
        )
        return {(r["digest"], r["target"]): at for r in rows if (at := _dt(r["last"])) is not None}

    def story_memberships(self, *, updated_since: datetime | None = None) -> dict[str, str]:
        """``{story id: membership hash}`` of the stories updated after ``updated_since`` (all when
        None): a cheap way to see which stories changed without reading them."""
        if updated_since is None:
            rows = self._read("SELECT id, membership FROM stories")
        else:
            rows = self._read("SELECT id, membership FROM stories WHERE updated > ?", (_ts(updated_since),))
        return {r["id"]: r["membership"] for r in rows}

    # -- chat threads ----------------------------------------------------------------------

    def thread(self, key: str) -> ThreadRecord | None:
        rows = self._read("SELECT * FROM threads WHERE key = ?", (key,))
        if not rows:
            return None
        row = rows[0]
        return ThreadRecord(
            key=row["key"],
            questions=tuple(json.loads(row["questions"])),
            answer_json=row["answer"],
            updated=_dt(row["updated"]) or datetime.now(timezone.utc),
        )

    def save_thread(self, key: str, *, questions: Sequence[str], answer_json: str, at: datetime, keep: timedelta) -> None:
        """Remember a thread's last exchange; threads quiet for longer than ``keep`` are forgotten."""
        with self._write() as db:
            db.execute(
                """INSERT INTO threads (key, questions, answer, updated) VALUES (?, ?, ?, ?)
                   ON CONFLICT(key) DO UPDATE SET questions = excluded.questions, answer = excluded.answer,
                   updated = excluded.updated""",
                (key, json.dumps(list(questions)), answer_json, _ts(at)),
            )
            db.execute("DELETE FROM threads WHERE updated < ?", (_ts(utc(at) - keep),))


def _owner_alive(owner: str) -> bool:
    """Whether the process behind an owner token ("host:pid:nonce") may still be running.

    A claim by a dead process on this host is stale at once: a crash mid-delivery must not delay
    the restart's catch-up. Owners on other hosts are trusted until their claim times out.
    """
    parts = owner.split(":")
    if len(parts) < 2 or parts[0] != socket.gethostname():
        return True
    try:
        pid = int(parts[1])
    except ValueError:
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_store(path: Path | None, *, busy_timeout: float = 5.0) -> SqliteStore:
    """The configured store: a file, or an in-memory database when ``path`` is None."""
    return SqliteStore(path if path is not None else ":memory:", busy_timeout=busy_timeout)
