"""Benchmark: a week of news from 20 feeds, fetched, filed into stories and briefed.

    .venv/bin/python bench/pipeline.py                      # 100, 1,000, 3,000 and 10,000 articles
    .venv/bin/python bench/pipeline.py 1000 --profile       # one size, with a per-phase profile
    .venv/bin/python bench/pipeline.py 10000 --per-day 143  # a steady rate: the span grows with N
    .venv/bin/python bench/pipeline.py 1000 --single-fetch  # every article in one fetch
    .venv/bin/python bench/pipeline.py 1000 --extract-workers 0 --brief-workers 1  # all in one process

The articles are a synthetic stream derived from the real Multi-News clusters
(``bench/synthetic_news.py``): N distinct articles in derived events of realistic size (1-20
articles, mean about 4), names and figures rewritten per event, each outlet's version varied,
5% planted wire reprints, published over ``--days`` days by 20 outlets at different rates.

Each size runs in a fresh process so that its peak memory is its own, and that process runs the
pipeline as a service would over the week: a simulated clock advances ``--poll-hours`` at a
time; before each poll a feed server on 127.0.0.1 (a separate process, so its memory is not
counted) lists each outlet's newest 50 entries published by then, with an ETag; the poll is
``Ingestor.fetch_all`` (conditional GET, parse, dedupe, wire check, store) then
``StoryTracker.update`` (filing new articles into stories within the 72-hour window), exactly
what ``BriefingService.fetch`` does. Four of the 20 outlets publish summary-only feeds, so their
full text comes from the article pages (trafilatura). After the last poll every story is briefed
(``BriefingService.brief``).

Printed per size: articles stored, wire copies (planted / detected / other flags), events
generated and stories formed, clustering agreement with the generated events (adjusted Rand
index, pairwise precision and recall, and how many wrongly merged pairs are two events derived
from the same real cluster), time per phase (summed over polls; the slowest poll), CPU seconds per
phase of the run's process and of its worker processes (page workers during the fetches, brief
workers at the end), and the run's process's peak RSS after filing and at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import hashlib
import html
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import comb
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

FEED_SIZE = 50  # entries a feed lists: its newest
SUMMARY_WORDS = 40  # what a summary-only feed carries of each article
OUTLET_NAMES = (
    "Harbor Times", "The Daily Ledger", "Metro Courier", "Northern Star", "Valley Gazette", "Capital Wire",
    "Evening Standard Post", "Coastal Herald", "The Observer Review", "Midland Chronicle", "Union Tribune Daily",
    "Riverside Journal", "The Civic Bulletin", "Lakeshore News", "Summit Dispatch", "Prairie Record",
    "Bay Area Monitor", "The Public Register", "Granite State Press", "Western Sentinel",
)


# ---------------------------------------------------------------------------------------------
# the feed server (its own process)


def serve(args: argparse.Namespace) -> None:
    """Generate the corpus, write its ground truth, serve it; "at ISO-TIME" lines on stdin set
    what the feeds list (entries published by then), "quit" ends."""
    from feed_server import FeedServer, article_page, rfc822, rss_feed
    from synthetic_news import OUTLETS, generate_corpus

    corpus = generate_corpus(args.serve, seed=args.seed, days=args.days)
    Path(args.truth).write_text(corpus.to_json(), encoding="utf-8")
    by_outlet: list[list[Any]] = [[] for _ in range(OUTLETS)]
    for article in corpus.articles:  # already in publication order
        by_outlet[article.outlet].append(article)
    times = [[a.published for a in items] for items in by_outlet]
    summary_only = set(range(OUTLETS - args.summary_feeds, OUTLETS))

    with FeedServer() as server:
        entries: list[list[dict[str, str]]] = [[] for _ in range(OUTLETS)]
        for outlet, items in enumerate(by_outlet):
            for a in items:
                path = f"/news/{outlet:02d}/{a.key}.html"
                paragraphs = a.text.split("\n\n")
                server.route(path, article_page(a.title, paragraphs, OUTLET_NAMES[outlet]))
                entry = {"title": a.title, "link": server.url(path), "guid": a.key, "pubDate": rfc822(a.published)}
                if outlet in summary_only:
                    words = a.text.split()
                    entry["description"] = " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")
                else:
                    entry["content"] = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
                entries[outlet].append(entry)
        print(server.base, flush=True)
        for line in sys.stdin:
            command = line.split()
            if not command or command[0] == "quit":
                break
            at = datetime.fromisoformat(command[1])
            listed = 0
            for outlet in range(OUTLETS):
                end = bisect.bisect_right(times[outlet], at)
                newest = entries[outlet][max(0, end - args.feed_size) if args.feed_size else 0: end][::-1]
                listed += len(newest)
                etag = '"' + hashlib.sha1("|".join(e["guid"] for e in newest).encode()).hexdigest()[:16] + '"'
                server.route(f"/feeds/{outlet:02d}.xml", rss_feed(OUTLET_NAMES[outlet], newest, etag=etag))
            print("ok", listed, flush=True)


@dataclass
class _FeedProcess:
    """The feed server process, driven over its stdin."""

    proc: subprocess.Popen[str]
    base: str

    @classmethod
    def start(cls, n: int, args: argparse.Namespace, truth: Path) -> _FeedProcess:
        command = [
            sys.executable, __file__, "--serve", str(n), "--truth", str(truth), "--seed", str(args.seed),
            "--days", str(args.days), "--summary-feeds", str(args.summary_feeds),
            "--feed-size", str(0 if args.single_fetch else FEED_SIZE),
        ]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        if not base.startswith("http"):
            proc.kill()
            raise RuntimeError("the feed server did not start")
        return cls(proc, base)

    def at(self, when: datetime) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"at {when.isoformat()}\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline().split()[1])

    def stop(self) -> None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


# ---------------------------------------------------------------------------------------------
# one size, measured (its own process)


def _peak_rss_mb() -> float:
    """Peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _MemoryWatch:
    """Peak of the run's process's resident memory plus its worker processes' (page and brief
    workers; the feed server is left out), sampled four times a second from /proc."""

    def __init__(self, leave_out: int):
        import os
        import threading

        self._me, self._leave_out = os.getpid(), leave_out
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _rss_kb(pid: int | str) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def _children(self) -> set[str]:
        pids: set[str] = set()
        for task in Path(f"/proc/{self._me}/task").glob("*"):  # a child belongs to the thread that started it
            try:
                pids.update((task / "children").read_text().split())
            except OSError:
                continue
        return pids - {str(self._leave_out)}

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            total = self._rss_kb(self._me) + sum(self._rss_kb(p) for p in self._children())
            self.peak_mb = max(self.peak_mb, round(total / 1024, 1))


