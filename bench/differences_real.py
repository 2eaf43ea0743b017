"""Differences and citations of real briefs, judged against reader annotations of Multi-News.

For every annotated cluster (``bench/annotations/multinews_*.jsonl``, see ``bench/annotations.py``)
the brief is built through the public API exactly as the shared scorer does (each passage an
``Article`` from its own outlet, default budget), and every item is judged against what the
annotator wrote:

- **figures differ** (``conflict`` items): each shown value is matched to the annotated figure it
  quotes (same passage, overlapping text, same number, or for a date the same month, weekday or
  clock time). An item is right when two of its values
  are annotated as one quantity in ``conflict`` and no two of its values are annotated
  ``distinct`` or are not annotated as one quantity at all. A difference the annotator called an
  ``update`` or a ``precision`` difference is wrong as a conflict; ``update`` and ``variant``
  items, when the brief has them, are judged right for exactly those relations.
  Recall: the annotated conflicts shown by a right item.
- **only some report** (``exclusive`` items, any number of sources): the item's sentence is
  matched to the annotated facts it states (a mention of the fact in its passage lies mostly
  inside it). A one-outlet item is right when none of its facts is printed by another passage; a
  k-outlet item is right when its outlets are exactly the passages that print its fact.
  ``exclusive_in_body`` counts items that restate a line of the brief's body (its text, or an
  annotated fact a body line states): the brief then says one fact twice.
- **framing**: items counted, and those matching an annotated contested term.
- **citations**: for each summary line, an outlet cited beyond the quoted one holds the line when
  it prints every annotated fact the line states (``cite_precision``; ``cite_precision_any``:
  one of them); recall is the share of the outlets that print every fact of the line that are
  cited. A line that states no annotated shared fact is printed by its own outlet alone.

    .venv/bin/python bench/differences_real.py                      # fit and (if present) check parts
    .venv/bin/python bench/differences_real.py --part fit --show    # the fit part's items, judged
    .venv/bin/python bench/differences_real.py --part fit2 --show   # annotator C's blind fit clusters
    .venv/bin/python bench/differences_real.py --part fit3 --show   # annot9's blind fit clusters

``--show`` prints each item with its verdict; it refuses the check part (fit on one part, check on
the other: nobody looks at the check part's items to find what to fix).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from annotations import load  # noqa: E402

from summarizer import Article, build_brief  # noqa: E402
from summarizer.language.quantities import extract_figures  # noqa: E402

PARTS = {
    "fit": HERE / "annotations" / "multinews_fit.jsonl",
    "check": HERE / "annotations" / "multinews_check.jsonl",
    # figures only (scope "figures"): fit clusters 15 and 17-49, read for the figures two outlets give
    "fit-figures": HERE / "annotations" / "multinews_fit_figures.jsonl",
    # full scope, annotated blind by annotator C (clusters 17, 18, 20, 22, 23, 25, 26, 27, 29)
    "fit2": HERE / "annotations" / "multinews_fit2.jsonl",
    # full scope, annotated blind by annot9 (clusters 31, 33, 36-41, 46-49)
    "fit3": HERE / "annotations" / "multinews_fit3.jsonl",
    # checking part, annotated blind by annot10 (clusters 68, 69, 71, 72, 74-76, 78, 80, 84, 87, 91, 97, 99)
    "check2": HERE / "annotations" / "multinews_check2.jsonl",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def locate(text: str, passage: str) -> tuple[int, int] | None:
    """Where a brief's verbatim text lies in its passage (whitespace runs match any whitespace,
    zero-width characters included)."""
    start = passage.find(text)
    if start >= 0:
        return start, start + len(text)
    parts = text.split()
    if not parts:
        return None
    # zero-width characters ("Savino \u200b(D-SI)") are gone from the brief's text: a gap
    match = re.search(r"[\s\u200b-\u200d\u2060\ufeff]+".join(re.escape(p) for p in parts), passage)
    return (match.start(), match.end()) if match else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(mention: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether an annotated mention lies mostly inside a brief's text (or the text inside it)."""
    shorter = min(mention[1] - mention[0], span[1] - span[0])
    return shorter > 0 and _overlap(mention, span) >= 0.5 * shorter


