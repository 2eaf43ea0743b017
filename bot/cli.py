"""The ``newsbrief`` command line: a thin layer that turns library errors into clear messages.

    newsbrief [--version] [-v | -q | --debug] COMMAND ...      (the flags go after COMMAND too)

The commands themselves are in ``bot.commands``. Users never see a traceback: known problems
print ``newsbrief: <one line>`` and exit 1; an unexpected failure prints one line too
(``--debug`` or ``NEWSBRIEF_DEBUG=1`` shows the traceback); usage errors exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from summarizer.errors import SummarizerError

from . import commands, logs
from .commands import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from .config import Secrets
from .errors import NewsbriefError

_log = logging.getLogger(__name__)

__all__ = ["build_parser", "main"]

#: Commands that run until stopped: their log lines carry the time.
_LONG_RUNNING = frozenset({"run"})


def package_version() -> str:
    """newsbrief's version as installed (``pyproject.toml``)."""
    try:
        return version("newsbrief")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line (and a pointer to --help), exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _output_flags(*, suppress: bool) -> argparse.ArgumentParser:
    """-v, -q and --debug, accepted before the command and after it.

    After the command their defaults are SUPPRESS, so a flag given before it is not reset."""
    flags = argparse.ArgumentParser(add_help=False)
    default = {"default": argparse.SUPPRESS} if suppress else {}
    group = flags.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="count", help="say more in the log (-v: newsbrief's progress notes)", **({"default": argparse.SUPPRESS} if suppress else {"default": 0}))
    group.add_argument("-q", "--quiet", action="store_true", help="only errors in the log", **default)
    group.add_argument("--debug", action="store_true", help="everything in the log, with tracebacks", **default)
    return flags


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsbrief",
        description="Merged, cited news briefs: what outlets agree on and where they differ.",
        epilog=(
            "Which stories: with a store configured ([storage] path), brief, ask and the chats serve the "
            "stories with an article seen in the story window ([stories] window_hours, 72 by default; "
            "--since and --all change it); with no store, the bundled seed articles."
        ),
        parents=[_output_flags(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subcommands.required = True
    commands.register(subcommands, parents=[_output_flags(suppress=True)])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("NEWSBRIEF_DEBUG") == "1"
    verbosity = logs.DEBUG if debug else logs.QUIET if args.quiet else min(args.verbose or 0, logs.VERBOSE)
    logs.configure(verbosity, secrets=Secrets.from_env().values(), timestamps=args.command in _LONG_RUNNING)
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
