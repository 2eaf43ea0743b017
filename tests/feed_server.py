"""A real HTTP server on 127.0.0.1 that serves feeds, article pages and faults, for tests.

    with FeedServer() as server:
        server.route("/feed.xml", rss_feed("Outlet", [entry(...)]))
        server.url("/feed.xml")

Each route is a ``Route`` (status, body, headers, ETag) or one of the faults: ``Slow`` (sleeps
before answering: a timeout), ``Huge`` (streams an endless-looking body of ``size`` bytes, chunk by
chunk, never built in memory), ``RedirectLoop`` (two paths redirecting to each other). Requests
are recorded (path and headers) so tests can check conditional GETs and politeness.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from datetime import datetime, timezone
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Slow:
    seconds: float
    then: Route = field(default_factory=Route)


@dataclass
class Huge:
    size: int = 50 * 1024 * 1024
    declare_length: bool = False


@dataclass
class RedirectLoop:
    to: str


@dataclass
class Flaky:
    """Fails with ``status`` for the first ``failures`` requests, then serves ``then``."""

    failures: int
    then: Route
    status: int = 503


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


class FeedServer:
    """``host``: the loopback address to serve on (127.0.0.2 ... are other "hosts" on Linux)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, object] = {}
        self.requests: list[Request] = []
        self.huge_bytes_sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes: with Nagle's algorithm the body waits for
            # the client's delayed ACK of the headers (~40 ms a small response on loopback),
            # which real servers do not impose and which made bench/pipeline.py time this server.
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                server.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    return self._send(Route(b"not found", 404, "text/plain"))
                if isinstance(route, Slow):
                    time.sleep(route.seconds)
                    return self._send(route.then)
                if isinstance(route, Flaky):
                    if route.failures > 0:
                        route.failures -= 1
                        return self._send(Route(b"busy", route.status, "text/plain", headers={"Retry-After": "0"}))
                    return self._send(route.then)
                if isinstance(route, RedirectLoop):
                    self.send_response(302)
                    self.send_header("Location", route.to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if isinstance(route, Huge):
                    return self._huge(route)
                assert isinstance(route, Route)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(route)

            def _send(self, route: Route) -> None:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(route.body)

            def _huge(self, route: Huge) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                if route.declare_length:
                    self.send_header("Content-Length", str(route.size))
                else:
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<item>" + b"x" * 65530 + b"\n"
                sent = 0
                try:
                    while sent < route.size:
                        piece = chunk[: min(len(chunk), route.size - sent)]
                        if route.declare_length:
                            self.wfile.write(piece)
                        else:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        sent += len(piece)
                        server.huge_bytes_sent = sent
                    if not route.declare_length:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: what a size cap should do

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # clients hanging up mid-body (size caps, timeouts) are expected here

        self._httpd = Server((host, 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, route: object) -> None:
        self.routes[path] = route


def rfc822(when: datetime) -> str:
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


def rss_feed(title: str, entries: list[dict[str, str]], **route: object) -> Route:
    """An RSS 2.0 feed. Entry keys: title, link, guid, description, content, pubDate."""
    items = []
    for e in entries:
        parts = [f"<title>{escape(e.get('title', ''))}</title>"]
        if "link" in e:
            parts.append(f"<link>{escape(e['link'])}</link>")
        if "guid" in e:
            parts.append(f"<guid isPermaLink=\"false\">{escape(e['guid'])}</guid>")
        if "pubDate" in e:
            parts.append(f"<pubDate>{e['pubDate']}</pubDate>")
        if "description" in e:
            parts.append(f"<description>{escape(e['description'])}</description>")
        if "content" in e:
            parts.append(f"<content:encoded><![CDATA[{e['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link><description>test</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()
    return Route(body=body, **route)  # type: ignore[arg-type]


def atom_feed(title: str, entries: list[dict[str, str]]) -> Route:
    """An Atom 1.0 feed. Entry keys: title, link, id, summary, content, updated."""
    items = []
    for e in entries:
        parts = [f"<title>{escape(e.get('title', ''))}</title>", f"<id>{escape(e.get('id', e.get('link', '')))}</id>"]
        if "link" in e:
            parts.append(f"<link href=\"{escape(e['link'])}\"/>")
        parts.append(f"<updated>{e.get('updated', '2026-11-24T06:00:00Z')}</updated>")
        if "summary" in e:
            parts.append(f"<summary>{escape(e['summary'])}</summary>")
        if "content" in e:
            parts.append(f"<content type=\"html\">{escape(e['content'])}</content>")
        items.append("<entry>" + "".join(parts) + "</entry>")
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id><updated>2026-11-24T06:00:00Z</updated>"
        + "".join(items)
        + "</feed>"
    ).encode()
    return Route(body=body, content_type="application/atom+xml")


def article_page(title: str, paragraphs: list[str], outlet: str = "Example News") -> Route:
    body = (
        "<!doctype html><html><head>"
        f"<title>{escape(title)} | {escape(outlet)}</title>"
        f'<meta property="og:site_name" content="{escape(outlet)}">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a> Subscribe now!</nav>"
        f"<article><h1>{escape(title)}</h1>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</article><footer>© 2026 Example News. All rights reserved. Privacy policy.</footer></body></html>"
    ).encode()
    return Route(body=body, content_type="text/html; charset=utf-8")
