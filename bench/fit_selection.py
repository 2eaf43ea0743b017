"""Fit the brief's selection weights on the FIT half of Multi-News; writes ``summarizer/data/selection.json``.

``UNSURE_PENALTY`` (``summarizer.brief``): relevance is multiplied by it for each other outlet that
prints ``NEAR_SHARE`` of a sentence's words (in one sentence or two adjacent ones) without being
found to state it. Such a line, chosen, leaves an outlet that may well tell it uncited: the shared
scorer (``../shared/tools/score_briefs.py``) counts about half of those outlets as printers (its
reader's calibration, 16 of 30), and so lowers the estimated citation recall. A penalty moves
selection to versions of a fact that every outlet telling it can be cited for, at some cost in
content. For each value of a grid this measures, on the fit half only (``head -50``):

- the scorer's estimated citation recall on its own sample (the first 30 clusters of two or more
  passages, default budget), with the scorer's containment bands;
- ROUGE-1 at 300 words against the human summaries (``bench/multinews.py``'s set-up), all 50.

It keeps the strongest penalty whose ROUGE-1 stays within ``TOLERANCE`` of no penalty (the
content bar of issue 11 is ROUGE-1 >= 45 and the fit half stands near it), and writes it with
the whole grid. The check half is never read.

``--opening`` fits ``OPENING_WEIGHT`` instead (the other weights as shipped): relevance times
``1 + w * a / max(a)``, ``a`` a sentence's agreement with the other outlets' openings; it keeps the
``w`` of ``OPENING_GRID`` with the best ROUGE-1 on the fit half (0 when nothing beats none).

    .venv/bin/python bench/fit_selection.py [--data ../shared/eval/multinews-dev100.jsonl] [--dry-run] [--opening]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from citation_misses import _scorer  # noqa: E402
from multinews import BUDGET, DEFAULT_DATA, load_clusters  # noqa: E402

import summarizer.brief as brief  # noqa: E402
from summarizer import build_brief  # noqa: E402

GRID = (1.0, 0.7, 0.5, 0.35, 0.25)
OPENING_GRID = (0.0, 0.1, 0.25, 0.5, 1.0, 2.0)
NEAR_SHARE = 0.5  # the scorer's own line between "surely not" and "about half print it"
TOLERANCE = 0.3  # ROUGE-1 points
OUT = HERE.parent / "summarizer" / "data" / "selection.json"


def estimated_recall(sc, path: Path) -> float:
    """The shared scorer's cite_recall over its sample of the fit half (first 30 clusters of 2+
    passages, read and split as the scorer reads them)."""
    from summarizer import Article

    cited = missed = 0.0
    docs = [d for d in sc.load(str(path))[:50] if len(d) >= 2][:30]
    for ci, passages in enumerate(docs):
        articles = [Article(id=f"c{ci}p{i}", source=f"Outlet {i + 1}", text=d) for i, d in enumerate(passages)]
        text = {a.id: a.text for a in articles}
        for item in build_brief(articles).summary:
            sources = [s for s in item.sources if s in text]
            cited += len(sources[1:])
            for s in text:
                if s not in sources:
                    c = sc.containment(item.text, text[s])
                    missed += 1.0 if c >= 0.8 else 0.53 if c >= 0.5 else 0.1 if c >= 0.35 else 0.0
    return 100 * cited / max(cited + missed, 1)


def rouge1(clusters) -> float:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    values = []
    for cluster in clusters:
        summary = " ".join(i.text for i in build_brief(cluster.articles, max_words=BUDGET).summary)
        values.append(scorer.score(cluster.reference, summary)["rouge1"].fmeasure)
    return 100 * statistics.mean(values)


def fit_opening(fit, dry_run: bool) -> None:
    """Grid ``OPENING_WEIGHT`` for ROUGE-1 on the fit half; write it beside the shipped weights."""
    grid = {}
    for value in OPENING_GRID:
        brief.OPENING_WEIGHT = value
        grid[value] = round(rouge1(fit), 2)
        print(json.dumps({"opening_weight": value, "rouge1": grid[value]}), flush=True)
    best = max(OPENING_GRID, key=lambda v: (grid[v], -v))
    data = json.loads(OUT.read_text(encoding="utf-8"))
    data["opening_weight"] = best
    data["_opening_fitted"] = (
        "bench/fit_selection.py --opening on Multi-News dev100 lines 1-50 (fit half): best ROUGE-1; "
        f"grid {json.dumps({str(k): v for k, v in grid.items()})}"
    )
    print(json.dumps({"opening_weight": best}))
    if not dry_run:
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--dry-run", action="store_true", help="print the grid, write nothing")
    parser.add_argument("--opening", action="store_true", help="fit OPENING_WEIGHT (ROUGE-1) instead")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"fit_selection: no data file at {args.data}")
    fit = load_clusters(args.data)[:50]  # the FIT half only
    if args.opening:
        fit_opening(fit, args.dry_run)
        return
    sc = _scorer()
    brief.NEAR_SHARE = NEAR_SHARE
    grid = {}
    for value in GRID:
        brief.UNSURE_PENALTY = value
        grid[value] = {"cite_recall": round(estimated_recall(sc, args.data), 1), "rouge1": round(rouge1(fit), 2)}
        print(json.dumps({"unsure_penalty": value, **grid[value]}), flush=True)
    base = grid[1.0]["rouge1"]
    allowed = [v for v in GRID if grid[v]["rouge1"] >= base - TOLERANCE]
    best = max(allowed, key=lambda v: (grid[v]["cite_recall"], v))
    result = {
        "unsure_penalty": best,
        "near_share": NEAR_SHARE,
        **{k: v for k, v in json.loads(OUT.read_text(encoding="utf-8")).items() if k.startswith("opening")},
        "_fitted": "bench/fit_selection.py on Multi-News dev100 lines 1-50 (fit half): strongest penalty "
        f"within {TOLERANCE} ROUGE-1 of none; grid {json.dumps({str(k): v for k, v in grid.items()})}",
    }
    print(json.dumps(result))
    if not args.dry_run:
        OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
