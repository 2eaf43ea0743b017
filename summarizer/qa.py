"""Question answering over articles: a short answer, quotes that contain it, and who says what.

Pipeline, for one question:

1. **Analyse** the question (:mod:`summarizer.question`): the kind of answer wanted, the words it
   is about, what a "how many" counts; follow-ups borrow from earlier questions.
2. **Retrieve** sentences with the BM25 :class:`~summarizer.index.SentenceIndex`; unknown question
   words are matched to the index vocabulary within a small edit distance (typos).
3. **Abstain** when the support is weak. A sentence supports an answer only if it covers enough
   of the question (idf-weighted) counting its article (``MIN_COVERAGE``) *and* by itself with the
   sentence before (``MIN_LOCAL_COVERAGE``: a sentence about Governor Abbott's past orders does not
   answer "which governors *agreed* to send troops?" because "agreed" appears three paragraphs
   away), states the question's predicate when one can be told ("have *agreed*", "who *won*",
   "when was it *released*"), and can report on the year the question names (the sentence prints
   it, or its article is dated that year; "since 2018" and a report dated 2022 do not say who won
   in 2018). A numbered name must not be numbered otherwise ("Splatoon 1" for "Splatoon 2"). A
   name the articles never mention makes the answer an abstention, and so does a specific
   question (a year, a numbered name, two names) answered by one source whose sentence leaves
   much of it unsaid (``LONE_SOURCE_COVERAGE``): related sources name the right kind of answer for
   a sibling fact. A confident wrong answer is worse than none.
4. **Extract** typed candidates from the supporting sentences: figures (:mod:`summarizer.language.quantities`)
   for how many / how much / what percentage (a change or a level, as the question asks),
   capitalised names with their roles for who / which, date expressions for when, places for
   where; a sentence for what / why (prose only: not a heading, a list or a fragment). A value is
   dropped when the sentence ties it to something else: another year next to it, another number
   of the asked name before it, a list item that shares nothing with the question. A capitalised
   word is not a name when used as one is not ("won *an Oscar*", "the *Austrian* author",
   "*BREAKING NEWS*:", "since *Fred Perry*", "*Titanic* (1997)", "Raiders president" for the NFL's).
   Names prefer the question's role in the clause: the subject of its verb ("Halep won"), the one
   acted upon for a passive question ("which department *was asked*": "asked *the Pentagon*"),
   the person before an apposition ("Mark Ellison, president of X, called ...").
5. **Vote** across outlets: candidates are grouped by value and each source counts once; the value
   most sources print answers. When outlets print the same sentence with different values, the
   two values fill one slot and compete with each other, not with a name every outlet prints.
6. **Support**: after choosing the answer, a second index lookup (question words plus the answer's
   own) finds every other source that states it, and each is cited with its best sentence that
   contains the answer. A sentence that prints the answer's value in its own words is support
   when it covers the question or shares enough words with a sentence already cited (cross-source
   alignment: "could owe up to $310 million in unpaid wages" and "back pay could reach $310
   million"). A source that states another value for the same quantity
   (:func:`summarizer.language.quantities.quantity_similarity`, the same sentence with the value swapped, or a
   close value of what the question counts in a sentence covering all of it) is a disagreement
   with its sources ("95% per one outlet, 99% per another"). A figure for a different quantity
   that shares a noun (troops requested vs troops already at the border) is neither.

**Votes, wholes, follow-ups.** "What was the vote / score / margin?" wants a tally ("5-2", a figure
with unit "vote"), and a tally never answers "how many X?" unless X are votes or voters voting;
"how many economists were *polled*?" wants the whole of "14 of 20 economists" (20), "... expected a
cut?" the part. A follow-up borrows the thread's words at a lower weight, and must print a word of
its own ("what about Florida?"); one with no topic of its own ("who said that?", "when?") is
answered only from the sentences the previous answer quoted (the speaker of that quote, a date
near that value), or abstains.

Every citation quotes a whole sentence exactly as the source printed it (as split by
:func:`summarizer.language.split_sentences`), and every quote contains the short answer it supports:
a name shown with its role only when every quote prints that role, a figure in any typesetting of
its value ("a quarter point" for "25 basis points"), a sentence answer only where it is printed
whole (wire copy), never a paraphrase.

Build a :class:`QAIndex` once for a large store and ask it many questions; :func:`answer` builds
(and caches) a small one for the articles it is handed.

    >>> index = QAIndex.build(articles)
    >>> index.answer("how many troops did DHS request?").answer
    '20,000 National Guard troops'

Errors: an empty question, or one with no words (only punctuation or markup), raises
:class:`~summarizer.question.InvalidQuestionError`; articles with no text at all raise
:class:`~summarizer.errors.NoContentError`. Everything else (long, foreign, prompt-like, off-topic
questions) gets an :class:`~summarizer.model.Answer`, unanswered when no source covers it.
"""

from __future__ import annotations

import logging
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .errors import NoContentError
from .language.quantities import (
    SAME_QUANTITY_THRESHOLD,
    Figure,
    extract_figures,
    qualifier_class,
    quantity_similarity,
    same_quantity,
)
from .index import Hit, IndexedSentence, SentenceIndex, canonical_stem, index_terms
from .model import Answer, Article, Citation, Disagreement
from .question import (
    ENTITY_KINDS,
    NUMBER_KINDS,
    InvalidQuestionError,
    QuestionSpec,
    analyse_question,
)
from .relations import (
    agent_pattern,
    names_as_asked,
    normalise_word,
    qualifier_conflict,
    question_names,
    question_words,
    role_link,
)
from .language import STOP_WORDS, content_words, stem

__all__ = ["answer", "QAIndex", "InvalidQuestionError", "NOT_COVERED", "MIN_COVERAGE"]

_log = logging.getLogger(__name__)

#: The answer text when no source covers a question.
NOT_COVERED = "No source covers this question."
#: Minimum idf-weighted share of the question's words that the best supporting sentence (with the
#: sentence before it) must contain. Calibrated on bench/qa_eval.py: below it, answers are mostly
#: wrong; above it, abstentions are mostly wrong.
MIN_COVERAGE = 0.5
#: Minimum idf-weighted share of the question's words that the sentence itself (with the one
#: before) must print, without credit for words its article uses elsewhere: a sentence naming
#: "Governor Greg Abbott" among the Guard's past uses does not answer "which governors *agreed*
#: to send troops?" just because the article says "agreed" in another paragraph.
MIN_LOCAL_COVERAGE = 0.45
#: An answer that only one source states needs a sentence that covers this much of the question
#: by itself (calibrated on the tuning split: RGB items 0-49 and the tuning stories).
LONE_SOURCE_COVERAGE = 0.6
#: Fewer words than this is a heading or a label, not a statement that can answer a question.
_STATEMENT_WORDS = 4
#: What :func:`_role_in_clause` gives a name the sentence makes the asked verb's subject (or agent).
_LINKED_FIT = 1.6
#: Roles named after what their holder does: "the Maxwell Award *winner*" is whoever *won* it.
_ROLE_VERBS = {
    role: stem(verb)
    for role, verb in {
        "winner": "win", "champion": "win", "director": "direct", "founder": "found", "owner": "own",
        "creator": "create", "author": "write", "buyer": "buy", "host": "host", "developer": "develop",
        "publisher": "publish", "producer": "produce", "composer": "compose", "designer": "design",
        "inventor": "invent", "star": "star", "recipient": "receive", "killer": "kill",
    }.items()
}
#: Minimum local coverage of the question for a sentence that restates the chosen answer to be
#: cited as support (the answer being in it is evidence already; the question's words say it is
#: the same fact and not the same name or number in another role).
SUPPORT_COVERAGE = 0.3
#: A figure of another source that is only loosely the same quantity (by the words around it)
#: still supports the answer when it states the same value, or another value in a sentence that
#: covers this much of the question.
_SUPPORT_SIMILARITY = 0.3
_SUPPORT_VARIANT_COVERAGE = MIN_LOCAL_COVERAGE
_SUPPORT_FULL_COVERAGE = 0.8
#: A sentence that states the very value of the answer for a similar quantity needs only this
#: local coverage of the question ("3.75%" next to "rate" supports "what's the new rate?").
_SUPPORT_SAME_VALUE_COVERAGE = 0.15
#: Two sentences of different sources are "the same sentence with another value" above this
#: Jaccard similarity of their words (values removed); the answer's best few sentences are
#: compared.
_RIVAL_SIMILARITY = 0.6
_RIVAL_REFERENCES = 5
#: A sentence stating the answer's value restates an already cited sentence of another source
#: when this share of the shorter one's content words are the same (cross-source alignment).
_ALIGNED_SHARE = 0.3
#: How many of the best-scored answer groups are compared pairwise for a shared slot.
_SLOT_GROUPS = 6
#: How many ranked sentences are read for sources that restate the chosen answer.
_SUPPORT_SENTENCES = 120
#: A candidate sentence must score at least this share of the best sentence's score.
_RELATIVE_FLOOR = 0.25
#: How many ranked sentences are read for candidates.
_CANDIDATE_SENTENCES = 40
#: A rival name is a disagreement only if its best sentence scores at least this share of the
#: answer's best sentence.
_VARIANT_SHARE = 0.5
#: A short answer is shorter than this; a longer one is a sentence (what / why).
_PROSE_ANSWER = 80
#: In a follow-up about a short earlier answer, a value more than this many words away from where
#: the quoted sentence prints that answer is about something else.
_ANCHOR_WINDOW = 12
#: A sentence answer needs this many lower-case words (fewer: a heading or a list, not prose).
_PROSE_WORDS = 3
#: Credit for a question word the sentence lacks but its article uses elsewhere.
_ARTICLE_CREDIT = 0.5
#: Unknown lower-case question words weigh this share of the largest idf (they may be mere
#: phrasing, "in total"; or a detail no source covers, "taxes").
_UNKNOWN_IDF_SHARE = 0.6

# Small expansion lexicon: question words whose answers are usually phrased with other words.
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "controversi": ("critic", "backlash", "oppos", "concern", "warn", "condemn", "object"),
    "controversy": ("critic", "backlash", "oppos", "concern", "warn", "condemn", "object"),
    "critic": ("criticis", "criticiz", "backlash", "oppos", "warn", "condemn"),
    "criticis": ("critic", "criticiz", "backlash", "oppos", "warn"),
    "criticiz": ("critic", "criticis", "backlash", "oppos", "warn"),
    "oppos": ("critic", "criticis", "criticiz", "backlash", "object"),
    "react": ("respons", "respond", "said", "critic", "welcom"),
    "reaction": ("respons", "respond", "critic", "welcom"),
    "respons": ("react", "respond"),
    "start": ("began", "begin", "launch", "first"),
    "begin": ("began", "start", "launch", "first"),
    "role": ("support", "assist", "help", "task", "duti"),
    "do": ("support", "assist", "help", "role", "task"),
    "purpos": ("aim", "goal", "help", "support"),
    "kill": ("dead", "die", "death", "fatal"),
    "die": ("dead", "kill", "death", "fatal"),
    "dead": ("kill", "die", "death", "fatal"),
    "cost": ("pay", "paid", "price", "cost"),
    "pay": ("paid", "offer", "cost"),
    "win": ("won", "victori", "beat", "champion", "defeat", "captur", "clinch", "triumph", "crown"),
    "won": ("win", "victori", "beat", "champion", "defeat", "captur", "clinch", "triumph", "crown"),
    "buy": ("bought", "acquir", "purchas"),
    "bought": ("buy", "acquir", "purchas"),
    "acquir": ("bought", "buy", "purchas"),
    "direct": ("director",),
    "director": ("direct",),
    "found": ("founder", "establish"),
    "releas": ("launch", "debut", "out", "publish", "premier"),
    "studi": ("research", "paper"),
    "research": ("studi", "paper"),
    "publish": ("releas", "out", "print"),
    "announc": ("unveil", "reveal", "name", "declar"),
    "host": ("held", "hold", "venu"),
    "request": ("ask", "sought", "seek", "call"),
    "ask": ("request", "sought", "seek"),
    "drop": ("reduct", "reduc", "down", "fell", "fall", "declin", "decreas", "cut"),
    "fall": ("reduct", "reduc", "down", "fell", "drop", "declin", "decreas"),
    "fell": ("reduct", "reduc", "down", "drop", "declin", "decreas"),
    "declin": ("reduct", "reduc", "down", "drop", "fell", "decreas"),
    "reduc": ("reduct", "down", "drop", "fell", "declin", "cut"),
    "rise": ("rose", "increas", "up", "grew", "jump", "surg"),
    "increas": ("rose", "rise", "up", "grew", "jump", "surg"),
    "offer": ("pay", "paid", "give"),
    "arrest": ("detain", "detent", "apprehend"),
    # Paraphrases of one predicate across outlets: "forcing 12,000 residents to flee" for
    # "12,000 people evacuated", "homes razed" for "homes destroyed".
    "evacu": ("flee", "displac", "evacue"),
    "evacue": ("flee", "displac", "evacu"),
    "peopl": ("resid", "person"),
    "resid": ("peopl",),
    "destroy": ("raze", "level", "burn", "gut"),
    "home": ("hous", "dwell"),
    "lawsuit": ("sue", "su", "suit"),
    "sue": ("lawsuit", "suit"),
    "bring": ("file", "sue", "su"),
    "file": ("bring", "sue", "su"),
    "hous": ("home", "dwell"),
    "deport": ("remov", "expel", "deport"),
}
_EXPANSION_WEIGHT = 0.4
#: A vote question's own noun ("what was the *vote*?") is covered by a sentence printing a tally
#: ("the 5-2 ruling", "won 3-1"): the tally is the vote, whatever the sentence calls it.
_TALLY_NOUNS = frozenset(canonical_stem(stem(w)) for w in "vote score tally margin split scoreline".split())
_TALLY_NOUN_WEIGHT = 0.5
_TALLY_WORDS = tuple(dict.fromkeys(canonical_stem(stem(w)) for w in "vote voted ruling ruled decision verdict majority won beat".split()))
#: Stems sharing this many first letters share a root for the predicate test.
_ROOT_LENGTH = 5


# --- public API ---------------------------------------------------------------------------------


class QAIndex:
    """A question-answering index over a fixed set of articles. Build once, ask many times."""

    def __init__(self, sentences: SentenceIndex) -> None:
        self.sentences = sentences

    @classmethod
    def build(cls, articles: Iterable[Article]) -> QAIndex:
        """Index the articles' sentences. Raises NoContentError when they hold no text at all."""
        index = SentenceIndex.build(articles)
        if len(index) == 0:
            raise NoContentError("The articles hold no text to search.")
        return cls(index)

    def answer(self, question: str, *, context: Sequence[str] = ()) -> Answer:
        """Answer ``question`` from the indexed articles; ``context`` lists earlier questions of the thread.

        A follow-up with no topic of its own ("who said that?", "when?", "how many?") is about the
        previous answer: it is answered from the sentences that answer quoted, so "who said that?"
        names the speaker of that quote and not whoever the thread's words retrieve best.
        """
        spec = analyse_question(question, context)
        if context and not spec.anchored and _PRONOUN.search(spec.text):
            # "Which group does he lead?" after "who called the ruling overreach?": he is the
            # previous answer, when that answer is a name.
            previous = self._previous_answer(context)
            if previous is not None and previous.answered and _NAME_ANSWER.fullmatch(previous.answer):
                spec = analyse_question(_resolve_pronoun(spec.text, previous.answer), context)
        if spec.anchored:
            previous = self._previous_answer(context)
            if previous is not None and not previous.citations:
                return _abstain(spec.text, "No source answered the previous question; ask this one in full.")
            if previous is not None:
                # The borrowed words found the previous answer; the follow-up asks nothing of them.
                own = replace(spec, focus=(), weights=())
                return _Answerer(self.sentences, own).run_anchored(previous)
        return _Answerer(self.sentences, spec).run()

    def _previous_answer(self, context: Sequence[str]) -> Answer | None:
        """The answer to the most recent usable earlier question (answered or not), or None when
        the thread has none (every earlier question empty or unusable)."""
        for k in range(len(context) - 1, -1, -1):
            try:
                return self.answer(context[k], context=context[:k])
            except InvalidQuestionError:
                continue
        return None


_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|they|them|their|it|its)\b", re.IGNORECASE)
_NAME_ANSWER = re.compile(r"(?:[A-Z][\w'’.&-]*)(?:\s+(?:of|the|de|and|&|[A-Z][\w'’.&-]*)){0,5}")
_POSSESSIVE_NEXT = re.compile(r"\s+(?!(?:is|was|are|were|be|been|do|does|did|say|said|to|and|or|a|an|the|in|on|at|for|with)\b)[a-z]")


def _resolve_pronoun(question: str, name: str) -> str:
    """The question with its first pronoun replaced by ``name`` ("his job" -> "Raymond Osei's job")."""
    match = _PRONOUN.search(question)
    if match is None:
        return question
    word = match.group(0).lower()
    possessive = word in {"his", "their", "its"} or (word == "her" and _POSSESSIVE_NEXT.match(question, match.end()) is not None)
    replacement = f"{name}'s" if possessive else name
    return question[: match.start()] + replacement + question[match.end() :]


_CACHE: OrderedDict[tuple[tuple[str, str, int], ...], QAIndex] = OrderedDict()
_CACHE_SIZE = 8


