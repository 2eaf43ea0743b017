"""Fit the "states the same fact" judge (``summarizer.align.same_fact_*``) on the fit annotations.

Pairs come from ``bench/annotations/multinews_fit.jsonl`` (Multi-News fit half), the story's
sentences made as ``build_brief`` makes them (``annotations.annotated_story``):

- a sentence *states* the annotated facts whose mention in its passage lies mostly inside it;
- a window of another passage (one sentence, or two adjacent) is a POSITIVE for the sentence when
  it holds a mention of every fact the sentence states, a NEGATIVE when it holds a mention of none
  of them (a sentence stating no annotated fact: every window of another passage is a negative,
  since the annotators listed every shared fact); partial windows are left out;
- only windows past the judge's prefilter (a share of the line's words) are read, as in briefs.

A logistic regression on standardised features is fitted; its probability, maximised over an
outlet's windows, is the outlet's score for the line. The cut is chosen on leave-one-cluster-out
scores of the (line, outlet) pairs that ``_cited`` does not already cite: the lowest cut whose
added citations (at least ``--min-cites``) hold the line (the outlet is an annotated printer)
at >= ``--bar`` precision. The weights are refit
on all fit clusters and written to ``summarizer/data/same_fact.json`` with ``--write``.

    .venv/bin/python bench/fit_same_fact.py [--write [--off]] [--bar 0.98] [--clause 0.5] [--names 0.6] [--coverage 0.5]

The shipped file: ``--bar 0.98 --clause 0.5 --write --off`` (fitted, turned off: see RESULTS,
round 8, cite13: a strict reading of the citations it adds is far below the annotations' figure).

``--lines`` fits on the line-size labels instead (``bench/annotations/same_fact_lines_fit.jsonl``,
cite14: for a fit brief line and an outlet not cited for it, does the outlet print ALL of the line):
the fit briefs are rebuilt from the first 50 lines of ``../shared/eval/multinews-dev100.jsonl``; ``--fact-weight W`` adds the fact-level
windows above at sample weight W. The cut is chosen the same way on the labelled pairs (pairs the
sheet did not sample are counted as unjudged), and the leave-one-cluster-out AUC is printed. On
these labels no cut reaches the bar (RESULTS, round 8, cite14), so the shipped file is unchanged.

The check part is never read here (``differences_real.py`` reports it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from annotations import annotated_story, load  # noqa: E402
from differences_real import _inside, locate  # noqa: E402

from summarizer.align import SAME_FACT_FEATURES, same_fact_features, same_fact_gated, same_fact_windows  # noqa: E402
from summarizer.brief import _cited  # noqa: E402

FIT = HERE / "annotations" / "multinews_fit.jsonl"
LINES = HERE / "annotations" / "same_fact_lines_fit.jsonl"
#: The Multi-News dev file; its first 50 lines are the fit half whose briefs were labelled.
FIT_BRIEFS = HERE.parents[1] / "shared" / "eval" / "multinews-dev100.jsonl"
FIT_LINES = 50
OUT = HERE.parent / "summarizer" / "data" / "same_fact.json"


def _passage(article_id: str) -> int:
    return int(article_id.rsplit("p", 1)[1]) + 1


#: Features a window must hold at these values to be read at all: the line's key facts (every name,
#: number and date printed, its numbers qualified alike, negation alike, quotations printed). A
#: fact annotated as shared is often coarser than a line ("cases are rising" / "50 cases in 24
#: states"), so the annotations alone would teach the judge that a line's details do not matter.
GATES = {"numbers": [1.0, 1.0], "qualifier": [1.0, 1.0], "negation": [0.0, 0.0], "quotation": [1.0, 1.0]}


def collect(prefilter: float, gates: dict[str, list[float]], coverage: float = 0.0) -> tuple[list[dict], list[dict]]:
    """Window rows (features, label, cluster, line, outlet) and (line, outlet) pairs (printer?, cited?)."""
    import summarizer.align as align_module

    align_module.same_fact_model = lambda: {"enabled": False}  # what ``_cited`` cites without the judge
    rows: list[dict] = []
    pairs: list[dict] = []
    for item in load(FIT):
        passages = item["passages"]
        sentences, unquotable, alignment = annotated_story(item)
        spans = [locate(s.text, passages[_passage(s.article_id) - 1]) for s in sentences]
        for i, s in enumerate(sentences):
            p = _passage(s.article_id)
            if spans[i] is None:
                continue
            facts = [f for f in item["facts"] if any(m["passage"] == p and _inside((m["start"], m["end"]), spans[i]) for m in f["mentions"])]
            printers = set.intersection(*({m["passage"] for m in f["mentions"]} for f in facts)) - {p} if facts else set()
            # how much of the line its annotated facts' mentions cover: a line that is a fact plus
            # details no annotated fact holds is not known to be printed whole by anyone
            marks = [(max(m["start"], spans[i][0]), min(m["end"], spans[i][1])) for f in facts for m in f["mentions"] if m["passage"] == p]
            covered = len({c for a, b in marks for c in range(a, b)}) / max(spans[i][1] - spans[i][0], 1)
            whole = covered >= coverage
            if not whole:
                printers = set()
            cited = {_passage(a) for a in _cited(alignment, i, unquotable)[1:]}
            windows = same_fact_windows(alignment, i, prefilter)
            for q in range(1, len(passages) + 1):
                if q == p:
                    continue
                pairs.append({"cluster": item["cluster"], "line": i, "q": q, "printer": q in printers, "cited": q in cited, "rows": []})
                for w in windows.get(f"c{item['cluster']}p{q - 1}", ()):
                    if any(spans[j] is None for j in w):
                        continue
                    held = [any(m["passage"] == q and any(_inside((m["start"], m["end"]), spans[j]) for j in w) for m in f["mentions"]) for f in facts]
                    label = None if facts and any(held) and not all(held) else bool(facts) and all(held)
                    if label and not whole:
                        label = None  # the window holds the fact; whether it holds the rest is unknown
                    x = same_fact_features(alignment, i, w)
                    if not same_fact_gated(x, {"gates": gates}):
                        continue
                    pairs[-1]["rows"].append(len(rows))
                    rows.append({"x": x, "y": label, "cluster": item["cluster"], "cited": q in cited})
    return rows, pairs


def collect_lines(prefilter: float, gates: dict[str, list[float]], briefs: Path = FIT_BRIEFS) -> tuple[list[dict], list[dict]]:
    """Window rows and (line, outlet) pairs from the line-size labels (``same_fact_lines_fit.jsonl``):
    the fit briefs are rebuilt (``line_sheet.brief_lines``) and every uncited outlet of a brief line
    becomes a pair; a labelled pair is a printer when the label is "yes". Windows (past the
    prefilter and the gates) are positive when they hold the labelled holding window, negative when
    the pair is "partly" or "no"; the other windows of a "yes" pair are left out. Unlabelled pairs
    (not sampled on the sheet) carry ``printer`` None: they count as added but unjudged."""
    from line_sheet import brief_lines, line_hash, passages

    labels = {}
    for raw in LINES.read_text(encoding="utf-8").splitlines():
        r = json.loads(raw)
        labels[(r["cluster"], r["line"], r["outlet"])] = r
    rows: list[dict] = []
    pairs: list[dict] = []
    seen: set[tuple[int, int]] = set()
    for cluster, raw in enumerate(briefs.read_text(encoding="utf-8").splitlines()[:FIT_LINES]):
        docs = passages(json.loads(raw))
        if len(docs) < 2:
            continue
        for alignment, i, cited in brief_lines(docs, cluster):
            if (cluster, i) in seen:  # a line ``_cited`` was asked about twice
                continue
            seen.add((cluster, i))
            own = alignment.sentences[i].article_id
            windows = same_fact_windows(alignment, i, prefilter)
            for q in range(len(docs)):
                article = f"c{cluster}p{q}"
                if article in cited or article == own:
                    continue
                lab = labels.get((cluster, i, q + 1))
                if lab is not None:
                    assert lab["line_hash"] == line_hash(alignment.sentences[i].text), (cluster, i)
                printer = None if lab is None else lab["label"] == "yes"
                holding = set(lab["windows"][lab["holding_window"]]["sentences"]) if printer else set()
                pairs.append({"cluster": cluster, "line": i, "q": q + 1, "printer": printer, "label": lab and lab["label"], "cited": False, "rows": []})
                for w in windows.get(article, ()):
                    x = same_fact_features(alignment, i, w)
                    if not same_fact_gated(x, {"gates": gates}):
                        continue
                    y = None if lab is None else (holding <= set(w) if printer else False)
                    if printer and not holding <= set(w):
                        y = None
                    pairs[-1]["rows"].append(len(rows))
                    rows.append({"x": x, "y": y, "cluster": cluster, "cited": False})
    return rows, pairs


def _fit(x: np.ndarray, y: np.ndarray, c: float, weight: np.ndarray | None = None):
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y, sample_weight=weight)
    return model, mean, scale


def _scores(model, mean, scale, x: np.ndarray) -> np.ndarray:
    return model.predict_proba((x - mean) / scale)[:, 1]


def _shipped(model, mean, scale, cut: float, gates: dict[str, list[float]], args, fitted: str) -> dict:
    """The judge as ``summarizer/data/same_fact.json`` holds it: standardised weights, cut, gates."""
    return {
        "enabled": bool(cut <= 1.0) and not args.off,
        "features": list(SAME_FACT_FEATURES),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "mean": [round(float(m), 6) for m in mean],
        "scale": [round(float(v), 6) for v in scale],
        "threshold": round(float(cut), 6),
        "gates": gates,
        "prefilter": args.prefilter,
        "_fitted": fitted,
    }


def choose_cut(scored: list[tuple[float, bool]], bar: float, min_cites: int) -> tuple[float, list[tuple[float, int, int]]]:
    """The lowest cut whose added citations (``min_cites`` or more) hold the line at ``bar``
    precision; 1.01 (nothing added) when none does."""
    scored = sorted(scored, reverse=True)
    curve: list[tuple[float, int, int]] = []
    right = 0
    for k, (s, ok) in enumerate(scored, start=1):
        right += ok
        curve.append((s, k, right))
    cut = 1.01
    for s, k, right in curve:
        if k >= min_cites and right >= bar * k:
            cut = s
    return cut, curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prefilter", type=float, default=0.3)
    parser.add_argument("--bar", type=float, default=0.98)
    parser.add_argument("--min-cites", type=int, default=10)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--uncited", action="store_true", help="fit on the windows of outlets _cited does not cite")
    parser.add_argument("--coverage", type=float, default=0.0, help="a printer prints the whole line only when the line's annotated mentions cover this share of it")
    parser.add_argument("--clause", type=float, default=None, help="gate: every clause of the line this weighted share in the window at least")
    parser.add_argument("--names", type=float, default=None, help="gate: this share of the line's names at least")
    parser.add_argument("--no-gates", action="store_true", help="read every window, whatever its key facts")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--off", action="store_true", help="write the fit with the judge turned off (\"enabled\": false)")
    parser.add_argument("--show", type=int, default=0, help="print this many top-scored added pairs (fit)")
    parser.add_argument("--lines", action="store_true", help="fit on the line-size labels (bench/annotations/same_fact_lines_fit.jsonl)")
    parser.add_argument("--fact-weight", type=float, default=0.0, help="with --lines: add the fact-level windows at this sample weight (0: leave them out)")
    args = parser.parse_args()

    gates = {} if args.no_gates else dict(GATES)
    if args.names is not None:
        gates["names"] = [args.names, 1.0]
    if args.clause is not None:
        gates["min_clause"] = [args.clause, 1.0]
    if args.lines:
        return main_lines(args, gates)
    rows, pairs = collect(args.prefilter, gates, args.coverage)
    # the judge only reads outlets ``_cited`` leaves out: with --uncited it learns from those alone
    labelled = [k for k, r in enumerate(rows) if r["y"] is not None and not (args.uncited and r["cited"])]
    x = np.array([rows[k]["x"] for k in labelled])
    y = np.array([rows[k]["y"] for k in labelled], dtype=int)
    groups = np.array([rows[k]["cluster"] for k in labelled])
    all_x = np.array([r["x"] for r in rows])
    print(json.dumps({"windows": len(rows), "labelled": len(labelled), "positives": int(y.sum()), "pairs": len(pairs),
                      "printers": sum(p["printer"] for p in pairs), "cited": sum(p["cited"] for p in pairs),
                      "cited_ok": sum(p["cited"] and p["printer"] for p in pairs)}))

    # leave one cluster out: every window scored by a model that never saw its cluster
    cv = np.zeros(len(rows))
    for g in sorted(set(groups)):
        model, mean, scale = _fit(x[groups != g], y[groups != g], args.c)
        idx = [k for k, r in enumerate(rows) if r["cluster"] == g]
        cv[idx] = _scores(model, mean, scale, all_x[idx])
    added = [(max(cv[k] for k in p["rows"]), p["printer"]) for p in pairs if not p["cited"] and p["rows"]]
    cut, curve = choose_cut(added, args.bar, args.min_cites)
    model, mean, scale = _fit(x, y, args.c)
    full = _scores(model, mean, scale, all_x)
    added_full = [(max(full[k] for k in p["rows"]), p["printer"]) for p in pairs if not p["cited"] and p["rows"]]
    at_cut = [(s, ok) for s, ok in added if s >= cut]
    at_cut_full = [(s, ok) for s, ok in added_full if s >= cut]
    uncited_printers = sum(p["printer"] and not p["cited"] for p in pairs)
    summary = {
        "cut": round(float(cut), 4),
        "cv_added": len(at_cut), "cv_added_right": sum(ok for _, ok in at_cut),
        "refit_added": len(at_cut_full), "refit_added_right": sum(ok for _, ok in at_cut_full),
        "uncited_printers": uncited_printers,
    }
    print(json.dumps(summary))
    for s, k, right in curve[:60]:
        print(f"  cv cut {s:.3f}: {right}/{k} ({100 * right / k:.1f}%)")
    print("  weights:", {n: round(float(w), 3) for n, w in zip(SAME_FACT_FEATURES, model.coef_[0])})
    if args.show:
        ranked = sorted((p for p in pairs if not p["cited"] and p["rows"]), key=lambda p: -max(cv[k] for k in p["rows"]))
        for p in ranked[: args.show]:
            print(json.dumps({"cluster": p["cluster"], "line": p["line"], "q": p["q"], "printer": p["printer"], "cv": round(float(max(cv[k] for k in p["rows"])), 3)}))
    if args.write:
        data = _shipped(model, mean, scale, cut, gates, args, (
                f"bench/fit_same_fact.py on bench/annotations/multinews_fit.jsonl (Multi-News fit half): logistic regression, "
                f"C={args.c}, uncited only={args.uncited}, {len(labelled)} windows ({int(y.sum())} positive); cut = lowest leave-one-cluster-out score whose added "
                f"citations hold the line at >= {args.bar:.0%} (>= {args.min_cites} cites): {summary}"
        ))
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written {OUT}")


def main_lines(args, gates: dict[str, list[float]]) -> None:
    """Fit on the line-size labels (plus, with ``--fact-weight``, the fact-level windows), choose
    the cut on leave-one-cluster-out scores of the labelled (line, outlet) pairs of the fit briefs."""
    rows, pairs = collect_lines(args.prefilter, gates)
    extra: list[dict] = []
    if args.fact_weight > 0:
        extra, _ = collect(args.prefilter, gates, args.coverage)
        extra = [r for r in extra if r["y"] is not None]
    train = [r for r in rows if r["y"] is not None] + extra
    x = np.array([r["x"] for r in train])
    y = np.array([r["y"] for r in train], dtype=int)
    w = np.array([1.0] * sum(r["y"] is not None for r in rows) + [args.fact_weight] * len(extra))
    groups = np.array([r["cluster"] for r in train])
    all_x = np.array([r["x"] for r in rows])
    labelled_pairs = [p for p in pairs if p["printer"] is not None]
    print(json.dumps({"line_windows": len(rows), "line_labelled": int(sum(r["y"] is not None for r in rows)),
                      "line_positive": int(sum(bool(r["y"]) for r in rows)), "fact_windows": len(extra),
                      "pairs": len(pairs), "labelled_pairs": len(labelled_pairs), "labelled_with_windows": sum(bool(p["rows"]) for p in labelled_pairs),
                      "yes": sum(bool(p["printer"]) for p in labelled_pairs), "yes_with_windows": sum(bool(p["printer"]) and bool(p["rows"]) for p in labelled_pairs)}))
    cv = np.zeros(len(rows))
    for g in sorted({r["cluster"] for r in rows}):
        keep = groups != g
        model, mean, scale = _fit(x[keep], y[keep], args.c, w[keep])
        idx = [k for k, r in enumerate(rows) if r["cluster"] == g]
        cv[idx] = _scores(model, mean, scale, all_x[idx])
    scored = [(max(cv[k] for k in p["rows"]), p) for p in pairs if p["rows"]]
    cut, curve = choose_cut([(s, bool(p["printer"])) for s, p in scored if p["printer"] is not None], args.bar, args.min_cites)
    model, mean, scale = _fit(x, y, args.c, w)
    at = [p for s, p in scored if s >= cut]
    summary = {"cut": round(float(cut), 4), "cv_added_labelled": sum(p["printer"] is not None for p in at),
               "cv_added_right": sum(bool(p["printer"]) for p in at), "cv_added_unlabelled": sum(p["printer"] is None for p in at),
               "labels_at_cut": dict(Counter(p["label"] or "unlabelled" for p in at))}
    from sklearn.metrics import roc_auc_score

    judged = [(s, p) for s, p in scored if p["label"] is not None]
    for name, keep in (("yes vs partly+no", ("yes", "partly", "no")), ("yes vs partly", ("yes", "partly"))):
        sel = [(s, p["label"] == "yes") for s, p in judged if p["label"] in keep]
        if len({ok for _, ok in sel}) == 2:
            summary[f"cv_auc {name}"] = round(float(roc_auc_score([ok for _, ok in sel], [s for s, _ in sel])), 3)
    print(json.dumps(summary))
    for s, k, right in curve[:40]:
        print(f"  cv cut {s:.3f}: {right}/{k} ({100 * right / k:.1f}%)")
    print("  weights:", {n: round(float(v), 3) for n, v in zip(SAME_FACT_FEATURES, model.coef_[0])})
    for s, p in sorted(scored, key=lambda t: -t[0])[: args.show]:
        print(json.dumps({"cluster": p["cluster"], "line": p["line"], "q": p["q"], "label": p["label"], "cv": round(float(s), 3)}))
    if args.write:
        data = _shipped(model, mean, scale, cut, gates, args, (
                f"bench/fit_same_fact.py --lines on bench/annotations/same_fact_lines_fit.jsonl (line-size labels, Multi-News fit briefs)"
                f"{f' + fact-level windows at weight {args.fact_weight}' if extra else ''}: logistic regression, C={args.c}; cut = lowest "
                f"leave-one-cluster-out score whose added labelled citations hold the line at >= {args.bar:.0%} (>= {args.min_cites} cites): {summary}"
        ))
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written {OUT}")


if __name__ == "__main__":
    main()
