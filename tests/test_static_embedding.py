"""The study's static-table reader (``bench/static_embedding.py``): invented tables and text only.

The distilled table itself is not in the repository (``bench/distill_static.py`` rebuilds it from
the hash-checked model); these tests build tiny tables of their own in the same format.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from static_embedding import StaticTable, basic_tokens, pieces  # noqa: E402


def _write(tmp_path: Path, vocab: list[str], rows: np.ndarray, *, record: bool = True) -> Path:
    scale = np.abs(rows).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    buf = io.BytesIO()
    blob = "\n".join(vocab).encode("utf-8")
    np.savez_compressed(buf, rows=np.round(rows / scale[:, None]).astype(np.int8), scale=scale.astype(np.float16), vocab=np.frombuffer(blob, dtype=np.uint8))
    path = tmp_path / "static_minilm.npz"
    path.write_bytes(buf.getvalue())
    if record:
        path.with_suffix(".json").write_text(json.dumps({"table_sha256": hashlib.sha256(buf.getvalue()).hexdigest(), "source_license": "Apache-2.0"}))
    return path


def _table(tmp_path: Path) -> StaticTable:
    # axis 0: money decisions, axis 1: weather, axis 2: sport
    vocab = ["council", "approved", "passed", "budget", "spending", "plan", "storm", "rain", "club", "signed", "striker", "over", "##cast", "the", "."]
    rows = np.array([
        [1.0, 0.0, 0.1], [0.9, 0.0, 0.0], [0.9, 0.1, 0.0], [1.0, 0.0, 0.0], [0.8, 0.0, 0.1], [0.6, 0.1, 0.1],
        [0.0, 1.0, 0.0], [0.0, 0.9, 0.1], [0.1, 0.0, 1.0], [0.2, 0.0, 0.8], [0.0, 0.0, 1.0],
        [0.0, 0.3, 0.0], [0.0, 0.7, 0.0], [0.05, 0.05, 0.05], [0.0, 0.0, 0.0],
    ])
    return StaticTable(_write(tmp_path, vocab, rows))


def test_a_paraphrase_scores_above_an_unrelated_line(tmp_path: Path) -> None:
    t = _table(tmp_path)
    line = "The council approved the budget."
    assert t.similarity(line, "Council passed the spending plan.") > 0.9
    assert t.similarity(line, "The club signed a striker.") < 0.5


def test_a_word_the_table_lacks_is_spelled_in_its_pieces(tmp_path: Path) -> None:
    t = _table(tmp_path)
    assert pieces("overcast", t.index) == [t.index["over"], t.index["##cast"]]
    assert t.similarity("Overcast.", "Rain.") > 0.9  # over + ##cast lean to the weather axis
    assert pieces("overt", t.index) == []  # "##t" is no piece: the word is not spelled, not guessed


def test_a_text_with_no_known_token_is_zero_and_scores_zero(tmp_path: Path) -> None:
    t = _table(tmp_path)
    assert not t.vector("Zebras!").any()
    assert t.similarity("Zebras!", "The council approved the budget.") == 0.0
    assert abs(float(np.linalg.norm(t.vector("The storm."))) - 1.0) < 1e-5


def test_a_table_that_is_not_the_recorded_one_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, ["rain"], np.array([[1.0, 0.0]]))
    record = json.loads(path.with_suffix(".json").read_text())
    record["table_sha256"] = "0" * 64
    path.with_suffix(".json").write_text(json.dumps(record))
    with pytest.raises(ValueError):
        StaticTable(path)


def test_tokens_are_lower_cased_without_accents_and_punctuation_is_split_off() -> None:
    assert basic_tokens("Café-owner's U.S. plan") == ["cafe", "-", "owner", "'", "s", "u", ".", "s", ".", "plan"]
