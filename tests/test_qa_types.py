"""Answer types are hard constraints: a question gets an answer of the kind it asks for, or none.

Tiny invented stories give exact control over which spans of which shape exist; each test names
the mechanism it checks (the asked slot's shapes, what a "how many" figure counts, durations,
the head noun's other forms, qualifiers that say one thing). None of them knows a seed answer.
"""

from __future__ import annotations

import sys

import pytest

from summarizer import QAIndex
from summarizer.language import stem
from summarizer.model import Answer, Article
from summarizer.qa.candidates import sentence_candidates
from summarizer.qa.question import analyse


def _story(*texts: str) -> list[Article]:
    return [Article(f"a{i}", f"Outlet {chr(65 + i)}", t) for i, t in enumerate(texts)]


def _ask(question: str, *texts: str) -> Answer:
    return QAIndex.build(_story(*texts)).answer(question)


# A story with names of every kind and one count, but no money, no date, no count of agents.
GUARD = (
    "The National Guard sent 20,000 troops to the border, the Department of Homeland Security said. "
    "Governor Mary Stone of Texas welcomed the troops in Austin.",
    "Officials at the Department of Homeland Security said 20,000 National Guard troops would help "
    "Immigration and Customs Enforcement officers. Mary Stone praised the plan.",
)


@pytest.mark.parametrize(
    ("question", "allowed", "refused"),
    [
        ("How many troops were sent?", {"number"}, {"person", "org", "place", "name", "date", "noun", "money"}),
        ("How much will the deployment cost?", {"money"}, {"number", "person", "org", "noun"}),
        ("By how much did crossings fall?", {"number", "percent", "money"}, {"duration", "noun", "org"}),
        ("How many days will the ceasefire last?", {"number", "duration"}, {"noun", "date"}),
        ("When was the act passed?", {"date", "year"}, {"number", "org", "person", "noun"}),
        ("What percentage of voters backed her?", {"percent"}, {"number", "noun"}),
        ("Who is the DHS spokesperson?", {"person", "name"}, {"org", "place", "number", "noun"}),
        ("Who won the final?", {"person", "org", "place", "name"}, {"number", "date", "noun"}),
    ],
)
def test_the_question_says_which_shapes_can_answer_it(question: str, allowed: set[str], refused: set[str]) -> None:
    shapes = analyse(question).shapes
    assert shapes is not None
    assert allowed <= shapes
    assert not refused & shapes


def test_open_questions_take_any_shape() -> None:
    assert analyse("What did the report say about the border?").shapes is None


def test_a_span_of_another_type_is_no_candidate() -> None:
    sentence = GUARD[0]
    for question, shapes in (("How many troops were sent?", {"number"}), ("When did the troops arrive?", {"date", "year"})):
        for cand in sentence_candidates(sentence, analyse(question)):
            assert cand.shape in shapes, (question, cand)


@pytest.mark.parametrize(
    "question",
    [
        "How much will the deployment cost?",  # no money printed
        "When was the Posse Comitatus Act passed?",  # no date printed
        "How many ICE agents were sent?",  # a count, but of troops
    ],
)
def test_no_candidate_of_the_asked_type_means_no_answer(question: str) -> None:
    result = _ask(question, *GUARD)
    assert not result.answered
    assert result.citations == ()


def test_a_count_of_the_asked_thing_is_found_among_other_counts() -> None:
    result = _ask(
        "How many agents did the department enlist?",
        "The department sent 20,000 troops. It also enlisted about 2,000 agents from other agencies.",
        "Some 20,000 troops went to the border, and the department enlisted approximately 2,000 agents.",
    )
    assert result.answered and "2,000" in result.answer and "20,000" not in result.answer
    assert all("2,000 agents" in c.quote for c in result.citations)


def test_a_duration_does_not_answer_by_how_much() -> None:
    # the type constraint, not the abstention: whether two short sentences are evidence enough to
    # answer is the fitted abstention model's call (bench/rtqa.py), so the ranking is what is checked
    result, ranking = QAIndex.build(_story(
        "Traffic at the crossing has dropped 99.5% over four months, officials said.",
        "Over four months, traffic at the main crossing dropped 99.5%.",
    )).explain("By how much has traffic dropped at the crossing?")
    assert ranking is not None and ranking.groups and ranking.groups[0].text == "99.5%"
    assert not any("month" in g.text for g in ranking.groups)
    assert not result.answered or result.answer == "99.5%"


def test_the_slots_head_noun_is_found_in_its_other_forms() -> None:
    asked = analyse("Who is the company spokesperson?")
    assert {stem("spokeswoman"), stem("spokesman"), stem("spokesperson")} == asked.head_stems
    assert stem("spokeswoman") in asked.terms  # searched for too
    result = _ask(
        "Who is the company spokesperson?",
        "Company spokeswoman Jane Roe said the plant would close. Chief executive Tom Hill declined to comment.",
        "The plant will close, company spokeswoman Jane Roe said on Monday, after talks with Tom Hill failed.",
    )
    assert result.answered and result.answer == "Jane Roe"


def test_qualifiers_that_say_one_thing_are_no_disagreement() -> None:
    result = _ask(
        "How many agents did the department enlist?",
        "The department enlisted about 2,000 agents from other agencies.",
        "The department enlisted approximately 2,000 agents from other agencies.",
    )
    assert result.answered and "2,000" in result.answer
    assert result.disagreements == ()
    # while a qualifier that says something else is reported, with who prints it
    result = _ask(
        "How many agents did the department enlist?",
        "The department enlisted 2,000 agents from other agencies.",
        "The department enlisted more than 2,000 agents from other agencies.",
        "The department enlisted 2,000 agents, officials said.",
    )
    assert [(d.value, d.sources) for d in result.disagreements] == [("more than 2,000", ("a1",))]


def test_stems_are_right_when_many_threads_stem_at_once() -> None:
    # Slack and Discord answer in one process at once; a shared stemmer mixed their words up
    import threading

    from summarizer.language.words import _stemmer

    words = [f"{base}{suffix}" for base in ("national", "organiz", "relat", "condition", "deport") for suffix in ("ation", "ational", "ing", "ed", "ness", "ly")]
    expected = {w: _stemmer()(w) for w in words}
    errors: list[str] = []

    def work() -> None:
        stem_word = _stemmer()
        for _ in range(300):
            for w in words:
                if stem_word(w) != expected[w]:
                    errors.append(w)

    threads = [threading.Thread(target=work) for _ in range(6)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often: a shared stemmer fails thousands of times here
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []


def test_a_possessive_is_a_candidate_for_a_brand_not_for_a_person() -> None:
    sentence = "Spokeswoman Jane Roe said the troops would support President Tom Hill’s push at Wendy's stores."
    person = {c.text for c in sentence_candidates(sentence, analyse("Who is the spokesperson?"))}
    assert "President Tom Hill" in person and not any(t.endswith(("’s", "'s")) for t in person)
    brand = {c.text for c in sentence_candidates(sentence, analyse("Which chain's stores were named?"))}
    assert "Wendy's" in brand