def _numbers(text: str) -> set[float]:
    out = {float(n.replace(",", "")) for n in _NUMBER.findall(text) if n.replace(",", "").replace(".", "", 1).isdigit()}
    out |= {f.value for f in extract_figures(text, vague=True)}
    return out


@dataclass
class Cluster:
    number: int
    passages: list[str]
    annotation: dict[str, Any]

    def passage_of(self, article_id: str) -> int:
        """1-based passage number of an article id ``c<cluster>p<index>``."""
        return int(article_id.rsplit("p", 1)[1]) + 1

    def span(self, article_id: str, text: str) -> tuple[int, tuple[int, int]] | None:
        p = self.passage_of(article_id)
        where = locate(text, self.passages[p - 1])
        return (p, where) if where else None

    def facts_in(self, p: int, span: tuple[int, int]) -> list[dict[str, Any]]:
        """Annotated shared facts whose mention in passage ``p`` lies mostly inside ``span``."""
        out = []
        for fact in self.annotation.get("facts", []):
            if any(m["passage"] == p and _inside((m["start"], m["end"]), span) for m in fact["mentions"]):
                out.append(fact)
        return out


def _printers(fact: dict[str, Any]) -> set[int]:
    return {m["passage"] for m in fact["mentions"]}


def judge_citations(cluster: Cluster, brief: dict[str, Any], tally: Counter, show: list[str] | None) -> None:
    for item in brief["summary"]:
        sources = item["sources"]
        found = cluster.span(sources[0], item["text"])
        if found is None:
            tally["lines_unlocated"] += 1
            continue
        p, span = found
        facts = cluster.facts_in(p, span)
        holders_any = set().union(*(_printers(f) for f in facts)) - {p} if facts else set()
        holders_all = set.intersection(*(_printers(f) for f in facts)) - {p} if facts else set()
        cited = {cluster.passage_of(s) for s in sources[1:]}
        tally["lines"] += 1
        tally["cited_other"] += len(cited)
        tally["cited_ok_any"] += len(cited & holders_any)
        tally["cited_ok_all"] += len(cited & holders_all)
        tally["holders"] += len(holders_all)
        tally["holders_cited"] += len(cited & holders_all)
        if show is not None and (cited - holders_all or holders_all - cited):
            show.append(
                f"  line [{p}] cites {sorted(cited)}; printed also by {sorted(holders_any)}"
                f" (all facts: {sorted(holders_all)}): {item['text'][:110]}"
            )


def _value_matches(cluster: Cluster, value: dict[str, Any]) -> list[tuple[int, int]]:
    """(group index, value index) of the annotated figures a shown value quotes."""
    if not value.get("quote") or not value.get("sources"):
        return []
    found = cluster.span(value["sources"][0], value["quote"])
    if found is None:
        return []
    p, span = found
    shown = _numbers(value["value"])
    words = _date_words(value["value"])
    out = []
    for g, group in enumerate(cluster.annotation.get("figures", [])):
        for k, v in enumerate(group["values"]):
            if v["passage"] != p or not _overlap((v["start"], v["end"]), span):
                continue
            # a figure by its number; a date or a day by its words ("Thursday", "May 2012")
            if shown & (_numbers(v["text"]) | _numbers(v["value"])) or (words and words & _date_words(v["value"])):
                out.append((g, k))
    return out


_DATE_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b\d{1,2}(?::\d\d)?\s?[ap]\.?m\b",
    re.IGNORECASE,
)


def _date_words(text: str) -> set[str]:
    """The month, weekday and clock-time words of a value ("May 2012" -> {"may"}; "7 p.m." -> {"7pm"})."""
    return {re.sub(r"[\s.]", "", w.lower())[:5] for w in _DATE_WORD.findall(text)}


