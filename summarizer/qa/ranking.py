"""Ranking: candidates grouped by value, described by features, scored by weights learned from data.

A :class:`Group` is one value (``answer_key``) with every place the retrieved sentences print it.
Its features say how well it is placed (retrieval score of its sentences, closeness to the
question's words, title or lead), how many independent sources print it (sentences, articles,
outlets, titles), whether its shape fits the kind of answer asked (question kind x candidate
shape), whether the slot's head noun stands next to it ("*Hurricane* Ernesto", "16 *people*").

The weights are a listwise logistic model (softmax over one question's candidates) fitted by
``bench/rtqa.py`` on the fitting weeks of realtimeqa-2024 and shipped in ``data/ranker.json``,
with a second small model that turns the winner's margin into a calibrated probability of being
right (``confidence``) and the thresholds for ``sure`` and for abstaining. The runtime only
multiplies: numpy, no learning library.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import numpy as np

from ..language import stem, words
from ..language.words import irregular_stem, lower_case_words
from ..language.names import is_country, is_us_state
from .candidates import Candidate, answer_key, question_words, sentence_candidates
from .question import KINDS, Question
from .retrieval import Hit, SentenceIndex

__all__ = ["Group", "Ranking", "rank", "FEATURES", "rival_share", "group_features", "load_model", "Model"]

SHAPES = ("person", "org", "place", "name", "number", "money", "percent", "duration", "date", "year", "noun", "role")
_NOUN_SENTENCES = 20  # lower-case noun phrases are read from this many best sentences
_WINDOW = 10  # question words this close to a candidate count as near it

_BASE = (
    "ret_max", "ret_sum", "rank_best", "n_sent", "n_art", "art_share", "n_outlet", "in_title", "n_title",
    "n_text", "lead", "near_max", "dist_best", "cov_max", "cov_near", "head_adj", "q_overlap", "len1", "len2",
    "len3", "len4", "variant", "sent_start", "cap_ratio", "country_fit", "state_fit", "mentions",
    "prev_in", "prev_by", "next_said", "in_quotes", "title_top", "best_top", "bigram_max", "art_cov_max", "near3",
    "pred_sent", "num_sent", "num_art", "prev_said",
    "win_cov", "name_sent", "name_win", "num_win", "pred_win", "year_clash", "type_fit",
    "q_overlap_other", "cand_freq", "quoted_share", "said_quoted", "said_speaker",
    "frag", "sub_gain", "has_sub", "slot_agent", "slot_object",
)
FEATURES: tuple[str, ...] = (
    *_BASE,
    *(f"k_{k}_s_{s}" for k in KINDS for s in SHAPES),
    *(f"which_s_{s}" for s in SHAPES),
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass
class Occurrence:
    sid: int
    rank: int
    score: float  # the sentence's retrieval score over the best one's
    candidate: Candidate
    near: float
    dist: int
    coverage: float
    head_adj: bool
    before: str = ""  # the word printed just before the span, lower case
    after: str = ""  # the word printed just after it
    bigrams: float = 0.0  # share of the question's word pairs the sentence prints as pairs
    article_coverage: float = 0.0  # share of the question's weight the whole article prints
    near3: float = 0.0  # share of the question's words within three words of the span
    predicate: float = 1.0  # share of the question's verbs the sentence prints
    numbers: float = 1.0  # share of the question's numbers (years) the sentence prints
    article_numbers: float = 1.0  # the same for the whole article
    window: float = 0.0  # coverage of the sentence with its neighbours (the one before and after)
    names: float = 1.0  # share of the question's names the sentence prints
    window_names: float = 1.0  # ... the sentence with its neighbours prints
    window_numbers: float = 1.0  # share of the question's numbers the window prints
    window_predicate: float = 1.0  # share of the question's verbs the window prints
    year_clash: float = 0.0  # the question asks about a year the window never prints, and it prints another
    slot: float = 0.0  # the span stands where the asked slot stands to the question's verb (:func:`slot_place`)


@dataclass
class Group:
    """One candidate value and where the retrieved sentences print it."""

    key: str
    occurrences: list[Occurrence] = field(default_factory=list)
    features: np.ndarray | None = None
    score: float = 0.0
    probability: float = 0.0

    @property
    def shape(self) -> str:
        return Counter(o.candidate.shape for o in self.occurrences).most_common(1)[0][0]

    @property
    def text(self) -> str:
        """The value as printed in its best sentence."""
        return self.best.candidate.text

    @property
    def best(self) -> Occurrence:
        return max(self.occurrences, key=lambda o: (o.score, -o.rank))


@dataclass
class Ranking:
    question: Question
    hits: list[Hit]
    groups: list[Group]  # best first
    confidence: float = 0.0  # the calibrated probability that the best group is right
    answerable: float = 0.0  # the fitted probability that the articles answer the question at all
    support: tuple[float, ...] = ()  # support_features(): how well the articles cover the question
    abstain: float | None = None  # the abstention threshold for this question's length (short or long)


@dataclass(frozen=True)
class Model:
    weights: np.ndarray
    calibration: tuple[float, ...]  # intercept, then one weight per calibration feature
    answerable: tuple[float, ...]  # the same for "the articles answer the question"
    sure: float
    abstain: float
    quote: tuple[float, ...] = ()  # one weight per consensus.QUOTE_FEATURES: which sentence is quoted first
    # a long question (a quiz question with a preamble) is judged by its own model and threshold,
    # fitted on long questions: right answers against the same questions over a store of other
    # weeks' news (bench/rtqa.py); the short-question model's negatives are all short
    answerable_long: tuple[float, ...] = ()
    abstain_long: float = 0.0
    # a long question must clear the short model too: the long model's negatives are all over a big
    # store, the short model's over a few snippets or a small story (RGB, ours)
    long_both: bool = False


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The fitted ranker (``data/ranker.json``), read once; unknown feature names weigh nothing."""
    data = json.loads(resources.files(__package__).joinpath("data", "ranker.json").read_text(encoding="utf-8"))
    weights = np.zeros(len(FEATURES), dtype=np.float64)
    for name, value in data["weights"].items():
        if name in _INDEX:
            weights[_INDEX[name]] = value
    return Model(weights, tuple(data["calibration"]), tuple(data["answerable"]), float(data["sure"]), float(data["abstain"]),
                 tuple(data.get("quote", ())), tuple(data.get("answerable_long", ())), float(data.get("abstain_long", 0.0)),
                 bool(data.get("long_both", False)))


