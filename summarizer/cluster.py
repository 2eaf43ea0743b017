"""Story clustering: articles about one event together, unrelated ones apart.

    cluster_articles(articles) -> list[list[Article]]       # a batch, biggest story first
    StoryIndex(stories).add(article) -> story index          # incremental, for the pipeline
    assign_to_story(article, stories) -> index | None        # one-off: which story, if any

Each article becomes a sparse TF-IDF vector over content-word stems, plus two kinds of feature
that single out an event better than words do: names (capitalised words inside sentences,
"Duckworth", "Posse Comitatus") and figures ("20,000"), both weighted up. Candidate pairs come
from an inverted index over each article's strongest terms, so the work grows with the number
of articles that share distinctive terms, not with n². Candidates are merged by average linkage
(the mean cosine between every article of one story and every article of the other must reach
the threshold), which does not chain unrelated stories together the way single linkage does.

The incremental path uses the same criterion: an article joins the story whose articles it is
most similar to on average, if that mean cosine reaches the threshold, so a batch run and a
stream of additions agree on what counts as one story.
"""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from .model import Article
from .text import STOP_WORDS, stem

__all__ = ["DEFAULT_THRESHOLD", "StoryIndex", "assign_to_story", "cluster_articles"]

_log = logging.getLogger(__name__)

#: Mean cosine between two stories' articles at or above which they are one story. Chosen on
#: Multi-News clusters mixed together and on the seed and test stories (see bench/RESULTS.md).
DEFAULT_THRESHOLD = 0.18

_MAX_CHARS = 6000  # the lead of an article says what event it covers; the tail adds noise and time
_TOP_TERMS = 40  # terms per article used to find candidate pairs
_ENTITY_WEIGHT = 1.5
_FIGURE_WEIGHT = 1.5
_TITLE_REPEAT = 2

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_SENTENCE_END = frozenset(".!?:;\"“”")


def _features(article: Article) -> Counter[str]:
    """Raw term counts of an article: ``w:`` stems, ``e:`` names, ``n:`` figures."""
    text = article.text[:_MAX_CHARS]
    if article.title:
        text = (article.title + ". ") * _TITLE_REPEAT + text
    counts: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        tok = m.group(0)
        start = m.start()
        if tok[0].isdigit():
            digits = tok.replace(",", "")
            # a figure (not a year or a day of the month) is a strong mark of one event
            if len(digits) >= 3 and not (len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100):
                counts["n:" + digits] += 1
        else:
            low = tok.lower()
            if low not in STOP_WORDS and len(low) > 2:
                counts["w:" + stem(low)] += 1
                if tok[0].isupper() and not _starts_sentence(text, start):
                    counts["e:" + low] += 1
    return counts


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\n\"'“‘(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def _weight(term: str) -> float:
    if term.startswith("e:"):
        return _ENTITY_WEIGHT
    if term.startswith("n:"):
        return _FIGURE_WEIGHT
    return 1.0


