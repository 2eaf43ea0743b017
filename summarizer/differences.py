"""Where the sources of one story differ: figures ledger rows, facts only some report, framing.

    find_differences(articles, sentences, groups, alignment=None) -> tuple[Difference, ...]

``sentences`` are every sentence of every article (``SourceSentence``), ``groups`` their
cross-source alignment (``FactGroup``, see align.py), ``alignment`` the pairwise alignment they came
from (built here when not given). Ranked so that the few that matter come first and capped so that
a brief never carries a wall of trivia:

- **conflict / variant / update**: a figures ledger. Every figure is extracted
  (language/quantities.py); figures that measure the same quantity are grouped across outlets
  (average-linkage over :func:`quantity_similarity`, which is 0 for figures of other places, owners,
  events, periods or parts of a whole; never merging two different values printed by one article).
  Two outlets' values stay in one row only when their sentences tell one fact (alignment, shared
  words, one named thing, or a misprint-close value) and neither sentence prints the other value
  beside its own. Each outlet's figure is read as a claim (:func:`value_interval`): claims that
  cannot both be true are a **conflict** ("95%" vs "99%"), claims that can are a **variant** ("as
  many as seven" vs "as many as 10"), except one value told more or less precisely ("20,000" vs "more
  than 20,000"), which no outlet disputes and is no difference at all; a conflict between outlets of
  different dates (or one saying its figure has since risen) is an **update**, oldest first, and so
  is a revised estimate the text places in time (``figure_moment``: "initially about six" / "now
  believe as many as 10") and a running count two outlets give at two dates of one period
  (``dates.count_moment``: "Through July, 32 cases" / "as of August 2016, 50 cases"). Each
  value names who the text says gives it (:func:`figure_claimant`: "95% per the White House"). A
  person's age is one quantity per person, however printed ("Smith, 6," / "7-year-old Jaylen Smith").
- never a difference: page furniture (:func:`furniture_reason`: notes on the report, captions,
  titles), always one outlet's.
- **exclusive** ("only some report"): a fact no other outlet tells in any words (no sentence, or
  two, holds 15% of its words beyond the story's topic words, nor does it hold 30% of one, nor print
  its figure), with most of its words new to the story; or a fact exactly the outlets cited for it
  print ("2 of 5"); never someone's reaction (:func:`_is_reaction`: a quotation of evaluation or
  feeling with no fact of its own, "the worst thing I've heard of"). Scored by notability (a named
  law, body or person, a figure about the story, a precedent) and how much it is about the story;
  each outlet's best first, within a word budget.
- **framing**: contested names for one thing (a data file: "illegal aliens" / "undocumented
  immigrants"), each outlet's own choice outside quotation marks; nothing else is framing.

Every ``quote`` is verbatim text of the sentence of ``sources[0]`` it cites.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from .align import Alignment, FactGroup, SourceSentence, build_alignment, figures_in
from .language.quantities import (
    Figure,
    change_direction,
    figure_moment,
    base_unit,
    counts_stems,
    is_conversion_aside,
    extract_figures,
    is_ledger_figure,
    qualifier_class,
    claims_agree,
    claimant_at,
    contradiction_barred,
    one_counted_act,
    possible_at,
    figure_claimant,
    places_in,
    near_twins,
    one_value_told_two_ways,
    quantity_similarity,
    values_compatible,
)
from .model import Article, Difference, FigureValue
from .language import STOP_WORDS, content_words, stem, words
from .language.words import saying_stems
from .language.dates import (
    CALENDAR_WORDS,
    WEEKDAYS,
    clock_spans,
    count_moment,
    date_spans,
    day_edge,
    is_period_bound,
    month_of,
    time_zone,
)
from .language.furniture import furniture_reason
from .language.lexicon import word_list, word_set
from .language.names import given_name_after, given_name_before, name_spans

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["MAX_DIFFERENCES", "WORD_BUDGET", "find_differences"]

_log = logging.getLogger(__name__)

#: At most this many differences per brief; each kind has its own smaller cap below.
MAX_DIFFERENCES = 10
#: The differences of one brief stop at about this many words (a reader's minute is for the
#: summary; this is the half-minute after it).
WORD_BUDGET = 200
_MAX_CONFLICTS = 6
_MAX_FRAMING = 2
_MAX_EXCLUSIVES = 6
_MAX_EXCLUSIVES_PER_ARTICLE = 3
_EXCLUSIVE_WORDS = 110  # exclusives stop when the next would take them past this many words
_EXCLUSIVE_FLOOR = 0.2  # below this share of the best exclusive's score a fact is trivia
_TEXT_WORDS = 28  # an exclusive's text is its sentence cut to about this many words

#: "Only some report" must be right (a reader checks every other outlet): a sentence counts as
#: reported by an outlet whose sentence (or two) holds this share of its weighted words, or whose
#: sentence it holds this share of. Fitted on the fit annotations (bench/differences_real.py):
#: sentences below both, with most of their words new to the story, are exclusive 97% of the time.
REPORTED_COVER = 0.15
REPORTED_REVERSE = 0.3
#: Share of a fact's weighted words no outlet outside its reporters prints: below it the sentence
#: mostly retells the common story with a detail added, which a reader does not call exclusive.
EXCLUSIVE_NOVELTY = 0.7
#: A clause of a sentence ("whose funeral was attended by President Vladimir Putin") with this
#: many words beyond the story's topic, held at this share (weighted) by another outlet's
#: sentence, is a fact that outlet tells too: the sentence is no exclusive.
CLAUSE_TERMS = 3
CLAUSE_TOLD = 0.75
_CLAUSE_SPLIT = re.compile(
    r",\s+|;\s+|:\s+|\s+[—–]\s+|\s+(?=(?:who|whose|which|where|when|while|after|before|because|although)\s)"
)

#: Two outlets dispute a figure only in sentences that tell the same fact: either sentence holds
#: this share of the other's weighted words (or alignment links them). Fitted on the fit
#: annotations: the quantities annotators called one all clear it; the false rows did not.
DISPUTE_COVER = 0.2

#: Two outlets' figures that disagree are a contradiction only in sentences sharing this much of
#: their (weighted) words, or one supporting the other: the threshold two outlets' dates of one
#: event need (``WHEN_COVER``). Fit: the real figure conflict told by the sentences alone shares
#: 0.42; wrong rows seen with the threshold relaxed shared 0.09-0.29 (two votes, two years' cases).
CONFLICT_COVER = 0.35

_SAME_QUANTITY = 0.5
#: Reasons of ``contradiction_barred`` that make two figures two quantities (the others, "period"
#: and "running", two moments of one)
_TWO_QUANTITIES = frozenset({"act", "possible", "owner"})
_MAX_MENTIONS = 1500
_ALIGNED_BONUS = 0.3


def find_differences(
    articles: Sequence[Article],
    sentences: Sequence[SourceSentence],
    groups: Sequence[FactGroup],
    *,
    limit: int = MAX_DIFFERENCES,
    alignment: Alignment | None = None,
    evidence: Sequence[tuple[str, str]] = (),
    body: Sequence[str] = (),
) -> tuple[Difference, ...]:
    """The differences between the outlets of one story, most important first.

    Conflicts come first (a disputed number is what a reader most needs to know), then the two
    most notable exclusives, the clearest framing, further exclusives and framing, and last the
    minor conflicts (two outlets qualifying one number differently), at most ``limit`` in all
    and about :data:`WORD_BUDGET` words (the first difference of each kind always fits).
    With fewer than two articles there is nothing to compare and the result is empty.
    ``evidence`` is ``(article id, text)`` an outlet prints but no brief quotes (captions,
    headlines): a fact told there is no other outlet's exclusive. ``body`` is the text of the
    brief's summary lines: an "only some report" item never tells a fact a body line tells (the
    body already says it, cited to every outlet that prints it).
    """
    order = {a.id: i for i, a in enumerate(articles)}
    if len(order) < 2 or not sentences:
        return ()
    story = _Story(articles, sentences, groups, alignment, evidence)
    shared: set[tuple[int, float]] = set()
    conflicts = (_conflicts(story, shared) + _when_conflicts(story))[:_MAX_CONFLICTS]
    # "64,000" / "more than 64,000": one figure rounded or qualified, which no outlet disputes, is
    # no difference. Dropped after the cap: the rows it kept out (weaker date rows) stay out.
    conflicts = [c for c in conflicts if not _one_value(c)]
    strong = [c for c in conflicts if _is_strong_conflict(c)]
    weak = [c for c in conflicts if not _is_strong_conflict(c)]
    shown = {v.quote for c in conflicts for v in c.values if v.quote}
    exclusives = _exclusives(story, shown, shared, body)
    framing = _framing(story)[:_MAX_FRAMING]
    # what most outlets print (four of five) tells less about who reports what than a minority's
    # fact or two versions of a figure: such an item comes last
    majority = [d for d in exclusives if 2 * len(d.sources) > len(order)]
    exclusives = [d for d in exclusives if 2 * len(d.sources) <= len(order)]
    ranked = [*strong, *exclusives[:2], *framing[:1], *exclusives[2:], *framing[1:], *weak, *majority]
    _log.debug("differences: %d conflicts, %d exclusives, %d framing", len(conflicts), len(exclusives), len(framing))
    # a reader's budget: the section stops growing at about WORD_BUDGET words, but the first
    # difference of each kind is always kept
    chosen: list[Difference] = []
    words = 0
    kinds: set[str] = set()
    for diff in ranked:
        cost = len(diff.text.split())
        if diff.kind in kinds and words + cost > WORD_BUDGET:
            continue
        chosen.append(diff)
        kinds.add(diff.kind)
        words += cost
        if len(chosen) >= limit:
            break
    return tuple(chosen)


def _one_value(diff: Difference) -> bool:
    """Whether a variant row only states one value more or less precisely (no outlet disputes it)."""
    if diff.kind != "variant":
        return False
    figures = [extract_figures(v.value, vague=True) for v in diff.values]
    return all(figures) and one_value_told_two_ways([f[0] for f in figures])


def _is_strong_conflict(diff: Difference) -> bool:
    """A real disagreement (two claims that cannot both be true) or an update, not a variant."""
    return diff.kind in ("conflict", "update")


# --------------------------------------------------------------------------- shared story view


class _Story:
    """Sentences indexed by article, with the alignment and each sentence's features.

    Features every part reads (content stems, an index of the sentences by stem, the text with
    quotations taken out) are computed once here rather than in each of the three passes.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        sentences: Sequence[SourceSentence],
        groups: Sequence[FactGroup],
        alignment: Alignment | None = None,
        evidence: Sequence[tuple[str, str]] = (),
    ):
        self.articles = list(articles)
        self.article_ids = list(dict.fromkeys(a.id for a in articles))
        self.n = len(self.article_ids)
        self.order = {aid: i for i, aid in enumerate(self.article_ids)}
        self.sentences = [s for s in sentences if s.article_id in self.order]
        self.group_of: dict[int, int] = {}
        self.group_sources: list[tuple[str, ...]] = []
        for gi, g in enumerate(groups):
            self.group_sources.append(tuple(a for a in g.sources if a in self.order))
            for m in [g.representative, *g.members]:
                self.group_of[id(m)] = gi
        # each sentence's content stems, by id
        self.stems_of: dict[int, frozenset[str]] = {}
        # which sentences (indices into ``sentences``, ascending) and which articles use each
        # stem: "novel" means no other article uses it
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.stem_articles: dict[str, set[str]] = defaultdict(set)
        for i, s in enumerate(self.sentences):
            stems = frozenset(s.stems or content_words(s.text))
            self.stems_of[id(s)] = stems
            for st in stems:
                self.postings[st].append(i)
                self.stem_articles[st].add(s.article_id)
        self._own_text: dict[int, str] = {}
        self.evidence = [(a, t) for a, t in evidence if a in self.order and t]
        self._alignment = alignment
        self._reporters: dict[int, frozenset[str]] | None = None
        self._index: tuple[Alignment, dict[int, int]] | None = None
        self._full_names: dict[str, str] | None = None
        # (unit, value, counted head) of every ledger figure each article prints, set by _conflicts
        self.printed: dict[str, set[tuple[str | None, float, str]]] = defaultdict(set)

    @property
    def alignment(self) -> Alignment:
        if self._alignment is None or len(self._alignment.sentences) != len(self.sentences) or any(
            a is not b for a, b in zip(self._alignment.sentences, self.sentences)
        ):
            self._alignment = build_alignment(self.sentences)
        return self._alignment

    def reporters(self, s: SourceSentence) -> frozenset[str]:
        """Articles that report the fact of ``s`` in any words, as far as the text can tell.

        Loose on purpose: the test of "only some report" must miss no outlet that paraphrases a
        fact ("broadcast live on CNN" / "CNN televised footage"). An article reports it when one
        of its sentences, or two consecutive ones, hold ``REPORTED_COVER`` of its weighted words,
        when ``s`` holds ``REPORTED_REVERSE`` of one of its sentences, when one of its sentences
        prints the same distinctive figure, or when alignment relates or cites them.
        """
        if self._reporters is None:
            self._reporters = self._all_reporters()
        return self._reporters.get(id(s), frozenset({s.article_id}))

    def told_by(self, lines: Sequence[str]) -> set[int]:
        """Ids of the sentences that tell the fact of one of ``lines`` (sentences of the story, by
        text): the line itself, and every sentence alignment links to it as one fact (one supports
        the other, or they are related), in any outlet. "Only some report" never restates a line
        the brief already prints (cited there to every outlet that prints it)."""
        wanted = set(lines)
        if not wanted:
            return set()
        al = self.alignment
        out: set[int] = set()
        for k, x in enumerate(al.sentences):
            if x.text not in wanted:
                continue
            out.add(id(x))
            linked = al.support[k] | al.support[:, k]
            if al.related is not None:
                linked = linked | al.related[k] | al.related[:, k]
            for j in linked.nonzero()[0]:
                out.add(id(al.sentences[int(j)]))
        return out

    def _all_reporters(self) -> dict[int, frozenset[str]]:
        import numpy

        al = self.alignment
        n = len(self.sentences)
        if n == 0:
            return {}
        cover = self._cover_beyond_topic(al)
        article = numpy.array([self.order[s.article_id] for s in self.sentences])
        same = article[:, None] == article[None, :]
        near = (cover >= REPORTED_COVER) | (cover.T >= REPORTED_REVERSE)
        if al.related is not None:
            near |= al.related
        near |= al.support | al.support.T
        # two consecutive sentences of one article, their covers added (an upper bound of the
        # pair's cover: conservative, as the test must be)
        at = {(x.article_id, x.position): k for k, x in enumerate(self.sentences)}
        for k, x in enumerate(self.sentences):
            nxt = at.get((x.article_id, x.position + 1))
            if nxt is not None:
                pair = (cover[:, k] + cover[:, nxt]) >= REPORTED_COVER
                near[:, k] |= pair
        figures = [figures_in(x.text) for x in self.sentences]
        by_figure: dict[str, list[int]] = defaultdict(list)
        for k, fs in enumerate(figures):
            for f in fs:
                by_figure[f].append(k)
        for members in by_figure.values():
            for a in members:
                for b in members:
                    near[a, b] = True
        topic = self._topic(al)
        near |= self._clause_told(al, al.terms, topic)
        near &= ~same
        # captions and headlines: the same tests against text no brief quotes
        extra_terms = [frozenset(content_words(t)) for _, t in self.evidence]
        extra = numpy.zeros((n, len(self.evidence)), dtype=bool)
        if self.evidence:
            extra |= self._cover_matrix(al, al.terms, extra_terms, topic) >= REPORTED_COVER
            extra |= self._clause_told(al, extra_terms, topic)
        extra_article = [a for a, _ in self.evidence]
        out: dict[int, frozenset[str]] = {}
        for k, x in enumerate(self.sentences):
            others = {self.sentences[int(j)].article_id for j in near[k].nonzero()[0]}
            others |= {extra_article[int(j)] for j in extra[k].nonzero()[0]} - {x.article_id}
            out[id(x)] = frozenset({x.article_id, *others, *al.sources_of(k)})
        return out

    def _cover_matrix(
        self, al: Alignment, rows: Sequence[frozenset[str]], cols: Sequence[frozenset[str]], topic: set[str]
    ) -> np.ndarray:
        """``[i, j]``: weighted share of ``rows[i]``'s terms (the topic's left out) in ``cols[j]``."""
        import numpy

        wanted = set().union(*rows) - topic if rows else set()
        vocab: dict[str, int] = {}
        for ts in cols:
            for t in ts & wanted:
                vocab.setdefault(t, len(vocab))
        present = numpy.zeros((len(cols), max(len(vocab), 1)), dtype=numpy.float32)
        for j, ts in enumerate(cols):
            for t in ts:
                k = vocab.get(t)
                if k is not None:
                    present[j, k] = 1.0
        weighted = numpy.zeros((len(rows), present.shape[1]), dtype=numpy.float32)
        totals = numpy.zeros(len(rows))
        for i, ts in enumerate(rows):
            for t in ts:
                if t in topic:
                    continue
                w = al.weights.get(t, 0.0)
                totals[i] += w
                k = vocab.get(t)
                if k is not None:
                    weighted[i, k] = w
        return (weighted @ present.T) / numpy.maximum(totals, 1e-9)[:, None]

    def _clause_told(self, al: Alignment, cols: Sequence[frozenset[str]], topic: set[str]) -> np.ndarray:
        """``[i, j]``: text j (a sentence, or a caption) tells a whole clause of sentence i
        ("..., whose funeral was attended by President Vladimir Putin, came up with ...").

        A sentence one outlet alone prints may still hold a fact others tell, in a clause: that
        is no exclusive. A clause counts when it has ``CLAUSE_TERMS`` words beyond the story's
        topic and j holds ``CLAUSE_TOLD`` of them (weighted).
        """
        import numpy

        owners: list[int] = []
        rows: list[frozenset[str]] = []
        for i, x in enumerate(self.sentences):
            pieces = _CLAUSE_SPLIT.split(x.text)
            if len(pieces) < 2:
                continue
            for piece in pieces:
                terms = frozenset(t for t in al.terms[i] if t not in topic) & set(content_words(piece))
                if len(terms) >= CLAUSE_TERMS:
                    owners.append(i)
                    rows.append(terms)
        told = numpy.zeros((len(self.sentences), len(cols)), dtype=bool)
        if rows and cols:
            cover = self._cover_matrix(al, rows, cols, topic)
            for r, j in zip(*(cover >= CLAUSE_TOLD).nonzero()):
                told[owners[int(r)], int(j)] = True
        return told

    def _topic(self, al: Alignment) -> set[str]:
        """Words every outlet's lead prints: any sentence of the story may name them."""
        leads = [set(al.terms[k]) for k, x in enumerate(self.sentences) if x.position == 0]
        return set.intersection(*leads) if len(leads) >= 2 and len(leads) == self.n else set()

    def _cover_beyond_topic(self, al: Alignment) -> np.ndarray:
        """``cover[i, j]``: weighted share of i's words found in j, the story's topic words left out.

        The topic words are those every outlet's lead prints ("Orlan river", "six nations"): any
        sentence of the story may name them, so sharing them says nothing about a fact being told.
        """
        import numpy

        n = len(self.sentences)
        leads = [set(al.terms[k]) for k, x in enumerate(self.sentences) if x.position == 0]
        topic = set.intersection(*leads) if len(leads) >= 2 and len(leads) == self.n else set()
        # only words two sentences share can overlap: the totals take every word, the matrix those
        counts = Counter(t for ts in al.terms for t in ts)
        vocab = {t: k for k, t in enumerate(sorted(t for t, c in counts.items() if c > 1 and t not in topic))}
        present = numpy.zeros((n, len(vocab)), dtype=numpy.float32)
        weighted = numpy.zeros_like(present)
        total = numpy.zeros(n, dtype=numpy.float64)
        for i, ts in enumerate(al.terms):
            for t in ts:
                if t in topic:
                    continue
                total[i] += al.weights[t]
                k = vocab.get(t)
                if k is not None:
                    present[i, k] = 1.0
                    weighted[i, k] = al.weights[t]
        with numpy.errstate(divide="ignore", invalid="ignore"):
            return numpy.where(total[:, None] > 0, (weighted @ present.T) / total[:, None], 0.0)

    def disputable(self, x: _Mention, y: _Mention, *, strict: bool = False) -> bool:
        """Whether two outlets' figures can be one quantity: they count the same named thing in
        the same words ("illegal border crossings"), their sentences tell one fact, or (unless
        ``strict``, as for a contradiction) they tell other facts about the same named people."""
        cx, cy = counts_stems(x.figure), counts_stems(y.figure)
        if (len(cx) >= 2 and cx == cy) or near_twins(x.figure, y.figure):
            return True
        age = self.age_key(x.figure, x.sentence.text)
        if age is not None and age == self.age_key(y.figure, y.sentence.text) and _same_given(x, y):
            return True  # one named person's age, whatever else the two sentences tell
        if strict:
            # a contradiction needs sentences that tell one fact: one supports the other, or they
            # share ``CONFLICT_COVER`` of their words (as two outlets' dates of one event must): a
            # fifth of the words is a related fact, not this one; or the
            # two count one noun under one verb ("four children were burned" / "5 children were burned")
            return self.tells_one_fact(x.sentence, y.sentence) or one_counted_act(
                x.figure, x.sentence.text, y.figure, y.sentence.text)
        if self.related(x.sentence, y.sentence):
            return True
        if _share_other_figures(x, y):
            return True
        # sentences telling other facts about the same named people or things ("Dudley", "Microraptor")
        return bool(_sentence_names(x.sentence.text) & _sentence_names(y.sentence.text))

    def age_key(self, figure: Figure, sentence: str) -> str | None:
        """Whose age a figure is, as one key per person: the last word of the full name the story
        prints ("Jaylen, 7," and "Smith, 6," are Jaylen Smith's), else the name as printed."""
        name = _age_of(figure, sentence)
        if name is None:
            return None
        if self._full_names is None:
            self._full_names = _full_names(self)
        return self._full_names.get(name, name)

    def related(self, a: SourceSentence, b: SourceSentence, cover: float = 0.0) -> bool:
        """Whether two sentences tell one fact closely enough for their figures to be compared:
        either holds ``cover`` (``DISPUTE_COVER`` unless given) of the other's weighted words, or
        alignment links them."""
        al = self.alignment
        if self._index is None or self._index[0] is not al:
            # built once per alignment, not per pair of figures compared
            self._index = (al, {id(x): k for k, x in enumerate(al.sentences)})
        index = self._index[1]
        i, j = index.get(id(a)), index.get(id(b))
        if i is None or j is None:
            return False
        if al.support[i, j] or al.support[j, i] or al.is_related(i, j):
            return True
        return max(float(al.cover[i, j]), float(al.cover[j, i])) >= (cover or DISPUTE_COVER)

    def tells_one_fact(self, a: SourceSentence, b: SourceSentence) -> bool:
        """Whether two sentences tell one fact, as a contradiction between them needs: alignment
        links them (one supports the other, or both report one event by one figure), or either
        holds ``CONFLICT_COVER`` of the other's words."""
        al = self.alignment
        self.related(a, b)  # builds the index
        index = self._index[1] if self._index is not None else {}
        i, j = index.get(id(a)), index.get(id(b))
        if i is None or j is None:
            return False
        if al.support[i, j] or al.support[j, i] or al.is_related(i, j):
            return True
        return max(float(al.cover[i, j]), float(al.cover[j, i])) >= CONFLICT_COVER

    def stems(self, s: SourceSentence) -> frozenset[str]:
        return self.stems_of[id(s)]

    @property
    def current_year(self) -> float | None:
        """The story's own year, about: the latest year two or more outlets print, else None."""
        if not hasattr(self, "_current_year"):
            by_year: dict[float, set[str]] = defaultdict(set)
            for s in self.sentences:
                for f in extract_figures(s.text):
                    if f.unit == "year":
                        by_year[f.value].add(s.article_id)
            shared = [y for y, arts in by_year.items() if len(arts) >= 2]
            self._current_year = max(shared) if shared else None
        return self._current_year

    def own_text(self, s: SourceSentence) -> str:
        """The sentence in the outlet's own words: each quotation replaced by ``" | "``."""
        text = self._own_text.get(id(s))
        if text is None:
            text = s.text
            for a, b in reversed(_quoted_spans(text)):
                text = text[:a] + " | " + text[b:]
            self._own_text[id(s)] = text
        return text

    def aligned(self, a: SourceSentence, b: SourceSentence) -> bool:
        ga, gb = self.group_of.get(id(a)), self.group_of.get(id(b))
        return ga is not None and ga == gb

    def supporters(self, s: SourceSentence) -> set[str]:
        """Articles that report the fact of ``s``: its aligned group, or a close paraphrase
        (a sentence whose content stems overlap with a Dice coefficient of 0.5 or more)."""
        out = {s.article_id}
        gi = self.group_of.get(id(s))
        if gi is not None:
            out.update(self.group_sources[gi])
        mine = self.stems_of[id(s)]
        if len(mine) < 3:
            return out
        # only sentences that share a stem can be close: count the shared stems from the index
        shared = Counter(chain.from_iterable(self.postings[st] for st in mine))
        sentences, stems_of = self.sentences, self.stems_of
        for j, k in shared.items():
            other = sentences[j]
            if other.article_id not in out and 2 * k / (len(mine) + len(stems_of[id(other)])) >= 0.5:
                out.add(other.article_id)
        return out


