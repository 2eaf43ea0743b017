"""Two outlets' full dates of one event told in their own clauses: "a shareholder vote on April 14"
/ "shareholders will vote ... at the annual general meeting in Dover on April 16" date one vote,
though the words next to each date differ and the two sentences share little else. Guards: clauses
naming different people are two events; weekdays are left to the sentence test; a clause that
shares one event word only is not enough. Invented text."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.language import split_sentences
from summarizer.model import Article


def _dates(a: str, b: str) -> list[str]:
    articles = [
        Article("a", "Harbor Ledger", a + " The weather in the valley stayed mild all week."),
        Article("b", "Coast Wire", b + " Traffic on the ring road was light on the weekend."),
    ]
    sentences = [SourceSentence.make(x.id, i, s) for x in articles for i, s in enumerate(split_sentences(x.text))]
    found = find_differences(articles, sentences, align(sentences))
    return [d.text for d in found if d.kind == "conflict" and d.text.startswith(("Date", "Day"))]


VOTE_A = "Ferrand, whose bonus was going to a non-binding shareholder vote on May 12, has kept the board's trust."
VOTE_B = (
    "Corvel's shareholders will vote on the matter this year at the company's annual general meeting"
    " in Dover on May 14, along with a host of other issues."
)


def test_one_vote_dated_in_two_clauses_conflicts():
    rows = _dates(VOTE_A, VOTE_B)
    assert len(rows) == 1
    assert "May 12" in rows[0] and "May 14" in rows[0]
    assert rows[0].startswith("Date (vote)")


def test_clauses_naming_different_people_date_two_events():
    a = "Ferrand, whose bonus Ada Quill was going to put to a shareholder vote on May 12, has kept the board's trust."
    assert not _dates(a, VOTE_B)
    # the twin: the same clause without the other name is one vote dated two ways
    b = "Ferrand, whose bonus was going to be put to a shareholder vote on May 12, has kept the board's trust."
    assert _dates(b, VOTE_B)


def test_clauses_of_two_years_date_two_events():
    a = "Ferrand, whose bonus was going to a non-binding shareholder vote on May 12, 2021, has kept the board's trust."
    b = (
        "Corvel's shareholders will vote on the matter at the company's annual general meeting"
        " in Dover on May 14, 2022, along with a host of other issues."
    )
    assert not _dates(a, b)
    assert _dates(a, b.replace("2022", "2021")), "the twin of one year must still conflict"


def test_a_clause_with_a_second_date_or_another_place_dates_two_events():
    # a deadline beside the date: the clause tells two moments
    a = "Ferrand, whose bonus was going to a non-binding shareholder vote on May 12 after talks end by May 9, kept his seat."
    assert not _dates(a, VOTE_B)
    # the same ceremony's name, held at other places: two years' ceremonies
    c = "The Harbor Music Hall of Fame ceremony, a gala, will be held on Nov. 3 at the Corran Arena in Dover."
    d = "Inductees were named on Monday. The Harbor Music Hall of Fame ceremony will be held on Nov. 5 at the Velt Theater in Lisle."
    assert not _dates(c, d)
    assert _dates(c, d.replace("at the Velt Theater in Lisle", "at the Corran Arena in Dover")), "one place: one ceremony"


def test_weekdays_need_sentences_telling_one_fact():
    a = "Ferrand, whose bonus was going to a non-binding shareholder vote on Tuesday, has kept the board's trust."
    b = (
        "Corvel's shareholders will vote on the matter this year at the company's annual general meeting"
        " in Dover on Thursday, along with a host of other issues."
    )
    assert not _dates(a, b)


def test_one_shared_clause_word_is_not_enough():
    a = "Ferrand, whose bonus was going to a board review on May 12, has kept the board's trust."
    assert not _dates(a, VOTE_B)
