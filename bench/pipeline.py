"""Benchmark: N articles from 20 feeds served on 127.0.0.1, ingested, clustered and briefed.

    .venv/bin/python bench/pipeline.py            # 100, 1000 and 10000 articles
    .venv/bin/python bench/pipeline.py 1000       # one size

Article bodies are the Multi-News passages of /work/shared/eval/multinews-dev100.jsonl (real
news, 100 events), reused round-robin when N exceeds them (a reused passage carries a distinct
first sentence; across outlets it is then recognised as wire copy, as it would be). Each size
runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/eval/multinews-dev100.jsonl")
FEEDS = 20


def passages() -> list[str]:
    out = []
    for line in DATA.read_text().splitlines():
        context = json.loads(line)["context"]
        for part in context.split("Passage ")[1:]:
            text = part.split(":", 1)[1].replace(" NEWLINE_CHAR ", "\n").replace("NEWLINE_CHAR", "\n").strip()
            if len(text.split()) > 60:
                out.append(text)
    return out


def one(n: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT))
    import asyncio

    from feed_server import FeedServer, rss_feed

    from bot.app import build_service
    from bot.config import parse_config

    bodies = passages()
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        for f in range(FEEDS):
            entries = []
            for i in range(f, n, FEEDS):
                body = bodies[i % len(bodies)]
                if i >= len(bodies):
                    body = f"Update {i}: outlet {f} republished this report.\n\n{body}"
                entries.append({"title": body.split(".")[0][:80], "link": server.url(f"/f{f}/a{i}"), "guid": f"a{i}", "content": body})
            server.route(f"/f{f}", rss_feed(f"Outlet {f}", entries))
        config = parse_config(
            {
                "include_seeds": False,
                "storage": {"path": f"{tmp}/bench.db"},
                "fetch": {"host_delay_seconds": 0, "max_bytes": 50_000_000, "full_text": False, "timeout_seconds": 120},
                "feeds": [{"url": server.url(f"/f{f}")} for f in range(FEEDS)],
            },
            source=Path(tmp) / "config.toml",
        )
        t0 = time.perf_counter()
        service = build_service(config)
        report = asyncio.run(service.fetch())
        t1 = time.perf_counter()
        stories = service.store.stories()
        briefs = asyncio.run(service.brief(limit=len(stories)))
        t2 = time.perf_counter()
        wire = sum(f.wire for f in report.feeds)
        service.close()
    return {
        "articles": n,
        "stored": report.new,
        "wire": wire,
        "stories": len(stories),
        "briefs": len(briefs),
        "ingest_and_cluster_s": round(t1 - t0, 2),
        "brief_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    print(f"{'articles':>8} {'stored':>6} {'wire':>5} {'stories':>7} {'ingest+cluster s':>16} {'brief s':>8} {'total s':>8} {'peak RSS MB':>11}")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['articles']:>8} {r['stored']:>6} {r['wire']:>5} {r['stories']:>7} {r['ingest_and_cluster_s']:>16} {r['brief_s']:>8} {r['total_s']:>8} {r['peak_rss_mb']:>11}")


if __name__ == "__main__":
    main()
