"""Figures: the numbers an article prints, with what they count. Basis of the figures ledger.

CONTRACT (used by differences.py and qa.py):

    extract_figures("DHS asked for more than 20,000 National Guard troops.")
    -> [Figure(value=20000.0, text="more than 20,000", number_text="20,000", unit=None,
               qualifier="more than", counts="National Guard troops", start=..., end=...)]

    same_quantity(a, a_sentence, b, b_sentence) -> bool
        whether two figures (usually from two outlets) measure the same quantity, so that a
        difference between them is a disagreement and not two different facts.

    extract_figures(sentence, vague=True) also reads orders of magnitude and rounded shares
        ("dozens of homes", "tens of thousands of drivers", "nearly a fifth of its staff"),
        flagged ``Figure.vague``; :func:`vague_range` and :func:`values_compatible` say which
        precise values such a figure agrees with. The default leaves them out, so a caller that
        quotes a count never gets "dozens" unless it asks.

Everything here is rules over the sentence text: offline, no model, about 0.15 ms a sentence
(Multi-News dev100: 9,178 sentences, 3,738 figures with vague ones, no failure).
Numbers are read as printed ("20,000", "20 thousand", "1.5 million", "two", "a dozen", "$1,000",
"95%", "99.5 percent", "0.25 percentage points", "a quarter point", "half a percent"; basis points
are stored as percentage points, so "25 basis points" has value 0.25 and unit "percentage
points"). Years ("in 1992") get ``unit="year"``. Clock times, dates ("2025-05-15"), days of the
month, ordinals and numbers inside names ("F-35", "COVID-19", "Proposition 22", "Route 66",
"Apollo 11") are not figures. Two numbers joined by a dash or "to" are read from the words
around them: a vote or a score ("voted 5-2", "a 6-3 ruling", "by a vote of 52 to 48") is one
figure with ``unit="vote"``, kept as printed; a range ("10-15 mph", "$1-2 billion", "10 to 15
years") is one figure with ``value`` its low end and ``upper`` its high end; "from 3 to 5
percent" is two figures; a bare pair with neither ("ages 5-11") is left out. A part of a whole
("14 of 20 economists") is one figure with ``out_of=20``. ``counts`` is a light noun-phrase
guess: the words after the number ("20,000 National Guard troops to ..." -> "National Guard
troops"), skipping "of" ("95% of voters" -> "voters"), looking through change nouns ("a 95%
reduction in illegal border crossings" -> "illegal border crossings"), money "in" something
("$310 million in unpaid wages" -> "unpaid wages"), or, for "X are down 99%", the subject before
the change or level word ("Illegal border crossings"; "Shares of Lumora fell 14%" -> "Shares of
Lumora", head "Shares"), past a relative clause or an aside ("core inflation, which excludes
food and energy, was 3.1%" -> "core inflation").

Two figures are one quantity when their values could be one number misreported and what they
count agrees: the same head noun, or, with different nouns, evidence from the sentences
themselves (the other sentence names this noun beside its figure; one verb governs both:
"1,200 firefighters were assigned" / "1,350 personnel were assigned"). No synonym lists.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import word_list, word_set
from .words import STOP_WORDS, paraphrase_stems, saying_stems, stem

__all__ = [
    "Figure",
    "figure_moment",
    "figure_act",
    "figure_period",
    "figure_possible",
    "possible_at",
    "one_counted_act",
    "figure_running",
    "contradiction_barred",
    "base_unit",
    "in_base_unit",
    "is_conversion_aside",
    "claims_agree",
    "claimant_at",
    "is_group_noun",
    "one_value_told_two_ways",
    "figure_claimant",
    "places_in",
    "near_twins",
    "value_interval",
    "change_direction",
    "counts_stems",
    "extract_figures",
    "is_ledger_figure",
    "qualifier_class",
    "quantity_similarity",
    "same_quantity",
    "vague_range",
    "values_compatible",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    # normalised: 20000.0 for "20,000" or "20 thousand"; 95.0 for "95%"; 1000.0 for "$1,000". A vote
    # ("5-2", unit "vote") is its tally as a key, 5.002: equal for one tally however typeset, not an amount
    value: float
    text: str  # as printed, with its qualifier: "more than 20,000", "$1,000", "95%"
    number_text: str  # the number alone as printed: "20,000"
    unit: str | None  # "%", "$", "km", "years", ... None when the figure is a plain count
    qualifier: str | None  # "more than", "about", "nearly", "at least", "up to", ... or None
    counts: str | None  # what is counted/measured, a short noun phrase: "National Guard troops"
    start: int  # span of ``text`` within the sentence
    end: int
    # an order of magnitude or a rounded share rather than a count ("dozens of", "tens of
    # thousands", "nearly a fifth"): ``value`` is its lower bound and it never disputes a
    # precise value inside its range (see :func:`vague_range`)
    vague: bool = False
    # "14 of 20 economists": the whole the count is part of (20.0); ``value`` is the part (14.0)
    out_of: float | None = None
    # a printed range ("10-15 mph", "$1-2 billion"): ``value`` is its low end, this its high end
    upper: float | None = None


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
_NUMERAL = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?:\.\d+)?"
_SCALE_AFTER = r"\s?(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|tn)\b"
# One regex, tried left to right; alternatives name what they found. ``{pair}`` is left out of
# the second copy, which reads a pair that is neither a vote nor a range one number at a time.
_FIGURE_PATTERN = r"""
    (?P<skip>                                   # not figures: dates, clock times, ordinals, codes
        \b\d{4}-\d{1,2}-\d{1,2}\b | \b\d{1,2}/\d{1,2}/\d{2,4}\b
      | \b\d{1,2}:\d{2}\b(?:\s?[ap]\.?m\.?)?
      | \b\d{1,2}\s?[ap]\.m\.
      | \b\d+(?:st|nd|rd|th)\b
      | (?<=[A-Za-z]-)\d+\b
      | \b[A-Za-z]+\d+[A-Za-z\d]*\b
    )
  {pair}
  | (?P<fraction_point>\b(?:a\s+)?(?:quarter|half)(?:\s+(?:of\s+)?an?)?[\s-]+(?:percentage\s+points?|points?|percent|per\s+cent)\b)
  | (?P<vague>\b(?:(?P<vmult>tens|hundreds)\s+of\s+)?(?P<vbase>dozens|hundreds|thousands|millions|billions)\b
        (?:\s+of\s+(?P<vcur>dollars|euros|pounds|yen)\b)?)
  | (?P<share>\b(?:(?P<snum>a|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?
        (?P<den>half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)(?P<splural>s)?(?=\s+of\s)
        (?!\s+of\s+(?:an?\s|one\s|\d|the\s+(?:year|month|day|week|decade|century|season|game)\b)))
  | (?P<numeric>
        (?:(?P<cur>(?:US|U\.S\.)?\$|£|€|¥|₹)\s?)?
        (?P<num>(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|(?<![\d.,])\d+(?:\.\d+)?(?![\d]))
        (?P<scale>""" + _SCALE_AFTER + r""")?
    )
  | (?P<wordnum>
        \b(?:(?P<dozen>(?:a|one|half\s+a)\s+dozen)
          | (?P<w>""" + _NUMBER_WORDS + r""")(?:\s+(?P<wscale>hundred|thousand|million|billion|trillion))?
          | (?P<aone>a|one)\s+(?P<ascale>hundred|thousand|million|billion|trillion)
        )\b
    )
"""
# Two numbers joined by a dash or "to": a vote or score ("5-2", "52 to 48"), a range ("10-15
# mph", "$1-2 billion") or neither ("ages 5-11"); :func:`_read_pair` decides from the words around.
_PAIR_PATTERN = r"""
  | (?P<pair>
        (?<![\w.,/\-–—])
        (?P<pcur>(?:US|U\.S\.)?\$|£|€|¥|₹)?
        (?P<pa>""" + _NUMERAL + r""")
        (?P<psep>[-–]|\s–\s|\s+to\s+)
        (?:[$£€¥₹])?
        (?P<pb>""" + _NUMERAL + r""")
        (?P<pscale>""" + _SCALE_AFTER + r""")?
        (?![\d]|[.,]\d|[-–—]\d)
    )
"""
# Every alternative starts at a word start, a digit, a currency sign or the "U" of "US$". Saying
# so first lets the engine reject the other positions (mid-word letters, spaces) at once instead
# of trying each alternative there: the matches are the same, found about three times faster.
_FIGURE_START = r"(?=\b\w|[\d$£€¥₹u])"
_FIGURE_RE = re.compile(
    _FIGURE_START + "(?:" + _FIGURE_PATTERN.replace("{pair}", _PAIR_PATTERN) + ")", re.VERBOSE | re.IGNORECASE
)
_SINGLE_RE = re.compile(_FIGURE_START + "(?:" + _FIGURE_PATTERN.replace("{pair}", "") + ")", re.VERBOSE | re.IGNORECASE)
_AFTER_UNIT_RE = re.compile(
    r"\s?(?P<unit>%|-?percent\b|\s?per\s+cent\b|pct\b|percentage\s+points?\b|basis\s+points?\b|bps\b|points?\b"
    r"|(?:-|\s)(?:" + "|".join(sorted((u.replace(" ", r"\s+") for u in _TIME_UNITS + _MEASURE_UNITS), key=len, reverse=True))
    + r")\b(?:-old)?"
    r"|(?<=\d)(?:ft|km|kg|cm|lbs|mph)\b"  # glued to the number: "30ft", "5km" ("9m" stays millions)
    r"|\s(?:dollars?|euros?|yen|rupees|pounds\s+sterling|cents)\b)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:\.[A-Za-z]+)*\.?|[^\sA-Za-z]")
# Small patterns of the helpers below, compiled once: a call with a pattern string goes through
# the re module's cache, which the rest of a long-running process can evict.
_SPACES = re.compile(r"\s+")
_LETTERS = re.compile(r"[A-Za-z]+")
_LAST_WORD = re.compile(r"([A-Za-z]+)\s+$")
_LAST_WORD_OR_ABBREVIATION = re.compile(r"([A-Za-z]+)\.?\s+$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_NEXT_HYPHENATED_WORD = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")
_NAME_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Za-z][A-Za-z'’]*)\s$")
_MORE_DIGITS = re.compile(r"\s*(?:[.,]\d|,\d{3})")
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FOLLOWING_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_COUNTED_WORD = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")
_NUMBER_WORD_PARTS = re.compile(r"[-\s]+")
# "and a half" (or "½", " 1/2") after a whole number: the number and a half, when a unit or a
# noun follows ("two and a half years", "2½-year-old"), never "2 1/2/2024" nor "3 and a half-time" (a
# hyphen goes on only to an age: "two-and-a-half-year-old").
_HALF_AFTER = re.compile(r"(?:[\s-]+and[\s-]+a[\s-]+half|\s?½|\s1/2)(?=\s[a-z]|-[a-z]+-old\b)", re.IGNORECASE)


def extract_figures(sentence: str, *, vague: bool = False) -> list[Figure]:
    """Every figure a sentence prints, in order, with qualifier, unit and what it counts.

    The ledger and the question answerer both start here, so it must never fail on odd text:
    unusual input yields fewer figures, not an exception. With ``vague=True`` orders of
    magnitude and rounded shares ("dozens of homes", "tens of thousands of drivers", "nearly a
    fifth of its staff") come too, flagged ``Figure.vague``: the ledger shows them beside the
    counts they agree with, while callers that want a count to quote leave them out.

        >>> [f.text for f in extract_figures("ICE has about 20,000 staff and 95% of them stay.")]
        ['about 20,000', '95%']
        >>> [f.text for f in extract_figures("Dozens of homes burned.", vague=True)]
        ['Dozens']
    """
    every, precise = _figures_of(sentence)
    return list(every if vague else precise)


# Every alternative of the figure pattern needs a digit or one of these words; sentences with
# neither (most of them) skip the costly pattern altogether. The lookahead names the first
# letters of the words (b d e f h m n o q s t) so that other word starts fail at once.
_DIGIT = re.compile(r"\d")
_FIGURE_WORD = re.compile(
    r"\b(?=[bdefhmnoqst])(?:" + _NUMBER_WORDS + r"|dozens?|hundreds?|thousands?|millions?|billions?|trillions?"
    r"|tens|half|halves|quarters?|thirds?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=16_384)
def _figures_of(sentence: str) -> tuple[tuple[Figure, ...], tuple[Figure, ...]]:
    """A sentence's figures with the vague ones and without, from one scan where possible.

    Cached: alignment, the ledger, exclusives and QA all read the same sentences, and the figure
    pattern is the costliest regex in the brief. Figures are frozen, so sharing is safe. The scan
    without vague figures skips each vague match where the scan with them takes its figure; the
    two scans stay in step unless a vague figure reaches past its match (a unit read after it),
    and only then is the sentence scanned a second time.
    """
    if not (_DIGIT.search(sentence) or _FIGURE_WORD.search(sentence)):
        return (), ()
    every, in_step = _scan_figures(sentence, vague=True)
    if in_step:
        return every, tuple(f for f in every if not f.vague)
    return every, _scan_figures(sentence, vague=False)[0]


def _scan_figures(sentence: str, vague: bool) -> tuple[tuple[Figure, ...], bool]:
    """The figures of one sentence, and whether every vague figure ended where its match did."""
    figures: list[Figure] = []
    in_step = True
    pos = 0
    while (match := _FIGURE_RE.search(sentence, pos)) is not None:
        pos = match.end()
        if match.group("skip"):
            continue
        if match.group("pair"):
            reading = _read_pair(sentence, match)
            if not isinstance(reading, _Separately):
                if reading is not None:
                    figures.append(reading)
                    pos = max(pos, reading.end)
                continue
            # "from 3 to 5 percent": two figures, read one at a time
            single = _SINGLE_RE.search(sentence, match.start())
            if single is None:  # pragma: no cover - the pair's first number always matches
                continue
            match, pos = single, single.end()
        if not vague and (match.group("vague") or match.group("share")):
            continue
        try:
            figure = _figure_from_match(sentence, match)
        except (ValueError, OverflowError):  # pragma: no cover - defensive: regex guards the parse
            _log.debug("unparsable figure %r", match.group(0))
            continue
        if figure is not None:
            figures.append(figure)
            if figure.vague and figure.end > pos:
                in_step = False
            pos = max(pos, figure.end)  # "14 of 20": the whole is part of this figure
    return tuple(figures), in_step


def _figure_from_match(sentence: str, match: re.Match[str]) -> Figure | None:
    unit: str | None = None
    start, end = match.start(), match.end()
    vague = False
    if match.group("fraction_point"):
        raw = match.group("fraction_point")
        value = 0.25 if "quarter" in raw.lower() else 0.5
        unit = "percentage points" if "point" in raw.lower() else "%"
        number_text = raw
    elif match.group("vague"):
        # "dozens of homes", "tens of thousands of drivers", "hundreds of millions of dollars"
        base = match.group("vbase").lower()
        order = 12.0 if base == "dozens" else _SCALES[base[:-1]]
        if match.group("vmult"):
            order *= 10.0 if match.group("vmult").lower() == "tens" else 100.0
        value = 2 * order  # the least the plural can mean
        vague = True
        if match.group("vcur"):
            unit = _CURRENCY_WORDS.get(match.group("vcur").lower(), "£")
        number_text = match.group(0)
    elif match.group("share"):
        # "nearly a fifth of its staff", "two-thirds of voters": a rounded share, in percent
        before = _LAST_WORD.search(sentence[max(0, start - 16):start])
        if before and before.group(1).lower() in _ORDINAL_WORDS:
            return None  # "the second half of the season" is a period, not a share
        den = _FRACTIONS[match.group("den").lower()]
        num = match.group("snum")
        numerator = 1 if num is None or num.lower() in ("a", "one") else _SMALL[num.lower()]
        if match.group("splural") is None and numerator > 1 or numerator >= den:
            return None  # "two third of" is no English share; "three thirds" is all
        value = round(100.0 * numerator / den, 2)
        unit = "%"
        vague = True
        number_text = match.group(0)
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
    # a half after a whole number ("two and a half years", "2½-year-old", "2 1/2 miles")
    if (match.group("numeric") and not match.group("scale") and "." not in match.group("num")) or (
        match.group("w") and not match.group("wscale")
    ):
        half = _HALF_AFTER.match(sentence, end)
        if half is not None:
            value += 0.5
            end = half.end()
            number_text = sentence[start:end].strip()
    # unit after the number ("95%", "99.5 percent", "four months", "$2 million dollars")
    after = _AFTER_UNIT_RE.match(sentence, end)
    if after and unit in (None, "$", "£", "€", "¥", "₹"):
        raw_unit = _SPACES.sub(" ", after.group("unit").strip(" -").lower())
        canon = _canonical_unit(raw_unit)
        if canon is not None and (unit is None or canon in ("$", "£", "€", "¥", "₹")):
            unit = canon
            end = after.end()
    if unit == "basis points":  # 25 basis points is 0.25 percentage points: one scale for both
        unit, value = "percentage points", value / 100
    plain_number = bool(match.group("numeric")) and not match.group("cur") and not match.group("scale")
    if unit is None and match.group("numeric") and _looks_like_year(sentence, match, value):
        unit = "year"
    elif unit is None and plain_number and _names_a_thing(sentence, match.start("num"), match.end("num")):
        return None  # "Proposition 22", "Apollo 11", "Splatoon 2": part of a name, not a count
    out_of = None
    if unit is None and not vague and not match.group("fraction_point"):
        whole = _out_of(sentence, end, value)
        if whole is not None:
            out_of, end = whole
    qualifier, start = _qualifier_before(sentence, start, unit)
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
        vague=vague,
        out_of=out_of,
    )


def _qualifier_before(sentence: str, start: int, unit: str | None) -> tuple[str | None, int]:
    """The qualifier printed just before a figure ("more than", "about"), and where it starts."""
    q = _QUALIFIER_RE.search(sentence, max(0, start - 24), start)
    if q is None or unit == "year":
        return None, start
    return _SPACES.sub(" ", q.group("q").lower()), q.start("q")


_OUT_OF_RE = re.compile(
    r"\s+of\s+(?:(?:the|its|their|his|her|our|those|these|all)\s+)?"
    r"(?P<total>(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+(?![\d.,]\d)|" + _NUMBER_WORDS + r")\b"
    r"(?!\s?%|\s?-|\s+(?:percent|per\s+cent|hundred|thousand|million|billion|trillion)\b)",
    re.IGNORECASE,
)


def _out_of(sentence: str, end: int, value: float) -> tuple[float, int] | None:
    """The whole a count is part of, printed right after it: "14 of 20 economists" -> (20.0, end of "20").

    The whole must be a plain count at least as large as the part: "5 of 2024's films" names a
    year, "14 of 20 percent" is no share of a count, "20 of 14" is not a part of a whole.
    """
    m = _OUT_OF_RE.match(sentence, end)
    if m is None:
        return None
    raw = m.group("total")
    if raw[0].isdigit():
        total = float(raw.replace(",", ""))
        if len(raw) == 4 and 1800 <= total <= 2100:
            return None
    elif raw.islower():
        total = float(_word_value(raw))
    else:
        return None  # "five of Two Fat Ladies": a capitalised number word is a name
    unit_after = _AFTER_UNIT_RE.match(sentence, m.end())
    if total < value or (unit_after and _canonical_unit(_SPACES.sub(" ", unit_after.group("unit").strip(" -").lower()))):
        return None
    return total, m.end()


_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
              "ninth": 9, "tenth": 10}
_ORDINAL_WORDS = frozenset("first second third fourth final last latter former other back front".split())


def _word_value(words: str) -> int:
    parts = _NUMBER_WORD_PARTS.split(words.lower())
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
    prev = _LAST_WORD_OR_ABBREVIATION.search(before)
    if prev:
        word = prev.group(1).lower()
        if word in _MONTHS and len(num) <= 2:
            return True
        if word in ("no", "section", "article", "chapter", "route", "highway", "room", "page", "flight",
                    "number", "level", "phase", "step", "grade", "episode", "season", "version", "unit"):
            return True
    # "10 Downing Street": a number opening an address
    street = _ADDRESS_AFTER.match(sentence, end)
    if street and street.group(1).lower().rstrip(".") in word_set("street_words"):
        return True
    # "15 May" (British day-month)
    after = sentence[end:end + 12]
    nxt = _NEXT_WORD.match(after)
    return bool(nxt and nxt.group(1).lower() in _MONTHS and len(num) <= 2 and nxt.group(1)[0].isupper())


_ADDRESS_AFTER = re.compile(r"(?:\s+[A-Z][\w’'-]*){0,2}\s+([A-Z][a-z]+\.?)(?![\w’'-])")

_NOT_NAME_WORDS = frozenset(
    "another every nearly almost roughly approximately around exactly fully perhaps maybe some about "
    "over under just only all top the among amongst amid across along toward towards upon via per "
    "including excluding plus minus like unlike despite except beyond behind near past till onto "
    "regarding following additionally "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _names_a_thing(sentence: str, start: int, end: int) -> bool:
    """Whether a number is part of a name: "Proposition 22", "Route 66", "Apollo 11", "iPhone 11".

    A capitalised word right before a bare number names a thing in running text; a count comes
    after a verb or a determiner ("approved 22 measures"). Sentence-initial adverbs and
    determiners ("Another 50", "Nearly 300"), months ("May 15") and headlines in title case
    ("Storm Kills 12 in Florida") are the exceptions that keep the number a count.
    """
    prev = _NAME_WORD_BEFORE.search(sentence[max(0, start - 30):start])
    if prev is None:
        return False
    word = prev.group(1)
    low = word.lower()
    if not any(c.isupper() for c in word) or low in STOP_WORDS or low in _NOT_NAME_WORDS or low in _MONTHS \
            or low in _PHRASE_STOPPERS:
        return False
    if low in _QUALIFIER_WORDS or (low.endswith("ly") and word[0].isupper() and word[1:].islower()):
        return False
    if _MORE_DIGITS.match(sentence, end):
        return False  # a decimal or a thousands group: an amount
    return not _is_title_case(sentence)


def _is_title_case(sentence: str) -> bool:
    """A headline: most of its longer words capitalised."""
    words = [w for w in _TITLE_WORD.findall(sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class _Separately:
    """The reading of a pair that is two figures, each on its own ("from 3 to 5 percent")."""


_SEPARATELY = _Separately()

# Words around a pair of numbers that make it a vote or a score ("voted 5-2", "a 6-3 ruling",
# "beat Chelsea 2-1", "by a vote of 52 to 48"). Closed-class: how votes and games are told.
_VOTE_NOUNS = frozenset(
    "vote votes ruling decision verdict majority margin tally split win victory loss defeat draw "
    "tie score scoreline result opinion decisions rulings wins victories losses defeats".split()
)
_VOTE_WORDS = _VOTE_NOUNS | frozenset(
    "voted voting ruled decided sided approved passed rejected confirmed won winning lost losing "
    "lose loses beat beats beating defeated defeats edged drew tied trailed trailing led leads "
    "leading scored routed downed".split()
)


def _read_pair(sentence: str, match: re.Match[str]) -> Figure | _Separately | None:
    """A vote or score ("5-2", unit "vote"), a range ("10-15 mph"), or neither.

    A unit, a currency or a plural noun after the pair makes a range; a word of voting or play
    around it ("voted 5-2", "a 6-3 ruling") a vote; "from 3 to 5 percent" two figures; a bare
    dashed pair with no such context ("ages 5-11") is left out rather than guessed.
    """
    a_text, b_text = match.group("pa"), match.group("pb")
    dash = "to" not in match.group("psep").lower()
    start, end = match.start("pair"), match.end("pair")
    before = [w.lower() for w in _LETTERS.findall(sentence, max(0, start - 60), start)][-5:]
    if not dash and before and before[-1] == "from":
        return _SEPARATELY  # "rose from 3 to 5 percent": a change from one level to another
    cur, scale = match.group("pcur"), (match.group("pscale") or "").strip().lower()
    unit: str | None = _CURRENCY_SYMBOLS.get(cur.lower().replace("u.s.", "us"), "$") if cur else None
    after = _AFTER_UNIT_RE.match(sentence, end)
    if after is not None:
        canon = _canonical_unit(_SPACES.sub(" ", after.group("unit").strip(" -").lower()))
        if canon is not None and (unit is None or canon in _CURRENCY_SYMBOLS.values()):
            unit, end = canon, after.end()
    following = _FOLLOWING_WORD.findall(sentence, end, end + 40)[:2]
    low, high = float(a_text.replace(",", "")), float(b_text.replace(",", ""))
    integers = "." not in a_text + b_text and "," not in a_text + b_text and not cur and not scale
    plural_after = bool(following) and following[0].islower() and following[0] not in STOP_WORDS \
        and following[0] not in _VOTE_NOUNS and _is_plural(following[0])
    if unit is not None or scale or plural_after or (dash and not integers):
        if low > high:
            return None if dash else _SEPARATELY
        factor = _SCALES[scale] if scale else 1.0
        value, upper = low * factor, high * factor
        if unit == "basis points":
            unit, value, upper = "percentage points", value / 100, upper / 100
        qualifier, start = _qualifier_before(sentence, start, unit)
        return Figure(
            value=value,
            text=sentence[start:end],
            number_text=sentence[match.start("pair"):match.end("pair")],
            unit=unit,
            qualifier=qualifier,
            counts=_counts(sentence, start, end, unit),
            start=start,
            end=end,
            upper=upper,
        )
    if integers and (any(w.lower() in _VOTE_NOUNS for w in following) or any(w in _VOTE_WORDS for w in before)):
        # the tally is the value, exactly: "5-2" and "5–2" are one vote, "5-2" and "4-3" two
        return Figure(
            value=low + high / 1000,
            text=match.group("pair"),
            number_text=match.group("pair"),
            unit="vote",
            qualifier=None,
            counts=None,
            start=start,
            end=match.end("pair"),
        )
    return None if dash else _SEPARATELY


def _looks_like_year(sentence: str, match: re.Match[str], value: float) -> bool:
    num = match.group("num")
    if not (len(num) == 4 and num.isdigit() and 1800 <= value <= 2100):
        return False
    # "2000 troops" is a count; "1992 Los Angeles riots", "in 2024." are years.
    nxt = _NEXT_HYPHENATED_WORD.match(sentence, match.end())
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
        if unit in _MONEY and tokens and tokens[0].lower() == "in" and len(tokens) > 1 and tokens[1].islower():
            inner = _phrase_after(tokens[1:])  # "$310 million in unpaid wages"
            if inner:
                return " ".join(inner)
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
    # "Lumora stock closed down 13.6%": a verb of the market day sits between subject and change
    if i >= 1 and before[i].islower() and before[i].endswith("ed") and before[i].lower() not in _CHANGE_BEFORE:
        i -= 1
    # "core inflation, which excludes food and energy, was 3.1%": the subject is before the clause
    i = _skip_parenthetical(before, i)
    return _noun_phrase_before(before, i)


_CLAUSE_OPENERS = frozenset("which who whose that according".split())
_CLAUSE_CLOSERS = {",": ",", "—": "—", "–": "–", ")": "("}
_ASIDE_VERBS = frozenset("said says told added noted reported estimated warned cautioned predicted".split())


def _skip_parenthetical(before: list[str], i: int) -> int:
    """Index of the word before a relative clause or an aside that ends at ``before[i]``.

    ", which excludes food and energy," / ", the agency said," / "— a closely watched gauge —" /
    "(CPI)" sit between a subject and its verb; the subject is the noun phrase before them.
    Between commas only a relative clause or a reporting aside counts, so a comma that opens
    no such clause ("In August, inflation was 3%") is left alone.
    """
    if i < 1 or before[i] not in _CLAUSE_CLOSERS:
        return i
    opener = _CLAUSE_CLOSERS[before[i]]
    for j in range(i - 1, max(-1, i - 25), -1):
        if before[j] == opener and j + 1 < i:
            aside = opener != "," or before[j + 1].lower() in _CLAUSE_OPENERS or before[i - 1].lower() in _ASIDE_VERBS
            return j - 1 if aside else i
        if before[j] in (".", ";", ":"):
            break
    return i


def _noun_phrase_before(before: list[str], i: int) -> str | None:
    out: list[str] = []
    while i >= 0 and len(out) < 4:
        tok = before[i]
        low = tok.lower()
        if not tok[0].isalpha() or low in STOP_WORDS or low in _LIGHT_VERBS or low in _DETERMINERS:
            break
        if low.endswith("ly") or (low.endswith(("ed", "ing")) and out):
            break  # "forecasting gusts", "reported cases": a verb, not a modifier
        out.insert(0, tok)
        i -= 1
    # "Shares of Lumora fell 14%": the head is the noun before "of", the name its modifier
    if out and i >= 1 and before[i].lower() == "of":
        head = _noun_phrase_before(before, i - 1)
        if head and " of " not in head:
            return f"{head} of {' '.join(out)}"
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
    return _counted_stems(figure.counts) if figure.counts else ()


@lru_cache(maxsize=4096)
def _counted_stems(counts: str) -> tuple[str, ...]:
    # cached: the ledger compares each figure with many others
    head, _, modifier = counts.partition(" of ")  # "Shares of Lumora": head "Shares"
    words = _COUNTED_WORD.findall(f"{modifier} {head}")
    return tuple(stem(w.strip(".'’")) for w in words if w.lower() not in STOP_WORDS)


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


@lru_cache(maxsize=1)
def _conversions() -> dict[str, tuple[str, float]]:
    """unit -> (base unit, factor), from data/unit_conversions.txt."""
    out = {}
    for line in word_list("unit_conversions"):
        *unit, base, factor = line.split()  # "square miles km² 2.59": a unit of two words
        out[" ".join(unit)] = (base, float(factor))
    return out


def base_unit(unit: str | None) -> str | None:
    """The unit a figure is compared in: "feet", "m" and "miles" are all lengths, compared in "m";
    a unit of no listed dimension is its own base."""
    return _conversions().get(unit, (unit, 1.0))[0] if unit is not None else None


def in_base_unit(figure: Figure) -> Figure:
    """The figure in its dimension's base unit ("60 feet" -> 18.288 m), as printed otherwise: its
    qualifier, printed precision (scaled with it) and span are kept, so claims compare alike."""
    base, factor = _conversions().get(figure.unit, (figure.unit, 1.0)) if figure.unit else (None, 1.0)
    if base == figure.unit:
        return figure
    return dataclasses.replace(
        figure, value=figure.value * factor, unit=base,
        upper=figure.upper * factor if figure.upper is not None else None,
    )


def _comparable(a: Figure, b: Figure) -> tuple[Figure, Figure] | None:
    """Two figures in one unit, converted when they are printed in two units of one dimension
    ("60 feet" / "18 m"); None when their units measure different things."""
    if a.unit == b.unit:
        return a, b
    if base_unit(a.unit) != base_unit(b.unit):
        return None
    return in_base_unit(a), in_base_unit(b)


_ASIDE_GAP = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|roughly\s+|some\s+|approximately\s+|nearly\s+|almost\s+)?")


def is_conversion_aside(figure: Figure, sentence: str, figures: Sequence[Figure]) -> bool:
    """Whether a figure only restates the one before it in another unit, in brackets: the "9m"
    of "fell 30ft (9m)", the "4,264 kilometers" of "2,650 miles (4,264 kilometers)"."""
    for prev in figures:
        if prev.end <= figure.start and prev.unit and figure.unit and prev.unit != figure.unit \
                and base_unit(prev.unit) == base_unit(figure.unit) and _ASIDE_GAP.fullmatch(sentence[prev.end: figure.start]):
            return True
    return False


def is_ledger_figure(figure: Figure) -> bool:
    """Whether a figure can enter a figures ledger: a quantity, not a date or a label."""
    return figure.unit != "year"


_CONTEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


def _context(figure: Figure, sentence: str, width: int = 10) -> frozenset[str]:
    """Content stems within ``width`` words of the figure, minus what it counts."""
    return _near_stems(sentence, figure.start, figure.end, width) - set(counts_stems(figure))


@lru_cache(maxsize=4096)
def _near_stems(sentence: str, start: int, end: int, width: int) -> frozenset[str]:
    """Content stems of the ``width`` words before ``start`` and after ``end``.

    Cached: the ledger compares each figure with many others, and each comparison reads the
    words around both figures.
    """
    left = _CONTEXT_WORD.findall(sentence[:start])[-width:]
    right = _CONTEXT_WORD.findall(sentence[end:])[:width]
    return frozenset(stem(w) for w in left + right if w.lower() not in STOP_WORDS and len(w) > 2)


def vague_range(figure: Figure) -> tuple[float, float]:
    """The values a figure can stand for: ``(v, v)`` for a count, a span for a range or a vague one.

    "dozens" covers 24 up to about 120, "tens of thousands" 20,000 up to 100,000, "nearly a
    fifth" (20%) the shares that round to a fifth. A precise value inside the span does not
    dispute the vague one, so "dozens of homes" and "37 homes" agree.
    """
    if figure.upper is not None:  # a printed range: "10-15 mph"
        return figure.value, figure.upper
    if not figure.vague:
        return figure.value, figure.value
    if figure.unit == "%":  # a rounded share: "a fifth" is 17-23%, "two-thirds" 62-71%
        return figure.value * 0.85, figure.value * 1.07
    return figure.value, figure.value * 5  # the plural's least (2 x order) up to ten times the order


def values_compatible(a: Figure, b: Figure) -> bool:
    """Whether two values could be one quantity reported differently (95 vs 99; not 6,000 vs 20,000)."""
    pair = _comparable(a, b)
    if pair is not None:
        a, b = pair
    if a.value == b.value:
        return True
    if a.unit == "vote" and b.unit == "vote":
        return True  # any two tallies can be one vote misreported ("5-2" / "4-3")
    if a.vague or b.vague or a.upper is not None or b.upper is not None:
        (alo, ahi), (blo, bhi) = vague_range(a), vague_range(b)
        return alo <= bhi and blo <= ahi
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if hi == 0:
        return True
    if a.unit in ("%", "percentage points", "points") and hi - lo <= 10:
        return True
    return lo / hi >= 0.55


def _near(figure: Figure, sentence: str, width: int = 6) -> frozenset[str]:
    """Content stems within ``width`` words of the figure, what it counts included."""
    return _near_stems(sentence, figure.start, figure.end, width)


def _governor(figure: Figure, sentence: str) -> str | None:
    """The content verb that governs the figure: "cut 1,100 jobs" -> "cut"; "1,200 firefighters
    were assigned" -> "assign". Reporting and light verbs ("said", "has") govern nothing."""
    left = _CONTEXT_WORD.findall(sentence[: figure.start])[-1:]
    if left and left[0].islower() and left[0] not in STOP_WORDS and left[0] not in _LIGHT_VERBS \
            and left[0] not in _REPORTING and not _is_plural(left[0]):
        return stem(left[0])
    right = _CONTEXT_WORD.findall(sentence[figure.end:])[:6]
    counted = {w.lower() for w in (figure.counts or "").split()}
    rest = [w for w in right if w.lower() not in counted]
    for w in rest[:4]:
        low = w.lower()
        if low in STOP_WORDS or low in _AUXILIARIES or low in ("now", "already", "still", "also"):
            continue
        if w.islower() and low.endswith(("ed", "ing")) and low not in _REPORTING:
            return stem(low)
        return None
    return None


_REPORTING = frozenset(
    "said says told reported according added noted estimated estimates expected including "
    "include includes included".split()
)


# --------------------------------------------------------------------------- one quantity or two

# Words that put a figure in another event than the one the story is about ("15 people wounded in
# *another* strike", "the *previous* record"): two figures one of which carries them are two facts.
_OTHER_EVENT = frozenset(
    "another other others separate second earlier previous prior former different last next second".split()
)
_MONTH_NEAR = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_PART_OF = re.compile(r"\b(?:includes?|including|included|among them|of which|of whom)\b", re.IGNORECASE)
_NOT_A_NAME = frozenset(
    "the a an he she they it this that these those his her their its i we you but and or mr mrs ms dr "
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)


_PLACE_AFTER_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*)(?:\s+[A-Z][\w.’'-]*)*)")
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]+)(?:’s|'s|(?<=s)’|(?<=s)')\s+(?:[\w-]+\s+){0,3}$")


def _places_near(figure: Figure, sentence: str) -> frozenset[str]:
    """Stems of the places a figure is put in ("60 mph *in New York*"), within a few words of it."""
    window = sentence[max(0, figure.start - 40): figure.start] + " " + sentence[figure.end: figure.end + 40]
    return places_in(window)


def places_in(text: str) -> frozenset[str]:
    """Stems of the words of the places a text puts something in or at ("held *at the Barclays
    Center in New York*" -> barclay, center, new, york), calendar words and pronouns left out."""
    out = set()
    for m in _PLACE_AFTER_IN.finditer(text):
        out |= {stem(w) for w in m.group(1).split() if w.lower() not in _NOT_A_NAME}
    return frozenset(out)


def _owner(figure: Figure, sentence: str) -> str | None:
    """The name a figure belongs to by a possessive just before it ("Smith's $26 million estate")."""
    m = _OWNER_BEFORE.search(sentence[max(0, figure.start - 40): figure.start])
    return stem(m.group(1)) if m and m.group(1).lower() not in _NOT_A_NAME else None


_CLAUSE_EDGE = re.compile(r"[,;:.!?](?=\s)|[()\u2014\u2013]|\s-\s")  # "2,600" and "5:48" hold no edge


_DIFFERENCE_AFTER = re.compile(
    r"\s*(?:(?:percentage\s+)?points?\s+|times\s+|[a-z]+s\s+(?=(?:more|fewer)\b))?"
    r"(?:more|less|fewer|higher|lower|cheaper|bigger|smaller|larger|greater|longer|shorter)\s+than\b",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\s+((?:[\w:.]+\s*){1,3})", re.IGNORECASE)


def _is_difference(figure: Figure, sentence: str) -> bool:
    """Whether a figure is a difference between two amounts ("costs *$5 more than* the basic plan",
    "3 points higher than"), not an amount itself."""
    m = _DIFFERENCE_AFTER.match(sentence, figure.end)
    return bool(m) and not re.match(r"\s*(?:or|and)\b", sentence[figure.end:])  # "20 or more than": a bound


def _clause_of(figure: Figure, sentence: str) -> str:
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, figure.start)), default=0)
    edge = _CLAUSE_EDGE.search(sentence, figure.end)
    return sentence[start: edge.start() if edge else len(sentence)]


def _as_of(figure: Figure, sentence: str) -> str | None:
    """The moment a count is given for, as its clause prints it ("as of 5 p.m. ET" -> "5 p.m. et"),
    else None."""
    m = _AS_OF.search(_clause_of(figure, sentence))
    return " ".join(m.group(1).lower().split()) if m else None


@lru_cache(maxsize=1)
def _moment_phrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(moment, pattern) from data/moment_words.txt: "earlier initially", "later now"."""
    out = []
    for line in word_list("moment_words"):
        moment, phrase = line.split(None, 1)
        out.append((moment, re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.IGNORECASE)))
    return tuple(out)


def figure_moment(figure: Figure, sentence: str) -> str | None:
    """When a count stands relative to another count of the same quantity, as its own clause
    says before it: ``"earlier"`` ("police *initially* said about six"), ``"later"`` ("they *now*
    believe that as many as 10"), else None (also when the clause says both)."""
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, figure.start)), default=0)
    before = sentence[start: figure.start]
    found = {moment for moment, pattern in _moment_phrases() if pattern.search(before)}
    return found.pop() if len(found) == 1 else None


