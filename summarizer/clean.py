"""Cleaning raw article text the way real articles need, before anything is summarized.

Real articles arrive with a dateline header glued to the first sentence ("date 2025-05-15
President ..."), the headline repeated at the top of the body (sometimes glued to the first
sentence), section kickers, bylines ("By Jane Doe", "By Jane Doe, Science Editor", "Michael
Katz ✉"), "Outlet | Section | May 15, 2025" lines, author bios ("Michael Katz is a Newsmax
reporter with..."), copyright and rights lines, "Reporting by ...; Editing by ..." credits, photo
captions and credits ("... Photograph: Jane Doe for the Daily"), "Related: ..." link lines,
newsletter and subscription promos, share prompts, stray symbols, hard line breaks inside
sentences and sentences glued without a space. ``clean_article`` removes or converts these,
keeping every word of the story itself, and returns the metadata it found.

Rules that could match a story sentence (bylines, bios, promos) apply only at the edges of an
article, where such lines live; rules whose lines never read as story prose (photo credits,
"Related:" links, copyright) apply anywhere.

    >>> cleaned = clean_article("date 2025-05-15 The council voted 7-2.\\n© 2025 Daily. All rights reserved.")
    >>> cleaned.text, cleaned.published
    ('The council voted 7-2.', datetime.date(2025, 5, 15))
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .language import normalize_text

_log = logging.getLogger(__name__)

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
# A clock time after a date header: "6:14 PM PDT", "10 a.m. ET", "18:05 GMT".
_TIME = re.compile(
    r"(?:at\s+)?\d{1,2}(?::\d{2}(?:\s*[ap]\.?m\b\.?)?|\s*[ap]\.?m\b\.?)"
    r"(?:\s*(?-i:[A-Z]{1,2}[SD]?T|UTC|GMT|ET|PT|CT|MT)\b)?",
    re.IGNORECASE,
)
# Stray symbols: pictographs, envelope/phone icons, replacement characters, control characters.
_STRAY = re.compile("[\u2709\u260e\u2706\U0001F4E7\U0001F4E9\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,120}$|all rights reserved\.?$", re.IGNORECASE)
# Lines that are never story prose, wherever they stand: wire credits, share prompts, ad labels.
_CREDITS = re.compile(
    r"^\(?(?:reporting|additional reporting|writing|editing|compiled) by\b.{0,200}$"
    r"|^\(?(?:sign up|subscribe|share this|click here|read more|see more|advertisement|sponsored content|"
    r"follow (?:us|me|him|her|them|our|@)|this (?:article|story) (?:was|has been) (?:updated|corrected))\b.{0,200}$"
    # "Follow Jane Doe on Twitter", but not "Follow-up talks ..." nor "Follow the money, he said."
    r"|^follow .{0,80}?\b(?:on|at) (?:twitter|x|facebook|instagram|threads|bluesky|tiktok|linkedin|youtube)\b.{0,120}$",
    re.IGNORECASE,
)
# Links to other articles: "Related: ...", "READ MORE: ...", "See also - ...".
_LINK_LINE = re.compile(
    r"^(?:related|related (?:stories|articles|coverage|content|reading)|read more|read also|also read|"
    r"see also|more on this(?: story)?|read next|further reading|recommended(?: reading)?|"
    r"more from [\w ]{1,30})\s*(?:[:»›>|–—-]\s*\S|[:»›>|–—-]?\s*$)",
    re.IGNORECASE,
)
# Photo credits and captions. A whole line "Photo: Jane Doe / Agency", "Photograph by Jane Doe",
# "(AP Photo/Jane Doe)", or a caption ending in one: "Crews at work. Photograph: Jane Doe for the
# Daily". The credit keyword is capitalised and the credit carries no sentence punctuation.
_CREDIT_KEYWORD = r"(?:Photo(?:graph)?s?|Pictures?|Images?|Illustrations?|Graphics?|Video|Credit|Caption)"
_PHOTO_LINE = re.compile(r"^\(?" + _CREDIT_KEYWORD + r"(?: credits?)?\s*[:/]", re.IGNORECASE)
_PHOTO_TAIL = re.compile(
    r"(?:^|[.!?…”\"]\s+|\(\s*)" + _CREDIT_KEYWORD + r"(?: credits?)?(?:\s*[:/]\s*|\s+by\s+)[^.!?:;]{1,80}\)?$"
    r"|\(?\b(?:AP|AFP|EPA|Reuters|Getty Images|Getty|Shutterstock|Alamy|PA|Bloomberg)(?: Photo| Images| Wire)?"
    r"\s*/\s*[A-Z][^.!?()]{0,60}\)?$"
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
    r"|\b(?:for live updates|in your inbox|to your inbox|our newsletter|the .{1,30} app for alerts)\b"
    # Newsletter and subscription pitches: an imperative offer of a newsletter, a "... Subscribe
    # free." close, a named newsletter with its pitch after a colon, a paywall counter.
    r"|^(?:get|receive|join|sign up|subscribe|don'?t miss|never miss|want|enjoy|like this|love this)\b"
    r".{0,160}\b(?:newsletters?|inbox|bulletin|briefing|digest|alerts)\b"
    r"|(?:^|[.!?]\s+)(?:subscribe|sign up|register)(?: now| free| for free| today| here| for \$?[\d.]+)?\s*[.!]?$"
    r"|^(?-i:(?:[A-Z][\w&'’-]*\s+){1,5})(?:newsletter|bulletin|briefing|digest)\s*:"
    r"|\bfree (?:articles?|stories) (?:left|remaining)\b"
    # Reader-revenue pitches: "X is free to read", "support our journalism", "become a member".
    r"|\b(?:is|are|stays?|remains?) free to read\b|\bsupport (?:our|independent|quality|local) journalism\b"
    r"|\bbecome an? (?:member|subscriber|supporter|patron)\b|\b(?:get|read) (?:the|our) .{1,40}\bnewsletter\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’.-]+|de|van|von|der|da|la|le|and|&)$")
# "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Science Editor", "BY JANE DOE |
# Staff Writer", "By Jane Doe in London".
_BYLINE = re.compile(r"^by\s+(?P<rest>.+)$", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||—|–|\s-\s|/|\bin\s+(?=[A-Z]))\s*")
# Separators of a metadata line: "Outlet | Section | May 15, 2025".
_META_SPLIT = re.compile(r"\s+[|·•]\s+|\s+[—–-]\s+")
_TERMINAL = (".", "!", "?", ":", '"', "”", "…")


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
            end = m.end()
            # "2025-11-12T08:15:00+00:00" and "June 27, 2025 6:14 PM PDT": the clock time goes too.
            if t := re.match(r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?", text[end:]):
                end += t.end()
            elif t := _TIME.match(text[end:].lstrip(" ,")):
                end += len(text[end:]) - len(text[end:].lstrip(" ,")) + t.end()
            return d, end
    return None


def _is_name_line(line: str) -> bool:
    """A line that is only a person's name (a byline left at the top or bottom of an article)."""
    tokens = line.split()
    if not 2 <= len(tokens) <= 5 or line.endswith((".", "!", "?", ":", '"', "”")):
        return False
    return all(_NAME_WORD.match(t) for t in tokens) and sum(t[0].isupper() for t in tokens) >= 2


