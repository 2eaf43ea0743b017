"""Retrieval: a BM25 index over the sentences (and titles) of many articles that grows in place.

:class:`SentenceIndex` splits each article into sentences once (the splitter the briefs use, so a
quote is always text the source printed) and keeps an inverted index from content-word stem to
sentences. :meth:`SentenceIndex.add` indexes new articles without rebuilding: postings are lists
that grow, turned into numpy arrays per term on first use after a change. A title is indexed as a
sentence of its article flagged ``title`` (position -1): quiz answers are often in headlines.

A sentence's score is its BM25 score plus a share of how much of the query its whole article
covers (an article about the story lifts its sentences that only name a detail).

    >>> index = SentenceIndex()
    >>> index.add(articles)
    >>> hits = index.search(["troop", "request"])
"""

from __future__ import annotations

import difflib
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..language import content_words, split_sentences
from ..model import Article

__all__ = ["SentenceIndex", "Sentence", "Hit"]

_K1 = 1.2
_B = 0.75
#: Share of the article's coverage of the query added to each of its sentences.
_ARTICLE_SHARE = 0.3
#: Articles an answer reads whole (redundancy, citations): the best ones of the retrieved sentences.
ARTICLES_READ = 12
#: The best sentences whose neighbours are read too (:meth:`SentenceIndex.with_neighbours`), and
#: the share of the sentence's score a neighbour gets.
NEIGHBOURS_OF = 10
NEIGHBOUR_SHARE = 0.5


@dataclass(frozen=True)
class Sentence:
    """A sentence exactly as one article printed it (or the article's title), and where it sits."""

    sid: int
    article: Article
    article_index: int
    position: int  # 0-based order in the body; -1 for the title
    text: str

    @property
    def is_title(self) -> bool:
        return self.position < 0


@dataclass(frozen=True)
class Hit:
    sid: int
    score: float