def _stages(figure: Figure, sentence: str) -> frozenset[str]:
    """The stage words of a figure's clause ("second", "final"): which round, quarter or part of a
    series the figure belongs to."""
    words = {w.lower() for w in _CONTEXT_WORD.findall(_clause_of(figure, sentence))}
    return frozenset(words & word_set("stage_words"))


def _people_in_clause(figure: Figure, sentence: str) -> frozenset[str]:
    """Surname stems of the people a figure's own clause names ("*Rupert Vane* left a $26 million
    estate"; "the estate of *Oliver Crane* is worth $26.6 million"), the ones who give the figure
    left out ("*Pete Flores* said crossings fell 99%" names who says it, not whose it is). Only
    full names of people (``names.name_kind``): a lone surname or an organisation may be anyone's
    subject, and two of those are not shown to be two owners."""
    return _people_at(sentence, figure.start, figure.end)


@lru_cache(maxsize=16_384)
def _people_at(sentence: str, first: int, last: int) -> frozenset[str]:
    # cached: the ledger compares each figure with many others
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, first)), default=0)
    edge = _CLAUSE_EDGE.search(sentence, last)
    end = edge.start() if edge else len(sentence)
    return _people_named(sentence[start:end], claimant_at(sentence, first) or "")


def _years_near(figure: Figure, sentence: str) -> frozenset[float]:
    return frozenset(f.value for f in _figures_of(sentence)[0] if f.unit == "year" and abs(f.start - figure.start) < 60)


