"""Which sentences are prose a brief may quote: web furniture, captions, the outlet's own voice.

All texts are invented here (no benchmark text): each rule is shown dropping what it is for and
keeping the news sentence that looks most like it.
"""

from __future__ import annotations

import pytest

from summarizer import Article
from summarizer.prose import (
    non_prose_reason,
    outside_quotes,
    prose_sentences,
    reads_as_paper,
    speaks_for_outlet,
)

_NEWS = "The county board voted 4-1 on Tuesday to close the Elm Street bridge for repairs."


def _kept(text: str) -> list[str]:
    return [s.text for s in prose_sentences(Article("a", "Outlet", text))]


# --- web furniture -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "notice",
    [
        "The archive hopes that references to these archived pages will replace links that would break.",
        "The goal of the project is to fix all broken links on the web.",
        "Breaking News Emails Get breaking news alerts and special reports.",
        "The stories that matter, delivered straight to your inbox every weekday morning.",
        "Add Jane Roe as an interest to stay up to date on the latest news, video and analysis.",
        "This copy is for your personal, non-commercial use only, says the reprints desk.",
        "Click to share on the social network of your choice (Opens in new window).",
        "The interactive transcript could not be loaded, so the page shows nothing else.",
        "This feature is not available right now, and the page asks the reader to come back.",
        "Send us a secure tip using the instructions on the contact page of the site.",
        "Comments are closed for this story because of the volume of abusive posts.",
        "Tip: use commas to separate multiple keywords in the search box above the list.",
    ],
)
def test_web_notices_are_boilerplate(notice: str) -> None:
    assert non_prose_reason(notice) == "boilerplate"


def test_a_sentence_with_a_phone_number_is_a_contact_line() -> None:
    appeal = "Anyone with information is asked to call Detective Lee Park at 555-201-3344, ext 12."
    assert non_prose_reason(appeal) == "contact"
    assert non_prose_reason("Detectives said the suspect called the station at 3:15 p.m. on May 4.") is None
    assert non_prose_reason("The bridge carries 12,500 vehicles a day, 2,300 more than in 2015.") is None


def test_a_paragraph_that_opens_with_a_notice_is_a_notice_throughout() -> None:
    notice_block = (
        "These crawls are part of an effort to archive pages as they are created. That way, as the "
        "pages that are referenced are changed, a link to the version that was live will be preserved."
    )
    kept = _kept(f"{_NEWS}\n\n{notice_block}\n\nThe repairs will take six weeks, officials said.")
    assert kept == [_NEWS, "The repairs will take six weeks, officials said."]


def test_a_news_paragraph_that_ends_on_a_notice_keeps_its_news() -> None:
    kept = _kept(f"{_NEWS} Sign up for our newsletter to get the latest updates.")
    assert kept == [_NEWS]


# --- captions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "A farmer waves a flag during a protest outside the county building in Elmwood.",
        "Mayor Ana Ruiz, center, poses with volunteers at the shelter in Riverton.",
        "The Elm Street bridge is seen before the evening rush hour in Elmwood.",
        "Protesters are pictured outside the courthouse in the rain.",
        "A volunteer holds up a sign outside the council chamber.",
        "Jo Smith / AFP / Getty Images The bridge was built in 1931 by the county.",
        "A model of the bridge is shown in this undated photo released by the county.",
        "This undated booking photo provided by the county sheriff shows the suspect.",
        "Photo: Volunteers fill sandbags along the river bank on Saturday night.",
        "View Images An artist's impression of the new bridge over the river.",
        "1 of 12 Full Screen Autoplay Close Skip Ad The flood in pictures.",
        "Watch the mayor's full remarks in the video above, recorded on Tuesday.",
    ],
)
def test_captions_and_photo_widgets_are_dropped(caption: str) -> None:
    assert non_prose_reason(caption) == "caption"


@pytest.mark.parametrize(
    "news",
    [
        "The bloodstains were inconsistent with any single pose, the researchers found.",
        "Waves of protest swept the capital after the vote on Tuesday.",
        "Kinect is seen as the company's answer to its rival's motion controller.",
        "The suspect is seen on surveillance video leaving the store at 9 p.m.",
        "A Reuters/Ipsos poll found 41% of voters backed the plan.",
        "The mayor said the deal would hold up in court.",
        "9/11 Commission members testified before the panel on Thursday.",
    ],
)
def test_news_that_looks_like_a_caption_is_kept(news: str) -> None:
    assert non_prose_reason(news) is None


# --- the outlet's own voice ------------------------------------------------------------------------


def test_we_and_us_outside_quotes_speak_for_the_outlet() -> None:
    assert speaks_for_outlet("We're told the talks collapsed after midnight.")
    assert speaks_for_outlet("An insider tells us the deal is off.")
    assert speaks_for_outlet("Our reporters counted 40 trucks at the border crossing.")


def test_quoted_we_the_country_and_speech_after_a_colon_are_not_the_outlet() -> None:
    assert not speaks_for_outlet('"We will rebuild," the mayor said on Tuesday.')
    assert not speaks_for_outlet("The US and Canada signed the accord on Friday.")
    assert not speaks_for_outlet("The firm made a new offer: drop the appeal or pay us $1 million.")


def test_outside_quotes_blanks_quotations_only() -> None:
    unquoted = outside_quotes('The mayor said "we will rebuild" on Tuesday.')
    assert "rebuild" not in unquoted and "mayor said" in unquoted and "Tuesday" in unquoted