# --------------------------------------------------------------------------- conflicts


@dataclass(frozen=True)
class _Mention:
    figure: Figure
    sentence: SourceSentence
    quoted: bool  # inside quotation marks: a speaker's words, not the outlet's own


def _conflicts(story: _Story, shared: set[tuple[int, float]] | None = None) -> list[Difference]:
    """Ledger rows, most important first; ``shared`` collects (sentence id, value) of every figure
    that belongs to a quantity two or more outlets report, agreeing or not."""
    mentions = [
        _Mention(f, s, _inside_quotes(s.text, f.start))
        for s in story.sentences
        for figures in [extract_figures(s.text, vague=True)]
        for f in figures
        # "fell 30ft (9m)": the bracketed figure restates the one before it in another unit
        if is_ledger_figure(f) and not is_conversion_aside(f, s.text, figures)
    ]
    if not mentions:
        return []
    for m in mentions:
        head = counts_stems(m.figure)[-1:]
        if head:
            story.printed[m.sentence.article_id].add((m.figure.unit, m.figure.value, head[0]))
    if len(mentions) > _MAX_MENTIONS:
        # pairwise comparison is quadratic: a story of hundreds of articles keeps its first
        # mentions in article order (leads and early paragraphs carry the main figures)
        mentions.sort(key=lambda m: (m.sentence.position, story.order[m.sentence.article_id]))
        mentions = mentions[:_MAX_MENTIONS]
    clusters = _group_quantities(story, mentions)
    scored: list[tuple[float, Difference]] = []
    for cluster in clusters:
        if shared is not None and len({m.sentence.article_id for m in cluster}) >= 2:
            shared.update((id(m.sentence), m.figure.value) for m in cluster)
        diff = _ledger_row(story, cluster)
        if diff is not None:
            scored.append(diff)
    scored.extend(_dated_updates(story, mentions, [d for _, d in scored]))
    scored.sort(key=lambda t: -t[0])
    return [d for _, d in scored]


