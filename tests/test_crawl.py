"""Fetching like a good crawler, against real HTTP servers on several loopback hosts.

Politeness per host with concurrency across hosts, an identifying User-Agent, robots.txt for
article pages, a cap per feed and fetch with the rest taken next time, progress counted in
articles from the first moment, what was read kept when a fetch is interrupted, and counts that
stay true when two fetches run at once. (How fast 127 articles from ten hosts come in with the
default politeness is measured by ``bench/fetch_speed.py``, not asserted here.)
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.app import build_service
from bot.config import Config, FetchSettings, load_config
from bot.ingest import HttpFetcher, user_agent
from bot.progress import Progress

from feed_server import FeedServer, Route, Slow, article_page, rss_feed
from pipeline_fixtures import Clock

ROOT = Path(__file__).resolve().parent.parent


def story(n: int) -> list[str]:
    """Paragraphs of a distinct invented report (distinct figures and places, so no two are one)."""
    town = ["Arden", "Belmont", "Carrow", "Dunmore", "Eastby", "Fenwick", "Garston", "Holloway"][n % 8]
    return [
        f"The council of {town} voted {n % 9 + 1}-{n % 4} on Tuesday to fund {n * 7 + 11} new street lights, officials said.",
        f"The lights will cost {n * 13 + 250} thousand dollars and take {n % 11 + 2} months to install, the works department said.",
        f"Residents of district {n} had asked for better lighting after {n * 3 + 5} reported falls last winter.",
        f"Mayor number {n} of {town} said the plan was the largest investment in the district since {1950 + n % 70}.",
    ]


def summary_entries(server: FeedServer, outlet: str, numbers: range, *, prefix: str = "/a") -> list[dict[str, str]]:
    """Summary-only feed entries whose pages (served too) hold the full reports."""
    entries = []
    for n in numbers:
        path = f"{prefix}{n}"
        server.route(path, article_page(f"Lights vote {n}", story(n), outlet=outlet))
        entries.append({"title": f"Lights vote {n}", "link": server.url(path), "guid": f"g{n}", "description": f"Council votes on lights ({n})."})
    return entries


def summary_feed(server: FeedServer, outlet: str, first: int, count: int) -> None:
    """``/rss``: a feed of ``count`` summary-only entries."""
    server.route("/rss", rss_feed(outlet, summary_entries(server, outlet, range(first, first + count))))


def crawl_config(tmp_path: Path, servers: list[FeedServer], **fetch: object) -> Config:
    """A config with one feed per server and the given [fetch] settings (others as tests like)."""
    settings = {"timeout_seconds": 5, "retries": 0, "host_delay_seconds": 0, "min_words": 40, **fetch}
    text = 'include_seeds = false\n[storage]\npath = "news.db"\n[fetch]\n'
    text += "".join(f"{k} = {v!r}\n" for k, v in settings.items())
    text += "".join(f'[[feeds]]\nurl = "{s.url("/rss")}"\n' for s in servers)
    (tmp_path / "config.toml").write_text(text)
    return load_config(tmp_path / "config.toml")


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


# ---------------------------------------------------------------------------------------------
# politeness


def test_one_host_at_a_time_each_request_spaced_while_hosts_are_fetched_in_parallel(tmp_path: Path) -> None:
    servers = [FeedServer(f"127.0.0.{n}").__enter__() for n in (2, 3, 4)]
    try:
        for n, server in enumerate(servers):
            summary_feed(server, f"Outlet {n}", n * 10, 3)
        config = crawl_config(tmp_path, servers, host_delay_seconds=0.3)
        service = build_service(config, clock=Clock())
        try:
            report = asyncio.run(service.fetch())
        finally:
            service.close()
    finally:
        for server in servers:
            server.__exit__(None, None, None)
    assert report.new == 9 and not report.failed
    for server in servers:
        times = sorted(r.at for r in server.requests)
        assert len(times) == 5  # the feed, robots.txt, three pages
        assert all(b - a >= 0.28 for a, b in zip(times, times[1:])), "requests to one host are spaced"
    # the three hosts were fetched side by side, not one after another
    starts = [min(r.at for r in s.requests) for s in servers]
    ends = [max(r.at for r in s.requests) for s in servers]
    assert max(starts) < min(ends)


def test_the_user_agent_names_newsbrief_its_version_and_the_operators_contact() -> None:
    agent = user_agent(FetchSettings(contact="mailto:news-ops@example.org"))
    assert agent.startswith("newsbrief/") and "mailto:news-ops@example.org" in agent and "+https://" in agent
    assert user_agent(FetchSettings(user_agent="MyBot/2")) == "MyBot/2"

    with FeedServer() as server:
        server.route("/p", Route(b"ok"))

        async def go() -> None:
            async with HttpFetcher(FetchSettings(contact="ops@example.org", host_delay_seconds=0)) as http:
                await http.get(server.url("/p"))

        asyncio.run(go())
    assert "ops@example.org" in server.requests[0].headers["User-Agent"]


# ---------------------------------------------------------------------------------------------
# robots.txt


def test_robots_txt_keeps_the_crawler_off_forbidden_pages_and_its_crawl_delay_is_kept(tmp_path: Path) -> None:
    with FeedServer() as server:
        entries = summary_entries(server, "Daily", range(2), prefix="/open/")
        entries += summary_entries(server, "Daily", range(5, 7), prefix="/private/")
        server.route("/rss", rss_feed("Daily", entries))
        server.route("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n", content_type="text/plain"))
        config = crawl_config(tmp_path, [server])
        service = build_service(config, clock=Clock())
        try:
            report = asyncio.run(service.fetch())
            texts = {a.url.rsplit("/", 2)[-2]: a.text for a in service.store.articles()}
        finally:
            service.close()
    paths = [r.path for r in server.requests]
    assert not any(p.startswith("/private/") for p in paths), paths
    assert sum(p.startswith("/open/") for p in paths) == 2
    assert report.feeds[0].new == 4 and report.feeds[0].robots_denied == 2
    assert "works department" in texts["open"] and "works department" not in texts["private"]  # the summary only
    page_times = [r.at for r in server.requests if r.path.startswith("/open/")]
    assert page_times[1] - page_times[0] >= 0.95  # Crawl-delay 1 s, above the 0 s setting


@pytest.mark.parametrize(("robots", "pages"), [(Route(b"down", 503, "text/plain"), 0), (Route(b"gone", 404, "text/plain"), 2)])
def test_an_unreachable_robots_txt_allows_nothing_and_a_missing_one_everything(tmp_path: Path, robots: Route, pages: int) -> None:
    with FeedServer() as server:
        summary_feed(server, "Daily", 0, 2)
        server.route("/robots.txt", robots)
        config = crawl_config(tmp_path, [server])
        service = build_service(config, clock=Clock())
        try:
            report = asyncio.run(service.fetch())
        finally:
            service.close()
    assert report.feeds[0].new == 2 and report.feeds[0].pages == pages


# ---------------------------------------------------------------------------------------------
# a cap per fetch


def test_a_huge_feed_is_taken_a_slice_per_fetch_newest_first_and_finished_later(tmp_path: Path) -> None:
    with FeedServer() as server:
        summary_feed(server, "Daily", 0, 25)
        route = server.routes["/rss"]
        route.etag = '"v1"'
        config = crawl_config(tmp_path, [server], max_new_per_feed=10)
        reports = []
        for _ in range(4):
            service = build_service(config, clock=Clock())
            try:
                reports.append(asyncio.run(service.fetch()).feeds[0])
                total = service.store.article_count()
            finally:
                service.close()
    assert [(r.new, r.deferred, r.not_modified) for r in reports] == [(10, 15, False), (10, 5, False), (5, 0, False), (0, 0, True)]
    assert total == 25


# ---------------------------------------------------------------------------------------------
# progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_at_once_and_counts_articles_as_they_arrive(tmp_path: Path) -> None:
    with FeedServer() as server:
        summary_feed(server, "Daily", 0, 4)
        server.route("/rss", Slow(0.8, server.routes["/rss"]))  # the feed itself is slow
        config = crawl_config(tmp_path, [server])
        service = build_service(config, clock=Clock())
        screen = Terminal()
        seen_early: list[str] = []

        async def go() -> None:
            with Progress(label="fetching", stream=screen) as bar:
                task = asyncio.create_task(service.fetch(progress=bar))
                await asyncio.sleep(0.3)
                seen_early.append(screen.getvalue())
                await task

        try:
            asyncio.run(go())
        finally:
            service.close()
    assert "0 articles" in seen_early[0] and "0/1 feeds" in seen_early[0]  # before the feed came in
    frames = screen.getvalue().split("\r")
    assert any("4/4 articles" in frame for frame in frames)
    assert any("/4 articles" in frame and "4/4" not in frame for frame in frames)  # counted on the way


# ---------------------------------------------------------------------------------------------
# interruption and concurrency, with the real command


def _newsbrief(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args], cwd=cwd, env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A test suite started in the background (``make test &``) runs with SIGINT ignored, and
        # children inherit that: Ctrl-C is what this process must receive.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_an_interrupted_fetch_keeps_what_it_stored_and_the_next_one_finishes(tmp_path: Path) -> None:
    with FeedServer() as server:
        summary_feed(server, "Daily", 0, 20)
        for n in range(20):  # each page takes a while: the fetch is cut short mid-way
            server.route(f"/a{n}", Slow(0.1, server.routes[f"/a{n}"]))
        crawl_config(tmp_path, [server])
        process = _newsbrief(["fetch"], tmp_path)
        deadline = time.monotonic() + 60
        while not ((tmp_path / "news.db").exists() and stored_count(tmp_path / "news.db") >= 5):
            assert process.poll() is None and time.monotonic() < deadline, process.communicate()
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        kept = stored_count(tmp_path / "news.db")
        assert process.returncode == 130 and err.strip().splitlines()[-1] == "newsbrief: interrupted", err
        assert "Traceback" not in err and 5 <= kept < 20
        service = build_service(load_config(tmp_path / "config.toml"))  # the next fetch
        try:
            [feed] = asyncio.run(service.fetch()).feeds
        finally:
            service.close()
    assert (feed.new, feed.known) == (20 - kept, kept)  # what was kept is not fetched twice
    assert stored_count(tmp_path / "news.db") == 20


def test_two_fetches_at_once_count_each_new_article_once(tmp_path: Path) -> None:
    """Two services on one store file (two processes' worth: each its own connection) fetch the
    same feed at the same time: together they report each article as new once."""
    with FeedServer() as server:
        summary_feed(server, "Daily", 0, 20)
        for n in range(20):
            server.route(f"/a{n}", Slow(0.02, server.routes[f"/a{n}"]))
        config = crawl_config(tmp_path, [server])
        one, two = build_service(config, clock=Clock()), build_service(config, clock=Clock())

        async def both() -> list[int]:
            reports = await asyncio.gather(one.fetch(), two.fetch())
            return [r.new for r in reports]

        try:
            news = asyncio.run(both())
        finally:
            one.close()
            two.close()
    assert sum(news) == stored_count(tmp_path / "news.db") == 20
