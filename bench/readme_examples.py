"""The README's example outputs, produced by running today's code.

Each example in README.md is a fenced ``text`` block preceded by a marker naming the command:

    <!-- example: newsbrief ask "how many troops did DHS request?" | lines=9 -->
    ```text
    $ newsbrief ask "how many troops did DHS request?"
    ...
    ```

The script runs each command as a new user would (the installed ``newsbrief``, a fresh folder
with no config: the bundled seeds, an 88-column terminal) and puts its output in the block; with
``lines=N`` only the first N lines are kept, followed by "…".

    .venv/bin/python bench/readme_examples.py --write    # update README.md (``make readme-examples``)
    .venv/bin/python bench/readme_examples.py --check    # exit 1, naming the stale examples, if any

Run it after the summarizer's output changes, before a release; ``tests/test_readme.py`` checks
that the README is current.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NEWSBRIEF = Path(sys.executable).with_name("newsbrief")

_EXAMPLE = re.compile(
    r"(?P<marker><!-- example: (?P<command>.+?)(?: \| lines=(?P<lines>\d+))? -->\n)```text\n(?P<body>.*?)```",
    re.DOTALL,
)


def start_example(command: str, folder: str) -> subprocess.Popen[str]:
    """Start one example's command in ``folder`` (a fresh one, with no config in it)."""
    argv = shlex.split(command)
    assert argv[0] == "newsbrief", f"an example runs newsbrief, not {argv[0]!r}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    env["COLUMNS"] = "88"
    return subprocess.Popen(
        [str(NEWSBRIEF), *argv[1:]], cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def example_text(command: str, process: subprocess.Popen[str], lines: int | None) -> str:
    """The block's text: the command line, then what the command printed (stdout)."""
    out, err = process.communicate(timeout=300)
    if process.returncode != 0:
        raise SystemExit(f"readme_examples: `{command}` failed: {err.strip()}")
    output = out.rstrip("\n").splitlines()
    if lines is not None and len(output) > lines:
        output = output[:lines] + ["…"]
    return "\n".join([f"$ {command}", *output]) + "\n"


def render(readme: str) -> str:
    """The README with every example block made again (the commands run side by side)."""
    matches = list(_EXAMPLE.finditer(readme))
    with tempfile.TemporaryDirectory() as folder:
        processes = [start_example(m["command"], folder) for m in matches]
        texts = [example_text(m["command"], p, int(m["lines"]) if m["lines"] else None) for m, p in zip(matches, processes)]
    out, end = [], 0
    for match, text in zip(matches, texts):
        out += [readme[end : match.start()], f"{match['marker']}```text\n{text}```"]
        end = match.end()
    return "".join(out) + readme[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="update README.md")
    mode.add_argument("--check", action="store_true", help="exit 1 if an example is not what the code prints")
    args = parser.parse_args()
    current = README.read_text(encoding="utf-8")
    if not _EXAMPLE.search(current):
        print("readme_examples: no example markers in README.md", file=sys.stderr)
        return 1
    fresh = render(current)
    if args.write:
        README.write_text(fresh, encoding="utf-8")
        print(f"README.md: {len(_EXAMPLE.findall(fresh))} examples written")
        return 0
    if fresh != current:
        diff = difflib.unified_diff(current.splitlines(), fresh.splitlines(), "README.md", "from today's code", lineterm="", n=1)
        print("\n".join(list(diff)[:60]))
        print("readme_examples: README.md examples are out of date: run `make readme-examples`", file=sys.stderr)
        return 1
    print("README.md examples are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
