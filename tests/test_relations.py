"""Sibling facts: a name tied to another role, another body or another thing of the asked name.

Unit tests of :mod:`summarizer.relations` on invented sentences, then the question answering
that uses them: answers that state the asked role or thing, abstentions where the articles only
state a sibling fact (the former CEO, the runner-up, a stage of the race, the soundtrack album).
"""

from __future__ import annotations

import pytest

from summarizer import answer
from summarizer.model import Article
from summarizer.question import analyse_question
from summarizer.relations import names_as_asked, question_names, question_words, role_link


def tied(sentence: str, name: str, question: str, context: str = "") -> bool:
    spec = analyse_question(question)
    assert spec.role is not None, f"no role read from {question!r}"
    start = sentence.index(name)
    return role_link(sentence, start, start + len(name), spec.role, spec.role_body, question, context=context)


@pytest.mark.parametrize(
    ("question", "role", "body"),
    [
        ("Who is the CEO of Halvane in 2024?", "ceo", ("Halvane",)),
        ("Who is the president of the Coastal League?", "president", ("Coastal", "League")),
        ("Who is Marrow Bank's chief executive?", "chief executive", ("Marrow", "Bank")),
        ("Who is the Orrin Medal winner in 2023?", "winner", ("Orrin", "Medal")),
        ("Who was the runner-up of the 2022 Harbor Cup?", "runner-up", ("2022", "Harbor", "Cup")),
        ("Who is the director of the Glass Tide movie?", "director", ("Glass", "Tide", "movie")),
    ],
)
def test_the_role_and_its_body_are_read_from_the_question(question: str, role: str, body: tuple[str, ...]) -> None:
    spec = analyse_question(question)
    assert (spec.role, spec.role_body) == (role, body)


@pytest.mark.parametrize("question", ["Who is Ana Velez?", "Who won the race?", "What happened?", "Who is the person of the year?"])
def test_questions_without_a_role_read_none(question: str) -> None:
    assert analyse_question(question).role is None


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Halvane CEO Ruth Oduya said the plant would reopen.", "Ruth Oduya"),
        ("Ruth Oduya, Halvane's chief executive, said the plant would reopen.", "Ruth Oduya"),
        ("Ruth Oduya, the founder and CEO of Halvane and Parrow, spoke on Monday.", "Ruth Oduya"),
        ("Halvane named Ruth Oduya as its CEO in March.", "Ruth Oduya"),
        ("The chief executive of Halvane, Ruth Oduya, declined to comment.", "Ruth Oduya"),
    ],
)
def test_a_name_tied_to_the_asked_role_of_the_asked_body(sentence: str, name: str) -> None:
    assert tied(sentence, name, "Who is the CEO of Halvane?")


@pytest.mark.parametrize(
    ("sentence", "name", "why"),
    [
        ("Piet Lund, former CEO of Halvane, now advises startups.", "Piet Lund", "a former holder"),
        ("Halvane's interim CEO Piet Lund left in May.", "Piet Lund", "an interim holder"),
        ("Piet Lund is the CEO of the Halvane Foundation, the company's charity.", "Piet Lund", "a larger name"),
        ("Piet Lund, president of Halvane of Canada, spoke.", "Piet Lund", "a subsidiary"),
        ("Parrow CEO Piet Lund called Halvane a rival.", "Piet Lund", "another company"),
        ("Piet Lund said the CEO of Halvane would resign.", "Piet Lund", "a speaker, not the role"),
        ("Ruth Oduya succeeded Piet Lund as CEO of Halvane.", "Piet Lund", "the predecessor"),
    ],
)
def test_a_name_tied_to_a_sibling_role_is_not_the_answer(sentence: str, name: str, why: str) -> None:
    assert not tied(sentence, name, "Who is the CEO of Halvane?"), why


def test_a_bare_title_counts_when_the_article_names_the_body() -> None:
    sentence = "Chief Executive Ruth Oduya said the cuts were planned."
    assert not tied(sentence, "Ruth Oduya", "Who is the CEO of Halvane?")
    assert tied(sentence, "Ruth Oduya", "Who is the CEO of Halvane?", context="Halvane cut 200 jobs. " + sentence)


