"""Dates as printed: "Oct. 13, 2024", "13 January", "March 2023", "Monday", "1992"; clock times.

    >>> [d.text for d in date_spans("On Oct. 13, 2024, and again in March 2025 (not in 1992)")]
    ['Oct. 13, 2024', 'March 2025', '1992']
    >>> [(t.text, t.minutes, t.role) for t in clock_spans("between 6:45 and 7 p.m.")]
    [('6:45', 1125, 'from'), ('7 p.m.', 1140, 'to')]

Month and day names are data files (``data/months.txt``, ``data/weekdays.txt``). Each span says
how specific it is (``precision``: 'day', 'month', 'year', 'weekday'), which answers "when" need
to prefer a full date to a bare year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import word_list
from .words import words

__all__ = ["CALENDAR_WORDS", "ClockSpan", "DateSpan", "calendar_names", "clock_spans", "count_moment", "date_spans", "day_edge", "is_period_bound", "time_zone", "month_of", "MONTHS", "WEEKDAYS"]

MONTHS: tuple[str, ...] = word_list("months")
WEEKDAYS: tuple[str, ...] = word_list("weekdays")
#: Month and weekday names in lower case: words that date a text, never a name.
CALENDAR_WORDS: frozenset[str] = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))

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


def month_of(text: str) -> int | None:
    """The month (1-12) a date names ("May 2012", "Dec. 3"), else None."""
    found = re.search(r"[A-Za-z]{3,}", text)
    if not found:
        return None
    word = found.group(0).lower()
    for k, name in enumerate(MONTHS[:12]):
        if name.startswith(word[:3]) and (word == name or len(word) <= 4):
            return k + 1
    return None


@dataclass(frozen=True)
class ClockSpan:
    """A clock time as printed ("6:55 p.m.", "7 a.m.", "noon"): ``minutes`` after midnight;
    ``role`` is "from" or "to" inside a range ("between 6:45 and 7 p.m."), else "at"."""

    text: str
    start: int
    end: int
    minutes: int
    role: str


_MERIDIEM = r"(?P<m>[ap])\.?\s?m\b\.?"
_CLOCK = re.compile(rf"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s?{_MERIDIEM}|\b(?P<word>noon|midnight)\b", re.IGNORECASE)
# the first end of a range, its meridiem left to the second: "between 6:45 and 7 p.m.", "6:45-7 p.m."
_RANGE = re.compile(
    rf"\b(?:between|from)\s+(?P<h1>1[0-2]|0?[1-9])(?::(?P<min1>[0-5]\d))?(?:\s?{_MERIDIEM.replace('?P<m>', '?P<m1>')})?"
    rf"\s+(?:and|to|until|till)\s+(?=(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?[ap]\.?\s?m\b)",
    re.IGNORECASE,
)


def calendar_names(text: str, first: bool = True) -> frozenset[str]:
    """The months and weekdays a text names ("May 2012", "Dec. 3", "on Tuesday"), one key each
    ("m5", "m12", "tuesday"); with ``first`` False a capitalised first word is skipped ("May we ...")."""
    out: set[str] = set()
    for k, w in enumerate(words(text)):
        if not w[:1].isupper() or (k == 0 and not first):
            continue
        if w.lower() in CALENDAR_WORDS or len(w) <= 4:
            month = month_of(w)
            if month is not None:
                out.add(f"m{month}")
            elif w.lower() in CALENDAR_WORDS:
                out.add(w.lower())
    return frozenset(out)


def clock_spans(text: str) -> list[ClockSpan]:
    """The clock times ``text`` prints, in order, ranges marked ("between 6:45 and 7 p.m.")."""
    out: list[ClockSpan] = []
    for m in _CLOCK.finditer(text):
        if m.group("word"):
            minutes = 12 * 60 if m.group("word").lower() == "noon" else 0
        else:
            minutes = _minutes(m.group("h"), m.group("min"), m.group("m"))
        out.append(ClockSpan(m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()), minutes, "at"))
    for r in _RANGE.finditer(text):
        second = next((c for c in out if c.start == r.end()), None)
        if second is None:
            continue
        meridiem = r.group("m1") or ("p" if second.minutes >= 12 * 60 else "a")
        first = _minutes(r.group("h1"), r.group("min1"), meridiem)
        end = r.end("min1") if r.group("min1") else r.end("h1")
        if r.group("m1"):
            end = r.start("m1") + re.match(r"[ap]\.?\s?m\b\.?", text[r.start("m1") :], re.IGNORECASE).end()
        printed = text[r.start("h1") : end]
        out = [c for c in out if not (r.start("h1") <= c.start < r.end())]
        out.append(ClockSpan(printed.strip(), r.start("h1"), r.start("h1") + len(printed.strip()), first, "from"))
        out = [c if c is not second else ClockSpan(c.text, c.start, c.end, c.minutes, "to") for c in out]
    return sorted(out, key=lambda c: c.start)


def _minutes(hour: str, minute: str | None, meridiem: str) -> int:
    h = int(hour) % 12 + (12 if meridiem.lower() == "p" else 0)
    return h * 60 + int(minute or 0)


#: A date after one of these closes the period a running count covers: "*through* July, 32 cases",
#: "*as of* August 2016, 50 cases", "from Jan. 1 *to* Aug. 31".
_COUNT_UNTIL = re.compile(r"\b(?:through|thru|as\s+of|as\s+at|to|until|by|up\s+to)\s+$", re.IGNORECASE)


def count_moment(sentence: str) -> tuple[int, int, int | None] | None:
    """The (month, day, year or None) a running count in ``sentence`` stands at, when the sentence
    closes its period with exactly one date ("Through July, 32 cases" -> (7, 31, None); "as of
    Aug. 31, 2016" -> (8, 31, 2016); a month alone counts as its end), else None."""
    found = set()
    for d in date_spans(sentence):
        if d.precision not in ("day", "month") or not _COUNT_UNTIL.search(sentence, 0, d.start):
            continue
        month = month_of(d.text)
        if month is None:
            continue
        day = re.search(r"\b(\d{1,2})\b(?!\d)", d.text) if d.precision == "day" else None
        year = re.search(r"\b\d{4}\b", d.text)
        found.add((month, int(day.group(1)) if day else 31, int(year.group(0)) if year else None))
    return found.pop() if len(found) == 1 else None


_BOUND_BEFORE: re.Pattern[str] | None = None


def is_period_bound(text: str, start: int) -> bool:
    """Whether the date printed at ``start`` of ``text`` is the bound of a period, not the day of
    an event: a word of data/period_bounds.txt just before it ("accused *since* Oct. 29", "*until*
    Monday", "*by* Friday", "*from* Jan. 1"), with at most "the" or "on" between."""
    global _BOUND_BEFORE
    if _BOUND_BEFORE is None:
        bounds = "|".join(map(re.escape, word_list("period_bounds")))
        _BOUND_BEFORE = re.compile(rf"\b(?:{bounds})\s+(?:(?:the|on|early|late|mid)\s+)?$", re.IGNORECASE)
    return bool(_BOUND_BEFORE.search(text, max(0, start - 30), start))


def day_edge(text: str, start: int, end: int) -> str | None:
    """Whether a date printed at ``text[start:end]`` is put at the edge of its day by the words
    just beside it (data/day_edges.txt): ``"late"`` ("late Sunday night"), ``"early"`` ("early
    Monday", "Monday morning"), else None (also when both)."""
    edges = _edges()
    near = words(text[max(0, start - 20): start])[-2:] + words(text[end: end + 20])[:2]
    found = set().union(*(edges.get(w.lower(), set()) for w in near)) if near else set()
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _edges() -> dict[str, frozenset[str]]:
    edges: dict[str, set[str]] = {}
    for line in word_list("day_edges"):
        side, word = line.split()
        edges.setdefault(word, set()).add(side)
    return {w: frozenset(sides) for w, sides in edges.items()}


_ZONE_AFTER = re.compile(r"\s*\(?([A-Za-z]+)\b")


def time_zone(text: str, end: int) -> str | None:
    """The time-zone mark printed just after a clock time ending at ``end`` (data/time_zones.txt:
    "10 a.m. *ET*", "3 p.m. *local* time"), lower case, else None."""
    m = _ZONE_AFTER.match(text, end)
    if not m:
        return None
    zone = m.group(1).lower()
    return zone if zone in _zones() else None


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(word_list("time_zones"))
