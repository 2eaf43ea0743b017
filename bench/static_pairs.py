"""How well does the distilled static table (``bench/static_embedding.py``) tell "the same fact"?

Four sets of FIT labels, each a list of (text a, candidate texts b, same?) pairs:

- ``lines``: ``bench/annotations/same_fact_lines_fit.jsonl`` (cite14: a fit brief line and an uncited
  outlet; "yes" = the outlet prints all of the line). The pair's score is the best over its labelled
  windows (one sentence or two adjacent). "partly" and "no" are negatives.
- ``facts``: ``encoder_pairs.pairs`` (brief6: annotated sentence, the uncited outlet's closest sentence;
  positive = the outlet prints every annotated fact the sentence states).
- ``restating``: the blind copy editor's fit labels (``bench/annotations/reader_lines_fit.jsonl``):
  every pair of labelled lines of a brief; positive = the editor's "state the same fact" pairs.
- ``exclusives``: the "only some report" items of today's briefs of the fit annotation parts (fit,
  fit2, fit3) against every sentence of each outlet they do not cite; positive = an uncited outlet
  prints an annotated fact the item states (the item is wrong for that reason).

Scorers: ``static`` (``bench/static_embedding.py`` over ``--table FILE.npz``, repeatable; default the
table ``bench/distill_static.py`` writes), ``encoder`` (the full transformer,
``--model``), ``tokens`` (the model's raw input-token table: mean of the word pieces' rows), and
``lexical`` (share of the shorter text's content stems the other prints). For each: AUC, and at
each threshold the positives / all pairs scoring at or above it.

    .venv/bin/python bench/static_pairs.py [--model DIR --site SITE] [--table FILE.npz ...] [--sets lines,facts,restating,exclusives] [--json OUT]

The check parts are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

from static_embedding import DEFAULT, StaticTable  # noqa: E402
from summarizer.language.words import content_words, stem  # noqa: E402

LINES = HERE / "annotations" / "same_fact_lines_fit.jsonl"
DEV = HERE.parents[1] / "shared" / "eval" / "multinews-dev100.jsonl"
THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def lines_set() -> list[dict]:
    from line_sheet import passages

    records = DEV.read_text(encoding="utf-8").splitlines()
    out = []
    for raw in LINES.read_text(encoding="utf-8").splitlines():
        r = json.loads(raw)
        docs = passages(json.loads(records[r["cluster"]]))
        a, b = r["line_offsets"]
        line = docs[r["passage"] - 1][a:b]
        other = docs[r["outlet"] - 1]
        # a window whose sentence is not verbatim in the passage (offsets None: one of the 208) is left out
        windows = [" ".join(other[o[0] : o[1]] for o in w["offsets"]) for w in r["windows"] if None not in w["offsets"]]
        out.append({"a": line, "b": windows, "y": r["label"] == "yes", "group": r["cluster"]})
    return out


def facts_set() -> list[dict]:
    from encoder_pairs import pairs

    return [{"a": r["line"], "b": [r["evidence"]], "y": r["prints"], "group": r["cluster"]} for r in pairs(0.3)]


def restating_set() -> list[dict]:
    from reader_lines import _key, fit_clusters, load_labels

    table = fit_clusters()
    labels, briefs = load_labels()
    out = []
    for b, per in labels.items():
        texts = table[b][1]
        same = {frozenset((_key(x), _key(y))) for x, y in briefs.get(b, {}).get("restating", [])}
        keys = sorted(per)
        for x, y in combinations(keys, 2):
            tx = texts[x[0] - 1][x[1] : x[2]]
            ty = texts[y[0] - 1][y[1] : y[2]]
            out.append({"a": tx, "b": [ty], "y": frozenset((x, y)) in same, "group": b})
    return out


def exclusives_set() -> list[dict]:
    """Every "only some report" item of the fit parts' briefs (fit, fit2, fit3) against every sentence
    of the outlets it does not cite; positive = an uncited outlet prints an annotated fact it states."""
    from annotations import load
    from differences_real import PARTS, Cluster, _as_data, _printers

    from summarizer import Article, build_brief
    from summarizer.language import split_sentences

    out = []
    for part in ("fit", "fit2", "fit3"):
        for item in load(PARTS[part]):
            if item.get("scope") == "figures":
                continue
            cluster = Cluster(item["cluster"], item.pop("passages"), item)
            articles = [Article(id=f"c{cluster.number}p{i}", source=f"Outlet {i + 1}", text=t) for i, t in enumerate(cluster.passages)]
            brief = _as_data(build_brief(articles))
            for diff in brief["differences"]:
                if diff["kind"] != "exclusive":
                    continue
                text = diff.get("quote") or diff["text"]
                found = cluster.span(diff["sources"][0], text)
                if found is None:
                    continue
                cited = {cluster.passage_of(a) for a in diff["sources"]}
                printers = set().union(*(_printers(f) for f in cluster.facts_in(*found)))
                others = [t for p, passage in enumerate(cluster.passages, 1) if p not in cited for t in split_sentences(passage)]
                if others:
                    out.append({"a": text, "b": others, "y": bool(printers - cited), "group": f"{part}:{cluster.number}"})
    return out


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def lexical(a: str, b: str) -> float:
    x, y = _stems(a), _stems(b)
    return len(x & y) / max(1, min(len(x), len(y)))


def news_mean(static: StaticTable, n: int = 5000) -> np.ndarray:
    """The mean static vector of ``n`` sentences of RealTime QA fit-week articles (never a labelled text)."""
    import gzip

    from summarizer.language import split_sentences

    rtqa = HERE.parents[1] / "shared" / "eval" / "realtimeqa-2024"
    vecs = []
    for path in sorted(rtqa.glob("2024*_gcs.jsonl.gz")):
        if path.name[:8] > "20240930":
            continue
        for raw in gzip.open(path, "rt", encoding="utf-8"):
            for art in json.loads(raw).get("search_result") or []:
                for sent in split_sentences((art.get("text") or "")[:3000])[:5]:
                    vecs.append(static.vector(sent))
                if len(vecs) >= n:
                    return np.mean(vecs, axis=0)
    return np.mean(vecs, axis=0)


def centred(static: StaticTable, mean: np.ndarray):
    def score(a: str, b: str) -> float:
        x = static.vector(a) - mean
        y = static.vector(b) - mean
        return float(x @ y / ((np.linalg.norm(x) * np.linalg.norm(y)) or 1.0))

    return score


class Full:
    def __init__(self, model: Path, cache: Path | None = None) -> None:
        from encoder_pairs import Encoder

        self.enc = Encoder(model)
        self.w = self.enc.w["embeddings.word_embeddings.weight"]
        self.cache: dict[str, np.ndarray] = {}
        self.path = cache
        if cache and cache.exists():
            z = np.load(cache)
            self.cache = dict(zip(json.loads(str(z["texts"])), z["vectors"]))
        self.tcache: dict[str, np.ndarray] = {}
        self.seconds = 0.0
        self.count = 0

    def prepare(self, texts: list[str]) -> None:
        todo = sorted({t for t in texts if t not in self.cache}, key=len)
        start = time.perf_counter()
        for k in range(0, len(todo), 16):
            for t, v in zip(todo[k : k + 16], self.enc.encode(todo[k : k + 16])):
                self.cache[t] = v
        self.seconds += time.perf_counter() - start
        self.count += len(todo)
        if self.path and todo:
            np.savez(self.path, texts=json.dumps(list(self.cache)), vectors=np.stack(list(self.cache.values())))

    def encoder(self, a: str, b: str) -> float:
        return float(self.cache[a] @ self.cache[b])

    def _tok(self, t: str) -> np.ndarray:
        if t not in self.tcache:
            ids = self.enc.tok.encode(t).ids[1:-1]
            v = self.w[ids].mean(axis=0) if ids else np.zeros(self.w.shape[1], dtype=np.float32)
            self.tcache[t] = v / (np.linalg.norm(v) or 1.0)
        return self.tcache[t]

    def tokens(self, a: str, b: str) -> float:
        return float(self._tok(a) @ self._tok(b))


def auc(scores: list[float], ys: list[bool]) -> float:
    pos = [s for s, y in zip(scores, ys) if y]
    neg = [s for s, y in zip(scores, ys) if not y]
    if not pos or not neg:
        return float("nan")
    neg_sorted = np.sort(neg)
    wins = sum(np.searchsorted(neg_sorted, p, side="left") + 0.5 * (np.searchsorted(neg_sorted, p, side="right") - np.searchsorted(neg_sorted, p, side="left")) for p in pos)
    return float(wins / (len(pos) * len(neg)))


def table(name: str, rows: list[dict], scorer) -> dict:
    scores = [max(scorer(r["a"], b) for b in r["b"]) for r in rows]
    ys = [r["y"] for r in rows]
    out = {"scorer": name, "auc": round(auc(scores, ys), 3), "pos": sum(ys), "pairs": len(ys)}
    for t in THRESHOLDS:
        over = [y for s, y in zip(scores, ys) if s >= t]
        out[f">={t}"] = f"{sum(over)}/{len(over)}"
    # the most positives taken at the precision levels a consumer could use
    order = np.argsort(scores)[::-1]
    taken = 0
    best = {0.9: (0, None), 0.8: (0, None), 0.67: (0, None)}
    for n, k in enumerate(order, 1):
        taken += ys[k]
        for level in best:
            if taken / n >= level and taken > best[level][0]:
                best[level] = (taken, round(scores[k], 3))
    for level, (count, cut) in best.items():
        out[f"P>={level}"] = f"{count} @ {cut}"
    for r, s in zip(rows, scores):
        r.setdefault("scores", {})[name] = round(s, 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="the full encoder's folder (adds 'encoder' and 'tokens')")
    parser.add_argument("--site", type=Path)
    parser.add_argument("--table", type=Path, action="append", default=[], help=f"static tables to compare (default {DEFAULT})")
    parser.add_argument("--encoder-cache", type=Path, help="keep/reuse the full encoder's sentence vectors here")
    parser.add_argument("--centre", action="store_true", help="also score static vectors centred on the mean of 5,000 news sentences")
    parser.add_argument("--sets", default="lines,facts,restating,exclusives")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.site:
        sys.path.insert(0, str(args.site))
    sets = {"lines": lines_set, "facts": facts_set, "restating": restating_set, "exclusives": exclusives_set}
    tables = args.table or [DEFAULT]
    data = {name: sets[name]() for name in args.sets.split(",")}
    full = Full(args.model, args.encoder_cache) if args.model else None
    results = []
    for name, rows in data.items():
        print(f"== {name}: {len(rows)} pairs, {sum(r['y'] for r in rows)} positive", flush=True)
        for path in tables:
            static = StaticTable(path)
            label = "static" if path == tables[0] else f"static:{path.parent.name}"
            start = time.perf_counter()
            res = table(label, rows, static.similarity)
            res["ms_per_pair"] = round(1000 * (time.perf_counter() - start) / len(rows), 3)
            results.append({"set": name, **res})
            print(json.dumps(results[-1]), flush=True)
            if args.centre:
                results.append({"set": name, **table(label + "-centred", rows, centred(static, news_mean(static)))})
                print(json.dumps(results[-1]), flush=True)
        results.append({"set": name, **table("lexical", rows, lexical)})
        print(json.dumps(results[-1]), flush=True)
        if full:
            full.prepare([r["a"] for r in rows] + [b for r in rows for b in r["b"]])
            for label, scorer in (("encoder", full.encoder), ("tokens", full.tokens)):
                results.append({"set": name, **table(label, rows, scorer)})
                print(json.dumps(results[-1]), flush=True)
    if full and full.count:
        print(json.dumps({"encoder_ms_per_text": round(1000 * full.seconds / max(1, full.count), 1)}))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "rows": {k: [{**r, "b": r["b"][:1]} for r in v] for k, v in data.items()}}, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
