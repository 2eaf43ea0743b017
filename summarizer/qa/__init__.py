"""Question answering over articles: a short answer, the quotes that hold it, and who says what.

The stages, one module each, for one question:

1. :mod:`.question`: clean the question, find the asked slot and the kind of answer it wants.
2. :mod:`.thread`: a follow-up borrows from the previous :class:`~summarizer.model.Answer`.
3. :mod:`.retrieval`: BM25 over the sentences and titles of the articles (typos corrected).
4. :mod:`.candidates`: typed short spans of the best sentences (names, figures, dates, nouns).
5. :mod:`.ranking`: candidates grouped by value, scored by weights fitted on real news questions
   (``bench/rtqa.py`` -> ``data/ranker.json``), with a calibrated confidence.
   What someone said ("what did X say?") is a clause, not a span: :mod:`.claims` answers it;
   so is a reason ("why ...?"): :mod:`.reasons`.
6. :mod:`.gates`: abstain when the best answer is not supported well enough.
7. :mod:`.consensus`: cite every source that prints the answer; report rival values.

    >>> index = QAIndex.build(articles)
    >>> result = index.answer("how many troops did DHS request?")
    >>> result.answer, result.sure
    ('20,000', True)
    >>> index.answer("and at the border?", previous=result)

Errors: a question with no words raises :class:`~summarizer.errors.InvalidQuestionError`;
articles with no text at all raise :class:`~summarizer.errors.NoContentError`. Anything else gets
an :class:`~summarizer.model.Answer`, unanswered (``answered=False``, no citations) when nothing
supports an answer.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace

from ..errors import InvalidQuestionError, NoContentError
from ..language.lexicon import word_set
from ..language.names import is_given_name, name_lists
from ..model import Answer, Article, Citation
from . import consensus, gates
from .claims import answer_claim
from .reasons import answer_reason
from .candidates import answer_key
from .question import CLAIM, PRONOUNS, Question, analyse
from ..language import content_words
from .ranking import Group, Ranking, rank
from .retrieval import Hit, SentenceIndex
from .thread import anchor_sentences, with_previous

__all__ = ["answer", "QAIndex", "NOT_COVERED", "InvalidQuestionError"]

#: The answer text when no source covers a question.
NOT_COVERED = "No source covers this question."
NOT_ENGLISH = "Please ask in English: the sources are searched in English."
_RETRIEVED = 80
#: A speaker may be quoted in many sentences; claims are read further down the list.
_CLAIM_RETRIEVED = 200


class QAIndex:
    """A question-answering index over articles; grows with :meth:`add`, answers many questions."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self.sentences = SentenceIndex()
        self.sentences.add(articles)

    @classmethod
    def build(cls, articles: Iterable[Article]) -> QAIndex:
        """Index the articles. Raises NoContentError when they hold no text at all."""
        index = cls(articles)
        if len(index.sentences) == 0:
            raise NoContentError("The articles hold no text to search.")
        return index

    def add(self, articles: Iterable[Article]) -> int:
        """Index new articles without a rebuild; returns how many were new."""
        return self.sentences.add(articles)

    def answer(self, question: str, *, previous: Answer | None = None) -> Answer:
        """Answer ``question``; ``previous`` is the thread's previous answer, for follow-ups."""
        return self.explain(question, previous=previous)[0]

    def explain(self, question: str, *, previous: Answer | None = None) -> tuple[Answer, Ranking | None]:
        """The answer and the ranking behind it (for benchmarks and debugging)."""
        asked = analyse(question)
        if asked.foreign:
            return Answer(asked.text, False, NOT_ENGLISH, confidence=0.0, sure=False), None
        asked = self._spelled(with_previous(asked, previous))
        hits = self._retrieve(asked, previous)
        if asked.kind == CLAIM and (asked.about or "").lower() in PRONOUNS:
            # "what did she say?": she is the person the thread's previous answer named
            if previous is None or not previous.answered or len(previous.answer.split()) > 5:
                return Answer(asked.text, False, NOT_COVERED, confidence=0.0, sure=False), None
            asked = replace(asked, about=previous.answer.removeprefix("most likely ").strip())
        if asked.kind == CLAIM:
            # "what did X say?" is answered by what X is reported to say, never by a short span
            said = answer_claim(asked, self.sentences, self.sentences.search(asked.terms, asked.weights, limit=_CLAIM_RETRIEVED))
            if said is not None:
                return said, None
            return Answer(asked.text, False, NOT_COVERED, confidence=0.0, sure=False), None
        if asked.wh == "why" and not asked.follow_up:
            # "why ...?" is answered by the reason a source prints (a clause), when one is printed
            reason = answer_reason(asked, self.sentences, hits)
            if reason is not None:
                return reason, None
        # "and how many are at the border?" asks for another value than the one just given
        again = previous is not None and previous.answered and not asked.follow_up
        ranking = rank(asked, self.sentences, hits, exclude=frozenset({answer_key(previous.answer)}) if again else frozenset())  # type: ignore[union-attr]
        if asked.kind == "role":
            # "who is X?": only what reads as a post or trade describes X
            ranking.groups = [g for g in ranking.groups if gates.is_description(g.text)]
        if not gates.supported(asked, self.sentences, ranking):
            return Answer(asked.text, False, NOT_COVERED, confidence=ranking.confidence, sure=False), ranking
        best = _fuller_name(ranking, _own_topic(asked, ranking, self.sentences), self.sentences)
        if asked.plural:
            listed = _name_list(asked, ranking, self.sentences, best)
            if listed is not None:
                return listed, ranking
        cited = consensus.citations(self.sentences, ranking, best)
        rivals = consensus.disagreements(self.sentences, ranking, best, cited)
        answering = len({self.sentences.sentence(h.sid).article.id for h in hits if h.score >= 0.5 * hits[0].score})
        model_sure = ranking.confidence >= gates.load_model().sure and gates.clears(ranking)
        return (
            Answer(
                asked.text,
                True,
                best.text,
                tuple(cited),
                tuple(rivals),
                consensus.summary_line(cited, max(answering, len(cited)), rivals),
                confidence=ranking.confidence,
                sure=model_sure,
            ),
            ranking,
        )

    def _retrieve(self, asked: Question, previous: Answer | None) -> list[Hit]:
        if asked.follow_up and previous is not None:
            anchored = anchor_sentences(self.sentences, previous)
            return [Hit(sid, 1.0 - 0.01 * i) for i, sid in enumerate(anchored)]
        return self.sentences.with_neighbours(self.sentences.search(asked.terms, asked.weights, limit=_RETRIEVED))

    def _spelled(self, asked: Question) -> Question:
        """The question with each unknown word replaced by the indexed word it is a typo of."""
        terms = tuple(self.sentences.correct(t) or t for t in asked.terms)
        counted = tuple(self.sentences.correct(t) or t for t in asked.counted)  # "how many tropps"
        return asked if (terms, counted) == (asked.terms, asked.counted) else replace(asked, terms=terms, counted=counted)


