"""Gates: whether the best candidate may be given as an answer at all.

The gates judge the chosen answer, not the question: the fitted probability that the articles
answer the question must clear the
abstention threshold fitted on data (``bench/rtqa.py``: realtimeqa questions, RGB negatives of
the fitting half, our own unanswerable questions), and the sentence behind the answer must share
enough of the question's weight (``MIN_COVERAGE``) and hold what the question pins the fact to
(:func:`evidence_holds`): a date's verb, no other year than the one it names, and an answer of
the asked sort (a people's adjective, "Colombian", names no one who won). A question about a name that no retrieved
article prints ("what did Senator Chuck Schumer say?" over articles that never name him) is
answered by nothing: related sources name the right kind of answer for another fact. In a store
of many stories, an answer whose article prints no word of the question's names of two words or
more ("the *National Guard* deployment") is from another story (:func:`off_topic`).

Below the threshold, an answer may still be given worded "most likely" (never sure) where it
clears a share of it (``data/gates.json``, :func:`unsure_share`; shipped off, 1.0).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..language import STOP_WORDS, content_words
from ..language.lexicon import word_set
from ..language.names import is_demonym
from .question import Question
from .ranking import Group, Ranking, is_short, load_model
from .retrieval import SentenceIndex

__all__ = ["supported", "clears", "unsure_share", "missing_names", "off_topic", "evidence_holds", "is_description", "MIN_COVERAGE"]

#: What a person is called ("spokeswoman", "secretary", "commissioner"): a description holds one.
_PERSON_NOUNS = word_set("heads_person") | word_set("person_titles")
#: Words a title may hold between its capitalised parts ("Secretary *of the* Interior").
_TITLE_JOINS = frozenset("of the for and at from in a an".split()) | word_set("title_modifiers")
#: Lower-case words that open or carry a clause, never a title ("remains *unclear whether* ...").
_CLAUSE_WORDS = word_set("dependent_openers") | word_set("clause_words")

#: Least share of the question's (idf-weighted) words the answer's best sentence must print
#: (``data/gates.json``: ``min_coverage``, chosen by ``bench/rtqa.py --fit-coverage``; 0.2).
MIN_COVERAGE = float(json.loads(resources.files(__package__).joinpath("data", "gates.json").read_text(encoding="utf-8")).get("min_coverage", 0.2))
#: A question most of whose words the articles never print is about something else (half of
#: them, for a question of three words or more). On the fit weeks of realtimeqa-2024 this gate
#: costs 0.2 F1 points (out-of-fold winners of bench/rtqa.py's tables, 2026-12-06).
MAX_UNKNOWN_SHARE = 0.6


@lru_cache(maxsize=1)
def _settings() -> dict[str, float]:
    data = json.loads(resources.files(__package__).joinpath("data", "gates.json").read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if k.startswith("unsure_share")}


def unsure_share(long: bool = False) -> float:
    """The share of the fitted abstention threshold an answer worded "most likely" (never sure)
    must clear (``data/gates.json``; 1.0 answers nothing below the threshold). A long question (a
    quiz question with a preamble) has its own share: short ones are search queries, and RGB's
    related-but-unhelpful snippets are answered as soon as theirs drops below 1."""
    settings = _settings()
    return settings.get("unsure_share_long", 1.0) if long else settings.get("unsure_share", 1.0)


def _threshold(ranking: Ranking) -> float:
    return load_model().abstain if ranking.abstain is None else ranking.abstain


def clears(ranking: Ranking) -> bool:
    """Whether the articles answer the question by the fitted threshold itself (not only by the
    lower bar of an unsure answer): only such an answer may be marked sure. A description read
    beside the asked name ("who is X?") is judged by the gates, not the threshold (:func:`supported`)."""
    described = ranking.question.kind == "role" and bool(ranking.groups) and ranking.groups[0].shape == "role"
    return described or ranking.answerable >= _threshold(ranking)


def _question_names(question: Question) -> list[str]:
    tokens = question.text.replace("?", " ").split()
    names = [t.strip(",.:;\"“”'’()") for t in tokens[1:] if t[:1].isupper()]
    return [n for n in names if n and n.lower() not in ("i", "the", "a")]


def _name_runs(question: Question) -> list[set[str]]:
    """The question's names of two words or more ("the *National Guard* deployment"), as stems:
    one capitalised word ("US", "NFL") is often spelled otherwise by the articles ("U.S.")."""
    runs: list[list[str]] = [[]]
    for token in question.text.replace("?", " ").split()[1:]:
        word = token.strip(",.:;\"“”'’()")
        if word[:1].isupper() and word.lower() not in ("i", "the", "a"):
            runs[-1].append(word)
            if word != token.rstrip("?"):  # a comma or quote ends the name
                runs.append([])
        elif runs[-1]:
            runs.append([])
    return [set(content_words(" ".join(run))) for run in runs if len(run) >= 2 and content_words(" ".join(run))]


def off_topic(question: Question, index: SentenceIndex, ranking: Ranking) -> bool:
    """Whether the article behind the best answer prints no word of the question's names ("How
    much will the *National Guard* deployment cost?" answered by a cost from a story about a
    recall): in a store of many stories, retrieval finds the question's other words in another
    story. Names of one word are not read (:func:`_name_runs`)."""
    names = _name_runs(question)
    if not names or not ranking.groups:
        return False
    stems = index.article_stems(index.sentence(ranking.groups[0].best.sid).article_index)
    return not any(n & stems for n in names)


def missing_names(question: Question, index: SentenceIndex, ranking: Ranking) -> list[str]:
    """The question's capitalised words (past its first word) that no retrieved article prints.
    A hyphenated word is printed where the word is, or each of its capitalised parts of two
    letters or more: "US-backed" by "the US", "Biden-Harris" by "Biden" and "Harris" (articles
    join names otherwise: "a truce the US backed", "the Biden and Harris campaigns")."""
    names = _question_names(question)
    if not names or not ranking.hits:
        return []
    seen: set[str] = set()
    for a_index in index.retrieved_articles(ranking.hits):
        seen |= index.article_stems(a_index)
    return [n for n in names if content_words(n) and not _printed(n, seen)]


def _printed(name: str, seen: set[str]) -> bool:
    """Whether ``seen`` (stems) prints ``name``: the word itself, or for a hyphenated word every
    capitalised part of two letters or more ("US-backed": "US"; "Biden-Harris": both names)."""
    if set(content_words(name)) & seen:
        return True
    parts = [set(content_words(p)) for p in name.split("-") if len(p) > 1 and p[:1].isupper()] if "-" in name else []
    parts = [p for p in parts if p]
    return bool(parts) and all(p & seen for p in parts)


def evidence_holds(question: Question, group: Group) -> bool:
    """Whether the sentences behind ``group``'s span hold the fact the question pins down.

    - "When ...?" asks the date of an event: one of its sentences prints every verb of the
      question ("when was it *released*?" is not answered by the day it was *revealed*). Slots
      with a head noun are pinned by it ("in which *month* are the Games set to begin?"), and chat
      questions word the deed otherwise ("lost power" / "without power"), so only a bare "when"
      is held to the verb.
    - A year the question names: not every sentence printing the value may be about another year
      (printing a year, never the asked one: "the 2017 race" for "the 2019 race"). A sentence that
      prints no year at all may still be about the asked one (news rarely prints the current year).
    - A name slot is not answered by a people's adjective ("a Colombian won").

    Related sources that miss the fact (RGB negatives) print the right kind of span in a sentence
    about a neighbouring fact; on RGB's fitting half (items 0-49) every answered positive passes."""
    if question.kind in ("person", "org", "place") and is_demonym(group.text):
        return False
    if question.wh == "when" and not any(o.predicate >= 1.0 for o in group.occurrences):
        return False
    return not all(o.year_clash for o in group.occurrences)


