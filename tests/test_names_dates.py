"""summarizer.language.names and .dates: names and dates as printed, on invented sentences."""

from __future__ import annotations

from summarizer.language.dates import date_spans
from summarizer.language.names import is_country, is_us_state, name_kind, name_spans, strip_title


def _names(text: str) -> list[str]:
    spans = name_spans(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
    return [s.text for s in spans]


def test_names_are_capitalised_runs_with_connectors() -> None:
    assert _names("Former President Donald Trump met Acme Inc. in Des Moines.") == ["Former President Donald Trump", "Acme Inc.", "Des Moines"]
    assert "Gulf of Mexico" in _names("Storms crossed the Gulf of Mexico on Tuesday.")
    assert _names("In 2024, The New York Times reported it.") == ["The New York Times"]


def test_a_sentence_opening_function_word_and_a_possessive_are_not_part_of_a_name() -> None:
    assert _names("But Disney's lawyers said so.") == ["Disney"]
    assert "U.S." in _names("But U.S. officials disagreed.")


def test_titles_are_stripped_and_kinds_guessed() -> None:
    assert strip_title("Sen. Tammy Duckworth") == "Tammy Duckworth"
    assert strip_title("Duckworth") == "Duckworth"
    assert name_kind("Johns Hopkins University") == "org"
    assert name_kind("Gulf of Mexico") == "place"
    assert name_kind("Tammy Duckworth") == "person"
    assert is_country("Ecuador") and not is_country("Texas")
    assert is_us_state("Louisiana") and not is_us_state("Ecuador")


def test_dates_with_their_precision() -> None:
    spans = date_spans("On Oct. 13, 2024, and again in March 2025 (not in 1992), it cost $2,024.")
    assert [(d.text, d.precision) for d in spans] == [("Oct. 13, 2024", "day"), ("March 2025", "month"), ("1992", "year")]
    assert [d.text for d in date_spans("It happened on Monday, 5 January.")] == ["Monday", "5 January"]
    assert date_spans("Shares rose 2024% on 150 million trades.") == []


def test_clock_times_and_ranges() -> None:
    from summarizer.language.dates import clock_spans, month_of

    spans = clock_spans("Maria was taken between 6:45 and 7 p.m., police said; the call came at 6:57 p.m.")
    assert [(c.text, c.minutes, c.role) for c in spans] == [("6:45", 1125, "from"), ("7 p.m.", 1140, "to"), ("6:57 p.m.", 1137, "at")]
    assert [c.minutes for c in clock_spans("at 10:30 a.m. and again at noon")] == [630, 720]
    assert clock_spans("He scored 7 points in 45 minutes.") == []
    assert [month_of(x) for x in ("May 2012", "Sept. 5", "April", "Mayor")] == [5, 9, 4, None]


def test_given_name_before_and_after_a_surname():
    from summarizer.language.names import given_name_after, given_name_before

    assert given_name_before("The driver, Brenda Smith, ") == "brenda"
    assert given_name_before("The driver, Clinton Preston Smith, ") == "clinton"
    assert given_name_before("The driver, Acme Widgets, ") is None  # no given name opens it
    text = "the 67-year-old retired teacher Clinton Smith said"
    assert given_name_after(text, text.index("-year-old") + len("-year-old")) == "clinton"
    assert given_name_after("a 5-year-old boy ran", 9) is None
