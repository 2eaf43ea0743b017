"""Word lists shipped as data files in ``summarizer/language/data/``, each read once.

A list file holds one entry a line; ``#`` starts a comment line. Entries are compared lower-case.

    >>> "the" in word_set("stop_words")
    True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["word_set", "word_list"]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt`` in file order, lower-cased, comments and blanks dropped."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip().lower() for line in text.splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a set."""
    return frozenset(word_list(name))
