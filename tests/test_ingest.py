"""Ingestion against a real HTTP server on 127.0.0.1: feeds, pages, faults, dedupe, wire copy."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.app import build_service
from bot.config import FetchSettings
from bot.errors import FetchError
from bot.fingerprint import canonical_url
from bot.ingest import HttpFetcher, Ingestor, parse_feed
from bot.store import SqliteStore

from feed_server import FeedServer, Flaky, Huge, RedirectLoop, Route, Slow, article_page, atom_feed, rss_feed
from pipeline_fixtures import BRIDGE, BRIDGE_B, FESTIVAL, Clock, long_text, make_config


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def feeds_toml(server: FeedServer, *paths_outlets: tuple[str, str]) -> str:
    return "".join(f'\n[[feeds]]\nurl = "{server.url(p)}"\noutlet = "{o}"\n' for p, o in paths_outlets)


def fetch(config, clock=None):
    service = build_service(config, clock=clock or Clock())
    try:
        report = asyncio.run(service.fetch())
        return report, service.store.articles(), service.store.feeds()
    finally:
        service.close()


def test_rss_and_atom_feeds_are_stored_with_their_text(server, tmp_path):
    server.route("/rss", rss_feed("Daily", [{"title": "Bridge closes", "link": server.url("/a1"), "guid": "a1", "content": f"<p>{long_text(BRIDGE)}</p>"}]))
    server.route("/atom", atom_feed("Courier", [{"title": "Festival opens", "link": server.url("/b1"), "id": "b1", "content": f"<p>{long_text(FESTIVAL)}</p>"}]))
    config = make_config(tmp_path, feeds_toml(server, ("/rss", "Daily"), ("/atom", "Courier")))
    report, articles, feeds = fetch(config)
    assert report.new == 2 and not report.failed
    by_outlet = {a.outlet: a for a in articles}
    assert "corroded steel beams" in by_outlet["Daily"].text
    assert "40,000 tickets" in by_outlet["Courier"].text
    assert all(f.last_success and f.failures == 0 for f in feeds)


def test_summary_only_entries_get_the_full_text_from_the_article_page(server, tmp_path):
    server.route("/rss", rss_feed("Daily", [{"title": "Bridge closes", "link": server.url("/story"), "guid": "s", "description": "The bridge will close."}]))
    server.route("/story", article_page("Bridge closes", BRIDGE))
    config = make_config(tmp_path, feeds_toml(server, ("/rss", "Daily")))
    report, articles, _ = fetch(config)
    assert report.feeds[0].pages == 1
    assert "Mayor Dana Ruiz" in articles[0].text
    assert "Subscribe now" not in articles[0].text and "All rights reserved" not in articles[0].text


def test_conditional_get_and_duplicates_across_fetches(server, tmp_path):
    entry = {"title": "Bridge", "link": server.url("/a1?utm_source=rss"), "guid": "a1", "content": long_text(BRIDGE)}
    server.route("/rss", rss_feed("Daily", [entry], etag='"v1"'))
    config = make_config(tmp_path, feeds_toml(server, ("/rss", "Daily")))
    fetch(config)
    report, articles, _ = fetch(config)
    assert report.feeds[0].not_modified
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
    # The feed changes (new ETag), re-listing the same entry with a new pubDate and a new
    # tracking parameter: still one article.
    entry2 = {**entry, "link": server.url("/a1?utm_campaign=x"), "pubDate": "Tue, 24 Nov 2026 07:00:00 GMT"}
    server.route("/rss", rss_feed("Daily", [entry2], etag='"v2"'))
    report, articles, _ = fetch(config)
    assert report.feeds[0].new == 0 and report.feeds[0].known == 1
    assert len(articles) == 1


def test_entries_already_stored_are_skipped_and_dedupe_still_holds(server, tmp_path):
    stored = {"title": "Bridge", "link": server.url("/story?utm_source=rss"), "guid": "s1", "description": "The bridge will close."}
    server.route("/rss", rss_feed("Daily", [stored], etag='"v1"'))
    server.route("/story", article_page("Bridge closes", BRIDGE))
    config = make_config(tmp_path, feeds_toml(server, ("/rss", "Daily")))
    report, articles, _ = fetch(config)
    assert report.feeds[0].pages == 1 and len(articles) == 1
    # Next poll: the stored entry again (new pubDate, new summary, new tracking parameter), the
    # same page text under another URL and GUID (a duplicate by content), and one new entry.
    again = {**stored, "link": server.url("/story?utm_medium=x"), "description": "Updated: the bridge closes.", "pubDate": "Tue, 24 Nov 2026 07:00:00 GMT"}
    copy = {"title": "Bridge (copy)", "link": server.url("/copy"), "guid": "s2", "content": f"<p>{articles[0].text}</p>"}
    fresh = {"title": "Festival", "link": server.url("/fest"), "guid": "f1", "content": f"<p>{long_text(FESTIVAL)}</p>"}
    server.route("/rss", rss_feed("Daily", [fresh, copy, again], etag='"v2"'))
    report, articles, _ = fetch(config)
    assert (report.feeds[0].new, report.feeds[0].known, report.feeds[0].pages) == (1, 2, 0)
    assert sum(1 for r in server.requests if r.path.startswith("/story")) == 1  # no second page fetch
    assert sorted(a.title for a in articles) == ["Bridge", "Festival"]
    assert "Mayor Dana Ruiz" in next(a.text for a in articles if a.title == "Bridge")


def test_parse_feed_leaves_out_known_entries_by_link_or_guid(server):
    entries = [
        {"title": "Old", "link": server.url("/old"), "guid": "o", "content": "<p>old text</p>"},
        {"title": "Kept guid", "guid": "g", "content": "<p>text with a known guid</p>"},
        {"title": "New", "link": server.url("/new"), "guid": "n", "content": "<p>new text</p>"},
    ]
    body = rss_feed("Daily", entries).body
    seen: list[tuple[str | None, str | None]] = []

    def is_known(link: str | None, guid: str | None) -> bool:
        seen.append((link, guid))
        return link == server.url("/old") or guid == "g"

    parsed = parse_feed(body, server.url("/rss"), is_known=is_known)
    assert [e.title for e in parsed.entries] == ["New"] and parsed.known == 2
    assert parsed.entries[0].text == "new text"
    assert len(seen) == 3
    assert parse_feed(body, server.url("/rss")).known == 0


@pytest.mark.parametrize("kind", ["rss", "atom", "latin-1 rss", "broken rss"])
def test_known_entries_are_left_out_the_same_whatever_reads_the_feed(server, kind):
    # Stored entries are dropped on a cheap XML tree before feedparser reads the rest; a feed
    # that tree cannot stand for (another charset, broken XML) is read whole by feedparser.
    # Either way the same entries come out, with the same text, dates and counts.
    entries = [
        {"title": f"Story {k}", "link": server.url(f"/s{k}"), "guid": f"tag:daily,2026:{k}", "id": f"tag:daily,2026:{k}",
         "content": f"<p>Text of story {k} &amp; more.</p>", "pubDate": f"Tue, 24 Nov 2026 0{k}:00:00 GMT",
         "updated": f"2026-11-24T0{k}:00:00Z"}
        for k in range(6)
    ]
    body = (atom_feed if kind == "atom" else rss_feed)("Daily", entries).body
    content_type = "application/xml"
    if kind == "latin-1 rss":
        body = body.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
        content_type = "text/xml; charset=ISO-8859-1"
    elif kind == "broken rss":
        body = body.replace(b"</channel>", b"<item><title>cut short")
    whole = parse_feed(body, server.url("/rss"), content_type)
    known = {server.url("/s1"), server.url("/s4")}
    asked: list[tuple[str | None, str | None]] = []

    def is_known(link: str | None, guid: str | None) -> bool:
        asked.append((link, guid))
        return link in known or guid == "tag:daily,2026:2"

    parsed = parse_feed(body, server.url("/rss"), content_type, is_known=is_known)
    assert parsed.known == 3 and parsed.title == whole.title == "Daily"
    assert [e.guid for e in parsed.entries] == [e.guid for e in whole.entries if not (e.guid or "").endswith((":1", ":2", ":4"))]
    assert list(parsed.entries) == [e for e in whole.entries if not (e.guid or "").endswith((":1", ":2", ":4"))]
    assert parsed.entries[0].text == "Text of story 0 & more." and parsed.entries[0].published is not None
    assert len(asked) == len(set(asked)) == len(whole.entries)  # each entry judged once


def test_one_ingestor_fetches_again_in_a_new_event_loop(server, tmp_path):
    # Each asyncio.run is a new event loop (a CLI run, a scheduler tick): the ingestor's store
    # lock must not stay bound to the first one. An asyncio.Lock binds to a loop only when a
    # task waits for it, so six feeds write to a store on a slow disk and have to queue.
    outlets = [f"Outlet {n}" for n in range(6)]

    def serve(entries_per_feed: int) -> None:
        for n, outlet in enumerate(outlets):
            entries = [
                {"title": f"Report {i}", "link": server.url(f"/{n}/{i}"), "guid": f"{n}-{i}",
                 "content": f"<p>{outlet} report {i}: the city council met.</p>" + long_text(BRIDGE if i % 2 else FESTIVAL)}
                for i in range(entries_per_feed)
            ]
            server.route(f"/feed{n}", rss_feed(outlet, entries, etag=f'"{entries_per_feed}"'))

    config = make_config(tmp_path, feeds_toml(server, *((f"/feed{n}", o) for n, o in enumerate(outlets))))
    class SlowDiskStore(SqliteStore):
        def record_feed(self, *args: Any, **kwargs: Any) -> None:
            time.sleep(0.05)
            super().record_feed(*args, **kwargs)

    store = SlowDiskStore(tmp_path / "news.db")
    try:
        ingestor = Ingestor(config, store, clock=Clock())
        serve(4)
        first = asyncio.run(ingestor.fetch_all())
        serve(5)
        second = asyncio.run(ingestor.fetch_all())
        third = asyncio.run(ingestor.fetch_all())
    finally:
        store.close()
    assert not first.failed and not second.failed and not third.failed
    assert first.new == 24
    assert second.new == 6 and sum(f.known for f in second.feeds) == 24
    assert all(f.not_modified for f in third.feeds)


def test_wire_copy_from_two_outlets_is_one_report(server, tmp_path):
    wire = long_text(BRIDGE)
    reprint = wire.replace("on Tuesday", "on Tuesday (AP)") + "\n\nCopyright 2026 The Associated Press."
    server.route("/a", rss_feed("A", [{"title": "Bridge", "link": server.url("/x/1"), "guid": "1", "content": wire}]))
    server.route("/b", rss_feed("B", [{"title": "Bridge", "link": server.url("/y/1"), "guid": "1", "content": reprint}]))
    server.route("/c", rss_feed("C", [{"title": "Bridge", "link": server.url("/z/1"), "guid": "1", "content": long_text(BRIDGE_B)}]))
    config = make_config(tmp_path, feeds_toml(server, ("/a", "Outlet A"), ("/b", "Outlet B"), ("/c", "Outlet C")))
    report, articles, _ = fetch(config)
    assert len(articles) == 3
    wire_marked = [a for a in articles if a.wire_of]
    assert len(wire_marked) == 1  # one of A/B reprints the other; C wrote its own story
    assert {wire_marked[0].outlet, next(a.outlet for a in articles if a.id == wire_marked[0].wire_of)} == {"Outlet A", "Outlet B"}


@pytest.mark.parametrize(
    "fault, why",
    [
        (Route(b"oops", 500, "text/plain"), "HTTP 500"),
        (Slow(3.0), "timed out"),
        (Route(b"<rss><channel><item><title>broken</tit", 200), "not a valid RSS or Atom feed"),
        (Route(b"<html><body>just a page</body></html>", 200, "text/html"), "not"),
    ],
    ids=["500", "timeout", "malformed-xml", "not-a-feed"],
)
def test_one_failing_feed_never_stops_the_others(server, tmp_path, fault, why):
    server.route("/good", rss_feed("Good", [{"title": "Festival", "link": server.url("/f"), "guid": "f", "content": long_text(FESTIVAL)}]))
    server.route("/bad", fault)
    config = make_config(tmp_path, feeds_toml(server, ("/bad", "Bad"), ("/good", "Good")))
    report, articles, feeds = fetch(config)
    assert [a.outlet for a in articles] == ["Good"]
    bad = next(f for f in feeds if f.url.endswith("/bad"))
    assert why in bad.last_error and bad.failures == 1 and bad.last_success is None


def test_a_50_mb_body_is_cut_off_at_the_cap_and_never_held(server, tmp_path):
    server.route("/huge", Huge(50 * 1024 * 1024))
    server.route("/declared", Huge(50 * 1024 * 1024, declare_length=True))
    config = make_config(tmp_path, feeds_toml(server, ("/huge", "Huge"), ("/declared", "Declared")) + "")
    start = time.monotonic()
    report, _, feeds = fetch(config)
    assert time.monotonic() - start < 10
    errors = {f.url.rsplit("/", 1)[1]: f.last_error for f in feeds}
    assert "exceeds the 5.0 MB limit (stopped reading)" in errors["huge"]
    assert "over the 5.0 MB limit (not read)" in errors["declared"]
    assert server.huge_bytes_sent < 20 * 1024 * 1024  # the server noticed we stopped reading


def test_a_redirect_loop_is_reported(server, tmp_path):
    server.route("/loop-a", RedirectLoop("/loop-b"))
    server.route("/loop-b", RedirectLoop("/loop-a"))
    config = make_config(tmp_path, feeds_toml(server, ("/loop-a", "Loop")))
    _, _, feeds = fetch(config)
    assert "too many redirects" in feeds[0].last_error
    assert len(server.requests) <= 7


def test_retries_with_backoff_then_success(server):
    server.route("/flaky", Flaky(2, Route(b"ok", 200, "text/plain")))
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def go():
        settings = FetchSettings(retries=2, backoff_seconds=0.5, host_delay_seconds=0)
        async with HttpFetcher(settings, sleep=sleep) as http:
            return await http.get(server.url("/flaky"))

    assert asyncio.run(go()).body == b"ok"
    assert len(waits) == 2 and waits[1] > waits[0] >= 0.5  # exponential


def test_retries_are_bounded(server):
    server.route("/down", Flaky(100, Route(b"never")))

    async def go():
        settings = FetchSettings(retries=2, backoff_seconds=0, host_delay_seconds=0)
        async with HttpFetcher(settings) as http:
            await http.get(server.url("/down"))

    with pytest.raises(FetchError, match=r"HTTP 503.*after 3 attempts"):
        asyncio.run(go())
    assert len(server.requests) == 3


def test_requests_to_one_host_are_spaced(server):
    server.route("/p", Route(b"ok"))

    async def go():
        settings = FetchSettings(host_delay_seconds=0.2, concurrency=4)
        async with HttpFetcher(settings) as http:
            await asyncio.gather(*(http.get(server.url("/p")) for _ in range(3)))

    asyncio.run(go())
    times = [r.at for r in server.requests]
    assert all(b - a >= 0.18 for a, b in zip(times, times[1:]))


def test_canonical_url_strips_tracking_and_noise():
    assert canonical_url("HTTP://www.Example.com:80/news/a/?utm_source=x&b=2&a=1#c") == "https://example.com/news/a?a=1&b=2"
    assert canonical_url("https://example.com/news/a?fbclid=1") == canonical_url("https://example.com/news/a/")
    assert canonical_url("mailto:x@example.com") is None


async def _session_trusts_env() -> bool:
    async with HttpFetcher(FetchSettings()) as http:
        assert http._session is not None
        return http._session.trust_env


def test_fetcher_honours_proxy_and_netrc_settings_only_where_the_environment_has_them(monkeypatch, tmp_path):
    # aiohttp's trust_env re-reads the environment and .netrc on every request: it is on only
    # where there is a proxy or a .netrc to honour.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NETRC", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert asyncio.run(_session_trusts_env()) is False
    (tmp_path / ".netrc").write_text("machine example.com login a password b\n")
    assert asyncio.run(_session_trusts_env()) is True
    (tmp_path / ".netrc").unlink()
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    assert asyncio.run(_session_trusts_env()) is True
