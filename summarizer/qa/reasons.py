"""Why: the answer to "why did X ...?" is the reason a source prints, a clause, not a short span.

A reason is read from a sentence that matches the question best (the *anchor*: one of the few
best retrieved, printing the question's subject, "why did *the council* ...?", and a fair share
of its words) in one of two ways:

- a causal connective in the anchor: "the council rejected the plan *because it would raise
  fares*" (connectives in ``language/data/reason_openers.txt``);
- the next sentence of the same article, when it reports someone judging or explaining the
  anchor's fact: "The move drew backlash from unions. Their leader *criticised the plan as a threat
  to jobs*": the words after the judgment ("as ..."), or the clause after a verb of saying.

A reason's boundaries are guessed, so it is never given as sure. The quote cited is the sentence
that prints it (the anchor's neighbour is cited with the anchor's article).
"""

from __future__ import annotations

import re

from ..language import content_words
from ..language.lexicon import word_list
from ..model import Answer, Citation
from .claims import claim_verbs, enough_words, told_content
from .question import Question
from .ranking import load_model
from .retrieval import Hit, SentenceIndex

__all__ = ["find_reason", "answer_reason", "reason_in", "why_subject"]

#: Least share of the question's (idf-weighted) words the anchor sentence must print (the
#: anchor often stands for the deed with "the move", "the decision": the subject pins it).
MIN_ANCHOR_COVERAGE = 0.3
_WHY_SUBJECT = re.compile(
    r"\bwhy\s+(?:is|are|was|were|did|do|does|has|have|had|would|will|could|should|can)\s+(?:not\s+|n't\s+)?"
    r"(?:the\s+|a\s+|an\s+|some\s+|many\s+|so\s+many\s+)?([\w'’.-]+)",
    re.I,
)
#: How many of the best retrieved sentences may anchor a reason.
_ANCHORS = 3
_OPENERS = sorted(word_list("reason_openers"), key=len, reverse=True)
_CAUSAL = re.compile(r"(?:^|[\s,;(])(" + "|".join(re.escape(o) for o in _OPENERS) + r")\s+", re.I)
# a judgment: "criticised the request *as* ...", "called the plan *a* ..."
_AS = re.compile(r"^[^,;]{0,60}?\bas\s+(.+)$", re.I)


def _tidy(text: str) -> str:
    return text.strip(" ,;:-–—‘’“”\"'").rstrip(" .,;:‘’“”\"'").strip()


def reason_in(sentence: str) -> str | None:
    """The clause a causal connective opens in ``sentence`` ("because it would raise fares"), or None."""
    match = _CAUSAL.search(sentence)
    if not match:
        return None
    clause = re.split(r";|\s+(?:but|while|whereas)\s+", sentence[match.end() :])[0]
    clause = _tidy(clause)
    return clause if enough_words(clause) else None


def _judgment(sentence: str) -> str | None:
    """What a sentence reports someone judging or explaining: the words after the judgment verb's
    object ("criticised the request *as an overreach*"), or the clause after a verb of saying."""
    for word in claim_verbs(sentence):
        rest = told_content(word.group(0), sentence[word.end() :])
        if rest is None:
            return None
        judged = _AS.match(rest)
        content = judged.group(1) if judged else re.sub(r"^\s*(?:that\s+)?", "", rest)
        content = _tidy(content)
        return content if enough_words(content) else None
    return None


def _coverage(question: Question, index: SentenceIndex, text: str) -> float:
    weight = {t: index.idf(t) * w for t, w in zip(question.terms, question.weights) if index.knows(t)}
    total = sum(weight.values()) or 1.0
    printed = set(content_words(text))
    return sum(v for t, v in weight.items() if t in printed) / total


def why_subject(question: str) -> str | None:
    """The stem of the subject a why-question asks about ("why did *the council* reject ...?": counc)."""
    match = _WHY_SUBJECT.search(question)
    stems = content_words(match.group(1)) if match else []
    return stems[0] if stems else None


def find_reason(question: Question, index: SentenceIndex, hits: list[Hit]) -> tuple[str, int] | None:
    """(the reason, the sentence id printing it) for a why-question, or None."""
    subject = why_subject(question.text)
    for hit in hits[:_ANCHORS]:
        anchor = index.sentence(hit.sid)
        if subject is None or subject not in content_words(anchor.text):
            continue
        if _coverage(question, index, anchor.text) < MIN_ANCHOR_COVERAGE:
            continue
        reason = reason_in(anchor.text)
        if reason:
            return reason, hit.sid
        nxt = hit.sid + 1
        if nxt < len(index):
            following = index.sentence(nxt)
            if following.article_index == anchor.article_index and not following.is_title:
                reason = _judgment(following.text) or reason_in(following.text)
                if reason:
                    return reason, nxt
    return None


def answer_reason(question: Question, index: SentenceIndex, hits: list[Hit]) -> Answer | None:
    """The answer to a why-question, citing the sentence that prints the reason, or None."""
    found = find_reason(question, index, hits)
    if found is None:
        return None
    reason, sid = found
    sentence = index.sentence(sid)
    article = sentence.article
    # a clause's boundaries are guessed: below the sure threshold, worded as "most likely"
    confidence = 0.9 * load_model().sure
    return Answer(
        question.text,
        True,
        reason,
        (Citation(article.id, article.source, sentence.text, article.url),),
        (),
        "1 source",
        confidence=confidence,
        sure=False,
    )