def _byline_name(line: str) -> str | None:
    """The author named by a byline line ("By Jane Doe, Science Editor" -> "Jane Doe"), else None.

    A byline is short, has no sentence punctuation at its end and names people right after
    "By"; "By Tuesday, crews had contained the fire." is a sentence, not a byline.
    """
    m = _BYLINE.match(line)
    if not m or len(line.split()) > 14 or line.endswith(_TERMINAL):
        return None
    names = _BYLINE_SPLIT.split(m["rest"], maxsplit=1)[0]
    people = [p for p in re.split(r"\s+(?:and|&)\s+", re.sub(r"^the\s+", "", names)) if p]
    if not people or not all(_is_name_line(p) or p.isupper() and 2 <= len(p.split()) <= 5 for p in people):
        return None
    return names.title() if names.isupper() else names


def _meta_line_date(line: str) -> date | None:
    """The date of a line that holds only metadata: "May 15, 2025", "Daily | Business | May 15, 2025".

    Every field must be short (an outlet, a section, a date, a time) and one must be a date.
    """
    parts = [p.strip(" *_") for p in _META_SPLIT.split(line) if p.strip(" *_")]
    if not parts or len(parts) > 5 or any(len(p.split()) > 6 for p in parts) or line.endswith((".", "!", "?")):
        return None
    for part in parts:
        found = _date_span(part)
        if found and not part[found[1]:].strip(" ,"):
            return found[0]
    return None


