"""How the articles' wording is read beside the question's (round 7b).

- A question's word counts as printed where a source states it in another word of its paraphrase
  group (``language/data/paraphrases.txt``): "has traffic fallen?" is covered by "traffic dropped".
- One capitalised word of no known sort that its article also prints in lower case is a common
  word set in capitals (a quoted law's "Federal officers"), not a name candidate.
- A capitalised run ending in a title and a person's full name names that person.

All text is invented.
"""

from __future__ import annotations

from summarizer.language.words import lower_case_words, paraphrase_stems, stem
from summarizer.model import Article
from summarizer.qa import QAIndex
from summarizer.qa.candidates import _titled_person, sentence_candidates
from summarizer.qa.question import analyse
from summarizer.qa.ranking import as_asked, collect


def test_a_verb_is_paraphrased_by_its_group_in_every_form() -> None:
    fallen = paraphrase_stems(stem("fallen"))
    assert {stem("dropped"), stem("declined"), "fall"} <= fallen
    assert stem("fallen") not in fallen  # the word itself is not its own paraphrase
    assert paraphrase_stems(stem("harbour")) == frozenset()


def test_the_question_reads_a_paraphrase_as_its_own_word() -> None:
    alias = as_asked(analyse("By what percentage has ferry traffic fallen?"))
    assert alias.get(stem("dropped")) == stem("fallen")
    assert stem("ferry") not in alias  # a word the question prints itself is never an alias


def test_a_sentence_stating_the_verb_in_other_words_covers_the_question() -> None:
    question = analyse("By what percentage has ferry traffic fallen at Larkspur?")
    index = QAIndex([
        Article("a1", "Outlet A", "Ferry traffic at Larkspur dropped 42% after the toll began."),
        Article("a2", "Outlet B", "Ferry traffic at Larkspur was steady at 12% of commuters, the port said."),
    ]).sentences
    hits = index.search(question.terms, question.weights, limit=10)
    groups = {g.key: g for g in collect(question, index, hits)}
    dropped, steady = groups["42"].best, groups["12"].best  # both print every other word of the question
    assert dropped.coverage > steady.coverage
    assert dropped.coverage == 1.0


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
