"""Consensus: who prints the chosen answer, who prints another value, and the quotes to cite.

Every retrieved article that prints the answer (in the same normal form) is cited once, with its
sentence that best matches the question; the first citation is the answer's best sentence. A
quote is a whole sentence exactly as the source printed it and always holds the answer. For a
figure, the qualifier each source prints ("more than 20,000") is a variant with its sources;
another value of the same shape that ranks close behind and comes from sources that do not print
the answer is a disagreement ("95%" per one outlet, "99%" per another).
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..language import content_words
from ..language.quantities import Figure, counts_stems, extract_figures, qualifier_class, same_quantity
from ..model import Citation, Disagreement
from .candidates import answer_key
from .ranking import Group, Occurrence, Ranking, load_model
from .retrieval import SentenceIndex

__all__ = ["citations", "disagreements", "summary_line", "quote_features", "quote_inputs", "QUOTE_FEATURES"]

_MAX_CITATIONS = 8
#: A rival value needs this share of the winner's probability to be reported as a disagreement.
_RIVAL_SHARE = 0.3
_FIGURES = frozenset({"number", "money", "percent", "duration"})


#: What the first quote is chosen by, per sentence printing the answer (:func:`quote_features`);
#: the weights are fitted by ``bench/rtqa.py`` (which sentence of the winner's prints the gold
#: answer, on the fitting weeks) and shipped in ``data/ranker.json`` as ``quote``.
QUOTE_FEATURES = ("score", "rank", "coverage", "near", "near3", "bigrams", "window", "names", "window_names", "predicate", "numbers", "dist")


def quote_features(occ: Occurrence) -> tuple[float, ...]:
    """One sentence printing the answer, as the first-quote choice reads it (``QUOTE_FEATURES``):
    its retrieval score and rank, how much of the question it and its neighbours print, and how
    close the question's words stand to the answer in it."""
    return (occ.score, float(occ.rank), occ.coverage, occ.near, occ.near3, occ.bigrams, occ.window, occ.names,
            occ.window_names, occ.predicate, occ.numbers, float(occ.dist))


def quote_inputs(features: tuple[float, ...]) -> list[float]:
    """What the fitted weights multiply: ranks and distances as 1 / (1 + n)."""
    return [1.0 / (1.0 + v) if name in ("rank", "dist") else v for name, v in zip(QUOTE_FEATURES, features)]


def quote_score(occ: Occurrence) -> float:
    """How likely this sentence is the one that answers the question (fitted; the retrieval score
    when no weights are shipped)."""
    weights = load_model().quote
    if not weights:
        return occ.score - 0.001 * occ.rank
    return float(sum(w * v for w, v in zip(weights, quote_inputs(quote_features(occ)))))


def citations(index: SentenceIndex, ranking: Ranking, group: Group) -> list[Citation]:
    """One citation per article printing the answer; first the sentence most likely to answer
    the question (:func:`quote_score`), then each other article's best sentence."""
    padded = f" {group.key} "
    scored = {h.sid: h.score for h in ranking.hits}
    terms = set(ranking.question.terms)
    best: dict[int, tuple[tuple[int, float], int]] = {}
    for occ in sorted(group.occurrences, key=lambda o: (-quote_score(o), o.rank)):
        a_index = index.sentence(occ.sid).article_index
        if a_index not in best:
            best[a_index] = ((1, quote_score(occ)), occ.sid)
    retrieved = set(index.retrieved_articles(ranking.hits))
    for a_index in retrieved - set(best):
        options = []
        for sid in index.article_sentences(a_index):
            text = index.sentence(sid).text
            if padded in f" {answer_key(text)} ":
                shared = len(terms & set(content_words(text)))
                if shared:
                    options.append(((0, scored.get(sid, 0.0) + 0.1 * shared), sid))
        if options:
            best[a_index] = max(options)
    order = sorted(best.items(), key=lambda kv: kv[1][0], reverse=True)[:_MAX_CITATIONS]
    out = []
    for a_index, (_, sid) in order:
        sentence = index.sentence(sid)
        article = sentence.article
        out.append(Citation(article.id, article.source, sentence.text, article.url))
    return out


def disagreements(index: SentenceIndex, ranking: Ranking, group: Group, cited: list[Citation]) -> list[Disagreement]:
    """Other values for the same slot, each with the sources that print it."""
    out: list[Disagreement] = []
    citing = {c.source for c in cited}
    if group.shape in _FIGURES:
        for text, sources in _qualified(index, group, cited).items():
            if len(sources) < len(cited):
                out.append(Disagreement(text, tuple(dict.fromkeys(sources))))
    for rival in ranking.groups[1:6]:
        if rival.shape != group.shape or rival.probability < _RIVAL_SHARE * group.probability:
            continue
        if group.key in rival.key or rival.key in group.key:
            continue
        sources = tuple(dict.fromkeys(index.sentence(o.sid).article.id for o in rival.occurrences))
        if sources and not set(sources) & citing:
            out.append(Disagreement(rival.text, sources))
    return out


def _qualified(index: SentenceIndex, group: Group, cited: list[Citation]) -> dict[str, list[str]]:
    """The qualified forms of the answer's figure ("more than 20,000") and the sources printing each.

    Forms whose qualifiers say the same thing ("about 2,000", "approximately 2,000":
    :func:`~summarizer.language.quantities.qualifier_class`) are one form, named as first printed.

    Every sentence of a citing article counts, not only the quoted one: an outlet that quotes
    "20,000 troops" in one sentence and "more than 20,000 National Guard members" in another says
    "more than 20,000" (the same quantity: :func:`~summarizer.language.quantities.same_quantity`).
    """
    best = group.best
    answer_sentence = index.sentence(best.sid).text
    anchor = next((f for f in extract_figures(answer_sentence) if f.start <= best.candidate.start < f.end + 1), None)
    key = answer_key(group.text)
    qualified: dict[str, list[str]] = defaultdict(list)
    named: dict[str, str] = {}  # qualifier class -> the form first printed
    for c in cited:
        a_index = index.article_of(c.source)
        sids = index.article_sentences(a_index) if a_index is not None else []
        for sid in sids:
            text = index.sentence(sid).text
            for fig in extract_figures(text):
                if not fig.qualifier or key not in answer_key(fig.text):
                    continue
                if anchor is not None and not (text == answer_sentence or _same(anchor, answer_sentence, fig, text)):
                    continue
                form = named.setdefault(qualifier_class(fig.qualifier), fig.text)
                if c.source not in qualified[form]:
                    qualified[form].append(c.source)
                break
            else:
                continue
            break
    return qualified


def _same(a: Figure, a_sentence: str, b: Figure, b_sentence: str) -> bool:
    """One quantity: by the shared test, or the same value and unit counting the same thing
    ("20,000 National Guard troops" and "more than 20,000 National Guard members")."""
    if same_quantity(a, a_sentence, b, b_sentence):
        return True
    return a.value == b.value and a.unit == b.unit and bool(set(counts_stems(a)) & set(counts_stems(b)))


def summary_line(cited: list[Citation], answering: int, variants: list[Disagreement]) -> str:
    """"4 of 5 sources; 3 say more than 20,000"."""
    n = len({c.source for c in cited})
    line = f"all {n} sources" if n == answering and n > 1 else f"{n} of {answering} sources" if answering > 1 else "1 source"
    for v in variants:
        line += f"; {len(v.sources)} {'says' if len(v.sources) == 1 else 'say'} {v.value}"
    return re.sub(r"\s+", " ", line)