def _fold(text: str) -> str:
    """Text compared loosely: case, quotes, punctuation and spacing ignored."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold().replace("’", "'").replace("'", "")))


def _strip_headline(line: str, headlines: list[str]) -> str | None:
    """The line without a known headline that it repeats: "" when it is only the headline, the
    rest when the headline is glued to the first sentence, None when it does not repeat one."""
    folded = _fold(line)
    for headline in headlines:
        if folded == headline:
            return ""
        if not folded.startswith(headline + " "):
            continue
        # Walk the original line word by word until the folded headline is used up.
        words = line.split()
        for n in range(1, len(words)):
            if _fold(" ".join(words[:n])) == headline:
                rest = " ".join(words[n:]).lstrip(" :|–—-")
                # Glued only when a sentence follows ("... jobs pledge Arvento Motors has hired");
                # "Fire forces 12,000 out after gusts" merely extends the headline.
                if rest[:1].isupper() and len(rest.split()) >= 6 and rest.endswith((".", "!", "?", '"', "”")):
                    return rest
                break
    return None


def _is_headline_like(line: str, next_line: str | None) -> bool:
    """A short line without final punctuation that stands above body text: a headline or kicker."""
    if next_line is None:
        return False  # the last line: no body under it
    return len(line.split()) <= 16 and len(line) < 120 and not line.endswith(_TERMINAL)


def _is_edge_boilerplate(line: str) -> bool:
    """A line that is boilerplate when it stands at the top or bottom of an article."""
    return bool(
        _is_name_line(line) or _byline_name(line) or _BIO.match(line) or _EDGE_PROMO.search(line)
        or _is_anywhere_boilerplate(line)
    )


def _is_anywhere_boilerplate(line: str) -> bool:
    """A line that is never story prose: copyright, credits, photo credits, related links."""
    if _COPYRIGHT.search(line) or _CREDITS.match(line) or _LINK_LINE.match(line):
        return True
    # A caption is a line or two; a long paragraph that happens to end "... Photo: X" is not one.
    return len(line.split()) <= 60 and bool(_PHOTO_LINE.match(line) or _PHOTO_TAIL.search(line))


def clean_article(raw: str, headlines: Iterable[str] = ()) -> CleanedText:
    """Strip boilerplate from one article's raw text and lift its header metadata.

    Keeps the story's own sentences verbatim (modulo whitespace); removes bylines, author bios,
    copyright/rights lines, credits, photo captions and credits, related-article links,
    newsletter promos, share prompts and stray symbols; turns "date ..." / "Published: ..." /
    "Title: ..." / "By ..." headers and "Outlet | Section | date" lines into metadata.

    ``headlines`` are titles known from elsewhere (an HTML page's title, a Markdown heading, a
    JSON field, a manifest): a body line repeating one at the top is dropped, and one glued to the
    first sentence is cut off it, so the title is metadata and never body text.

        >>> clean_article("Storm hits coast Storm hit the coast on Monday, officials said.",
        ...               headlines=["Storm hits coast"]).text
        'Storm hit the coast on Monday, officials said.'
    """
    text = _STRAY.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    known = [h for h in dict.fromkeys(_fold(h) for h in headlines if h) if h]
    title: str | None = None
    published: date | None = None
    byline: str | None = None

    # The front matter: header lines ("date 2025-05-15 ...", "Title: ...", "By Jane Doe"), the
    # headline (repeated, or glued to the first sentence), a kicker, a byline, a metadata line.
    # It ends at the first line of story text.
    headline_like: list[str] = []
    after_by = False
    seen = 0
    index = 0
    while index < len(lines) and seen < 8:
        line = lines[index]
        if not line:
            index += 1
            continue
        seen += 1
        next_line = next((n for n in lines[index + 1:] if n), None)
        adjacent = lines[index + 1] if index + 1 < len(lines) else ""
        m = _HEADER.match(line)
        key = m["key"].lower() if m else ""
        rest = line[m.end():] if m else ""
        if key in ("date", "dated", "published", "posted", "updated") and (found := _date_span(rest)):
            published = published or found[0]
            rest = rest[found[1]:].lstrip(" ,.;|–-")
            # Header glued to the first sentence: keep the sentence.
            lines[index] = rest
            if rest:
                break
        elif key in ("title", "headline") and line[len(m["key"]):].lstrip()[:1] in (":", "-", "–"):
            title = rest or None
            lines[index] = ""
        elif key == "byline" and rest:
            byline = byline or _byline_name(f"By {rest}") or rest
            lines[index] = ""
        elif line.lower() == "by":
            lines[index] = ""  # "By" alone on a line, the name on the next one
        elif after_by and _is_name_line(line):
            byline = byline or line
            lines[index] = ""
        elif (name := _byline_name(line)) is not None:
            byline = byline or name
            lines[index] = ""
        elif (stripped := _strip_headline(line, known)) is not None:
            lines[index] = stripped
            if stripped:
                break
        elif (day := _meta_line_date(line)) is not None:
            published = published or day
            lines[index] = ""
        elif _is_anywhere_boilerplate(line) or _EDGE_PROMO.search(line):
            lines[index] = ""
        elif _is_name_line(line) and (byline is not None or headline_like):
            lines[index] = ""  # the outlet or author line under a byline or headline
        elif (
            # The headline, or a short kicker ("Business") and the headline under it.
            (not headline_like or len(headline_like) == 1 and len(headline_like[0].split()) <= 3)
            and _is_headline_like(line, next_line)
            and not adjacent[:1].islower()
        ):
            headline_like.append(line)
            lines[index] = ""
        elif _is_name_line(line):
            byline = byline or line
            lines[index] = ""
        else:
            break
        after_by = line.lower() == "by"
        index += 1
    if title is None and headline_like:
        title = max(headline_like, key=lambda h: len(h.split()))

    # Bylines, bios and promotions sit at the edges of an article; in the middle, such a line is
    # story text. The bottom edge is the last four lines plus every line of a run of boilerplate
    # that ends the article.
    nonblank = [i for i, line in enumerate(lines) if line]
    edges = set(nonblank[:2] + nonblank[-4:])
    for i in reversed(nonblank[-10:]):
        if not _is_edge_boilerplate(lines[i]):
            break
        edges.add(i)
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if _is_anywhere_boilerplate(line):
            _log.debug("dropped boilerplate line %r", line[:80])
            continue
        if i in edges and (_is_name_line(line) or (name := _byline_name(line))):
            byline = byline or (line if _is_name_line(line) else name)
            continue
        if i in edges and (_BIO.match(line) or _EDGE_PROMO.search(line)):
            _log.debug("dropped edge line %r", line[:80])
            continue
        kept.append(line)

    return CleanedText(normalize_text("\n".join(kept)), title, published, byline)
