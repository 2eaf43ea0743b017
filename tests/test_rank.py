"""Ranking: sumy's LexRank, vectorised, with continuous weights and damping."""

from __future__ import annotations

import math

import pytest

from summarizer.rank import centrality, cosine_matrix, fast_lexrank, sumy_document

_STORY = [
    "A wildfire destroyed 40 homes in Pine Hollow on Monday.",
    "The wildfire in Pine Hollow destroyed homes and forced thousands to flee.",
    "Firefighters said the wildfire near Pine Hollow was 5% contained.",
    "The county fair will feature a pie contest this year.",
]


def test_the_sentence_most_like_the_others_is_most_central() -> None:
    scores = centrality(_STORY)
    assert len(scores) == len(_STORY)
    assert max(scores) == pytest.approx(1.0)
    assert scores.argmax() in (0, 1)  # the two that share the most words with the rest
    assert scores.argmin() == 3  # the off-topic sentence


def test_identical_sentences_keep_a_score_each() -> None:
    # sumy's ratings dict is keyed by sentence text; ours are by position.
    scores = centrality([_STORY[0], _STORY[0], _STORY[3]])
    assert len(scores) == 3
    assert scores[0] == pytest.approx(scores[1])
    assert scores[2] < scores[0]


def test_similarity_is_sumys_idf_modified_cosine() -> None:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    summarizer = fast_lexrank()
    document = sumy_document(_STORY)
    words = [summarizer._to_words_set(s) for s in document.sentences]
    tf = summarizer._compute_tf(words)
    idf = summarizer._compute_idf(words)
    assert all(v > 0 for v in idf.values())  # smoothed: a shared word never counts against
    matrix = cosine_matrix(_STORY)
    for i in range(len(_STORY)):
        for j in range(len(_STORY)):
            expected = LexRankSummarizer.cosine_similarity(words[i], words[j], tf[i], tf[j], idf)
            assert math.isclose(matrix[i, j], expected, abs_tol=1e-6)  # computed in float32


def test_the_fast_lexrank_still_works_as_a_sumy_summarizer() -> None:
    picked = fast_lexrank()(sumy_document(_STORY), 2)
    assert len(picked) == 2
    assert {str(s) for s in picked} <= set(_STORY)


def test_sentences_without_content_words_do_not_break_the_ranking() -> None:
    scores = centrality(["It is what it is.", "A flood hit the valley town.", "The flood hit the town."])
    assert len(scores) == 3 and all(math.isfinite(s) for s in scores)
    assert scores[0] < scores[1]


def test_no_sentences_give_no_scores() -> None:
    assert len(centrality([])) == 0


def test_a_brief_does_not_import_sumy_or_nltk() -> None:
    # Importing sumy imports all of nltk (half a second of a cold `newsbrief brief`); the ranking
    # is computed without it. A fresh interpreter, so other tests' imports do not count.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from summarizer import Article, build_brief\n"
        "build_brief([Article(id='a', source='A', text='A fire burned 40 homes. Rain fell.'),\n"
        "             Article(id='b', source='B', text='The fire burned homes on Monday.')])\n"
        "print(sorted(m for m in ('sumy', 'nltk') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_ranking_matches_sumys_power_method() -> None:
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from summarizer.rank import DAMPING, EPSILON, lexrank

    scores, similarity = lexrank(_STORY[:3])  # connected: every sentence shares a word
    sim = similarity.clip(0.0, None)
    for i in range(len(sim)):
        sim[i, i] = 0.0
    transition = sim / sim.sum(axis=1)[:, None]
    damped = DAMPING * transition + (1 - DAMPING) / len(sim)
    expected = abs(LexRankSummarizer.power_method(damped, EPSILON))
    assert list(scores.argsort()) == list(expected.argsort())
    assert all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(scores, expected / expected.max()))
