"""Candidate generation reaches the printed answer: the spans a sentence offers, the sentences read.

Each test is one mechanism on an invented sentence or story (names glued to a title, a name with
its number, a town with its state, a count without its unit, the noun phrase a sentence opens
with, a speaker listed with another, the sentence beside the one that names the story). Every
expected span is text the sentence prints; none is a seed or evaluation answer.
"""

from __future__ import annotations

import pytest

from summarizer import QAIndex
from summarizer.language.names import name_spans
from summarizer.model import Answer, Article
from summarizer.qa.candidates import sentence_candidates
from summarizer.qa.claims import _speaker_pattern, deed_in
from summarizer.qa.question import analyse
from summarizer.qa.thread import with_previous


def _texts(sentence: str, question: str = "Which thing was it?", nouns: bool = True) -> list[str]:
    return [c.text for c in sentence_candidates(sentence, analyse(question), nouns=nouns)]


def test_a_name_after_a_possessive_keeps_its_first_letter() -> None:
    text = "Norland’s President Ada Quist met Belmar's Tomas Vey."
    assert [n.text for n in name_spans(text)] == ["Norland", "President Ada Quist", "Belmar", "Tomas Vey"]
    assert all(text[n.start : n.end] == n.text for n in name_spans(text))


def test_names_glued_around_a_title_are_read_apart() -> None:
    spans = _texts("Westmark Gov. Ned Calder declared an emergency.", nouns=False)
    assert {"Westmark Gov. Ned Calder", "Westmark", "Ned Calder"} <= set(spans)
    spans = _texts("Seafood chain Blue Harbor CEO Jon Tarvin said so.", nouns=False)
    assert {"Blue Harbor", "Jon Tarvin"} <= set(spans)
    # a people's adjective before the title names no one; a title opening the run is no split
    spans = _texts("Former President Ada Quist and Canadian Prime Minister Tomas Vey met.", nouns=False)
    assert "Canadian" not in spans and "Former" not in spans and "Tomas Vey" in spans


def test_a_name_keeps_the_number_that_is_part_of_it() -> None:
    spans = _texts("He signed with the Riverton 76ers before a Category 5 storm hit at 5 p.m.", nouns=False)
    assert "Riverton 76ers" in spans and "Category 5" in spans


def test_a_town_is_offered_with_its_state_or_country() -> None:
    spans = _texts("Agents arrested 40 people in Dover, Delaware, and in Patras, Greece.", "Where were they arrested?", nouns=False)
    assert "Dover, Delaware" in spans and "Patras, Greece" in spans and "Dover" in spans


def test_a_count_is_offered_without_its_unit() -> None:
    spans = _texts("It raised the money in just 24 hours during a 21-day truce.", "In how many hours was it raised?")
    assert "24 hours" in spans and "24" in spans
    assert "21" in _texts("It called for a 21-day truce.", "For how many days was the truce?")


def test_the_noun_phrase_a_sentence_opens_with_is_read_whole() -> None:
    assert "Severe storms" in _texts("Severe storms battered the coast on Monday.")
    assert "Climate change" in _texts("Climate change is another stressor for the trees.")
    # a given name or a place opening the sentence is a name, not a noun phrase's first word
    assert "Michael went" not in _texts("Michael went home early.")


def test_a_speaker_listed_with_another_still_speaks() -> None:
    question = "Which airline said it found loose bolts?"
    assert analyse(question).speaker_slot
    spans = _texts("Earlier Monday, Northway Airlines and Gale Air said they had found loose parts.", question, nouns=False)
    assert "Northway Airlines" in spans and "Gale Air" in spans


@pytest.mark.parametrize(
    "question",
    [
        "Which restaurant chain announced this week that it has filed for bankruptcy?",
        "Which agency announced a rate cut?",
        "Which player complained after a traffic stop?",
    ],
)
def test_a_verb_that_names_a_deed_does_not_make_the_slot_a_speaker(question: str) -> None:
    assert not analyse(question).speaker_slot


def test_a_deed_is_answered_by_who_did_it() -> None:
    spans = _texts("Seafood chain Blue Harbor has filed for bankruptcy, the company said.", "Which restaurant chain announced it has filed for bankruptcy?", nouns=False)
    assert "Blue Harbor" in spans


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("What is the name of the rare genetic variant associated with the disease?", "variant"),
        ("Cases of which sexually transmitted disease have hit a high?", "disease"),
        ("Which member of the royal family landed a podcast deal?", "family"),
        ("What type of business was hit by the strike?", "business"),
    ],
)
def test_the_slots_head_is_the_noun_of_its_phrase(question: str, head: str) -> None:
    assert analyse(question).head == head


def test_the_sentence_beside_the_best_one_is_read() -> None:
    # the answer's sentence shares no word with the question; the one before it names the story
    story = [
        Article("a0", "Outlet A", "The regulator ordered checks on grounded jets after a panel blew out mid-flight. "
                "Northway Airlines found loose bolts on several of them. Fares rose in the spring."),
        Article("a1", "Outlet B", "Snow closed two airports in the north. Trains ran late all week."),
    ]
    index = QAIndex.build(story)
    _, ranking = index.explain("After a panel blew out mid-flight, which airline found problems on its grounded jets?")
    assert ranking is not None and "Northway Airlines" in {g.text for g in ranking.groups}


def test_a_deed_asked_about_is_not_reported() -> None:
    troops = _speaker_pattern("the troops")
    assert deed_in("It is unclear whether the troops would operate under federal command.", troops) is None
    assert deed_in("If approved, the troops would assist the border agency in its operations.", troops) == "assist the border agency in its operations"


@pytest.mark.parametrize(("question", "shapes"), [("how old is she?", {"number", "duration"}), ("How tall was the bird?", {"number"})])
def test_how_old_or_tall_asks_for_a_figure(question: str, shapes: set[str]) -> None:
    asked = analyse(question)
    assert asked.kind == "number" and asked.shapes == frozenset(shapes)
    assert "37" in [c.text for c in sentence_candidates("Simon Vale, 37, won the seat.", analyse("How old is he?"))]
    assert "3" not in [c.text for c in sentence_candidates("She is 67 years old and keeps 3 dogs.", analyse("How old is she?"))]


def test_a_pronoun_weighs_as_the_name_it_stands_for() -> None:
    previous = Answer("Who won the prize?", True, "Ada Quist")
    asked = with_previous(analyse("how old is she?"), previous)
    weight = dict(zip(asked.terms, asked.weights))
    assert weight["ada"] == 1.0 and weight["quist"] == 1.0 and weight["prize"] < 1.0
