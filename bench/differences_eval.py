"""Differences against the annotated stories (tests/data/eval/brief_facts.jsonl).

    .venv/bin/python bench/differences_eval.py

For each story: which annotated numeric conflicts the ledger finds (a reported conflict whose
values match at least two of the annotated values), whether equivalent values are wrongly
reported as a conflict, which annotated exclusives appear (keywords in an exclusive's quote),
which framing concepts appear (two annotated variants in one framing text), and the time.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.loaders import load_path, load_seeds
from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.figures import extract_figures, qualifier_class
from summarizer.text import split_sentences

EVAL = ROOT / "tests" / "data" / "eval" / "brief_facts.jsonl"
STORIES = ROOT / "tests" / "data" / "stories"


def normalise(text: str) -> str:
    text = text.lower().replace("“", '"').replace("”", '"').replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return re.sub(r"\s*(?:per ?cent|percent)\b", "%", text)


def figure_key(text: str) -> tuple[float, str | None, str] | None:
    figures = extract_figures(text)
    if not figures:
        return None
    f = figures[0]
    claim = qualifier_class(f.qualifier)
    return (f.value, f.unit, "=" if claim == "~" else claim)


def story_articles(name: str):
    return load_seeds() if name == "seeds" else load_path(STORIES / name)


def differences_of(articles):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return find_differences(articles, sentences, align(sentences))


def evaluate() -> dict[str, int]:
    totals = dict.fromkeys(
        ["conflicts", "conflicts_found", "equivalent", "equivalent_flagged", "exclusives", "exclusives_found",
         "framing", "framing_found", "reported_conflicts"], 0)
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles = story_articles(row["story"])
        start = time.perf_counter()
        diffs = differences_of(articles)
        elapsed = time.perf_counter() - start
        conflicts = [d for d in diffs if d.kind == "conflict"]
        totals["reported_conflicts"] += len(conflicts)
        reported = [{figure_key(v.value) for v in d.values} for d in conflicts]
        found = []
        for c in row["conflicts"]:
            keys = {figure_key(v) for v in c["values"]} - {None}
            if len(keys) < 2 and not c.get("equivalent"):
                continue  # not a numeric quantity (a title, a weekday): out of the ledger's scope
            hit = any(len(keys & r) >= 2 for r in reported)
            if c.get("equivalent"):
                totals["equivalent"] += 1
                totals["equivalent_flagged"] += hit
            else:
                totals["conflicts"] += 1
                totals["conflicts_found"] += hit
                found.append(("+" if hit else "-") + c["quantity"])
        quotes = [normalise(d.quote or d.text) for d in diffs if d.kind == "exclusive"]
        ex_hits = 0
        for e in row["exclusives"]:
            if any(all(normalise(k) in q for k in e["keywords"]) for q in quotes):
                ex_hits += 1
        totals["exclusives"] += len(row["exclusives"])
        totals["exclusives_found"] += ex_hits
        framing = [normalise(d.text) for d in diffs if d.kind == "framing"]
        fr_hits = sum(
            1 for f in row["framing"]
            if len(f["variants"]) >= 2 and any(sum(normalise(v) in t for v in f["variants"]) >= 2 for t in framing)
        )
        totals["framing"] += sum(1 for f in row["framing"] if len(f["variants"]) >= 2)
        totals["framing_found"] += fr_hits
        print(f"{row['story']}: {len(diffs)} differences in {elapsed * 1000:.0f} ms; conflicts {' '.join(found)}; "
              f"exclusives shown {sum(d.kind == 'exclusive' for d in diffs)} (annotated ones hit: {ex_hits}); "
              f"framing hit {fr_hits}/{sum(1 for f in row['framing'] if len(f['variants']) >= 2)}")
    return totals


def main() -> None:
    t = evaluate()
    print(f"numeric conflicts found: {t['conflicts_found']}/{t['conflicts']}; "
          f"equivalent values wrongly reported: {t['equivalent_flagged']}/{t['equivalent']}; "
          f"conflicts reported in all: {t['reported_conflicts']}")
    print(f"annotated exclusives shown (of {t['exclusives']}, at most 5 a story fit): {t['exclusives_found']}")
    print(f"framing concepts shown: {t['framing_found']}/{t['framing']}")


if __name__ == "__main__":
    main()
