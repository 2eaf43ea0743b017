"""Multi-News: the merged brief against sumy's LexRank, side by side in one run.

For each cluster of the dev file (one JSON object a line; ``context`` holds the articles as
"Passage N:" blocks with paragraph breaks written " NEWLINE_CHAR "; ``answers[0]`` is the human
summary), both systems get the same articles and the same 300-word budget:

(a) sumy's ``LexRankSummarizer`` as shipped (English Snowball stemmer, sumy's English stop words,
    offline ``SentenceTokenizer``) over all articles, sentences taken in ranked order while they
    fit the budget;
(b) ``summarizer.build_brief(articles, max_words=300)``, summary texts joined.

Both are scored with the rouge-score package (ROUGE-1/2/L F1, Porter stemming) and timed per
cluster (wall clock, summarization only). Peak memory is tracemalloc's peak over each system's
calls, in a separate pass (tracing slows Python down and would skew the timings). The first half of the file is where choices were tuned; the second half is reported
separately as a check (``--split``).

    .venv/bin/python bench/multinews.py                # all 100 clusters
    .venv/bin/python bench/multinews.py --limit 20     # a quick look
    .venv/bin/python bench/multinews.py --split        # tune half and check half, separately
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer import Article, build_brief
from summarizer.text import SentenceTokenizer

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "multinews-dev100.jsonl"
BUDGET = 300
_PASSAGE = re.compile(r"Passage \d+:\n")


@dataclass(frozen=True)
class Cluster:
    articles: tuple[Article, ...]
    reference: str


@dataclass
class Scores:
    rouge1: list[float] = field(default_factory=list)
    rouge2: list[float] = field(default_factory=list)
    rougeL: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    peak_bytes: int = 0


def load_clusters(path: Path) -> list[Cluster]:
    """One ``Cluster`` per line: an Article per passage (its own outlet label), and the reference."""
    clusters = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        passages = [p.strip() for p in _PASSAGE.split(row["context"]) if p.strip()]
        articles = tuple(
            Article(
                id=f"c{n}_p{k}",
                source=f"Outlet {k}",
                text=p.replace(" NEWLINE_CHAR ", "\n\n").replace("NEWLINE_CHAR", "\n\n"),
            )
            for k, p in enumerate(passages, 1)
        )
        reference = row["answers"][0].strip()
        reference = reference[1:].lstrip() if reference.startswith("–") else reference
        clusters.append(Cluster(articles, reference))
    return clusters


def fill_budget(ranked: Sequence[str], budget: int) -> list[str]:
    """Sentences in ranked order, each taken if it still fits the word budget."""
    out, used = [], 0
    for sentence in ranked:
        n = len(sentence.split())
        if used + n <= budget:
            out.append(sentence)
            used += n
    return out


def lexrank_baseline() -> Callable[[Cluster], str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SentenceTokenizer()

    def run(cluster: Cluster) -> str:
        text = "\n\n".join(a.text for a in cluster.articles)
        document = PlaintextParser.from_string(text, tokenizer).document
        ranked: list[str] = []

        def keep_ranking(infos):  # sumy hands the count callable its sentences best first
            infos = list(infos)
            ranked.extend(str(i.sentence) for i in infos)
            return infos

        summarizer(document, keep_ranking)
        return " ".join(fill_budget(ranked, BUDGET))

    return run


def merged_brief(cluster: Cluster) -> str:
    return " ".join(item.text for item in build_brief(cluster.articles, max_words=BUDGET).summary)


def evaluate(clusters: Sequence[Cluster], systems: dict[str, Callable[[Cluster], str]]) -> dict[str, Scores]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    results = {name: Scores() for name in systems}
    for name, system in systems.items():  # warm up imports and caches outside the clock
        system(clusters[0])
    for cluster in clusters:
        for name, system in systems.items():
            scores = results[name]
            start = time.perf_counter()
            summary = system(cluster)
            scores.seconds.append(time.perf_counter() - start)
            rouge = scorer.score(cluster.reference, summary)
            scores.rouge1.append(rouge["rouge1"].fmeasure)
            scores.rouge2.append(rouge["rouge2"].fmeasure)
            scores.rougeL.append(rouge["rougeL"].fmeasure)
            scores.words.append(len(summary.split()))
    # Memory in a second pass: tracemalloc slows Python code down and would skew the timings.
    for cluster in clusters:
        for name, system in systems.items():
            tracemalloc.start()
            system(cluster)
            results[name].peak_bytes = max(results[name].peak_bytes, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    return results


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(title: str, results: dict[str, Scores]) -> None:
    print(f"\n{title}")
    print(
        f"{'system':<14}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'words':>7}{'s/cluster':>11}{'p95 s':>8}{'peak MiB':>10}"
    )
    for name, s in results.items():
        print(
            f"{name:<14}{100 * statistics.mean(s.rouge1):>7.2f}{100 * statistics.mean(s.rouge2):>7.2f}"
            f"{100 * statistics.mean(s.rougeL):>7.2f}{statistics.mean(s.words):>7.0f}"
            f"{statistics.mean(s.seconds):>11.3f}{p95(s.seconds):>8.3f}{s.peak_bytes / 2**20:>10.1f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Multi-News JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--split", action="store_true", help="report the first and second half separately")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"error: no data file at {args.data}", file=sys.stderr)
        return 2
    clusters = load_clusters(args.data)[: args.limit]
    systems = {"lexrank (sumy)": lexrank_baseline(), "build_brief": merged_brief}
    results = evaluate(clusters, systems)
    print(f"Multi-News, {len(clusters)} clusters, {BUDGET}-word budget, ROUGE F1 (stemmed)")
    if args.split:
        half = (len(clusters) + 1) // 2
        for label, part in (("tuning half", slice(0, half)), ("check half", slice(half, None))):
            sub = {
                name: Scores(
                    s.rouge1[part],
                    s.rouge2[part],
                    s.rougeL[part],
                    s.seconds[part],
                    s.words[part],
                    s.peak_bytes,
                )
                for name, s in results.items()
            }
            report(f"{label}: clusters {part.start + 1}-{part.start + len(sub['build_brief'].rouge1)}", sub)
    report("all clusters", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
