"""A title is a clause with its verb, cut from a source's words (invented text)."""

from __future__ import annotations

import re

import pytest

import summarizer.brief as brief_module
from summarizer import Article
from summarizer.brief import story_title
from summarizer.language.discourse import reporter_first_person
from summarizer.language.sentences import has_clause_verb


@pytest.mark.parametrize(
    "span, rest",
    [
        ("The council voted on Tuesday to close the old mill", ""),
        ("Tomas Brek wrote a long letter to the mayor of Larkspur", ""),
        ("Ms. Calder, an engineer, has a plan for the bridge", ""),
        ("Smoke works much like a signal", " to the birds, warning them"),
        ("The agency announced that the bridge would reopen", ""),
        ("Storm crews fired up the pumps early Monday", " as the two rivers rose"),
        ("Officials said", ""),
    ],
)
def test_a_clause_has_its_verb(span: str, rest: str) -> None:
    assert has_clause_verb(span, rest)


@pytest.mark.parametrize(
    "span, rest",
    [
        # a subject cut before its verb
        ("The fire and flooding of a mill on river grounds", " after the storm was worse than feared"),
        ("Tomas Brek, the same engineer who has built four bridges", " in two years, drew the plan"),
        ("Ines Calder, 61, of Larkspur", ", and Mara Quill, 40, of Dunmore, are charged"),
        ("Old photographs from the mill's first season", " in May 1921 have been found in an attic"),
        ("The May 1 repeal of the two-cent bridge toll", ""),
        # a reported clause cut before its own verb
        ("Police say a man suspected of setting the fire at the mill", ""),
        ("The agency announced that the old bridge", ""),
    ],
)
def test_a_noun_phrase_or_a_cut_reported_clause_has_not(span: str, rest: str) -> None:
    assert not has_clause_verb(span, rest)


def test_a_lead_cut_before_its_verb_gives_way_to_a_clause() -> None:
    lead = "The fire and flooding of the old Larkspur mill on river grounds after the spring storm was worse than feared."
    other = "Crews closed the old Larkspur mill after the spring storm flooded it."
    title = story_title([Article("a", "A", lead)], lead, [other])
    assert title.startswith("Crews closed the old Larkspur mill")
    # with no penalty the noun phrase of the lead wins: the test of the verb is what changes it
    saved = brief_module.TITLE_NO_VERB_PENALTY
    try:
        brief_module.TITLE_NO_VERB_PENALTY = 0.0
        assert story_title([Article("a", "A", lead)], lead, [other]).startswith("The fire and flooding")
    finally:
        brief_module.TITLE_NO_VERB_PENALTY = saved


def test_an_apposition_is_left_out_of_a_title(monkeypatch) -> None:
    lead = (
        "Tomas Brek, the same engineer who has built four bridges over the Larkspur river in two years, "
        "drew the plan for the new crossing that opens in May."
    )
    title = story_title([Article("a", "A", lead)], lead)
    assert title == "Tomas Brek drew the plan for the new crossing that opens in May"
    words = re.findall(r"[\w'’]+", lead)
    position = 0
    for word in re.findall(r"[\w'’]+", title):  # every word the source's, in order
        position = words.index(word, position) + 1
    monkeypatch.setattr(brief_module, "TITLE_APPOSITIONS", False)
    assert story_title([Article("a", "A", lead)], lead) != title


def test_a_title_does_not_end_on_thanks_or_due() -> None:
    lead = "More visitors are expected at the Larkspur mill museum this summer thanks to a new film about the fire."
    title = story_title([Article("a", "A", lead)], lead)
    assert title == "More visitors are expected at the Larkspur mill museum this summer"


def test_the_outlet_speaking_of_itself_gives_no_title() -> None:
    lead = "The Larkspur council voted on Tuesday to close the old mill after a long debate over the repairs."
    own = "Lawyers for the mill owners did not get back to us about the closing of the mill."
    title = story_title([Article("a", "A", lead)], lead, [own])
    assert "get back" not in title
    assert reporter_first_person(own)


def test_first_person_is_read_in_whole_words_only() -> None:
    assert not reporter_first_person("President Amadou Touré met the council of Ouagadougou.")
    assert reporter_first_person("The mayor told us the mill will close.")


def test_a_second_predicate_is_a_place_to_cut() -> None:
    lead = (
        "Old photographs from the Larkspur mill's first season in 1921 have been found and shared "
        "by a retired teacher who kept them in an attic."
    )
    title = story_title([Article("a", "A", lead)], lead)
    assert title == "Old photographs from the Larkspur mill's first season in 1921 have been found"
