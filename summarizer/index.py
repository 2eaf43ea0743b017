"""A sentence index for question answering: BM25 over content-word stems, built once.

Answering over a store of thousands of articles must not rescan every sentence per question.
:class:`SentenceIndex` splits each article into sentences once (the same splitter the briefs use,
so a quote is always text the source printed), keeps an inverted index from content-word stem to
the sentences that use it, and ranks sentences with BM25. Each term's postings are numpy arrays
holding the BM25 term-frequency part already normalised for sentence length, so a query is a few
vectorised additions however large the store.

A sentence's score also counts a share of the previous sentence's score (a sentence that starts
"She said ..." is about whoever the sentence before named) and a share of how much of the question
its whole article covers.

    >>> index = SentenceIndex.build(articles)
    >>> hits = index.search(["troop", "request"])
    >>> index.sentence(hits[0].sentence_id).text
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model import Article
from .language import content_words, split_sentences, stem

__all__ = ["SentenceIndex", "IndexedSentence", "Hit", "edit_distance", "canonical_stem", "index_terms", "IRREGULAR_VERBS"]

_log = logging.getLogger(__name__)

_K1 = 1.2
_B = 0.75
#: Share of the previous sentence's score a sentence inherits (pronouns, "the request", ...).
_PREVIOUS_SHARE = 0.3
#: Share of the article-level coverage of the question added to each of its sentences.
_ARTICLE_SHARE = 0.25


@dataclass(frozen=True)
class IndexedSentence:
    """A sentence exactly as one article printed it, and where it sits."""

    sentence_id: int
    article: Article
    position: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A ranked sentence: ``score`` mixes its own BM25 score with its context's."""

    sentence_id: int
    score: float
    own_score: float


