"""Writes tests/data/store_v2.db: a store made by the code of commit ce9e2f5 (schema 2).

Kept so that tests/test_store_upgrade.py opens a real file written by the released code, not one
this code imitates. It was made by running this script from a checkout of that commit:

    git archive ce9e2f5 | tar -x -C /tmp/v2 && cd /tmp/v2 && python /path/to/make_store_v2.py OUT.db

What it holds: the bridge story (two outlets) and the festival story, filed on 2026-11-24, and a
"morning" digest delivered to slack:C0123 that day (both stories posted in full, message ids m1
and m2), then on 2026-11-25 a third outlet joining the bridge story and its update posted in m1's
thread (m3). The clock is fixed, so the file's content does not depend on when it was made.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from bot.app import build_service  # noqa: E402
from bot.config import parse_config  # noqa: E402
from summarizer import Article  # noqa: E402

from pipeline_fixtures import BRIDGE, BRIDGE_B, BRIDGE_C, FESTIVAL, long_text  # noqa: E402

CONFIG = {
    "include_seeds": False,
    "digests": {"morning": {"schedule": "0 8 * * *", "timezone": "Europe/Berlin", "targets": ["slack:C0123"]}},
}


class Sink:
    platform = "test"

    def __init__(self) -> None:
        self.n = 0

    async def post(self, channel, digest, item) -> str:
        self.n += 1
        return f"m{self.n}"


def main(out: str) -> None:
    now = [datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc)]
    config = parse_config({**CONFIG, "storage": {"path": out}}, source=Path(out).with_suffix(".toml"))
    service = build_service(config, clock=lambda: now[0])
    service.add_articles([
        Article("a1", "Daily", long_text(BRIDGE), title="Bridge to close"),
        Article("b1", "Courier", long_text(BRIDGE_B), title="Bridge shut for repairs"),
        Article("f1", "Gazette", long_text(FESTIVAL), title="Festival opens"),
    ])
    sink = Sink()
    now[0] = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)
    asyncio.run(service.deliver("morning", "slack:C0123", sink))
    now[0] = datetime(2026, 11, 25, 6, 0, tzinfo=timezone.utc)
    service.add_articles([Article("c1", "Herald", long_text(BRIDGE_C), title="Bridge repairs under way")])
    now[0] = datetime(2026, 11, 25, 7, 5, tzinfo=timezone.utc)
    asyncio.run(service.deliver("morning", "slack:C0123", sink))
    service.close()


if __name__ == "__main__":
    main(sys.argv[1])
