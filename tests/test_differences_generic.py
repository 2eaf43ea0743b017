"""How things generally are is no fact "only some report" (invented text): a sentence with no verb
form placing it in time, no word of saying and no date is an explainer; an event, a claim, a plan
or a dated fact stays news."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import _is_generic, find_differences
from summarizer.language import split_sentences
from summarizer.language.words import tells_a_time
from summarizer.model import Article


def _exclusive_quotes(articles):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return [d.quote or "" for d in find_differences(articles, sentences, align(sentences)) if d.kind == "exclusive"]


def test_a_verb_form_or_word_of_the_future_places_a_sentence_in_time():
    assert tells_a_time("The council voted to close the pier.")
    assert tells_a_time("The ferry was late again.")
    assert tells_a_time("The pier hasn't reopened.")
    assert tells_a_time("The ferry operator wasn't told.")
    assert tells_a_time("She'll testify before the board.")
    assert tells_a_time("The pier will close for a month.")
    assert not tells_a_time("Barnacles grow about a centimetre every month in warm water.")
    assert not tells_a_time("Ferries usually wait offshore until the harbour master signals them in.")


def test_a_generic_statement_is_told_apart_from_a_claim_or_a_dated_fact():
    assert _is_generic("Barnacles grow about a centimetre every month in warm water.")
    assert _is_generic("Past winners of the prize include a lighthouse keeper and two ferry captains.")
    assert not _is_generic("Barnacles grow about a centimetre every month, the harbour biologist says.")
    assert not _is_generic("The pier closes on Monday for repairs.")
    assert not _is_generic("The harbour master closed the pier.")


def test_an_explainer_only_one_outlet_prints_is_not_listed_as_only_some_report():
    base = "Storm damage closed the Kelmoor ferry pier on Tuesday, the harbour authority said. "
    articles = [
        Article("a", "A", base + "Salt water corrodes bare steel pilings within a few winters in open harbours. "
                "The pier's owners had asked the county for repair money in March, council records show."),
        Article("b", "B", base + "Crews from two towns cleared the wreckage until dawn. "
                "Inspectors from the state transport board arrived on Wednesday morning."),
    ]
    quotes = _exclusive_quotes(articles)
    assert any("repair money" in q for q in quotes), quotes  # the other one-outlet facts are still shown
    assert not any("corrodes" in q for q in quotes), quotes