def answer(question: str, articles: Iterable[Article], *, context: Sequence[str] = ()) -> Answer:
    """Answer a question from the articles, quoting and citing every source that supports it.

    Builds a :class:`QAIndex` for ``articles`` (kept in a small cache keyed by the articles' ids
    and texts, so a chat thread over the same story does not re-index). For a large store, build a
    :class:`QAIndex` once and call :meth:`QAIndex.answer`.
    """
    arts = tuple(articles)
    key = tuple((a.id, a.source, hash(a.text)) for a in arts)
    index = _CACHE.get(key)
    if index is None:
        index = QAIndex.build(arts)
        _CACHE[key] = index
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return index.answer(question, context=context)


# --- candidates ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    """One possible short answer found in one sentence."""

    key: str  # what candidates are grouped by ("20000|None", "tricia mclaughlin")
    display: str  # how it is shown ("20,000 National Guard troops")
    core: str  # the text a quote must contain ("20,000", "Tricia McLaughlin")
    variant: str  # the value as printed, with qualifier ("more than 20,000")
    sentence: IndexedSentence
    score: float
    context: frozenset[str]  # content stems around the answer, for same-quantity tests
    figure: Figure | None = None
    support: bool = False  # added by the support pass (restates an answer already chosen)
    constrained: bool = True  # its sentence states the question's prepositional constraints
    linked: bool | None = None  # the sentence ties it to the asked role or verb (None: nothing to tie)


@dataclass
class _Group:
    key: str
    candidates: list[_Candidate] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(c.sentence.article.id for c in self.candidates))

    @property
    def score(self) -> float:
        best: dict[str, float] = {}
        for c in self.candidates:
            aid = c.sentence.article.id
            best[aid] = max(best.get(aid, 0.0), c.score)
        return sum(best.values())

    @property
    def context(self) -> frozenset[str]:
        out: set[str] = set()
        for c in self.candidates:
            out |= c.context
        return frozenset(out)

    def best(self) -> _Candidate:
        return max(self.candidates, key=lambda c: c.score)


