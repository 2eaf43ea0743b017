"""Story clustering: articles about one event together, unrelated ones apart.

    cluster_articles(articles) -> list[list[Article]]       # a batch, biggest story first
    StoryIndex(stories).add(article) -> story index          # incremental, for the pipeline
    StoryIndex.regroup(index) -> parts moved out             # a story re-clustered among itself
    assign_to_story(article, stories) -> index | None        # one-off: which story, if any
    article_features(article) -> ArticleFeatures             # the per-article work, cacheable

Only articles are grouped: a page that ``summarizer.page_check`` finds is no article (a crawl
notice, a cookie wall, an error page, a near-empty page) is left out of every story, since two
copies of one site notice are not one event.

Each article becomes a sparse TF-IDF vector over content-word stems and figures ("20,000"),
weighted as the plain TF-IDF baseline of ``../shared/tools/score_stories.py`` weighs words
(sublinear counts, smoothed idf): on the fitting half of the real pools, weighting names or
figures up, squaring the idf or cutting long texts shorter moved B-cubed F1 by less than one
story's worth either way, and the plain weighting kept its best threshold at every pool size
tried (141 real passages alone and with 300 or 1,000 unrelated real articles). Candidate pairs come
from an inverted index over each article's strongest terms, so the work grows with the number
of articles that share distinctive terms, not with n². Candidates are merged by average linkage
(the mean cosine between every article of one story and every article of the other must reach
the threshold), which does not chain unrelated stories together the way single linkage does.
That mean is exact, as in :class:`StoryIndex`: a pair of articles the candidate search did not
link counts with its true cosine, not as 0.

Words say what *kind* of event an article covers; names and figures say *which* one. Two plane
crashes, two rate decisions or two match reports written from one template share nearly every
word, so a text cosine alone merges them. Two rules keep such sibling events apart:

* **Identity must keep up with the text.** Besides the cosine, each article has an *identity*
  vector over its proper names and figures alone (names: capitalised inside a sentence and never
  written in lower case in the article, so "Police" in a headline-style phrase does not count).
  Two stories merge only if their mean identity cosine is at least ``IDENTITY_RATIO`` times their
  mean text cosine: texts that say the same things about different people fail; two outlets'
  different accounts of one event (moderate text overlap, shared names) pass.
* **A name swapped in the same slot is a different event.** Each name is recorded with the two
  words before and after it ("mayor ___ said on"; a slot of stop words alone, "according to ___
  . the", is not recorded). When two stories use the same slot with
  names that share no word ("Mayor Nutter said on" / "Mayor Dilworth said on") at least twice and
  more often than with names that agree, they are different events, whatever the cosine (one
  such slot is often two outlets quoting different analysts). Figures are left out
  of this rule: outlets covering one event often disagree on a count.

The incremental path uses the same criterion: an article joins the story whose articles it is
most similar to on average, if that mean cosine reaches the threshold and both rules pass, so a
batch run and a stream of additions agree on what counts as one story.
"""

from __future__ import annotations

import heapq
import json
import logging
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .language import STOP_WORDS, stem
from .model import Article
from .page_check import check_page

__all__ = [
    "DEFAULT_THRESHOLD",
    "IDENTITY_RATIO",
    "ArticleFeatures",
    "StoryIndex",
    "article_features",
    "assign_to_story",
    "cluster_articles",
    "decode_features",
    "encode_features",
]

_log = logging.getLogger(__name__)

#: Mean cosine between two stories' articles at or above which they are one story. Fitted on the
#: fitting half of the real pools (Multi-News dev clusters 1-50), alone and mixed with 300 and
#: 1,000 unrelated real articles (RealTime QA, July-September 2024); see bench/RESULTS.md.
DEFAULT_THRESHOLD = 0.16

#: Two stories merge only if their mean identity cosine (names and figures) is at least this
#: share of their mean text cosine. Chosen on templated sibling events (bench/synthetic_news.py)
#: against the real labelled stories of bench/cluster_quality.py (see bench/RESULTS.md).
IDENTITY_RATIO = 0.4
#: A new story continues a closed one only on stronger evidence than joining takes: text
#: similarity this many times the joining threshold, names agreeing at this ratio (and printed).
CONTINUATION_FACTOR = 2.0
CONTINUATION_IDENTITY_RATIO = 1.0
#: A story that has gone quiet (no new report for ``quiet`` hours, the pipeline's call) takes a
#: newcomer only with names agreeing at this ratio: outlets cover one event within hours, and a
#: report of the same kind a day later is as often a sibling event (another day, another name).
QUIET_IDENTITY_RATIO = 0.8

