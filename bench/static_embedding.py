"""Sentence vectors from a static table distilled from all-MiniLM-L6-v2 (model2vec's way). A study.

The table (``bench/distill_static.py`` makes it, by default ``bench/out/static_minilm.npz``) holds one
vector for each word piece of the model and for each frequent news word the model splits into
several pieces: the encoder's mean-pooled output for that item alone, reduced by PCA and weighted by
how rare the item is in news (SIF), stored as int8 rows with a float16 scale each. The JSON record
beside it names the source model, its licence (Apache-2.0) and sha256, and the table's own sha256,
which ``StaticTable`` checks on loading.

A sentence's vector is the sum of its tokens' rows, unit length: a word the table holds whole takes
its row, any other word is split greedily into the shipped word pieces (WordPiece, as BERT's uncased
tokenizer splits). Numpy and a dict: no transformer and no ``tokenizers`` at run time.

Written as a run-time module (what ``summarizer/language/`` would hold); kept in ``bench/`` because
the study (RESULTS, round 11, para21) found no consumer it serves without loss.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["DEFAULT", "StaticTable", "basic_tokens", "pieces"]

DEFAULT = Path(__file__).resolve().parent / "out" / "static_minilm.npz"
#: BERT's basic tokenizer: runs of letters/digits; every other printed character a token of its own.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_MAX_WORD = 100


def basic_tokens(text: str) -> list[str]:
    """Lower-cased tokens with accents stripped, punctuation split off (BERT uncased)."""
    text = text.lower()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return _TOKEN.findall(text)


def pieces(word: str, index: dict[str, int]) -> list[int]:
    """Greedy longest-match WordPiece over ``index`` (piece -> row; continuations start "##");
    [] when the word cannot be spelled."""
    if len(word) > _MAX_WORD:
        return []
    out: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        found = -1
        while end > start:
            found = index.get(word[start:end] if start == 0 else "##" + word[start:end], -1)
            if found >= 0:
                break
            end -= 1
        if found < 0:
            return []
        out.append(found)
        start = end
    return out


class StaticTable:
    """A distilled table read from ``path`` (its sha256 checked against the record beside it)."""

    def __init__(self, path: Path = DEFAULT, *, check: bool = True) -> None:
        data = Path(path).read_bytes()
        record = Path(path).with_suffix(".json")
        self.info = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
        if check:
            digest = hashlib.sha256(data).hexdigest()
            if digest != self.info.get("table_sha256"):
                raise ValueError(f"{path}: sha256 {digest} is not the recorded {self.info.get('table_sha256')}")
        import io

        z = np.load(io.BytesIO(data), allow_pickle=False)
        self.rows = z["rows"].astype(np.float32) * z["scale"].astype(np.float32)[:, None]
        vocab = z["vocab"].tobytes().decode("utf-8").split("\n")
        self.index = {item: k for k, item in enumerate(vocab)}
        self.vector = lru_cache(maxsize=16384)(self._vector)

    def token_rows(self, text: str) -> list[int]:
        """The rows a text sums: a known word's own row, else its word pieces."""
        rows: list[int] = []
        for token in basic_tokens(text):
            k = self.index.get(token, -1)
            rows.extend([k] if k >= 0 else pieces(token, self.index))
        return rows

    def _vector(self, text: str) -> np.ndarray:
        rows = self.token_rows(text)
        v = self.rows[rows].sum(axis=0) if rows else np.zeros(self.rows.shape[1], dtype=np.float32)
        norm = float(np.linalg.norm(v))
        v = v / norm if norm > 0 else v
        v.setflags(write=False)
        return v

    def similarity(self, a: str, b: str) -> float:
        """Cosine of the two texts' vectors (0.0 when either has no known token)."""
        return float(self.vector(a) @ self.vector(b))