def is_short(support: list[float] | tuple[float, ...]) -> bool:
    """Whether a question is short (six terms or fewer: a search query, "who acquired Instagram?")
    by its :func:`support_features`; a longer one reads like a quiz question with a preamble."""
    return len(support) < 2 or support[1] <= math.log1p(6)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for word in words(text):
        start = text.find(word, pos)
        pos = start + len(word)
        out.append((start, pos, stem(word)))
    return out


_LAST_WORD = re.compile(r"(\w+)\W*$")
_FIRST_WORD = re.compile(r"\W*(\w+)")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
#: The shapes of candidate that can answer each kind of question (the rest are at best a guess).
TYPE_FIT = {
    "person": {"person"}, "org": {"org", "name"}, "place": {"place", "name"}, "date": {"date", "year"},
    "number": {"number", "duration"}, "money": {"money"}, "percent": {"percent"}, "role": {"role"},
    "thing": {"name", "noun", "org", "place", "person"}, "description": {"noun", "name", "org", "place", "person", "role"},
}
_FIGURES = frozenset({"number", "money", "percent"})


def _fits(question: Question) -> frozenset[str] | set[str]:
    """The candidate shapes that fit the question's kind: ``TYPE_FIT``, and for "how much" a share
    or a sum as well as a count ("by how much has traffic dropped?": "99.5%")."""
    if question.kind == "number" and question.wh == "how much":
        return _FIGURES
    return TYPE_FIT.get(question.kind, set())


