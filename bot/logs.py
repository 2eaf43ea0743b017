"""The operator's log: what newsbrief says on stderr, and how much.

    configure(verbosity=0, secrets=Secrets.from_env().values(), timestamps=True)

Levels, by the command line's flags:

* ``-q``: errors only.
* default: the operator's lines (logger ``newsbrief``: one per connection, per fetch, per digest
  delivered) and every warning; nothing from libraries below WARNING.
* ``-v``: also newsbrief's own progress notes (loggers ``bot.*`` at INFO).
* ``--debug``: everything at DEBUG, libraries included, with tracebacks.

Every line passes ``RedactingFormatter``, which replaces any secret value that reaches it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

__all__ = ["OPERATOR", "RedactingFormatter", "configure"]

#: The logger of the operator's lines.
OPERATOR = "newsbrief"

QUIET, NORMAL, VERBOSE, DEBUG = -1, 0, 1, 2


class RedactingFormatter(logging.Formatter):
    """Replaces secret values wherever they would appear in a log line, tracebacks included.

    Libraries log request details at debug level; this is the last guard that keeps a token that
    slipped into a message, a URL or an exception text out of the log.
    """

    def __init__(self, fmt: str, secrets: Sequence[str], *, datefmt: str | None = None):
        super().__init__(fmt, datefmt=datefmt)
        self._secrets = sorted((s for s in secrets if len(s) >= 6), key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


class _Prefix(logging.Filter):
    """Adds ``record.prefix``: "warning: " or "error: " before a line that is one (nothing before
    an operator's ordinary line), and the logger's name when ``named``."""

    def __init__(self, named: bool):
        super().__init__()
        self._named = named

    def filter(self, record: logging.LogRecord) -> bool:
        level = "" if record.levelno < logging.WARNING else f"{record.levelname.lower()}: "
        name = f"{record.name}: " if self._named and record.name != OPERATOR else ""
        record.prefix = level + name
        return True


def configure(verbosity: int, *, secrets: Sequence[str] = (), timestamps: bool = False) -> None:
    """Set up logging for one command (see the module docstring for the levels).

    ``timestamps`` for long-running commands (``run``): each line starts with the local time.
    """
    handler = logging.StreamHandler(sys.stderr)
    stamp = "%(asctime)s " if timestamps else "newsbrief: "
    handler.setFormatter(RedactingFormatter(stamp + "%(prefix)s%(message)s", secrets, datefmt="%Y-%m-%d %H:%M:%S"))
    handler.addFilter(_Prefix(named=verbosity >= VERBOSE))
    root = logging.DEBUG if verbosity >= DEBUG else (logging.ERROR if verbosity <= QUIET else logging.WARNING)
    logging.basicConfig(level=root, handlers=[handler], force=True)
    logging.getLogger(OPERATOR).setLevel(logging.ERROR if verbosity <= QUIET else logging.INFO if verbosity < DEBUG else logging.DEBUG)
    logging.getLogger("bot").setLevel(
        logging.DEBUG if verbosity >= DEBUG else logging.INFO if verbosity == VERBOSE else logging.NOTSET
    )
