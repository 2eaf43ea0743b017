"""Values that cross layers: articles in, briefs and answers out.

All are frozen dataclasses. ``to_dict()`` produces exactly the JSON shapes documented in
DESIGN.md (the ``--json`` output of ``newsbrief brief`` and ``newsbrief ask``); fields beyond
those shapes exist for renderers (Slack, Discord, terminal) and are not serialised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = [
    "Article",
    "Source",
    "BriefItem",
    "FigureValue",
    "Difference",
    "Brief",
    "Citation",
    "Disagreement",
    "Answer",
    "UNKNOWN_OUTLET",
]

#: Label used when the publisher of an article is not known. Never invent an outlet.
UNKNOWN_OUTLET = "Unknown outlet"


@dataclass(frozen=True)
class Article:
    """One article from one outlet.

    ``id`` is stable and unique (for files: the file stem). ``source`` is the outlet's label as
    shown to users ("Newsmax", or ``UNKNOWN_OUTLET``). ``text`` is the body, already cleaned of
    boilerplate by the loader; the summarizer still tolerates glued sentences and hard line breaks.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | datetime | None = None


def _iso_date(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


@dataclass(frozen=True)
class Source:
    """An article as listed under a brief: ``[n] outlet — title``."""

    id: str
    outlet: str
    title: str | None = None
    url: str | None = None
    published: date | datetime | None = None

    @classmethod
    def from_article(cls, article: Article) -> Source:
        return cls(article.id, article.source, article.title, article.url, article.published)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": _iso_date(self.published),
        }


@dataclass(frozen=True)
class BriefItem:
    """A sentence of the summary: text one source printed, cited to every source that reports it.

    ``text`` is verbatim from ``sources[0]`` (the representative); each other id in ``sources``
    reports the same fact in its own words.
    """

    text: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources)}


@dataclass(frozen=True)
class FigureValue:
    """One outlet's (or several outlets') value for a quantity in a figures ledger."""

    value: str  # as printed, with its qualifier: "more than 20,000"
    sources: tuple[str, ...]
    quote: str | None = None  # the sentence it comes from (first source)
    claimant: str | None = None  # who the text says gives it: "the White House", "police"


@dataclass(frozen=True)
class Difference:
    """Where the sources differ.

    ``kind`` is one of ``conflict`` (one quantity given values that cannot both be true: "95%" vs
    "99%"), ``variant`` (one quantity stated two compatible ways: "20,000" / "more than 20,000"),
    ``update`` (one quantity at two moments: "more than 1,000, later more than 1,300"),
    ``exclusive`` (a notable fact only one outlet, or a few, report: its sources are exactly the
    outlets that print it), ``framing`` (contested names for one thing, each outlet's own choice).
    ``quote``, when set, is exact text from ``sources[0]``. ``values`` (conflict, variant, update)
    is the figures ledger row, each value with who the text says gives it; ``subject`` names what
    the values count.
    """

    kind: str
    text: str
    sources: tuple[str, ...]
    quote: str | None = None
    values: tuple[FigureValue, ...] = ()
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "sources": list(self.sources)}
        if self.quote is not None:
            out["quote"] = self.quote
        return out


@dataclass(frozen=True)
class Brief:
    """A merged brief of one story."""

    id: str
    title: str
    sources: tuple[Source, ...]
    summary: tuple[BriefItem, ...]
    differences: tuple[Difference, ...] = ()

    def source_number(self, source_id: str) -> int:
        """1-based citation number of a source, as printed in ``[n]``."""
        for n, src in enumerate(self.sources, 1):
            if src.id == source_id:
                return n
        raise KeyError(source_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "sources": [s.to_dict() for s in self.sources],
            "summary": [i.to_dict() for i in self.summary],
            "differences": [d.to_dict() for d in self.differences],
        }


@dataclass(frozen=True)
class Citation:
    """A quote supporting an answer: ``quote`` is a sentence the source printed, verbatim."""

    source: str
    outlet: str
    quote: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "outlet": self.outlet, "quote": self.quote, "url": self.url}


@dataclass(frozen=True)
class Disagreement:
    """A variant answer and the sources that give it ("more than 20,000": 3 sources)."""

    value: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "sources": list(self.sources)}


@dataclass(frozen=True)
class Answer:
    """The answer to a question. ``answered`` is False, with no citations, when no source covers it.

    ``answer`` is the short answer ("20,000 National Guard troops"); when not answered it is a
    plain sentence saying that no source covers the question. ``summary`` is an optional
    one-line consensus statement for renderers ("all 5 sources: 20,000; 3 say more than 20,000").
    ``confidence`` is the calibrated probability that ``answer`` is right; ``sure`` whether it
    clears the threshold chosen on held-back data (renderers word an unsure answer as such).
    """

    question: str
    answered: bool
    answer: str
    citations: tuple[Citation, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    summary: str | None = None
    # The engine always sets both; the defaults describe an answer given as certain (built by hand).
    confidence: float = 1.0
    sure: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.answer,
            "confidence": round(self.confidence, 3),
            "sure": self.sure,
            "citations": [c.to_dict() for c in self.citations],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }
