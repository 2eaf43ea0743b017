"""Lines that take their referent from the sentence their article printed before them (round 10).

A demonstrative subject after an opening phrase ("Though it is rare, that's ..."), a "there" of a
place the line never names, and an object "it" for a thing the sentence before also called "it"
lean on that sentence: a brief prints such a line right after it, or not at all. A line whose
antecedent is already a line further up is put back right after it. Invented text only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer import Article, build_brief
from summarizer.language.discourse import _unplaced_there, antecedent_reason, carries_it, leaning_reason
from summarizer.prose import word_count

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_brief_it_said import _A as _FERRY_A, _B as _FERRY_B  # noqa: E402


def test_a_demonstrative_subject_after_an_opening_phrase_leans() -> None:
    assert leaning_reason("Though the ferry is still small, that's twice the boats of 2019.") == "late pronoun"
    assert leaning_reason("By Friday, this was the longest closure on record.") == "late pronoun"
    # a condition's clause is what "that" takes up; "that is," is an aside
    assert leaning_reason("If the tide is high, that's where the boats wait.") is None
    assert leaning_reason("Under the new timetable, that is, from May, boats run hourly.") is None


def test_there_of_a_place_the_line_does_not_name_leans() -> None:
    assert leaning_reason("Rescuers flew the injured crew there after the storm passed.") == "place pronoun"
    assert leaning_reason("There were three ferries on the route.") is None
    assert leaning_reason("Harbor officials said there had been no warning.") is None
    assert _unplaced_there("The teacher grew up in Port Elwin and still teaches there.") is False
    assert _unplaced_there("A shelter was set up, and there, volunteers served soup.") is False
    assert leaning_reason("“It is not safe there,” the harbor master said.") is None
    assert _unplaced_there("Crowds gathered over there by the pier.") is False


def test_an_object_it_carried_from_the_sentence_before() -> None:
    before = "It was built in 1871 and has been a museum since 1960."
    assert carries_it("A heritage trust said on Tuesday it had offered to buy it.", before)
    assert leaning_reason("A heritage trust offered to buy it.", previous=before) == "carried pronoun"
    # nothing before it says "it", or the line's "it" is a subject, an idiom, or named at once
    assert not carries_it("A heritage trust offered to buy it.", "The tower was built in 1871.")
    assert not carries_it("Repairs began, and it was clear they would take a year.", before)
    assert not carries_it("About half the crews made it.", before)
    assert not carries_it("After calling it Project Gull for a year, the county renamed the tower.", before)
    # without the sentence before, the test is not made
    assert leaning_reason("A heritage trust offered to buy it.") is None


_TOWER_A = (
    "A storm tore the roof off the Gull Point lighthouse on Monday, flooding the keeper's cottage below it. "
    "The tower was built in 1871 and the county has run it as a museum since 1960. "
    "A local heritage trust said on Tuesday that it had offered the county $2 million for it. "
    "Volunteers spent Tuesday clearing glass and slate from the lawn."
)
_TOWER_B = (
    "The Gull Point lighthouse lost its roof in Monday's storm, county officials said. "
    "Heritage groups want the county to sell the tower to a trust that would repair it. "
    "The county museum in the keeper's cottage will stay closed until spring. "
    "Storm damage across the county is put at $40 million."
)
_TRUST = "A local heritage trust said on Tuesday that it had offered the county $2 million for it."
_TOWER = "The tower was built in 1871 and the county has run it as a museum since 1960."
_BUDGETS = (30, 50, 70, 100, 200)


def _lines(a: str, b: str, budget: int) -> list[str]:
    lines = [item.text for item in build_brief([Article("a", "A", a), Article("b", "B", b)], max_words=budget).summary]
    assert lines and sum(word_count(t) for t in lines) <= budget
    return lines


def test_a_line_carrying_it_is_printed_only_after_its_antecedent(monkeypatch) -> None:
    printed = 0
    for budget in _BUDGETS:
        lines = _lines(_TOWER_A, _TOWER_B, budget)
        if _TRUST in lines:
            printed += 1
            assert lines[lines.index(_TRUST) - 1] == _TOWER, (budget, lines)
    assert printed  # the fact is kept where its antecedent fits
    # without the test the line is printed where "it" points at the storm's lighthouse line, or nothing
    import summarizer.language.discourse as discourse

    monkeypatch.setattr(discourse, "carries_it", lambda sentence, previous: False)
    misplaced = [b for b in _BUDGETS if _TRUST in (ls := _lines(_TOWER_A, _TOWER_B, b)) and ls[ls.index(_TRUST) - 1] != _TOWER]
    assert misplaced


_SPEAKER = "The pier would stay closed for at least six weeks, the regional port agency Portwel said on Tuesday."
_IT_SAID = "Ferry passengers must be given a seat on the fishing boats that now run from the old dock, it said."


def test_a_line_is_put_back_right_after_its_antecedent(monkeypatch) -> None:
    import summarizer.brief as brief

    for budget in (100, 200):
        lines = _lines(_FERRY_A, _FERRY_B, budget)
        assert _IT_SAID in lines, (budget, lines)
        assert lines[lines.index(_IT_SAID) - 1] == _SPEAKER
        assert antecedent_reason(_IT_SAID, [_SPEAKER]) is None
    # not put back, it lands a line further down and is left out for want of its speaker
    monkeypatch.setattr(brief, "MOVE_AFTER_ANTECEDENT", False)
    assert all(_IT_SAID not in _lines(_FERRY_A, _FERRY_B, budget) for budget in (100, 200))


def test_the_outlet_speaking_of_itself() -> None:
    from summarizer.language.discourse import reporter_first_person

    assert reporter_first_person("Reps for the harbor master didn't get back to us.")
    assert reporter_first_person("As we reported earlier, the pier is closed.")
    assert not reporter_first_person("“We will rebuild our pier,” the mayor said.")
    assert not reporter_first_person("We probably all saw the closure coming.")  # an opener: first_person_openers
    assert not reporter_first_person("The harbor master said the pier would reopen.")
