"""Readability of briefs on real clusters: lines that need a line the brief does not show.

The shared scorer (``/work/shared/tools/score_briefs.py``) counts a line as dangling when it
opens with a pronoun or connective or is a bare "Surname said". A reader also stops at
references further in (``summarizer.language.discourse.leaning_reason``): a pronoun after an
opening phrase ("On Wednesday, he ..."), a quotation whose speaker is a bare pronoun, a surname
that no earlier line introduced, and (``discourse.antecedent_reason``, given the lines before) a
description whose antecedent no earlier line gives ("The find ...", "... those minutes"), an
additive ("also") about a subject not met before, a quotation opening on "That", a relative time
("the next day") with no time before it. This bench counts both, on the same clusters as the scorer (the
first 30 with at least two passages, each passage an Article of its own outlet, default budget),
and prints one JSON line; ``--show`` prints every leaning line with its reason (fit half only).

    .venv/bin/python bench/readability.py /tmp/fit.jsonl
    .venv/bin/python bench/readability.py /tmp/fit.jsonl --show
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer import Article, build_brief
from summarizer.align import numbers_in
from summarizer.language.discourse import introduced_surnames, leaning_reason, person_surnames

# The scorer's own test (score_briefs.DANGLE), so the two figures can be read side by side.
SCORER_DANGLE = re.compile(
    r"^(He|She|They|It|This|That|These|Those|His|Her|Their|But|However|And|So|Also|Meanwhile|Still|"
    r"Instead|Then|Yet)\b|^[A-Z][a-z]+ (said|says|told|added)\b"
)


def load(path: str, count: int = 30) -> list[list[str]]:
    out = []
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        docs = [d for d in re.split(r"(?m)^Passage \d+:\n", record["context"]) if d.strip()]
        docs = [re.sub(r"\s*NEWLINE_CHAR\s*", "\n", d).strip() for d in docs]
        if len(docs) >= 2:
            out.append(docs)
    return out[:count]


def _distinctive(number: str) -> bool:
    """A figure a reader notices twice: not a year, and at least 100 (or with decimals)."""
    try:
        value = float(number)
    except ValueError:
        return False
    return "." in number or (value >= 100 and not 1900 <= value <= 2100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--max-words", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print each leaning line (fit half only)")
    args = parser.parse_args()
    stats: Counter[str] = Counter()
    for ci, docs in enumerate(load(args.file)):
        articles = [Article(id=f"c{ci}p{i}", source=f"Outlet {i + 1}", text=d) for i, d in enumerate(docs)]
        brief = build_brief(articles, max_words=args.max_words)
        surnames = person_surnames(docs)
        introduced: set[str] = set()
        printed = [" ".join(d.split()) for d in docs]
        previous = None
        earlier: list[str] = []
        for item in brief.summary:
            stats["lines"] += 1
            stats["scorer_dangling"] += bool(SCORER_DANGLE.match(item.text))
            reason = leaning_reason(item.text, surnames, introduced, earlier)
            if reason and previous and any(f"{previous} {item.text}" in d for d in printed):
                reason = None  # it follows the sentence its outlet printed before it
                stats["after_antecedent"] += 1
            previous = " ".join(item.text.split())
            if reason:
                stats["leaning"] += 1
                stats[reason] += 1
                if args.show:
                    print(f"[{ci}] {reason}: {item.text[:160]}")
            introduced |= introduced_surnames(item.text, surnames)
            earlier.append(item.text)
        # the same figure printed by two lines ("64,000" and "more than 64,000"): a fact told twice
        figures = [{n for n in numbers_in(item.text) if _distinctive(n)} for item in brief.summary]
        for k, mine in enumerate(figures):
            for other in figures[k + 1 :]:
                if mine & other:
                    stats["figure_twice"] += 1
                    if args.show:
                        print(f"[{ci}] figure twice: {sorted(mine & other)}")
        stats["title_words"] += len(brief.title.split())
        stats["briefs"] += 1
    lines = max(stats["lines"], 1)
    result = {
        "briefs": stats["briefs"],
        "lines": stats["lines"],
        "scorer_dangling_pct": round(100 * stats["scorer_dangling"] / lines, 1),
        "leaning_pct": round(100 * stats["leaning"] / lines, 1),
        "by_reason": {
            k: stats[k]
            for k in (
                "opener", "late pronoun", "pronoun speaker", "surname",
                "definite", "demonstrative", "additive", "quoted opener", "unnamed speaker", "unnamed source",
                "elliptic", "first person", "given name", "relative time",
            )
        },
        "after_antecedent": stats["after_antecedent"],
        "figure_twice": stats["figure_twice"],
        "title_words": round(stats["title_words"] / max(stats["briefs"], 1), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
