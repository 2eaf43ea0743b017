"""Briefs of many shuffled invented stories: the line-ordering repairs (pronouns, bare surnames,
"the find", "that decision", "also" ...) must never fail, whatever mix of leaning lines, their
antecedents and hosts left out a story holds, and every line stays a source's own sentence.

A seeded generator mixes one invented flood story's sentences into outlets of 2-4 articles; on
the code before the fix, lines waiting on a host that was itself left out made ``_readable`` change
a dict while iterating it (3 of 80 such stories failed)."""

from __future__ import annotations

import random

from summarizer import Article, build_brief

POOL = (
    "Heavy rain flooded the river town of Marlow on Tuesday, officials said.",
    "Helen Ashby, the town's mayor, said 40 homes were damaged.",
    "Ashby said the council would meet on Friday.",
    "The flood was the worst in 30 years, according to the county.",
    "The find surprised the engineers who inspected the dam.",
    "Engineers found a crack in the old dam near the mill.",
    "\"It was frightening,\" she said.",
    "\"We lost everything,\" he said.",
    "That decision drew criticism from residents.",
    "The council voted to close the bridge after the inspection.",
    "Residents also complained about the slow response.",
    "Tom Reilly, a shopkeeper, said the water rose in minutes.",
    "Reilly said his shop was ruined.",
    "The deal was signed late on Wednesday.",
    "The county agreed to a $2 million repair plan with the state.",
    "Those repairs will take months, the engineers said.",
    "Many had left their homes before the water arrived.",
    "The next day, crews cleared the roads.",
    "Police closed two roads into the town centre.",
    "But the rain is expected to return this weekend.",
    "The mayor thanked the volunteers who filled sandbags.",
    "Volunteers filled 5,000 sandbags overnight.",
    "He said the town needed help from the state.",
    "The state governor, Mark Ellison, visited Marlow on Thursday.",
    "Ellison promised aid for the families who lost homes.",
    "This plan would raise the dam by two metres.",
    "The company that built the dam did not respond.",
    "Northfield Construction built the dam in 1962.",
    "It was the third flood this year.",
    "Officials estimated the damage at $12 million.",
)


def _story(rng: random.Random) -> list[Article]:
    articles = []
    for k in range(rng.randint(2, 4)):
        sentences = rng.sample(POOL, rng.randint(5, 14))
        if rng.random() < 0.7:
            sentences.insert(0, POOL[0])
        articles.append(Article(id=f"a{k}", source=f"Outlet {k}", text=" ".join(sentences)))
    return articles


def test_shuffled_stories_always_brief_with_source_lines() -> None:
    rng = random.Random(3)
    for _ in range(120):
        articles = _story(rng)
        brief = build_brief(articles)
        assert brief.summary, "a story of real sentences gets lines"
        texts = {a.id: a.text for a in articles}
        for item in brief.summary:
            assert item.sources, item.text
            # the line is printed by the first outlet it is cited to (every word a source's)
            assert item.text in texts[item.sources[0]], item.text
