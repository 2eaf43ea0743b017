"""Where could story recall still come from? Studies on the fitting half of the real pools only.

    .venv/bin/python bench/story_recall.py                 # every study
    .venv/bin/python bench/story_recall.py weighting merge # some of them

Fit pools only, as every issue-12 round builds them: Multi-News dev clusters 1-50 shuffled as
``../shared/tools/score_stories.py`` shuffles them (seed 1), alone and mixed with 300 and 1,000
unrelated real articles (RealTime QA, July-September 2024: ``cluster_quality._distractors``),
scored by B-cubed F1 over the Multi-News passages. The checking half (clusters 51-100) is never
read here. Each study changes one thing against ``summarizer.cluster`` as shipped and prints the
batch (``cluster_articles``' criterion) and the streaming filer (``StoryIndex.add`` one article at
a time, each grown story regrouped, as ``StoryTracker`` files a poll) on the three pools:

  weighting  term weights: idf blended with a background of real articles (RealTime QA,
             January-June 2024, never in a pool) at weight w, and BM25-like saturation of the
             term counts (k1) instead of 1 + log(count), each with the threshold swept
  linkage    the closest pair instead of the mean: for every two predicted stories whose closest
             articles have cosine >= 0.12, is that pair one true story?
  ngrams     rare runs of six words (held by 2-3 articles) shared by two articles: same story or
             not, for the pairs under the joining threshold
  merge      at each poll's end, the stories the poll touched also merge with another open,
             undelivered story when the batch's criterion says they are one (streaming only)
  short      each passage under 80 words: where its own story's best article ranks among all
             articles by containment (the share of the short text's weight the other one holds)
"""

from __future__ import annotations

import math
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from cluster_quality import EVAL, _bcubed_over, _distractors, real_articles, write_halves  # noqa: E402

from summarizer import cluster as C  # noqa: E402
from summarizer.model import Article  # noqa: E402
from summarizer.page_check import check_page  # noqa: E402

Pool = list[tuple[str, str]]  # (true story, text), in the scorer's order
_FEATURES: dict[str, C.ArticleFeatures] = {}


def features(text: str) -> C.ArticleFeatures:
    f = _FEATURES.get(text)
    if f is None:
        f = _FEATURES[text] = C.article_features(Article("x", "x", text))
    return f


def fit_pools() -> dict[str, tuple[Pool, list[int]]]:
    """The fit half alone and with 300 / 1,000 unrelated articles; with the positions scored."""
    sys.path.insert(0, str(EVAL.parent / "tools"))
    import score_stories

    with tempfile.TemporaryDirectory() as tmp:
        fit, _ = write_halves(Path(tmp))
        items = score_stories.pool([str(fit)], 1)
    pools = {"fit": (items, list(range(len(items))))}
    extra = _distractors(1000)
    for n in (300, 1000):
        pool = items + [(f"d{i}", t) for i, t in enumerate(extra[:n])]
        random.Random(1).shuffle(pool)
        pools[f"fit+{n}"] = (pool, [i for i, (c, _) in enumerate(pool) if not c.startswith("d")])
    return pools


def background(lo: str = "20240101", hi: str = "20240701") -> list[str]:
    """Real articles of RealTime QA's first half of 2024 (the pools' unrelated ones are July-September)."""
    return real_articles(lo, hi)


class Weighting(C._Vectorizer):
    """``summarizer.cluster``'s TF-IDF with two knobs: a background's document frequencies blended
    in at weight ``w`` (0: as shipped) and BM25 saturation ``k1`` of the counts (None: 1 + log)."""

    def __init__(self, bg_df: Counter[str] | None = None, bg_n: int = 0, w: float = 0.0, k1: float | None = None):
        super().__init__()
        self.bg_df, self.bg_n, self.w, self.k1 = bg_df or Counter(), bg_n, w, k1

    def idf(self, term: str) -> float:
        n = 1 + self.n_docs + self.w * self.bg_n
        return math.log(n / (1 + self.df.get(term, 0) + self.w * self.bg_df.get(term, 0))) + 1.0

    def vectors(self, feats: C.ArticleFeatures) -> C._Vectors:
        k1 = self.k1
        raw = {t: (1.0 + math.log(c) if k1 is None else c * (k1 + 1) / (c + k1)) * self.idf(t) for t, c in feats.terms.items()}
        return C._Vectors(C._unit(raw), C._unit({t: raw[t] for t in feats.identity}), feats.slots)


