"""Retrieval recall on the realtimeqa fit weeks: is the gold's sentence among those the answerer reads?

For each answerable question (its gold choice printed in one of its articles, the scorer's set), the
articles are indexed as at answer time and the question retrieved as ``QAIndex`` does (``search``
with ``_RETRIEVED`` sentences plus the neighbours of the best). Reported:

- recall@k: the share whose gold is printed in one of the first k retrieved sentences, for k = 20 and
  40 (noun phrases are read from the 40 best) and k = all that is read;
- for the misses, where the gold's best sentence ranks in the full ranking, and why: printed only in
  a title, only across sentences (in the article but in no one sentence), a sentence sharing no
  search word with the question (score 0), or ranked below the cut; and whether the words it shares
  come from the asking sentence or only from the preamble.

``--sweep`` scores a few retrieval settings (module constants patched in this process) on the same
indexes: decisions are taken on fit weeks only (``--weeks`` defaults to them).

usage: python bench/qa_retrieval.py [--weeks 20240101 20240930] [--sweep] [--show N]
       QA_SWEEP=weights python bench/qa_retrieval.py --sweep   (head-noun and preamble weights instead)
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import string
import sys
import time
from dataclasses import replace
from urllib.parse import urlparse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools"))

from summarizer import Article  # noqa: E402
from summarizer import qa as qa_pkg  # noqa: E402
from summarizer.language import content_words  # noqa: E402
from summarizer.qa import QAIndex, retrieval  # noqa: E402
from summarizer.qa.question import _last_question, analyse  # noqa: E402

_PUNCT = set(string.punctuation) | {"’", "‘", "“", "”"}


def norm(s: str) -> str:
    """The scorer's normalisation (lower case, no punctuation or articles)."""
    s = "".join(ch for ch in s.lower() if ch not in _PUNCT)
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def load(first: str, last: str):
    from score_answers import load as load_weeks  # the scorer's own loader

    out = []
    for week, qid, text, gold, arts in load_weeks(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "realtimeqa-2024"), first, last):
        articles = [
            Article(id=f"a{i}", source=urlparse(a.get("url") or "").netloc or f"a{i}", title=a.get("title"), url=a.get("url"), text=a.get("text") or "")
            for i, a in enumerate(arts)
            if (a.get("text") or "").strip()
        ]
        g = norm(gold)
        if not g or not any(g in norm((a.title or "") + " " + a.text) for a in articles):
            continue
        out.append((qid, text, gold, articles))
    return out


def holds(gold: str, text: str) -> bool:
    return f" {gold} " in f" {norm(text)} "


#: Settings of the question's search weights tried by ``--sweep`` (factors on the slot's head noun
#: and on preamble words), set by ``main``.
TRY = {"head": 1.0, "preamble": 1.0}


def retrieve(index: QAIndex, text: str):
    asked = index._spelled(analyse(text))
    if TRY["head"] != 1.0 or TRY["preamble"] != 1.0:
        heads = asked.head_stems
        asking = set(content_words(_last_question(text)))
        weights = tuple(
            w * (TRY["head"] if t in heads else 1.0) * (TRY["preamble"] if t not in asking else 1.0)
            for t, w in zip(asked.terms, asked.weights)
        )
        asked = replace(asked, weights=weights)
    return asked, index._retrieve(asked, None)


