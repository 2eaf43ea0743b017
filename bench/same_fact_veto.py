"""Could the fitted same-fact judge veto an "only some report" item? A study on the fit annotations.

``differences.find_differences`` lists a sentence as reported by only some outlets when no other
outlet's sentence supports it. This asks, for every sentence of an annotated fit cluster (made as
``build_brief`` makes them, ``annotations.annotated_story``), that no other outlet supports:

- TRUE EXCLUSIVES: the sentence holds an annotated ``exclusive`` item (a fact exactly one outlet
  states). A veto here (the judge finds another outlet stating it) would drop a right item;
- SHARED, UNSUPPORTED: the sentence states an annotated shared fact that another outlet prints.
  Shown as "only some report" it is wrong; a veto here is right.

The judge is ``Alignment.judged_by`` at the shipped cut (``data/same_fact.json``), and at lower
cuts for the curve. Nothing is changed in ``differences.py``: this measures the hook.

    .venv/bin/python bench/same_fact_veto.py

The check part is never read here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from annotations import annotated_story, load  # noqa: E402
from differences_real import _inside, _overlap, locate  # noqa: E402

from summarizer.align import judged_sources, same_fact_model  # noqa: E402

FIT = HERE / "annotations" / "multinews_fit.jsonl"


def main() -> None:
    model = same_fact_model()
    cuts = sorted({model["threshold"], 0.5, 0.7, 0.8, 0.9, 0.95})
    tally: Counter = Counter()
    for item in load(FIT):
        passages = item["passages"]
        sentences, _, alignment = annotated_story(item)
        low = {**model, "threshold": min(cuts), "enabled": True}  # measured whether or not it ships on
        for i, s in enumerate(sentences):
            p = int(s.article_id.rsplit("p", 1)[1]) + 1
            span = locate(s.text, passages[p - 1])
            if span is None or len(alignment.sources_of(i)) > 1:
                continue  # supported elsewhere: never an "only some report" item
            exclusive = any(e["passage"] == p and _overlap((e["start"], e["end"]), span) > 0 for e in item.get("exclusive", []))
            facts = [f for f in item["facts"] if any(m["passage"] == p and _inside((m["start"], m["end"]), span) for m in f["mentions"])]
            printers = set.intersection(*({m["passage"] for m in f["mentions"]} for f in facts)) - {p} if facts else set()
            if exclusive and not facts:
                kind = "true_exclusive"
            elif printers:
                kind = "shared_unsupported"
            else:
                continue
            tally[kind] += 1
            import summarizer.align as align_module

            saved = align_module.same_fact_model
            align_module.same_fact_model = lambda: low
            try:
                scores = judged_sources(alignment, i)
            finally:
                align_module.same_fact_model = saved
            for cut in cuts:
                found = {int(a.rsplit("p", 1)[1]) + 1 for a, v in scores.items() if v >= cut}
                tally[f"{kind}_vetoed@{cut:.3f}"] += bool(found)
                if kind == "shared_unsupported":
                    tally[f"{kind}_vetoed_by_printer@{cut:.3f}"] += bool(found & printers)
    out = {"true_exclusive": tally["true_exclusive"], "shared_unsupported": tally["shared_unsupported"]}
    for cut in cuts:
        out[f"cut {cut:.3f}"] = {
            "true exclusives vetoed (wrong)": tally[f"true_exclusive_vetoed@{cut:.3f}"],
            "shared vetoed (right)": tally[f"shared_unsupported_vetoed@{cut:.3f}"],
            "of which by a printer": tally[f"shared_unsupported_vetoed_by_printer@{cut:.3f}"],
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