class _Vectorizer:
    """Document frequencies and the TF-IDF weighting built on them."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, features: Counter[str]) -> None:
        self.df.update(features.keys())
        self.n_docs += 1

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def vector(self, features: Counter[str]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * self.idf(t) * _weight(t) for t, c in features.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def _top_terms(vec: dict[str, float], k: int = _TOP_TERMS) -> list[str]:
    return [t for t, _ in heapq.nlargest(k, vec.items(), key=lambda kv: kv[1])]


def cluster_articles(articles: Iterable[Article], *, threshold: float = DEFAULT_THRESHOLD) -> list[list[Article]]:
    """Group articles about the same event into stories.

    Deterministic: stories come biggest first, then by their earliest article (publication date
    where known, else input order); articles keep their input order inside a story. An article
    that matches nothing is a story of its own.

        >>> stories = cluster_articles(articles)
        >>> [len(s) for s in stories]
        [5, 3, 1]
    """
    arts = list(articles)
    if not arts:
        return []
    feats = [_features(a) for a in arts]
    vectorizer = _Vectorizer()
    for f in feats:
        vectorizer.add(f)
    vecs = [vectorizer.vector(f) for f in feats]
    pairs = _candidate_pairs(vecs, vectorizer)
    labels = _average_linkage(len(arts), pairs, threshold)
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


def _candidate_pairs(vecs: list[dict[str, float]], vectorizer: _Vectorizer) -> dict[tuple[int, int], float]:
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


def _average_linkage(n: int, pairs: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Agglomerative clustering on a sparse similarity graph; missing pairs count as 0."""
    members: dict[int, int] = {i: 1 for i in range(n)}  # cluster id -> size
    link: dict[int, dict[int, float]] = defaultdict(dict)  # sum of pair similarities
    for (i, j), s in pairs.items():
        if s > 0:
            link[i][j] = s
            link[j][i] = s
    heap = [(-s, i, j) for (i, j), s in pairs.items() if s >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = link[a].get(b, 0.0) / (members[a] * members[b])
        if abs(current + neg) > 1e-12:
            continue  # stale: one of the two has grown since
        # merge b into a
        members[a] += members.pop(b)
        parent[b] = a
        for c, s in link.pop(b).items():
            link[c].pop(b, None)
            if c != a:
                total = link[a].get(c, 0.0) + s
                link[a][c] = total
                link[c][a] = total
        link[a].pop(b, None)
        for c, total in link[a].items():
            avg = total / (members[a] * members[c])
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
    articles at least ``threshold``) or opens a new story, and returns the story's index.

    Each article's vector is weighted with the document frequencies known when it arrives and
    each story keeps the sum of its articles' vectors, so the mean cosine of a newcomer to a
    story is one sparse dot product; only stories sharing a distinctive term with the newcomer
    are scored. Early weights drift slightly as the collection grows; call
    :func:`cluster_articles` on the window now and then to re-cluster from scratch.

        >>> index = StoryIndex(cluster_articles(yesterday))
        >>> for article in fetched:
        ...     story = index.add(article)
        >>> index.stories[story]
    """

    def __init__(self, stories: Iterable[Sequence[Article]] = (), *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self._vectorizer = _Vectorizer()
        self._stories: list[list[Article]] = []
        self._centroids: list[dict[str, float]] = []  # sum of the story's article vectors
        self._postings: dict[str, set[int]] = defaultdict(set)  # term -> stories holding it
        stories = [list(s) for s in stories]
        # weigh the known stories with document frequencies of all of them, as a batch run would
        features = [[_features(a) for a in story] for story in stories]
        for story_features in features:
            for f in story_features:
                self._vectorizer.add(f)
        for story, story_features in zip(stories, features):
            index = self._new_story()
            for article, f in zip(story, story_features):
                self._append(index, article, self._vectorizer.vector(f))

    @property
    def stories(self) -> list[list[Article]]:
        """The stories, in the order they were created (indices are stable)."""
        return [list(s) for s in self._stories]

    def add_story(self, articles: Sequence[Article]) -> int:
        """Add a known story as is (no matching) and return its index."""
        index = self._new_story()
        for article in articles:
            feats = _features(article)
            self._vectorizer.add(feats)
            self._append(index, article, self._vectorizer.vector(feats))
        return index

    def assign(self, article: Article) -> int | None:
        """Index of the story ``article`` belongs to, or None; changes nothing."""
        feats = _features(article)
        self._vectorizer.add(feats)  # weigh the newcomer as a batch run would, then undo
        try:
            return self._best(self._vectorizer.vector(feats))
        finally:
            self._vectorizer.df.subtract(feats.keys())
            self._vectorizer.n_docs -= 1

    def add(self, article: Article) -> int:
        """Put ``article`` in its story (or a new one) and return that story's index."""
        feats = _features(article)
        self._vectorizer.add(feats)
        vec = self._vectorizer.vector(feats)
        index = self._best(vec)
        if index is None:
            index = self._new_story()
        self._append(index, article, vec)
        return index

    def _new_story(self) -> int:
        self._stories.append([])
        self._centroids.append({})
        return len(self._stories) - 1

    def _append(self, index: int, article: Article, vec: dict[str, float]) -> None:
        self._stories[index].append(article)
        centroid = self._centroids[index]
        for t, v in vec.items():
            centroid[t] = centroid.get(t, 0.0) + v
            self._postings[t].add(index)

    def _best(self, vec: dict[str, float]) -> int | None:
        limit = max(50, len(self._stories) // 20)
        candidates: set[int] = set()
        for t in _top_terms(vec):
            holders = self._postings.get(t, ())
            if 0 < len(holders) <= limit:
                candidates.update(holders)
        best: int | None = None
        best_score = self.threshold
        for index in sorted(candidates):
            score = _dot(vec, self._centroids[index]) / len(self._stories[index])
            if score >= best_score and (best is None or score > best_score):
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
