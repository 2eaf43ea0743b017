"""Word pairs that outlets swap when they retell one fact, mined from real multi-outlet clusters.

For every pair of sentences from two different outlets of one cluster that tell the same fact
around the same anchors (they share at least ``MIN_SHARED`` content words, two of them names or
numbers, and most of the shorter sentence's words), the words each prints where the other prints
another word *in the same slot* (between the same shared neighbours: "officials *said* the
plane" / "officials *told* the plane") are counted as a substitution. A pair of stems becomes a
paraphrase when outlets swap them in at least ``MIN_CLUSTERS`` different clusters (a statistic
over events, not one story's phrasing), they are not names or numbers, and the swap is a large
share of the times either word is left unmatched (``MIN_ASSOCIATION``). Pairs are merged into
groups of at most ``MAX_GROUP`` words; a merge that would join two groups is refused (no chains).

A study, not a build step: it prints the groups it would keep. On the fit data (Multi-News 1-50
and the January-September articles of realtimeqa-2024) it keeps 9 groups, most of them not
synonyms ("dubbed first", "federal felony"); wired into ``summarizer.align`` they changed no
citation of the fit clusters (``bench/align_pairs.py``), so nothing is shipped. Substitution
statistics need far more retellings of one fact than these sets hold.

    .venv/bin/python bench/mine_paraphrases.py FIT_JSONL [--rtqa FOLDER]

Run it on the FIT half only (``head -50`` of the Multi-News file).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from multinews import load_clusters  # noqa: E402

from summarizer.language import STOP_WORDS, split_sentences, stem  # noqa: E402
from summarizer.language.lexicon import word_list  # noqa: E402

#: Content words two sentences must share to count as one fact told twice.
MIN_SHARED = 4
#: Names or numbers among them (the anchors a retelling keeps).
MIN_ANCHORS = 2
#: Share of the shorter sentence's content words the other must hold.
MIN_OVERLAP = 0.5
#: Different clusters a swap must be seen in.
MIN_CLUSTERS = 2
#: Swaps over the smaller of the two words' unmatched slots.
MIN_ASSOCIATION = 0.25
#: Largest group.
MAX_GROUP = 3
#: Characters of an article read (the news is at the top) and the longest sentence kept (words).
MAX_CHARS = 6000
MAX_WORDS = 40
#: An anchor in more sentences than this (the story's main name) finds no partners by itself.
MAX_POSTINGS = 200

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*")


def _tokens(sentence: str) -> list[tuple[str, str, bool]]:
    """(stem, printed word, is a name or number) of each content word, in order."""
    out = []
    for k, w in enumerate(_TOKEN.findall(sentence)):
        lower = w.lower().removesuffix("’s").removesuffix("'s")
        if lower in STOP_WORDS or len(lower) < 3 and not lower[0].isdigit():
            continue
        anchor = lower[0].isdigit() or (w[0].isupper() and k > 0)
        out.append((stem(lower), lower, anchor))
    return out


def _slots(tokens: list[tuple[str, str, bool]], shared: set[str]) -> dict[tuple[str, str], str]:
    """The one unshared, non-anchor stem standing between two consecutive shared stems, keyed by
    them: a substitution, not a rewrite (a slot holding two words or an anchor is left out)."""
    slots: dict[tuple[str, str], list[str] | None] = {}
    stems = [t for t, _, _ in tokens]
    left, between = None, []
    for t, (_, _, anchor) in zip(stems, tokens):
        if t in shared:
            if left is not None and len(between) == 1 and between[0] is not None:
                key = (left, t)
                slots[key] = None if key in slots else [between[0]]
            left, between = t, []
        else:
            between.append(None if anchor else t)
    return {k: v[0] for k, v in slots.items() if v}


def mine(clusters: list[list[str]]) -> tuple[Counter, Counter, Counter]:
    """Clusters each stem pair is swapped in, clusters each stem is left unmatched in, spellings.

    ``clusters``: the texts of each cluster, one per outlet (or article). A sentence pair seen in
    an earlier cluster (the same two texts) is not counted again.
    """
    swapped: Counter = Counter()
    unmatched: Counter = Counter()
    printed: Counter = Counter()
    done: set[tuple[str, str]] = set()
    for texts in clusters:
        sentences: list[tuple[int, str, list[tuple[str, str, bool]], set[str]]] = []
        by_anchor: dict[str, list[int]] = defaultdict(list)
        for outlet, text in enumerate(texts):
            for s in dict.fromkeys(split_sentences(text[:MAX_CHARS])):
                toks = _tokens(s)
                if len(toks) < MIN_SHARED or len(toks) > MAX_WORDS:
                    continue
                printed.update((t, w) for t, w, _ in toks)
                k = len(sentences)
                sentences.append((outlet, s, toks, {t for t, _, _ in toks}))
                for t in {t for t, _, anchor in toks if anchor}:
                    by_anchor[t].append(k)
        seen_pairs: set[tuple[str, str]] = set()
        seen_alone: set[str] = set()
        for i, (outlet_a, text_a, sa, ta) in enumerate(sentences):
            partners: Counter = Counter()
            for t in {t for t, _, anchor in sa if anchor}:
                if len(by_anchor[t]) <= MAX_POSTINGS:
                    partners.update(j for j in by_anchor[t] if j > i)
            for j, n in partners.items():
                outlet_b, text_b, sb, tb = sentences[j]
                if n < MIN_ANCHORS or outlet_b == outlet_a or text_a == text_b:
                    continue
                shared = ta & tb
                if len(shared) < MIN_SHARED or len(shared) < MIN_OVERLAP * min(len(ta), len(tb)):
                    continue
                key = (text_a, text_b) if text_a < text_b else (text_b, text_a)
                if key in done:
                    continue
                done.add(key)
                slots_a, slots_b = _slots(sa, shared), _slots(sb, shared)
                seen_alone.update(slots_a.values())
                seen_alone.update(slots_b.values())
                for slot, x in slots_a.items():
                    y = slots_b.get(slot)
                    if y is not None and x != y:
                        seen_pairs.add((min(x, y), max(x, y)))
        swapped.update(seen_pairs)
        unmatched.update(seen_alone)
    return swapped, unmatched, printed


def groups(swapped: Counter, unmatched: Counter) -> list[tuple[list[str], float, int]]:
    """Kept pairs merged into groups (strongest first), with the pair's association and clusters."""
    hand = {stem(w) for line in word_list("paraphrases") for w in line.split()}
    scored = []
    for (x, y), n in swapped.items():
        if n < MIN_CLUSTERS or x in hand or y in hand:
            continue
        association = n / min(unmatched[x], unmatched[y])
        if association >= MIN_ASSOCIATION:
            scored.append((association, n, x, y))
    scored.sort(key=lambda r: (-r[1], -r[0], r[2], r[3]))
    group_of: dict[str, int] = {}
    members: list[list[str]] = []
    stats: list[tuple[float, int]] = []
    for association, n, x, y in scored:
        gx, gy = group_of.get(x), group_of.get(y)
        if gx is not None and gy is not None:
            continue  # both placed: joining two groups would chain meanings
        if gx is None and gy is None:
            group_of[x] = group_of[y] = len(members)
            members.append([x, y])
            stats.append((association, n))
            continue
        g = gx if gx is not None else gy
        if len(members[g]) < MAX_GROUP:
            new = y if gx is not None else x
            group_of[new] = g
            members[g].append(new)
    return [(m, a, n) for m, (a, n) in zip(members, stats)]


