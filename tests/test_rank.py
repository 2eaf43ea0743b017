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
