"""Why an outlet that prints a brief's line is not cited for it: a study of real clusters.

For the first 30 multi-passage clusters of a Multi-News file (the shared scorer's sample), every
brief line and every outlet NOT cited for it is measured as ``../shared/tools/score_briefs.py``
measures it: the share of the line's content stems found in one sentence or two adjacent
sentences of the outlet (its *containment*), in the scorer's bands (>= 0.8 an outlet that almost
surely prints the line, 0.5-0.8 about half of them do, 0.35-0.5 one in ten). For each such miss
the script says which test of ``summarizer.align`` refuses the outlet's best window:

- ``cover`` / ``shared``: the weighted share of the line's terms, or their number, is too small
  (paraphrase, spelling, numbers written differently);
- a ``_SupportCheck.refusal`` name ("numbers", "printed words", "negation", "qualifier", "clause",
  "only a name", "place", "quotation");
- ``two sentences``: the window is two sentences and holds the line only together;
- ``passes``: the window passes every test but the outlet is still not cited (the sentence is
  not among the aligned ones, or the back-cover test of a long sentence refused it).

It also lists cited outlets (beyond the first) whose best window holds less than half the line's
stems, the scorer's citation-precision misses.

    .venv/bin/python bench/citation_misses.py FILE [--show BAND] [--first 30]
    .venv/bin/python bench/citation_misses.py FILE --first 50 --verbatim 0.8   # wire copy not linked

Run it on the FIT half only (``head -50`` of the Multi-News file).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from summarizer import Article  # noqa: E402
from summarizer.align import COVER, MIN_SHARED, _terms, build_alignment, is_negated, numbers_in  # noqa: E402
from summarizer.brief import DEFAULT_MAX_WORDS, _cited, _story_sentences, select  # noqa: E402
from summarizer.prose import reads_as_paper  # noqa: E402

SCORER = HERE.parent.parent.parent / "shared" / "tools" / "score_briefs.py"


def _scorer():
    """The shared scorer's module (its tokens, stemmer and sentence split)."""
    for path in (SCORER, Path("/work/shared/tools/score_briefs.py")):
        if path.exists():
            spec = importlib.util.spec_from_file_location("score_briefs", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    sys.exit("citation_misses: ../shared/tools/score_briefs.py not found")


_WINDOWS: dict[str, list[tuple[str, int, Counter]]] = {}


def _windows(sc, doc: str) -> list[tuple[str, int, Counter]]:
    """The scorer's windows of a document (one sentence, two adjacent ones), tokenised once."""
    if doc not in _WINDOWS:
        sents = [s for s in sc.SPLIT.split(doc) if s and len(s.split()) >= 3]
        pairs = [(s, 1) for s in sents] + [(a + " " + b, 2) for a, b in zip(sents, sents[1:])]
        _WINDOWS[doc] = [(w, k, Counter(sc.toks(w))) for w, k in pairs]
    return _WINDOWS[doc]


def best_window(sc, line: str, doc: str) -> tuple[float, str, int]:
    """The scorer's containment of ``line`` in ``doc``, the window that gives it, and its size."""
    it = Counter(sc.toks(line))
    if not it:
        return 1.0, "", 1
    total = sum(it.values())
    best, text, size = 0.0, "", 1
    for w, k, counts in _windows(sc, doc):
        c = sum((it & counts).values()) / total
        if c > best + 1e-9:
            best, text, size = c, w, k
    return best, text, size


def why_not(alignment, i: int, text: str) -> str:
    """The first test of ``summarizer.align`` that ``text`` fails as support for sentence ``i``."""
    check = alignment.check
    claim = alignment.terms[i]
    terms = frozenset(_terms(text, check.acronyms, check.prefixes))
    shared = claim & terms
    total = sum(alignment.weights.get(t, 0.0) for t in claim)
    if len(shared) < min(max(len(claim), 2), MIN_SHARED):
        return "shared"
    if not total or sum(alignment.weights.get(t, 0.0) for t in shared) < COVER * total:
        return "cover"
    return check.refusal(i, text, terms, numbers_in(text), is_negated(text)) or "passes"


def verbatim(sc, clusters, threshold: float) -> None:
    """Near-verbatim copies the alignment does not link: for each sentence of the story (as
    ``build_brief`` makes them) and each other outlet, that outlet's sentence holding the most of its
    scorer tokens; when it holds ``threshold`` or more and the outlet is not among the sentence's
    sources, print the pair and the test that refuses it. Wire copy printed by two outlets should
    almost always be linked; what is left names a general cause."""
    pairs, refused = 0, Counter()
    for ci, docs in enumerate(clusters):
        arts = [Article(id=f"c{ci}p{k}", source=f"Outlet {k + 1}", text=d) for k, d in enumerate(docs)]
        sentences = _story_sentences(arts, [(a.id, a.title) for a in arts if a.title], [])
        alignment = build_alignment(sentences)
        tokens = [Counter(sc.toks(s.text)) for s in sentences]
        for i, s in enumerate(sentences):
            total = sum(tokens[i].values())
            if total < 5:
                continue
            best: dict[str, tuple[float, int]] = {}
            for j, t in enumerate(sentences):
                if t.article_id != s.article_id:
                    c = sum((tokens[i] & tokens[j]).values()) / total
                    if c >= threshold and c > best.get(t.article_id, (0.0, -1))[0]:
                        best[t.article_id] = (c, j)
            sources = alignment.sources_of(i)
            for article, (c, j) in best.items():
                pairs += 1
                if article in sources:
                    continue
                reason = why_not(alignment, i, sentences[j].text)
                refused[reason] += 1
                print(json.dumps({"cluster": ci, "c": round(c, 2), "reason": reason, "line": s.text,
                                  "copy": sentences[j].text}, ensure_ascii=False))
    print(f"near-verbatim pairs {pairs}  not linked {sum(refused.values())}: "
          + ", ".join(f"{r} {n}" for r, n in refused.most_common()))


def band(c: float) -> str:
    return ">=0.8" if c >= 0.8 else "0.5-0.8" if c >= 0.5 else "0.35-0.5" if c >= 0.35 else "<0.35"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("--first", type=int, default=30)
    parser.add_argument("--show", default="", help="print the misses of this band (e.g. '>=0.8', 'all')")
    parser.add_argument("--json", default="", help="write every miss as JSON lines here")
    parser.add_argument(
        "--verbatim", type=float, default=0.0, metavar="SHARE",
        help="instead: every sentence pair of two outlets, one holding SHARE (e.g. 0.8) of the other's tokens, not linked",
    )
    args = parser.parse_args()
    sc = _scorer()
    clusters = [d for d in sc.load(args.file) if len(d) >= 2][: args.first]
    if args.verbatim:
        verbatim(sc, clusters, args.verbatim)
        return
    tally: Counter = Counter()
    weight = {">=0.8": 1.0, "0.5-0.8": 0.53, "0.35-0.5": 0.1}
    rows = []
    for ci, docs in enumerate(clusters):
        arts = [Article(id=f"c{ci}p{k}", source=f"Outlet {k + 1}", text=d) for k, d in enumerate(docs)]
        text = {a.id: a.text for a in arts}
        unquotable = [(a.id, a.title) for a in arts if a.title]
        spoken: list[tuple[str, str]] = []
        sentences = _story_sentences(arts, unquotable, spoken)
        unquotable = [*unquotable, *spoken]  # what a citation may rest on (as build_brief)
        alignment = build_alignment(sentences)
        papers = {a.id: 0.3 for a in arts if reads_as_paper(a)}
        selection = select(sentences, alignment, DEFAULT_MAX_WORDS, article_weights=papers)
        for i, s in zip(selection.indices, selection.sentences):
            cited = _cited(alignment, i, unquotable)
            tally["lines"] += 1
            for a in cited[1:]:
                c, w, k = best_window(sc, s.text, text[a])
                tally["cited_other"] += 1
                if c < 0.5:
                    tally["cited_low"] += 1
                    rows.append({"cluster": ci, "kind": "cited<0.5", "c": round(c, 2), "line": s.text, "outlet": a, "window": w})
            for a in text:
                if a in cited:
                    continue
                c, w, k = best_window(sc, s.text, text[a])
                b = band(c)
                if b == "<0.35":
                    continue
                reason = why_not(alignment, i, w)
                if reason == "passes" and k == 2:
                    reason = "two sentences"
                tally[(b, reason)] += 1
                tally[("missed", b)] += weight[b]
                rows.append({"cluster": ci, "kind": "missed", "band": b, "reason": reason, "size": k, "c": round(c, 2),
                             "line": s.text, "line_from": s.article_id, "outlet": a, "window": w})
    missed = sum(v for k, v in tally.items() if isinstance(k, tuple) and k[0] == "missed")
    print(f"lines {tally['lines']}  cited beyond the first {tally['cited_other']}  of them < 0.5: {tally['cited_low']}")
    print(f"estimated recall {100 * tally['cited_other'] / max(tally['cited_other'] + missed, 1):.1f}")
    for b in weight:
        reasons = sorted(((k[1], v) for k, v in tally.items() if isinstance(k, tuple) and k[0] == b), key=lambda x: -x[1])
        print(f"  band {b}: expected printers missed {tally[('missed', b)]:.1f}; " + ", ".join(f"{r} {v}" for r, v in reasons))
    if args.json:
        with open(args.json, "w") as out:
            for r in rows:
                out.write(json.dumps(r) + "\n")
    if args.show:
        for r in rows:
            if args.show == "all" or r.get("band") == args.show or (args.show == "cited" and r["kind"] == "cited<0.5"):
                print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