def judge_figures(cluster: Cluster, brief: dict[str, Any], tally: Counter, found: set[int], show: list[str] | None) -> None:
    figures = cluster.annotation.get("figures", [])
    for diff in brief["differences"]:
        kind = diff["kind"]
        if kind not in ("conflict", "update", "variant"):
            continue
        values = diff.get("values") or []
        matches = [_value_matches(cluster, v) for v in values]
        relations: list[str] = []
        groups_conflict: set[int] = set()
        for a in range(len(values)):
            for b in range(a + 1, len(values)):
                common = {g for g, _ in matches[a]} & {g for g, _ in matches[b]}
                if not common:
                    relations.append("unannotated")
                    continue
                rels = {figures[g]["relation"] for g in common}
                rel = next(r for r in ("conflict", "update", "precision", "same", "distinct") if r in rels)
                relations.append(rel)
                if rel in ("conflict", "update"):
                    groups_conflict |= {g for g in common if figures[g]["relation"] == rel}
        wrong = {"distinct", "unannotated"} & set(relations)
        want = {"conflict": "conflict", "update": "update", "variant": "precision"}[kind]
        right = want in relations and not wrong
        tally[f"{kind}_items"] += 1
        tally[f"{kind}_right"] += right
        if kind == "update" and right:
            found |= {-1 - g for g in groups_conflict}  # updates found: negative keys
        if kind == "conflict" and right:
            found |= groups_conflict
            named = [figures[g]["values"] for g in groups_conflict]
            claimed = {v["who"] for vs in named for v in vs if v.get("who")}
            if claimed:
                tally["claimant_conflicts"] += 1
                tally["claimant_named"] += any(w.lower() in diff["text"].lower() for w in claimed)
        if show is not None:
            show.append(f"  {kind} {'RIGHT' if right else 'WRONG'} {relations}: {diff['text'][:140]}")


def judge_exclusives(cluster: Cluster, brief: dict[str, Any], tally: Counter, show: list[str] | None) -> None:
    exclusives = cluster.annotation.get("exclusive", [])
    body_texts = {item["text"] for item in brief["summary"]}
    body_facts: set[int] = set()
    for item in brief["summary"]:
        where = cluster.span(item["sources"][0], item["text"])
        if where is not None:
            body_facts |= {id(f) for f in cluster.facts_in(*where)}
    for diff in brief["differences"]:
        if diff["kind"] != "exclusive":
            continue
        sources = diff["sources"]
        found = cluster.span(sources[0], diff.get("quote") or diff["text"])
        tally["exclusive_items"] += 1
        if found is None:
            tally["exclusive_unlocated"] += 1
            continue
        p, span = found
        cited = {cluster.passage_of(s) for s in sources}
        facts = cluster.facts_in(p, span)
        printers = [_printers(f) for f in facts]
        if len(cited) == 1:
            right = not facts
        else:
            right = bool(printers) and all(pr <= cited for pr in printers) and any(pr == cited for pr in printers)
        notable = any(e["passage"] == p and _overlap((e["start"], e["end"]), span) for e in exclusives)
        # restates a line of the brief's body: the same text, or an annotated fact a body line states
        in_body = diff.get("quote") in body_texts or any(id(f) in body_facts for f in facts)
        tally["exclusive_in_body"] += in_body
        tally["exclusive_right"] += right
        tally["exclusive_shared_right"] += right and len(cited) > 1
        tally["exclusive_shared_items"] += len(cited) > 1
        tally["exclusive_notable"] += right and notable
        if show is not None:
            also = sorted(set().union(*printers) - cited) if printers else []
            show.append(
                f"  exclusive {'RIGHT' if right else 'WRONG'} cites {sorted(cited)} also printed by {also}"
                f"{' (annotated notable)' if notable else ''}{' (restates a body line)' if in_body else ''}: {diff['text'][:120]}"
            )


def judge_framing(cluster: Cluster, brief: dict[str, Any], tally: Counter, show: list[str] | None) -> None:
    annotated = cluster.annotation.get("framing", [])
    for diff in brief["differences"]:
        if diff["kind"] != "framing":
            continue
        cited = {cluster.passage_of(s) for s in diff["sources"]}
        right = any(f["passage"] in cited and f["text"].lower() in diff["text"].lower() for f in annotated)
        tally["framing_items"] += 1
        tally["framing_right"] += right
        if show is not None:
            show.append(f"  framing {'RIGHT' if right else 'WRONG'}: {diff['text'][:140]}")


def _as_data(brief: Any) -> dict[str, Any]:
    """The brief as plain data, figures ledger values included (``to_dict`` leaves them out)."""
    import dataclasses

    out = brief.to_dict()
    out["differences"] = [dataclasses.asdict(d) for d in brief.differences]
    return out


