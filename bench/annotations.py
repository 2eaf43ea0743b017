"""Reader annotations of real Multi-News clusters, kept as references into the shared file.

Multi-News is licensed for non-commercial research, so the repository keeps no copy of its text:
an annotation names a cluster (0-based line of ``multinews-dev100.jsonl``), a passage (1-based, as
"Passage N:" in the file) and character offsets into that passage, plus the annotator's own words.
The text is read from ``../shared/eval`` when a bench or test runs.

An annotator works in a scratch file that quotes the text (kept out of the repository), and
``convert`` turns each quote into offsets::

    python bench/annotations.py convert /tmp/work.json bench/annotations/multinews_check.jsonl
    python bench/annotations.py show bench/annotations/multinews_check.jsonl 52
    python bench/annotations.py text 52          # the cluster's passages, to read while annotating

Scratch file: a JSON list, one object per cluster::

    {"cluster": 52,
     "facts":    [{"fact": "own words", "mentions": [{"passage": 1, "quote": "exact text"}, ...]}],
     "exclusive":[{"fact": "own words", "passage": 2, "quote": "exact text"}],
     "figures":  [{"quantity": "own words", "relation": "conflict|update|precision|same",
                   "values": [{"passage": 1, "quote": "exact text", "value": "12", "who": "police"}]}],
     "framing":  [{"term": "own words", "passage": 1, "quote": "exact text", "note": "own words"}]}

Each ``quote`` becomes ``{"passage", "start", "end", "sha1"}`` (the first 10 hex digits of the
quoted text's SHA-1, so a changed source file is noticed); every other field is kept as written.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any



def _shared_file(name: str) -> Path:
    """``shared/eval/<name>`` in the nearest folder above this checkout that has it (a worktree
    sits one level deeper than the main checkout); the main checkout's place when none has."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / "eval" / name
        if candidate.exists():
            return candidate
    return here.parent.parent.parent / "shared" / "eval" / name


MULTINEWS = _shared_file("multinews-dev100.jsonl")


def passages(line: str) -> list[str]:
    """The passages of one Multi-News line, split and un-escaped exactly as the shared scorers do."""
    record = json.loads(line)
    docs = [d for d in re.split(r"(?m)^Passage \d+:\n", record["context"]) if d.strip()]
    return [re.sub(r"\s*NEWLINE_CHAR\s*", "\n", d).strip() for d in docs]


def clusters(path: Path = MULTINEWS) -> list[list[str]]:
    """Every cluster of the file, as lists of passages."""
    with open(path, encoding="utf-8") as fh:
        return [passages(line) for line in fh]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _locate(quote: str, passage: str) -> tuple[int, int]:
    """Offsets of ``quote`` in ``passage``; whitespace runs in the quote match any whitespace run."""
    start = passage.find(quote)
    if start >= 0:
        return start, start + len(quote)
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    match = re.search(pattern, passage)
    if not match:
        raise ValueError(f"quote not found: {quote[:80]!r}")
    return match.start(), match.end()


def _to_reference(obj: Any, texts: list[str]) -> Any:
    if isinstance(obj, list):
        return [_to_reference(item, texts) for item in obj]
    if not isinstance(obj, dict):
        return obj
    out = {key: _to_reference(value, texts) for key, value in obj.items() if key != "quote"}
    if "quote" in obj:
        number = obj["passage"]
        if not 1 <= number <= len(texts):
            raise ValueError(f"passage {number} does not exist (the cluster has {len(texts)})")
        start, end = _locate(obj["quote"], texts[number - 1])
        out.update(start=start, end=end, sha1=_digest(texts[number - 1][start:end]))
    return out


def _resolve(obj: Any, texts: list[str]) -> Any:
    if isinstance(obj, list):
        return [_resolve(item, texts) for item in obj]
    if not isinstance(obj, dict):
        return obj
    out = {key: _resolve(value, texts) for key, value in obj.items()}
    if "start" in obj and "passage" in obj:
        text = texts[obj["passage"] - 1][obj["start"] : obj["end"]]
        if _digest(text) != obj["sha1"]:
            raise ValueError(f"passage {obj['passage']} changed since it was annotated")
        out["text"] = text
    return out


def convert(work: Path, out: Path, source: Path = MULTINEWS) -> int:
    """Write the reference-only annotations for a scratch file; returns the number of clusters."""
    data = clusters(source)
    items = json.loads(work.read_text(encoding="utf-8"))
    with open(out, "w", encoding="utf-8") as fh:
        for item in items:
            texts = data[item["cluster"]]
            fh.write(json.dumps(_to_reference(item, texts), ensure_ascii=False) + "\n")
    return len(items)


def load(path: Path, source: Path = MULTINEWS) -> list[dict[str, Any]]:
    """Annotations with every reference resolved: each span gains ``text``; each cluster ``passages``."""
    data = clusters(source)
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            texts = data[item["cluster"]]
            resolved = _resolve(item, texts)
            resolved["passages"] = texts
            out.append(resolved)
    return out


def annotated_story(item: dict[str, Any]) -> tuple[list[Any], list[tuple[str, str]], Any]:
    """An annotated cluster as ``build_brief`` reads it: its sentences (article ids
    ``c<cluster>p<k>``, outlets "Outlet k+1"), what a citation may rest on, and their alignment."""
    from summarizer import Article
    from summarizer.align import build_alignment
    from summarizer.brief import _story_sentences

    arts = [Article(id=f"c{item['cluster']}p{k}", source=f"Outlet {k + 1}", text=t) for k, t in enumerate(item["passages"])]
    unquotable = [(a.id, a.title) for a in arts if a.title]
    spoken: list[tuple[str, str]] = []
    sentences = _story_sentences(arts, unquotable, spoken)
    return sentences, [*unquotable, *spoken], build_alignment(sentences)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "convert":
        print(f"{convert(Path(argv[1]), Path(argv[2]))} clusters written to {argv[2]}")
        return 0
    if len(argv) >= 2 and argv[0] == "show":
        wanted = {int(c) for c in argv[2:]}
        for item in load(Path(argv[1])):
            if not wanted or item["cluster"] in wanted:
                item.pop("passages")
                print(json.dumps(item, ensure_ascii=False, indent=1))
        return 0
    if len(argv) == 2 and argv[0] == "text":
        for number, text in enumerate(clusters()[int(argv[1])], 1):
            print(f"=== Passage {number} ({len(text.split())} words)\n{text}\n")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
