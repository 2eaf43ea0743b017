"""The asked slot's place next to its verb, and rival values of one figure.

- Question analysis reads the verb the slot belongs to and the slot's role: the verb's subject
  ("who asked ...?", "which firm bought ...?") or what follows it ("who did X direct ...?").
- Candidates record whether they stand in that place in a sentence (:func:`slot_place`), one
  ranker feature per role (``slot_agent``, ``slot_object``), weights fitted by ``bench/rtqa.py``.
- Irregular verbs are one verb in every form (``verb_stem``), from a data file.
- A "how much has X dropped?" question is fitted by a percentage as well as a count.
- Where sources print rival values of one figure, their probability is a calibration input
  (:func:`rival_share`): a split winner is no sign of unanswerable articles.

All text is invented.
"""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.language.words import past_forms, verb_stem
from summarizer.model import Article
from summarizer.qa import QAIndex
from summarizer.qa.question import analyse, slot_verb
from summarizer.qa.ranking import FEATURES, _INDEX, rival_share, slot_place, _tokens, _verb_positions


@pytest.mark.parametrize(
    "word, base",
    [("won", "win"), ("wins", "win"), ("fallen", "fall"), ("fell", "fall"), ("falls", "fall"), ("asked", "ask"), ("bought", "buy")],
)
def test_every_form_of_a_verb_is_one_verb(word: str, base: str) -> None:
    assert verb_stem(word) == verb_stem(base)


def test_irregular_past_forms_are_known_and_bases_are_not() -> None:
    assert {"bought", "won", "fallen"} <= past_forms()
    assert "buy" not in past_forms() and "team" not in past_forms()


@pytest.mark.parametrize(
    "question, verb, role",
    [
        ("Who asked the regulator for a delay?", "ask", "agent"),
        ("Who has asked the regulator for a delay?", "ask", "agent"),
        ("Which firm bought the Larkspur mill?", "buy", "agent"),
        ("Which club won the Brenmoor Cup?", "win", "agent"),
        ("Who did the governor appoint to lead the inquiry?", "appoint", "object"),
        ("What did the council approve on Monday?", "approve", "object"),
        ("Which town did the Larkspur Rail Company choose for its depot?", "choose", "object"),
        ("Who is Mara Quell?", None, None),
        ("Who was arrested at the depot?", None, None),
        ("Which country has the most medals?", None, None),
        ("How many trucks were recalled?", None, None),
    ],
)
def test_the_slot_is_read_with_its_verb_and_role(question: str, verb: str | None, role: str | None) -> None:
    asked = analyse(question)
    assert (asked.slot_verb, asked.slot_role) == ((verb_stem(verb) if verb else None), role)


def test_an_irregular_past_ends_the_slots_phrase() -> None:
    # "bought" is the verb, not part of the slot: the head noun is "firm", not the thing bought
    assert analyse("Which firm bought Larkspur Mills?").head == "firm"


def _place(role: str, verb: str, text: str, span: str) -> float:
    tokens = _tokens(text)
    start = text.index(span)
    first = next(i for i, t in enumerate(tokens) if t[1] > start)
    last = max(i for i, t in enumerate(tokens) if t[0] < start + len(span))
    return slot_place(role, _verb_positions(text, tokens, verb), first, last, tokens, text)


def test_the_subject_before_the_verb_is_in_the_agents_place() -> None:
    text = "The Harbour Authority has asked the Coast Guard for 300 extra patrols, Mayor Ida Renn said."
    assert _place("agent", "ask", text, "The Harbour Authority") == 1.0
    assert _place("agent", "ask", text, "Coast Guard") == 0.0
    assert _place("agent", "ask", text, "Ida Renn") == 0.0
    # a passive names the agent after "by"
    assert _place("agent", "ask", "The Coast Guard was asked by the Harbour Authority to help.", "the Harbour Authority") == 1.0


def test_the_span_after_the_verb_is_in_the_objects_place() -> None:
    text = "Last week the governor issued an order directing Transport Secretary Ola Brandt to close the bridge."
    assert _place("object", "direct", text, "Ola Brandt") == 1.0
    assert _place("object", "direct", text, "the bridge") == 0.0
    assert _place("agent", "direct", text, "Ola Brandt") == 0.0


