"""Ingestion: RSS and Atom feeds (and the article pages behind them) into the store.

``HttpFetcher`` is a careful HTTP client for other people's servers: a whole-request timeout, a
size cap enforced while streaming (a 50 MB body is dropped after ``max_bytes``, never held),
conditional GET (ETag / Last-Modified, so an unchanged feed costs a 304), a minimum delay between
two requests to one host, a bounded number of redirects, and bounded retries with exponential
backoff (and ``Retry-After``) for 5xx, 429, timeouts and connection errors only.

``Ingestor.fetch_all`` fetches every feed concurrently; one feed failing is recorded against that
feed and never stops the others. Entries carrying only a summary get their text from the article
page (trafilatura, via ``bot.loaders.extract_html``). Every article is deduplicated (canonical
URL, GUID, content hash) and checked for wire copy before it is stored; a feed's new articles
and its fetch record are written in one transaction, so a failed write leaves the feed's caching
validators unchanged and the articles are fetched again next time.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import logging
import random
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from summarizer import Article
from summarizer.clean import clean_article
from summarizer.page_check import check_page

from .config import Config, FeedConfig, FetchSettings, StorySettings
from .errors import FetchError, InputError, StoreError
from .fingerprint import bands, canonical_url, content_hash, hamming, resemblance, shingles, simhash
from .progress import Progress
from .store import Store, StoredArticle, utc

_log = logging.getLogger(__name__)

__all__ = [
    "FeedResult",
    "FetchReport",
    "HttpFetcher",
    "HttpResponse",
    "Ingestor",
    "KnownEntry",
    "articles_from_urls",
    "parse_feed",
    "store_articles",
]

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_RECENT_KEYS = 200  # a feed's latest stored articles whose keys are read at once (feeds list 10-100 entries)
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


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


class HttpFetcher:
    """Polite, bounded HTTP GETs. Use as ``async with HttpFetcher(settings) as http: ...``.

    ``sleep`` is injectable so tests of backoff do not wait for real.
    """

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], Any] = asyncio.sleep):
        self._settings = settings
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None
        self._hosts: dict[str, tuple[asyncio.Lock, list[float]]] = {}
        self._slots = asyncio.Semaphore(settings.concurrency)

    async def __aenter__(self) -> HttpFetcher:
        s = self._settings
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=s.timeout_seconds, sock_connect=min(s.timeout_seconds, 10.0)),
            headers={"User-Agent": s.user_agent},
            trust_env=True,
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

    async def _polite(self, url: str) -> tuple[asyncio.Lock, list[float]]:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = (asyncio.Lock(), [0.0])
        return self._hosts[host]

    async def _once(self, url: str, headers: dict[str, str]) -> HttpResponse:
        assert self._session is not None, "use HttpFetcher as an async context manager"
        s = self._settings
        lock, last = await self._polite(url)
        async with self._slots, lock:
            wait = last[0] + s.host_delay_seconds - time.monotonic()
            if wait > 0:
                await self._sleep(wait)
            try:
                async with self._session.get(url, headers=headers, max_redirects=s.max_redirects) as resp:
                    if resp.status in _RETRY_STATUS:
                        raise _Retryable(f"HTTP {resp.status} {resp.reason or ''}".rstrip(), _retry_after(resp.headers.get("Retry-After")))
                    if resp.status == 304:
                        return HttpResponse(str(resp.url), 304, b"", headers.get("If-None-Match"), headers.get("If-Modified-Since"))
                    if resp.status >= 400:
                        raise FetchError(f"{url}: HTTP {resp.status} {resp.reason or ''}".rstrip())
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
            finally:
                last[0] = time.monotonic()


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
        from email.utils import parsedate_to_datetime

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
    import feedparser

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
    known = 0
    for entry in entries:
        link, guid = entry.get("link") or None, entry.get("id") or None
        if is_known is not None and is_known(link, guid):
            known += 1
            continue
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
    return ParsedFeed(title=title.strip() if title else None, entries=tuple(out), known=known)


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with its paragraphs (feed content is HTML, often escaped)."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

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
    new: int = 0
    known: int = 0  # entries already stored (or repeated within the feed)
    wire: int = 0  # new articles recognised as reprints of another outlet's report
    pages: int = 0  # article pages fetched for full text
    not_modified: bool = False
    error: str | None = None
    set_aside: tuple[tuple[str, int], ...] = ()  # new pages that are no article, by reason (page_check)


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


@dataclass
class _Batch:
    articles: list[StoredArticle] = field(default_factory=list)
    known: int = 0
    wire: int = 0
    pages: int = 0

    @property
    def new(self) -> int:
        return sum(1 for a in self.articles if not a.set_aside)

    @property
    def set_aside(self) -> tuple[tuple[str, int], ...]:
        counts: dict[str, int] = {}
        for a in self.articles:
            if a.set_aside:
                counts[a.set_aside] = counts.get(a.set_aside, 0) + 1
        return tuple(sorted(counts.items()))


class Ingestor:
    """Fetches the configured feeds into the store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        sleep: Callable[[float], Any] = asyncio.sleep,
    ):
        self._config = config
        self._store = store
        self._clock = clock
        self._sleep = sleep
        # One lock per event loop: an asyncio.Lock belongs to the loop that first waits on it,
        # and each ``asyncio.run(fetch_all())`` (a CLI run, each scheduler tick) is a new loop.
        self._store_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()

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
        """Fetch every feed; a StoreError (locked, read-only) stops the run, nothing else does."""
        seeds = 0
        if self._config.include_seeds:
            from .loaders import load_seeds

            seeds = await asyncio.to_thread(
                store_articles, self._store, load_seeds(), clock=self._clock, settings=self._config.stories
            )
        feeds = self._config.feeds
        if not feeds:
            return FetchReport(seeds=seeds)
        bar = progress or Progress(len(feeds), "fetching")
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
                if progress is None:
                    bar.close()
        return FetchReport(feeds=tuple(results), seeds=seeds)

    async def _one(self, http: HttpFetcher, feed: FeedConfig, bar: Progress) -> FeedResult:
        state = await asyncio.to_thread(self._store.feed, feed.url)
        outlet = feed.outlet or (state.outlet if state else None)
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
            parsed = await asyncio.to_thread(
                parse_feed, response.body, feed.url, response.content_type, is_known=self._known_entry(feed.url)
            )
            outlet = feed.outlet or parsed.title or (urlsplit(feed.url).hostname or feed.url)
            texts = await self._texts(http, parsed)
            async with self._store_lock():
                batch = await asyncio.to_thread(self._prepare, feed, outlet, parsed, texts)
                await asyncio.to_thread(
                    self._store.record_feed,
                    feed.url,
                    at=self._clock(),
                    outlet=outlet,
                    etag=response.etag,
                    last_modified=response.last_modified,
                    articles=batch.articles,
                )
            return FeedResult(
                feed.url, outlet, new=batch.new, known=batch.known, wire=batch.wire,
                pages=sum(1 for t in texts if t[1]), set_aside=batch.set_aside,
            )
        except StoreError:
            raise
        except Exception as exc:
            message = str(exc) if isinstance(exc, (FetchError, InputError)) else f"{feed.url}: {exc.__class__.__name__}: {exc}"
            log = _log.warning if isinstance(exc, (FetchError, InputError)) else _log.exception
            log("feed failed: %s", message)
            async with self._store_lock():
                await asyncio.to_thread(self._store.record_feed, feed.url, at=self._clock(), outlet=outlet, error=message)
            return FeedResult(feed.url, outlet, error=message)
        finally:
            bar.advance(outlet or feed.url)

    async def _texts(self, http: HttpFetcher, parsed: ParsedFeed) -> list[tuple[str, bool]]:
        """Each entry's text, from its page when the feed holds only a summary.

        ``parsed`` holds only entries not stored yet (see ``parse_feed``'s ``is_known``), so a
        feed re-listing old entries costs no page fetch. A page that fails leaves the summary
        (better than nothing; logged)."""
        s = self._config.fetch

        async def one(entry: FeedEntry) -> tuple[str, bool]:
            if not s.full_text or not entry.link or len(entry.text.split()) >= s.min_words:
                return entry.text, False
            try:
                page = await http.get(entry.link, accept=_PAGE_ACCEPT)
                from .loaders import extract_html

                extracted = await asyncio.to_thread(extract_html, page.body, page.url)
            except FetchError as exc:
                _log.info("using the feed's summary: %s", exc)
                return entry.text, False
            if extracted is None or len(extracted.text.split()) <= len(entry.text.split()):
                return entry.text, False
            return extracted.text, True

        return list(await asyncio.gather(*(one(e) for e in parsed.entries)))

    def _prepare(self, feed: FeedConfig, outlet: str, parsed: ParsedFeed, texts: list[tuple[str, bool]]) -> _Batch:
        now = utc(self._clock())
        dedupe = _Deduper(self._store, self._config.stories, now)
        batch = _Batch(known=parsed.known)
        for entry, (raw, _from_page) in zip(parsed.entries, texts):
            # an empty page is kept too (set aside as near-empty, and counted), so it is not read again
            cleaned = clean_article(raw, [entry.title] if entry.title else [])
            stored = make_stored(
                outlet=outlet,
                text=cleaned.text,
                now=now,
                title=entry.title or cleaned.title,
                url=entry.link,
                guid=entry.guid,
                feed_url=feed.url,
                published=entry.published or cleaned.published,
            )
            checked = dedupe.check(stored)
            if checked is None:
                batch.known += 1
                continue
            batch.wire += bool(checked.wire_of)
            batch.articles.append(checked)
        return batch


# ---------------------------------------------------------------------------------------------
# one-off reading of URLs (``newsbrief brief URL``)


def articles_from_urls(urls: Sequence[str], *, config_path: str | None = None) -> list[Article]:
    """Articles from feed URLs and article URLs, fetched now (nothing is stored).

    A URL whose body parses as a feed gives its entries; otherwise it is an article page.
    InputError names the URL when nothing usable comes back.
    """
    from .config import load_config

    settings = load_config(config_path).fetch
    return asyncio.run(_articles_from_urls(list(urls), settings))


async def _articles_from_urls(urls: list[str], settings: FetchSettings) -> list[Article]:
    from .loaders import extract_html

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
