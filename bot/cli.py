"""The ``newsbrief`` command line: a thin layer that turns library errors into clear messages.

    newsbrief brief [SOURCE ...] [--json] [--max-words N]
    newsbrief ask QUESTION [--corpus SOURCE ...] [--json]
    newsbrief fetch | digest NAME [--dry-run] | run | chat | status | check-config   (bot.commands)

Users never see a traceback: known problems print ``newsbrief: <one line>`` and exit 1; an
unexpected failure prints one line too (``--debug`` or ``NEWSBRIEF_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from summarizer.errors import SummarizerError

from .errors import InputError, NewsbriefError

_log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Merged, cited news briefs: what outlets agree on and where they differ.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    brief = commands.add_parser(
        "brief",
        help="brief articles (default: the bundled seeds)",
        description="Cluster articles into stories and write one merged brief per story.",
    )
    brief.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a folder or file of articles (.txt .md .html .json), a feed URL or an article URL",
    )
    brief.add_argument("--json", action="store_true", help="print JSON (see DESIGN.md)")
    brief.add_argument("--max-words", type=_positive_int, metavar="N", help="word budget of each brief")
    brief.add_argument("--config", metavar="PATH", help="config file (for fetching URLs)")
    brief.set_defaults(handler=cmd_brief)

    ask = commands.add_parser(
        "ask",
        help="answer a question from the articles, with quoted sources",
        description="Answer a question with quotes cited to their outlets, or say that no source covers it.",
    )
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument(
        "--corpus",
        nargs="+",
        metavar="SOURCE",
        help="folders, files or URLs to search (default: the configured store, else the seeds)",
    )
    ask.add_argument("--json", action="store_true", help="print JSON (see DESIGN.md)")
    ask.add_argument("--config", metavar="PATH", help="config file")
    ask.set_defaults(handler=cmd_ask)

    from . import commands as pipeline_commands

    pipeline_commands.register(commands)
    return parser


def _load_sources(sources: Sequence[str], config_path: str | None) -> list[Any]:
    from .loaders import load_articles

    paths = [s for s in sources if not _is_url(s)]
    urls = [s for s in sources if _is_url(s)]
    articles = load_articles(paths) if paths else []
    if urls:
        from .ingest import articles_from_urls  # fetching needs the pipeline's HTTP client

        articles.extend(articles_from_urls(urls, config_path=config_path))
    if not articles:
        raise InputError("no articles to read")
    return articles


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_brief(args: argparse.Namespace) -> int:
    from summarizer import build_brief, cluster_articles

    from .loaders import load_seeds

    articles = _load_sources(args.sources, args.config) if args.sources else load_seeds()
    stories = cluster_articles(articles)
    briefs = [build_brief(story, max_words=args.max_words) for story in stories]
    if args.json:
        _print_json({"stories": [b.to_dict() for b in briefs]})
    else:
        from .render import render_briefs_text

        print(render_briefs_text(briefs))
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from summarizer import answer

    question = args.question.strip()
    if not question or not any(ch.isalnum() for ch in question):
        raise InputError("the question is empty: ask something like \"how many troops?\"")
    if args.corpus:
        articles = _load_sources(args.corpus, args.config)
    else:
        articles = _stored_articles(args.config)
        if not articles:
            from .loaders import load_seeds

            articles = load_seeds()
    result = answer(question, articles)
    if args.json:
        _print_json(result.to_dict())
    else:
        from .render import render_answer_text

        print(render_answer_text(result))
    return EXIT_OK


def _stored_articles(config_path: str | None) -> list[Any] | None:
    """Articles of the configured store, or None when there is no store (yet)."""
    from .app import stored_articles
    from .config import load_config

    return stored_articles(load_config(config_path))


class RedactingFormatter(logging.Formatter):
    """Replaces secret values wherever they would appear in a log line, tracebacks included.

    Libraries log request details at debug level; this is the last guard that keeps a token that
    slipped into a message, a URL or an exception text out of the log.
    """

    def __init__(self, fmt: str, secrets: Sequence[str]):
        super().__init__(fmt)
        self._secrets = sorted((s for s in secrets if len(s) >= 6), key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


def _configure_logging(debug: bool) -> None:
    from .config import Secrets

    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s", Secrets.from_env().values()))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler], force=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("NEWSBRIEF_DEBUG") == "1"
    _configure_logging(debug)
    try:
        return int(args.handler(args) or EXIT_OK)
    except (NewsbriefError, SummarizerError) as exc:
        if debug:
            _log.exception("failed")
        print(f"newsbrief: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `newsbrief brief | head`: the reader left; not an error worth a message.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if debug:
            _log.exception("internal error")
        print(
            f"newsbrief: internal error ({type(exc).__name__}); run with --debug for details",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