def distinct_context(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> bool:
    """Whether the words around two figures show them to be two quantities, whatever else they share.

    The same thing counted for another owner or place names different people or places beside
    the figure ("$26 million estate" of one man, "$26.6 million" of another; winds "in DC" and
    "in New York"); another event says so ("15 people wounded in *another* strike"); another
    time names another year; and one noun counted with different qualifiers counts different
    things ("2 *robbery* charges" / "3 charges *of disobeying a court order*").
    """
    other_a = {w for w in _CONTEXT_WORD.findall(" ".join(a_sentence[max(0, a.start - 40): a.end + 40].lower().split()))} & _OTHER_EVENT
    other_b = {w for w in _CONTEXT_WORD.findall(" ".join(b_sentence[max(0, b.start - 40): b.end + 40].lower().split()))} & _OTHER_EVENT
    if bool(other_a) != bool(other_b):
        return True
    places_a, places_b = _places_near(a, a_sentence), _places_near(b, b_sentence)
    if places_a and places_b and not places_a & places_b:
        return True
    owner_a, owner_b = _owner(a, a_sentence), _owner(b, b_sentence)
    if owner_a and owner_b and owner_a != owner_b:
        return True
    # "$5 more than the basic plan" is a difference between two amounts, "$7 a month" an amount
    if _is_difference(a, a_sentence) != _is_difference(b, b_sentence):
        return True
    # counts at other moments: "as of 5 p.m." / "as of 3 p.m." (an update at most, never a conflict)
    as_of_a, as_of_b = _as_of(a, a_sentence), _as_of(b, b_sentence)
    if as_of_a and as_of_b and as_of_a != as_of_b:
        return True
    # other stages of one series: "in the second round" / "in the final round"
    stage_a, stage_b = _stages(a, a_sentence), _stages(b, b_sentence)
    if stage_a and stage_b and not stage_a & stage_b:
        return True
    people_a, people_b = _people_in_clause(a, a_sentence), _people_in_clause(b, b_sentence)
    if people_a and people_b and not people_a & people_b:
        return True  # "Rupert Vane left a $26 million estate" / "the estate of Oliver Crane, $26.6 million"
    months_a = bool(_MONTH_NEAR.search(a_sentence[max(0, a.start - 50): a.end + 50]))
    months_b = bool(_MONTH_NEAR.search(b_sentence[max(0, b.start - 50): b.end + 50]))
    if months_a != months_b:
        return True  # "120 cases between August and December" is another period than "121 in 2014"
    part_a = bool(_PART_OF.search(a_sentence[max(0, a.start - 25): a.start]))
    part_b = bool(_PART_OF.search(b_sentence[max(0, b.start - 25): b.start]))
    if part_a != part_b:
        return True  # "includes about $865,000 in fees" is a part of the whole the other gives
    years_a, years_b = _years_near(a, a_sentence), _years_near(b, b_sentence)
    if years_a and years_b and not years_a & years_b:
        return True
    # "a capacity of 50 million gallons" names its kind: "38 million gallons dumped", in a
    # sentence without "capacity", is another quantity of the same unit
    for f, sentence, other in ((a, a_sentence, b_sentence), (b, b_sentence, a_sentence)):
        frame = _frame(f, sentence)
        # "a *vote* of 60-40" names the figure's own unit (a tally), no kind of it
        if frame and frame not in _sentence_stems(other) and frame != stem(f.unit or ""):
            return True
    ca, cb = counts_stems(a), counts_stems(b)
    if ca and cb and ca[-1] == cb[-1] and len(ca) > 1 and len(cb) > 1 and not set(ca[:-1]) & set(cb[:-1]):
        return True
    # what the counted noun is "of": "2 counts of robbery" / "3 charges of disobeying a court order"
    # count two kinds of charge, however alike the nouns ("counts", "charges") and the sentences
    # (a noun counted on both sides: "40% of voters" / "40% of the electorate" is left alone)
    if not (ca and cb):
        return False
    of_a = _of_what(a, a_sentence)
    of_b = _of_what(b, b_sentence)
    if of_a and of_b:
        return not of_a & of_b
    # one names the kind before the noun, the other after it: "2 *robbery* charges" / "3 charges
    # *of disobeying a court order*" are two kinds of charge; "2 robbery charges" / "2 charges of
    # robbery" share the kind and stay one quantity
    if ca[-1] == cb[-1]:
        for kinds, of_other in ((set(ca[:-1]), of_b), (set(cb[:-1]), of_a)):
            if kinds and of_other and not kinds & of_other:
                return True
    return False


# --------------------------------------------------------------------------- what can contradict


@lru_cache(maxsize=1)
def _act_classes() -> dict[str, str]:
    """Word -> act class, from data/count_acts.txt ("killed", "injured", "approved", ...)."""
    out: dict[str, str] = {}
    for line in word_list("count_acts"):
        name, *members = line.split()
        for w in members:
            out[w] = name
    return out


def figure_act(figure: Figure, sentence: str) -> str | None:
    """The class of act a figure's own clause counts (data/count_acts.txt): the act word nearest
    before the figure in its clause, else the nearest after it ("killed *five* people and injured
    200" -> "killed"; "*59%* of investors rejected" -> "rejected"), else None."""
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, figure.start)), default=0)
    edge = _CLAUSE_EDGE.search(sentence, figure.end)
    end = edge.start() if edge else len(sentence)
    classes = _act_classes()
    # as written in lower case: "*Rescue* workers said 17 people were killed" opens with a name
    # of who speaks, no act counted
    before = [classes[w] for w in _CONTEXT_WORD.findall(sentence[start: figure.start]) if w in classes]
    if before:
        return before[-1]
    after = [classes[w.lower()] for w in _CONTEXT_WORD.findall(sentence[figure.end: end]) if w.lower() in classes]
    return after[0] if after else None


