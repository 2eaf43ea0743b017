"""PLACEHOLDER (walking skeleton): replaced by the real question answering."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Answer, Article, Citation
from .text import content_words, split_sentences


def answer(question: str, articles: Iterable[Article]) -> Answer:
    """Answer a question from the articles, quoting and citing them (placeholder: best overlap)."""
    q = set(content_words(question))
    best = None
    for a in articles:
        for s in split_sentences(a.text):
            score = len(q & set(content_words(s)))
            if score and (best is None or score > best[0]):
                best = (score, a, s)
    if best is None:
        return Answer(question, False, "No source covers this question.")
    _, a, s = best
    return Answer(question, True, s, (Citation(a.id, a.source, s, a.url),))