def test_a_team_of_a_league_is_not_the_league() -> None:
    sentence = "Mara Quist, the first woman to be president of a Coastal League club, spoke on Friday."
    assert not tied(sentence, "Mara Quist", "Who is the president of the Coastal League?")
    assert tied("Mara Quist, president of the Coastal League, spoke.", "Mara Quist", "Who is the president of the Coastal League?")


@pytest.mark.parametrize(
    ("question", "sentence", "as_asked"),
    [
        ("When was Lantern Drift released?", "Lantern Drift: The Soundtrack was released in May.", False),
        ("When was Lantern Drift released?", "Lantern Drift 2 will be released next spring.", False),
        ("When was Lantern Drift released?", "Lantern Drift was released in 2019.", True),
        ("When was The Hollow Crown of Ash released?", "The Hollow Crown of Ash Deluxe Edition came out in June.", False),
        ("When was The Hollow Crown of Ash released?", "The Hollow Crown of Ash came out in 2018.", True),
        ("Who won the Orrin Medal in 2023?", "Winners at the Gala Awards included Tessa Orrin and Medal Ridge Farm.", False),
        ("Who won the Orrin Medal in 2023?", "Jon Amari won the 2023 Orrin Medal.", True),
        ("Who was named the 2023 National Coach of the Year?", "Ida Brun was named the 2023 State Coach of the Year.", False),
        ("Who directed Glass Tide?", "Glass Tide: Directed by Noor Haddad.", True),
        ("Who acquired Parrow?", "Halvane bought Parrow Labs last year.", True),
    ],
)
def test_a_name_printed_only_inside_a_longer_name_is_another_thing(question: str, sentence: str, as_asked: bool) -> None:
    assert names_as_asked(sentence, question_names(question), question_words(question)) is as_asked


def test_question_names_drop_titles_years_and_articles() -> None:
    assert question_names("Who is the CEO of Halvane in 2024?") == [["halvane"]]
    assert question_names("Who was named the 2023 National Coach of the Year?") == [["national", "coach", "of", "the", "year"]]
    assert question_names("When was The Legend of Mira: Salt and Stone released?") == [["legend", "of", "mira"], ["salt", "and", "stone"]]


# --- the answerer ---------------------------------------------------------------------------------


def ask(question: str, *texts: str):
    return answer(question, [Article(f"a{i}", f"Outlet {i}", t) for i, t in enumerate(texts)])


def test_the_current_ceo_is_found_among_former_ones() -> None:
    result = ask(
        "Who is the CEO of Halvane?",
        "Piet Lund, former CEO of Halvane, now advises startups in Lisbon and Porto.",
        "Halvane CEO Ruth Oduya said on Monday that the plant would reopen in the spring.",
    )
    assert result.answered and "Oduya" in result.answer
    assert all("Lund" not in c.quote or "Oduya" in c.quote for c in result.citations)


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("Who is the CEO of Halvane?", ("Piet Lund, former CEO of Halvane, now advises startups in Lisbon and Porto.",)),
        ("Who is the CEO of Halvane?", ("Anja Frey is the CEO of the Halvane Foundation, the company's charity arm.",)),
        ("Who was the runner-up of the Harbor Cup?", ("Harbor Cup winner - the Kestrels, who beat every side in the group.",)),
        ("Who won the 2024 Coastline Tour?", ("Rui Santos wins stage 9 of the Coastline Tour, his third victory in this year's race.",)),
        ("When was Lantern Drift released?", ("Lantern Drift: The Soundtrack was released on May 3, 2021 by Orbit Records.",)),
        ("Who directed Glass Tide?", ("Who directed Glass Tide and Paper Moon?", "Critics loved the film's score and its long silences.")),
    ],
)
def test_only_a_sibling_fact_is_an_abstention(question: str, texts: tuple[str, ...]) -> None:
    result = ask(question, *texts)
    assert not result.answered, result.answer
    assert result.citations == ()


def test_the_agent_of_another_verb_is_not_the_subject_asked_for() -> None:
    result = ask(
        "Who is starring in Glass Tide?",
        "Glass Tide, directed by Noor Haddad and starring Lea Moreau, opens on Friday in 300 cinemas.",
    )
    assert result.answered and "Moreau" in result.answer


