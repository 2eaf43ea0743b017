"""A blind copy editor's line labels on fit briefs, kept as references, and a scorer for any tree.

The reader (2026-12-07, round 9) read the briefs of the first 30 multi-passage clusters of the FIT
half (Multi-News dev lines 1-50) as main ``03cb97d`` built them, and labelled every line: dangling or
not (kind: pronoun, connective, surname, definite, other), what it needs (the reader's words), and
for each brief the title (yes/partly/no) and the pairs of lines that state the same fact.

The repository keeps no Multi-News text: a labelled line is stored as (cluster = 0-based line of
``multinews-dev100.jsonl``, passage 1-based, character offsets, SHA-1 prefix), as
``bench/annotations.py`` does. ``convert`` makes that file from the reader's scratch labels and the
brief JSON they read; ``score`` builds the briefs of this tree and says which labelled lines are
still chosen::

    python bench/reader_lines.py convert LABELS.jsonl BRIEFS.json bench/annotations/reader_lines_fit.jsonl
    python bench/reader_lines.py score [--show N] [--dump OUT.json]

A labelled line still chosen counts as still dangling when the reader labelled it so and no line
the reader did not see now comes before it (then it is listed as "context changed", to be read).
Lines the reader never saw are unlabelled: they are counted and ``--show`` prints a sample to read.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotations import MULTINEWS, _digest, _locate, clusters  # noqa: E402

LABELS = Path(__file__).resolve().parent / "annotations" / "reader_lines_fit.jsonl"
FIT_LINES = range(0, 50)


def fit_clusters() -> list[tuple[int, list[str]]]:
    """(dev line, passages) of the first 30 multi-passage clusters of the fit half, in brief order."""
    data = clusters(MULTINEWS)
    return [(n, data[n]) for n in FIT_LINES if len(data[n]) >= 2][:30]


_INVISIBLE = "[\u00ad\u200b-\u200d\u2060\ufeff]*"


def _locate_line(text: str, passage: str) -> tuple[int, int]:
    """Offsets of a brief line in its passage: the line may have lost invisible characters
    (zero-width spaces, soft hyphens) and have whitespace runs of its own."""
    try:
        return _locate(text, passage)
    except ValueError:
        parts = [r"\s+" if ch.isspace() else re.escape(ch) for ch in " ".join(text.split())]
        match = re.search(_INVISIBLE.join(parts), passage)
        if not match:
            raise
        return match.start(), match.end()


def _reference(text: str, passage_index: int, texts: list[str]) -> dict:
    start, end = _locate_line(text, texts[passage_index])
    return {"passage": passage_index + 1, "start": start, "end": end, "sha1": _digest(texts[passage_index][start:end])}


def _line_ref(line: dict, texts: list[str]) -> dict | None:
    """A brief line as a reference into its first outlet's passage (None if it is not verbatim there)."""
    first = line["sources"][0]
    index = int(first.rsplit("p", 1)[1])
    try:
        return _reference(line["text"], index, texts)
    except ValueError:
        return None


