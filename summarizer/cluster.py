"""PLACEHOLDER (walking skeleton): replaced by real story clustering."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Article


def cluster_articles(articles: Iterable[Article]) -> list[list[Article]]:
    """Group articles about the same event into stories (placeholder: one story)."""
    arts = list(articles)
    return [arts] if arts else []
