"""Names: capitalised spans a text prints, and what kind of thing each names.

    >>> [n.text for n in name_spans("Former President Donald Trump met Acme Inc. in Des Moines.")]
    ['Former President Donald Trump', 'Acme Inc', 'Des Moines']
    >>> name_kind("Johns Hopkins University")
    'org'

A name is a run of capitalised words (or acronyms) joined by spaces or by a few lower-case
connectors ("Gulf of Mexico", "Bureau of Alcohol, Tobacco, Firearms and Explosives" stops at the
comma). A function word that only opens the sentence ("The", "But") is not part of it; a
possessive "'s" is cut off. Kinds come from word lists in ``data/`` (countries, US states, the
words organisation and place names hold, the titles printed before a person) and are guesses:
question answering learns how much to trust them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import word_set
from .words import STOP_WORDS

__all__ = ["NameSpan", "name_spans", "name_kind", "is_given_name", "given_name_before", "given_name_after", "is_country", "is_us_state", "is_demonym", "name_lists", "strip_title", "PERSON_TITLES"]

#: Words printed before a person's name ("Sen.", "President").
PERSON_TITLES: frozenset[str] = word_set("person_titles")
_ORG_WORDS = word_set("org_words")
_PLACE_WORDS = word_set("place_words")
_COUNTRIES = word_set("countries")
_STATES = word_set("us_states")
_CITIES = word_set("cities")
_GIVEN_NAMES = word_set("given_names")
_CONNECTORS = frozenset({"of", "the", "de", "da", "del", "van", "von", "&", "for", "la", "le", "du", "bin", "al"})

_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w&\-]*(?:['’][A-Za-z]+)?\.?)"
_NAME_RUN = re.compile(
    rf"(?<![\w'’]){_CAP}(?:[ \t]+(?:(?:of|the|de|da|del|van|von|&|for|la|le|du|bin|al)[ \t]+)*{_CAP})*"
)
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")


@dataclass(frozen=True)
class NameSpan:
    """A name as printed: ``text`` is ``source[start:end]``."""

    text: str
    start: int
    end: int


def name_spans(text: str) -> list[NameSpan]:
    """The capitalised names in ``text``, longest runs, in order of appearance."""
    spans: list[NameSpan] = []
    for match in _NAME_RUN.finditer(text):
        # A possessive ends a name: "Disney's Mickey Mouse" is two names. The pieces are read by
        # their offsets (the mark and its "s" both go: "Taiwan's President Tsai Ing-wen").
        start = match.start()
        for mark in [*_POSSESSIVE.finditer(match.group(0)), None]:
            end = match.start() + mark.start() if mark is not None else match.end()
            while start < end and not text[start].isalnum():
                start += 1
            span = _trimmed(text, start, end) if start < end else None
            if span is not None:
                spans.append(span)
            if mark is not None:
                start = match.start() + mark.end()
    return spans


# What may stand between two names of one list: a comma, "and"/"or", each with an optional "the".
_LIST_JOIN = re.compile(r"^(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$")


def name_lists(text: str) -> list[NameSpan]:
    """Lists of names ``text`` prints, joined by commas and "and"/"or" ("the Bureau of Alcohol,
    Tobacco, Firearms and Explosives, the U.S. Marshals Service and the Drug Enforcement
    Administration"): each whole list as one span, from its first name to its last, with at least
    two names and one "and"/"or" (a run of names split only by commas is a place, "Paris, Texas")."""
    names = name_spans(text)
    lists: list[NameSpan] = []
    run = names[:1]
    for name in names[1:] + [None]:  # type: ignore[list-item]
        if name is not None and _LIST_JOIN.match(text[run[-1].end : name.start]):
            run.append(name)
            continue
        between = [text[a.end : b.start] for a, b in zip(run, run[1:])]
        if len(run) >= 2 and any(re.search(r"\b(?:and|or)\b", gap) for gap in between):
            lists.append(NameSpan(text[run[0].start : run[-1].end], run[0].start, run[-1].end))
        if name is not None:
            run = [name]
    return lists


def _trimmed(text: str, start: int, end: int) -> NameSpan | None:
    """The span without a sentence-opening function word ("The", "But") or a final period."""
    piece = text[start:end]
    words = piece.split()
    while words and words[0].lower() in STOP_WORDS and _at_sentence_start(text, start):
        cut = piece.find(words[1]) if len(words) > 1 else len(piece)
        start += cut
        piece = piece[cut:]
        words = words[1:]
    while words and words[-1].lower() in _CONNECTORS:
        piece = piece[: piece.rfind(words[-1])].rstrip()
        words = words[:-1]
    if piece.endswith(".") and not re.search(r"(?:^|\W)(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Jr|Sr|Ltd)\.$", piece):
        piece = piece[:-1]
    piece = piece.rstrip(" \t")
    if not piece or not any(ch.isalpha() for ch in piece):
        return None
    return NameSpan(piece, start, start + len(piece))


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:\n"


def strip_title(name: str) -> str:
    """The name without the titles printed before it: "Former President Donald Trump" -> "Donald Trump"."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".") in PERSON_TITLES:
        k += 1
    return " ".join(words[k:])


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name (``data/given_names.txt``): "Brenda", "Clinton"."""
    return word.lower() in _GIVEN_NAMES


# A full name that ends right before ", " ("Brenda Smith, "; "Clinton Preston Smith, ") and one a
# few lower-case words after a position ("... old Clinton Preston Smith"): its first word.
_GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z][\w’'-]*)(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z][\w’'-]*)*\s+[A-Z][\w’'-]+,\s$")
_GIVEN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,3}?([A-Z][a-z][\w’'-]*)(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z][\w’'-]*)+")


def given_name_before(text: str) -> str | None:
    """The given name (lower case) of the full name ``text`` ends with, before ", " ("Brenda Smith, "
    -> "brenda"); None when there is no such name or its first word is no given name."""
    m = _GIVEN_BEFORE.search(text)
    return m.group(1).lower() if m is not None and is_given_name(m.group(1)) else None


def given_name_after(text: str, pos: int) -> str | None:
    """The given name (lower case) of a full name printed at ``pos`` of ``text``, after at most three
    lower-case words ("-year-old retired teacher Clinton Preston Smith" -> "clinton"), or None."""
    m = _GIVEN_AFTER.match(text, pos)
    return m.group(1).lower() if m is not None and is_given_name(m.group(1)) else None


def is_country(name: str) -> bool:
    """Whether ``name`` is a country (data/countries.txt)."""
    return name.lower() in _COUNTRIES


#: Endings that make a people's adjective of a place's name ("Colombia" -> "Colombian",
#: "Canada" -> "Canadian", "Japan" -> "Japanese", "Texas" -> "Texan"); what is cut before them.
_PEOPLED = _COUNTRIES | _STATES
_DEMONYM_ENDS = (("ian", ("a", "", "ia", "y")), ("an", ("a", "", "as", "o")), ("n", ("",)), ("ese", ("", "a")), ("ish", ("", "y", "ey")), ("i", ("", "a")))


def is_demonym(word: str) -> bool:
    """Whether ``word`` is the adjective of a country or US state's people ("Colombian",
    "Texan", "Japanese"): a nationality, never the name of the one who did something."""
    low = word.strip().lower()
    if " " in low or not low.isalpha():
        return False
    for end, restores in _DEMONYM_ENDS:
        if low.endswith(end) and len(low) > len(end) + 2:
            base = low[: -len(end)]
            if any(base + r in _PEOPLED for r in restores):
                return low not in _PEOPLED  # "Oman" is a country, not a people's adjective
    return False


def is_us_state(name: str) -> bool:
    """Whether ``name`` is a US state or D.C. (data/us_states.txt)."""
    return name.lower() in _STATES


def name_kind(name: str) -> str:
    """A guess at what ``name`` names: 'place', 'org', 'person' or 'name' (unknown)."""
    low = name.lower()
    if low in _COUNTRIES or low in _STATES or low in _CITIES:
        return "place"
    parts = [w.strip(".,").lower() for w in name.split()]
    if any(p in _ORG_WORDS for p in parts) or (name.isupper() and len(name) > 1):
        return "org"
    if any(p in _PLACE_WORDS for p in parts):
        return "place"
    if parts and parts[0] in PERSON_TITLES:
        return "person"
    # a person's name opens with a given name ("Simona Halep"); two or three capitalised words
    # that do not ("Round Wimbledon Bracket", "Grand Slam") are some other name
    if 2 <= len(parts) <= 4 and parts[0] in _GIVEN_NAMES and all(w[:1].isupper() for w in name.split()):
        return "person"
    return "name"