class SentenceIndex:
    """Inverted index of the sentences of many articles. Build with :meth:`build`; read-only after."""

    def __init__(
        self,
        articles: tuple[Article, ...],
        texts: list[str],
        sentence_article: np.ndarray,
        sentence_position: np.ndarray,
        postings: dict[str, tuple[np.ndarray, np.ndarray]],
    ) -> None:
        self.articles = articles
        self._texts = texts
        self._sentence_article = sentence_article
        self._sentence_position = sentence_position
        self._postings = postings
        n = max(len(texts), 1)
        self._idf = {
            term: math.log(1.0 + (n - len(ids) + 0.5) / (len(ids) + 0.5)) for term, (ids, _) in postings.items()
        }
        self.max_idf = math.log(1.0 + (n + 0.5) / 0.5)
        self._buckets: dict[tuple[int, str], list[str]] | None = None
        self._article_stems: dict[int, frozenset[str]] = {}
        self._article_ids: dict[str, int] | None = None
        # Sentences of one article are consecutive ids: article i holds [start[i], start[i + 1]).
        self._article_start = np.searchsorted(sentence_article, np.arange(len(articles) + 1)).astype(np.int64)

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, articles: Iterable[Article]) -> SentenceIndex:
        """Split every article into sentences and index their content-word stems."""
        arts = tuple(articles)
        texts: list[str] = []
        owner: list[int] = []
        position: list[int] = []
        lengths: list[int] = []
        raw: dict[str, tuple[list[int], list[int]]] = {}
        for a_index, article in enumerate(arts):
            for pos, sentence in enumerate(split_sentences(article.text or "")):
                sid = len(texts)
                texts.append(sentence)
                owner.append(a_index)
                position.append(pos)
                stems = [canonical_stem(x) for x in content_words(sentence)]
                lengths.append(len(stems))
                stems.extend(_hyphen_parts(sentence))
                stems.extend(_acronyms(sentence))
                counts: dict[str, int] = {}
                for s in stems:
                    counts[s] = counts.get(s, 0) + 1
                for s, tf in counts.items():
                    entry = raw.get(s)
                    if entry is None:
                        raw[s] = ([sid], [tf])
                    else:
                        entry[0].append(sid)
                        entry[1].append(tf)
        length = np.asarray(lengths, dtype=np.float32)
        average = float(length.mean()) if len(length) else 1.0
        norm = _K1 * (1.0 - _B + _B * length / max(average, 1e-6))
        postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, (ids, tfs) in raw.items():
            id_array = np.asarray(ids, dtype=np.int32)
            tf = np.asarray(tfs, dtype=np.float32)
            postings[term] = (id_array, (tf * (_K1 + 1.0) / (tf + norm[id_array])).astype(np.float32))
        _log.debug("indexed %d sentences of %d articles, %d terms", len(texts), len(arts), len(postings))
        return cls(
            arts,
            texts,
            np.asarray(owner, dtype=np.int32),
            np.asarray(position, dtype=np.int32),
            postings,
        )

    # --- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def vocabulary_size(self) -> int:
        return len(self._postings)

    def sentence(self, sentence_id: int) -> IndexedSentence:
        """The sentence with this id, with its article."""
        return IndexedSentence(
            sentence_id,
            self.articles[int(self._sentence_article[sentence_id])],
            int(self._sentence_position[sentence_id]),
            self._texts[sentence_id],
        )

    def article_index(self, sentence_id: int) -> int:
        return int(self._sentence_article[sentence_id])

    def first_sentence(self, article_index: int) -> int | None:
        """The id of an article's first sentence (its dateline, if it has one), or None if empty."""
        start, end = int(self._article_start[article_index]), int(self._article_start[article_index + 1])
        return start if start < end else None

    def neighbour(self, sentence_id: int, offset: int) -> IndexedSentence | None:
        """The sentence ``offset`` places away in the same article, if any."""
        other = sentence_id + offset
        if 0 <= other < len(self._texts) and self._sentence_article[other] == self._sentence_article[sentence_id]:
            return self.sentence(other)
        return None

    def locate(self, article_id: str, text: str) -> int | None:
        """The id of the sentence ``text`` of article ``article_id`` (a quote given earlier), or None.

        Follow-up questions ("who said that?") start from the sentences an earlier answer quoted;
        an answer keeps quotes as text and article ids, and this maps them back.
        """
        if self._article_ids is None:
            self._article_ids = {}
            for i, article in enumerate(self.articles):
                self._article_ids.setdefault(article.id, i)
        a_index = self._article_ids.get(article_id)
        if a_index is None:
            return None
        for sid in range(int(self._article_start[a_index]), int(self._article_start[a_index + 1])):
            if self._texts[sid] == text:
                return sid
        return None

    def stems(self, sentence_id: int) -> tuple[str, ...]:
        return _stems_of(self._texts[sentence_id])

    def article_stems(self, article_index: int) -> frozenset[str]:
        """Every indexed stem of one article (computed on first use, then kept)."""
        cached = self._article_stems.get(article_index)
        if cached is None:
            ids = np.flatnonzero(self._sentence_article == article_index)
            out: set[str] = set()
            for sid in ids:
                out.update(self.stems(int(sid)))
            cached = frozenset(out)
            self._article_stems[article_index] = cached
        return cached

    def article_has(self, article_index: int, term: str) -> bool:
        """Whether any sentence of the article holds ``term`` (a binary search in its postings)."""
        entry = self._postings.get(term)
        if entry is None:
            return False
        ids = entry[0]
        lo, hi = self._article_start[article_index], self._article_start[article_index + 1]
        k = int(np.searchsorted(ids, lo))
        return k < len(ids) and int(ids[k]) < hi

    def knows(self, term: str) -> bool:
        return term in self._postings

    def document_frequency(self, term: str) -> int:
        entry = self._postings.get(term)
        return 0 if entry is None else len(entry[0])

    def idf(self, term: str) -> float:
        """Inverse sentence frequency; unknown terms get the maximum (they are as rare as can be)."""
        return self._idf.get(term, self.max_idf)

    # --- search -----------------------------------------------------------------------------

    def search(self, terms: Sequence[str], weights: Sequence[float] | None = None, limit: int = 40) -> list[Hit]:
        """The ``limit`` best sentences for these stems, best first (empty when none matches)."""
        n = len(self._texts)
        if n == 0:
            return []
        weights = list(weights) if weights is not None else [1.0] * len(terms)
        scores = np.zeros(n, dtype=np.float32)
        coverage = np.zeros(len(self.articles), dtype=np.float32)
        matched = False
        for term, weight in zip(terms, weights):
            entry = self._postings.get(term)
            if entry is None or weight <= 0:
                continue
            matched = True
            ids, part = entry
            w = weight * self._idf[term]
            scores[ids] += w * part
            present = np.zeros(len(self.articles), dtype=np.float32)
            present[self._sentence_article[ids]] = w
            coverage += present
        if not matched:
            return []
        own = scores.copy()
        previous = np.zeros_like(scores)
        previous[1:] = scores[:-1]
        previous[self._sentence_position == 0] = 0.0
        scores += _PREVIOUS_SHARE * previous
        scores += _ARTICLE_SHARE * coverage[self._sentence_article]
        scores[own <= 0] = 0.0  # a sentence must match something itself
        limit = min(limit, n)
        top = np.argpartition(-scores, limit - 1)[:limit] if limit < n else np.arange(n)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [Hit(int(i), float(scores[i]), float(own[i])) for i in top if scores[i] > 0]

    # --- typos ------------------------------------------------------------------------------

    def correct(self, term: str) -> str | None:
        """The indexed stem closest to an unknown ``term`` within a small edit distance, or None.

        Distance 1 for stems of 4-7 letters, 2 from 8 letters; the most frequent stem wins ties.
        Shorter stems are never corrected: too many short words are one letter apart.
        """
        if term in self._postings or len(term) < 4 or not term.isalpha():
            return None
        budget = 1 if len(term) < 8 else 2
        buckets = self._vocabulary_buckets()
        best: tuple[int, int, str] | None = None
        seen: set[str] = set()
        for length in range(len(term) - budget, len(term) + budget + 1):
            for key in ((length, term[0]), (length, "$" + term[-1])):
                for candidate in buckets.get(key, ()):
                    if candidate in seen:
                        continue
                    seen.add(candidate)
                    if len(term) < 6 and len(candidate) == len(term) and not _typo_like(term, candidate):
                        # One letter replaced by another in a short word is usually another real
                        # word ("cost"/"most", "react"/"reach"), not a typo.
                        continue
                    distance = edit_distance(term, candidate, budget)
                    if distance <= budget:
                        rank = (distance, -self.document_frequency(canonical_stem(candidate)), candidate)
                        if best is None or rank < best:
                            best = rank
        return canonical_stem(best[2]) if best else None

    def _vocabulary_buckets(self) -> dict[tuple[int, str], list[str]]:
        if self._buckets is None:
            buckets: dict[tuple[int, str], list[str]] = {}
            # Irregular forms ("wrote") are indexed under their base ("write") but typed as
            # themselves: "rote" is a typo of "wrote".
            irregular = [past for past, base in _irregular_stems().items() if base in self._postings]
            for term in [*self._postings, *irregular]:
                if term.isalpha():
                    buckets.setdefault((len(term), term[0]), []).append(term)
                    buckets.setdefault((len(term), "$" + term[-1]), []).append(term)
            self._buckets = buckets
        return self._buckets


