"""Figures: the numbers an article prints, with what they count. Basis of the figures ledger.

CONTRACT (used by differences.py and qa.py):

    extract_figures("DHS asked for more than 20,000 National Guard troops.")
    -> [Figure(value=20000.0, text="more than 20,000", number_text="20,000", unit=None,
               qualifier="more than", counts="National Guard troops", start=..., end=...)]
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    value: float  # normalised: 20000.0 for "20,000" or "20 thousand"; 95.0 for "95%"; 1000.0 for "$1,000"
    text: str  # as printed, with its qualifier: "more than 20,000", "$1,000", "95%"
    number_text: str  # the number alone as printed: "20,000"
    unit: str | None  # "%", "$", "km", "years", ... None when the figure is a plain count
    qualifier: str | None  # "more than", "about", "nearly", "at least", "up to", ... or None
    counts: str | None  # what is counted/measured, a short noun phrase: "National Guard troops"
    start: int  # span of ``text`` within the sentence
    end: int


def extract_figures(sentence: str) -> list[Figure]:
    """PLACEHOLDER: returns nothing until implemented."""
    return []
