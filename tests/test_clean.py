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


def test_photo_captions_and_credits_are_dropped_anywhere():
    raw = (
        "The mayor opened the bridge on Friday.\n\n"
        "Crowds line the river bank on Friday. Photograph: Ana Ruiz for the Daily Ledger\n\n"
        "Traffic is expected to ease within weeks, engineers said.\n\n"
        "Photo: City Pictures / Tom Roe\n\n"
        "The bridge cost $40 million.\n\n"
        "Workers fit the last beam in May. (AP Photo/Jane Doe)\n\n"
        "Photo by Sam Lee\n\n"
        "It took three years to build."
    )
    assert clean_article(raw).text == (
        "The mayor opened the bridge on Friday.\n\nTraffic is expected to ease within weeks, engineers said.\n\n"
        "The bridge cost $40 million.\n\nIt took three years to build."
    )


def test_sentences_about_photos_are_kept():
    raw = (
        "Pictures by Monet were stolen from the museum on Tuesday.\n\n"
        "The photo by a passer-by showed the thieves, police said.\n\n"
        "Image rights were sold for $2 million."
    )
    assert clean_article(raw).text == raw


def test_byline_with_a_title_under_the_headline_becomes_metadata():
    raw = (
        "TOWN HALL SHOCK! Council axes summer fair after 40 years\n\n"
        "By Jane Doe, Chief Reporter\n\n"
        "The council voted on Monday to scrap the summer fair, ending a 40-year tradition."
    )
    cleaned = clean_article(raw)
    assert cleaned.text == "The council voted on Monday to scrap the summer fair, ending a 40-year tradition."
    assert cleaned.byline == "Jane Doe"
    assert cleaned.title.startswith("TOWN HALL SHOCK!")


def test_byline_shapes():
    for line, name in [
        ("By Jane Doe | Staff Writer", "Jane Doe"),
        ("BY JANE DOE AND JOHN ROE", "Jane Doe And John Roe"),
        ("By Jane Doe in Lisbon", "Jane Doe"),
        ("By The Associated Press", "The Associated Press"),
    ]:
        cleaned = clean_article(f"{line}\n\nThe council voted on Monday to scrap the fair.")
        assert (cleaned.byline, cleaned.text) == (name, "The council voted on Monday to scrap the fair.")


def test_sentences_opening_with_by_are_kept():
    raw = "By Tuesday, crews had contained the fire.\n\nBy the time help came, the barn was gone."
    assert clean_article(raw).text == raw


def test_related_link_lines_are_dropped_even_mid_article():
    raw = (
        "The strike entered its third day.\n\n"
        "Related: Why the dockers walked out\n\n"
        "Ships queued outside the port.\n\n"
        "READ MORE: Port strike timeline\n\n"
        "Related talks with the ferry union were postponed."
    )
    assert clean_article(raw).text == (
        "The strike entered its third day.\n\nShips queued outside the port.\n\n"
        "Related talks with the ferry union were postponed."
    )


def test_newsletter_and_subscription_promos_at_the_end_are_dropped():
    body = "The strike entered its third day.\n\nShips queued outside the port.\n\nTalks resume on Monday."
    for promo in (
        "Get our Harbour Weekly newsletter: shipping news and analysis, every Friday.",
        "Port Daily Briefing: the best of our shipping coverage every morning. Subscribe free.",
        "Get the biggest stories straight to your inbox - sign up to the Morning Bulletin today!",
        "You have 2 free articles left this month.",
    ):
        assert clean_article(f"{body}\n\n{promo}").text == body, promo


def test_last_sentences_mentioning_newsletters_or_signing_up_are_kept():
    raw = (
        "The strike entered its third day.\n\nShips queued outside the port.\n\n"
        "The union told members in its newsletter that talks would resume.\n\n"
        "Officials urged dock workers to sign up.\n\n"
        'The mayor told the briefing: "We will not give up."'
    )
    assert clean_article(raw).text == raw


