"""The service's one rule for the corpus, its question index kept in step with the store, and
each thread's last exchange: real SQLite stores, the real summarizer."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.answering import AnswerIndex
from bot.app import build_service
from bot.config import Config, load_config
from bot.loaders import load_seeds
from bot.ports import Scope, ThreadTurn
from summarizer import Article

from pipeline_fixtures import BRIDGE, FESTIVAL, Clock, long_text, make_config

ROOT = Path(__file__).resolve().parent.parent


def test_the_corpus_is_the_stories_of_the_window_and_since_or_all_change_it(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path), clock=clock)
    try:
        service.add_articles([Article("old", "Daily", long_text(FESTIVAL), title="Festival")])
        clock.now += timedelta(days=4)  # four days later: the festival's story is out of the 72 h window
        service.add_articles([Article("new", "Courier", long_text(BRIDGE), title="Bridge")])
        assert [a.id for a in service.corpus()] == ["new"]
        assert [b.title for b in service.briefs()] == ["Bridge"]
        assert {a.id for a in service.corpus(Scope(everything=True))} == {"old", "new"}
        assert {a.id for a in service.corpus(Scope(since=clock.now - timedelta(days=5)))} == {"old", "new"}
        assert [a.id for a in service.corpus(Scope(since=clock.now - timedelta(hours=1)))] == ["new"]
        festival = service.answer_now("how many tickets were sold?")
        assert not festival.answered  # the festival is not in the window: no one source covers it
        assert service.answer_now("how many tickets were sold?", scope=Scope(everything=True)).answered
    finally:
        service.close()


def test_without_a_store_the_corpus_is_the_bundled_seeds() -> None:
    service = build_service(Config())
    try:
        assert {a.id for a in service.corpus()} == {a.id for a in load_seeds()}
        [brief] = service.briefs()
        assert len(brief.sources) == 5
    finally:
        service.close()


def test_brief_with_a_store_briefs_the_stores_stories_not_the_seeds(tmp_path: Path) -> None:
    config = make_config(tmp_path)  # a store, include_seeds = false
    service = build_service(config)
    service.add_articles([Article("b1", "Daily", long_text(BRIDGE), title="Elm Street bridge to close")])
    service.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "brief", "--json", "--config", str(config.source)],
        capture_output=True, text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    [story] = json.loads(result.stdout)["stories"]
    assert story["title"] == "Elm Street bridge to close" and [s["id"] for s in story["sources"]] == ["b1"]
    empty = subprocess.run(
        [sys.executable, "-m", "bot.cli", "brief", "--since", "2099-01-01", "--config", str(config.source)],
        capture_output=True, text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)},
    )
    assert empty.returncode == 1 and len(empty.stderr.strip().splitlines()) == 1 and "no stories in the time since 2099" in empty.stderr


def test_the_question_index_is_built_once_for_a_burst_of_new_articles_and_again_only_when_stories_leave(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path), clock=clock)
    try:
        service.add_articles([Article("f1", "Daily", long_text(FESTIVAL), title="Festival")])
        asyncio.run(service.answer("how many tickets were sold?"))
        asyncio.run(service.answer("how many films were shown?"))
        assert service._answers.builds == 1  # two questions, one index
        clock.now += timedelta(hours=1)
        for n in range(5):  # five articles arrive one by one
            service.add_articles([Article(f"b{n}", f"Outlet {n}", long_text(BRIDGE[n:] + BRIDGE[:n]), title="Bridge")])
        answer = asyncio.run(service.answer("how much will the repairs cost?"))
        assert answer.answered and service._answers.builds == 2  # once for all five
        clock.now += timedelta(hours=71)  # the festival's story (an hour older) leaves the window
        asyncio.run(service.answer("how much will the repairs cost?"))
        assert service._answers.builds == 3 and "f1" not in {a.id for a in service.corpus()}
    finally:
        service.close()


def test_a_thread_keeps_only_its_last_exchange_and_a_follow_up_builds_on_it(tmp_path: Path) -> None:
    service = build_service(make_config(tmp_path), clock=Clock())
    try:
        service.add_articles(load_seeds())
        first = asyncio.run(service.answer("how many troops did DHS request?", thread="t1"))
        follow = asyncio.run(service.answer("who made the request?", thread="t1"))
        stored = service.store.thread("t1")
        assert stored is not None and stored.questions[-2:] == (first.question, follow.question)
        assert json.loads(stored.answer_json)["answer"] == follow.answer
        assert service.store.thread("t2") is None
    finally:
        service.close()
    # across a restart, the same store: the thread goes on
    again = build_service(load_config(tmp_path / "config.toml"), clock=Clock())
    try:
        assert again.store.thread("t1") is not None
    finally:
        again.close()


def test_the_index_seam_adds_new_articles_and_drops_gone_ones() -> None:
    index = AnswerIndex()
    a, b, c = (Article(i, f"Outlet {i}", long_text(BRIDGE)) for i in ("a", "b", "c"))
    index.sync({"a": a, "b": b})
    index.sync({"a": a, "b": b, "c": c})
    assert len(index) == 3 and index.builds == 0  # nothing built until asked
    index.answer("how much will the repairs cost?")
    index.answer("how long will the bridge be closed?", previous=ThreadTurn(("how much?",), index.answer("how much will the repairs cost?")))
    assert index.builds == 1
    index.sync({"a": a, "c": c})
    index.answer("how much will the repairs cost?")
    assert len(index) == 2 and index.builds == 2
