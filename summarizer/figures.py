"""Figures: the numbers an article prints, with what they count. Basis of the figures ledger.

CONTRACT (used by differences.py and qa.py):

    extract_figures("DHS asked for more than 20,000 National Guard troops.")
    -> [Figure(value=20000.0, text="more than 20,000", number_text="20,000", unit=None,
               qualifier="more than", counts="National Guard troops", start=..., end=...)]

    same_quantity(a, a_sentence, b, b_sentence) -> bool
        whether two figures (usually from two outlets) measure the same quantity, so that a
        difference between them is a disagreement and not two different facts.

Everything here is rules over the sentence text: offline, no model, about 60 µs a sentence
(Multi-News dev100: 10,226 sentences, 4,128 figures, no failure).
Numbers are read as printed ("20,000", "20 thousand", "1.5 million", "two", "a dozen", "$1,000",
"95%", "99.5 percent", "0.25 percentage points", "a quarter point"; basis points are stored as percentage points, so
"25 basis points" has value 0.25 and unit "percentage points"). Years ("in 1992") get
``unit="year"`` and clock times, days of the month, ordinals and numbers inside names ("F-35",
"COVID-19") are not figures at all. ``counts`` is a light noun-phrase guess: the words after the
number ("20,000 National Guard troops to ..." -> "National Guard troops"), skipping "of"
("95% of voters" -> "voters"), looking through change nouns ("a 95% reduction in illegal border
crossings" -> "illegal border crossings"), or, for "X are down 99%", the subject before the change
word ("Illegal border crossings").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .text import STOP_WORDS, stem

__all__ = [
    "Figure",
    "change_direction",
    "counts_stems",
    "extract_figures",
    "is_ledger_figure",
    "qualifier_class",
    "quantity_similarity",
    "same_quantity",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    value: float  # normalised: 20000.0 for "20,000" or "20 thousand"; 95.0 for "95%"; 1000.0 for "$1,000"
    text: str  # as printed, with its qualifier: "more than 20,000", "$1,000", "95%"
    number_text: str  # the number alone as printed: "20,000"
    unit: str | None  # "%", "$", "km", "years", ... None when the figure is a plain count
    qualifier: str | None  # "more than", "about", "nearly", "at least", "up to", ... or None
    counts: str | None  # what is counted/measured, a short noun phrase: "National Guard troops"
    start: int  # span of ``text`` within the sentence
    end: int


# --------------------------------------------------------------------------- vocabulary
# Closed-class English only: number words, scales, units, qualifiers. Nothing topical.

_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}
_CURRENCY_SYMBOLS = {"$": "$", "us$": "$", "usd": "$", "£": "£", "€": "€", "¥": "¥", "₹": "₹"}
_MONEY = frozenset("$£€¥₹¢")
_CURRENCY_WORDS = {
    "dollars": "$", "dollar": "$", "euros": "€", "euro": "€", "yen": "¥", "rupees": "₹",
    "pounds sterling": "£", "cents": "¢",
}
_PERCENT_WORDS = {"percent": "%", "per cent": "%", "pct": "%", "percentage points": "percentage points",
                  "percentage point": "percentage points", "basis points": "basis points",
                  "basis point": "basis points", "bps": "basis points", "points": "points", "point": "points"}
_TIME_UNITS = ("years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
               "minutes", "minute", "seconds", "second", "decades", "decade", "centuries", "century")
_MEASURE_UNITS = (
    "kilometres", "kilometers", "kilometre", "kilometer", "km", "miles", "mile", "metres", "meters",
    "metre", "meter", "feet", "foot", "ft", "inches", "inch", "kilograms", "kilogram", "kg", "pounds",
    "lbs", "tons", "tonnes", "acres", "hectares", "degrees", "mph", "gallons", "litres", "liters",
    "barrels", "square miles", "square kilometers", "square kilometres", "miles per hour",
    "kilometres per hour", "kilometers per hour", "km/h",
)
_UNIT_CANON = {
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "mile": "miles",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "foot": "feet", "ft": "feet",
    "inch": "inches", "kilograms": "kg", "kilogram": "kg", "lbs": "pounds", "tonnes": "tons",
    "litres": "liters", "square kilometers": "km²", "square kilometres": "km²", "miles per hour": "mph",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours",
    "minute": "minutes", "second": "seconds", "decade": "decades", "century": "centuries",
}

# Qualifiers, longest first so "a little over" wins over "over". Each maps to a class: two
# qualifiers of one class say the same thing ("about 2,000" = "approximately 2,000").
_QUALIFIERS: dict[str, str] = {
    "a little more than": ">", "a little over": ">", "a bit more than": ">", "just over": ">",
    "well over": ">", "more than": ">", "over": ">", "above": ">", "in excess of": ">",
    "upwards of": ">", "exceeding": ">", "north of": ">",
    "at least": ">=", "no less than": ">=", "no fewer than": ">=", "a minimum of": ">=",
    "just under": "<", "a little under": "<", "a little less than": "<", "less than": "<",
    "fewer than": "<", "under": "<", "below": "<", "nearly": "<", "almost": "<", "close to": "<",
    "shy of": "<",
    "up to": "<=", "as many as": "<=", "as much as": "<=", "no more than": "<=", "at most": "<=",
    "a maximum of": "<=",
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "approx.": "~", "some": "~",
    "an estimated": "~", "estimated": "~", "circa": "~", "or so": "~",
    "just": "=", "only": "=", "exactly": "=", "precisely": "=", "a mere": "=", "fully": "=",
}
_QUALIFIER_RE = re.compile(
    r"(?<![\w'])(?P<q>" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words after a number that end a counted noun phrase: adverbs and determiners of quantity.
_PHRASE_STOPPERS = frozenset(
    "nationwide worldwide statewide countrywide overall total ago apiece each annually daily weekly "
    "monthly yearly alone combined altogether respectively already including included per versus "
    "across among inside outside within without via like unlike back later earlier more fewer less last next".split()
)
# Nouns of change: "a 95% reduction in X" measures X.
_CHANGE_NOUNS = frozenset(
    "reduction drop decline decrease fall cut increase rise jump gain loss growth surge spike "
    "plunge dip slump climb hike boost reductions drops declines decreases increases rises cuts "
    "gains losses".split()
)
# Words of change before a number: "X are down 99%", "X fell 5%", "saw traffic drop 99.5%".
_CHANGE_BEFORE = frozenset(
    "down up fell fall falls falling dropped drop drops dropping rose rise rises rising declined "
    "decline declines declining increased increase increases increasing decreased decrease "
    "decreases decreasing grew grow grows growing jumped jump jumps climbed climb climbs plunged "
    "plunge plunges slumped slump slid slide soared soar surged surge cut cuts shrank shrink "
    "gained gain gains lost lose loses".split()
)
_AUXILIARIES = frozenset("is are was were be been being has have had has' do does did by to".split())
_LIGHT_VERBS = frozenset(
    "seen saw see sees show shows showed shown reported reports report recorded records posted "
    "posts experienced experience witnessed noted notes get gets got gotten make makes made".split()
)
_DETERMINERS = frozenset("the a an its their his her our your this that these those".split())

_NUMBER_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen)"
)
# One regex, tried left to right; alternatives name what they found.
_FIGURE_RE = re.compile(
    r"""
    (?P<skip>                                   # not figures: clock times, ordinals, codes
        \b\d{1,2}:\d{2}\b(?:\s?[ap]\.?m\.?)?
      | \b\d{1,2}\s?[ap]\.m\.
      | \b\d+(?:st|nd|rd|th)\b
      | (?<=[A-Za-z]-)\d+\b
      | \b[A-Za-z]+\d+[A-Za-z\d]*\b
    )
  | (?P<fraction_point>\b(?:a\s+)?(?:quarter|half)(?:\s+(?:of\s+)?a)?[\s-]+(?:percentage\s+)?points?\b)
  | (?P<numeric>
        (?:(?P<cur>(?:US|U\.S\.)?\$|£|€|¥|₹)\s?)?
        (?P<num>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|(?<![\d.,])\d+(?:\.\d+)?(?![\d]))
        (?P<scale>\s?(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|tn)\b)?
    )
  | (?P<wordnum>
        \b(?:(?P<dozen>(?:a|one|half\s+a)\s+dozen)
          | (?P<w>""" + _NUMBER_WORDS + r""")(?:\s+(?P<wscale>hundred|thousand|million|billion|trillion))?
          | (?P<aone>a|one)\s+(?P<ascale>hundred|thousand|million|billion|trillion)
        )\b
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_AFTER_UNIT_RE = re.compile(
    r"\s?(?P<unit>%|-?percent\b|\s?per\s+cent\b|pct\b|percentage\s+points?\b|basis\s+points?\b|bps\b|points?\b"
    r"|(?:-|\s)(?:" + "|".join(sorted((u.replace(" ", r"\s+") for u in _TIME_UNITS + _MEASURE_UNITS), key=len, reverse=True))
    + r")\b(?:-old)?"
    r"|\s(?:dollars?|euros?|yen|rupees|pounds\s+sterling|cents)\b)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:\.[A-Za-z]+)*\.?|[^\sA-Za-z]")


def extract_figures(sentence: str) -> list[Figure]:
    """Every figure a sentence prints, in order, with qualifier, unit and what it counts.

    The ledger and the question answerer both start here, so it must never fail on odd text:
    unusual input yields fewer figures, not an exception.

        >>> [f.text for f in extract_figures("ICE has about 20,000 staff and 95% of them stay.")]
        ['about 20,000', '95%']
    """
    figures: list[Figure] = []
    for match in _FIGURE_RE.finditer(sentence):
        if match.group("skip"):
            continue
        try:
            figure = _figure_from_match(sentence, match)
        except (ValueError, OverflowError):  # pragma: no cover - defensive: regex guards the parse
            _log.debug("unparsable figure %r", match.group(0))
            continue
        if figure is not None:
            figures.append(figure)
    return figures


def _figure_from_match(sentence: str, match: re.Match[str]) -> Figure | None:
    unit: str | None = None
    start, end = match.start(), match.end()
    if match.group("fraction_point"):
        raw = match.group("fraction_point")
        value = 0.25 if "quarter" in raw.lower() else 0.5
        unit = "percentage points"
        number_text = raw
    elif match.group("numeric"):
        num = match.group("num")
        number_start = match.start("cur") if match.group("cur") else match.start("num")
        start = number_start
        value = float(num.replace(",", ""))
        scale = (match.group("scale") or "").strip().lower()
        if scale:
            value *= _SCALES[scale]
        cur = match.group("cur")
        if cur:
            unit = _CURRENCY_SYMBOLS.get(cur.lower().replace("u.s.", "us"), "$")
        number_text = sentence[start:end].strip()
        if not cur and not scale and _is_not_a_figure(sentence, match.start("num"), match.end("num"), num):
            return None
    else:
        if match.group("dozen"):
            value = 6.0 if match.group("dozen").lower().startswith("half") else 12.0
        elif match.group("w"):
            value = float(_word_value(match.group("w")))
            if match.group("wscale"):
                value *= _SCALES[match.group("wscale").lower()]
        else:
            value = _SCALES[match.group("ascale").lower()]
        number_text = match.group(0)
    # unit after the number ("95%", "99.5 percent", "four months", "$2 million dollars")
    after = _AFTER_UNIT_RE.match(sentence, end)
    if after and unit in (None, "$", "£", "€", "¥", "₹"):
        raw_unit = re.sub(r"\s+", " ", after.group("unit").strip(" -").lower())
        canon = _canonical_unit(raw_unit)
        if canon is not None and (unit is None or canon in ("$", "£", "€", "¥", "₹")):
            unit = canon
            end = after.end()
    if unit == "basis points":  # 25 basis points is 0.25 percentage points: one scale for both
        unit, value = "percentage points", value / 100
    if unit is None and match.group("numeric") and _looks_like_year(sentence, match, value):
        unit = "year"
    qualifier = None
    q = _QUALIFIER_RE.search(sentence, max(0, start - 24), start)
    if q and unit != "year":
        qualifier = re.sub(r"\s+", " ", q.group("q").lower())
        start = q.start("q")
    counts = None if unit == "year" else _counts(sentence, start, end, unit)
    return Figure(
        value=value,
        text=sentence[start:end],
        number_text=number_text,
        unit=unit,
        qualifier=qualifier,
        counts=counts,
        start=start,
        end=end,
    )


def _word_value(words: str) -> int:
    parts = re.split(r"[-\s]+", words.lower())
    total = 0
    for p in parts:
        total += _TENS.get(p, 0) + _SMALL.get(p, 0) + (1 if p == "one" else 0)
    return total


def _canonical_unit(raw: str) -> str | None:
    raw = raw.removesuffix("-old").strip()
    if raw in _PERCENT_WORDS:
        return _PERCENT_WORDS[raw]
    if raw == "%":
        return "%"
    if raw in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[raw]
    if raw.startswith("dollar"):
        return "$"
    if raw.startswith("euro"):
        return "€"
    if raw in _TIME_UNITS or raw in _MEASURE_UNITS:
        return _UNIT_CANON.get(raw, raw)
    return None


def _is_not_a_figure(sentence: str, start: int, end: int, num: str) -> bool:
    """A day of the month ("May 15"), a numbered thing ("Section 230", "No. 5")."""
    before = sentence[max(0, start - 12):start]
    prev = re.search(r"([A-Za-z]+)\.?\s+$", before)
    if prev:
        word = prev.group(1).lower()
        if word in _MONTHS and len(num) <= 2:
            return True
        if word in ("no", "section", "article", "chapter", "route", "highway", "room", "page", "flight",
                    "number", "level", "phase", "step", "grade", "episode", "season", "version", "unit"):
            return True
    # "15 May" (British day-month)
    after = sentence[end:end + 12]
    nxt = re.match(r"\s+([A-Za-z]+)", after)
    return bool(nxt and nxt.group(1).lower() in _MONTHS and len(num) <= 2 and nxt.group(1)[0].isupper())


def _looks_like_year(sentence: str, match: re.Match[str], value: float) -> bool:
    num = match.group("num")
    if not (len(num) == 4 and num.isdigit() and 1800 <= value <= 2100):
        return False
    # "2000 troops" is a count; "1992 Los Angeles riots", "in 2024." are years.
    nxt = re.match(r"\s+([A-Za-z][A-Za-z\-]*)", sentence[match.end():])
    if nxt:
        word = nxt.group(1)
        if word.islower() and word not in STOP_WORDS and word.endswith("s") and not word.endswith("ss"):
            return False
    return True


def _tokens_after(sentence: str, pos: int, limit: int = 12) -> list[str]:
    return _WORD_RE.findall(sentence, pos)[:limit]


def _counts(sentence: str, number_start: int, end: int, unit: str | None) -> str | None:
    """What the figure counts: the noun phrase after it, or the subject of a change before it."""
    tokens = _tokens_after(sentence, end)
    phrase = _phrase_after(tokens)
    if phrase and phrase[-1].lower() in _CHANGE_NOUNS:
        # "a 95% reduction in illegal border crossings": the figure measures the crossings
        rest = tokens[len(phrase):]
        if rest and rest[0].lower() in ("in", "of"):
            inner = _phrase_after(rest[1:])
            if inner:
                return " ".join(inner)
    after_of = bool(tokens) and tokens[0].lower() == "of"
    if unit in ("%", "percentage points", "points", "basis points"):
        if phrase and after_of:
            return " ".join(phrase)  # "95% of voters"
        return _subject_before_change(sentence, number_start) or (" ".join(phrase) if phrase else None)
    if unit is None or unit in _MONEY:
        if phrase:
            return " ".join(phrase)
        return _subject_before_change(sentence, number_start)
    if phrase and after_of:
        return " ".join(phrase)  # "30 years of experience"
    return _subject_before_change(sentence, number_start)


def _phrase_after(tokens: list[str]) -> list[str]:
    """Up to four noun-ish words, skipping a leading "of (the)"."""
    i = 0
    if i < len(tokens) and tokens[i].lower() == "of":
        i += 1
        if i < len(tokens) and tokens[i].lower() in _DETERMINERS:
            i += 1
    out: list[str] = []
    while i < len(tokens) and len(out) < 4:
        tok = tokens[i]
        low = tok.lower().rstrip(".")
        if not tok[0].isalpha() or low in STOP_WORDS or low in _PHRASE_STOPPERS or low in _DETERMINERS:
            break
        if low.endswith("ly") and not tok[0].isupper():
            break
        if out:
            if not tok[0].isupper() and low.endswith(("ing", "ed")):
                break
            if tok[0].isupper() and not out[-1][0].isupper():
                break  # "1,000 illegal immigrants Monday"
        elif low in _MONTHS and tok[0].isupper():
            break
        out.append(tok.rstrip(".") if tok.endswith(".") and tok.count(".") == 1 else tok)
        i += 1
        if tok[0].islower() and _is_plural(low):
            break  # a plural noun ends the phrase: "two officials met" -> "officials"
    # a trailing participle or adjective-only phrase is not what is counted
    while out and out[-1].lower() in _CHANGE_BEFORE and len(out) > 1:
        out.pop()
    return out


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel feet teeth mice geese".split())


def _subject_before_change(sentence: str, number_start: int) -> str | None:
    """The thing a level or change belongs to, from the words before the number.

    "Illegal border crossings are down 99%" -> "Illegal border crossings"; "unemployment is
    nearly 5%" -> "unemployment"; "Winds gusting to 50 mph" -> "Winds"; "a rate of 4%" -> "rate".
    """
    before = _WORD_RE.findall(sentence[:number_start])
    i = len(before) - 1
    while i >= 0 and before[i].lower() in _QUALIFIER_WORDS:
        i -= 1
    if i < 0:
        return None
    word = before[i].lower()
    if word == "of":  # "a rate of 4%", "gusts of up to 45 mph"
        return _noun_phrase_before(before, i - 1)
    if word in ("to", "at", "by"):
        i -= 1
        if i < 0:
            return None
        word = before[i].lower()
        if not (word in _CHANGE_BEFORE or word in _LEVEL_VERBS or word.endswith(("ed", "ing"))):
            return None
    elif word not in _CHANGE_BEFORE and word not in _LEVEL_VERBS:
        return None
    i -= 1
    while i >= 0 and before[i].lower() in _AUXILIARIES | {"have", "has", "had", "been", "already", "now", "sharply", "steadily", "could", "would", "will", "may", "might"}:
        i -= 1
    return _noun_phrase_before(before, i)


def _noun_phrase_before(before: list[str], i: int) -> str | None:
    out: list[str] = []
    while i >= 0 and len(out) < 4:
        tok = before[i]
        low = tok.lower()
        if not tok[0].isalpha() or low in STOP_WORDS or low in _LIGHT_VERBS or low in _DETERMINERS:
            break
        if low.endswith("ly") or (low.endswith("ed") and out):
            break
        out.insert(0, tok)
        i -= 1
    return " ".join(out) or None


_QUALIFIER_WORDS = frozenset(
    "about some nearly almost over than more less under up as much many just around roughly "
    "approximately below above least".split()
)
_LEVEL_VERBS = frozenset(
    "is are was were stood stands stand remained remains remain reached reaches reach hit hits "
    "slowed slows eased eases accelerated ticked edged totaled totalled totals topped tops "
    "exceeded exceeds neared nears numbered numbers".split()
)


# --------------------------------------------------------------------------- comparing figures

def qualifier_class(qualifier: str | None) -> str:
    """``">"`` for "more than"/"over", ``"~"`` for "about"/"roughly", ``"="`` for none/"just"...

    Two qualifiers of one class say the same thing, so "about 2,000" and "approximately 2,000"
    agree while "20,000" and "more than 20,000" do not.
    """
    if qualifier is None:
        return "="
    return _QUALIFIERS.get(qualifier.lower(), "~")


def counts_stems(figure: Figure) -> tuple[str, ...]:
    """Stems of the counted noun phrase, head last: ("nation", "guard", "troop")."""
    if not figure.counts:
        return ()
    return tuple(stem(w.strip(".'’")) for w in re.findall(r"[A-Za-z][A-Za-z.'’\-]*", figure.counts)
                 if w.lower() not in STOP_WORDS)


def change_direction(figure: Figure, sentence: str) -> str | None:
    """``"down"`` or ``"up"`` when the figure is a change ("down 99%", "a 5% rise"), else None."""
    near = [w.lower() for w in _CONTEXT_WORD.findall(sentence[max(0, figure.start - 30):figure.start])[-2:]]
    near += [w.lower() for w in _CONTEXT_WORD.findall(sentence[figure.end:figure.end + 30])[:1]]
    for word in near:
        if word in _DOWN_WORDS:
            return "down"
        if word in _CHANGE_BEFORE or word in _CHANGE_NOUNS:
            return "up"
    return None


_DOWN_WORDS = frozenset(
    "down fell fall falls falling dropped drop drops dropping declined decline declines declining "
    "decreased decrease decreases decreasing plunged plunge plunges slumped slump slid slide cut cuts "
    "shrank shrink lost lose loses reduction reductions drops declines decreases dip loss losses".split()
)


def is_ledger_figure(figure: Figure) -> bool:
    """Whether a figure can enter a figures ledger: a quantity, not a date or a label."""
    return figure.unit != "year"


_CONTEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


def _context(figure: Figure, sentence: str, width: int = 10) -> set[str]:
    """Content stems within ``width`` words of the figure, minus what it counts."""
    left = _CONTEXT_WORD.findall(sentence[: figure.start])[-width:]
    right = _CONTEXT_WORD.findall(sentence[figure.end:])[:width]
    own = set(counts_stems(figure))
    return {stem(w) for w in left + right if w.lower() not in STOP_WORDS and len(w) > 2} - own


def _values_compatible(a: Figure, b: Figure) -> bool:
    """Whether two values could be one quantity reported differently (95 vs 99; not 6,000 vs 20,000)."""
    if a.value == b.value:
        return True
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if hi == 0:
        return True
    if a.unit in ("%", "percentage points", "points") and hi - lo <= 10:
        return True
    return lo / hi >= 0.55


def quantity_similarity(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> float:
    """Evidence in [0, 1] that two figures measure the same quantity; 0 when they cannot.

    The score combines what the figures count (shared head noun, shared modifiers) with the words
    around them, and is 0 when units differ, when either is a year, or when the values are too
    far apart to be one quantity misreported (6,000 officers vs 20,000 officers are two facts).
    """
    if a.unit != b.unit or not is_ledger_figure(a) or not is_ledger_figure(b):
        return 0.0
    if not _values_compatible(a, b):
        return 0.0
    ca, cb = counts_stems(a), counts_stems(b)
    ctx_a, ctx_b = _context(a, a_sentence), _context(b, b_sentence)
    ctx = (2 * len(ctx_a & ctx_b) / (len(ctx_a) + len(ctx_b))) if ctx_a and ctx_b else 0.0
    if ca and cb:
        shared = set(ca) & set(cb)
        if not shared:
            # different words for what is counted ("residents" / "people"): only a close
            # context makes them one quantity
            return 0.0 if ctx < 0.5 else min(1.0, ctx + (0.1 if a.value == b.value else 0.0)) * 0.9
        jaccard = len(shared) / len(set(ca) | set(cb))
        # same head ("troops" ~ "National Guard troops") or same modifiers with another head
        # ("National Guard troops" ~ "National Guard members")
        counts_score = 0.4 * jaccard + 0.6 if ca[-1] == cb[-1] else 0.8 * jaccard
    elif ca or cb:
        # one side names what it counts, the other does not: the words must at least appear nearby
        named = set(ca or cb)
        other_ctx = ctx_b if ca else ctx_a
        counts_score = 0.4 if named & (other_ctx | set(_CONTEXT_WORD.findall((b_sentence if ca else a_sentence).lower()))) else 0.0
        if counts_score == 0.0:
            return 0.0
    else:
        return min(1.0, 0.15 + ctx + (0.15 if a.value == b.value else 0.0))
    same_value = 0.15 if a.value == b.value else 0.0
    return min(1.0, 0.6 * counts_score + 0.6 * ctx + same_value)


#: Threshold of :func:`quantity_similarity` above which two figures are one quantity.
SAME_QUANTITY_THRESHOLD = 0.5


def same_quantity(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> bool:
    """Whether figures ``a`` (in ``a_sentence``) and ``b`` (in ``b_sentence``) measure one quantity.

    Used by the figures ledger and by question answering to group outlets' numbers before
    comparing them, so that "20,000 National Guard troops" and "more than 20,000 National Guard
    members" are one quantity reported two ways, while "10,000 troops are already stationed at
    the border" and "ICE has about 20,000 staff" are different quantities that merely share a
    noun or a value. Requires the same unit, values within a plausible misreporting range, a
    shared word in what they count (or nearby) and enough shared context; see
    :func:`quantity_similarity` for the graded score.

        >>> s1 = "DHS requested 20,000 National Guard troops to help with arrests."
        >>> s2 = "DHS asked for more than 20,000 National Guard members to help with arrests."
        >>> same_quantity(extract_figures(s1)[0], s1, extract_figures(s2)[0], s2)
        True
    """
    return quantity_similarity(a, a_sentence, b, b_sentence) >= SAME_QUANTITY_THRESHOLD
