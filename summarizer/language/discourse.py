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
from functools import lru_cache

from .lexicon import word_list

__all__ = ["needs_previous"]

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
