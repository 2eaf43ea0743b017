"""The README's example outputs are what today's code prints (``bench/readme_examples.py``).

When the summarizer's output changes on purpose, ``make readme-examples`` writes them again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEWSBRIEF = Path(sys.executable).with_name("newsbrief")


@pytest.mark.skipif(not NEWSBRIEF.exists(), reason="newsbrief is not installed in this environment")
def test_the_readme_examples_are_the_output_of_todays_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("<!-- example: newsbrief ") >= 2
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "readme_examples.py"), "--check"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
