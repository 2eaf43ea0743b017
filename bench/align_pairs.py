"""Sentence support (``summarizer.align``) judged against reader annotations, every sentence of a story.

``bench/differences_real.py`` judges the citations of the lines a brief chose; this judges the
relation those citations come from, over every sentence a brief could choose, so that a change
to ``supports`` is measured on a few thousand pairs instead of a hundred lines.

For each annotated cluster of the FIT part, the story's sentences are made as ``build_brief``
makes them. A sentence *states* an annotated shared fact when a mention of the fact in its passage
lies mostly inside it; an outlet *prints* the sentence when it has a mention of every fact the
sentence states (the judge of ``differences_real.py``). Then:

- precision: of the (sentence, other outlet) pairs where the outlet is cited for the sentence
  (a supporting sentence, or held text), the share where the outlet prints it; a sentence that
  states no annotated fact is printed by nobody else (the annotators listed every shared fact);
- recall: of the (sentence, outlet) pairs where the outlet prints the sentence, the share cited;
- the shared scorer's proxies over the same pairs (``citation_misses.py``): the share of citations
  whose outlet holds half the sentence's stems in one or two adjacent sentences, and the
  estimated recall by containment band.

    .venv/bin/python bench/align_pairs.py [--show wrong|missed]

The check part is refused: it is for the final figures only (``differences_real.py``).
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

from annotations import annotated_story, load  # noqa: E402
from citation_misses import _scorer, best_window  # noqa: E402
from differences_real import _inside, locate  # noqa: E402

from summarizer.brief import _cited  # noqa: E402

FIT = HERE / "annotations" / "multinews_fit.jsonl"


def evaluate(show: str = "", dump: str = "") -> dict[str, float]:
    tally: Counter = Counter()
    sc = _scorer()
    out = open(dump, "w") if dump else None
    for item in load(FIT):
        passages = item["passages"]
        sentences, unquotable, alignment = annotated_story(item)  # as build_brief reads the cluster
        for i, s in enumerate(sentences):
            p = int(s.article_id.rsplit("p", 1)[1]) + 1
            span = locate(s.text, passages[p - 1])
            if span is None:
                tally["unlocated"] += 1
                continue
            facts = [f for f in item["facts"] if any(m["passage"] == p and _inside((m["start"], m["end"]), span) for m in f["mentions"])]
            printers = set.intersection(*({m["passage"] for m in f["mentions"]} for f in facts)) - {p} if facts else set()
            cited = {int(a.rsplit("p", 1)[1]) + 1 for a in _cited(alignment, i, unquotable)[1:]}
            tally["cited"] += len(cited)
            if out:
                for q in sorted(cited):
                    out.write(f"{item['cluster']}\t{p}->{q}\t{'ok' if q in printers else 'WRONG'}\t{s.text[:150]}\n")
            tally["cited_ok"] += len(cited & printers)
            tally["printers"] += len(printers)
            tally["printers_cited"] += len(printers & cited)
            # the shared scorer's view: containment of the sentence in each other outlet
            for q, text in enumerate(passages, start=1):
                if q == p:
                    continue
                c = best_window(sc, s.text, text)[0]
                if q in cited:
                    tally["lex_ok"] += c >= 0.5
                else:
                    tally["lex_missed"] += 1.0 if c >= 0.8 else 0.53 if c >= 0.5 else 0.1 if c >= 0.35 else 0.0
            if show == "wrong":
                for q in sorted(cited - printers):
                    print(json.dumps({"cluster": item["cluster"], "p": p, "q": q, "facts": [f["fact"] for f in facts], "line": s.text}))
            if show == "missed":
                for q in sorted(printers - cited):
                    quotes = [m["text"] for f in facts for m in f["mentions"] if m["passage"] == q]
                    print(json.dumps({"cluster": item["cluster"], "p": p, "q": q, "line": s.text, "there": quotes}, ensure_ascii=False))
    return {
        "sentence_cites": tally["cited"],
        "precision": round(100 * tally["cited_ok"] / max(tally["cited"], 1), 1),
        "printers": tally["printers"],
        "recall": round(100 * tally["printers_cited"] / max(tally["printers"], 1), 1),
        "unlocated": tally["unlocated"],
        "scorer_precision": round(100 * tally["lex_ok"] / max(tally["cited"], 1), 1),
        "scorer_recall": round(100 * tally["cited"] / max(tally["cited"] + tally["lex_missed"], 1), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", choices=["wrong", "missed"], default="")
    parser.add_argument("--dump", default="", help="write every citation (cluster, passages, verdict, sentence) here")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.show, args.dump)))


if __name__ == "__main__":
    main()