def test_slot_features_are_set_for_the_asked_role_only() -> None:
    articles = [
        Article("a1", "Outlet A", "The Harbour Authority has asked the Coast Guard for 300 extra patrols after the storm, officials said."),
        Article("a2", "Outlet B", "Mayor Ida Renn backed the plan. The Harbour Authority asked the Coast Guard for help on Monday."),
    ]
    index = QAIndex.build(articles)
    _, ranking = index.explain("Who asked the Coast Guard for patrols?")
    by_text = {g.key: g for g in ranking.groups}
    agent = by_text["harbour authority"].features
    assert agent[_INDEX["slot_agent"]] == 1.0 and agent[_INDEX["slot_object"]] == 0.0
    assert by_text["ida renn"].features[_INDEX["slot_agent"]] == 0.0


def test_how_much_a_figure_dropped_is_fitted_by_a_percentage() -> None:
    articles = [Article("a1", "Outlet A", "Ferry traffic at the Larkspur crossing has dropped 42% since the toll began, the port said.")]
    _, ranking = QAIndex.build(articles).explain("How much has ferry traffic dropped at the crossing?")
    top = ranking.groups[0]
    assert top.text == "42%" and top.features[_INDEX["type_fit"]] == 1.0


def test_rival_values_of_the_winners_shape_are_counted_together() -> None:
    names = ["type_fit", "cov_max", "k_percent_s_percent", "k_percent_s_number"]
    x = np.zeros((4, len(FEATURES)))
    for row, values in enumerate([(1, 1.0, 1, 0), (1, 1.0, 1, 0), (1, 0.5, 1, 0), (0, 1.0, 0, 1)]):
        for name, value in zip(names, values):
            x[row, _INDEX[name]] = value
    probs = np.array([0.4, 0.35, 0.15, 0.1])
    # the second percentage covers the question as well: a rival; the third covers it worse,
    # the count is of another shape
    assert rival_share(x, probs, 0) == pytest.approx(0.35)
    # a winner that fits no asked kind has no rivals
    assert rival_share(x, probs, 3) == 0.0


def test_slot_verb_needs_a_wh_word() -> None:
    assert slot_verb("Tell me about the bridge", "cloze", None) == (None, None)


def test_the_verbs_other_argument_must_be_printed_beside_it() -> None:
    asked = analyse("Who asked the Coast Guard for patrols?")
    assert asked.slot_frame[:2] == ("coast", "guard")
    text = "Mayor Ida Renn asked the council for calm while the Harbour Authority asked the Coast Guard for help."
    tokens = _tokens(text)
    verbs = _verb_positions(text, tokens, asked.slot_verb)

    def place(span: str) -> float:
        start = text.index(span)
        first = next(i for i, t in enumerate(tokens) if t[1] > start)
        last = max(i for i, t in enumerate(tokens) if t[0] < start + len(span))
        return slot_place("agent", verbs, first, last, tokens, text, asked.slot_frame)

    # both stand before "asked"; only the one who asked the Coast Guard is the asked agent
    assert place("Harbour Authority") == 1.0
    assert place("Ida Renn") == 0.0
    # the object slot's frame is its subject, printed before the verb
    assert analyse("Who did the governor appoint to lead the inquiry?").slot_frame == ("governor",)


def test_the_size_of_a_change_is_no_level_reached() -> None:
    assert analyse("By how much did the Velmont bank cut rates?").asks_change
    assert analyse("By what percentage have ferry fares fallen?").asks_change
    assert not analyse("What percentage of voters backed the plan?").asks_change
    articles = [
        Article("a1", "Outlet A", "The Velmont central bank cut its main rate to 3.5% on Thursday, a cut of 25 basis points."),
        Article("a2", "Outlet B", "Velmont's central bank cut rates to 3.5% from 3.75%, lowering borrowing costs by 25 basis points."),
    ]
    _, ranking = QAIndex.build(articles).explain("By how much did the Velmont bank cut rates?")
    texts = [g.text for g in ranking.groups]
    assert "25 basis points" in texts
    assert "3.5%" not in texts  # the level reached ("cut ... *to* 3.5%") is no candidate
