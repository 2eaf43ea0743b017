"""Differences between outlets: the figures ledger, exclusive facts and framing."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest

from summarizer.align import FactGroup, SourceSentence, align
from summarizer.differences import MAX_DIFFERENCES, find_differences
from summarizer.language.quantities import claims_agree, extract_figures, one_value_told_two_ways, qualifier_class
from summarizer.model import Article
from summarizer.language import normalize_text, split_sentences

DATA = Path(__file__).resolve().parent / "data"
STORIES = DATA / "stories"
FACTS = DATA / "eval" / "brief_facts.jsonl"


def sentences_of(articles: list[Article]) -> list[SourceSentence]:
    return [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]


def diffs_aligned(articles: list[Article]):
    sentences = sentences_of(articles)
    return find_differences(articles, sentences, align(sentences))


def diffs_unaligned(articles: list[Article]):
    """Each sentence its own group: the module must not depend on the aligner to work."""
    sentences = sentences_of(articles)
    return find_differences(articles, sentences, [FactGroup([s], s) for s in sentences])


# A story of our own: three outlets on one earthquake.
QUAKE = [
    Article(
        "q1",
        "Harbor Daily",
        "A magnitude 6.4 earthquake struck the coastal town of Velmora early Tuesday, killing 30 people, police said. "
        "Rescue crews pulled 12 survivors from collapsed buildings overnight, the fire service said. "
        "\"We are still searching the old quarter street by street,\" said fire chief Anna Berg. "
        "Authorities opened three shelters for displaced residents near the harbor. "
        "The quake also damaged 1,200 homes, according to the regional housing office. "
        "Officials said displaced residents would receive vouchers for food.",
    ),
    Article(
        "q2",
        "Metro Wire",
        "A magnitude 6.4 earthquake struck the coastal town of Velmora early Tuesday, killing 35 people. "
        "Rescue crews pulled 12 survivors from collapsed buildings overnight, the fire service said. "
        "Authorities opened three shelters for evacuees near the harbor. "
        "Evacuees lined up for water on Tuesday afternoon as aftershocks shook the town.",
    ),
    Article(
        "q3",
        "Coast Post",
        "A magnitude 6.4 earthquake struck the coastal town of Velmora early Tuesday, killing 35 people, officials said. "
        "Authorities opened three shelters for evacuees near the harbor. "
        "Evacuees said the shelters were crowded. "
        "Engineers will inspect the Velmora dam, which was built in 1958, for cracks on Wednesday.",
    ),
]


@pytest.mark.parametrize("make", [diffs_aligned, diffs_unaligned])
def test_conflicting_death_toll_is_a_ledger_row_with_who_says_what(make):
    diffs = make(QUAKE)
    conflicts = [d for d in diffs if d.kind == "conflict"]
    assert conflicts, diffs
    row = conflicts[0]
    by_value = {v.value: set(v.sources) for v in row.values}
    assert by_value == {"35": {"q2", "q3"}, "30": {"q1"}}
    assert row.subject == "people"
    assert "35" in row.text and "30 per police" in row.text  # who says it, when the text says so
    # the 12 survivors (all agree) and the 1,200 homes (one outlet only) are no conflict
    assert len(conflicts) == 1


def test_a_value_stated_more_or_less_precisely_is_no_difference_at_all():
    shaken = [Article(a.id, a.source, a.text.replace("killing 30 people, police said", "killing at least 30 people"))
              for a in QUAKE]
    # "at least 30" allows the "35" another outlet prints: nobody disputes it, nothing to show
    assert [d for d in diffs_aligned(shaken) if d.values] == []
    rounded = [Article(a.id, a.source, a.text.replace("killing 30 people, police said", "killing more than 35 people"))
               for a in QUAKE]
    assert [d for d in diffs_aligned(rounded) if d.values] == []  # "35" / "more than 35": one figure
    # two qualified figures of different numbers can both be true, yet tell the reader something
    wider = [Article(a.id, a.source, a.text.replace("killing 30 people, police said", "killing at least 30 people")
                     .replace("35", "at least 32")) for a in QUAKE]
    rows = [d for d in diffs_aligned(wider) if d.values]
    assert [d.kind for d in rows] == ["variant"]


def test_a_value_reported_later_is_an_update_oldest_first():
    from datetime import date

    early = Article("e", "Early", "The floods have killed more than 1,000 people, officials said.", published=date(2024, 5, 1))
    late = Article("l", "Late", "The floods have killed more than 1,300 people, officials said.", published=date(2024, 5, 3))
    exact_early = Article("x", "Exact", "The floods have killed 1,020 people, officials said.", published=date(2024, 5, 1))
    exact_late = Article("y", "Later", "The floods have killed 1,310 people, officials said.", published=date(2024, 5, 3))
    (row,) = [d for d in diffs_aligned([late, early]) if d.values]
    assert row.kind == "variant"  # "more than 1,000" and "more than 1,300" can both be true
    (row,) = [d for d in diffs_aligned([exact_late, exact_early]) if d.values]
    assert row.kind == "update"
    assert [v.value for v in row.values] == ["1,020", "1,310"] and "later" in row.text


def test_a_fact_only_one_outlet_has_is_exclusive_and_quoted_verbatim():
    diffs = diffs_aligned(QUAKE)
    exclusives = [d for d in diffs if d.kind == "exclusive"]
    assert any("Anna Berg" in (d.quote or "") and d.sources == ("q1",) for d in exclusives)
    assert any("dam" in (d.quote or "") and d.sources == ("q3",) for d in exclusives)
    # a fact two of three outlets print is shown as theirs, never as one outlet's
    assert all(set(d.sources) == {"q1", "q2"} for d in exclusives if "survivors" in (d.quote or ""))
    # a fact every outlet prints is no difference at all
    assert not any("magnitude 6.4" in (d.quote or "") for d in exclusives)


def test_one_article_has_nothing_to_compare():
    assert diffs_aligned(QUAKE[:1]) == ()
    assert find_differences([], [], []) == ()


def _article_sentences(article: Article) -> set[str]:
    return set(split_sentences(article.text))


def check_invariants(articles: list[Article], diffs) -> None:
    by_id = {a.id: a for a in articles}
    assert len(diffs) <= MAX_DIFFERENCES
    for d in diffs:
        assert d.kind in {"conflict", "variant", "update", "exclusive", "framing"}
        assert d.sources and all(s in by_id for s in d.sources)
        assert len(d.sources) == len(set(d.sources))
        assert len(d.text) <= 320, d.text
        if d.quote is not None:
            assert d.quote in normalize_text(by_id[d.sources[0]].text), (d.kind, d.quote)
        if d.kind in ("conflict", "variant", "update"):
            assert len(d.values) >= 2
            # a conflict is between outlets: at least two articles, each value printed by its sources
            assert len({s for v in d.values for s in v.sources}) >= 2
            for v in d.values:
                assert v.quote in _article_sentences(by_id[v.sources[0]])
                number = extract_figures(v.value, vague=True)[0].number_text
                for source in v.sources:
                    assert number.lower() in by_id[source].text.lower(), (v.value, source)


def story_folders() -> list[Path]:
    return sorted(p for p in STORIES.iterdir() if p.is_dir()) if STORIES.is_dir() else []


def test_seed_differences_hold_what_a_careful_reader_finds(seed_articles):
    diffs = diffs_aligned(seed_articles)
    check_invariants(seed_articles, diffs)
    kinds = [d.kind for d in diffs]
    assert {"conflict", "exclusive", "framing"} <= set(kinds)
    assert kinds[0] == "conflict"

    def row(kind):
        return [{(extract_figures(v.value)[0].value, qualifier_class(extract_figures(v.value)[0].qualifier)) for v in d.values}
                for d in diffs if d.kind == kind]

    # "20,000" / "more than 20,000": one figure stated more or less precisely, no difference
    assert not any(20000.0 in {value for value, _ in r} for kind in ("conflict", "variant", "update") for r in row(kind))
    assert {(95.0, "="), (99.0, "=")} in row("conflict")  # the drop in border crossings
    drop = next(d for d in diffs if d.kind == "conflict" and any(v.value == "95%" for v in d.values))
    claimants = {v.value: v.claimant or "" for v in drop.values}
    assert "White House" in claimants["95%"] and "Commissioner" in claimants["99%"]
    # Duckworth's criticism is one outlet's
    assert any("Duckworth" in (d.quote or "") and len(d.sources) == 1 for d in diffs if d.kind == "exclusive")
    # the 10,000 troops already at the border and ICE's 20,000 staff are other quantities
    assert not any(v.value.endswith("10,000") for d in diffs for v in d.values)


@pytest.mark.parametrize("folder", story_folders(), ids=lambda p: p.name)
def test_story_differences_keep_their_invariants(folder):
    from bot.loaders import load_path

    articles = load_path(folder)
    diffs = diffs_aligned(articles)
    check_invariants(articles, diffs)
    assert diffs, folder.name


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return re.sub(r"\s*(?:per ?cent|percent)\b", "%", text)


def _key(text: str):
    figures = extract_figures(text)
    if not figures:
        return None
    cls = qualifier_class(figures[0].qualifier)
    return (figures[0].value, figures[0].unit, "=" if cls == "~" else cls)


@pytest.mark.skipif(not FACTS.exists(), reason="annotations not present")
def test_annotated_conflicts_are_found_and_equivalents_are_not(seed_articles):
    from bot.loaders import load_path

    found = wanted = flagged = 0
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles = seed_articles if row["story"] == "seeds" else load_path(STORIES / row["story"])
        # a ledger row of any kind: these invented stories count a qualifier difference as one
        reported = [{_key(v.value) for v in d.values} for d in diffs_aligned(articles) if d.values]
        for conflict in row["conflicts"]:
            keys = {_key(v) for v in conflict["values"]} - {None}
            hit = any(len(keys & r) >= 2 for r in reported)
            figures = [extract_figures(v) for v in conflict["values"]]
            if not all(figures):
                continue  # titles and weekdays are not figures
            figures = [f[0] for f in figures]
            # one value told more or less precisely ("20,000" / "more than 20,000"): no outlet
            # disputes the plain figure, so it is no difference, whatever the invented rows planted
            if conflict.get("equivalent") or one_value_told_two_ways(figures):
                flagged += hit
            elif any(not claims_agree(a, b) for a, b in combinations(figures, 2)) and len(keys) >= 2:
                wanted += 1  # two values that cannot both be true: a contradiction to show
                found += hit
    assert flagged == 0
    assert wanted >= 10
    # Real clusters (bench/differences_real.py, fit annotations) showed that only figures told in
    # sentences about one fact are one quantity: some of these invented rows tell a figure in
    # unrelated sentences, and are no longer joined. 5 of 11 when this test was written.
    assert found / wanted >= 0.45, (found, wanted, flagged)


# --------------------------------------------------------------------------- ledger: vague values, split rows


def _conflicts(articles: list[Article]):
    return [d for d in diffs_aligned(articles) if d.values and d.kind in ("conflict", "variant", "update")]


def test_a_vague_quantity_joins_a_disputed_row_but_disputes_nothing_alone():
    agree = [
        Article("a", "A", "The storm destroyed 37 homes in the valley on Monday, officials said."),
        Article("b", "B", "Dozens of homes in the valley were destroyed by the storm on Monday."),
    ]
    assert _conflicts(agree) == []
    disputed = agree + [Article("c", "C", "The storm destroyed more than 45 homes in the valley on Monday.")]
    rows = _conflicts(disputed)
    assert len(rows) == 1
    assert {v.value for v in rows[0].values} == {"37", "dozens", "more than 45"}


def test_one_quantity_in_two_vocabularies_is_one_ledger_row():
    articles = [
        Article("a", "A", "The flood forced about 3,000 residents to leave their homes on Friday."),
        Article("b", "B", "The flood forced about 3,000 residents from their homes on Friday, the county said."),
        Article("c", "C", "The flood has forced more than 3,400 people from their homes, the county said on Friday."),
        Article("d", "D", "More than 3,400 people were ordered out of their homes as the river rose on Friday."),
    ]
    rows = _conflicts(articles)
    assert len(rows) == 1, [r.text for r in rows]
    assert {s for v in rows[0].values for s in v.sources} == {"a", "b", "c", "d"}


def test_two_ages_of_one_person_are_a_conflict_and_another_persons_age_is_not():
    articles = [
        Article("a", "A", "Mara Lindqvist, 54, won the regional sculpture award on Friday for a bronze heron."),
        Article("b", "B", "Lindqvist, 55, who taught art for years, was named the winner of the sculpture award."),
        Article("c", "C", "The runner-up, Tomas Brek, 54, carved a driftwood fox for the sculpture award."),
    ]
    rows = _conflicts(articles)
    assert len(rows) == 1, [r.text for r in rows]
    assert rows[0].subject == "Lindqvist's age"
    assert {v.value: v.sources for v in rows[0].values} == {"54": ("a",), "55": ("b",)}


def test_an_age_printed_after_a_name_and_as_year_old_is_one_quantity():
    # "Smith, 6," carries no unit and "7-year-old Jaylen Smith" carries years: one child's age
    articles = [
        Article("a", "A", "Police said Jaylen Okafor, 6, was struck by a delivery van outside Birchwood School on Monday."),
        Article("b", "B", "A delivery van struck 7-year-old Jaylen Okafor outside Birchwood School on Monday, police said."),
        Article("c", "C", "The driver, Ruth Pell, 58, a bus monitor for 7 years, stayed at Birchwood School after the crash."),
    ]
    rows = _conflicts(articles)
    assert len(rows) == 1, [r.text for r in rows]
    assert rows[0].kind == "conflict" and rows[0].subject == "Okafor's age"
    assert {v.sources for v in rows[0].values} == {("a",), ("b",)}  # the 7 years are no age of his
    # an outlet that gives the age after the first name alone ("Jaylen, 7,") tells the same person's
    later = Article("b", "B", "A delivery van struck Jaylen Okafor outside Birchwood School on Monday. "
                    "Jaylen, 7, was taken to a hospital, police said.")
    rows = _conflicts([articles[0], later])
    assert [(r.kind, {v.value for v in r.values}) for r in rows] == [("conflict", {"6", "7"})]


def test_an_unnamed_persons_age_is_theirs_and_not_another_unnamed_persons():
    boy = Article("a", "A", "The boy, 6, was struck by a delivery van outside Birchwood School on Monday, police said.")
    older = Article("b", "B", "A 7-year-old boy was struck by a delivery van outside Birchwood School on Monday, police said.")
    driver = Article("c", "C", "The driver, 34, stayed at Birchwood School after the van struck a boy on Monday.")
    rows = _conflicts([boy, older])
    assert [(r.kind, r.subject) for r in rows] == [("conflict", "the boy's age")]
    assert _conflicts([boy, driver]) == [] and _conflicts([older, driver]) == []


def test_notes_on_the_report_captions_and_titles_are_never_only_some_report():
    base = "The county opened a second shelter at the fairgrounds on Tuesday as the Larkspur fire spread east. "
    articles = [
        Article("a", "A", base + "The fire destroyed the old Larkspur mill, which had stood since 1911, officials said. "
                "This story was originally reported by the Larkspur Ledger and Corvina Public Radio."),
        Article("b", "B", base + "Volunteers from Corvina Valley delivered water and blankets to the evacuation shelter. "
                "Firefighters from Pell County rest beside their trucks near Larkspur on Aug. 12."),
        Article("c", "C", base + "Analysis of Ember Transport in Mixed Conifer Forests Under Drought Conditions."),
    ]
    exclusives = [d.quote or "" for d in diffs_aligned(articles) if d.kind == "exclusive"]
    assert any("mill" in q for q in exclusives)  # news one outlet alone has is still shown
    assert not any("originally reported" in q or "rest beside" in q or "Ember Transport" in q for q in exclusives)


def test_a_figure_framed_as_another_kind_is_another_quantity():
    dumped = Article("a", "A", "Crews dumped 38 million gallons of water from the Hollow Creek reservoir after the dam cracked.")
    capacity = Article("b", "B", "Crews dumped water from the Hollow Creek reservoir, with a storage capacity of 50 million "
                       "gallons, after the dam cracked.")
    assert _conflicts([dumped, capacity]) == []  # what it holds is not what was dumped
    # a neutral frame ("a total of") names no kind: the two figures still disagree
    total = Article("b", "B", "Crews dumped a total of 50 million gallons of water from the Hollow Creek reservoir after the dam cracked.")
    assert [r.kind for r in _conflicts([dumped, total])] == ["conflict"]


def test_a_part_of_a_whole_is_not_a_different_count_of_the_whole():
    articles = [
        Article("a", "A", "The seven council members met until midnight before the vote on the harbour plan."),
        Article("b", "B", "Four of the seven council members backed the harbour plan after midnight."),
    ]
    assert _conflicts(articles) == []


def test_a_count_told_with_a_verb_and_with_its_noun_is_one_quantity():
    # "employs ... people" and "... employees": the word family ties the two, not a synonym list
    articles = [
        Article("a", "A", "Velbrook Mills, which employs about 4,100 people, reported higher sales on Monday."),
        Article("b", "B", "Velbrook Mills has about 4,400 employees at three plants in the region."),
    ]
    rows = _conflicts(articles)
    assert len(rows) == 1, [r.text for r in rows]
    assert {v.value for v in rows[0].values} == {"about 4,100", "about 4,400"}


def test_a_qualifier_that_only_a_quotation_adds_is_no_dispute():
    articles = [
        Article("a", "A", 'The order directs the agency "to hire no less than 5,000 officers" within a year.'),
        Article("b", "B", "The order directs the agency to hire 5,000 officers within a year."),
    ]
    assert _conflicts(articles) == []


# --------------------------------------------------------------------------- exclusives: notability and budget

SUMMIT = [
    Article(
        "s1",
        "Daily",
        "Leaders of six nations met in Tarvik on Monday to sign a water-sharing treaty for the Orlan river. "
        "The treaty sets quotas for each country during droughts. "
        "Senator Ilse Marwick criticised the treaty as a giveaway that would leave farmers short of water. "
        "The weather was grey and a light rain fell over the harbour.",
    ),
    Article(
        "s2",
        "Wire",
        "Leaders of six nations met in Tarvik on Monday to sign a water-sharing treaty for the Orlan river. "
        "The treaty sets quotas for each country during droughts. "
        "Under the Orlan Basin Compact of 1968, the river was last divided among only three nations. "
        "Delegates ate lunch in the hotel.",
    ),
    Article(
        "s3",
        "Post",
        "Leaders of six nations met in Tarvik on Monday to sign a water-sharing treaty for the Orlan river. "
        "The treaty sets quotas for each country during droughts. "
        "The river supplies water to about 14 million people across the basin.",
    ),
]


def test_notable_exclusives_come_first_and_colour_is_left_out():
    exclusives = [d for d in diffs_aligned(SUMMIT) if d.kind == "exclusive"]
    quotes = [d.quote or "" for d in exclusives]
    assert any("Ilse Marwick" in q for q in quotes)  # a named person's criticism
    assert any("1968" in q for q in quotes)  # a precedent with a named compact
    assert any("14 million" in q for q in quotes)  # a figure about the story's subject
    assert not any("weather" in q or "lunch" in q for q in quotes)  # colour
    assert not any("quotas" in q for q in quotes)  # shared by all: no exclusive


def test_a_fact_one_outlet_alone_has_comes_before_one_a_minority_shares():
    articles = [
        Article(
            f"o{i}",
            f"Outlet {i}",
            "The city council approved a new budget of $2 billion on Tuesday after a long debate. "
            "The budget raises spending on schools and roads. "
            + ("Mayor Dana Whitfield called the vote a victory for working families. " if i == 0 else "")
            + ("The council also voted to rename the central park after Justice Rosa Halvard. " if i in (1, 2) else ""),
        )
        for i in range(5)
    ]
    exclusives = [d for d in diffs_aligned(articles) if d.kind == "exclusive"]
    order = [("Whitfield" in (d.quote or ""), "Halvard" in (d.quote or "")) for d in exclusives]
    assert (True, False) in order and (False, True) in order
    assert order.index((True, False)) < order.index((False, True))


@pytest.mark.parametrize("folder", story_folders(), ids=lambda p: p.name)
def test_differences_stay_short(folder):
    from bot.loaders import load_path
    from summarizer.differences import WORD_BUDGET

    diffs = diffs_aligned(load_path(folder))
    words = [len(d.text.split()) for d in diffs]
    assert sum(words) <= WORD_BUDGET + max(words)  # the budget, overrun by at most the first of a kind
    assert sum(d.kind == "framing" for d in diffs) <= 2
    assert sum(d.kind == "exclusive" for d in diffs) <= 6


# --------------------------------------------------------------------------- framing: contested terms

BORDER = [
    Article("b1", "Wire", "The agency detained 300 undocumented immigrants at the border on Monday. "
            "Lawyers for the undocumented immigrants asked for hearings."),
    Article("b2", "Ledger", "The agency detained 300 illegal immigrants at the border on Monday. "
            "\"These illegal aliens broke the law,\" the agency's director said."),
    Article("b3", "Times", "About 300 illegal immigrants were detained at the border on Monday, officials said."),
]


def test_a_contested_term_each_outlet_chooses_is_a_framing_row():
    framing = [d for d in diffs_aligned(BORDER) if d.kind == "framing"]
    assert len(framing) == 1, framing
    text = framing[0].text
    assert "undocumented immigrants" in text and "illegal immigrants" in text
    # "illegal aliens" is the director's word, inside a quotation: not the outlet's choice
    assert "aliens" not in text
    assert set(framing[0].sources) == {"b1", "b2", "b3"}


def test_ordinary_synonyms_are_no_framing():
    # "displaced residents" / "evacuees", "slashed" / "trimmed" / "lowered": words, not stances
    rates = [
        Article("r1", "Wire", "The central bank slashed interest rates on Wednesday as growth faltered."),
        Article("r2", "Ledger", "The central bank trimmed interest rates on Wednesday, citing weak growth."),
        Article("r3", "Times", "The central bank lowered interest rates on Wednesday for the first time in years."),
    ]
    for articles in (QUAKE, rates):
        assert not [d for d in diffs_aligned(articles) if d.kind == "framing"]


# --------------------------------------------------------------------------- same input, same output


def _as_data(diffs) -> list[dict]:
    return [dataclasses.asdict(d) for d in diffs]


def test_differences_do_not_depend_on_where_sentences_sit_in_memory(seed_articles):
    """Equal stories give equal differences: nothing may hinge on object identity or address.

    The copies are made in reverse order of the originals' ids, so that an order taken from
    ``id()`` (memory addresses) mostly flips between the two.
    """
    sentences = sentences_of(seed_articles)
    copies = {id(s): SourceSentence(s.article_id, s.position, s.text, s.stems) for s in sorted(sentences, key=id, reverse=True)}
    twins = [copies[id(s)] for s in sentences]
    first = find_differences(seed_articles, sentences, align(sentences))
    second = find_differences(seed_articles, twins, align(twins))
    assert _as_data(first) == _as_data(second)


def test_differences_do_not_depend_on_the_hash_seed():
    """Two runs with different string hash seeds print the same differences (no set order leaks)."""
    script = (
        "import dataclasses, json\n"
        "from bot.loaders import load_seeds\n"
        "from summarizer.align import SourceSentence, align\n"
        "from summarizer.differences import find_differences\n"
        "from summarizer.language import split_sentences\n"
        "articles = load_seeds()\n"
        "sentences = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]\n"
        "print(json.dumps([dataclasses.asdict(d) for d in find_differences(articles, sentences, align(sentences))]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=root, env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] and outputs[0] == outputs[1]



def _letter_story(second_date: str, second_event: str = "wrote a lengthy emotional letter to the patriarch") -> list[Article]:
    return [
        Article("d1", "Daily", "The inventor wrote a long emotional letter to the patriarch in May 2012, church officials say. "
                "He died last month at the age of 94 in his home town."),
        Article("d2", "Wire", f"The inventor, who died in December at the age of 94, in {second_date} {second_event}, "
                "a newspaper reported. The patriarch replied to the letter."),
    ]


def test_two_outlets_dating_one_event_differently_is_a_conflict():
    diffs = diffs_aligned(_letter_story("April"))
    (row,) = [d for d in diffs if d.kind == "conflict"]
    assert [v.value for v in row.values] == ["May 2012", "April"]
    assert row.subject and row.subject.startswith("Month")


def test_dates_far_apart_or_of_another_event_are_no_conflict():
    assert not [d for d in diffs_aligned(_letter_story("October")) if d.kind == "conflict"]  # months apart: two events
    other = _letter_story("April", "opened a museum of rifles in the capital")
    assert not [d for d in diffs_aligned(other) if d.kind == "conflict"]


def test_a_day_said_of_the_telling_or_a_show_title_is_no_date_of_the_event():
    story = [
        Article("t1", "Daily", "The firm filed legal paperwork seeking $9,000 in costs, a spokesman said Tuesday. "
                "The comedian of Saturday Night Live spoke about the case."),
        Article("t2", "Wire", "The firm filed legal paperwork seeking $9,000 in costs, its lawyer said Thursday. "
                "The comedian spoke Monday night about the case."),
    ]
    assert not [d for d in diffs_aligned(story) if d.kind == "conflict"]


def test_a_fact_another_outlet_tells_in_a_clause_or_a_caption_is_no_exclusive():
    arts = [
        Article("k1", "Daily", "The inventor of the rifle died in December at the age of 94. "
                "The inventor, whose funeral was attended by President Vladimir Putin, came up with the durable rifle design "
                "after seeing the army's dire lack of weapons during the war."),
        Article("k2", "Wire", "The inventor of the rifle died in December at the age of 94. "
                "Image copyright Reuters Image caption President Vladimir Putin attended the funeral of the inventor in December\n\n"
                "The rifle is one of the most widely used weapons in the world."),
    ]
    from summarizer.brief import build_brief

    exclusives = [d for d in build_brief(arts).differences if d.kind == "exclusive"]
    assert not any("Putin" in d.text for d in exclusives)


def test_an_only_some_item_never_restates_a_line_of_the_brief_body():
    sentences = sentences_of(QUAKE)
    survivors = next(s.text for s in sentences if s.article_id == "q1" and "survivors" in s.text)
    without = find_differences(QUAKE, sentences, align(sentences))
    # without a body, the survivors (two of three outlets) are an "only some report" item ...
    assert any("survivors" in (d.quote or "") for d in without if d.kind == "exclusive")
    body = find_differences(QUAKE, sentences, align(sentences), body=[survivors])
    # ... with the body printing that line (cited there to both), it is not said again, by
    # either outlet's copy; another outlet's own fact stays
    assert not any("survivors" in (d.quote or "") for d in body if d.kind == "exclusive")
    assert any("Anna Berg" in (d.quote or "") for d in body if d.kind == "exclusive")


def test_the_brief_says_no_body_line_again_under_only_some_report():
    from summarizer import build_brief

    brief = build_brief(QUAKE)
    lines = {item.text for item in brief.summary}
    assert not any(d.quote in lines for d in brief.differences if d.kind == "exclusive")


def test_a_kind_named_before_the_noun_and_another_after_it_are_two_quantities():
    from summarizer.language.quantities import same_quantity

    def fig(sentence):
        return next(f for f in extract_figures(sentence) if f.counts), sentence

    robbery = fig("The suspect faces 2 robbery charges, prosecutors said.")
    court = fig("The suspect also faces 3 charges of disobeying a court order, prosecutors said.")
    robbery_after = fig("The suspect faces 3 charges of robbery, prosecutors said.")
    assert not same_quantity(*robbery, *court)
    assert not same_quantity(*court, *robbery)
    # the same kind on either side of the noun is one quantity, and so a conflict
    assert same_quantity(*robbery, *robbery_after)
    lead = "Police in Marlow arrested a man on Friday after a string of shop robberies downtown. "
    two = [
        Article("r1", "One", lead + "Dean Corbett, 31, faces 2 robbery charges, police said."),
        Article("r2", "Two", lead + "Dean Corbett, 31, also faces 3 charges of disobeying a court order."),
    ]
    assert not [d for d in diffs_aligned(two) if d.kind in ("conflict", "variant", "update")]


def test_two_peoples_figures_are_two_quantities_and_one_persons_two_figures_conflict():
    lead = "The heirs of two late publishers are fighting in court over their fortunes. "

    def rows(a, b):
        arts = [Article("e1", "One", lead + a), Article("e2", "Two", lead + b)]
        return [d for d in diffs_aligned(arts) if d.kind in ("conflict", "variant", "update")]

    assert not rows("Rupert Vane left a $26 million estate, court papers show.",
                    "Oliver Crane left an estate of $26.6 million, court papers show.")
    assert not rows("The estate of Rupert Vane is worth $26 million, court papers show.",
                    "The estate of Oliver Crane is worth $26.6 million, court papers show.")
    # the same person's estate told two ways is a conflict, and who says a figure is not its owner
    assert rows("Rupert Vane left a $26 million estate, court papers show.",
                "Rupert Vane left an estate of $26.6 million, court papers show.")
    assert rows("Lawyer Dana Kirsch said Rupert Vane left a $26 million estate.",
                "Rupert Vane left an estate of $26.6 million, court papers show.")


def test_two_people_of_one_surname_have_two_ages_and_counts_as_of_two_moments_do_not_conflict():
    lead = "Rangers searched the Ozark hills for two missing hikers this week. "
    ages = [
        Article("h1", "One", lead + "Sheriff Gray said Brenda Smith, 63, came home from church on Sunday."),
        Article("h2", "Two", lead + "Clinton Preston Smith, 67, of Baton Rouge, was found on Tuesday."),
    ]
    assert not [d for d in diffs_aligned(ages) if d.kind in ("conflict", "variant", "update")]
    same = [
        Article("h1", "One", lead + "Brenda Smith, 63, was found on Tuesday near the river."),
        Article("h2", "Two", lead + "Brenda Smith, 67, was found on Tuesday near the river."),
    ]
    assert [d for d in diffs_aligned(same) if d.kind == "conflict"]
    storm = "A winter storm swept across the Midwest on Saturday, grounding flights at major airports. "
    snapshots = [
        Article("f1", "One", storm + "There were over 2,600 flights canceled as of 5 p.m. ET, according to FlightTrack."),
        Article("f2", "Two", storm + "There were over 1,600 flights canceled as of 3 p.m. ET, according to FlightTrack."),
    ]
    assert not [d for d in diffs_aligned(snapshots) if d.kind in ("conflict", "variant")]
    prices = [
        Article("p1", "One", "StreamCo raised its prices on Monday. StreamCo's ad-supported plan will cost $7 a month."),
        Article("p2", "Two", "StreamCo raised its prices on Monday. The ad-supported plan costs $5 more than the basic plan."),
    ]
    assert not [d for d in diffs_aligned(prices) if d.kind in ("conflict", "variant")]
    rounds = [
        Article("v1", "One", "Party members chose a new leader on Monday. Alex Moore won 137 votes in the final round."),
        Article("v2", "Two", "Party members chose a new leader on Monday. Alex Moore won 83 votes in the third round."),
    ]
    assert not [d for d in diffs_aligned(rounds) if d.kind in ("conflict", "variant")]


def test_a_number_opening_a_street_address_is_no_figure():
    assert not [f for f in extract_figures("She spoke outside 10 Downing Street on Thursday.") if f.value == 10]
    assert [f.value for f in extract_figures("Police said 12 shops on Main Street were looted.")] == [12.0]


def test_a_whole_and_its_part_told_by_one_outlet_are_no_conflict():
    """An outlet printing both the group (6 children in care) and the part (4 burned) does not
    dispute another outlet's 4 burned: its first figure is the whole, not a rival count."""
    articles = [
        Article("d1", "Lakeside Times",
                "Two daycare workers in Marlow were charged after a worker burned toddlers with a hot glue gun on Monday. "
                "The worker was watching 6 children at the Little Oaks center when the burns happened, police said. "
                "Four children were burned on their hands, police said, and all four were treated at a hospital."),
        Article("d2", "Valley Courier",
                "Two daycare workers in Marlow face charges after toddlers were burned with a hot glue gun. "
                "Police said 4 children were burned at the Little Oaks center on Monday. The center said it fired both workers."),
    ]
    for finder in (diffs_aligned, diffs_unaligned):
        assert not [d for d in finder(articles) if d.kind in ("conflict", "update")]
    # the same two outlets disputing the count of burned children is still a conflict
    disputed = [articles[0], Article("d2", "Valley Courier", articles[1].text.replace("4 children were burned", "5 children were burned"))]
    disputed[0] = Article("d1", "Lakeside Times", articles[0].text.replace("watching 6 children", "watching children"))
    assert [d for d in diffs_aligned(disputed) if d.kind == "conflict"]


