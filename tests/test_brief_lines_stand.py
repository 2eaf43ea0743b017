"""Lines a reader can read on their own: page shapes that are no line, connectives that point back,
and one outlet's line that needs an antecedent the brief does not give (invented stories)."""

from __future__ import annotations

import pytest

from summarizer import Article, build_brief
from summarizer.language.discourse import leaning_reason, needs_previous
from summarizer.language.furniture import furniture_reason, line_reason


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("(In fact, the new ferry needs the north dock to dock at all — it is no extra.)", "aside"),
        ("(The port authority later denied that the crane had failed an inspection.)", "aside"),
        ("KT: A lot of people said the crane was old.", "entry label"),
        ("Maren Holt: The inspector found a crack through the base of the crane.", "entry label"),
        ("6/18 On cranes \"I would inspect every one of them again.\"", "entry label"),
        ("In May, engineers at the harbor noted a cluster of cracks in older cranes (1).", "reference mark"),
        ("The cracks were traced to cold weather in three ports [2].", "reference mark"),
        ("Correction: This article originally misnamed Maren Holt as Maren Hold.", "report note"),
    ],
)
def test_page_shapes_are_no_line(sentence: str, reason: str) -> None:
    assert line_reason(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said: the road to the harbor is closed until Friday.",
        "The bill (HB 2) passed the state senate on Tuesday by a wide margin.",
        "The vote was 5-4 (2 abstained) in favour of closing the pier.",
        "At 10:30 the harbor police closed the terminal to the public.",
        "The ferry (the oldest in the fleet) will be repaired in the spring.",
    ],
)
def test_news_with_parentheses_or_colons_is_a_line(sentence: str) -> None:
    assert line_reason(sentence) is None


def test_new_shapes_leave_furniture_as_it_was() -> None:
    # differences read furniture_reason: an aside or a label is a brief's concern only
    assert furniture_reason("(The port authority later denied that the crane had failed an inspection.)") is None
    assert furniture_reason("KT: A lot of people said the crane was old.") is None


def test_narrative_connectives_point_back() -> None:
    assert needs_previous("Finally, harbor police put the driver in a wheelchair and ran him to an ambulance.")
    assert needs_previous("In fact, this spring marks the tenth year since the pier opened.")
    assert needs_previous("Of course, that is not necessarily bad news for the islanders.")
    assert not needs_previous("Finalists for the harbor contract were named on Tuesday.")
    assert not needs_previous("In factories along the harbor, work stopped on Tuesday.")


def test_a_quotation_recalled_by_a_pronoun_leans() -> None:
    assert leaning_reason("“Mommy,” she recalls him saying.") == "pronoun speaker"
    assert leaning_reason("“It was cold,” the inspector recalls.") is None


_A = (
    "Harbor officials in Port Elwin closed the main ferry terminal on Tuesday after a crane collapsed onto the pier. "
    "Terminal manager Rosa Quintero said the crane had been inspected only last month by the port authority. "
    "Dozens of ferry passengers were stranded at the terminal for most of the afternoon. "
    "Many had to be taken to the mainland by fishing boats from the old north dock. "
    "(In fact, the fishing boats carried more passengers than the ferry does on a weekday.) "
    "Ferry service to the islands will run from the old north dock until the repairs are done, officials said."
)
_B = (
    "A crane collapsed onto the main ferry pier in Port Elwin on Tuesday, and harbor officials closed the terminal. "
    "Repairs to the pier will take at least six weeks, terminal manager Rosa Quintero told reporters. "
    "Island residents said the closure would make their daily commute to the mainland much harder."
)


def test_one_outlets_line_without_its_antecedent_is_left_out(monkeypatch) -> None:
    import summarizer.brief as brief

    # "Many had to be ...": many of whom? Only outlet A prints it; at a budget that cannot hold the
    # sentence before it, it is left out rather than printed without what it points at
    monkeypatch.setattr(brief, "ANTECEDENT_LEAVE", frozenset({"elliptic"}))
    articles = [Article("a", "A", _A), Article("b", "B", _B)]
    for budget in (40, 60, 90, 200):
        lines = [i.text for i in build_brief(articles, max_words=budget).summary]
        assert lines
        assert not any(t.startswith("(") for t in lines)  # the aside is never a line
        for k, text in enumerate(lines):
            if text.startswith("Many had"):
                assert k > 0 and "passengers" in lines[k - 1]
    monkeypatch.setattr(brief, "ANTECEDENT_LEAVE", frozenset())
    lines = [i.text for i in build_brief(articles, max_words=200).summary]
    assert not any(t.startswith("(") for t in lines)


def test_a_demonstrative_standing_for_a_noun_needs_an_antecedent() -> None:
    from summarizer.language.discourse import antecedent_reason

    before = ["The harbor museum put a bronze bell up for auction on Monday."]
    assert antecedent_reason("Bids for that are already above $11,000.", before) == "demonstrative"
    assert antecedent_reason("The fee for that service is $10 a day.", before) is None  # says which
    assert antecedent_reason("“We are proud of that,” the curator said.", before) is None  # the speaker's
    # the line's own earlier clause is what it stands for
    assert antecedent_reason("The bell sold for $20,000, and the museum kept half of that.", before) is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("An official product shot of the console, known as Project Tide, the new controller.", "caption"),
        ("A screengrab of the harbor camera during the storm.", "caption"),
        ("The photo of the collapsed crane went around the world on Tuesday.", None),
        ("The picture of the harbor's finances is mixed, officials said.", None),
    ],
)
def test_a_line_that_names_a_picture_without_a_verb_is_its_caption(sentence: str, reason: str | None) -> None:
    assert line_reason(sentence) == reason


def test_an_interjection_is_a_reaction_to_something_told_before() -> None:
    assert needs_previous("Wow, the ratings are in and the rival show got swamped.")
    assert needs_previous("Well, then it was time for the yoga demonstration.")
    assert not needs_previous("Well over 100 passengers were stranded at the terminal.")
