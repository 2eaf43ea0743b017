"""RGB (news fact questions) as a public anchor for newsbrief's question answering.

Each RGB snippet is treated as an article from its own outlet. Three runs:

* ``positive``: only snippets that state the answer. Score: token F1 of the short answer against
  the accepted answers (SQuAD normalisation; an abstention scores 0). Bars: RAG ~37, GPT-3 ~60.
* ``mixed``: ``positive`` + ``positive_wrong`` (the same snippets with the fact swapped). A good
  answer reports both values (answer + disagreements) and attributes each to its own snippets.
* ``negative``: only related but unhelpful snippets. The answer should abstain.

    .venv/bin/python bench/rgb.py [--data /work/shared/eval/rgb-en_fact.json] [--show 10]

Offline, CPU only. Do not tune to these 100 questions: a held-out part is used to check.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.model import Answer, Article  # noqa: E402
from summarizer.qa import QAIndex  # noqa: E402

DEFAULT_DATA = Path("/work/shared/eval/rgb-en_fact.json")


def normalise(text: str) -> str:
    """SQuAD answer normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation) | {"’", "‘", "“", "”"})
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def token_f1(prediction: str, gold: str) -> float:
    pred, ref = normalise(prediction).split(), normalise(gold).split()
    if not pred or not ref:
        return float(pred == ref)
    common = Counter(pred) & Counter(ref)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)


def accepted(answer: object) -> list[str]:
    """RGB answers are a string, a list of strings, or a list of lists of strings."""
    if isinstance(answer, str):
        return [answer]
    out: list[str] = []
    for item in answer if isinstance(answer, Iterable) else []:
        out.extend(accepted(item))
    return out


def best_f1(prediction: str, golds: list[str]) -> float:
    return max((token_f1(prediction, g) for g in golds), default=0.0)


def matches(prediction: str, golds: list[str]) -> bool:
    """A value matches when F1 >= 0.5 or a normalised accepted answer is contained in it."""
    norm = normalise(prediction)
    return any(best_f1(prediction, [g]) >= 0.5 or (normalise(g) and normalise(g) in norm) for g in golds)


def articles(snippets: list[str], prefix: str) -> list[Article]:
    return [Article(f"{prefix}{i}", f"Outlet {prefix.upper()}{i}", s) for i, s in enumerate(snippets)]


def ask(question: str, arts: list[Article]) -> Answer:
    return QAIndex.build(arts).answer(question)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=0, help="print this many failures per run")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]

    started = time.perf_counter()
    f1s: list[float] = []
    answered = 0
    failures: list[str] = []
    for row in rows:
        golds = accepted(row["answer"])
        result = ask(row["query"], articles(row["positive"], "p"))
        f1 = best_f1(result.answer, golds) if result.answered else 0.0
        answered += result.answered
        f1s.append(f1)
        if f1 < 0.5 and len(failures) < args.show:
            failures.append(f"  {row['query']!r}: got {result.answer[:80]!r} want {golds[0]!r}")
    positive_f1 = 100 * sum(f1s) / len(f1s)
    answered_f1 = 100 * sum(f1s) / max(answered, 1)

    both = both_attributed = one_true = one_fake = 0
    mixed_fail: list[str] = []
    for row in rows:
        golds, fake = accepted(row["answer"]), accepted(row["fakeanswer"])
        arts = articles(row["positive"], "p") + articles(row["positive_wrong"], "w")
        result = ask(row["query"], arts)
        values = [(result.answer, {c.source for c in result.citations})] if result.answered else []
        values += [(d.value, set(d.sources)) for d in result.disagreements]
        true_hit = [srcs for v, srcs in values if matches(v, golds) and not matches(v, fake)]
        fake_hit = [srcs for v, srcs in values if matches(v, fake) and not matches(v, golds)]
        if true_hit and fake_hit:
            both += 1
            # attribution: the fake value's sources are (mostly) the swapped snippets
            if result.disagreements:
                fake_sources = next(set(d.sources) for d in result.disagreements if matches(d.value, fake) or matches(d.value, golds))
                if all(s.startswith("w") for s in fake_sources) or all(s.startswith("p") for s in fake_sources):
                    both_attributed += 1
        elif true_hit:
            one_true += 1
        elif fake_hit:
            one_fake += 1
        if not (true_hit and fake_hit) and len(mixed_fail) < args.show:
            mixed_fail.append(
                f"  {row['query']!r}: {result.answer[:60]!r} + {[d.value for d in result.disagreements]} (true {golds[0]!r}, fake {fake[0]!r})"
            )

    abstained = 0
    neg_fail: list[str] = []
    for row in rows:
        result = ask(row["query"], articles(row["negative"], "n"))
        abstained += not result.answered
        if result.answered and len(neg_fail) < args.show:
            neg_fail.append(f"  {row['query']!r}: answered {result.answer[:80]!r}")
    elapsed = time.perf_counter() - started

    n = len(rows)
    print(f"RGB en_fact, {n} questions ({elapsed:.1f} s for all three runs)")
    print(f"positive: token F1 {positive_f1:.1f} (answered {answered}/{n}; F1 over answered {answered_f1:.1f})")
    print(
        f"mixed:    both values reported {both}/{n} ({100 * both / n:.0f}%), with sources split correctly {both_attributed};"
        f" only the true value {one_true}, only the fake value {one_fake}, neither {n - both - one_true - one_fake}"
    )
    print(f"negative: abstained {abstained}/{n} ({100 * abstained / n:.0f}%)")
    for title, lines in (("positive failures", failures), ("mixed failures", mixed_fail), ("negative answered", neg_fail)):
        if lines:
            print(title + ":")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
