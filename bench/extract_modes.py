"""Would trafilatura's fast mode lose article text? A study on a folder of real web pages.

    .venv/bin/python bench/extract_modes.py PAGES_DIR [--thresholds 500,1000,2000]

Extraction is about two thirds of ingest time (bench/pipeline.py --profile). trafilatura's default
cascade runs its own extractor and then compares with readability and jusText; ``fast=True``
skips the comparison. This reads every ``*.html`` in PAGES_DIR (real pages: nothing is shipped
with the repository; trafilatura's own test pages are one public set), extracts each page with
newsbrief's settings in both modes, and prints how many texts are identical, how many differ
(token Jaccard) and the CPU time of each mode; then, for a hybrid that reruns the full cascade
only when the fast text is shorter than T characters, how many pages it reruns and how many
still differ from the default.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.loaders import extraction_options  # noqa: E402

_WORD = re.compile(r"\w+")


def extract(html: bytes, *, fast: bool) -> str:
    """Body text as `bot.loaders.extract_html` asks trafilatura for it (same options)."""
    doc = trafilatura.bare_extraction(html, fast=fast, **extraction_options())
    return (doc.text if doc is not None else "") or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--thresholds", default="500,1000,1500,2000,2500")
    args = parser.parse_args(argv)
    pages = [(p.name, p.read_bytes()) for p in sorted(args.pages.glob("*.html"))]
    if not pages:
        print(f"extract_modes: no .html pages in {args.pages}", file=sys.stderr)
        return 1
    texts: dict[bool, dict[str, str]] = {False: {}, True: {}}
    cpu = {False: 0.0, True: 0.0}
    for name, html in pages:
        for fast in (False, True):
            start = time.process_time()
            texts[fast][name] = extract(html, fast=fast)
            cpu[fast] += time.process_time() - start
    full, quick = texts[False], texts[True]
    differing = []
    for name, _ in pages:
        if full[name] != quick[name]:
            a, b = set(_WORD.findall(full[name].lower())), set(_WORD.findall(quick[name].lower()))
            differing.append((len(a & b) / max(1, len(a | b)), len(full[name]), len(quick[name]), name))
    print(f"{len(pages)} pages: identical {len(pages) - len(differing)}, differ {len(differing)}")
    for fast in (False, True):
        print(f"  {'fast' if fast else 'default'}: {cpu[fast] / len(pages) * 1000:.1f} ms a page (CPU)")
    for jaccard, n_full, n_fast, name in sorted(differing):
        print(f"  Jaccard {jaccard:.2f}: default {n_full} chars, fast {n_fast} chars  {name}")
    print("hybrid (fast, then the full cascade when the fast text is shorter than T characters):")
    for threshold in (int(t) for t in args.thresholds.split(",")):
        rerun = [n for n, _ in pages if len(quick[n]) < threshold]
        lost = [n for n, _ in pages if len(quick[n]) >= threshold and quick[n] != full[n]]
        print(f"  T={threshold}: reruns {len(rerun)} of {len(pages)}, still differing {len(lost)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
