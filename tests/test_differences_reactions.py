"""Someone's reaction is no fact "only some report" (invented text): a quotation of evaluation or
feeling with no figure, date or name of its own is a comment; a claim in quotes stays news."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import _is_reaction, find_differences
from summarizer.language import split_sentences
from summarizer.model import Article


def _exclusive_quotes(articles):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return [d.quote or "" for d in find_differences(articles, sentences, align(sentences)) if d.kind == "exclusive"]


def test_a_reaction_quote_is_no_fact_and_a_quoted_claim_or_figure_is():
    assert _is_reaction("\"This is the most disgusting thing I've seen,\" said Marek, who has coached for 20 years.")
    assert _is_reaction("He called the collapse \"heartbreaking\" and \"a tragedy for the valley.\"")
    # a claim in quotes, a figure, a date or a name inside the quotation: news, not a reaction
    assert not _is_reaction("\"We will appeal the ruling next week,\" said Marek.")
    assert not _is_reaction("\"It was terrible: 14 homes burned,\" said Marek.")
    assert not _is_reaction("\"It was a terrible week for Dunmore Mills,\" said Marek.")
    # the outlet's own words print a counted figure: a fact besides the reaction
    assert not _is_reaction("Police found 14 burned homes, which Marek called \"devastating.\"")
    # the outlet's own words tell a fact besides the reaction
    assert not _is_reaction(
        "Marek issued a statement saying he was \"horrified\" by the claim, insisting he had never met the plaintiff."
    )
    # "shock" of an electric fence is no reaction
    assert not _is_reaction("\"The fence gave me an electric shock,\" said Marek.")
    # no quotation at all: the outlet's own account is never taken for a reaction
    assert not _is_reaction("The mayor said the fire was the worst in the town's history.")


def test_a_reaction_only_one_outlet_prints_is_not_listed_as_only_some_report():
    base = "A fire destroyed the Dunmore textile mill on Tuesday night, the county fire service said. "
    articles = [
        Article("a", "A", base + "\"This is the saddest day I can remember,\" said Ilse Varga, who worked at the mill. "
                "The owners of the textile mill had filed for bankruptcy protection in March, court records show."),
        Article("b", "B", base + "Firefighters from three counties fought the blaze until dawn. "
                "Investigators from the state arson unit arrived on Wednesday morning."),
    ]
    quotes = _exclusive_quotes(articles)
    assert any("bankruptcy" in q for q in quotes), quotes  # the other one-outlet facts are still shown
    assert not any("saddest" in q for q in quotes), quotes
