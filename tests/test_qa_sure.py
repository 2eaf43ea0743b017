"""The ``sure`` cut is fitted data (round 10): ``ranker.json``'s ``sure`` is the threshold on an
answer's calibrated confidence above which it is worded plainly (below it: "most likely ...").
``bench/rtqa.py --fit-sure`` chooses it counting the answers to questions whose sources print no
right answer as well as those that do; the answer itself and whether it is given do not depend on it.

All text and rows are invented.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from importlib import resources
from pathlib import Path

from summarizer.model import Article
from summarizer.qa import QAIndex, gates

TEXT = ("The Harbor Owls won the Brenford title on Sunday, beating the Lakeside Foxes. "
        "The Harbor Owls won the Brenford title for the third time.")
ASKED = "Which team won the Brenford title?"


def test_the_sure_cut_is_read_from_the_data_file() -> None:
    data = json.loads(resources.files("summarizer.qa").joinpath("data", "ranker.json").read_text(encoding="utf-8"))
    assert gates.load_model().sure == float(data["sure"])
    assert 0.0 < gates.load_model().sure < 1.0


def test_the_cut_decides_only_the_wording(monkeypatch) -> None:
    model = gates.load_model()
    result = QAIndex([Article("a1", "Outlet A", TEXT)]).answer(ASKED)
    assert result.answered and "Owls" in result.answer
    # a cut just above the answer's confidence: the same answer, given, not sure
    monkeypatch.setattr(gates, "load_model", lambda: replace(model, sure=min(result.confidence + 0.01, 0.999)))
    above = QAIndex([Article("a1", "Outlet A", TEXT)]).answer(ASKED)
    assert above.answered and above.answer == result.answer and not above.sure
    # a cut just below it: sure (the answer clears the abstention threshold as well)
    monkeypatch.setattr(gates, "load_model", lambda: replace(model, sure=max(result.confidence - 0.01, 0.001)))
    below = QAIndex([Article("a1", "Outlet A", TEXT)]).answer(ASKED)
    assert gates.clears(QAIndex([Article("a1", "Outlet A", TEXT)]).explain(ASKED)[1])
    assert below.answered and below.answer == result.answer and below.sure


def _sure_cut():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from rtqa import sure_cut

    return sure_cut


def test_wrong_answers_to_unanswerable_questions_raise_the_cut() -> None:
    sure_cut = _sure_cut()
    # 20 right answers at confidence 0.5-0.69, 10 wrong ones at 0.45-0.54 (questions with a right answer printed)
    rows = [{"conf": 0.5 + 0.01 * i, "top_f1": 1.0} for i in range(20)] + [{"conf": 0.45 + 0.01 * i, "top_f1": 0.0} for i in range(10)]
    alone = sure_cut(rows)
    assert alone <= 0.45  # two right answers of three at every cut
    # wrong answers to questions whose sources print no right answer, confident ones
    no_gold = [{"conf": 0.50 + 0.005 * i, "top_f1": 0.0} for i in range(12)]
    both = sure_cut(rows + no_gold)
    assert both > alone
    picked = [r["top_f1"] for r in rows + no_gold if r["conf"] >= both]
    assert len(picked) >= 10 and sum(picked) / len(picked) >= 0.62
