"""Literal news texts and helpers shared by the pipeline tests (no seed files, no special cases)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from bot.config import Config, parse_config

BRIDGE = [
    "The city council voted 7-2 on Tuesday to close the Elm Street bridge for repairs after inspectors found corroded steel beams.",
    "The closure will last at least six months and detours will add about 15 minutes to commutes, the transport department said.",
    "Mayor Dana Ruiz said the repairs would cost $12 million, paid from the state infrastructure fund.",
    "Residents of the east side said they were worried about emergency response times during the closure.",
    "Engineers first raised concerns about the bridge in a report published last spring, according to council documents.",
]
BRIDGE_B = [
    "Councillors approved the closure of the Elm Street bridge by seven votes to two after inspectors reported corroded steel beams.",
    "Officials estimate the repair bill at $14 million and say the work will take at least six months.",
    "Detours around the river will add roughly 15 minutes to a typical commute, the transport department said.",
    "A local fire chief said crews would station an extra engine on the east side while the bridge is shut.",
]
# Later reports of the bridge story, past a 72-hour window (continuation tests).
BRIDGE_C = [
    "Work to repair the Elm Street bridge is under way, with the crossing closed after inspectors found corroded steel beams.",
    "Council documents show engineers warned about the bridge last spring; the repairs are expected to cost $12 million.",
    "Drivers face detours of about 15 minutes for at least six months, the transport department said.",
    "Mayor Dana Ruiz said the east side would keep an extra fire engine during the closure.",
]
BRIDGE_D = [
    "Crews removed the first corroded steel beams from the Elm Street bridge on Monday, the transport department said.",
    "Mayor Dana Ruiz visited the site and said the $12 million repairs were on schedule despite the cold weather.",
    "Detours around the closed bridge still add about 15 minutes to commutes, and the council said that would not change soon.",
    "Engineers expect the crossing to stay shut for the six months the council set when it voted 7-2 for the closure.",
]
FESTIVAL = [
    "The harbour film festival opened on Friday with a record 40,000 tickets sold, organisers said.",
    "This year's program features 120 films from 35 countries, including eleven world premieres.",
    "The festival director said a new outdoor screen on the pier had drawn families who had never attended before.",
    "Local restaurants reported their busiest weekend of the year as visitors filled the waterfront.",
]


def long_text(paragraphs: list[str], n: int = 1) -> str:
    return "\n\n".join(paragraphs * n)


def make_config(tmp_path: Path, text: str = "", **extra: object) -> Config:
    """A config file in ``tmp_path`` with fast fetch settings, parsed like a user's."""
    import tomllib

    base = """
include_seeds = false
[storage]
path = "news.db"
[fetch]
timeout_seconds = 2
retries = 1
backoff_seconds = 0.01
host_delay_seconds = 0
min_words = 40
failing_after = 2
"""
    path = tmp_path / "config.toml"
    path.write_text(base + text, encoding="utf-8")
    return parse_config(tomllib.loads(path.read_text()), source=path)


class Clock:
    """A controllable clock: ``clock()`` returns ``clock.now``."""

    def __init__(self, now: datetime | None = None):
        self.now = now or datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now