def rtqa_clusters(folder: Path, last_month: int = 9) -> list[list[str]]:
    """The articles retrieved for each realtimeqa question of the fit weeks (January to
    ``last_month``), one text per distinct URL: articles on one news topic from several outlets."""
    out = []
    for path in sorted(folder.glob("2024*_gcs.jsonl.gz")):
        if int(path.name[4:6]) > last_month:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                texts = {r.get("url", ""): r.get("text") or "" for r in row.get("search_result") or []}
                texts = [t for t in texts.values() if t.strip()]
                if len(texts) >= 2:
                    out.append(texts)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--rtqa", default="", help="also the fit weeks (Jan-Sep) of this realtimeqa-2024 folder")
    args = parser.parse_args(argv)
    clusters = [[a.text for a in c.articles] for c in load_clusters(Path(args.file)) if len(c.articles) >= 2]
    if args.rtqa:
        clusters += rtqa_clusters(Path(args.rtqa))
    swapped, unmatched, printed = mine(clusters)
    spelling: dict[str, str] = {}
    for (t, w), _ in printed.most_common():
        spelling.setdefault(t, w)
    found = groups(swapped, unmatched)
    lines = [" ".join(spelling.get(t, t) for t in m) for m, _, _ in found]
    for (m, a, n), line in zip(found, lines):
        print(f"{n:3d} clusters  {a:.2f}  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
