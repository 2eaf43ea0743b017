"""Question answering over articles: a short answer, quotes that contain it, and who says what.

Pipeline, for one question:

1. **Analyse** the question (:mod:`summarizer.question`): the kind of answer wanted, the words it
   is about, what a "how many" counts; follow-ups borrow from earlier questions.
2. **Retrieve** sentences with the BM25 :class:`~summarizer.index.SentenceIndex`; unknown question
   words are matched to the index vocabulary within a small edit distance (typos).
3. **Abstain** when the support is weak: a name the articles never mention, or no sentence that
   covers enough of the question (idf-weighted) and holds an answer of the wanted kind. A confident
   wrong answer is worse than none.
4. **Extract** typed candidates from the best sentences: figures (:mod:`summarizer.figures`) for
   how many / how much / what percentage, capitalised names with their roles for who / which,
   date expressions for when, places for where; a sentence for what / why.
5. **Vote** across outlets: candidates are grouped by value and each source counts once. Sources
   that give another value for the *same* quantity (similar words around the figure) are reported
   as disagreements ("95% per one outlet, 99% per another"); a figure for a different quantity that
   shares a noun (troops requested vs troops already at the border) is not.

Every citation quotes a whole sentence exactly as the source printed it (as split by
:func:`summarizer.text.split_sentences`), and every quote contains the short answer it supports.

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
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .errors import NoContentError
from .figures import Figure, extract_figures, same_quantity
from .index import Hit, IndexedSentence, SentenceIndex
from .model import Answer, Article, Citation, Disagreement
from .question import ENTITY_KINDS, NUMBER_KINDS, InvalidQuestionError, QuestionSpec, analyse_question
from .text import STOP_WORDS, content_words, stem

__all__ = ["answer", "QAIndex", "InvalidQuestionError", "NOT_COVERED", "MIN_COVERAGE"]

_log = logging.getLogger(__name__)

#: The answer text when no source covers a question.
NOT_COVERED = "No source covers this question."
#: Minimum idf-weighted share of the question's words that the best supporting sentence (with the
#: sentence before it) must contain. Calibrated on bench/qa_eval.py: below it, answers are mostly
#: wrong; above it, abstentions are mostly wrong.
MIN_COVERAGE = 0.5
#: A candidate sentence must score at least this share of the best sentence's score.
_RELATIVE_FLOOR = 0.25
#: How many ranked sentences are read for candidates.
_CANDIDATE_SENTENCES = 40
#: A rival name is a disagreement only if its best sentence scores at least this share of the
#: answer's best sentence.
_VARIANT_SHARE = 0.5
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
    "win": ("won", "victori", "beat", "champion"),
    "won": ("win", "victori", "beat", "champion"),
    "buy": ("bought", "acquir", "purchas"),
    "bought": ("buy", "acquir", "purchas"),
    "acquir": ("bought", "buy", "purchas"),
    "direct": ("director",),
    "director": ("direct",),
    "found": ("founder", "establish"),
    "releas": ("launch", "debut", "out"),
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
    "deport": ("remov", "expel", "deport"),
}
_EXPANSION_WEIGHT = 0.4


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
        """Answer ``question`` from the indexed articles; ``context`` lists earlier questions of the thread."""
        spec = analyse_question(question, context)
        return _Answerer(self.sentences, spec).run()


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

    # --- orchestration ---

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
        floor = hits[0].score * _RELATIVE_FLOOR
        supported = []
        for hit in hits[:_CANDIDATE_SENTENCES]:
            if hit.score < floor:
                break
            coverage = self._coverage(hit)
            if coverage >= MIN_COVERAGE:
                supported.append((hit, coverage))
        if not supported:
            _log.debug("abstain: best coverage below %.2f for %r", MIN_COVERAGE, spec.text)
            if self.unknown_names:
                return _abstain(spec.text, f"No source mentions {self.unknown_names[0]}.")
            return _abstain(spec.text)
        if spec.kind in NUMBER_KINDS:
            candidates = self._figure_candidates(supported)
        elif spec.kind == "date":
            candidates = self._date_candidates(supported)
        elif spec.kind == "who" and self._asks_about_named_entity():
            candidates = self._description_candidates(supported)
            if not candidates:
                return self._sentence_answer(supported)
        elif spec.kind in ENTITY_KINDS:
            candidates = self._entity_candidates(supported)
        else:
            candidates = []
        if spec.kind == "sentence" or (not candidates and spec.kind in ENTITY_KINDS and spec.target is None and spec.kind == "entity"):
            return self._sentence_answer(supported)
        if not candidates:
            return _abstain(spec.text)
        return self._typed_answer(candidates)

    # --- terms and coverage ---

    def _resolve_terms(self) -> None:
        """Map question words to index terms (typos corrected); note the words no article uses."""
        spec = self.spec
        own_count = sum(1 for w in spec.weights if w >= 1.0)
        for position, (term, weight) in enumerate(zip(spec.focus, spec.weights)):
            own = position < own_count
            resolved = term if self.index.knows(term) else _known_variant(self.index, term)
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
            self._add(resolved, weight)
            if own:
                self.own_terms[resolved] = max(self.own_terms.get(resolved, 0.0), weight)
            for extra in _EXPANSIONS.get(resolved, ()) + _EXPANSIONS.get(term, ()):
                if self.index.knows(extra):
                    self._add(extra, weight * _EXPANSION_WEIGHT)

    def _add(self, term: str, weight: float) -> None:
        if term in self.terms:
            i = self.terms.index(term)
            self.weights[i] = max(self.weights[i], weight)
        else:
            self.terms.append(term)
            self.weights.append(weight)

    def _coverage(self, hit: Hit) -> float:
        """Idf-weighted share of the question's own words found in the sentence or the one before."""
        sid = hit.sentence_id
        stems = set(self.index.stems(sid))
        previous = self.index.neighbour(sid, -1)
        if previous is not None:
            stems |= set(self.index.stems(previous.sentence_id))
        article: frozenset[str] | None = None
        total = 0.0
        found = 0.0
        for term, weight in self.own_terms.items():
            w = weight * self.index.idf(term) * (2.0 if term in self.spec.counts else 1.0)
            total += w
            if term in stems or any(x in stems for x in _EXPANSIONS.get(term, ())):
                found += w
            else:
                # Said elsewhere in the same article ("troops" there, "members" here): half credit.
                if article is None:
                    article = self.index.article_stems(self.index.article_index(sid))
                if term in article:
                    found += w * _ARTICLE_CREDIT
        for term, weight in self.missing.items():
            w = weight * self.index.max_idf * _UNKNOWN_IDF_SHARE
            total += w
            if any(x in stems for x in _EXPANSIONS.get(term, ())):
                found += w
        if total == 0.0:
            # Only borrowed words (a bare follow-up): trust the retrieval score alone.
            return 1.0 if hit.own_score > 0 else 0.0
        return found / total

    # --- numbers ---

    def _figure_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        spec = self.spec
        out: list[_Candidate] = []
        question_numbers = {n.replace(",", "") for n in spec.numbers}
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for figure in extract_figures(sentence.text):
                if figure.number_text.replace(",", "") in question_numbers:
                    continue
                if not _unit_fits(spec.kind, figure):
                    continue
                counted = set(content_words(figure.counts or ""))
                window = _window_stems(sentence.text, figure.start, figure.end)
                fit = 1.0
                if spec.counts:
                    wanted = set(spec.counts)
                    if wanted & counted:
                        fit = 1.5
                    elif wanted & window:
                        fit = 1.0
                    else:
                        fit = 0.25
                elif counted:
                    # "what percentage did border crossings drop": what the figure measures should
                    # be among the question's words ("99.5%" of passage traffic is another figure).
                    fit = 1.5 if counted & set(self.own_terms) else 0.6
                near = self._proximity(sentence.text, figure.start, figure.end)
                score = hit.score * coverage * fit * (0.5 + near)
                display = _figure_display(figure, sentence.text)
                out.append(
                    _Candidate(
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
        return out

    def _proximity(self, text: str, start: int, end: int) -> float:
        """0..1: how close the question's own words sit to the span ``start:end`` (idf-weighted)."""
        total = sum(self.index.idf(t) * w for t, w in self.own_terms.items()) or 1.0
        got = 0.0
        for match in _TOKEN.finditer(text):
            s = stem(match.group(0).lower())
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
                near = self._proximity(sentence.text, start, match.end())
                score = hit.score * coverage * specificity * (0.5 + near) * (0.5 if dateline else 1.0)
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

    # --- names ---

    def _entity_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        spec = self.spec
        asked = set(spec.focus)
        out: list[_Candidate] = []
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for span in _name_spans(sentence.text):
                name, role = _split_role(span.text)
                name_stems = [stem(w.lower()) for w in _TOKEN.findall(name)]
                if not name_stems or all(s in asked for s in name_stems):
                    continue
                if any(s in asked for s in name_stems) and len(name_stems) <= 2 and spec.kind != "who":
                    continue
                start = sentence.text.find(name, span.start)
                end = start + len(name)
                fit = _type_fit(spec, name, sentence.text, start, role) * _role_in_clause(spec, sentence.text, start, end)
                if fit <= 0:
                    continue
                near = self._proximity(sentence.text, start, end)
                score = hit.score * coverage * fit * (0.3 + near)
                display = name
                role_words = {stem(w.lower()) for w in _TOKEN.findall(role or "")}
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
                    )
                )
        _merge_partial_names(out)
        return out

    # --- "who is X?" ---

    def _asks_about_named_entity(self) -> bool:
        """ "Who is Kristi Noem?": every word of the question is part of a name."""
        spec = self.spec
        own = [t for t, w in zip(spec.focus, spec.weights) if w >= 1.0]
        # "who is Kristi Noem" / "who is kristi noem", but not "who is the DHS spokeswoman".
        return bool(own) and bool(re.match(r"^(?:and\s+)?who\s+(?:is|was)\s+(?!the\b|a\b|an\b|in\b|on\b|at\b|behind\b)[\w.'’-]+(?:\s+[\w.'’-]+){0,3}\s*\??$", spec.text.lower()))

    def _description_candidates(self, supported: list[tuple[Hit, float]]) -> list[_Candidate]:
        """Titles and appositions of the asked name: "Homeland Security Secretary Kristi Noem"."""
        asked = set(self.spec.focus)
        out: list[_Candidate] = []
        for hit, coverage in supported:
            sentence = self.index.sentence(hit.sentence_id)
            for span in _name_spans(sentence.text):
                name, role = _split_role(span.text)
                name_stems = {stem(w.lower()) for w in _TOKEN.findall(name)}
                if not name_stems or not name_stems <= asked:
                    continue
                start = sentence.text.find(name, span.start)
                end = start + len(name)
                description = role
                display = sentence.text[span.start : end]
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
        top = ranked[0]
        best = top.best()
        variants: list[_Group] = []
        top_sources = set(top.sources)
        for other in ranked[1:]:
            if other.best().score < _VARIANT_SHARE * best.score:
                continue  # weakly supported: noise, not a rival answer
            if set(other.sources) & top_sources:
                continue  # the same outlet gives both: two different facts, not a disagreement
            if not _same_fact(top, other, self.spec):
                continue
            variants.append(other)
            top_sources |= set(other.sources)
        citations = _citations(top, best.core)
        disagreements: list[Disagreement] = []
        for other in variants:
            disagreements.append(Disagreement(other.best().display, tuple(other.sources)))
            citations.extend(_citations(other, other.best().core))
        answering = len(top_sources)
        summary = _summary_line(best.display, len(top.sources), answering, disagreements)
        return Answer(self.spec.text, True, best.display, tuple(citations), tuple(disagreements), summary)

    def _figure_answer(self, ranked: list[_Group]) -> Answer:
        """Cluster values into quantities; answer with the best quantity, its variants as disagreements.

        Values of one quantity ("4.2 million patients", "more than 4 million patients") are
        grouped with :func:`summarizer.figures.same_quantity`; the value most sources print,
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
                if same_quantity(head.figure, head.sentence.text, cand.figure, cand.sentence.text):
                    cluster.append(cand)
                    break
            else:
                clusters.append([cand])
        top = max(clusters, key=lambda cl: _Group("", cl).score)
        whole = _Group("", top)
        by_value: dict[str, _Group] = {}
        for cand in top:
            by_value.setdefault(cand.key, _Group(cand.key)).candidates.append(cand)
        top_cluster = list(by_value.values())
        main = max(
            top_cluster,
            key=lambda g: (len(g.sources), any(c.figure and not c.figure.qualifier for c in g.candidates), g.score),
        )
        display = _consensus_display(main, main.best(), self.spec.counts)
        plain_text = next((c.figure.text for c in main.candidates if c.figure and not c.figure.qualifier), None)
        by_variant: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for group in [main, *[g for g in top_cluster if g is not main]]:
            for c in sorted(group.candidates, key=lambda c: c.score, reverse=True):
                norm = _norm_variant(c.variant)
                by_variant.setdefault(norm, []).append(c.sentence.article.id)
                labels.setdefault(norm, c.variant)
        main_label = _norm_variant(plain_text) if plain_text else _norm_variant(main.best().variant)
        disagreements = [
            Disagreement(labels[norm], tuple(dict.fromkeys(ids)))
            for norm, ids in by_variant.items()
            if norm != main_label
        ]
        citations = _citations(whole)
        summary = _summary_line(display, len(main.sources), len(whole.sources), disagreements)
        return Answer(self.spec.text, True, display, tuple(citations), tuple(disagreements), summary)

    def _sentence_answer(self, supported: list[tuple[Hit, float]]) -> Answer:
        best_hit, _ = supported[0]
        best = self.index.sentence(best_hit.sentence_id)
        best_stems = set(self.index.stems(best.sentence_id))
        citations = [Citation(best.article.id, best.article.source, best.text, best.article.url)]
        cited = {best.article.id}
        for hit, _ in supported[1:]:
            other = self.index.sentence(hit.sentence_id)
            if other.article.id in cited:
                continue
            stems = set(self.index.stems(other.sentence_id))
            if not stems or not best_stems:
                continue
            overlap = len(stems & best_stems) / min(len(stems), len(best_stems))
            if overlap >= 0.6 and hit.score >= 0.6 * best_hit.score:
                citations.append(Citation(other.article.id, other.article.source, other.text, other.article.url))
                cited.add(other.article.id)
        n = len(citations)
        summary = f"reported by {n} sources" if n > 1 else "reported by 1 source"
        return Answer(self.spec.text, True, best.text, tuple(citations), (), summary)


# --- helpers: answers -----------------------------------------------------------------------------


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


def _norm_variant(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


# --- helpers: figures -----------------------------------------------------------------------------

_CURRENCY = frozenset({"$", "€", "£", "¥", "usd", "eur", "gbp", "dollars", "euros", "pounds", "yen", "us$", "c$", "a$"})


def _unit_fits(kind: str, figure: Figure) -> bool:
    unit = (figure.unit or "").lower()
    is_money = unit in _CURRENCY or any(sym in figure.text for sym in "$€£¥")
    if kind == "percent":
        return unit in {"%", "percent", "per cent", "percentage points", "points"}
    if kind == "money":
        return is_money
    is_year = figure.unit is None and figure.value.is_integer() and 1800 <= figure.value <= 2100 and not figure.counts
    if is_year:
        return False
    if kind == "count":
        return not is_money and unit not in {"%", "percent", "per cent"}
    return True  # quantity


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
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # May 15, 2025
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}),?\s+\d{{4}}"  # 15 May 2025
    rf"|(?:early|mid|late|mid-)?\s?(?:{_MONTHS})\s+(?:of\s+)?\d{{4}}"  # May 2025
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"  # May 15
    r"|\d{4}-\d{2}-\d{2}"  # 2025-05-15
    rf"|(?:last|next|this|earlier\s+this|later\s+this)\s+(?:week|month|year|{_WEEKDAYS}|spring|summer|fall|autumn|winter)"
    rf"|(?:on\s+)?(?:{_WEEKDAYS})"
    r"|(?:in|since|during|by|until|from)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?(?:1[89]|20)\d{2}s?"  # in 1992
    r"|(?:1[89]|20)\d{2}"
    r")(?![\w-])"
)
_LEADING_PREPOSITION = re.compile(r"^(?:in|on|since|during|by|until|from)\s+(?:the\s+)?", re.IGNORECASE)
_DATELINE_TAIL = re.compile(r"\s*(?:\.\.\.|…|—|–|-|\|)")
_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}


def _date_specificity(text: str) -> float:
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
_CONNECTORS = frozenset({"of", "the", "de", "da", "del", "van", "von", "for", "and", "&", "la", "le", "du", "bin"})
_SENTENCE_OPENERS = STOP_WORDS | frozenset(
    "however but meanwhile after before while when if although despite according last late early this "
    "these those that in on at for from with without under over into during since until as".split()
)
_ROLE_WORDS = frozenset(
    """
    senator sen sens rep representative congressman congresswoman governor gov president vice
    secretary assistant deputy acting commissioner director chief ceo chair chairman chairwoman
    minister prime spokesman spokeswoman spokesperson judge justice mayor attorney general
    ambassador officer official leader speaker founder executive chancellor king queen prince
    coach manager captain adviser advisor press administrator superintendent sheriff
    """.split()
)
_NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december i mr mrs ms dr
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
        while j < len(tokens) and not re.search(r"[,;:!?)\]”\"]$|\.$", tokens[j - 1].group(0).rstrip("’'")):
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
        lead = len(text[start:end]) - len(text[start:end].lstrip("\"'“”‘’(),;:!?[] "))
        if piece and not (piece.lower() in _SENTENCE_OPENERS):
            spans.append(_Span(piece, start + lead))
        i = end_index + 1
    return spans


def _split_role(span: str) -> tuple[str, str | None]:
    """("Homeland Security Secretary Kristi Noem") -> ("Kristi Noem", "Homeland Security Secretary")."""
    words = span.split()
    last_role = -1
    for k, w in enumerate(words[:-1]):
        if w.lower().strip(".") in _ROLE_WORDS:
            last_role = k
    if last_role >= 0 and last_role < len(words) - 1:
        name = " ".join(words[last_role + 1 :])
        role = " ".join(words[: last_role + 1])
        return name, role
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


_APPOSITION = re.compile(r",\s+((?:the|a|an|who\s+is|its|his|her)\s+[^,;.\"“”]{3,90}?)(?=,|;|\.|\s+said\b|\s+told\b|$)")
_OBJECT_CUE = re.compile(r"\b(?:beat|beats|beating|defeated|defeating|defeats|over|against|versus|vs|to)\s+(?:the\s+)?$", re.IGNORECASE)
_BY_CUE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)


def _role_in_clause(spec: QuestionSpec, sentence: str, start: int, end: int) -> float:
    """Prefer the subject of the question's verb ("Halep won", "won by Halep") to its object."""
    if spec.verb is None:
        return 1.0
    verbs = {spec.verb, *_EXPANSIONS.get(spec.verb, ())}
    before = sentence[max(0, start - 40) : start]
    after_words = [stem(w.lower()) for w in _TOKEN.findall(sentence[end : end + 40])][:3]
    if any(w in verbs for w in after_words):
        return 1.6  # "Simona Halep won ...", "Facebook bought ..."
    if _BY_CUE.search(before) and any(stem(w.lower()) in verbs for w in _TOKEN.findall(before)[-4:]):
        return 1.6  # "... was directed by James Cameron"
    if _OBJECT_CUE.search(before):
        return 0.6  # "... beat Serena Williams"
    return 1.0


def _name_key(name: str) -> str:
    key = re.sub(r"^the\s+", "", name.lower())
    return re.sub(r"[^\w ]", "", key).strip()


def _merge_partial_names(candidates: list[_Candidate]) -> None:
    """Group "McLaughlin" with "Tricia McLaughlin" (a surname alone refers to the full name)."""
    keys = {c.key for c in candidates}
    for c in candidates:
        if " " in c.key:
            continue
        longer = [k for k in keys if k != c.key and k.split()[-1] == c.key]
        if len(longer) == 1:
            c.key = longer[0]


def _known_variant(index: SentenceIndex, term: str) -> str | None:
    """An indexed spelling of ``term``: without dots ("u.s" -> "us"), or a typo corrected."""
    if "." in term:
        bare = term.replace(".", "")
        if bare and index.knows(bare):
            return bare
    return index.correct(term)


def _display_word(text: str, term: str) -> str:
    for token in _TOKEN.findall(text):
        if stem(token.lower()) == term:
            return token
    return term