_CURRENT_PERIOD = re.compile(r"\b(?:this\s+year|so\s+far)\b", re.IGNORECASE)


def _dated_updates(story: _Story, mentions: list[_Mention], rows: list[Difference]) -> list[tuple[float, Difference]]:
    """A running count two outlets give at two dates of one period ("Through July, 32 cases ...
    this year" / "as of August 2016, there have been 50 cases"): an update, oldest first.

    Each count's moment is the one date its sentence closes the period with
    (``dates.count_moment``). Its period is the year printed with that date, else the current one
    when the sentence says "this year" or "so far", or when another sentence of its article gives
    the same moment in a known period ("17 states through July" beside "Through July, 32 cases
    ... this year"); a count of no known period ("As of November 13, 88 cases", of an outbreak
    years before) is left out. The current period joins the latest year the thing is counted for.
    Counts of one unit and one counted head noun (each sentence's first), whose sentences tell one
    quantity (``quantity_similarity`` or ``_Story.disputable``), are one row when the later moments
    give larger values, each value its own moments; at least two outlets and two values. Rows
    already in the ledger stay as they are."""
    taken = {v.quote for d in rows for v in d.values}
    counts: list[tuple[tuple[str | None, str], tuple[int, int], _Mention, int | None, bool]] = []
    seen: set[tuple[int, tuple[str | None, str]]] = set()
    known: dict[str, dict[tuple[int, int], int | None]] = defaultdict(dict)  # article -> moment -> year
    for m in mentions:
        head = counts_stems(m.figure)[-1:]
        if not head or m.figure.vague or m.quoted or m.sentence.text in taken:
            continue
        key = (base_unit(m.figure.unit), head[0])
        if (id(m.sentence), key) in seen:
            continue  # the sentence's first count of the thing is its running count ("32 cases, up from 7")
        seen.add((id(m.sentence), key))
        found = count_moment(m.sentence.text)
        if found is None:
            continue
        month, day, year = found
        placed = year is not None or bool(_CURRENT_PERIOD.search(m.sentence.text))
        if placed:
            known[m.sentence.article_id].setdefault((month, day), year)
        counts.append((key, (month, day), m, year, placed))
    dated: dict[tuple[str | None, str], list[tuple[tuple[int, int], _Mention, int | None]]] = defaultdict(list)
    for key, moment, m, year, placed in counts:
        if not placed:
            if moment not in known[m.sentence.article_id]:
                continue  # "As of November 13, 88 cases": of which period, the text does not say
            year = known[m.sentence.article_id][moment]
        dated[key].append((moment, m, year))
    groups = []
    for found in dated.values():
        years = {year for _, _, year in found} - {None}
        latest = max(years, default=None)
        by_year: dict[int | None, list[tuple[tuple[int, int], _Mention]]] = defaultdict(list)
        for moment, m, year in found:
            by_year[latest if year is None else year].append((moment, m))
        groups.extend(by_year.values())
    out = []
    for group in groups:
        if len({m.sentence.article_id for _, m in group}) < 2 or len({m.figure.value for _, m in group}) < 2:
            continue
        by_value: dict[float, list[tuple[tuple[int, int], _Mention]]] = defaultdict(list)
        for moment, m in group:
            by_value[m.figure.value].append((moment, m))
        ordered = sorted(by_value.items())
        # a running count grows: every moment of a smaller value comes before every moment of a larger
        if any(max(t for t, _ in a[1]) >= min(t for t, _ in b[1]) for a, b in zip(ordered, ordered[1:])):
            continue
        # every two values from sentences telling one quantity
        firsts = [ms[0][1] for _, ms in ordered]
        if any(
            quantity_similarity(x.figure, x.sentence.text, y.figure, y.sentence.text) < _SAME_QUANTITY
            and not story.disputable(x, y)
            for i, x in enumerate(firsts) for y in firsts[i + 1:]
        ):
            continue
        values = tuple(
            FigureValue(
                value=_display(ms[0][1].figure),
                sources=tuple(dict.fromkeys(m.sentence.article_id for _, m in ms)),
                quote=ms[0][1].sentence.text,
                claimant=figure_claimant(ms[0][1].figure, ms[0][1].sentence.text),
            )
            for _, ms in ordered
        )
        subject = _subject(story, [m for _, m in group])
        parts = [f"{v.value}{f' per {v.claimant}' if v.claimant else ''} ({_n_sources(len(v.sources))})" for v in values]
        text = (f"{subject[:1].upper() + subject[1:]}: " if subject else "") + ", later ".join(parts)
        diff = Difference(
            kind="update", text=text, sources=tuple(a for v in values for a in v.sources),
            quote=values[0].quote, values=values, subject=subject or None,
        )
        out.append((len(values) + 1.5, diff))
    return out


