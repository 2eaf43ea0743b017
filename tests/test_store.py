"""The SQLite store: migrations, a locked or read-only database (clear error, nothing lost)."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import datetime, timezone

import pytest

from bot.app import build_service
from bot.errors import StoreError
from bot.store import SCHEMA, SqliteStore, StoryRow

from feed_server import FeedServer, rss_feed
from conftest import unprivileged_prefix
from pipeline_fixtures import BRIDGE, FESTIVAL, long_text, make_config


def test_new_file_is_migrated_in_wal_mode(tmp_path):
    store = SqliteStore(tmp_path / "sub" / "news.db")
    assert store.schema_version == len(SCHEMA)
    assert store._read("PRAGMA journal_mode")[0][0] == "wal"
    store.close()
    again = SqliteStore(tmp_path / "sub" / "news.db")  # reopening does not re-run migrations
    assert again.schema_version == len(SCHEMA)
    again.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "news.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {len(SCHEMA) + 1}")
    with pytest.raises(StoreError, match="newer newsbrief"):
        SqliteStore(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "news.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a newsbrief database"):
        SqliteStore(path)


def _feed_config(tmp_path, server):
    server.route("/a", rss_feed("A", [{"title": "Bridge", "link": server.url("/a/1"), "guid": "1", "content": long_text(BRIDGE)}], etag='"e1"'))
    server.route("/b", rss_feed("B", [{"title": "Festival", "link": server.url("/b/1"), "guid": "1", "content": long_text(FESTIVAL)}]))
    return make_config(tmp_path, f'\n[[feeds]]\nurl = "{server.url("/a")}"\n[[feeds]]\nurl = "{server.url("/b")}"\n')


def test_locked_database_is_a_clear_error_and_nothing_is_lost(tmp_path):
    with FeedServer() as server:
        config = _feed_config(tmp_path, server)
        build_service(config).close()  # create the file
        locker = sqlite3.connect(config.storage.path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        service = build_service(config, busy_timeout=0.2)
        with pytest.raises(StoreError, match="locked by another process"):
            asyncio.run(service.fetch())
        service.close()
        locker.execute("ROLLBACK")
        locker.close()
        # The ETag was not recorded, so the next fetch gets everything again.
        service = build_service(config)
        report = asyncio.run(service.fetch())
        assert report.new == 2 and len(service.store.articles()) == 2
        service.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_database_is_a_clear_error(tmp_path):
    with FeedServer() as server:
        config = _feed_config(tmp_path, server)
        build_service(config).close()
        os.chmod(config.storage.path, 0o444)
        os.chmod(tmp_path, 0o555)
        try:
            with pytest.raises(StoreError, match="read-only|cannot open"):
                service = build_service(config)
                asyncio.run(service.fetch())
        finally:
            os.chmod(tmp_path, 0o755)
            os.chmod(config.storage.path, 0o644)


def test_read_only_connection_cannot_write(tmp_path):
    """Root ignores permissions, so this also checks the read-only path via SQLite's own mode."""
    path = tmp_path / "news.db"
    SqliteStore(path).close()
    store = SqliteStore(path, readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        store.record_feed("https://x.example/rss", at=datetime.now(timezone.utc), error="x")
    store.close()


def test_read_only_database_file_as_a_real_user(tmp_path_factory):
    """A user whose store file is read-only gets one clear line, exit 1, and the file is unchanged."""
    import hashlib
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    prefix = unprivileged_prefix()
    home = Path(tempfile.mkdtemp(prefix="nb-ro-"))  # not under pytest's 0700 root-only base
    try:
        home.chmod(0o755)
        with FeedServer() as server:
            server.route("/a", rss_feed("A", [{"title": "Bridge", "link": server.url("/a/1"), "guid": "1", "content": long_text(BRIDGE)}]))
            config = home / "config.toml"
            config.write_text(f'[storage]\npath = "news.db"\n\n[[feeds]]\nurl = "{server.url("/a")}"\n')
            first = subprocess.run([Path(sys.executable).with_name("newsbrief"), "fetch", "--config", str(config)],
                                   capture_output=True, text=True, timeout=60)
            assert first.returncode == 0, first.stderr
            db = home / "news.db"
            for leftover in home.glob("news.db-*"):
                leftover.unlink()
            db.chmod(0o444)
            before = hashlib.sha256(db.read_bytes()).hexdigest()
            server.route("/a", rss_feed("A", [{"title": "Festival", "link": server.url("/a/2"), "guid": "2", "content": long_text(FESTIVAL)}]))
            result = subprocess.run([*prefix, str(Path(sys.executable).with_name("newsbrief")), "fetch", "--config", str(config)],
                                    capture_output=True, text=True, timeout=60, cwd=home)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("newsbrief:")]
        assert len(errors) == 1 and ("read-only" in errors[0] or "cannot" in errors[0]), result.stderr
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    finally:
        import shutil

        shutil.rmtree(home, ignore_errors=True)


