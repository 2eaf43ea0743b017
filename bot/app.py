"""The object graph, built in one place: config -> store -> stories -> digests -> service.

    service = build_service(load_config(None))

``run()`` is ``newsbrief run`` / ``newsbrief chat``: the service, the scheduler and the chat
adapters in one asyncio loop. Adapters are imported only when their tokens are present, so a
terminal-only install never pays for slack-bolt or discord.py.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, TextIO

from summarizer import Article

from .config import Config, Secrets
from .errors import PlatformError
from .service import BriefingService, DigestSink

_log = logging.getLogger(__name__)

__all__ = ["build_service", "stored_articles", "run", "platform_sinks"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def build_service(
    config: Config,
    *,
    clock: Callable[[], datetime] = _now,
    fetch_seeds: bool = True,
    busy_timeout: float = 5.0,
    sleep: Callable[[float], Any] = asyncio.sleep,
) -> BriefingService:
    """Build the service and everything behind it from the config (the only place this happens).

    Raises StoreError when the database cannot be opened (locked, read-only, not a database).

    With ``include_seeds`` the bundled seed articles are put in the store at once (deduplicated,
    so this is idempotent): the default configuration answers questions without any fetch.
    """
    from .digests import DigestBuilder
    from .ingest import Ingestor
    from .store import open_store
    from .stories import StoryTracker

    store = open_store(config.storage.path, busy_timeout=busy_timeout)
    try:
        tracker = StoryTracker(store, config.stories, clock)
        builder = DigestBuilder(config, store, tracker, clock)
        ingestor = Ingestor(config, store, clock=clock, sleep=sleep)
        service = BriefingService(config, store, tracker, builder, ingestor=ingestor, clock=clock)
        if fetch_seeds and config.include_seeds:
            from .loaders import load_seeds

            service.add_articles(load_seeds())
    except BaseException:
        store.close()
        raise
    return service


def stored_articles(config: Config) -> list[Article] | None:
    """Articles of the configured store for ``newsbrief ask`` (wire reprints left out), or None
    when no store file is configured or it does not exist yet."""
    path = config.storage.path
    if path is None or not path.is_file():
        return None
    from .store import SqliteStore

    store = SqliteStore(path, readonly=True)
    try:
        return [a.to_article() for a in store.articles() if not a.wire_of] or None
    finally:
        store.close()


async def platform_sinks(service: BriefingService, secrets: Secrets) -> dict[str, Any]:
    """Start the chat adapters whose tokens are present; returns {platform: adapter}."""
    config = service.config
    adapters: dict[str, Any] = {}
    if secrets.slack_bot_token or secrets.slack_app_token or secrets.slack_signing_secret:
        if not secrets.slack_ready(config.slack):
            needed = "SLACK_SIGNING_SECRET (HTTP mode)" if config.slack.mode == "http" else "SLACK_APP_TOKEN (Socket Mode)"
            if not secrets.slack_bot_token:
                needed = "SLACK_BOT_TOKEN"
            raise PlatformError(f"Slack: {needed} is not set")
        from .slack_app import SlackAdapter

        adapters["slack"] = SlackAdapter(service, config.slack, secrets)
    if secrets.discord_token:
        from .discord_app import DiscordAdapter

        adapters["discord"] = DiscordAdapter(service, config.discord, secrets)
    started = []
    try:
        for adapter in adapters.values():
            await adapter.start()
            started.append(adapter)
    except BaseException:
        for adapter in started:
            await adapter.stop()
        raise
    return adapters


async def run(
    config: Config,
    *,
    secrets: Secrets | None = None,
    chat_only: bool = False,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    service: BriefingService | None = None,
) -> int:
    """Run until stopped: adapters (or the terminal chat when no tokens are set) and the scheduler.

    ``chat_only`` (``newsbrief chat``) ignores platform tokens and runs the terminal chat.
    """
    from .console import ConsoleChat, ConsoleSink
    from .scheduler import DigestScheduler

    secrets = secrets or Secrets.from_env()
    service = service or build_service(config)
    out = out or sys.stdout
    adapters: dict[str, Any] = {}
    scheduler: DigestScheduler | None = None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
            pass
    try:
        if not chat_only:
            adapters = await platform_sinks(service, secrets)
        sinks: dict[str, DigestSink] = {"console": ConsoleSink(out), **adapters}
        scheduler = DigestScheduler(service, sinks)
        scheduler.start()
        await scheduler.catch_up()
        if adapters:
            _log.info("running: %s", ", ".join(sorted(adapters)))
            await stop.wait()
        else:
            chat = ConsoleChat(service, stdin, out)
            chat_task = asyncio.create_task(chat.run())
            stop_task = asyncio.create_task(stop.wait())
            await asyncio.wait({chat_task, stop_task}, return_when=asyncio.FIRST_COMPLETED)
            for task in (chat_task, stop_task):
                task.cancel()
            if chat_task.done() and not chat_task.cancelled() and chat_task.exception():
                raise chat_task.exception()  # type: ignore[misc]
    finally:
        if scheduler is not None:
            scheduler.shutdown()
        for adapter in adapters.values():
            try:
                await adapter.stop()
            except Exception:
                _log.exception("stopping an adapter failed")
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass
        service.close()
    return 0

