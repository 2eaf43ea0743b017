"""Story clustering: quality on mixed real clusters, and speed.

    .venv/bin/python bench/cluster_quality.py [--n 1000]

Quality: every passage of the 100 Multi-News clusters (../shared/eval/multinews-dev100.jsonl)
plus the seeds and the test stories (tests/data/stories) are mixed and re-clustered; the script
prints purity, inverse purity (how whole each true story stays), pairwise precision/recall/F1 and
the adjusted Rand index against the true grouping, for a few thresholds.
Speed: cluster_articles on N articles (Multi-News passages, then RGB news snippets to make up N)
and StoryIndex.add one article at a time over the same N.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.loaders import load_path, load_seeds
from summarizer.cluster import DEFAULT_THRESHOLD, StoryIndex, cluster_articles
from summarizer.model import Article

EVAL = ROOT.parent / "shared" / "eval"


def multinews() -> list[tuple[Article, str]]:
    out = []
    for n, line in enumerate((EVAL / "multinews-dev100.jsonl").open(encoding="utf-8")):
        row = json.loads(line)
        parts = [p for p in row["context"].split("Passage ") if p.strip()]
        for k, part in enumerate(parts):
            body = part.split(":", 1)[1] if ":" in part[:6] else part
            body = body.replace("NEWLINE_CHAR", "\n").strip()
            if len(body) > 200:
                out.append((Article(f"mn{n}_{k}", f"outlet{k}", body), f"mn{n}"))
    return out


def labelled_corpus() -> list[tuple[Article, str]]:
    items = multinews()
    items += [(a, "seeds") for a in load_seeds()]
    stories = ROOT / "tests" / "data" / "stories"
    if stories.is_dir():
        for folder in sorted(p for p in stories.iterdir() if p.is_dir()):
            items += [(a, folder.name) for a in load_path(folder)]
    return items


def scores(truth: list[str], predicted: list[int]) -> dict[str, float]:
    n = len(truth)
    pairs_true = sum(comb(c, 2) for c in Counter(truth).values())
    pairs_pred = sum(comb(c, 2) for c in Counter(predicted).values())
    pairs_both = sum(comb(c, 2) for c in Counter(zip(truth, predicted)).values())
    total = comb(n, 2)
    expected = pairs_true * pairs_pred / total
    ari = (pairs_both - expected) / (0.5 * (pairs_true + pairs_pred) - expected)
    precision = pairs_both / pairs_pred if pairs_pred else 1.0
    recall = pairs_both / pairs_true if pairs_true else 1.0
    joint = Counter(zip(predicted, truth))
    purity = sum(max(c for (p, _t), c in joint.items() if p == pred) for pred in set(predicted)) / n
    inverse = sum(max(c for (_p, t), c in joint.items() if t == tr) for tr in set(truth)) / n
    return {
        "ARI": ari,
        "pair P": precision,
        "pair R": recall,
        "pair F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "purity": purity,
        "inv purity": inverse,
        "stories": len(set(predicted)),
    }


def quality() -> None:
    items = labelled_corpus()
    articles = [a for a, _ in items]
    truth = [t for _, t in items]
    print(f"quality: {len(articles)} articles, {len(set(truth))} true stories "
          f"(Multi-News dev100 passages + 5 seeds + {len(set(truth)) - 101} test stories)")
    for threshold in (0.12, 0.15, DEFAULT_THRESHOLD, 0.22, 0.26):
        start = time.perf_counter()
        stories = cluster_articles(articles, threshold=threshold)
        elapsed = time.perf_counter() - start
        label = {a.id: i for i, s in enumerate(stories) for a in s}
        got = scores(truth, [label[a.id] for a in articles])
        marker = " (default)" if threshold == DEFAULT_THRESHOLD else ""
        print(f"  threshold {threshold:.2f}{marker}: " + ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in got.items()) + f", {elapsed:.2f} s")
    index = StoryIndex()
    for a in articles:  # one at a time, in input order, as the pipeline feeds it
        index.add(a)
    label = {a.id: i for i, s in enumerate(index.stories) for a in s}
    got = scores(truth, [label[a.id] for a in articles])
    print("  incremental StoryIndex.add: " + ", ".join(
        f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in got.items()))
    # the seeds and each test story must come out whole and alone
    stories = cluster_articles(articles)
    for name in sorted({t for t in truth if not t.startswith("mn")}):
        ids = {a.id for a, t in items if t == name}
        holding = [s for s in stories if ids & {a.id for a in s}]
        extra = sum(len([a for a in s if a.id not in ids]) for s in holding)
        print(f"  {name}: {len(ids)} articles in {len(holding)} stor{'y' if len(holding) == 1 else 'ies'}, {extra} foreign")


def speed(n: int) -> None:
    articles = [a for a, _ in multinews()]
    rgb = EVAL / "rgb-en_fact.json"
    k = 0
    for line in rgb.open(encoding="utf-8"):
        row = json.loads(line)
        for field in ("positive", "negative", "positive_wrong"):
            for snippet in row.get(field, []):
                if len(articles) < n:
                    articles.append(Article(f"rgb{k}", "rgb", snippet))
                    k += 1
    # past the real texts, whole articles again under new ids (longer texts: a fair load)
    base = list(articles)
    while len(articles) < n:
        a = base[len(articles) % len(base)]
        articles.append(Article(f"{a.id}_copy{len(articles)}", a.source, a.text))
    articles = articles[:n]
    words = sum(len(a.text.split()) for a in articles)
    start = time.perf_counter()
    stories = cluster_articles(articles)
    batch = time.perf_counter() - start
    start = time.perf_counter()
    index = StoryIndex()
    for a in articles:
        index.add(a)
    incremental = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"speed: {n} articles ({words} words): cluster_articles {batch:.2f} s -> {len(stories)} stories; "
          f"StoryIndex.add x{n} {incremental:.2f} s ({incremental / n * 1000:.1f} ms each) -> "
          f"{len(index.stories)} stories; peak RSS {rss:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for the speed run")
    args = parser.parse_args()
    quality()
    speed(args.n)


if __name__ == "__main__":
    main()