def test_a_database_of_the_previous_schema_gains_story_continuation_links(tmp_path):
    # schema 1 as an earlier newsbrief left it: one story delivered, no continuation column
    path = tmp_path / "news.db"
    old = sqlite3.connect(path)
    old.executescript(SCHEMA[0])
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO stories (id, title, created, updated, size, outlets, membership) VALUES "
        "('st_old', 'Bridge', '2026-11-20T06:00:00+00:00', '2026-11-21T06:00:00+00:00', 2, 2, 'm-old')"
    )
    old.execute(
        "INSERT INTO deliveries (digest, target, window, item_key, kind, story_id, state, owner, claimed_at, message_id, delivered_at) "
        "VALUES ('morning', 'console', '2026-11-21T08:00+01:00', 'story:st_old', 'story', 'st_old', 'sent', 'h:1:x', "
        "'2026-11-21T07:00:00+00:00', 'm1', '2026-11-21T07:00:01+00:00')"
    )
    old.commit()
    old.close()

    store = SqliteStore(path)
    assert store.schema_version == len(SCHEMA) >= 2
    kept = store.story("st_old")
    assert kept is not None and kept.membership == "m-old" and kept.continues is None
    assert store.first_story_delivery("console", "st_old").message_id == "m1"  # the record survives
    at = datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc)
    new = StoryRow(id="st_new", title="Bridge", created=at, updated=at, size=1, outlets=1, membership="m-new", continues="st_old")
    store.assign({}, [new])
    assert store.story("st_new").continues == "st_old"
    assert [s.id for s in store.story_ancestors("st_new")] == ["st_old"]
    # a later update of the story keeps its link (it is written once, when the story is stored)
    store.assign({}, [StoryRow(id="st_new", title="Bridge", created=at, updated=at, size=2, outlets=2, membership="m-2")])
    assert store.story("st_new").continues == "st_old" and store.story("st_new").size == 2
    store.close()
    reopened = SqliteStore(path)  # the migration is not applied twice
    assert reopened.schema_version == len(SCHEMA) and reopened.story("st_new").continues == "st_old"
    reopened.close()
    # a read-only reader of a schema-1 file (no migration) still reads its stories
    legacy = tmp_path / "legacy.db"
    old = sqlite3.connect(legacy)
    old.executescript(SCHEMA[0])
    old.execute("INSERT INTO stories (id, title, created, updated, size, outlets, membership) VALUES ('st_x', 'X', '2026-11-20T06:00:00+00:00', '2026-11-20T06:00:00+00:00', 1, 1, 'm')")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    reader = SqliteStore(legacy, readonly=True)
    assert reader.story("st_x").continues is None
    reader.close()


def test_story_ancestors_end_at_a_missing_story_and_at_the_limit(tmp_path):
    store = SqliteStore(tmp_path / "news.db")
    at = datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc)
    rows = [StoryRow(id=f"s{i}", title="T", created=at, updated=at, size=1, outlets=1, membership=f"m{i}",
                     continues=f"s{i - 1}" if i else "gone") for i in range(5)]
    store.assign({}, rows)
    assert [s.id for s in store.story_ancestors("s4")] == ["s3", "s2", "s1", "s0"]  # "gone" is not stored
    assert [s.id for s in store.story_ancestors("s4", limit=2)] == ["s3", "s2"]
    assert store.story_ancestors("s0") == []
    store.close()
