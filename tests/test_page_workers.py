"""Article pages extracted in worker processes (bot/page_workers.py): the same text as in the
fetching process, and a worker that dies costs its page only, never the fetch."""

from __future__ import annotations

import asyncio
import os

from bot.ingest import Ingestor
from bot.loaders import extract_html
from bot.page_workers import PageExtractor, PageWorkerDied
from bot.store import SqliteStore

from feed_server import FeedServer, article_page, rss_feed
from pipeline_fixtures import BRIDGE, FESTIVAL, Clock, make_config


def die_on_marked_pages(body: bytes, url: str | None) -> object:
    """A worker's job that ends its process on a page marked CRASH (as a parser crash or the
    kernel's out-of-memory killer would), and extracts the others."""
    if b"CRASH" in body:
        os._exit(3)
    return extract_html(body, url)


def test_pages_extracted_in_workers_are_those_extracted_here():
    bodies = [
        (article_page("Bridge closes", BRIDGE).body, "http://example.org/bridge"),
        (article_page("Festival opens", FESTIVAL).body, "http://example.org/festival"),
    ]
    pool = PageExtractor(2)
    try:
        async def both() -> list[object]:
            return list(await asyncio.gather(*(pool.extract(body, url) for body, url in bodies)))

        got = asyncio.run(both())
        again = asyncio.run(both())  # a second fetch (a new event loop) reuses the workers
    finally:
        pool.close()
    expected = [extract_html(body, url) for body, url in bodies]
    assert got == expected == again
    assert expected[0] is not None and "Mayor Dana Ruiz" in expected[0].text


def test_a_page_worker_that_dies_costs_its_page_not_the_fetch(tmp_path):
    with FeedServer() as server:
        server.route("/crash", article_page("Bridge closes", [*BRIDGE, "CRASH"]))
        server.route("/fine", article_page("Festival opens", FESTIVAL))
        server.route("/rss", rss_feed("Daily", [
            {"title": "Bridge closes", "link": server.url("/crash"), "guid": "c", "description": BRIDGE[0]},
        ], etag='"1"'))
        config = make_config(tmp_path, f'\n[[feeds]]\nurl = "{server.url("/rss")}"\noutlet = "Daily"\n')
        store = SqliteStore(tmp_path / "news.db")
        pages = PageExtractor(1, extract=die_on_marked_pages)
        try:
            ingestor = Ingestor(config, store, clock=Clock(), pages=pages)
            first = asyncio.run(ingestor.fetch_all())
            assert not first.failed and first.new == 1 and first.feeds[0].pages == 0
            assert [a.text for a in store.articles()] == [BRIDGE[0]]  # the feed's summary, not the page
            server.route("/rss", rss_feed("Daily", [
                {"title": "Festival opens", "link": server.url("/fine"), "guid": "f", "description": FESTIVAL[0]},
                {"title": "Bridge closes", "link": server.url("/crash"), "guid": "c", "description": BRIDGE[0]},
            ], etag='"2"'))
            second = asyncio.run(ingestor.fetch_all())  # a fresh worker reads the next page
            assert not second.failed and second.new == 1 and second.feeds[0].pages == 1
            assert any("40,000 tickets" in a.text for a in store.articles())
        finally:
            ingestor.close()
            store.close()


def test_a_dead_worker_is_reported_for_the_page_it_held():
    pool = PageExtractor(1, extract=die_on_marked_pages)
    try:
        try:
            asyncio.run(pool.extract(b"<html><body><p>CRASH</p></body></html>", "http://example.org/x"))
        except PageWorkerDied as exc:
            assert "http://example.org/x" in str(exc)
        else:
            raise AssertionError("the worker's death was not reported")
        page = asyncio.run(pool.extract(article_page("Festival opens", FESTIVAL).body, "http://example.org/f"))
        assert page is not None and "40,000 tickets" in page.text
    finally:
        pool.close()


def test_features_taken_while_reading_are_kept_with_the_articles_and_used_to_file_them(tmp_path):
    from bot.app import build_service
    from summarizer.cluster import article_features, decode_features

    with FeedServer() as server:
        server.route("/rss", rss_feed("Daily", [
            {"title": "Bridge closes", "link": server.url("/b"), "guid": "b", "content": "".join(f"<p>{p}</p>" for p in BRIDGE)},
            {"title": "Festival opens", "link": server.url("/f"), "guid": "f", "content": "".join(f"<p>{p}</p>" for p in FESTIVAL)},
        ]))
        config = make_config(tmp_path, f'\n[[feeds]]\nurl = "{server.url("/rss")}"\noutlet = "Daily"\n')
        service = build_service(config, clock=Clock())
        try:
            ingestor = Ingestor(config, service.store, clock=Clock())
            try:
                report = asyncio.run(ingestor.fetch_all())
            finally:
                ingestor.close()
            assert report.new == 2
            articles = service.store.articles(unassigned=True)
            kept = service.store.features([a.id for a in articles])
            # the same features filing would compute from the stored article
            assert {i: decode_features(b) for i, b in kept.items()} == {a.id: article_features(a.to_article()) for a in articles}
            service.tracker.update()
            assert len({a.story_id for a in service.store.articles()}) == 2
        finally:
            service.close()


def test_workers_end_when_the_fetching_process_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "killed.py"
    script.write_text(
        "import asyncio, multiprocessing, os, signal\n"
        "from bot.page_workers import PageExtractor\n"
        "if __name__ == '__main__':\n"
        "    pool = PageExtractor(1)\n"
        "    asyncio.run(pool.extract(b'<html><body><p>A page with a few words on it.</p></body></html>', None))\n"
        "    print(*(c.pid for c in multiprocessing.active_children()), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL
    workers = [int(p) for p in done.stdout.split()]
    assert workers
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)  # no orphan left waiting on its queue


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return not any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return False
