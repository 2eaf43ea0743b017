"""Two fitted ranker inputs: a run ending in title + full name, and coverage through paraphrases.

- ``language.names.titled_name``: "Harbour Board Chairwoman Maria Voss" names Maria Voss; the
  ranker reads it as a feature (``titled_person``, and ``titled_asked`` for "who" questions), not
  as a change of the candidate's sort, so the fitted weights decide how much it counts.
- ``language.words.paraphrase_stems``: the words ``data/paraphrases.txt`` groups with a word; the
  ranker reads the question's words through them in separate features (``cov_para``,
  ``win_para``, ``pred_para``) beside the literal coverage, which stays as it was.

All text is invented.
"""

from __future__ import annotations

import pytest

from summarizer.language import stem
from summarizer.language.names import titled_name
from summarizer.language.words import paraphrase_stems
from summarizer.model import Article
from summarizer.qa import QAIndex
from summarizer.qa.ranking import _INDEX


@pytest.mark.parametrize(
    "run, person",
    [
        ("Harbour Board Secretary Maria Voss", "Maria Voss"),
        ("Velmont Foods CEO Tomas Brandt", "Tomas Brandt"),
        ("President Maria Voss", None),  # a title opening the run is strip_title's
        ("Velmont Harbour Board", None),
        ("Harbour Board Secretary", None),
    ],
)
def test_a_run_ending_in_title_and_full_name_names_that_person(run: str, person: str | None) -> None:
    assert titled_name(run) == person


def test_paraphrases_of_a_word_include_its_group_and_irregular_forms() -> None:
    fallen = paraphrase_stems(stem("fallen"))
    assert stem("dropped") in fallen and stem("fell") in fallen
    assert stem("rose") not in fallen
    assert paraphrase_stems(stem("harbour")) == frozenset()


def _groups(articles: list[Article], question: str) -> dict:
    _, ranking = QAIndex.build(articles).explain(question)
    return {g.key: g.features for g in ranking.groups}


def test_titled_run_is_a_feature_and_asked_only_for_who_questions() -> None:
    articles = [
        Article("a1", "Outlet A", "The governor directed Harbour Board Secretary Maria Voss to inspect the Larkspur pier on Monday."),
        Article("a2", "Outlet B", "Inspectors from the Harbour Board visited the Larkspur pier, the governor's office said."),
    ]
    who = _groups(articles, "Who did the governor direct to inspect the Larkspur pier?")
    run = who["harbour board secretary maria voss"]
    assert run[_INDEX["titled_person"]] == 1.0 and run[_INDEX["titled_asked"]] == 1.0
    assert who["maria voss"][_INDEX["titled_person"]] == 0.0
    which = _groups(articles, "Which board's secretary inspected the Larkspur pier?")
    for key, row in which.items():
        assert row[_INDEX["titled_asked"]] == 0.0, key


def test_paraphrase_coverage_sits_beside_literal_coverage() -> None:
    articles = [
        Article("a1", "Outlet A", "Ferry crossings at Larkspur dropped 42% last month, the port said."),
        Article("a2", "Outlet B", "The Larkspur port opened a second ferry berth, adding 12 sailings. Prices have fallen at the kiosk."),
    ]
    rows = _groups(articles, "By how much have ferry crossings fallen at Larkspur?")
    drop = rows["42"]  # "dropped" states "fallen": the literal coverage misses it, cov_para does not
    assert drop[_INDEX["cov_para"]] == pytest.approx(1.0) and drop[_INDEX["cov_max"]] < 0.9
    assert drop[_INDEX["win_para"]] >= drop[_INDEX["cov_para"]]
    # a sentence printing no paraphrase reads the same either way
    assert rows["12"][_INDEX["cov_para"]] == pytest.approx(rows["12"][_INDEX["cov_max"]])
