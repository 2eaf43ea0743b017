"""Story clustering: one event together, unrelated articles apart, batch and incremental."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from summarizer.cluster import StoryIndex, assign_to_story, cluster_articles
from summarizer.language import stem
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


# --- templated sibling events: same wording, different names and figures -------------------------

CRASH = (
    "A small plane carrying {n} passengers crashed near {town} on Tuesday, killing everyone on board, "
    "officials in {county} County said. The twin-engine aircraft had left {airport} airport shortly after "
    "noon and lost contact with controllers about twenty minutes later. Fire chief {chief} said crews found "
    "the wreckage in a wooded area and that the cause of the crash was not yet known. {airline} said it "
    "was cooperating with investigators from the aviation safety board, who were expected at the site "
    "on Wednesday."
)
CRASH_RETOLD = (
    "Investigators were heading to {town} on Wednesday after a plane with {n} people aboard went down in "
    "woods outside the town, leaving no survivors. The aircraft, operated by {airline}, had taken off from "
    "{airport} airport. {county} County fire chief {chief} told reporters the cause was unknown and that "
    "recovering the wreckage would take days."
)
FIRST = {"n": 9, "town": "Harwick", "county": "Dunmore", "airport": "Kelston", "chief": "Maria Ostrander", "airline": "Bluewing Air"}
SECOND = {"n": 14, "town": "Pellham", "county": "Ravensby", "airport": "Tolliver", "chief": "Owen Castellan", "airline": "Northline Charter"}


def crash(article_id: str, outlet: str, names: dict[str, object], template: str = CRASH) -> Article:
    return Article(article_id, outlet, template.format(**names))


def test_two_events_written_from_one_template_stay_apart():
    articles = [
        crash("a1", "Daily", FIRST), crash("a2", "Herald", FIRST, CRASH_RETOLD),
        crash("b1", "Courier", SECOND), crash("b2", "Gazette", SECOND, CRASH_RETOLD),
    ]
    assert partition(cluster_articles(articles)) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}
    index = StoryIndex()
    for article in articles:
        index.add(article)
    assert partition(index.stories) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}


def test_the_same_template_with_the_same_names_is_one_story():
    # the control: what keeps the two crashes apart is their names and figures, not their wording
    articles = [crash("a1", "Daily", FIRST), crash("a2", "Herald", FIRST, CRASH_RETOLD), crash("a3", "Courier", FIRST)]
    assert partition(cluster_articles(articles)) == {frozenset({"a1", "a2", "a3"})}


def test_names_swapped_in_shared_slots_veto_a_merge_whatever_the_cosine():
    # identity_ratio=0 switches the identity-cosine rule off: only the slot rule can split these
    a, b = crash("a1", "Daily", FIRST), crash("b1", "Courier", SECOND)
    assert partition(cluster_articles([a, b], identity_ratio=0)) == {frozenset({"a1"}), frozenset({"b1"})}
    index = StoryIndex([[a]], identity_ratio=0)
    assert index.assign(b) is None


def test_one_differing_name_in_a_shared_slot_does_not_split_a_story():
    # two outlets quoting different analysts in the same phrase: still one event
    base = dict(FIRST)
    other = dict(FIRST, chief="Lena Vasquez")
    articles = [crash("a1", "Daily", base), crash("a2", "Herald", other)]
    assert partition(cluster_articles(articles)) == {frozenset({"a1", "a2"})}


TEMPLATE_NO_SLOTS = (
    "The central bank raised its benchmark interest rate by a quarter point on Thursday, the {nth} increase "
    "this year, saying inflation remained too high. Governor {who} told a news conference that further "
    "rises could not be ruled out. Mortgage lenders are expected to pass on the increase within days, and "
    "economists at {firm} said the decision had been widely expected by markets. The currency rose "
    "against the dollar after the announcement."
)


def test_identity_must_keep_up_with_the_text():
    # the same wording with entirely different names in the same two slots... and a third text
    # whose names sit in other slots: no shared slot, so only the identity cosine can tell
    a = Article("r1", "Daily", TEMPLATE_NO_SLOTS.format(nth="third", who="Amara Lindqvist", firm="Castlegate Partners"))
    b = Article("r2", "Herald", TEMPLATE_NO_SLOTS.format(nth="fourth", who="Tobias Wren", firm="Meridian Rowe")
                .replace("Governor Tobias Wren told", "Tobias Wren, the governor, told")
                .replace("economists at Meridian Rowe said", "Meridian Rowe economists said"))
    from summarizer.cluster import _slots_conflict, article_features

    assert not _slots_conflict(article_features(a).slots, article_features(b).slots)
    assert len(cluster_articles([a, b], identity_ratio=0)) == 1  # the text alone would merge them
    assert len(cluster_articles([a, b])) == 2


def test_article_features_names_are_proper_names_not_capitalised_ordinary_words():
    from summarizer.cluster import article_features

    article = Article("p1", "Daily", "Officials said the Police had closed the road. The police chief, Hana Brecker, "
                      "said 1,240 homes in Vellory lost power in 2024.")
    feats = article_features(article)
    assert {"w:" + stem("hana"), "w:" + stem("brecker"), "w:" + stem("vellory"), "n:1240"} <= feats.identity
    # "police" is also written in lower case; 2024 is a year
    assert "w:" + stem("police") not in feats.identity and "n:2024" not in feats.identity
    assert feats.slots[("police", "chief", "said", "1,240")] == frozenset({"hana", "brecker"})


def test_precomputed_features_give_the_same_stories(labelled):
    from summarizer.cluster import article_features

    articles = [a for a, _ in labelled]
    features = {a.id: article_features(a) for a in articles}
    with_cache, without = StoryIndex(), StoryIndex()
    for article in articles:
        with_cache.add(article, features[article.id])
        without.add(article)
    assert partition(with_cache.stories) == partition(without.stories)
    rebuilt = StoryIndex(with_cache.stories, features=features)
    assert partition(rebuilt.stories) == partition(without.stories)


def test_a_closed_story_takes_no_more_articles():
    a1, a2, a3 = crash("a1", "Daily", FIRST), crash("a2", "Herald", FIRST, CRASH_RETOLD), crash("a3", "Courier", FIRST)
    index = StoryIndex([[a1]])
    assert index.assign(a2) == 0
    index.close(0)
    assert index.is_closed(0) and index.assign(a2) is None
    assert index.add(a2) == 1 and index.add(a3) == 1  # a new story, which the next report joins
    assert [[a.id for a in s] for s in index.stories] == [["a1"], ["a2", "a3"]]


def test_eligible_limits_which_stories_an_article_may_join():
    a1, a2 = crash("a1", "Daily", FIRST), crash("a2", "Herald", FIRST, CRASH_RETOLD)
    index = StoryIndex([[a1]])
    assert index.assign(a2, eligible=lambda i: True) == 0
    assert index.assign(a2, eligible=lambda i: i != 0) is None
    assert index.add(a2, eligible=lambda i: i != 0) == 1


def test_linkage_counts_pairs_no_candidate_term_linked_at_their_true_cosine():
    # A and B are close; C is moderately like both, but only the B-C pair was a candidate (as
    # when A and C share only terms too common to search by). The mean cosine of {A, B} with C
    # is (0.15 + 0.2) / 2 = 0.175, not (0 + 0.2) / 2: the story of A and B takes C at 0.16.
    from summarizer.cluster import _average_linkage, _Vectors

    c2 = (0.2 - 0.5 * 0.15) / 0.75**0.5
    a = _Vectors({"x": 1.0}, {}, {})
    b = _Vectors({"x": 0.5, "y": 0.75**0.5}, {}, {})
    c = _Vectors({"x": 0.15, "y": c2, "z": (1 - 0.15**2 - c2**2) ** 0.5}, {}, {})
    pairs = {(0, 1): 0.5, (1, 2): 0.2}
    assert len(set(_average_linkage([a, b, c], pairs, 0.16, 0.4))) == 1
    labels = _average_linkage([a, b, c], pairs, 0.18, 0.4)
    assert labels[0] == labels[1] != labels[2]


def _crafted(terms: dict[str, int]):
    from summarizer.cluster import ArticleFeatures

    return ArticleFeatures({f"w:{t}": c for t, c in terms.items()}, frozenset(), {})


def test_regroup_moves_out_a_newcomer_whose_own_story_arrived_after_it():
    # X shares two words with A and arrives before Y, its own story's report: one at a time, X
    # joins A (the only story there is) and Y follows X. Among themselves the three come apart
    # as a batch run groups them: A stays (the story's first article), X and Y leave together.
    a = _crafted({w: 1 for w in ("granit", "quarri", "lorri", "gravel", "crusher", "excav", "harbour", "ferri")})
    x = _crafted({w: 1 for w in ("harbour", "ferri", "lantern", "parad", "drummer", "costum")})
    y = _crafted({w: 1 for w in ("lantern", "parad", "drummer", "costum", "confetti")})
    arts = [Article(i, f"Outlet {i}", "text") for i in ("A", "X", "Y")]
    index = StoryIndex()
    for article, feats in zip(arts, (a, x, y)):
        assert index.add(article, feats) == 0  # all three in one story, one at a time
    assert index.regroup(0, [a, x, y]) == [[1, 2]]
    assert [[art.id for art in s] for s in index.stories] == [["A"], ["X", "Y"]]
    assert index.regroup(1, [x, y]) == []  # under three articles: nothing to regroup
    assert index.regroup(0, [a]) == []
    # the moved pair is a story like any other: a fourth report of it joins it, not A's
    z = _crafted({w: 1 for w in ("lantern", "parad", "drummer", "confetti")})
    assert index.add(Article("Z", "Outlet Z", "text"), z) == 1


def test_regroup_leaves_a_story_that_belongs_together_as_it_is():
    a = _crafted({w: 1 for w in ("lantern", "parad", "drummer", "costum", "harbour")})
    b = _crafted({w: 1 for w in ("lantern", "parad", "drummer", "costum", "confetti")})
    c = _crafted({w: 1 for w in ("lantern", "parad", "drummer", "confetti", "harbour")})
    index = StoryIndex()
    for k, feats in enumerate((a, b, c)):
        assert index.add(Article(str(k), "o", "text"), feats) == 0
    assert index.regroup(0, [a, b, c]) == [] and len(index.stories) == 1