# --- research papers among the sources ---------------------------------------------------------

_PAPER = (
    "The holotype preserves a nearly complete skull (Fig. 1a). The lacrimal bears a dorsal crest "
    "(Fig. 1b, c), unlike that of related taxa (Supplementary Table 2). Feather barbs are densely "
    "spaced (Fig. 2d), as in modern birds (Lee et al., 2015). Melanosome shapes were measured by "
    "electron microscopy (Supplementary Fig. 8)."
)


def test_a_text_full_of_figure_references_and_citations_reads_as_a_paper() -> None:
    assert reads_as_paper(Article("p", "Journal", _PAPER))


def test_news_that_cites_a_study_in_words_is_not_a_paper() -> None:
    news = (
        "A new dinosaur had rainbow feathers, scientists said on Monday. The study, by Lee et al., "
        "appeared in the journal Nature. The feathers may have served as a display, the team said."
    )
    assert not reads_as_paper(Article("n", "Wire", news))


# --- quotation marks typed as two single ones ----------------------------------------------------


@pytest.mark.parametrize("opening, closing", [("“", "’’"), ("‘‘", "’’"), ("``", "''")])
def test_a_quotation_closed_by_doubled_single_marks_ends_there(opening: str, closing: str) -> None:
    text = (
        f"The critic called the remake {opening}trendily gory.{closing} The violence erupts in brief spasms rather "
        "than long scenes. The director cut twenty minutes before the release in February."
    )
    kept = _kept(text)
    assert "The violence erupts in brief spasms rather than long scenes." in kept
    assert "The director cut twenty minutes before the release in February." in kept


# --- datelines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline",
    [
        "PORT HAVEN (AP) — ",
        "(CNN) ",
        "(Reuters) — ",
        "WASHINGTON — ",
        "PORT HAVEN, Maine (AP) — ",
        "SYCAMORE, Ill. --",
        "CAIRO—",
        "WOODLAND HILLS >> ",
        "Port Haven, Maine (CNN) ",
    ],
)
def test_a_wire_dateline_is_cut_from_the_lead(dateline: str) -> None:
    assert _kept(dateline + _NEWS) == [_NEWS]


def test_a_paragraph_closed_by_a_photo_credit_is_a_caption() -> None:
    caption = "A neighbour walks past the gated house on Tuesday. Detectives are searching the grounds. AP Photo/Jo Lee"
    assert _kept(caption + "\n\n" + _NEWS) == [_NEWS]
    assert _kept("Crowds gathered outside the court on Monday. (Associated Press)\n\n" + _NEWS) == [_NEWS]


def test_sentences_that_open_like_a_dateline_are_kept_whole() -> None:
    news = "NASA, the space agency, said the launch — its third this year — went well on Tuesday."
    assert _kept(news) == [news]
    aside = "(Even then, the county board met again on Wednesday to settle the vote.)"
    assert _kept(aside) == [aside]


# --- the page pointing elsewhere, quotes introduced by a lead-in ---------------------------------


@pytest.mark.parametrize(
    "pointer",
    [
        "Check out the full list of winners on the festival's site!",
        "Read part of the mayor's interview with the paper below.",
        "See what we know and don't know about the age of the bridge.",
        "Watch the full press conference in the player on this page.",
    ],
)
def test_a_page_pointing_the_reader_elsewhere_is_not_news(pointer: str) -> None:
    assert non_prose_reason(pointer) is None  # a well-formed sentence on its own ...
    assert _kept(f"{_NEWS} {pointer}") == [_NEWS]  # ... but addressed to the reader


@pytest.mark.parametrize(
    "news",
    [
        "Share prices fell 5% on Monday after the county board voted to close the bridge.",
        "Watch sales rose five percent in the quarter, the company said on Tuesday.",
        "Meet the Press host Jo Roe said the vote on the bridge was close.",
        "Tap water in the county was declared safe to drink again on Friday.",
    ],
)
def test_news_opening_on_a_pointer_verb_is_kept(news: str) -> None:
    assert _kept(news) == [news]


def test_a_lead_in_keeps_the_quotation_of_the_next_paragraph_attributed() -> None:
    text = (
        "The mayor, speaking after the vote on Tuesday, said:\n\n"
        "“The bridge will close for six months. Nobody will be charged a toll when it reopens.”"
    )
    assert _kept(text) == [
        (
            "The mayor, speaking after the vote on Tuesday, said: “The bridge will close for six months. "
            "Nobody will be charged a toll when it reopens.”"
        )
    ]
    # Without a lead-in, a quotation in a paragraph of its own has no speaker and is dropped.
    assert _kept("The mayor spoke after the vote on Tuesday.\n\n“The bridge will close for six months.”") == [
        "The mayor spoke after the vote on Tuesday."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The manager replied that she should tolerate the new schedule...",
        "The manager replied that she should tolerate the new schedule…",
        "The manager replied that she should tolerate the new schedule…..",
        "The manager replied that she should tolerate the new schedule....",
        'The manager said she "should tolerate the new schedule..."',
    ],
)
def test_a_sentence_cut_off_with_an_ellipsis_is_truncated(sentence: str) -> None:
    assert non_prose_reason(sentence) == "truncated"


def test_an_ellipsis_inside_a_sentence_leaves_it_prose() -> None:
    assert non_prose_reason("The manager said the schedule … would change on Monday for every driver.") is None
