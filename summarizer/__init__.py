"""newsbrief's summarizer: articles in, merged briefs and cited answers out.

A pure library: no network, database, clock or chat platform. Heavy parts (sumy, numpy) are
imported on first use so that ``from summarizer import Article`` stays cheap.

    >>> from summarizer import Article, build_brief, answer
    >>> brief = build_brief([Article("a1", "Outlet A", "..."), Article("b1", "Outlet B", "...")])
    >>> brief.to_dict()["summary"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import (
    UNKNOWN_OUTLET,
    Answer,
    Article,
    Brief,
    BriefItem,
    Citation,
    Difference,
    Disagreement,
    FigureValue,
    Source,
)

if TYPE_CHECKING:  # pragma: no cover
    from .brief import build_brief
    from .cluster import cluster_articles
    from .qa import QAIndex, answer

__all__ = [
    "Article",
    "Answer",
    "Brief",
    "BriefItem",
    "Citation",
    "Difference",
    "Disagreement",
    "FigureValue",
    "Source",
    "UNKNOWN_OUTLET",
    "build_brief",
    "answer",
    "cluster_articles",
    "QAIndex",
]

_LAZY = {"build_brief": "brief", "answer": "qa", "QAIndex": "qa", "cluster_articles": "cluster"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