#: The words before a figure that make it a level, not a change ("rose *to* 4%", "stood *at* 4%").
_LEVEL_BEFORE = frozenset({"to", "at"})
_PLACE_BEFORE = frozenset("in at from near across into of".split())
_SAID = frozenset("said says told say tells announced".split())
_SAY_VERBS = frozenset("said say says told tell tells stated state claimed claim warned warn called call wrote write argued argue according".split())
_QUOTE_OPEN = "\"“‘"
_QUOTE_CLOSE = "\"”’"


def _inside_quotes(text: str, start: int) -> bool:
    """Whether position ``start`` of a sentence lies inside a quotation (an odd number of quote marks
    before it; a curly opening mark counts until its closing one)."""
    before = text[:start]
    straight = before.count('"')
    curly = before.count("“") - before.count("”")
    return straight % 2 == 1 or curly > 0


def collect(question: Question, index: SentenceIndex, hits: list[Hit]) -> list[Group]:
    """Candidates of the retrieved sentences, grouped by value."""
    if not hits:
        return []
    top = hits[0].score or 1.0
    # Coverage counts the words the articles print at all: a word printed nowhere (a slot's head
    # noun, "which *company*") says nothing about which sentence answers.
    idf = {t: index.idf(t) for t in question.terms}
    total = sum(idf[t] * w for t, w in zip(question.terms, question.weights) if index.knows(t)) or 1.0
    weight = dict(zip(question.terms, question.weights))
    heads = question.head_stems
    pairs = set(zip(question.terms, question.terms[1:]))
    groups: dict[str, Group] = {}
    article_cover: dict[int, float] = {}
    article_numbers: dict[int, float] = {}
    article_lower: dict[int, frozenset[str]] = {}
    reading = set(index.retrieved_articles(hits))
    for rank, hit in enumerate(hits):
        sentence = index.sentence(hit.sid)
        tokens = _tokens(sentence.text)
        matched = [(i, s) for i, (_, _, s) in enumerate(tokens) if s in weight]
        coverage = sum(idf[s] * weight[s] for s in {s for _, s in matched}) / total
        content = [s for _, _, s in tokens if s in weight or s.isalnum()]
        bigrams = len(pairs & set(zip(content, content[1:]))) / max(len(pairs), 1)
        stems_here = {s for _, _, s in tokens}
        predicate = sum(p in stems_here for p in question.predicates) / len(question.predicates) if question.predicates else 1.0
        numbers = sum(n in sentence.text for n in question.numbers) / len(question.numbers) if question.numbers else 1.0
        a_index = sentence.article_index
        if a_index not in article_numbers:
            body = f"{sentence.article.title or ''} {sentence.article.text}"
            article_numbers[a_index] = sum(n in body for n in question.numbers) / len(question.numbers) if question.numbers else 1.0
        if a_index not in article_cover and a_index not in reading:
            article_cover[a_index] = 0.0  # only the best articles are read whole (speed on a large store)
        if a_index not in article_cover:
            printed = index.article_stems(a_index)
            article_cover[a_index] = sum(idf[t] * weight[t] for t in weight if t in printed) / total
        window_stems = set(stems_here)
        window_text = sentence.text
        if not sentence.is_title:
            for other in (hit.sid - 1, hit.sid + 1):
                if 0 <= other < len(index):
                    near_sentence = index.sentence(other)
                    if near_sentence.article_index == a_index and not near_sentence.is_title:
                        window_stems |= set(_stems(near_sentence.text))
                        window_text += " " + near_sentence.text
        window = sum(idf[t] * weight[t] for t in weight if t in window_stems) / total
        names = sum(n in stems_here for n in question.names) / len(question.names) if question.names else 1.0
        window_names = sum(n in window_stems for n in question.names) / len(question.names) if question.names else 1.0
        window_numbers = sum(n in window_text for n in question.numbers) / len(question.numbers) if question.numbers else 1.0
        window_predicate = sum(p in window_stems for p in question.predicates) / len(question.predicates) if question.predicates else 1.0
        asked_years = [n for n in question.numbers if _YEAR.fullmatch(n)]
        year_clash = float(bool(asked_years) and not any(y in window_text for y in asked_years) and bool(_YEAR.search(window_text)))
        head_at = [i for i, (_, _, s) in enumerate(tokens) if s in heads]
        verb_at = _verb_positions(sentence.text, tokens, question.slot_verb) if question.slot_verb else []
        for cand in sentence_candidates(sentence.text, question, nouns=rank < _NOUN_SENTENCES):
            if cand.shape == "name" and " " not in cand.text:
                # one capitalised word of no known sort that its article prints in lower case as
                # well ("former Federal officers" quoted from a law, "Last week") is a common word
                if a_index not in article_lower:
                    article_lower[a_index] = lower_case_words(f"{sentence.article.title or ''} {sentence.article.text}")
                if cand.text.lower() in article_lower[a_index]:
                    if question.shapes is not None and "noun" not in question.shapes:
                        continue
                    cand = replace(cand, shape="noun")
            first = next((i for i, t in enumerate(tokens) if t[1] > cand.start), len(tokens))
            last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][0] < cand.end), first)
            outside = [(i, s) for i, s in matched if i < first or i > last]
            dist = min((first - i if i < first else i - last for i, _ in outside), default=99)
            near = len({s for i, s in outside if first - _WINDOW <= i <= last + _WINDOW}) / max(len(weight), 1)
            near3 = len({s for i, s in outside if first - 3 <= i <= last + 3}) / max(len(weight), 1)
            adj = any(first - 3 <= i <= last + 2 for i in head_at)
            key = answer_key(cand.text)
            if not key:
                continue
            group = groups.setdefault(key, Group(key))
            before = _LAST_WORD.search(sentence.text, 0, cand.start)
            after = _FIRST_WORD.match(sentence.text, cand.end)
            group.occurrences.append(
                Occurrence(hit.sid, rank, hit.score / top, cand, near, dist, coverage, adj,
                           before.group(1).lower() if before else "", after.group(1).lower() if after else "",
                           bigrams, article_cover[a_index], near3, predicate, numbers, article_numbers[a_index],
                           window, names, window_names, window_numbers, window_predicate, year_clash,
                           slot_place(question.slot_role, verb_at, first, last, tokens, sentence.text, question.slot_frame))
            )
    return list(groups.values())


