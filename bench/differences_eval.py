"""Differences against the annotated stories (tests/data/eval/brief_facts.jsonl: every line, so every story).

    .venv/bin/python bench/differences_eval.py

For each story: which annotated numeric conflicts the ledger finds (a reported conflict whose
values match at least two of the annotated values), whether equivalent values are wrongly
reported as a conflict, which annotated exclusives appear (keywords in an exclusive's quote)
and how many of the exclusives shown are annotated ones (precision), which framing concepts
appear (two annotated variants in one framing text), the words the differences take, and the
time.

A value matches an annotated one when number and unit agree and, where the annotation prints a
qualifier ("more than 20,000"), its class agrees too; an annotation without one ("45 mph" where
the text says "up to 45 mph") names the number only. ``--strict`` also requires a bare
annotation to match an unqualified value (the rule used before 2026-11-24).
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
from summarizer.language.quantities import extract_figures, qualifier_class
from summarizer.language import split_sentences

EVAL = ROOT / "tests" / "data" / "eval" / "brief_facts.jsonl"
STORIES = ROOT / "tests" / "data" / "stories"


def normalise(text: str) -> str:
    text = text.lower().replace("“", '"').replace("”", '"').replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return re.sub(r"\s*(?:per ?cent|percent)\b", "%", text)


STRICT = "--strict" in sys.argv


def figure_key(text: str) -> tuple[float, str | None, str] | None:
    figures = extract_figures(text, vague=True)
    if not figures:
        return None
    f = figures[0]
    claim = qualifier_class(f.qualifier)
    return (f.value, f.unit, "=" if claim == "~" else claim)


def value_matches(annotated: tuple[float, str | None, str], reported: tuple[float, str | None, str] | None,
                  annotated_text: str) -> bool:
    if reported is None or annotated[:2] != reported[:2]:
        return False
    bare = extract_figures(annotated_text, vague=True)[0].qualifier is None
    return annotated[2] == reported[2] or (bare and not STRICT)


def row_hits(values: list[str], reported: list[tuple[str, tuple[float, str | None, str] | None]]) -> int:
    """How many distinct annotated values one reported ledger row matches."""
    hit: set[tuple[float, str | None, str]] = set()
    for text in values:
        key = figure_key(text)
        if key is not None and any(value_matches(key, r, text) for _, r in reported):
            hit.add(key)
    return len(hit)


def story_articles(name: str):
    return load_seeds() if name == "seeds" else load_path(STORIES / name)


def differences_of(articles):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return find_differences(articles, sentences, align(sentences))


def evaluate() -> dict[str, int]:
    totals = dict.fromkeys(
        ["conflicts", "conflicts_found", "equivalent", "equivalent_flagged", "exclusives", "exclusives_found",
         "exclusives_shown", "exclusives_shown_annotated", "framing", "framing_found", "reported_conflicts",
         "words", "stories"], 0)
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles = story_articles(row["story"])
        start = time.perf_counter()
        diffs = differences_of(articles)
        elapsed = time.perf_counter() - start
        # any ledger row: these invented annotations count a qualifier difference ("20,000" / "more
        # than 20,000") as a conflict, which the brief now shows as a variant
        conflicts = [d for d in diffs if d.kind in ("conflict", "variant", "update")]
        totals["reported_conflicts"] += len(conflicts)
        reported = [[(v.value, figure_key(v.value)) for v in d.values] for d in conflicts]
        found = []
        for c in row["conflicts"]:
            keys = {figure_key(v) for v in c["values"]} - {None}
            if len(keys) < 2 and not c.get("equivalent"):
                continue  # not a numeric quantity (a title, a weekday): out of the ledger's scope
            hit = any(row_hits(list(c["values"]), r) >= 2 for r in reported)
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
        annotated_shown = sum(
            1 for q in quotes if any(all(normalise(k) in q for k in e["keywords"]) for e in row["exclusives"]))
        totals["exclusives"] += len(row["exclusives"])
        totals["exclusives_found"] += ex_hits
        totals["exclusives_shown"] += len(quotes)
        totals["exclusives_shown_annotated"] += annotated_shown
        words = sum(len(d.text.split()) for d in diffs)
        totals["words"] += words
        totals["stories"] += 1
        framing = [normalise(d.text) for d in diffs if d.kind == "framing"]
        fr_hits = sum(
            1 for f in row["framing"]
            if len(f["variants"]) >= 2 and any(sum(normalise(v) in t for v in f["variants"]) >= 2 for t in framing)
        )
        totals["framing"] += sum(1 for f in row["framing"] if len(f["variants"]) >= 2)
        totals["framing_found"] += fr_hits
        print(f"{row['story']}: {len(diffs)} differences, {words} words, in {elapsed * 1000:.0f} ms; "
              f"conflicts {' '.join(found)}; "
              f"exclusives shown {len(quotes)} (annotated: {annotated_shown}; annotated ones hit: {ex_hits}); "
              f"framing hit {fr_hits}/{sum(1 for f in row['framing'] if len(f['variants']) >= 2)}")
    return totals


def main() -> None:
    t = evaluate()
    print(f"numeric conflicts found: {t['conflicts_found']}/{t['conflicts']}; "
          f"equivalent values wrongly reported: {t['equivalent_flagged']}/{t['equivalent']}; "
          f"conflicts reported in all: {t['reported_conflicts']}")
    shown = t["exclusives_shown"]
    print(f"exclusives shown: {shown}; annotated among them (precision): {t['exclusives_shown_annotated']}/{shown}"
          f" = {t['exclusives_shown_annotated'] / max(1, shown):.2f}; annotated exclusives hit (recall): "
          f"{t['exclusives_found']}/{t['exclusives']}")
    print(f"words of differences a story (mean): {t['words'] / max(1, t['stories']):.0f}")
    print(f"framing concepts shown: {t['framing_found']}/{t['framing']}")


if __name__ == "__main__":
    main()
