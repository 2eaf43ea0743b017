"""Stories over time: joining within the window, starting anew outside it, the brief cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline_fixtures import BRIDGE, BRIDGE_B, BRIDGE_C, BRIDGE_D, FESTIVAL, Clock, long_text, make_config

from bot.app import build_service
from bot.ingest import store_articles
from bot.store import SqliteStore
from bot.stories import membership_hash
from summarizer import Article
from summarizer.cluster import StoryIndex


def test_a_later_article_on_the_same_event_joins_its_story_and_the_brief_is_rebuilt(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
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
    clock = Clock(datetime(2026, 11, 1, 6, 0, tzinfo=UTC))
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
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
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


def _story_of(service, article_id: str) -> str:
    return service.store.articles(ids=[article_id])[0].story_id


def test_a_story_closes_a_window_after_its_first_article_however_often_it_is_updated(tmp_path):
    # window 72 h: an update at +50 h joins; at +100 h the story is still "recently updated"
    # (50 h ago) but its first article is 100 h old, so the same kind of report starts anew
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    clock.now += timedelta(hours=50)
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    assert _story_of(service, "b1") == _story_of(service, "a1")
    clock.now += timedelta(hours=50)
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes")])
    assert service.store.articles(ids=["c1"])[0].wire_of is None
    texts = [[Article(i, "x", long_text(t)) for i, t in (("a1", BRIDGE), ("b1", BRIDGE_B))]]
    assert StoryIndex(texts).assign(Article("c1", "x", long_text(BRIDGE_C))) == 0  # same event by its text...
    assert _story_of(service, "c1") != _story_of(service, "a1")  # ...but the first story has closed
    assert len(service.store.stories()) == 2
    service.close()


def test_the_story_index_is_kept_between_updates_and_rebuilt_when_another_process_files(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    config = make_config(tmp_path)
    first = build_service(config, clock=clock)
    first.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge"), Article("f1", "Courier", long_text(FESTIVAL), title="Festival")])
    kept = first.tracker._open
    assert kept is not None
    clock.now += timedelta(hours=1)
    first.add_articles([Article("s1", "Daily", long_text(STORM), title="Storm")])
    assert first.tracker._open is kept  # nothing changed under it: only the new article was filed

    second = build_service(config, clock=clock)  # another process on the same database
    clock.now += timedelta(hours=1)
    second.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    bridge = _story_of(first, "a1")
    assert _story_of(second, "b1") == bridge

    clock.now += timedelta(hours=1)
    first.add_articles([Article("s2", "Herald", long_text(STORM_B), title="Snow")])
    assert first.tracker._open is not kept  # the store changed under it: rebuilt
    assert _story_of(first, "s2") == _story_of(first, "s1")
    assert first.tracker._open.memberships[bridge] == first.store.story(bridge).membership
    assert {a.id for a in first.tracker.members(bridge)} == {"a1", "b1"}
    first.close()
    second.close()


CRASH = [
    "A small plane carrying {n} passengers crashed near {town} on Tuesday, killing everyone on board, officials in {county} County said.",
    "The twin-engine aircraft had left {airport} airport shortly after noon and lost contact with controllers about twenty minutes later.",
    "Fire chief {chief} said crews found the wreckage in a wooded area and that the cause of the crash was not yet known.",
    "{airline} said it was cooperating with investigators from the aviation safety board, who were expected at the site on Wednesday.",
]


def test_two_events_from_one_template_in_one_window_are_two_stories(tmp_path):
    def crash(names: dict[str, object]) -> str:
        return long_text([p.format(**names) for p in CRASH])

    first = {"n": 9, "town": "Harwick", "county": "Dunmore", "airport": "Kelston", "chief": "Maria Ostrander", "airline": "Bluewing Air"}
    second = {"n": 14, "town": "Pellham", "county": "Ravensby", "airport": "Tolliver", "chief": "Owen Castellan", "airline": "Northline Charter"}
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path), clock=clock)
    service.add_articles([Article("a1", "Daily", crash(first), title="Plane crash")])
    clock.now += timedelta(hours=6)
    service.add_articles([Article("b1", "Courier", crash(second), title="Plane crash")])
    assert _story_of(service, "a1") != _story_of(service, "b1")
    service.close()


def test_a_backlog_fetched_at_once_is_split_by_publication_time(tmp_path):
    # one fetch brings in reports published five days apart: the window runs on publication
    # time, so the later report starts its own story even though it arrives with the first
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge", published=monday),
        Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut", published=monday + timedelta(hours=20)),
        Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes", published=monday + timedelta(days=5)),
        Article("d1", "Post", long_text(STORM), title="Storm"),  # undated: when it was first seen
    ])
    assert _story_of(service, "b1") == _story_of(service, "a1")
    assert _story_of(service, "c1") != _story_of(service, "a1")
    assert len(service.store.stories()) == 3
    service.close()


def test_undated_reports_join_a_dated_story_of_the_same_event(tmp_path):
    # one outlet dates its report (long before we saw it), the others give no date: the unknown
    # times must not close the story on the dated one
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge", published=datetime(2025, 5, 15, 8, 0)),
        Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut"),
        Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes"),
    ])
    assert _story_of(service, "a1") == _story_of(service, "b1") == _story_of(service, "c1")
    service.close()


# ---------------------------------------------------------------------------------------------
# continuation: a story that outlives its window carries on as a new story linked to the old one


def test_a_story_outliving_its_window_continues_as_a_new_story_linked_to_the_first(tmp_path):
    # window 72 h: the bridge is covered at 0 h and +50 h (one story), +100 h (the first story
    # has closed: a new one that continues it) and +180 h (the second has closed too: a third,
    # continuing the second); the store follows the chain back to the first
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    clock.now += timedelta(hours=50)
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    clock.now += timedelta(hours=50)
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes")])
    first, second = _story_of(service, "a1"), _story_of(service, "c1")
    assert _story_of(service, "b1") == first and second != first
    assert service.store.story(first).continues is None
    assert service.store.story(second).continues == first

    clock.now += timedelta(hours=80)
    service.add_articles([Article("d1", "Post", long_text(BRIDGE_D), title="Bridge beams removed")])
    third = _story_of(service, "d1")
    assert third not in {first, second}
    assert service.store.story(third).continues == second  # the nearest, not the oldest
    assert [s.id for s in service.store.story_ancestors(third)] == [second, first]
    assert service.store.story_ancestors(first) == []
    service.close()


def test_the_link_is_found_again_after_a_restart_rebuilds_the_index(tmp_path):
    # the continued story closed before this process started: the index rebuilt from the store
    # must still hold it (closed) to link the new story to it
    config = make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n")
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    first_process = build_service(config, clock=clock)
    first_process.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    first_process.close()
    clock.now += timedelta(hours=100)
    restarted = build_service(config, clock=clock)
    restarted.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes")])
    assert restarted.store.story(_story_of(restarted, "c1")).continues == _story_of(restarted, "a1")
    restarted.close()


def test_a_story_quiet_for_longer_than_the_lookback_is_not_continued(tmp_path):
    # window 24 h, lookback 2 windows (48 h) from a story's latest report
    clock = Clock(datetime(2026, 11, 1, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 24\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge")])
    clock.now += timedelta(hours=40)  # closed 16 h ago, last report 40 h ago: continued
    service.add_articles([Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut")])
    second = _story_of(service, "b1")
    assert second != _story_of(service, "a1") and service.store.story(second).continues == _story_of(service, "a1")
    clock.now += timedelta(hours=50)  # the second closed 26 h ago, but its only report is 50 h old
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes")])
    assert _story_of(service, "c1") not in {_story_of(service, "a1"), second}
    assert service.store.story(_story_of(service, "c1")).continues is None
    service.close()


def test_an_unrelated_story_after_the_window_continues_nothing(tmp_path):
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", long_text(BRIDGE), title="Bridge"), Article("f1", "Courier", long_text(FESTIVAL), title="Festival")])
    clock.now += timedelta(hours=100)
    service.add_articles([Article("s1", "Daily", long_text(STORM), title="Storm closes schools")])
    assert service.store.story(_story_of(service, "s1")).continues is None
    assert all(s.continues is None for s in service.store.stories())
    service.close()


CRASH_B = [
    "Investigators from the aviation safety board reached the wreckage near {town} on Wednesday, a day after the crash that killed {n} people.",
    "{airline} said the twin-engine plane had been inspected last month, and that it was working with the investigators.",
    "Fire chief {chief} said the site in {county} County would stay closed while the board's team collected debris.",
    "The flight had left {airport} airport shortly after noon on Tuesday before contact with controllers was lost.",
]


def _crash(template: list[str], names: dict[str, object]) -> str:
    return long_text([p.format(**names) for p in template])


HARWICK = {"n": 9, "town": "Harwick", "county": "Dunmore", "airport": "Kelston", "chief": "Maria Ostrander", "airline": "Bluewing Air"}
PELLHAM = {"n": 14, "town": "Pellham", "county": "Ravensby", "airport": "Tolliver", "chief": "Owen Castellan", "airline": "Northline Charter"}


def test_a_templated_sibling_event_after_the_window_does_not_continue_the_first(tmp_path):
    # two crashes written from one template (text cosine near 0.6, far over the threshold), the
    # second after the first story closed: the names differ, so it is no continuation
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", _crash(CRASH, HARWICK), title="Plane crash")])
    clock.now += timedelta(hours=80)
    service.add_articles([Article("b1", "Courier", _crash(CRASH, PELLHAM), title="Plane crash")])
    sibling = service.store.story(_story_of(service, "b1"))
    assert sibling.id != _story_of(service, "a1") and sibling.continues is None
    service.close()


def test_a_later_report_of_the_same_crash_after_the_window_continues_it(tmp_path):
    # the control of the test above: the same names, other wording, after the window
    clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    service.add_articles([Article("a1", "Daily", _crash(CRASH, HARWICK), title="Plane crash")])
    clock.now += timedelta(hours=80)
    service.add_articles([Article("c1", "Herald", _crash(CRASH_B, HARWICK), title="Crash investigators at the site")])
    later = service.store.story(_story_of(service, "c1"))
    assert later.id != _story_of(service, "a1") and later.continues == _story_of(service, "a1")
    service.close()


def test_a_backlog_report_dated_after_its_story_window_continues_that_story(tmp_path):
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path, "\n[stories]\nwindow_hours = 72\n"), clock=clock)
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge", published=monday),
        Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge closes", published=monday + timedelta(days=5)),
    ])
    assert _story_of(service, "c1") != _story_of(service, "a1")
    assert service.store.story(_story_of(service, "c1")).continues == _story_of(service, "a1")
    service.close()


def _two_services_with_two_stories(tmp_path, monkeypatch, names):
    """Two services over the same three articles (two stories), the brief pool used for any number."""
    import bot.stories

    monkeypatch.setattr(bot.stories, "_PARALLEL_BRIEFS", 1)  # a pool even for a few stories
    articles = [
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge"),
        Article("f1", "Courier", long_text(FESTIVAL), title="Festival"),
        Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut"),
    ]
    services = []
    for name in names:
        (tmp_path / name).mkdir()
        services.append(build_service(make_config(tmp_path / name), clock=Clock()))
        services[-1].add_articles(articles)
    return services


def test_briefs_built_in_worker_processes_are_those_built_here_and_are_kept(tmp_path, monkeypatch):
    here, pooled = _two_services_with_two_stories(tmp_path, monkeypatch, ("here", "pooled"))
    stories = sorted(pooled.store.stories(), key=lambda s: s.id)
    assert len(stories) == 2 and not any(s.brief_json for s in stories)
    expected = [(s.id, here.tracker.brief(s)) for s in stories]
    got = [(story.id, brief) for story, brief in pooled.tracker.briefs_of(stories, workers=2)]
    assert got == expected  # same briefs, in the order asked
    kept = sorted(pooled.store.stories(), key=lambda s: s.id)
    assert all(s.brief_json and s.brief_membership == s.membership for s in kept)
    assert [b for _, b in pooled.tracker.briefs_of(kept, workers=2)] == [b for _, b in expected]  # from the store
    for service in (here, pooled):
        service.close()


def test_a_story_quiet_for_half_a_day_takes_a_newcomer_only_on_strong_name_agreement(tmp_path):
    # the same template with the county, airport and airline kept but another town, fire chief
    # and toll: names agree in part. Hours after the first report that is enough to join; once
    # the story has been quiet for half a day it is a sibling event, while a report of the same
    # crash in other words still joins.
    mixed = dict(HARWICK, town="Pellham", chief="Owen Castellan", n=14)
    outcomes = {}
    for name, hours, article in (
        ("partial names, soon", 3, Article("b1", "Courier", _crash(CRASH, mixed), title="Plane crash")),
        ("partial names, quiet", 20, Article("b1", "Courier", _crash(CRASH, mixed), title="Plane crash")),
        ("same crash, quiet", 20, Article("c1", "Herald", _crash(CRASH_B, HARWICK), title="Crash investigators at the site")),
    ):
        clock = Clock(datetime(2026, 11, 2, 6, 0, tzinfo=UTC))
        home = tmp_path / name.replace(" ", "_").replace(",", "")
        home.mkdir()
        service = build_service(make_config(home), clock=clock)
        service.add_articles([Article("a1", "Daily", _crash(CRASH, HARWICK), title="Plane crash")])
        clock.now += timedelta(hours=hours)
        service.add_articles([article])
        outcomes[name] = _story_of(service, article.id) == _story_of(service, "a1")
        service.close()
    assert outcomes == {"partial names, soon": True, "partial names, quiet": False, "same crash, quiet": True}


def test_the_quiet_rule_asks_for_names_only_of_the_stories_it_is_told_are_quiet():
    mixed = dict(HARWICK, town="Pellham", chief="Owen Castellan", n=14)
    joined = {}
    for quiet in (False, True):
        index = StoryIndex()
        index.add(Article("a1", "Daily", _crash(CRASH, HARWICK), title="Plane crash"))
        position, _ = index.add_linked(
            Article("b1", "Courier", _crash(CRASH, mixed), title="Plane crash"), linkable=lambda i: False, quiet=lambda i, q=quiet: q
        )
        joined[quiet] = position == 0
    assert joined == {False: True, True: False}


def test_every_brief_of_the_service_comes_from_the_worker_pool_as_built_one_at_a_time(tmp_path, monkeypatch):
    one, every = _two_services_with_two_stories(tmp_path, monkeypatch, ("one", "all"))
    try:
        singly = one.briefs(limit=10)  # one at a time, in this process
        assert len(singly) == 2
        assert every.briefs() == singly  # all stories: the stale ones in workers where there are CPUs
        assert all(s.brief_json for s in every.store.stories())
    finally:
        one.close()
        every.close()


QUARRY = (
    "Workers at the granite quarry loaded every lorry with gravel before the crusher stopped. "
    "The excavator driver said the quarry would reopen after the gravel inspection. "
    "Lorry drivers waited beside the crusher while the excavator was repaired. "
    "Near the harbour, the ferry took the last gravel lorry across the water. "
) * 2
PARADE_X = (
    "At the harbour, the ferry brought drummers in costume for the lantern parade. "
    "The lantern parade began when the drummers reached the square in costume. "
    "Each drummer carried a lantern, and the parade costume was painted gold. "
    "Crowds followed the ferry passengers to the lantern parade. "
    "Near the harbour, the ferry crossed the water past a gravel lorry from the quarry. "
) * 2
PARADE_Y = (
    "Confetti fell as the lantern parade passed, the drummers in costume leading it. "
    "Children threw confetti at each drummer and every painted lantern. "
    "The costume contest ended the lantern parade, and confetti covered the square. "
    "Organisers said the drummers and their lanterns would return next year. "
) * 2


def _parade_after_quarry(tmp_path, *, posted: bool):
    """A quarry report, then a parade report that mentions the quarry's lorry at the harbour (it
    takes the quarry's story: there is no other yet), then a second parade report."""
    clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    service = build_service(make_config(tmp_path), clock=clock)
    service.add_articles([Article("q1", "Daily", QUARRY, title="Quarry lorries wait for the crusher")])
    clock.now += timedelta(hours=1)
    service.add_articles([Article("p1", "Courier", PARADE_X, title="Ferry brings drummers to the lantern parade")])
    quarry_story = _story_of(service, "q1")
    assert _story_of(service, "p1") == quarry_story
    if posted:
        assert service.store.claim("morning", "#news", "w1", "k1", kind="story", story_id=quarry_story,
                                   owner="test", at=clock.now, stale_before=clock.now)
    clock.now += timedelta(hours=1)
    service.add_articles([Article("p2", "Herald", PARADE_Y, title="Confetti for the lantern parade")])
    return service, quarry_story