class SentenceIndex:
    """Inverted index of the sentences of many articles; :meth:`add` grows it."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self._texts: list[str] = []
        self._owner: list[int] = []
        self._position: list[int] = []
        self._length: list[int] = []
        # Postings grow in place as compact int arrays (4 bytes an entry), read by numpy without a copy.
        self._postings: dict[str, tuple[array[int], array[int]]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._owner_array = np.zeros(0, dtype=np.int32)
        self._length_array = np.zeros(0, dtype=np.float32)
        self._ids: dict[str, int] = {}
        self._buckets: dict[tuple[str, int], list[str]] | None = None  # vocabulary by first letter and length, for typos
        self._article_stems: dict[int, frozenset[str]] = {}

    def add(self, articles: Iterable[Article]) -> int:
        """Index more articles (an id already indexed is skipped). Returns how many were added."""
        added = 0
        for article in articles:
            if article.id in self._ids or not (article.text or "").strip():
                continue
            a_index = len(self.articles)
            self._ids[article.id] = a_index
            self.articles.append(article)
            added += 1
            title = (article.title or "").strip()
            if title:
                self._index_sentence(title, a_index, -1)
            for position, text in enumerate(split_sentences(article.text)):
                self._index_sentence(text, a_index, position)
        if added:
            self._arrays.clear()
            self._buckets = None
            self._owner_array = np.asarray(self._owner, dtype=np.int32)
            self._length_array = np.asarray(self._length, dtype=np.float32)
        return added

    def _index_sentence(self, text: str, a_index: int, position: int) -> None:
        sid = len(self._texts)
        self._texts.append(text)
        self._owner.append(a_index)
        self._position.append(position)
        stems = content_words(text)
        self._length.append(len(stems))
        counts: dict[str, int] = {}
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
        for s, tf in counts.items():
            ids, tfs = self._postings.get(s) or self._postings.setdefault(s, (array("i"), array("i")))
            ids.append(sid)
            tfs.append(tf)

    # --- reading --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def vocabulary_size(self) -> int:
        return len(self._postings)

    def sentence(self, sid: int) -> Sentence:
        a_index = self._owner[sid]
        return Sentence(sid, self.articles[a_index], a_index, self._position[sid], self._texts[sid])

    def article_stems(self, a_index: int) -> frozenset[str]:
        """Every content-word stem of an article, title included (computed once, then kept)."""
        cached = self._article_stems.get(a_index)
        if cached is None:
            article = self.articles[a_index]
            cached = frozenset(content_words(f"{article.title or ''} {article.text}"))
            self._article_stems[a_index] = cached
        return cached

    def retrieved_articles(self, hits: Sequence[Hit], limit: int = ARTICLES_READ) -> list[int]:
        """The first ``limit`` distinct articles of ``hits``, best first: the ones answers read whole."""
        out: list[int] = []
        for hit in hits:
            a_index = self._owner[hit.sid]
            if a_index not in out:
                out.append(a_index)
                if len(out) == limit:
                    break
        return out

    def article_sentences(self, a_index: int) -> list[int]:
        """The ids of an article's sentences, title first (ids of one article are consecutive)."""
        lo = int(np.searchsorted(self._owner_array, a_index, side="left"))
        hi = int(np.searchsorted(self._owner_array, a_index, side="right"))
        return list(range(lo, hi))

    def article_of(self, article_id: str) -> int | None:
        """The index of the article with this id, or None."""
        return self._ids.get(article_id)

    def locate(self, article_id: str, text: str) -> int | None:
        """The id of sentence ``text`` of article ``article_id`` (a quote given earlier), or None."""
        a_index = self._ids.get(article_id)
        if a_index is None:
            return None
        return next((sid for sid in self.article_sentences(a_index) if self._texts[sid] == text), None)

    def idf(self, term: str) -> float:
        n = max(len(self._texts), 1)
        df = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def knows(self, term: str) -> bool:
        return term in self._postings

    def correct(self, term: str) -> str | None:
        """An indexed stem one or two typos from an unknown ``term`` ("tropp" -> "troop"), or None."""
        if term in self._postings or len(term) < 4 or not term.isalpha():
            return None
        if self._buckets is None:
            self._buckets = {}
            for known in self._postings:
                if known.isalpha():
                    self._buckets.setdefault((known[0], len(known)), []).append(known)
        pool = [t for n in range(len(term) - 2, len(term) + 3) for t in self._buckets.get((term[0], n), ())]
        close = difflib.get_close_matches(term, pool, n=3, cutoff=0.8)
        return max(close, key=lambda t: len(self._postings[t][0])) if close else None

    # --- search ---------------------------------------------------------------------------------

    def _array(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        cached = self._arrays.get(term)
        if cached is None:
            entry = self._postings.get(term)
            if entry is None:
                return None
            # copies: a view would pin the growing array (it could not be resized by a later add)
            cached = (np.frombuffer(entry[0], dtype=np.int32).astype(np.int64), np.frombuffer(entry[1], dtype=np.int32).astype(np.float32))
            self._arrays[term] = cached
        return cached

    def search(self, terms: Sequence[str], weights: Sequence[float] | None = None, limit: int = 30) -> list[Hit]:
        """The ``limit`` best sentences for these stems, best first (empty when none matches)."""
        n = len(self._texts)
        if n == 0:
            return []
        weights = list(weights) if weights is not None else [1.0] * len(terms)
        average = float(self._length_array.mean()) or 1.0
        scores = np.zeros(n, dtype=np.float32)
        coverage = np.zeros(len(self.articles), dtype=np.float32)
        for term, weight in zip(terms, weights):
            entry = self._array(term)
            if entry is None or weight <= 0:
                continue
            ids, tf = entry
            w = weight * self.idf(term)
            norm = _K1 * (1.0 - _B + _B * self._length_array[ids] / average)
            scores[ids] += w * tf * (_K1 + 1.0) / (tf + norm)
            present = np.zeros(len(self.articles), dtype=np.float32)
            present[self._owner_array[ids]] = w
            coverage += present
        own = scores > 0
        if not own.any():
            return []
        scores = scores + _ARTICLE_SHARE * coverage[self._owner_array]
        scores[~own] = 0.0
        candidates = np.flatnonzero(own)
        if len(candidates) > limit:
            candidates = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [Hit(int(i), float(scores[i])) for i in candidates]

    def with_neighbours(self, hits: list[Hit], top: int = NEIGHBOURS_OF, share: float = NEIGHBOUR_SHARE) -> list[Hit]:
        """``hits`` and the body sentences just before and after each of the ``top`` best, scored
        ``share`` of the sentence they stand beside, in score order. An answer is often printed in
        the sentence next to the one that names the story ("... the agency said. *It found
        loose bolts on United Airlines' jets.*"), which shares no word with the question."""
        have = {h.sid for h in hits}
        extra: list[Hit] = []
        for hit in hits[:top]:
            anchor = self.sentence(hit.sid)
            if anchor.is_title:
                continue
            for sid in (hit.sid - 1, hit.sid + 1):
                if 0 <= sid < len(self) and sid not in have:
                    near = self.sentence(sid)
                    if near.article_index == anchor.article_index and not near.is_title:
                        have.add(sid)
                        extra.append(Hit(sid, hit.score * share))
        if not extra:
            return hits
        return sorted([*hits, *extra], key=lambda h: -h.score)
