"""Ingestion: RSS and Atom feeds (and the article pages behind them) into the store.

``HttpFetcher`` is a careful HTTP client for other people's servers, a good crawler:

* polite per host: one request at a time to a host, at least ``host_delay_seconds`` apart (or
  the host's robots.txt ``Crawl-delay``, up to a minute); hosts are fetched concurrently, up to
  ``concurrency`` requests in flight, and a host's wait never holds up another host;
* identifying: ``User-Agent: newsbrief/VERSION (+project URL; CONTACT)`` with the operator's
  ``[fetch] contact``;
* robots.txt honoured for article pages (RFC 9309: a 4xx robots.txt allows everything, an
  unreachable or 5xx one allows nothing for this fetch);
* bounded: a whole-request timeout, a size cap enforced while streaming (a 50 MB body is dropped
  after ``max_bytes``, never held), a bounded number of redirects, bounded retries with
  exponential backoff (and ``Retry-After``) for 5xx, 429, timeouts and connection errors only;
* conditional GET (ETag / Last-Modified, so an unchanged feed costs a 304).

``Ingestor.fetch_all`` fetches every feed concurrently; one feed failing is recorded against that
feed and never stops the others. Entries carrying only a summary get their text from the article
page (trafilatura, via ``bot.loaders.extract_html``). Articles are stored as they are read, a few
at a time, so an interrupted fetch keeps what it read; a feed's caching validators are recorded
only once all its entries are in, so whatever was not stored is fetched again next time. At most
``max_new_per_feed`` new entries of a feed are read per fetch (newest first); the rest wait for
the next one. Every article is deduplicated (canonical URL, GUID, content hash) and checked for
wire copy before it is stored; the counts reported are the rows really added, so two fetches
running at once do not both count the same article as new.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import logging
import os
import random
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import getproxies
from urllib.robotparser import RobotFileParser

from summarizer import Article
from summarizer.clean import clean_article
from summarizer.cluster import article_features, encode_features
from summarizer.page_check import check_page

from .config import Config, FeedConfig, FetchSettings, StorySettings
from .errors import FetchError, InputError, StoreError
from .fingerprint import bands, canonical_url, content_hash, hamming, resemblance, shingles, simhash
from .loaders import extract_html, load_seeds
from .page_workers import PageExtractor, PageWorkerDied, usable_cpus
from .progress import Progress
from .render import plural
from .store import Store, StoredArticle, utc

if TYPE_CHECKING:  # pragma: no cover
    import aiohttp

_log = logging.getLogger(__name__)

__all__ = [
    "FeedResult",
    "FetchReport",
    "HttpFetcher",
    "HttpResponse",
    "Ingestor",
    "KnownEntry",
    "PROJECT_URL",
    "articles_from_urls",
    "parse_feed",
    "store_articles",
    "user_agent",
]

PROJECT_URL = "https://github.com/newsbrief/newsbrief"
#: The name newsbrief answers to in robots.txt ("User-agent: newsbrief").
ROBOTS_NAME = "newsbrief"
#: A robots.txt Crawl-delay above this is taken as this (a host asking for more is fetched slowly, not never).
MAX_CRAWL_DELAY = 60.0
#: Articles of one feed stored together while its pages are read (a commit each).
STORE_EVERY = 10

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_RECENT_KEYS = 200  # a feed's latest stored articles whose keys are read at once (feeds list 10-100 entries)
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def user_agent(settings: FetchSettings) -> str:
    """The User-Agent sent: ``[fetch] user_agent`` if set, else one naming newsbrief, its version,
    the project and the operator's ``[fetch] contact``."""
    if settings.user_agent:
        return settings.user_agent
    try:
        release = version("newsbrief")
    except PackageNotFoundError:
        release = "dev"
    contact = f"; {settings.contact}" if settings.contact else ""
    return f"newsbrief/{release} (+{PROJECT_URL}{contact})"


