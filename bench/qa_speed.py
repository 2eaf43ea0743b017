"""Question-answering speed on a 10,000-article store, and cold ``newsbrief ask`` on the seeds.

The store is assembled from the Multi-News passages in /work/shared/eval/multinews-dev100.jsonl
(about 270 real news articles), replicated with perturbations until it holds ``--articles``
articles: each copy drops a random fifth of its sentences, shuffles the rest within paragraphs,
and changes its numbers, so copies are not identical and postings grow like a real store's.

Reports index build time and memory (RSS growth), then warm answer latency p50/p95/max over a mix
of questions (how many / who / when / where / what, drawn from the reference summaries, and
off-topic ones), and the cold time of ``newsbrief ask`` on the seeds in a fresh process, plus the
import cost of nltk's Snowball stemmer (used lazily by ``summarizer.language.stem``).

    .venv/bin/python bench/qa_speed.py [--articles 10000] [--questions 200]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.model import Article  # noqa: E402
from summarizer.qa import QAIndex  # noqa: E402
from summarizer.language import split_paragraphs, split_sentences  # noqa: E402

DATA = Path("/work/shared/eval/multinews-dev100.jsonl")


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * 4096 / 2**20


def base_articles() -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    summaries: list[str] = []
    for n, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        summaries.append(row["answers"][0].lstrip("– ").replace(" NEWLINE_CHAR ", "\n"))
        for k, passage in enumerate(re.split(r"Passage \d+:\n?", row["context"])):
            text = passage.replace("NEWLINE_CHAR", "\n").strip()
            if len(text) > 200:
                articles.append(Article(f"mn{n:03d}-{k}", f"Outlet {k}", text))
    return articles, summaries


def perturb(article: Article, copy: int, rng: random.Random) -> Article:
    paragraphs = []
    for paragraph in split_paragraphs(article.text):
        sentences = [s for s in split_sentences(paragraph) if rng.random() > 0.2]
        rng.shuffle(sentences)
        if sentences:
            paragraphs.append(" ".join(sentences))
    text = re.sub(r"\d+", lambda m: str(int(m.group(0)) + rng.randint(0, 9)), "\n\n".join(paragraphs) or article.text)
    return Article(f"{article.id}-c{copy}", f"Outlet {copy % 97}", text)


def questions(summaries: list[str], count: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    for summary in summaries:
        for sentence in split_sentences(summary)[:3]:
            m = re.search(r"\b(\d[\d,.]*)\s+([a-z]+s)\b", sentence)
            if m:
                out.append(f"how many {m.group(2)} {' '.join(sentence.split()[:4]).lower()}?")
            names = re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", sentence)
            if names:
                out.append(f"who is {names[0]}?")
                out.append(f"when did {names[0]} speak?")
            words = [w for w in re.findall(r"[a-z]{5,}", sentence.lower())][:4]
            if len(words) >= 3:
                out.append(f"what happened with the {' '.join(words[:3])}?")
                out.append(f"where did the {words[0]} take place?")
    out += ["what is the capital of Mongolia?", "who won the Eurovision song contest?", "how many goals did Zlatan score?"] * 5
    rng.shuffle(out)
    return out[:count]


def cold_ask() -> tuple[float, float]:
    """Wall time of a fresh ``newsbrief ask`` process on the seeds, and of importing nltk's stemmer."""
    cmd = [sys.executable, "-c", "from bot.cli import main; raise SystemExit(main(['ask', 'how many troops did DHS request?']))"]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    stemmer = [sys.executable, "-c", "import time; t=time.perf_counter(); from nltk.stem.snowball import EnglishStemmer; print(time.perf_counter()-t)"]
    imports = [float(subprocess.run(stemmer, check=True, capture_output=True, text=True).stdout) for _ in range(3)]
    return min(times), min(imports)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--no-cold", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    base, summaries = base_articles()
    store = list(base)
    copy = 0
    while len(store) < args.articles:
        copy += 1
        store.extend(perturb(a, copy, rng) for a in base[: args.articles - len(store)])
    words = sum(len(a.text.split()) for a in store)
    print(f"store: {len(store)} articles, {words / 1e6:.1f} M words ({len(base)} Multi-News passages, {copy} perturbed copies)")

    before = rss_mib()
    t0 = time.perf_counter()
    index = QAIndex.build(store)
    build = time.perf_counter() - t0
    after = rss_mib()
    print(
        f"index build: {build:.1f} s, {len(index.sentences)} sentences, {index.sentences.vocabulary_size} terms,"
        f" RSS +{after - before:.0f} MiB (process {after:.0f} MiB)"
    )

    qs = questions(summaries, args.questions, rng)
    index.answer(qs[0])  # warm: first use builds the typo buckets lazily
    times = []
    answered = 0
    for q in qs:
        t = time.perf_counter()
        result = index.answer(q)
        times.append((time.perf_counter() - t) * 1000)
        answered += result.answered
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"warm answer over {len(qs)} questions: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms,"
        f" max {times[-1]:.1f} ms ({answered} answered)"
    )
    if not args.no_cold:
        cold, nltk_import = cold_ask()
        print(f"cold `newsbrief ask` on the seeds (fresh process, best of 3): {cold:.2f} s; nltk stemmer import {nltk_import * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
