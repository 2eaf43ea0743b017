"""Lines that lean on text a brief does not show, and how the brief mends them (invented stories)."""

from __future__ import annotations

from summarizer import Article, build_brief
from summarizer.language.discourse import (
    bare_surnames,
    introduced_surnames,
    leaning_reason,
    person_surnames,
)


def test_a_pronoun_after_an_opening_phrase_leans() -> None:
    assert leaning_reason("On Wednesday, he told reporters the bridge would reopen.") == "late pronoun"
    assert leaning_reason("In a statement, they said the plant would close in May.") == "late pronoun"
    # a name in the opening phrase is the pronoun's antecedent
    assert leaning_reason("When Mayor Okafor arrived, she told reporters the bridge would reopen.") is None
    assert leaning_reason("On Wednesday, the mayor told reporters the bridge would reopen.") is None


def test_a_quotation_whose_speaker_is_a_pronoun_leans() -> None:
    assert leaning_reason("“We have never seen damage like this,” she said.") == "pronoun speaker"
    assert leaning_reason('"The pier is gone," he added, pointing at the water.') == "pronoun speaker"
    assert leaning_reason("“We have never seen damage like this,” the harbor manager said.") is None


def test_opening_pronouns_and_connectives_still_lean() -> None:
    assert leaning_reason("But the council never voted on the plan.") == "opener"
    assert leaning_reason("They reached the summit before noon.") == "opener"


def test_surnames_are_the_last_words_of_peoples_full_names() -> None:
    texts = [
        "Terminal manager Rosa Quintero said the pier would close. Former Boston mayor Tom Ruiz agreed.",
        "Quintero spoke to reporters. The former mayor of the town, Ruiz, said little.",
    ]
    surnames = person_surnames(texts)
    assert {"Quintero", "Ruiz"} <= surnames
    assert "Boston" not in surnames  # a place, though a title precedes it
    assert "Former" not in surnames and "Terminal" not in surnames


def test_a_word_the_sources_print_in_lower_case_is_no_surname() -> None:
    texts = ["John Police joined the force. The police said the road was closed."]
    assert "Police" not in person_surnames(texts)


def test_a_surname_leans_until_a_line_prints_the_full_name() -> None:
    surnames = {"Quintero"}
    line = "Repairs will take at least six weeks, Quintero said on Tuesday."
    assert bare_surnames(line, surnames) == ["Quintero"]
    assert leaning_reason(line, surnames) == "surname"
    earlier = "Terminal manager Rosa Quintero said the pier was badly damaged."
    assert introduced_surnames(earlier, surnames) == {"Quintero"}
    assert leaning_reason(line, surnames, introduced_surnames(earlier, surnames)) is None
    # the full name earlier in the same line introduces it too
    assert leaning_reason("Rosa Quintero said repairs will take weeks, and Quintero expects delays.", surnames) is None


_A = (
    "Harbor officials in Port Elwin closed the main ferry terminal on Tuesday after a crane collapsed onto the pier. "
    "Terminal manager Rosa Quintero said the crane had been inspected only last month by the port authority. "
    "“We have never seen damage like this on any pier in the harbor,” she said. "
    "Ferry service to the islands will run from the old north dock until the repairs are done, officials said."
)
_B = (
    "A crane collapsed onto the main ferry pier in Port Elwin on Tuesday, and harbor officials closed the terminal. "
    "Repairs to the pier will take at least six weeks, Quintero told reporters at the harbor on Tuesday. "
    "Island residents said the closure would make their daily commute to the mainland much harder."
)
_C = (
    "The main ferry terminal in Port Elwin was closed on Tuesday after a crane fell onto the pier. "
    "Repairs to the pier will take at least six weeks, terminal manager Rosa Quintero said on Tuesday. "
    "Ferry service to the islands will run from the old north dock during the repairs, harbor officials said."
)


def _leaning_lines(brief, texts) -> list[str]:
    """Lines that lean in the brief as shown: none may, unless it follows the sentence its
    article printed just before it."""
    surnames = person_surnames(texts)
    introduced: set[str] = set()
    bad = []
    previous = ""
    for item in brief.summary:
        reason = leaning_reason(item.text, surnames, introduced)
        if reason is not None and not any(previous + " " + item.text in t for t in texts):
            bad.append(f"{reason}: {item.text}")
        introduced |= introduced_surnames(item.text, surnames)
        previous = item.text
    return bad


def test_no_line_of_a_brief_leans_at_any_budget() -> None:
    articles = [Article("a", "A", _A), Article("b", "B", _B), Article("c", "C", _C)]
    for budget in (20, 35, 50, 70, 200):
        brief = build_brief(articles, max_words=budget)
        assert brief.summary
        assert _leaning_lines(brief, [_A, _B, _C]) == []
        assert sum(len(i.text.split()) for i in brief.summary) <= budget


def test_a_fact_told_with_a_bare_surname_is_kept_in_a_version_that_names_the_speaker() -> None:
    articles = [Article("a", "A", _A), Article("b", "B", _B), Article("c", "C", _C)]
    brief = build_brief(articles, max_words=200)
    weeks = [i for i in brief.summary if "six weeks" in i.text]
    assert len(weeks) == 1  # the fact stays, told once
    assert "Rosa Quintero" in weeks[0].text or any("Rosa Quintero" in i.text for i in brief.summary[: brief.summary.index(weeks[0])])
    assert set(weeks[0].sources) >= {"b", "c"}  # still cited to both outlets that print it


def test_a_quotation_comes_in_after_the_line_that_names_its_speaker() -> None:
    # only one outlet prints the quotation; its speaker is named in the sentence before it
    solo = Article(
        "s",
        "S",
        "Engineers from three countries gathered in Port Elwin on Monday to inspect the collapsed crane. "
        "The lead inspector, Maren Holt, said the crane's base had cracked in the cold weather. "
        "“We found a crack through the whole base of the crane,” she said at the harbor. "
        "The engineers will publish a report on the collapse in the spring.",
    )
    other = Article(
        "o",
        "O",
        "Engineers gathered in Port Elwin on Monday to inspect the crane that collapsed onto the ferry pier. "
        "The report on the crane collapse will be published in the spring, the port authority said.",
    )
    for budget in (30, 60, 200):
        brief = build_brief([solo, other], max_words=budget)
        texts = [i.text for i in brief.summary]
        quote = [k for k, t in enumerate(texts) if t.startswith("“We found")]
        if quote:  # when it is told, the line before it names who speaks
            assert quote[0] > 0 and "Maren Holt" in texts[quote[0] - 1]