#: Exponent of the idf weight: 1 is plain TF-IDF. Kept as a setting for bench/cluster_quality.py.
IDF_POWER = 1.0
_MAX_CHARS = 6000  # the lead of an article says what event it covers; the tail adds noise and time
_TOP_TERMS = 40  # terms per article used to find candidate pairs
_SHORTLIST = 10  # open stories scored exactly for a newcomer: those its distinctive terms favour most
# A term held by more open stories than this (or than a twentieth of them, in a big window) finds
# no candidates for a newcomer; it still counts in the exact scores of the shortlist. A fixed cap
# alone (50) would make filing cost per article flat, but at 10,000 articles a week it lost a
# sixth of the synthetic week's pair recall (0.785 -> 0.665): terms of 50-100 stories matter there.
_POSTINGS_LIMIT = 50
_TITLE_REPEAT = 2
_SLOT_WIDTH = 2  # words of context on each side of a name
_MIN_CONFLICTS = 2  # one differing name in a shared slot is often two outlets quoting different people

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
# words, figures and sentence ends: the context a name sits in
_SLOT_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\$?\d[\d,.]*|[.!?;:]")
_SENTENCE_END = frozenset(".!?:;\"“”")

Slot = tuple[str, ...]


@dataclass(frozen=True)
class ArticleFeatures:
    """What clustering needs of one article, computed once: cache it by article id.

    ``terms`` are raw counts of ``w:`` content-word stems and ``n:`` figures; ``identity`` the
    subset of those keys that name the event (the stems of proper names, and figures); ``slots`` maps each context a proper name was found in (two words either side)
    to the words of the names found there.
    """

    terms: Mapping[str, int]
    identity: frozenset[str]
    slots: Mapping[Slot, frozenset[str]]


def article_features(article: Article) -> ArticleFeatures:
    """Tokenise and stem ``article`` once for clustering.

    This is most of the cost of filing an article; a pipeline that files articles over many
    polls keeps these by article id and hands them to :class:`StoryIndex` instead of the text.

        >>> feats = article_features(article)
        >>> index.add(article, feats)
    """
    body = article.text[:_MAX_CHARS]
    text = body
    if article.title:
        text = (article.title + ". ") * _TITLE_REPEAT + text
    counts: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        tok = m.group(0)
        if tok[0].isdigit():
            key = _figure_key(tok)
            if key:
                counts[key] += 1
        else:
            low = tok.lower()
            if low not in STOP_WORDS and len(low) > 2:
                counts["w:" + stem(low)] += 1
    names, slots = _names_and_slots(body)
    name_keys = {"w:" + stem(w) for w in names}
    identity = frozenset(k for k in counts if k.startswith("n:") or k in name_keys)
    return ArticleFeatures(counts, identity, slots)