def evaluate(path: Path, show: bool = False) -> dict[str, Any]:
    tally: Counter = Counter()
    conflicts_found = 0
    conflicts_real = 0
    lines: list[str] | None = [] if show else None
    seconds = 0.0
    annotated = load(path)
    for item in annotated:
        cluster = Cluster(item["cluster"], item.pop("passages"), item)
        articles = [
            Article(id=f"c{cluster.number}p{i}", source=f"Outlet {i + 1}", text=text)
            for i, text in enumerate(cluster.passages)
        ]
        started = time.perf_counter()
        brief = _as_data(build_brief(articles))
        seconds += time.perf_counter() - started
        if lines is not None:
            lines.append(f"cluster {cluster.number}: {brief['title']}")
        found: set[int] = set()
        judge_figures(cluster, brief, tally, found, lines)
        if item.get("scope") != "figures":  # a figures-only annotation judges nothing else
            judge_citations(cluster, brief, tally, lines)
            judge_exclusives(cluster, brief, tally, lines)
            judge_framing(cluster, brief, tally, lines)
        real = [
            g for g, group in enumerate(item.get("figures", []))
            if group["relation"] == "conflict" and len({v["passage"] for v in group["values"]}) >= 2
        ]
        conflicts_real += len(real)
        conflicts_found += len(found & set(real))
        updates = [
            g for g, group in enumerate(item.get("figures", []))
            if group["relation"] == "update" and len({v["passage"] for v in group["values"]}) >= 2
        ]
        tally["updates_real"] += len(updates)
        tally["updates_found"] += len({-1 - g for g in updates} & found)
        if lines is not None:
            for g in real:
                if g not in found:
                    lines.append(f"  MISSED conflict: {item['figures'][g]['quantity']}")
    if lines is not None:
        print("\n".join(lines))

    def pct(a: float, b: float) -> float | None:
        return round(100.0 * a / b, 1) if b else None

    return {
        "clusters": len(annotated),
        "conflict_items": tally["conflict_items"],
        "conflict_precision": pct(tally["conflict_right"], tally["conflict_items"]),
        "conflicts_real": conflicts_real,
        "conflict_recall": pct(conflicts_found, conflicts_real),
        "claimant_named": f"{tally['claimant_named']}/{tally['claimant_conflicts']}",
        "update_items": f"{tally['update_right']}/{tally['update_items']}",
        "updates_shown": f"{tally['updates_found']}/{tally['updates_real']}",
        "variant_items": f"{tally['variant_right']}/{tally['variant_items']}",
        "exclusive_items": tally["exclusive_items"],
        "exclusive_precision": pct(tally["exclusive_right"], tally["exclusive_items"]),
        "exclusive_true": tally["exclusive_right"],
        "exclusive_shared": f"{tally['exclusive_shared_right']}/{tally['exclusive_shared_items']}",
        "exclusive_notable": tally["exclusive_notable"],
        "exclusive_in_body": tally["exclusive_in_body"],
        "framing_items": tally["framing_items"],
        "framing_right": tally["framing_right"],
        "lines": tally["lines"],
        "cite_precision": pct(tally["cited_ok_all"], tally["cited_other"]),
        "cite_precision_any": pct(tally["cited_ok_any"], tally["cited_other"]),
        "cited_other": tally["cited_other"],
        "cite_recall": pct(tally["holders_cited"], tally["holders"]),
        "printers": tally["holders"],
        "s_per_brief": round(seconds / max(len(annotated), 1), 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=sorted(PARTS), action="append", help="which annotated part (default: all present)")
    parser.add_argument("--file", type=Path, action="append", default=[], help="an annotation file of the fit part")
    parser.add_argument("--show", action="store_true", help="print every item with its verdict (fit part only)")
    args = parser.parse_args(argv)
    targets: list[tuple[str, Path]] = [("fit", f) for f in args.file]
    for part in args.part or ([] if args.file else sorted(PARTS, key=lambda p: (p.startswith("check"), p))):
        if PARTS[part].exists():
            targets.append((part, PARTS[part]))
        elif args.part:
            print(f"error: no annotations at {PARTS[part]}", file=sys.stderr)
            return 2
    for part, path in targets:
        if args.show and not part.startswith("fit"):
            print("error: --show is for the fit part only (the check part is for figures, not for finding what to fix)", file=sys.stderr)
            return 2
        print(json.dumps({"part": part, "file": path.name, **evaluate(path, show=args.show)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