def test_known_headline_repeated_or_glued_at_the_top_is_cut():
    headline = "Council scraps summer fair after 40 years; traders want answers"
    body = "The council voted on Monday to scrap the summer fair, ending a 40-year tradition."
    repeated = clean_article(f"{headline}\n\n{body}", [headline])
    glued = clean_article(f"{headline} {body}", [headline])
    assert repeated.text == glued.text == body
    # The headline's words inside the story stay.
    other = "Traders want answers. Council scraps summer fair after 40 years; traders want answers, one said."
    assert clean_article(other, [headline]).text == other


def test_headline_merely_extended_is_not_cut_mid_line():
    cleaned = clean_article(
        "Council scraps fair after 40 years of music\n\nThe council voted on Monday to scrap the fair.",
        ["Council scraps fair"],
    )
    assert cleaned.text == "The council voted on Monday to scrap the fair."
    assert cleaned.title == "Council scraps fair after 40 years of music"


def test_kicker_and_headline_above_the_story():
    cleaned = clean_article("Business\nLumber prices hit a two-year low\n\nLumber futures fell 4% on Tuesday.")
    assert cleaned.text == "Lumber futures fell 4% on Tuesday."
    assert cleaned.title == "Lumber prices hit a two-year low"


def test_metadata_lines_become_the_date():
    for header, day in [
        ("**Harbour Weekly** | Shipping | March 3, 2025", date(2025, 3, 3)),
        ("3 March 2025", date(2025, 3, 3)),
        ("Updated March 3, 2025 6:14 PM PDT", date(2025, 3, 3)),
        ("Published: 2025-03-03T08:15:00+00:00", date(2025, 3, 3)),
    ]:
        cleaned = clean_article(f"{header}\n\nShips queued outside the port on Monday.")
        assert (cleaned.published, cleaned.text) == (day, "Ships queued outside the port on Monday."), header


def test_hard_wrapped_first_sentence_is_not_taken_for_a_headline():
    raw = "The council voted on Monday to scrap the\nsummer fair, ending a 40-year tradition.\n\nTraders were angry."
    cleaned = clean_article(raw)
    assert cleaned.title is None
    assert cleaned.text.startswith("The council voted on Monday to scrap the summer fair")


def test_lines_opening_with_follow_are_story_text_unless_a_social_prompt():
    raw = "Follow-up talks are set for May.\n\nShips queued outside the port.\n\nFollow us on X for updates"
    assert clean_article(raw).text == "Follow-up talks are set for May.\n\nShips queued outside the port."


def test_social_prompts_update_notes_and_a_lone_by_line():
    raw = (
        "By\nJane Doe\n\nShips queued outside the port.\n\nTalks resume on Monday.\n\n"
        "(This story has been updated with comments from the union.)\n\n"
        "Follow J. Doe on Twitter and Instagram.\n\nRead more:"
    )
    cleaned = clean_article(raw)
    assert cleaned.text == "Ships queued outside the port.\n\nTalks resume on Monday."
    assert cleaned.byline == "Jane Doe"


def test_only_a_short_kicker_may_stand_above_the_headline():
    """Two summary lines at the top: the first is taken for the headline, the second is text."""
    raw = (
        "Story highlights The pump failed overnight\n\n"
        "A spacewalk could be needed, but it is too soon to tell\n\n"
        "NASA scaled back work on the station on Wednesday."
    )
    assert clean_article(raw).text.startswith("A spacewalk could be needed")


def test_a_reader_revenue_pitch_at_the_end_is_dropped_but_news_about_one_is_kept():
    raw = (
        "The museum will put the skeleton on display next year.\n\n"
        "Scientists plan to return to the cliffs in spring.\n\n"
        "Harbor Science News is free to read. Get the Harbor Weekly newsletter every Friday."
    )
    text = clean_article(raw).text
    assert "free to read" not in text and "newsletter" not in text
    assert "return to the cliffs" in text
    middle = "\n\n".join(
        [
            "The paper changed its business model on Monday.",
            "Its owner said print sales had halved in five years.",
            "The paper said its archive would remain free to read for students, the editor told staff.",
            "Staff will vote on the plan next week.",
            "The union has asked for talks.",
            "Advertisers were told in a letter.",
            "The first new edition appears in May.",
        ]
    )
    assert "remain free to read for students" in clean_article(middle).text  # news in the middle is kept
