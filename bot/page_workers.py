"""Article pages and feeds read in worker processes, so that a fetch uses more than one core.

Most of a fetch's CPU is pure computation on bytes it downloaded: reading an article's text out
of its page (trafilatura, ``bot.loaders.extract_html``), parsing a feed's new entries
(feedparser), cleaning each text and taking its fingerprints. In the fetching process that work
shares one interpreter lock with the HTTP client, deduplication and the store. ``PageExtractor``
hands it to ``workers`` processes instead (started on the first job, kept for the next fetches:
a worker costs about 0.4 s of CPU to start) and awaits the result without blocking the event
loop; the store is read and written in the fetching process only. With ``workers = 0`` the jobs
run in a thread of the fetching process, as before.

Faults stay one page's: a worker that dies (killed, out of memory, a crash in the parser) fails
the pages it held, which the fetch treats like a page that could not be read (the feed's summary
is kept, logged), and the next page starts a fresh pool. Memory stays bounded: at most
``workers`` processes, each holding one page at a time; pages wait in this process's queue.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .loaders import ExtractedPage, extract_html

_log = logging.getLogger(__name__)

__all__ = ["PageExtractor", "PageWorkerDied", "exit_with_parent", "usable_cpus"]

Extract = Callable[[bytes, "str | None"], "ExtractedPage | None"]
T = TypeVar("T")


class PageWorkerDied(Exception):
    """The worker process extracting a page ended before it answered."""


def exit_with_parent() -> None:
    """A worker's initializer: end this worker as soon as the process that started it ends.

    A pool's worker otherwise waits on its queue for ever once its parent is killed (``kill
    -9``, the out-of-memory killer): nothing would end it. A daemon thread waits on the parent's
    sentinel, which multiprocessing hands every spawned child."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child: nothing to watch
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)  # the parent is gone: no one is waiting for this worker's results

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity where the system says, else the count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class PageExtractor:
    """Extracts article pages in up to ``workers`` processes (0: in a thread of this one).

    ``extract`` is the job (a module-level function, so that a worker can import it by name);
    tests pass their own to make a worker die."""

    def __init__(self, workers: int, *, extract: Extract = extract_html):
        self.workers = max(0, workers)
        self._extract = extract
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # fetches in different event loops may share one extractor

    async def extract(self, body: bytes, url: str | None) -> ExtractedPage | None:
        """The page's text and metadata (None when it holds no article text).

        Raises PageWorkerDied when the worker holding the page ended first (the next page is
        sent to a fresh pool); whatever the extraction itself raises is raised here too."""
        return await self.run(self._extract, body, url, what=url or "a page")

    async def run(self, job: Callable[..., T], *args: Any, what: str = "a job") -> T:
        """``job(*args)`` in a worker (a module-level function: a worker imports it by name;
        the arguments and result are pickled), or in a thread here with no workers.

        Raises PageWorkerDied when the worker holding it ended first; whatever the job raises
        is raised here too."""
        if self.workers == 0:
            return await asyncio.to_thread(job, *args)
        pool = self._running_pool()
        try:
            return await asyncio.wrap_future(pool.submit(job, *args))
        except BrokenProcessPool as exc:
            self._discard(pool)
            raise PageWorkerDied(f"the worker reading {what} ended ({exc})") from None

    def close(self) -> None:
        """Ends the worker processes (waiting for pages they hold); extracting again restarts them."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _running_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a fresh interpreter, not a fork of this process with its threads, sockets and store
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent
                )
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """Drops a broken pool (once, whichever page noticed first)."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
                _log.warning("a page worker ended unexpectedly: starting a fresh one for the next pages")
        pool.shutdown(wait=False, cancel_futures=True)