class _Answerer:
    """Answers one analysed question against one index."""

    def __init__(self, index: SentenceIndex, spec: QuestionSpec) -> None:
        self.index = index
        self.spec = spec
        self.terms: list[str] = []
        self.weights: list[float] = []
        self.own_terms: dict[str, float] = {}  # term -> weight, the question's own (resolved) words
        self.missing: dict[str, float] = {}  # unknown question words -> weight
        self.unknown_names: list[str] = []  # capitalised question words no article uses
        self.describing = False  # "who is X?": every description of X answers the same question
        self._coverage_of: dict[int, float] = {}  # sentence id -> coverage, of supporting sentences
        self._article_years: dict[int, int | None] = {}
        self._event_years: dict[int, set[str]] = {}
        self._numbered_names = _numbered_names(spec.text)
        self._support_cache: dict[tuple[frozenset[str], frozenset[str], bool], list[tuple[IndexedSentence, float, float]]] = {}
        self._tallies: dict[int, bool] = {}
        self.counted_terms: set[str] = set()  # what the question counts, as the index spells it
        self.anchor: Answer | None = None  # the previous answer a topic-less follow-up asks about
        self._anchor_spans: dict[str, tuple[int, int]] = {}  # quoted sentence -> where it prints that answer
        self.borrowed: dict[str, float] = {}  # term -> weight, words a follow-up borrowed from the thread
        self.untied = False  # names were found, but no sentence ties any to the asked role or verb
        self.asks_age = spec.kind == "quantity" and _HOW_OLD.search(spec.text) is not None  # "how old is she?"
        self._names = question_names(spec.text)
        self._question_words = question_words(spec.text)

    # --- orchestration ---

    def run_anchored(self, previous: Answer) -> Answer:
        """Answer a follow-up about ``previous`` from the sentences it quoted, and from nothing else.

        "Who said that?" is the speaker of the quoted sentence (or, when it names nobody, of the
        sentence before: "She said ..."); "when?" a date the quoted sentence prints. When those
        sentences do not say, the answer is an abstention rather than a guess from elsewhere.
        """
        self.anchor = previous
        if self.asks_age:
            # "How old is she?" after "who won?": her age, wherever the articles print it.
            terms = [t for t in index_terms(" ".join(w for w in _TOKEN.findall(previous.answer) if w[:1].isupper())) if self.index.knows(t)]
            hits = self.index.search(terms, limit=_CANDIDATE_SENTENCES) if terms else []
            aged = [(h, 1.0) for h in hits if _AGE.search(self.index.sentence(h.sentence_id).text)]
            candidates = self._age_candidates(aged)
            return self._typed_answer(candidates) if candidates else _abstain(self.spec.text, "The sources of the previous answer do not say.")
        quoted = list(
            dict.fromkeys(sid for c in previous.citations if (sid := self.index.locate(c.source, c.quote)) is not None)
        )
        for sid in quoted:
            text = self.index.sentence(sid).text
            span = _printed_at(text, previous.answer)
            if span is not None:
                self._anchor_spans[text] = span
        # "She said ...", or a quotation running on from the sentence before: the speaker is named there.
        around = [
            n.sentence_id
            for sid in quoted
            if _PRONOUN_SPEAKER.search(self.index.sentence(sid).text) and (n := self.index.neighbour(sid, -1)) is not None
        ]
        for sentence_ids in (quoted, around if self.spec.kind in ("who", "entity") else []):
            supported = [(Hit(sid, 1.0, 1.0), 1.0) for sid in sentence_ids]
            if not supported:
                continue
            result = self._answer_from(supported)
            if result.answered:
                return result
        return _abstain(self.spec.text, "The sources of the previous answer do not say.")

    def run(self) -> Answer:
        spec = self.spec
        if spec.foreign:
            return _abstain(spec.text, "No source covers this question (questions are matched against English articles).")
        if not spec.focus:
            return _abstain(spec.text, "The question does not say what it is about; ask, for example, who requested what.")
        self._resolve_terms()
        hits = self.index.search(self.terms, self.weights, limit=_CANDIDATE_SENTENCES * 2)
        if not hits:
            return _abstain(spec.text)
        self._forgive_partial_names(hits[:_CANDIDATE_SENTENCES])
        floor = hits[0].score * _RELATIVE_FLOOR
        supported = []
        for hit in hits[:_CANDIDATE_SENTENCES]:
            if hit.score < floor:
                break
            coverage = self._coverage(hit)
            local = self._coverage(hit, article_credit=0.0)
            if (
                coverage >= MIN_COVERAGE
                and local >= MIN_LOCAL_COVERAGE
                and self._numbers_covered(hit)
                and (spec.kind == "sentence" or self._figure_predicate_asked() or self._predicate_covered(hit))
                and self._new_topic_covered(hit)
                and self._states_the_asked(hit)
            ):
                supported.append((hit, coverage))
                self._coverage_of[hit.sentence_id] = self._coverage(hit, article_credit=0.0, known_only=True)
        if self.asks_age:
            # An age is tied to its owner's name (see _age_candidates): every retrieved sentence
            # printing an age may answer, however little else of the question it repeats.
            seen = {h.sentence_id for h, _ in supported}
            supported += [
                (hit, max(self._coverage(hit), MIN_LOCAL_COVERAGE))
                for hit in hits[:_CANDIDATE_SENTENCES]
                if hit.sentence_id not in seen and _AGE.search(self.index.sentence(hit.sentence_id).text)
            ]
        if not supported:
            _log.debug("abstain: best coverage below %.2f for %r", MIN_COVERAGE, spec.text)
            if self.unknown_names:
                return _abstain(spec.text, f"No source mentions {self.unknown_names[0]}.")
            return _abstain(spec.text)
        result = self._answer_from(supported)
        if result.answered and self._lone_and_weak(result):
            _log.debug("abstain: one source, weak coverage, for %r", spec.text)
            return _abstain(spec.text)
        return result

    def _answer_from(self, supported: list[tuple[Hit, float]]) -> Answer:
        spec = self.spec
        if self.asks_age:
            candidates = self._age_candidates(supported)
        elif spec.kind in NUMBER_KINDS:
            candidates = self._figure_candidates(supported)
        elif spec.kind == "date":
            candidates = self._date_candidates(supported)
        elif spec.kind == "who" and self._asks_about_named_entity():
            candidates = self._description_candidates(supported)
            self.describing = True
            if not candidates:
                return self._sentence_answer(supported)
        elif spec.kind in ENTITY_KINDS:
            candidates = self._entity_candidates(supported)
        else:
            candidates = []
        if not candidates and self.untied:
            return _abstain(spec.text)
        if spec.kind == "sentence" or (not candidates and spec.kind in ENTITY_KINDS and spec.target is None and spec.kind == "entity"):
            return self._sentence_answer(supported)
        if not candidates:
            return _abstain(spec.text)
        return self._typed_answer(candidates)

    def _states_the_asked(self, hit: Hit) -> bool:
        """Whether a sentence can state an answer about the asked names at all.

        Not a question ("Who directed Titanic and Avatar?"), not a heading of a word or two
        ("Countries Athletes."), and not a sentence that prints an asked name only as part of a
        longer one ("Ocarina of Time Re-Arranged Album", see :func:`names_as_asked`).
        """
        text = self.index.sentence(hit.sentence_id).text
        if text.rstrip().endswith("?") or len(_TOKEN.findall(text)) < _STATEMENT_WORDS:
            return False
        return names_as_asked(text, self._names, self._question_words) and not qualifier_conflict(text, self.spec.text)

    def _lone_and_weak(self, result: Answer) -> bool:
        """Whether an answer rests on one source whose sentence covers too little of the question.

        Only for a specific question (one that names a year, a numbered name or two names:
        "who won the Maxwell Award in 2019?"): related sources abound that name the right kind of
        answer for a sibling fact (another year, another award, another edition), and a lone
        sentence that leaves much of such a question unsaid is, more often than not, one of them.
        Several sources printing one value corroborate it. A general question ("who brought the
        lawsuit?") has no sibling facts to confuse and keeps the ordinary thresholds.
        """
        specific = any(_YEAR.fullmatch(n) for n in self.spec.numbers) or self._numbered_names or len(self.spec.proper) >= 2
        if not specific or len({c.source for c in result.citations}) != 1:
            return False
        quoted = {(c.source, c.quote) for c in result.citations}
        coverage = [v for sid, v in self._coverage_of.items() if (self.index.sentence(sid).article.id, self.index.sentence(sid).text) in quoted]
        return not coverage or max(coverage) < LONE_SOURCE_COVERAGE

    # --- terms and coverage ---

    def _resolve_terms(self) -> None:
        """Map question words to index terms (typos corrected); note the words no article uses."""
        spec = self.spec
        own_count = sum(1 for w in spec.weights if w >= 1.0)
        # "U.S." stems to "u.": the dotless spelling ("us") is how other sources print it.
        acronyms = {_term(m.group(0)): m.group(0).replace(".", "").lower() for m in re.finditer(r"\b(?:[A-Z]\.){2,}", spec.text)}
        for position, (term, weight) in enumerate(zip(spec.focus, spec.weights)):
            own = position < own_count
            term = canonical_stem(term)
            if spec.kind == "vote" and term in _TALLY_NOUNS:
                # Covered by any sentence printing a tally (see _coverage), never "corrected" into
                # another word ("vote" is not "voters"); found by the words tallies come with. It
                # says what kind of answer is wanted more than what it is about: "the vote on the
                # rate decision" is about the rate decision, so it weighs half.
                if own:
                    self.own_terms[term] = weight * _TALLY_NOUN_WEIGHT
                for extra in (term, *_TALLY_WORDS):
                    if self.index.knows(extra):
                        self._add(extra, weight if extra == term else weight * _EXPANSION_WEIGHT)
                continue
            resolved = term if self.index.knows(term) else _known_variant(self.index, term, acronyms)
            if resolved is None and "-" in term:
                # "record-holding": its parts, as the index also holds them ("record holder").
                parts = [canonical_stem(stem(p)) for p in term.split("-") if len(p) >= 3]
                known = [p for p in parts if self.index.knows(p)]
                if known and len(known) == len(parts):
                    for part in known:
                        self._add(part, weight)
                        if own:
                            self.own_terms[part] = max(self.own_terms.get(part, 0.0), weight)
                    continue
            if resolved is None:
                if own and term in spec.proper and not term.isdigit():
                    # A name no article mentions weighs as much as the rarest word: unless the
                    # rest of the question is strongly covered, the answer is an abstention.
                    self.unknown_names.append(_display_word(spec.text, term))
                    self.missing[term] = weight / _UNKNOWN_IDF_SHARE
                elif own:
                    self.missing[term] = weight
                for extra in _EXPANSIONS.get(term, ()):
                    if self.index.knows(extra):
                        self._add(extra, weight * _EXPANSION_WEIGHT)
                continue
            if resolved != term:
                weight *= 0.8
            if term in spec.counts:
                self.counted_terms.add(resolved)
            self._add(resolved, weight)
            if own:
                self.own_terms[resolved] = max(self.own_terms.get(resolved, 0.0), weight)
            elif resolved not in self.own_terms:
                self.borrowed[resolved] = max(self.borrowed.get(resolved, 0.0), weight)
            for extra in _EXPANSIONS.get(resolved, ()) + _EXPANSIONS.get(term, ()):
                if self.index.knows(extra):
                    self._add(extra, weight * _EXPANSION_WEIGHT)

    def _counts_borrowed(self) -> bool:
        """Whether what the question counts comes from an earlier question of the thread."""
        return self.spec.follow_up and bool(self.spec.counts) and all(canonical_stem(t) in self.borrowed for t in self.spec.counts)

    def _new_topic_covered(self, hit: Hit) -> bool:
        """For a follow-up, whether the sentence (or the one before) prints one of its own words.

        "What about Florida?" after "how many troops are at the border?" asks about Florida: a
        sentence about the border troops covers most of the thread's words but none of the new one.
        """
        if not self.spec.follow_up or not self.borrowed or not self.own_terms:
            return True
        stems = set(self.index.stems(hit.sentence_id))
        previous = self.index.neighbour(hit.sentence_id, -1)
        if previous is not None:
            stems |= set(self.index.stems(previous.sentence_id))
        return any(
            t in stems or any(x in stems for x in _EXPANSIONS.get(t, ())) or _shares_root(t, stems) for t in self.own_terms
        )

    def _forgive_partial_names(self, hits: list[Hit]) -> None:
        """Treat an unknown word of a name as an ordinary word when the rest of the name is printed.

        "The Legend of Zelda: Breath of the Wild" is covered by sources that print "Zelda: Breath
        of the Wild"; "the European Central Bank" is not covered by sources that print "the
        central bank" (lower case: not the name). The known capitalised words next to the unknown
        one must appear, capitalised and in the same order, in a retrieved sentence.
        """
        if not self.unknown_names:
            return
        texts = [self.index.sentence(h.sentence_id).text for h in hits]
        for run in _QUESTION_NAME_RUN.finditer(self.spec.text):
            words = run.group(0).split()
            unknown = [w for w in words if w in self.unknown_names]
            if not unknown:
                continue
            known = [w for w in words if w not in self.unknown_names and w.lower() not in _CONNECTORS]
            if not known:
                continue
            phrase = " ".join(w for w in words if w not in self.unknown_names).strip()
            phrase = re.sub(r"^(?:(?:of|the|de|and)\s+)+|(?:\s+(?:of|the|de|and))+$", "", phrase, flags=re.IGNORECASE)
            pieces = [p for p in re.split(r"\s+(?:of|the|de|and)\s+|\s+", phrase) if p]
            if not pieces or not any(all(p in text for p in pieces) and phrase.split()[0] in text for text in texts):
                continue
            for word in unknown:
                term = _term(word)
                self.unknown_names.remove(word)
                if term in self.missing:
                    self.missing[term] *= _UNKNOWN_IDF_SHARE

    def _add(self, term: str, weight: float) -> None:
        if term in self.terms:
            i = self.terms.index(term)
            self.weights[i] = max(self.weights[i], weight)
        else:
            self.terms.append(term)
            self.weights.append(weight)

    def _predicate_forms(self) -> tuple[str, set[str]]:
        """The question's predicate as the index spells it (a typo corrected: "relased") and the
        stems that state it: its forms and common equivalents (``_EXPANSIONS``)."""
        asked = self.spec.predicate or ""
        predicate = canonical_stem(asked)
        if not self.index.knows(predicate):
            predicate = _known_variant(self.index, predicate) or predicate
        return predicate, {predicate, *_EXPANSIONS.get(predicate, ()), *_EXPANSIONS.get(asked, ())}

    def _predicate_covered(self, hit: Hit, *, neighbours: bool = True) -> bool:
        """Whether the sentence (or, with ``neighbours``, the one before or after) states the question's predicate.

        "Which governors have *agreed* to send troops?" is not answered by a sentence naming a
        governor who *authorised* troops, however well it covers "governors" and "troops". The
        predicate counts as stated in any of its forms or common equivalents (``_EXPANSIONS``).
        """
        if self.spec.predicate is None:
            return True
        predicate, accepted = self._predicate_forms()
        stems = set(self.index.stems(hit.sentence_id))
        for offset in (-1, 1) if neighbours else ():
            other = self.index.neighbour(hit.sentence_id, offset)
            if other is not None:
                stems |= set(self.index.stems(other.sentence_id))
        if accepted & stems:
            return True
        # One root, two stems ("evacuated" -> "evacu", "evacuees" -> "evacue").
        root = predicate[:_ROOT_LENGTH]
        return len(predicate) >= _ROOT_LENGTH and any(s.startswith(root) for s in stems)

    def _numbers_covered(self, hit: Hit) -> bool:
        """Whether the sentence can report on the year and the numbered thing the question names.

        A year in a question is a sharp constraint ("who won in *2019*?"). The sentence (or the
        one before, a dateline) may print it; a year after "since" or "as of" does not count
        ("the youngest finalist since 2018" reports on a later year). When the sentence does not
        print it, the article's date decides: a report dated that year covers it, one dated later
        (beyond the next year) or earlier reports on another year ("Jul 9, 2022 ... Elena Rybakina
        won the final" does not say who won in 2018). Otherwise the article must print the year
        somewhere (not after "since"): requiring it in the sentence itself cost more right answers
        than it saved wrong ones.

        A numbered name in the question ("Splatoon 2", "iPhone 11", "Season 11") is not matched
        by a sentence that numbers the same name otherwise and never as asked ("Splatoon 1 ...
        released in 2015").
        """
        text = self.index.sentence(hit.sentence_id).text
        for word, number in self._numbered_names:
            printed = _printed_numbers(text, word)
            if printed and number not in printed:
                return False
        wanted = {n for n in self.spec.numbers if _YEAR.fullmatch(n)}
        if not wanted:
            return True
        previous = self.index.neighbour(hit.sentence_id, -1)
        local = _event_years(text) | (_event_years(previous.text) if previous is not None else set())
        if wanted <= local:
            return True
        article = self.index.article_index(hit.sentence_id)
        dated = self._article_year(article)
        unsaid = wanted - local
        if dated is not None and all(dated == int(y) for y in unsaid):
            return True
        if dated is not None and any(not (0 <= dated - int(y) <= 1) for y in unsaid):
            return False
        return unsaid <= self._article_event_years(article)

    def _article_event_years(self, article_index: int) -> set[str]:
        """The years an article reports on (see :func:`_event_years`), computed once an article."""
        cached = self._event_years.get(article_index)
        if cached is None:
            cached = _event_years(self.index.articles[article_index].text)
            self._event_years[article_index] = cached
        return cached

    def _article_year(self, article_index: int) -> int | None:
        """The year an article was published: its ``published`` date, else a leading dateline."""
        cached = self._article_years.get(article_index, -1)
        if cached != -1:
            return cached
        article = self.index.articles[article_index]
        year: int | None = article.published.year if article.published is not None else None
        if year is None:
            start = self.index.first_sentence(article_index)
            if start is not None:
                match = _DATELINE.match(self.index.sentence(start).text)
                if match is not None:
                    year = int(match.group("year") or match.group("iso"))
        self._article_years[article_index] = year
        return year

    def _coverage(self, hit: Hit, article_credit: float = _ARTICLE_CREDIT, *, known_only: bool = False) -> float:
        """Idf-weighted share of the question's own words found in the sentence or the one before.

        A word the sentence lacks but its article uses elsewhere earns ``article_credit``; with 0,
        this is the *local* coverage: what the sentence itself (and the one before) says. With
        ``known_only``, words no article prints are left out: no sentence could cover them, so
        they say nothing about this sentence against the others.
        """
        sid = hit.sentence_id
        stems = set(self.index.stems(sid))
        previous = self.index.neighbour(sid, -1)
        if previous is not None:
            stems |= set(self.index.stems(previous.sentence_id))
        article = self.index.article_index(sid)
        total = 0.0
        found = 0.0
        # A follow-up's borrowed words count at their (lower) weight: "what about Florida?" after
        # "how many people did police help ICE arrest?" is about Florida *and* those arrests.
        borrowed = [(t, w) for t, w in self.borrowed.items() if t not in self.own_terms]
        for term, weight in [*self.own_terms.items(), *borrowed]:
            w = weight * self.index.idf(term) * (2.0 if term in self.spec.counts else 1.0)
            total += w
            if (
                term in stems
                or any(x in stems for x in _EXPANSIONS.get(term, ()))
                or _shares_root(term, stems)
                or (term in _TALLY_NOUNS and self.spec.kind == "vote" and self._has_tally(sid))
            ):
                found += w
            elif article_credit > 0.0:
                # Said elsewhere in the same article ("troops" there, "members" here): half credit.
                if self.index.article_has(article, term):
                    found += w * article_credit
        for term, weight in () if known_only else self.missing.items():
            w = weight * self.index.max_idf * _UNKNOWN_IDF_SHARE
            total += w
            if any(x in stems for x in _EXPANSIONS.get(term, ())):
                found += w
        if total == 0.0:
            # Only borrowed words (a bare follow-up): trust the retrieval score alone.
            return 1.0 if hit.own_score > 0 else 0.0
        return found / total

    def _tied_elsewhere(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence ties the value at ``start:end`` to something the question does not ask about.

        A related snippet often names the right kind of value for the wrong year, the wrong
        edition or the wrong list item: the value sits next to another year, after another
        number of the asked name, or in a list item that shares no word with the question.
        """
        return (
            self._other_year_near(text, start, end)
            or self._other_numbered_name_near(text, start)
            or self._outside_the_asked_item(text, start, end)
            or self._far_from_anchor(text, start, end)
        )

    def _far_from_anchor(self, text: str, start: int, end: int) -> bool:
        """In a follow-up about a short earlier answer, whether a value sits far from where the quote prints it.

        "When?" after "what was the vote?" ("5-2"): "The court ruled 5-2 that ... drivers ...
        are employees under the state's law, upholding a 2023 decision" dates another decision,
        twenty words away. Speakers are exempt: a quote names its speaker at its end.
        """
        span = self._anchor_spans.get(text)
        if span is None or self.spec.kind in ("who", "entity"):
            return False
        between = text[min(end, span[0]) : max(start, span[1])]
        return len(_TOKEN.findall(between)) > _ANCHOR_WINDOW

    def _role_at_another_body(self, role: str | None) -> bool:
        """Whether a title names another body than the one the question asks about.

        "Who is the president of the NFL?" is not answered by "Las Vegas Raiders president Sandra
        Douglass Morgan": the title names its own body (Las Vegas Raiders), none of whose words,
        nor their initials, the question uses.
        """
        if role is None or self.spec.kind != "who":
            return False
        asked_roles = {w.lower() for w in _TOKEN.findall(self.spec.text)} & _ROLE_WORDS
        body = [w for w in role.split() if w[:1].isupper() and w.lower().strip(".") not in _ROLE_WORDS and w.lower() not in _CONNECTORS]
        if not asked_roles or not body or not self.spec.proper:
            return False
        asked = _asked_terms(self.spec)
        initials = "".join(w[0] for w in body).lower()
        return not any(_term(re.sub(r"['’]s$", "", w)) in asked for w in body) and initials not in asked and not any(
            initials.endswith(a) or a.endswith(initials) for a in asked if len(a) >= 2
        )

    def _years_conflict(self, value: str) -> bool:
        """Whether a value names a year and none of the years the question names ("early 2021"
        does not answer "when did the Golden Globe Awards 2020 take place?")."""
        wanted = {n for n in self.spec.numbers if _YEAR.fullmatch(n)}
        printed = set(_EVENT_YEAR.findall(value))
        return bool(wanted and printed and not printed & wanted)

    def _other_year_near(self, text: str, start: int, end: int) -> bool:
        """Whether the value at ``start:end`` sits next to another year than the question's.

        "the first British man since Fred Perry in 1936" names Perry for 1936, not for the 2013
        the question asks about; "2018 Maxwell Award winner Tua Tagovailoa" does not answer who
        won in 2019. Only years within ``_YEAR_WINDOW`` words count, and the question's own year
        among them clears the value.
        """
        wanted = {n for n in self.spec.numbers if _YEAR.fullmatch(n)}
        if not wanted:
            return False
        before = _TOKEN.findall(text[:start])[-_YEAR_WINDOW:]
        after = _TOKEN.findall(text[end:])[:_YEAR_WINDOW]
        years = {w for w in before + after if _YEAR.fullmatch(w)}
        return bool(years) and not years & wanted

    def _outside_the_asked_item(self, text: str, start: int, end: int) -> bool:
        """Whether a value sits in an item of a list-like line that none of the question's words share.

        Listing pages run items together ("2.0.0 (Released September 13, 2018) · Functionality
        has been added ... Xenoblade Chronicles 2"): the value belongs to its own item, and an
        item that never names what the question asks about (its names or years, when it has
        any) does not answer it.
        """
        if not _LIST_SEPARATOR.search(text):
            return False
        cuts = [0, *(m.end() for m in _LIST_SEPARATOR.finditer(text)), len(text) + 1]
        lo = max(c for c in cuts if c <= start)
        hi = min(c for c in cuts if c > start)
        item = set(index_terms(text[lo:start] + " " + text[end:hi]))
        names = {canonical_stem(t) for t in self.spec.proper} & set(self.own_terms)
        years = {n for n in self.spec.numbers if _YEAR.fullmatch(n)}
        return not item & ((names | years) if names else set(self.own_terms))

    def _other_numbered_name_near(self, text: str, start: int) -> bool:
        """Whether the nearest printing before a value of a name the question numbers has another number.

        "Splatoon 1 on the Wii U released in 2015 ... splatoon 2 will": 2015 is Splatoon 1's.
        """
        for word, number in self._numbered_names:
            printed = list(re.finditer(rf"\b{re.escape(word)}\s+(\d+)\b", text[:start], re.IGNORECASE))
            if printed and printed[-1].group(1) != number:
                return True
        return False

    def _another_of_the_asked_kind(self, span: str, name: str, following: str = "") -> bool:
        """Whether a name was cut from a span that names another thing of the kind the question names.

        "Who is the Walter Camp Award winner?": "Johnny Unitas Golden Arm Award" ends with the
        head of the question's own name ("Award") but is another award; "Johnny Unitas Golden
        Arm" is its modifier, not a winner. ``following`` is the word after the span, for a head
        printed in lower case ("the New Academy prize" is not the Nobel Prize).
        """
        rest = span[span.find(name) + len(name) :].split() if name in span else []
        if not rest:
            rest = [following] if following else []
        if not rest:
            return False
        head = _term(rest[-1].strip("'’\".,"))
        for run in _QUESTION_NAME_RUN.finditer(self.spec.text):
            words = [w for w in run.group(0).split() if w.lower() not in _CONNECTORS]
            if run.start() == 0 or len(words) < 2:
                continue
            if _term(words[-1].strip("'’\".,?")) == head and not all(_term(w.strip("'’\".,")) in {_term(x) for x in span.split()} for w in words[:-1]):
                return True
        return False

    # --- numbers ---

    def _figure_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        spec = self.spec
        out: list[_Candidate] = []
        question_numbers = {n.replace(",", "") for n in spec.numbers}
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            figures = self._figures(sentence.text)
            # "a publisher with just four staff has sold over 40,000 copies": when one figure of a
            # sentence counts what is asked, its other figures count something else.
            counting = [f for f in figures if spec.counts and set(content_words(f.counts or "")) & set(spec.counts)]
            if spec.kind == "count" and self._names_unsaid(hit.sentence_id):
                continue
            for figure in figures:
                if counting and figure not in counting:
                    continue
                if figure.number_text.replace(",", "") in question_numbers:
                    continue
                if self._tied_elsewhere(sentence.text, figure.start, figure.end):
                    continue
                counted = set(content_words(figure.counts or ""))
                window = _window_stems(sentence.text, figure.start, figure.end)
                if not self._figure_states_predicate(hit.sentence_id) and not (
                    spec.kind == "money" and spec.constraints and _stated_near(spec.constraints, window)
                ):
                    # A sum's complement next to it ("owe in *back pay*" of "back pay ... could
                    # reach $310 million") names what it measures without the verb. Not for a
                    # count: "died in the *fire*" is not stated by "12,500 people fled ..., fire
                    # officials said".
                    continue
                fit = 1.0
                if spec.counts:
                    wanted = set(spec.counts)
                    if wanted & counted:
                        fit = 1.5
                    elif wanted & window:
                        fit = 1.0
                    elif self._counts_borrowed() and not set(self.borrowed) & window:
                        # "What about Florida?" after "how many troops are at the border?": a
                        # Florida figure that counts no troops, next to none of the thread's words,
                        # answers another question (arrests), not this one.
                        continue
                    elif not counted and not figure.unit:
                        continue  # "four other finalists": a bare number near none of what is counted
                    elif any(_near_miss(c, w) for c in counted for w in wanted):
                        continue  # "2,000 agents" is no count of agencies: kin words, other things
                    else:
                        fit = 0.25
                elif counted:
                    # "what percentage did border crossings drop": what the figure measures should
                    # be among the question's words ("99.5%" of passage traffic is another figure).
                    fit = 1.5 if counted & set(self.own_terms) else 0.6
                fit *= _change_fit(spec.change, figure, sentence.text)
                if fit <= 0.0:
                    continue
                near = self._proximity(sentence.text, figure.start, figure.end)
                score = hit.score * coverage * fit * (0.5 + near)
                display = _figure_display(figure, sentence.text)
                out.append(
                    _Candidate(
                        constrained=_states_constraints(self._clause_text(hit.sentence_id), spec.constraints, window),
                        key=f"{figure.value:g}|{figure.unit or ''}",
                        display=display,
                        core=figure.text,
                        variant=figure.text,
                        sentence=sentence,
                        score=score,
                        context=frozenset(window - counted - set(spec.counts)),
                        figure=figure,
                    )
                )
        return self._within_constraints(out)

    def _names_unsaid(self, sentence_id: int) -> bool:
        """Whether a count question names something (not a place) that neither the sentence nor
        the one before prints: "how many copies has *Tidewater* sold?" is not answered by a
        sentence about another novel's sales, however well it covers "copies" and "sold"."""
        named = [canonical_stem(t) for t in self.spec.proper if canonical_stem(t) not in self.spec.named_constraints and self.index.knows(canonical_stem(t))]
        if not named:
            return False
        stems = set(self.index.stems(sentence_id))
        previous = self.index.neighbour(sentence_id, -1)
        if previous is not None:
            stems |= set(self.index.stems(previous.sentence_id))
        return not any(t in stems for t in named)

    def _figure_predicate_asked(self) -> bool:
        """Whether the predicate is checked figure by figure (count and money questions)."""
        return self.spec.kind in ("count", "money") and self.spec.predicate is not None

    def _clause_text(self, sentence_id: int) -> str:
        """A sentence's text, run on into the next when the splitter cut it at an initial ("the U.")."""
        text = self.index.sentence(sentence_id).text
        if _CUT_AT_INITIAL.search(text):
            following = self.index.neighbour(sentence_id, 1)
            if following is not None:
                text = f"{text}{following.text}"
        return text

    def _figure_states_predicate(self, sentence_id: int) -> bool:
        """Whether a sentence states what the count or money question asks happened to its figure.

        "How many people *died*?" is not answered by a sentence that counts people requested, nor
        "how much will the deployment *cost*?" by a sum someone is paid: the predicate, in one of
        its forms or its nominal equivalents ("deaths", "injuries", "price"), must be printed by the
        figure's own sentence (not a neighbour: "No deaths have been reported" next to "Two
        firefighters were injured" says nothing about a number of deaths).
        """
        asked = self.spec.predicate
        if asked is None or self.spec.kind not in ("count", "money"):
            return True
        asked = canonical_stem(asked)
        if not self.index.knows(asked):
            asked = _known_variant(self.index, asked) or asked  # "reqeust": a typo of a printed verb
        accepted = {asked, *_FIGURE_PREDICATE_EQUIVALENTS.get(asked, _EXPANSIONS.get(asked, ()))}
        stems = set(index_terms(self._clause_text(sentence_id)))
        return bool(accepted & stems) or _shares_root(asked, stems) or any(_shares_root(a, stems) for a in accepted)

    def _within_constraints(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """The figures whose sentence states the question's prepositional constraints.

        "How many troops are at the border?": when some figure's sentence puts it at the border,
        figures whose sentences do not (the troops requested) answer another question and go.
        When none does and the question names a place or a body ("in Chicago"), no figure is
        about it: nothing answers. A common-noun constraint that no sentence states ("in the
        fire") is left to the ordinary ranking.
        """
        if not self.spec.constraints or not candidates:
            return candidates
        kept = [c for c in candidates if c.constrained]
        if kept:
            return kept
        if self.spec.named_constraints:
            _log.debug("abstain: no figure stated %s", self.spec.named_constraints)
            return []
        return candidates

    def _figures(self, text: str, *, vague: bool = False) -> list[Figure]:
        """The figures of a sentence that can answer the question, as it asks for them.

        Of a part of a whole ("14 of 20 economists"), the whole when the question asks for it
        ("how many economists were polled?": 20), else the part. A tally ("voted 5-2") only for a
        question a tally answers (:attr:`QuestionSpec.tally`), and nothing else for a vote question.
        """
        out = []
        for figure in extract_figures(text, vague=vague):
            if self.spec.whole and figure.out_of is not None:
                whole = _whole_of(figure)
                if whole is None:
                    continue
                figure = whole
            if _unit_fits(self.spec, figure, self.counted_terms):
                out.append(figure)
        return out

    def _has_tally(self, sentence_id: int) -> bool:
        """Whether a sentence prints a vote or a score (cached: asked once a sentence and question)."""
        cached = self._tallies.get(sentence_id)
        if cached is None:
            cached = any(f.unit == "vote" for f in extract_figures(self.index.sentence(sentence_id).text))
            self._tallies[sentence_id] = cached
        return cached

    def _proximity(self, text: str, start: int, end: int) -> float:
        """0..1: how close the question's own words sit to the span ``start:end`` (idf-weighted)."""
        total = sum(self.index.idf(t) * w for t, w in self.own_terms.items()) or 1.0
        got = 0.0
        for match in _TOKEN.finditer(text):
            s = _term(match.group(0))
            if s not in self.own_terms:
                continue
            if start <= match.start() < end:
                continue
            distance = len(_TOKEN.findall(text[min(end, match.start()) : max(start, match.end())]))
            got += self.index.idf(s) * self.own_terms[s] / (1.0 + distance / 4.0)
        return min(got / total, 1.0)

    # --- dates ---

    def _date_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        out: list[_Candidate] = []
        question_numbers = set(self.spec.numbers)
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for match in _DATE.finditer(sentence.text):
                text = _LEADING_PREPOSITION.sub("", match.group(0).strip(" ,"))
                if text in question_numbers:
                    continue
                specificity = _date_specificity(text)
                start = match.start() + match.group(0).find(text)
                dateline = start == 0 and _DATELINE_TAIL.match(sentence.text, match.end()) is not None
                if dateline or self._years_conflict(text) or self._tied_elsewhere(sentence.text, start, match.end()):
                    continue  # a dateline is when the report was filed, not when the event was
                if not self._date_of_the_asked_event(hit.sentence_id, start, match.end()):
                    continue
                near = self._proximity(sentence.text, start, match.end())
                score = hit.score * coverage * specificity * (0.5 + near)
                out.append(
                    _Candidate(
                        key=_date_key(text),
                        display=text,
                        core=text,
                        variant=text,
                        sentence=sentence,
                        score=score,
                        context=frozenset(_window_stems(sentence.text, start, match.end())),
                    )
                )
        return out

    def _date_of_the_asked_event(self, sentence_id: int, start: int, end: int) -> bool:
        """Whether a date is the date of what the question asks happened.

        "When was The Salt Orchard *published*?": "published in March by Halyard Press, was named
        the winner on Tuesday night" dates the publication in March, not on Tuesday: the date must
        share a clause (a stretch between commas) with the asked verb, in one of its forms. "When
        was the *winner* announced?" is not dated by "the shortlist was announced on September 23":
        words before the verb in that clause (or the noun a participle follows), when there are
        any, must include one of the question's, or name the thing by its kind ("the game").
        """
        if self.spec.predicate is None:
            return True
        predicate, accepted = self._predicate_forms()
        text = self.index.sentence(sentence_id).text
        cuts = [0, *(m.end() for m in _CLAUSE_CUT.finditer(text)), len(text) + 1]
        lo = max(c for c in cuts if c <= start)
        hi = min(c for c in cuts if c > start)

        def states(fragment: str) -> bool:
            terms = set(index_terms(fragment))
            return bool(accepted & terms) or _shares_root(predicate, terms)

        # A clause with no verb of its own ("..., as its chief executive on Monday") continues the
        # one before, across appositions: "Arvento named Helen Marchetti, the COO of Corsa, as
        # its chief executive on Monday" dates the naming.
        while not states(text[lo:hi]) and lo > 0 and not _HAS_VERB.search(text[lo:hi]):
            lo = max(c for c in cuts if c < lo)
        if not states(text[lo:hi]):
            return False
        # "The *shortlist* was announced on September 23": the clause's subject is another thing.
        verb_at = next((m.start() for m in _TOKEN.finditer(text, lo, hi) if _term(m.group(0)) in accepted or _shares_root(_term(m.group(0)), accepted)), None)
        if verb_at is None:
            return True
        subject = [t for t in index_terms(text[lo:verb_at]) if not t[:1].isdigit()]
        if not subject and lo > 0 and not re.search(r"\b(?:and|but|which|who|that|it|he|she|they)\s*$", text[lo:verb_at]):
            # "The shortlist, announced on September 23, ...": a participle after its noun.
            subject = [t for t in index_terms(text[:lo]) if not t[:1].isdigit()][-3:]
        asked = set(self.own_terms) | set(self.borrowed)
        if all(t in _GENERIC_HEADS for t in subject):
            return True  # "*The game* was launched on May 15, 2012": the asked thing, by its kind
        return not subject or any(t in asked or _shares_root(t, asked) for t in subject)

    # --- ages ---

    def _age_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        """Ages of the one asked about: "Farrant, 67,", "the 29-year-old Ishara", "aged 54".

        "How old is X?" is answered by an age printed next to X (or, in a follow-up about a
        previous answer, next to that answer's name), never by another figure of its sentences
        ("twelve months", "50,000 copies") nor by the age of someone else in them.
        """
        owners = self._age_owners()
        out: list[_Candidate] = []
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            text = sentence.text
            for match in _AGE.finditer(text):
                value = next(g for g in match.groups() if g)
                owner = _age_owner(text, match.start(), match.end())
                if owner is None or not owners & {_term(w) for w in _TOKEN.findall(owner)} or _another_person(owner, owners):
                    continue
                start = text.find(value, match.start())
                out.append(
                    _Candidate(
                        key=value,
                        display=value,
                        core=value,
                        variant=value,
                        sentence=sentence,
                        score=hit.score * coverage,
                        context=frozenset(_window_stems(text, start, start + len(value))),
                    )
                )
        return out

    def _age_owners(self) -> set[str]:
        """Stems of who an age question asks about: its own names or lower-case head, else the
        previous answer's name ("how old is she?" after "who won?")."""
        own = {canonical_stem(t) for t in self.spec.proper} | {
            _term(w) for w in _TOKEN.findall(self.spec.text) if w[:1].isupper() and w.lower() not in STOP_WORDS and w.lower() != "how"
        }
        if not own:
            own = {t for t in self.own_terms if t not in _AGE_WORDS}
        if self.anchor is not None and self.anchor.answered:
            own |= {_term(w) for w in _TOKEN.findall(self.anchor.answer) if w[:1].isupper()}
        return own

    # --- names ---

    def _entity_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        spec = self.spec
        asked = _asked_terms(spec)
        out: list[_Candidate] = []
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for span in _name_spans(sentence.text):
                name, role = _split_role(_headline_cut(span.text, asked))
                numbered = re.match(r"\s+(\d{1,4}[A-Z]?)\b(?![,.]\d)", sentence.text[span.start + len(span.text) :])
                target = _term(spec.target) if spec.target else None
                if numbered and name == span.text and target in {_term(w) for w in name.split()}:
                    name = f"{name} {numbered.group(1)}"  # "Highway 132" for "which highway?"
                name_stems = [_term(w) for w in _TOKEN.findall(name)]
                headed = (
                    target is not None
                    and target in (name_stems[0], name_stems[-1])
                    and any(s not in asked for s in name_stems)  # "Best Director" is the question's own words
                )
                if not name_stems or (all(s in asked for s in name_stems) and not headed):
                    continue
                if any(s in asked for s in name_stems) and len(name_stems) <= 2 and spec.kind != "who" and not headed:
                    continue
                start = sentence.text.find(name, span.start)
                end = start + len(name)
                if not _used_as_name(spec, sentence.text, name, start, end) or self._tied_elsewhere(sentence.text, start, end):
                    continue
                following = _TOKEN.findall(sentence.text[span.start + len(span.text) :])[:1]
                if self._another_of_the_asked_kind(span.text, name, following[0] if following else ""):
                    continue
                if self._role_at_another_body(role) or (role is not None and spec.target in _BODY_TARGETS):
                    continue  # "President Trump" does not answer "which newspaper?"
                if spec.kind == "place" and " " not in name and _DEMONYM.match(name):
                    continue  # "American citizens" names no place
                if spec.target in _PERSON_TARGETS and _ORG_SUFFIX.search(name):
                    continue  # "the University of Port Ardent" is no scientist
                if spec.target in _BODY_TARGETS and _reads_as_person(sentence.text, start, end):
                    continue  # "founder Gordon Ashby, who stepped down" does not answer "which company?"
                if " " not in name and not sentence.text[:start].strip("\"'“‘([ ") and _common_word(name, sentence.article.text):
                    continue  # "Excavation ran over four seasons": a sentence's first word, not a name
                if self.anchor is not None and _ASKS_SPEAKER.search(spec.text) and not _is_speaker(sentence.text, start, end):
                    continue  # "who said that?": the speaker of the quote, not any name in it
                fit = _type_fit(spec, name, sentence.text, start, role) * _role_in_clause(spec, sentence.text, start, end)
                linked = self._relation_link(sentence.text, start, end, sentence.article.text)
                if spec.target in _WORK_TARGETS:
                    # "Which novel won?": a title, printed in quotes, not its author ("Farrant's").
                    if _quoted(sentence.text, start, end):
                        fit *= 2.0
                    elif (
                        re.match(r"['’]s\b", sentence.text[end:])
                        or _is_speaker(sentence.text, start, end)
                        or _WORK_TITLE_NEAR.search(sentence.text)
                        or _PREPOSITION_BEFORE.search(sentence.text[max(0, start - 40) : start])
                    ):
                        continue  # an author, a speaker, or a name inside a phrase ("set during the Winter War")
                if headed:
                    fit *= 2.0  # "the Defense Department" for "which department?"
                elif any(s in asked for s in name_stems):
                    fit *= 0.5  # an answer seldom repeats the question's words ("FIFA World Cup")
                if fit <= 0:
                    continue
                near = self._proximity(sentence.text, start, end)
                score = hit.score * coverage * fit * (0.3 + near)
                display = name
                role_words = {_term(w) for w in _TOKEN.findall(role or "")}
                if role and spec.kind == "who" and not role_words <= asked:
                    display = sentence.text[span.start : end] if sentence.text[span.start : end].endswith(name) else f"{role} {name}"
                out.append(
                    _Candidate(
                        key=_name_key(name),
                        display=display,
                        core=name,
                        variant=name,
                        sentence=sentence,
                        score=score,
                        context=frozenset(_window_stems(sentence.text, start, end) - set(name_stems)),
                        linked=linked,
                    )
                )
        if any(c.linked is not None for c in out):
            # A role or a verb to tie the answer to: names the sentences do not tie to it are
            # sibling facts (the former CEO, the stage winner, the film's composer), not answers.
            tied = [c for c in out if c.linked]
            self.untied = not tied
            out = tied
        _merge_partial_names(out)
        return out

    def _relation_link(self, text: str, start: int, end: int, article_text: str = "") -> bool | None:
        """Whether the sentence ties the name at ``start:end`` to what the question asks of it.

        None when the question names no role and no verb to tie to ("who is involved?").
        """
        spec = self.spec
        if spec.kind == "place" and self.anchor is None and _ASKS_BASE.search(spec.text):
            if _common_word(text[start:end], article_text or text):
                return False  # "- *Electric* bus maker Arvento ...": an adjective, not a place
            return _based_link(text, start, end, {w for name in self._names for w in name})
        if spec.kind not in ("who", "entity") or self.anchor is not None:
            return None
        if spec.target in _WORK_TARGETS and spec.verb is not None:
            # A work "wins" through its author ("Farrant won the prize for *“The Salt Orchard”*"):
            # a title in quotes, or the verb's own subject ("*Parasite* won best picture").
            return _quoted(text, start, end) or _role_in_clause(spec, text, start, end) >= _LINKED_FIT
        if spec.role is not None:
            if role_link(text, start, end, spec.role, spec.role_body, spec.text, context=article_text):
                return True
            head = spec.role.split()[-1]
            verb = _ROLE_VERBS.get(head)
            # "Directed by Justin Kurzel" ties him to "director"; the role noun itself is no verb
            # ("Crew List ; Director").
            fit = _role_in_clause(replace(spec, verb=verb), text, start, end, exclude={_term(head)}) if verb else 0.0
            return fit >= _LINKED_FIT
        if spec.verb is None and _PASSIVE_QUESTION.search(spec.text) is None:
            return None
        if spec.verb is not None and not self.index.knows(canonical_stem(spec.verb)):
            corrected = _known_variant(self.index, canonical_stem(spec.verb))
            spec = replace(spec, verb=corrected) if corrected else spec  # "who rote ..." -> "wrote"
        if spec.verb is not None and canonical_stem(spec.verb) in _SAYING_STEMS and _is_speaker(text, start, end):
            return True
        if _role_in_clause(spec, text, start, end) >= _LINKED_FIT:
            return True
        if spec.verb is not None and _PASSIVE_QUESTION.search(spec.text) is None:
            # "Who chaired the jury?": "Jury chair Rosalind Achterberg"; "who founded it?": "founder X".
            verb = canonical_stem(spec.verb)
            return role_link(text, start, end, verb, _verb_object(spec.text), spec.text, context=article_text, pattern=agent_pattern(verb))
        return False

    # --- "who is X?" ---

    def _asks_about_named_entity(self) -> bool:
        """ "Who is Kristi Noem?": every word of the question is part of a name."""
        spec = self.spec
        if spec.role is not None:
            return False  # "who is Corsa's CEO?" asks for a person by role, not about Corsa
        own = [t for t, w in zip(spec.focus, spec.weights) if w >= 1.0]
        # "who is Kristi Noem" / "who is kristi noem", but not "who is the DHS spokeswoman".
        match = re.match(
            r"^(?:and\s+)?who\s+(?:is|was)\s+(?!the\b|a\b|an\b|in\b|on\b|at\b|behind\b)([\w.'’-]+(?:\s+[\w.'’-]+){0,3})\s*\??$",
            spec.text,
            re.IGNORECASE,
        )
        if not own or match is None:
            return False
        # In a question typed with capitals, a lower-case word is not part of a name: "who is
        # Lumora's chief executive?" asks for a person by role, not about Lumora.
        typed_with_capitals = spec.text != spec.text.lower()
        return not typed_with_capitals or all(w[:1].isupper() for w in match.group(1).split())

    def _description_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        """Titles and appositions of the asked name: "Homeland Security Secretary Kristi Noem".

        A title that ends another ("Assistant Secretary" in "Department of Homeland Security
        Assistant Secretary") is the same description, shorter: both group under the shorter.
        """
        out = self._raw_descriptions(supported)
        keys = sorted({c.key for c in out}, key=len)
        for c in out:
            shorter = next((k for k in keys if k != c.key and c.key.endswith(" " + k)), None)
            if shorter is not None:
                c.key = shorter
        return out

    def _raw_descriptions(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        asked = set(self.spec.focus)
        out: list[_Candidate] = []
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for span in _name_spans(sentence.text):
                name, role = _split_role(span.text)
                name_stems = {_term(w) for w in _TOKEN.findall(name)}
                if not name_stems or not name_stems <= asked:
                    continue
                start = sentence.text.find(name, span.start)
                end = start + len(name)
                description = role
                display = sentence.text[span.start : end]
                if description is None:
                    # "DHS spokeswoman Tricia McLaughlin": a lower-case title before the name.
                    title = _TITLE_BEFORE.search(sentence.text[: span.start])
                    if title is not None and title.group("role").lower() in _ROLE_WORDS:
                        description = title.group(1)
                        display = sentence.text[title.start(1) : end]
                if description is None:
                    apposition = _APPOSITION.match(sentence.text, end)
                    if apposition is None:
                        continue
                    description = apposition.group(1)
                    display = sentence.text[start : apposition.end(1)]
                out.append(
                    _Candidate(
                        key=_norm_variant(description),
                        display=display,
                        core=display,
                        variant=display,
                        sentence=sentence,
                        score=hit.score * coverage * (1.2 if role else 1.0),
                        context=frozenset(),
                    )
                )
        return out

    # --- answers ---

    def _typed_answer(self, candidates: list[_Candidate]) -> Answer:
        groups: dict[str, _Group] = {}
        for c in candidates:
            groups.setdefault(c.key, _Group(c.key)).candidates.append(c)
        ranked = sorted(groups.values(), key=lambda g: g.score, reverse=True)
        if ranked[0].best().figure is not None:
            return self._figure_answer(ranked)
        top, partner = self._best_slot(ranked)
        best = top.best()
        if self.anchor is None:
            self._add_entity_support(top, best)
        variants: list[_Group] = []
        top_sources = set(top.sources)
        spans = self._date_spans if self.spec.kind == "date" else self._name_spans_of
        name_terms = [_term(w) for w in _TOKEN.findall(best.core)]
        if partner is not None and not set(partner.sources) & top_sources:
            variants.append(partner)
            top_sources |= set(partner.sources)
        rivals = self._rivals(top.candidates, spans, top_sources, name_terms, name_terms) if self.anchor is None else []
        for rival in rivals:
            group = next((g for g in variants if g.key == rival.key), None)
            if group is None:
                group = _Group(rival.key)
                variants.append(group)
            group.candidates.append(rival)
            top_sources.add(rival.sentence.article.id)
        for other in ranked[1:]:
            if any(v.key == other.key for v in variants):
                continue
            if other.best().score < _VARIANT_SHARE * best.score:
                continue  # weakly supported: noise, not a rival answer
            if set(other.sources) & top_sources:
                continue  # the same outlet gives both: two different facts, not a disagreement
            if not self.describing and not _same_fact(top, other, self.spec):
                continue
            variants.append(other)
            top_sources |= set(other.sources)
        # Consensus: a variant more sources print is the answer, the chosen one its variant.
        majority = max(variants, key=lambda g: len(g.sources), default=None)
        if majority is not None and len(majority.sources) > len(top.sources) and not self.describing:
            variants = [top if g is majority else g for g in variants]
            top, best = majority, majority.best()
        citations = _citations(top, best.core)
        shown = _shown(best, citations)
        disagreements: list[Disagreement] = []
        for other in variants:
            quotes = _citations(other, other.best().core)
            disagreements.append(Disagreement(_shown(other.best(), quotes), tuple(other.sources)))
            citations.extend(quotes)
        answering = len(top_sources)
        summary = _summary_line(shown, len(top.sources), answering, disagreements)
        return Answer(self.spec.text, True, shown, tuple(citations), tuple(disagreements), summary)

    def _figure_answer(self, ranked: list[_Group]) -> Answer:
        """Cluster values into quantities; answer with the best quantity, its variants as disagreements.

        Values of one quantity ("4.2 million patients", "more than 4 million patients") are
        grouped with :func:`summarizer.language.quantities.same_quantity`; the value most sources print,
        unqualified, is the answer, and every other printing is a disagreement with its sources.
        """
        # Cluster candidates (not value groups: "20,000 troops" and "20,000 officers" share a value
        # but not a quantity), each against the best-scored candidate of a cluster.
        clusters: list[list[_Candidate]] = []
        for cand in sorted((c for g in ranked for c in g.candidates), key=lambda c: c.score, reverse=True):
            assert cand.figure is not None
            for cluster in clusters:
                head = cluster[0]
                assert head.figure is not None
                if (
                    same_quantity(head.figure, head.sentence.text, cand.figure, cand.sentence.text)
                    and (any(c.key == cand.key for c in cluster) or self._article_names_the_subject(cand.sentence))
                ):
                    cluster.append(cand)
                    break
            else:
                clusters.append([cand])
        top = max(clusters, key=lambda cl: _Group("", cl).score)
        if self.anchor is None:
            numbers = self._add_figure_support(top)
            top.extend(self._rivals(top, self._figure_spans, {c.sentence.article.id for c in top}, numbers))
        whole = _Group("", top)
        by_value: dict[str, _Group] = {}
        for cand in top:
            by_value.setdefault(cand.key, _Group(cand.key)).candidates.append(cand)
        top_cluster = list(by_value.values())
        main = max(
            top_cluster,
            key=lambda g: (
                any(c.figure and not c.figure.vague for c in g.candidates),  # a count answers, "dozens" does not
                len(g.sources),
                any(not c.support for c in g.candidates),  # found by the question, not only by support
                any(c.figure and not c.figure.qualifier for c in g.candidates),
                g.score,
            ),
        )
        display = _consensus_display(main, main.best(), self.spec.counts)
        # Variants are values as stated, qualifier included ("more than 20,000" is not "20,000"),
        # but not as typeset: "3.75%" and "3.75 percent", "25 basis points" and "a quarter point"
        # state one value.
        by_variant: dict[tuple[str, float, str], list[str]] = {}
        labels: dict[tuple[str, float, str], str] = {}
        for group in [main, *[g for g in top_cluster if g is not main]]:
            for c in sorted(group.candidates, key=lambda c: c.score, reverse=True):
                assert c.figure is not None
                key = _stated_value(c.figure)
                by_variant.setdefault(key, []).append(c.sentence.article.id)
                labels.setdefault(key, c.variant)
        plain = next((c.figure for c in main.candidates if c.figure and not c.figure.qualifier), None)
        main_key = _stated_value(plain or main.best().figure)  # type: ignore[arg-type]
        disagreements = [
            Disagreement(labels[key], tuple(dict.fromkeys(ids)))
            for key, ids in by_variant.items()
            if key != main_key
        ]
        agreeing = len(dict.fromkeys(by_variant.get(main_key, [])))
        citations = _citations(whole)
        summary = _summary_line(display, agreeing, len(whole.sources), disagreements)
        return Answer(self.spec.text, True, display, tuple(citations), tuple(disagreements), summary)

    # --- support: every source that states the chosen answer ---

    def _support_sentences(
        self, answer_terms: Iterable[str], *, floor: float, exclude: Iterable[str] = (), predicate: bool = False
    ) -> list[tuple[IndexedSentence, float, float]]:
        """Sentences that may restate the answer, with their local coverage of the question.

        Retrieved with the question's words plus the answer's own (its name, its number), so the
        search stays an index lookup however large the store. A sentence qualifies when it prints
        at least ``floor`` of the question itself (its local coverage, returned with it) and comes
        from an article that prints the years it names; with ``predicate``, it must also state
        the question's predicate itself (a name appears in many roles: "the request was made to
        the Pentagon" does not say who is *reviewing* it). Words of the answer itself
        ("Halvorsen" in "who is Halvorsen?") do not count toward the coverage.
        """
        key = (frozenset(answer_terms), frozenset(exclude), predicate)
        pool = self._support_cache.get(key)
        if pool is None:
            pool = self._support_pool(*key)
            self._support_cache[key] = pool
        return [item for item in pool if item[2] >= floor]

    def _support_pool(
        self, answer_terms: frozenset[str], exclude: frozenset[str], predicate: bool
    ) -> list[tuple[IndexedSentence, float, float]]:
        """One search for :meth:`_support_sentences` (support and rivals share it), lowest floor."""
        terms = list(self.terms)
        weights = list(self.weights)
        for term in sorted(answer_terms):
            if term not in terms and self.index.knows(term):
                terms.append(term)
                weights.append(1.0)
        hits = self.index.search(terms, weights, limit=_SUPPORT_SENTENCES)
        saved = self.own_terms
        self.own_terms = {t: w for t, w in saved.items() if t not in exclude} or saved
        try:
            out = []
            for hit in hits:
                local = self._coverage(hit, article_credit=0.0)
                if (
                    local >= _SUPPORT_SAME_VALUE_COVERAGE
                    and self._numbers_covered(hit)
                    and (not predicate or self._predicate_covered(hit, neighbours=False))
                ):
                    out.append((self.index.sentence(hit.sentence_id), local * hit.score, local))
        finally:
            self.own_terms = saved
        return out

    def _add_entity_support(self, group: _Group, best: _Candidate) -> None:
        """Add to ``group`` each other source's best sentence that prints the answer verbatim."""
        have = set(group.sources)
        core = best.core
        name_terms = [_term(w) for w in _TOKEN.findall(core)]
        floor = min(c.score for c in group.candidates) * 0.5
        for sentence, score, _ in self._support_sentences(name_terms, exclude=name_terms, floor=SUPPORT_COVERAGE, predicate=True):
            aid = sentence.article.id
            if aid in have or core not in sentence.text:
                continue
            have.add(aid)
            group.candidates.append(
                _Candidate(group.key, best.display, core, best.variant, sentence, min(score, floor), best.context, None, True)
            )

    def _counts_asked(self, figure: Figure) -> bool:
        """Whether a figure counts what the question counts ("residents" for "how many people?")."""
        if not self.spec.counts:
            return False
        counted = {canonical_stem(w) for w in content_words(figure.counts or "")}
        asked = {canonical_stem(t) for t in self.spec.counts}
        return bool(counted & (asked | {x for t in asked for x in _EXPANSIONS.get(t, ())}))

    def _aligned(self, sentence: IndexedSentence, cited: list[_Candidate]) -> bool:
        """Whether a sentence shares enough content words with a sentence already cited for the answer.

        Outlets state one fact in their own words: "could owe up to $310 million in unpaid wages"
        and "back pay could reach $310 million" share the value and the story's words (drivers,
        lawyers, estimate) more than the question's. Sharing the value and ``_ALIGNED_SHARE`` of
        the shorter sentence's content words (numbers aside) makes it the same statement.
        """
        mine = {t for t in self.index.stems(sentence.sentence_id) if not t[:1].isdigit()}
        for c in cited:
            if c.sentence.article.id == sentence.article.id:
                continue
            theirs = {t for t in self.index.stems(c.sentence.sentence_id) if not t[:1].isdigit()}
            shorter = min(len(mine), len(theirs))
            if shorter and len(mine & theirs) / shorter >= _ALIGNED_SHARE:
                return True
        return False

    def _article_names_the_subject(self, sentence: IndexedSentence) -> bool:
        """Whether the sentence's article prints every name the question names.

        "6,100 employees" of another company shares the noun of "how many employees does ICE
        have?" but its article never names ICE: a different quantity, not a variant.
        """
        names = {canonical_stem(t) for t in self.spec.proper} & set(self.own_terms)
        if not names:
            return True
        article = self.index.article_index(sentence.sentence_id)
        return all(self.index.article_has(article, name) for name in names)

    def _add_figure_support(self, cluster: list[_Candidate]) -> frozenset[str]:
        """Add each other source's figure for the same quantity to ``cluster``: the same value, another
        value, or a vague amount ("dozens", "tens of thousands") that can only be a variant.

        Returns the answer terms the support search used (the cluster's numbers).
        """
        head = cluster[0]
        assert head.figure is not None
        have = {c.sentence.article.id for c in cluster}
        numbers = frozenset(_term(t) for c in cluster if c.figure for t in _TOKEN.findall(c.figure.number_text))
        floor = min(c.score for c in cluster) * 0.5
        question_numbers = {n.replace(",", "") for n in self.spec.numbers}
        # A tally is no amount: "5-2" in another story is another vote, so a sentence restating it
        # must cover the question's other words ("the Ridewell case"), and its article name its names.
        tally = head.figure.unit == "vote"
        exclude = _TALLY_NOUNS if tally else frozenset()
        for sentence, score, local in self._support_sentences(numbers, floor=_SUPPORT_SAME_VALUE_COVERAGE, exclude=exclude):
            aid = sentence.article.id
            if aid in have or (tally and not self._article_names_the_subject(sentence)):
                continue
            # Vague amounts ("tens of thousands of drivers") may be another outlet's way of telling
            # the quantity: reported as variants, after any precise value the sentence prints.
            for figure in sorted(self._figures(sentence.text, vague=True), key=lambda f: f.vague):
                if figure.number_text.replace(",", "") in question_numbers:
                    continue
                if _change_fit(self.spec.change, figure, sentence.text) <= 0.0:
                    continue
                # The question pins the quantity down: a sentence that covers it well needs less
                # agreement in the words around the figure than two figures compared blind.
                similarity = quantity_similarity(head.figure, head.sentence.text, figure, sentence.text)
                same_value = any(_stated_value(figure)[1:] == _stated_value(c.figure)[1:] for c in cluster if c.figure)
                close = abs(figure.value - head.figure.value) <= 0.3 * max(abs(head.figure.value), 1e-9)
                if similarity < _SUPPORT_SIMILARITY and not (
                    (same_value and (local >= SUPPORT_COVERAGE or self._aligned(sentence, cluster)))
                    or (close and local >= _SUPPORT_FULL_COVERAGE and self._counts_asked(figure))
                ):
                    # Worded otherwise ("sent some 13,000 residents fleeing" for "12,500 people
                    # evacuated"): the same quantity only if it states the value, or a close one
                    # of what the question counts in a sentence that covers the whole question.
                    continue
                if not same_value:
                    # Another value: a variant only with firm evidence that it is the same quantity.
                    firm = similarity >= SAME_QUANTITY_THRESHOLD and local >= SUPPORT_COVERAGE
                    if not (firm or (close and local >= _SUPPORT_VARIANT_COVERAGE)):
                        continue
                    if not self._article_names_the_subject(sentence):
                        continue
                have.add(aid)
                # "Dozens" opening a sentence is "dozens" in the middle of an answer
                variant = figure.text[:1].lower() + figure.text[1:] if figure.vague else figure.text
                cluster.append(
                    _Candidate(
                        key=f"{figure.value:g}|{figure.unit or ''}",
                        display=_figure_display(figure, sentence.text),
                        core=figure.text,
                        variant=variant,
                        sentence=sentence,
                        score=min(score, floor),
                        context=frozenset(),
                        figure=figure,
                        support=True,
                    )
                )
                break
        return numbers

    # --- rivals: the same sentence, another value ---

    def _best_slot(self, ranked: list[_Group]) -> tuple[_Group, _Group | None]:
        """The best answer, and the rival that fills the same slot in other sources' copy.

        When outlets print the same sentence with different values ("France beat Croatia" /
        "Germany beat Croatia"), each value gets only its own outlets' votes, and a name every
        outlet prints beside it ("Croatia") can outvote both. The two values fill one slot: the
        slot is scored with both values' support, the better-supported value answers, and the
        other is a disagreement with its sources.
        """
        top = ranked[0]
        best_pair: tuple[float, _Group, _Group | None] = (top.score, top, None)
        head = ranked[:_SLOT_GROUPS]
        for i, a in enumerate(head):
            for b in head[i + 1 :]:
                if set(a.sources) & set(b.sources) or a.score + b.score <= best_pair[0]:
                    continue
                if self._same_slot(a, b):
                    first, second = (a, b) if a.score >= b.score else (b, a)
                    best_pair = (a.score + b.score, first, second)
        return best_pair[1], best_pair[2]

    def _same_slot(self, a: _Group, b: _Group) -> bool:
        """Whether a sentence of ``a`` and one of ``b`` are the same sentence with the value swapped."""
        for ca in a.candidates[:_RIVAL_REFERENCES]:
            spans_a = [_Candidate(a.key, ca.core, ca.core, ca.core, ca.sentence, 0.0, frozenset())]
            terms_a = _plain_terms(ca.sentence.text, spans_a)
            for cb in b.candidates[:_RIVAL_REFERENCES]:
                spans_b = [_Candidate(b.key, cb.core, cb.core, cb.core, cb.sentence, 0.0, frozenset())]
                terms_b = _plain_terms(cb.sentence.text, spans_b)
                union = terms_a | terms_b
                if union and len(terms_a & terms_b) / len(union) >= _RIVAL_SIMILARITY:
                    return True
        return False

    def _rivals(
        self,
        answer: list[_Candidate],
        spans: Callable[[IndexedSentence], list[_Candidate]],
        have: set[str],
        answer_terms: Iterable[str],
        exclude: Iterable[str] = (),
    ) -> list[_Candidate]:
        """Values other sources print where the answer's sources print the answer.

        Outlets often run the same sentence (wire copy, rewrites) with a different value: "was
        released on July 21, 2017" against "on July 1, 2007"; "$10.4 billion" against "$1.39
        billion". Such a value is a disagreement whatever the distance between the values,
        because everything else the sentence says is the same. A sentence of another source
        qualifies when, with every value-like span removed, its words are ``_RIVAL_SIMILARITY``
        (Jaccard) the same as one of the answer's sentences, and it prints a value of the
        answer's kind that the answer's sentence does not.
        """
        refs = []
        for c in sorted(answer, key=lambda c: c.score, reverse=True)[:_RIVAL_REFERENCES]:
            if any(r[0].sentence_id == c.sentence.sentence_id for r in refs):
                continue
            found = spans(c.sentence)
            refs.append((c.sentence, _plain_terms(c.sentence.text, found), {f.key for f in found}))
        out: list[_Candidate] = []
        for sentence, score, _ in self._support_sentences(answer_terms, floor=SUPPORT_COVERAGE, exclude=exclude):
            aid = sentence.article.id
            if aid in have or not self._article_names_the_subject(sentence):
                continue
            found = spans(sentence)
            if not found:
                continue
            terms = _plain_terms(sentence.text, found)
            for _, ref_terms, ref_keys in refs:
                union = terms | ref_terms
                if not union or len(terms & ref_terms) / len(union) < _RIVAL_SIMILARITY:
                    continue
                new = [f for f in found if f.key not in ref_keys]
                if len(new) != 1:
                    continue  # the sentence must differ by one value, not rewrite the facts
                rival = new[0]
                rival.score = score * 0.5
                rival.support = True
                out.append(rival)
                have.add(aid)
                break
        return out

    def _figure_spans(self, sentence: IndexedSentence) -> list[_Candidate]:
        """Figures of the answer's kind in a sentence, as candidates (for rivals)."""
        text = sentence.text
        return [
            _Candidate(f"{f.value:g}|{f.unit or ''}", _figure_display(f, text), f.text, f.text, sentence, 0.0, frozenset(), f)
            for f in self._figures(text)
            if _change_fit(self.spec.change, f, text) > 0.0
        ]

    def _date_spans(self, sentence: IndexedSentence) -> list[_Candidate]:
        """Dates precise to the year or better in a sentence, as candidates (for rivals)."""
        out = []
        for match in _DATE.finditer(sentence.text):
            date = _LEADING_PREPOSITION.sub("", match.group(0).strip(" ,"))
            if _date_specificity(date) >= 1.0:
                out.append(_Candidate(_date_key(date), date, date, date, sentence, 0.0, frozenset()))
        return out

    def _name_spans_of(self, sentence: IndexedSentence) -> list[_Candidate]:
        """Names in a sentence that are not the question's own, as candidates (for rivals)."""
        asked = _asked_terms(self.spec)
        out = []
        for span in _name_spans(sentence.text):
            name, _ = _split_role(_headline_cut(span.text, asked))
            stems = [_term(w) for w in _TOKEN.findall(name)]
            if not stems or any(s in asked for s in stems):
                continue
            start = sentence.text.find(name, span.start)
            if _used_as_name(self.spec, sentence.text, name, start, start + len(name)):
                out.append(_Candidate(_name_key(name), name, name, name, sentence, 0.0, frozenset()))
        return out

    def _sentence_answer(self, supported: list[tuple[Hit, float]]) -> Answer:
        """The best supporting sentence, cited to every source that prints it (wire copy).

        A source that says the same in other words is not cited: a quote must contain the answer,
        and the answer here is the sentence itself.
        """
        prose = [(hit, c) for hit, c in supported if not _is_heading(self.index.sentence(hit.sentence_id).text)]
        if not prose:
            return _abstain(self.spec.text)
        supported = prose
        best_hit, _ = supported[0]
        best = self.index.sentence(best_hit.sentence_id)
        citations = [Citation(best.article.id, best.article.source, best.text, best.article.url)]
        cited = {best.article.id}
        wanted = _flat(best.text)
        best_stems = frozenset(self.index.stems(best.sentence_id))
        pool = [self.index.sentence(hit.sentence_id) for hit, _ in supported[1:]]
        pool += [sentence for sentence, _, _ in self._support_sentences(best_stems, floor=MIN_LOCAL_COVERAGE)]
        for other in pool:
            if other.article.id not in cited and wanted in _flat(other.text):
                citations.append(Citation(other.article.id, other.article.source, other.text, other.article.url))
                cited.add(other.article.id)
        n = len(citations)
        summary = f"reported by {n} sources" if n > 1 else "reported by 1 source"
        return Answer(self.spec.text, True, best.text, tuple(citations), (), summary)


# --- helpers: answers -----------------------------------------------------------------------------


def _printed_at(sentence: str, answer: str) -> tuple[int, int] | None:
    """Where a sentence prints a short answer: the answer itself, else its first number as printed
    ("20,000" of "20,000 National Guard troops" in "more than 20,000 members"). None for a
    sentence answer (it is the whole sentence) or when it is not printed."""
    if len(answer) >= _PROSE_ANSWER:
        return None
    at = sentence.find(answer)
    if at >= 0:
        return at, at + len(answer)
    for number in re.findall(r"\d[\d,.]*\d|\d", answer):
        match = re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d,]\d)", sentence)
        if match is not None:
            return match.start(), match.end()
    return None


def _abstain(question: str, message: str = NOT_COVERED) -> Answer:
    return Answer(question=question, answered=False, answer=message)


def _citations(group: _Group, core: str | None = None) -> list[Citation]:
    """One citation per source: its best sentence that prints the answer verbatim.

    ``core`` is the text every quote must contain (a name); figures pass None and each quote must
    contain its own printing of the value ("20,000" or "more than 20,000").
    """
    out: list[Citation] = []
    seen: set[str] = set()
    for c in sorted(group.candidates, key=lambda c: c.score, reverse=True):
        art = c.sentence.article
        if art.id in seen or (core or c.core) not in c.sentence.text:
            continue
        seen.add(art.id)
        out.append(Citation(art.id, art.source, c.sentence.text, art.url))
    return out


def _shown(best: _Candidate, citations: list[Citation]) -> str:
    """The answer as shown: with its role ("DHS spokeswoman Tricia McLaughlin") when every quote
    prints it so, else the bare name every quote prints (a quote must contain the answer)."""
    if best.display != best.core and not all(best.display in c.quote for c in citations):
        return best.core
    return best.display


def _consensus_display(group: _Group, best: _Candidate, asked: tuple[str, ...] = ()) -> str:
    """The answer as most sources print it: the unqualified value when any source gives it."""
    if best.figure is None:
        return best.display
    plain = [c for c in group.candidates if not (c.figure and c.figure.qualifier)]
    pick = max(plain or group.candidates, key=lambda c: c.score)
    counts = [
        c.figure.counts for c in group.candidates if c.figure and c.figure.counts and _counts_follow(c.figure, c.sentence.text)
    ]
    display = pick.figure.text if pick.figure else pick.display
    if counts:
        # The most common description of what is counted.
        noun = max(set(counts), key=lambda n: (bool(set(content_words(n)) & set(asked)), counts.count(n), len(n)))
        if noun.lower() not in display.lower():
            display = f"{display} {noun}"
    return display


def _counts_follow(figure: Figure, sentence: str) -> bool:
    """Whether what the figure counts is printed right after it ("20,000 National Guard troops")."""
    return bool(figure.counts) and sentence[figure.end :].lstrip().lower().startswith((figure.counts or "").lower())


def _figure_display(figure: Figure, sentence: str) -> str:
    if figure.counts and _counts_follow(figure, sentence) and figure.counts.lower() not in figure.text.lower():
        return f"{figure.text} {figure.counts}"
    return figure.text


def _summary_line(display: str, agreeing: int, answering: int, disagreements: list[Disagreement]) -> str:
    """ "20,000 National Guard troops: all 5 sources; 3 say more than 20,000"."""
    if answering <= 1:
        head = "1 source"
    elif agreeing == answering:
        head = f"all {answering} sources"
    else:
        head = f"{agreeing} of {answering} sources"
    parts = [f"{display}: {head}"]
    for d in disagreements:
        n = len(d.sources)
        parts.append(f"{n} say {d.value}" if n > 1 else f"1 says {d.value}")
    return "; ".join(parts)


def _same_fact(top: _Group, other: _Group, spec: QuestionSpec) -> bool:
    """Whether two values answer the same question rather than two different ones.

    Compared by the words around them (figure counted noun excluded): "10,000 troops already
    stationed along the border" and "20,000 troops requested" share only their noun.
    """
    if spec.kind in NUMBER_KINDS:
        a_best, b_best = top.best(), other.best()
        if a_best.figure is not None and b_best.figure is not None:
            return same_quantity(a_best.figure, a_best.sentence.text, b_best.figure, b_best.sentence.text)
    a, b = top.context, other.context
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.3


def _plain_terms(text: str, spans: list[_Candidate]) -> set[str]:
    """A sentence's index terms without its numbers and without the words of its value spans."""
    inside = {_term(w) for c in spans for w in _TOKEN.findall(c.core)}
    return {t for t in index_terms(text) if not t[:1].isdigit() and t not in inside}


def _stated_value(figure: Figure) -> tuple[str, float, str]:
    """What a figure states, however typeset: qualifier class, value and unit."""
    return (qualifier_class(figure.qualifier), round(figure.value, 6), figure.unit or "")


def _is_heading(text: str) -> bool:
    """Whether a "sentence" is a heading, a list or a fragment, not prose.

    Prose has lower-case words; a heading capitalises them all ("Men's Tennis ATP Rankings 2019 ;
    1."). A fragment starts mid-sentence ("... as two of the leading contenders"). Neither answers
    a what/why question: it does not say how its names relate.
    """
    body = _DATELINE.sub("", text).lstrip()
    if re.match(r"(?:\.\.\.|…|[a-z])", body):
        return True  # a fragment cut from the middle of a sentence ("... as two of the leading")
    return len(re.findall(r"(?<![\w'’-])[a-z]{2,}\b", text)) < _PROSE_WORDS


def _flat(text: str) -> str:
    """Text with curly quotes made plain and runs of spaces made one, for containment tests."""
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return " ".join(text.split())


def _norm_variant(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


# --- helpers: figures -----------------------------------------------------------------------------

_CURRENCY = frozenset({"$", "€", "£", "¥", "usd", "eur", "gbp", "dollars", "euros", "pounds", "yen", "us$", "c$", "a$"})


def _whole_of(figure: Figure) -> Figure | None:
    """The whole of a part-of-a-whole figure as a figure of its own: "20" of "14 of 20" (economists).

    Its span is the whole's number as printed, so a quote that holds the part holds the whole.
    """
    match = _WHOLE_NUMBER.search(figure.text)
    if match is None or figure.out_of is None:
        return None
    number = match.group(1)
    return replace(
        figure,
        value=figure.out_of,
        text=number,
        number_text=number,
        qualifier=None,
        start=figure.start + match.start(1),
        out_of=None,
    )


_WHOLE_NUMBER = re.compile(r"\bof\s+(?:(?:the|its|their|his|her|our|those|these|all)\s+)?(\S+)$", re.IGNORECASE)


def _unit_fits(spec: QuestionSpec, figure: Figure, counts: Collection[str] = ()) -> bool:
    """Whether a figure is the kind of number the question asks for.

    A tally ("5-2") answers a vote question and a count of votes or voters voting ("how many
    justices dissented?"), never a count of anything else ("how many drivers?": its "5" and "2"
    count no drivers); a vote question takes nothing but a tally. A count in a unit answers only
    a question counting that unit ("how many acres?", not "how many troops?": "four months").
    ``counts`` adds what the question counts as the index spells it ("acers" corrected to "acres").
    """
    kind = spec.kind
    if figure.unit == "vote" or kind == "vote":
        return figure.unit == "vote" and spec.tally
    unit = (figure.unit or "").lower()
    is_money = unit in _CURRENCY or any(sym in figure.text for sym in "$€£¥")
    if kind == "percent":
        return unit in {"%", "percent", "per cent", "percentage points", "points"}
    if kind == "money":
        return is_money
    # A calendar year ("the 2020 Bear Flat Fire": unit "year" from language/quantities.py; a bare 1992 from an
    # older reading) counts nothing.
    is_year = figure.unit == "year" or (
        figure.unit is None and figure.value.is_integer() and 1800 <= figure.value <= 2100 and not figure.counts
    )
    if is_year:
        return False
    if kind == "count":
        # "a half-point cut" counts no members; "how many points did the index fall?" asks points.
        points = unit in {"percentage points", "points", "basis points"} and "point" not in spec.counts
        # "less than four months" counts no troops; "how many acres?" is answered in acres.
        asked = {*spec.counts, *counts}
        measured = bool(unit) and bool(asked) and not points and canonical_stem(stem(unit.split()[-1])) not in asked
        return not is_money and not points and not measured and unit not in {"%", "percent", "per cent"}
    if spec.measure is not None and kind == "quantity":
        # "How much did it weigh?" is not answered by "1.7 metres", nor "how fast?" by "150 kg".
        return _unit_family(unit) == spec.measure
    return True  # quantity


_UNIT_FAMILIES = {
    "length": "m cm mm km metre meter metres meters centimetre centimetres kilometre kilometres feet foot ft inch inches in mile miles mi yard yards yd",
    "weight": "kg g mg t tonne tonnes ton tons lb lbs pound pounds ounce ounces oz kilogram kilograms gram grams",
    "speed": "mph km/h kph kmh knot knots m/s",
    "time": "year years month months week weeks day days hour hours minute minutes second seconds decade decades century centuries",
    "temperature": "degree degrees °c °f c f celsius fahrenheit",
}
_FAMILY_OF = {u: family for family, units in _UNIT_FAMILIES.items() for u in units.split()}


def _near_miss(counted: str, wanted: str) -> bool:
    """Whether two stems are kin words for different things ("agent"/"agenc", "offic"/"officer"):
    one opens like the other over four letters or more, yet neither is the other."""
    if counted == wanted or len(counted) < 4 or len(wanted) < 4:
        return False
    common = len(os.path.commonprefix([counted, wanted]))
    return common >= 4 and not (counted.startswith(wanted) or wanted.startswith(counted))


def _unit_family(unit: str) -> str | None:
    unit = unit.lower().strip()
    return _FAMILY_OF.get(unit) or _FAMILY_OF.get(unit.split()[-1] if unit else "")


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LIST_SEPARATOR = re.compile(r"\s[·|•;]\s")
#: Words either side of a value within which another year than the question's ties it to that year.
_YEAR_WINDOW = 4
_EVENT_YEAR = re.compile(r"(?<![\w.,-])((?:1[89]|20)\d\d)(?![\w-])")
_NOT_EVENT_YEAR = re.compile(r"\b(?:since|as\s+of)\s+(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?$", re.IGNORECASE)
#: A leading dateline: "Jul 9, 2022 ...", "May 15, 2025 —", "2025-05-15:".
_DATELINE = re.compile(
    r"^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d)-\d\d-\d\d)\s*(?:\.\.\.|…|—|–|-|:|\|)"
)


def _event_years(text: str) -> set[str]:
    """Years a sentence reports on: every printed year but those after "since" or "as of"."""
    return {m.group(1) for m in _EVENT_YEAR.finditer(text) if not _NOT_EVENT_YEAR.search(text[: m.start()])}


_ORDINALS = {
    w: str(k)
    for k, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}
_NUMBERED_PARTS = frozenset({"season", "episode", "part", "chapter", "volume", "series", "phase", "game", "quarter", "round", "stage", "leg", "half"})


def _printed_numbers(text: str, word: str) -> set[str]:
    """The numbers a text gives a numbered part: "Season 10", "third-quarter", "the fourth quarter", "Q3"."""
    printed = {m.group(1) for m in re.finditer(rf"\b{re.escape(word)}\s+(\d+)\b", text, re.IGNORECASE)}
    for m in re.finditer(rf"\b([a-z]+)[\s-]+{re.escape(word)}s?\b", text, re.IGNORECASE):
        if m.group(1).lower() in _ORDINALS:
            printed.add(_ORDINALS[m.group(1).lower()])
    if word.lower() == "quarter":
        printed |= {m.group(1) for m in re.finditer(r"\bQ([1-4])\b", text)}
    return printed


def _numbered_names(question: str) -> list[tuple[str, str]]:
    """Numbered names of a question: ("Splatoon", "2"), ("iPhone", "11"), ("Season", "11").

    An ordinal before a numbered part counts as its number: "the first season of The Blacklist"
    is ("season", "1"), so a sentence about "Season 10" is about another season.
    """
    out = []
    for match in re.finditer(r"\b([A-Za-z][\w'’]*[A-Za-z])\s+(\d{1,3})\b(?![.,:]\d)", question):
        word, number = match.group(1), match.group(2)
        if word[:1].isupper() or word.lower() in _NUMBERED_PARTS:
            out.append((word, number))
    for match in re.finditer(r"\b([a-z]+)[\s-]+(?=([a-z]+)\b)", question.lower()):
        if match.group(1) in _ORDINALS and match.group(2) in _NUMBERED_PARTS:
            out.append((match.group(2), _ORDINALS[match.group(1)]))
    return out


_CHANGE_WORDS = frozenset(
    "by down up fell fall falls dropped drop drops rose rise rises declined decline slid slipped "
    "jumped climbed gained lost plunged sank surged soared weakened strengthened cut cuts trimmed "
    "lowered raised reduced slashed".split()
)
_CHANGE_AFTER = re.compile(r"\s*(?:[-–]\s*)?(?:reduction|drop|decline|decrease|fall|cut|increase|rise|jump|gain|loss|growth|surge|plunge|dip|hike|slump)\b", re.IGNORECASE)
_LEVEL_BEFORE = re.compile(r"\b(?:to|at|of|is|was|are|were|stands|stood|remains|remained|reached|hit|from)\s*$", re.IGNORECASE)


def _change_fit(change: str | None, figure: Figure, sentence: str) -> float:
    """How well a figure fits a question about a change ("by how much?") or a level ("what rate?").

    "lowered its rate by 0.25 percentage points to 3.75%": 0.25 points is the change, 3.75% the
    level. A question that asks one is not answered by the other.
    """
    if change is None:
        return 1.0
    before = sentence[: figure.start].rstrip()
    last = before.rsplit(None, 1)[-1].lower().strip(",;:") if before else ""
    is_change = (
        last in _CHANGE_WORDS
        or _CHANGE_AFTER.match(sentence, figure.end) is not None
        or figure.unit in ("percentage points", "points")
    )
    is_level = _LEVEL_BEFORE.search(before) is not None and last != "by"
    if change == "level":
        return 0.0 if is_change and not is_level else 1.0
    return 0.3 if is_level and not is_change else (1.3 if is_change else 1.0)


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")


def _window_stems(text: str, start: int, end: int, width: int = 6) -> set[str]:
    """Content stems of up to ``width`` content words either side of ``start:end``."""
    before = [w for w in content_words(text[:start]) if not w[:1].isdigit()][-width:]
    after = [w for w in content_words(text[end:]) if not w[:1].isdigit()][:width]
    return set(before) | set(after)


# --- helpers: dates -------------------------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PERIOD = (
    r"(?:the\s+)?(?:first|second|latter|final)\s+half|(?:the\s+)?(?:first|second|third|fourth|final)\s+quarter"
    r"|(?:the\s+)?(?:end|start|beginning|middle)|early|late|mid"
)
_DATE = re.compile(
    rf"\b(?:(?:{_PERIOD})(?:\s+of)?[\s-]+(?:1[89]|20)\d{{2}}(?!\d)"  # second half of 2026, mid-2026
    rf"|(?:(?:{_WEEKDAYS}),?\s+)?(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+|\s+of\s+)\d{{4}}"  # May 15, 2025; November 21 of 1998
    rf"|(?:on\s+)?(?:{_WEEKDAYS}),?\s+(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"  # Sunday, August 22nd
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}),?\s+\d{{4}}"  # 15 May 2025
    rf"|(?:early|mid|late|mid-)?\s?(?:{_MONTHS})\s+(?:of\s+)?\d{{4}}"  # May 2025
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"  # May 15
    r"|\d{4}-\d{2}-\d{2}"  # 2025-05-15
    rf"|(?:last|next|this|earlier\s+this|later\s+this)\s+(?:week|month|year|{_WEEKDAYS}|spring|summer|fall|autumn|winter)"
    rf"|(?:on\s+)?(?:{_WEEKDAYS})"
    r"|(?:in|since|during|by|until|from)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?(?:1[89]|20)\d{2}s?"  # in 1992
    rf"|(?:in|since|by|until|from)\s+(?:early\s+|late\s+|mid-)?(?:{_MONTHS})(?!\s+(?:of\s+)?\d)"  # published in March
    r"|(?:1[89]|20)\d{2}"
    r")(?![\w-])"
)
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|said|says|[a-z]{3,}ed)\b"
)
#: Heads by which an article refers back to the thing it is about ("the game", "the company").
_GENERIC_HEADS = frozenset(
    canonical_stem(stem(w))
    for w in """game film movie book novel album song show series company firm group team band app device phone
    console product event tournament festival election season episode update version title record""".split()
)
_CLAUSE_CUT = re.compile(r"[,;:—–]\s|\s[-–—]\s")
_LEADING_PREPOSITION = re.compile(r"^(?:in|on|since|during|by|until|from)\s+(?:the\s+)?", re.IGNORECASE)
_DATELINE_TAIL = re.compile(r"\s*(?:\.\.\.|…|—|–|-|\|)")
_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def _date_specificity(text: str) -> float:
    if re.match(rf"(?:{_PERIOD})\b", text.lower()):
        return 1.15  # a part of a year: more than the year, less than a month
    has_year = re.search(r"\b(?:1[89]|20)\d{2}\b", text) is not None
    has_month = re.search(_MONTHS, text) is not None or re.match(r"\d{4}-\d{2}", text) is not None
    has_day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", text)) is not None
    if has_year and has_month and has_day:
        return 1.6
    if has_year and has_month:
        return 1.3
    if has_month and has_day:
        return 1.15
    if has_year:
        return 1.0
    return 0.7


