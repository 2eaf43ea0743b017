"""Figure items ("figures differ", updates, variants) of briefs built from real outlets' pages: a
precision probe for the figures ledger beyond the annotated Multi-News clusters.

Each RealTime QA 2024 question of the FIT weeks (20240101-20240930 only) comes with search
results: pages of several outlets on one topic, often about other events of that topic (two
bills passed on two days, two Hall of Fame votes). Built into one brief, they are the messy
clusters where a loose "same quantity" rule shows false rows, so every row a change adds here is
worth reading. No labels: the output is for a person to read, base against branch.

    python bench/figure_items_rtqa.py 250 > /tmp/after.jsonl          # first 250 questions
    python bench/figure_items_rtqa.py --diff /tmp/base.jsonl /tmp/after.jsonl

Round 10 (diff19): a date rule that needed only two shared event words in the dates' clauses and
one act class ("died" / "dead") as evidence of one quantity were each rejected here (about 20 and
1 false rows in the first ~130 questions; no fit item moved either way).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from cluster_quality import EVAL  # noqa: E402

from summarizer import Article, build_brief  # noqa: E402

FIT = ("20240101", "20241001")  # the fit weeks; the check weeks (Oct-Dec) are never read here


def questions(limit: int):
    """(key, articles) for the first ``limit`` fit-week questions with two or more pages of 80+
    words (each URL once, at most five pages)."""
    n = 0
    for path in sorted((EVAL / "realtimeqa-2024").glob("2024*_gcs.jsonl.gz")):
        if not (FIT[0] <= path.name[:8] < FIT[1]):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for k, line in enumerate(lines):
                record = json.loads(line)
                articles, seen = [], set()
                for result in record["search_result"]:
                    text, url = result.get("text") or "", result.get("url")
                    if url in seen or len(text.split()) < 80:
                        continue
                    seen.add(url)
                    articles.append(Article(id=f"a{len(articles)}", source=f"Outlet {len(articles) + 1}", text=text))
                if len(articles) < 2:
                    continue
                n += 1
                if n > limit:
                    return
                yield f"{path.name[:8]}:{k}", articles[:5]


def _key(q: str) -> tuple[str, int]:
    day, k = q.split(":")
    return day, int(k)


def diff(base: Path, after: Path) -> None:
    """Rows of ``after`` not in ``base`` (NEW, with their sentences) and the reverse (GONE), over
    the questions both files reach."""
    rows_b = [json.loads(line) for line in base.open()]
    rows_a = [json.loads(line) for line in after.open()]
    if not rows_a or not rows_b:
        return
    last = min(_key(rows_a[-1]["q"]), _key(rows_b[-1]["q"]))
    key = lambda r: (r["q"], r["kind"], r["text"])  # noqa: E731
    in_b = {key(r) for r in rows_b if _key(r["q"]) <= last}
    in_a = {key(r) for r in rows_a if _key(r["q"]) <= last}
    print(f"through question {last}: base {len(in_b)} rows, after {len(in_a)}")
    for r in rows_a:
        if _key(r["q"]) <= last and key(r) not in in_b:
            print("NEW ", r["q"], r["kind"], r["text"])
            for quote in r["quotes"]:
                print("      >", quote[:260])
    for r in rows_b:
        if _key(r["q"]) <= last and key(r) not in in_a:
            print("GONE", r["q"], r["kind"], r["text"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("limit", nargs="?", type=int, default=250, help="questions to build (default 250)")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BASE", "AFTER"), help="compare two outputs")
    args = parser.parse_args(argv)
    if args.diff:
        diff(*args.diff)
        return 0
    for q, articles in questions(args.limit):
        for d in build_brief(articles).differences:
            if d.kind in ("conflict", "update", "variant"):
                print(json.dumps({"q": q, "kind": d.kind, "text": d.text, "quotes": [v.quote for v in d.values]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