@lru_cache(maxsize=1)
def _past_periods() -> re.Pattern[str]:
    phrases = sorted(word_list("past_periods"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b", re.IGNORECASE)


def figure_period(figure: Figure, sentence: str) -> frozenset[float | str]:
    """The period a figure's sentence sets it in: the years its own clause prints, else those
    printed before it in the sentence ("*In 1994 and 1995*, the cult used VX to attack three
    people"), and ``"past"`` when a phrase of data/past_periods.txt does ("*last year*", "*a year
    earlier*"). Empty when the sentence sets none (the story's own time)."""
    clause = _clause_of(figure, sentence)
    years = {f.value for f in _figures_of(clause)[0] if f.unit == "year"}
    if not years:
        years = {f.value for f in _figures_of(sentence[: figure.start])[0] if f.unit == "year"}
    out: set[float | str] = set(years)
    if _past_periods().search(clause) or _past_periods().search(sentence[: figure.start]):
        out.add("past")
    return frozenset(out)


def figure_possible(figure: Figure, sentence: str) -> bool:
    """Whether a figure's own clause, before it, makes it possible, planned or a most rather than
    what happened ("*faces* up to 20 years", "*could* cost $5 million", "*expected* to draw
    3,000"; data/possible_words.txt, as written in lower case: "May" is a month)."""
    return possible_at(sentence, figure.start)


def possible_at(sentence: str, position: int) -> bool:
    """Whether the clause of ``sentence`` holding ``position`` makes what is printed there possible,
    planned or a most, by a word of data/possible_words.txt before it (a figure, or a date: "*will
    be* sentenced on Monday")."""
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, position)), default=0)
    return bool(_possible_words().search(sentence, start, position))