def _group_quantities(story: _Story, mentions: list[_Mention]) -> list[list[_Mention]]:
    """Average-linkage clustering of mentions into quantities, with cannot-link constraints.

    Two mentions of one article with different values are never one quantity; mentions of
    aligned sentences get a bonus (two outlets telling the same fact use the same quantity).
    """
    n = len(mentions)
    ages = [story.age_key(m.figure, m.sentence.text) for m in mentions]
    by_unit: dict[str | None, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        # an age is counted in years however it is printed: "Smith, 6," (no unit) and
        # "7-year-old Jaylen Smith" are one person's age told two ways
        by_unit["years" if ages[i] else base_unit(m.figure.unit)].append(i)  # "feet" and "m" compare
    sims: dict[tuple[int, int], float] = {}
    for idxs in by_unit.values():
        for x, i in enumerate(idxs):
            mi = mentions[i]
            for j in idxs[x + 1:]:
                mj = mentions[j]
                if mi.sentence.article_id == mj.sentence.article_id and mi.figure.value != mj.figure.value:
                    continue
                if ages[i] or ages[j]:
                    # a person's age is one quantity per person, whatever else the sentences share
                    if ages[i] == ages[j] and _same_given(mi, mj) and values_compatible(mi.figure, mj.figure):
                        sims[(i, j)] = 1.0
                    continue
                if _part_and_whole(mi.figure, mj.figure):
                    continue
                sim = quantity_similarity(mi.figure, mi.sentence.text, mj.figure, mj.sentence.text)
                if sim == 0 and _verb_names_the_count(mi, mj):
                    sim = _VERB_NAMES_COUNT
                if sim > 0 and story.aligned(mi.sentence, mj.sentence):
                    sim = min(1.0, sim + _ALIGNED_BONUS)
                if sim > 0:
                    sims[(i, j)] = sim
    # clusters as sets of mention indices; pair sums between clusters for average linkage
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    values: dict[int, dict[str, set[float]]] = {
        i: {mentions[i].sentence.article_id: {mentions[i].figure.value}} for i in range(n)
    }
    link: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        link[i][j] = s
        link[j][i] = s
    heap = [(-s, i, j) for (i, j), s in sims.items() if s >= _SAME_QUANTITY]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = link[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-9:
            continue  # stale entry
        if _contradicts_itself(values[a], values[b]):
            continue
        # merge b into a
        members[a].extend(members.pop(b))
        for aid, vals in values.pop(b).items():
            values[a].setdefault(aid, set()).update(vals)
        for c, s in link.pop(b).items():
            link[c].pop(b, None)
            if c == a:
                continue
            total = link[a].get(c, 0.0) + s
            link[a][c] = total
            link[c][a] = total
        link[a].pop(b, None)
        for c, total in link[a].items():
            if c in members:
                avg = total / (len(members[a]) * len(members[c]))
                if avg >= _SAME_QUANTITY:
                    heapq.heappush(heap, (-avg, min(a, c), max(a, c)) if a < c else (-avg, c, a))
    _join_disjoint_rows(mentions, members, sims)
    return [[mentions[i] for i in sorted(idx)] for idx in members.values()]


# "Farrant, 67, won" / "Odile Farrant, 68, who": a bare number set off by commas after a name.
_APPOSITION_AGE = re.compile(r"([A-Z][\w’'-]+),\s$")
_AGE_WORDS = re.compile(r"\baged\s$", re.IGNORECASE)
_APPOSITION_YEAR_OLD = re.compile(r"([A-Z][\w’'-]+),\s+an?\s+$")  # "Arlen, a 36-year-old"
_NAME_AFTER_AGE = re.compile(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:[A-Z][\w’'-]+\s+)*([A-Z][\w’'-]+)")


def _age_of(figure: Figure, sentence: str) -> str | None:
    """The stem of the last name of the person whose age a figure is, else ``None``."""
    name = _age_name(figure, sentence)
    return stem(name) if name else None


def _age_name(figure: Figure, sentence: str) -> str | None:
    """The person whose age a figure is (their last name as printed), else ``None``.

    News copy gives ages in a fixed way: a bare whole number in commas after a name ("Farrant,
    67, receives"), "aged 67", or "a 29-year-old debut star Jun Ishara". Two outlets' ages of
    one person are one quantity even when nothing else in the sentences matches, and an age
    is never the same quantity as any other count.
    """
    if figure.unit not in (None, "years") or figure.qualifier or figure.out_of is not None:
        return None
    if 2 * figure.value != int(2 * figure.value) or not 0 < figure.value < 120:
        return None  # whole years, or a half ("two and a half", "2½-year-old", "2 1/2,")
    before = sentence[: figure.start]
    after = sentence[figure.end :]
    if after.startswith(",") or after[:1] in ("", ".", ";"):
        m = _APPOSITION_AGE.search(before)
        place = _LETTERS.findall(before[: m.start()])[-1:] if m else []
        if m and m.group(1).lower() not in _NOT_NAMES and m.group(1) not in _CALENDAR_NAMES \
                and not (place and place[0] in _PLACE_PREPOSITIONS):
            return m.group(1)  # "In Harwich, 40, ..." is a place, not a person
    if _AGE_WORDS.search(before):
        m = _APPOSITION_AGE.search(before[: _AGE_WORDS.search(before).start()].rstrip() + " ")
        return m.group(1) if m else None
    if _year_old(figure, sentence):
        m = _APPOSITION_YEAR_OLD.search(before)
        if m and m.group(1).lower() not in _NOT_NAMES and m.group(1) not in _CALENDAR_NAMES:
            return m.group(1)  # "Tom Arlen, a 36-year-old father of two": the name it is set beside
        m = _NAME_AFTER_AGE.match(after)
        if m:
            return m.group(1)
        # "a 7-year-old boy", "a 7-year-old local girl": the person noun among the next two words
        nouns = [w for w in _LETTERS.findall(after[:40])[:2] if w in _person_nouns()]
        return nouns[0] if nouns else None
    if after.startswith(","):
        m = _NOUN_APPOSITION_AGE.search(before)  # "the boy, 6,", "her son, 12,": an unnamed person's
        if m and m.group(1).lower() in _person_nouns():
            return m.group(1).lower()
    return None


def _ages_agree(a: float, b: float) -> bool:
    """Whether two printed ages can be one person's: an age in whole years is a floor ("3" is 3 to
    not yet 4), one with a half is that half-year ("two and a half" is 2.5 to not yet 3). So 2 and
    two and a half agree, two and a half and 3 do not, nor do 6 and 7."""
    def span(v: float) -> tuple[float, float]:
        return (v, v + 1.0) if v == int(v) else (v, v + 0.5)

    (alo, ahi), (blo, bhi) = span(a), span(b)
    return alo < bhi and blo < ahi


def _year_old(figure: Figure, sentence: str) -> bool:
    """An age printed as "7-year-old" or "7 year old" ("two and a half year old": the unit reads
    "year", the "old" after it is the sentence's)."""
    return figure.text.lower().endswith(("year-old", "year old")) or (
        figure.unit == "years" and figure.text.lower().endswith("year") and sentence[figure.end:].startswith(" old")
    )


def _same_given(a: _Mention, b: _Mention) -> bool:
    """Whether two ages keyed to one surname may be one person's: not when each sentence prints
    a different given name with it ("Brenda Smith, 63" / "Clinton Preston Smith, 67")."""
    ga, gb = _age_given(a.figure, a.sentence.text), _age_given(b.figure, b.sentence.text)
    return ga is None or gb is None or ga == gb


def _age_given(figure: Figure, sentence: str) -> str | None:
    """The given name printed with the surname an age is keyed to ("*Brenda* Smith, 63,", "the
    67-year-old *Clinton* Preston Smith"), when it is a given name (data/given_names.txt)."""
    if _year_old(figure, sentence):
        return given_name_after(sentence, figure.end)
    return given_name_before(sentence[max(0, figure.start - 80): figure.start])


_NOUN_APPOSITION_AGE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[a-z][a-z-]+\s+)?([a-z]+),\s$")


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns that name a person without a name ("boy", "victim", "son"): an age can be theirs."""
    return word_set("heads_person") - {"who", "whom", "people", "men", "women"} | word_set("kin_words")


_PLACE_PREPOSITIONS = frozenset("in at on from near across outside inside".split())
_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*)+")


def _full_names(story: _Story) -> dict[str, str]:
    """Each name word the story prints inside exactly one full name, to that name's last word
    (stems): "Jaylen" and "Smith" of "Jaylen Smith" are one person, so "Jaylen, 7," and "Smith,
    6," give one person's age. A word in two full names ("Smith" of two Smiths) maps nowhere."""
    owners: dict[str, set[str]] = defaultdict(set)
    for s in story.sentences:
        for match in _FULL_NAME.finditer(s.text):
            parts = [stem(w.removesuffix("’s").removesuffix("'s")) for w in match.group(0).split()]
            if any(w.lower() in STOP_WORDS or w in _CALENDAR_NAMES for w in match.group(0).split()):
                continue  # "The Smith", "On Monday": not one person's name
            for p in parts:
                owners[p].add(parts[-1])
    return {p: next(iter(last)) for p, last in owners.items() if len(last) == 1}
_CALENDAR_NAMES = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)


_VERB_NAMES_COUNT = 0.6
_MIN_FAMILY = 5  # letters a verb's stem and a noun's stem must share to be one word family
_WORD_BEFORE = re.compile(r"([a-z][a-z]+)\s+(?:(?:about|some|nearly|roughly|around|almost|over|more than)\s+)?$")


def _verb_names_the_count(a: _Mention, b: _Mention) -> bool:
    """Whether the verb before one figure is the noun the other counts: "employs about 7,800
    people" / "has about 8,000 employees", "recalled 3,200 buses" / "a recall of 3,400 buses".

    Two outlets counting one thing name it once with a verb and once with its noun; the word
    family (a shared stem of five letters or more) ties the two. Needs the same unit and values
    one misreport apart, and two different articles.
    """
    if a.sentence.article_id == b.sentence.article_id or a.figure.unit != b.figure.unit:
        return False
    if not values_compatible(a.figure, b.figure):
        return False
    for x, y in ((a, b), (b, a)):
        head = counts_stems(y.figure)[-1:] if y.figure.counts else ()
        m = _WORD_BEFORE.search(x.sentence.text[: x.figure.start])
        if not head or not m or m.group(1) in STOP_WORDS:
            continue
        verb, noun = stem(m.group(1)), head[0]
        short, long_ = sorted((verb, noun), key=len)
        if len(short) >= _MIN_FAMILY and long_.startswith(short) and verb != noun:
            return True
    return False


def _part_and_whole(a: Figure, b: Figure) -> bool:
    """Whether one figure is a part of a whole the other counts: "three of the five judges" and
    "the five judges" are two quantities (the part and the whole), not a disagreement."""
    return (a.out_of is not None and b.out_of is None and b.value == a.out_of) or (
        b.out_of is not None and a.out_of is None and a.value == b.out_of
    )


def _join_disjoint_rows(mentions: list[_Mention], members: dict[int, list[int]], sims: dict[tuple[int, int], float]) -> None:
    """Complete ledger rows that average linkage left split.

    Average linkage is strict on purpose, so one quantity told in two vocabularies ("12,500
    people" in three outlets, "12,000 residents" in two) can end as two rows. Two rows whose
    outlets do not overlap cannot contradict themselves; they are joined when one strong pair
    links them and every value of one is compatible with every value of the other.
    """
    owner = {i: root for root, idx in members.items() for i in idx}
    for (i, j), sim in sorted(sims.items(), key=lambda kv: -kv[1]):
        if sim < _SAME_QUANTITY:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        arts_a = {mentions[k].sentence.article_id for k in members[a]}
        arts_b = {mentions[k].sentence.article_id for k in members[b]}
        if arts_a & arts_b:
            continue
        if not all(values_compatible(mentions[x].figure, mentions[y].figure) for x in members[a] for y in members[b]):
            continue
        members[a].extend(members.pop(b))
        for k in members[a]:
            owner[k] = a


def _contradicts_itself(a: dict[str, set[float]], b: dict[str, set[float]]) -> bool:
    return any(aid in b and a[aid] != b[aid] for aid in a)