_NAME_RUN = re.compile(r"[A-Z][a-z]+(?:\s+(?:of|and|for|the|&)?\s*[A-Z][a-z]+)+")
_MINOR = frozenset({"of", "and", "for", "the", "&"})


def _acronyms(sentence: str) -> list[str]:
    """Initials of multi-word names, so "DHS" finds "Department of Homeland Security".

    "Immigration and Customs Enforcement" -> "ice". Harmless when no one uses the acronym: the
    extra term is simply never asked for.
    """
    out = []
    for match in _NAME_RUN.finditer(sentence):
        initials = "".join(w[0] for w in match.group(0).split() if w.lower() not in _MINOR)
        if 2 <= len(initials) <= 6:
            out.append(initials.lower())
    return out


_HYPHENATED = re.compile(r"\b[A-Za-z]{3,}(?:-[A-Za-z]{3,})+\b")


def _hyphen_parts(text: str) -> list[str]:
    """The stems of the parts of hyphenated words: "Charlotte-based" is also "Charlotte" and
    "based", so "where is Corsa based?" finds "Charlotte-based Corsa"."""
    parts = " ".join(m.group(0).replace("-", " ") for m in _HYPHENATED.finditer(text))
    return [canonical_stem(x) for x in content_words(parts)] if parts else []


