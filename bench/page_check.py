"""Which real pages does ``summarizer.page_check`` set aside as no article, and why?

    .venv/bin/python bench/page_check.py [fit|check]

Reads the real pools from ../shared/eval (nothing is copied into the repository): the Multi-News
dev clusters (fit: lines 1-50, check: 51-100; each passage a page from its own outlet) and the
RealTime QA 2024 retrieved articles (fit: weeks of January-September, check: October-December;
real pages fetched by a search engine, deduplicated by URL). Prints, for each source, how many
pages were set aside by reason, and each set-aside page by reference (cluster line and passage
number, or question id and result index) with its first words, for a reader to judge, and the
shortest pages kept as articles (where a near-empty bar would bite first).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from summarizer.page_check import check_page  # noqa: E402
from synthetic_news import DEFAULT_DATA  # noqa: E402

EVAL = DEFAULT_DATA.parent


def multinews(half: str):
    lines = (EVAL / "multinews-dev100.jsonl").read_text(encoding="utf-8").splitlines()
    span = range(0, 50) if half == "fit" else range(50, 100)
    for n in span:
        context = json.loads(lines[n])["context"]
        parts = [p for p in re.split(r"(?m)^Passage \d+:\n", context) if p.strip()]
        for k, part in enumerate(parts, 1):
            yield f"multinews line {n + 1} passage {k}", re.sub(r"\s*NEWLINE_CHAR\s*", "\n", part).strip()


def realtimeqa(half: str):
    seen: set[str] = set()
    for path in sorted((EVAL / "realtimeqa-2024").glob("2024*_gcs.jsonl.gz")):
        if (path.name[:8] >= "20241001") != (half == "check"):
            continue
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                for k, result in enumerate(row["search_result"]):
                    url = result.get("url") or ""
                    if url in seen:
                        continue
                    seen.add(url)
                    yield f"realtimeqa {row['question_id']} result {k}", result.get("text") or ""


def main() -> None:
    half = sys.argv[1] if len(sys.argv) > 1 else "fit"
    for name, pages in (("Multi-News", multinews(half)), ("RealTime QA", realtimeqa(half))):
        counts: Counter[str] = Counter()
        kept: list[tuple[int, str, str]] = []
        total = 0
        for ref, text in pages:
            total += 1
            verdict = check_page(text)
            if verdict.is_article:
                kept.append((len(text.split()), ref, text))
                continue
            counts[verdict.reason or "?"] += 1
            print(f"  set aside ({verdict.reason}): {ref}: {' '.join(text.split()[:12])!r}")
        summary = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
        print(f"{name} ({half}): {total} pages, {sum(counts.values())} set aside ({summary or 'none'})")
        for words, ref, text in sorted(kept)[:5]:
            print(f"  shortest kept: {words} words, {ref}: {' '.join(text.split()[:10])!r}")


if __name__ == "__main__":
    main()