def is_description(text: str) -> bool:
    """Whether ``text`` reads as what someone is ("DHS spokeswoman", "opposition finance
    spokesman", "the mayor of Columbus"): it holds a word for a person's post or trade, and no verb
    or clause word (the words before a name that hold "directing", "to assist" or "remains unclear
    whether" are the end of a clause, not a title)."""
    tokens = [t for t in (w.strip(",.'’\"") for w in text.split()) if t]
    lower = [t.lower() for t in tokens]
    if not any(t in _PERSON_NOUNS or t.rstrip("s") in _PERSON_NOUNS for t in lower):
        return False
    for token, low in zip(tokens, lower):
        if token[:1].isupper() or low in _PERSON_NOUNS or low in _TITLE_JOINS:
            continue
        if low in STOP_WORDS or low.endswith(("ing", "ed")) or low in _CLAUSE_WORDS:
            return False
    return True


def supported(question: Question, index: SentenceIndex, ranking: Ranking, *, abstain: float | None = None) -> bool:
    """Whether the best candidate of ``ranking`` may answer ``question``. ``abstain`` replaces the
    fitted abstention threshold (``bench/rtqa.py`` passes 0 to learn whether the other gates pass,
    so that the threshold is chosen on what users would be answered)."""
    if not ranking.groups:
        return False
    # "who is X?" is answered by what a source calls X right beside X's name (role candidates are
    # read only there): printed evidence like a claim's, so the abstention model, fitted on quiz
    # questions, does not judge it; the gates below still do
    described = question.kind == "role" and ranking.groups[0].shape == "role"
    threshold = _threshold(ranking) * unsure_share(not is_short(ranking.support)) if abstain is None else abstain
    if ranking.answerable < threshold and not described:
        return False
    if ranking.support:
        unknown, terms = ranking.support[2], len(question.terms)
        if unknown >= MAX_UNKNOWN_SHARE or (unknown >= 0.5 and terms >= 3):
            return False
    best = ranking.groups[0].best
    if best.coverage < MIN_COVERAGE:
        return False
    if not evidence_holds(question, ranking.groups[0]):
        return False
    if off_topic(question, index, ranking):  # the answer's article is about another story
        return False
    return not missing_names(question, index, ranking)
