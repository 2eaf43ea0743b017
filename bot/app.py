"""The wiring: the object graph built in one place, config -> store -> stories -> digests -> service.

    service = build_service(load_config(None))
    service = service_over(articles)                 # a fixed list of articles, in memory
    sinks = await platform_sinks(service, Secrets.from_env())

``bot.runner`` runs the built service (scheduler, adapters, terminal chat); ``bot.commands`` is
the command line over it. Nothing else constructs a store, a tracker or a service.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timezone
from typing import Any

from summarizer import Article

from .config import Config, Secrets
from .digests import DigestBuilder
from .errors import PlatformError
from .ingest import Ingestor
from .loaders import load_seeds
from .ports import DigestSink
from .service import BriefingService
from .store import open_store
from .stories import StoryTracker

_log = logging.getLogger(__name__)

__all__ = ["build_service", "configured_platforms", "missing_secrets", "platform_sinks", "service_over"]


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

    With ``config.include_seeds`` (and ``fetch_seeds``) the bundled seed articles are put in the
    store at once (deduplicated, so this is idempotent): the default configuration answers
    questions without any fetch.
    """
    store = open_store(config.storage.path, busy_timeout=busy_timeout)
    try:
        tracker = StoryTracker(store, config.stories, clock)
        builder = DigestBuilder(config, store, tracker, clock)
        ingestor = Ingestor(config, store, clock=clock, sleep=sleep)
        service = BriefingService(config, store, tracker, builder, ingestor=ingestor, clock=clock)
        if fetch_seeds and config.include_seeds:
            service.add_articles(load_seeds())
    except BaseException:
        store.close()
        raise
    return service


def service_over(
    articles: Sequence[Article], config: Config | None = None, *, clock: Callable[[], datetime] = _now
) -> BriefingService:
    """A service over a fixed list of articles, in an in-memory store (no feeds, no seeds).

    The articles are stored as first seen now, so they are all inside the story window."""
    service = build_service(config or Config(), clock=clock, fetch_seeds=False)
    try:
        service.add_articles(articles)
    except BaseException:
        service.close()
        raise
    return service


def missing_secrets(config: Config, secrets: Secrets, platforms: Collection[str]) -> list[str]:
    """The environment variables that starting ``platforms`` ("slack", "discord") still needs."""
    missing: list[str] = []
    if "slack" in platforms:
        if not secrets.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if config.slack.mode == "http" and not secrets.slack_signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        if config.slack.mode == "socket" and not secrets.slack_app_token:
            missing.append("SLACK_APP_TOKEN")
    if "discord" in platforms and not secrets.discord_token:
        missing.append("DISCORD_TOKEN")
    return missing


def configured_platforms(secrets: Secrets) -> set[str]:
    """The chat platforms whose secrets are (at least partly) set in the environment."""
    platforms = set()
    if secrets.slack_bot_token or secrets.slack_app_token or secrets.slack_signing_secret:
        platforms.add("slack")
    if secrets.discord_token:
        platforms.add("discord")
    return platforms


async def platform_sinks(service: BriefingService, secrets: Secrets, *, platforms: Collection[str] | None = None) -> dict[str, DigestSink]:
    """Start the chat adapters of ``platforms`` (default: those with secrets in the environment).

    Returns ``{platform: adapter}``; each adapter is also the platform's ``DigestSink``. Raises
    PlatformError (one line naming the variable) when a platform's secrets are incomplete.
    """
    wanted = set(platforms) if platforms is not None else configured_platforms(secrets)
    missing = missing_secrets(service.config, secrets, wanted)
    if missing:
        raise PlatformError(f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set")
    adapters: dict[str, Any] = {}
    if "slack" in wanted:
        # Imported here, not at the top: slack-bolt costs ~0.4 s to import, and a command that
        # talks to no chat platform (brief, ask, fetch, the terminal chat) should not pay it.
        from .slack_app import SlackAdapter

        adapters["slack"] = SlackAdapter(service, service.config.slack, secrets)
    if "discord" in wanted:
        # discord.py likewise (~0.7 s).
        from .discord_app import DiscordAdapter

        adapters["discord"] = DiscordAdapter(service, service.config.discord, secrets)
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