def _date_key(text: str) -> str:
    lower = text.lower().replace(",", " ").replace(".", " ")
    lower = re.sub(r"^(?:in|on|since|during|by|until|from)\s+(?:the\s+)?", "", lower)
    period = re.match(rf"(?:{_PERIOD})\b", lower)
    if period is not None and re.search(r"\b(?:1[89]|20)\d{2}\b", lower):
        # "second half of 2026" and "mid-2026" are two statements about one year.
        name = re.sub(r"^the\s+", "", period.group(0))
        return f"{name}|{_date_key(lower[period.end():].strip(' -').removeprefix('of ').strip())}"
    year = re.search(r"\b(?:1[89]|20)\d{2}\b", lower)
    month = next((n for k, n in _MONTH_NUMBER.items() if re.search(rf"\b{k}", lower)), None)
    day_text = re.sub(r"\b\d{4}\b", "", lower)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", day_text)
    if month is not None or year is not None:
        return f"{year.group(0) if year else '?'}-{month or '?'}-{int(day.group(1)) if day and month else '?'}"
    return " ".join(lower.split())


# --- helpers: names -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    text: str
    start: int


_NAME_TOKEN = re.compile(r"[A-Z][\w’'.\-&]*[\w.]|[A-Z]")
_QUESTION_NAME_RUN = re.compile(r"[A-Z][\w’'.&-]*(?:[:,]?\s+(?:(?:of|the|de|and)\s+)*[A-Z][\w’'.&-]*)*")
_CONNECTORS = frozenset({"of", "the", "de", "da", "del", "van", "von", "for", "and", "&", "la", "le", "du", "bin"})
_SENTENCE_OPENERS = STOP_WORDS | frozenset(
    "however but meanwhile after before while when if although despite according last late early this "
    "these those that in on at for from with without under over into during since until as "
    # qualifiers opening a sentence ("Roughly 12,000 people ..."), never a name
    "roughly nearly almost approximately around about some more fewer less".split()
)
_ROLE_WORDS = frozenset(
    """
    senator sen sens rep representative congressman congresswoman governor gov president vice
    secretary assistant deputy acting commissioner director chief ceo cfo coo cto cmo chair chairman chairwoman
    minister prime spokesman spokeswoman spokesperson judge justice mayor attorney general
    ambassador officer official leader speaker founder executive chancellor king queen prince
    coach manager captain adviser advisor press administrator superintendent sheriff
    """.split()
)
_NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december i mr mrs ms dr
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions dozens
    """.split()
)
_ORG_SUFFIX = re.compile(
    r"\b(?:Department|Agency|Administration|Service|Office|Ministry|Committee|Council|Court|Party|"
    r"Inc|Corp|Corporation|Company|Co|Group|Association|Union|University|Times|News|Post|Press|"
    r"Bureau|Commission|Institute|Foundation|Army|Navy|Force|Guard|Patrol|Police|Pentagon|Congress|"
    r"Senate|House|Bank|Fund|Club|FC|Studios|Pictures|Records)\b"
)
_PLACE_CUES = re.compile(r"(?:\b(?:in|at|from|near|across|to|into|outside|inside|along|of)\s+(?:the\s+)?)$")


def _name_spans(text: str) -> list[_Span]:
    """Runs of capitalised words ("Homeland Security Secretary Kristi Noem"), connectors inside."""
    spans: list[_Span] = []
    tokens = list(re.finditer(r"\S+", text))
    i = 0
    while i < len(tokens):
        raw = tokens[i].group(0)
        word = raw.strip("\"'“”‘’(),.;:!?[]")
        if not word or not _NAME_TOKEN.fullmatch(word) or (i == 0 and word.lower() in _SENTENCE_OPENERS):
            i += 1
            continue
        if word.lower() in _NOT_NAMES and word.lower() not in {"may", "march"}:
            i += 1
            continue
        start_index = i
        end_index = i
        j = i + 1
        while j < len(tokens) and not re.search(r"[,;:!?)\]”\"]$|\.$|-(?:based|born|headquartered)$", tokens[j - 1].group(0).rstrip("’'")):
            nxt = tokens[j].group(0).strip("\"'“”‘’(),.;:!?[]")
            if nxt and _NAME_TOKEN.fullmatch(nxt) and nxt.lower() not in _NOT_NAMES:
                end_index = j
                j += 1
                continue
            if nxt.lower() in _CONNECTORS and j + 1 < len(tokens):
                after = tokens[j + 1].group(0).strip("\"'“”‘’(),.;:!?[]")
                if after and _NAME_TOKEN.fullmatch(after):
                    j += 1
                    continue
            break
        start = tokens[start_index].start()
        end = tokens[end_index].end()
        piece = text[start:end].strip("\"'“”‘’(),;:!?[] ")
        piece = re.sub(r"(?:['’]s|[.,])$", "", piece).strip()
        piece = re.sub(r"-(?:based|born|headquartered)$", "", piece)  # "Denver-based Parrow": Denver
        lead = len(text[start:end]) - len(text[start:end].lstrip("\"'“”‘’(),;:!?[] "))
        if piece and not (piece.lower() in _SENTENCE_OPENERS):
            spans.append(_Span(piece, start + lead))
        i = end_index + 1
    return spans


#: "Which X" nouns that ask for a body, never for a titled person.
_BODY_TARGETS = frozenset(
    "newspaper outlet network agency department company companies firm organisation organization "
    "party team club band group ministry court bank union university".split()
)
#: "Which X" nouns that ask for a person, never for a body.
_PERSON_TARGETS = frozenset(
    "person man woman player actor actress senator governor minister spokesman spokeswoman spokesperson "
    "judge singer author writer artist coach scientist researcher doctor expert official teacher student "
    "journalist reporter economist lawyer politician candidate athlete driver pilot officer".split()
)
_TITLE_FUNCTION_WORDS = frozenset("a an the of in on at by for to with and or from".split())
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ican)$")
_AUXILIARY_WORDS = frozenset("is are was were has have had will would can could may might said says told who which".split())


def _verb_like(word: str) -> bool:
    """A lower-case word that may be the verb after a name ("Brian said", "Morgan wins")."""
    return word in _AUXILIARY_WORDS or word.endswith(("ed", "s"))

_PATIENT_AFTER = re.compile(r"^\s*(?:,\s*)?(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being|got)\s+(?:\w+ly\s+)?\w+(?:ed|en|ght|id|ld|wn|ne|ok)\s+by\b", re.IGNORECASE)


def _used_as_name(spec: QuestionSpec, sentence: str, name: str, start: int, end: int) -> bool:
    """Whether a capitalised span is used as the name of an answer, not as a word or a past holder.

    Not: after an indefinite article ("won an Oscar", "a Grand Slam final", "a Colombian has
    won"); a nationality used as an adjective ("the Austrian author"); a past reference after
    "since" ("the first British man since Fred Perry"); the thing acted upon in a passive clause
    when the question asks who acted ("the Fox Film Corporation was bought by Marvin Davis").
    """
    if spec.kind not in ("who", "entity"):
        return True
    before = sentence[:start].rstrip().lower()
    last = before.rsplit(None, 1)[-1] if before else ""
    if last in {"a", "an", "since"}:
        return False
    after = sentence[end:]
    if not before.strip("\"'“‘([ ") and (after.startswith(":") or (" " not in name and re.match(r"[a-z]+(?:ed|ing)$", name[1:]) and re.match(r"\s+[a-z]", after))):
        return False  # a label ("BREAKING NEWS: ...") or a sentence opening on a participle ("Favored to win")
    if not before.strip("\"'“‘([ ") and " " not in name and re.match(r"(?:\s+(?:out|up|the|a|an|this|these|his|her|their|its|our|your)\b|,)", after):
        return False  # an opener: an imperative ("Check out", "Meet the new CEO") or an adverb ("Overall,")
    words = name.split()
    if all(w.lower() in _CONNECTORS or w.lower() in STOP_WORDS for w in words) or words[0].lower().strip(".") in _ROLE_WORDS:
        return False  # "The", "of", "CEO of SpaceX and": no name left
    if spec.kind == "who" and sum(1 for w in words[1:] if w.lower() in _TITLE_FUNCTION_WORDS) >= 2:
        return False  # a title in title case ("Outstanding Performance By A Female Actor In A")
    if spec.kind == "who" and re.search(r"[\"“‘']\s*$", sentence[:start]) and re.match(r"\s*[\"”’']", after):
        return False  # a quoted title ("“Nomadland”"), not a person
    if len(name) > 8 and name.isupper() and " " in name:
        return False  # shouting, not a name ("MATCH POINT")
    if spec.kind == "who" and re.match(r"\s*\((?:1[89]|20)\d\d\)", after):
        return False  # a work and its year ("Titanic (1997)"), not a person
    following = re.match(r"\s+([a-z]+)", sentence[end:])
    if " " not in name and _DEMONYM.match(name) and (
        last in {"the", "an", "a"} or (following is not None and not _verb_like(following.group(1)))
    ):
        return False
    if spec.kind == "who" and spec.verb is not None and _PATIENT_AFTER.match(sentence[end:]):
        return False
    return True


def _split_role(span: str) -> tuple[str, str | None]:
    """("Homeland Security Secretary Kristi Noem") -> ("Kristi Noem", "Homeland Security Secretary")."""
    words = span.split()
    last_role = -1
    for k, w in enumerate(words[:-1]):
        if w.lower().strip(".") in _ROLE_WORDS:
            last_role = k
    if last_role >= 0 and last_role < len(words) - 1:
        rest = words[last_role + 1 :]
        while len(rest) > 1 and rest[0].lower() in _CONNECTORS:
            rest = rest[1:]  # "CEO of Google": the name is "Google", not "of Google"
        return " ".join(rest), " ".join(words[: len(words) - len(rest)])
    return span, None


def _type_fit(spec: QuestionSpec, name: str, sentence: str, start: int, role: str | None) -> float:
    """How well a name fits the kind of answer wanted (0 = not at all)."""
    words = name.split()
    if spec.kind == "place":
        before = sentence[max(0, start - 30) : start]
        if _ORG_SUFFIX.search(name) and not re.search(r"\b(?:City|County|State|Province)\b", name):
            return 0.3
        return 1.3 if _PLACE_CUES.search(before) or re.search(r",\s*[A-Z]", sentence[start : start + len(name) + 3]) else 0.8
    if spec.kind == "who":
        if role is not None:
            return 1.4
        if len(words) >= 2 and not _ORG_SUFFIX.search(name):
            return 1.2  # looks like a person's name
        return 1.0
    return 1.0  # entity


_TITLE_BEFORE = re.compile(r"((?:\b[A-Z][\w.&'’-]*\s+){0,3}(?:[a-z]+\s+)?(?P<role>[a-z]+))\s+$")
_APPOSITION = re.compile(r",\s+((?:the|a|an|who\s+is|its|his|her)\s+[^,;.\"“”]{3,90}?)(?=,|;|\.|\s+said\b|\s+told\b|$)")
_OBJECT_CUE = re.compile(r"\b(?:beat|beats|beating|defeated|defeating|defeats|over|against|versus|vs|to)\s+(?:the\s+)?$", re.IGNORECASE)
_BY_CUE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


#: "Who said that?" asks for the speaker of a quote: a name before a verb of saying (past an
#: apposition: "Mark Ellison, president of X, said"), or after an attribution ("said Ruth
#: Kaminski", "according to the Associated Press").
_ASKS_SPEAKER = re.compile(r"\bwho\s+(?:said|says|say|told|tells|wrote|writes|claimed|claims|stated|states)\b", re.IGNORECASE)
_SAYING_STEMS = frozenset(
    canonical_stem(stem(w))
    for w in "said say told warned criticised criticized argued added noted described claimed insisted accused wrote called stated".split()
)
_SPEAKER_VERB = re.compile(r"\s*(?:,\s*(?:the\s+|a\s+|an\s+)?[^,;“”\"]{2,80},\s*)?(?:who\s+)?(?:has\s+|had\s+|have\s+|also\s+)?([a-z]+)")
_ATTRIBUTED_TO = re.compile(
    r"(?:\baccording\s+to|\b(?:said|says|told|wrote|added|noted|argued|warned|insisted)[,:]?)\s+"
    r"(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,3}$"
)
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s+)?(?:said|says|told|added|wrote|warned|argued|noted|insisted)\b"
    r"|\b(?:said|says|added|wrote)\s+(?:he|she|they)\b|^\s*[“\"‘]"
)


def _is_speaker(sentence: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is who the sentence quotes or reports as saying something."""
    verb = _SPEAKER_VERB.match(sentence, end)
    if verb is not None and _term(verb.group(1)) in _SAYING_STEMS:
        return True
    return _ATTRIBUTED_TO.search(sentence[:start]) is not None


_COPULAS = frozenset("is are was were be been being remain remains remained stays stayed got gets".split())
_PASSIVE_QUESTION = re.compile(r"\b(?:was|were|is|are|been|being)\s+([a-z]+(?:ed|en))\b(?!\s+by\b)")
_APPOSITION_AFTER = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z][^,;]{2,80},\s+(?:who\s+)?([a-z]+)")
_INSIDE_APPOSITION = re.compile(r"[A-Z][\w'’.-]+,\s+(?:the\s+|a\s+|an\s+)?[a-z][\w\s-]{0,40}\s(?:of|at|for)\s+(?:the\s+)?$")


