"""The merged brief: what the outlets say about one story, each line cited to every outlet that says it.

Pipeline (each step a module of its own):

1. ``prose.prose_sentences``: each article's quotable sentences (no bylines, bios, captions...).
2. ``align.build_alignment``: which sentences state the same fact; a sentence is cited to every
   article with a sentence that *supports* it (see ``align``: precise, never generous).
3. ``rank.lexrank``: LexRank centrality (sumy's measure, computed without importing sumy) over all sentences.
4. Relevance: every outlet that states a fact votes for it with its own sentence's centrality,
   weighted by a news-lead position prior (and by how much the outlet is about the story at all);
   outlets that report it reworded around the same figure vote at half weight; the sum grows with
   the number of outlets (consensus); very short sentences, sentences opening on a pronoun and
   sentences in the outlet's own "we" count less, and so do sentences that other outlets print
   most of without being found to state them (a line whose citations would be unsure).
5. Selection: budgeted greedy maximisation of relevance plus a diversity reward over clusters of
   similar sentences (Lin & Bilmes 2011), gain per word ** 0.3, never retelling a chosen fact.
6. Order: as a story, lead fact first, then by where the sources place each fact.

    >>> brief = build_brief(articles)                  # default: 200 words, under a minute of reading
    >>> [(item.text, item.sources) for item in brief.summary]

Every ``BriefItem.text`` is text ``sources[0]`` printed, verbatim: a sentence, or a quotation of
several sentences with its attribution.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .align import Alignment, SourceSentence, align, build_alignment, numbers_in
from .errors import NoContentError
from .model import Article, Brief, BriefItem, Source
from .language.discourse import antecedent_reason, needs_previous, reporter_first_person
from .language.furniture import line_reason
from .language.lexicon import word_set
from .language.sentences import has_clause_verb, opens_with_verb
from .language.words import STOP_WORDS, printed_stems
from .prose import prose_sentences, reads_as_paper, speaks_for_outlet, word_count

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

__all__ = ["DEFAULT_MAX_WORDS", "Selection", "brief_id", "build_brief", "select", "story_title"]

_log = logging.getLogger(__name__)

#: A brief a person reads in under a minute: adults read non-fiction silently at about 240 words
#: a minute (Brysbaert 2019, a meta-analysis of 190 studies), so 200 words of summary take about
#: 50 seconds and leave the rest of the minute for the title and the [n] citations. At 140 words
#: a five-outlet story kept only its first five facts and lost consensus facts that every outlet
#: tells late (the seeds' $1,000 self-deport offer).
DEFAULT_MAX_WORDS = 200
#: Sentences considered per story and per article: bounds time on huge inputs. News puts what
#: matters first, so the cap keeps each article's opening.
MAX_SENTENCES = 1200
MIN_PER_ARTICLE = 40
#: Position prior: a sentence's weight is 1 / (1 + position / LEAD_SCALE), the inverted pyramid of
#: news writing. It halves after the first six sentences, about a lead and its nut graf.
LEAD_SCALE = 6.0
#: An article whose vocabulary overlaps the rest of the story's less than this (cosine of summed
#: sentence vectors) is probably not about the story: its votes shrink in proportion.
OFF_TOPIC_COSINE = 0.1
#: A sentence in which the writer says "we" or "us" in their own voice ("We're told ...", "An
#: insider tells us", "we collect your data") is a column's, an editorial's or a company's, not
#: reporting; in a brief merged from several outlets nobody can tell who "we" is.
OWN_VOICE_PENALTY = 0.5
#: A research paper among the sources (``prose.reads_as_paper``) votes at this weight: the brief
#: tells what the outlets report, in their words, and uses the study's own text where they are silent.
PAPER_WEIGHT = 0.3
#: An outlet that reports a fact in words too different to be cited for it (see
#: ``Alignment.related``) still confirms it, at this weight.
RELATED_VOTE = 0.5
#: Relevance grows with the number of outlets reporting a fact as count ** CONSENSUS_EXPONENT
#: (on top of the sum of their votes): consensus is what a merged brief is for.
CONSENSUS_EXPONENT = 1.0
#: Sentences shorter than this many words carry little ("The scale is significant."): their
#: relevance shrinks in proportion.
SHORT_SENTENCE = 10


def _selection_weights() -> dict[str, float]:
    """The weights ``bench/fit_selection.py`` fitted on the fit half of Multi-News (``data/selection.json``)."""
    data = json.loads(resources.files(__package__).joinpath("data", "selection.json").read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


_FITTED = _selection_weights()
#: Relevance is multiplied by this for every other outlet that prints ``NEAR_SHARE`` of a
#: sentence's words in one sentence or two adjacent ones without being found to state it
#: (``_unsure_outlets``): fitted (``bench/fit_selection.py``) as the strongest penalty that costs
#: the fit half under 0.3 ROUGE-1.
UNSURE_PENALTY = _FITTED["unsure_penalty"]
#: Relevance is multiplied by ``1 + OPENING_WEIGHT * a / max(a)``, ``a`` a sentence's agreement
#: with the other outlets' openings (``_opening_agreement``): what the outlets open with is the
#: event. Fitted on the fit half for ROUGE-1 (``bench/fit_selection.py --opening``); 0 turns it off.
OPENING_WEIGHT = _FITTED.get("opening_weight", 0.0)
#: Share of a line's words an outlet must print (in one or two adjacent sentences) to be unsure.
NEAR_SHARE = _FITTED["near_share"]
#: Weight of the diversity reward against relevance in the selection objective (see ``select``).
#: At 0 selection is by relevance per word alone and repeats the story's best-covered aspect.
DIVERSITY = 0.4
#: Gain is divided by a sentence's words to this power (Lin & Bilmes' cost scaling, r = 0.3): a
#: long sentence must be worth more, but not proportionally more, than a short one.
COST_EXPONENT = 0.3
#: Clusters of similar sentences for the diversity reward: this share of the sentences (K = 0.2 N),
#: at most MAX_CLUSTERS.
CLUSTER_SHARE = 0.2
MAX_CLUSTERS = 100
#: A candidate whose words (as printed) are this much the words of a chosen line, measured against
#: the shorter of the two, restates it: a reader sees the same line twice.
RESTATE_OVERLAP = 0.6
#: A candidate that shares this much of its (weighted) content with a chosen sentence, either way
#: round, retells it in other figures or words ("24 months of free credit monitoring" / "two
#: years of free credit monitoring"): alignment's own threshold for "contains most of".
REPEAT_COVER = 0.6

#: A leaning line that neither another version nor its antecedent can mend is kept when it is
#: cited to several outlets (demoting it loses the citations: on the fit half of Multi-News the
#: brief's estimated cite recall fell 0.9 points with demotion, 0.2 without).
KEEP_CITED_LEANING = True

#: A caption's noun phrase (``furniture.is_fragment``: "Jane Doe, in prison after her conviction.")
#: is no line of a brief, unless several outlets print it: then, like a leaning line cited to
#: several outlets, it stays for its citations (on the fit half of Multi-News, leaving out the one
#: such caption chosen cost 0.8 points of score_briefs' cite recall: 78.7 -> 77.9).
KEEP_CITED_FRAGMENT = True

#: Lines are also read for antecedents a reader needs from earlier lines
#: (``discourse.antecedent_reason``: "The find ...", "... those minutes", "Police also ...", a
#: quotation opening on "That", "Many had ...", "the next day"). Such a line is only moved after
#: the chosen line that gives its antecedent, else kept where it lands. The other mends cost a fit
#: figure (bench/RESULTS.md, round 8, brief10): leaving it out (ROUGE-1 44.91 -> 44.60), bringing in
#: the sentence printed before it (cite recall 77.5 -> 77.3), another outlet's version of the fact
#: in its place (ROUGE-1 -0.06).
ANTECEDENT_REASONS = frozenset(
    ("definite", "demonstrative", "additive", "quoted opener", "unnamed speaker", "unnamed source", "elliptic", "first person", "given name", "relative time")
)

#: An unmended line that needs an antecedent for one of these reasons and is cited to one outlet
#: only is left out, its words going to lines that stand alone where they land (no outlet's citation
#: goes with it: only its outlet prints it); nor is such a line brought in to fill. Decided on a blind
#: copy editor's labels of the fit briefs (bench/reader_lines.py, RESULTS round 9): these reasons
#: caught lines the reader found dangling more often than lines the reader read fine, and leaving
#: them out kept ROUGE-1 on the fit half (44.91 -> 45.02 with the round's other changes; with every
#: reason 45.03). "definite" is only moved: half the fit lines it flags a reader resolves by sense
#: ("The sketch was amusing ...", "The regional rail line was suspended"), and "relative time",
#: "unnamed speaker" and "additive" were wrong more often than right. "unnamed source" ("..., it
#: said." after a line that names no organisation as a speaker) added in round 9 (brief12): the one
#: fit line it flags the reader labelled dangling.
ANTECEDENT_LEAVE = frozenset(("demonstrative", "quoted opener", "unnamed source", "elliptic", "given name", "first person"))

#: A leaning line whose antecedent (the sentence its article printed just before it) is already a
#: line further up is put right after it (unless the line there needs that antecedent just before
#: it): "Though it is rare, that's more than double ..." after the line with the count, "..., it
#: said." after the line naming its speaker, not two lines down (round 10, lines19).
MOVE_AFTER_ANTECEDENT = True

#: A story's opening, for ``_opening_agreement``: an article's first this many prose sentences
#: (a lead is sometimes split in two, or follows a one-line scene).
OPENING_DEPTH = 2
#: Below this agreement (mean best cosine with the other outlets' openings) no opening is shared
#: and the lead falls back to the fact told first.
OPENING_FLOOR = 0.05

_QUOTED_OPENING = re.compile(r"^[\"“‘'«]")


@dataclass(frozen=True)
class Selection:
    """The sentences chosen for a brief, in story order, with the alignment they were chosen from."""

    indices: tuple[int, ...]
    sentences: tuple[SourceSentence, ...]
    alignment: Alignment
    scores: tuple[float, ...]


def brief_id(articles: Sequence[Article]) -> str:
    """Stable id of a story: the same articles give the same id, in any order."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode("utf-8")).hexdigest()
    return digest[:16]


