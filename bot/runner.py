"""``newsbrief run`` and ``newsbrief chat``: the service, the scheduler and the chat adapters in
one asyncio loop, until SIGTERM (or Ctrl-C outside the terminal chat).

What runs is decided before anything starts (``plan_run``), so that a run that cannot do what
its config asks fails at once with one line instead of quietly doing something else:

* digests that target Slack or Discord need that platform's tokens; without them, and without a
  terminal to fall back on (systemd, nohup), ``run`` exits non-zero naming the variables;
* with no platform at all, ``run`` on a terminal is the terminal chat (plus the schedule);
  without a terminal it fetches and posts console digests if the config has any, else it says
  there is nothing to run.

The operator's log (logger ``newsbrief``): one line per connection, per fetch and per digest
delivered, and one when the run stops. ``bot.logs`` sets how much more is shown.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from .app import build_service, configured_platforms, missing_secrets, platform_sinks
from .config import Config, Secrets
from .console import ConsoleChat, ConsoleSink
from .digests import next_fire_time
from .errors import PlatformError
from .ports import DigestSink
from .scheduler import DigestScheduler
from .service import BriefingService
from .store import utc

_log = logging.getLogger(__name__)
_ops = logging.getLogger("newsbrief")

__all__ = ["RunPlan", "plan_run", "run"]

_NAMES = {"slack": "Slack", "discord": "Discord"}


@dataclass(frozen=True)
class RunPlan:
    """What a run starts: chat platforms, the terminal chat, and whether it has anything to do."""

    platforms: frozenset[str]
    terminal_chat: bool
    skipped: tuple[str, ...] = ()  # targets that will not be posted to (a warning, on a terminal only)


def plan_run(config: Config, secrets: Secrets, *, chat_only: bool, interactive: bool) -> RunPlan:
    """Decide what ``run`` starts; PlatformError (one line) when it cannot run as configured."""
    if chat_only:
        return RunPlan(frozenset(), True)
    targeted = {t.split(":", 1)[0] for d in config.digests for t in d.targets} - {"console"}
    present = configured_platforms(secrets)
    lacking = sorted(p for p in targeted if missing_secrets(config, secrets, {p}) and p not in present)
    skipped: list[str] = []
    if lacking:
        names = " and ".join(_NAMES[p] for p in lacking)
        variables = " and ".join(missing_secrets(config, secrets, set(lacking)))
        if not interactive:
            raise PlatformError(
                f"cannot run: digests post to {names} but {variables} "
                f"{'is' if ' and ' not in variables else 'are'} not set in the environment"
            )
        skipped = [t for d in config.digests for t in d.targets if t.split(":", 1)[0] in lacking]
    platforms = frozenset(present)
    terminal_chat = interactive and not platforms
    if not platforms and not terminal_chat:
        console_digests = any("console" in d.targets for d in config.digests)
        if not config.feeds and not console_digests:
            raise PlatformError(
                "nothing to run: no SLACK_BOT_TOKEN or DISCORD_TOKEN in the environment, no feeds and no "
                "console digests in the config (the terminal chat needs a terminal: newsbrief chat)"
            )
    return RunPlan(platforms, terminal_chat, tuple(skipped))


async def run(
    config: Config,
    *,
    secrets: Secrets | None = None,
    chat_only: bool = False,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    service: BriefingService | None = None,
    interactive: bool | None = None,
) -> int:
    """Run until stopped: adapters and/or the terminal chat, and the scheduler. Returns 0."""
    secrets = secrets or Secrets.from_env()
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    if interactive is None:
        interactive = bool(getattr(stdin, "isatty", lambda: False)())
    plan = plan_run(config, secrets, chat_only=chat_only, interactive=interactive)
    for target in plan.skipped:
        _ops.warning("no %s token in the environment: digests to %s are skipped", _NAMES[target.split(":", 1)[0]], target)
    service = service or build_service(config)
    adapters: dict[str, DigestSink] = {}
    scheduler: DigestScheduler | None = None
    stop = asyncio.Event()
    chat: ConsoleChat | None = ConsoleChat(service, stdin, out) if plan.terminal_chat else None
    loop = asyncio.get_running_loop()
    handlers = _Signals(loop)
    handlers.install(signal.SIGTERM, stop.set)
    handlers.install(signal.SIGINT, chat.interrupt if chat is not None else stop.set)
    started = False
    try:
        if plan.platforms:
            adapters = await platform_sinks(service, secrets, platforms=plan.platforms)
        sinks: dict[str, DigestSink] = {"console": ConsoleSink(out), **adapters}
        scheduler = DigestScheduler(service, sinks)
        scheduler.start()
        started = True
        _announce(service, plan, adapters)
        await scheduler.catch_up()
        if chat is None:
            await stop.wait()
        else:
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
                await adapter.stop()  # type: ignore[attr-defined]
            except Exception:
                _log.exception("stopping an adapter failed")
        handlers.restore()
        service.close()
        if started and not plan.terminal_chat:
            _ops.info("stopped")
    return 0


def _announce(service: BriefingService, plan: RunPlan, adapters: dict[str, DigestSink]) -> None:
    """The operator's first line: what this run does."""
    if plan.terminal_chat:
        return  # the chat greets the person itself; a log line would interleave with it
    config = service.config
    parts = [", ".join(_NAMES[p] for p in sorted(adapters)) or "no chat platform"]
    if config.feeds:
        parts.append(f"{len(config.feeds)} feed{'s' if len(config.feeds) != 1 else ''} every {config.fetch.interval_minutes:g} min")
    now = utc(service.clock())
    for digest in config.digests:
        upcoming = next_fire_time(digest, now)
        when = f"{upcoming:%a %Y-%m-%d %H:%M %Z}" if upcoming else "never"
        parts.append(f"digest {digest.name} next {when}")
    _ops.info("running: %s", "; ".join(parts))


class _Signals:
    """Signal handlers on the loop, put back as they were when the run ends."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._installed: list[signal.Signals] = []

    def install(self, sig: signal.Signals, handler: Callable[[], object]) -> None:
        try:
            self._loop.add_signal_handler(sig, handler)
        except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
            return
        self._installed.append(sig)

    def restore(self) -> None:
        for sig in self._installed:
            try:
                self._loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass
        self._installed.clear()
