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
