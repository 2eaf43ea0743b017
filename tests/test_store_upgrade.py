"""A store written by the released code (schema 2) keeps its promises when this code opens it.

``tests/data/store_v2.db`` was made by the code of commit ce9e2f5 (``tests/data/make_store_v2.py``
says how): two stories filed on 2026-11-24, both posted in full to slack:C0123 that morning (m1, m2),
and a third outlet's report of the bridge story the next day, posted as an update in m1's thread (m3).
"""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.app import build_service
from bot.config import parse_config
from bot.store import SqliteStore
from summarizer import Article

from pipeline_fixtures import BRIDGE_D, FESTIVAL, Clock, long_text

V2 = Path(__file__).resolve().parent / "data" / "store_v2.db"
DIGEST = {"morning": {"schedule": "0 8 * * *", "timezone": "Europe/Berlin", "targets": ["slack:C0123"]}}


class Sink:
    platform = "test"

    def __init__(self) -> None:
        self.posts: list = []

    async def post(self, channel, digest, item, **_: object) -> str:
        self.posts.append(item)
        return f"n{len(self.posts)}"


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    shutil.copy(V2, path)
    return path


def _service(path: Path, clock: Clock, **stories):
    config = parse_config(
        {"include_seeds": False, "storage": {"path": str(path)}, "digests": DIGEST, "stories": stories},
        source=path.with_suffix(".toml"),
    )
    return build_service(config, clock=clock)


def _snapshot(store: SqliteStore):
    stories = {s.id: (s.title, s.size, s.outlets, s.membership, s.created, s.continues) for s in store.stories()}
    members = {a.id: a.story_id for a in store.articles()}
    deliveries = {
        (window, key): (d.kind, d.story_id, d.message_id, d.state)
        for window in ("2026-11-24T08:00+01:00", "2026-11-25T08:00+01:00")
        for key, d in store.deliveries("morning", "slack:C0123", window).items()
    }
    return stories, members, deliveries


def test_the_released_schema_is_upgraded_keeping_stories_and_deliveries(tmp_path):
    old = SqliteStore(V2, readonly=True)
    assert old.schema_version == 2
    before = _snapshot(old)
    old.close()
    assert len(before[0]) == 2 and len(before[2]) == 3

    path = _copy(tmp_path)
    clock = Clock(datetime(2026, 11, 26, 6, 0, tzinfo=timezone.utc))
    service = _service(path, clock)
    assert service.store.schema_version == 4
    assert _snapshot(service.store) == before
    assert service.store.set_aside_counts() == {}
    # filing again from the upgraded store changes no story (its index is rebuilt from the file)
    assert service.tracker.update() == []
    assert _snapshot(service.store) == before
    service.close()


def test_regrouping_an_upgraded_store_never_posts_a_story_again(tmp_path):
    path = _copy(tmp_path)
    clock = Clock(datetime(2026, 11, 26, 6, 0, tzinfo=timezone.utc))
    service = _service(path, clock)
    [bridge] = {a.story_id for a in service.store.articles() if a.id == "a1"}
    # a fourth outlet on the bridge, a day later: the bridge story takes it (it is still open)
    service.add_articles([Article("d1", "Post", long_text(BRIDGE_D), title="Bridge beams removed")])
    assert service.store.articles(ids=["d1"])[0].story_id == bridge
    sink = Sink()
    clock.now = datetime(2026, 11, 26, 7, 5, tzinfo=timezone.utc)
    asyncio.run(service.deliver("morning", "slack:C0123", sink))
    # the bridge story was posted (m1) and followed up (m3): this is an update in m1's thread;
    # the festival story, unchanged, is not posted again
    assert [(i.kind, i.story_id, i.reply_to) for i in sink.posts] == [("update", bridge, "m1")]
    # the same window again, from a new process over the same file: nothing more
    service.close()
    again = _service(path, clock)
    asyncio.run(again.deliver("morning", "slack:C0123", sink))
    assert len(sink.posts) == 1
    again.close()


def test_features_are_kept_so_a_new_process_does_not_tokenise_the_window_again(tmp_path, monkeypatch):
    path = _copy(tmp_path)
    clock = Clock(datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc))
    service = _service(path, clock)
    extra = "Organisers said the pier screen would stay for next year's festival."
    service.add_articles([Article("g1", "Ledger", long_text([*FESTIVAL[:2], extra]), title="Festival crowds")])
    stored = service.store.features(["a1", "b1", "c1", "f1", "g1"])
    assert set(stored) == {"a1", "b1", "c1", "f1", "g1"}  # filed now, or tokenised once at the rebuild
    service.close()

    import bot.stories

    calls: list[str] = []
    real = bot.stories.article_features
    monkeypatch.setattr(bot.stories, "article_features", lambda a: calls.append(a.id) or real(a))
    clock.now += timedelta(hours=1)
    later = _service(path, clock)
    later.add_articles([Article("g2", "Tribune", long_text([FESTIVAL[0], FESTIVAL[2], extra]), title="Festival opens")])
    assert calls == ["g2"]  # only the new article is tokenised; the window comes from the store
    assert later.store.articles(ids=["g2"])[0].story_id == later.store.articles(ids=["f1"])[0].story_id
    later.close()


def test_retention_prunes_old_stories_pages_and_deliveries_but_not_open_ones(tmp_path):
    path = _copy(tmp_path)
    clock = Clock(datetime(2027, 1, 10, 6, 0, tzinfo=timezone.utc))  # the stored stories are 6 weeks old
    service = _service(path, clock, retention_days=30)
    service.add_articles([
        Article("n1", "Daily", long_text(FESTIVAL), title="Festival opens"),
        Article("x1", "Daily", "Subscribe to keep reading. Already a subscriber? Sign in to your account."),
    ])
    stories = service.store.stories()
    assert [s.size for s in stories] == [1]  # the old stories are gone, the new one filed
    assert {a.id for a in service.store.articles()} == {"n1"}
    assert service.store.set_aside_counts() == {"wall": 1}  # a fresh page set aside is kept
    assert service.store.deliveries("morning", "slack:C0123", "2026-11-24T08:00+01:00") == {}
    assert service.store.features(["a1", "b1", "c1", "f1"]) == {}
    service.close()


def test_a_retention_shorter_than_three_windows_is_refused(tmp_path):
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="retention_days"):
        _service(tmp_path / "x.db", Clock(), retention_days=2)