def _ledger_row(story: _Story, cluster: list[_Mention]) -> tuple[float, Difference] | None:
    """One quantity several outlets print: a conflict, a variant, an update, or nothing.

    Each outlet's own figure (its first mention in its own words) is compared as a *claim*: the
    values its qualifier and printed precision allow (:func:`value_interval`). Claims that cannot
    both be true ("95%" / "99%") are a **conflict**; claims that can ("20,000" / "more than
    20,000", "about 65" / "about 70") are a **variant**, one value stated two ways; a conflict
    between outlets of different dates, or one outlet telling the figure has since changed ("rose
    to", "now"), is an **update**, oldest first. Each value names who the text says gives it.
    """
    by_article: dict[str, list[_Mention]] = defaultdict(list)
    for m in cluster:
        by_article[m.sentence.article_id].append(m)
    if len(by_article) < 2:
        return None  # one outlet alone: nothing to compare
    # each article's own figure: its first mention in its own words, else its first mention
    chosen: dict[str, _Mention] = {}
    for aid, ms in by_article.items():
        ms.sort(key=lambda m: (m.sentence.position, m.figure.start))
        own = [m for m in ms if not m.quoted]
        chosen[aid] = (own or ms)[0]
    # an outlet whose figure tells no fact that any other value's outlet tells ("attacked three
    # people" beside "three people in custody" / "four people are in custody") is in the row by its
    # noun alone: it is left out before the values are compared
    if len(chosen) > 2 and len({m.figure.value for m in chosen.values()}) > 1:
        lone = [
            aid for aid, m in chosen.items()
            if not any(story.disputable(m, o) for o in chosen.values() if o.figure.value != m.figure.value)
        ]
        for aid in lone:
            del chosen[aid]
        if len(chosen) < 2:
            return None
    variants: dict[tuple[float, str], list[str]] = defaultdict(list)
    for aid in sorted(chosen, key=story.order.__getitem__):
        f = chosen[aid].figure
        variants[(f.value, "vague" if f.vague else _claim(f))].append(aid)
    # "dozens" or "tens of thousands" is consistent with any count in its range: it joins a row
    # where precise values disagree, but is no disagreement by itself
    if sum(1 for key in variants if key[1] != "vague") < 2:
        return None
    if len({key[0] for key in variants}) == 1 and any(m.quoted for m in chosen.values()):
        return None  # one number, qualified differently only inside a quotation: the speaker's wording
    # Every two values must come from sentences that tell one figure: a value that fails this
    # against another is dropped (the one fewer outlets give), then the rest are compared again.
    while True:
        precise = [(key, chosen[aids[0]], aids) for key, aids in variants.items() if key[1] != "vague"]
        if len(precise) < 2:
            return None
        disagree = False
        moments = False
        drop = None
        for i, (kx, x, xa) in enumerate(precise):
            for ky, y, ya in precise[i + 1:]:
                # Two outlets' figures are one quantity stated two ways only in sentences that
                # tell the same fact (or one named thing, or a misprint); a sentence printing the
                # other's value beside its own tells two quantities ("$150 per game and $100 for
                # appearances"). A value failing this against another is dropped.
                # one number under two qualifiers ("more than $11 million" / "nearly $11 million")
                # is one value told loosely, never a contradiction
                agree = claims_agree(x.figure, y.figure) or one_value_told_two_ways([x.figure, y.figure])
                if story.age_key(x.figure, x.sentence.text) and story.age_key(y.figure, y.sentence.text):
                    agree = _ages_agree(x.figure.value, y.figure.value)
                # a contradiction needs the stronger evidence: sentences telling one fact
                # an outlet that itself prints the other's number for the thing it counts does not
                # dispute it: the two are a part and its whole ("16 children in her care" / "five
                # children were hurt"), or two moments its own text tells
                # and two values that disagree must be certain to be one quantity at one time: two
                # acts counted, a possible figure against a real one or two people's are two
                # quantities (dropped); two periods or running counts are two moments (kept, but
                # never a conflict: an update when the text orders them, else nothing)
                barred = None if agree else contradiction_barred(
                    x.figure, x.sentence.text, y.figure, y.sentence.text, current_year=story.current_year)
                if (
                    _beside(x, y.figure) or _beside(y, x.figure) or _prints_also(story, x, y.figure)
                    or _prints_also(story, y, x.figure) or not story.disputable(x, y, strict=not agree)
                    or barred in _TWO_QUANTITIES
                ):
                    drop = ky if (len(ya), -story.order[ya[0]]) < (len(xa), -story.order[xa[0]]) else kx
                    break
                if not agree:
                    disagree = True
                    moments |= barred is not None
            if drop is not None:
                break
        if drop is None:
            break
        del variants[drop]
    chosen = {aid: m for aid, m in chosen.items() if any(aid in aids for aids in variants.values())}
    kind = "conflict" if disagree else "variant"
    rows = sorted(variants.items(), key=lambda kv: (-len(kv[1]), story.order[kv[1][0]]))
    if disagree:
        later = _later_rows(story, rows, chosen)
        if later is not None:
            kind, rows = "update", later
    if kind != "update":
        # the text itself places the values in time ("initially about six" / "now believe as many
        # as 10"): one estimate revised, told oldest first, whether or not the claims could agree
        ordered = _moments_ordered(story, rows, chosen)
        if ordered is not None:
            kind, rows = "update", ordered
    if kind == "conflict" and moments:
        return None  # one quantity at two moments nothing orders: no contradiction to show
    values = tuple(
        FigureValue(
            value=_display(chosen[aids[0]].figure),
            sources=tuple(aids),
            quote=chosen[aids[0]].sentence.text,
            claimant=_claimant(chosen, aids),
        )
        for _, aids in rows
    )
    if kind == "conflict" and len({v.claimant for v in values}) == 1:
        values = tuple(dataclasses.replace(v, claimant=None) for v in values)  # all say who they quote alike
    subject = _subject(story, cluster)
    joiner = {"conflict": " vs ", "variant": " or ", "update": ", later "}[kind]
    parts = [f"{v.value}{f' per {v.claimant}' if v.claimant else ''} ({_n_sources(len(v.sources))})" for v in values]
    text = f"{subject[:1].upper() + subject[1:]}: " + joiner.join(parts) if subject else joiner.join(parts)
    sources = tuple(aid for v in values for aid in v.sources)
    lead = sum(1 for m in chosen.values() if m.sentence.position <= 1) / len(chosen)
    score = len(chosen) + (1.5 if disagree else 0.0) + lead
    diff = Difference(
        kind=kind,
        text=text,
        sources=sources,
        quote=values[0].quote,
        values=values,
        subject=subject or None,
    )
    return score, diff


# Words that say a figure is the newer one: "the toll rose to", "has since climbed to", "now".
_LATER = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:since\s+|now\s+)?(?:risen|climbed|jumped|grown|increased|reached)(?:\s+to)?"
    r"|(?:rose|climbed|jumped|grew|increased)\s+to|now\s+(?:stands\s+at|at)|(?:updated|revised)\s+to)\s+(?:about\s+|nearly\s+|more\s+than\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)


def _later_rows(story: _Story, rows, chosen: dict[str, _Mention]):
    """The rows oldest first when the outlets tell different moments, else None.

    Different publication dates order them; without dates, a sentence that says its figure is
    the newer one ("rose to", "so far", "now") comes last, when exactly one row's sentences do.
    """
    published = {a.id: a.published for a in story.articles if a.published is not None}

    def when(aids: list[str]):
        dates = [published[a] for a in aids if a in published]
        return min(dates) if dates else None

    dated = [when(aids) for _, aids in rows]
    if all(d is not None for d in dated) and len(set(dated)) == len(dated):
        return [row for _, row in sorted(zip(dated, rows), key=lambda t: t[0])]
    marked = [any(_later_marked(chosen[a]) for a in aids) for _, aids in rows]
    if sum(marked) == 1 and len(rows) == 2:
        return [row for _, row in sorted(zip(marked, rows), key=lambda t: t[0])]
    return None


_MOMENT_RANK = {"earlier": 0, None: 1, "later": 2}


def _moments_ordered(story: _Story, rows, chosen: dict[str, _Mention]):
    """The rows oldest first when their clauses' moment words (``figure_moment``) order every one
    of them ("initially" < unmarked < "now"), the values differ, and an outlet of a marked row tells
    the revision itself: it also prints a figure of that unit at the opposite moment ("police
    initially said about six ... now believe as many as 10"). A lone "now" is often narration
    ("Now Forbes listed him at $1.7 billion"), not a revised estimate; else None."""
    if len({key[0] for key, _ in rows}) < len(rows):
        return None
    ranks = []
    for _, aids in rows:
        marks = {_MOMENT_RANK[figure_moment(chosen[a].figure, chosen[a].sentence.text)] for a in aids}
        if len(marks) > 1:
            return None  # outlets giving one value at two moments: nothing orders the row
        ranks.append(marks.pop())
    if len(set(ranks)) < len(ranks) or set(ranks) == {1}:
        return None
    revised = False
    for rank, (_, aids) in zip(ranks, rows):
        if rank == 1:
            continue
        opposite = "earlier" if rank == 2 else "later"
        for aid in aids:
            m = chosen[aid]
            unit = base_unit(m.figure.unit)
            revised |= any(
                base_unit(f.unit) == unit and f.value != m.figure.value and figure_moment(f, s.text) == opposite
                for s in story.sentences if s.article_id == aid
                for f in extract_figures(s.text, vague=True) if is_ledger_figure(f)
            )
    if not revised:
        return None
    return [row for _, row in sorted(zip(ranks, rows), key=lambda t: t[0])]


def _later_marked(m: _Mention) -> bool:
    """Whether the words just before a figure say it is the newer value ("has since risen to")."""
    return bool(_LATER.search(m.sentence.text[max(0, m.figure.start - 40): m.figure.start]))


_NAME_IN_SENTENCE = re.compile(r"(?<=[a-z,;:] )([A-Z][a-zA-Z’'-]{2,})")


def _sentence_names(text: str) -> frozenset[str]:
    """Stems of the names a sentence prints mid-sentence (a sentence's first word is left out)."""
    return frozenset(
        stem(w.removesuffix("’s").removesuffix("'s")) for w in _NAME_IN_SENTENCE.findall(text)
        if w.lower() not in _CALENDAR and w.lower() not in STOP_WORDS
    )


# --------------------------------------------------------------------------- dates and times


@dataclass(frozen=True)
class _When:
    """A date or clock time one sentence gives an event: ``key`` is what kind of "when" it is
    ("day", "month", "weekday", "time at/from/to"), ``value`` what it says, ``event`` the stems
    of the words around it (the event it dates)."""

    key: str
    value: tuple[int | str, ...]
    printed: str
    event: frozenset[str]
    sentence: SourceSentence
    edge: str | None = None  # "late" Sunday night / "early" Monday
    zone: str | None = None  # a clock time's zone mark ("et", "local")
    possible: bool = False  # "will be sentenced on Monday", "is expected Tuesday"
    clause: frozenset[str] = frozenset()  # the event words of the date's whole clause
    names: frozenset[str] = frozenset()  # the words of the names that clause prints (no calendar word)
    years: frozenset[str] = frozenset()  # the years that clause prints
    places: frozenset[str] = frozenset()  # the places that clause puts its event in or at
    lone: bool = True  # the only date of its clause (no second date, no period "March 27-April 8")


#: Words around a date that say when within it, not what happened ("late Monday night").
_WHEN_WORDS = frozenset(
    "night morning afternoon evening late early last next week weekend day days today yesterday "
    "tomorrow earlier later ago year month time since until".split()
)
#: The nearest content words either side of a date (within ``_WHEN_REACH`` words) are read as
#: the event it dates.
_WHEN_SPAN = 3
_WHEN_REACH = 12


