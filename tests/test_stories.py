"""Stories over time: joining within the window, starting anew outside it, the brief cache."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.app import build_service
from summarizer import Article

from pipeline_fixtures import BRIDGE, BRIDGE_B, FESTIVAL, Clock, long_text, make_config


def test_a_later_article_on_the_same_event_joins_its_story_and_the_brief_is_rebuilt(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge"), Article("f1", "Courier", long_text(FESTIVAL), title="Festival")])
    before = {s.id: s for s in service.store.stories()}
    bridge_story = service.store.articles(ids=["a1"])[0].story_id
    brief1 = service.tracker.brief(before[bridge_story])
    cached = service.store.story(bridge_story)
    assert cached.brief_membership == cached.membership
    assert service.tracker.brief(cached) == brief1  # served from the cache, identical

    clock.now += timedelta(hours=5)
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    joined = service.store.articles(ids=["b1"])[0].story_id
    assert joined == bridge_story  # same event, within the window: joins
    after = service.store.story(bridge_story)
    assert after.membership != cached.membership and after.outlets == 2
    brief2 = service.tracker.brief(after)
    assert {s.id for s in brief2.sources} == {"a1", "b1"} and brief2.id == bridge_story
    service.close()


def test_outside_the_time_window_an_article_starts_a_new_story(tmp_path):
    clock = Clock(datetime(2026, 11, 1, 6, 0, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 24\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    clock.now += timedelta(days=10)
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    ids = {a.id: a.story_id for a in service.store.articles()}
    assert ids["a1"] != ids["b1"]
    service.close()


def test_wire_reprints_join_the_story_but_count_once(tmp_path):
    clock = Clock()
    service = build_service(make_config(tmp_path), clock=clock)
    text = long_text(BRIDGE)
    service.add_articles([Article("a1", "Wire", text), Article("r1", "Reprinter", text + "\n\nDistributed by Wire.")])
    rows = {a.id: a for a in service.store.articles()}
    assert rows["r1"].wire_of == "a1" and rows["r1"].story_id == rows["a1"].story_id
    story = service.store.story(rows["a1"].story_id)
    assert story.size == 2 and story.outlets == 1
    assert [s.id for s in service.tracker.brief(story).sources] == ["a1"]
    service.close()


STORM = [
    "A winter storm dropped 40 centimetres of snow on Northfield overnight, closing all 23 public schools on Thursday.",
    "The Northfield public works department said 60 ploughs were clearing roads and asked drivers to stay home.",
    "Power company Lakeline Energy said about 12,000 homes in Northfield were without electricity after lines came down.",
    "Forecasters expect the snow to ease by Friday afternoon, with temperatures staying below freezing through the weekend.",
]
STORM_B = [
    "Schools across Northfield stayed shut on Thursday after a storm buried the town under 40 centimetres of snow.",
    "Lakeline Energy crews worked through the night to restore power to roughly 12,000 Northfield homes.",
    "Public works officials said 60 ploughs were out and urged residents to avoid driving until roads were cleared.",
    "Forecasters said the snow should stop by Friday, although freezing temperatures will linger into the weekend.",
]


def test_articles_arriving_later_join_their_story_and_unrelated_ones_start_new_stories(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc))
    service = build_service(make_config(tmp_path), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close"), Article("f1", "Courier", long_text(FESTIVAL), title="Festival opens")])
    first = {s.id: s for s in service.store.stories()}
    story = {a.id: a.story_id for a in service.store.articles()}
    assert len(first) == 2 and story["a1"] != story["f1"]

    clock.now += timedelta(hours=3)  # a later fetch: one more report of the bridge
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut for repairs")])
    story = {a.id: a.story_id for a in service.store.articles()}
    assert story["b1"] == story["a1"]
    assert service.store.story(story["f1"]).membership == first[story["f1"]].membership  # untouched

    clock.now += timedelta(hours=1)  # another fetch: a new event, reported twice in the same batch
    service.add_articles([
        Article("s1", "Daily", long_text(STORM), title="Storm closes schools"),
        Article("s2", "Herald", long_text(STORM_B), title="Snow shuts Northfield"),
    ])
    story = {a.id: a.story_id for a in service.store.articles()}
    assert story["s1"] == story["s2"] and story["s1"] not in {story["a1"], story["f1"]}
    assert len(service.store.stories()) == 3
    assert service.store.story(story["s1"]).outlets == 2
    service.close()
