"""The commands of ``newsbrief``: brief, ask, fetch, digest, run, chat, status, check-config.

``register(subparsers)`` adds them to the parser of ``bot.cli``. Handlers are thin: they load the
config, ask the service, print, and return an exit code; user-facing problems are raised as
``NewsbriefError`` subclasses, which ``bot.cli`` prints as one line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from summarizer import Article

from .app import build_service, missing_secrets, platform_sinks, service_over
from .config import Config, Secrets, load_config
from .console import ConsoleSink, render_item
from .digests import next_fire_time
from .errors import ConfigError, InputError
from .ingest import articles_from_urls
from .loaders import load_articles
from .ports import DigestSink, Scope
from .progress import Progress
from .render import plural, render_answer_text, render_briefs_text
from .runner import run
from .service import BriefingService

_log = logging.getLogger(__name__)

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE", "parse_since", "register"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Where the --json formats are described, for --help.
JSON_HELP = "print JSON (the format is in README.md, under 'JSON output')"

_SCOPE_HELP = (
    "Which stories: the configured store's stories with an article seen in the story window "
    "([stories] window_hours, 72 h by default); --since and --all change the window. With no store "
    "configured, the bundled seed articles."
)


def register(subparsers: Any, *, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    """Add every command to ``bot.cli``'s subparsers; ``parents`` carry the shared flags."""

    def add(name: str, help: str, handler: Any, *, description: str | None = None) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(
            name, help=help, description=description or help[0].upper() + help[1:] + ".", parents=list(parents)
        )
        parser.add_argument("--config", metavar="PATH", help="config file (default: $NEWSBRIEF_CONFIG, then ./config.toml)")
        parser.set_defaults(handler=handler)
        return parser

    def add_scope(parser: argparse.ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--since", type=parse_since, metavar="WHEN", help="stories with an article seen since WHEN: 24h, 7d, or a date such as 2026-12-01")
        group.add_argument("--all", action="store_true", help="every stored story, however old")

    brief = add(
        "brief",
        "brief the stored stories (with no store: the bundled seeds), or the articles given",
        cmd_brief,
        description="Cluster articles into stories and write one merged brief per story. " + _SCOPE_HELP,
    )
    brief.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a folder or file of articles (.txt .md .html .json), a feed URL or an article URL (instead of the store)",
    )
    brief.add_argument("--json", action="store_true", help=JSON_HELP)
    brief.add_argument("--max-words", type=_positive_int, metavar="N", help="word budget of each brief")
    brief.add_argument("--limit", type=_positive_int, metavar="N", help="at most N stories, the biggest first")
    add_scope(brief)

    ask = add(
        "ask",
        "answer a question from the stored stories (with no store: the seeds), with quoted sources",
        cmd_ask,
        description="Answer a question with quotes cited to their outlets, or say that no source covers it. " + _SCOPE_HELP,
    )
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument("--corpus", nargs="+", metavar="SOURCE", help="folders, files or URLs to search instead of the store")
    ask.add_argument("--json", action="store_true", help=JSON_HELP)
    add_scope(ask)

    add("fetch", "fetch the configured feeds into the store", cmd_fetch)
    digest = add(
        "digest",
        "post a named digest to its targets (once per window)",
        cmd_digest,
        description="Post a named digest to its targets, once per window. With --dry-run, print what its next "
        "scheduled run would post if it ran now (the stories changed since its last run) and post nothing.",
    )
    digest.add_argument("name", metavar="NAME", help="the digest's name in the config ([digests.NAME])")
    digest.add_argument("--dry-run", action="store_true", help="print what the next run would post now; post and record nothing")
    digest.add_argument("--target", metavar="TARGET", help="only this target (e.g. slack:C0123)")
    add("run", "run the bot: Slack/Discord when their tokens are set, else the terminal chat; digests on schedule", cmd_run)
    add("chat", "chat with the bot in the terminal (digests with a console target print as they fire)", cmd_chat)
    status = add("status", "show feeds, digest targets, stories and the next digest times", cmd_status)
    status.add_argument("--check", action="store_true", help="exit 1 (naming the problem) when fetching or posting has stalled")
    check = add("check-config", "validate a config file and say what it sets up", cmd_check_config)
    check.add_argument("path", nargs="?", metavar="PATH", help="the file to check (default: as --config)")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return number


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(value: str, *, now: datetime | None = None) -> datetime:
    """``--since``: a duration back from now ("24h", "7d", "90m", "2w") or a moment ("2026-12-01",
    "2026-12-01T08:00", "2026-12-01 08:00+01:00"; without a zone, UTC).

    >>> parse_since("2026-12-01")
    datetime.datetime(2026, 12, 1, 0, 0, tzinfo=datetime.timezone.utc)
    """
    now = now or datetime.now(timezone.utc)
    if match := _DURATION.match(value):
        return now - timedelta(seconds=float(match[1]) * _UNITS[match[2].lower()])
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a time (use 24h, 7d or a date such as 2026-12-01)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _scope(args: argparse.Namespace) -> Scope:
    return Scope(since=args.since, everything=args.all)


