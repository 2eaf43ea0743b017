"""The merged brief against the annotated core facts of the test stories and the seeds.

For each story in ``tests/data/eval/brief_facts.jsonl`` (the seeds and every story of
``tests/data/stories/``, read from the annotation file, so a new story is picked up when its line is
added), build the default brief (and one at ``--max-words``) and report:

- coverage: share of the annotated core facts (facts two or more outlets report) that some brief
  item states (holds all the fact's keywords, matched as ``validate.py`` matches them);
- citation recall: for items stating a core fact, the share of the fact's outlets they cite;
- wrong citations: cited outlets the annotation does not list for a fact the item states
  (``sources`` plus ``also``); this should be zero.

    .venv/bin/python bench/brief_facts.py
    .venv/bin/python bench/brief_facts.py --max-words 300
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.loaders import load_articles, load_seeds
from summarizer import build_brief
from summarizer.model import Brief

EVAL = ROOT / "tests" / "data" / "eval"
STORIES = ROOT / "tests" / "data" / "stories"


def _validator() -> Any:
    spec = importlib.util.spec_from_file_location("brief_facts_validate", EVAL / "validate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def score_brief(brief: Brief, facts: Sequence[dict[str, Any]], validate: Any) -> dict[str, Any]:
    """Coverage, citation recall and wrong citations of one brief against its core facts."""
    covered, recalls, wrong = 0, [], []
    for fact in facts:
        keys = [validate.normalize(k) for k in fact["keywords"]]
        stating = [
            i for i in brief.summary if all(validate.contains(validate.normalize(i.text), k) for k in keys)
        ]
        if not stating:
            continue
        covered += 1
        allowed = set(fact["sources"]) | set(fact.get("also", ()))
        cited = {s for item in stating for s in item.sources}
        recalls.append(len(cited & set(fact["sources"])) / len(fact["sources"]))
        wrong.extend((fact["fact"], s) for s in cited - allowed)
    return {
        "coverage": covered / len(facts) if facts else 1.0,
        "recall": statistics.mean(recalls) if recalls else 0.0,
        "wrong": wrong,
        "words": sum(len(i.text.split()) for i in brief.summary),
    }


def load_story(name: str) -> list[Any]:
    return load_seeds() if name == "seeds" else load_articles([STORIES / name])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-words", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print each brief")
    args = parser.parse_args(argv)
    validate = _validator()
    print(f"{'story':<22}{'facts':>6}{'covered':>9}{'recall':>8}{'wrong':>7}{'words':>7}{'ms':>7}")
    for line in (EVAL / "brief_facts.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles = load_story(row["story"])
        start = time.perf_counter()
        brief = build_brief(articles, max_words=args.max_words)
        ms = 1000 * (time.perf_counter() - start)
        s = score_brief(brief, row["core_facts"], validate)
        print(
            f"{row['story']:<22}{len(row['core_facts']):>6}{s['coverage']:>9.0%}{s['recall']:>8.0%}"
            f"{len(s['wrong']):>7}{s['words']:>7}{ms:>7.0f}"
        )
        for fact, source in s["wrong"]:
            print(f"    wrong citation: {source} for {fact!r}")
        if args.show:
            print(f"    {brief.title}")
            for item in brief.summary:
                print(f"    - {item.text} {list(item.sources)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
