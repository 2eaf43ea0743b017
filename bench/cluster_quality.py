"""Story clustering: quality on mixed real clusters, templated sibling events, and speed.

    .venv/bin/python bench/cluster_quality.py [--n 1000] [--filing 1000 10000] [--skip-speed]
    .venv/bin/python bench/cluster_quality.py --real     # B-cubed on the real pools, fit vs check

Real pools (``--real``): the headline figure. Multi-News dev clusters 1-50 are the fitting half,
51-100 the checking half; the shared scorer scores ``cluster_articles`` against its TF-IDF
baseline (threshold fitted on the fitting half) on the checking half alone and on both, in one
run; the same pools filed one article at a time by ``StoryIndex`` (the pipeline's path); then
the fitting half mixed with 300 and 1,000 unrelated real articles, both ways.

Quality: every passage of the 100 Multi-News clusters (../shared/eval/multinews-dev100.jsonl)
plus the seeds and the test stories (tests/data/stories) are mixed and re-clustered; the script
prints purity, inverse purity (how whole each true story stays), pairwise precision/recall/F1 and
the adjusted Rand index against the true grouping, for a few thresholds.
Templated siblings (``--filing N ...``): the synthetic stream of bench/synthetic_news.py (events
derived from one real cluster share its wording and differ in names and figures) filed into
stories by the real ``StoryTracker`` over a real SQLite store, one batch per 3 simulated hours
over a dense week: the filing half of bench/pipeline.py without feeds, HTTP or briefing, so a
change to the clustering can be judged in a minute. ARI and pairwise precision/recall against the
generated events; merged pairs split into siblings (events derived from one real cluster) and
unrelated events.
Speed: cluster_articles on N articles (Multi-News passages, then RGB news snippets to make up N)
and StoryIndex.add one article at a time over the same N.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from math import comb
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bot.loaders import load_path, load_seeds
from summarizer.cluster import DEFAULT_THRESHOLD, StoryIndex, cluster_articles
from summarizer.model import Article

from synthetic_news import DEFAULT_DATA  # noqa: E402

EVAL = DEFAULT_DATA.parent  # ../shared/eval


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


def filing(n: int, *, days: float = 7.0, poll_hours: float = 3.0, seed: int = 7) -> None:
    """File a synthetic week through the real StoryTracker; print agreement with the events."""
    from synthetic_news import generate_corpus

    from bot.app import build_service
    from bot.config import parse_config

    corpus = generate_corpus(n, seed=seed, days=days)
    # opaque ids, as the store's are: keys like "e00042-3" sort an event's articles together
    truth = {_opaque(a.key): a for a in corpus.articles}
    poll = timedelta(hours=poll_hours)
    with tempfile.TemporaryDirectory() as tmp:
        config = parse_config({"include_seeds": False, "storage": {"path": f"{tmp}/filing.db"}}, source=Path(tmp) / "c.toml")
        now = [corpus.start]
        service = build_service(config, clock=lambda: now[0], fetch_seeds=False)
        pending = list(corpus.articles)
        at = corpus.start + poll
        elapsed = 0.0
        polls = 0
        while pending:
            batch = [a for a in pending if a.published <= at]
            pending = pending[len(batch):]
            now[0] = at
            if batch:
                articles = [
                    Article(_opaque(a.key), f"Outlet {a.outlet}", a.text, title=a.title, published=a.published) for a in batch
                ]
                t0 = time.perf_counter()
                service.add_articles(articles)
                elapsed += time.perf_counter() - t0
                polls += 1
            at += poll
        rows = service.store.articles()
        stories = service.store.stories()
        service.close()
    labels = [(truth[r.id].event, truth[r.id].base, r.story_id) for r in rows]
    got = scores([str(e) for e, _, _ in labels], [hash(s) for _, _, s in labels])
    pairs_pred = sum(comb(c, 2) for c in Counter(s for _, _, s in labels).values())
    pairs_both = sum(comb(c, 2) for c in Counter((e, s) for e, _, s in labels).values())
    pairs_base = sum(comb(c, 2) for c in Counter((b, s) for _, b, s in labels).values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"templated siblings, {n:,} articles over {days:g} days ({corpus.events:,} events, {polls} polls): "
          f"ARI {got['ARI']:.3f}, pair P {got['pair P']:.3f} / R {got['pair R']:.3f}, purity {got['purity']:.3f}, "
          f"{len(stories):,} stories (largest {max(s.size for s in stories)}), merged pairs: "
          f"{pairs_base - pairs_both:,} sibling / {pairs_pred - pairs_base:,} unrelated; "
          f"store + filing {elapsed:.1f} s, peak RSS {rss:.0f} MiB", flush=True)


def _opaque(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


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


def write_halves(folder: Path) -> tuple[Path, Path]:
    """The two halves of the real pools as files in ``folder`` (as ``score_stories.py`` reads them):
    Multi-News dev clusters 1-50 to fit on, 51-100 to check on."""
    rows = (EVAL / "multinews-dev100.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    fit, check = folder / "fit.jsonl", folder / "check.jsonl"
    fit.write_text("".join(rows[:50]), encoding="utf-8")
    check.write_text("".join(rows[50:100]), encoding="utf-8")
    return fit, check


def real_pools(distractors: tuple[int, ...] = (300, 1000)) -> None:
    """B-cubed F1 / P / R on the real pools, split as this session splits them: Multi-News dev
    clusters 1-50 fit, 51-100 check, scored by ../shared/tools/score_stories.py (the project's
    ``cluster_articles`` against its TF-IDF + average-linkage baseline tuned on the fit half, in
    the same run). Then the fit half mixed with unrelated real articles (RealTime QA, July-September
    2024, fit side), scored over the Multi-News passages only: does a story absorb strangers when
    the pool grows? (The baseline threshold and ours were both fitted on the fit half alone.)"""
    import random
    import subprocess

    tools = EVAL.parent / "tools"
    with tempfile.TemporaryDirectory() as tmp:
        fit, check = write_halves(Path(tmp))
        out = subprocess.run([sys.executable, str(tools / "score_stories.py"), str(fit), str(check)],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout
        print("real pools, fit = clusters 1-50, check = 51-100 (F1, P, R):", out.strip(), flush=True)
        sys.path.insert(0, str(tools))
        import score_stories

        items = score_stories.pool([str(fit)], 1)
        f1 = score_stories.bcubed_f1([c for c, _ in items], score_stories.project(items)[0])
        print(f"  cluster_articles, fit half alone (the scorer's shuffle): F1 {f1[0]:.4f} (P {f1[1]:.4f}, R {f1[2]:.4f})")
        # the pipeline's path: the same pools (the scorer's shuffles) filed one article at a time
        for name, paths in (("fit", [fit]), ("check", [check]), ("fit + check", [fit, check])):
            pool = score_stories.pool([str(p) for p in paths], 1)
            for regroup in (False, True):
                f1 = score_stories.bcubed_f1([c for c, _ in pool], _streamed(pool, regroup))
                how = "with regroup (the pipeline's filing)" if regroup else "without regroup"
                print(f"  StoryIndex.add one at a time, {how}, {name}: F1 {f1[0]:.4f} (P {f1[1]:.4f}, R {f1[2]:.4f})")
    extra = _distractors(max(distractors, default=0))
    for n in distractors:
        pool = items + [(f"d{i}", t) for i, t in enumerate(extra[:n])]
        random.Random(1).shuffle(pool)
        keep = [i for i, (c, _) in enumerate(pool) if not c.startswith("d")]
        truth = [c for c, _ in pool]
        for how, labels in (
            ("cluster_articles", score_stories.project(pool)[0]),
            ("StoryIndex.add", _streamed(pool, False)),
            ("StoryIndex.add + regroup", _streamed(pool, True)),
        ):
            f1 = _bcubed_over(truth, labels, keep)
            print(f"  fit half + {n} unrelated real articles, over the fit half's passages, {how}: "
                  f"F1 {f1[0]:.4f} (P {f1[1]:.4f}, R {f1[2]:.4f})")


def _streamed(items: list[tuple[str, str]], regroup: bool = True) -> list[str]:
    """Labels of ``items`` (the scorer's (cluster, text) pairs) filed one at a time in order by a
    ``StoryIndex``, as the pipeline files them (pages that are no article left out, each a story
    of its own as the scorer counts them). No dates: the real pools carry none. ``regroup``: after
    each article, the story it joined is clustered again among itself (``StoryIndex.regroup``), as
    the tracker does for the undelivered stories a poll changed (here a poll is one article)."""
    from summarizer.page_check import check_page

    from summarizer.cluster import article_features

    index = StoryIndex()
    features = {}
    for i, (_, text) in enumerate(items):
        if check_page(text).is_article:
            article = Article(f"a{i}", f"Outlet {i}", text)
            features[article.id] = article_features(article)
            story = index.add(article, features[article.id])
            if regroup:  # as StoryTracker does at a poll's end for each undelivered story that grew
                index.regroup(story, [features[a.id] for a in index.stories[story]])
    labels = [f"alone{i}" for i in range(len(items))]
    for k, story in enumerate(index.stories):
        for a in story:
            labels[int(a.id[1:])] = f"s{k}"
    return labels


def real_articles(lo: str, hi: str) -> list[str]:
    """Real articles of RealTime QA 2024's search results for the weeks from ``lo`` to before ``hi``
    (YYYYMMDD), each once (by URL), 80 words or more, in file order."""
    import gzip

    out, seen = [], set()
    for path in sorted((EVAL / "realtimeqa-2024").glob("2024*_gcs.jsonl.gz")):
        if not (lo <= path.name[:8] < hi):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                for result in json.loads(line)["search_result"]:
                    text, url = result.get("text") or "", result.get("url")
                    if url not in seen and len(text.split()) >= 80:
                        seen.add(url)
                        out.append(text)
    return out


def _distractors(n: int) -> list[str]:
    import random

    out = real_articles("20240701", "20241001")
    random.Random(0).shuffle(out)
    return out[:n]


def _bcubed_over(truth: list[str], labels: list[Any], subset: list[int]) -> tuple[float, float, float]:
    from collections import defaultdict

    true_sets: dict[str, set[int]] = defaultdict(set)
    pred_sets: dict[Any, set[int]] = defaultdict(set)
    for i, (t, p) in enumerate(zip(truth, labels)):
        true_sets[t].add(i)
        pred_sets[p].add(i)
    precision = sum(len(true_sets[truth[i]] & pred_sets[labels[i]]) / len(pred_sets[labels[i]]) for i in subset) / len(subset)
    recall = sum(len(true_sets[truth[i]] & pred_sets[labels[i]]) / len(true_sets[truth[i]]) for i in subset) / len(subset)
    return 2 * precision * recall / (precision + recall), precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for the speed run")
    parser.add_argument("--filing", type=int, nargs="*", default=[1000], help="sizes of the templated-siblings run")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--real", action="store_true", help="only the real pools: fit/check B-cubed against the baseline")
    args = parser.parse_args()
    if args.real:
        real_pools()
        return
    if not args.skip_quality:
        quality()
    for n in args.filing:
        filing(n)
    if not args.skip_speed:
        speed(args.n)


if __name__ == "__main__":
    main()
