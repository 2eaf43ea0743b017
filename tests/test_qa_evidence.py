"""The evidence gates judge the sentences behind the chosen answer (invented stories)."""

from __future__ import annotations

import pytest

from summarizer import QAIndex
from summarizer.language.names import is_demonym
from summarizer.model import Article


@pytest.mark.parametrize("word", ["Colombian", "Canadian", "Japanese", "Texan", "Kenyan"])
def test_a_peoples_adjective_is_a_demonym(word: str) -> None:
    assert is_demonym(word)


@pytest.mark.parametrize("word", ["Colombia", "Oman", "Brian", "Egan Bernal", "Morgan"])
def test_places_and_names_are_no_demonyms(word: str) -> None:
    assert not is_demonym(word)


def _index(*texts: str) -> QAIndex:
    return QAIndex.build([Article(f"a{i}", f"Outlet {i}", t) for i, t in enumerate(texts)])


def test_a_year_the_question_names_must_be_printed_by_the_answers_sentences() -> None:
    race = "Who won the 2019 Lakeview Marathon?"
    right = _index(
        "Mira Tolvanen won the 2019 Lakeview Marathon on Sunday, finishing in two hours and nine minutes.",
        "The 2019 Lakeview Marathon was won by Mira Tolvanen, the race organisers said.",
    )
    assert right.answer(race).answer == "Mira Tolvanen"
    other_year = _index(
        "Mira Tolvanen won the 2017 Lakeview Marathon on Sunday, finishing in two hours and nine minutes.",
        "The 2017 Lakeview Marathon was won by Mira Tolvanen, the race organisers said.",
    )
    assert not other_year.answer(race).answered


def test_a_date_is_the_date_of_the_event_the_question_names() -> None:
    asked = "When was Harbor Lights Deluxe released?"
    released = _index(
        "Harbor Lights Deluxe was released on March 4, 2021 for home consoles.",
        "The studio released Harbor Lights Deluxe on March 4, 2021.",
    )
    assert "March 4, 2021" in released.answer(asked).answer
    revealed = _index(
        "Harbor Lights Deluxe was revealed on June 9, 2020 at a games showcase.",
        "On June 9, 2020 the studio revealed Harbor Lights Deluxe and its new island.",
    )
    assert not revealed.answer(asked).answered


def test_a_nationality_does_not_answer_who_won() -> None:
    index = _index(
        "After years of trying, a Colombian has finally won the Lakeview Marathon, a first for the country.",
        "A Colombian won the Lakeview Marathon this year, organisers said.",
    )
    result = index.answer("Who won the Lakeview Marathon?")
    assert not result.answered or result.answer != "Colombian"


RIVER = (
    "Harbor Authority spokeswoman Dana Whitlock said the river port would reopen on Monday.",
    "The port closed after the flood, Dana Whitlock, the authority's spokeswoman, told reporters.",
    "Pentagon planners were reviewing the dredging request, The Lakeshore Tribune reported.",
    "The Harbor Authority said it had approached the Pentagon with a request for dredging crews.",
)


@pytest.mark.parametrize("question", ["Who is Dana Whitlock?", "who is dana whitlock"])
def test_who_is_someone_is_answered_by_the_description_printed_beside_the_name(question: str) -> None:
    result = _index(*RIVER).answer(question)
    assert result.answered
    assert "spokeswoman" in result.answer.lower()
    assert "Whitlock" not in result.answer


@pytest.mark.parametrize(
    ("text", "described"),
    [("DHS spokeswoman", True), ("Opposition finance spokesman", True), ("acting commissioner of customs", True),
     ("proclamation directing Homeland Security Secretary", False), ("remains unclear whether President", False),
     ("Harbor Authority", False)],
)
def test_a_description_names_a_post_and_holds_no_clause(text: str, described: bool) -> None:
    from summarizer.qa.gates import is_description

    assert is_description(text) is described


def test_which_newspaper_takes_a_name_ending_as_newspapers_do() -> None:
    index = _index(*RIVER)
    result, ranking = index.explain("Which newspaper reported the dredging request?")
    # the slot keeps only names ending as newspapers do: the authority that also "said" is no
    # candidate (whether a story this thin is answered at all is the fitted abstention's call)
    assert ranking is not None and [g.text for g in ranking.groups] == ["The Lakeshore Tribune"]
    assert result.answer == "The Lakeshore Tribune" or not result.answered
    _, any_reporter = index.explain("Which agency reported the dredging request?")
    assert any_reporter is not None and "Harbor Authority" in {g.text for g in any_reporter.groups}


def test_names_joined_by_commas_and_and_are_one_list() -> None:
    from summarizer.language.names import name_lists

    text = "Officials from the Harbor Police, the Coast Guard and the Fisheries Board met on Monday."
    assert [s.text for s in name_lists(text)] == ["Harbor Police, the Coast Guard and the Fisheries Board"]
    assert name_lists("She flew to Paris, Texas on Monday.") == []  # no "and": a place, not a list


def test_a_plural_slot_is_answered_by_the_list_a_source_prints() -> None:
    index = _index(
        "The port authority pulled in crews from other agencies to clear the channel. The authority hired about "
        "300 divers from the Harbor Police, the Coast Guard and the Fisheries Board to search the wreck.",
        "About 300 divers searched the wreck on Tuesday, the port authority said. The divers came from the Harbor "
        "Police and other agencies.",
        "Divers from the Harbor Police were the first to reach the wreck, the port authority said.",
    )
    result = index.answer("Which agencies are those divers coming from?")
    assert result.answered and not result.sure
    assert result.answer == "Harbor Police, the Coast Guard and the Fisheries Board"
    assert all(result.answer in c.quote for c in result.citations)