def _story_sentences(
    articles: Sequence[Article],
    rest: list[tuple[str, str]] | None = None,
    spoken: list[tuple[str, str]] | None = None,
    posts: list[tuple[str, str]] | None = None,
) -> list[SourceSentence]:
    """Each article's opening sentences, at most ``MAX_SENTENCES`` in all, grouped by article.

    Every article may give ``max(MIN_PER_ARTICLE, MAX_SENTENCES // articles)``; when a story has
    so many articles that this overflows the cap, every article keeps an equal share of its
    earliest sentences (``_fair_shares``), so a 200-article story feeds LexRank and alignment
    (quadratic in sentences) no more than a 30-article one does. ``rest`` and ``spoken`` collect
    ``(article id, text)`` of what ``prose_sentences`` drops but keeps as evidence, ``posts`` of the
    kept sentences that are an embedded social post's text (no line of a brief).
    """
    per_article = max(MIN_PER_ARTICLE, MAX_SENTENCES // max(len(articles), 1))
    dropped: list[list[str]] = [[] for _ in articles]
    said: list[list[str]] = [[] for _ in articles]
    posted: list[list[str]] = [[] for _ in articles]
    kept = [
        prose_sentences(a, limit=per_article, rest=d, spoken=w, posts=p)
        for a, d, w, p in zip(articles, dropped, said, posted)
    ]
    if posts is not None:
        posts.extend((a.id, text) for a, p in zip(articles, posted) for text in p)
    if rest is not None:
        rest.extend((a.id, text) for a, d in zip(articles, dropped) for text in d)
    if spoken is not None:
        spoken.extend((a.id, text) for a, w in zip(articles, said) for text in w)
    shares = _fair_shares([len(k) for k in kept], MAX_SENTENCES)
    if sum(shares) < sum(len(k) for k in kept):
        _log.debug(
            "story of %d articles: keeping %d of %d sentences", len(articles), sum(shares), sum(map(len, kept))
        )
    sentences = [s for k, share in zip(kept, shares) for s in k[:share]]
    if not sentences:
        raise NoContentError(
            "no prose to summarize: the articles hold no complete sentences (newsbrief reads English news)"
            if any((a.text or "").strip() for a in articles)
            else "no prose to summarize: the articles are empty"
        )
    return sentences


def _fair_shares(counts: Sequence[int], cap: int) -> list[int]:
    """How many of its sentences each article keeps so that the total stays within ``cap``.

    Water-filling: every article keeps up to the same number ``q`` of sentences, the largest ``q``
    that fits; the slots left over go one each to the first articles that have more. An article
    with fewer sentences than its share leaves the rest to the others.
    """
    if sum(counts) <= cap:
        return list(counts)
    low, high = 0, max(counts)
    while low < high:  # largest q with sum(min(c, q)) <= cap
        mid = (low + high + 1) // 2
        if sum(min(c, mid) for c in counts) <= cap:
            low = mid
        else:
            high = mid - 1
    shares = [min(c, low) for c in counts]
    spare = cap - sum(shares)
    for k, c in enumerate(counts):
        if spare == 0:
            break
        if c > shares[k]:
            shares[k] += 1
            spare -= 1
    return shares


def _relevance(
    sentences: Sequence[SourceSentence], alignment: Alignment, article_weights: Mapping[str, float] | None = None
) -> tuple[list[float], np.ndarray]:
    """How much each sentence deserves a place: the votes of every outlet that reports its fact.

    Each outlet votes with its own best sentence reporting the fact, weighted by that sentence's
    LexRank centrality and by where the outlet put it (the news lead counts most). An outlet whose
    sentence only *relates* to the fact (same figure, reworded: ``Alignment.related``) votes at
    ``RELATED_VOTE``: the version of a fact that more outlets can be cited for wins. The sum is
    then multiplied by the number of outlets to the power ``CONSENSUS_EXPONENT``: what several
    outlets confirm outranks one outlet's aside even when they all tell it late.
    A sentence that another outlet prints most of without being found to state it counts
    ``UNSURE_PENALTY`` less for each such outlet: quoted, it would be cited to some outlets and
    perhaps not to all that tell it, while another version of the fact, or another fact, can be
    cited for sure.
    ``article_weights`` scales an article's votes (default 1; see ``PAPER_WEIGHT``).
    Also returns LexRank's sentence similarity matrix, which selection reuses.
    """
    from .rank import lexrank

    central, similarity = lexrank([s.text for s in sentences])
    on_topic = _on_topic(sentences, similarity)
    weights = article_weights or {}
    own = [
        float(central[i])
        / (1.0 + s.position / LEAD_SCALE)
        * on_topic.get(s.article_id, 1.0)
        * weights.get(s.article_id, 1.0)
        for i, s in enumerate(sentences)
    ]
    unsure = _unsure_outlets(sentences, alignment)
    scores = []
    for i, s in enumerate(sentences):
        votes: dict[str, float] = {s.article_id: own[i]}
        supporters = set(alignment.supporters(i))
        for j in alignment.corroborators(i):
            other = sentences[j].article_id
            vote = own[j] if j in supporters else RELATED_VOTE * own[j]
            votes[other] = max(votes.get(other, 0.0), vote)
        quality = OWN_VOICE_PENALTY if speaks_for_outlet(s.text) else 1.0
        quality *= min(1.0, word_count(s.text) / SHORT_SENTENCE)
        quality *= UNSURE_PENALTY ** int(unsure[i])
        scores.append(sum(votes.values()) * len(votes) ** CONSENSUS_EXPONENT * quality)
    if OPENING_WEIGHT:
        agree = _opening_agreement(sentences, similarity)
        top = float(agree.max()) if len(agree) else 0.0
        if top > 0:
            scores = [r * (1.0 + OPENING_WEIGHT * float(a) / top) for r, a in zip(scores, agree)]
    return scores, similarity


def _unsure_outlets(sentences: Sequence[SourceSentence], alignment: Alignment) -> np.ndarray:
    """For each sentence, how many other outlets print most of its words without being found to
    state it (``NEAR_SHARE`` of its words in one sentence or two adjacent ones, no support).

    Such an outlet may well tell the fact in its own words; a brief quoting the line could not
    say whether to cite it. The version of a fact that every outlet telling it can be cited for
    (or that only one outlet tells) reads with honest citations. Not unsure: an outlet that
    never prints a number of the line (it tells another statement: "pulled in agents from the
    ATF" is not "enlisted about 2,000 ATF agents"), and one that tells the fact around the same
    figure (``Alignment.related``: it votes for the fact and the figures ledger shows its version).
    """
    import numpy

    n = len(sentences)
    if alignment.near is None or not n:
        return numpy.zeros(n, dtype=int)
    ids = list(dict.fromkeys(s.article_id for s in sentences))
    owner = numpy.array([ids.index(s.article_id) for s in sentences])
    best = numpy.zeros((n, len(ids)))
    for k in range(len(ids)):
        columns = owner == k
        best[:, k] = alignment.near[:, columns].max(axis=1)
    close = best >= NEAR_SHARE
    close[numpy.arange(n), owner] = False
    # an outlet that never prints a number of the line tells another statement, not this one
    printed: list[set[str]] = [set() for _ in ids]
    for k, s in enumerate(sentences):
        printed[owner[k]] |= numbers_in(s.text)
    for i, s in enumerate(sentences):
        wanted = numbers_in(s.text)
        if wanted:
            for k in range(len(ids)):
                if close[i, k] and not wanted <= printed[k]:
                    close[i, k] = False
    held = alignment.support | alignment.window if alignment.window is not None else alignment.support
    if alignment.related is not None:
        # an outlet telling the fact around the same figure, otherwise worded or qualified, is
        # accounted for: it votes for the fact, and the figures ledger shows its version
        held = held | alignment.related
    rows, columns = held.nonzero()
    close[rows, owner[columns]] = False
    return close.sum(axis=1)


def _on_topic(sentences: Sequence[SourceSentence], similarity: np.ndarray) -> dict[str, float]:
    """Weight of each article by how much it shares the other articles' vocabulary (1 = fully).

    A page that shares next to nothing with the rest (a spam page, a paywall notice, a wrong link
    clustered in) should not lead the brief just because its first sentence is a lead. Needs three
    articles: with two, a low similarity cannot say which one is off the story. The measure is the
    cosine between the sum of the article's sentence vectors and the sum of everyone else's.
    """
    import numpy

    ids = list(dict.fromkeys(s.article_id for s in sentences))
    if len(ids) < 3:
        return {}
    # Block sums of the similarity matrix by article, all at once: block[a, b] is the sum of
    # sim[i, j] over sentences i of article a and j of article b (one matrix product instead of
    # three submatrix copies per article).
    sim = numpy.clip(similarity, 0.0, None)
    index = {article_id: k for k, article_id in enumerate(ids)}
    owner = numpy.array([index[s.article_id] for s in sentences])
    onehot = numpy.zeros((len(sentences), len(ids)), dtype=sim.dtype)
    onehot[numpy.arange(len(sentences)), owner] = 1.0
    block = onehot.T @ (sim @ onehot)
    mine = numpy.diag(block).astype(numpy.float64)  # within the article
    rows = block.sum(axis=1, dtype=numpy.float64)
    columns = block.sum(axis=0, dtype=numpy.float64)
    mine_rest = rows - mine  # the article's sentences against everyone else's
    rest = float(rows.sum()) - rows - columns + mine  # everyone else's among themselves
    weights = {}
    for k, article_id in enumerate(ids):
        inner = mine[k] * rest[k]
        cosine = mine_rest[k] / math.sqrt(inner) if inner > 0 else 0.0
        weights[article_id] = min(1.0, float(cosine) / OFF_TOPIC_COSINE)
        if cosine < OFF_TOPIC_COSINE:
            _log.debug("article %s looks off the story (cosine %.3f)", article_id, cosine)
    return weights


def select(
    sentences: Sequence[SourceSentence],
    alignment: Alignment,
    max_words: int,
    *,
    article_weights: Mapping[str, float] | None = None,
    posts: Collection[tuple[str, str]] = (),
) -> Selection:
    """Choose sentences by budgeted greedy maximisation of a monotone submodular objective.

    The objective, after Lin & Bilmes (2011), "A Class of Submodular Functions for Document
    Summarization", is relevance plus a diversity reward::

        F(S) = sum_{j in S} r_j + DIVERSITY * sum_k sqrt(sum_{j in S and P_k} r_j)

    where ``r_j`` is a sentence's share of the story's relevance (``_relevance``: LexRank
    centrality, position and the votes of every outlet that reports the fact) and ``P_k`` are
    clusters of similar sentences (``_similarity_clusters``). The square root gives diminishing
    returns inside a cluster, so a second sentence about an aspect already told is worth less than
    a first one about another. Greedy takes, each step, the sentence with the largest gain per
    ``words ** COST_EXPONENT`` that still fits, until nothing fits (the budget is filled, not
    abandoned at the first sentence too long), and the result is compared with the best single
    sentence: the pair keeps the greedy's constant-factor guarantee under a budget.

    Whatever the objective says, a candidate is never taken when it tells a chosen fact again:
    it states the chosen fact or the chosen sentence states its fact; either holds most of the
    other's content (``REPEAT_COVER``) in other figures; it reports the same figure about the
    same thing (``Alignment.related``); or another outlet's retelling of the chosen fact
    states it too, or a retelling of the candidate's fact states the chosen one. These catch one
    fact under two names for the same body: "reviewed by the Department of Defense" is stated by
    "Lawyers at the Pentagon were reviewing ..., according to a Defense Department official", a
    retelling of "Pentagon attorneys were reviewing the request", whichever of the two is chosen.

    ``article_weights`` scales an article's votes in the relevance (see ``_relevance``).
    ``posts`` names ``(article id, text)`` sentences that are an embedded social post's text: they
    count for relevance and citations like any sentence, but are never a line (reason "post").
    """
    import numpy

    scores, similarity = _relevance(sentences, alignment, article_weights)
    relevance = numpy.asarray(scores, dtype=numpy.float64)
    total = float(relevance.sum())
    share = relevance / total if total > 0 else numpy.full(len(relevance), 1.0 / max(len(relevance), 1))
    lengths = numpy.array([word_count(s.text) for s in sentences], dtype=numpy.float64)
    cost = numpy.maximum(lengths, 1.0) ** COST_EXPONENT
    cluster = _similarity_clusters(similarity)
    n = len(sentences)
    in_cluster = numpy.zeros(n)  # [k]: relevance already chosen from cluster k
    blocked = numpy.zeros(n, dtype=bool)
    retells = alignment.support & alignment.support.T
    # A sentence that leans on the one before it ("But ...", "They ...", "He said ...") is not
    # taken: out of its place it points at nothing, and even after the sentence it followed in its
    # article the pronoun may reach further back than the brief does.
    # Nor is a line that only makes sense on its page (``furniture.line_reason``: a caption, a
    # correction notice, an aside in parentheses, a transcript's speaker label, a "(1)" reference).
    # A caption's noun phrase ("fragment") that several outlets print is kept like a leaning line
    # cited to several outlets (``KEEP_CITED_FRAGMENT``).
    posted = frozenset(posts)
    off_page = [line_reason(s.text) or ("post" if (s.article_id, s.text) in posted else None) for s in sentences]
    if KEEP_CITED_FRAGMENT:
        off_page = [None if r == "fragment" and len(alignment.sources_of(i)) > 1 else r for i, r in enumerate(off_page)]
    leans = numpy.array([needs_previous(s.text) or off_page[i] is not None for i, s in enumerate(sentences)], dtype=bool)
    if leans.all():
        leans[:] = False  # nothing stands alone: better a brief that leans than none
    printed = [set(printed_stems(s.text)) for s in sentences]
    chosen: list[int] = []
    budget = float(max_words)
    value = 0.0
    while True:
        fits = ~blocked & (lengths <= budget) & ~leans
        if not fits.any():
            break
        told = in_cluster[cluster]
        gain = share + DIVERSITY * (numpy.sqrt(told + share) - numpy.sqrt(told))
        best = int(numpy.where(fits, gain / cost, -numpy.inf).argmax())
        chosen.append(best)
        value += float(gain[best])
        budget -= lengths[best]
        in_cluster[cluster[best]] += share[best]
        blocked[best] = True
        blocked |= _tells_again(alignment, best, retells)
        blocked |= _restates(printed, best)
    # Best-singleton check (Lin & Bilmes): cost-scaled greedy alone can be arbitrarily bad when
    # one long sentence outweighs everything that fits beside it.
    fits = (lengths <= max_words) & ~leans
    if fits.any():
        singleton = numpy.where(fits, share + DIVERSITY * numpy.sqrt(share), -numpy.inf)
        single = int(singleton.argmax())
        if float(singleton[single]) > value:
            chosen = [single]
    top = float(relevance.max()) if n else 1.0
    normalised = [float(r) / top if top > 0 else 0.0 for r in relevance]
    opening = _opening_agreement(sentences, similarity)
    ordered = _story_order(chosen, sentences, alignment, normalised, opening)
    ordered = _readable(ordered, sentences, alignment, share, cost, lengths, max_words, retells, printed, posted)
    return Selection(
        tuple(ordered), tuple(sentences[i] for i in ordered), alignment, tuple(normalised[i] for i in ordered)
    )


def _readable(
    ordered: list[int],
    sentences: Sequence[SourceSentence],
    alignment: Alignment,
    share: np.ndarray,
    cost: np.ndarray,
    lengths: np.ndarray,
    max_words: int,
    retells: np.ndarray,
    printed: Sequence[set[str]],
    posted: Collection[tuple[str, str]] = frozenset(),
) -> list[int]:
    """The chosen lines in story order, each line that leans on text the brief does not show
    (``discourse.leaning_reason``: a pronoun after an opening phrase, a quotation whose speaker
    is a bare pronoun, a surname no earlier line printed in full) mended, content kept:

    (a) another outlet's version of the same fact (the two state each other) that stands alone
        and is cited to at least as many outlets takes its place, when it fits the budget;
    (b) else the sentence its article printed just before it (the antecedent) comes in ahead of
        it, when it fits, stands alone and tells no chosen fact again; a line whose antecedent
        or whose surname's full name is already chosen further on moves to just after it, and
        one whose antecedent is already placed further up is put back right after it
        (``MOVE_AFTER_ANTECEDENT``);
    (c) else the line is demoted: left out, and the words it freed go to the candidates that
        stand alone, those cited to most outlets first, then by ``worth``, appended at the end.
        A line that needs an antecedent (``discourse.antecedent_reason``) is only moved after
        the line that gives it, unless its reason is one of ``ANTECEDENT_LEAVE`` and one outlet
        alone prints it: then it is demoted.

    A version put in a line's place is cited to at least as many outlets; a line brought in is
    one whose citations are sure (no other outlet prints most of it without being found to state
    it) unless the line it mends is cited to several outlets; room is made only from lines cited
    to no more outlets than the line brought in; and a line cited to several outlets that none
    of this mends is kept: the brief keeps the citations it had.
    """
    import numpy

    from .language.discourse import bare_surnames, introduced_surnames, leaning_reason, person_surnames

    if not ordered:
        return ordered
    worth = share / cost
    # a line another outlet prints most of without being cited for it: brought in, it would be
    # cited to some of the outlets that tell it and not all (see ``_unsure_outlets``)
    unsure = _unsure_outlets(sentences, alignment) > 0
    surnames = person_surnames(s.text for s in sentences)
    # where each sentence sits in its article, to find the one printed just before it
    at = {(s.article_id, s.unit if s.unit >= 0 else s.position): k for k, s in enumerate(sentences)}

    def antecedent(i: int) -> int | None:
        s = sentences[i]
        return at.get((s.article_id, (s.unit if s.unit >= 0 else s.position) - 1))

    def clash_with(lines: Iterable[int]) -> np.ndarray:
        out = numpy.zeros(len(sentences), dtype=bool)
        for k in lines:
            out |= _tells_again(alignment, k, retells) | _restates(printed, k)
            out[k] = True
        return out

    full_names: dict[int, frozenset[str]] = {}

    def names_in(lines: Iterable[int]) -> set[str]:
        found: set[str] = set()
        for k in lines:
            if k not in full_names:
                full_names[k] = introduced_surnames(sentences[k].text, surnames)
            found |= full_names[k]
        return found

    def leans(i: int, before: Sequence[int]) -> str | None:
        earlier = [sentences[k].text for k in before]
        p = antecedent(i)
        previous = sentences[p].text if p is not None else None
        if (sentences[i].article_id, sentences[i].text) in posted:
            return "post"  # an embedded social post's text (``prose.prose_sentences``' ``posts``)
        return line_reason(sentences[i].text) or leaning_reason(
            sentences[i].text, surnames, names_in(before), earlier, previous
        )

    def fill_leans(i: int, before: Sequence[int]) -> str | None:
        # the words freed, and another outlet's version put in a leaning line's place, go to lines
        # that stand alone; the antecedent test, when it only reorders, does not narrow that choice
        reason = leans(i, before)
        if reason in ANTECEDENT_LEAVE and len(alignment.sources_of(i)) == 1:
            return reason  # it would be left out where it lands (``ANTECEDENT_LEAVE``)
        return None if reason in ANTECEDENT_REASONS else reason

    chosen = set(ordered)
    used = float(sum(lengths[i] for i in ordered))
    out: list[int] = []
    waiting: dict[int, list[int]] = {}  # a chosen line -> lines to place right after it
    pinned = {ordered[0]}  # the lead, and lines another line leans on: never left out for room
    demoted = False

    def place(i: int) -> None:
        out.append(i)
        for j in waiting.pop(i, []):
            if j in out or j not in chosen:
                continue  # waits in a cycle (on a line that waits on it): placed, or left out, once
            still = leans(j, out)
            if still is None or antecedent(j) == i or still in ANTECEDENT_REASONS:
                place(j)
            else:
                drop(j)

    def _after_placed(i: int, at: int) -> bool:
        # a line whose antecedent was placed further up goes right after it, unless the line that
        # follows there needs that antecedent just before it, or would lean on the line put in
        if at < len(out):
            nxt = out[at]
            if antecedent(nxt) == out[at - 1]:
                return False
            was = leans(nxt, out[:at])
            now = leans(nxt, [*out[:at], i])
            if now is not None and now != was:
                return False
        out.insert(at, i)
        return True

    def drop(i: int) -> None:
        nonlocal used, demoted
        chosen.discard(i)
        used -= lengths[i]
        demoted = True

    for i in ordered:
        if i not in chosen or i in out:
            continue
        reason = leans(i, out)
        if reason is None:
            place(i)
            continue
        others = chosen - {i}
        # (a) another outlet's telling of the same fact that stands alone
        near = clash_with(others)
        alternatives = [
            int(j)
            for j in (retells[i] | _tells_again(alignment, i, retells)).nonzero()[0]
            if int(j) != i
            and not near[j]
            and used - lengths[i] + lengths[j] <= max_words
            and len(alignment.sources_of(int(j))) >= len(alignment.sources_of(i))
            and fill_leans(int(j), out) is None
            and leans(int(j), out) not in ANTECEDENT_LEAVE  # a version that leans as much mends nothing
        ]
        if alternatives and reason not in ANTECEDENT_REASONS:
            j = max(alternatives, key=lambda k: (len(alignment.sources_of(k)), float(worth[k])))
            chosen.discard(i)
            chosen.add(j)
            used += lengths[j] - lengths[i]
            _log.debug("readable (a) %s: another outlet's version of %.50s", reason, sentences[i].text)
            place(j)
            continue
        # (b) the sentence printed before it: already placed, chosen further on, or brought in
        p = antecedent(i)
        if p is not None and out and out[-1] == p:
            _log.debug("readable (b) %s: after its antecedent %.50s", reason, sentences[i].text)
            place(i)
            continue
        if MOVE_AFTER_ANTECEDENT and p is not None and p in out and i not in waiting and _after_placed(i, out.index(p) + 1):
            _log.debug("readable (b) %s: put back after its antecedent %.50s", reason, sentences[i].text)
            continue
        later = [k for k in ordered if k in chosen and k not in out and k != i]
        if p is not None and p in later:
            pinned.add(p)
            _log.debug("readable (b) %s: moved after its antecedent %.50s", reason, sentences[i].text)
            waiting.setdefault(p, []).append(i)
            continue
        missing = set(bare_surnames(sentences[i].text, surnames, names_in(out)))
        host = None
        if reason == "surname":
            host = next((k for k in later if missing <= names_in([k])), None)
        elif reason in ANTECEDENT_REASONS:
            # the line that gives its antecedent ("a settlement" for "the deal") is chosen further on
            host = next((k for k in later if leans(i, [*out, k]) is None), None)
        if reason == "surname" or reason in ANTECEDENT_REASONS:
            if host is not None:
                pinned.add(host)
                _log.debug("readable (b) %s: moved after the line it needs %.50s", reason, sentences[i].text)
                waiting.setdefault(host, []).append(i)
                continue
        # the line before it, or for a surname the sentence (its own article's first) that
        # prints the full name; room made by leaving out chosen lines worth less than the line
        bring = [p] if p is not None and reason not in ANTECEDENT_REASONS else []
        if reason == "surname":
            own = sentences[i].article_id
            bring += sorted(
                (k for k in range(len(sentences)) if missing <= names_in([k])),
                key=lambda k: (sentences[k].article_id != own, sentences[k].position),
            )[:3]
        brought = False
        near_i = clash_with([i])  # what it brings in must not tell the line's own fact again
        for q in dict.fromkeys(bring):
            # an unsurely cited line only for a line cited to several outlets, which would stay
            # leaning otherwise (``KEEP_CITED_LEANING``)
            if unsure[q] and not (KEEP_CITED_LEANING and len(alignment.sources_of(i)) > 1):
                continue
            if q in chosen or near[q] or near_i[q] or fill_leans(q, out) is not None:
                continue
            if reason == "surname" and fill_leans(i, [*out, q]) is not None:
                continue
            # room is made only from lines cited to no more outlets than the line brought in
            movable = [
                k
                for k in chosen
                if k not in pinned and k != i and len(alignment.sources_of(k)) <= len(alignment.sources_of(q))
            ]
            freed = _room(q, i, lengths, max_words - used, share, movable)
            if freed is None:
                continue
            demoted = demoted or bool(freed)
            for k in freed:
                chosen.discard(k)
                used -= lengths[k]
                if k in out:
                    out.remove(k)
            chosen.add(q)
            used += lengths[q]
            pinned.update((q, i))
            _log.debug("readable (b) %s: antecedent brought in (%d out) %.50s", reason, len(freed), sentences[i].text)
            place(q)
            place(i)
            brought = True
            break
        if brought:
            continue
        if reason in ANTECEDENT_LEAVE and len(alignment.sources_of(i)) == 1 and i not in pinned:
            _log.debug("readable (c) %s: one outlet's line without its antecedent %.50s", reason, sentences[i].text)
            drop(i)
            continue
        if (KEEP_CITED_LEANING and len(alignment.sources_of(i)) > 1) or reason in ANTECEDENT_REASONS:
            _log.debug("readable kept %s: cited to several outlets %.50s", reason, sentences[i].text)
            place(i)
            continue
        _log.debug("readable (c) %s: demoted %.50s", reason, sentences[i].text)
        drop(i)  # (c)
    # hosts that were themselves left out; a snapshot, since placing a waiting line hands on the
    # lines waiting on it in turn (``place`` pops them)
    for lines in list(waiting.values()):
        for j in lines:
            if j in chosen and j not in out:
                still = leans(j, out)
                if still in ANTECEDENT_LEAVE and len(alignment.sources_of(j)) == 1:
                    drop(j)
                elif still in ANTECEDENT_REASONS:
                    place(j)  # kept where it lands, as an unmended line is
                else:
                    drop(j)
    if not demoted:
        return out
    # the words the demoted lines freed go to the best lines that stand alone where they land
    blocked = clash_with(out)
    while True:
        fits = ~blocked & (lengths <= max_words - used) & ~unsure
        # lines more outlets print first (their citations), then by worth
        candidates = sorted(
            (int(k) for k in fits.nonzero()[0]), key=lambda k: (-len(alignment.sources_of(k)), -float(worth[k]))
        )
        pick = next((k for k in candidates if fill_leans(k, out) is None), None)
        if pick is None:
            break
        out.append(pick)
        used += lengths[pick]
        blocked |= clash_with([pick])
    return out


def _room(
    bring: int, keep: int, lengths: np.ndarray, room: float, share: np.ndarray, movable: Sequence[int]
) -> list[int] | None:
    """Chosen lines to leave out so that sentence ``bring`` fits beside ``keep`` (none when it
    fits already), least relevant first and together worth less than ``keep``; None when the
    room cannot be made so."""
    freed: list[int] = []
    given = 0.0
    for k in sorted(movable, key=lambda k: float(share[k])):
        if lengths[bring] <= room:
            break
        if given + float(share[k]) >= float(share[keep]):
            return None
        freed.append(k)
        given += float(share[k])
        room += float(lengths[k])
    return freed if lengths[bring] <= room else None


def _restates(printed: Sequence[set[str]], best: int) -> np.ndarray:
    """Which sentences restate the chosen one: most of the shorter one's words are the other's."""
    import numpy

    chosen = printed[best]
    out = numpy.zeros(len(printed), dtype=bool)
    if not chosen:
        return out
    for k, words in enumerate(printed):
        if words and len(words & chosen) >= RESTATE_OVERLAP * min(len(words), len(chosen)):
            out[k] = True
    return out


def _tells_again(alignment: Alignment, best: int, retells: np.ndarray) -> np.ndarray:
    """Which sentences tell the fact of the chosen sentence ``best`` again (see ``select``).

    ``retells[i, j]``: sentences i and j state each other (``support & support.T``).
    """
    import numpy

    support = alignment.support
    # Another outlet's telling of the chosen fact (each states the other) that also states a
    # candidate's fact shows the candidate is contained in the chosen fact, whatever names it
    # uses ("the Department of Defense" for "the Pentagon"); and the same the other way round:
    # a retelling of the candidate's fact that states the chosen one.
    again = support[:, best] | support[best] | support[:, retells[best]].any(axis=1)
    again |= (retells & support[best]).any(axis=1)
    again |= numpy.maximum(alignment.cover[:, best], alignment.cover[best]) >= REPEAT_COVER
    if alignment.related is not None:
        again |= alignment.related[:, best]
    return again


def _similarity_clusters(similarity: np.ndarray) -> np.ndarray:
    """A cluster label for each sentence: its most similar medoid among ``CLUSTER_SHARE`` x n.

    Medoids are chosen greedily to maximise facility location (each sentence's similarity to its
    nearest medoid, summed), itself a submodular objective; the count follows Lin & Bilmes'
    K = 0.2 N, capped at ``MAX_CLUSTERS`` so that time stays bounded on huge stories.
    """
    import numpy

    n = similarity.shape[0]
    if n == 0:
        return numpy.zeros(0, dtype=int)
    k = min(MAX_CLUSTERS, n, max(1, round(CLUSTER_SHARE * n)))
    sim = numpy.clip(similarity, 0.0, None)
    nearest = numpy.zeros(n)
    medoids: list[int] = []
    for _ in range(k):
        gain = numpy.maximum(sim - nearest, 0.0).sum(axis=1)
        gain[medoids] = -1.0
        medoid = int(gain.argmax())
        medoids.append(medoid)
        nearest = numpy.maximum(nearest, sim[medoid])
    return numpy.asarray(sim[medoids].argmax(axis=0), dtype=int)


def _opening_agreement(sentences: Sequence[SourceSentence], similarity: np.ndarray) -> np.ndarray:
    """How much each sentence says what the *other* outlets open with: for every other article,
    the sentence's best similarity (LexRank's cosine) to one of that article's first
    ``OPENING_DEPTH`` sentences, averaged over those articles (0 for a one-article story).

    News opens with the event, so the sentence most outlets' openings agree on is the event; an
    outlet's opening that no one else shares is its own angle (background, a scene, an opinion).
    """
    import numpy

    n = len(sentences)
    ids = list(dict.fromkeys(s.article_id for s in sentences))
    if len(ids) < 2 or not n:
        return numpy.zeros(n)
    owner = numpy.array([ids.index(s.article_id) for s in sentences])
    opens = numpy.array([s.position < OPENING_DEPTH for s in sentences])
    sim = numpy.clip(numpy.asarray(similarity, dtype=numpy.float64), 0.0, None)
    best = numpy.zeros((n, len(ids)))
    for k in range(len(ids)):
        columns = (owner == k) & opens
        if columns.any():
            best[:, k] = sim[:, columns].max(axis=1)
    best[numpy.arange(n), owner] = 0.0
    return best.sum(axis=1) / (len(ids) - 1)


def _story_order(
    chosen: list[int],
    sentences: Sequence[SourceSentence],
    alignment: Alignment,
    relevance: Sequence[float],
    opening: Sequence[float] | None = None,
) -> list[int]:
    """Lead fact first, then facts in the order the sources tell them.

    The lead is the chosen fact that agrees most with the other outlets' openings
    (``_opening_agreement``), never a quotation; without that measure (or at a tie), the fact
    some source tells first (its lead sentence, else the earliest), among several the one printed
    earliest itself, then the most relevant.

    A fact's place is its earliest relative position among the articles that state it (0 = lead,
    1 = last sentence), so a fact every outlet puts near the top comes before one they all leave
    for the end.
    """
    if not chosen:
        return []
    lengths: dict[str, int] = {}
    for s in sentences:
        lengths[s.article_id] = max(lengths.get(s.article_id, 0), s.position + 1)

    def place(i: int) -> float:
        positions = [sentences[j] for j in [i, *alignment.supporters(i)]]
        return min(p.position / max(lengths[p.article_id], 1) for p in positions)

    def first_told(i: int) -> int:
        return min(sentences[j].position for j in [i, *alignment.supporters(i)])

    # The lead is what the outlets lead with (the fact told earliest by any of them; among several,
    # the most relevant), in the reporter's voice: a quotation, however widely carried, opens no story.
    # Among facts told first, one printed as a lead itself beats a shorter sentence that a lead
    # happens to contain ("software used by 2,300 clinics" inside "... said hackers stole ...").
    told = [i for i in chosen if not _QUOTED_OPENING.match(sentences[i].text)] or chosen
    lead = min(told, key=lambda i: (first_told(i), sentences[i].position, -relevance[i]))
    # Among the chosen lines that are an outlet's opening, the one the other outlets' openings
    # agree on most is the event; a line from further down (background, a definition) is not a
    # lead however many words it shares with the openings.
    openers = [i for i in told if sentences[i].position < OPENING_DEPTH]
    if opening is not None and openers and max(float(opening[i]) for i in openers) >= OPENING_FLOOR:
        lead = max(openers, key=lambda i: (float(opening[i]) * relevance[i], -sentences[i].position))
    rest = sorted((i for i in chosen if i != lead), key=lambda i: (place(i), i))
    return [lead, *rest]


# Where a headline may end: before a relative or participial clause, an aside, an attribution or
# a subordinate clause ("..., a move that", "... — its third", "... after a span collapsed").
_CLAUSE_BREAK = re.compile(
    r",\s+(?:a move|which|who|whom|whose|while|as|after|amid|according|citing|saying|in a|with|but|and|or|"
    r"where|when|though|although|because|despite|following|including|officials|police|authorities|the)\b"
    r"|\s+[—–-]{1,2}\s*|;\s+|:\s+"
    r"|\s+(?:after|amid|while|because|following|despite|before|since|until|when|as|in order to|according to|thanks to|due to)\s+(?=\w)"
    r"|(?<=[a-z0-9]) (?:to|with|in|on|at) (?=\w)"
    r"|,\s+(?:(?:he|she|they|officials|police|the \w+) )?(?:said|says|reported|told)\b"
    # a relative clause without a comma: "... accused by more than a dozen men | who say ..."
    r"|\s+(?:who|whom|whose|which)\s+(?=\w)"
    # a second predicate: "... have been unearthed | and shared by an unlikely source"
    r"|\s+and\s+(?=[a-z]+(?:ed|en)\s)"
)
# Weaker phrase boundaries, tried in the lead alone so that its own clause fits a headline before
# another sentence's does: a prepositional phrase closing the clause ("... has criticised the timing
# of his arrest | over the IRA murder ...", "... said he had no regret | for making light of ...",
# "... reported across 24 states | so far this year") or a relative clause opened by "that" after a
# noun ("A new dinosaur ... had feathers | that may have glittered ...").
_PHRASE_BREAK = re.compile(r"(?<=[a-z0-9]) (?:for|from|over|across|against|into|during|near|under|so far) (?=\w)|(?<=[a-z]) that (?=\w)")
# Where a headline may start, past an opening clause: "After a long debate, the council ..."
_OPENING_CLAUSE = re.compile(r"^(?:After|When|While|As|Despite|Following|In|On|At|During|According to|Since|Amid|To|By|With|Under|For|Before)\b[^,]{3,80},\s+(?=[A-Za-z])")
_TITLE_WORDS = 14
# The cues of a phrase boundary that a verb right before governs instead ("wrote | to", "heading | for")
_PHRASE_CUES = frozenset("to with in on at for from over across against into during near under that".split())
#: A span of the brief's own lead is preferred by this much of the lead's content told over a span
#: of another line or outlet: the lead is the story's best-supported fact, the event itself.
TITLE_LEAD_BONUS = 0.1
_TITLE_MIN_WORDS = 5
#: What a span without its clause's verb (``language.sentences.has_clause_verb``) loses: as much as
#: one that needs an antecedent, so it is the title only when no span of any line is a clause.
TITLE_NO_VERB_PENALTY = 1.0
#: A headline span that needs an antecedent a reader of the headline cannot have
#: (``discourse.antecedent_reason`` with nothing before it: "The policy has drawn ...", "Many had
#: ...") gives way to one that does not, unless it tells this much more of the lead.
#: Off: on the fit half it changed no title (at 0.5 or 1.0), so nothing there supports it; the check
#: half's titles were looked at once for the report (5 changed, 3 of them to a worse headline:
#: "The company ..." leads are ordinary news), so leave it off unless a fit-half reader says otherwise.
TITLE_ANTECEDENTS = False
TITLE_ANTECEDENT_PENALTY = 1.0
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
# A non-restrictive relative clause between commas, the sentence going on after it
_ASIDE = re.compile(r",\s+(?:which|who|whose)\s+[^,;:—–]{3,100},\s+(?=[a-z])")
# An apposition between commas (", the same lawyer who has filed ...,", ", a 21-year-old man ...,",
# ", 49,"): left out like the relative clause, the subject and its verb meet again without it
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+[^,;:—–“”\"]{3,100}|\d{1,3}),\s+(?=[a-z])(?!(?:who|whom|whose|which)\b)")
#: Whether a title span may leave out an apposition (``_APPOSITION``) as it leaves out a ", which
#: ...," aside: every word stays the source's, in order, but the span is no longer contiguous. On the
#: fit titles it gives 2 clauses in place of a noun phrase or a misleading line ("Jeff Herman
#: provided specifics and photos ...", "Kim Jong-nam was killed by a highly toxic nerve agent").
TITLE_APPOSITIONS = True
_PRONOUN = re.compile(r"\b(?:he|she|him|her|they|them|it|his|their)\b", re.IGNORECASE)
_OBJECT_PRONOUNS = frozenset("it him them".split())
_NAME_WORD = re.compile(r"\b[A-Z][a-z]+\b")
#: Whether the lead's clause is the title whenever the lead gives one (a clause, nothing it leans
#: on), however much more of the lead another sentence's span shares: that span tells a side fact.
TITLE_LEAD_FIRST = True
#: Whether the lead's spans may also end at a weaker phrase boundary (``_PHRASE_BREAK``).
TITLE_LEAD_PHRASES = True


def _unbound_pronoun(span: str) -> bool:
    """Whether a pronoun of the span has no name before it in the span: "Now a judge has ordered
    him freed" (whom?), not "Sinn Féin leader Gerry Adams has criticised the timing of his arrest"."""
    m = _PRONOUN.search(span)
    if m is None:
        return False
    # a name: a capitalised word past the span's first ("Adams", "Trump"), not "The", not a first
    # word that may be any noun ("Advertisers have dropped their ads": whose?)
    return not any(w.group(0).lower() not in STOP_WORDS for w in _NAME_WORD.finditer(span, 1, m.start()))


def _verb_like(word: str) -> bool:
    """Whether a word reads as a verb that takes what follows ("wrote", "exposed", "seeking", "is")."""
    low = word.lower().strip(",;:")
    return low.endswith(("ed", "ing")) or low in word_set("verb_forms")


def _list_goes_on(after: str) -> bool:
    """Whether what follows a comma-closed ", a/the ...," goes on with a list, not the sentence:
    "Civica Rx, a maker backed by hospitals, | insurers and charities, announced ..." (no verb first,
    an "and"/"or" before the next comma); not "Mr Ross, an investor, | has ...", "sentenced R. Kelly,
    the former star, | to 20 years in prison"."""
    chunk = re.split(r"[,;:—–]", after, maxsplit=1)[0]
    return not opens_with_verb(after) and re.search(r"\s(?:and|or)\s", " " + chunk + " ") is not None


def _title_spans(sentence: str, *, phrases: bool = False) -> list[tuple[str, str]]:
    """Headline-length spans of a sentence: the sentence itself, or a part ending (and perhaps
    starting) at a clause boundary, parenthetical asides ("(DHS)") left out, every word the source's.

    A span never ends inside a relative clause (", which has been revered | by ..."), never right
    after a verb that governs what follows ("wrote | to the head of the church"), never on a
    function word; a sentence that opens with a quotation or an opening clause ("Following the
    coup, ...") gives no span of its opening. Each span comes with what its sentence goes on with.
    ``phrases``: a span may also end at a weaker phrase boundary (``_PHRASE_BREAK``; the lead's).
    """
    if sentence.lstrip()[:1] in "\"“‘'(":
        return []  # a quotation is the speaker's words, an aside in brackets a caption's: no headline
    text = _PARENTHETICAL.sub("", sentence).strip().rstrip(".!").strip()
    spans: list[tuple[str, str]] = []
    # "The Shroud of Turin, which has been revered by some as ..., could be a fake": the
    # sentence without its aside between commas is a headline of the source's words, in order
    bare = _ASIDE.sub(" ", text, count=1)
    if TITLE_APPOSITIONS and bare == text:
        # the subject and its verb meet again without it ("Mr Ross, an investor, has ..."); a list
        # going on after a comma ("..., a maker backed by hospitals, insurers and charities, said") is no apposition
        m = next((m for m in _APPOSITION.finditer(text) if not _list_goes_on(text[m.end() :])), None)
        if m is not None:
            bare = text[: m.start()] + " " + text[m.end():]
    if bare != text:
        spans.extend(_spans_of(bare, phrases))
    seen = {span for span, _ in spans}
    spans.extend((span, rest) for span, rest in _spans_of(text, phrases) if span not in seen)
    return spans


def _inside_phrase(before: str, after: str) -> bool:
    """Whether a weaker phrase boundary after ``before`` (``after`` opening with its cue) would cut a phrase: a name
    ("the Centers | for Disease Control"), a function word ("issues all | across"), a lone word after
    a comma ("..., save | for the hum", "tweeted, not | for the first time")."""
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    if not last or last.lower() in STOP_WORDS or (last[:1].isupper() and after.startswith(("for ", "For ")) and after[4:5].isupper()):
        return True
    return len(before.rsplit(",", 1)[-1].split()) < 2 if "," in before else False


def _spans_of(text: str, phrases: bool = False) -> list[tuple[str, str]]:
    opening = _OPENING_CLAUSE.match(text)
    starts = [opening.end()] if opening else [0]
    ends = [len(text)]
    breaks = [*_CLAUSE_BREAK.finditer(text), *(_PHRASE_BREAK.finditer(text) if phrases else ())]
    for m in breaks:
        before = text[: m.start()].split()
        cue = m.group(0).strip()
        if cue in _PHRASE_CUES and before and _verb_like(before[-1]):
            continue  # "wrote | to the head", "is heading | for a court battle": the verb wants what follows
        if cue == "that" and before and (before[-1].lower() in word_set("saying_verbs") or before[-1].lower() in word_set("title_weak_ends")):
            continue  # "announced | that ...", "so | that": the reported clause, not a relative one
        if m.re is _PHRASE_BREAK and _inside_phrase(text[: m.start()], text[m.start() :].lstrip()):
            continue
        ends.append(m.start())
    spans = []
    for start in starts:
        for end in dict.fromkeys(ends):
            if end <= start:
                continue
            raw = text[start:end].strip(" ,;:—–-")
            span = raw.strip("\"“”'")
            if raw.endswith(("”", '"')) and (span.count("“") > span.count("”") or span.count('"') % 2):
                span += raw[-1]  # the mark closes a quotation the span holds: "... cartoon, “Family Guy.”"
            words = span.split()
            if not _TITLE_MIN_WORDS <= len(words) <= _TITLE_WORDS or words[-1].lower() in word_set("title_weak_ends"):
                continue
            if words[-1].lower() in _OBJECT_PRONOUNS and words[-2].lower() not in word_set("title_weak_ends"):
                continue  # ", warning it | to activate ...": cut before what the verb wants; "... belong with him" ends
            if re.search(r",\s+(?:which|who|whose|whom|where)\b", span) or words[0].lower().endswith("ing"):
                continue
            if span.count("“") != span.count("”") or span.count('"') % 2:
                continue  # cut inside a quotation ("abuse by “X-Men"): the title would open a quote it never closes
            if start > 0:
                span = span[:1].upper() + span[1:]
            spans.append((span, text[end:]))
    return spans


def story_title(articles: Sequence[Article], lead: str | None, candidates: Sequence[str] = ()) -> str:
    """A headline for the story: an article's own title when one has it, else a clause a source printed.

    Among titles, the one sharing most words with the lead (the best-supported fact) wins. Without
    titles, the headline is the span of the lead, or of another outlet's opening sentence
    (``candidates``), that ends at a clause boundary within about fourteen words and tells most
    of the lead's fact: every word of it a source's, in the source's order.
    """
    from .language import content_words

    titles = [a.title.strip() for a in articles if a.title and a.title.strip()]
    if titles:
        if lead is None or len(titles) == 1:
            return titles[0]
        lead_words = set(content_words(lead))
        return max(titles, key=lambda t: len(lead_words & set(content_words(t))) / (1 + len(t.split()) / 20))
    if lead is None:
        return articles[0].id
    lead_words = Counter(content_words(lead))
    best: tuple[bool, float, str] | None = None
    for rank, sentence in enumerate([lead, *candidates]):
        # the outlet speaking of itself ("Reps for Doe didn't get back to us"): no headline, whatever is cut
        own_voice = reporter_first_person(sentence)
        for span, rest in _title_spans(sentence, phrases=TITLE_LEAD_PHRASES and rank == 0):
            words = content_words(span)
            told = sum((Counter(words) & lead_words).values()) / max(sum(lead_words.values()), 1)
            # what of the lead it tells, a little more for the lead itself and for fuller spans
            score = told + (TITLE_LEAD_BONUS if rank == 0 else 0.0) + 0.01 * len(span.split())
            clean = True
            if needs_previous(span) or _unbound_pronoun(span) or own_voice:
                score -= 1.0  # "Now a judge has ordered him freed": whom? "... didn't get back to us": who?
                clean = False
            elif TITLE_ANTECEDENTS and antecedent_reason(span, ()):
                score -= TITLE_ANTECEDENT_PENALTY  # "The policy has drawn the ire ...": which policy?
                clean = False
            if not has_clause_verb(span, rest):
                # no verb of its own: a noun phrase ("Rare photographs from the band's first
                # concert"), a label, or a reported clause cut before its verb, not a headline
                score -= TITLE_NO_VERB_PENALTY
                clean = False
            # the lead's own clause first: another sentence's clause tells a side fact of the story
            first = TITLE_LEAD_FIRST and rank == 0 and clean
            if best is None or (first, score) > best[:2]:
                best = (first, score, span)
    if best is not None:
        return best[2]
    # No clause boundary within reach: the lead's opening words, up to a phrase boundary.
    words = _PARENTHETICAL.sub("", lead).split()[:_TITLE_WORDS]
    while len(words) > _TITLE_MIN_WORDS and words[-1].lower().strip(",;:") in word_set("title_weak_ends"):
        words.pop()
    return " ".join(words).strip(" ,;:—–-\"“”'").rstrip(".")


def _cited(alignment: Alignment, i: int, unquotable: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Every article that states line ``i``: by an aligned sentence, by text a brief does not
    quote (a caption, a headline) that holds it all the same, or (when ``data/same_fact.json``
    turns it on; it ships off) by a window the fitted same-fact judge accepts."""
    sources = alignment.sources_of(i)
    extra = alignment.held_by(i, [(a, t) for a, t in unquotable if a not in sources])
    # outlets the fitted same-fact judge finds telling the line in other words; none while it is off
    extra |= alignment.judged_by(i, (*sources, *extra))
    order = {s.article_id: k for k, s in reversed(list(enumerate(alignment.sentences)))}
    return (*sources, *sorted(extra, key=lambda a: order.get(a, len(order))))


def build_brief(articles: Iterable[Article], *, max_words: int | None = None) -> Brief:
    """Merge the articles of ONE story into a brief cited to every outlet that reports each fact.

    ``max_words`` bounds the summary (default ``DEFAULT_MAX_WORDS``, under a minute of reading);
    sentences are never cut, so a budget below the shortest one gives an empty summary.
    Raises ``NoContentError`` when the articles hold no prose, ``ValueError`` when there are none.
    """
    from .differences import find_differences

    arts = list(articles)
    if not arts:
        raise ValueError("build_brief needs at least one article")
    budget = DEFAULT_MAX_WORDS if max_words is None else max_words
    if budget <= 0:
        raise ValueError("max_words must be positive")
    # (article id, text) an outlet prints but a brief does not quote: captions, headings, headlines
    unquotable: list[tuple[str, str]] = [(a.id, a.title) for a in arts if a.title]
    # first-person words and words to "you" (an interview printed as Q&A): they may hold a line
    # for a citation, but do not make a fact "reported" for the differences
    spoken: list[tuple[str, str]] = []
    posts: list[tuple[str, str]] = []
    sentences = _story_sentences(arts, unquotable, spoken, posts)
    alignment = build_alignment(sentences)
    papers = {a.id: PAPER_WEIGHT for a in arts if reads_as_paper(a)}
    selection = select(sentences, alignment, budget, article_weights=papers, posts=posts)
    held = [*unquotable, *spoken]
    summary = tuple(BriefItem(s.text, _cited(alignment, i, held)) for i, s in zip(selection.indices, selection.sentences))
    groups = align(sentences, alignment)
    # A budget below the shortest sentence leaves the summary empty (sentences are never cut);
    # the title still comes from the story's lead.
    lead = summary[0].text if summary else sentences[0].text
    # other lines of the brief, then the outlets' leads: text selection already judged newsworthy
    openings = [item.text for item in summary[1:]] + [s.text for s in sentences if s.position == 0]
    return Brief(
        id=brief_id(arts),
        title=story_title(arts, lead, openings),
        sources=tuple(Source.from_article(a) for a in arts),
        summary=summary,
        differences=tuple(
            find_differences(
                arts, sentences, groups, alignment=alignment, evidence=unquotable, body=[item.text for item in summary]
            )
        ),
    )
