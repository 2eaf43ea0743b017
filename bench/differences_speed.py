"""Time ``find_differences`` and check that a change leaves its output exactly as it was.

    .venv/bin/python bench/differences_speed.py --capture   # freeze inputs and reference output
    .venv/bin/python bench/differences_speed.py             # time, and compare with the reference

Inputs are the seeds and the stories of ``tests/data/stories`` (each twice: sentences as
``build_brief`` picks them, and every split sentence aligned as ``bench/differences_eval.py``
does) and the first 30 Multi-News dev clusters (as ``build_brief`` picks them). ``--capture``
builds the sentences and fact groups once and pickles them with the output of the current
``find_differences``, so later runs time and compare the differences step alone, on exactly
the same input, however the aligner changes meanwhile.

Timing: each input is run ``--repeat`` times with the caches as ``build_brief`` leaves them
before every run (stems of the story's content words warm, figures cold: the pipeline meets a
story's sentences for the first time), the best run per input is kept, and the mean over inputs
is printed per group of inputs. Times are CPU time of this process (``time.process_time``): on a
machine shared with other jobs, wall time mostly measures the others. Best-of-N in a quiet
process is a lower bound: the same call inside ``build_brief`` (one call, after the aligner and
LexRank have run) costs more for every version; bench/RESULTS.md gives both.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.language import quantities as figures
from summarizer.differences import find_differences
from summarizer.language import content_words, stem

STORIES = ROOT / "tests" / "data" / "stories"
MULTINEWS = ROOT.parent / "shared" / "eval" / "multinews-dev100.jsonl"
INPUTS = Path("/tmp/newsbrief_differences_inputs.pkl")
REFERENCE = Path("/tmp/newsbrief_differences_reference.json")
N_CLUSTERS = 30


def _capture_inputs() -> list[tuple[str, list[Any], list[Any], list[Any]]]:
    """(name, articles, sentences, groups) for every input, built by today's pipeline."""
    from bench.multinews import load_clusters
    from bot.loaders import load_path, load_seeds
    from summarizer.align import SourceSentence, align, build_alignment
    from summarizer.brief import _story_sentences
    from summarizer.language import split_sentences

    stories = [("seeds", load_seeds())] + [(p.name, load_path(p)) for p in sorted(STORIES.iterdir()) if p.is_dir()]
    stories += [(f"multinews{k:02d}", list(c.articles)) for k, c in enumerate(load_clusters(MULTINEWS)[:N_CLUSTERS])]
    out = []
    for name, articles in stories:
        sentences = _story_sentences(articles)
        out.append((f"brief:{name}", articles, sentences, align(sentences, build_alignment(sentences))))
        if not name.startswith("multinews"):
            split = [SourceSentence.make(a.id, i, s) for a in articles for i, s in enumerate(split_sentences(a.text))]
            out.append((f"split:{name}", articles, split, align(split)))
    return out


def _as_json(diffs: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [asdict(d) for d in diffs]


def _run(articles: list[Any], sentences: list[Any], groups: list[Any]) -> tuple[float, tuple[Any, ...]]:
    # the caches as build_brief leaves them: content stems warm (SourceSentence.make), figures cold
    stem.cache_clear()
    for s in sentences:
        content_words(s.text)
    for cached in vars(figures).values():  # the figure caches, not the stems quantities.py imports
        if hasattr(cached, "cache_clear") and cached.__module__ == figures.__name__:
            cached.cache_clear()
    start = time.process_time()
    diffs = find_differences(articles, sentences, groups)
    return time.process_time() - start, diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--capture", action="store_true", help="freeze inputs and record the reference output")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if args.capture:
        inputs = _capture_inputs()
        INPUTS.write_bytes(pickle.dumps(inputs))
    inputs = pickle.loads(INPUTS.read_bytes())

    outputs: dict[str, list[dict[str, Any]]] = {}
    times: dict[str, list[float]] = {"seeds+stories": [], "multinews": []}
    for name, articles, sentences, groups in inputs:
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            seconds, diffs = _run(articles, sentences, groups)
            best = min(best, seconds)
        outputs[name] = _as_json(diffs)
        times["multinews" if "multinews" in name else "seeds+stories"].append(best)

    for group, values in times.items():
        print(f"{group:14s} {len(values):3d} inputs  mean {1000 * statistics.mean(values):7.1f} ms  "
              f"max {1000 * max(values):7.1f} ms")
    if args.capture:
        REFERENCE.write_text(json.dumps(outputs, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"reference recorded: {REFERENCE} ({sum(map(len, outputs.values()))} differences)")
        return 0
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    changed = [name for name in reference if reference[name] != json.loads(json.dumps(outputs[name], ensure_ascii=False))]
    if changed:
        print(f"OUTPUT CHANGED on {len(changed)} inputs: {', '.join(changed)}")
        return 1
    print(f"identical output on all {len(reference)} inputs ({sum(map(len, reference.values()))} differences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
