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
calls, in a separate pass (tracing slows Python down and would skew the timings). The first half
of the file is where choices were tuned; the second half is reported separately as a check
(``--split``).

    .venv/bin/python bench/multinews.py                # all 100 clusters
    .venv/bin/python bench/multinews.py --limit 20     # a quick look
    .venv/bin/python bench/multinews.py --split        # tune half and check half, separately
    .venv/bin/python bench/multinews.py --clusters 1-50 --worst 5 --no-baseline
                                                       # the tuning half's five worst briefs, shown
    .venv/bin/python bench/multinews.py --clusters 1-50 --losses 10
                                                       # where the passages' words go, ten worst shown

``--per-cluster`` prints every cluster's R-1 for both systems; ``--worst N`` prints the N clusters
where the brief scores lowest with its summary and the reference side by side (to see what it
picks and what the human kept). ``--no-baseline`` skips LexRank for quick looks: the time bar is
only ever judged side by side, without it. ``--losses N`` summarizes nothing: it accounts for
every passage's words (how many reach the brief's candidate sentences, and why the others do
not: each ``prose`` reason, the per-article sentence cap, text lost to splitting) and shows the N
passages that keep the smallest share, with examples of what they lose.
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
from summarizer.brief import MAX_SENTENCES, MIN_PER_ARTICLE
from summarizer.prose import sentence_verdicts, word_count
from summarizer.language import SentenceTokenizer

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