@lru_cache(maxsize=50_000)
def _stems_of(text: str) -> tuple[str, ...]:
    return tuple(canonical_stem(x) for x in content_words(text)) + tuple(_hyphen_parts(text)) + tuple(_acronyms(text))


def index_terms(text: str) -> tuple[str, ...]:
    """The terms the index holds for ``text``: canonical content-word stems, then acronyms."""
    return _stems_of(text)


# Irregular verbs: the stemmer leaves "wrote" and "writing" apart; a question asks "who wrote
# it?" of a sentence that says "writing for the majority". Closed-class English, nothing topical.
IRREGULAR_VERBS = {
    "wrote": "write", "written": "write", "brought": "bring", "fell": "fall", "fallen": "fall",
    "rose": "rise", "risen": "rise", "grew": "grow", "grown": "grow", "paid": "pay", "sold": "sell",
    "bought": "buy", "took": "take", "taken": "take", "gave": "give", "given": "give", "told": "tell",
    "won": "win", "lost": "lose", "sent": "send", "spent": "spend", "began": "begin", "begun": "begin",
    "struck": "strike", "chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive",
    "ran": "run", "led": "lead", "held": "hold", "kept": "keep", "met": "meet", "knew": "know",
    "known": "know", "saw": "see", "seen": "see", "went": "go", "gone": "go", "came": "come",
    "became": "become", "thought": "think", "felt": "feel", "stood": "stand", "fought": "fight",
    "caught": "catch", "taught": "teach", "built": "build", "sought": "seek", "shot": "shoot",
    "spoke": "speak", "spoken": "speak", "broke": "break", "broken": "break", "stole": "steal",
    "stolen": "steal", "hid": "hide", "hidden": "hide", "flew": "fly", "flown": "fly", "drew": "draw",
    "drawn": "draw", "threw": "throw", "thrown": "throw", "rode": "ride", "ridden": "ride",
    "shook": "shake", "withdrew": "withdraw", "withdrawn": "withdraw", "forbade": "forbid",
    "forgave": "forgive", "froze": "freeze", "frozen": "freeze", "sank": "sink", "sunk": "sink",
    "swore": "swear", "sworn": "swear", "tore": "tear", "torn": "tear", "wore": "wear", "worn": "wear",
    "shrank": "shrink", "shrunk": "shrink", "slid": "slide", "fled": "flee", "dealt": "deal",
    "meant": "mean", "left": "leave", "lent": "lend", "sped": "speed", "swept": "sweep",
    "overtook": "overtake", "undertook": "undertake", "upheld": "uphold", "oversaw": "oversee",
    "made": "make", "heard": "hear",
}


@lru_cache(maxsize=1)
def _irregular_stems() -> dict[str, str]:
    return {stem(past): stem(base) for past, base in IRREGULAR_VERBS.items() if stem(past) != stem(base)}


def canonical_stem(term: str) -> str:
    """The index's spelling of a stem: irregular verb forms map to their base ("wrote" -> "write")."""
    return _irregular_stems().get(term, term)


def _typo_like(a: str, b: str) -> bool:
    """Whether two words of one length differ like a typo: two letters swapped, or one letter
    doubled by mistake ("tropps"/"troops"), rather than one letter replaced by another."""
    if sorted(a) == sorted(b):
        return True
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) != 1:
        return False
    i = diff[0]
    return any(0 <= j < len(w) and w[j] == w[i] for w in (a, b) for j in (i - 1, i + 1))


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous_previous is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]