def _children_cpu() -> float:
    """CPU seconds of this process's ended children (worker processes; the feed server runs on)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(n: int, args: argparse.Namespace) -> dict[str, Any]:
    from stack_sampler import StackSampler

    from bot.app import build_service
    from bot.config import parse_config
    from bot.ingest import Ingestor, page_workers
    from bot.stories import brief_workers
    from summarizer.errors import SummarizerError

    with tempfile.TemporaryDirectory() as tmp:
        truth_path = Path(tmp) / "truth.json"
        feeds = _FeedProcess.start(n, args, truth_path)
        try:
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            start = datetime.fromisoformat(truth["start"])
            end = datetime.fromisoformat(truth["end"])
            config = parse_config(
                {
                    "include_seeds": False,
                    "storage": {"path": f"{tmp}/bench.db"},
                    "fetch": {
                        "host_delay_seconds": 0, "max_bytes": 50_000_000, "timeout_seconds": 60,
                        **({"extract_workers": args.extract_workers} if args.extract_workers is not None else {}),
                    },
                    "feeds": [{"url": f"{feeds.base}/feeds/{k:02d}.xml"} for k in range(len(OUTLET_NAMES))],
                },
                source=Path(tmp) / "config.toml",
            )
            now = [start]
            service = build_service(config, clock=lambda: now[0])
            # BriefingService.fetch is ingestor.fetch_all() then tracker.update() in a worker
            # thread; done here one after the other so that each is timed on its own. All in one
            # event loop, as in ``newsbrief run`` (the ingestor's lock belongs to one loop).
            ingestor = Ingestor(config, service.store, clock=lambda: now[0])
            sampler = StackSampler({"filing": "StoryTracker.update", "briefing": "StoryTracker.brief"})
            poll = timedelta(hours=args.poll_hours)
            timing: defaultdict[str, float] = defaultdict(float)
            unbriefable: list[str] = []

            async def run_week() -> tuple[list[Any], list[Any]]:
                at = end + poll if args.single_fetch else start + poll
                while at - poll < end or timing["polls"] == 0:  # until a poll after the last article
                    timing["listed"] += feeds.at(at)
                    now[0] = at
                    t0, c0 = time.perf_counter(), time.process_time()
                    report = await ingestor.fetch_all()
                    t1, c1 = time.perf_counter(), time.process_time()
                    await asyncio.to_thread(service.tracker.update)
                    t2, c2 = time.perf_counter(), time.process_time()
                    timing["ingest"] += t1 - t0
                    timing["filing"] += t2 - t1
                    timing["ingest_cpu"] += c1 - c0
                    timing["filing_cpu"] += c2 - c1
                    timing["slowest_poll"] = max(timing["slowest_poll"], t2 - t0)
                    timing["failed"] += len(report.failed)
                    timing["polls"] += 1
                    at += poll
                timing["rss_filed"] = _peak_rss_mb()
                ingestor.close()  # the page workers end: their CPU is counted as the ingest's
                timing["ingest_workers_cpu"] = _children_cpu()
                stories = service.store.stories()
                t3, c3, w3 = time.perf_counter(), time.process_time(), _children_cpu()
                briefs = await asyncio.to_thread(brief_each, stories)
                timing["brief"] = time.perf_counter() - t3
                timing["brief_cpu"] = time.process_time() - c3  # this process's only
                timing["brief_workers_cpu"] = _children_cpu() - w3  # brief workers (ended and waited for)
                return stories, briefs

            def brief_each(stories: list[Any]) -> list[Any]:
                # What BriefingService.briefs(limit=None) does (every story, stale briefs built in
                # --brief-workers processes), with each story that cannot be briefed counted.
                briefs = []
                for story, brief in service.tracker.briefs_of(stories, workers=args.brief_workers):
                    if isinstance(brief, SummarizerError):
                        unbriefable.append(f"{story.title[:60]!r} ({story.size} articles): {brief}")
                    else:
                        briefs.append(brief)
                return briefs

            with sampler if args.profile else contextlib.nullcontext(), _MemoryWatch(feeds.proc.pid) as memory:
                stories, briefs = asyncio.run(run_week())
            rss_end = _peak_rss_mb()
            rows = service.store.articles()
            service.close()
        finally:
            feeds.stop()

    result: dict[str, Any] = {
        "articles": n,
        "stored": len(rows),
        "polls": int(timing["polls"]),
        "failed_fetches": int(timing["failed"]),
        "listed_entries": int(timing["listed"]),
        "stories": len(stories),
        "briefs": len(briefs),
        "unbriefable": unbriefable,
        "events": truth["events"],
        "ingest_s": round(timing["ingest"], 1),
        "filing_s": round(timing["filing"], 1),
        "brief_s": round(timing["brief"], 1),
        "total_s": round(timing["ingest"] + timing["filing"] + timing["brief"], 1),
        # CPU seconds of this process in each stage: on a shared machine, steadier than wall time
        "ingest_cpu_s": round(timing["ingest_cpu"], 1),
        "filing_cpu_s": round(timing["filing_cpu"], 1),
        "brief_cpu_s": round(timing["brief_cpu"], 1),
        # CPU seconds of worker processes (page extraction during ingest, brief workers)
        "ingest_workers_cpu_s": round(timing["ingest_workers_cpu"], 1),
        "brief_workers_cpu_s": round(timing["brief_workers_cpu"], 1),
        "slowest_poll_s": round(timing["slowest_poll"], 2),
        "rss_filed_mb": timing["rss_filed"],
        "rss_peak_mb": rss_end,
        "rss_with_workers_peak_mb": memory.peak_mb,  # sampled: the run's process and its workers together
        "brief_workers": brief_workers() if args.brief_workers is None else args.brief_workers,
        "extract_workers": page_workers(config.fetch),
        "largest_story": max((s.size for s in stories), default=0),
    }
    result.update(_scores(rows, truth["articles"], config.stories.wire_similarity))
    if args.profile:
        result["profile"] = sampler.report()
    return result


def _scores(rows: list[Any], generated: list[dict[str, Any]], wire_threshold: float) -> dict[str, Any]:
    """Wire detection and clustering against the generated ground truth."""
    from bot.fingerprint import resemblance, shingles

    truth = {a["key"]: a for a in generated}
    key_of = {r.id: Path(urlsplit(r.url or "").path).stem for r in rows}
    text_of = {r.id: r.text for r in rows}

    def group(key: str) -> str:  # a report and its planted reprints
        return truth[key]["reprint_of"] or key

    # wire copy
    flagged = [(key_of[r.id], key_of.get(r.wire_of, "")) for r in rows if r.wire_of]
    flagged_ids = [(r.id, r.wire_of) for r in rows if r.wire_of]
    correct = {a for a, b in flagged if b in truth and group(a) == group(b)}
    planted = [a["key"] for a in generated if a["reprint_of"]]
    # a planted reprint is caught when it, or its original, is flagged as a copy within the group
    caught = sum(1 for k in planted if k in correct or any(a == truth[k]["reprint_of"] and b == k for a, b in flagged))
    near_copies = cross_event = wrong = 0
    for (a, b), (ida, idb) in zip(flagged, flagged_ids):
        if a in correct:
            continue
        if resemblance(shingles(text_of[ida]), shingles(text_of.get(idb, ""))) < wire_threshold:
            wrong += 1
        elif b in truth and truth[a]["event"] == truth[b]["event"]:
            near_copies += 1  # two outlets' own versions of one report that came out as copies
        else:
            cross_event += 1  # events derived from one short passage whose texts stayed copies

    # clustering
    labels = [(truth[key_of[r.id]]["event"], truth[key_of[r.id]]["base"], r.story_id) for r in rows]
    n = len(labels)
    pairs_true = sum(comb(c, 2) for c in Counter(e for e, _, _ in labels).values())
    pairs_pred = sum(comb(c, 2) for c in Counter(s for _, _, s in labels).values())
    pairs_both = sum(comb(c, 2) for c in Counter((e, s) for e, _, s in labels).values())
    pairs_base = sum(comb(c, 2) for c in Counter((b, s) for _, b, s in labels).values())
    expected = pairs_true * pairs_pred / comb(n, 2) if n > 1 else 0.0
    denominator = 0.5 * (pairs_true + pairs_pred) - expected
    by_story: dict[Any, Counter[int]] = defaultdict(Counter)
    for event, _, story in labels:
        by_story[story][event] += 1
    by_event: dict[int, set[Any]] = defaultdict(set)
    for event, _, story in labels:
        by_event[event].add(story)
    return {
        "planted_wire": len(planted),
        "wire_caught": caught,
        "wire_near_copies": near_copies,
        "wire_cross_event_copies": cross_event,
        "wire_false": wrong,
        "stored_events": len(by_event),
        "ari": round((pairs_both - expected) / denominator, 3) if denominator else 1.0,
        "pair_precision": round(pairs_both / pairs_pred, 3) if pairs_pred else 1.0,
        "pair_recall": round(pairs_both / pairs_true, 3) if pairs_true else 1.0,
        "purity": round(sum(max(c.values()) for c in by_story.values()) / n, 3) if n else 1.0,
        "split_events": sum(1 for stories in by_event.values() if len(stories) > 1),
        # wrongly merged pairs: two events derived from one real cluster, or unrelated events
        "merged_sibling_pairs": pairs_base - pairs_both,
        "merged_unrelated_pairs": pairs_pred - pairs_base,
    }


# ---------------------------------------------------------------------------------------------
# the driver


_COLUMNS = (
    ("articles", "articles", "{:,}"),
    ("days", "days", "{:g}"),
    ("stored", "stored", "{:,}"),
    ("wire planted/caught/other", None, None),
    ("events", "stored_events", "{:,}"),
    ("stories", "stories", "{:,}"),
    ("briefed", None, None),
    ("largest", "largest_story", "{}"),
    ("ARI", "ari", "{:.3f}"),
    ("pair P/R", None, None),
    ("ingest s", "ingest_s", "{:.1f}"),
    ("filing s", "filing_s", "{:.1f}"),
    ("brief s", "brief_s", "{:.1f}"),
    ("total s", "total_s", "{:.1f}"),
    ("CPU s ingest/filing/brief", None, None),
    ("worker CPU s ingest/brief", None, None),
    ("slowest poll s", "slowest_poll_s", "{:.2f}"),
    ("RSS filed MB", "rss_filed_mb", "{:.0f}"),
    ("RSS peak MB", "rss_peak_mb", "{:.0f}"),
    ("+workers MB", "rss_with_workers_peak_mb", "{:.0f}"),
    ("brief workers", "brief_workers", "{}"),
    ("extract workers", "extract_workers", "{}"),
)


def _row(r: dict[str, Any]) -> list[str]:
    out = []
    for title, key, fmt in _COLUMNS:
        if title.startswith("wire"):
            other = r["wire_near_copies"] + r["wire_cross_event_copies"] + r["wire_false"]
            out.append(f"{r['planted_wire']}/{r['wire_caught']}/{other}")
        elif title == "briefed":
            out.append(f"{r['briefs']:,}")
        elif title.startswith("worker CPU"):
            out.append(f"{r['ingest_workers_cpu_s']:.1f}/{r['brief_workers_cpu_s']:.1f}")
        elif title.startswith("CPU s"):
            out.append(f"{r['ingest_cpu_s']:.1f}/{r['filing_cpu_s']:.1f}/{r['brief_cpu_s']:.1f}")
        elif title == "pair P/R":
            out.append(f"{r['pair_precision']:.2f}/{r['pair_recall']:.2f}")
        else:
            assert key is not None and fmt is not None
            out.append(fmt.format(r[key]))
    return out


def _print_table(results: list[dict[str, Any]], out: TextIO) -> None:
    head = [t for t, _, _ in _COLUMNS]
    rows = [_row(r) for r in results]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    out.writelines("  ".join(c.rjust(w) for c, w in zip(r, widths)) + "\n" for r in [head, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 3000, 10000])
    parser.add_argument("--days", type=float, default=7.0, help="publication span (default 7)")
    parser.add_argument("--per-day", type=float, help="articles a day: the span grows with N (overrides --days)")
    parser.add_argument("--poll-hours", type=float, default=3.0, help="simulated time between fetches (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--summary-feeds", type=int, default=4, help="outlets whose feeds carry summaries only")
    parser.add_argument("--single-fetch", action="store_true", help="one fetch of feeds listing every article")
    parser.add_argument("--profile", action="store_true", help="print a sampled profile of each phase")
    parser.add_argument("--json", action="store_true", help="print each result as a JSON line too")
    parser.add_argument(
        "--brief-workers", type=int, help="processes building briefs (default: the product's, one a CPU; 1 builds them in the run's process)"
    )
    parser.add_argument(
        "--extract-workers", type=int, help="fetch.extract_workers (default: the product's, 2; 0 reads pages and feeds in the run's process)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--truth", help=argparse.SUPPRESS)
    parser.add_argument("--feed-size", type=int, default=FEED_SIZE, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve is not None:
        serve(args)
        return
    if args.one is not None:
        print(json.dumps(measure(args.one, args)))
        return
    options = [
        "--poll-hours", str(args.poll_hours), "--seed", str(args.seed), "--summary-feeds", str(args.summary_feeds),
        *(["--brief-workers", str(args.brief_workers)] if args.brief_workers is not None else []),
        *(["--extract-workers", str(args.extract_workers)] if args.extract_workers is not None else []),
        *(["--profile"] if args.profile else []), *(["--single-fetch"] if args.single_fetch else []),
    ]
    results = []
    for n in args.sizes:
        days = n / args.per_day if args.per_day else args.days
        command = [sys.executable, __file__, "--one", str(n), "--days", str(days), *options]
        child = subprocess.run(command, capture_output=True, text=True, check=False)
        if child.returncode != 0:
            sys.stderr.write(child.stderr[-3000:])
            raise SystemExit(f"the run with {n} articles failed")
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["days"] = round(days, 1)
        results.append(result)
        if args.json:
            print(json.dumps({k: v for k, v in result.items() if k != "profile"}), flush=True)
    _print_table(results, sys.stdout)
    for r in results:
        if "profile" in r:
            print(f"\nprofile, {r['articles']:,} articles:\n{r['profile']}")


if __name__ == "__main__":
    main()
