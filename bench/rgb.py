"""RGB (news fact questions) as a public anchor for newsbrief's question answering.

Each RGB snippet is treated as an article from its own outlet. Three runs:

* ``positive``: only snippets that state the answer. Score: token F1 of the short answer against
  the accepted answers (SQuAD normalisation; an abstention scores 0). Bars: RAG ~37, GPT-3 ~60.
* ``mixed``: ``positive`` + ``positive_wrong`` (the same snippets with the fact swapped). A good
  answer reports both values (answer + disagreements) and attributes each to its own snippets.
* ``negative``: only related but unhelpful snippets. The answer should abstain; an answer that
  matches no accepted answer is counted as *confident wrong* (some negatives do state the answer:
  those are counted apart, as right from the negatives).

A value is attributed to the true or the fake answer it is closest to (``side``), so "June 2010"
counts as the fake value even though it half matches the true "June 2020".

Items 0-49 are the tuning split, items 50-99 the held-out check: both are printed, then all.

    .venv/bin/python bench/rgb.py [--data /work/shared/eval/rgb-en_fact.json] [--show 10] [--split check]

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


def closeness(prediction: str, golds: list[str]) -> float:
    """Token F1 against the closest accepted answer; 1.0 when one is contained whole."""
    norm = normalise(prediction)
    contained = any(normalise(g) and re.search(rf"(?<!\S){re.escape(normalise(g))}(?!\S)", norm) for g in golds)
    return 1.0 if contained else best_f1(prediction, golds)


def matches(prediction: str, golds: list[str]) -> bool:
    """A value matches when F1 >= 0.5 or a normalised accepted answer is contained in it."""
    return closeness(prediction, golds) >= 0.5


def side(value: str, golds: list[str], fakes: list[str]) -> str | None:
    """"true" or "fake": which answer a value states (the closer one, when it is close enough).

    "June 2010" shares half its tokens with the true "June 2020" but states the fake one: a value
    is attributed to the answer it is closest to, not to every answer it half matches.
    """
    t, f = closeness(value, golds), closeness(value, fakes)
    if t >= 0.5 and t > f:
        return "true"
    if f >= 0.5 and f > t:
        return "fake"
    return None


def articles(snippets: list[str], prefix: str) -> list[Article]:
    return [Article(f"{prefix}{i}", f"Outlet {prefix.upper()}{i}", s) for i, s in enumerate(snippets)]


def ask(question: str, arts: list[Article]) -> Answer:
    return QAIndex.build(arts).answer(question)


def run(rows: list[dict], show: int) -> dict[str, object]:
    """The three RGB runs over ``rows``; returns the figures and failure lines."""
    f1s: list[float] = []
    answered = 0
    failures: list[str] = []
    for row in rows:
        golds = accepted(row["answer"])
        result = ask(row["query"], articles(row["positive"], "p"))
        f1 = best_f1(result.answer, golds) if result.answered else 0.0
        answered += result.answered
        f1s.append(f1)
        if f1 < 0.5 and len(failures) < show:
            failures.append(f"  {row['query']!r}: got {result.answer[:80]!r} want {golds[0]!r}")

    both = attributed = one_true = one_fake = in_summary = 0
    mixed_fail: list[str] = []
    for row in rows:
        golds, fake = accepted(row["answer"]), accepted(row["fakeanswer"])
        arts = articles(row["positive"], "p") + articles(row["positive_wrong"], "w")
        result = ask(row["query"], arts)
        values = [(result.answer, {c.source for c in result.citations if matches_quote(c.quote, result.answer)})] if result.answered else []
        values += [(d.value, set(d.sources)) for d in result.disagreements]
        sides = [(side(v, golds, fake), srcs) for v, srcs in values]
        true_srcs = [srcs for k, srcs in sides if k == "true"]
        fake_srcs = [srcs for k, srcs in sides if k == "fake"]
        if true_srcs and fake_srcs:
            both += 1
            # attribution: the true value only to true snippets, the fake one only to swapped ones
            if all(s.startswith("p") for s in true_srcs[0]) and all(s.startswith("w") for s in fake_srcs[0]):
                attributed += 1
            in_summary += bool(result.summary and re.search(r"\d+ sources?", result.summary) and ";" in result.summary)
        elif true_srcs:
            one_true += 1
        elif fake_srcs:
            one_fake += 1
        if not (true_srcs and fake_srcs) and len(mixed_fail) < show:
            mixed_fail.append(
                f"  {row['query']!r}: {result.answer[:60]!r} + {[d.value for d in result.disagreements]} (true {golds[0]!r}, fake {fake[0]!r})"
            )

    abstained = right = wrong = 0
    neg_fail: list[str] = []
    for row in rows:
        golds = accepted(row["answer"])
        result = ask(row["query"], articles(row["negative"], "n"))
        if not result.answered:
            abstained += 1
        elif matches(result.answer, golds):
            right += 1  # the "negative" snippets happened to state the answer
        else:
            wrong += 1
            if len(neg_fail) < show:
                neg_fail.append(f"  {row['query']!r}: answered {result.answer[:80]!r} (accepted {golds[0]!r})")
    return {
        "n": len(rows), "f1": 100 * sum(f1s) / max(len(f1s), 1), "answered": answered,
        "f1_answered": 100 * sum(f1s) / max(answered, 1), "both": both, "attributed": attributed,
        "in_summary": in_summary, "one_true": one_true, "one_fake": one_fake, "abstained": abstained,
        "neg_right": right, "neg_wrong": wrong,
        "failures": (("positive failures", failures), ("mixed failures", mixed_fail), ("negative: confident wrong", neg_fail)),
    }


def matches_quote(quote: str, value: str) -> bool:
    return normalise(value) in normalise(quote)


def report(title: str, r: dict[str, object]) -> None:
    n = int(r["n"])  # type: ignore[arg-type]
    print(f"{title} ({n} questions)")
    print(f"  positive: token F1 {r['f1']:.1f} (answered {r['answered']}/{n}; F1 over answered {r['f1_answered']:.1f})")
    print(
        f"  mixed:    both values reported {r['both']}/{n} ({100 * int(r['both']) / n:.0f}%), each attributed to its own"
        f" snippets {r['attributed']}, summary names both {r['in_summary']}; only the true value {r['one_true']},"
        f" only the fake value {r['one_fake']}, neither {n - int(r['both']) - int(r['one_true']) - int(r['one_fake'])}"
    )
    print(
        f"  negative: abstained {r['abstained']}/{n} ({100 * int(r['abstained']) / n:.0f}%), answered right from the"
        f" negatives {r['neg_right']}, confident wrong {r['neg_wrong']} ({100 * int(r['neg_wrong']) / n:.0f}%)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=0, help="print this many failures per run")
    parser.add_argument("--split", choices=("tune", "check", "all"), default=None, help="print only this split")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    splits = {
        "tune": ("RGB en_fact items 0-49 (tuning split)", rows[:50]),
        "check": ("RGB en_fact items 50-99 (held-out check)", rows[50:]),
        "all": ("RGB en_fact, all items", rows),
    }
    for name, (title, part) in splits.items():
        if args.split and name != args.split:
            continue
        result = run(part, args.show)
        report(title, result)
        for label, lines in result["failures"]:  # type: ignore[union-attr]
            if lines:
                print(f"  {label}:")
                print("\n".join(lines))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