def encode_features(features: ArticleFeatures) -> bytes:
    """``features`` as compact bytes, for a store to keep between processes."""
    data = {
        "t": features.terms,
        "i": sorted(features.identity),
        "s": [[list(slot), sorted(words)] for slot, words in features.slots.items()],
    }
    return zlib.compress(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def decode_features(blob: bytes) -> ArticleFeatures:
    """The :class:`ArticleFeatures` that :func:`encode_features` wrote (ValueError if damaged)."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return ArticleFeatures(
            dict(data["t"]), frozenset(data["i"]), {tuple(slot): frozenset(words) for slot, words in data["s"]}
        )
    except (zlib.error, UnicodeDecodeError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable clustering features ({exc.__class__.__name__})") from None


def _figure_key(tok: str) -> str | None:
    digits = tok.replace(",", "")
    # a figure (not a year or a day of the month) is a strong mark of one event
    if len(digits) >= 3 and not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100):
        return "n:" + digits
    return None


def _names_and_slots(body: str) -> tuple[set[str], dict[Slot, frozenset[str]]]:
    """Proper names of the body (lower-cased words) and the slots they fill.

    A name is a run of capitalised words inside a sentence none of which the article also
    writes in lower case ("the Police said" is not a name when "police" appears elsewhere).
    """
    tokens = [(m.group(0), m.start()) for m in _SLOT_TOKEN.finditer(body)]
    lower = {t for t, _ in tokens if t[0].islower()}
    # judged once a token (a run's end was judged twice before); most tokens fail the first test
    is_name = [
        len(tok) > 2 and tok[0].isupper() and tok.lower() not in lower and not _starts_sentence(body, start)
        for tok, start in tokens
    ]

    names: set[str] = set()
    slots: dict[Slot, set[str]] = defaultdict(set)
    k = 0
    while k < len(tokens):
        if not is_name[k]:
            k += 1
            continue
        end = k
        while end + 1 < len(tokens) and is_name[end + 1]:
            end += 1
        run = {tokens[i][0].lower() for i in range(k, end + 1)}
        names |= run
        before = tuple(t.lower() for t, _ in tokens[max(0, k - _SLOT_WIDTH): k])
        after = tuple(t.lower() for t, _ in tokens[end + 1: end + 1 + _SLOT_WIDTH])
        slot = before + after
        # a slot needs a content word: "according to ___ . the" is any name's slot
        if len(slot) == 2 * _SLOT_WIDTH and any(t.isalpha() and len(t) > 2 and t not in STOP_WORDS for t in slot):
            slots[slot] |= run
        k = end + 1
    return names, {s: frozenset(w) for s, w in slots.items()}


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\n\"'“‘(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


class _Vectorizer:
    """Document frequencies and the TF-IDF weighting built on them."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, features: ArticleFeatures) -> None:
        self.df.update(features.terms.keys())
        self.n_docs += 1

    def remove(self, features: ArticleFeatures) -> None:
        self.df.subtract(features.terms.keys())
        self.n_docs -= 1

    def idf(self, term: str) -> float:
        return (math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0) ** IDF_POWER

    def vectors(self, features: ArticleFeatures) -> _Vectors:
        """The article's unit text vector and its unit identity vector (empty if it names nothing)."""
        raw = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in features.terms.items()}
        text = _unit(raw)
        identity = _unit({t: raw[t] for t in features.identity})
        return _Vectors(text, identity, features.slots)


@dataclass(frozen=True)
class _Vectors:
    text: dict[str, float]
    identity: dict[str, float]
    slots: Mapping[Slot, frozenset[str]]


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def _dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _top_terms(vec: dict[str, float], k: int = _TOP_TERMS) -> list[str]:
    return [t for t, _ in heapq.nlargest(k, vec.items(), key=lambda kv: kv[1])]


def _slots_conflict(a: Mapping[Slot, Iterable[str]], b: Mapping[Slot, Iterable[str]]) -> bool:
    """True when the two fill shared slots with different names at least twice, and more often than
    with the same names."""
    if len(a) > len(b):
        a, b = b, a
    agree = conflict = 0
    for slot, words in a.items():
        theirs = b.get(slot)
        if theirs is None:
            continue
        if any(w in theirs for w in words):
            agree += 1
        else:
            conflict += 1
    return conflict >= _MIN_CONFLICTS and conflict > agree


def _identity_agrees(identity_mean: float | None, text_mean: float, ratio: float) -> bool:
    """Names and figures shared in step with the text (None: one side names nothing, no evidence)."""
    return identity_mean is None or identity_mean >= ratio * text_mean


def cluster_articles(
    articles: Iterable[Article],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    identity_ratio: float = IDENTITY_RATIO,
) -> list[list[Article]]:
    """Group articles about the same event into stories.

    Deterministic: stories come biggest first, then by their earliest article (publication date
    where known, else input order); articles keep their input order inside a story. An article
    that matches nothing is a story of its own. ``identity_ratio=0`` and no slot conflicts would
    be the text cosine alone; see the module docstring for the two identity rules.

        >>> stories = cluster_articles(articles)
        >>> [len(s) for s in stories]
        [5, 3, 1]
    """
    arts = [a for a in articles if check_page(a.text, a.title).is_article]
    if not arts:
        return []
    feats = [article_features(a) for a in arts]
    vectorizer = _Vectorizer()
    for f in feats:
        vectorizer.add(f)
    vecs = [vectorizer.vectors(f) for f in feats]
    pairs = _candidate_pairs([v.text for v in vecs])
    labels = _average_linkage(vecs, pairs, threshold, identity_ratio)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    ordered = sorted(groups.values(), key=lambda idx: (-len(idx), _earliest(arts, idx)))
    _log.debug("clustered %d articles into %d stories (%d candidate pairs)", len(arts), len(ordered), len(pairs))
    return [[arts[i] for i in idx] for idx in ordered]


