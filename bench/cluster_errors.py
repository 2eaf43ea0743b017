"""Where story clustering goes wrong on the fitting half of the real pools, with a cause for each.

    .venv/bin/python bench/cluster_errors.py             # batch (cluster_articles) and streaming (StoryIndex)

Fit half only: Multi-News dev clusters 1-50, shuffled as ``../shared/tools/score_stories.py``
shuffles them (the checking half is never listed). Prints B-cubed F1 and the ceiling left by
page furniture (every article grouped exactly, every page that ``page_check`` finds no article
alone, as the design requires), then each split true story, part by part, and each wrong merge.
Passages are named by their position in the pool and their first words are not printed (the
text is Multi-News's; read it from the pool if needed).

Causes, first that applies, for each pair of parts of a split story:
  furniture     one part is pages that are no article (kept alone by design)
  short         one part is one passage under 60 words (posts, captions)
  near miss     mean cosine within a fifth of the threshold
  few words     the parts share little text (mean cosine further below)
and for the streaming filer, each newcomer that joined a story of another true story: whether a
later article of its own story is closer to it than the story it joined ("closest pair later":
the batch would have joined those first) or not ("sibling": the joined story is simply closer).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from cluster_quality import EVAL, write_halves  # noqa: E402

from summarizer.cluster import DEFAULT_THRESHOLD, StoryIndex, _dot, _Vectorizer, article_features, cluster_articles  # noqa: E402
from summarizer.model import Article  # noqa: E402
from summarizer.page_check import check_page  # noqa: E402

SHORT_WORDS = 60


def fit_pool() -> list[tuple[str, str]]:
    import tempfile

    sys.path.insert(0, str(EVAL.parent / "tools"))
    import score_stories

    with tempfile.TemporaryDirectory() as tmp:
        fit, _ = write_halves(Path(tmp))
        return score_stories.pool([str(fit)], 1)


def main() -> None:
    items = fit_pool()
    from score_stories import bcubed_f1  # on the path once fit_pool ran

    truth = [c for c, _ in items]
    arts = [Article(f"a{i}", f"Outlet {i}", d) for i, (_, d) in enumerate(items)]
    is_article = [check_page(a.text).is_article for a in arts]
    words = [len(d.split()) for _, d in items]
    label = {a.id: k for k, s in enumerate(cluster_articles(arts)) for a in s}
    pred = [label.get(f"a{i}", f"alone{i}") for i in range(len(items))]
    ceiling = [t if ok else f"alone{i}" for i, (t, ok) in enumerate(zip(truth, is_article))]
    print(f"fit half, {len(items)} passages, {len(set(truth))} true stories, {is_article.count(False)} pages that are no article")
    print(f"  cluster_articles: B-cubed F1 / P / R {bcubed_f1(truth, pred)}; ceiling with furniture alone {bcubed_f1(truth, ceiling)}")

    feats = [article_features(a) for a in arts]
    vectorizer = _Vectorizer()
    for f, ok in zip(feats, is_article):
        if ok:
            vectorizer.add(f)
    vecs = [vectorizer.vectors(f).text for f in feats]

    def mean(a: list[int], b: list[int]) -> float:
        return sum(_dot(vecs[i], vecs[j]) for i in a for j in b) / (len(a) * len(b))

    by_pred: dict[object, list[int]] = defaultdict(list)
    by_true: dict[str, list[int]] = defaultdict(list)
    for i, (t, p) in enumerate(zip(truth, pred)):
        by_pred[p].append(i)
        by_true[t].append(i)
    causes: Counter[str] = Counter()
    print("split true stories (parts: passages [words]; pairs of parts: mean cosine, cause)")
    for t, members in sorted(by_true.items()):
        parts: dict[object, list[int]] = defaultdict(list)
        for i in members:
            parts[pred[i]].append(i)
        if len(parts) < 2:
            continue
        listed = list(parts.values())
        print(f"  {t}: {len(members)} passages in {len(listed)} stories: " + "; ".join(
            " ".join(f"{i}[{words[i]}]" for i in part) + (f" (+{len(by_pred[pred[part[0]]]) - len(part)} foreign)"
                                                        if len(by_pred[pred[part[0]]]) > len(part) else "")
            for part in listed))
        for x in range(len(listed)):
            for y in range(x + 1, len(listed)):
                a, b = listed[x], listed[y]
                cosine = mean(a, b)
                if not all(is_article[i] for i in a) or not all(is_article[i] for i in b):
                    cause = "furniture"
                elif (len(a) == 1 and words[a[0]] < SHORT_WORDS) or (len(b) == 1 and words[b[0]] < SHORT_WORDS):
                    cause = "short"
                elif cosine >= 0.8 * DEFAULT_THRESHOLD:
                    cause = "near miss"
                else:
                    cause = "few words"
                causes[cause] += 1
                print(f"      {a} ~ {b}: {cosine:.3f} {cause}")
    print("  pairs of parts by cause:", dict(causes))
    loss_split("cluster_articles", truth, pred, is_article, words, mean, bcubed_f1)
    print("wrong merges (predicted story: true stories and their passages)")
    for p, members in by_pred.items():
        stories = Counter(truth[i] for i in members)
        if len(stories) > 1:
            print(f"  {dict(stories)}: " + ", ".join(f"{i}[{truth[i]}]" for i in members))

    print("streaming (StoryIndex.add in pool order): joins into another true story's story")
    index = StoryIndex()
    slabels = [f"alone{i}" for i in range(len(items))]
    for i, a in enumerate(arts):
        if not is_article[i]:
            continue
        story = index.add(a, feats[i])
        slabels[i] = f"s{story}"
        held = [int(x.id[1:]) for x in index.stories[story][:-1]]
        if held and Counter(truth[j] for j in held).most_common(1)[0][0] != truth[i]:
            joined = mean([i], held)
            own_later = [j for j in by_true[truth[i]] if j > i and is_article[j]]
            closest = max((_dot(vecs[i], vecs[j]) for j in own_later), default=0.0)
            kind = "closest pair later" if closest > joined else "sibling"
            print(f"  {i}[{truth[i]}] joined {held} ({Counter(truth[j] for j in held).most_common(1)[0][0]}) "
                  f"at {joined:.3f}; its own story's closest later passage {closest:.3f}: {kind}")
    print(f"  StoryIndex.add: B-cubed F1 / P / R {bcubed_f1(truth, slabels)}")
    loss_split("StoryIndex.add", truth, slabels, is_article, words, mean, bcubed_f1)
    from cluster_quality import _streamed

    regrouped = _streamed(items, True)
    print(f"  StoryIndex.add + regroup (the tracker's filing): B-cubed F1 / P / R {bcubed_f1(truth, regrouped)}")
    loss_split("StoryIndex.add + regroup", truth, regrouped, is_article, words, mean, bcubed_f1)


def loss_split(name, truth, pred, is_article, words, mean, bcubed_f1) -> None:
    """B-cubed F1 gained by mending one class of error at a time: wrong merges first (each
    passage outside its predicted story's majority story alone), then, on top of that, the split
    stories' parts joined whose pairs have one cause (furniture: joining pages that are no article
    to their story, which the design forbids; shown for scale)."""
    base = bcubed_f1(truth, pred)[0]
    by_pred: dict[object, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        by_pred[p].append(i)
    major = {p: Counter(truth[i] for i in m).most_common(1)[0][0] for p, m in by_pred.items()}
    unmerged = [p if truth[i] == major[p] else f"out{i}" for i, p in enumerate(pred)]
    f_merge = bcubed_f1(truth, unmerged)[0]
    gains = {"wrong merges": f_merge - base}

    def cause_of(a: list[int], b: list[int]) -> str:
        if not all(is_article[i] for i in a) or not all(is_article[i] for i in b):
            return "furniture"
        if (len(a) == 1 and words[a[0]] < SHORT_WORDS) or (len(b) == 1 and words[b[0]] < SHORT_WORDS):
            return "short"
        return "near miss" if mean(a, b) >= 0.8 * DEFAULT_THRESHOLD else "few words"

    for cause in ("near miss", "short", "few words", "furniture"):
        labels = list(unmerged)
        by_true: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(truth):
            by_true[t].append(i)
        for t, members in by_true.items():
            parts: dict[object, list[int]] = defaultdict(list)
            for i in members:
                parts[labels[i]].append(i)
            listed = list(parts.values())
            root = list(range(len(listed)))

            def find(x: int) -> int:
                while root[x] != x:
                    x = root[x]
                return x

            for x in range(len(listed)):
                for y in range(x + 1, len(listed)):
                    if cause_of(listed[x], listed[y]) == cause:
                        root[find(x)] = find(y)
            for x, part in enumerate(listed):
                for i in part:
                    labels[i] = f"{t}#{find(x)}"
        gains[cause] = bcubed_f1(truth, labels)[0] - f_merge
    print(f"  {name}: F1 {base:.4f}; F1 gained by mending each class alone: "
          + ", ".join(f"{k} +{v:.4f}" for k, v in gains.items()))


if __name__ == "__main__":
    main()
