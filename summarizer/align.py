"""Cross-source sentence alignment: the same fact told by several outlets becomes one FactGroup.

CONTRACT (used by brief.py, differences.py and qa.py):

    sentences = [SourceSentence(article_id, position, text), ...]   # every sentence of every article
    groups = align(sentences)        # list[FactGroup], each member from a distinct article or not
    group.sources                    # ordered unique article ids that report the fact
    group.representative             # the member whose text is shown

SourceSentence compares by identity (eq=False): identical sentences printed by two outlets stay
two objects, so provenance is never lost (sumy's Sentence hashes by text; this does not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .text import content_words


@dataclass(frozen=True, eq=False)
class SourceSentence:
    """A sentence exactly as one article printed it."""

    article_id: str
    position: int  # 0-based index of the sentence within its article
    text: str
    stems: tuple[str, ...] = field(default=())  # content-word stems; filled by make()

    @classmethod
    def make(cls, article_id: str, position: int, text: str) -> SourceSentence:
        return cls(article_id, position, text, tuple(content_words(text)))


@dataclass(eq=False)
class FactGroup:
    """Sentences from one or more articles that state the same fact."""

    members: list[SourceSentence]
    representative: SourceSentence

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in [self.representative, *self.members]:
            seen.setdefault(m.article_id, None)
        return tuple(seen)


def align(sentences: Sequence[SourceSentence]) -> list[FactGroup]:
    """PLACEHOLDER: every sentence is its own group."""
    return [FactGroup([s], s) for s in sentences]
