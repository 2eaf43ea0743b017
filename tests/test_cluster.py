"""Story clustering: one event together, unrelated articles apart, batch and incremental."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from summarizer.cluster import StoryIndex, assign_to_story, cluster_articles
from summarizer.model import Article

STORIES = Path(__file__).resolve().parent / "data" / "stories"

UNRELATED = [
    Article("u1", "Garden Weekly", "Tomato growers in the valley report a record harvest after a wet spring. "
            "Farmers say the heirloom varieties sold out at the Saturday market, and prices for basil fell."),
    Article("u2", "Sports Desk", "The Riverton Rockets beat the Lakeside Herons 3-1 on Sunday to reach the cup final. "
            "Striker Jonas Pell scored twice in the second half before a crowd of 18,000."),
    Article("u3", "Tech Today", "A new open-source compiler promises faster builds for embedded chips. "
            "Its authors say the optimiser cuts binary size by a third on common microcontrollers."),
]


@pytest.fixture(scope="module")
def labelled(seed_articles) -> list[tuple[Article, str]]:
    from bot.loaders import load_path

    items = [(a, "seeds") for a in seed_articles]
    if STORIES.is_dir():
        for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()):
            items += [(a, folder.name) for a in load_path(folder)]
    items += [(a, a.id) for a in UNRELATED]
    return items


def partition(stories: list[list[Article]]) -> set[frozenset[str]]:
    return {frozenset(a.id for a in s) for s in stories}


def truth(labelled) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, label in labelled:
        groups.setdefault(label, set()).add(article.id)
    return {frozenset(g) for g in groups.values()}


def test_mixed_stories_come_apart_exactly(labelled):
    items = list(labelled)
    random.Random(7).shuffle(items)
    stories = cluster_articles([a for a, _ in items])
    assert partition(stories) == truth(labelled)


def test_partition_does_not_depend_on_input_order(labelled):
    articles = [a for a, _ in labelled]
    first = partition(cluster_articles(articles))
    assert partition(cluster_articles(list(reversed(articles)))) == first


def test_order_is_biggest_story_first_then_earliest():
    def art(i: str, day: int, text: str) -> Article:
        return Article(i, "Outlet", text, published=date(2025, 1, day))

    flood = "Floodwaters swept through Marlow after the Avon river burst its banks, forcing 400 residents from their homes."
    strike = "Dockworkers at Port Keel walked out over pay, halting container traffic at the terminal for a second day."
    articles = [
        art("s1", 5, strike),
        art("f1", 9, flood),
        art("f2", 8, flood.replace("forcing", "driving")),
        art("s2", 6, strike.replace("walked out", "went on strike")),
        art("f3", 7, flood + " Volunteers filled sandbags."),
        art("x1", 1, UNRELATED[0].text),
        art("x2", 2, UNRELATED[2].text),
    ]
    stories = cluster_articles(articles)
    assert [[a.id for a in s] for s in stories] == [["f1", "f2", "f3"], ["s1", "s2"], ["x1"], ["x2"]]


def test_empty_and_single():
    assert cluster_articles([]) == []
    assert [[a.id for a in s] for s in cluster_articles(UNRELATED[:1])] == [["u1"]]


def test_incremental_add_joins_the_right_story_or_opens_one(labelled):
    stories: dict[str, list[Article]] = {}
    for article, label in labelled:
        stories.setdefault(label, []).append(article)
    multi = [s for s in stories.values() if len(s) >= 3]
    assert multi
    held_out = [s[-1] for s in multi]
    index = StoryIndex([s[:-1] for s in multi])
    for i, article in enumerate(held_out):
        assert index.assign(article) == i
    for i, article in enumerate(held_out):
        assert index.add(article) == i
    assert [len(s) for s in index.stories] == [len(s) for s in multi]
    new = index.add(UNRELATED[1])
    assert new == len(multi)
    assert index.stories[new] == [UNRELATED[1]]


def test_streaming_all_articles_agrees_with_the_batch(labelled):
    items = list(labelled)
    random.Random(3).shuffle(items)
    index = StoryIndex()
    for article, _ in items:
        index.add(article)
    assert partition(index.stories) == truth(labelled)


def test_assign_to_story_is_none_for_an_unrelated_article(seed_articles):
    stories = [list(seed_articles[:-1])]
    assert assign_to_story(seed_articles[-1], stories) == 0
    assert assign_to_story(UNRELATED[2], stories) is None
    assert assign_to_story(UNRELATED[2], []) is None
