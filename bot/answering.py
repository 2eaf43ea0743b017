"""The seam between the service and the summarizer's question answering: the one place that
knows how the QA index is fed and how a follow-up is asked.

    index = AnswerIndex()
    index.sync(articles_by_id)                      # the corpus now (see BriefingService.answer)
    answer = index.answer("how many troops?", previous=None)
    turn = ThreadTurn(("how many troops?",), answer)
    index.answer("and at the border?", previous=turn)

The service keeps one ``AnswerIndex`` fed as articles arrive and as stories leave the story
window, and stores each chat thread's last ``ThreadTurn`` (``turn_to_json``/``turn_from_json``).

Today's summarizer API is ``QAIndex.build(articles)`` (no adding) and
``QAIndex.answer(question, context=[earlier questions])``. The planned one is
``QAIndex.add(articles)`` and ``answer(question, index, previous=Answer)``; switching over is a
change to ``_current`` and ``answer`` below and nothing else.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from typing import Any

import summarizer
from summarizer import Answer, Article
from summarizer.model import Citation, Disagreement

from .ports import ThreadTurn

_log = logging.getLogger(__name__)

__all__ = ["AnswerIndex", "MAX_THREAD_QUESTIONS", "turn_from_json", "turn_to_json"]

#: Questions of a thread kept for the follow-up API of today (``context=``); the planned API
#: needs only the last answer.
MAX_THREAD_QUESTIONS = 3


class AnswerIndex:
    """The question-answering index over the service's corpus, kept in step with it.

    ``sync`` is told the corpus (article id -> article); articles new to it are added and
    articles gone from it (their story left the window) are dropped. Work is done lazily, on the
    next answer, so a burst of fetches costs one index update, not one per article. Answers may
    run in several threads at once; the index is brought up to date by one of them at a time.
    """

    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._index: summarizer.QAIndex | None = None
        self._pending: list[Article] = []
        self._stale = True  # the index must be built from ``_articles`` before the next answer
        self._lock = threading.Lock()
        self.builds = 0  # full builds so far (observable: a bench and a test count them)

    def __len__(self) -> int:
        return len(self._articles)

    def sync(self, corpus: Mapping[str, Article]) -> None:
        """Make the indexed articles ``corpus``: new ones are added, missing ones dropped."""
        with self._lock:
            gone = self._articles.keys() - corpus.keys()
            new = [article for article_id, article in corpus.items() if article_id not in self._articles]
            if gone:
                self._articles = dict(corpus)
                self._pending = []
                self._stale = True
            elif new:
                self._articles.update((a.id, a) for a in new)
                self._pending.extend(new)

    def answer(self, question: str, *, previous: ThreadTurn | None = None) -> Answer:
        """Answer ``question`` from the corpus; ``previous``: the thread's last exchange.

        Raises ``summarizer.errors.NoContentError`` when the corpus holds no text at all.
        """
        index = self._current()
        context = list(previous.questions) if previous is not None else []
        return index.answer(question, context=context)

    def _current(self) -> summarizer.QAIndex:
        """The index with every change since the last answer applied."""
        with self._lock:
            if self._index is None or self._stale or self._pending:
                # Today's QAIndex cannot take articles once built: it is built again, once for
                # all the changes since the last answer (with ``QAIndex.add``: add ``_pending``).
                # ``summarizer.QAIndex`` loads the question-answering stack on first use
                # (seconds, with nltk): commands that answer nothing never pay for it.
                self._index = summarizer.QAIndex.build(sorted(self._articles.values(), key=lambda a: a.id))
                self.builds += 1
                self._stale = False
                self._pending = []
                _log.debug("question index built over %d articles", len(self._articles))
            return self._index


# ---------------------------------------------------------------------------------------------
# storing a thread's last exchange


def turn_to_json(turn: ThreadTurn) -> str:
    """The answer of a turn as stored (the questions are stored beside it)."""
    data: dict[str, Any] = turn.answer.to_dict()
    data["summary"] = turn.answer.summary
    return json.dumps(data, ensure_ascii=False)


def turn_from_json(questions: tuple[str, ...], text: str) -> ThreadTurn | None:
    """A stored turn; None (logged) when the stored answer cannot be read back."""
    try:
        data = json.loads(text)
        answer = Answer(
            question=str(data["question"]),
            answered=bool(data["answered"]),
            answer=str(data["answer"]),
            citations=tuple(
                Citation(source=c["source"], outlet=c["outlet"], quote=c["quote"], url=c.get("url"))
                for c in data.get("citations", [])
            ),
            disagreements=tuple(
                Disagreement(value=d["value"], sources=tuple(d["sources"])) for d in data.get("disagreements", [])
            ),
            summary=data.get("summary"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        _log.warning("a stored chat thread could not be read back (%s): answering afresh", exc)
        return None
    return ThreadTurn(questions=questions, answer=answer)
