"""`newsbrief brief URL ...`: feeds and article pages fetched over real HTTP (127.0.0.1), briefed.

The CLI runs as a subprocess (the installed entry point) against ``feed_server.FeedServer``, with
a config of fast fetch settings so that a dead URL fails in well under a second.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from feed_server import FeedServer, Route, article_page, rss_feed
from pipeline_fixtures import BRIDGE, BRIDGE_B, FESTIVAL

ROOT = Path(__file__).resolve().parent.parent
NEWSBRIEF = Path(sys.executable).with_name("newsbrief")

pytestmark = pytest.mark.timeout(60)


def newsbrief(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(
        "include_seeds = false\n[fetch]\ntimeout_seconds = 3\nretries = 0\nhost_delay_seconds = 0\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_")}
    return subprocess.run(
        [str(NEWSBRIEF), *args, "--config", str(config)],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60,
    )


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def server():
    with FeedServer() as running:
        running.route("/feed.xml", rss_feed("Harbour Times", [
            {"title": "Council votes to close Elm Street bridge", "link": running.url("/news/bridge"),
             "guid": "bridge-1", "pubDate": "Tue, 24 Nov 2026 06:00:00 GMT", "content": paragraphs_html(BRIDGE)},
            {"title": "Film festival opens with record sales", "link": running.url("/news/festival"),
             "guid": "festival-1", "pubDate": "Tue, 24 Nov 2026 07:00:00 GMT", "content": paragraphs_html(FESTIVAL)},
        ]))
        running.route("/courier/bridge.html", article_page("Elm Street bridge shut for repairs", BRIDGE_B, outlet="The Courier"))
        running.route("/gone.xml", Route(status=404, body=b"not here", content_type="text/plain"))
        yield running


def test_a_feed_url_and_an_article_url_are_briefed_into_stories(tmp_path: Path, server: FeedServer) -> None:
    page = server.url("/courier/bridge.html")
    result = newsbrief(tmp_path, "brief", server.url("/feed.xml"), page, "--json")
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    by_url = {s["url"]: story for story in stories for s in story["sources"]}
    assert set(by_url) == {server.url("/news/bridge"), server.url("/news/festival"), page}
    bridge = by_url[page]
    assert by_url[server.url("/news/bridge")] is bridge  # the feed entry and the page: one story
    assert by_url[server.url("/news/festival")] is not bridge
    assert {s["outlet"] for s in bridge["sources"]} == {"Harbour Times", "The Courier"}
    ids = {s["id"] for s in bridge["sources"]}
    assert bridge["summary"] and all(set(item["sources"]) <= ids for item in bridge["summary"])
    printed = {item["text"] for story in stories for item in story["summary"]}
    assert all(any(text in p for p in BRIDGE + BRIDGE_B + FESTIVAL) for text in printed)  # extractive
    assert [r.path for r in server.requests] == ["/feed.xml", "/courier/bridge.html"]


def test_a_dead_url_is_one_clear_line_and_exit_1(tmp_path: Path, server: FeedServer) -> None:
    with socket.socket() as probe:  # a port with nothing listening: connection refused
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    for url in (dead, server.url("/gone.xml")):
        result = newsbrief(tmp_path, "brief", url, "--json")
        assert result.returncode == 1, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsbrief: ") and "Traceback" not in result.stderr
        assert url in lines[0] or url.split("/")[2] in lines[0]  # names what failed
        assert result.stdout == ""
