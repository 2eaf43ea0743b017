"""Build the line-size labelling sheet for the same-fact judge (Multi-News FIT briefs only).

For each line of each fit brief (the first 50 lines of ``../shared/eval/multinews-dev100.jsonl``, Multi-News dev lines 1-50, briefs as
``score_briefs.py`` builds them through ``build_brief``) and each outlet NOT cited for it: the
outlet's best windows (one sentence or two adjacent), the top 2 by the shipped judge's score and
the top 2 by plain word share, so the sheet is not only the judge's own picks. Writes a scratch
sheet with the texts (to read, never committed) and prints counts.

    head -50 ../shared/eval/multinews-dev100.jsonl > /tmp/fit.jsonl
    .venv/bin/python bench/line_sheet.py /tmp/fit.jsonl /tmp/sheet.jsonl
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from differences_real import locate  # noqa: E402

import summarizer.brief as brief_module  # noqa: E402
from summarizer import Article, build_brief  # noqa: E402
from summarizer.align import _adjacent_pairs, same_fact_features, same_fact_model, same_fact_score  # noqa: E402


def passages(record: dict) -> list[str]:
    docs = [d for d in re.split(r"(?m)^Passage \d+:\n", record["context"]) if d.strip()]
    return [re.sub(r"\s*NEWLINE_CHAR\s*", "\n", d).strip() for d in docs]


def line_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def brief_lines(docs: list[str], cluster: int):
    """(alignment, line index i, cited article ids) for each summary line of the cluster's brief."""
    seen: list = []
    real = brief_module._cited

    def spy(alignment, i, unquotable):
        out = real(alignment, i, unquotable)
        seen.append((alignment, i, out))
        return out

    brief_module._cited = spy
    try:
        arts = [Article(id=f"c{cluster}p{k}", source=f"Outlet {k + 1}", text=d) for k, d in enumerate(docs)]
        b = build_brief(arts)
    finally:
        brief_module._cited = real
    texts = [it.text for it in b.summary]
    return [(a, i, c) for a, i, c in seen if a.sentences[i].text in texts]


def windows_of(alignment, article: str) -> list[tuple[int, ...]]:
    sents = alignment.sentences
    singles = [(k,) for k, s in enumerate(sents) if s.article_id == article]
    pairs = [(a, b) for a, b in _adjacent_pairs(sents) if sents[a].article_id == article]
    return singles + pairs


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    model = same_fact_model()
    rows = []
    for cluster, raw in enumerate(open(src, encoding="utf-8")):
        docs = passages(json.loads(raw))
        if len(docs) < 2:
            continue
        for alignment, i, cited in brief_lines(docs, cluster):
            sents = alignment.sentences
            own = sents[i].article_id
            p = int(own.rsplit("p", 1)[1])
            for q in range(len(docs)):
                article = f"c{cluster}p{q}"
                if article in cited or article == own:
                    continue
                scored = []
                for w in windows_of(alignment, article):
                    x = same_fact_features(alignment, i, w)
                    scored.append((w, x, same_fact_score(x, model), x[2]))
                if not scored:
                    continue
                pick = []
                for key in (2, 3):
                    for w, x, j, o in sorted(scored, key=lambda r: -r[key])[:2]:
                        if w not in [r[0] for r in pick]:
                            pick.append((w, x, j, o))
                wins = []
                for w, x, j, o in pick:
                    spans = [locate(sents[k].text, docs[q]) for k in w]
                    wins.append({"window": list(w), "offsets": [list(s) if s else None for s in spans],
                                 "judge": round(j, 3), "overlap": round(o, 3),
                                 "text": " | ".join(sents[k].text for k in w)})
                line_span = locate(sents[i].text, docs[p])
                rows.append({"cluster": cluster, "line": i, "line_hash": line_hash(sents[i].text), "passage": p + 1,
                             "line_offsets": list(line_span) if line_span else None, "outlet": q + 1,
                             "best_judge": max(w["judge"] for w in wins), "best_overlap": max(w["overlap"] for w in wins),
                             "line_text": sents[i].text, "windows": wins})
        print(cluster, len(rows), file=sys.stderr, flush=True)
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    print(len(rows))


if __name__ == "__main__":
    main()
