"""PLACEHOLDER (walking skeleton): replaced by the real merged-brief builder."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Article, Brief, BriefItem, Source
from .text import split_sentences


def build_brief(articles: Iterable[Article], *, max_words: int | None = None) -> Brief:
    """Merge articles of ONE story into a brief (placeholder: lead sentences)."""
    arts = list(articles)
    if not arts:
        raise ValueError("build_brief needs at least one article")
    items = []
    for a in arts:
        sents = split_sentences(a.text)
        if sents:
            items.append(BriefItem(sents[0], (a.id,)))
    title = items[0].text if items else (arts[0].title or arts[0].id)
    return Brief(id=arts[0].id, title=title, sources=tuple(Source.from_article(a) for a in arts), summary=tuple(items))
