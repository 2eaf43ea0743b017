"""Capitalised words that name no one, and titled names that name a person (round 7b).

- One capitalised word of no known sort that its article also prints in lower case is a common
  word set in capitals (a quoted law's "Federal officers"), not a name candidate.
- A capitalised run ending in a title and a person's full name names that person.

All text is invented.
"""

from __future__ import annotations

from summarizer.language.words import lower_case_words
from summarizer.model import Article
from summarizer.qa import QAIndex
from summarizer.qa.candidates import _titled_person, sentence_candidates
from summarizer.qa.question import analyse


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


def test_a_title_and_a_full_name_name_a_person() -> None:
    assert _titled_person("Harbour Board Secretary Maria Lind") == "Maria Lind"
    assert _titled_person("Harbour Board Secretary") is None
    assert _titled_person("Secretary Maria Lind") is None  # a title opening the run is strip_title's
    question = analyse("Who did the board appoint?")
    shapes = {c.text: c.shape for c in sentence_candidates("The board appointed Harbour Board Secretary Maria Lind on Monday.", question)}
    assert shapes["Harbour Board Secretary Maria Lind"] == "person"
    assert shapes["Maria Lind"] == "person"