def convert(labels_path: Path, briefs_path: Path, out: Path) -> int:
    table = fit_clusters()
    briefs = json.loads(briefs_path.read_text(encoding="utf-8"))
    rows = [json.loads(l) for l in labels_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    written = 0
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            b = row["brief"]
            dev, texts = table[b]
            summary = briefs[b]["brief"]["summary"]
            rec = {"brief": b, "cluster": dev}
            if "line" in row:
                ref = _line_ref(summary[row["line"] - 1], texts)
                if ref is None:
                    raise ValueError(f"brief {b} line {row['line']} is not verbatim in its passage")
                rec.update(line=row["line"], **ref, dangling=row["dangling"], kind=row["kind"], needs=row["needs"])
            else:
                pairs = []
                for a, c in row["restating"]:
                    pairs.append([_line_ref(summary[a - 1], texts), _line_ref(summary[c - 1], texts)])
                rec.update(title=row["title"], title_words=row["title_words"], restating=pairs)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written


def _key(ref: dict | None) -> tuple | None:
    return None if ref is None else (ref["passage"], ref["start"], ref["end"])


def load_labels(path: Path = LABELS) -> tuple[dict, dict]:
    """Per brief: {line key: label} and the brief-level label; every reference checked against the text."""
    table = fit_clusters()
    lines: dict[int, dict] = {}
    briefs: dict[int, dict] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        rec = json.loads(raw)
        texts = table[rec["brief"]][1]
        if "line" in rec:
            span = texts[rec["passage"] - 1][rec["start"]:rec["end"]]
            if _digest(span) != rec["sha1"]:
                raise ValueError(f"brief {rec['brief']} line {rec['line']}: source changed")
            lines.setdefault(rec["brief"], {})[_key(rec)] = rec
        else:
            briefs[rec["brief"]] = rec
    return lines, briefs


def build(table) -> list[dict]:
    from summarizer import Article, build_brief

    out = []
    for ci, (dev, docs) in enumerate(table):
        arts = [Article(id=f"c{ci}p{i}", source=f"Outlet {i + 1}", text=d) for i, d in enumerate(docs)]
        out.append({"cluster": ci, "brief": build_brief(arts).to_dict()})
    return out


def score(briefs: list[dict], show: int = 0) -> dict:
    table = fit_clusters()
    labels, brief_labels = load_labels()
    kinds_before = Counter(r["kind"] for per in labels.values() for r in per.values() if r["dangling"])
    still = Counter()
    context_changed = []
    still_rows = []
    new_lines = []
    gone = Counter()
    pairs_left = 0
    total_lines = 0
    for b, item in enumerate(briefs):
        texts = table[b][1]
        summary = item["brief"]["summary"]
        total_lines += len(summary)
        per = labels.get(b, {})
        keys = [_key(_line_ref(line, texts)) for line in summary]
        seen_new = False
        for pos, (line, key) in enumerate(zip(summary, keys)):
            label = per.get(key)
            if label is None:
                new_lines.append((b, pos + 1, line["text"]))
                seen_new = True
                continue
            if label["dangling"]:
                if seen_new:
                    context_changed.append((b, pos + 1, label["kind"], line["text"]))
                else:
                    still[label["kind"]] += 1
                    still_rows.append((b, pos + 1, label["kind"], line["text"]))
        chosen = set(keys)
        for key, label in per.items():
            if label["dangling"] and key not in chosen:
                gone[label["kind"]] += 1
        for a, c in brief_labels.get(b, {}).get("restating", []):
            if _key(a) in chosen and _key(c) in chosen:
                pairs_left += 1
    result = {
        "lines": total_lines,
        "labelled_dangling": sum(kinds_before.values()),
        "still_dangling": sum(still.values()),
        "still_by_kind": dict(still),
        "dangling_gone_by_kind": dict(gone),
        "context_changed": len(context_changed),
        "new_lines": len(new_lines),
        "restating_pairs_labelled": sum(len(r.get("restating", [])) for r in brief_labels.values()),
        "restating_pairs_left": pairs_left,
    }
    if show:
        for row in still_rows[:show]:
            print("STILL", row)
        for row in context_changed[:show]:
            print("CONTEXT CHANGED", row)
        for row in new_lines[:show]:
            print("NEW", row)
    return result


def run_cli(argv: list[str], convert, score, doc: str | None) -> int:
    """The ``convert`` / ``score`` command line shared by the reader-label benches (this one and
    ``reader_items.py``): ``convert`` takes three paths, ``score`` the fit briefs (built here, or
    ``--briefs FILE``) with ``--show N`` and ``--dump OUT``."""
    if len(argv) >= 4 and argv[0] == "convert":
        print(f"{convert(Path(argv[1]), Path(argv[2]), Path(argv[3]))} labels written to {argv[3]}")
        return 0
    if argv and argv[0] == "score":
        show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 0
        if "--briefs" in argv:
            briefs = json.loads(Path(argv[argv.index("--briefs") + 1]).read_text(encoding="utf-8"))
            seconds = None
        else:
            t0 = time.perf_counter()
            briefs = build(fit_clusters())
            seconds = (time.perf_counter() - t0) / len(briefs)
        if "--dump" in argv:
            Path(argv[argv.index("--dump") + 1]).write_text(json.dumps(briefs), encoding="utf-8")
        result = score(briefs, show)
        if seconds is not None:
            result["seconds_per_brief"] = round(seconds, 3)
        print(json.dumps(result, indent=1))
        return 0
    print(doc)
    return 2


def main(argv: list[str]) -> int:
    return run_cli(argv, convert, score, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
