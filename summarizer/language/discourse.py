"""Discourse: whether a sentence can stand alone, out of the text it came from.

A brief lifts sentences out of several articles. A sentence that opens on a pronoun ("They
served squash soup"), a connective ("But the expected eviction had not happened") or a bare
surname with a speech verb ("Smith said four people were arrested") leans on the sentence
before it: out of its place it reads as a reference to nothing.

    >>> needs_previous("But the police had not moved by late Sunday.")
    True
    >>> needs_previous("Police had no plans to evict anyone, the chief inspector said.")
    False

The openers are a data file (``data/dependent_openers.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache

from .dates import CALENDAR_WORDS
from .lexicon import word_list

__all__ = ["bare_surnames", "introduced_surnames", "leaning_reason", "needs_previous", "person_surnames"]

# "Smith said ..." / "Ashton added ...": one capitalised word and a speech verb. Whether the name
# was introduced cannot be told from the sentence, and a reader of a merged brief meets it cold.
_BARE_NAME_SPEAKS = re.compile(r"^[A-Z][a-z]+(?:’s|'s)?\s+(?:said|says|told|tells|added|adds|wrote|writes|noted|explained)\b")
_LEADING_MARKS = "( "


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    phrases = sorted(word_list("dependent_openers"), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w’'-])", re.IGNORECASE)


def needs_previous(sentence: str) -> bool:
    """Whether ``sentence`` opens on a word that needs the sentence before it (see the module doc).

    A sentence opening with a quotation is judged by its attribution, not the speaker's first
    word: "“They will pay,” the mayor said" names who speaks.
    """
    text = sentence.lstrip()
    if _BARE_NAME_SPEAKS.match(text):
        return True
    return _openers().match(text.lstrip(_LEADING_MARKS)) is not None


# -- Leaning in a brief: what needs a sentence the brief may not show --------------------------
#
# ``needs_previous`` reads the first word. A reader of a merged brief also meets references
# further in: a pronoun right after an opening phrase ("On Wednesday, he said ..."), a quotation
# whose speaker is a bare pronoun ("“We will rebuild,” she said."), and a surname that no earlier
# line introduced ("..., Smith said", when no line named John Smith). ``leaning_reason`` tells
# which, given the surnames the story's sources print and the ones the brief has introduced.

# "On Wednesday, he ...": an opening phrase of at most eight words without a name in it (a name
# there is the pronoun's antecedent: "When Smith arrived, he ..."), then a pronoun.
_LATE_PRONOUN = re.compile(
    r"^((?:[A-Z][\w’'-]*)(?:\s+[\w’'.-]+){0,7}),\s+(?:he|she|they|it|his|her|their|its)\b"
)

# "“We will rebuild,” she said." / "“...” he added": the speaker is only a pronoun.
_PRONOUN_SPEAKER = re.compile(
    r"^[\"“‘].*[,.!?]?[\"”’]\s*,?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|noted|explained"
    r"|continued|recalled|argued|insisted|warned)\b"
)


def person_surnames(texts: Iterable[str]) -> frozenset[str]:
    """Surnames of the people ``texts`` name in full: the last word of a name that reads as a
    person's (``names.name_kind``), two to four capitalised words after any title ("Sen."), within
    one sentence. A word the texts also print in lower case ("Former", "Police") or that names a
    place is no surname."""
    from .names import PERSON_TITLES, name_kind, name_spans, strip_title

    texts = list(texts)
    lower = {w for text in texts for w in re.findall(r"\b[a-z][a-z’'-]+\b", text)}
    found: set[str] = set()
    for text in texts:
        for span in name_spans(text):
            if name_kind(span.text) != "person" or any(
                w.endswith(".") and w.lower().rstrip(".") not in PERSON_TITLES and not re.fullmatch(r"(?:[A-Z]\.)+", w)
                for w in span.text.split()[:-1]
            ):
                continue  # "Christina Lee. Kleiner" runs over a full stop: two sentences
            parts = strip_title(span.text).split()
            if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts):
                continue
            last = parts[-1].strip(".,")
            if len(last) > 2 and last[1:].islower() and last.lower() not in lower and name_kind(last) != "place":
                found.add(last)
    return frozenset(found)


def introduced_surnames(sentence: str, surnames: Collection[str]) -> frozenset[str]:
    """The surnames among ``surnames`` that ``sentence`` prints with a name or title before them
    ("John Smith", "Sen. Smith", "President Smith"): after it a reader knows who "Smith" is."""
    from .names import name_spans

    out = set()
    for span in name_spans(sentence):
        parts = span.text.split()
        if len(parts) >= 2 and parts[-1].strip(".,") in surnames:
            out.add(parts[-1].strip(".,"))
    return frozenset(out)


def bare_surnames(sentence: str, surnames: Collection[str], introduced: Collection[str] = ()) -> list[str]:
    """Surnames (of ``surnames``) the sentence prints alone before it, or an earlier line
    (``introduced``), printed them with a given name or title."""
    from .names import name_spans

    known = set(introduced)
    bare: list[str] = []
    for span in name_spans(sentence):
        parts = span.text.split()
        last = parts[-1].strip(".,") if parts else ""
        if last not in surnames:
            continue
        if len(parts) >= 2:
            known.add(last)
        elif last not in known and last not in bare:
            bare.append(last)
    return bare


def leaning_reason(
    sentence: str, surnames: Collection[str] = (), introduced: Collection[str] = ()
) -> str | None:
    """Why ``sentence`` needs something before it in a brief, or None when it stands alone.

    'opener' (``needs_previous``), 'late pronoun' ("On Wednesday, he ..."), 'pronoun speaker'
    ("“...,” she said"), or 'surname' (a surname of ``surnames`` not printed in full here or in
    ``introduced``, the surnames earlier lines printed in full).
    """
    text = sentence.lstrip()
    if needs_previous(text):
        return "opener"
    late = _LATE_PRONOUN.match(text)
    if late and not any(
        w[:1].isupper() and w.lower().strip(",.") not in CALENDAR_WORDS for w in late.group(1).split()[1:]
    ):
        return "late pronoun"
    if _PRONOUN_SPEAKER.match(text):
        return "pronoun speaker"
    if surnames and bare_surnames(text, surnames, introduced):
        return "surname"
    return None
