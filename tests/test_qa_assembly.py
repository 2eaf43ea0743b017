"""Answer assembly and the topic gate (round 8).

- A one-word name answer ("Varga") is given in the fullest form its article prints ("Tomas
  Varga"), and the first quote is a sentence printing that form; a title before it ("Coach") is
  not taken in.
- A store holding many stories: an answer whose article prints none of the question's names is
  about another story, and is not given.
- An answer below the fitted abstention threshold (the unsure tier) is never marked sure.

All text is invented.
"""

from __future__ import annotations

from summarizer.model import Article
from summarizer.qa import QAIndex, gates


def test_a_surname_answer_is_given_as_the_full_name_its_article_prints() -> None:
    text = (
        "Coach Tomas Varga led the Harbor Owls to the title in Brenford on Sunday. "
        "Varga became the first coach in league history to win 500 games. "
        "Varga said the win belonged to the players. Varga thanked the fans."
    )
    result = QAIndex([Article("a1", "Outlet A", text)]).answer("Which coach became the first in league history to win 500 games?")
    assert result.answered
    assert result.answer == "Tomas Varga"
    assert "Tomas Varga" in result.citations[0].quote


def test_a_full_name_is_not_taken_from_another_person_with_the_surname() -> None:
    from summarizer.qa import _fuller_name  # two fuller forms: the surname alone stays

    text = (
        "Lena Varga and Tomas Varga both ran the Brenford marathon. "
        "Varga finished first in the Brenford marathon on Sunday."
    )
    index = QAIndex([Article("a1", "Outlet A", text)])
    _, ranking = index.explain("Who finished first in the Brenford marathon?")
    assert ranking is not None and ranking.groups
    best = next(g for g in ranking.groups if g.key == "varga")
    assert _fuller_name(ranking, best, index.sentences) is best


def test_an_answer_from_an_article_naming_none_of_the_question_is_off_topic() -> None:
    recall = Article("r1", "Outlet R", "The recall has cost Ostrava Motors about $90 million so far, the company said. "
                     "Dealers expect the cost of the recall to rise.")
    flood = Article("f1", "Outlet F", "The Coast Rangers were sent to Marlow after the flood. "
                    "Officials have not said how long they will stay.")
    index = QAIndex([recall, flood])
    asked = "How much will the Coast Rangers deployment cost?"
    result, ranking = index.explain(asked)
    assert ranking is not None and ranking.groups and ranking.groups[0].key == "90 million"
    assert gates.off_topic(ranking.question, index.sentences, ranking)
    assert not result.answered
    on_topic = QAIndex([recall]).explain("How much has the recall cost Ostrava Motors?")
    assert on_topic[1] is not None and not gates.off_topic(on_topic[1].question, QAIndex([recall]).sentences, on_topic[1])


def test_an_answer_below_the_fitted_threshold_is_never_sure(monkeypatch) -> None:
    import summarizer.qa as qa

    text = ("The Harbor Owls won the Brenford title on Sunday, beating the Lakeside Foxes. "
            "The Harbor Owls won the Brenford title for the third time.")
    asked = "Which team won the Brenford title?"
    original = qa.rank

    def low(*args, **kwargs):
        ranking = original(*args, **kwargs)
        ranking.answerable = 0.5 * gates._threshold(ranking)  # half the fitted threshold
        ranking.confidence = 0.99  # the winner's margin alone would call it sure
        return ranking

    monkeypatch.setattr(qa, "rank", low)
    monkeypatch.setattr(gates, "unsure_share", lambda long=False: 1.0)
    assert not QAIndex([Article("a1", "Outlet A", text)]).answer(asked).answered  # below the threshold
    monkeypatch.setattr(gates, "unsure_share", lambda long=False: 0.4)  # the unsure tier reaches it
    result = QAIndex([Article("a1", "Outlet A", text)]).answer(asked)
    assert result.answered and "Owls" in result.answer
    assert not result.sure


def test_a_title_before_the_surname_is_not_a_given_name() -> None:
    from summarizer.language.names import is_given_name

    text = ("Princess Odile Marren opened the Brenford bridge on Sunday. "
            "Princess Marren cut the ribbon at the Brenford bridge. Marren opened the Brenford bridge to traffic.")
    result = QAIndex([Article("a1", "Outlet A", text)]).answer("Who opened the Brenford bridge to traffic?")
    assert is_given_name("Princess")  # the given-name list holds it: the title check keeps it out
    assert result.answered and result.answer == "Marren"  # "Odile" is no known given name either