@lru_cache(maxsize=1)
def _possible_words() -> re.Pattern[str]:
    """data/possible_words.txt as one pattern: a word, or a phrase of several ("going to": what
    was still to come when it was written), each matched whole and as written in lower case."""
    phrases = sorted(word_list("possible_words"), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<![\w’'-])(?:{alternatives})(?![\w’'-])")


@lru_cache(maxsize=1)
def _running_words() -> re.Pattern[str]:
    phrases = sorted(word_list("running_words"), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


# a perfect tense: "has sold", "had already risen", not "has three people" or "has a net worth"
_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?!(?:a|an|the|no|\d|one|two|three|four|five|six|seven|eight|nine|ten|some|about|more|"
    r"over|nearly|almost)\b)[a-z]+\b",
    re.IGNORECASE,
)


def figure_running(figure: Figure, sentence: str) -> bool:
    """Whether a figure is a running count, standing at the moment the outlet wrote: its clause,
    before it, says so (data/running_words.txt: "has *already* sold", "*so far*") or puts its verb
    in a perfect tense ("*has sold* 38,400", "*had risen* to 50")."""
    return _running_mark(figure, sentence) is not None


def _running_mark(figure: Figure, sentence: str) -> str | None:
    """How a figure's clause makes it a running count: ``"word"`` (a word of
    data/running_words.txt: "*already*", "*so far*", "*since*"), ``"perfect"`` (a perfect tense
    alone: "have recovered 40 bodies", "45 bodies had been recovered"), else None."""
    start = max((m.end() for m in _CLAUSE_EDGE.finditer(sentence, 0, figure.start)), default=0)
    edge = _CLAUSE_EDGE.search(sentence, figure.end)
    before, after = sentence[start: figure.start], sentence[figure.end: edge.start() if edge else len(sentence)]
    if _running_words().search(before) or _running_words().search(after):
        return "word"  # "has already sold", "12,000 acres in Orla County *since* Friday"
    # a perfect before the figure, or the verb after what is counted: "45 bodies *had been
    # recovered*", "17 people *have died*"
    return "perfect" if _PERFECT.search(before) or _PERFECT_AFTER.match(after) else None


_PERFECT_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:has|have|had)\s+(?:already\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|t)\b")


