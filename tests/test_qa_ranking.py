"""The ranker's mechanisms that do not depend on fitted weights: how values nest in each other
(a fragment of a longer name, a full name whose surname is printed alone), and the first quote."""

from __future__ import annotations

import math

import numpy as np

from summarizer.model import Article
from summarizer.qa import QAIndex
from summarizer.qa.ranking import Group, _nesting, nested_share


def test_a_fragment_of_a_longer_value_and_a_name_printed_in_parts_are_told_apart() -> None:
    groups = [Group("everything everywhere all"), Group("everything everywhere all at once"), Group("johansson"), Group("scarlett johansson")]
    counts = [3, 3, 6, 2]
    frag, gain = _nesting(groups, counts)
    # every mention of the first three words is inside the film's whole title: a fragment
    assert frag[0] == 1.0 and frag[1] == 0.0
    # the surname is printed alone more often than the full name: the full name gains from it
    assert frag[2] == 1.0 / 3 and gain[3] == math.log1p(6) - math.log1p(2)
    assert gain[2] == 0.0 and gain[0] == 0.0


def test_values_nested_in_the_winner_count_with_it() -> None:
    keys = ["chipotle", "chipotle ceo brian niccol", "taco bell", "bell"]
    probs = np.array([0.4, 0.3, 0.2, 0.1])
    assert nested_share(keys, probs, 0) == 0.3
    assert nested_share(keys, probs, 2) == 0.1
    # a shared word is not nesting: "chip" is no part of "chipotle"
    assert nested_share(["chip", "chipotle"], np.array([0.5, 0.5]), 0) == 0.0


def test_the_first_quote_prints_the_answer_and_the_question_words() -> None:
    articles = [
        Article(id="a1", source="Outlet A", title="Car news",
                text="Brenmoor Motors expects a busy year, analysts said. On Tuesday, Brenmoor Motors recalled 112,000 trucks over a roll-away risk, regulators said."),
        Article(id="a2", source="Outlet B", title="Recall", text="Brenmoor Motors shares rose on Monday. Brenmoor Motors recalled 112,000 vehicles this week because of a roll-away risk."),
    ]
    result = QAIndex.build(articles).answer("Which automaker recalled more than 112,000 vehicles this week due to a roll-away risk?")
    assert result.answered and result.answer == "Brenmoor Motors"
    first = result.citations[0].quote
    assert "Brenmoor Motors" in first and "roll-away" in first


def test_a_long_question_is_judged_by_the_long_questions_threshold() -> None:
    from summarizer.qa.ranking import is_short, load_model, support_features

    articles = [
        Article(id="a1", source="Outlet A", title="Harbour news",
                text="The Velmont harbour authority said on Monday that the new ferry terminal will open in March. The terminal cost 40 million euros."),
        Article(id="a2", source="Outlet B", title="Ferry", text="Velmont's new ferry terminal opens in March, the harbour authority said."),
    ]
    index = QAIndex.build(articles)
    model = load_model()
    short_q = "When does the Velmont ferry terminal open?"
    long_q = "A harbour authority announced plans for a new ferry terminal this week after years of delays. In which month will the Velmont terminal open?"
    _, short_ranking = index.explain(short_q)
    _, long_ranking = index.explain(long_q)
    assert short_ranking is not None and long_ranking is not None
    assert is_short(short_ranking.support) and not is_short(long_ranking.support)
    # each question is held to the threshold fitted on questions of its length
    assert short_ranking.abstain == model.abstain
    assert long_ranking.abstain == (model.abstain_long if model.answerable_long else model.abstain)
    assert is_short(support_features(short_ranking.question, index.sentences, short_ranking.hits))


def test_a_long_question_held_to_both_models_needs_the_short_one_too(monkeypatch) -> None:
    from dataclasses import replace

    from summarizer.qa import ranking

    articles = [
        Article(id="a1", source="Outlet A", title="Harbour news",
                text="The Velmont harbour authority said on Monday that the new ferry terminal will open in March. The terminal cost 40 million euros."),
        Article(id="a2", source="Outlet B", title="Ferry", text="Velmont's new ferry terminal opens in March, the harbour authority said."),
    ]
    index = QAIndex.build(articles)
    long_q = "A harbour authority announced plans for a new ferry terminal this week after years of delays. In which month will the Velmont terminal open?"
    base = ranking.load_model()
    n = len(base.answerable)
    # the long model says "answerable" for sure, the short one "not at all"
    sure_long = (30.0,) + (0.0,) * (n - 1)
    never_short = (-30.0,) + (0.0,) * (n - 1)
    for both, clears in ((False, True), (True, False)):
        model = replace(base, answerable=never_short, answerable_long=sure_long, abstain=0.6, abstain_long=0.5, long_both=both)
        monkeypatch.setattr(ranking, "load_model", lambda model=model: model)
        _, got = index.explain(long_q)
        assert got is not None and got.abstain == 0.5
        assert (got.answerable >= got.abstain) is clears


def test_the_confidence_reads_how_many_of_the_articles_print_the_winner() -> None:
    from summarizer.qa.ranking import _INDEX, calibration_features

    top = np.zeros(len(_INDEX))
    one, most = top.copy(), top.copy()
    one[_INDEX["art_share"]], most[_INDEX["art_share"]] = 0.2, 0.8
    a = calibration_features(0.5, 1.0, one, "person", [1.0, 1.0, 0.0, 1.0, 0.0])
    b = calibration_features(0.5, 1.0, most, "person", [1.0, 1.0, 0.0, 1.0, 0.0])
    # agreement and its short-question copy, before the two rival inputs (:func:`rival_share`)
    assert a != b and a[-4] == 0.2 and b[-4] == 0.8 and b[-3] == 0.8
    c = calibration_features(0.5, 1.0, most, "person", [1.0, 1.0, 0.0, 1.0, 0.0], rivals=0.3)
    assert c[-2:] == [0.3, 0.8] and c[:-2] == b[:-2]