#: How many words may stand between the asked slot and its verb: "DHS *has reportedly* asked",
#: "directing *Homeland Security Secretary* Kristi Noem".
_AGENT_GAP = 3
_OBJECT_GAP = 5
#: How far from the verb its other argument is looked for ("asked *the Pentagon*", "*Trump* issued
#: a proclamation directing").
_FRAME_WINDOW = 6


def _verb_positions(text: str, tokens: list[tuple[int, int, str]], verb: str) -> list[int]:
    """The token positions of ``text`` printing a form of the verb ``verb`` (a :func:`verb_stem`)."""
    # a token's stem is its regular verb's; only irregular forms ("won") are looked up
    return [i for i, (start, end, s) in enumerate(tokens) if s == verb or irregular_stem(text[start:end]) == verb]


def slot_place(role: str | None, verb_at: list[int], first: int, last: int, tokens: list[tuple[int, int, str]], text: str,
               frame: tuple[str, ...] = ()) -> float:
    """1.0 where the span (tokens ``first``..``last``) stands to one of the verb's positions as the
    asked slot does: the subject of an ``agent`` slot just before the verb ("*DHS* has asked the
    Pentagon") or after "by" following it ("was asked by *DHS*"); an ``object`` slot's span just
    after the verb ("directing Secretary *Kristi Noem*", "designated cartels as *Foreign Terrorist
    Organizations*"). With a ``frame`` (the verb's other argument in the question, stems), that
    verb must print one of its words on the other side: after the verb for an agent ("asked *the
    Pentagon*"), before it for an object ("*Trump* issued a proclamation directing ...")."""
    if not role or not verb_at:
        return 0.0

    def framed(v: int) -> bool:
        if not frame:
            return True
        near = range(v + 1, min(v + 1 + _FRAME_WINDOW, len(tokens))) if role == "agent" else range(max(v - _FRAME_WINDOW, 0), v)
        return any(tokens[i][2] in frame for i in near if not first <= i <= last)

    if role == "agent":
        if any(last < v <= last + _AGENT_GAP and framed(v) for v in verb_at):
            return 1.0
        by = first > 0 and text[tokens[first - 1][0] : tokens[first - 1][1]].lower() == "by"
        return float(by and any(first - _AGENT_GAP <= v < first and framed(v) for v in verb_at))
    return float(any(first - _OBJECT_GAP <= v < first and framed(v) for v in verb_at))


