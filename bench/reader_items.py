"""A blind news editor's labels on the "where the sources differ" items of fit briefs, and a scorer.

The editor (2026-12-07, round 9b) read every difference item of the briefs of the first 30
multi-passage clusters of the FIT half (Multi-News dev lines 1-50) as main ``7ed7c33`` built them and
said whether a reader wants it (right) and, if not, why: background, colour, opinion, explainer,
reaction, "said" (a brief line already states it), "notable" (not notable).

The repository keeps no Multi-News text: an item is stored as a reference to its quoted sentence
(cluster = 0-based line of ``multinews-dev100.jsonl``, passage 1-based, character offsets, SHA-1
prefix), as ``bench/reader_lines.py`` does for lines::

    python bench/reader_items.py convert LABELS.jsonl BRIEFS.json bench/annotations/reader_items_fit.jsonl
    python bench/reader_items.py score [--show N] [--briefs BRIEFS.json]

``score`` builds this tree's fit briefs and counts, for the exclusive ("only some report") items
still shown, those labelled right, those labelled wrong (by reason), and new unlabelled items.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotations import _digest  # noqa: E402
from reader_lines import _locate_line, build, fit_clusters, run_cli  # noqa: E402

LABELS = Path(__file__).resolve().parent / "annotations" / "reader_items_fit.jsonl"


def _item_ref(item: dict, texts: list[str]) -> dict | None:
    """An item as a reference to its quote in its first outlet's passage (None if not verbatim)."""
    index = int(item["sources"][0].rsplit("p", 1)[1])
    try:
        start, end = _locate_line(item.get("quote") or item["text"], texts[index])
    except ValueError:
        return None
    return {"passage": index + 1, "start": start, "end": end, "sha1": _digest(texts[index][start:end])}


def _key(kind: str, ref: dict | None) -> tuple | None:
    return None if ref is None else (kind, ref["passage"], ref["start"], ref["end"])


def convert(labels_path: Path, briefs_path: Path, out: Path) -> int:
    table = fit_clusters()
    briefs = json.loads(briefs_path.read_text(encoding="utf-8"))
    rows = [json.loads(l) for l in labels_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            b = row["brief"]
            dev, texts = table[b]
            item = briefs[b]["brief"]["differences"][row["item"] - 1]
            if item["kind"] != row["kind"]:
                raise ValueError(f"brief {b} item {row['item']}: kind {item['kind']} != {row['kind']}")
            ref = _item_ref(item, texts)
            if ref is None:
                raise ValueError(f"brief {b} item {row['item']}: quote not verbatim in its passage")
            rec = {"brief": b, "cluster": dev, "item": row["item"], "kind": row["kind"], **ref,
                   "outlets": [int(s.rsplit("p", 1)[1]) + 1 for s in item["sources"]],
                   "right": row["right"], "why": row["why"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(rows)


def load_labels(path: Path = LABELS) -> dict[int, dict]:
    """Per brief: {(kind, passage, start, end): label}; every reference checked against the text."""
    table = fit_clusters()
    out: dict[int, dict] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        rec = json.loads(raw)
        texts = table[rec["brief"]][1]
        if _digest(texts[rec["passage"] - 1][rec["start"]:rec["end"]]) != rec["sha1"]:
            raise ValueError(f"brief {rec['brief']} item {rec['item']}: source changed")
        out.setdefault(rec["brief"], {})[_key(rec["kind"], rec)] = rec
    return out


def score(briefs: list[dict], show: int = 0) -> dict:
    table = fit_clusters()
    labels = load_labels()
    right = wrong = 0
    wrong_why: Counter = Counter()
    new_rows, wrong_rows = [], []
    other_kinds = Counter()
    for b, entry in enumerate(briefs):
        texts = table[b][1]
        per = labels.get(b, {})
        for item in entry["brief"]["differences"]:
            if item["kind"] != "exclusive":
                lab = per.get(_key(item["kind"], _item_ref(item, texts)))
                other_kinds[(item["kind"], "right" if lab and lab["right"] else "wrong" if lab else "new")] += 1
                continue
            lab = per.get(_key("exclusive", _item_ref(item, texts)))
            if lab is None:
                new_rows.append((b, item["text"]))
            elif lab["right"]:
                right += 1
            else:
                wrong += 1
                wrong_why[lab["why"]] += 1
                wrong_rows.append((b, lab["why"], item["text"]))
    labelled = [r for per in labels.values() for r in per.values() if r["kind"] == "exclusive"]
    result = {
        "labelled_exclusives": len(labelled),
        "labelled_right": sum(r["right"] for r in labelled),
        "shown_right": right,
        "shown_wrong": wrong,
        "precision_of_labelled_shown": round(100.0 * right / max(1, right + wrong), 1),
        "shown_wrong_by_why": dict(wrong_why),
        "new_unlabelled": len(new_rows),
        "other_kinds": {f"{k}/{v}": n for (k, v), n in sorted(other_kinds.items())},
    }
    if show:
        for row in wrong_rows[:show]:
            print("WRONG", row)
        for row in new_rows[:show]:
            print("NEW", row)
    return result


def main(argv: list[str]) -> int:
    return run_cli(argv, convert, score, __doc__)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