def one_counted_act(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> bool:
    """Whether two figures count the same noun under the same verb ("four children *were burned*"
    / "5 children *were burned*"; "*cut* 7,000 jobs" / "*cut* 4,000 jobs"): one act counted, which
    two outlets can dispute however little else their sentences share."""
    ca, cb = _paraphrased(counts_stems(a)), _paraphrased(counts_stems(b))  # "troops" / "soldiers"
    if not ca or not cb or ca[-1] != cb[-1]:
        return False
    gov = _paraphrased_one(_governor(a, a_sentence))
    return gov is not None and gov == _paraphrased_one(_governor(b, b_sentence))


def _people_in_sentence(figure: Figure, sentence: str) -> frozenset[str]:
    """Surname stems of the people a figure's sentence names in full, the one who gives the
    figure left out (its claimant: "*Pete Flores* said crossings fell 99%" names who says it)."""
    return _people_of_sentence(sentence, figure.start)


@lru_cache(maxsize=16_384)
def _people_of_sentence(sentence: str, position: int) -> frozenset[str]:
    return _people_named(sentence, claimant_at(sentence, position) or "")


def _people_named(text: str, claimant: str) -> frozenset[str]:
    """Surname stems of the people ``text`` names in full (``names.name_kind``), those whose surname
    is in ``claimant`` (who gives the figure) left out."""
    from .names import name_kind, name_spans, strip_title

    out = set()
    for span in name_spans(text):
        name = strip_title(span.text)
        if len(name.split()) < 2 or name_kind(name) != "person" or name.split()[-1] in claimant:
            continue
        out.add(stem(name.split()[-1].lower()))
    return frozenset(out)


def contradiction_barred(
    a: Figure, a_sentence: str, b: Figure, b_sentence: str, *, current_year: float | None = None
) -> str | None:
    """Why two figures grouped as one quantity still cannot contradict each other, else None.

    A figure shown as disputed must be certain to be the same quantity at the same time, so any
    sign of two things counted or two moments bars it: ``"act"`` when their clauses count acts of
    different classes ("killed five" / "wounding four"; "approved by 86%" / "59% rejected"),
    ``"possible"`` when one is a possibility, plan or maximum and the other not ("faces up to 20
    years" / "was sentenced to 25 years"), ``"owner"`` when their sentences name different people
    in full and none in common ("Carter Roberts, a 3-year-old" / "Laura Carson, a 4-year-old"),
    ``"running"`` when either is a running count, standing at the moment its outlet wrote ("has
    already sold over 40,000"; :func:`figure_running`),
    ``"period"`` when their "as of" moments differ, when their sentences set them in different
    years, or one in an earlier period ("last year", "a year earlier", a year before
    ``current_year - 1``) and the other in the story's own time. Two such values are at most an
    update or two quantities; never "figures differ".
    """
    act_a, act_b = figure_act(a, a_sentence), figure_act(b, b_sentence)
    if act_a and act_b and act_a != act_b:
        return "act"
    if figure_possible(a, a_sentence) != figure_possible(b, b_sentence):
        return "possible"
    running = {_running_mark(a, a_sentence), _running_mark(b, b_sentence)}
    if running != {None} and running != {"perfect"}:
        # "has already sold over 40,000" / "had sold 38,400 ... since March"; a perfect tense on
        # one side only ("has killed 17" / "killed 14"). Both in a perfect tense and neither marked
        # as still growing ("have recovered 40 bodies" / "45 bodies had been recovered") is each
        # outlet's count as it wrote: one moment
        return "running"
    as_of_a, as_of_b = _as_of(a, a_sentence), _as_of(b, b_sentence)
    if as_of_a and as_of_b and as_of_a != as_of_b:
        return "period"  # "as of August 2016" / "as of November 13"
    people_a, people_b = _people_in_sentence(a, a_sentence), _people_in_sentence(b, b_sentence)
    if people_a and people_b and not people_a & people_b:
        return "owner"  # "Carter Roberts was a typical 3-year-old" / "Laura Carson was a 4-year-old"
    pa, pb = figure_period(a, a_sentence), figure_period(b, b_sentence)
    years_a = {y for y in pa if y != "past"}
    years_b = {y for y in pb if y != "past"}
    if years_a and years_b:
        return None if years_a & years_b else "period"
    if ("past" in pa) != ("past" in pb):
        return "period"
    for years, other in ((years_a, pb), (years_b, pa)):
        if years and not other and current_year is not None and max(years) < current_year - 1:
            return "period"
    return None


_FRAME = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|your)\s+(?:[a-z][\w-]*\s+)?([a-z][\w-]+)\s+of\s+"
    r"(?:(?:about|around|roughly|nearly|almost|some|just|over|under|up\s+to|at\s+least|more\s+than|less\s+than)\s+)?$",
    re.IGNORECASE,
)


