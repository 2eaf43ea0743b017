"""Figures of one noun that are still no contradiction: two acts counted ("killed" / "wounded"),
two votes ("approved" / "rejected"), a possible figure against a real one ("faces up to" /
"was sentenced to"), two periods ("in 2009" / the story's own year), two named people, and dates
that bound a period ("since Oct. 29"). "Figures differ" must be certain; each case has a twin
that differs only in the barring words and is still shown as a conflict. Invented text."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.language import split_sentences
from summarizer.language.dates import is_period_bound
from summarizer.language.quantities import (
    contradiction_barred,
    extract_figures,
    figure_act,
    figure_period,
    figure_possible,
)
from summarizer.model import Article


def _rows(articles: list[Article]):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return [d for d in find_differences(articles, sentences, align(sentences)) if d.kind in ("conflict", "variant", "update")]


def _conflicts(articles: list[Article]):
    return [d for d in _rows(articles) if d.kind == "conflict"]


def _figure(text: str, number: str):
    (figure,) = [f for f in extract_figures(text, vague=True) if number in (f.number_text, f.text)]
    return figure


# --------------------------------------------------------------------------- the language helpers


def test_the_act_nearest_a_figure_in_its_clause_is_its_act():
    s = "The blast at the Orvin depot killed 12 workers and injured 40 others on Tuesday."
    assert figure_act(_figure(s, "12"), s) == "killed"
    assert figure_act(_figure(s, "40"), s) == "injured"
    t = "Preliminary results showed 61% of members rejected the merger."
    assert figure_act(_figure(t, "61"), t) == "rejected"
    assert figure_act(_figure("The depot employs 300 people.", "300"), "The depot employs 300 people.") is None


def test_the_period_a_sentence_sets_a_figure_in():
    s = "In 2009, the Lenna river flood displaced 4,000 residents."
    assert figure_period(_figure(s, "4,000"), s) == {2009}
    t = "A year earlier, the magazine had listed her fortune at $2.9 billion."
    assert "past" in figure_period(_figure(t, "$2.9 billion"), t)
    u = "The flood displaced 6,000 residents, officials said."
    assert figure_period(_figure(u, "6,000"), u) == frozenset()


def test_a_possible_figure_is_told_apart_from_what_happened():
    s = "Corvel faces up to 20 years in prison."
    t = "Corvel was sentenced to 25 years in prison."
    assert figure_possible(_figure(s, "20"), s)
    assert not figure_possible(_figure(t, "25"), t)
    # "May" the month is no "may"
    m = "In May the council approved 25 new posts."
    assert not figure_possible(_figure(m, "25"), m)
    assert contradiction_barred(_figure(s, "20"), s, _figure(t, "25"), t) == "possible"


def test_the_bar_names_why_and_leaves_one_quantity_alone():
    a = "The blast killed 12 workers at the depot."
    b = "The blast wounded 15 workers at the depot."
    assert contradiction_barred(_figure(a, "12"), a, _figure(b, "15"), b) == "act"
    c = "The blast killed 15 workers at the depot."
    assert contradiction_barred(_figure(a, "12"), a, _figure(c, "15"), c) is None
    old = "In 2009, the flood displaced 4,000 residents."
    new = "The flood displaced 6,000 residents."
    assert contradiction_barred(_figure(old, "4,000"), old, _figure(new, "6,000"), new, current_year=2016) == "period"
    # a year of the story's own time is no other period
    this = "In 2015, the flood displaced 4,000 residents."
    assert contradiction_barred(_figure(this, "4,000"), this, _figure(new, "6,000"), new, current_year=2016) is None
    kid_a = "Mara Velt was a typical 3-year-old, her parents said."
    kid_b = "Jonah Brisk was a healthy 4-year-old before he fell ill."
    assert contradiction_barred(_figure(kid_a, "3-year-old"), kid_a, _figure(kid_b, "4-year-old"), kid_b) == "owner"


def test_a_date_after_since_or_until_bounds_a_period():
    s = "He has been accused by a dozen men since Oct. 29."
    assert is_period_bound(s, s.index("Oct."))
    t = "In an article posted Oct. 30, the actor made the claim."
    assert not is_period_bound(t, t.index("Oct."))


# --------------------------------------------------------------------------- whole stories


def _story(a: str, b: str) -> list[Article]:
    return [Article("a", "Harbor Ledger", a), Article("b", "Coast Wire", b)]


def test_killed_and_wounded_counts_of_one_blast_are_no_conflict():
    killed = "A gas blast at the Orvin fuel depot on Tuesday killed 12 workers, the fire chief said."
    wounded = "A gas blast at the Orvin fuel depot on Tuesday wounded 15 workers, the fire chief said."
    also_killed = "A gas blast at the Orvin fuel depot on Tuesday killed 15 workers, the fire chief said."
    assert _conflicts(_story(killed, also_killed)), "the twin must still be a conflict"
    assert not _conflicts(_story(killed, wounded))


def test_an_approval_share_and_a_rejection_share_are_two_votes():
    approved = "The pay plan of chief executive Dara Quill was approved by 86% of shareholders at the Velmont meeting."
    rejected = "The pay plan of chief executive Dara Quill was rejected by 59% of shareholders at the Velmont meeting."
    also_approved = "The pay plan of chief executive Dara Quill was approved by 59% of shareholders at the Velmont meeting."
    assert _conflicts(_story(approved, also_approved)), "the twin must still be a conflict"
    assert not _conflicts(_story(approved, rejected))


def test_a_maximum_sentence_and_the_sentence_given_are_no_conflict():
    given = "Judge Pell sentenced the Larkin fraudster Ode Varn to 25 years in prison for the pension scheme."
    maximum = "Judge Pell could sentence the Larkin fraudster Ode Varn to 20 years in prison for the pension scheme."
    also_given = "Judge Pell sentenced the Larkin fraudster Ode Varn to 20 years in prison for the pension scheme."
    assert _conflicts(_story(given, also_given)), "the twin must still be a conflict"
    assert not _conflicts(_story(given, maximum))


def test_a_count_of_an_earlier_year_is_no_conflict():
    now = (
        "The flood on the Lenna river displaced 6,000 residents of Port Arvel this week, the mayor said. "
        "The 2016 season was the wettest on record."
    )
    then = (
        "In 2009, the flood on the Lenna river displaced 4,000 residents of Port Arvel, the mayor said. "
        "The 2016 season was the wettest on record."
    )
    same_time = (
        "The flood on the Lenna river displaced 4,000 residents of Port Arvel this week, the mayor said. "
        "The 2016 season was the wettest on record."
    )
    assert _conflicts(_story(now, same_time)), "the twin must still be a conflict"
    assert not _conflicts(_story(now, then))


def test_a_period_bound_date_is_no_event_date():
    posted = "In an article posted Oct. 30, the actor Tam Rell accused the director Ivo Sant of harassment."
    since = "The actor Tam Rell and a dozen others have accused the director Ivo Sant of harassment since Oct. 29."
    also_posted = "In an article posted Oct. 29, the actor Tam Rell accused the director Ivo Sant of harassment."
    assert [d for d in _conflicts(_story(posted, also_posted)) if d.text.startswith("Date")], "the twin must still be a conflict"
    assert not [d for d in _conflicts(_story(posted, since)) if d.text.startswith("Date")]


def _day_rows(articles: list[Article]):
    return [d for d in _conflicts(articles) if d.text.startswith(("Day", "Time", "Start time", "End time"))]


def test_one_night_told_from_either_side_of_midnight_is_no_conflict():
    late = "The fire at the Orvin textile mill broke out late Sunday night, the fire chief said."
    early = "The fire at the Orvin textile mill broke out early Monday, the fire chief said."
    plain = "The fire at the Orvin textile mill broke out on Monday, the fire chief said."
    other = "The fire at the Orvin textile mill broke out on Sunday, the fire chief said."
    assert _day_rows(_story(other, plain)), "the twin must still be a conflict"
    assert not _day_rows(_story(late, early))


def test_clock_times_in_two_zones_are_one_moment():
    east = "The Arvel rocket lifted off from the coastal pad at 10 a.m. ET after two delays."
    west = "The Arvel rocket lifted off from the coastal pad at 7 a.m. PT after two delays."
    nine = "The Arvel rocket lifted off from the coastal pad at 9 a.m. after two delays."
    ten = "The Arvel rocket lifted off from the coastal pad at 10 a.m. after two delays."
    assert _day_rows(_story(ten, nine)), "the twin must still be a conflict"
    assert not _day_rows(_story(east, west))


def test_a_date_to_come_and_a_date_that_was_are_two_events():
    coming = "The Larkin fraudster Ode Varn will be sentenced on Monday by Judge Pell in the county court."
    was = "The Larkin fraudster Ode Varn was sentenced on Friday by Judge Pell in the county court."
    also_was = "The Larkin fraudster Ode Varn was sentenced on Monday by Judge Pell in the county court."
    assert _day_rows(_story(was, also_was)), "the twin must still be a conflict"
    assert not _day_rows(_story(coming, was))


def test_running_counts_of_two_moments_are_no_conflict():
    running = "The debut novel by Mira Osk has already sold over 40,000 copies, its tiny publisher said."
    earlier = "The debut novel by Mira Osk had sold 38,400 copies in hardback since its publication, its tiny publisher said."
    plain_a = "The debut novel by Mira Osk sold 38,400 copies in its first year, its tiny publisher said."
    plain_b = "The debut novel by Mira Osk sold 45,000 copies in its first year, its tiny publisher said."
    assert _conflicts(_story(plain_a, plain_b)), "the twin must still be a conflict"
    assert not _conflicts(_story(earlier, running))


def test_a_date_dates_the_event_of_its_own_clause():
    started = "The Alder Creek fire, which started on Sunday afternoon near the quarry, had grown to 9,000 acres."
    contained = "The Alder Creek fire had grown to 9,000 acres and was 5% contained on Tuesday, crews said."
    started_again = "The Alder Creek fire started on Tuesday afternoon near the quarry and had grown to 9,000 acres."
    assert [d for d in _conflicts(_story(started, started_again)) if d.text.startswith("Day")], "the twin must still be a conflict"
    assert not [d for d in _conflicts(_story(started, contained)) if d.text.startswith("Day")]
