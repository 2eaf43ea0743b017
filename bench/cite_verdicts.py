"""Score today's fit briefs against the blind fact-checker's verdicts (``annotations/cite_details_fit.jsonl``).

Each labelled citation (a line beyond its own outlet, the first 30 multi-passage fit clusters, Multi-News
dev lines 1-50) is looked up in today's brief by the line's hash: still cited, dropped (the line is in the
brief but no longer cited to that outlet), or gone (the line left the
brief). Strict precision = yes / (yes + partly + no) over the labelled citations still cited; a citation
of a line the checker never saw is listed as unlabelled (with ``--unlabelled``), to be read.

    head -50 ../shared/eval/multinews-dev100.jsonl > /tmp/fit.jsonl      # FIT only
    .venv/bin/python bench/cite_verdicts.py /tmp/fit.jsonl [--unlabelled]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from line_sheet import brief_lines, line_hash, passages  # noqa: E402

LABELS = HERE / "annotations" / "cite_details_fit.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", help="Multi-News jsonl, FIT lines only (lines 1-50)")
    parser.add_argument("--unlabelled", action="store_true", help="list citations no verdict covers")
    args = parser.parse_args()
    docs = {k: passages(json.loads(raw)) for k, raw in enumerate(open(args.file, encoding="utf-8")) if k < 50}
    rows = [json.loads(r) for r in open(LABELS, encoding="utf-8")]
    labelled = {(r["cluster"], r["line_hash"], r["outlet"]) for r in rows}
    briefs = {c: brief_lines(docs[c], c) for c in sorted({r["cluster"] for r in rows})}
    tally: Counter[tuple[str, str]] = Counter()
    for r in rows:
        found = [(a, i, cited) for a, i, cited in briefs[r["cluster"]] if line_hash(a.sentences[i].text) == r["line_hash"]]
        article = f"c{r['cluster']}p{r['outlet'] - 1}"
        if not found:
            state, why = "gone", ""
        else:
            alignment, i, cited = found[0]
            state, why = ("cited", "") if article in cited else ("dropped", _why(alignment, i, article))
        tally[(r["verdict"], state)] += 1
        if state != "cited":
            print(f"{r['id']:12s} {r['verdict']:6s} {r['missing'] or '-':11s} {state} {why}")
    kept = {v: tally[(v, "cited")] for v in ("yes", "partly", "no")}
    n = sum(kept.values())
    print(json.dumps({"labelled": len(rows), **{f"{v}_{s}": c for (v, s), c in sorted(tally.items())},
                      "strict_precision": round(100.0 * kept["yes"] / n, 1) if n else None}))
    if args.unlabelled:
        for cluster, lines in briefs.items():
            for alignment, i, cited in lines:
                h = line_hash(alignment.sentences[i].text)
                for article in cited[1:]:
                    if (cluster, h, int(article.rsplit("p", 1)[1]) + 1) not in labelled:
                        print("unlabelled", cluster, article, alignment.sentences[i].text[:120])


def _why(alignment, i: int, article: str) -> str:
    """Why the article is not cited: it holds no sentence aligned with the line, or it has one that
    the line's alignment does not count as a source (the support tests refused it)."""
    if any(alignment.sentences[j].article_id == article for j in alignment.supporters(i)):
        return "a supporter, not a source"
    return "not a supporter"


if __name__ == "__main__":
    main()