def batch(pool: Pool, make: Callable[[], C._Vectorizer], threshold: float) -> list[str]:
    """Labels as ``cluster_articles`` gives them (pages that are no article alone)."""
    ok = [i for i, (_, t) in enumerate(pool) if check_page(t).is_article]
    vectorizer = make()
    for i in ok:
        vectorizer.add(features(pool[i][1]))
    vecs = [vectorizer.vectors(features(pool[i][1])) for i in ok]
    labels = C._average_linkage(vecs, C._candidate_pairs([v.text for v in vecs]), threshold, C.IDENTITY_RATIO)
    out = [f"alone{i}" for i in range(len(pool))]
    for k, i in enumerate(ok):
        out[i] = f"c{labels[k]}"
    return out


def stream(pool: Pool, make: Callable[[], C._Vectorizer], threshold: float, merge: bool = False, log: list | None = None) -> list[str]:
    """Labels as the tracker files the pool one article a poll: add, regroup the grown story, and
    (``merge``) let the touched stories merge with another open story by the batch's criterion."""
    index = C.StoryIndex(threshold=threshold)
    index._vectorizer = make()
    for i, (_, text) in enumerate(pool):
        if not check_page(text).is_article:
            continue
        story = index.add(Article(f"a{i}", f"Outlet {i}", text), features(text))
        before = len(index._stories)
        index.regroup(story, [features(pool[int(a.id[1:])][1]) for a in index._stories[story]])
        if merge:
            for touched in [story, *range(before, len(index._stories))]:
                _merge(index, touched, pool, log)
    out = [f"alone{i}" for i in range(len(pool))]
    for k, story in enumerate(index._stories):
        for a in story:
            out[int(a.id[1:])] = f"s{k}"
    return out


def _merge(index: C.StoryIndex, s: int, pool: Pool, log: list | None) -> None:
    while index._stories[s]:
        candidates: set[int] = set()
        for t in C._top_terms(index._centroids[s]):
            holders = index._postings.get(t)
            if holders and len(holders) <= C._POSTINGS_LIMIT:
                candidates |= holders
        best, best_mean = None, index.threshold
        for t in candidates - {s}:
            if not index._stories[t]:
                continue
            mean = C._dot(index._centroids[s], index._centroids[t]) / (len(index._stories[s]) * len(index._stories[t]))
            a, b = index._named[s], index._named[t]
            identity = C._dot(index._identities[s], index._identities[t]) / (a * b) if a and b else None
            if mean >= best_mean and C._identity_agrees(identity, mean, index.identity_ratio) and not C._slots_conflict(index._slots[s], index._slots[t]):
                best, best_mean = t, mean
        if best is None:
            return
        keep, gone = min(s, best), max(s, best)
        if log is not None:
            log.append(best_mean)
        moved = index._stories[gone]
        index._unpost(gone)
        index._stories[gone], index._centroids[gone], index._identities[gone] = [], {}, {}
        index._named[gone], index._slots[gone] = 0, {}
        for a in moved:
            index._append(keep, a, index._vectorizer.vectors(features(pool[int(a.id[1:])][1])))
        s = keep


def f1(pool: Pool, keep: list[int], labels: list[str]) -> float:
    return _bcubed_over([c for c, _ in pool], labels, keep)[0]


def weighting(pools) -> None:
    print("weighting: B-cubed F1 on fit / fit+300 / fit+1000 (mean); batch | streaming")
    texts = background()
    bg_df: Counter[str] = Counter()
    for t in texts:
        bg_df.update(features(t).terms.keys())
    print(f"  background: {len(texts)} articles, {len(bg_df)} terms")
    settings = [(0.0, None, thr) for thr in (0.14, 0.16, 0.18)]
    settings += [(w, None, thr) for w in (0.1, 0.3, 1.0) for thr in (0.14, 0.16, 0.18)]
    settings += [(0.0, k1, thr) for k1 in (1.2, 2.0, 3.0) for thr in (0.13, 0.14, 0.15, 0.16)]
    for w, k1, thr in settings:
        def make(w=w, k1=k1):
            return Weighting(bg_df, len(texts), w, k1)
        b = [f1(p, k, batch(p, make, thr)) for p, k in pools.values()]
        s = [f1(p, k, stream(p, make, thr)) for p, k in pools.values()]
        print(f"  w {w:<4} k1 {str(k1):<4} thr {thr:.2f}: " + " ".join(f"{x:.4f}" for x in b) + f" ({sum(b) / 3:.4f}) | "
              + " ".join(f"{x:.4f}" for x in s) + f" ({sum(s) / 3:.4f})", flush=True)


def _vectors(pool: Pool) -> tuple[list[int], dict[int, C._Vectors]]:
    ok = [i for i, (_, t) in enumerate(pool) if check_page(t).is_article]
    vectorizer = C._Vectorizer()
    for i in ok:
        vectorizer.add(features(pool[i][1]))
    return ok, {i: vectorizer.vectors(features(pool[i][1])) for i in ok}


