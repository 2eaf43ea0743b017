"""The coverage gate's cut is fitted data (round 9): ``gates.MIN_COVERAGE`` is read from
``summarizer/qa/data/gates.json`` (``min_coverage``, chosen by ``bench/rtqa.py --fit-coverage``),
and an answer whose best sentence prints less of the question's weight than the cut is withheld,
while one at or above it is given.

All text is invented.
"""

from __future__ import annotations

import json
from importlib import resources

from summarizer.model import Article
from summarizer.qa import QAIndex, gates

TEXT = (
    "The Harbor Owls won the Brenford cup on Sunday, beating the Lakeside Foxes 3-1 in the final. "
    "The Harbor Owls won the Brenford cup for the third time in five seasons."
)
ASKED = "Which team won the Brenford cup?"


def test_the_cut_is_read_from_the_data_file() -> None:
    data = json.loads(resources.files("summarizer.qa").joinpath("data", "gates.json").read_text(encoding="utf-8"))
    assert gates.MIN_COVERAGE == float(data.get("min_coverage", 0.2))
    assert 0.0 < gates.MIN_COVERAGE <= 0.2


def test_an_answer_below_the_cut_is_withheld_and_one_above_it_given(monkeypatch) -> None:
    index = QAIndex([Article("a1", "Outlet A", TEXT)])
    _, ranking = index.explain(ASKED)
    assert ranking is not None and ranking.groups
    coverage = ranking.groups[0].best.coverage
    assert coverage > 0.0
    result = index.answer(ASKED)
    assert result.answered and "Owls" in result.answer
    monkeypatch.setattr(gates, "MIN_COVERAGE", coverage + 0.01)  # the best sentence prints too little
    assert not QAIndex([Article("a1", "Outlet A", TEXT)]).answer(ASKED).answered
    monkeypatch.setattr(gates, "MIN_COVERAGE", coverage)  # exactly at the cut: given
    again = QAIndex([Article("a1", "Outlet A", TEXT)]).answer(ASKED)
    assert again.answered and "Owls" in again.answer
