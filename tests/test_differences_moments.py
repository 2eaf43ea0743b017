"""Counts the text itself places in time ("initially about five" / "now believe as many as nine"):
an estimate revised, shown as an update oldest first, not as nothing or a conflict. Invented text."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.language import split_sentences
from summarizer.language.quantities import extract_figures, figure_moment
from summarizer.model import Article


def _rows(articles: list[Article]):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return [d for d in find_differences(articles, sentences, align(sentences)) if d.kind in ("conflict", "variant", "update")]


def _moment(text: str, number: str) -> str | None:
    (figure,) = [f for f in extract_figures(text, vague=True) if f.number_text == number]
    return figure_moment(figure, text)


def test_the_clause_before_a_count_places_it_in_time():
    assert _moment("Officials initially said about five hikers were missing.", "five") == "earlier"
    assert _moment("Rangers now believe that as many as nine hikers were lost.", "nine") == "later"
    assert _moment("Rangers said as many as nine hikers were lost.", "nine") is None
    # a moment word of another clause does not place this count
    assert _moment("The search began at first light, and rangers found 4 hikers.", "4") is None


HIKERS = [
    Article(
        "a", "Valley Courier",
        "Two hikers were rescued Sunday near Mount Arvel, but rangers said as many as seven hikers, "
        "ranging in age from 19 to 40, were caught in the rockslide on the north trail.",
    ),
    Article(
        "b", "Ridge Times",
        "Rangers initially said about five hikers were on the north trail when the rockslide hit. "
        "Searchers said Monday that they now believe that as many as nine hikers, ranging in age "
        "from 19 to their early 40s, were caught in the rockslide near Mount Arvel.",
    ),
]


def test_a_revised_estimate_is_an_update_with_the_newer_count_last():
    rows = _rows(HIKERS)
    updates = [d for d in rows if d.kind == "update"]
    assert updates, rows
    values = [v.value for v in updates[0].values]
    assert values[-1].endswith("nine") or values[-1].endswith("9"), values
    assert "later" in updates[0].text
    assert not [d for d in rows if d.kind == "conflict"]


def test_a_lone_now_in_narration_is_no_revision():
    # "Now the magazine listed ..." narrates; the outlet tells no earlier estimate of its own
    story = [
        Article("a", "Daily", "Now the magazine listed the investor Arlo Penn with a fortune of $1.7 billion."),
        Article("b", "Wire", "The investor Arlo Penn has a fortune of about $2.5 billion, the magazine said."),
    ]
    assert not [d for d in _rows(story) if d.kind == "update"]


def test_the_date_a_running_count_stands_at():
    from summarizer.language.dates import count_moment

    assert count_moment("Through June, 41 cases of the fever were confirmed this year.") == (6, 31, None)
    assert count_moment("As of Sept. 15, 2031, health officials counted 63 cases.") == (9, 15, 2031)
    assert count_moment("From March 1 to Sept. 15, 2031, officials counted 63 cases.") == (9, 15, 2031)
    assert count_moment("The clinic opened on June 4 and treated 12 patients.") is None  # no period closed


FEVER = [
    Article(
        "a", "Lake Herald",
        "Through June, 41 new cases of Tarn fever have been confirmed across the province this year, "
        "health officials said.",
    ),
    Article(
        "b", "Valley Star",
        "As of August 2031, there have been 63 confirmed cases of Tarn fever across the province, "
        "health officials said.",
    ),
]


def test_running_counts_at_two_dates_are_an_update_oldest_first():
    rows = _rows(FEVER)
    updates = [d for d in rows if d.kind == "update"]
    assert updates, rows
    assert [v.value for v in updates[0].values] == ["41", "63"]
    assert not [d for d in rows if d.kind == "conflict"]


def test_a_count_of_an_unnamed_year_is_no_update():
    # "As of November 3, 90 cases": which year the sentence does not say (another outbreak?)
    old = [FEVER[0], Article("c", "Wire", "As of November 3, health officials had confirmed 90 cases of Tarn fever across the province.")]
    assert not [d for d in _rows(old) if d.kind == "update"]
    # a larger count at the earlier date is no running count
    shrinking = [FEVER[0], Article("b", "Valley Star", FEVER[1].text.replace("63", "30"))]
    assert not [d for d in _rows(shrinking) if d.kind == "update"]


def test_what_a_figure_counts_is_no_one_who_says_it():
    from summarizer.language.quantities import figure_claimant

    text = "Officials reported 63 people in 14 U.S. states had been diagnosed."
    (states,) = [f for f in extract_figures(text) if f.value == 14]
    assert figure_claimant(states, text) is None
