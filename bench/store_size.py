"""Disk use of the store under the retention setting: DAYS days at N articles a day.

    .venv/bin/python bench/store_size.py [--per-day 10000] [--days 30] [--retention 30] [--window-hours 72]

Each simulated day stores ``--per-day`` articles through ``SqliteStore`` exactly as the pipeline
writes them (``add_articles``, then ``assign`` into stories of the real size distribution of
bench/synthetic_news.py, then ``save_features`` with the clustering features the tracker keeps),
with texts of the synthetic stream's lengths; 7.8% of them are pages set aside as no article;
three digests a day post five stories each to two targets (delivery records with snapshots).
Features of stories closed for good (older than three windows) are dropped as the tracker drops
them, and ``prune`` runs once a day with the retention setting, as ``StoryTracker`` does.
Printed: the database file (with its WAL) at the end of each week and at the end, and rows kept.
Filing itself is not run (bench/pipeline.py measures it): only what is written is the same.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bot.fingerprint import content_hash, simhash  # noqa: E402
from bot.store import SqliteStore, StoredArticle, StoryRow  # noqa: E402
from summarizer import Article  # noqa: E402
from summarizer.cluster import article_features, encode_features  # noqa: E402

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--retention", type=float, default=30.0, help="days (0: keep everything)")
    parser.add_argument("--window-hours", type=float, default=72.0)
    args = parser.parse_args()

    from synthetic_news import BOILERPLATE_SHARE, SIZE_WEIGHTS, generate_corpus

    corpus = generate_corpus(600, seed=3)
    texts = [(a.title, a.text) for a in corpus.articles]
    blobs = [encode_features(article_features(Article("x", "o", t, title=ti))) for ti, t in texts]
    rng = random.Random(1)
    sizes, weights = list(SIZE_WEIGHTS), list(SIZE_WEIGHTS.values())
    window = timedelta(hours=args.window_hours)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.db"
        store = SqliteStore(path)
        closing: list[tuple[datetime, list[str]]] = []  # (first seen, feature ids) of stories
        started = time.perf_counter()
        n = 0
        for day in range(args.days):
            now = START + timedelta(days=day)
            made = 0
            while made < args.per_day:
                k = min(rng.choices(sizes, weights)[0], args.per_day - made)
                batch = []
                for j in range(k):
                    i = rng.randrange(len(texts))
                    title, text = texts[i]
                    seen = now + timedelta(seconds=rng.uniform(0, 86_000))
                    aside = "site notice" if rng.random() < BOILERPLATE_SHARE else None
                    batch.append((StoredArticle(
                        id=f"a{n}", outlet=f"Outlet {n % 20}", text=text + f"\n\n[{n}]", first_seen=seen,
                        content_hash=content_hash(text + str(n)), title=title, url=f"https://o{n % 20}.example/{n}",
                        canonical_url=f"https://o{n % 20}.example/{n}", simhash=simhash(text) if j == 0 else 0,
                        set_aside=aside,
                    ), blobs[i]))
                    n += 1
                made += k
                store.add_articles([a for a, _ in batch])
                filed = [(a, b) for a, b in batch if not a.set_aside]
                if filed:
                    story = f"st_{filed[0][0].id}"
                    first = min(a.first_seen for a, _ in filed)
                    last = max(a.first_seen for a, _ in filed)
                    store.assign({a.id: story for a, _ in filed}, [StoryRow(story, "t", first, last, len(filed), len(filed), "m")])
                    store.save_features({a.id: b for a, b in filed})
                    closing.append((first, [a.id for a, _ in filed]))
            for hour in (7, 12, 18):  # three digests a day, five stories to each of two targets
                window_id = (now + timedelta(hours=hour)).isoformat()
                for target in ("slack:C1", "discord:2"):
                    for s in range(5):
                        key = f"story:st_a{n - 1 - s * 7}"
                        at = now + timedelta(hours=hour)
                        store.claim("morning", target, window_id, key, kind="story", story_id=key[6:], owner="bench",
                                    at=at, stale_before=at - timedelta(hours=1))
                        store.mark_sent("morning", target, window_id, key, message_id=f"m{n}{s}",
                                        snapshot={"figures": {"x": ["1"]}, "sources": ["a"] * 4}, at=at)
            # features of stories that can take no more and can no longer be continued
            horizon = now - 3 * window
            gone = [ids for first, ids in closing if first < horizon]
            closing = [(first, ids) for first, ids in closing if first >= horizon]
            store.drop_features([i for ids in gone for i in ids])
            if args.retention:
                store.prune(now - timedelta(days=args.retention))
            if (day + 1) % 7 == 0 or day + 1 == args.days:
                rows = {t: store._read(f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "stories", "article_features", "deliveries")}
                print(f"day {day + 1}: {_size(path) / 1e6:,.0f} MB on disk; rows {rows}; {time.perf_counter() - started:.0f} s", flush=True)
        store.close()
        print(f"end: {_size(path) / 1e6:,.0f} MB after {args.days} days at {args.per_day:,} a day, retention {args.retention:g} days")


if __name__ == "__main__":
    main()
