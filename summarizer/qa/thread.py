"""Threads: a follow-up question is read with the previous :class:`~summarizer.model.Answer`.

Two cases:

- A follow-up with no topic of its own ("when?", "who said that?", "how many?") is about the
  previous answer: it is answered only from the sentences that answer quoted (``anchor``).
- Otherwise the follow-up keeps its own words and borrows the previous question's words at a
  lower weight ("and at the border?" after "how many troops did DHS request?"); an elliptical one
  ("what about Florida?") keeps the previous kind of answer. A pronoun ("which group does *he*
  lead?") stands for the previous answer when that answer is a name: its words are searched too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language import content_words
from ..model import Answer
from .question import Question, analyse
from .retrieval import SentenceIndex

__all__ = ["with_previous", "anchor_sentences"]

#: Weight of words borrowed from the previous question (the follow-up's own weigh 1).
BORROWED_WEIGHT = 0.4
_ELLIPTICAL = re.compile(r"^(?:and|but|so|also|what\s+about|how\s+about|and\s+what\s+about)\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|they|them|their|it|its)\b", re.I)
_NAME = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:of|the|[A-Z][\w'’.&-]*)){0,5}")


def with_previous(question: Question, previous: Answer | None) -> Question:
    """``question`` with what it borrows from the previous answer of the thread."""
    if previous is None:
        return question
    try:
        earlier = analyse(previous.question)
    except ValueError:
        return question
    terms = list(question.terms)
    weights = list(question.weights)
    borrowed = list(earlier.terms)
    if _PRONOUN.search(question.text) and previous.answered and _NAME.fullmatch(previous.answer):
        # the pronoun stands for the name just given: "how old is she?" asks "how old is <name>?",
        # so the name's words weigh as the question's own
        for term in content_words(previous.answer):
            if term not in terms:
                terms.append(term)
                weights.append(1.0)
    for term in borrowed:
        if term not in terms:
            terms.append(term)
            weights.append(BORROWED_WEIGHT)
    kind, head, counted = question.kind, question.head, question.counted
    if _ELLIPTICAL.match(question.text) and question.kind == "description":
        kind, head, counted = earlier.kind, earlier.head, earlier.counted
    return replace(question, terms=tuple(terms), weights=tuple(weights), kind=kind, head=head, counted=counted or earlier.counted)


def anchor_sentences(index: SentenceIndex, previous: Answer) -> list[int]:
    """The ids of the sentences the previous answer quoted, and the sentence before each."""
    out: list[int] = []
    for citation in previous.citations:
        sid = index.locate(citation.source, citation.quote)
        if sid is None:
            continue
        for other in (sid, sid - 1):
            if other >= 0 and other not in out and index.sentence(other).article.id == citation.source:
                out.append(other)
    return out