def _when_mentions(story: _Story, s: SourceSentence) -> list[_When]:
    """The dates (a weekday, a month, a day) and clock times a sentence gives, in its own words,
    each with the event words around it. A date said of the telling ("said Tuesday") is left out."""
    text = story.own_text(s)
    found: list[tuple[str, tuple[int | str, ...], str, int, int]] = []
    for d in date_spans(text):
        if d.precision == "weekday":
            if _IN_A_NAME.match(text, d.end) or _NAME_BEFORE.search(text, 0, d.start):
                continue  # "Saturday Night Live", "Good Friday": a name, not a day
            found.append(("weekday", (d.text.lower(),), d.text, d.start, d.end))
        elif d.precision == "month":
            month = month_of(d.text)
            year = re.search(r"\d{4}", d.text)
            if month is not None:
                found.append(("month", (month, *([int(year.group(0))] if year else [])), d.text, d.start, d.end))
        elif d.precision == "day":
            month, day = month_of(d.text), re.search(r"\b(\d{1,2})\b", d.text)
            if month is not None and day is not None:
                found.append(("day", (month, int(day.group(1))), d.text, d.start, d.end))
    for c in clock_spans(text):
        found.append((f"time {c.role}", (c.minutes,), c.text, c.start, c.end))
    if not found:
        return []
    attribution = _attribution_stems()

    def event_words(tokens: list[str]) -> list[str]:
        return [
            stem(w) for w in tokens
            if w[:1].islower() and w.lower() not in STOP_WORDS and w.lower() not in CALENDAR_WORDS
            and w.lower() not in _WHEN_WORDS and stem(w) not in attribution and w.lower() not in ("a.m", "p.m")
        ]

    blank = text
    for f in extract_figures(text, vague=True):
        blank = blank[: f.start] + " " * (f.end - f.start) + blank[f.end :]
    out = []
    for key, value, printed, start, end in found:
        # the event a date dates is told in its own clause: "which started on Sunday afternoon east
        # of the town, had grown to 18,400 acres" dates the start, not the growth
        first = max((m.end() for m in _WHEN_CLAUSE_EDGE.finditer(text, 0, start)), default=0)
        edge = _WHEN_CLAUSE_EDGE.search(text, end)
        last = edge.start() if edge else len(text)
        before = words(text[first:start])[-_WHEN_REACH:]
        after = words(text[end:last])[:_WHEN_REACH]
        if any(stem(w) in attribution for w in before[-3:]):
            continue  # "said Tuesday", "told reporters on Monday": when it was said
        if _AS_OF_BEFORE.search(text, 0, start):
            continue  # "as of 5 p.m.": the moment a count is given for, not when the event was
        if not key.startswith("time") and is_period_bound(text, start):
            continue  # "accused since Oct. 29", "until Monday": a period's bound, no event's day
        event = frozenset(event_words(before)[-_WHEN_SPAN:] + event_words(after)[:_WHEN_SPAN])
        if event:
            # the clause's event words, its figures left out ("two" of "two adults" is no event)
            clause = frozenset(event_words(words(blank[first:start])) + event_words(words(blank[end:last])))
            out.append(_When(
                key, value, printed, event, s, edge=day_edge(text, start, end),
                zone=time_zone(text, end) if key.startswith("time") else None, possible=possible_at(text, start),
                clause=clause, names=_clause_names(text[first:last]), years=frozenset(_YEAR.findall(text[first:last])),
                places=places_in(text[first:last]),
                lone=sum(1 for k, _, _, at, _ in found if k in ("day", "month") and first <= at < last) == 1,
            ))
    return out


def _clause_names(clause: str) -> frozenset[str]:
    """Stems of the words of the names a clause prints (people, places, organisations), calendar
    words left out: who or what an event is of ("Gov. Daniel McKee signed ..." / "Biden signed ...")."""
    return frozenset(
        stem(w.lower()) for span in name_spans(clause) for w in _LETTERS.findall(span.text)
        if w.lower() not in CALENDAR_WORDS and w not in _CALENDAR_NAMES and w.lower() not in STOP_WORDS
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


_IN_A_NAME = re.compile(r"\s+[A-Z][a-z]")  # "Saturday Night Live"
_WHEN_CLAUSE_EDGE = re.compile(r"[,;:!?](?=\s)|[()\u2014\u2013]|\s-\s")
_AS_OF_BEFORE = re.compile(r"\bas\s+(?:of|at)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b(?:Good|Black|Cyber|Super|Ash|Holy|Easter|Bloody)\s+$")
#: How far apart two outlets' dates of one event may be and still be one event misreported:
#: a week of days, the next month, three hours. Farther apart, they date two events.
_CLOSE_DAYS = 7
_CLOSE_MINUTES = 180


#: Two sentences dating one event share this much of their (weighted) words, one way or the
#: other: a date conflict needs sentences telling one fact, more than a figure's ``DISPUTE_COVER``
#: (fit half: the three real date conflicts share 0.36-0.58; a plea on Monday and the assault at a
#: rally on Thursday, told in sentences sharing 0.25, are two events).
WHEN_COVER = 0.35
#: A calendar date's clause tells its event: two outlets' dates of one day kind ("April 14" /
#: "April 16") whose clauses share this many event words, and whose clauses name no different
#: people, places or organisations, date one event however little else their sentences share
#: ("a non-binding shareholder vote on April 14" / "shareholders will vote ... at the annual
#: general meeting in London on April 16"). Only full dates: two weekdays or months whose clauses
#: share two words are mostly two events of one kind (RealTime QA fit pages, 82 weekday pairs
#: and 3 month pairs, every one read as two events; bench/RESULTS.md round 11).
CLAUSE_EVENT_WORDS = 2


def _tell_one_event(story: _Story, a: SourceSentence, b: SourceSentence) -> bool:
    return story.related(a, b, cover=WHEN_COVER)


def _same_other_end(a: _When, b: _When, mentions: Sequence[_When]) -> bool:
    """Whether two ends of time ranges ("... and 7 p.m." / "... and 6:55 p.m.") come with the same
    other end in their sentences ("between 6:45"): one window, its end told two ways."""
    if a.key not in ("time from", "time to"):
        return False
    other = "time from" if a.key == "time to" else "time to"
    ends_a = {m.value for m in mentions if m.sentence is a.sentence and m.key == other}
    ends_b = {m.value for m in mentions if m.sentence is b.sentence and m.key == other}
    return bool(ends_a & ends_b)


def _one_moment_or_two_events(a: _When, b: _When) -> bool:
    """Whether two dates that differ may still agree, or date two events: a contradiction must be
    certain. One night told from either side of midnight ("late Sunday night" / "early Monday");
    clock times in different zones ("10 a.m. ET" / "7 a.m. PT"), or one zoned and whole hours
    apart; a date of what will or may happen beside one of what did ("will be sentenced on
    Monday" / "was arrested Friday")."""
    if a.possible != b.possible:
        return True
    if a.key == "weekday":
        ia, ib = WEEKDAYS.index(str(a.value[0])), WEEKDAYS.index(str(b.value[0]))
        for x, y, ix, iy in ((a, b, ia, ib), (b, a, ib, ia)):
            if (iy - ix) % 7 == 1 and x.edge == "late" and y.edge == "early":
                return True
    if a.key.startswith("time") and (a.zone or b.zone):
        if a.zone and b.zone:
            return a.zone != b.zone
        return abs(int(a.value[0]) - int(b.value[0])) % 60 == 0
    return False


def _clause_tells_one_event(a: _When, b: _When) -> bool:
    """Whether two full dates' own clauses tell one event (``CLAUSE_EVENT_WORDS``): they share
    that many event words; each is its clause's only date (a second date or a period, "starting
    March 25 until May 5", "by Sept. 30", tells of more than one moment); they print the same
    years, if any ("on Dec. 14, 2020" / "on Dec. 7": of which year the other is, its clause does
    not say); and they do not name different people or organisations. (Clauses putting the event
    in different places are two events on either path: ``_when_conflicts``.)"""
    if a.key != "day" or len(a.clause & b.clause) < CLAUSE_EVENT_WORDS:
        return False
    if not (a.lone and b.lone) or a.years != b.years:
        return False
    return not (a.names and b.names and not a.names & b.names)


def _close_dates(a: _When, b: _When) -> bool:
    """Whether two dates of one kind are near enough to be one event told two ways."""
    if a.key == "weekday":
        return True
    if a.key == "month":
        if len(a.value) == len(b.value) == 2 and a.value[1] != b.value[1]:
            return False  # another year
        return abs(int(a.value[0]) - int(b.value[0])) in (1, 11)
    if a.key == "day":
        days = abs((int(a.value[0]) * 31 + int(a.value[1])) - (int(b.value[0]) * 31 + int(b.value[1])))
        return days <= _CLOSE_DAYS
    return abs(int(a.value[0]) - int(b.value[0])) <= _CLOSE_MINUTES


@lru_cache(maxsize=1)
def _attribution_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in word_list("attribution_words"))


def _when_conflicts(story: _Story) -> list[Difference]:
    """Two outlets giving one event different days, months or clock times ("filed legal paperwork
    Wednesday" / "according to a court filing on Thursday"; "in May 2012" / "in April wrote").

    Strict, as every conflict must be: the two sentences tell one fact (``_Story.related``), the
    words around both dates share an event word, the dates are of one kind (weekday with weekday,
    the end of a time range with the end of another), neither outlet prints the other's date
    of that kind anywhere (an outlet giving both tells two events), and the dates' clauses do not
    put the event in different places. A full date whose own clause tells the event (shared
    clause words, ``_clause_tells_one_event``) needs no sentence test.
    """
    mentions = [m for s in story.sentences for m in _when_mentions(story, s)]
    if len(mentions) < 2:
        return []
    printed: dict[tuple[str, str], set[tuple[int | str, ...]]] = defaultdict(set)
    for m in mentions:
        printed[(m.sentence.article_id, m.key)].add(m.value)
    rows: list[Difference] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for x, a in enumerate(mentions):
        for b in mentions[x + 1 :]:
            aa, ab = a.sentence.article_id, b.sentence.article_id
            if aa == ab or a.key != b.key or a.value == b.value:
                continue
            if b.value in printed[(aa, a.key)] or a.value in printed[(ab, b.key)]:
                continue
            if not _close_dates(a, b):
                continue  # dates far apart are two events ("filed May 3" / "the filing ... on April 17")
            if _one_moment_or_two_events(a, b):
                continue
            if a.places and b.places and not a.places & b.places:
                continue  # "held Nov. 3 at the Barclays Center in New York" / "Nov. 5 at L.A.'s Microsoft Theater"
            shared = a.event & b.event
            if not shared and _same_other_end(a, b, mentions):
                shared = a.event | b.event  # one window, one end told two ways
            if shared and not _tell_one_event(story, a.sentence, b.sentence):
                shared = frozenset()
            named_by = a.event  # the words that name the event in the row's label
            if not shared and _clause_tells_one_event(a, b):
                shared = named_by = a.clause & b.clause
            if not shared:
                continue
            tag = (a.key, shared)
            if tag in seen:
                continue
            seen.add(tag)
            first, second = sorted((a, b), key=lambda m: story.order[m.sentence.article_id])
            # the event word nearest the first outlet's date names the event
            text_ = first.sentence.text
            at = text_.find(first.printed)
            near = [
                (m.start() > at, abs(m.start() - at), m.group(0))
                for m in re.finditer(r"[A-Za-z][\w’'-]*", text_)
                if stem(m.group(0)) in (first.event if named_by is a.event else named_by)
            ]
            event = min(near)[2] if near else ""  # the nearest word before it, else after
            label = {"weekday": "Day", "day": "Date", "month": "Month", "time at": "Time", "time from": "Start time",
                     "time to": "End time"}[a.key]
            subject = f"{label} ({event})" if event else label
            claimants = [claimant_at(m.sentence.text, max(m.sentence.text.find(m.printed), 0)) for m in (first, second)]
            if claimants[0] == claimants[1]:
                claimants = [None, None]  # both say who they quote alike
            values = tuple(
                FigureValue(value=m.printed, sources=(m.sentence.article_id,), quote=m.sentence.text, claimant=who)
                for m, who in zip((first, second), claimants)
            )
            text = f"{subject}: " + " vs ".join(
                f"{v.value}{f' per {v.claimant}' if v.claimant else ''} ({_n_sources(1)})" for v in values
            )
            rows.append(
                Difference(kind="conflict", text=text, sources=tuple(v.sources[0] for v in values),
                           quote=values[0].quote, values=values, subject=subject)
            )
    return rows


