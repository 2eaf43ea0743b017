"""Is a page an article? Notices, walls, error pages and near-empty pages are not; reports are."""

from __future__ import annotations

import pytest

from summarizer.cluster import cluster_articles
from summarizer.model import Article
from summarizer.page_check import MIN_PROSE_WORDS, REASONS, check_page

# Invented pages of each kind, worded unlike any the thresholds were checked on.
NOT_ARTICLES = [
    ("error page", "Oops! That page can't be found.\n\nThe link you followed may be broken, or the page may have been "
     "removed. Try the search box or go back to the home page.", "Page not found – Coastal Herald"),
    ("error page", "This video is unavailable.\n\nSorry, something went wrong while loading the player. Please refresh "
     "and try again.", None),
    ("wall", "We value your privacy\n\nWe and our partners use cookies to store and access information on your device. "
     "Click Accept to consent, or manage your preferences.\n\nAccept all\n\nReject", None),
    ("wall", "Subscribers only. Sign in to keep reading, or subscribe today for unlimited digital access to the site "
     "and the app.\n\nAlready have an account? Log in", None),
    ("site notice", "Share this story\n\nCopy link\n\nEmail\n\nFollow us on your favourite app for alerts when new "
     "pages are posted on the site.", None),
    ("site notice", "This page is a copy kept by our web archive. The links on archived pages may point to the live "
     "site; copies are made as pages are crawled.", None),
    ("site notice", "Photo gallery", "In pictures"),
    ("near-empty", "Storm hits the coast", "Weather"),
    ("near-empty", "", None),
    ("near-empty", "By Jordan Ellis\n\nUpdated 9:14 a.m.", None),
]

REPORTS = [
    # a column that talks to its reader about the web, at length: still an article
    "You have probably been asked to accept cookies on every site you visit this year. Regulators in Brussels say "
    "the banners were meant to give readers a choice, but a study of 2,000 websites published on Tuesday found that "
    "most make refusing harder than agreeing.\n\nThe researchers, from two universities in the Netherlands, counted "
    "the clicks needed to say no. On average it took four, against one to accept.",
    # a short wire item: one sentence of news is enough
    "Dockworkers at Port Keel walked out over pay on Monday, halting container traffic at the terminal.",
    # a report with furniture lines around it
    "Advertisement\n\nThe city council voted 7-2 on Thursday to close the Elm Street bridge for repairs after "
    "inspectors found cracks in two of its supports. The closure starts next month.\n\nShare this\n\nImage caption",
]


@pytest.mark.parametrize(("reason", "text", "title"), NOT_ARTICLES)
def test_pages_that_are_not_articles_are_named_by_kind(reason, text, title):
    verdict = check_page(text, title)
    assert not verdict.is_article
    assert verdict.reason == reason
    assert verdict.reason in REASONS


@pytest.mark.parametrize("text", REPORTS)
def test_reports_are_articles_whatever_furniture_surrounds_them(text):
    verdict = check_page(text)
    assert verdict.is_article and verdict.reason is None
    assert verdict.prose_words >= MIN_PROSE_WORDS


def test_seeds_and_test_stories_are_articles(seed_articles):
    from bot.loaders import load_path
    from tests.conftest import STORIES

    articles = list(seed_articles)
    for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()):
        articles += load_path(folder)
    assert len(articles) > 20
    assert [a.id for a in articles if not check_page(a.text, a.title).is_article] == []


def test_a_notice_never_forms_or_joins_a_story():
    notice = "Tweet with your location\n\nYou can add location information to your posts from the web and via apps. " \
             "You can always delete your location history in your account settings."
    report = ("Floodwaters swept through Marlow after the Avon river burst its banks on Sunday, forcing 400 residents "
              "from their homes, the county council said.")
    articles = [Article("n1", "Outlet A", notice), Article("n2", "Outlet B", notice),
                Article("r1", "Outlet C", report), Article("r2", "Outlet D", report.replace("forcing", "driving"))]
    stories = cluster_articles(articles)
    assert [[a.id for a in s] for s in stories] == [["r1", "r2"]]  # two copies of a notice are no story


def test_fetch_and_status_count_what_was_set_aside_and_why(tmp_path):
    """Real feed server, real CLI: a wall and a notice are stored but never filed, and counted."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from feed_server import FeedServer, rss_feed
    from pipeline_fixtures import BRIDGE, long_text

    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}

    def newsbrief(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, cwd=tmp_path,
                              timeout=120, env={**env, "PYTHONPATH": str(root)})

    wall = "Subscribe to keep reading.\n\nAlready a subscriber? Sign in to your account for unlimited access."
    notice = ("This page is a copy kept by our web archive. The links on archived pages may point to the live site; "
              "copies are made as pages are crawled.")
    with FeedServer() as server:
        server.route("/rss", rss_feed("Daily", [
            {"title": "Bridge", "link": server.url("/a"), "guid": "a", "content": long_text(BRIDGE)},
            {"title": "Members only", "link": server.url("/b"), "guid": "b", "content": wall},
            {"title": "Newsletter", "link": server.url("/c"), "guid": "c", "content": notice},
        ]))
        (tmp_path / "config.toml").write_text(f"""
[storage]
path = "news.db"
[fetch]
retries = 0
host_delay_seconds = 0
full_text = false
[[feeds]]
url = "{server.url('/rss')}"
""")
        fetched = newsbrief("fetch")
        assert fetched.returncode == 0, fetched.stderr
        assert "1 new article; 1 story in the window" in fetched.stdout
        assert "set aside as no article: 1 site notice, 1 wall" in fetched.stdout
        status = newsbrief("status")
        assert "(1 article, 1 story," in status.stdout
        assert "set aside as no article: 1 site notice, 1 wall" in status.stdout
        again = newsbrief("fetch")  # known pages are not fetched, judged or counted again
        assert "0 new articles" in again.stdout and "set aside" not in again.stdout