def _frame(figure: Figure, sentence: str) -> str | None:
    """The stem of the noun that frames a figure and names its kind ("a *capacity* of 50 million
    gallons", "a *budget* of $4 million"), else None; neutral frames ("a total of") name no kind."""
    return _frame_before(sentence[max(0, figure.start - 60): figure.start])


@lru_cache(maxsize=16_384)
def _frame_before(before: str) -> str | None:
    # cached: the ledger compares each figure with many others
    m = _FRAME.search(before)
    if not m:
        return None
    noun = stem(m.group(1).lower())
    return None if noun in _neutral_frames() else noun


@lru_cache(maxsize=4_096)
def _sentence_stems(sentence: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _CONTEXT_WORD.findall(sentence.lower()))


@lru_cache(maxsize=1)
def _neutral_frames() -> frozenset[str]:
    return frozenset(stem(w) for w in word_set("neutral_frames"))


#: "<figure> <counted noun> of <what>": the words of the what, up to a comma or clause word.
_OF_WHAT = re.compile(r"^\s*(?:[A-Za-z][\w’'-]*\s+)?of\s+((?:[A-Za-z][\w’'-]*\s*){1,4})")


def _of_what(figure: Figure, sentence: str) -> frozenset[str]:
    """Content stems of what a figure's counted noun is *of* ("3 charges *of disobeying a court
    order*"), cut at the first word that opens a new phrase; empty when the figure has no such
    complement."""
    return _of_words(sentence[figure.end: figure.end + 60])


@lru_cache(maxsize=16_384)
def _of_words(after: str) -> frozenset[str]:
    # cached: the ledger compares each figure with many others
    m = _OF_WHAT.match(after)
    if not m:
        return frozenset()
    out = []
    for w in m.group(1).split():
        low = w.lower()
        if low in _OF_STOP:
            break
        if low not in STOP_WORDS:
            out.append(stem(low))
    return frozenset(out)


_OF_STOP = frozenset("after before when while since because as at in on for from by with to who which that".split())


def near_twins(a: Figure, b: Figure) -> bool:
    """Two precise figures of five or more significant digits within 0.1% of each other: no two
    quantities of one story coincide that closely by chance, so they are one, misprinted."""
    if a.value == b.value or a.vague or b.vague or a.qualifier or b.qualifier:
        return False
    digits = [len(re.sub(r"\D", "", f.number_text or "").rstrip("0")) for f in (a, b)]
    return min(digits) >= 5 and abs(a.value - b.value) <= 0.001 * max(abs(a.value), abs(b.value))