def _share_other_figures(x: _Mention, y: _Mention) -> bool:
    """Whether the two sentences print two or more other figures alike (same value and unit) beside
    the two compared: "as many as seven, ranging in age from 15 to mid-20s" / "as many as 10,
    ranging in age from 15 to their early 20s" tell one fact in other words."""
    def others(m: _Mention) -> set[tuple[float, str | None]]:
        return {(f.value, f.unit) for f in extract_figures(m.sentence.text) if f.start != m.figure.start}
    return len(others(x) & others(y) - {(x.figure.value, x.figure.unit), (y.figure.value, y.figure.unit)}) >= 2


def _beside(m: _Mention, figure: Figure) -> bool:
    """Whether the sentence of ``m`` prints ``figure``'s other value, in the same unit, beside its own."""
    if figure.value == m.figure.value:
        return False
    return any(
        f.unit == figure.unit and f.value == figure.value and f.start != m.figure.start
        for f in extract_figures(m.sentence.text)
    )


def _prints_also(story: _Story, m: _Mention, figure: Figure) -> bool:
    """Whether the article of ``m`` prints ``figure``'s other value elsewhere, in the same unit, for
    what ``m`` or ``figure`` counts (the same head noun)."""
    if figure.value == m.figure.value:
        return False
    printed = story.printed.get(m.sentence.article_id, ())
    heads = set(counts_stems(m.figure)[-1:]) | set(counts_stems(figure)[-1:])
    return any((figure.unit, figure.value, h) in printed for h in heads)


def _claimant(chosen: dict[str, _Mention], aids: list[str]) -> str | None:
    """Who the text says gives a value: the first outlet's claimant, when its sentence names one."""
    m = chosen[aids[0]]
    return figure_claimant(m.figure, m.sentence.text)


def _claim(figure: Figure) -> str:
    """What a qualifier claims: "about 4.2 million" does not dispute "4.2 million"."""
    cls = qualifier_class(figure.qualifier)
    return "=" if cls == "~" else cls


def _display(figure: Figure) -> str:
    text = figure.text
    return text[:1].lower() + text[1:] if figure.qualifier or text[:1].isalpha() else text


def _n_sources(k: int) -> str:
    return f"{k} source" if k == 1 else f"{k} sources"