#: Words that may stand between a subject and its verb ("Halep *has since* won", "who *was* named").
_SUBJECT_GAP = frozenset(
    "who which that has have had was were is are been be also then later finally eventually reportedly "
    "officially already since just now once first recently ultimately".split()
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:during|in|at|on|of|from|about|for|with|under|after|before|since|until|into|over|through|"
    r"against|between|among|like|via|near|toward|towards)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
#: The object of a verb that is a part of the asked thing: "won *stage 13 of* the Tour", "won a
#: *match at* the tournament", "directed *an episode of* the series".
_PART_OBJECT = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:stage|leg|round|game|match|heat|episode|season|part|chapter|race|event|set|quarter|half|semi-?final|"
    r"quarter-?final|group|section|share|category|stages|games|matches|episodes|rounds|races|events)"
    r"(?:\s+\d+\w*)?\s+(?:of|in|at|during)\b",
    re.IGNORECASE,
)
#: Verbs whose object, in "a film *starring* X", is who the question asks stars.
_STARRING = frozenset(canonical_stem(stem(w)) for w in ("star", "feature"))
_STARRING_BEFORE = re.compile(r"\b(?:starring|featuring|stars|features)\s+$", re.IGNORECASE)
#: "... was presented by last year's winner, Declan Rourke": the agent, then its name in apposition.
_AGENT_APPOSED = re.compile(r"\b([a-z]+(?:ed|en))\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}[a-z][\w'’-]*,\s+$", re.IGNORECASE)
_HOW_OLD = re.compile(r"\bhow\s+old\b|\bwhat\s+(?:is|was)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?age\b|\bage\s+of\b", re.IGNORECASE)
#: "Farrant, 67,", "29-year-old", "aged 54", "age 54", "54 years old".
_AGE = re.compile(r"(?<=[A-Za-z’']),\s+(\d{1,3}),|\b(\d{1,3})[-\s]years?[-\s]old\b|\baged?\s+(\d{1,3})\b")
_AGE_WORDS = frozenset(stem(w) for w in "old age year years".split())
_AGENT_OF = re.compile(r"\b([a-z]+(?:ed|en))\s+by\s+(?:the\s+)?$", re.IGNORECASE)