def measure(items, indexes, *, detail: bool = False, show: int = 0):
    at = collections.Counter()
    why = collections.Counter()
    ranks = []
    shown = 0
    for (qid, text, gold, articles), index in zip(items, indexes):
        g = norm(gold)
        asked, hits = retrieve(index, text)
        sents = index.sentences
        first = next((i for i, h in enumerate(hits) if holds(g, sents.sentence(h.sid).text)), None)
        at["n"] += 1
        if first is not None:
            at["all"] += 1
            at["20"] += first < 20
            at["40"] += first < 40
            at["len"] += len(hits)
            continue
        at["len"] += len(hits)
        if not detail:
            continue
        # a miss: where is the gold?
        gold_sids = [sid for sid in range(len(sents)) if holds(g, sents.sentence(sid).text)]
        if not gold_sids:
            why["across sentences only"] += 1
            continue
        # an article about the question's story prints most of its search weight: a gold printed only
        # in articles about something else ("Utah" in a 2022 Senate race) is no retrieval miss
        total = sum(sents.idf(t) * w for t, w in zip(asked.terms, asked.weights) if sents.knows(t)) or 1.0
        cover = max(
            sum(sents.idf(t) * w for t, w in zip(asked.terms, asked.weights) if t in sents.article_stems(sents.sentence(s).article_index)) / total
            for s in gold_sids
        )
        on_topic = cover >= 0.5
        why["on-topic article (covers >= half the query)" if on_topic else "off-topic articles only"] += 1
        if all(sents.sentence(s).is_title for s in gold_sids):
            why["title only"] += 1
        full = sents.search(asked.terms, asked.weights, limit=len(sents))
        order = {h.sid: i for i, h in enumerate(full)}
        ranked = [order[s] for s in gold_sids if s in order]
        if not ranked:
            why["gold sentences share no search word"] += 1
            rank = None
        else:
            rank = min(ranked)
            ranks.append(rank)
            why["ranked 80-150" if rank < 150 else "ranked 150+"] += 1
            best = gold_sids[ranked.index(rank)] if rank in ranked else None
            asking = set(content_words(_last_question(text)))
            shared = set(content_words(sents.sentence(best).text)) & set(asked.terms)
            if asking != set(asked.terms) and shared and not shared & asking:
                why["shares preamble words only"] += 1
        if shown < show and on_topic:
            shown += 1
            print(f"--- {qid} gold={gold!r} rank={rank} cover={cover:.2f} terms={asked.terms}\n  Q: {text}")
            for s in gold_sids[:2]:
                print(f"  gold sentence: {sents.sentence(s).text[:200]}")
    n = at["n"] or 1
    out = {
        "n": at["n"],
        "recall@20": round(100 * at["20"] / n, 1),
        "recall@40": round(100 * at["40"] / n, 1),
        "recall@read": round(100 * at["all"] / n, 1),
        "read per q": round(at["len"] / n, 1),
    }
    if detail:
        out["misses"] = dict(why)
        if ranks:
            ranks.sort()
            out["miss rank median"] = ranks[len(ranks) // 2]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weeks", nargs=2, default=["20240101", "20240930"])
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    t0 = time.time()
    items = load(*args.weeks)
    indexes = [QAIndex(articles) for _, _, _, articles in items]
    print(f"{len(items)} answerable questions, indexed in {time.time() - t0:.0f}s", flush=True)
    print("shipped:", measure(items, indexes, detail=True, show=args.show), flush=True)
    if not args.sweep:
        return
    if os.environ.get("QA_SWEEP") == "weights":
        for key, value in (("head", 0.0), ("head", 0.3), ("head", 0.6), ("preamble", 0.5), ("preamble", 0.75)):
            TRY[key] = value
            print({key: value}, measure(items, indexes), flush=True)
            TRY[key] = 1.0
        return
    base = {name: getattr(retrieval, name) for name in ("_K1", "_B", "_ARTICLE_SHARE", "NEIGHBOURS_OF", "NEIGHBOUR_SHARE")}
    settings = [
        {"_K1": 0.9},
        {"_K1": 1.6},
        {"_B": 0.5},
        {"_B": 0.3},
        {"_ARTICLE_SHARE": 0.0},
        {"_ARTICLE_SHARE": 0.6},
        {"NEIGHBOURS_OF": 20},
        {"NEIGHBOUR_SHARE": 0.8},
    ]
    for setting in settings:
        for name, value in base.items():
            setattr(retrieval, name, value)
        for name, value in setting.items():
            setattr(retrieval, name, value)
        # with_neighbours reads its defaults at definition time: pass them explicitly
        orig = retrieval.SentenceIndex.with_neighbours

        def patched(self, hits, top=None, share=None, _orig=orig):
            return _orig(self, hits, retrieval.NEIGHBOURS_OF, retrieval.NEIGHBOUR_SHARE)

        retrieval.SentenceIndex.with_neighbours = patched
        print(setting, measure(items, indexes), flush=True)
        retrieval.SentenceIndex.with_neighbours = orig
    for name, value in base.items():
        setattr(retrieval, name, value)
    for k in (120, 160):
        qa_pkg._RETRIEVED, old = k, qa_pkg._RETRIEVED
        print({"_RETRIEVED": k}, measure(items, indexes), flush=True)
        qa_pkg._RETRIEVED = old


if __name__ == "__main__":
    main()
