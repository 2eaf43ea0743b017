"""Cleaning real-world article text: headers to metadata, boilerplate out, story text kept."""

from __future__ import annotations

from datetime import date

from summarizer.clean import clean_article, parse_date


def test_date_header_glued_to_first_sentence_becomes_metadata():
    cleaned = clean_article(" date 2025-05-15 President Smith asked for help.\n\nMore text here.")
    assert cleaned.published == date(2025, 5, 15)
    assert cleaned.text.startswith("President Smith asked for help.")
    assert "2025-05-15" not in cleaned.text


def test_title_and_byline_headers():
    cleaned = clean_article("Title: Storm hits coast\nBy Jane Doe\n\nThe storm hit the coast on Monday.")
    assert (cleaned.title, cleaned.byline) == ("Storm hits coast", "Jane Doe")
    assert cleaned.text == "The storm hit the coast on Monday."


def test_trailing_byline_bio_and_copyright_are_dropped():
    raw = (
        "The council approved the budget on Tuesday.\n"
        "Michael Katz ✉\n"
        "Michael Katz is a Newsmax reporter with more than 30 years of experience.\n"
        "© 2025 Newsmax. All rights reserved."
    )
    cleaned = clean_article(raw)
    assert cleaned.text == "The council approved the budget on Tuesday."
    assert cleaned.byline == "Michael Katz"


def test_credits_and_prompts_are_dropped():
    raw = "Rates rose by a quarter point.\nReporting by Ann Lee; Editing by Tom Roe\nSign up for our newsletter\nAdvertisement"
    assert clean_article(raw).text == "Rates rose by a quarter point."


def test_story_sentences_that_mention_reporters_are_kept():
    raw = "The reporter was detained for two days.\nShe is a reporter with the Gazette, her editor said."
    assert clean_article(raw).text == raw.replace("\n", "\n\n")


def test_short_first_line_is_the_headline():
    cleaned = clean_article("Fire forces thousands to flee\nA wildfire forced 12,000 people from their homes.")
    assert cleaned.title == "Fire forces thousands to flee"
    assert cleaned.text == "A wildfire forced 12,000 people from their homes."


def test_stray_characters_removed():
    assert clean_article("Officials\u200b agreed \ufffdtoday.").text == "Officials agreed today."


def test_parse_date_formats():
    assert parse_date("2025-05-15") == date(2025, 5, 15)
    assert parse_date("May 15, 2025") == date(2025, 5, 15)
    assert parse_date("15 May 2025") == date(2025, 5, 15)
    assert parse_date("Sept. 3, 2024") == date(2024, 9, 3)
    assert parse_date("2025-13-45") is None
    assert parse_date("soon") is None


def test_seed_boilerplate_is_gone(seed_articles):
    for article in seed_articles:
        assert "All rights reserved" not in article.text
        assert "✉" not in article.text
        assert not article.text.lower().startswith("date ")
        assert "reporter with more than 30 years" not in article.text


def test_edge_bio_contact_and_promotions_are_dropped():
    raw = (
        "The fire grew overnight, officials said.\n\n"
        "Jenna Morales covers Alder County for the Valley Record. Reach her at jm@valley.example.\n\n"
        "Stay with KSUN News for live updates, and download the KSUN app for alerts."
    )
    assert clean_article(raw).text == "The fire grew overnight, officials said."


def test_promotion_words_in_the_middle_of_a_story_stay():
    raw = (
        "Residents were told to stay with relatives.\n\nThe reporter who covers the county was there.\n\n"
        "Crews worked all night.\n\nThe fire was contained.\n\nRoads reopened.\n\nSchools stay closed."
    )
    assert clean_article(raw).text == raw