_OBJECT_STOP = frozenset("in on at for during after before since when last this next by with from to as".split())


def _verb_object(question: str) -> tuple[str, ...]:
    """The words of the object after a "who <verb>" question's verb: ("jury",) for "who chaired the jury?"."""
    match = re.search(r"\bwho\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+|did\s+|is\s+|was\s+)?[a-z]+\s+(.*?)\s*\??$", question, re.IGNORECASE)
    out: list[str] = []
    for word in match.group(1).split() if match else ():
        bare = word.strip("?,.;:!\"“”")
        if bare.lower() in _OBJECT_STOP:
            break
        if bare and bare.lower() not in {"the", "a", "an"}:
            out.append(bare)
    return tuple(out)


def _another_person(owner: str, asked: set[str]) -> bool:
    """Whether a name shares the asked surname but another first name ("Poppy Farrant" is not
    "Odile Farrant"; "Grandmother Odile Farrant" and "Farrant" are)."""
    words = _TOKEN.findall(owner)
    stems = [_term(w) for w in words]
    hits = [k for k, s in enumerate(stems) if s in asked]
    if len(asked) < 2 or len(hits) != 1 or hits[0] == 0:
        return False
    k = hits[0]
    return words[k - 1][:1].isupper() and stems[k - 1] not in asked


