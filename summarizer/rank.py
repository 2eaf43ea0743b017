"""Sentence centrality with sumy's LexRank, made fast enough to run on every brief.

sumy's ``LexRankSummarizer`` is the ranking the user asked for. Two of its steps are quadratic in
pure Python (document frequencies scan every sentence for every word; the similarity matrix is
filled one cell at a time), which takes seconds on a 300-sentence story. ``FastLexRank`` keeps
sumy's document model, word normalisation, stemming hook, tf weighting and power method, and
replaces those two steps with counting and a matrix product (with a smoothed idf that stays
positive in short stories). It also uses *continuous* LexRank
(similarities as edge weights rather than a 0/1 threshold) with PageRank damping, which the
LexRank paper reports as the stronger variant and which keeps the walk well defined on stories
whose sentences share few words.

    >>> scores = centrality(["A fire burned homes.", "The fire burned 40 homes.", "Rain fell."])
    >>> scores.argmax()
    1

numpy is imported on first use: ``import summarizer`` stays cheap. The ranking itself runs without
sumy (same words, weights and power method, checked against sumy's in the tests): importing sumy
imports all of nltk, about half a second of a cold ``newsbrief brief``. ``fast_lexrank`` still
gives the ranking as a sumy summarizer, for code that wants sumy's interface.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .language import STOP_WORDS, SentenceTokenizer, stem

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["centrality", "cosine_matrix", "fast_lexrank", "lexrank", "sumy_document"]

_log = logging.getLogger(__name__)

#: PageRank damping: the chance the random reader follows a similarity link instead of jumping.
DAMPING = 0.85
#: Convergence of the power method (L2 change between iterations).
EPSILON = 1e-6


def sumy_document(sentences: Sequence[str]) -> Any:
    """A sumy document holding exactly these sentences, in order, tokenized offline."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = SentenceTokenizer()
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


@lru_cache(maxsize=1)
def _lexrank_class() -> type:
    import numpy
    from sumy.summarizers.lex_rank import LexRankSummarizer

    class FastLexRank(LexRankSummarizer):  # type: ignore[misc]
        """sumy's LexRank with vectorised idf and similarity, continuous weights and damping."""

        @staticmethod
        def _compute_idf(sentences: list[list[str]]) -> dict[str, float]:
            # Counted in one pass (sumy rescans every sentence for every word). Smoothed:
            # sumy's log(N / (1 + n)) is zero or negative for a word in most sentences, so in a
            # short story the words that tie it together would count for nothing, or against.
            count = len(sentences)
            df = Counter(term for words in sentences for term in set(words))
            return {term: math.log(1.0 + count / n) for term, n in df.items()}

        def similarity(self, document: Any) -> numpy.ndarray:
            """Idf-modified cosine between every pair of sentences (sumy's measure, all at once)."""
            return cosine_matrix([str(s) for s in document.sentences])

        def rate(self, document: Any, similarity: numpy.ndarray | None = None) -> numpy.ndarray:
            """Stationary probability of each sentence (by position, so equal texts keep their own)."""
            if similarity is None:
                similarity = self.similarity(document)
            return _rate(similarity)

    return FastLexRank


def fast_lexrank() -> Any:
    """A ``FastLexRank`` summarizer configured with the project's stemmer and stop words.

    Usable wherever sumy's summarizers are: ``fast_lexrank()(document, 3)``.
    """
    summarizer = _lexrank_class()(stem)
    summarizer.stop_words = STOP_WORDS
    return summarizer


def centrality(sentences: Sequence[str]) -> np.ndarray:
    """LexRank centrality of each sentence, normalised so the most central scores 1."""
    return lexrank(sentences)[0]


def lexrank(sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Centrality (most central = 1) and the similarity matrix it was computed from."""
    import numpy

    similarity = cosine_matrix(sentences)
    scores = _rate(similarity)
    top = float(scores.max()) if len(scores) else 0.0
    return (scores / top if top > 0 else numpy.ones(len(sentences))), similarity


def cosine_matrix(sentences: Sequence[str]) -> np.ndarray:
    """sumy's idf-modified cosine similarity between every pair of sentences.

    The same numbers as ``FastLexRank.similarity`` (the same words, stems, tf and smoothed idf),
    computed without sumy's document model: importing sumy imports all of nltk (about half a
    second of a cold ``newsbrief brief``), and a brief needs none of it.
    """
    import numpy

    if not sentences:
        return numpy.zeros((0, 0))
    sentence_terms = [_terms(s) for s in sentences]
    count = len(sentence_terms)
    df = Counter(term for terms in sentence_terms for term in set(terms))
    vocab = {t: k for k, t in enumerate(df)}
    idf = [math.log(1.0 + count / n) for n in df.values()]
    # float32, normalised in place: the dense sentences x vocabulary matrix is the largest object a
    # brief builds, and single precision leaves cosines good to ~1e-7, far below any threshold
    # that reads them (briefs were checked identical to float64 ones).
    matrix = numpy.zeros((count, max(len(vocab), 1)), dtype=numpy.float32)
    for row, terms in enumerate(sentence_terms):
        tf = Counter(terms)
        top = max(tf.values()) if tf else 1
        for term, n in tf.items():
            column = vocab[term]
            # The product in double precision, then stored: exactly the cells sumy's way gave.
            matrix[row, column] = n / top * idf[column]
    norms = numpy.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    return matrix @ matrix.T


def _terms(sentence: str) -> list[str]:
    # sumy's LexRank words: the tokenizer's words, lower-cased, stop words out, stemmed.
    lowered = (w.lower() for w in SentenceTokenizer().to_words(sentence))
    return [stem(w) for w in lowered if w not in STOP_WORDS]


def _rate(similarity: np.ndarray) -> np.ndarray:
    """Stationary probability of each sentence on the damped similarity walk (sumy's power method)."""
    import numpy

    n = len(similarity)
    if n == 0:
        return numpy.zeros(0)
    sim = numpy.clip(similarity, 0.0, None)
    numpy.fill_diagonal(sim, 0.0)
    degree = sim.sum(axis=1)
    transition = numpy.where(
        degree[:, None] > 0, sim / numpy.where(degree > 0, degree, 1)[:, None], 1.0 / n
    )
    damped = DAMPING * transition + (1.0 - DAMPING) / n
    return numpy.abs(_power_method(damped, EPSILON))


def _power_method(matrix: np.ndarray, epsilon: float) -> np.ndarray:
    # sumy's LexRankSummarizer.power_method, step for step (so rankings match it exactly).
    import numpy

    transposed = matrix.T
    count = len(matrix)
    p_vector = numpy.array([1.0 / count] * count)
    change = 1.0
    while change > epsilon:
        next_p = numpy.dot(transposed, p_vector)
        next_p /= numpy.linalg.norm(next_p)
        change = numpy.linalg.norm(numpy.subtract(next_p, p_vector))
        p_vector = next_p
    return p_vector