def test_a_name_inside_a_prepositional_phrase_is_not_the_subject() -> None:
    result = ask(
        "Which film won Best Picture at the Orrin Awards?",
        "A drama set during the Winter War won best picture at the Orrin Awards on Sunday night.",
    )
    assert not result.answered or "Winter War" not in result.answer


def test_who_did_x_verb_asks_for_the_object() -> None:
    assert analyse_question("Who did Halvane hire to run the plant?").verb is None
    result = ask(
        "Who did the board appoint to lead Halvane?",
        "The board appointed Ruth Oduya to lead Halvane after a six-month search.",
    )
    assert result.answered and "Oduya" in result.answer


def test_a_typo_in_the_verb_still_ties_the_subject() -> None:
    result = ask(
        "who rote the report?",
        "Auditor Mina Sato wrote the report, which runs to 212 pages.",
        "The report was published on Tuesday by the city council.",
    )
    assert result.answered and "Sato" in result.answer


def test_an_ordinal_part_is_a_numbered_part() -> None:
    result = ask(
        "When did the first season of Harbor Lights premiere?",
        "Harbor Lights returns with the Season 4 premiere on Sunday, February 26.",
    )
    assert not result.answered or "February" not in result.answer


def test_a_body_that_names_a_new_holder_is_not_the_holder() -> None:
    sentence = "The Halvane Trust names new CEO after a six-month search."
    assert not tied(sentence, "Halvane Trust", "Who is the CEO of Halvane Trust?")


# --- ages, bases, counts and named categories ------------------------------------------------------

PRIZE = (
    "Grandmother Mira Okafor, 67, won the Calder Prize for Fiction on Tuesday for her novel. "
    "Her granddaughter Tess Okafor, 19, said the family was thrilled. The prize has run for twelve months.",
    "Okafor, 68, spent two decades as a ferry clerk before her first novel. The novel was put out by a publisher "
    "with just four staff, and has sold over 40,000 copies. Her rival, 29-year-old Jun Sato, was the bookmakers' favourite.",
)


def test_an_age_is_the_one_printed_next_to_the_asked_person() -> None:
    result = ask("How old is Mira Okafor?", *PRIZE)
    values = {result.answer, *(d.value for d in result.disagreements)}
    assert result.answered and values <= {"67", "68"} and "67" in values
    assert "19" not in values  # her granddaughter's age
    sato = ask("How old is Jun Sato?", *PRIZE)
    assert sato.answered and sato.answer == "29"


def test_no_age_printed_for_the_person_is_an_abstention() -> None:
    result = ask("How old is the publisher's founder, Ada Lenz?", *PRIZE, "Ada Lenz founded the press in 2014 with twelve months of savings.")
    assert not result.answered


def test_a_follow_up_age_is_the_previous_answers_age() -> None:
    from summarizer.qa import QAIndex

    index = QAIndex.build([Article(f"a{i}", f"Outlet {i}", t) for i, t in enumerate(PRIZE)])
    result = index.answer("how old is she?", context=("Who won the Calder Prize?",))
    assert result.answered and result.answer in {"67", "68"}


def test_a_category_the_question_does_not_ask_is_another_prize() -> None:
    assert not ask("Who won the Calder Prize for non-fiction?", *PRIZE).answered
    assert not ask("Who won this year's Booker Prize?", *PRIZE).answered
    won = ask("Who won the Calder Prize?", *PRIZE)
    assert won.answered and "Okafor" in won.answer


def test_a_count_of_something_else_in_the_sentence_is_not_the_count() -> None:
    result = ask("How many copies has the novel sold?", *PRIZE)
    assert result.answered and "40,000" in result.answer
    assert not ask("How many copies has Jun Sato's novel sold?", *PRIZE).answered


BASES = (
    "Halvane Motors named Ruth Oduya, the chief operating officer of rival Parrow Systems, as its chief executive on Monday.",
    "Parrow Systems makes school buses. Oduya has spent eight years at Denver-based Parrow, where she ran the parts business.",
    "The Boise-based company said the appointment was unanimous.",
)