def _own_topic(asked: Question, ranking: Ranking, sentences: SentenceIndex) -> Group:
    """The best group whose sentence prints a word of the follow-up's own ("and at the *border*?"):
    words borrowed from the previous question find the story, not the answer."""
    own = {t for t, w in zip(asked.terms, asked.weights) if w >= 1.0}
    if own and len(own) < len(asked.terms):
        for group in ranking.groups[:5]:
            if own & set(content_words(sentences.sentence(group.best.sid).text)):
                return group
    return ranking.groups[0]


#: Words printed before a name that some given-name lists hold too ("Prince Harry", "Princess Kate").
_TITLES = word_set("person_titles")


def _fuller_name(ranking: Ranking, best: Group, sentences: SentenceIndex) -> Group:
    """The best value in its fullest printed form: a surname alone ("Johansson") is the last word
    of the one full name (a given name, then the surname: "Scarlett Johansson") that the article
    of its best sentence prints. News names someone in full once, then by surname; the quote that
    holds the full name says who is meant. Places and titles are not taken in ("Kyiv, Ukraine",
    "Hurricane Ernesto" name something else or add what the question did not ask)."""
    if best.shape not in ("person", "name") or len(best.key.split()) != 1:
        return best
    article = sentences.sentence(best.best.sid).article_index
    fuller = []
    for group in ranking.groups[1:]:
        words = group.text.split()
        if len(words) != 2 or group.shape != "person" or not group.key.endswith(" " + best.key):
            continue
        if not is_given_name(words[0]) or not words[0][:1].isupper() or words[0].lower() in _TITLES:
            continue
        if any(sentences.sentence(o.sid).article_index == article for o in group.occurrences):
            fuller.append(group)
    return fuller[0] if len({g.key for g in fuller}) == 1 else best