@dataclass(frozen=True)
class HttpResponse:
    url: str  # after redirects
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    """What politeness remembers of one host during a fetch."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one request at a time
    last: float = -1e9  # when its last request ended (monotonic)
    delay: float = 0.0  # seconds between two requests (the setting, or robots.txt's Crawl-delay)
    robots: RobotFileParser | None = None  # None: not read yet
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class HttpFetcher:
    """Polite, bounded HTTP GETs. Use as ``async with HttpFetcher(settings) as http: ...``.

    ``sleep`` is injectable so tests of backoff do not wait for real.
    """

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], Any] = asyncio.sleep):
        self._settings = settings
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None
        self._hosts: dict[str, _Host] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)
        self.user_agent = user_agent(settings)

    async def __aenter__(self) -> HttpFetcher:
        # aiohttp is imported when a fetch starts, not with this module: it costs ~0.35 s, and
        # brief, ask, status and check-config, which import this module's neighbours, never fetch.
        import aiohttp

        s = self._settings
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=s.timeout_seconds, sock_connect=min(s.timeout_seconds, 10.0)),
            headers={"User-Agent": self.user_agent},
            trust_env=_environment_configures_http(),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = _PAGE_ACCEPT
    ) -> HttpResponse:
        """GET ``url``; FetchError (one line naming the URL) when it cannot be had."""
        s = self._settings
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = "no attempt made"
        for attempt in range(s.retries + 1):
            retry_after: float | None = None
            try:
                return await self._once(url, headers)
            except _Retryable as exc:
                problem, retry_after = exc.problem, exc.retry_after
            if attempt == s.retries:
                break
            delay = min(s.max_backoff_seconds, s.backoff_seconds * (2**attempt)) * (1 + random.random() * 0.25)
            if retry_after is not None:
                delay = max(delay, min(retry_after, s.max_backoff_seconds))
            _log.info("%s: %s; retrying in %.1fs (attempt %d of %d)", url, problem, delay, attempt + 2, s.retries + 1)
            await self._sleep(delay)
        raise FetchError(f"{url}: {problem}" + (f" (after {s.retries + 1} attempts)" if s.retries else ""))

    async def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets newsbrief fetch ``url`` (read once per host and
        fetch; its Crawl-delay, if any, becomes the host's delay)."""
        if not self._settings.robots_txt:
            return True
        parts = urlsplit(url)
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None:
                host.robots = await self._read_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
                delay = host.robots.crawl_delay(ROBOTS_NAME)
                if delay:
                    host.delay = max(host.delay, min(float(delay), MAX_CRAWL_DELAY))
        return host.robots.can_fetch(ROBOTS_NAME, url)

    async def _read_robots(self, robots_url: str) -> RobotFileParser:
        parser = RobotFileParser(robots_url)
        try:
            response = await self._once(robots_url, {"Accept": "text/plain"}, raise_status=False)
        except (FetchError, _Retryable) as exc:
            _log.info("%s unreachable (%s): no article pages from this host in this fetch", robots_url, exc)
            parser.disallow_all = True
            return parser
        if response.status >= 500:
            _log.info("%s: HTTP %d: no article pages from this host in this fetch", robots_url, response.status)
            parser.disallow_all = True
        elif response.status >= 400:
            parser.allow_all = True  # no robots.txt: everything is allowed
        else:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _host(self, url: str) -> _Host:
        name = (urlsplit(url).hostname or "").lower()
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(delay=self._settings.host_delay_seconds)
        return host

    async def _once(self, url: str, headers: dict[str, str], *, raise_status: bool = True) -> HttpResponse:
        assert self._session is not None, "use HttpFetcher as an async context manager"
        host = self._host(url)
        async with host.lock:
            # Wait for the host's turn first, holding no slot: other hosts go ahead meanwhile.
            wait = host.last + host.delay - time.monotonic()
            if wait > 0:
                await self._sleep(wait)
            try:
                async with self._slots:
                    return await self._request(url, headers, raise_status)
            finally:
                host.last = time.monotonic()

    async def _request(self, url: str, headers: dict[str, str], raise_status: bool) -> HttpResponse:
        import aiohttp  # loaded by __aenter__ already (see there): this only names it here

        assert self._session is not None
        s = self._settings
        try:
            async with self._session.get(url, headers=headers, max_redirects=s.max_redirects) as resp:
                if resp.status in _RETRY_STATUS and raise_status:
                    raise _Retryable(f"HTTP {resp.status} {resp.reason or ''}".rstrip(), _retry_after(resp.headers.get("Retry-After")))
                if resp.status == 304:
                    return HttpResponse(str(resp.url), 304, b"", headers.get("If-None-Match"), headers.get("If-Modified-Since"))
                if resp.status >= 400:
                    if raise_status:
                        raise FetchError(f"{url}: HTTP {resp.status} {resp.reason or ''}".rstrip())
                    return HttpResponse(str(resp.url), resp.status, b"")
                length = resp.content_length
                if length is not None and length > s.max_bytes:
                    raise FetchError(f"{url}: the response is {_size(length)}, over the {_size(s.max_bytes)} limit (not read)")
                chunks: list[bytes] = []
                total = 0
                async for chunk in resp.content.iter_chunked(65536):
                    total += len(chunk)
                    if total > s.max_bytes:
                        raise FetchError(f"{url}: the response exceeds the {_size(s.max_bytes)} limit (stopped reading)")
                    chunks.append(chunk)
                return HttpResponse(
                    url=str(resp.url),
                    status=resp.status,
                    body=b"".join(chunks),
                    etag=resp.headers.get("ETag"),
                    last_modified=resp.headers.get("Last-Modified"),
                    content_type=resp.headers.get("Content-Type"),
                )
        except aiohttp.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects (more than {s.max_redirects}; a redirect loop?)") from None
        except (asyncio.TimeoutError, TimeoutError):
            raise _Retryable(f"timed out after {s.timeout_seconds:g}s") from None
        except aiohttp.InvalidURL:
            raise FetchError(f"{url}: not a valid URL") from None
        except aiohttp.ClientPayloadError as exc:
            raise _Retryable(f"the response was cut off ({exc.__class__.__name__})") from None
        except aiohttp.ClientConnectionError as exc:
            raise _Retryable(f"cannot connect ({exc.__class__.__name__})") from None
        except aiohttp.ClientResponseError as exc:
            raise FetchError(f"{url}: bad response ({exc.message})") from None


