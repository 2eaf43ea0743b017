"""The pipeline's CLI commands: fetch, digest, run, chat, status, check-config.

``register(subparsers)`` adds them to the parser of ``bot.cli``. Handlers are thin: they load the
config, call the service, print, and return an exit code; user-facing problems are raised as
``NewsbriefError`` subclasses, which ``bot.cli`` prints as one line.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime, timezone
from typing import Any

from .config import Config, Secrets, load_config
from .errors import ConfigError

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the pipeline commands to ``bot.cli``'s subparsers."""

    def add(name: str, help: str, handler: Any) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        parser.add_argument("--config", metavar="PATH", help="config file (default: $NEWSBRIEF_CONFIG, then ./config.toml)")
        parser.set_defaults(handler=handler)
        return parser

    add("fetch", "fetch the configured feeds into the store", cmd_fetch)
    digest = add("digest", "build a named digest and post it to its targets (once per window)", cmd_digest)
    digest.add_argument("name", metavar="NAME", help="the digest's name in the config ([digests.NAME])")
    digest.add_argument("--dry-run", action="store_true", help="print what would be posted; post and record nothing")
    digest.add_argument("--target", metavar="TARGET", help="only this target (e.g. slack:C0123)")
    add("run", "run the bot: Slack/Discord when their tokens are set, else the terminal chat; digests on schedule", cmd_run)
    add("chat", "chat with the bot in the terminal (digests with a console target print as they fire)", cmd_chat)
    add("status", "show feeds, stories and the next digest times", cmd_status)
    check = add("check-config", "validate a config file and say what it sets up", cmd_check_config)
    check.add_argument("path", nargs="?", metavar="PATH", help="the file to check (default: as --config)")


def _config(args: argparse.Namespace) -> Config:
    return load_config(getattr(args, "config", None))


def cmd_fetch(args: argparse.Namespace) -> int:
    from .app import build_service

    config = _config(args)
    if not config.feeds and not config.include_seeds:
        raise ConfigError(f"{config.label}: no feeds configured ([[feeds]] url = \"https://…\")")
    service = build_service(config)
    try:
        report = asyncio.run(service.fetch())
        stories = len(service.store.stories())
    finally:
        service.close()
    for feed in report.feeds:
        name = feed.outlet or feed.url
        if feed.error:
            print(f"  {name}: failed: {feed.error}", file=sys.stderr)
        elif feed.not_modified:
            print(f"  {name}: not modified")
        else:
            extra = f", {feed.wire} wire copies" if feed.wire else ""
            pages = f", {feed.pages} pages read" if feed.pages else ""
            aside = f", {sum(n for _, n in feed.set_aside)} set aside" if feed.set_aside else ""
            print(f"  {name}: {feed.new} new, {feed.known} already stored{extra}{pages}{aside}")
    print(f"{report.new} new articles; {stories} stories; {len(report.failed)} of {len(report.feeds)} feeds failed")
    if report.set_aside:
        print(f"set aside as no article: {_reasons(report.set_aside.items())}")
    return 1 if report.feeds and len(report.failed) == len(report.feeds) else 0


def cmd_digest(args: argparse.Namespace) -> int:
    from .app import build_service, platform_sinks
    from .console import ConsoleSink, render_item

    config = _config(args)
    spec = config.digest(args.name)
    targets = spec.targets
    if args.target:
        if args.target not in targets:
            raise ConfigError(f"{config.label}: digest {args.name!r} has no target {args.target!r} (its targets: {', '.join(targets)})")
        targets = (args.target,)
    service = build_service(config)

    async def work() -> int:
        if args.dry_run:
            for target in targets:
                digest = await service.digest(args.name, target)
                done = service.store.deliveries(digest.name, target, digest.window)
                print(f"--- {digest.title} -> {target} (window {digest.window}); nothing is posted (dry run)")
                for item in digest.items:
                    state = " [already delivered: would be skipped]" if done.get(item.key) and done[item.key].state == "sent" else ""
                    print(f"[{item.kind}{state}]")
                    print(render_item(item))
            return 0
        adapters: dict[str, Any] = {}
        needed = {t.split(":", 1)[0] for t in targets} - {"console"}
        if needed:
            adapters = await platform_sinks(service, Secrets.from_env())
        sinks = {"console": ConsoleSink(), **adapters}
        failed = 0
        try:
            for target in targets:
                sink = sinks.get(target.split(":", 1)[0])
                if sink is None:
                    print(f"{target}: skipped (no token for {target.split(':', 1)[0]} in the environment)", file=sys.stderr)
                    failed += 1
                    continue
                report = await service.deliver(args.name, target, sink)
                print(f"{target}: {len(report.sent)} posted, {len(report.skipped)} already delivered, {len(report.failed)} failed", file=sys.stderr)
                failed += bool(report.failed)
        finally:
            for adapter in adapters.values():
                await adapter.stop()
        return 1 if failed else 0

    try:
        return asyncio.run(work())
    finally:
        service.close()