def group_features(question: Question, index: SentenceIndex, hits: list[Hit], groups: list[Group]) -> np.ndarray:
    """The feature matrix (one row per group, columns ``FEATURES``)."""
    x = np.zeros((len(groups), len(FEATURES)), dtype=np.float64)
    articles = index.retrieved_articles(hits)
    texts = {a: " " + answer_key((index.articles[a].title or "") + " " + index.articles[a].text) + " " for a in articles}
    titles = {a: " " + answer_key(index.articles[a].title or "") + " " for a in articles}
    retrieved = " ".join(" " + answer_key(index.sentence(h.sid).text) + " " for h in hits)
    asked = question_words(question.text)
    kind = question.kind
    top_article = index.sentence(hits[0].sid).article_index if hits else -1
    says = float(bool(_SAY_VERBS & set(re.findall(r"[a-z]+", question.text.lower()))))
    counts = [retrieved.count(f" {g.key} ") for g in groups]
    frag, sub_gain = _nesting(groups, counts)
    for row, group in enumerate(groups):
        occ = group.occurrences
        padded = f" {group.key} "
        f = x[row]
        sids = {o.sid for o in occ}
        arts = {index.sentence(s).article_index for s in sids}
        f[_INDEX["ret_max"]] = max(o.score for o in occ)
        f[_INDEX["ret_sum"]] = math.log1p(sum(o.score for o in occ))
        f[_INDEX["rank_best"]] = 1.0 / (1 + min(o.rank for o in occ))
        f[_INDEX["n_sent"]] = math.log1p(len(sids))
        f[_INDEX["n_art"]] = math.log1p(len(arts))
        f[_INDEX["art_share"]] = len(arts) / max(len(articles), 1)
        f[_INDEX["n_outlet"]] = math.log1p(len({index.articles[a].source for a in arts}))
        f[_INDEX["in_title"]] = float(any(index.sentence(s).is_title for s in sids))
        f[_INDEX["n_title"]] = math.log1p(sum(padded in t for t in titles.values()))
        f[_INDEX["n_text"]] = sum(padded in t for t in texts.values()) / max(len(articles), 1)
        f[_INDEX["mentions"]] = math.log1p(counts[row])
        f[_INDEX["frag"]] = frag[row]
        f[_INDEX["sub_gain"]] = sub_gain[row]
        f[_INDEX["has_sub"]] = float(sub_gain[row] > 0.0)
        f[_INDEX["lead"]] = float(any(0 <= index.sentence(s).position <= 1 for s in sids))
        f[_INDEX["near_max"]] = max(o.near for o in occ)
        f[_INDEX["dist_best"]] = 1.0 / (1 + min(o.dist for o in occ))
        f[_INDEX["cov_max"]] = max(o.coverage for o in occ)
        f[_INDEX["cov_near"]] = max(o.coverage * o.near for o in occ)
        f[_INDEX["head_adj"]] = float(any(o.head_adj for o in occ))
        tokens = group.key.split()
        f[_INDEX["q_overlap"]] = sum(stem(t) in asked for t in tokens) / max(len(tokens), 1)
        f[_INDEX["q_overlap_other"]] = sum(stem(t) in asked and stem(t) != question.head_stem for t in tokens) / max(len(tokens), 1)
        # how many of the retrieved sentences print it, against how many the best ones do: a
        # story's own name is printed everywhere, the asked detail near the question's words
        f[_INDEX["cand_freq"]] = len(sids) / max(len(hits), 1)
        # "who said ...?": the speaker stands outside the quotation, next to the verb of saying
        quoted = sum(_inside_quotes(index.sentence(o.sid).text, o.candidate.start) for o in occ) / len(occ)
        f[_INDEX["quoted_share"]] = quoted
        f[_INDEX["said_quoted"]] = quoted * says
        f[_INDEX["said_speaker"]] = says * float(any(o.after in _SAID or o.before in _SAID for o in occ))
        f[_INDEX[f"len{min(len(tokens), 4)}"]] = 1.0
        f[_INDEX["variant"]] = float(all(o.candidate.variant for o in occ))
        f[_INDEX["sent_start"]] = float(all(o.candidate.start == 0 for o in occ))
        printed = group.text.split()
        f[_INDEX["cap_ratio"]] = sum(w[:1].isupper() for w in printed) / max(len(printed), 1)
        head = question.head or ""
        f[_INDEX["country_fit"]] = float(head in ("country", "nation", "countries") and is_country(group.text))
        f[_INDEX["state_fit"]] = float(head in ("state", "states") and is_us_state(group.text))
        f[_INDEX["prev_in"]] = sum(o.before in _PLACE_BEFORE for o in occ) / len(occ)
        f[_INDEX["prev_by"]] = float(any(o.before == "by" for o in occ))
        f[_INDEX["next_said"]] = float(any(o.after in _SAID for o in occ))
        f[_INDEX["in_quotes"]] = float(any(o.candidate.text[:1] in "\"“'‘" or index.sentence(o.sid).text[max(o.candidate.start - 1, 0) : o.candidate.start] in ("\"", "“") for o in occ))
        f[_INDEX["title_top"]] = float(padded in titles.get(top_article, ""))
        f[_INDEX["best_top"]] = float(any(o.rank == 0 for o in occ))
        f[_INDEX["bigram_max"]] = max(o.bigrams for o in occ)
        f[_INDEX["art_cov_max"]] = max(o.article_coverage for o in occ)
        f[_INDEX["near3"]] = max(o.near3 for o in occ)
        f[_INDEX["prev_said"]] = float(any(o.before in _SAID for o in occ))
        f[_INDEX["pred_sent"]] = max(o.predicate for o in occ)
        f[_INDEX["num_sent"]] = max(o.numbers for o in occ)
        f[_INDEX["num_art"]] = max(o.article_numbers for o in occ)
        f[_INDEX["win_cov"]] = max(o.window for o in occ)
        f[_INDEX["name_sent"]] = max(o.names for o in occ)
        f[_INDEX["name_win"]] = max(o.window_names for o in occ)
        f[_INDEX["num_win"]] = max(o.window_numbers for o in occ)
        f[_INDEX["pred_win"]] = max(o.window_predicate for o in occ)
        f[_INDEX["year_clash"]] = min(o.year_clash for o in occ)
        f[_INDEX["type_fit"]] = float(group.shape in _fits(question))
        slot = max(o.slot for o in occ)
        f[_INDEX["slot_agent"]] = slot if question.slot_role == "agent" else 0.0
        f[_INDEX["slot_object"]] = slot if question.slot_role == "object" else 0.0
        f[_INDEX[f"k_{kind}_s_{group.shape}"]] = 1.0
        if question.wh == "which":
            f[_INDEX[f"which_s_{group.shape}"]] = 1.0
    return x


