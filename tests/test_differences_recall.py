"""Two outlets' figures of one quantity told in other words are still compared: two counts each
outlet gives as standing when it wrote (both in a perfect tense), one act under a paraphrased verb
("cut" / "eliminate"), an age in apposition ("Tom Arlen, a 36-year-old"), a
tally framed by its own unit ("by a vote of 60-40"); and a date still to come ("were going to vote
... on April 14") is no conflict with one that was. Each case has a guard or a twin: the same shape
with a sign of two quantities or two moments is still no conflict. Invented text."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.language import split_sentences
from summarizer.language.quantities import contradiction_barred, extract_figures, figure_possible
from summarizer.model import Article


def _conflicts(a: str, b: str) -> list[str]:
    articles = [
        Article("a", "Harbor Ledger", a + " The weather in the valley stayed mild all week."),
        Article("b", "Coast Wire", b + " Traffic on the ring road was light on the weekend."),
    ]
    sentences = [SourceSentence.make(x.id, i, s) for x in articles for i, s in enumerate(split_sentences(x.text))]
    return [d.text for d in find_differences(articles, sentences, align(sentences)) if d.kind == "conflict"]


def _figure(text: str, number: str):
    (figure,) = [f for f in extract_figures(text, vague=True) if number in (f.number_text, f.text)]
    return figure


def test_going_to_marks_what_was_still_to_come():
    s = "Her plan was going to cost $4 million, the council said."
    assert figure_possible(_figure(s, "$4 million"), s)
    t = "Her plan cost $4 million, the council said."
    assert not figure_possible(_figure(t, "$4 million"), t)


def test_a_date_that_was_still_to_come_is_no_conflict_with_one_that_was():
    coming = "Marlow Foods shareholders were going to vote on the pay deal at the annual meeting on April 14."
    held = "Marlow Foods shareholders voted on the pay deal at the annual meeting on April 16."
    also_held = "Marlow Foods shareholders voted on the pay deal at the annual meeting on April 14."
    assert any(t.startswith("Date") for t in _conflicts(also_held, held)), "the twin must still be a conflict"
    assert not any(t.startswith("Date") for t in _conflicts(coming, held))


def test_two_counts_each_standing_when_its_outlet_wrote_conflict():
    quoted = '"We have recovered 40 bodies from the river," Lidor mayor Ana Brell said on Tuesday.'
    told = "Lidor mayor Ana Brell said on Tuesday that 45 bodies had been recovered from the river."
    assert _conflicts(quoted, told)
    # guard: a count marked as still growing stands at another moment
    growing = "Lidor mayor Ana Brell said on Tuesday that 45 bodies had been recovered from the river so far."
    assert not _conflicts(quoted, growing)
    a = "Rescuers have recovered 40 bodies from the river."
    b = "Rescuers have already recovered 45 bodies from the river."
    assert contradiction_barred(_figure(a, "40"), a, _figure(b, "45"), b) == "running"


def test_one_act_under_a_paraphrased_verb_conflicts():
    cut = "Kestrel Motors will cut 3,100 jobs at its Varna plant, the company said on Tuesday."
    eliminate = "Under a plan unveiled to unions, the carmaker will eliminate 3,400 jobs in Varna."
    assert _conflicts(cut, eliminate)
    # guard: another act on the same noun is another quantity
    create = "Under a plan unveiled to unions, the carmaker will create 3,400 jobs in Varna."
    assert not _conflicts(cut, create)


def test_an_age_set_beside_a_name_in_apposition_conflicts():
    plain = "The victim, Tom Arlen, 34, was found in his car on Elm Street on Sunday."
    apposed = "Tom Arlen, a 36-year-old father of two, was found dead in his car on Elm Street on Sunday."
    assert any("Arlen" in t for t in _conflicts(plain, apposed))
    # guard: another man's age
    other = "Ned Voss, a 36-year-old father of two, was found dead in his car on Elm Street on Sunday."
    assert not any("age" in t.lower() for t in _conflicts(plain, other))


def test_a_tally_framed_by_its_own_unit_conflicts():
    bare = "The Orla senate passed the budget bill 61-39 on Thursday."
    framed = "The budget bill cleared the Orla senate by a vote of 60-40 on Thursday."
    assert _conflicts(bare, framed)


def test_one_number_under_two_qualifiers_is_no_conflict():
    more = "Since it began, the Lidor winter swim has raised more than $11 million for the hospital."
    nearly = "Over the years the Lidor winter swim has raised nearly $11 million for the hospital, organisers said."
    other = "Over the years the Lidor winter swim has raised $8.2 million for the hospital, organisers said."
    assert _conflicts(more, other), "the twin must still be a conflict"
    assert not _conflicts(more, nearly)