def cmd_run(args: argparse.Namespace) -> int:
    from .app import run

    return asyncio.run(run(_config(args)))


def cmd_chat(args: argparse.Namespace) -> int:
    from .app import run

    return asyncio.run(run(_config(args), chat_only=True))


def _when(value: datetime | None) -> str:
    if value is None:
        return "never"
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _reasons(counts) -> str:
    """``3 site notice, 1 wall``: pages set aside by ``summarizer.page_check``, by reason."""
    return ", ".join(f"{n} {reason}" for reason, n in counts)


def cmd_status(args: argparse.Namespace) -> int:
    from .app import build_service

    config = _config(args)
    # An in-memory store starts empty: show what a chat would serve (the seeds) instead.
    service = build_service(config, fetch_seeds=config.storage.path is None)
    try:
        status = service.status()
    finally:
        service.close()
    print(f"config: {config.label}")
    print(f"store: {status.store} ({status.articles} articles, {status.story_count} stories)")
    if status.set_aside:
        print(f"set aside as no article: {_reasons(status.set_aside)}")
    print("feeds:" if status.feeds else "feeds: none fetched yet")
    threshold = config.fetch.failing_after
    for feed in status.feeds:
        flag = "FAILING " if feed.failures >= threshold else ""
        print(f"  {flag}{feed.outlet or feed.url} <{feed.url}>")
        print(f"    {feed.articles} articles; last success {_when(feed.last_success)}")
        if feed.last_error and (feed.last_success is None or (feed.last_error_at and feed.last_error_at >= feed.last_success)):
            print(f"    last error {_when(feed.last_error_at)} ({feed.failures} in a row): {feed.last_error}")
    print("stories:" if status.stories else "stories: none yet")
    for story in status.stories:
        carries_on = f", continues story {story.continues}" if story.continues else ""
        print(f"  {story.title[:90]} ({story.source_count} sources, {story.articles} articles, updated {_when(story.updated)}{carries_on})")
    print("digests:" if status.digests else "digests: none configured")
    for digest in status.digests:
        nxt = digest.next_fire.strftime("%Y-%m-%d %H:%M %Z") if digest.next_fire else "never"
        print(f"  {digest.name}: next {nxt} ({digest.schedule}, {digest.timezone}) -> {', '.join(digest.targets)}")
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    from .digests import next_fire_time

    config = load_config(args.path or args.config)
    if config.source is None:
        print("no config file found: using the built-in defaults (bundled seeds, terminal chat)")
        return 0
    secrets = Secrets.from_env()
    now = datetime.now(timezone.utc)
    print(f"{config.source}: OK")
    print(f"  store: {config.storage.path or 'in memory (nothing kept between runs)'}")
    print(f"  feeds: {len(config.feeds)}" + (" (+ the bundled seeds)" if config.include_seeds else ""))
    for digest in config.digests:
        nxt = next_fire_time(digest, now)
        print(f"  digest {digest.name}: next {nxt:%Y-%m-%d %H:%M %Z} -> {', '.join(digest.targets)}" if nxt else f"  digest {digest.name}: never fires")
    platforms = {t.split(":", 1)[0] for d in config.digests for t in d.targets}
    if "slack" in platforms and not secrets.slack_ready(config.slack):
        print(f"  note: digests target Slack but the {config.slack.mode}-mode tokens are not all set in the environment")
    if "discord" in platforms and not secrets.discord_token:
        print("  note: digests target Discord but DISCORD_TOKEN is not set in the environment")
    return 0



