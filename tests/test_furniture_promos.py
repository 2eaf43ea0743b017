"""Promos, link text, figure labels and caption fragments are no line of a brief (invented text)."""

from __future__ import annotations

import pytest

from summarizer import Article, build_brief
from summarizer.language.furniture import is_fragment, line_reason


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("Read Ines Calder's full column here.", "promo"),
        ("View all Larkspur Ledger newsletters.", "promo"),
        ("Discuss this topic in the Ledger Forums.", "promo"),
        ("Follow our live coverage of the mill vote.", "promo"),
        ("See Otters Juggle Pebbles in Stunning Slow Motion They do it for fun, keepers think.", "promo"),
        ("Fig. 3 Photographs of the ember traps at the Larkspur site.", "caption"),
        ("Tomas Brek, in custody after his 2019 arrest.", "fragment"),
        ("Just a couple of farmers trading seeds — while the valley watches.", "fragment"),
        ("A rhythm game made by Corvina Studios.", "fragment"),
    ],
)
def test_page_lines_say_why(sentence: str, reason: str) -> None:
    assert line_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Read the statement, the mayor told reporters on Tuesday.",  # "read" with no page object: news
        "See that the gates are shut, the warden ordered the guards.",  # "see that": no promo
        "Readers can view the full report on the council's website.",  # no order to the reader
        "The charges carry a potential life sentence.",  # a plural subject's present tense
        "A stream of voters walked by her and waved.",  # "walked by her": a past tense, no caption
        "A paratrooper during the war, Brek later ran the mill.",  # "during" is no participle
        "Tomas Brek, in custody since 2019, was released on Friday.",  # a finite verb: news
        "Some farmers bring their own seeds to the fair.",  # plural present: not a fragment
        "Figures released on Monday show the mill lost money.",  # "Figures", no figure label
        "A complaint filed by Brek in 2019 seeks a penalty of $3,000.",  # a present verb after a year
    ],
)
def test_news_is_no_page_line(sentence: str) -> None:
    assert line_reason(sentence) is None


def test_fragment_needs_no_verb_at_all() -> None:
    assert is_fragment("A rhythm game made by Corvina Studios.")
    assert not is_fragment("A rhythm game made by Corvina Studios sold a million copies.")
    assert not is_fragment("A rhythm game made by Corvina Studios has sold a million copies.")


def _story(extra: str) -> list[Article]:
    first = (
        "The Larkspur council voted on Tuesday to close the old mill after a fire damaged its roof. "
        f"{extra} "
        "Council members said repairs would cost more than $2 million. "
        "The mill employed 40 people before the fire, the council said."
    )
    second = (
        "Larkspur's council has voted to close the fire-damaged mill, a vote taken on Tuesday. "
        "Repairs would have cost over $2 million, according to council members. "
        "Owners plan to sell the land next year."
    )
    return [Article(id="a", source="Ledger", text=first), Article(id="b", source="Courier", text=second)]


@pytest.mark.parametrize(
    "extra",
    ["Read Ines Calder's full column here.", "A rhythm game made by Corvina Studios.", "Fig. 2 Photographs of the mill roof."],
)
def test_brief_leaves_page_lines_out(extra: str) -> None:
    for words in (60, 120, 300):
        brief = build_brief(_story(extra), max_words=words)
        texts = [line.text for line in brief.summary]
        assert texts, "the brief has lines"
        assert extra not in texts


def test_caption_both_outlets_print_follows_keep_cited_fragment(monkeypatch) -> None:
    caption = "Tomas Brek, in custody after his 2019 arrest."
    first = (
        "A Larkspur judge ordered Tomas Brek released from prison on Friday and granted him a new trial. "
        f"{caption} "
        "The judge found that records support Brek's account of where he was that night."
    )
    second = (
        "Tomas Brek walked free on Friday after a Larkspur judge threw out his conviction. "
        f"{caption} "
        "Prosecutors said they would not retry the case."
    )
    articles = [Article(id="a", source="Ledger", text=first), Article(id="b", source="Courier", text=second)]
    import summarizer.brief as brief_module

    kept = [line.text for line in build_brief(articles, max_words=300).summary]
    monkeypatch.setattr(brief_module, "KEEP_CITED_FRAGMENT", False)
    left = [line.text for line in build_brief(articles, max_words=300).summary]
    assert caption in kept  # two outlets print it: it stays for its citations
    assert caption not in left