def _nesting(groups: list[Group], counts: list[int]) -> tuple[list[float], list[float]]:
    """How each value nests in the others, by their mentions in the retrieved sentences.

    ``frag``: the share of a value's mentions that are part of a longer value ("Everything
    Everywhere All" inside the film's whole title, "Chipotle" inside "Chipotle CEO Brian Niccol"):
    a fragment. ``sub_gain``: how much more often the value's most printed part is mentioned than
    the value itself (log ratio; 0 when no shorter value is part of it): a full name whose
    surname is printed alone in other sentences ("Scarlett Johansson" and "Johansson").
    """
    padded = [f" {g.key} " for g in groups]
    by_word: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        for w in set(g.key.split()):
            by_word.setdefault(w, []).append(i)
    frag = [0.0] * len(groups)
    best_part = [0] * len(groups)
    for i, g in enumerate(groups):
        # a longer value holding this one holds its first word: look only there
        longer = 0
        for j in by_word.get(g.key.split()[0], ()):
            if j != i and len(padded[j]) > len(padded[i]) and padded[i] in padded[j]:
                longer += counts[j]
                best_part[j] = max(best_part[j], counts[i])
        frag[i] = min(1.0, longer / max(counts[i], 1))
    gain = [math.log1p(p) - math.log1p(c) if p else 0.0 for p, c in zip(best_part, counts)]
    return frag, gain


