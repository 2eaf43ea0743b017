"""Cross-source alignment: the same fact told by several outlets is one group, cited to all of them."""

from __future__ import annotations

from summarizer.align import (
    FactGroup,
    SourceSentence,
    align,
    build_alignment,
    figures_in,
    is_negated,
    numbers_in,
)


def _sentences(*pairs: tuple[str, str]) -> list[SourceSentence]:
    positions: dict[str, int] = {}
    out = []
    for article_id, text in pairs:
        out.append(SourceSentence.make(article_id, positions.get(article_id, 0), text))
        positions[article_id] = positions.get(article_id, 0) + 1
    return out


def _group_of(groups: list[FactGroup], sentence: SourceSentence) -> FactGroup:
    (group,) = [g for g in groups if any(m is sentence for m in g.members)]
    return group


# Background sentences give the story a vocabulary, as real articles do, so that word weights
# (inverse sentence frequency) are not computed from two sentences alone.
_BACKGROUND = (
    ("x", "The council meets every Tuesday in the old town hall."),
    ("x", "Residents packed the public gallery for the debate."),
    ("y", "The mayor has led the city since 2019."),
    ("y", "Local businesses have asked for lower parking fees."),
)


def test_reworded_sentences_from_two_outlets_are_one_fact() -> None:
    a, b = _sentences(
        ("a", "The city council approved a $2 million budget for the new library on Monday."),
        ("b", "On Monday the council of the city approved the new library's $2 million budget."),
    )
    groups = align([a, b, *_sentences(*_BACKGROUND)])
    group = _group_of(groups, a)
    assert group is _group_of(groups, b)
    assert set(group.sources) == {"a", "b"}