def _environment_configures_http() -> bool:
    """Whether the environment names a proxy (``HTTPS_PROXY``...) or a ``.netrc`` file, which
    aiohttp honours with ``trust_env``.

    With ``trust_env`` aiohttp looks both up again for every request (a scan of the environment
    and a read of ``.netrc``, in two worker-thread hops): about a tenth of a fetch's CPU at a
    thousand requests. Where neither is set there is nothing to honour, so it is left off."""
    if getproxies():
        return True
    if os.environ.get("NETRC"):
        return True
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home directory to read a .netrc from
        return False
    return (home / ".netrc").is_file() or (home / "_netrc").is_file()


class _Retryable(Exception):
    def __init__(self, problem: str, retry_after: float | None = None):
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (utc(when) - datetime.now(timezone.utc)).total_seconds())


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


# ---------------------------------------------------------------------------------------------
# feeds


@dataclass(frozen=True)
class FeedEntry:
    title: str | None
    link: str | None
    guid: str | None
    text: str  # plain text (content if the feed has it, else the summary)
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    known: int = 0  # entries left out because ``is_known`` recognised them


#: ``is_known(link, guid)``: whether a feed entry is already stored, judged before its text is read.
KnownEntry = Callable[[str | None, str | None], bool]


def parse_feed(body: bytes, url: str, content_type: str | None = None, *, is_known: KnownEntry | None = None) -> ParsedFeed:
    """Entries of an RSS or Atom document. FetchError when it is not a feed at all; a feed with
    small errors (feedparser's "bozo") is used for what it holds.

    Feeds re-list their last few dozen entries at every poll, so almost every entry is one
    already stored: ``is_known`` lets the caller drop those by link and GUID before their HTML
    is turned into text, the costly part (they are counted in ``ParsedFeed.known``)."""
    pruned = 0
    if is_known is not None:
        is_known = _judged_once(is_known)
        body, pruned, content_type = drop_known_entries(body, content_type, is_known)
    return without_known(read_feed(body, url, content_type), is_known, pruned)


def _judged_once(is_known: KnownEntry) -> KnownEntry:
    """``is_known`` asked at most once an entry (the lxml pass and feedparser's both ask)."""
    judged: dict[tuple[str | None, str | None], bool] = {}

    def once(link: str | None, guid: str | None) -> bool:
        key = (link, guid)
        if key not in judged:
            judged[key] = is_known(link, guid)
        return judged[key]

    return once


def without_known(parsed: ParsedFeed, is_known: KnownEntry | None, pruned: int = 0) -> ParsedFeed:
    """The feed's entries less those ``is_known`` recognises (counted as known, with ``pruned``
    dropped before parsing)."""
    if is_known is None:
        return replace(parsed, known=parsed.known + pruned)
    kept = tuple(e for e in parsed.entries if not is_known(e.link, e.guid))
    return ParsedFeed(parsed.title, kept, parsed.known + pruned + len(parsed.entries) - len(kept))


