"""Cleaning raw article text the way real articles need, before anything is summarized.

Real articles arrive with a dateline header glued to the first sentence ("date 2025-05-15
President ..."), bylines ("By Jane Doe", "Michael Katz ✉"), author bios ("Michael Katz is a
Newsmax reporter with..."), copyright and rights lines, "Reporting by ...; Editing by ..."
credits, share/subscribe prompts, stray symbols, hard line breaks inside sentences and sentences
glued without a space. ``clean_article`` removes or converts these, keeping every word of the
story itself, and returns the metadata it found.

    >>> cleaned = clean_article("date 2025-05-15 The council voted 7-2.\\n© 2025 Daily. All rights reserved.")
    >>> cleaned.text, cleaned.published
    ('The council voted 7-2.', datetime.date(2025, 5, 15))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import normalize_text

__all__ = ["CleanedText", "clean_article", "parse_date"]


@dataclass(frozen=True)
class CleanedText:
    text: str
    title: str | None = None
    published: date | None = None
    byline: str | None = None


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        1,
    )
    for m in names
}

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LONG_DATE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})")

_HEADER = re.compile(
    r"^\s*(?P<key>date|dated|published|posted|updated|title|headline|by|byline|source)\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# Stray symbols: pictographs, envelope/phone icons, replacement characters, control characters.
_STRAY = re.compile("[\u2709\u260e\u2706\U0001F4E7\U0001F4E9\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,120}$|all rights reserved\.?$", re.IGNORECASE)
_CREDITS = re.compile(
    r"^\(?(?:reporting|additional reporting|writing|editing|compiled) by\b.{0,200}$"
    r"|^(?:follow|sign up|subscribe|share this|read more|click here|related:|advertisement|"
    r"this (?:article|story) (?:was|has been) (?:updated|corrected)|photo:|image:|caption:)\b.{0,200}$",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:(?:is|has been|was) (?:a|an|the) .{0,80}?"
    r"\b(?:reporter|correspondent|writer|editor|journalist|contributor|columnist|producer|"
    r"author|analyst)\b|(?:covers|writes about|reports on|reports for) )",
)
# Promotions and contact lines that end (or open) articles; only ever removed at the edges.
_EDGE_PROMO = re.compile(
    r"\b(?:reach|contact|email|e-mail|follow) (?:her|him|them|me|us|the author|the reporter)\b"
    r"|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|^(?:stay with|stay tuned|download (?:the|our)|get the|watch|listen|for more (?:news|coverage|stories))\b"
    r"|\b(?:for live updates|in your inbox|our newsletter|the .{1,30} app for alerts)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’.-]+|de|van|von|der|da|la|le|and|&)$")


def parse_date(text: str) -> date | None:
    """A calendar date at the start of ``text`` ("2025-05-15", "May 15, 2025", "15 May 2025")."""
    text = text.strip()
    try:
        if m := _ISO_DATE.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if (m := _LONG_DATE.match(text)) and m[1].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if (m := _DAY_FIRST_DATE.match(text)) and m[2].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def _date_span(text: str) -> tuple[date, int] | None:
    for pattern in (_ISO_DATE, _LONG_DATE, _DAY_FIRST_DATE):
        m = pattern.match(text)
        if m and (d := parse_date(m.group(0))):
            return d, m.end()
    return None


def _is_name_line(line: str) -> bool:
    """A line that is only a person's name (a byline left at the top or bottom of an article)."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 5 or line.endswith((".", "!", "?", ":", '"', "”")):
        return False
    return all(_NAME_WORD.match(t) for t in tokens) and sum(t[0].isupper() for t in tokens) >= 2


def clean_article(raw: str) -> CleanedText:
    """Strip boilerplate from one article's raw text and lift its header metadata.

    Keeps the story's own sentences verbatim (modulo whitespace); removes bylines, author bios,
    copyright/rights lines, credits, share prompts and stray symbols; turns "date ..." /
    "Published: ..." / "Title: ..." / "By ..." headers into metadata.
    """
    text = _STRAY.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    title: str | None = None
    published: date | None = None
    byline: str | None = None

    # Header lines at the top: "date 2025-05-15 ...", "Title: ...", "By Jane Doe".
    body_start = 0
    while body_start < len(lines):
        line = lines[body_start]
        if not line:
            body_start += 1
            continue
        m = _HEADER.match(line)
        if not m:
            break
        key, rest = m["key"].lower(), line[m.end():]
        if key in ("date", "dated", "published", "posted", "updated"):
            found = _date_span(rest)
            if not found:
                break
            published = published or found[0]
            rest = rest[found[1]:].lstrip(" ,.;|–-")
            # Header glued to the first sentence: keep the sentence.
            lines[body_start] = rest
            if rest:
                break
        elif key in ("title", "headline") and line[len(m["key"]):].lstrip()[:1] in (":", "-", "–"):
            title = rest or None
            lines[body_start] = ""
        elif key in ("by", "byline") and len(rest.split()) <= 8 and not rest.endswith("."):
            byline = rest or None
            lines[body_start] = ""
        else:
            break
        body_start += 1

    # Bylines, bios and promotions sit at the edges of an article; in the middle, such a line is
    # story text.
    nonblank = [i for i, line in enumerate(lines) if line]
    edges = set(nonblank[:2] + nonblank[-4:])
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if _COPYRIGHT.search(line) or _CREDITS.match(line):
            continue
        if i in edges and _is_name_line(line):
            byline = byline or line
            continue
        if i in edges and (_BIO.match(line) or _EDGE_PROMO.search(line)):
            continue
        kept.append(line)

    # A short first line without final punctuation, followed by body text, is the headline.
    nonblank = [i for i, line in enumerate(kept) if line]
    if title is None and len(nonblank) > 1:
        first = kept[nonblank[0]]
        if len(first.split()) <= 16 and not first.endswith((".", "!", "?", '"', "”", ":")) and len(first) < 120:
            title = first
            kept[nonblank[0]] = ""

    return CleanedText(normalize_text("\n".join(kept)), title, published, byline)
