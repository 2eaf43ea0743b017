"""The merged brief: properties that hold for any story, then the seeds and the test stories.

The support check here is deliberately independent of ``summarizer.align``: a cited outlet must
print a sentence holding at least half of the item's content words (stemmed, unweighted) and
every number the item prints. Alignment is stricter than this; a brief that fails it cites an
outlet that does not say what the item says.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer import Article, build_brief
from summarizer.brief import DEFAULT_MAX_WORDS, brief_id
from summarizer.errors import NoContentError
from summarizer.model import Brief, Difference
from summarizer.language import content_words, normalize_text, split_sentences

EVAL = Path(__file__).resolve().parent / "data" / "eval"
STORIES = Path(__file__).resolve().parent / "data" / "stories"
STORY_NAMES = sorted(p.name for p in STORIES.iterdir() if p.is_dir())  # every test story, the held-out ones too
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# --- properties -------------------------------------------------------------------------------


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _says(sentence: str, claim: str) -> bool:
    claim_words = set(content_words(claim))
    shared = claim_words & set(content_words(sentence))
    return len(shared) >= 0.5 * len(claim_words) and _numbers(claim) <= _numbers(sentence)


def _flat(text: str) -> str:
    return " ".join(normalize_text(text).split())


def assert_brief_properties(brief: Brief, articles: Sequence[Article], max_words: int) -> None:
    """What every brief must satisfy, whatever the story."""
    by_id = {a.id: a for a in articles}
    assert brief.title.strip()
    assert [s.id for s in brief.sources] == [a.id for a in articles]
    assert brief.id == brief_id(articles)
    assert sum(len(item.text.split()) for item in brief.summary) <= max_words
    assert len({item.text for item in brief.summary}) == len(brief.summary), "an item repeats"
    for item in brief.summary:
        assert item.sources and len(set(item.sources)) == len(item.sources)
        assert set(item.sources) <= by_id.keys()
        first = by_id[item.sources[0]]
        assert " ".join(item.text.split()) in _flat(first.text), "item is not verbatim from sources[0]"
        for source in item.sources[1:]:
            sentences = split_sentences(by_id[source].text)
            # An item may be a quotation of several sentences: compare with runs of up to three.
            runs = [" ".join(sentences[k : k + n]) for n in (1, 2, 3) for k in range(len(sentences))]
            assert any(_says(run, item.text) for run in runs), f"{source} does not say: {item.text}"
        assert not item.text.rstrip("\"'”’ ").endswith("?")
        assert "©" not in item.text and "all rights reserved" not in item.text.lower()
    assert all(isinstance(d, Difference) for d in brief.differences)
    json.dumps(brief.to_dict())


def _mentions(brief: Brief, *needles: str) -> list[Any]:
    return [i for i in brief.summary if all(n.lower() in i.text.lower() for n in needles)]


# --- small stories made up here -----------------------------------------------------------------

_FLOOD = [
    Article(
        "wire",
        "Wire",
        "Floodwaters forced 3,000 residents of Riverton to leave their homes on Saturday. "
        "The river crested at 9 meters, the highest level since 1998. "
        "Mayor Ana Ruiz said the city would open two shelters at local schools. "
        "Volunteers filled sandbags through the night.",
    ),
    Article(
        "daily",
        "Daily",
        "About 3,000 Riverton residents were forced from their homes by floodwaters on Saturday. "
        "Officials said the river crested at 9 meters, its highest level since 1998. "
        "Two shelters have opened at local schools, the mayor said. "
        "Insurance claims are expected to run into the millions.",
    ),
    Article(
        "radio",
        "Radio",
        "Floodwaters drove 3,000 residents of Riverton from their homes on Saturday, officials said. "
        "The river reached 9 meters, the highest since 1998. "
        "The regional rail line was suspended until further notice. "
        "Forecasters expect more rain on Tuesday.",
    ),
]


def test_a_fact_printed_by_several_outlets_is_cited_to_all_of_them() -> None:
    brief = build_brief(_FLOOD)
    assert_brief_properties(brief, _FLOOD, DEFAULT_MAX_WORDS)
    (evacuation,) = _mentions(brief, "3,000")
    assert set(evacuation.sources) == {"wire", "daily", "radio"}
    (crest,) = _mentions(brief, "1998")
    assert set(crest.sources) == {"wire", "daily", "radio"}
    assert brief.summary[0] is evacuation  # the fact every outlet leads with comes first


def test_an_exclusive_fact_is_cited_to_its_outlet_only() -> None:
    brief = build_brief(_FLOOD, max_words=300)
    assert_brief_properties(brief, _FLOOD, 300)
    (rail,) = _mentions(brief, "rail line")
    assert rail.sources == ("radio",)


_TRANSIT = [
    Article(
        "metro",
        "Metro",
        "City workers began a 48-hour strike on Monday, halting buses and trams across Norvik. "
        "The union wants a 6% raise over two years. "
        "Commuters crowded the few trains still running. "
        "Schools said attendance was normal. "
        "The council said talks would resume on Thursday. "
        "Shops near the central station reported fewer customers. "
        "The strike is the first since 2015. "
        "Residents who walk to work will get a $40 transit credit from the council, officials said.",
    ),
    Article(
        "herald",
        "Herald",
        "Buses and trams stopped across Norvik on Monday as city workers began a 48-hour strike. "
        "The union is seeking a 6% raise over two years. "
        "The Transit Authority said its own staff were not on strike. "
        "Taxi firms added extra cars. "
        "Parking garages filled up early in the morning. "
        "A few cyclists said the roads were quieter than usual. "
        "Traffic police were posted at major junctions. "
        "The council announced it will pay residents a $40 transit credit for the strike days.",
    ),
    Article(
        "radio",
        "Radio",
        "A 48-hour strike by city workers halted buses and trams in Norvik on Monday. "
        "The union has asked for a 6% raise over two years. "
        "Hospital staff were given priority parking. "
        "Some offices told employees to work from home. "
        "Ferries ran on their normal schedule. "
        "The airport shuttle was cancelled. "
        "Delivery companies warned of delays. "
        "Every resident will be offered a $40 transit credit by the council.",
    ),
]


def test_a_fact_every_outlet_tells_last_makes_the_default_brief_by_consensus() -> None:
    # The $40 credit closes each article (one of them words it apart from the others), while
    # every other late sentence is one outlet's aside: three outlets outvote position.
    brief = build_brief(_TRANSIT, max_words=45)  # room for three of the nine facts
    assert_brief_properties(brief, _TRANSIT, 45)
    (credit,) = _mentions(brief, "$40")
    assert len(credit.sources) >= 2
    assert len(_mentions(brief, "48-hour")) == 1  # three leads, one fact, one item


_BREACH = [
    Article(
        "tech",
        "Tech",
        "Hackers stole the records of 2 million customers of Norbank, the lender said on Tuesday. "
        "Customers will be offered 24 months of free credit monitoring. "
        "The bank discovered the intrusion in early May. "
        "Norbank shares fell 6% in early trading.",
    ),
    Article(
        "daily",
        "Daily",
        "Norbank said on Tuesday that hackers stole the records of 2 million customers. "
        "The lender said it was offering affected customers two years of free credit monitoring. "
        "Regulators in three states have opened inquiries. "
        "The bank has hired an outside security firm.",
    ),
]


def test_a_fact_retold_in_other_figures_is_said_once() -> None:
    # "24 months" and "two years" print different figures, so neither outlet is cited for the
    # other's sentence; the brief still tells the offer once, not twice.
    brief = build_brief(_BREACH, max_words=300)
    assert_brief_properties(brief, _BREACH, 300)
    assert len(_mentions(brief, "credit monitoring")) == 1
    assert len(_mentions(brief, "2 million")) == 1
    assert _mentions(brief, "inquiries") and _mentions(brief, "shares")  # the room went to other facts


def test_similar_sentences_share_a_cluster_and_other_aspects_get_their_own() -> None:
    from summarizer.brief import _similarity_clusters
    from summarizer.rank import cosine_matrix

    texts = [
        "The wildfire near Pine Hollow destroyed 40 homes.",
        "Forty homes in Pine Hollow were destroyed by the wildfire.",
        "The Pine Hollow wildfire destroyed homes and barns.",
        "Firefighters said the Pine Hollow wildfire was 5% contained.",
        "Smoke from the wildfire closed schools in Pine Hollow.",
        "The county fair will hold a pie contest on Sunday.",
        "A pie contest is planned for the county fair.",
        "The county fair opens on Saturday with a parade.",
        "Tickets for the county fair cost $5.",
        "The pie contest at the fair has a $100 prize.",
    ]
    labels = list(_similarity_clusters(cosine_matrix(texts)))  # two clusters for ten sentences
    assert len(set(labels[:5])) == 1 and len(set(labels[5:])) == 1
    assert labels[0] != labels[5]


def test_a_sentence_too_long_for_what_is_left_does_not_end_the_brief() -> None:
    # The budget is filled with the best sentence that still fits, not abandoned at the first
    # candidate that does not.
    brief = build_brief(_FLOOD, max_words=30)
    assert_brief_properties(brief, _FLOOD, 30)
    assert len(brief.summary) >= 2
    assert sum(len(i.text.split()) for i in brief.summary) >= 20


def test_identical_copy_from_two_outlets_is_one_item_cited_to_both() -> None:
    text = (
        "The bridge will close for repairs on May 4, the transport ministry said. Traffic will be diverted."
    )
    articles = [Article("a", "A", text), Article("b", "B", "Drivers face delays. " + text)]
    brief = build_brief(articles)
    (item,) = _mentions(brief, "bridge")
    assert set(item.sources) == {"a", "b"}


def test_the_budget_is_respected_and_more_words_say_more() -> None:
    sizes = []
    for budget in (25, 60, 120, 300):
        brief = build_brief(_FLOOD, max_words=budget)
        assert_brief_properties(brief, _FLOOD, budget)
        sizes.append(len(brief.summary))
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]


def test_the_brief_id_is_stable_and_independent_of_article_order() -> None:
    assert build_brief(_FLOOD).id == build_brief(list(reversed(_FLOOD))).id
    assert build_brief(_FLOOD).id != build_brief(_FLOOD[:2]).id


def test_article_titles_become_the_story_title() -> None:
    titled = [
        Article(a.id, a.source, a.text, title=t)
        for a, t in zip(_FLOOD, ["Riverton floods", "3,000 flee Riverton floodwaters", "Rail line suspended"])
    ]
    assert build_brief(titled).title in {"Riverton floods", "3,000 flee Riverton floodwaters"}


def test_without_titles_the_title_is_a_clause_a_source_printed() -> None:
    brief = build_brief(_FLOOD)
    assert 5 <= len(brief.title.split()) <= 14
    assert any(brief.title[1:] in a.text for a in _FLOOD)


def test_a_long_lead_is_cut_at_a_clause_for_the_title() -> None:
    lead = (
        "The Department of Transportation (DOT) has ordered inspections of 1,200 bridges across the state "
        "after a span collapsed in Millbrook, a move that could close dozens of roads."
    )
    articles = [Article("a", "A", lead + " Engineers will start on Monday."), Article("b", "B", lead)]
    title = build_brief(articles).title
    assert (
        title == "The Department of Transportation has ordered inspections of 1,200 bridges across the state"
    )


def test_a_title_keeps_the_closing_mark_of_a_quotation_it_holds() -> None:
    from summarizer.brief import story_title

    lead = 'Two celebrity chefs are feuding over the popular cooking show, "Kitchen Wars."'
    title = story_title([Article("a", "A", lead)], lead)
    assert title == 'Two celebrity chefs are feuding over the popular cooking show, "Kitchen Wars."'


def test_a_title_never_ends_inside_a_quotation_or_opens_on_an_aside() -> None:
    from summarizer.brief import story_title

    # the lead's clause boundaries within fourteen words fall inside the quotation or before it;
    # a bracketed aside is a caption's, never a headline
    lead = "The agency named its new probe after a promise “to touch the sun, to taste its fire, to stay there for a year”."
    aside = "(See the full-color map of the route the solar probe will take toward the sun.)"
    other = "The space agency launched a probe toward the sun on Sunday."
    title = story_title([Article("a", "A", lead)], lead, [aside, other])
    assert title.count("“") == title.count("”") and not title.startswith("(")
    assert title in lead or title in other
    quoted_lead = "“We will touch the sun,” the director of the agency said of the probe on Sunday."
    assert not story_title([Article("a", "A", quoted_lead)], quoted_lead, [aside]).startswith("(")


def test_non_prose_never_reaches_the_brief() -> None:
    junk = (
        "By Jane Doe, Staff Writer\n\n"
        "Floodwaters forced 3,000 residents of Riverton to leave their homes on Saturday.\n\n"
        "What do you think about the flood response?\n\n"
        "Sign up for our newsletter to get the latest updates.\n\n"
        "“It was terrifying. We lost everything.\n\n"
        "Jane Doe is a staff reporter who covers the environment for the Daily.\n\n"
        "© 2025 The Daily. All rights reserved."
    )
    articles = [Article("daily", "Daily", junk), _FLOOD[0]]
    brief = build_brief(articles, max_words=300)
    assert_brief_properties(brief, articles, 300)
    texts = " ".join(i.text for i in brief.summary)
    for bad in ("Jane Doe", "newsletter", "What do you think", "terrifying", "rights reserved"):
        assert bad not in texts


def test_of_two_tellings_of_a_fact_the_one_in_the_reporters_voice_is_shown() -> None:
    # The same fact in as many words, one outlet telling it as "we": in a brief merged from several
    # outlets nobody can tell who "we" is, so the third-person telling represents the fact.
    we = "We learned the city council voted to close the old Elm Street bridge on Monday."
    wire = "The city council voted on Monday to close the old Elm Street bridge, officials said."
    articles = [
        Article("gossip", "Gossip", f"{we} The bridge was built in 1931 and carries 12,500 vehicles a day."),
        Article("wire", "Wire", f"{wire} Repairs are expected to take six weeks."),
    ]
    for ordered in (articles, articles[::-1]):
        brief = build_brief(ordered, max_words=len(wire.split()))
        assert [item.text for item in brief.summary] == [wire]
        assert set(brief.summary[0].sources) == {"gossip", "wire"}


def test_a_research_paper_among_the_sources_does_not_lead_the_brief() -> None:
    paper = Article(
        "journal",
        "Journal",
        "Caihong juji is a small theropod dinosaur with iridescent feathers from the Late Jurassic of "
        "China (Fig. 1). The lacrimal bears a prominent crest (Fig. 2a, b), unlike that of related "
        "taxa (Supplementary Table 2). Its feather barbs are densely spaced (Fig. 3), as in modern "
        "hummingbirds (Lee et al., 2015). Melanosome shapes were measured by electron microscopy "
        "(Supplementary Fig. 8).",
    )
    news = Article(
        "wire",
        "Wire",
        "Scientists in China have found a dinosaur with iridescent rainbow feathers, they said on "
        "Monday. The crow-sized animal lived 161 million years ago. The feathers may have glittered "
        "like a hummingbird's, the researchers said.",
    )
    for articles in ([paper, news], [news, paper]):
        brief = build_brief(articles, max_words=40)
        assert brief.summary[0].sources[0] == "wire"
        assert sum(item.sources[0] == "wire" for item in brief.summary) >= 2


# --- robustness --------------------------------------------------------------------------------


def test_one_article_gives_a_sensible_brief() -> None:
    brief = build_brief([_FLOOD[0]])
    assert_brief_properties(brief, [_FLOOD[0]], DEFAULT_MAX_WORDS)
    assert brief.summary[0].text.startswith("Floodwaters forced 3,000")
    assert all(i.sources == ("wire",) for i in brief.summary)
    assert brief.differences == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "© 2025 Example Corp. All rights reserved.",
        "Home | News | Sport | Weather",
        "\x00\x01\x02",
    ],
)
def test_articles_without_prose_raise_a_clear_error(text: str) -> None:
    with pytest.raises(NoContentError, match="no prose to summarize") as info:
        build_brief([Article("x", "X", text)])
    assert "\n" not in str(info.value)


def test_no_articles_is_an_error() -> None:
    with pytest.raises(ValueError):
        build_brief([])


def test_non_english_latin_text_gets_a_brief() -> None:
    text = (
        "Le conseil municipal de Lyon a approuvé lundi un budget de 2 millions d'euros pour la nouvelle "
        "bibliothèque. Les travaux commenceront au printemps prochain selon la mairie. "
        "La bibliothèque ouvrira ses portes en 2027 avec plus de 80 000 livres."
    )
    brief = build_brief([Article("fr", "Le Journal", text)])
    assert brief.summary and brief.summary[0].text in text


def test_text_in_a_script_without_latin_words_is_a_clear_error() -> None:
    text = "東京都は月曜日、新しい図書館の予算を承認した。工事は来年の春に始まる。図書館は二〇二七年に開館する予定だ。"
    with pytest.raises(NoContentError, match="no prose"):
        build_brief([Article("ja", "新聞", text)])


def test_a_huge_article_is_summarized_in_bounded_time() -> None:
    paragraph = (
        "The committee reviewed {n} proposals for the harbor district on Tuesday. "
        "Members said proposal {n} would add housing near the old docks. "
    )
    text = "\n\n".join(paragraph.format(n=n) for n in range(20_000))  # about 2 MB
    start = time.perf_counter()
    brief = build_brief([Article("big", "Big", text), _FLOOD[0]])
    assert time.perf_counter() - start < 20  # generous: the machine is shared; typically ~1 s
    assert brief.summary


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    from bot.loaders import load_seeds

    return load_seeds()


@pytest.fixture(scope="module")
def seed_brief(seeds: list[Article]) -> Brief:
    return build_brief(seeds)


def test_seed_brief_properties(seeds: list[Article], seed_brief: Brief) -> None:
    assert_brief_properties(seed_brief, seeds, DEFAULT_MAX_WORDS)
    assert len(seed_brief.summary) >= 4


def test_seed_brief_leads_with_the_troop_request_and_accounts_for_every_outlet(
    seeds: list[Article], seed_brief: Brief
) -> None:
    lead = seed_brief.summary[0]
    assert "20,000" in lead.text and "National Guard" in lead.text
    # All five report the request, but not all with the same figure: the lead is cited to the
    # outlets that print it as the lead does ("more than 20,000"), never to one printing only
    # "20,000"; that is the same figure told more plainly, which no outlet disputes, so the figures
    # ledger shows no row for it.
    by_id = {a.id: a.text for a in seeds}
    assert len(lead.sources) >= 3
    assert all("more than 20,000" in by_id[s] for s in lead.sources)
    assert not any(d.values and any("20,000" in v.value for v in d.values) for d in seed_brief.differences)


def test_seed_brief_carries_the_core_facts(seed_brief: Brief) -> None:
    assert _mentions(seed_brief, "review"), "the Pentagon's legal review"
    (request,) = _mentions(seed_brief, "20,000", "National Guard")
    assert len(request.sources) >= 3, "the troop request, as three outlets print it"
    # the ATF agents: two of five outlets print them, and the brief says so either way
    agents = _mentions(seed_brief, "2,000 agents")
    shared = [d for d in seed_brief.differences if "2,000 agents" in (d.quote or d.text)]
    assert any(len(i.sources) == 2 for i in agents) or any(len(d.sources) == 2 for d in shared)


def test_seed_brief_carries_the_self_deport_offer_that_outlets_tell_late(seed_brief: Brief) -> None:
    # Every outlet that has the offer puts it in its last paragraph; three print "$1,000" (one in
    # other words), so consensus lifts it into the one-minute brief.
    (offer,) = _mentions(seed_brief, "$1,000")
    assert len(offer.sources) >= 2


def test_seed_brief_says_each_fact_once(seed_brief: Brief) -> None:
    # "reviewed by the Department of Defense" and "Pentagon attorneys were reviewing the request"
    # are one fact; so are the outlets' several leads about the 20,000 troops.
    assert len(_mentions(seed_brief, "review", "request")) == 1
    assert len(_mentions(seed_brief, "20,000", "National Guard")) == 1


def test_the_default_budget_is_under_a_minute_of_reading(seed_brief: Brief) -> None:
    assert 140 <= DEFAULT_MAX_WORDS <= 200
    assert sum(len(i.text.split()) for i in seed_brief.summary) >= 0.8 * DEFAULT_MAX_WORDS


def test_seed_brief_reads_as_a_story(seed_brief: Brief) -> None:
    first_words = [i.text.split()[0].lower().strip('“"') for i in seed_brief.summary]
    assert first_words[0] not in {"he", "she", "they", "it", "this", "but", "however"}
    assert not seed_brief.title.endswith((",", ";", "—"))
    assert len(seed_brief.title.split()) <= 14


def test_a_line_that_leans_on_the_one_before_is_not_chosen() -> None:
    a = Article(
        "a",
        "A",
        "The city council approved the new harbor budget on Monday after a long debate. "
        "But the mayor vetoed the budget hours later, citing the cost of the new pier. "
        "The harbor has been closed to ferries since a storm damaged the pier in March.",
    )
    b = Article(
        "b",
        "B",
        "The mayor vetoed the harbor budget on Monday, citing the cost of the new pier. "
        "Ferry operators said the closure has cost them thousands of passengers since March.",
    )
    for budget in (25, 40, 60, 200):
        brief = build_brief([a, b], max_words=budget)
        assert brief.summary
        assert not any(item.text.startswith("But ") for item in brief.summary)


# --- the test stories ----------------------------------------------------------------------------


def _validator() -> Any:
    spec = importlib.util.spec_from_file_location("eval_validate", EVAL / "validate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _annotations() -> dict[str, dict[str, Any]]:
    rows = [
        json.loads(line) for line in (EVAL / "brief_facts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return {row["story"]: row for row in rows}


@pytest.mark.parametrize("story", ["seeds", *STORY_NAMES])
def test_story_brief_states_core_facts_and_cites_only_outlets_that_report_them(story: str) -> None:
    from bot.loaders import load_articles, load_seeds

    articles = load_seeds() if story == "seeds" else load_articles([STORIES / story])
    brief = build_brief(articles)
    assert_brief_properties(brief, articles, DEFAULT_MAX_WORDS)
    validate = _validator()
    facts = _annotations()[story]["core_facts"]
    stated = 0
    for fact in facts:
        keys = [validate.normalize(k) for k in fact["keywords"]]
        items = [
            i for i in brief.summary if all(validate.contains(validate.normalize(i.text), k) for k in keys)
        ]
        stated += bool(items)
        allowed = set(fact["sources"]) | set(fact.get("also", ()))
        for item in items:
            assert set(item.sources) <= allowed, f"{story}: {item.text} cites {set(item.sources) - allowed}"
    assert stated >= 0.4 * len(facts), f"{story}: only {stated} of {len(facts)} core facts in the brief"
    # The lead is what the outlets lead with: one of its sources' first sentence, not a quotation.
    lead = brief.summary[0]
    assert lead.text[:1] not in "\"“‘'"
    by_id = {a.id: a for a in articles}
    openings = {_flat(by_id[s].text).split("\n")[0][:200] for s in lead.sources}
    assert any(" ".join(lead.text.split())[:40] in opening for opening in openings)


# --- large stories -------------------------------------------------------------------------------


def _on_topic_reference(sentences: Sequence[Any], similarity: Any) -> dict[str, float]:
    """The on-topic weights computed the plain way: three submatrix sums per article."""
    import numpy

    from summarizer.brief import OFF_TOPIC_COSINE

    ids = list(dict.fromkeys(s.article_id for s in sentences))
    if len(ids) < 3:
        return {}
    sim = numpy.clip(similarity, 0.0, None)
    owner = numpy.array([ids.index(s.article_id) for s in sentences])
    weights = {}
    for k, article_id in enumerate(ids):
        mine, rest = owner == k, owner != k
        inner = sim[numpy.ix_(mine, mine)].sum() * sim[numpy.ix_(rest, rest)].sum()
        cosine = sim[numpy.ix_(mine, rest)].sum() / (inner**0.5) if inner > 0 else 0.0
        weights[article_id] = min(1.0, float(cosine) / OFF_TOPIC_COSINE)
    return weights


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_on_topic_weights_from_block_sums_equal_the_plain_computation(seed: int) -> None:
    import numpy

    from summarizer.align import SourceSentence
    from summarizer.brief import _on_topic

    rng = numpy.random.default_rng(seed)
    sizes = rng.integers(1, 12, size=7)  # articles of unequal length, one may have a single sentence
    owners = [f"a{k}" for k, size in enumerate(sizes) for _ in range(size)]
    if seed == 2:
        rng.shuffle(owners)  # the computation must not rely on sentences grouped by article
    sentences = [SourceSentence(owner, p, f"sentence {p}") for p, owner in enumerate(owners)]
    vectors = rng.random((len(owners), 30)) * (rng.random((len(owners), 30)) < 0.2)
    similarity = vectors @ vectors.T - 0.05  # some negative entries: the clip must be honoured
    for off, scale in (("a3", 0.01), ("a5", 0.05)):  # articles sharing little with the rest
        mine = numpy.array([o == off for o in owners])
        cross = numpy.outer(mine, ~mine) | numpy.outer(~mine, mine)
        similarity[cross] *= scale
    expected = _on_topic_reference(sentences, similarity)
    got = _on_topic(sentences, similarity)
    assert got.keys() == expected.keys() and len(got) == 7
    assert numpy.allclose([got[k] for k in expected], list(expected.values()), rtol=1e-9, atol=1e-12)
    assert min(got.values()) < 1.0  # the comparison covers the proportional branch, not only 1.0s


def test_fair_shares_fill_the_cap_evenly_and_give_short_articles_all_they_have() -> None:
    from summarizer.brief import _fair_shares

    assert _fair_shares([3, 5, 2], 100) == [3, 5, 2]
    assert _fair_shares([2, 10, 10], 15) == [2, 7, 6]  # 2 + 6 + 6, the spare slot to the first with more
    assert _fair_shares([40] * 200, 1200) == [6] * 200
    assert sum(_fair_shares([40] * 7, 100)) == 100


def _big_story(articles: int, sentences: int) -> list[Article]:
    towns = ["Alder", "Birch", "Cedar", "Dover", "Elm", "Fern", "Grove", "Harbor", "Iris", "Juniper"]
    stories = []
    for a in range(articles):
        lines = [
            f"Officials in {towns[(a + p) % len(towns)]} County said {a * 100 + p} homes were damaged "
            f"by the storm that reached the coast on day {p + 1} of the week."
            for p in range(sentences)
        ]
        stories.append(Article(f"outlet-{a:03d}", f"Outlet {a}", " ".join(lines)))
    return stories


def test_a_story_of_200_articles_keeps_at_most_max_sentences_fairly() -> None:
    from summarizer.brief import MAX_SENTENCES, _story_sentences

    articles = _big_story(200, 12)
    sentences = _story_sentences(articles)
    assert len(sentences) == MAX_SENTENCES  # 2,400 available, capped (was 40 per article: all 2,400)
    per_article: dict[str, list[int]] = {}
    for s in sentences:
        per_article.setdefault(s.article_id, []).append(s.position)
    assert len(per_article) == 200  # every outlet is heard...
    assert all(positions == list(range(6)) for positions in per_article.values())  # ...from its lead on
    brief = build_brief(articles)
    assert brief.summary and len(brief.sources) == 200


def test_an_outlet_that_prints_a_line_only_in_a_caption_is_cited_for_it() -> None:
    line = "The city council approved a $2 billion budget for schools and roads on Tuesday."
    a = Article("a", "A", line + " The vote followed a long debate about the new pier. Teachers welcomed the money.")
    b = Article(
        "b",
        "B",
        "Council members voted on Tuesday. " + line + " (AP Photo/Jo Lee)\n\n"
        "Ferry operators said the harbor closure has cost them thousands of passengers since March. "
        "The mayor will sign the plan next week.",
    )
    brief = build_brief([a, b])
    (item,) = [i for i in brief.summary if i.text == line]
    assert set(item.sources) == {"a", "b"}  # b prints it, in a caption the brief would not quote
    assert not any("AP Photo" in i.text for i in brief.summary)


def test_an_outlet_printing_a_quote_in_an_interview_transcript_is_cited_for_it() -> None:
    # An interview printed as Q&A: the speaker's words are first person and talk to "you", so the
    # brief never quotes them from there, but the outlet does print what another outlet quotes.
    line = (
        '"The harbor plan needs more money, but the ferry has to come first," '
        "Mayor Ellen Ruiz said on Tuesday."
    )
    a = Article("a", "A", line + " The council will vote on the harbor plan next month. Ferry riders filled the hall.")
    b = Article(
        "b",
        "B",
        "Mayor Ellen Ruiz spoke with our reporter about the harbor on Tuesday.\n\n"
        "I mean, look, the harbor plan needs more money, but the ferry has to come first, you know.\n\n"
        "Dock workers have waited three years for the new pier. The council meets again in May.",
    )
    from summarizer.align import build_alignment
    from summarizer.brief import _cited, _story_sentences

    unquotable: list[tuple[str, str]] = []
    spoken: list[tuple[str, str]] = []
    sentences = _story_sentences([a, b], unquotable, spoken)
    assert not any(s.text.startswith("I mean") for s in sentences)  # still never a line
    assert not unquotable  # no evidence that b *reports* a fact ("only some report")...
    (k,) = [k for k, s in enumerate(sentences) if s.text == line]
    assert set(_cited(build_alignment(sentences), k, spoken)) == {"a", "b"}  # ...but it prints the quote


def test_text_a_brief_does_not_quote_must_be_about_the_line_to_hold_it() -> None:
    from summarizer.align import SourceSentence, build_alignment

    line = "Users can tell when the feature is activated because a microphone appears on screen."
    sentences = [
        SourceSentence.make("a", 0, line),
        SourceSentence.make("a", 1, "The television maker updated its privacy policy on Monday."),
        SourceSentence.make("b", 0, "The television maker changed its privacy policy after complaints."),
    ]
    alignment = build_alignment(sentences)
    policy = (
        "You activate the feature by pressing a button on the remote control or on your screen and "
        "speaking into the microphone, after which your spoken words, the search history, the device "
        "identifiers and other usage data may be captured, stored and transmitted to a third party "
        "that converts speech to text for the manufacturer and its partners around the world."
    )
    caption = "A microphone appears on screen when the feature is activated, so users can tell."
    assert alignment.held_by(0, [("b", policy)]) == frozenset()  # the line is a sliver of it
    assert alignment.held_by(0, [("b", caption)]) == frozenset({"b"})


# --- lines whose citations would be unsure ------------------------------------------------------


def test_an_outlet_printing_most_of_a_line_without_stating_it_makes_the_line_unsure() -> None:
    from summarizer.align import SourceSentence, build_alignment
    from summarizer.brief import UNSURE_PENALTY, _unsure_outlets

    assert 0 < UNSURE_PENALTY < 1  # the fitted weight (data/selection.json) is read
    lines = [
        ("a", "The harbor council approved the ferry budget on Tuesday after a long debate."),
        ("b", "The harbor council has not approved the ferry budget after a long debate."),  # negated
        ("c", "The harbor council approved the ferry budget on Tuesday after a long debate, members said."),
        ("a", "The council approved 12 new dock projects for the harbor on Tuesday."),
        ("b", "The council approved new dock projects for the harbor on Tuesday."),  # never prints 12
        ("c", "Fishing crews watched the vote from the public gallery."),
    ]
    sentences = [SourceSentence.make(a, k, t) for k, (a, t) in enumerate(lines)]
    unsure = _unsure_outlets(sentences, build_alignment(sentences))
    assert unsure[0] == 1  # outlet b prints most of it, negated; c states it and is cited
    assert unsure[3] == 0  # b tells another statement: no "12" anywhere in it
    assert unsure[5] == 0  # nobody else prints it



# --- the lead: what the outlets open with (round 7, invented text) ----------------------------


def _sentences(rows: Sequence[tuple[str, int, str]]) -> list[Any]:
    from summarizer.align import SourceSentence

    return [SourceSentence.make(a, p, t) for a, p, t in rows]


def test_opening_agreement_counts_only_other_outlets_openings() -> None:
    import numpy

    from summarizer.brief import _opening_agreement

    sentences = _sentences([("a", 0, "x"), ("a", 5, "y"), ("b", 0, "z"), ("b", 4, "w"), ("c", 0, "v")])
    sim = numpy.eye(5)
    sim[0, 2] = sim[2, 0] = 0.6  # a's opening and b's opening tell the same
    sim[0, 3] = sim[3, 0] = 0.9  # b's fifth sentence is not an opening: it does not count for a
    sim[1, 4] = sim[4, 1] = 0.3
    agree = _opening_agreement(sentences, sim)
    assert agree[0] == pytest.approx(0.6 / 2)  # b's opening 0.6, c's opening 0: mean over the 2 others
    assert agree[1] == pytest.approx(0.3 / 2)
    assert agree[2] == pytest.approx(0.6 / 2)  # its own article's sentences never count
    assert _opening_agreement(sentences[:2], sim[:2, :2]).tolist() == [0.0, 0.0]  # one outlet: nothing to agree with


def test_story_order_leads_with_the_opening_the_others_agree_on() -> None:
    from summarizer.align import build_alignment
    from summarizer.brief import _story_order

    sentences = _sentences(
        [
            ("a", 0, "The old harbour of Portvale has drawn painters for two centuries."),
            ("b", 0, "A fire destroyed the harbour warehouse in Portvale on Tuesday night."),
            ("b", 3, "Firefighters from three towns fought the blaze in Portvale until dawn."),
        ]
    )
    alignment = build_alignment(sentences)
    relevance = [1.0, 0.8, 0.9]
    # no agreement measure: the fact told first, the earliest printed, the most relevant
    assert _story_order([0, 1, 2], sentences, alignment, relevance)[0] == 0
    # the warehouse fire agrees with the other outlets' openings: it leads, though less relevant
    assert _story_order([0, 1, 2], sentences, alignment, relevance, [0.1, 0.4, 0.9])[0] == 1
    # a line from further down never leads, however much it shares with the openings
    assert _story_order([0, 2], sentences, alignment, relevance, [0.1, 0.4, 0.9])[0] == 0
    # no opening agreed on (all below the floor): back to the fact told first
    assert _story_order([0, 1, 2], sentences, alignment, relevance, [0.0, 0.01, 0.0])[0] == 0


def test_title_leaves_out_an_aside_between_commas() -> None:
    from summarizer.brief import story_title

    lead = (
        "The Glenmoor Bridge, which has carried the county road over the river since the winter of 1902, "
        "will be closed for repairs, the council said on Monday."
    )
    title = story_title([Article("a", "A", lead)], lead)
    assert title.startswith("The Glenmoor Bridge will be closed for repairs")
    assert "which" not in title and len(title.split()) <= 14


def test_title_is_not_a_line_opening_on_thats() -> None:
    from summarizer.brief import story_title
    from summarizer.language.discourse import needs_previous

    assert needs_previous("That's twice as many as a year before.")
    assert needs_previous("That’s twice as many as a year before.")
    assert not needs_previous("Thatcher's papers were sold at auction on Friday.")
    lead = "Forty-two cases of the fever have been reported in nine counties of the state so far this season."
    other = "That's nearly twice the cases of the fever reported in the whole of last season."
    assert not story_title([Article("a", "A", lead)], lead, [other]).startswith("That")


def test_a_line_is_cited_to_an_outlet_the_fitted_judge_finds_stating_it(monkeypatch) -> None:
    """``_cited`` adds what ``Alignment.judged_by`` finds (here an outlet telling the line over two
    sentences, which ``supports`` refuses); with the judge off, only ``supports``'s outlets."""
    import summarizer.align as align_module
    from summarizer.brief import _cited, _story_sentences

    arts = [
        Article(id="a", source="Alpha", text="Investigators discovered the stolen Vermeer painting in a Marlow warehouse on Friday. The museum reopened in 1962."),
        Article(id="b", source="Beta", text="Detectives found the missing Vermeer on Friday. It was inside a Marlow warehouse."),
        Article(id="c", source="Gamma", text="The Marlow museum held a gala on Friday for its donors. Residents complained about the fees."),
    ]
    sentences = _story_sentences(arts, [], [])
    alignment = align_module.build_alignment(sentences)
    line = next(k for k, s in enumerate(sentences) if s.text.startswith("Investigators"))
    fitted = {**align_module.same_fact_model(), "enabled": True}
    monkeypatch.setattr(align_module, "same_fact_model", lambda: fitted)
    assert _cited(alignment, line, []) == ("a", "b")  # the museum's gala on the same Friday is not cited
    monkeypatch.setattr(align_module, "same_fact_model", lambda: {**fitted, "threshold": 0.999})
    assert _cited(alignment, line, []) == ("a",)  # a stricter cut
    monkeypatch.setattr(align_module, "same_fact_model", lambda: {**fitted, "enabled": False})
    assert _cited(alignment, line, []) == ("a",)
