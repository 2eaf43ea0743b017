"""Figures: numbers as printed, with qualifier, unit and what they count; same-quantity test."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.language.quantities import (
    Figure,
    counts_stems,
    extract_figures,
    qualifier_class,
    same_quantity,
    vague_range,
    values_compatible,
)
from summarizer.language import split_sentences

STORIES = Path(__file__).resolve().parent / "data" / "stories"


def only(sentence: str) -> Figure:
    figures = [f for f in extract_figures(sentence) if f.unit != "year"]
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "qualifier", "counts"),
    [
        ("DHS asked for more than 20,000 National Guard troops to help.", "more than 20,000", 20000, None, "more than", "National Guard troops"),
        ("The firm has 20 thousand employees.", "20 thousand", 20000, None, None, "employees"),
        ("The city spent $1.5 million on repairs.", "$1.5 million", 1.5e6, "$", None, None),
        ("Two officials spoke on condition of anonymity.", "Two", 2, None, None, "officials"),
        ("A dozen protesters gathered outside.", "A dozen", 12, None, None, "protesters"),
        ("Migrants will be offered $1,000 and free travel.", "$1,000", 1000, "$", None, None),
        ("Nearly 95% of voters backed it.", "Nearly 95%", 95, "%", "nearly", "voters"),
        ("Turnout rose 99.5 percent in the county.", "99.5 percent", 99.5, "%", None, "Turnout"),
        ("Yields fell 0.25 percentage points.", "0.25 percentage points", 0.25, "percentage points", None, "Yields"),
        ("The bank cut rates by a quarter point.", "a quarter point", 0.25, "percentage points", None, None),
        ("The bank cut rates by 25 basis points.", "25 basis points", 0.25, "percentage points", None, None),
        ("The division has a little over 6,000 officers.", "a little over 6,000", 6000, None, "a little over", "officers"),
        ("ICE has about 20,000 staff nationwide.", "about 20,000", 20000, None, "about", "staff"),
        ("The order adds no less than 20,000 officers.", "no less than 20,000", 20000, None, "no less than", "officers"),
        ("Roughly 10,000 troops are already stationed along the border.", "Roughly 10,000", 10000, None, "roughly", "troops"),
        ("Police arrested over 1,000 illegal immigrants in Florida.", "over 1,000", 1000, None, "over", "illegal immigrants"),
        ("Illegal border crossings are down 99% this year.", "99%", 99, "%", None, "Illegal border crossings"),
        ("The White House boasted a 95% reduction in illegal border crossings.", "95%", 95, "%", None, "illegal border crossings"),
        ("Unemployment is nearly 5%, the agency said.", "nearly 5%", 5, "%", "nearly", "Unemployment"),
        ("Gusts of up to 45 mph pushed embers across the road.", "up to 45 mph", 45, "mph", "up to", "Gusts"),
        ("The fire burned 18,400 acres by Tuesday.", "18,400 acres", 18400, "acres", None, None),
        ("It came just 7,700 employees short.", "just 7,700", 7700, None, "just", "employees"),
    ],
)
def test_reads_figures_as_printed(sentence, text, value, unit, qualifier, counts):
    fig = only(sentence)
    assert (fig.text, fig.value, fig.unit, fig.qualifier, fig.counts) == (text, value, unit, qualifier, counts)
    assert sentence[fig.start:fig.end] == fig.text


def test_years_are_dates_not_counts():
    figures = extract_figures("The last time was during the 1992 Los Angeles riots, and again in 2024.")
    assert [(f.number_text, f.unit) for f in figures] == [("1992", "year"), ("2024", "year")]
    assert all(f.counts is None for f in figures)
    # a four-digit number followed by a plural noun is a count
    assert only("About 2000 troops arrived.").unit is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting starts at 5 p.m. on May 15.",
        "They met at 6:30 in the 3rd round.",
        "COVID-19 hit the F-35 programme under Section 230.",
    ],
)
def test_times_days_ordinals_and_codes_are_not_figures(sentence):
    assert extract_figures(sentence) == []


def test_qualifiers_of_one_class_say_the_same():
    assert qualifier_class("about") == qualifier_class("approximately") == qualifier_class("roughly")
    assert qualifier_class("more than") == qualifier_class("over") == qualifier_class("a little over")
    assert qualifier_class(None) != qualifier_class("more than")
    assert qualifier_class("at least") != qualifier_class("up to")


def _same(s1: str, s2: str, i: int = 0, j: int = 0) -> bool:
    return same_quantity(extract_figures(s1)[i], s1, extract_figures(s2)[j], s2)


def test_troops_and_members_of_one_request_are_one_quantity():
    assert _same(
        "The Department of Homeland Security has asked the Pentagon for 20,000 National Guard troops to help with roundups.",
        "The Department of Homeland Security has asked the Pentagon for more than 20,000 National Guard members to assist.",
    )


def test_a_changed_share_reported_differently_is_one_quantity():
    assert _same(
        "The White House claims a 95% reduction in illegal border crossings.",
        "Officials told lawmakers that illegal border crossings are down 99% in four months.",
    )


def test_different_quantities_sharing_a_noun_are_kept_apart():
    request = "The Department of Homeland Security asked the Pentagon for 20,000 National Guard troops."
    # troops already deployed: same noun, different fact, value far apart
    assert not _same(request, "Roughly 10,000 troops are already stationed along the border under state authority.")
    # same value, different thing counted
    assert not _same(request, "ICE has about 20,000 staff nationwide.")
    assert not _same(request, "Trump asked DHS to add no less than 20,000 officers from other agencies.")
    # same noun, values too far apart to be one number misreported
    assert not _same("The division has a little over 6,000 officers.", "The order adds 20,000 officers to the force.")


def test_units_must_match():
    assert not _same("Prices rose 5% last year.", "Prices rose by $5 last year.")
    assert not _same("The drought lasted 24 months.", "The drought lasted two years.")


def test_real_articles_yield_consistent_spans(seed_articles):
    from bot.loaders import load_path

    articles = list(seed_articles)
    if STORIES.is_dir():
        for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()):
            articles += load_path(folder)
    total = 0
    for article in articles:
        for sentence in split_sentences(article.text):
            for fig in extract_figures(sentence):
                total += 1
                assert sentence[fig.start:fig.end] == fig.text
                assert fig.number_text.lower() in fig.text.lower() or fig.unit == "percentage points"
                assert fig.value >= 0
    assert total > 50


def test_odd_text_does_not_break_it():
    for text in ["", "...", "1,2,3,4,5", "$", "%%%", "9" * 400, "one two three " * 200, "１２３ ٣٤٥"]:
        extract_figures(text)


# --------------------------------------------------------------------------- vague quantities and shares


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "qualifier", "counts"),
    [
        ("Dozens of homes have burned.", "Dozens", 24, None, None, "homes"),
        ("The ruling covers tens of thousands of drivers in the state.", "tens of thousands", 20000, None, None, "drivers"),
        ("It could cost hundreds of millions of dollars.", "hundreds of millions of dollars", 2e8, "$", None, None),
        ("The firm is laying off nearly a fifth of its staff.", "nearly a fifth", 20, "%", "nearly", "staff"),
        ("Two-thirds of voters backed the measure.", "Two-thirds", 66.67, "%", None, "voters"),
    ],
)
def test_reads_vague_quantities_and_shares_when_asked(sentence, text, value, unit, qualifier, counts):
    figures = extract_figures(sentence, vague=True)
    assert len(figures) == 1, figures
    fig = figures[0]
    assert (fig.text, fig.value, fig.unit, fig.qualifier, fig.counts, fig.vague) == (text, value, unit, qualifier, counts, True)
    assert sentence[fig.start:fig.end] == fig.text
    # callers that quote a count (question answering) do not get them unless they ask
    assert extract_figures(sentence) == []


@pytest.mark.parametrize(
    "sentence, with_vague, without",
    [
        ("Hundreds of homes burned and 12 people died.", ["Hundreds", "12"], ["12"]),
        ("Tens of thousands of dollars went to 30 families.", ["Tens of thousands of dollars", "30"], ["30"]),
        # a vague figure that reads a unit past its match ("dozens-year-old"): the scan without
        # vague figures takes its own path, and must still find the count after it
        ("They felled dozens-year-old oaks and 5 men were hurt.", ["dozens-year-old", "5"], ["5"]),
    ],
)
def test_figures_without_vague_ones_are_the_same_figures_minus_the_vague(sentence, with_vague, without):
    assert [f.text for f in extract_figures(sentence, vague=True)] == with_vague
    assert [f.text for f in extract_figures(sentence)] == without
    precise = [f for f in extract_figures(sentence, vague=True) if not f.vague]
    assert extract_figures(sentence) == precise


def test_fractions_of_a_percent_are_precise_amounts():
    fig = only("The krone fell about half a percent against the euro.")
    assert (fig.text, fig.value, fig.unit, fig.qualifier, fig.vague) == ("about half a percent", 0.5, "%", "about", False)
    assert only("Yields rose a quarter of a percentage point.").value == 0.25


@pytest.mark.parametrize(
    "sentence",
    [
        "Inflation should reach the target in the second half of 2026.",
        "The court ruled 5-2 against the company.",
        "Half of an hour later the road reopened.",
    ],
)
def test_periods_votes_and_fractions_of_units_are_not_shares(sentence):
    assert [f for f in extract_figures(sentence, vague=True) if f.unit not in ("year", "vote")] == []


def test_a_vague_quantity_agrees_with_the_counts_in_its_range():
    dozens = extract_figures("Dozens of homes burned.", vague=True)[0]
    fifth = extract_figures("It cut nearly a fifth of its staff.", vague=True)[0]
    assert values_compatible(dozens, only("Officials counted 37 homes."))
    assert not values_compatible(dozens, only("Officials counted 300 homes."))
    assert values_compatible(fifth, only("It cut about 18% of its workforce."))
    assert not values_compatible(fifth, only("It cut about 40% of its workforce."))
    lo, hi = vague_range(dozens)
    assert lo <= 37 <= hi and vague_range(only("Officials counted 37 homes.")) == (37, 37)


def test_subjects_of_changes_keep_their_head():
    assert counts_stems(only("Shares of Lumora fell 14% in early trading.")) == ("lumora", "share")
    assert only("Lumora stock closed down 13.6% on Tuesday.").counts == "Lumora stock"
    assert only("The firm could owe up to $310 million in unpaid wages.").counts == "unpaid wages"
    assert only("The forecast calls for gusts of up to 45 miles per hour.").counts == "gusts"


def test_different_words_for_what_is_counted_are_one_quantity_when_the_sentences_agree():
    # the other sentence names this head beside its own figure
    assert _same("About 1,350 personnel were assigned to the fire.",
                 "About 1,350 firefighters and support personnel are now on the fire.")
    assert _same("Gusts of up to 45 mph pushed embers across the highway.",
                 "Winds gusting to 50 mph have hurled embers across roads.")
    # one governing verb
    assert _same("More than 1,200 firefighters were assigned to the blaze.", "About 1,350 personnel were assigned to the fire.")
    # neither: different heads, different verbs
    assert not _same("The company will hire 1,200 engineers next year.", "The company will cut 1,300 jobs next year.")
    assert not _same("About 1,350 personnel were assigned to the fire.", "More than 1,300 homes were evacuated near the fire.")


# --------------------------------------------------------------------------- subjects before a clause


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Core inflation, which excludes food and energy, was 3.1% in October.", "Core inflation"),
        ("Headline inflation eased, while core inflation, which strips out fuel, stood at 3.1 per cent.", "core inflation"),
        ("Unemployment stood at 4.9 per cent in July.", "Unemployment"),
        ("The main passageway to the port has seen traffic drop 99.5% since March.", "traffic"),
        ("Unemployment, the agency said, stood at 4.9 per cent.", "Unemployment"),
        ("The jobless rate — a closely watched gauge — was 4.9%.", "jobless rate"),
        ("In August, inflation was 3%.", "inflation"),
    ],
)
def test_the_subject_before_a_clause_or_an_aside_is_what_is_measured(sentence, counts):
    assert only(sentence).counts == counts


def test_a_comma_that_opens_no_clause_is_not_skipped():
    # the comma before the verb ends a list, not an aside: the words before it are no subject
    assert only("Prices rose in May, June and July, reaching 3% by August.").counts is None
    assert only("By Friday, officials had counted 40 homes.").counts == "homes"


# --------------------------------------------------------------------------- votes, scores and ranges


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The board voted 5-2 to approve the plan.", "5-2"),
        ("The decision was not unanimous: the committee voted 5-2.", "5-2"),
        ("In a 6-3 ruling, the justices sided with the drivers.", "6-3"),
        ("The court has a 6-3 conservative majority.", "6-3"),
        ("The Senate confirmed her by a vote of 52 to 48.", "52 to 48"),
        ("Arsenal lost 2–1 to Chelsea on Sunday.", "2–1"),
        ("The House passed the bill 220-207.", "220-207"),
    ],
)
def test_votes_and_scores_are_one_figure_kept_as_printed(sentence, text):
    figures = extract_figures(sentence)
    assert [(f.text, f.number_text, f.unit) for f in figures] == [(text, text, "vote")]
    assert sentence[figures[0].start:figures[0].end] == text


def test_votes_compare_by_their_tally():
    a = extract_figures("The board voted 5-2 to approve the plan.")[0]
    b = extract_figures("In a 5–2 vote, the board approved the plan.")[0]
    c = extract_figures("The board voted 4-3 to approve the plan.")[0]
    assert a.value == b.value != c.value
    assert values_compatible(a, c)  # one vote reported two ways is a disagreement, not two facts
    assert not same_quantity(a, "The board voted 5-2 to approve the plan.",
                             only("The board has 5 members."), "The board has 5 members.")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "upper", "unit", "counts"),
    [
        ("Winds of 10-15 mph are expected tonight.", "10-15 mph", 10, 15, "mph", "Winds"),
        ("Between 10-15% of voters are undecided.", "10-15%", 10, 15, "%", "voters"),
        ("The project will cost $1-2 billion.", "$1-2 billion", 1e9, 2e9, "$", None),
        ("About 10-15 people were hurt.", "About 10-15", 10, 15, None, "people"),
        ("Expect 1.5-2 inches of rain by Sunday.", "1.5-2 inches", 1.5, 2, "inches", "rain"),
        ("The inventory is estimated at 2,500 to 5,000 tons.", "2,500 to 5,000 tons", 2500, 5000, "tons", "inventory"),
    ],
)
def test_ranges_are_one_figure_with_both_ends(sentence, text, value, upper, unit, counts):
    fig = only(sentence)
    assert (fig.text, fig.value, fig.upper, fig.unit, fig.counts) == (text, value, upper, unit, counts)
    assert sentence[fig.start:fig.end] == fig.text
    assert vague_range(fig) == (value, upper)


def test_ranges_are_not_votes_and_year_spans_stay_years():
    assert [(f.number_text, f.unit) for f in extract_figures("Data from 2019-2021 show a rise.")] == [
        ("2019", "year"), ("2021", "year")]
    assert extract_figures("Children aged 5-11 can now get the shot.") == []  # no unit, no vote: not guessed
    assert extract_figures("The full text is dated 2025-05-15.") == []  # a date, not "05-15"
    # a change from one level to another is two figures, not a range
    assert [f.text for f in extract_figures("Rates rose from 3 to 5 percent.")] == ["3", "5 percent"]
    gusts = only("Winds of 10-15 mph are expected tonight.")
    assert values_compatible(gusts, only("Winds of 12 mph are expected."))
    assert not values_compatible(gusts, only("Winds of 40 mph are expected."))


# --------------------------------------------------------------------------- part of a whole


@pytest.mark.parametrize(
    ("sentence", "text", "value", "out_of", "counts"),
    [
        ("The cut was expected by 14 of 20 economists polled last week.", "14 of 20", 14, 20, "economists"),
        ("Two of the five justices dissented.", "Two of the five", 2, 5, "justices"),
        ("The court reversed 8 of the 11 cases it heard.", "8 of the 11", 8, 11, "cases"),
    ],
)
def test_a_part_of_a_whole_is_one_figure(sentence, text, value, out_of, counts):
    fig = only(sentence)
    assert (fig.text, fig.value, fig.out_of, fig.counts) == (text, value, out_of, counts)
    assert sentence[fig.start:fig.end] == fig.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Only 5 of 2024's new cars were electric.",  # a year, not a whole
        "Rates rose 3 of 20 percent.",  # no count of anything
        "He named 20 of 14 officials.",  # the part cannot exceed the whole
    ],
)
def test_not_every_of_makes_a_part_of_a_whole(sentence):
    assert all(f.out_of is None for f in extract_figures(sentence))


# --------------------------------------------------------------------------- numbers inside names


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Voters approved Proposition 22 in 2020.", ["2020"]),
        ("They drove along Route 66 for 300 miles.", ["300 miles"]),
        ("Splatoon 2 sold 13 million copies.", ["13 million"]),
        ("Apollo 11 landed on the moon.", []),
        ("Section 230 protects platforms.", []),
        ("The iPhone 11 costs $699.", ["$699"]),
    ],
)
def test_a_number_in_a_name_is_not_a_count(sentence, kept):
    assert [f.text for f in extract_figures(sentence)] == kept


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Another 50 people were hurt.", "50"),
        ("Among 41 patients tested, 17 were positive.", "41"),
        ("On Tuesday 14 people were hurt.", "14"),
        ("Storm Kills 12 In Florida Beach Town", "12"),  # a headline capitalises its verbs
    ],
)
def test_a_capitalised_word_that_is_no_name_keeps_the_count(sentence, text):
    assert text in [f.text for f in extract_figures(sentence)]


# --------------------------------------------------------------------------- claims, claimants, two quantities


def _fig(text: str):
    from summarizer.language.quantities import extract_figures

    return extract_figures(text, vague=True)[0]


def test_claims_agree_when_both_statements_can_be_true() -> None:
    from summarizer.language.quantities import claims_agree

    assert claims_agree(_fig("20,000 troops"), _fig("more than 20,000 troops"))
    assert claims_agree(_fig("about 65 miles"), _fig("about 70 miles"))
    assert claims_agree(_fig("$964,502"), _fig("almost $1 million"))
    assert not claims_agree(_fig("95%"), _fig("99%"))
    assert not claims_agree(_fig("$972,815"), _fig("$972,814"))  # exact figures a dollar apart
    assert not claims_agree(_fig("30 people"), _fig("35 people"))


def test_the_claimant_is_who_the_sentence_says_gives_the_figure() -> None:
    from summarizer.language.quantities import figure_claimant

    cases = {
        "Nevertheless, the White House claims progress, boasting a 95% reduction in crossings.": "the White House",
        "Four demonstrators were arrested, Police said.": "police",
        "There have been 50 cases this year, the Centers for Disease Control and Prevention reported.":
            "the Centers for Disease Control and Prevention",
        "Now Forbes listed Ross with a net worth of $1.7 billion.": "Forbes",
        "About 300 people were killed in the attack.": None,
        # who said it, set off by what it is, before the saying verb
        "In all, 41 boats sank in the gale, the Tidewater Courier, a weekly paper, reported on Monday.":
            "the Tidewater Courier",
        # the word that says whose officials they are belongs to who says it; a function word does not
        "The ferry carried 214 passengers, port officials said.": "port officials",
        "The ferry carried 214 passengers, and officials said.": "officials",
        "The ferry carried 214 passengers, officials said.": "officials",
    }
    for sentence, who in cases.items():
        assert figure_claimant(_fig(sentence), sentence) == who, sentence


def test_figures_of_other_places_events_periods_or_parts_are_two_quantities() -> None:
    from summarizer.language.quantities import quantity_similarity

    pairs = [
        ("Winds reached 60 mph in Boston on Monday.", "Winds reached 62 mph in Denver on Monday."),
        ("The strike wounded 12 soldiers near the base.", "Another strike wounded 15 soldiers near the base."),
        ("The agency confirmed 121 cases in 2014.", "The agency confirmed 120 cases between August and December."),
        ("The bill includes about $865,000 in witness fees.", "The bill came to $972,815 in witness fees."),
        # counted nouns "of" different things: two kinds of charge, however alike the sentences
        (
            "Prosecutors charged Jones with 2 counts of robbery after the break-in.",
            "Jones also faces 3 charges of disobeying a court order, prosecutors said after the break-in.",
        ),
    ]
    for a, b in pairs:
        assert quantity_similarity(_fig(a), a, _fig(b), b) == 0.0, (a, b)
    # the same "of" is one quantity told two ways
    a, b = "Jones faces 2 counts of robbery, prosecutors said.", "Prosecutors filed 3 charges of armed robbery against Jones."
    assert quantity_similarity(_fig(a), a, _fig(b), b) > 0.0
    a, b = "The firm is seeking $972,815 in costs.", "The company asked for $972,814 in legal costs."
    assert quantity_similarity(_fig(a), a, _fig(b), b) == 1.0  # a misprint of one exact figure


def test_two_units_of_one_length_are_compared_converted():
    from summarizer.language.quantities import (
        base_unit, claims_agree, in_base_unit, is_conversion_aside, one_value_told_two_ways, quantity_similarity, values_compatible,
    )

    a = "The hiker fell 60 feet from a ledge on Mount Carrow, rangers said."
    b = "The hiker fell 25 meters from a ledge on Mount Carrow, rangers said."
    c = "The hiker fell 18 meters from a ledge on Mount Carrow, rangers said."
    fa, fb, fc = extract_figures(a)[0], extract_figures(b)[0], extract_figures(c)[0]
    assert base_unit(fa.unit) == base_unit(fb.unit) == "m" and base_unit("%") == "%"
    assert abs(in_base_unit(fa).value - 18.288) < 1e-6
    assert quantity_similarity(fa, a, fb, b) >= 0.5 and values_compatible(fa, fb)
    assert not claims_agree(fa, fb)  # 18.3 m is not 25 m
    assert claims_agree(fa, fc)  # 60 feet is 18 m as printed
    assert one_value_told_two_ways([fa, fc])
    # a length and a weight never compare
    d = "The hiker carried 60 pounds up Mount Carrow, rangers said."
    assert quantity_similarity(fa, a, extract_figures(d)[0], d) == 0.0
    # "30ft (9 metres)": the bracketed figure restates the one before it; "30ft" is in feet
    s = "She fell 30ft (9 metres) down a vertical cliff."
    figures = extract_figures(s)
    assert [f.unit for f in figures] == ["feet", "m"]
    assert [is_conversion_aside(f, s, figures) for f in figures] == [False, True]
    t = "She fell 30ft and then slid another 9 metres down the scree."
    assert not any(is_conversion_aside(f, t, extract_figures(t)) for f in extract_figures(t))