def _config(args: argparse.Namespace) -> Config:
    return load_config(getattr(args, "config", None))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _load_sources(
    sources: Sequence[str], config: Config, origins: dict[str, Path] | None = None, skipped: list[str] | None = None
) -> list[Article]:
    """Articles of files, folders and URLs; a folder's bad files are named in warnings (or in
    ``skipped``) and skipped."""
    paths = [s for s in sources if not _is_url(s)]
    urls = [s for s in sources if _is_url(s)]
    articles = load_articles(paths, origins=origins, skipped=skipped) if paths else []
    if urls:
        articles.extend(articles_from_urls(urls, config.fetch))
    if not articles:
        raise InputError("no articles to read")
    return articles


# ---------------------------------------------------------------------------------------------
# brief and ask


def cmd_brief(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.sources:
        if args.since or args.all:
            raise InputError("--since and --all choose stories from the store; with SOURCE, every article given is briefed")
        origins: dict[str, Path] = {}
        skipped: list[str] = []
        articles = _load_sources(args.sources, config, origins, skipped)
        briefs, failed = BriefingService.brief_articles(articles, max_words=args.max_words)
        skipped += [f"{', '.join(str(origins.get(i, i)) for i in story.article_ids)}: {story.reason}" for story in failed]
        if not briefs:  # nothing briefed: one line, the first problem
            more = f" (and {plural(len(skipped) - 1, 'more problem')})" if len(skipped) > 1 else ""
            raise InputError(f"{skipped[0]}{more}" if skipped else "no articles to brief")
        for problem in skipped:  # something briefed: each file left out is named once
            _log.warning("skipped %s", problem)
        if args.limit:
            briefs = briefs[: args.limit]
    else:
        service = build_service(config)
        try:
            scope = _scope(args)
            briefs = service.briefs(scope=scope, max_words=args.max_words, limit=args.limit)
            if not briefs:
                where = f" in {config.storage.path}" if config.storage.path else ""
                raise InputError(
                    f"no stories in {service.describe(scope)}{where} "
                    "(newsbrief fetch fills the store; --all briefs every stored story)"
                )
        finally:
            service.close()
    if args.json:
        _print_json({"stories": [b.to_dict() for b in briefs]})
    else:
        print(render_briefs_text(briefs))
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    question = args.question.strip()
    if not question or not any(ch.isalnum() for ch in question):
        raise InputError("the question is empty: ask something like \"how many troops?\"")
    config = _config(args)
    if args.corpus:
        if args.since or args.all:
            raise InputError("--since and --all choose stories from the store; with --corpus, every article given is searched")
        service = service_over(_load_sources(args.corpus, config), config)
        scope = Scope(everything=True)
    else:
        service = build_service(config)
        scope = _scope(args)
    try:
        result = service.answer_now(question, scope=scope)
    finally:
        service.close()
    if args.json:
        _print_json(result.to_dict())
    else:
        print(render_answer_text(result))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# the pipeline


def cmd_fetch(args: argparse.Namespace) -> int:
    config = _config(args)
    if not config.feeds and not config.include_seeds:
        raise ConfigError(f"{config.label}: no feeds configured ([[feeds]] url = \"https://…\")")
    service = build_service(config)
    started = time.monotonic()
    try:
        with Progress(0, "fetching") as bar:
            report = asyncio.run(service.fetch(progress=bar))
        stories = len(service.scope_stories())
    finally:
        service.close()
    for feed in report.feeds:
        name = feed.outlet or feed.url
        if feed.error:
            print(f"  {name}: failed: {feed.problem}", file=sys.stderr)
        elif feed.not_modified:
            print(f"  {name}: not modified")
        else:
            extra = f", {plural(feed.wire, 'wire copy', 'wire copies')}" if feed.wire else ""
            pages = f", {plural(feed.pages, 'page')} read" if feed.pages else ""
            later = f", {feed.deferred} left for the next fetch" if feed.deferred else ""
            print(f"  {name}: {feed.new} new, {feed.known} already stored{extra}{pages}{later}")
    print(
        f"{plural(report.new, 'new article')}; {plural(stories, 'story', 'stories')} in the window; "
        f"{len(report.failed)} of {plural(len(report.feeds), 'feed')} failed ({time.monotonic() - started:.1f} s)"
    )
    return EXIT_ERROR if report.feeds and len(report.failed) == len(report.feeds) else EXIT_OK


def cmd_digest(args: argparse.Namespace) -> int:
    config = _config(args)
    spec = config.digest(args.name)
    targets = spec.targets
    if args.target:
        if args.target not in targets:
            raise ConfigError(f"{config.label}: digest {args.name!r} has no target {args.target!r} (its targets: {', '.join(targets)})")
        targets = (args.target,)
    needed = {t.split(":", 1)[0] for t in targets} - {"console"}
    secrets = Secrets.from_env()
    if not args.dry_run and (missing := missing_secrets(config, secrets, needed)):
        raise ConfigError(f"cannot post digest {args.name}: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set in the environment")
    service = build_service(config)

    async def preview() -> int:
        for target in targets:
            digest = await service.digest(args.name, target, preview=True)
            since = digest.since.astimezone(spec.tz) if digest.since else None
            span = f"stories changed since {since:%a %d %b %H:%M %Z}" if since else "its stories"
            print(f"--- {digest.title} -> {target}: {span}, if it ran now; nothing is posted (dry run)")
            for item in digest.items:
                print(f"[{item.kind}]")
                print(render_item(item))
        return EXIT_OK

    async def post() -> int:
        adapters: dict[str, DigestSink] = await platform_sinks(service, secrets, platforms=needed) if needed else {}
        sinks: dict[str, DigestSink] = {"console": ConsoleSink(), **adapters}
        failed = 0
        try:
            for target in targets:
                report = await service.deliver(args.name, target, sinks[target.split(":", 1)[0]])
                print(
                    f"{target}: {len(report.sent)} posted, {len(report.skipped)} already delivered, {len(report.failed)} failed",
                    file=sys.stderr,
                )
                failed += bool(report.failed)
        finally:
            for adapter in adapters.values():
                await adapter.stop()  # type: ignore[attr-defined]
        return EXIT_ERROR if failed else EXIT_OK

    try:
        return asyncio.run(preview() if args.dry_run else post())
    finally:
        service.close()


def cmd_run(args: argparse.Namespace) -> int:
    return asyncio.run(run(_config(args)))


def cmd_chat(args: argparse.Namespace) -> int:
    return asyncio.run(run(_config(args), chat_only=True))


def _when(value: datetime | None) -> str:
    if value is None:
        return "never"
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def cmd_status(args: argparse.Namespace) -> int:
    config = _config(args)
    service = build_service(config, fetch_seeds=config.storage.path is None)
    try:
        status = service.status()
    finally:
        service.close()
    print(f"config: {config.label}")
    print(
        f"store: {status.store} ({plural(status.articles, 'article')}, {plural(status.story_count, 'story', 'stories')}, "
        f"{status.window_stories} in the last {config.stories.window_hours:g} hours)"
    )
    print("feeds:" if status.feeds else "feeds: none configured")
    for feed in status.feeds:
        flag = "FAILING " if feed.failing else ""
        print(f"  {flag}{feed.outlet or feed.url} <{feed.url}>")
        print(f"    {plural(feed.articles, 'article')}; last successful fetch {_when(feed.last_success)}")
        if feed.last_error and (feed.last_success is None or (feed.last_error_at and feed.last_error_at >= feed.last_success)):
            error = feed.last_error.removeprefix(f"{feed.url}: ")
            print(f"    last error {_when(feed.last_error_at)} ({feed.failures} in a row): {error}")
    print("digests:" if status.digests else "digests: none configured")
    for digest in status.digests:
        nxt = digest.next_fire.strftime("%Y-%m-%d %H:%M %Z") if digest.next_fire else "never"
        print(f"  {digest.name}: next {nxt} ({digest.schedule}, {digest.timezone})")
        for target in (t for t in status.targets if t.digest == digest.name):
            overdue = f"; OVERDUE: nothing posted for {target.overdue_window}" if target.overdue_window else ""
            print(f"    -> {target.target}: last post {_when(target.last_post)}{overdue}")
    print("stories in the window:" if status.stories else "stories in the window: none")
    for story in status.stories:
        carries_on = f", continues story {story.continues}" if story.continues else ""
        print(
            f"  {story.title[:90]} ({plural(story.source_count, 'source')}, {plural(story.articles, 'article')}, "
            f"updated {_when(story.updated)}{carries_on})"
        )
    if args.check:
        for problem in status.problems:
            print(f"newsbrief: {problem}", file=sys.stderr)
        if not status.problems:
            print("check: fetching and posting are on schedule")
        return EXIT_ERROR if status.problems else EXIT_OK
    for problem in status.problems:
        print(f"problem: {problem}")
    return EXIT_OK


def cmd_check_config(args: argparse.Namespace) -> int:
    config = load_config(args.path or args.config)
    if config.source is None:
        print("no config file found: using the built-in defaults (bundled seeds, terminal chat)")
        return EXIT_OK
    secrets = Secrets.from_env()
    now = datetime.now(timezone.utc)
    print(f"{config.source}: OK")
    print(f"  store: {config.storage.path or 'in memory (nothing kept between runs)'}")
    print(f"  feeds: {len(config.feeds)}" + (" (+ the bundled seeds)" if config.include_seeds else ""))
    for digest in config.digests:
        nxt = next_fire_time(digest, now)
        print(f"  digest {digest.name}: next {nxt:%Y-%m-%d %H:%M %Z} -> {', '.join(digest.targets)}" if nxt else f"  digest {digest.name}: never fires")
    platforms = {t.split(":", 1)[0] for d in config.digests for t in d.targets} - {"console"}
    missing = missing_secrets(config, secrets, platforms)
    if missing:
        print(f"  note: digests post to {' and '.join(sorted(platforms))}, but {' and '.join(missing)} "
              f"{'is' if len(missing) == 1 else 'are'} not set in the environment (newsbrief run would stop)")
    return EXIT_OK