def rank(question: Question, index: SentenceIndex, hits: list[Hit], *, exclude: frozenset[str] = frozenset()) -> Ranking:
    """Candidates of ``hits`` ranked best first, each with its softmax probability, and the
    calibrated confidence that the best one is right. Values keyed in ``exclude`` are no
    candidates (a thread's previous answer, for a follow-up asking about something else)."""
    groups = [g for g in collect(question, index, hits) if g.key not in exclude]
    if question.asks_change:
        # the size of a change is no level reached: "cut rates *to* 3.75%", "fell *to* 3.41%"
        groups = [g for g in groups if not all(o.before in _LEVEL_BEFORE for o in g.occurrences)]
    if not groups:
        return Ranking(question, hits, [], 0.0, 0.0)
    model = load_model()
    x = group_features(question, index, hits, groups)
    scores = x @ model.weights
    order = np.argsort(-scores, kind="stable")
    probs = np.exp(scores - scores.max())
    probs /= probs.sum()
    for i, group in enumerate(groups):
        group.features = x[i]
        group.score = float(scores[i])
        group.probability = float(probs[i])
    ranked = [groups[i] for i in order]
    second = ranked[1].score if len(ranked) > 1 else ranked[0].score - 5.0
    support = support_features(question, index, hits)
    nested = nested_share([g.key for g in groups], probs, int(order[0]))
    rivals = rival_share(x, probs, int(order[0]))
    x_cal = calibration_features(ranked[0].probability, ranked[0].score - second, x[order[0]], question.kind, support, nested, rivals)
    if model.answerable_long and not is_short(support):
        answerable, threshold = _logistic(model.answerable_long, x_cal), model.abstain_long
        if model.long_both and model.abstain > 0:
            # scaled so that it clears the long threshold only where the short model's
            # probability clears the short one as well
            answerable = min(answerable, _logistic(model.answerable, x_cal) * threshold / model.abstain)
    else:
        answerable, threshold = _logistic(model.answerable, x_cal), model.abstain
    return Ranking(question, hits, ranked, _logistic(model.calibration, x_cal), answerable, tuple(support), threshold)


def support_features(question: Question, index: SentenceIndex, hits: list[Hit]) -> list[float]:
    """How well the articles cover the question at all, whatever the candidates: the best
    sentence's score and coverage, and the share of the question's words and names that the
    articles never print (an off-topic question, or one about something they do not name)."""
    terms = question.terms or ("",)
    unknown = sum(not index.knows(t) for t in terms) / len(terms)
    names = [w for w in question.text.split()[1:] if w[:1].isupper()]
    unknown_names = sum(not index.knows(stem(answer_key(w) or "_")) for w in names) / max(len(names), 1)
    if not hits:
        return [0.0, math.log1p(len(terms)), unknown, 0.0, unknown_names]
    idf = {t: index.idf(t) for t in terms}
    total = sum(v for t, v in idf.items() if index.knows(t)) or 1.0
    best_cover = max(sum(idf[t] for t in set(question.terms) & set(_stems(index.sentence(h.sid).text))) / total for h in hits[:10])
    return [math.log1p(hits[0].score), math.log1p(len(terms)), unknown, best_cover, unknown_names]


def _stems(text: str) -> list[str]:
    return [s for _, _, s in _tokens(text)]


def nested_share(keys: list[str], probs: np.ndarray, top: int) -> float:
    """The probability of the values that hold the winner or are part of it ("Chipotle" and
    "Chipotle CEO Brian Niccol"): they say the same, so the winner's own probability and its margin
    over the runner-up understate how sure the ranking is."""
    mine = f" {keys[top]} "
    return float(sum(p for i, (k, p) in enumerate(zip(keys, probs)) if i != top and (f" {k} " in mine or mine in f" {k} ")))


_SHAPE_COLUMNS = np.array([i for i, name in enumerate(FEATURES) if name.startswith("k_")])