def _age_owner(text: str, start: int, end: int) -> str | None:
    """Whose age is printed at ``start:end``: the name before "X, 67," or "X, aged 67", the name
    after "67-year-old X", or the noun phrase an age modifies ("the 90-year-old bridge")."""
    before = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*,?\s*(?:who\s+is\s+|is\s+|was\s+)?$", text[max(0, start - 60) : start])
    if text[start : start + 1] == "," or re.match(r"aged?\b", text[start:end], re.IGNORECASE):
        return before.group(1) if before is not None else None
    after = re.match(r"\s+((?:[a-z][\w-]*\s+){0,3}?(?:[A-Z][\w'’.-]*\s*)+|(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", text[end:])
    if after is not None:
        return after.group(1)
    return before.group(1) if before is not None else None


_ASKS_BASE = re.compile(r"\b(?:based|headquartered|located|headquarters|home\s+base)\b", re.IGNORECASE)
_BASED_BEFORE = re.compile(r"\b(?:based|headquartered|located)\s+(?:in|out\s+of|at)\s+(?:the\s+)?$|\bheadquarters\s+(?:is\s+|are\s+)?(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_BASED_GENERIC = re.compile(r"-based\s+(?:[a-z-]+\s+){0,2}(?:company|firm|maker|group|business|startup|start-up|chain|retailer|bank|lender|insurer|carrier|manufacturer|developer|publisher|agency|organization|organisation|nonprofit|charity)\b")
_ORG_NOUNS = (
    r"(?:company|firm|maker|group|business|startup|start-up|chain|retailer|bank|lender|insurer|carrier|manufacturer|"
    r"developer|publisher|agency|organization|organisation|nonprofit|charity|studio|brewery|producer|operator)"
)
_KIND_IN_PLACE = re.compile(r",\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,3}" + _ORG_NOUNS + r"\s+(?:based\s+)?in\s+(?:the\s+)?$")
_PLACE_KIND = re.compile(r"(?:,\s*[A-Z][\w.]*,)?\s+(?:[a-z-]+\s+){0,2}" + _ORG_NOUNS + r"\b")
_BASED_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?-based\s+(?:(?:the|rival|its)\s+)?((?:[A-Z][\w&'’.-]*\s*){1,4})")


def _based_link(text: str, start: int, end: int, subject: set[str]) -> bool:
    """Whether a place is where the asked organisation is based: "Corsa, based in *Charlotte*",
    "*Charlotte*-based Corsa", "Arvento's headquarters in *Columbus*". The place of another
    company in the same sentence ("Charlotte-based Corsa" for Arvento) does not answer."""
    def names_subject(fragment: str) -> bool:
        return any(normalise_word(w) in subject for w in _TOKEN.findall(fragment) if w[:1].isupper())

    if _BASED_BEFORE.search(text[max(0, start - 40) : start]):
        lead = text[max(0, start - 120) : start]
        clause = re.split(r"[;.]|\b(?:and|but|while)\b", lead)[-1]
        return names_subject(clause) or not subject
    after = _BASED_AFTER.match(text, end)
    if after is not None:
        return names_subject(after.group(1)) or not subject
    if _BASED_GENERIC.match(text, end):
        return True  # "the Austin-based company": the company the article is about
    if _KIND_IN_PLACE.search(text[max(0, start - 60) : start]):
        lead = text[max(0, start - 140) : start]
        return names_subject(lead.rsplit(".", 1)[-1])  # "Halyard Press, an independent publisher in *Norwich*"
    if _PLACE_KIND.match(text, end) and names_subject(text):
        return True  # "Arvento Motors has hired ... to steady the *Columbus* bus maker"
    if re.match(r"\s+(?:headquarters|head\s+office|HQ)\b", text[end:]):
        lead = text[max(0, start - 30) : start]
        return bool(re.search(r"\b(?:its|their)\s+$", lead)) or names_subject(lead)  # "its Austin headquarters"
    return False


#: "Which novel / film / song ...?" asks for a title.
_WORK_TARGETS = frozenset(
    "novel book film movie song album show series play poem game documentary memoir record single painting opera musical".split()
)
_WORK_TITLE_NEAR = re.compile(r"[\"“‘][A-Z][^\"“”‘’]{1,80}[\"”’]")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether a name is printed as a title in quotes ("“The Salt Orchard”", "'Tidewater',")."""
    return text[max(0, start - 1) : start] in {'"', "“", "‘", "'"} and re.match(r"[,.;:!?]?[\"”’']", text[end : end + 2]) is not None


_PERSON_AFTER = re.compile(r"\s*(?:,\s*)?(?:who|whom|whose)\b|,\s*\d{1,3}\s*,|\s+(?:said|says|told|added)\b")
_PERSON_BEFORE = re.compile(
    r"\b(?:founder|co-founder|chief|executive|officer|director|president|chairman|chairwoman|chair|spokesman|spokeswoman|"
    r"spokesperson|analyst|partner|reporter|editor|minister|secretary|mr|mrs|ms|dr|sen|rep|gov)\.?\s+$",
    re.IGNORECASE,
)


def _common_word(word: str, article_text: str) -> bool:
    """Whether a capitalised first word is a common word: its article prints it in lower case, or
    it ends like a noun of action or quality ("Excavation", "Agreement", "Darkness")."""
    low = word.lower()
    if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", article_text):
        return True
    return len(low) > 6 and low.endswith(("tion", "sion", "ment", "ness", "ity", "ance", "ence"))


def _reads_as_person(text: str, start: int, end: int) -> bool:
    """Whether a name is used as a person's: after a personal title ("founder Gordon Ashby"), or
    before "who", an age ("Ashby, 61,") or a verb of saying."""
    return bool(_PERSON_AFTER.match(text, end) or _PERSON_BEFORE.search(text[max(0, start - 30) : start]))


def _verb_follows(stems: list[str], words: list[str], verbs: set[str]) -> bool:
    """Whether one of ``verbs`` follows a name with only auxiliaries or adverbs between them."""
    for k, s in enumerate(stems):
        if s in verbs:
            return all(w.lower() in _SUBJECT_GAP or w.lower().endswith("ly") for w in words[:k])
    return False


#: Passive verbs of giving ("who was *awarded* the prize?"): the recipient is also who *won* or
#: *received* it, or who it went *to* ("awarded to the novelist Abdulrazak Gurnah").
_GIVING = frozenset(stem(w) for w in "award give grant present hand bestow confer".split())
_RECEIVING = frozenset(canonical_stem(stem(w)) for w in "win won receive accept collect earn take".split())


def _role_in_clause(spec: QuestionSpec, sentence: str, start: int, end: int, *, exclude: Collection[str] = ()) -> float:
    """Prefer the subject of the question's verb ("Halep won", "won by Halep") to its object.

    ``_LINKED_FIT`` or more means the sentence makes the name the asked verb's subject (or the
    agent or patient the question asks for); a name inside a prepositional phrase ("a film set
    during the *Cold War* won") or modifying a noun ("a *Las Vegas* educator who was named")
    is not, however close the verb.
    """
    passive = _PASSIVE_QUESTION.search(spec.text)
    before = sentence[max(0, start - 40) : start]
    in_phrase = _PREPOSITION_BEFORE.search(before) is not None
    if passive is not None and spec.kind in ("who", "entity"):
        # "Which department was asked to provide the troops?": the one acted upon, after the verb.
        acted = _term(passive.group(1))
        before_words = [_term(w) for w in _TOKEN.findall(sentence[max(0, start - 30) : start])][-3:]
        after = [w.lower() for w in _TOKEN.findall(sentence[end : end + 40])][:4]
        stems = [_term(w) for w in after]
        if acted in stems:
            k = stems.index(acted)
            # "Highway 132 remains closed", "Handke was awarded": the one acted upon, before a
            # passive verb; "DHS has asked the Pentagon": the actor, before an active one.
            passive_subject = k > 0 and after[k - 1] in _COPULAS and all(w in _SUBJECT_GAP or w in _COPULAS for w in after[:k])
            return _LINKED_FIT if passive_subject and not in_phrase else 0.6
        if acted in before_words:
            return _LINKED_FIT  # "... asked the Pentagon"
        if acted in _GIVING:
            if re.search(rf"\b{re.escape(passive.group(1))}\s+to\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}$", before, re.IGNORECASE):
                return _LINKED_FIT  # "... was awarded to the novelist Abdulrazak Gurnah"
            after_tokens = _TOKEN.findall(sentence[end : end + 40])[:3]
            if _verb_follows([_term(w) for w in after_tokens], after_tokens, set(_RECEIVING)) and not in_phrase:
                return _LINKED_FIT  # "Abdulrazak Gurnah won this year's prize"
        return 1.0
    if spec.verb is None:
        return 1.0
    verb = canonical_stem(spec.verb)
    verbs = {verb, *_EXPANSIONS.get(verb, ()), *_EXPANSIONS.get(spec.verb, ())} - set(exclude)
    apposition = _APPOSITION_AFTER.match(sentence, end)
    if apposition is not None and _term(apposition.group(1)) in verbs and not in_phrase:
        return _LINKED_FIT  # "Mark Ellison, president of the Roundtable, called it ..."
    if _INSIDE_APPOSITION.search(sentence[:start]):
        return 0.6  # "... president of the Oregon Business Roundtable": the person's title
    aged = re.match(r"\s*,\s*(?:\d{1,3}|aged\s+\d{1,3})\s*,", sentence[end:])
    after_at = end + (aged.end() if aged else 0)  # "Mira Okafor, 67, won ...": past her age
    after_tokens = _TOKEN.findall(sentence[after_at : after_at + 40])[:3]
    after_words = [_term(w) for w in after_tokens]
    if _OBJECT_CUE.search(before) and not _BY_CUE.search(before):
        # "... beats Leylah Fernandez to win the title": the object, whatever follows it.
        return 0.6
    if verb in _STARRING and _STARRING_BEFORE.search(before):
        return _LINKED_FIT  # "... directed by Noor Haddad and starring Lea Moreau": she stars
    agent = _AGENT_OF.search(before) or _AGENT_APPOSED.search(sentence[max(0, start - 80) : start])
    if agent is not None:
        # "... was directed by James Cameron": the asked verb's agent; "directed by Tony Bancroft
        # and starring ..." names the agent of another verb.
        return _LINKED_FIT if _term(agent.group(1)) in verbs else 0.3
    if _verb_follows(after_words, after_tokens, verbs) and not in_phrase:
        verb_at = next(m for m in _TOKEN.finditer(sentence, after_at) if _term(m.group(0)) in verbs)
        if _PART_OBJECT.match(sentence, verb_at.end()):
            return 1.0  # "Mark Cavendish wins stage 13 of the Tour de France": a part, not the race
        return _LINKED_FIT  # "Simona Halep won ...", "Facebook bought ..."
    if _BY_CUE.search(before) and any(_term(w) in verbs for w in _TOKEN.findall(before)[-4:]):
        return _LINKED_FIT  # "... won by James Cameron"
    return 1.0


def _name_key(name: str) -> str:
    key = re.sub(r"^the\s+", "", name.lower())
    return re.sub(r"[^\w ]", "", key).strip()


# What states a figure's predicate when it is not the verb itself: its nouns ("deaths"), and for
# "cost" only words of price ("X will pay $1,000" is a sum paid to someone, not what X costs).
_FIGURE_PREDICATE_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "die": ("dead", "death", "fatal", "kill", "toll"),
    "kill": ("dead", "death", "fatal", "die", "toll"),
    "injur": ("injuri", "hurt", "wound", "injur"),
    "cost": ("cost", "price", "expens", "bill", "spend"),
    "pay": ("paid", "payment", "offer", "pai"),
    "spend": ("spent", "spend", "expenditur"),
}

# A constraint noun as the object of a preposition: "along the U.S.-Mexico *border*", "in *Florida*".
_CONSTRAINT_CUE = re.compile(
    r"\b(?:at|in|on|along|from|near|inside|outside|across|within|throughout|into|to|of)\s+(?=((?:[\w.'’&-]+\s+){0,3}[\w.'’&-]+))",
    re.IGNORECASE,
)


_CUT_AT_INITIAL = re.compile(r"(?:^|\s)(?:[A-Z]\.)+$")


def _stated_near(constraints: tuple[str, ...], near: Collection[str]) -> bool:
    """Whether every constraint noun is among the stems next to a figure."""
    return all(c in near or canonical_stem(c) in near or _shares_root(c, near) for c in constraints)


def _states_constraints(sentence: str, constraints: tuple[str, ...], near: Collection[str] = ()) -> bool:
    """Whether every constraint noun is printed in the sentence as the object of a preposition,
    or next to the figure (``near``: the stems around it: "back pay ... could reach $310 million")."""
    if not constraints:
        return True
    found: set[str] = set(near)
    for match in _CONSTRAINT_CUE.finditer(sentence):
        for word in _TOKEN.findall(match.group(1)):
            found.add(_term(word))
            found.add(stem(word.lower()))
    # A short form matches the long one it begins ("Prop" of "Proposition").
    return all(
        c in found or canonical_stem(c) in found or _shares_root(c, found) or (len(c) >= 4 and any(f.startswith(c) for f in found))
        for c in constraints
    )


def _shares_root(term: str, stems: Iterable[str]) -> bool:
    """Whether a stem of ``stems`` is ``term`` with a longer or shorter ending ("evacu"/"evacue")."""
    if len(term) < _ROOT_LENGTH or term[:1].isdigit():
        return False
    root = term[:_ROOT_LENGTH]
    for s in stems:
        if s.startswith(root) and len(s) >= _ROOT_LENGTH and (s.startswith(term) or term.startswith(s)):
            return True
    return False


def _asked_terms(spec: QuestionSpec) -> set[str]:
    """The question's words as the index spells them, acronyms also without dots ("U.S." and "us")."""
    asked = {canonical_stem(t) for t in spec.focus}
    dotted = {m.group(0).replace(".", "").lower() for m in re.finditer(r"\b(?:[A-Z]\.){2,}", spec.text)}
    return asked | dotted | {_term(d) for d in dotted}


def _headline_cut(span: str, asked: set[str]) -> str:
    """A title-case run cut before the question's own words.

    Headlines capitalise every word: "Ashleigh Barty Wins Wimbledon Women's Singles Title" is a
    name followed by the words the question asked about ("who won Wimbledon?").
    """
    words = span.split()
    if len(words) < 4:
        return span  # "FIFA World Cup" is a name, not a headline
    for k, word in enumerate(words[2:], 2):
        if word.lower().strip(".") in _ROLE_WORDS:
            continue  # "Alder County Sheriff Dale Whitcomb": a title, not the question's words
        if _term(word.strip("'’\".,")) in asked or _term(re.sub(r"['’]s$", "", word)) in asked:
            kept = words[:k]
            while len(kept) > 1 and kept[-1].lower() in _CONNECTORS:
                kept.pop()  # "The True Story of [Pretty Woman]": the name part is "The True Story"
            return " ".join(kept)
    return span


def _merge_partial_names(candidates: list[_Candidate]) -> None:
    """Group "McLaughlin" and "No1 Ashleigh Barty" with "Ashleigh Barty": one person, one answer.

    A key that another multi-word key ends with is the same name with less (a surname alone) or
    with a prefix (a label, a ranking): each joins the most frequent full name it ends or starts.
    """
    counts: dict[str, int] = {}
    for c in candidates:
        counts[c.key] = counts.get(c.key, 0) + 1
    keys = sorted(counts, key=lambda k: (-counts[k], len(k)))
    for c in candidates:
        words = c.key.split()
        if len(words) == 1:
            longer = [k for k in keys if k != c.key and k.split()[-1] == c.key]
            if longer and (len(longer) == 1 or counts[longer[0]] > counts[longer[1]]):
                c.key = longer[0]
            continue
        shorter = [k for k in keys if k != c.key and " " in k and c.key.endswith(" " + k)]
        if shorter:
            c.key = shorter[0]


def _known_variant(index: SentenceIndex, term: str, acronyms: dict[str, str] | None = None) -> str | None:
    """An indexed spelling of ``term``: without dots ("u.s" -> "us"), or a typo corrected."""
    dotless = (acronyms or {}).get(term)
    if dotless and index.knows(dotless):
        return dotless
    if "." in term:
        bare = term.replace(".", "")
        if bare and index.knows(bare):
            return bare
    return index.correct(term)


def _term(word: str) -> str:
    """A word as the index spells it: stemmed, irregular verbs mapped to their base."""
    return canonical_stem(stem(word.lower()))


def _display_word(text: str, term: str) -> str:
    for token in _TOKEN.findall(text):
        if _term(token) == term:
            return token
    return term
