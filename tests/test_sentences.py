"""Offline sentence splitting and tokenizing (no NLTK data)."""

from __future__ import annotations

import pytest

from summarizer.language import (
    SentenceTokenizer,
    content_words,
    normalize_text,
    split_paragraphs,
    split_sentences,
    words,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sen. Tammy Duckworth spoke. She left.", ["Sen. Tammy Duckworth spoke.", "She left."]),
        ("Gov. Greg Abbott of Texas agreed. Dr. Lee did not.", ["Gov. Greg Abbott of Texas agreed.", "Dr. Lee did not."]),
        ("The U.S. Marshals Service helped. Nobody else did.", ["The U.S. Marshals Service helped.", "Nobody else did."]),
        ("It happened in the U.S. The response was swift.", ["It happened in the U.S.", "The response was swift."]),
        ("He met J. Smith at 5 p.m. Tuesday. Then he left.", ["He met J. Smith at 5 p.m. Tuesday.", "Then he left."]),
        ("Traffic fell 99.5% in May. Officials cheered.", ["Traffic fell 99.5% in May.", "Officials cheered."]),
        ("She said no. He agreed.", ["She said no.", "He agreed."]),
        ("See No. 5 on the list. It is long.", ["See No. 5 on the list.", "It is long."]),
        ("“We will win,” she said. “Soon.”", ["“We will win,” she said.", "“Soon.”"]),
        ("Is it over? Nobody knows! Wait.", ["Is it over?", "Nobody knows!", "Wait."]),
        ("The ruling in Delgado v. Ridewell stands. It was 5-2.", ["The ruling in Delgado v. Ridewell stands.", "It was 5-2."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_glued_sentences_are_separated():
    text = "DHS asked for troops to support enforcement operations.A DHS official told The Hill."
    assert split_sentences(text) == [
        "DHS asked for troops to support enforcement operations.",
        "A DHS official told The Hill.",
    ]


def test_glued_split_leaves_abbreviations_and_domains_alone():
    assert normalize_text("The U.S.A. team won. Visit example.com today.") == "The U.S.A. team won. Visit example.com today."


def test_hard_line_breaks_inside_a_sentence_are_joined():
    text = "A DHS official, who asked not to be named, told reporters on\nthe condition of anonymity that it was true.\nNew paragraph here."
    assert split_sentences(text) == [
        "A DHS official, who asked not to be named, told reporters on the condition of anonymity that it was true.",
        "New paragraph here.",
    ]


def test_short_lines_without_punctuation_stand_alone():
    assert split_sentences("Breaking News\nThe council voted.") == ["Breaking News", "The council voted."]


def test_sentences_are_verbatim_substrings_of_the_normalised_text():
    text = "First one.  Second   one?\n\nThird: yes.\nFourth “quoted.” Fifth."
    normalized = normalize_text(text)
    for sentence in split_sentences(text):
        assert sentence in normalized


def test_normalize_is_idempotent():
    text = "Line one goes on and on and on and on and on and on and on until\nit ends.It glued.\n\n\nNew."
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_words_keep_numbers_and_abbreviations_whole():
    assert words("$1,000 for U.S. troops, down 99.5%; it's Trump’s") == [
        "1,000", "for", "U.S", "troops", "down", "99.5", "it's", "Trump’s"
    ]


def test_content_words_are_stemmed_without_stop_words():
    assert content_words("The troops were deployed to the border") == ["troop", "deploy", "border"]


def test_a_curly_apostrophe_stems_as_a_straight_one():
    # About half of real outlets print "’": "Microsoft’s" must share its word with "Microsoft's".
    assert content_words("Microsoft’s answer") == content_words("Microsoft's answer") == ["microsoft", "answer"]
    assert content_words("they’ve said") == content_words("they've said")


def test_sumy_accepts_the_offline_tokenizer():
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    doc = PlaintextParser.from_string("Troops were sent. Troops were sent again. Cats sleep.", SentenceTokenizer()).document
    assert len(doc.sentences) == 3
    assert len(LexRankSummarizer()(doc, 1)) == 1


def test_words_keep_letters_of_any_script_whole():
    assert words("José Núñez met ¿Cuántas? in São Paulo") == ["José", "Núñez", "met", "Cuántas", "in", "São", "Paulo"]


# --- lines cut by blank lines (text extracted from PDFs) -----------------------------------------


def test_a_sentence_cut_by_a_blank_line_after_a_function_word_is_joined():
    text = (
        "As provided by clause 4 of the rules of the\n\n"
        "Township Council, the board has forwarded the plan to the mayor.\n\n"
        "The mayor has ten days to sign it."
    )
    assert split_sentences(text) == [
        "As provided by clause 4 of the rules of the Township Council, the board has forwarded the plan to the mayor.",
        "The mayor has ten days to sign it.",
    ]


def test_a_sentence_cut_by_a_blank_line_before_a_lower_case_word_is_joined():
    text = "The inspectors reviewed the ledgers kept by the harbour office\n\nduring the winter of 2019."
    assert split_paragraphs(text) == [
        "The inspectors reviewed the ledgers kept by the harbour office during the winter of 2019."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour office reopens after flood\n\nThe harbour office reopened on Monday.",  # a headline
        "Apple unveils a new phone\n\niPhone sales rose 5% in the quarter.",  # a brand, not a cut
        "Dear Ms. Lee:\n\nthe report is attached.",  # ends with punctuation
        "Sign in\n\nThe council voted 7-2.",  # a stranded preposition is a button, not a cut
    ],
)
def test_real_paragraph_breaks_stay(text):
    assert len(split_paragraphs(text)) == 2


def test_joining_cut_paragraphs_is_idempotent():
    text = "It was signed by the\n\n\n\nboard and the\n\nmayor.\n\nNext paragraph."
    once = normalize_text(text)
    assert once == "It was signed by the board and the mayor.\n\nNext paragraph."
    assert normalize_text(once) == once


def test_a_sentence_glued_after_a_number_is_separated():
    assert split_sentences("He returns to court on Dec. 26.Prosecutors say the case is strong. It is at 3.5%.") == [
        "He returns to court on Dec. 26.",
        "Prosecutors say the case is strong.",
        "It is at 3.5%.",
    ]
    assert normalize_text("Section 3.A of the code, version 2.1.") == "Section 3.A of the code, version 2.1."


def test_an_abbreviation_that_closes_a_list_or_a_name_can_end_a_sentence():
    assert split_sentences("They sold pens, paper, etc. The shop closed at noon.") == [
        "They sold pens, paper, etc.",
        "The shop closed at noon.",
    ]
    assert split_sentences("The deal was signed by Acme Inc. It closes in May. Acme Inc. Chief Jo Roe spoke.") == [
        "The deal was signed by Acme Inc.",
        "It closes in May.",
        "Acme Inc. Chief Jo Roe spoke.",
    ]


def test_initials_go_on_into_a_name_and_end_a_sentence_before_a_function_word():
    assert split_sentences("It was an oddly familiar A.B. Carter on the screens. He spoke.") == [
        "It was an oddly familiar A.B. Carter on the screens.",
        "He spoke.",
    ]
    assert split_sentences("George K.L. Dunn signed it. Then he moved to the U.K. The move was quiet.") == [
        "George K.L. Dunn signed it.",
        "Then he moved to the U.K.",
        "The move was quiet.",
    ]


def test_stemming_from_several_threads_at_once_gives_each_word_its_own_stem() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from summarizer.language.words import stem

    words_ = [f"{w}{k}ations" for k in range(400) for w in ("nation", "relat", "organiz")]
    with ThreadPoolExecutor(8) as pool:
        stems = list(pool.map(stem, words_))
    import snowballstemmer

    reference = snowballstemmer.stemmer("english")  # a stemmer of its own, used by one thread
    assert stems == [reference.stemWord(w) for w in words_]
