"""A plural head noun asks for the same kind of answer as its singular, whatever its ending."""

from __future__ import annotations

import pytest

from summarizer.qa.question import analyse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which agencies sent inspectors to the plant?", "org"),  # -ies: "agency"
        ("Which universities closed their campuses?", "org"),
        ("Which counties were told to evacuate?", "place"),
        ("Which agency sent inspectors to the plant?", "org"),  # the singular, as before
        ("Which companies were fined by the regulator?", "org"),  # listed as a plural itself
    ],
)
def test_a_plural_head_takes_its_singulars_kind(question: str, kind: str) -> None:
    asked = analyse(question)
    assert asked.kind == kind
    assert asked.plural == question.split()[1].endswith("s")


def test_a_plural_of_no_listed_head_is_still_a_thing() -> None:
    assert analyse("Which policies did the board change?").kind == "thing"