def test_where_a_company_is_based_is_tied_to_that_company() -> None:
    parrow = ask("Where is Parrow Systems based?", *BASES)
    assert parrow.answered and "Denver" in parrow.answer
    assert "Denver" not in ask("Where is Halvane based?", *BASES[:2]).answer


def test_an_ordinal_quarter_is_another_quarter() -> None:
    texts = ("Halvane will report third-quarter results on October 30, the company said.",)
    assert not ask("When will Halvane report fourth-quarter results?", *texts).answered
    assert ask("When will Halvane report third-quarter results?", *texts).answered


def test_a_date_is_the_date_of_the_asked_event() -> None:
    texts = (
        "Mira Okafor's \"The Salt Field\", published in March by Harrow Press, was named the winner on Tuesday night.",
        "The shortlist, announced on September 23, included five other novels.",
    )
    published = ask("When was The Salt Field published?", *texts)
    assert published.answered and "March" in published.answer
    announced = ask("When was the winner announced?", *texts)
    assert not announced.answered or "September" not in announced.answer


def test_a_when_question_reads_its_participle_not_its_last_word() -> None:
    assert analyse_question("When was the game released for the Nintendo Switch?").predicate == analyse_question("When was it released?").predicate


def test_which_novel_asks_for_the_title_not_the_author() -> None:
    result = ask(
        "Which novel won the Calder Prize?",
        'Mira Okafor won the Calder Prize on Tuesday for "The Salt Field", a novel about fruit growers.',
        'Okafor\'s "The Salt Field" beat five other books, including Jun Sato\'s "Tidewater".',
    )
    assert result.answered and "Salt Field" in result.answer


def test_a_pronoun_in_a_follow_up_is_the_previous_answer() -> None:
    from summarizer.qa import QAIndex

    index = QAIndex.build(
        [
            Article("a", "Outlet A", "Ivo Marsh called the ruling judicial overreach on Friday. Marsh, president of the Harbor Business Council, said members would appeal."),
            Article("b", "Outlet B", "The ruling was welcomed by unions. Ivo Marsh, who leads the Harbor Business Council, called it judicial overreach."),
        ]
    )
    result = index.answer("which group does he lead?", context=("Who called the ruling judicial overreach?",))
    assert result.answered and "Harbor Business Council" in result.answer


def test_how_much_is_a_named_thing_worth_reads_worth_as_the_verb() -> None:
    assert analyse_question("How much is the Calder Prize worth?").predicate == "worth"  # not "calder"
    result = ask(
        "How much is the Calder Prize worth?",
        "Mira Okafor won the Calder Prize on Tuesday night in London. The prize is worth £40,000.",
        "The Calder Prize went to Mira Okafor, who thanked her publisher.",
    )
    assert result.answered and "40,000" in result.answer


def test_a_person_does_not_answer_which_company() -> None:
    result = ask(
        "Which company is Ruth Oduya leaving?",
        "She replaces founder Piet Lund, who stepped down in July after a recall.",
        "Ruth Oduya is leaving Parrow Systems after eight years to run Halvane.",
    )
    assert not result.answered or "Lund" not in result.answer


def test_a_date_after_an_apposition_dates_the_verb_before_it() -> None:
    result = ask(
        "When did Halvane announce the appointment?",
        "Halvane Motors named Ruth Oduya, the chief operating officer of rival Parrow Systems, as its chief executive on Monday.",
    )
    assert result.answered and "Monday" in result.answer


def test_a_company_described_in_apposition_is_based_in_its_place() -> None:
    result = ask(
        "Where is Harrow Press based?",
        "The novel was published by Harrow Press, an independent publisher in Norwich with four staff.",
        "Its rival Quill House, based in Leeds, had bid for the book.",
    )
    assert result.answered and "Norwich" in result.answer