def _subject(story: _Story, cluster: list[_Mention]) -> str:
    """What the quantity counts, as most outlets name it, with the direction of a change."""
    phrases = Counter(m.figure.counts for m in cluster if m.figure.counts)
    if phrases:
        best = max(phrases.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        if best[:1].isupper() and best.split()[0].lower() not in _proper_words(story):
            best = best[:1].lower() + best[1:]
    else:
        best = ""
    first = cluster[0]
    person = _age_name(first.figure, first.sentence.text)
    if person and not first.figure.counts:
        return f"{person}'s age" if person[:1].isupper() else f"the {person}'s age"  # "the boy's age"
    direction = change_direction(first.figure, first.sentence.text)
    if direction and best:
        return f"{'drop' if direction == 'down' else 'rise'} in {best}"
    if not best and first.figure.unit in ("$", "£", "€", "¥", "₹"):
        return "amount"
    return best


_MID_SENTENCE_NAME = re.compile(r"(?=[A-Z])(?<=[a-z,;] )([A-Z][a-zA-Z]+)")


def _proper_words(story: _Story) -> set[str]:
    """Words written capitalised mid-sentence somewhere in the story (names, not sentence starts)."""
    cached = getattr(story, "_proper", None)
    if cached is None:
        cached = set()
        for s in story.sentences:
            for m in _MID_SENTENCE_NAME.finditer(s.text):
                cached.add(m.group(1).lower())
        story._proper = cached  # type: ignore[attr-defined]
    return cached


_QUOTE_CHARS = "\"“”"
_SINGLE_QUOTE = re.compile(r"(?<![A-Za-z])‘|’(?![A-Za-z])")
_QUOTATION = re.compile(r"(?=[“\"‘])(?:“[^”]*”?|\"[^\"]*\"?|(?<![A-Za-z])‘[^‘]*?’(?![A-Za-z]))")


def _inside_quotes(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a quotation in ``text`` (double quotes or ‘…’ quotes)."""
    before = text[:pos]
    opened = before.count("“") - before.count("”") + (before.count('"') % 2)
    if opened > 0:
        return True
    singles = _SINGLE_QUOTE.findall(before)
    return bool(singles) and singles[-1] == "‘"


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTATION.finditer(text)]


# --------------------------------------------------------------------------- exclusives

_NAME = r"(?:[A-Z][A-Za-z'’\-]+\.?)(?:\s+(?:[A-Z][A-Za-z'’\-]+\.?))*"
_SPEECH = (
    r"said|says|told|tells|stated|states|warned|warns|criticised|criticized|described|describes|added|"
    r"adds|noted|notes|argued|argues|claimed|claims|insisted|wrote|writes|explained|urged|called|"
    r"announced|confirmed|denied|testified|asked"
)
# Each pattern below opens with a lookahead on its first character: the engine then skips the
# positions where no match can start at once instead of trying the whole pattern there.
_SPEAKER_BEFORE = re.compile(r"(?=[A-Z])(?P<name>" + _NAME + r")(?:,[^,]{1,60},)?\s+(?:\w+ly\s+)?(?:" + _SPEECH + r")\b")
_SPEAKER_AFTER = re.compile(r"(?=[sa])(?:\b(?:said|says|according\s+to)\s+)(?P<name>" + _NAME + r")")
_ENTITY = re.compile(r"(?=[A-Z])(?<=[^\s.!?“\"‘(]\s)(?P<e>" + _NAME + r")")
_FIRST_ENTITY = re.compile(r"[“\"‘(]?(?P<e>" + _NAME + ")")
_LETTERS = re.compile(r"[A-Za-z]+")
_NOT_NAMES = frozenset("the a an but and he she they it this that we i in on at last first".split())


def _speaker(text: str) -> str | None:
    """The person or body a sentence quotes or reports ("Senator Tammy Duckworth criticised...")."""
    for pattern in (_SPEAKER_BEFORE, _SPEAKER_AFTER):
        for m in pattern.finditer(text):
            words = [w for w in m.group("name").split() if w.lower().rstrip(".") not in _NOT_NAMES]
            if words:
                return " ".join(words[-3:])
    return None


def _entities(text: str) -> list[str]:
    """Capitalised names, a cheap stand-in for NER: a sentence's first word counts only in a name
    of two or more capitalised words ("Senator Tammy Duckworth", not "However")."""
    out = []
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group("e").split() if w.lower().rstrip(".") not in _NOT_NAMES]
        if words:
            out.append(" ".join(words))
    first = _FIRST_ENTITY.match(text)
    if first:
        words = [w for w in first.group("e").split() if w.lower().rstrip(".") not in _NOT_NAMES]
        if len(words) >= 2:
            out.insert(0, " ".join(words))
    return out


def _novel_entities(text: str, novel: set[str]) -> list[str]:
    """Names in ``text`` new to the story, each name once.

    A name is new when at least half of its words (or two of them) are words no other outlet
    uses: "Posse Comitatus Act" is, "Northern California's Alder County" is not. Dates and
    the outlet a fact is attributed to ("per Breitbart News") are no news in themselves.
    """
    out: list[str] = []
    attributed = _attributed_at(text)
    for e in _entities(text):
        if any(e in other or other in e for other in out):
            continue
        words = [w for w in _LETTERS.findall(e) if w.lower() not in _CALENDAR]
        if not words or any(text.startswith(e, at) for at in attributed):
            continue
        fresh = sum(1 for w in words if stem(w) in novel)
        if fresh and (2 * fresh >= len(words) or fresh >= 2):
            out.append(e)
    return out


_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
_ATTRIBUTION = re.compile(r"(?=[patbv(])(?:\bper|\baccording\s+to|\btold|\bby|\bvia|\()\s+(?:the\s+)?")


def _attributed_at(text: str) -> list[int]:
    """Where a name a fact is attributed to would start ("per |Breitbart News", "told |CNN").

    Found once per sentence; each name is then checked with ``startswith`` at these offsets,
    rather than by a pattern per name (which thrashed the regex cache on long stories).
    """
    return [m.end() for m in _ATTRIBUTION.finditer(text)]


def _exclusives(
    story: _Story,
    shown: set[str] = frozenset(),  # type: ignore[assignment]
    ledger: set[tuple[int, float]] = frozenset(),  # type: ignore[assignment]
    body: Sequence[str] = (),
) -> list[Difference]:
    told = story.told_by(body)
    candidates = [
        (score, s, sources) for score, s, sources, _ in _exclusive_candidates(story, shown, ledger) if id(s) not in told
    ]
    return _select_exclusives(story, candidates)


def _exclusive_candidates(
    story: _Story, shown: set[str], ledger: set[tuple[int, float]] = frozenset()  # type: ignore[assignment]
) -> list[tuple[float, SourceSentence, tuple[str, ...], str]]:
    """Every sentence only a minority reports, scored by notability, best first (with a trace).

    Notability is what the sentence adds that a reader of the other outlets lacks, weighted by
    the kind of addition readers value most: a named law, program or body new to the story, a
    named person's statement, a figure about the story's own subject, a precedent (an earlier
    year). Colour (an unnamed quote fragment, a scene, advice without a name or number) scores
    low, and a sentence that mostly retells the common ground is no exclusive.
    """
    candidates: list[tuple[float, SourceSentence, tuple[str, ...], str]] = []
    shared_stems = {st for st, arts in story.stem_articles.items() if len(arts) >= 2}
    values_by_article: dict[str, set[float]] = defaultdict(set)
    for s in story.sentences:
        for f in extract_figures(s.text):
            values_by_article[s.article_id].add(f.value)
    story_years = _story_years(story)

    def other_values(supporters: set[str]) -> set[float]:
        return set().union(*(v for a, v in values_by_article.items() if a not in supporters))

    alignment = story.alignment
    index = {id(x): k for k, x in enumerate(alignment.sentences)}
    term_articles: dict[str, set[str]] = defaultdict(set)
    for k, x in enumerate(alignment.sentences):
        for t in alignment.terms[k]:
            term_articles[t].add(x.article_id)
    for s in story.sentences:
        stems = story.stems(s)
        if len(stems) < 4 or s.text in shown:
            continue  # too short to be a fact, or already quoted by a conflict
        if furniture_reason(s.text):
            continue  # a note on the report, a caption, a title: always one outlet's, never news
        if _is_reaction(s.text):
            continue  # someone's reaction ("the worst thing I've heard of"): a comment, not a fact
        supporters = set(story.reporters(s))
        if len(supporters) >= story.n or (len(supporters) > 1 and story.n < 3):
            continue
        k = index[id(s)]
        if len(supporters) > 1 and supporters != set(alignment.sources_of(k)):
            continue  # "k of n" only when each of the k prints the line (and no other outlet tells it)
        terms = alignment.terms[k]
        total = sum(alignment.weights[t] for t in terms)
        fresh = sum(alignment.weights[t] for t in terms if term_articles[t] <= supporters)
        if not total or fresh < EXCLUSIVE_NOVELTY * total:
            continue  # mostly words other outlets use: the common story with a detail added
        # per stem, how many articles outside the supporters use it
        outside = [(st, len(story.stem_articles[st] - supporters)) for st in stems]
        novel = {st for st, k in outside if not k}
        if len(novel) < 2:
            continue
        topical = len(stems & shared_stems) / len(stems)
        if topical < 0.1:
            continue  # off-topic: a reporter's bio, an ad, a related-stories line
        others = story.n - len(supporters)
        common = sum(1 for _, k in outside if k * 2 >= others) / len(stems)
        figures = extract_figures(s.text)
        novel_entities = _novel_entities(s.text, novel)
        named_things = [e for e in novel_entities if len(e.split()) >= 2]
        speaker = _speaker(s.text)
        if speaker and len(speaker.split()) == 1 and speaker.lower() not in _proper_words(story):
            speaker = None  # "Analysts said", "Critics warn": a sentence-initial noun, not a name
        speaker_novel = bool(speaker and stem(speaker.split()[-1]) in novel)
        novel_figures = [
            f for f in figures
            if is_ledger_figure(f) and f.counts and (id(s), f.value) not in ledger
            and (set(counts_stems(f)) & novel or f.value not in other_values(supporters))
        ]  # a figure other outlets give too (the ledger's quantities) adds nothing new
        # a figure about what the story is about ("7,700 employees" of the agency in the news)
        topical_figures = [f for f in novel_figures if set(counts_stems(f)) & shared_stems]
        precedent = any(f.unit == "year" and f.value < max(story_years, default=f.value + 1) for f in figures)
        if common >= 0.5 and not (named_things or novel_figures or precedent or speaker_novel):
            continue  # mostly the story's common ground (a lead told in other words), not news
        has_quote = any(ch in s.text for ch in "“\"‘")
        fragment = s.text.lstrip()[:1] in "“\"‘" and not speaker  # a quote cut loose from its speaker
        info = (
            math.sqrt(len(novel))
            + 1.0 * min(len(novel_entities), 3)
            + 1.0 * min(len(named_things), 2)
            + 1.5 * min(len(novel_figures), 2)
            + 1.0 * min(len(topical_figures), 1)
            + (2.0 if speaker_novel else 0.0)
            + (0.5 if has_quote and speaker else 0.0)
            + (1.5 if precedent else 0.0)
        )
        if fragment:
            info *= 0.5
        # a fact one outlet alone has outranks one a minority shares
        score = info * (0.5 + min(topical, 0.5)) * (1.0 if len(supporters) == 1 else 0.5)
        sources = tuple(sorted(supporters, key=lambda a: (a != s.article_id, story.order[a])))
        trace = (f"novel={len(novel)} ent={novel_entities} fig={len(novel_figures)}/{len(topical_figures)} "
                 f"spk={speaker} prec={precedent} top={topical:.2f} common={common:.2f}")
        candidates.append((score, s, sources, trace))
    candidates.sort(key=lambda t: (-t[0], story.order[t[1].article_id], t[1].position))
    return candidates


#: At most this many words of the outlet's own (names, words of saying and stop words aside) stand
#: beside a reaction quotation: more tell a fact of their own.
REACTION_OWN_WORDS = 3


def _is_reaction(text: str) -> bool:
    """Whether a sentence only reports someone's reaction: a quotation that carries a word of
    evaluation or feeling (data/reaction_words.txt: "the worst thing I've heard of", "my heart
    goes out to them", called it "disgusting") and no fact of its own (no figure, date or name
    inside the quotation), while the outlet's own words around it print no counted figure and at
    most ``REACTION_OWN_WORDS`` words beyond names, words of saying and stop words ("said Greco,
    who has served for 29 years" is who speaks, not news; "issued a statement saying he was
    'horrified', insisting he never met her" tells a fact besides). A reader of "only some
    report" wants a fact some outlets lack, an event, a figure, a named person's claim, not a
    comment; the speaker's claims stay ("We will appeal the ruling," she said).
    """
    spans = _quoted_spans(text)
    if not spans:
        return False
    quoted = " ".join(text[a:b] for a, b in spans)
    tokens = words(quoted)
    reactions = word_set("reaction_words")
    if not any(t.lower() in reactions for t in tokens):
        return False
    if extract_figures(quoted, vague=True) or date_spans(quoted):
        return False
    if any(t[:1].isupper() and t.lower() not in word_set("first_person_singular") for t in tokens[1:]):
        return False  # a name inside the quotation: it tells about someone or something
    outside = text
    for a, b in reversed(spans):
        outside = outside[:a] + " | " + outside[b:]
    if any(is_ledger_figure(f) and f.counts for f in extract_figures(outside)):
        return False
    # the outlet's own words, names and words of saying aside, are who speaks, not a fact
    # ("said Greco, who has been in law enforcement"; not "Spacey issued a statement ... insisting
    # he didn't remember the encounter but apologizing to Rapp")
    saying = saying_stems()
    own = [
        t for t in words(outside)
        if t[:1].islower() and t.lower() not in STOP_WORDS and t.lower() not in saying and stem(t) not in saying
    ]
    return len(own) <= REACTION_OWN_WORDS


def _story_years(story: _Story) -> set[float]:
    """Years the story's outlets print: the latest is (about) the story's own year."""
    return {f.value for s in story.sentences for f in extract_figures(s.text) if f.unit == "year"} | {
        float(a.published.year) for a in story.articles if a.published is not None
    }


def _select_exclusives(story: _Story, candidates: list[tuple[float, SourceSentence, tuple[str, ...]]]) -> list[Difference]:
    """The few exclusives that matter: best first, each outlet in turn, within a word budget.

    An outlet's second fact comes after every outlet's first (what each adds, not five facts
    from one), candidates far below the best are trivia and never shown, and the list stops
    when the next fact would overrun :data:`_EXCLUSIVE_WORDS` (at least two are kept when
    there are two worth showing).
    """
    if not candidates:
        return []
    floor = _EXCLUSIVE_FLOOR * candidates[0][0]
    rounds: dict[str, int] = Counter()
    ranked: list[tuple[int, float, SourceSentence, tuple[str, ...]]] = []
    for score, s, sources in candidates:
        if score < floor:
            break
        # a fact a minority shares waits one turn: what each outlet alone adds comes first
        ranked.append((max(rounds[a] for a in sources) + (len(sources) > 1), -score, s, sources))
        for a in sources:
            rounds[a] += 1
    ranked.sort(key=lambda t: (t[0], t[1]))
    chosen: list[Difference] = []
    chosen_stems: list[frozenset[str]] = []
    words = 0
    for turn, _neg, s, sources in ranked:
        if turn >= _MAX_EXCLUSIVES_PER_ARTICLE:
            continue
        stems = story.stems(s)
        if any(len(stems & other) / min(len(stems), len(other)) > 0.5 for other in chosen_stems):
            continue  # the same fact again, in other words
        text = _shorten(s.text)
        cost = len(text.split())
        if len(chosen) >= 2 and words + cost > _EXCLUSIVE_WORDS:
            continue  # a shorter fact further down may still fit
        chosen.append(Difference(kind="exclusive", text=text, sources=sources, quote=s.text))
        chosen_stems.append(stems)
        words += cost
        if len(chosen) >= _MAX_EXCLUSIVES:
            break
    return chosen


def _shorten(text: str, limit: int = _TEXT_WORDS) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:—-") + " …"


# --------------------------------------------------------------------------- framing


@lru_cache(maxsize=1)
def _contested_terms() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The contested-term groups of ``language/data/contested_terms.txt``: one pattern finding any
    term (a story is scanned once), and a pattern per group whose named parts say which term."""
    groups = []
    every = []
    for g, line in enumerate(word_list("contested_terms")):
        parts = []
        for k, term in enumerate(t.strip() for t in line.split("|") if t.strip()):
            body = r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", term)))
            parts.append(f"(?P<t{k}>{body})")
            every.append(body)
        groups.append(re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE))
    return re.compile(r"(?<![\w-])(?:" + "|".join(every) + r")(?![\w-])", re.IGNORECASE), tuple(groups)


def _framing(story: _Story) -> list[Difference]:
    """Contested names for one thing, each outlet's choice in its own voice.

    Only terms known to be contested count (a data file: "illegal aliens" / "undocumented
    immigrants"); words inside quotation marks are the speaker's, not the outlet's. An outlet's
    choice is the term of the group it uses most; a row needs two outlets choosing differently.
    """
    rows: list[tuple[float, Difference]] = []
    anywhere, groups = _contested_terms()
    texts = [(s, story.own_text(s)) for s in story.sentences if anywhere.search(s.text)]
    for pattern in groups:
        uses: dict[str, Counter[int]] = defaultdict(Counter)  # article -> term index -> n
        first: dict[tuple[str, int], tuple[SourceSentence, str]] = {}
        for s, text in texts:
            for m in pattern.finditer(text):
                k = int(m.lastgroup[1:])
                uses[s.article_id][k] += 1
                first.setdefault((s.article_id, k), (s, m.group(0)))
        if len(uses) < 2:
            continue
        choice = {aid: max(c.items(), key=lambda kv: (kv[1], -kv[0]))[0] for aid, c in uses.items()}
        by_term: dict[int, list[str]] = defaultdict(list)
        for aid in sorted(choice, key=story.order.__getitem__):
            by_term[choice[aid]].append(aid)
        if len(by_term) < 2:
            continue
        ordered = sorted(by_term.items(), key=lambda kv: (-len(kv[1]), story.order[kv[1][0]]))
        values = []
        for k, aids in ordered:
            sentence, printed = first[(aids[0], k)]
            values.append(FigureValue(value=printed, sources=tuple(aids), quote=sentence.text))
        text = " vs ".join(f"“{v.value}” ({_n_sources(len(v.sources))})" for v in values)
        sources = tuple(a for v in values for a in v.sources)
        # ``values`` stays empty: the model keeps it for the figures ledger (digests diff it as figures)
        rows.append((float(len(choice)), Difference(kind="framing", text=text, sources=sources, quote=values[0].quote)))
    rows.sort(key=lambda t: -t[0])
    return [d for _, d in rows]