def _earliest(arts: Sequence[Article], idx: list[int]) -> tuple[int, str, int]:
    dated = [_as_datetime(arts[i].published) for i in idx if arts[i].published is not None]
    when = min(dated).isoformat() if dated else ""
    # undated stories after dated ones (an empty string would sort first)
    return (0 if dated else 1, when, min(idx))


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def _candidate_pairs(vecs: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosines of the pairs that share a strong, not-too-common term.

    Terms found in more than a few percent of a large collection ("said", "government") link
    everything to everything and are skipped for candidate generation (they still count in the
    cosine of the pairs found).
    """
    n = len(vecs)
    max_postings = max(50, n // 20)
    index: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for t in _top_terms(vec):
            index[t].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for postings in index.values():
        if len(postings) < 2 or len(postings) > max_postings:
            continue
        for x, i in enumerate(postings):
            for j in postings[x + 1:]:
                if (i, j) not in pairs:
                    pairs[(i, j)] = -1.0
    for key in pairs:
        i, j = key
        pairs[key] = _dot(vecs[i], vecs[j])
    return pairs


class _Cluster:
    """A story being built: sizes, the sums of its articles' text and identity vectors (for the
    exact cosines of pairs no candidate term linked) and the union of its name slots."""

    __slots__ = ("identity", "named", "size", "slots", "text")

    def __init__(self, vectors: _Vectors) -> None:
        self.size = 1
        self.named = 1 if vectors.identity else 0
        # the article's own vectors until a merge makes them sums (copied then, never shared)
        self.text: dict[str, float] = vectors.text
        self.identity: dict[str, float] = vectors.identity
        self.slots: dict[Slot, set[str]] = {s: set(w) for s, w in vectors.slots.items()}

    def absorb(self, other: _Cluster) -> None:
        if self.size == 1:
            self.text, self.identity = dict(self.text), dict(self.identity)
        for mine, theirs in ((self.text, other.text), (self.identity, other.identity)):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        self.size += other.size
        self.named += other.named
        for slot, words in other.slots.items():
            self.slots.setdefault(slot, set()).update(words)


def _average_linkage(
    vecs: list[_Vectors],
    pairs: dict[tuple[int, int], float],
    threshold: float,
    identity_ratio: float,
) -> list[int]:
    """Agglomerative clustering over a sparse graph of candidate pairs.

    Only stories linked by a candidate pair are compared, but a comparison is exact: the mean
    cosine over every pair of their articles, as :class:`StoryIndex` computes it for a newcomer
    from the sums of a story's vectors. A pair of articles that shared no candidate term counts
    with its true cosine, not as 0 (when a merge links two stories for the first time, the sums
    of their vectors give the missing part). The best pair (highest mean text cosine) merges
    first, provided the identity rules pass; a pair that fails them is dropped now and looked
    at again only once either side has grown.
    """
    n = len(vecs)
    clusters: dict[int, _Cluster] = {i: _Cluster(v) for i, v in enumerate(vecs)}
    link: dict[int, dict[int, float]] = defaultdict(dict)  # sum of pair text cosines
    ident: dict[int, dict[int, float]] = defaultdict(dict)  # sum of pair identity cosines
    for (i, j), s in pairs.items():
        if s > 0:
            link[i][j] = link[j][i] = s
            ident[i][j] = ident[j][i] = _dot(vecs[i].identity, vecs[j].identity)
    heap = [(-s, i, j) for (i, j), s in pairs.items() if s >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters:
            continue
        ca, cb = clusters[a], clusters[b]
        current = link[a].get(b, 0.0) / (ca.size * cb.size)
        if abs(current + neg) > 1e-12:
            continue  # stale: one of the two has grown since
        named = ca.named * cb.named
        identity_mean = ident[a].get(b, 0.0) / named if named else None
        if not _identity_agrees(identity_mean, current, identity_ratio) or _slots_conflict(ca.slots, cb.slots):
            continue
        # stories linked to one side only: their sums with the other side, exactly
        for one, other in ((a, b), (b, a)):
            side = clusters[other]
            for c in link[one].keys() - link[other].keys() - {other}:
                far = clusters[c]
                link[other][c] = link[c][other] = _dot(side.text, far.text)
                ident[other][c] = ident[c][other] = _dot(side.identity, far.identity)
        # merge b into a
        ca.absorb(clusters.pop(b))
        parent[b] = a
        for table in (link, ident):
            for c, s in table.pop(b, {}).items():
                table[c].pop(b, None)
                if c != a:
                    total = table[a].get(c, 0.0) + s
                    table[a][c] = total
                    table[c][a] = total
            table[a].pop(b, None)
        for c, total in link[a].items():
            avg = total / (ca.size * clusters[c].size)
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


class StoryIndex:
    """Stories kept in memory so that new articles can join them one at a time.

    The pipeline keeps one of these per time window: ``add(article)`` puts an article in the
    story it belongs to (same criterion as :func:`cluster_articles`: mean cosine to that story's
    articles at least ``threshold``, and the identity rules pass) or opens a new story, and
    returns the story's index. ``close(index)`` retires a story that may take no more articles
    (its time is up) and frees what it held.

    Each article's vector is weighted with the document frequencies known when it arrives and
    each story keeps the sum of its articles' vectors (text and identity) and the union of their
    name slots, so scoring a newcomer against a story is two sparse dot products; only stories
    sharing a distinctive term with the newcomer are scored. Early weights drift slightly as
    the collection grows; call :func:`cluster_articles` on the window now and then to
    re-cluster from scratch.

        >>> index = StoryIndex(cluster_articles(yesterday))
        >>> for article in fetched:
        ...     story = index.add(article)
        >>> index.stories[story]
    """

    def __init__(
        self,
        stories: Iterable[Sequence[Article]] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        identity_ratio: float = IDENTITY_RATIO,
        features: Mapping[str, ArticleFeatures] | None = None,
    ) -> None:
        """``features``: precomputed :func:`article_features` by article id (any missing are computed)."""
        self.threshold = threshold
        self.identity_ratio = identity_ratio
        self._vectorizer = _Vectorizer()
        self._stories: list[list[Article]] = []
        self._closed: set[int] = set()
        self._centroids: list[dict[str, float]] = []  # sum of the story's article text vectors
        self._identities: list[dict[str, float]] = []  # sum of their identity vectors
        self._named: list[int] = []  # articles with an identity vector
        self._slots: list[dict[Slot, set[str]]] = []
        self._postings: dict[str, set[int]] = defaultdict(set)  # term -> open stories holding it
        known = features or {}
        stories = [list(s) for s in stories]
        # weigh the known stories with document frequencies of all of them, as a batch run would
        story_features = [[known.get(a.id) or article_features(a) for a in story] for story in stories]
        for feats in story_features:
            for f in feats:
                self._vectorizer.add(f)
        for story, feats in zip(stories, story_features):
            index = self._new_story()
            for article, f in zip(story, feats):
                self._append(index, article, self._vectorizer.vectors(f))

    @property
    def stories(self) -> list[list[Article]]:
        """The stories, in the order they were created (indices are stable)."""
        return [list(s) for s in self._stories]

    @property
    def article_count(self) -> int:
        """Articles the document frequencies are built on (closed stories' articles included)."""
        return self._vectorizer.n_docs

    def add_story(self, articles: Sequence[Article], features: Sequence[ArticleFeatures] | None = None) -> int:
        """Add a known story as is (no matching) and return its index."""
        index = self._new_story()
        for k, article in enumerate(articles):
            feats = features[k] if features is not None else article_features(article)
            self._vectorizer.add(feats)
            self._append(index, article, self._vectorizer.vectors(feats))
        return index

    def assign(
        self, article: Article, features: ArticleFeatures | None = None, *, eligible: Callable[[int], bool] | None = None
    ) -> int | None:
        """Index of the open story ``article`` belongs to, or None; changes nothing.

        ``eligible(index)``: the caller's own limits on which stories the article may join
        (the pipeline's time window); the best story among the eligible ones is returned.
        """
        feats = features or article_features(article)
        self._vectorizer.add(feats)  # weigh the newcomer as a batch run would, then undo
        try:
            return self._best(self._vectorizer.vectors(feats), eligible)
        finally:
            self._vectorizer.remove(feats)

    def add(
        self, article: Article, features: ArticleFeatures | None = None, *, eligible: Callable[[int], bool] | None = None
    ) -> int:
        """Put ``article`` in its story (or a new one) and return that story's index."""
        feats = features or article_features(article)
        self._vectorizer.add(feats)
        vectors = self._vectorizer.vectors(feats)
        index = self._best(vectors, eligible)
        if index is None:
            index = self._new_story()
        self._append(index, article, vectors)
        return index

    def add_linked(
        self,
        article: Article,
        features: ArticleFeatures | None = None,
        *,
        eligible: Callable[[int], bool] | None = None,
        linkable: Callable[[int], bool],
        quiet: Callable[[int], bool] | None = None,
    ) -> tuple[int, int | None]:
        """Like :meth:`add`, and when the article opens a new story, also the story among the
        ``linkable`` ones it would have joined (same criterion), or None.

        A pipeline that stops a story from taking articles after a while (its time window) uses
        this to say which earlier story a new one carries on, with the newcomer weighed exactly
        as for its own filing (calling :meth:`assign` after :meth:`add` would count it twice).
        ``quiet(index)``: the story has had no new report for a while; the newcomer joins it only
        if its names and figures agree at ``QUIET_IDENTITY_RATIO`` (and it names something).
        """
        feats = features or article_features(article)
        self._vectorizer.add(feats)
        vectors = self._vectorizer.vectors(feats)
        dots = self._dots(vectors.text)  # once: both questions below read the same candidates
        index = self._best(vectors, eligible, dots=dots, quiet=quiet)
        linked = None
        if index is None:
            # Across a closed window the evidence must be stronger than for joining: templated
            # sibling events (same wording, other names) sit just above the joining bar.
            linked = self._best(
                vectors, linkable, floor=self.threshold * CONTINUATION_FACTOR, identity_ratio=CONTINUATION_IDENTITY_RATIO, dots=dots
            )
            index = self._new_story()
        self._append(index, article, vectors)
        return index, linked

    def close(self, index: int) -> None:
        """Take story ``index`` out of matching for good; its articles stay listed in ``stories``."""
        if index in self._closed:
            return
        self._closed.add(index)
        self._unpost(index)
        self._centroids[index] = {}
        self._identities[index] = {}
        self._slots[index] = {}

    def is_closed(self, index: int) -> bool:
        """True once :meth:`close` retired the story."""
        return index in self._closed

    def regroup(self, index: int, features: Sequence[ArticleFeatures] | None = None) -> list[list[int]]:
        """Cluster the open story ``index``'s own articles again, as :func:`cluster_articles` would,
        and move out those that do not belong with the rest; returns the positions (in the story's
        article order, as it was) of each part moved out, each now a new story appended to
        ``stories`` in that order (empty list: nothing moved).

        One at a time, a newcomer joins the story it is closest to *now*: an article whose own
        story's reports have not arrived yet takes the closest other story, and its partners then
        follow it there (it is their closest article). Clustering the story's members among
        themselves (average linkage, the identity rules, weights as of now) finds such a pair
        standing apart. The part holding the story's first article stays, so the story keeps its
        index and its opener. A caller that has shown a story to
        anyone (a delivered digest) must not call this on it: its members are fixed from then on.
        ``features``: the story's articles' :func:`article_features`, in story order (computed if
        None)."""
        articles = self._stories[index]
        if index in self._closed or len(articles) < 3:
            return []
        feats = list(features) if features is not None else [article_features(a) for a in articles]
        vecs = [self._vectorizer.vectors(f) for f in feats]
        labels = _average_linkage(vecs, _candidate_pairs([v.text for v in vecs]), self.threshold, self.identity_ratio)
        groups: dict[int, list[int]] = defaultdict(list)
        for k, label in enumerate(labels):
            groups[label].append(k)
        if len(groups) == 1:
            return []
        parts = sorted(groups.values(), key=lambda part: part[0])  # the part holding the first article stays
        # the story is rebuilt from its kept part with today's weights; each other part is a new story
        self._unpost(index)
        self._stories[index], self._centroids[index], self._identities[index] = [], {}, {}
        self._named[index], self._slots[index] = 0, {}
        for k in parts[0]:
            self._append(index, articles[k], vecs[k])
        for part in parts[1:]:
            new = self._new_story()
            for k in part:
                self._append(new, articles[k], vecs[k])
        return parts[1:]

    def _unpost(self, index: int) -> None:
        """Take story ``index`` out of the postings of its centroid's terms (candidate search)."""
        for t in self._centroids[index]:
            holders = self._postings.get(t)
            if holders is not None:
                holders.discard(index)
                if not holders:
                    del self._postings[t]

    def _new_story(self) -> int:
        self._stories.append([])
        self._centroids.append({})
        self._identities.append({})
        self._named.append(0)
        self._slots.append({})
        return len(self._stories) - 1

    def _append(self, index: int, article: Article, vectors: _Vectors) -> None:
        self._stories[index].append(article)
        if index in self._closed:
            return
        centroid = self._centroids[index]
        for t, v in vectors.text.items():
            centroid[t] = centroid.get(t, 0.0) + v
            self._postings[t].add(index)
        if vectors.identity:
            self._named[index] += 1
            identity = self._identities[index]
            for t, v in vectors.identity.items():
                identity[t] = identity.get(t, 0.0) + v
        slots = self._slots[index]
        for slot, words in vectors.slots.items():
            slots.setdefault(slot, set()).update(words)

    def _dots(self, text: Mapping[str, float]) -> dict[int, float]:
        """Dot products of ``text`` with the centroids of the open stories most like it.

        Term at a time through the postings of its ``_TOP_TERMS`` strongest terms that are
        distinctive (held by at most ``max(_POSTINGS_LIMIT, open stories / 20)`` stories: "said" or
        "government" find no candidates, as in :func:`_candidate_pairs`), which gives every
        story sharing one a partial dot product
        at a cost that grows with the postings read, not with the number of open stories. The
        ``_SHORTLIST`` stories with the highest partial mean are then scored exactly, common
        terms included."""
        limit = max(_POSTINGS_LIMIT, (len(self._stories) - len(self._closed)) // 20)
        partial: dict[int, float] = defaultdict(float)
        centroids = self._centroids
        for term, weight in heapq.nlargest(_TOP_TERMS, text.items(), key=lambda kv: kv[1]):
            holders = self._postings.get(term)
            if holders and len(holders) <= limit:
                for index in holders:
                    partial[index] += weight * centroids[index][term]
        stories = self._stories
        shortlist = heapq.nlargest(_SHORTLIST, [(total / len(stories[i]), -i) for i, total in partial.items()])
        return {-negated: _dot(text, centroids[-negated]) for _, negated in shortlist}

    def _best(
        self,
        vectors: _Vectors,
        eligible: Callable[[int], bool] | None = None,
        *,
        floor: float | None = None,
        identity_ratio: float | None = None,
        dots: dict[int, float] | None = None,
        quiet: Callable[[int], bool] | None = None,
    ) -> int | None:
        best: int | None = None
        best_score = self.threshold if floor is None else floor
        ratio = self.identity_ratio if identity_ratio is None else identity_ratio
        for index, total in sorted((self._dots(vectors.text) if dots is None else dots).items()):
            score = total / len(self._stories[index])
            if score < best_score or (best is not None and score <= best_score):
                continue
            if eligible is not None and not eligible(index):
                continue
            named = self._named[index]
            identity_mean = _dot(vectors.identity, self._identities[index]) / named if named and vectors.identity else None
            if not _identity_agrees(identity_mean, score, ratio) or (identity_ratio is not None and identity_mean is None):
                continue
            if quiet is not None and quiet(index) and (
                identity_mean is None or not _identity_agrees(identity_mean, score, QUIET_IDENTITY_RATIO)
            ):
                continue
            if _slots_conflict(vectors.slots, self._slots[index]):
                continue
            best, best_score = index, score
        return best


def assign_to_story(
    article: Article,
    stories: Sequence[Sequence[Article]],
    threshold: float = DEFAULT_THRESHOLD,
) -> int | None:
    """Index in ``stories`` of the story ``article`` belongs to, or None for a new story.

    A one-off convenience that builds a :class:`StoryIndex` over ``stories`` each call (cost
    proportional to their total size); a pipeline adding many articles should keep a
    ``StoryIndex`` and call its ``add`` instead.
    """
    return StoryIndex(stories, threshold=threshold).assign(article)