def _fall_story(fall: str) -> list[Article]:
    return [
        Article("c1", "Ridge Post", "A hiker from Dunmore fell 60 feet from a ledge on Mount Carrow on Sunday, rangers said. "
                "She was flown to a hospital in Alder with a broken leg. Rangers closed the north trail for the rest of the day."),
        Article("c2", "Coast Herald", f"A hiker from Dunmore fell {fall} from a ledge on Mount Carrow on Sunday, rangers said. "
                "A helicopter crew lifted her off the mountain after two hours. The trail had reopened only last week."),
    ]


def test_two_heights_of_one_fall_in_two_units():
    """Feet and metres of one fall are compared converted: 60 feet (18.3 m) and 25 m disagree,
    60 feet and 18 m agree, and a bracketed conversion ("20 meters (66 feet)") is no figure of its own."""
    for finder in (diffs_aligned, diffs_unaligned):
        rows = [d for d in finder(_fall_story("25 meters")) if d.kind == "conflict"]
        assert rows and {v.value for v in rows[0].values} == {"60 feet", "25 meters"}
        assert not [d for d in finder(_fall_story("18 meters")) if d.kind in ("conflict", "variant", "update")]
        rows = [d for d in finder(_fall_story("20 meters (66 feet)")) if d.kind == "conflict"]
        assert rows and "66 feet" not in rows[0].text and "20 meters" in rows[0].text


def test_an_outlet_counting_other_people_is_left_out_of_a_row():
    """A count of the same noun in a sentence that tells nothing the other values' sentences tell
    (an old attack's victims) leaves the row; the two outlets counting the arrested disagree."""
    articles = [
        Article("k1", "Harbor Daily",
                "In 1995 a cult in Osaka used the same nerve agent to attack three people, one of whom died. "
                "Experts say the agent is among the deadliest ever made."),
        Article("k2", "Metro Wire",
                "Four people are in custody over the poisoning of the envoy at Velmora airport, police said. "
                "The envoy died on the way to hospital."),
        Article("k3", "Coast Herald",
                "Police have three people in custody over the poisoning of the envoy at Velmora airport. "
                "Investigators are still searching for four other suspects."),
    ]
    rows = [d for d in diffs_aligned(articles) if d.kind == "conflict"]
    assert rows, "the arrest counts disagree"
    assert set(rows[0].sources) == {"k2", "k3"}