def test_a_defined_acronym_counts_as_its_long_form() -> None:
    a, b = _sentences(
        ("a", "The Federal Aviation Administration (FAA) grounded 300 jets after the incident in Denver."),
        ("b", "The FAA grounded 300 jets after the Denver incident."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert alignment.supports(1, 0) and alignment.supports(0, 1)


def test_everyday_synonyms_count_as_the_same_words() -> None:
    a, b = _sentences(
        ("a", "Lawyers asked the judge to delay the trial."),
        ("b", "Attorneys requested that the judge delay the trial."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1) and alignment.supports(1, 0)


def test_different_facts_that_share_their_nouns_stay_apart() -> None:
    a, b = _sentences(
        ("a", "Police arrested the suspect in Lyon on Monday after a long chase."),
        ("b", "Police released the suspect in Lyon on Thursday without charges."),
    )
    groups = align([a, b, *_sentences(*_BACKGROUND)])
    assert _group_of(groups, a) is not _group_of(groups, b)


def test_identical_sentences_from_two_outlets_keep_both_provenances() -> None:
    text = "The storm knocked out power to 40,000 homes across the county overnight."
    a, b = _sentences(("wire", text), ("paper", text))
    groups = align([a, b, *_sentences(*_BACKGROUND)])
    group = _group_of(groups, a)
    assert group is _group_of(groups, b)
    assert set(group.sources) == {"wire", "paper"}
    assert a is not b and a != b  # identity, not text, is a sentence's provenance
    assert sum(m is a for g in groups for m in g.members) == 1
    assert sum(m is b for g in groups for m in g.members) == 1


def test_different_numbers_are_a_conflict_not_a_shared_fact() -> None:
    a, b = _sentences(
        ("a", "Illegal border crossings fell 95% since January, officials said."),
        ("b", "Illegal border crossings fell 99% since January, officials said."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1) and not alignment.supports(1, 0)


def test_a_negated_sentence_does_not_support_the_affirmative() -> None:
    a, b = _sentences(
        ("a", "The governor approved the pipeline permit on Friday."),
        ("b", "The governor has not approved the pipeline permit on Friday."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1) and not alignment.supports(1, 0)


def test_a_sentence_saying_half_a_claim_does_not_support_the_other_half() -> None:
    a, b = _sentences(
        (
            "a",
            "It was unclear what role the troops would play and whether states would have to approve the plan.",
        ),
        ("b", "It was unclear what role the troops would play and whether they would make arrests."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1)


def test_a_long_sentence_that_contains_the_claim_supports_it() -> None:
    a, b = _sentences(
        ("a", "The museum will reopen on June 3 after a two-year renovation."),
        (
            "b",
            (
                "After a two-year renovation that cost far more than planned, the museum will reopen on June 3, "
                "its director said."
            ),
        ),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1)
    assert alignment.sources_of(0) == ("a", "b")


def test_groups_partition_the_sentences_and_every_member_supports_its_representative() -> None:
    sentences = _sentences(
        ("a", "The city council approved a $2 million budget for the new library on Monday."),
        ("b", "On Monday the council of the city approved the new library's $2 million budget."),
        ("c", "The city council approved the library budget of $2 million on Monday night."),
        ("c", "Construction is expected to start next spring."),
        *_BACKGROUND,
    )
    alignment = build_alignment(sentences)
    groups = align(sentences, alignment)
    members = [m for g in groups for m in g.members]
    assert len(members) == len(sentences)
    assert {id(m) for m in members} == {id(s) for s in sentences}
    index = {id(s): k for k, s in enumerate(sentences)}
    for group in groups:
        rep = index[id(group.representative)]
        assert group.sources[0] == group.representative.article_id
        for m in [*group.members, *group.also]:
            if m is not group.representative:
                assert alignment.supports(rep, index[id(m)])
    library = _group_of(groups, sentences[0])
    assert set(library.sources) == {"a", "b", "c"}


def test_helpers_read_numbers_and_negation() -> None:
    assert numbers_in("about 20,000 troops and 7,700 staff, 99.5%") == {"20000", "7700", "99.5"}
    assert is_negated("They didn't say.") and is_negated("It will never happen.")
    assert not is_negated("Nothingness is a word; notable too.")


def test_empty_input_gives_no_groups() -> None:
    assert align([]) == []


def test_figures_carry_their_unit_so_money_and_people_differ() -> None:
    assert figures_in("Migrants will be offered $1,000 and free travel.") == {"$1000"}
    assert figures_in("Police arrested more than 1,000 illegal immigrants.") == {"1000 illeg"}
    assert figures_in("Crossings fell 95% and traffic 99.5 percent.") == {"95%", "99.5%"}
    assert figures_in("The city approved a $2 million budget.") == {"$2 million"}
    assert figures_in("The DOJ enlisted about 2,000 agents.") == {"2000 agent"}
    # Years, days and small counts are not distinctive.
    assert figures_in("In 2024, on May 3, he met 12 officials.") == frozenset()


_OFFER = (
    ("a", "Migrants who agree to leave using the app will be offered $1,000 and free travel."),
    (
        "b",
        "The agency announced an initiative offering migrants $1,000 to return home, along with travel help.",
    ),
    ("c", "The agency announced last week that it will pay migrants $1,000 if they return home."),
    ("c", "Police arrested more than 1,000 migrants in one operation last month."),
)


def test_a_reworded_report_of_the_same_figure_is_related_but_not_a_citation() -> None:
    sentences = _sentences(*_OFFER, *_BACKGROUND)
    alignment = build_alignment(sentences)
    offered, initiative, pay, arrests = 0, 1, 2, 3
    # "offered $1,000 and free travel" shares the figure, "offer" and "travel" with b's sentence.
    assert alignment.is_related(offered, initiative) and alignment.is_related(initiative, offered)
    assert not alignment.supports(offered, initiative) and not alignment.supports(initiative, offered)
    # a and c share only the figure and "migrants", but both relate to b about "$1,000": one event.
    assert alignment.is_related(offered, pay)
    assert {sentences[j].article_id for j in alignment.corroborators(pay)} == {"a", "b"}
    # "1,000 migrants" arrested is another figure: not related to the $1,000 offer.
    assert not any(alignment.is_related(arrests, j) for j in (offered, initiative, pay))
    # Relatedness never adds a citation.
    assert "a" not in alignment.sources_of(pay)


def test_sentences_of_one_article_are_never_related() -> None:
    sentences = _sentences(
        ("a", "The agency will pay migrants $1,000 if they return home this year."),
        ("a", "Migrants who return home this year get $1,000 from the agency."),
        *_BACKGROUND,
    )
    assert not build_alignment(sentences).is_related(0, 1)


def test_a_number_qualified_differently_is_not_the_same_statement() -> None:
    from summarizer.align import same_qualifiers

    assert not same_qualifiers("DHS asked for more than 20,000 troops.", "DHS asked for 20,000 troops.")
    assert not same_qualifiers("Nearly 200 were arrested.", "200 were arrested.")
    assert same_qualifiers("About 2,000 agents joined.", "Approximately 2,000 agents joined.")
    assert same_qualifiers("About 2,000 agents joined.", "2,000 agents joined.")  # rounding is not disputing
    assert same_qualifiers("2,000 agents joined.", "The agents, 2,000 of them, joined.")


def test_a_sentence_sharing_only_a_name_phrase_does_not_support_the_claim() -> None:
    # The sales sentence names the same man with the same description, but says nothing of him
    # handing over the medal: sharing who a claim is about is not sharing what it says.
    claim, sales, ceremony = _sentences(
        ("a", "The medal was presented by the former champion, Ada Quill."),
        ("b", "The former champion, Ada Quill's memoir, sold 9,000 copies last spring."),
        ("c", "Ada Quill, the former champion, presented the medal at the gala."),
    )
    alignment = build_alignment([claim, sales, ceremony, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1)
    assert alignment.supports(0, 2)


def test_a_shared_statement_with_another_speaker_label_still_supports() -> None:
    # The shared words are one phrase here too, but a phrase with a verb: a statement, not a name.
    claim, other = _sentences(
        ("a", '"We will rebuild the old river bridge and reopen the ferry by spring," Lena Ortiz said.'),
        ("b", '"We will rebuild the old river bridge and reopen the ferry by spring," she said.'),
    )
    alignment = build_alignment([claim, other, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1)


def test_a_source_that_leaves_out_where_it_happened_does_not_support_the_place() -> None:
    claim, same_place, no_place = _sentences(
        ("a", "Ada Quill found the fossilised flipper bone in the cliffs below Gannet Head in June 2019."),
        ("b", "In June 2019 Ada Quill found a fossilised flipper bone in the cliffs below Gannet Head."),
        ("c", "Ada Quill found the fossilised flipper bone in the cliffs in June 2019."),
    )
    alignment = build_alignment([claim, same_place, no_place, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1)
    assert not alignment.supports(0, 2)
    assert alignment.supports(2, 0)  # the line without the place is said by both


def test_another_quotation_of_the_same_speaker_does_not_support_a_quote() -> None:
    claim, other, same = _sentences(
        ("a", '"This is about carrying out the mandate to arrest and deport criminals," Lena Ortiz said.'),
        ("b", '"The agency requested troops to help carry out the mandate to arrest and deport criminals," Ortiz said.'),
        ("c", 'Lena Ortiz said: "This is about carrying out the mandate to arrest and deport criminals."'),
    )
    alignment = build_alignment([claim, other, same, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1)  # the same theme, other words quoted
    assert alignment.supports(0, 2)


def test_a_name_spelled_two_ways_by_two_outlets_is_one_name() -> None:
    claim, other = _sentences(
        ("a", "European envoy Catherine Ashton met deposed president Mohamed Morsi on Monday night."),
        ("b", "European envoy Catherine Ashton met deposed president Mohamed Mursi on Monday night."),
    )
    alignment = build_alignment([claim, other, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1) and alignment.supports(1, 0)


def test_two_adjacent_sentences_may_hold_a_line_together_but_not_far_apart_ones() -> None:
    claim = SourceSentence.make("a", 0, "Paramedics found Sementilli bleeding on Monday at a gated house in Woodland Hills.")
    first = SourceSentence.make("b", 0, "Paramedics found Sementilli on Monday.", unit=0)
    second = SourceSentence.make("b", 1, "He lived in a gated house in Woodland Hills.", unit=1)
    alignment = build_alignment([claim, first, second, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1) and not alignment.supports(0, 2)  # each holds half the line
    assert "b" in alignment.sources_of(0)
    # the same two sentences with a caption printed between them are not one piece of evidence
    apart = SourceSentence.make("b", 1, second.text, unit=2)
    alignment = build_alignment([claim, first, apart, *_sentences(*_BACKGROUND)])
    assert alignment.sources_of(0) == ("a",)


def test_hyphenated_names_and_numbers_in_words_match_their_parts() -> None:
    a, b = _sentences(
        ("a", "Kim Jong-nam was killed by a nerve agent at the airport in Kuala Lumpur, police said."),
        ("b", "Police said a nerve agent killed Kim Jong Nam at the airport in Kuala Lumpur."),
    )
    alignment = build_alignment([a, b, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1) and alignment.supports(1, 0)


def test_a_quotation_with_a_conjunction_inserted_is_the_same_quotation() -> None:
    from summarizer.align import _quote_printed, quotations

    (quote,) = quotations('"All of that behavior needs to be confronted, but there is a continuum. On this end you have rape," he said.')
    assert _quote_printed(quote, "All of that behavior needs to be confronted, but there is a continuum. And on this end you have rape.")
    assert not _quote_printed(quote, "All of that behavior needs to be confronted. We have other things to talk about, like rape.")


def test_support_names_the_test_a_text_fails() -> None:
    a, b, c = _sentences(
        ("a", "The council approved a $2 million budget for the library on Monday."),
        ("b", "The council approved a $3 million budget for the library on Monday."),
        ("c", "The council has not approved the $2 million budget for the library."),
    )
    alignment = build_alignment([a, b, c, *_sentences(*_BACKGROUND)])
    check = alignment.check
    assert check is not None

    def why(i: int, j: int) -> str | None:
        s = alignment.sentences[j]
        return check.refusal(i, s.text, alignment.terms[j], numbers_in(s.text), is_negated(s.text))

    assert why(0, 1) == "numbers"
    assert why(0, 2) == "negation"


def test_a_number_may_stand_in_another_sentence_of_the_article_about_the_same_thing() -> None:
    claim = SourceSentence.make("a", 0, "Canadian-born hairdresser Fabio Sementilli, 49, died at the scene of the stabbing.")
    told = SourceSentence.make("b", 3, "The Canadian-born hairdresser Fabio Sementilli died at the scene of the stabbing.")
    age = SourceSentence.make("b", 0, "Paramedics found the 49-year-old Sementilli on the patio.")
    alignment = build_alignment([claim, told, age, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1)
    # the same number about something else (no word of the line beside it) lends nothing
    other = SourceSentence.make("b", 0, "Route 49 was closed for two hours on Tuesday.")
    alignment = build_alignment([claim, told, other, *_sentences(*_BACKGROUND)])
    assert not alignment.supports(0, 1)


def test_a_number_rounded_by_another_outlet_is_the_same_number() -> None:
    from summarizer.align import rounded_in

    claim, rounded, coarse = _sentences(
        ("a", "The venture firm is seeking $972,814 in legal costs from its former partner."),
        ("b", "The venture firm is seeking about $973,000 in legal costs from its former partner."),
        ("c", "The venture firm is seeking $970,000 in legal costs from its former partner."),
    )
    alignment = build_alignment([claim, rounded, coarse, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1) and alignment.supports(1, 0)  # rounding is not disputing
    assert not alignment.supports(0, 2)  # two significant digits: maybe another figure
    assert rounded_in(frozenset({"1260"}), frozenset({"1300"})) == frozenset()  # a year is no rounding
    assert rounded_in(frozenset({"972"}), frozenset({"1000"})) == frozenset()


def test_an_identical_sentence_holds_a_place_whose_name_holds_a_first_name() -> None:
    # "Dana" only ever precedes "Whitlock", who is also named alone: a first name, dropped from
    # every sentence's words; a place that contains it ("Dana Whitlock Hall") is still printed
    claim, same, no_place = _sentences(
        ("a", "The medal was presented at Dana Whitlock Hall in Bristol on Friday, organisers said."),
        ("b", "The medal was presented at Dana Whitlock Hall in Bristol on Friday, organisers said."),
        ("c", "The medal was presented on Friday, organisers said."),
    )
    named = _sentences(("c", "Whitlock founded the prize in 1990."), ("b", "Whitlock gave the prize its name."))
    alignment = build_alignment([claim, same, no_place, *named, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1) and alignment.supports(1, 0)
    assert not alignment.supports(0, 2)  # the place rule still holds for a source without the place


def test_a_negation_after_an_unspaced_em_dash_is_another_clause() -> None:
    claim, dashed, negated = _sentences(
        ("a", "The museum regards the scroll as a later copy rather than an original."),
        ("b", "The museum regards the scroll as a later copy rather than an original—and it has never put it on display."),
        ("c", "The museum never regards the scroll as a later copy rather than an original."),
    )
    alignment = build_alignment([claim, dashed, negated, *_sentences(*_BACKGROUND)])
    assert alignment.supports(0, 1)
    assert not alignment.supports(0, 2)


def test_a_hyphenated_word_matches_its_words_printed_apart() -> None:
    # each part stemmed as a word of its own: "class-action" is "class" and "action", not "act"
    claim, apart = _sentences(
        ("a", "Dancers won class-action status in a motion-sensing lawsuit."),
        ("b", "Dancers won class action status in a motion sensing lawsuit."),
    )
    alignment = build_alignment([claim, apart, *_sentences(*_BACKGROUND)])
    assert alignment.terms[0] == alignment.terms[1]
    assert alignment.supports(0, 1) and alignment.supports(1, 0)


def test_abbreviated_and_spelled_months_are_one_term() -> None:
    sentences = _sentences(
        ("a", "The ferry to Halden first sailed on Dec. 3, 1957, from the old harbour."),
        ("b", "The ferry to Halden first sailed on December 3, 1957, from the old harbour."),
        *_BACKGROUND,
    )
    alignment = build_alignment(sentences)
    assert alignment.terms[0] == alignment.terms[1]


# --- the fitted same-fact judge (``data/same_fact.json``) -----------------------------------------

_LIBRARY = "The Marlow town council voted on Tuesday to close the Riverside library branch because of a budget shortfall."


def _library_story(*other: str) -> list[SourceSentence]:
    return _sentences(
        ("a", _LIBRARY),
        ("a", "The branch opened in 1962 and lends about 40,000 books a year."),
        *(("b", t) for t in other),
        ("c", "The Marlow council met on Tuesday to discuss parking fees near the Riverside park."),
        ("c", "Residents complained about the fees."),
    )


def _judge_on(monkeypatch) -> dict:
    """The fitted weights with the judge turned on, whether or not the shipped file turns it on."""
    import summarizer.align as align_module

    model = {**align_module.same_fact_model(), "enabled": True}
    monkeypatch.setattr(align_module, "same_fact_model", lambda: model)
    return model


def test_the_judge_data_names_its_features_in_order() -> None:
    from summarizer.align import SAME_FACT_FEATURES, same_fact_model

    model = same_fact_model()
    assert model["features"] == list(SAME_FACT_FEATURES)
    assert len(model["weights"]) == len(model["mean"]) == len(model["scale"]) == len(SAME_FACT_FEATURES)
    assert 0.5 < model["threshold"] <= 1.0 and 0.0 < model["prefilter"] < 1.0
    assert set(model["gates"]) <= set(SAME_FACT_FEATURES)


def test_the_judge_scores_a_reworded_line_above_its_cut_and_another_fact_below(monkeypatch) -> None:
    from summarizer.align import same_fact_features, same_fact_gated, same_fact_score, same_fact_windows

    model = _judge_on(monkeypatch)
    story = _library_story("On Tuesday the Marlow council agreed to shut the Riverside library branch, blaming a shortfall in its budget.")
    alignment = build_alignment(story)
    windows = same_fact_windows(alignment, 0, model["prefilter"])
    features = {a: [same_fact_features(alignment, 0, w) for w in ws] for a, ws in windows.items()}
    best = {a: max((same_fact_score(f, model) for f in fs if same_fact_gated(f, model)), default=0.0) for a, fs in features.items()}
    assert best["b"] >= model["threshold"]
    assert best.get("c", 0.0) < model["threshold"]  # same council, place and day; another fact
    assert "a" not in windows  # the line's own article is never its evidence


def test_the_judge_refuses_a_window_with_another_number_whatever_its_words(monkeypatch) -> None:
    _judge_on(monkeypatch)
    story = _sentences(
        ("a", "The Marlow town council voted 7-2 on Tuesday to close the Riverside library branch."),
        ("b", "The Marlow town council voted 5-4 on Tuesday to close the Riverside library branch."),
    )
    assert build_alignment(story).judged_by(0) == frozenset()


def test_the_judge_leaves_out_cited_outlets_and_nothing_when_disabled(monkeypatch) -> None:
    import summarizer.align as align_module

    model = _judge_on(monkeypatch)
    story = _library_story("On Tuesday the Marlow council agreed to shut the Riverside library branch, blaming a shortfall in its budget.")
    alignment = build_alignment(story)
    assert alignment.judged_by(0) == frozenset({"b"})
    assert alignment.judged_by(0, ("b",)) == frozenset()
    monkeypatch.setattr(align_module, "same_fact_model", lambda: {**model, "enabled": False})
    assert alignment.judged_by(0) == frozenset()


def test_the_judge_reads_two_adjacent_sentences_as_one_window() -> None:
    from summarizer.align import same_fact_model, same_fact_windows

    story = _library_story("Marlow's town council on Tuesday approved closing its Riverside branch library.", "Officials cited a budget shortfall.")
    windows = same_fact_windows(build_alignment(story), 0, same_fact_model()["prefilter"])
    assert (2, 3) in windows["b"]
