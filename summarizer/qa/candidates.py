"""Candidates: typed short spans of a sentence that could answer a question.

Every span is text the sentence prints, with a ``shape``: a name (``person``, ``org``, ``place``
or ``name``, guessed by :mod:`summarizer.language.names`), a figure (``number``, ``money``,
``percent``, ``duration``), a date (``date``, ``year``), a lower-case noun phrase (``noun``: "measles",
"disposable cups") or, for "who is X?", the ``role`` printed beside X. Generation is generous on
purpose: whether the gold answer is among the candidates bounds everything after it, and the
learned ranker (:mod:`.ranking`) sorts them. A span made only of the question's own words is no
answer and is never produced.

    >>> [c.text for c in sentence_candidates("Hurricane Ernesto hit Puerto Rico on Aug. 14.", asked)]
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from ..language import STOP_WORDS, stem
from ..language.dates import date_spans
from ..language.lexicon import word_set
from ..language.names import PERSON_TITLES, is_country, is_demonym, is_given_name, is_us_state, name_kind, name_spans, strip_title
from ..language.quantities import Figure, counts_stems, extract_figures
from .question import SPEAKER_STEMS, Question

__all__ = ["Candidate", "sentence_candidates", "answer_key", "question_words"]

_TIME_UNITS = word_set("time_units")
_MONEY_UNITS = frozenset({"$", "€", "£", "¥", "usd", "eur", "gbp", "dollars", "euros", "pounds", "yen"})
_UNPUNCT = str.maketrans({ch: "" for ch in string.punctuation + "’‘“”"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*")
_EDGE_WORDS = frozenset({"of", "the", "for", "and", "&", "de"})
_NOUN_RUN = 6  # longest run of lower-case content words read for noun phrases
_NOUN_GRAM = 3  # longest noun phrase


@dataclass(frozen=True)
class Candidate:
    """A span of one sentence: ``text == sentence[start:end]``."""

    text: str
    start: int
    end: int
    shape: str
    variant: bool = False  # a trimmed form of a longer printed span (title or question word cut)


@lru_cache(maxsize=200_000)
def answer_key(text: str) -> str:
    """What candidates are grouped by: lower case, no punctuation or articles (SQuAD's normal form)."""
    return " ".join(w for w in text.lower().translate(_UNPUNCT).split() if w not in ("a", "an", "the"))


@lru_cache(maxsize=1024)
def question_words(text: str) -> frozenset[str]:
    """Stems of every word of a question, hyphenated words also in their parts ("US-Mexico")."""
    pieces = answer_key(text).split() + answer_key(re.sub(r"[-‐–—/]", " ", text)).split()
    return frozenset(stem(w) for w in pieces)


def _question_words(question: Question) -> frozenset[str]:
    return question_words(question.text)


def _own_words(text: str, asked: frozenset[str]) -> bool:
    """Whether a span is made only of the question's words (and function words)."""
    tokens = [w for w in answer_key(text).split() if w not in STOP_WORDS]
    return not tokens or all(stem(w) in asked for w in tokens)


def sentence_candidates(sentence: str, question: Question, *, nouns: bool = True) -> list[Candidate]:
    """The candidate answers one sentence prints for ``question``."""
    asked = _question_words(question)
    shapes = question.shapes
    out: list[Candidate] = []
    taken: set[tuple[int, int]] = set()

    def add(start: int, end: int, shape: str, variant: bool = False) -> None:
        text = sentence[start:end].strip(" ,;:\"“”'’()")
        if not text or (start, end) in taken or (shapes is not None and shape not in shapes) or not fits(start, end, shape):
            return
        start = sentence.find(text, start)
        end = start + len(text)
        if _own_words(text, asked):
            return
        taken.add((start, end))
        out.append(Candidate(text, start, end, shape, variant))

    name_ends = question.name_ends

    def fits(start: int, end: int, shape: str) -> bool:
        """The slot's hard constraints beyond shape: a name of the asked sort ("which law": "... Act"),
        a speaker ("who said ...?") printed as the one who speaks."""
        if name_ends is not None:
            last = answer_key(sentence[start:end]).split()[-1:]
            if shape not in _NAME_SHAPES or not last or last[0] not in name_ends:
                return False
        if question.speaker_slot and shape in _NAME_SHAPES and not _speaks(sentence, start, end):
            return False
        return True

    if question.kind == "role" and question.about:
        out.extend(_roles(sentence, question.about, asked))
    dates = date_spans(sentence)
    # A month or a weekday is a date, not a name ("in April").
    names = [n for n in name_spans(sentence) if not any(d.start <= n.start and n.end <= d.end for d in dates)]
    head = question.head
    slot = question.head_stems
    plural = bool(re.search(r"\b(?:two|three|both|pair|duo|couple)\b", question.text, re.I)) or (
        bool(head) and head.endswith("s") and not head.endswith(("ss", "us", "is", "news", "series", "species"))
    )
    for k, name in enumerate(names):
        kind = name_kind(name.text)
        add(name.start, name.end, kind)
        rest = sentence[name.end :]
        # a brand may be a possessive ("Wendy's"); a person's name never is ("Trump's push")
        if rest[:2] in ("'s", "’s") and (shapes is None or "org" in shapes):
            add(name.start, name.end + 2, kind, True)
        if plural and k + 1 < len(names) and re.fullmatch(r",?\s+(?:and|&)\s+", sentence[name.end : names[k + 1].start]):
            add(name.start, names[k + 1].end, kind, True)  # "Shein and Temu" for "which two companies"
        if head and re.match(rf"\s+{re.escape(head)}\b", rest, re.I):
            add(name.start, name.end + len(re.match(rf"\s+{re.escape(head)}", rest, re.I).group(0)), kind, True)  # "Christchurch variant"
        # a name with its number: "Philadelphia 76ers", "Category 5", "Windows 11"
        numbered = _NUMBERED.match(rest)
        if numbered:
            add(name.start, name.end + numbered.end(), name_kind(name.text + numbered.group(0)), True)
        # a town with its state or country: "Nashville, Tennessee", "Athens, Greece"
        if k + 1 < len(names) and re.fullmatch(r",\s*", sentence[name.end : names[k + 1].start]):
            region = names[k + 1].text
            if is_us_state(region) or is_country(region):
                add(name.start, names[k + 1].end, "place", True)
        _split_at_title(name.start, name.text, add)
        bare = strip_title(name.text)
        if bare != name.text and bare.split()[0].lower() not in _EDGE_WORDS:
            offset = name.text.rfind(bare)
            add(name.start + offset, name.end, "person", True)
        words = name.text.split()
        if len(words) >= 3 and name_kind(" ".join(words[-2:])) == "person":
            tail = " ".join(words[-2:])  # "... Armed Forces Valery Gerasimov": titles glued to a name
            add(name.end - len(tail), name.end, "person", True)
        # Question words at the edges of a name are the slot's own: "Hurricane Ernesto" for
        # "which hurricane", "Johns Hopkins University" for "which university". A person's name
        # is never cut ("Senator Tammy" out of "Senator Tammy Duckworth"): it stands whole or not at
        # all, and only the slot's head noun is cut, not any word the question happens to share.
        if kind == "person" or bare != name.text:
            continue
        words = name.text.split()
        lo, hi = 0, len(words)
        while lo < hi - 1 and (stem(answer_key(words[lo]) or "_") in slot or words[lo].lower() in _EDGE_WORDS):
            lo += 1
        while hi > lo + 1 and (stem(answer_key(words[hi - 1]) or "_") in slot or words[hi - 1].lower() in _EDGE_WORDS):
            hi -= 1
        if (lo, hi) != (0, len(words)):
            piece = " ".join(words[lo:hi])
            offset = name.text.find(piece)
            if offset >= 0:
                add(name.start + offset, name.start + offset + len(piece), kind, True)
    for date in dates:
        add(date.start, date.end, "year" if date.precision == "year" else "date")
    for figure in extract_figures(sentence):
        if figure.unit == "year":
            continue
        start = figure.start
        if figure.qualifier and sentence[start:].lower().startswith(figure.qualifier.lower()):
            start += len(figure.qualifier)
        unit = (figure.unit or "").lower()
        shape = "percent" if unit in ("%", "percentage points", "percent") else "money" if unit in _MONEY_UNITS else "number"
        if unit in _TIME_UNITS:
            shape = "duration"  # "four months" answers "how many months?", not "by how much?"
        if shape == "number" and question.counted and _counts_else(figure, asked | set(question.counted)):
            continue  # "how many agents?" is not answered by "20,000 troops"
        add(start, figure.end, shape)
        if shape in ("duration", "number"):
            # the count without what it counts: "24" of "24 hours" or "21-day" ("in how many hours?")
            digits = re.search(r"\d[\d,.]*\d|\d", sentence[start : figure.end])
            if digits and start + digits.end() < figure.end:
                add(start + digits.start(), start + digits.end(), "number", True)
    if nouns:
        _noun_phrases(sentence, add)
    return out


_NAME_SHAPES = frozenset({"person", "org", "place", "name"})
#: A number printed right after a name, as part of it ("Philadelphia 76ers", "Category 5").
_NUMBERED = re.compile(r"^[ \t]+\d+[A-Za-z]*\b(?![.,]?\d|\s*(?:%|percent|per\b|a\.m|p\.m))")


def _split_at_title(start: int, text: str, add) -> None:  # type: ignore[no-untyped-def]
    """The names glued around a title inside one capitalised run: "Connecticut" and "Ned Lamont"
    of "Connecticut Gov. Ned Lamont", "Red Lobster" and "Jonathan Tibus" of "Red Lobster CEO
    Jonathan Tibus" (a title opening the run is :func:`strip_title`'s)."""
    words = text.split()
    titled = [w.lower().rstrip(".") in PERSON_TITLES for w in words]
    for k in range(1, len(words) - 1):
        if titled[k] and not all(titled[:k]) and words[k - 1].lower() not in _EDGE_WORDS:
            end = k
            while end < len(words) and titled[end]:
                end += 1
            if len(words) - end < 2:  # the person is named in full after the title
                return
            front = " ".join(words[:k])
            if not is_demonym(front):  # "Japanese" of "Japanese Prime Minister ..." names no one
                add(start, start + len(front), name_kind(front), True)
            tail = " ".join(words[end:])
            add(start + text.rfind(tail), start + len(text), "person", True)
            return


# After a speaker: another name it speaks with ("United Airlines and Alaska Air said"), a short
# apposition (", the agency's head,"), then a verb of saying.
_SPEAKER_AFTER = re.compile(r"^(?:['’]s?)?(?:\s+(?:and|&)\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})?\s*(?:,[^,;.]{1,60},\s*)?(?:has\s+|had\s+|also\s+|later\s+|is\s+|was\s+)?(?:quoted\s+as\s+)?([a-z]+)")
_SPEAKER_BEFORE = re.compile(r"(?:\b([a-z]+)\s+(?:by\s+)?|according\s+to\s+)$")


def _speaks(sentence: str, start: int, end: int) -> bool:
    """Whether a name stands as the one who speaks: "X said", "X, the mayor, warned", "said X",
    "according to X"."""
    after = _SPEAKER_AFTER.match(sentence[end:])
    if after and stem(after.group(1)) in SPEAKER_STEMS:
        return True
    before = _SPEAKER_BEFORE.search(sentence[:start])
    return bool(before) and (before.group(1) is None or stem(before.group(1)) in SPEAKER_STEMS)


def _counts_else(figure: Figure, asked: frozenset[str]) -> bool:
    """Whether a figure counts something the question does not ask about: it names what it
    counts ("20,000 troops") and none of those words is the question's."""
    counted = counts_stems(figure)
    return bool(counted) and not (set(counted) & asked)


def _noun_phrases(sentence: str, add) -> None:  # type: ignore[no-untyped-def]
    """Every 1-3 word piece of each run of lower-case content words ("an outbreak of measles")."""
    run: list[re.Match[str]] = []
    matches = list(_WORD.finditer(sentence))
    opener = _common_opener(sentence, matches)
    for match in [*matches, None]:
        word = match.group(0) if match else ""
        lower = word.islower() or match is opener
        gap = run and match is not None and not sentence[run[-1].end() : match.start()].strip() == ""
        if match is None or gap or not lower or word.lower() in STOP_WORDS or len(word) < 3 or len(run) >= _NOUN_RUN:
            for i in range(len(run)):
                for j in range(i + 1, min(len(run), i + _NOUN_GRAM) + 1):
                    add(run[i].start(), run[j - 1].end(), "noun")
            run = []
            if match is not None and lower and word.lower() not in STOP_WORDS and len(word) >= 3:
                run = [match]
            continue
        run.append(match)


def _common_opener(sentence: str, matches: list[re.Match[str]]) -> re.Match[str] | None:
    """The sentence's first word when only the sentence capitalises it: a word of no name list
    followed by a lower-case word ("Severe storms hit ...", "Climate change is ..."), so that the
    noun phrase it opens is read whole."""
    if len(matches) < 2 or sentence[: matches[0].start()].strip(" \"“‘'("):
        return None
    first, second = matches[0].group(0), matches[1].group(0)
    if not (first[:1].isupper() and first[1:].islower() and second.islower()):
        return None
    return matches[0] if name_kind(first) == "name" and not is_given_name(first) else None


_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w.&'’-]*\s+|[a-z][\w-]*\s+){1,5})$")
_ROLE_AFTER = re.compile(r"^\s*,\s+((?:the\s+|an?\s+)?[^,;.()]{3,80}?)(?:,|;|\.|$)")


def _roles(sentence: str, about: str, asked: frozenset[str]) -> list[Candidate]:
    """What a sentence calls the person asked about: "DHS spokeswoman [Tricia McLaughlin]",
    "[McLaughlin], the assistant secretary, said"."""
    out: list[Candidate] = []
    surname = about.split()[-1]
    for match in re.finditer(re.escape(surname), sentence):
        head = sentence[: match.start()]
        full = head.rstrip().endswith(tuple(about.split()[:-1])) if len(about.split()) > 1 else True
        start_name = head.rstrip().rfind(about.split()[0]) if len(about.split()) > 1 and full else match.start()
        before = _ROLE_BEFORE.search(sentence[:start_name])
        if before:
            tokens = before.group(1).split()
            while tokens and (tokens[0].lower() in STOP_WORDS or tokens[0][:1].isdigit()):
                tokens = tokens[1:]
            if tokens and tokens[-1][:1].islower() or (tokens and tokens[-1].lower() in ("ceo", "cfo")) or len(tokens) >= 2:
                text = " ".join(tokens)
                start = sentence.rfind(text, 0, start_name)
                if text and start >= 0 and not all(stem(w.lower()) in asked for w in tokens):
                    out.append(Candidate(text, start, start + len(text), "role"))
        after = _ROLE_AFTER.match(sentence[match.end() :])
        if after:
            text = after.group(1).strip()
            text = re.sub(r"^(?:the|an?)\s+", "", text)
            start = sentence.find(text, match.end())
            if start >= 0 and len(text.split()) <= 8:
                out.append(Candidate(text, start, start + len(text), "role"))
    return out
