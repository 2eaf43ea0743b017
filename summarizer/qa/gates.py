"""Gates: whether the best candidate may be given as an answer at all.

The gates judge the chosen answer, not the question: the fitted probability that the articles
answer the question must clear the
abstention threshold fitted on data (``bench/rtqa.py``: realtimeqa questions, RGB negatives of
the fitting half, our own unanswerable questions), and the sentence behind the answer must share
enough of the question's weight (``MIN_COVERAGE``). A question about a name that no retrieved
article prints ("what did Senator Chuck Schumer say?" over articles that never name him) is
answered by nothing: related sources name the right kind of answer for another fact.
"""

from __future__ import annotations

from ..language import content_words
from .question import Question
from .ranking import Ranking, load_model
from .retrieval import SentenceIndex

__all__ = ["supported", "missing_names", "MIN_COVERAGE"]

#: Least share of the question's (idf-weighted) words the answer's best sentence must print.
MIN_COVERAGE = 0.2
#: A question most of whose words the articles never print is about something else (half of
#: them, for a question of three words or more). On the fit weeks of realtimeqa-2024 this gate
#: costs 0.2 F1 points (out-of-fold winners of bench/rtqa.py's tables, 2026-12-06).
MAX_UNKNOWN_SHARE = 0.6


def missing_names(question: Question, index: SentenceIndex, ranking: Ranking) -> list[str]:
    """The question's capitalised words (past its first word) that no retrieved article prints."""
    tokens = question.text.replace("?", " ").split()
    names = [t.strip(",.:;\"“”'’()") for t in tokens[1:] if t[:1].isupper()]
    names = [n for n in names if n and n.lower() not in ("i", "the", "a")]
    if not names or not ranking.hits:
        return []
    seen: set[str] = set()
    for a_index in index.retrieved_articles(ranking.hits):
        seen |= index.article_stems(a_index)
    return [n for n in names if content_words(n) and not (set(content_words(n)) & seen)]


def supported(question: Question, index: SentenceIndex, ranking: Ranking) -> bool:
    """Whether the best candidate of ``ranking`` may answer ``question``."""
    if not ranking.groups:
        return False
    if ranking.answerable < load_model().abstain:
        return False
    if ranking.support:
        unknown, terms = ranking.support[2], len(question.terms)
        if unknown >= MAX_UNKNOWN_SHARE or (unknown >= 0.5 and terms >= 3):
            return False
    best = ranking.groups[0].best
    if best.coverage < MIN_COVERAGE:
        return False
    return not missing_names(question, index, ranking)
