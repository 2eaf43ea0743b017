"""A title keeps the lead's own clause before another sentence's side fact (invented text)."""

from __future__ import annotations

import re

import summarizer.brief as brief_module
from summarizer import Article
from summarizer.brief import story_title
from summarizer.language.sentences import has_clause_verb


def _in_order(title: str, source: str) -> None:
    words = re.findall(r"[\w'’]+", source)
    position = 0
    for word in re.findall(r"[\w'’]+", title):  # every word the source's, in order
        position = words.index(word, position) + 1


def test_the_lead_is_cut_before_a_closing_prepositional_phrase(monkeypatch) -> None:
    lead = (
        "Harbour board chair Ruth Calloway has criticised the timing of the new toll "
        "over the busy summer festival season in the port of Dunmore."
    )
    side = "Other members of the harbour board have rejected claims that the toll was rushed."
    title = story_title([Article("a", "A", lead)], lead, [side])
    assert title == "Harbour board chair Ruth Calloway has criticised the timing of the new toll"
    _in_order(title, lead)
    # without the phrase boundaries the lead's clause is too long, and the side fact is the title
    monkeypatch.setattr(brief_module, "TITLE_LEAD_PHRASES", False)
    assert story_title([Article("a", "A", lead)], lead, [side]).startswith("Other members")


def test_the_lead_is_cut_before_a_relative_that() -> None:
    lead = "A new beetle found in the Larkspur valley had wings that may have shimmered with every colour of the rainbow."
    side = "Beetles spread from the southern forests near the end of the last ice age."
    title = story_title([Article("a", "A", lead)], lead, [side])
    assert title == "A new beetle found in the Larkspur valley had wings"


def test_a_saying_verb_is_not_cut_from_its_reported_that() -> None:
    lead = (
        "Larkspur Mayor Ellen Brandt said on Sunday that the governor is a fair and steady partner "
        "for the valley towns in the long fight over the river dam."
    )
    side = "Governor Ana Ruiz visited the river dam on Saturday."
    title = story_title([Article("a", "A", lead)], lead, [side])
    assert title != "Larkspur Mayor Ellen Brandt said on Sunday"
    assert not has_clause_verb("Larkspur Mayor Ellen Brandt said on Sunday", " that the governor is fair")
    assert has_clause_verb("Larkspur Mayor Ellen Brandt said on Sunday", "")


def test_a_pronoun_with_its_name_in_the_span_is_no_antecedent_gap() -> None:
    lead = "Mill owner Tomas Brek said he had no regret for closing the Larkspur mill in the middle of the harvest."
    side = "The Larkspur workers union has condemned the closing of the mill."
    title = story_title([Article("a", "A", lead)], lead, [side])
    assert title.startswith("Mill owner Tomas Brek said he had no regret")
    # a pronoun with no name before it still gives way
    lone = "Now a judge has ordered him freed from the Larkspur county jail."
    other = "Tomas Brek was freed from the Larkspur county jail on Friday."
    assert story_title([Article("a", "A", lone)], lone, [other]).startswith("Tomas Brek was freed")


def test_the_lead_clause_beats_a_span_that_shares_more_of_the_lead(monkeypatch) -> None:
    lead = (
        "Ruth Calloway resigned as harbour chair on Monday after the long dispute over tolls, fees, "
        "ferry schedules, dock repairs, pilot wages and berth rents with the city council."
    )
    side = "Tolls, fees, ferry schedules, dock repairs, pilot wages and berth rents are in dispute."
    title = story_title([Article("a", "A", lead)], lead, [side])
    assert title.startswith("Ruth Calloway resigned as harbour chair on Monday")
    # by overlap alone the side sentence tells more of the lead's words
    monkeypatch.setattr(brief_module, "TITLE_LEAD_FIRST", False)
    assert story_title([Article("a", "A", lead)], lead, [side]).startswith("Tolls, fees")


def test_an_opening_prepositional_phrase_is_no_clause() -> None:
    assert not has_clause_verb("Behind all the charm and good looks", " that make up the singer, there is a plan")
    assert has_clause_verb("In 2019 the Larkspur mill lost money", "")


def test_a_title_does_not_end_on_an_object_pronoun() -> None:
    lead = "Smoke works much like an alarm to the river birds, warning them to leave the nest at once."
    spans = [span for span, _ in brief_module._title_spans(lead)]
    assert spans and not any(span.endswith(("them", "it", "him")) for span in spans)
    # after a preposition the pronoun ends its phrase
    lead = "Mara Quill is telling a Larkspur student she doesn't belong with him, in a new song about the valley."
    assert "Mara Quill is telling a Larkspur student she doesn't belong with him" in [
        span for span, _ in brief_module._title_spans(lead)
    ]


def test_a_dependent_clause_is_no_headline() -> None:
    assert not has_clause_verb("When Ann Doe describes what happened to her last month", " in Larkspur, it is hard")
    assert has_clause_verb("When the storm came, the Larkspur mill closed", "")


def test_a_list_going_on_after_a_comma_is_no_apposition() -> None:
    lead = (
        "Larkspur Rx, a small drug maker backed by hospitals, insurers and charities, said Monday "
        "that it will sell the new inhaler for no more than $20."
    )
    spans = [span for span, _ in brief_module._title_spans(lead)]
    assert not any(span.startswith("Larkspur Rx insurers") for span in spans)
    assert "Mr Ross has a net worth of about $2.5bn" in [
        span for span, _ in brief_module._title_spans("Mr Ross, an investor, has a net worth of about $2.5bn.")
    ]


def test_a_phrase_boundary_does_not_cut_a_name_or_a_lone_word() -> None:
    lead = (
        "A Larkspur farm has recalled its eggs after the Centers for Disease Control and Prevention "
        "linked them to an outbreak of illness in five states."
    )
    spans = [span for span, _ in brief_module._title_spans(lead, phrases=True)]
    assert "A Larkspur farm has recalled its eggs" in spans
    assert not any(span.endswith("the Centers") for span in spans)
    quiet = "All was quiet on Mill Road in Larkspur on Wednesday afternoon, save for the hum of the old pumps."
    spans = [span for span, _ in brief_module._title_spans(quiet, phrases=True)]
    assert spans and not any(span.endswith("save") for span in spans)


def test_an_ed_word_after_its_noun_is_no_verb_when_the_sentence_goes_on_to_one() -> None:
    rest = " from a Larkspur farm has spread to five more towns"
    assert not has_clause_verb("A river fever outbreak linked to ducks", rest)
    assert has_clause_verb("Crews closed the old mill", " in May")  # a month, not the modal
    assert has_clause_verb("Police arrested a man", " who was wanted in Larkspur")
    assert has_clause_verb("Hospital officials need only look", " to the coasts to see what might come")

