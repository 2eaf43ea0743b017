"""A person's age told with a half ("two and a half", "2½-year-old", "2 1/2") is one quantity with
the whole-year ages other outlets give, so a disputed toddler's age is a row (invented text)."""

from __future__ import annotations

from summarizer.align import SourceSentence, align
from summarizer.differences import find_differences
from summarizer.language import split_sentences
from summarizer.language.quantities import extract_figures
from summarizer.model import Article


def _conflicts(articles):
    sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
    return [d for d in find_differences(articles, sentences, align(sentences)) if d.kind == "conflict"]


def test_a_half_after_a_whole_number_is_read_with_it():
    cases = {
        "A two-and-a-half-year-old girl was found asleep in the barn.": (2.5, "years"),
        "A 2½-year-old girl was found asleep in the barn.": (2.5, "years"),
        "The search lasted 2 1/2 hours before the girl was found.": (2.5, "hours"),
        "Volunteers walked three and a half miles along the creek.": (3.5, "miles"),
    }
    for text, (value, unit) in cases.items():
        figures = extract_figures(text)
        assert [(f.value, f.unit) for f in figures] == [(value, unit)], (text, figures)
    # a half that begins another word is no half of the number
    assert [f.value for f in extract_figures("They led 3 and a half-time show followed.")] == [3.0]
    # a date is no figure, and "1/2/2024" gives no half to the number before it
    assert all(f.value != 2.5 for f in extract_figures("The hearing on 2 1/2/2024 was moved."))


def test_a_toddlers_age_with_a_half_is_one_quantity_with_the_whole_years():
    base = " wandered away from a campsite near Lake Orvel on Saturday and was found by a search dog, deputies said."
    articles = [
        Article("a", "A", "Mila Ferrant, 2," + base),
        Article("b", "B", "Two-and-a-half-year-old Mila Ferrant" + base),
        Article("c", "C", "Mila Ferrant, 3," + base),
    ]
    rows = _conflicts(articles)
    assert len(rows) == 1, [r.text for r in rows]
    assert rows[0].subject == "Ferrant's age"
    values = {v.sources: v.value for v in rows[0].values}
    assert set(values) == {("a",), ("b",), ("c",)}
    assert values[("a",)] == "2" and values[("c",)] == "3" and "half" in values[("b",)]
    # "two and a half year old", unhyphenated, is the same age; a child of two and a half is 2 in
    # whole years, so that pair alone disputes nothing
    spaced = Article("b", "B", "The two and a half year old Mila Ferrant" + base)
    assert _conflicts([articles[0], spaced]) == []
    rows = _conflicts([articles[0], spaced, articles[2]])
    assert [(r.subject, len(r.values)) for r in rows] == [("Ferrant's age", 3)]


def test_one_age_with_a_half_and_the_same_age_told_alike_are_no_conflict():
    base = " wandered away from a campsite near Lake Orvel on Saturday and was found by a search dog, deputies said."
    articles = [
        Article("a", "A", "Mila Ferrant, 2 1/2," + base),
        Article("b", "B", "Two-and-a-half-year-old Mila Ferrant" + base),
    ]
    assert _conflicts(articles) == []


def test_an_age_in_whole_years_is_a_floor_two_and_a_half_is_not_three():
    base = " wandered away from a campsite near Lake Orvel on Saturday and was found by a search dog, deputies said."
    half = Article("b", "B", "Two-and-a-half-year-old Mila Ferrant" + base)
    rows = _conflicts([half, Article("c", "C", "Mila Ferrant, 3," + base)])
    assert [(r.subject, len(r.values)) for r in rows] == [("Ferrant's age", 2)]
    # a child of two and a half is 2 in whole years: no dispute
    assert _conflicts([Article("a", "A", "Mila Ferrant, 2," + base), half]) == []
