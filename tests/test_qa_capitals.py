"""Capitalised words that name no one (round 7b).

- One capitalised word of no known sort that its article also prints in lower case is a common
  word set in capitals (a quoted law's "Federal officers"), not a name candidate.

All text is invented.
"""

from __future__ import annotations

from summarizer.language.words import lower_case_words
from summarizer.model import Article
from summarizer.qa import QAIndex


def test_lower_case_words_are_those_printed_in_lower_case() -> None:
    seen = lower_case_words("Former Federal officers joined. Other federal agencies helped Ida-Marie.")
    assert "federal" in seen and "agencies" in seen
    assert "former" not in seen and "ida" not in seen and "marie" not in seen


def test_a_capitalised_common_word_in_a_quoted_law_is_no_name() -> None:
    text = (
        'The council directed Mayor Ida Renn to "hire and train State and local wardens, former Federal '
        'rangers and other personnel to expand the Park Service." Two federal rangers resigned last year.'
    )
    answer, ranking = QAIndex([Article("a1", "Outlet A", text)]).explain("Who did the council direct to hire wardens?")
    keys = {g.key for g in ranking.groups} if ranking else set()
    assert "federal" not in keys  # printed in lower case in the same article
    assert "state" in keys  # never printed in lower case here: still offered
