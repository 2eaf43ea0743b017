"""Why-questions are answered by the reason a source prints (invented stories)."""

from __future__ import annotations

from summarizer import QAIndex
from summarizer.model import Article
from summarizer.qa.reasons import reason_in, why_subject

FARES = (
    Article("f0", "Outlet 0", "The transit board met on Tuesday to discuss the budget. The move to cut night buses has drawn "
            "sharp criticism from unions. Union leader Maria Esposito criticised the cuts as a betrayal of night-shift workers, "
            "warning that hospitals would lose staff."),
    Article("f1", "Outlet 1", "The city council rejected the fare increase because it would price out low-income riders. "
            "Councillors will meet again in May."),
    Article("f2", "Outlet 2", "Night buses carried 4,000 riders a week last year, the transit board said."),
)


def test_a_causal_connective_opens_the_reason() -> None:
    assert reason_in("The council rejected the plan because it would raise fares for students.") == "it would raise fares for students"
    assert reason_in("The council met on Tuesday to discuss fares.") is None


def test_the_subject_of_a_why_question() -> None:
    assert why_subject("Why did the council reject the plan?") == "council"
    assert why_subject("Why are unions against the cuts?") == "union"


def test_why_is_answered_by_the_clause_after_because() -> None:
    result = QAIndex.build(FARES).answer("Why did the council reject the fare increase?")
    assert result.answered and "price out low-income riders" in result.answer
    assert not result.sure  # a clause's edges are guessed
    assert result.citations[0].source == "f1" and result.answer in result.citations[0].quote


def test_why_is_answered_by_the_judgment_reported_right_after_the_fact() -> None:
    result = QAIndex.build(FARES).answer("Why are unions against cutting night buses?")
    assert result.answered and result.answer.startswith("a betrayal of night-shift workers")
    assert "Esposito" in result.citations[0].quote


def test_a_why_question_about_someone_no_source_names_gets_no_reason() -> None:
    result = QAIndex.build(FARES).answer("Why did the mayor veto the budget?")
    assert not result.answered