def rival_share(x: np.ndarray, probs: np.ndarray, top: int, margin: float = 0.05) -> float:
    """The probability of the other values of the winner's shape, fitting the asked kind, printed in
    a sentence covering the question as well as the winner's: rival values of the same fact ("a
    95% drop" in one source, "99%" in another). Where sources disagree the winner's own probability
    is split, yet the articles still answer the question."""
    if len(probs) < 2:
        return 0.0
    same = (x[:, _SHAPE_COLUMNS] == x[top, _SHAPE_COLUMNS]).all(axis=1)
    same &= x[:, _INDEX["type_fit"]] > 0
    same &= x[:, _INDEX["cov_max"]] >= x[top, _INDEX["cov_max"]] - margin
    same[top] = False
    return float(probs[same].sum()) if x[top, _INDEX["type_fit"]] > 0 else 0.0


def calibration_features(probability: float, margin: float, top: np.ndarray, kind: str, support: list[float], nested: float = 0.0, rivals: float = 0.0) -> list[float]:
    """What the confidence and abstention models read: the winner's probability, margin and
    support, the kind of question, and how well the articles cover the question. A short question
    (a search query, "who acquired Instagram?") is read apart: its answer's sentence should print
    nearly all of it, where a quiz question's preamble is printed elsewhere."""
    short = float(is_short(support)) if len(support) > 1 else 0.0
    return [
        probability,
        min(margin, 5.0),
        float(top[_INDEX["cov_max"]]),
        float(top[_INDEX["n_art"]]),
        float(top[_INDEX["near_max"]]),
        float(kind in ("number", "money", "percent", "date")),
        float(kind == "description"),
        float(top[_INDEX["pred_sent"]]),
        float(top[_INDEX["num_sent"]]),
        float(top[_INDEX["num_art"]]),
        float(top[_INDEX["bigram_max"]]),
        float(top[_INDEX["art_cov_max"]]),
        *support,
        float(top[_INDEX["win_cov"]]),
        float(top[_INDEX["name_sent"]]),
        float(top[_INDEX["name_win"]]),
        float(top[_INDEX["num_win"]]),
        float(top[_INDEX["pred_win"]]),
        float(top[_INDEX["year_clash"]]),
        float(top[_INDEX["type_fit"]]),
        float(top[_INDEX["head_adj"]]),
        short * float(top[_INDEX["cov_max"]]),
        short * float(top[_INDEX["win_cov"]]),
        short * float(top[_INDEX["name_win"]]),
        short,
        # how widely the winner is printed and whether it is the question's own words: on short
        # questions over related but unhelpful sources (RGB negatives) the winner is printed once,
        # away from the question's verb, often half made of the question's words
        float(top[_INDEX["cand_freq"]]),
        float(top[_INDEX["q_overlap"]]),
        float(top[_INDEX["n_sent"]]),
        *(short * v for v in (float(top[_INDEX["cand_freq"]]), float(top[_INDEX["q_overlap"]]), float(top[_INDEX["type_fit"]]),
                              min(margin, 5.0), probability, float(top[_INDEX["n_art"]]), float(top[_INDEX["pred_sent"]]),
                              float(top[_INDEX["near_max"]]), float(top[_INDEX["name_sent"]]))),
        # the winner with the values nested in it, how much of it is a fragment of a longer value,
        # and how many outlets print it
        nested,
        probability + nested,
        float(top[_INDEX["frag"]]),
        float(top[_INDEX["n_outlet"]]),
        # agreement: the share of the articles read that print the winner. Over a few related
        # snippets a wrong value is printed by one of them, a right one by most (RGB fit half and
        # our tuning stories, out of fold: short positives against negatives, AUC 0.81 -> 0.86)
        float(top[_INDEX["art_share"]]),
        short * float(top[_INDEX["art_share"]]),
        # rival values of the winner's shape as well placed (sources disagreeing on a figure), and
        # the winner with them
        rivals,
        probability + rivals,
    ]


def _logistic(c: tuple[float, ...], x: list[float]) -> float:
    z = c[0] + sum(w * v for w, v in zip(c[1:], x))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
