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