def quantity_similarity(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> float:
    """Evidence in [0, 1] that two figures measure the same quantity; 0 when they cannot.

    The score combines what the figures count (shared head noun, shared modifiers) with the words
    around them, and is 0 when units differ, when either is a year, or when the values are too
    far apart to be one quantity misreported (6,000 officers vs 20,000 officers are two facts).
    When the two name what they count differently, the counted noun of one written next to the
    other ("1,350 personnel" / "1,350 firefighters and support personnel"; "gusts of 45 mph" /
    "winds gusting to 50 mph") or one governing verb ("1,200 firefighters were assigned" /
    "1,350 personnel were assigned") still makes them one quantity: agreement of the sentences,
    not a list of synonyms.
    """
    if not is_ledger_figure(a) or not is_ledger_figure(b):
        return 0.0
    pair = _comparable(a, b)  # "60 feet" / "18 m": one dimension, compared in metres
    if pair is None:
        return 0.0
    a, b = pair
    if not values_compatible(a, b):
        return 0.0
    if distinct_context(a, a_sentence, b, b_sentence):
        return 0.0
    if near_twins(a, b):
        return 1.0  # "$972,815" / "$972,814": one exact figure, misprinted by one outlet
    # what is counted, in one word of each paraphrase group ("3,000 jobs" / "3,500 positions")
    raw_a, raw_b = counts_stems(a), counts_stems(b)
    ca, cb = _paraphrased(raw_a), _paraphrased(raw_b)
    ctx_a, ctx_b = _context(a, a_sentence), _context(b, b_sentence)
    ctx = (2 * len(ctx_a & ctx_b) / (len(ctx_a) + len(ctx_b))) if ctx_a and ctx_b else 0.0
    same_value = 0.15 if a.value == b.value else 0.0
    if ca and cb:
        shared = set(ca) & set(cb)
        if not shared:
            # different words for what is counted ("residents" / "people"): the other sentence
            # names this head beside its figure, the same verb governs both (or its paraphrase:
            # "cut" / "eliminate"), or a close context
            if raw_a[-1] in _near(b, b_sentence) or raw_b[-1] in _near(a, a_sentence):  # as printed
                return min(1.0, 0.6 * 0.6 + 0.6 * ctx + same_value + 0.1)
            gov_a, gov_b = _paraphrased_one(_governor(a, a_sentence)), _paraphrased_one(_governor(b, b_sentence))
            if gov_a is not None and gov_a == gov_b:
                return min(1.0, 0.5 + 0.5 * ctx + same_value)
            if gov_a is not None and gov_b is not None:
                return 0.0  # other nouns under other verbs ("hire 1,200 engineers" / "cut 1,300 jobs")
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
        return min(1.0, 0.15 + ctx + same_value)
    return min(1.0, 0.6 * counts_score + 0.6 * ctx + same_value)


def _paraphrased(stems: tuple[str, ...]) -> tuple[str, ...]:
    """Stems with each member of a paraphrase group (data/paraphrases.txt) as its group's first."""
    canonical = paraphrase_stems()
    return tuple(canonical.get(s, s) for s in stems)


def _paraphrased_one(stem_: str | None) -> str | None:
    return None if stem_ is None else paraphrase_stems().get(stem_, stem_)


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


# --------------------------------------------------------------------------- what a figure claims


def value_interval(figure: Figure) -> tuple[float, float]:
    """The values a figure's statement allows: its qualifier and its printed precision.

    "more than 20,000" allows [20,000, inf); "nearly 200" [180, 200]; "up to 400" [0, 400];
    "about 65" [58.5, 71.5] (a tenth either way); a plain figure the values that round to it as
    printed: "20,000" [19,500, 20,500], "$972,815" [972,814.5, 972,815.5], "95%" [94.5, 95.5], "1
    million" [0.5 million, 1.5 million]. A vague one ("dozens") or a printed range its span.
    """
    if figure.vague or figure.upper is not None:
        return vague_range(figure)
    v = figure.value
    cls = qualifier_class(figure.qualifier)
    if cls in (">", ">="):
        return v, float("inf")
    if cls in ("<", "<="):
        return (0.9 * v if cls == "<" else 0.0), v
    half = _rounding(figure) / 2
    if cls == "~":
        half = max(half, 0.1 * abs(v))
    return v - half, v + half


def _rounding(figure: Figure) -> float:
    """The unit a figure was rounded to, as printed: 1,000 for "20,000", 0.1 for "2.5", 1 for "95"."""
    digits = re.sub(r"[^\d.]", "", figure.number_text or "")
    if not digits or figure.value == 0:
        return 1.0
    scale = figure.value / float(digits) if float(digits) else 1.0
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        # trailing zeros mark rounding only in thousands and up: "20,000" is rounded, "50 cases" is a count
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0 ** zeros if zeros >= 3 and digits.rstrip("0") else 1.0
    return step * scale


def claims_agree(a: Figure, b: Figure) -> bool:
    """Whether two statements of one quantity can both be true ("20,000" / "more than 20,000";
    "about 65" / "about 70"): their allowed values overlap. "95%" and "99%" cannot. Two units of
    one dimension are compared converted ("30 feet" / "9 m" agree)."""
    pair = _comparable(a, b)
    if pair is not None:
        a, b = pair
    (alo, ahi), (blo, bhi) = value_interval(a), value_interval(b)
    return alo < bhi and blo < ahi  # touching is not overlapping: "$972,815" / "$972,814"


def one_value_told_two_ways(figures: Sequence[Figure]) -> bool:
    """Whether statements of one quantity that can all be true are one value told more or less
    precisely: every one prints the same number ("20,000" / "more than 20,000", "59%" / "just
    over 59%"), or one prints a plain value that every other's qualifier or rounding allows
    ("35" / "at least 30", "$972,814" / "about $973,000"). Such a pair tells a reader nothing:
    no outlet disputes the plain value. Two qualified values of different numbers ("more than
    1,000" / "more than 1,300", "as many as seven" / "as many as 10") are not this; "about" is a
    plain value told loosely ("about 1.9 metres" / "nearly 2 metres" is one).
    """
    precise = [f for f in figures if not f.vague]
    if len(precise) < 2:
        return False
    if len({f.unit for f in precise}) > 1 and len({base_unit(f.unit) for f in precise}) == 1:
        precise = [in_base_unit(f) for f in precise]  # "30ft" / "9m": compared in metres
    if len({f.value for f in precise}) == 1:
        return True
    for f in precise:
        if f.upper is not None or qualifier_class(f.qualifier) not in ("=", "~"):
            continue
        if all(g is f or _allows(g, f.value) for g in precise):
            return True
    return False


def _allows(figure: Figure, value: float) -> bool:
    """Whether ``value`` is what ``figure`` says, rounded as printed or within its qualifier; an
    "about" figure only by its rounding ("about $973,000" allows $972,814, "about 4,400" not 4,100)."""
    if qualifier_class(figure.qualifier) == "~" and figure.upper is None:
        half = _rounding(figure) / 2
        return figure.value - half <= value <= figure.value + half
    lo, hi = value_interval(figure)
    return lo <= value <= hi


_CLAIM_VERBS = (
    r"said|says|say|told|tells|claimed|claims|claim|estimated|estimates|estimate|reported|reports|"
    r"announced|announces|boasting|boasted|boasts|put|puts|projected|projects|counted|counts|found|finds|"
    r"confirmed|confirms|stated|states|testified|wrote|writes|insisted|insists|argued|argues|listed|lists|pegged|pegs|valued|values"
)
_CLAIMANT_NAME = r"(?:[Tt]he\s+)?(?:[A-Z][\w.&’'-]*(?:\s+(?:of|and|for|the|de|&)\s+|\s+))*[A-Z][\w.&’'-]*"
_CLAIMANT_NOUN = (
    r"(?i:(?:the\s+)?(?:police|officials|authorities|organizers|organisers|researchers|scientists|the company|"
    r"the firm|the agency|the department|the ministry|the government|the study|the report|the survey|"
    r"prosecutors|investigators|analysts|experts|doctors|witnesses|the military|the army|rescuers|firefighters))"
)
_CLAIMANT_BEFORE = re.compile(
    rf"(?P<who>{_CLAIMANT_NAME}|{_CLAIMANT_NOUN})\s+(?:\w+ly\s+)?(?:{_CLAIM_VERBS})\b"
)
_CLAIMANT_AFTER = re.compile(rf"(?:according\s+to|per)\s+(?P<who>{_CLAIMANT_NAME}|{_CLAIMANT_NOUN})")
# "..., Izvestia, a pro-Kremlin daily, reported on Monday.": who said it, set off by what it is
_CLAIMANT_TAIL = re.compile(
    rf",\s+(?P<who>{_CLAIMANT_NAME}|{_CLAIMANT_NOUN})(?:,\s+(?:a|an|the)\s+[^,]{{1,60}},)?\s+(?:{_CLAIM_VERBS})\b[^,]*[.!]?$"
)
_WORD_BEFORE_CLAIMANT = re.compile(r"(?<![\w.’'-])([a-z][a-z-]{2,})\s+$")


def is_group_noun(word: str) -> bool:
    """Whether a word is a common noun for those who give figures and statements ("Police",
    "Authorities", "Officials"): capitalised at a sentence's start, it is still no name."""
    return bool(re.fullmatch(_CLAIMANT_NOUN, word.strip(",.;:").lower()))


def figure_claimant(figure: Figure, sentence: str) -> str | None:
    """Who the sentence says gives a figure, in its words: "the White House", "Commissioner Pete
    Flores", "police", "the Centers for Disease Control", or None when it says no one.

        >>> s = "The White House claims dramatic progress, boasting a 95% reduction in crossings."
        >>> figure_claimant(extract_figures(s)[0], s)
        'the White House'
    """
    who = claimant_at(sentence, figure.start)
    if who and figure.counts and who.lower() in figure.counts.lower():
        return None  # "50 people in 24 U.S. states had been": what is counted is no one who says it
    return who


def claimant_at(sentence: str, position: int) -> str | None:
    """Who the sentence says gives what it prints at ``position`` (a figure, a date), or None."""
    candidates: list[tuple[int, str, int]] = []
    for pattern in (_CLAIMANT_BEFORE, _CLAIMANT_AFTER, _CLAIMANT_TAIL):
        for m in pattern.finditer(sentence):
            words = " ".join(m.group("who").split()).rstrip(".,;:").split()
            while words and words[0].lower() in word_set("dependent_openers"):
                words = words[1:]  # "Now Forbes listed": the sentence's opener is no one's name
            if not words or words[-1].lower() in _NOT_A_NAME:
                continue
            who = " ".join(words)
            candidates.append((abs(m.start("who") - position), who, m.start("who")))
    if not candidates:
        return None
    _, who, at = min(candidates)
    if re.fullmatch(_CLAIMANT_NOUN, who):
        # "church officials say", "federal prosecutors said": the word that says whose officials
        # belongs to who says it (a function word, a saying verb or an adverb does not)
        before = _WORD_BEFORE_CLAIMANT.search(sentence, 0, at) if who.islower() else None
        if before and before.group(1) not in STOP_WORDS and not before.group(1).endswith("ly") \
                and stem(before.group(1)) not in saying_stems() and before.group(1) not in _NOT_A_NAME:
            return f"{before.group(1)} {who}"
        return who.lower()  # "Police said": a common noun, capitalised only by the sentence
    words = who.split()
    if words[0] == "The":
        words[0] = "the"
    return " ".join(words[-9:])  # a long title run: keep its end, where the name is