def evaluate(
    clusters: Sequence[Cluster], systems: dict[str, Callable[[Cluster], str]], *, memory: bool = True
) -> tuple[dict[str, Scores], dict[str, list[str]]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    results = {name: Scores() for name in systems}
    summaries: dict[str, list[str]] = {name: [] for name in systems}
    for name, system in systems.items():  # warm up imports and caches outside the clock
        system(clusters[0])
    for cluster in clusters:
        for name, system in systems.items():
            scores = results[name]
            start = time.perf_counter()
            summary = system(cluster)
            scores.seconds.append(time.perf_counter() - start)
            summaries[name].append(summary)
            rouge = scorer.score(cluster.reference, summary)
            scores.rouge1.append(rouge["rouge1"].fmeasure)
            scores.rouge2.append(rouge["rouge2"].fmeasure)
            scores.rougeL.append(rouge["rougeL"].fmeasure)
            scores.words.append(len(summary.split()))
    # Memory in a second pass: tracemalloc slows Python code down and would skew the timings.
    for cluster in clusters if memory else ():
        for name, system in systems.items():
            tracemalloc.start()
            system(cluster)
            results[name].peak_bytes = max(results[name].peak_bytes, tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    return results, summaries


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


def show_clusters(
    first: int,
    clusters: Sequence[Cluster],
    results: dict[str, Scores],
    summaries: dict[str, list[str]],
    *,
    per_cluster: bool,
    worst: int,
) -> None:
    """Per-cluster R-1 of every system, and the brief's worst clusters with their reference."""
    names = list(results)
    if per_cluster:
        print("\ncluster " + "".join(f"{name:>16}" for name in names) + f"{'passages':>10}")
        for k, cluster in enumerate(clusters):
            row = "".join(f"{100 * results[name].rouge1[k]:>16.2f}" for name in names)
            print(f"{first + k:>7} {row}{len(cluster.articles):>10}")
    if worst:
        brief = results["build_brief"].rouge1
        for k in sorted(range(len(clusters)), key=brief.__getitem__)[:worst]:
            print(f"\n=== cluster {first + k}: build_brief R-1 {100 * brief[k]:.2f} ===")
            print("--- brief:\n" + summaries["build_brief"][k])
            print("--- reference:\n" + clusters[k].reference)


@dataclass(frozen=True)
class PassageAudit:
    """Where one passage's words go on their way to the brief's candidate sentences."""

    cluster: int
    article: Article
    words: int
    kept: int
    lost: dict[str, int]
    examples: dict[str, list[str]]


def audit_passages(first: int, clusters: Sequence[Cluster]) -> list[PassageAudit]:
    """Every passage's words by fate: kept as a candidate, dropped for a reason, or past the cap."""
    audits = []
    for k, cluster in enumerate(clusters):
        cap = max(MIN_PER_ARTICLE, MAX_SENTENCES // max(len(cluster.articles), 1))
        for article in cluster.articles:
            kept, n_kept = 0, 0
            lost: dict[str, int] = {}
            examples: dict[str, list[str]] = {}
            for sentence, reason in sentence_verdicts(article):
                if reason is None and n_kept >= cap:
                    reason = "past the sentence cap"
                if reason is None:
                    kept += word_count(sentence)
                    n_kept += 1
                    continue
                lost[reason] = lost.get(reason, 0) + word_count(sentence)
                examples.setdefault(reason, []).append(sentence)
            words = word_count(article.text)
            # Datelines cut from sentences, lone punctuation, text past MAX_ARTICLE_CHARS.
            unaccounted = words - kept - sum(lost.values())
            if unaccounted > 0:
                lost["not in any sentence"] = unaccounted
            audits.append(PassageAudit(first + k, article, words, kept, lost, examples))
    return audits


def show_losses(audits: Sequence[PassageAudit], worst: int) -> None:
    """Word totals by reason over all passages, then the ``worst`` passages keeping the least."""
    total = sum(a.words for a in audits)
    kept = sum(a.kept for a in audits)
    print(f"\n{len(audits)} passages, {total} words: {kept} ({100 * kept / max(total, 1):.1f}%) reach the candidates")
    reasons: dict[str, int] = {}
    for a in audits:
        for reason, n in a.lost.items():
            reasons[reason] = reasons.get(reason, 0) + n
    for reason, n in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"  {reason:<24}{n:>8}{100 * n / max(total, 1):>7.1f}%")
    for a in sorted(audits, key=lambda a: a.kept / max(a.words, 1))[:worst]:
        print(f"\n=== cluster {a.cluster}, {a.article.id}: {a.kept} of {a.words} words kept ===")
        for reason, n in sorted(a.lost.items(), key=lambda item: -item[1]):
            print(f"  {reason}: {n} words")
            for example in a.examples.get(reason, [])[:3]:
                print(f"      | {example[:160]}")


def _cluster_range(text: str) -> slice:
    """``"1-50"`` (1-based, inclusive) as a slice."""
    low, _, high = text.partition("-")
    return slice(int(low) - 1, int(high or low))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Multi-News JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--split", action="store_true", help="report the first and second half separately")
    parser.add_argument("--clusters", type=_cluster_range, default=None, help="only clusters A-B (1-based)")
    parser.add_argument("--per-cluster", action="store_true", help="print every cluster's R-1")
    parser.add_argument("--worst", type=int, default=0, help="show the N worst briefs with their reference")
    parser.add_argument("--no-baseline", action="store_true", help="skip LexRank (no time comparison)")
    parser.add_argument(
        "--losses", type=int, default=None, metavar="N", help="account for the passages' words instead; show the N worst"
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"error: no data file at {args.data}", file=sys.stderr)
        return 2
    window = args.clusters or slice(0, None)
    clusters = load_clusters(args.data)[window][: args.limit]
    first = (window.start or 0) + 1  # 1-based number of the first cluster shown
    if args.losses is not None:
        show_losses(audit_passages(first, clusters), args.losses)
        return 0
    systems: dict[str, Callable[[Cluster], str]] = {} if args.no_baseline else {"lexrank (sumy)": lexrank_baseline()}
    systems["build_brief"] = merged_brief
    results, summaries = evaluate(clusters, systems, memory=not args.no_baseline)
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
            low = first + part.start
            report(f"{label}: clusters {low}-{low + len(sub['build_brief'].rouge1) - 1}", sub)
    report("all clusters", results)
    show_clusters(first, clusters, results, summaries, per_cluster=args.per_cluster, worst=args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