def read_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Every entry of an RSS or Atom document, its HTML reduced to text (pure computation on
    the bytes: a fetch runs it in a page worker, see ``bot.page_workers``)."""
    import feedparser  # here, not at the top: ~0.4 s to import, and only fetching parses feeds

    # No sanitising or URI resolving: entries are reduced to plain text (``_html_to_text`` drops
    # scripts and styles, as the sanitiser would), and the sanitiser was most of the parse time.
    parsed = feedparser.parse(
        body,
        response_headers={"content-location": url, "content-type": content_type or "application/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not any(e.get("link") and (e.get("summary") or e.get("content")) for e in entries):
        # Malformed XML: the loose parser's leftovers are not articles.
        exc = parsed.get("bozo_exception")
        why = str(exc).splitlines()[0][:160] if exc else "unreadable"
        raise FetchError(f"{url}: not a valid RSS or Atom feed ({why})")
    if not entries and not parsed.get("version"):
        raise FetchError(f"{url}: not an RSS or Atom feed")
    if parsed.get("bozo"):
        _log.warning("%s: feed has errors (%s); using the %d entries read", url, parsed.get("bozo_exception"), len(entries))
    out = []
    for entry in entries:
        link, guid = entry.get("link") or None, entry.get("id") or None
        html = ""
        for content in entry.get("content") or []:
            if len(content.get("value", "")) > len(html):
                html = content.get("value", "")
        summary = entry.get("summary") or ""
        text = _html_to_text(html if len(html) >= len(summary) else summary)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc) if stamp else None
        out.append(
            FeedEntry(
                title=(entry.get("title") or "").strip() or None,
                link=link,
                guid=guid,
                text=text,
                published=published,
            )
        )
    title = (parsed.get("feed") or {}).get("title")
    return ParsedFeed(title=title.strip() if title else None, entries=tuple(out))


_ATOM = "{http://www.w3.org/2005/Atom}"


def drop_known_entries(body: bytes, content_type: str | None, is_known: KnownEntry) -> tuple[bytes, int, str | None]:
    """The feed without the entries ``is_known`` recognises by link and GUID, how many those
    were, and the content type to parse the result with. Only well-formed UTF-8 RSS 2.0 and
    Atom documents are pruned; anything else comes back as it is, for feedparser to read whole.

    feedparser costs about 1 ms an entry, and a feed re-lists mostly stored entries: those are
    recognised on lxml's tree (about 30 times cheaper) and never handed to feedparser.
    The keys are read as feedparser gives them (an RSS item's ``link`` and ``guid``, an Atom
    entry's alternate ``link`` and ``id``, stripped), so an entry dropped here is one that
    ``parse_feed`` would have left out after feedparser anyway."""
    import lxml.etree  # as feedparser: only fetching needs it

    charset = (content_type or "").lower().partition("charset=")[2].strip(" \"';")
    if charset and charset.replace("-", "") != "utf8":
        return body, 0, content_type
    try:
        # no entities resolved, nothing fetched: a feed is data from elsewhere
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=False, huge_tree=False)
        root = lxml.etree.fromstring(body, parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return body, 0, content_type
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower().replace("-", "")
    if encoding != "utf8":
        return body, 0, content_type
    if root.tag == "rss":
        items = root.findall("channel/item")
        keys = [((item.findtext("link") or "").strip() or None, (item.findtext("guid") or "").strip() or None) for item in items]
    elif root.tag == f"{_ATOM}feed":
        items = root.findall(f"{_ATOM}entry")
        keys = []
        for item in items:
            links = [e.get("href") for e in item.findall(f"{_ATOM}link") if e.get("rel") in (None, "alternate")]
            keys.append(((links[0] or "").strip() or None if links else None, (item.findtext(f"{_ATOM}id") or "").strip() or None))
    else:
        return body, 0, content_type
    dropped = 0
    for item, (link, guid) in zip(items, keys):
        if (link or guid) and is_known(link, guid):
            item.getparent().remove(item)
            dropped += 1
    if not dropped:
        return body, 0, content_type
    return lxml.etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True), dropped, "application/xml"


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with its paragraphs (feed content is HTML, often escaped)."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html  # as feedparser above: only feeds with HTML entries need it

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup: fall back to the raw text
        return fragment.strip()
    for bad in root.xpath("//script|//style|//applet"):
        bad.drop_tree()
    for block in root.xpath("//p|//div|//br|//li|//h1|//h2|//h3|//h4|//blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content().strip()


# ---------------------------------------------------------------------------------------------
# storing (shared by feeds, seed files and fixed article lists)


def _article_id(canonical: str | None, feed_url: str | None, guid: str | None, digest: str) -> str:
    basis = canonical or (f"{feed_url}|{guid}" if guid else None) or digest
    return "a_" + hashlib.sha1(basis.encode()).hexdigest()[:16]


class _Deduper:
    """Decides, for each incoming article, whether it is new, a duplicate, or wire copy, looking
    at the store and at the batch being stored."""

    def __init__(self, store: Store, settings: StorySettings, now: datetime):
        self._store = store
        self._threshold = settings.wire_similarity
        self._since = now - timedelta(hours=settings.window_hours)
        self._batch: list[StoredArticle] = []
        self._keys: set[str] = set()
        self._shingles: dict[str, set[int]] = {}

    def check(self, article: StoredArticle) -> StoredArticle | None:
        """The article ready to store (``wire_of`` set if it reprints another), or None if it
        is already known."""
        keys = {f"h:{article.outlet}:{article.content_hash}", f"id:{article.id}"}
        if article.canonical_url:
            keys.add(f"u:{article.canonical_url}")
        if article.guid and article.feed_url:
            keys.add(f"g:{article.feed_url}:{article.guid}")
        if keys & self._keys:
            return None
        if self._store.find_duplicate(
            canonical_url=article.canonical_url, guid=article.guid, feed_url=article.feed_url,
            content_hash=article.content_hash, outlet=article.outlet,
        ) or self._store.articles(ids=[article.id], set_aside=True):
            return None
        # a page set aside as no article reprints nothing and is reprinted by nothing
        wire_of = None if article.set_aside else self._wire_of(article)
        if wire_of:
            article = StoredArticle(**{**article.__dict__, "wire_of": wire_of})
        self._keys |= keys
        self._batch.append(article)
        return article

    def _wire_of(self, article: StoredArticle) -> str | None:
        mine = bands(article.simhash)
        candidates = self._store.wire_candidates(mine, self._since, article.outlet)
        candidates += [
            a for a in self._batch
            if a.outlet != article.outlet and not a.wire_of and not a.set_aside
            and any(x == y for x, y in zip(bands(a.simhash), mine))
        ]
        text_shingles: set[int] | None = None
        for candidate in candidates:
            if hamming(candidate.simhash, article.simhash) > 12:
                continue
            if text_shingles is None:
                text_shingles = shingles(article.text)
            other = self._shingles.get(candidate.id)
            if other is None:
                other = self._shingles[candidate.id] = shingles(candidate.text)
            if resemblance(text_shingles, other) >= self._threshold:
                return candidate.id
        return None


def make_stored(
    *,
    outlet: str,
    text: str,
    now: datetime,
    title: str | None = None,
    url: str | None = None,
    guid: str | None = None,
    feed_url: str | None = None,
    published: Any = None,
    article_id: str | None = None,
) -> StoredArticle:
    canonical = canonical_url(url)
    digest = content_hash(text)
    page = check_page(text, title)  # a page that is no article is stored, set aside, never filed
    return StoredArticle(
        id=article_id or _article_id(canonical, feed_url, guid, digest),
        outlet=outlet,
        text=text,
        first_seen=now,
        content_hash=digest,
        title=title,
        url=url,
        canonical_url=canonical,
        guid=guid,
        feed_url=feed_url,
        published=published,
        simhash=simhash(text),
        set_aside=page.reason,
    )


def store_articles(store: Store, articles: Sequence[Article], *, clock: Callable[[], datetime], settings: StorySettings) -> int:
    """Store ready-made articles (seed files, a fixed list), deduplicated. Returns how many new
    ones are articles (pages set aside as no article are stored but not counted)."""
    now = utc(clock())
    dedupe = _Deduper(store, settings, now)
    fresh = []
    for a in articles:
        stored = make_stored(
            outlet=a.source, text=a.text, now=now, title=a.title, url=a.url, published=a.published, article_id=a.id
        )
        checked = dedupe.check(stored)
        if checked is not None:
            fresh.append(checked)
    if fresh:
        store.add_articles(fresh)
    return sum(1 for a in fresh if not a.set_aside)


# ---------------------------------------------------------------------------------------------
# the ingestor


@dataclass(frozen=True)
class FeedResult:
    url: str
    outlet: str | None = None
    new: int = 0  # articles this fetch added to the store (rows really inserted)
    known: int = 0  # entries already stored (or repeated within the feed)
    wire: int = 0  # new articles recognised as reprints of another outlet's report
    pages: int = 0  # article pages fetched for full text
    not_modified: bool = False
    error: str | None = None  # "URL: problem"
    deferred: int = 0  # new entries left for the next fetch (over ``max_new_per_feed``)
    robots_denied: int = 0  # article pages robots.txt kept us from (the feed's summary was used)
    set_aside: tuple[tuple[str, int], ...] = ()  # new pages that are no article, by reason (page_check)

    @property
    def problem(self) -> str | None:
        """The error without the feed's URL in front (for a line that names the feed already)."""
        return self.error.removeprefix(f"{self.url}: ") if self.error else None


@dataclass(frozen=True)
class FetchReport:
    feeds: tuple[FeedResult, ...] = ()
    seeds: int = 0  # seed articles newly stored

    @property
    def new(self) -> int:
        return sum(f.new for f in self.feeds) + self.seeds

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        return tuple(f for f in self.feeds if f.error)

    @property
    def set_aside(self) -> dict[str, int]:
        """New pages stored but set aside as no article, by reason, over all feeds."""
        out: dict[str, int] = {}
        for feed in self.feeds:
            for reason, n in feed.set_aside:
                out[reason] = out.get(reason, 0) + n
        return out

    def summary(self) -> str:
        """One line for the operator: "10 feeds, 127 new articles (3 wire copies), 1 failed"."""
        wire = sum(f.wire for f in self.feeds)
        deferred = sum(f.deferred for f in self.feeds)
        parts = [plural(len(self.feeds), "feed"), plural(self.new, "new article") + (f" ({plural(wire, 'wire copy', 'wire copies')})" if wire else "")]
        if deferred:
            parts.append(f"{deferred} left for the next fetch")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


@dataclass
class _Batch:
    articles: list[StoredArticle] = field(default_factory=list)
    known: int = 0
    wire: int = 0
    pages: int = 0


@dataclass
class _FeedCount:
    """A feed's counts, as its articles are stored a few at a time."""

    new: int = 0
    known: int = 0
    wire: int = 0
    pages: int = 0
    denied: int = 0
    aside: dict[str, int] = field(default_factory=dict)  # pages set aside as no article, by reason


class Ingestor:
    """Fetches the configured feeds into the store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        sleep: Callable[[float], Any] = asyncio.sleep,
        pages: PageExtractor | None = None,
    ):
        """``pages`` extracts article pages (default: ``fetch.extract_workers`` processes, see
        :func:`page_workers`)."""
        self._config = config
        self._store = store
        self._clock = clock
        self._sleep = sleep
        # One lock per event loop: an asyncio.Lock belongs to the loop that first waits on it,
        # and each ``asyncio.run(fetch_all())`` (a CLI run, each scheduler tick) is a new loop.
        self._store_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self._pages = pages or PageExtractor(page_workers(config.fetch))

    def close(self) -> None:
        """Ends the page workers (a later fetch starts them again)."""
        self._pages.close()

    def _store_lock(self) -> asyncio.Lock:
        """The lock serialising this loop's store writes (dedupe, then insert, as one step)."""
        loop = asyncio.get_running_loop()
        lock = self._store_locks.get(loop)
        if lock is None:
            lock = self._store_locks[loop] = asyncio.Lock()
        return lock

    def _known_entry(self, feed_url: str) -> KnownEntry:
        """Whether a feed entry is stored already, by canonical URL or by GUID in this feed: the
        same two keys ``_Deduper`` checks first, so skipping these early changes no outcome."""

        # A feed re-lists its newest entries at every poll: the keys of this feed's latest
        # articles, read in one query, answer for those without a query per entry.
        urls, guids = self._store.recent_keys(feed_url, limit=_RECENT_KEYS)

        def known(link: str | None, guid: str | None) -> bool:
            canonical = canonical_url(link)
            if not canonical and not guid:
                return False
            if (canonical and canonical in urls) or (guid and guid in guids):
                return True
            # No content hash yet: "-" matches no stored article (hashes are hex digests).
            return self._store.find_duplicate(
                canonical_url=canonical, guid=guid, feed_url=feed_url, content_hash="-", outlet="-"
            ) is not None

        return known

    async def fetch_all(self, *, progress: Progress | None = None) -> FetchReport:
        """Fetch every feed; a StoreError (locked, read-only) stops the run, nothing else does.

        Cancelled (Ctrl-C), it stops at once; the articles stored so far stay stored."""
        seeds = 0
        if self._config.include_seeds:
            seeds = await asyncio.to_thread(
                store_articles, self._store, load_seeds(), clock=self._clock, settings=self._config.stories
            )
        feeds = self._config.feeds
        if not feeds:
            return FetchReport(seeds=seeds)
        bar = progress or Progress(label="fetching")
        bar.expect_feeds(len(feeds))
        ticker = asyncio.create_task(_tick(bar)) if bar.enabled else None
        try:
            async with HttpFetcher(self._config.fetch, sleep=self._sleep) as http:
                tasks = [asyncio.create_task(self._one(http, feed, bar)) for feed in feeds]
                try:
                    results = await asyncio.gather(*tasks)
                except BaseException:
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
                    raise
        finally:
            if ticker is not None:
                ticker.cancel()
            if progress is None:
                bar.close()
        return FetchReport(feeds=tuple(results), seeds=seeds)

    async def _one(self, http: HttpFetcher, feed: FeedConfig, bar: Progress) -> FeedResult:
        state = await asyncio.to_thread(self._store.feed, feed.url)
        outlet = feed.outlet or (state.outlet if state else None)
        count = _FeedCount()
        try:
            response = await http.get(
                feed.url,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                accept=_FEED_ACCEPT,
            )
            if response.not_modified:
                async with self._store_lock():
                    await asyncio.to_thread(self._store.record_feed, feed.url, at=self._clock(), outlet=outlet)
                return FeedResult(feed.url, outlet, not_modified=True)
            # parse_feed in three steps: stored entries dropped here (the store is here), the rest
            # parsed in a page worker (pure computation), what feedparser read checked again here
            is_known = _judged_once(self._known_entry(feed.url))
            body, pruned, content_type = await asyncio.to_thread(
                drop_known_entries, response.body, response.content_type, is_known
            )
            read = await self._pages.run(read_feed, body, feed.url, content_type)
            parsed = await asyncio.to_thread(without_known, read, is_known, pruned)
            outlet = feed.outlet or parsed.title or (urlsplit(feed.url).hostname or feed.url)
            entries = _newest_first(parsed.entries)
            cap = self._config.fetch.max_new_per_feed
            deferred = max(len(entries) - cap, 0)
            taken = ParsedFeed(parsed.title, tuple(entries[:cap]), parsed.known)
            count.known = parsed.known
            bar.expect(len(taken.entries))
            await self._read_and_store(http, feed, outlet, taken, bar, count)
            async with self._store_lock():
                # The validators only once every entry is in: a feed cut short (by the cap or a
                # crash) is read whole again next time, and its stored entries are known then.
                await asyncio.to_thread(
                    self._store.record_feed,
                    feed.url,
                    at=self._clock(),
                    outlet=outlet,
                    etag=None if deferred else response.etag,
                    last_modified=None if deferred else response.last_modified,
                    stored=count.new,
                )
            if deferred:
                _log.info("%s: %d new entries left for the next fetch (max_new_per_feed = %d)", feed.url, deferred, cap)
            return FeedResult(
                feed.url, outlet, new=count.new, known=count.known, wire=count.wire, pages=count.pages,
                deferred=deferred, robots_denied=count.denied, set_aside=tuple(sorted(count.aside.items())),
            )
        except StoreError:
            raise
        except Exception as exc:
            message = str(exc) if isinstance(exc, (FetchError, InputError)) else f"{feed.url}: {exc.__class__.__name__}: {exc}"
            if isinstance(exc, (FetchError, InputError)):
                _log.info("feed failed: %s", message)
            else:
                _log.warning("feed failed: %s", message, exc_info=True)
            async with self._store_lock():
                await asyncio.to_thread(
                    self._store.record_feed, feed.url, at=self._clock(), outlet=outlet, error=message, stored=count.new
                )
            return FeedResult(feed.url, outlet, new=count.new, known=count.known, wire=count.wire, pages=count.pages, error=message)
        finally:
            bar.feed_done(outlet or feed.url)

    async def _read_and_store(
        self, http: HttpFetcher, feed: FeedConfig, outlet: str, parsed: ParsedFeed, bar: Progress, count: _FeedCount
    ) -> None:
        """Each entry's text (from its page when the feed holds only a summary), stored as soon
        as a few are ready, so that an interrupted fetch keeps them.

        ``parsed`` holds only entries not stored yet (see ``parse_feed``'s ``is_known``), so a
        feed re-listing old entries costs no page fetch. A page that fails, or that robots.txt
        forbids, leaves the summary (better than nothing; logged)."""
        s = self._config.fetch

        async def one(entry: FeedEntry) -> tuple[FeedEntry, str, bool]:
            if not s.full_text or not entry.link or len(entry.text.split()) >= s.min_words:
                return entry, entry.text, False
            try:
                if not await http.allowed(entry.link):
                    _log.info("robots.txt forbids %s: using the feed's summary", entry.link)
                    count.denied += 1
                    return entry, entry.text, False
                page = await http.get(entry.link, accept=_PAGE_ACCEPT)
                extracted = await self._pages.extract(page.body, page.url)
            except FetchError as exc:
                _log.info("using the feed's summary: %s", exc)
                return entry, entry.text, False
            except PageWorkerDied as exc:
                _log.warning("using the feed's summary: %s", exc)
                return entry, entry.text, False
            if extracted is None or len(extracted.text.split()) <= len(entry.text.split()):
                return entry, entry.text, False
            return entry, extracted.text, True

        ready: list[tuple[FeedEntry, str, bool]] = []

        async def flush() -> None:
            if not ready:
                return
            batch_feed = ParsedFeed(parsed.title, tuple(e for e, _, _ in ready), 0)
            texts = [(text, from_page) for _, text, from_page in ready]
            ready.clear()
            now = utc(self._clock())
            # cleaning and fingerprints in a page worker; deduplication against the store here
            made = await self._pages.run(stored_articles, feed.url, outlet, now, batch_feed.entries, texts)
            features = {a.id: f for a, f in made if f is not None}
            async with self._store_lock():
                batch = await asyncio.to_thread(self._dedupe, batch_feed.known, [a for a, _ in made], now)
                # a reprint is filed with the report it reprints, not by its own features
                kept = {a.id: features[a.id] for a in batch.articles if not a.wire_of and a.id in features}
                added = await asyncio.to_thread(self._store.add_articles, batch.articles, features=kept)
            aside = [a.set_aside for a in batch.articles if a.set_aside]
            count.new += max(0, added - len(aside))  # pages set aside are stored, not counted as new
            for reason in aside:
                count.aside[reason] = count.aside.get(reason, 0) + 1
            count.known += batch.known + (len(batch.articles) - added)  # stored meanwhile by another fetch
            count.wire += batch.wire
            count.pages += sum(1 for _, from_page in texts if from_page)

        tasks = [asyncio.create_task(one(entry)) for entry in parsed.entries]
        try:
            for next_done in asyncio.as_completed(tasks):
                ready.append(await next_done)
                bar.advance(outlet)
                if len(ready) >= STORE_EVERY:
                    await flush()
            await flush()
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            try:  # what was read before the interruption is stored too (a short, local write)
                await asyncio.shield(flush())
            except Exception:  # noqa: BLE001 - the interruption is what the caller must see
                _log.warning("%s: articles read before the interruption could not be stored", feed.url, exc_info=True)
            raise


    def _dedupe(self, known: int, made: Sequence[StoredArticle], now: datetime) -> _Batch:
        """The articles not stored yet (wire copies marked), counting the others as known."""
        dedupe = _Deduper(self._store, self._config.stories, now)
        batch = _Batch(known=known)
        for stored in made:
            checked = dedupe.check(stored)
            if checked is None:
                batch.known += 1
                continue
            batch.wire += bool(checked.wire_of)
            batch.articles.append(checked)
        return batch


def stored_articles(
    feed_url: str, outlet: str, now: datetime, entries: Sequence[FeedEntry], texts: Sequence[tuple[str, bool]]
) -> list[tuple[StoredArticle, bytes | None]]:
    """Feed entries with their texts (the entry's own or its page's) as articles to store:
    cleaned, fingerprinted, judged as pages, each with its clustering features (encoded; None
    for a page set aside, which is never filed). Pure computation, run in a page worker: the
    features are most of what filing an article costs (``bot.stories``)."""
    made = []
    for entry, (raw, _from_page) in zip(entries, texts):
        # an empty page is kept too (set aside as near-empty, and counted), so it is not read again
        cleaned = clean_article(raw, [entry.title] if entry.title else [])
        stored = make_stored(
            outlet=outlet,
            text=cleaned.text,
            now=now,
            title=entry.title or cleaned.title,
            url=entry.link,
            guid=entry.guid,
            feed_url=feed_url,
            published=entry.published or cleaned.published,
        )
        made.append((stored, None if stored.set_aside else encode_features(article_features(stored.to_article()))))
    return made


def page_workers(settings: FetchSettings) -> int:
    """Processes that extract article pages: ``extract_workers``, at most one a usable CPU; none
    (a thread of the fetching process) on a single CPU, where a worker would only add copying."""
    cpus = usable_cpus()
    return min(settings.extract_workers, cpus) if cpus > 1 else 0


async def _tick(bar: Progress) -> None:
    """Redraw the progress line twice a second while a fetch runs."""
    while True:
        await asyncio.sleep(0.5)
        bar.tick()


def _newest_first(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """Entries newest first (by date where the feed gives one; undated ones keep the feed's
    order after the dated), so a capped fetch takes the freshest news."""
    dated = sorted((e for e in entries if e.published), key=lambda e: e.published or datetime.min, reverse=True)
    return dated + [e for e in entries if not e.published]


# ---------------------------------------------------------------------------------------------
# one-off reading of URLs (``newsbrief brief URL``)


def articles_from_urls(urls: Sequence[str], settings: FetchSettings) -> list[Article]:
    """Articles from feed URLs and article URLs, fetched now (nothing is stored).

    A URL whose body parses as a feed gives its entries; otherwise it is an article page.
    InputError names the URL when nothing usable comes back.
    """
    return asyncio.run(_articles_from_urls(list(urls), settings))


async def _articles_from_urls(urls: list[str], settings: FetchSettings) -> list[Article]:
    out: list[Article] = []
    async with HttpFetcher(settings) as http:
        for url in urls:
            try:
                response = await http.get(url, accept=f"{_FEED_ACCEPT}, {_PAGE_ACCEPT}")
            except FetchError as exc:
                raise InputError(str(exc)) from None
            host = urlsplit(response.url).hostname or url
            try:
                parsed = parse_feed(response.body, url)
            except FetchError:
                parsed = None
            if parsed is not None and parsed.entries:
                for n, entry in enumerate(parsed.entries):
                    text = clean_article(entry.text, [entry.title] if entry.title else []).text
                    if any(ch.isalpha() for ch in text):
                        out.append(
                            Article(
                                id=_article_id(canonical_url(entry.link), url, entry.guid or str(n), content_hash(text)),
                                source=parsed.title or host,
                                text=text,
                                title=entry.title,
                                url=entry.link,
                                published=entry.published,
                            )
                        )
                continue
            page = await asyncio.to_thread(extract_html, response.body, response.url)
            if page is None:
                raise InputError(f"{url}: no article text found on the page")
            out.append(
                Article(
                    id=_article_id(canonical_url(response.url), None, None, content_hash(page.text)),
                    source=page.outlet or host,
                    text=clean_article(page.text, [page.title] if page.title else []).text,
                    title=page.title,
                    url=response.url,
                    published=page.published,
                )
            )
    if not out:
        raise InputError("no articles found at the given URLs")
    return out