def test_a_newcomer_that_took_an_unposted_story_leaves_it_with_its_own_story_s_reports(tmp_path):
    service, quarry_story = _parade_after_quarry(tmp_path, posted=False)
    parade = _story_of(service, "p1")
    assert _story_of(service, "p2") == parade != quarry_story == _story_of(service, "q1")
    stories = {s.id: s for s in service.store.stories()}
    assert stories[quarry_story].size == 1 and stories[parade].size == 2 and len(stories) == 2
    assert stories[quarry_story].membership == membership_hash(["q1"])
    # the index kept agrees with the store: a third parade report joins the parade
    service.add_articles([Article("p3", "Post", PARADE_Y.replace("Confetti", "Streamers"), title="Parade")])
    assert _story_of(service, "p3") == parade
    service.close()


def test_a_posted_story_keeps_its_members(tmp_path):
    service, quarry_story = _parade_after_quarry(tmp_path, posted=True)
    assert {_story_of(service, i) for i in ("q1", "p1", "p2")} == {quarry_story}
    service.close()


def test_a_digest_claim_between_a_poll_s_regroup_and_its_store_keeps_the_story_whole(tmp_path):
    """A digest in another process claims the quarry story after the poll checked it was unposted
    and split it, before the poll stores the split: the split is dropped, the story stays whole."""
    outcomes = {}
    for claimed in (False, True):
        clock = Clock(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
        (tmp_path / str(claimed)).mkdir()
        service = build_service(make_config(tmp_path / str(claimed)), clock=clock)
        service.add_articles([Article("q1", "Daily", QUARRY, title="Quarry lorries wait for the crusher")])
        clock.now += timedelta(hours=1)
        service.add_articles([Article("p1", "Courier", PARADE_X, title="Ferry brings drummers to the lantern parade")])
        quarry_story = _story_of(service, "q1")
        clock.now += timedelta(hours=1)
        store_articles(service.store, [Article("p2", "Herald", PARADE_Y, title="Confetti for the lantern parade")],
                       clock=clock, settings=service.config.stories)
        plan = service.tracker._plan()  # the poll regroups the quarry story: unposted so far
        assert [s.story_id for s in plan.splits] == [quarry_story]
        if claimed:  # a digest, with its own connection to the same file, claims it now
            digest_side = SqliteStore(service.store.path)
            assert digest_side.claim("morning", "#news", "w1", "k1", kind="story", story_id=quarry_story,
                                     owner="test", at=clock.now, stale_before=clock.now)
            digest_side.close()
        changed = service.tracker._apply(plan)
        members = {i: _story_of(service, i) for i in ("q1", "p1", "p2")}
        stories = {s.id: s for s in service.store.stories()}
        if claimed:
            assert changed == [quarry_story]
            assert stories[quarry_story].membership == membership_hash(["q1", "p1", "p2"])
            assert stories[quarry_story].size == 3 and len(stories) == 1
        # the next poll agrees with the store either way: a third parade report joins the parade
        service.add_articles([Article("p3", "Post", PARADE_Y.replace("Confetti", "Streamers"), title="Parade")])
        members["p3"] = _story_of(service, "p3")
        outcomes[claimed] = {i: "quarry" if s == quarry_story else "other" for i, s in members.items()}
        service.close()
    assert outcomes == {
        False: {"q1": "quarry", "p1": "other", "p2": "other", "p3": "other"},
        True: {"q1": "quarry", "p1": "quarry", "p2": "quarry", "p3": "quarry"},
    }


def _store_text_as_bytes(service, article_id):
    """A genuinely bad stored row: SQLite keeps a BLOB in the TEXT column (another tool, or an
    older writer, stored the raw bytes), and the summarizer fails on it with a TypeError."""
    import sqlite3

    with sqlite3.connect(service.store.path) as db:
        assert db.execute("UPDATE articles SET text = CAST(text AS BLOB) WHERE id = ?", (article_id,)).rowcount == 1
    assert isinstance(service.store.articles(ids=[article_id])[0].text, bytes)


def test_a_story_the_summarizer_fails_on_is_skipped_and_the_others_are_briefed(tmp_path, monkeypatch, caplog):
    from bot.stories import BriefFailed

    here, pooled = _two_services_with_two_stories(tmp_path, monkeypatch, ("here", "pooled"))
    try:
        for service in (here, pooled):
            _store_text_as_bytes(service, "f1")
        festival, bridge = _story_of(here, "f1"), _story_of(here, "a1")
        with caplog.at_level("WARNING", logger="bot"):
            singly = here.briefs(limit=10)  # in this process, one at a time (as digests do)
        assert [b.id for b in singly] == [bridge]
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert warned == [f"story {festival} skipped: the summarizer failed: TypeError: " + warned[0].split("TypeError: ", 1)[1]]
        assert "\n" not in warned[0] and "Traceback" not in caplog.text  # the traceback only at debug level
        stories = sorted(pooled.store.stories(), key=lambda s: s.id)
        got = dict((story.id, brief) for story, brief in pooled.tracker.briefs_of(stories, workers=2))  # worker processes
        assert isinstance(got[festival], BriefFailed) and got[festival].kind == "TypeError"
        assert "Traceback" in got[festival].trace  # it crossed the process pool whole
        assert got[bridge] == singly[0]
        caplog.clear()
        with caplog.at_level("DEBUG", logger="bot"):
            assert pooled.briefs() == singly  # every story, through the pool
        assert "Traceback" in caplog.text and f"story {festival} skipped" in caplog.text
    finally:
        here.close()
        pooled.close()
