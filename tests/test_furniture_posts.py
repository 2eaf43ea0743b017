"""Embedded posts, wire datelines with a day, subjectless '-ing' fragments and contracted openers are
no line of a brief (invented text)."""

from __future__ import annotations

import pytest

from summarizer import Article, build_brief
from summarizer.language.discourse import leaning_reason, needs_previous
from summarizer.language.furniture import is_fragment, line_reason
from summarizer.prose import prose_sentences

_POST = "The owners of the burned mill plan to sell its land to a builder next year."


def _mill_story(post_paragraph: str) -> list[Article]:
    first = (
        "The Larkspur council voted on Tuesday to close the old mill after a fire damaged its roof.\n\n"
        f"{post_paragraph}\n\n"
        "Council members said repairs would cost more than $2 million.\n\n"
        "The mill employed 40 people before the fire, the council said."
    )
    second = (
        "Larkspur's council has voted to close the fire-damaged mill, a vote taken on Tuesday. "
        "Repairs would have cost over $2 million, according to council members. "
        "The mill had stood on the river since 1921."
    )
    return [Article(id="a", source="Ledger", text=first), Article(id="b", source="Courier", text=second)]


_EMBEDDED = f"{_POST} Sad day for this town https://t.co/AbCd123 — Mara Quill (@maraquill) March 3, 2021"


def test_an_embedded_post_is_kept_as_a_candidate_and_named() -> None:
    posts: list[str] = []
    kept = [s.text for s in prose_sentences(_mill_story(_EMBEDDED)[0], posts=posts)]
    assert _POST in kept  # still text the outlet printed: it counts for relevance and citations
    assert posts == [_POST]
    # without the post's signature the same sentence is ordinary prose
    plain: list[str] = []
    prose_sentences(_mill_story(_POST)[0], posts=plain)
    assert plain == []


@pytest.mark.parametrize("words", [40, 60, 120, 300])
def test_an_embedded_post_is_never_a_line(words: int) -> None:
    texts = [line.text for line in build_brief(_mill_story(_EMBEDDED), max_words=words).summary]
    assert texts
    assert _POST not in texts


def test_the_same_sentence_without_the_signature_may_be_a_line() -> None:
    # the test can fail: the sentence is chosen when nothing marks it as a post
    texts = [line.text for line in build_brief(_mill_story(_POST), max_words=300).summary]
    assert _POST in texts


@pytest.mark.parametrize(
    "lead",
    [
        "LARKSPUR, Mar 3 (Reuters) - The council voted on Tuesday to close the old mill.",
        "LARKSPUR, March 3 -- The council voted on Tuesday to close the old mill.",
        "LARKSPUR, Ore., Mar. 3 (Reuters) - The council voted on Tuesday to close the old mill.",
    ],
)
def test_a_wire_dateline_with_its_day_is_cut(lead: str) -> None:
    kept = [s.text for s in prose_sentences(Article(id="a", source="Wire", text=lead + " It closes in May."))]
    assert kept[0] == "The council voted on Tuesday to close the old mill."


def test_a_place_and_a_day_in_a_sentence_are_no_dateline() -> None:
    text = "Larkspur, March 3 was the day the council voted to close the old mill. It closes in May."
    kept = [s.text for s in prose_sentences(Article(id="a", source="Wire", text=text))]
    assert kept[0].startswith("Larkspur, March 3 was")


@pytest.mark.parametrize(
    "sentence",
    [
        "Having the time of their lives while trying to keep a straight face.",
        "Keeping his boots dry before the long walk.",
        "Resisting an officer, a misdemeanor.",
    ],
)
def test_a_subjectless_ing_sentence_without_a_verb_is_a_fragment(sentence: str) -> None:
    assert is_fragment(sentence)
    assert line_reason(sentence) == "fragment"


@pytest.mark.parametrize(
    "sentence",
    [
        "Sitting at a long table, she felt every eye on her.",  # a main clause after the comma
        "Polling times vary by town and city.",  # a gerund subject's plural verb shows no ending
        "Arriving early also allows pupils more time.",  # "also allows": a verb after an adverb
        "Speaking to reporters, the mayor defended the vote.",
        "Running the mill requires a permit.",
        "Paraphrasing an old judge: we know it when we see it.",  # a clause after the colon
        "Reading Council approved the plan.",  # a name, and a verb
    ],
)
def test_an_ing_opening_with_a_clause_is_no_fragment(sentence: str) -> None:
    assert not is_fragment(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["She's now running for governor.", "They’ve lived in the town for 21 years.", "He’s got four children."],
)
def test_a_contracted_pronoun_opener_needs_the_sentence_before(sentence: str) -> None:
    assert needs_previous(sentence)


@pytest.mark.parametrize("sentence", ["Shelby's mill reopened in May.", "Theyre Lane was closed.", "Hesitant, the mayor voted."])
def test_names_and_words_that_begin_like_a_pronoun_do_not(sentence: str) -> None:
    assert not needs_previous(sentence)


def test_a_late_demonstrative_with_a_present_verb_leans() -> None:
    assert leaning_reason("Unfortunately, this results in a weaker mill.") == "late pronoun"
    assert leaning_reason("Unfortunately, this mill was closed.") != "late pronoun"


@pytest.mark.parametrize("sentence", ["Not all of them are for hikers on the long trail.", "Two of them were hurt in the fire."])
def test_a_part_of_a_set_named_by_a_pronoun_needs_its_set(sentence: str) -> None:
    from summarizer.language.discourse import antecedent_reason

    assert antecedent_reason(sentence, []) == "elliptic"
    assert antecedent_reason("One of the mill workers was hurt in the fire.", []) is None
