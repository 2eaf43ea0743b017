"""Words: tokens, stems, stop words. The unit of overlap for ranking, search and alignment.

    >>> words("$1,000 for U.S. troops")
    ['1,000', 'for', 'U.S', 'troops']
    >>> content_words("The troops were deployed")
    ['troop', 'deploy']

The stop list is a data file (``data/stop_words.txt``), read once.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache

from .lexicon import word_list, word_set

__all__ = ["STOP_WORDS", "words", "stem", "verb_stem", "irregular_stem", "past_forms", "content_words", "printed_stems", "lower_case_words", "saying_stems"]

# English function words: stop words for ranking and retrieval, and the words that start a new
# sentence after an abbreviation ("left the U.K. The next day").
STOP_WORDS: frozenset[str] = word_set("stop_words")

# Letters are any script's letters ([^\W\d_]), so "José" and "São Paulo" stay whole.
_NUMBER_OR_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[.'’\-&][^\W_]+)*")


def words(text: str) -> list[str]:
    """Word tokens, case preserved: ``"$1,000 for U.S. troops"`` -> ``['1,000', 'for', 'U.S', 'troops']``."""
    return _NUMBER_OR_WORD.findall(text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower-cased Snowball (Porter2) stem of one word (cached; no data files needed; thread-safe).

    A typographic apostrophe is read as a straight one, as Snowball expects: "Microsoft’s" and
    "Microsoft's" both stem to "microsoft" (about half of real outlets print the curly one).
    """
    return _stemmer()(word.lower().replace("’", "'"))


@lru_cache(maxsize=None)
def _irregular() -> dict[str, str]:
    """Each irregular verb form's base form's stem ("fallen" -> "fall"), from ``irregular_verbs``."""
    out: dict[str, str] = {}
    for line in word_list("irregular_verbs"):
        base, *forms = line.split()
        for form in (base, *forms):
            out.setdefault(form, stem(base))
    return out


@lru_cache(maxsize=None)
def saying_stems() -> frozenset[str]:
    """Stems of the words that attribute speech or a claim ("said", "told", "according", "warns",
    "denied": data/attribution_words.txt and data/claim_verbs.txt): the one set of them that the
    differences (who speaks beside a reaction) and question answering (a speaker slot) read."""
    return frozenset(stem(w) for w in word_set("attribution_words") | word_set("claim_verbs"))


@lru_cache(maxsize=None)
def paraphrase_stems() -> dict[str, str]:
    """Stem -> the stem of its paraphrase group's first word (data/paraphrases.txt: "requested"
    and "asked" are one term, "cut" and "eliminate"); a stem of no group is absent."""
    canonical: dict[str, str] = {}
    for group in word_list("paraphrases"):
        members = group.split()
        for w in members:
            canonical.setdefault(stem(w), stem(members[0]))
    return canonical


@lru_cache(maxsize=None)
def past_forms() -> frozenset[str]:
    """The irregular verbs' forms other than the base ("won", "bought", "fallen"): read as verbs
    where a regular verb would end in -ed."""
    return frozenset(form for line in word_list("irregular_verbs") for form in line.split()[1:])


def irregular_stem(word: str) -> str | None:
    """The base form's stem of an irregular verb form ("won" -> "win"); None for any other word."""
    return _irregular().get(word.lower().replace("’", "'"))


def verb_stem(word: str) -> str:
    """The stem of a verb's base form, whatever form is printed: ``stem`` for regular verbs
    ("asked", "asking" -> "ask"), the irregular verbs' list for the rest ("won" -> "win",
    "fallen" and "fell" -> "fall")."""
    low = word.lower().replace("’", "'")
    return _irregular().get(low) or stem(low)


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` prints in lower case at least once: a capitalised word among them
    ("former Federal officers" in a quoted law, "federal agencies" in the reporter's copy) is a
    common word set in capitals, not a name."""
    return frozenset(_LOWER_WORD.findall(text))


_PER_THREAD = threading.local()


def _stemmer():
    # The Snowball English stemmer from the snowballstemmer package (no data; it hands over to
    # PyStemmer's C build of the same algorithm, a dependency, ~25x faster, same stems). Not
    # nltk's copy: importing nltk imports scipy.stats when scipy is installed (the bench extras
    # install it), seconds of a cold `newsbrief ask`. One per thread: a stemmer keeps the word
    # it works on in itself, so two threads answering at once (Slack and Discord in one service)
    # would stem each other's words (an IndexError inside snowballstemmer).
    stem_word = getattr(_PER_THREAD, "stem_word", None)
    if stem_word is None:
        import snowballstemmer

        stem_word = _PER_THREAD.stem_word = snowballstemmer.stemmer("english").stemWord
    return stem_word


def content_words(text: str) -> list[str]:
    """Stems of the non-stop-word tokens of ``text``: the unit of overlap for ranking and search."""
    return [stem(w) for w in _NUMBER_OR_WORD.findall(text) if w.lower().replace("’", "'") not in STOP_WORDS]


_PRINTED = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=16_384)
def printed_stems(text: str) -> Counter[str]:
    """Stems of a text's words as a reader scans them: letters and digits only, so "Canadian-born"
    is two words and "$1,000" two numbers; stop words left out; counted.

    The measure of "does this source print most of this line": what a person opening the source
    would find, before synonyms or spellings are merged.
    """
    return Counter(stem(w) for w in _PRINTED.findall(text.lower()) if w not in STOP_WORDS)