FOSSIL = (
    "The giant penguin stood about 1.9 metres tall and weighed about 150 kilograms, the team said. "
    "It lived about 36 million years ago, when the coast was warmer.",
    "Excavation ran over four field seasons. The giant penguin's bones were found by a retired teacher.",
)


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("How tall was the giant penguin?", "1.9 metres"),
        ("How much did the giant penguin weigh?", "150 kilograms"),
        ("How long ago did the giant penguin live?", "36 million years"),
    ],
)
def test_a_measure_is_answered_in_its_own_units(question: str, wanted: str) -> None:
    result = ask(question, *FOSSIL)
    assert result.answered and wanted in result.answer


def test_a_measure_no_source_gives_is_an_abstention() -> None:
    result = ask("How fast could the giant penguin swim?", *FOSSIL)
    assert not result.answered, result.answer  # a height or a weight is no speed


def test_a_common_word_opening_a_sentence_is_no_name() -> None:
    assert not ask("who ran the dig?", *FOSSIL).answered


def test_which_person_with_a_relative_clause_is_a_person_who_did_the_main_verb() -> None:
    spec = analyse_question("Which scientist who was not involved in the study doubted the estimate?")
    assert (spec.kind, spec.target, spec.verb) == ("who", "scientist", analyse_question("Who doubted it?").verb)
    result = ask(
        "Which scientist who was not involved in the study doubted the estimate?",
        "The paper's 12 authors, led by Ada Quill of the University of Port Ardent, estimate a height of 1.9 metres.",
        "Hugh Tallander, a palaeontologist who was not involved in the study, doubted the estimate.",
    )
    assert result.answered and "Tallander" in result.answer


def test_a_count_after_has_and_a_subject_reads_the_participle_as_its_verb() -> None:
    assert analyse_question("How many copies has The Salt Field sold?").predicate == analyse_question("How many copies were sold?").predicate
    result = ask(
        "How many copies has The Salt Field sold?",
        'Harrow Press has ordered a reprint of 50,000 copies of "The Salt Field" after the win.',
        '"The Salt Field" has sold 38,400 copies since March, according to the publisher.',
    )
    assert result.answered and "38,400" in result.answer and "50,000" not in result.answer


def test_a_date_of_the_thing_named_by_its_kind_still_answers() -> None:
    result = ask(
        "When was Lantern Drift released?",
        "Lantern Drift is a puzzle game from Orbit Studio. The game was launched on May 15, 2012, for PC.",
    )
    assert result.answered and "May 15, 2012" in result.answer


@pytest.mark.parametrize(
    ("question", "kind", "verb"),
    [
        ("Who made the request?", "who", "request"),
        ("Which newspaper first reported the request?", "who", "report"),
        ("Which agency would send the troops?", "who", "send"),
        ("What app can migrants use to leave?", "entity", None),
    ],
)
def test_the_verb_of_which_and_who_questions(question: str, kind: str, verb: str | None) -> None:
    from summarizer.language import stem

    spec = analyse_question(question)
    assert spec.kind == kind
    assert spec.verb == (stem(verb) if verb else None)


def test_a_plural_place_noun_asks_for_places() -> None:
    assert analyse_question("Which states would send troops?").kind == "place"
    assert analyse_question("When was the request made?").predicate == analyse_question("When was it requested?").predicate


def test_a_demonym_is_no_place(seed_articles) -> None:
    # The seeds speak of "American" people and of arrests in Florida and Nashville.
    result = answer("where is ICE arresting people?", seed_articles)
    assert result.answered and not any(w in result.answer for w in ("American", "Americans"))


def test_a_count_of_kin_words_is_not_the_count_asked(seed_articles) -> None:
    # The seeds count agents pulled in from other agencies; no source counts the agencies.
    result = answer("How many federal agencies are involved?", seed_articles)
    assert not result.answered or "agent" not in result.answer
    from summarizer.qa import _near_miss

    assert _near_miss("agent", "agenc") and not _near_miss("member", "membership") and not _near_miss("troop", "troop")


def test_a_typo_in_a_when_questions_verb_still_dates_the_event() -> None:
    texts = (
        "Lantern Drift is a puzzle game from Orbit Studio. The game was released on May 15, 2012, for PC.",
        "Orbit Studio released Lantern Drift on May 15, 2012, after three years of work.",
    )
    assert "May 15, 2012" in ask("When was Lantern Drift relased?", *texts).answer
