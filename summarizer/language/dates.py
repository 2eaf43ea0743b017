"""Dates as printed: "Oct. 13, 2024", "13 January", "March 2023", "Monday", "1992".

    >>> [d.text for d in date_spans("On Oct. 13, 2024, and again in March 2025 (not in 1992)")]
    ['Oct. 13, 2024', 'March 2025', '1992']

Month and day names are data files (``data/months.txt``, ``data/weekdays.txt``). Each span says
how specific it is (``precision``: 'day', 'month', 'year', 'weekday'), which answers "when" need
to prefer a full date to a bare year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import word_list

__all__ = ["DateSpan", "date_spans", "MONTHS", "WEEKDAYS"]

MONTHS: tuple[str, ...] = word_list("months")
WEEKDAYS: tuple[str, ...] = word_list("weekdays")

_MONTH = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_WEEKDAY = r"(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r")"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent|million|billion))")),
    ("day", re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b")),
    ("day", re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b|\b[01]?\d/[0-3]?\d/(?:19|20)?\d\d\b")),
    ("month", re.compile(rf"\b{_MONTH}(?:\s+(?:of\s+)?{_YEAR})\b")),
    ("month", re.compile(r"\b(?:" + "|".join(m.capitalize() for m in MONTHS if len(m) > 3) + r")\b")),
    ("weekday", re.compile(rf"\b{_WEEKDAY}\b")),
    ("year", re.compile(rf"(?<![\d,.$-]){_YEAR}(?![\d%-]|,\d)")),
)


@dataclass(frozen=True)
class DateSpan:
    """A date as printed: ``text`` is ``source[start:end]``; ``precision`` says how specific it is."""

    text: str
    start: int
    end: int
    precision: str


def date_spans(text: str) -> list[DateSpan]:
    """The date expressions in ``text``, most specific first where two overlap, in order of appearance."""
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []
    for precision, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            printed = match.group(0).rstrip(".")
            out.append(DateSpan(printed, start, start + len(printed), precision))
    return sorted(out, key=lambda d: d.start)
