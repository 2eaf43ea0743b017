"""Page furniture that must never be a difference item: notes on the report, captions, titles."""

from __future__ import annotations

import pytest

from summarizer.language.furniture import furniture_reason


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("This story was originally reported by the Larkspur Ledger.", "report note"),
        ("Correction: This article originally misspelled the mayor's name.", "report note"),
        ("Corvina Mills declined to comment for this story.", "report note"),
        ("Editor’s note: This interview has been edited for length.", "report note"),
        ("Volunteers from the valley rest beside their trucks near Larkspur on Aug. 12.", "caption"),
        ("Mayor Ines Calder speaks to reporters outside the town hall on Thursday.", "caption"),
        ("Ember Transport in Mixed Conifer Forests Under Drought Conditions.", "title"),
    ],
)
def test_furniture_says_why(sentence: str, reason: str) -> None:
    assert furniture_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The fire destroyed the old Larkspur mill on Aug. 12, officials said.",  # a past tense: news
        "Tuesday, the governor signs a bill that funds two new shelters.",  # a radio lead opens on its day
        "The mill originally stood on the river bank before it was moved in 1911.",  # "originally", no note
        "Firefighters from Pell County will rest on Thursday.",  # a modal places it in time
        "Past winners include Ines Calder, Tomas Brek and the Corvina Choir.",  # names, yet lower-case words
    ],
)
def test_news_is_not_furniture(sentence: str) -> None:
    assert furniture_reason(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "(Additional reporting by Ines Calder in Larkspur and Tomas Brek in Pell; Editing by Mara Voss)",
        "Additional reporting by Ines Calder in Larkspur.",
        "Reporting by Ines Calder and Tomas Brek; Writing by Mara Voss.",
        "Contributing: Ines Calder, the Larkspur Ledger",
        "Ledger writer Ines Calder contributed reporting from Pell.",
        "Tomas Brek in Pell contributed to this report.",
    ],
)
def test_credit_lines_are_furniture(sentence: str) -> None:
    assert furniture_reason(sentence) in ("credit", "report note")
    if "contributed to this" not in sentence:
        assert furniture_reason(sentence) == "credit"


@pytest.mark.parametrize(
    "sentence",
    [
        "According to reporting by The Larkspur Ledger, the mayor resigned in June.",  # news, sourced
        "Reporting by the Ledger found that the mill had closed twice.",  # "by the", no name
        "Crews kept reporting by radio until the fire was out.",  # "by" and no name after it
        "Contributing: poor weather slowed the crews on Tuesday.",  # no name after the colon
    ],
)
def test_reporting_in_news_is_no_credit(sentence: str) -> None:
    assert furniture_reason(sentence) != "credit"


def test_credit_line_is_no_brief_line_nor_difference() -> None:
    from summarizer import Article, build_brief

    base = (
        "The Larkspur mill burned down on Tuesday night, fire officials said. "
        "Crews from three towns fought the blaze for six hours before it was contained. "
        "No one was hurt, the fire chief said.\n\n"
    )
    articles = [
        Article(id="a", source="Ledger", text=base + "The owner said he would rebuild the mill next spring.\n\n"
                "Additional reporting by Ines Calder in Larkspur and Tomas Brek in Pell."),
        Article(id="b", source="Courier", text=base + "Contributing: Mara Voss and Olek Dunn of the Courier staff."),
        Article(id="c", source="Herald", text=base),
    ]
    brief = build_brief(articles)
    shown = [getattr(line, "text", str(line)) for line in brief.summary]
    shown += [d.text for d in brief.differences] + [d.quote or "" for d in brief.differences]
    assert not any("Calder" in t or "Voss" in t for t in shown)
