"""The missing-names gate takes a hyphenated word of the question as printed where the word is, or
each of its capitalised parts (round 10): "Varnia-backed" by "Varnia backed". Articles print the
names joined otherwise ("a truce Varnia backed"); a word with a capitalised part no source prints
is still missing.

All text is invented.
"""

from __future__ import annotations

from summarizer.model import Article
from summarizer.qa import QAIndex, gates

TEXT = (
    "Kelmoria abstained on Tuesday from the vote on the ceasefire plan that Varnia backed. "
    "Delegates said Kelmoria had abstained because the plan left out the border towns."
)


def _missing(question: str) -> list[str]:
    index = QAIndex([Article("a1", "Outlet A", TEXT)])
    _, ranking = index.explain(question)
    assert ranking is not None and ranking.groups
    return gates.missing_names(ranking.question, index.sentences, ranking)


def test_a_hyphenated_name_is_read_by_its_capitalised_parts() -> None:
    assert _missing("Which country abstained from the Varnia-backed ceasefire plan?") == []
    result = QAIndex([Article("a1", "Outlet A", TEXT)]).answer("Which country abstained from the Varnia-backed ceasefire plan?")
    assert result.answered and result.answer == "Kelmoria"


def test_a_word_none_of_whose_parts_is_printed_is_still_missing() -> None:
    assert _missing("Which country abstained from the Ostrel-Dunmore ceasefire plan?") == ["Ostrel-Dunmore"]
    assert not QAIndex([Article("a1", "Outlet A", TEXT)]).answer("Which country abstained from the Ostrel-Dunmore ceasefire plan?").answered


def test_every_capitalised_part_must_be_printed() -> None:
    assert _missing("Which country abstained from the Varnia-Ostrel ceasefire plan?") == ["Varnia-Ostrel"]


def test_a_hyphenated_name_printed_whole_is_not_missing() -> None:
    text = TEXT + " The Ostrel-Dunmore talks resume next week."
    index = QAIndex([Article("a1", "Outlet A", text)])
    _, ranking = index.explain("Which country abstained from the Ostrel-Dunmore ceasefire plan?")
    assert ranking is not None and gates.missing_names(ranking.question, index.sentences, ranking) == []
