"""Fetch speed with the default politeness: 127 articles from feeds on ten local hosts.

Ten HTTP servers on 127.0.0.2 ... 127.0.0.11 each serve one RSS feed of summary-only entries
(127 in all: 13 on seven hosts, 12 on three) whose full text is on the article pages, as many
real feeds do; every page is read. The pages hold real Multi-News passages when
``../shared/eval/multinews-dev100.jsonl`` is there (read at run time, never copied), else
invented text; the content does not matter to the timing, the requests do.

For each code base given (default: this checkout; ``--baseline DIR`` adds another, e.g. an
export of ``main``) it runs ``newsbrief fetch`` in a fresh store with the default [fetch]
settings (1 s between two requests to one host) behind a pseudo-terminal, and prints:
the wall time, the articles stored, and when the progress line first showed on the terminal and
first counted an article.

    .venv/bin/python bench/fetch_speed.py [--baseline /tmp/main-export]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import re
import select
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from feed_server import FeedServer, article_page, rss_feed  # noqa: E402

MULTINEWS = ROOT.parent / "shared" / "eval" / "multinews-dev100.jsonl"
HOSTS = [f"127.0.0.{n}" for n in range(2, 12)]
ARTICLES = 127


def passages(n: int) -> list[list[str]]:
    """``n`` lists of paragraphs: Multi-News passages if the file is there, else invented ones."""
    out: list[list[str]] = []
    if MULTINEWS.exists():
        for line in MULTINEWS.read_text(encoding="utf-8").splitlines():
            for part in re.split(r"Passage \d+:\n", json.loads(line)["context"]):
                paragraphs = [p.strip() for p in part.split("NEWLINE_CHAR") if len(p.strip()) > 40]
                if sum(len(p.split()) for p in paragraphs) >= 150:
                    out.append(paragraphs[:12])
                if len(out) == n:
                    return out
    for k in range(len(out), n):
        out.append([f"Report {k}: the council of district {k} voted {k % 9}-{k % 4} on spending {k * 13} thousand dollars on {k * 7} new lights."] * 6)
    return out


def serve(servers: list[FeedServer]) -> None:
    texts = passages(ARTICLES)
    for n in range(ARTICLES):
        server = servers[n % len(servers)]
        path = f"/story/{n}"
        server.route(path, article_page(f"Report {n}", texts[n], outlet=f"Outlet {n % len(servers)}"))
    for k, server in enumerate(servers):
        entries = [
            {"title": f"Report {n}", "link": server.url(f"/story/{n}"), "guid": f"r{n}", "description": f"Report {n} in brief."}
            for n in range(k, ARTICLES, len(servers))
        ]
        server.route("/rss", rss_feed(f"Outlet {k}", entries))


def run_fetch(code: Path, servers: list[FeedServer]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        feeds = "".join(f'[[feeds]]\nurl = "{s.url("/rss")}"\n' for s in servers)
        (work / "config.toml").write_text(f'include_seeds = false\n[storage]\npath = "news.db"\n{feeds}')
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
        env["PYTHONPATH"] = str(code)
        master, slave = pty.openpty()  # stderr is a terminal: the progress line is drawn
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "fetch"], cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=slave
        )
        os.close(slave)
        first_line = first_article = None
        screen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if not chunk and process.poll() is not None:
                    break
                screen += chunk
                now = time.monotonic() - started
                if first_line is None and b"fetching" in screen:
                    first_line = now
                if first_article is None and re.search(rb"\b[1-9]\d*/\d+ articles", screen):
                    first_article = now
            elif process.poll() is not None:
                break
        wall = time.monotonic() - started
        os.close(master)
        with sqlite3.connect(work / "news.db") as db:
            stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"wall_s": round(wall, 1), "stored": stored, "progress_shown_s": first_line, "first_article_counted_s": first_article}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another code base (a folder with bot/ and summarizer/) to time first")
    args = parser.parse_args()
    servers = [FeedServer(host).__enter__() for host in HOSTS]
    try:
        serve(servers)
        print(f"# {platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}; {ARTICLES} articles on {len(HOSTS)} hosts")
        bases = ([("baseline", args.baseline)] if args.baseline else []) + [("this checkout", ROOT)]
        for label, code in bases:
            for server in servers:
                server.requests.clear()
            result = run_fetch(code, servers)
            per_host = [len(s.requests) for s in servers]
            print(json.dumps({"code": label, **result, "requests_per_host": per_host}))
    finally:
        for server in servers:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