def linkage(pools) -> None:
    print("linkage: predicted story pairs (batch, thr 0.16) whose closest articles reach a cosine; one true story?")
    for name, (pool, _) in pools.items():
        ok, vecs = _vectors(pool)
        labels = batch(pool, C._Vectorizer, C.DEFAULT_THRESHOLD)
        groups: dict[str, list[int]] = defaultdict(list)
        for i in ok:
            groups[labels[i]].append(i)
        parts = list(groups.values())

        def major(g: list[int]) -> str:
            return Counter(pool[i][0] for i in g).most_common(1)[0][0]

        rows = []
        for x in range(len(parts)):
            for y in range(x + 1, len(parts)):
                a, b = parts[x], parts[y]
                if major(a).startswith("d") and major(b).startswith("d"):
                    continue
                cos = [C._dot(vecs[i].text, vecs[j].text) for i in a for j in b]
                if max(cos) >= 0.12:
                    rows.append((max(cos), sum(cos) / len(cos), major(a) == major(b)))
        for cut in (0.12, 0.15, 0.18, 0.2):
            hit = [r for r in rows if r[0] >= cut]
            print(f"  {name}: closest pair >= {cut:.2f}: {len(hit)} pairs, {sum(r[2] for r in hit)} one true story"
                  f" (their means {', '.join(f'{r[1]:.3f}' for r in hit if r[2])})")


_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def ngrams(pools, k: int = 6) -> None:
    print(f"ngrams: pairs sharing a run of {k} words held by 2-3 articles, text cosine under 0.16")
    for name, (pool, _) in pools.items():
        ok, vecs = _vectors(pool)
        runs = {}
        for i in ok:
            toks = [t.lower() for t in _WORDS.findall(pool[i][1][:6000])]
            runs[i] = {tuple(toks[j:j + k]) for j in range(len(toks) - k + 1)}
        df: Counter = Counter()
        for i in ok:
            df.update(runs[i])
        holders: dict[tuple, list[int]] = defaultdict(list)
        for i in ok:
            for r in runs[i]:
                if 2 <= df[r] <= 3:
                    holders[r].append(i)
        shared: Counter = Counter()
        for held in holders.values():
            for x in range(len(held)):
                for y in range(x + 1, len(held)):
                    shared[(held[x], held[y])] += 1
        kinds: Counter = Counter()
        for (i, j), n in shared.items():
            if pool[i][0].startswith("d") and pool[j][0].startswith("d"):
                continue
            if C._dot(vecs[i].text, vecs[j].text) < C.DEFAULT_THRESHOLD:
                kinds["same story" if pool[i][0] == pool[j][0] else "different stories"] += 1
        print(f"  {name}: {dict(kinds)}")


def merge(pools) -> None:
    print("merge: streaming (add + regroup) with and without merging touched stories into open ones")
    for on in (False, True):
        log: list[float] = []
        got = [_bcubed_over([c for c, _ in p], stream(p, C._Vectorizer, C.DEFAULT_THRESHOLD, on, log), k) for p, k in pools.values()]
        print(f"  merge {on}: " + " ".join(f"{x[0]:.4f} (P {x[1]:.3f} R {x[2]:.3f})" for x in got)
              + f" mean {sum(x[0] for x in got) / 3:.4f}; merges {len(log)}")


def short(pools) -> None:
    print("short: passages under 80 words, rank of their own story's best article by containment (fit+1000)")
    pool, _ = pools["fit+1000"]
    ok, vecs = _vectors(pool)
    for i in ok:
        if pool[i][0].startswith("d") or len(pool[i][1].split()) >= 80:
            continue
        x = vecs[i].text
        ranked = sorted(((sum(v * v for t, v in x.items() if t in vecs[j].text), pool[j][0]) for j in ok if j != i), reverse=True)
        own = next(r for r, (_, c) in enumerate(ranked) if c == pool[i][0])
        print(f"  {pool[i][0]} ({len(pool[i][1].split())} words): own story first at rank {own} "
              f"(containment {ranked[own][0]:.2f}; best {ranked[0][0]:.2f}, {'own' if own == 0 else 'another'})")


STUDIES = {"weighting": weighting, "linkage": linkage, "ngrams": ngrams, "merge": merge, "short": short}


def main() -> None:
    chosen = sys.argv[1:] or list(STUDIES)
    pools = fit_pools()
    for name in chosen:
        STUDIES[name](pools)


if __name__ == "__main__":
    main()
