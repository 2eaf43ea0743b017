"""newsbrief's application errors. ``str(error)`` is one line, safe to show a user: it names the
problem and never includes a secret. The CLI prints it and exits non-zero; chat adapters log the
traceback and show a short apology.

    NewsbriefError
     ├── InputError       bad user input: a file, folder, URL or question that cannot be used
     ├── ConfigError      a bad config file or key (names the key and why)
     ├── StoreError       the database cannot be opened or written (locked, read-only, corrupt)
     ├── FetchError       a feed or page could not be fetched or parsed
     └── PlatformError    Slack or Discord refused to start (missing or wrong token, unreachable)
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base of newsbrief's application errors."""


class InputError(NewsbriefError):
    """Input that cannot be used."""


class ConfigError(NewsbriefError):
    """A configuration problem."""


class StoreError(NewsbriefError):
    """The store cannot be read or written."""


class FetchError(NewsbriefError):
    """A feed or article page could not be fetched or parsed."""


class PlatformError(NewsbriefError):
    """A chat platform could not be started."""
