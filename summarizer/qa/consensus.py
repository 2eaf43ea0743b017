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
from ..language.quantities import extract_figures
from ..model import Citation, Disagreement
from .candidates import answer_key
from .ranking import Group, Ranking
from .retrieval import SentenceIndex

__all__ = ["citations", "disagreements", "summary_line"]

_MAX_CITATIONS = 8
#: A rival value needs this share of the winner's probability to be reported as a disagreement.
_RIVAL_SHARE = 0.3
_FIGURES = frozenset({"number", "money", "percent"})


def citations(index: SentenceIndex, ranking: Ranking, group: Group) -> list[Citation]:
    """One citation per article printing the answer, best sentence first."""
    padded = f" {group.key} "
    scored = {h.sid: h.score for h in ranking.hits}
    terms = set(ranking.question.terms)
    best: dict[int, tuple[float, int]] = {}
    for occ in sorted(group.occurrences, key=lambda o: (-o.score, o.rank)):
        a_index = index.sentence(occ.sid).article_index
        if a_index not in best:
            best[a_index] = (10.0 + occ.score, occ.sid)
    retrieved = set(index.retrieved_articles(ranking.hits))
    for a_index in retrieved - set(best):
        options = []
        for sid in index.article_sentences(a_index):
            text = index.sentence(sid).text
            if padded in f" {answer_key(text)} ":
                shared = len(terms & set(content_words(text)))
                if shared:
                    options.append((scored.get(sid, 0.0) + 0.1 * shared, sid))
        if options:
            best[a_index] = max(options)
    order = sorted(best.items(), key=lambda kv: -kv[1][0])[:_MAX_CITATIONS]
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
        qualified: dict[str, list[str]] = defaultdict(list)
        for c in cited:
            for fig in extract_figures(c.quote):
                if answer_key(group.text) in answer_key(fig.text) and fig.qualifier:
                    qualified[fig.text].append(c.source)
                    break
        for text, sources in qualified.items():
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


def summary_line(cited: list[Citation], answering: int, variants: list[Disagreement]) -> str:
    """"4 of 5 sources; 3 say more than 20,000"."""
    n = len({c.source for c in cited})
    line = f"all {n} sources" if n == answering and n > 1 else f"{n} of {answering} sources" if answering > 1 else "1 source"
    for v in variants:
        line += f"; {len(v.sources)} {'says' if len(v.sources) == 1 else 'say'} {v.value}"
    return re.sub(r"\s+", " ", line)