#: How many of the best retrieved sentences may print the list a plural slot asks for.
_LIST_SENTENCES = 5


def _name_list(asked: Question, ranking: Ranking, sentences: SentenceIndex, best: Group) -> Answer | None:
    """A plural slot ("which agencies ...?") answered by the list of names a source prints: the
    list holding the best value, or else one in (or right after) the best sentences printing a
    question word within three words of it ("agents *from* the Bureau of ..., the U.S. Marshals Service and the Drug
    Enforcement Administration"). Never sure: where a list starts and ends is read, not learned."""
    terms = set(asked.terms)
    found: tuple[str, int] | None = None
    for occurrence in best.occurrences:
        text = sentences.sentence(occurrence.sid).text
        for span in name_lists(text):
            if span.start <= occurrence.candidate.start < span.end:
                found = (span.text, occurrence.sid)
                break
        if found:
            break
    # each of the best sentences, then the one after it in its article (the list often follows
    # the sentence that matches the question: "... pulled in agents from other agencies. The DOJ
    # moved to enlist agents from A, B and C")
    near_best = [s for h in ranking.hits[:_LIST_SENTENCES] for s in (h.sid, h.sid + 1)
                 if s < len(sentences) and sentences.sentence(s).article_index == sentences.sentence(h.sid).article_index]
    for sid in near_best if found is None else ():
        text = sentences.sentence(sid).text
        for span in name_lists(text):
            near = " ".join(text[: span.start].split()[-3:] + text[span.end :].split()[:3])
            if terms & set(content_words(near)):
                found = (span.text, sid)
                break
        if found:
            break
    if found is None:
        return None
    value = found[0]
    cited: list[Citation] = []
    articles: set[int] = set()
    for sid in [found[1]] + [h.sid for h in ranking.hits]:
        sentence = sentences.sentence(sid)
        if sentence.article_index in articles or value not in sentence.text:
            continue
        articles.add(sentence.article_index)
        cited.append(Citation(sentence.article.id, sentence.article.source, sentence.text, sentence.article.url))
    confidence = min(ranking.confidence, 0.9 * gates.load_model().sure)
    summary = "1 source" if len(cited) == 1 else f"{len(cited)} sources"
    return Answer(asked.text, True, value, tuple(cited), (), summary, confidence=confidence, sure=False)


_CACHE: OrderedDict[tuple[tuple[str, str, int], ...], QAIndex] = OrderedDict()
_CACHE_SIZE = 8


def answer(question: str, articles_or_index: Iterable[Article] | QAIndex, *, previous: Answer | None = None) -> Answer:
    """Answer a question from articles (or a built :class:`QAIndex`), citing every source that prints it.

    For a list of articles, the index is built once and kept in a small cache keyed by the
    articles' ids and texts, so a chat thread over the same story does not re-index.
    """
    if isinstance(articles_or_index, QAIndex):
        return articles_or_index.answer(question, previous=previous)
    arts = tuple(articles_or_index)
    key = tuple((a.id, a.source, hash(a.text)) for a in arts)
    index = _CACHE.get(key)
    if index is None:
        index = QAIndex.build(arts)
        _CACHE[key] = index
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return index.answer(question, previous=previous)
