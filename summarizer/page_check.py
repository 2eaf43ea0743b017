"""Is this page an article at all? Page furniture, walls, error pages and near-empty pages.

    check_page(text, title=None) -> PageCheck(is_article, reason, prose_words, site_words)

A feed entry or an extracted page is not always news: an archive's crawl notice, "Tweet with a
location", a cookie or subscription wall, a "this video is unavailable" player, a 404 page, or a
page whose text is a line or two. Such a page must never form or join a story (two archive
notices from two outlets are not one event) and a brief must not cite it.

The test reads the *shape* of the text, not a list of known notices. News reports talk about
the world, in the third person; a page's own furniture talks about the page (its site, links,
player, account, cookies, copies) and to its reader ("you can add", "your personal use"). Each
paragraph is scored by the share of its words that are either (``site_words`` and
``second_person`` in ``summarizer/language/data``); a paragraph at or above ``SITE_SHARE`` (with
at least two such words, or a short line made of them: "Advertisement", "Image caption") is
site text, the rest is prose. A page with at least ``MIN_PROSE_WORDS`` words of prose is an
article, whatever furniture surrounds it: a column on online privacy says "you" and "cookies"
often, but never for its whole length.

What is not an article gets one reason, said in ``newsbrief status`` and the fetch summary:

* ``"near-empty"``: too little text of any kind (a title and a caption).
* ``"error page"``: a short text (and title) made of words saying the content failed
  (``page_error_words``: "unavailable", "404", "could not be loaded", "try again").
* ``"wall"``: site text standing between the reader and the content, twice over
  (``page_wall_words``: cookies and consent, subscribing, signing in).
* ``"site notice"``: any other page about the site itself (archive and crawl notices, reprint
  terms, sharing and location prompts).

Both thresholds were checked on the fitting half's real passages (``bench/page_check.py``):
Multi-News clusters 1-50 and the RealTime QA articles of January-September 2024.
"""

from __future__ import annotations

from dataclasses import dataclass

from .language import words
from .language.lexicon import word_set

__all__ = ["MIN_PROSE_WORDS", "REASONS", "SITE_SHARE", "PageCheck", "check_page"]

#: A page with fewer words of prose than this is not an article: less than one sentence of news
#: (a headline and a caption). The shortest real report among the fitting half's passages has 22
#: words (a quoted post); the page notices there run 19-112 words and are caught by their site
#: words, not their length, so any bar between 5 and 22 words sorts the fitting half alike.
MIN_PROSE_WORDS = 12
#: Share of site and reader-address words at or above which a paragraph is about the page.
#: Real reports' paragraphs in the fitting half: 99% below 0.035 over whole articles; notices 0.10-0.35.
SITE_SHARE = 0.1
_ERROR_SHARE = 0.05  # failure words in an error page's words ("404 Not Found": 1 in 3)
_SHORT_LINE = 4  # words: a line this short made of site words ("Share this", "Advertisement")

#: Why a page is set aside, in the order ``newsbrief status`` lists them.
REASONS = ("near-empty", "error page", "wall", "site notice")


@dataclass(frozen=True)
class PageCheck:
    """The verdict on one page: an article, or why not.

    ``prose_words`` counts the words of its paragraphs about the world, ``site_words`` those of
    its paragraphs about the page itself; for an article, only as far as the scan went (it
    stops once ``MIN_PROSE_WORDS`` of prose are found).
    """

    is_article: bool
    reason: str | None  # one of REASONS when not an article
    prose_words: int
    site_words: int


def check_page(text: str, title: str | None = None) -> PageCheck:
    """Whether ``text`` (a page's extracted body; ``title`` its title) is an article.

        >>> check_page("Tweet with a location\\n\\nYou can add location information to your Tweets...").reason
        'site notice'
    """
    site_vocabulary, reader = word_set("site_words"), word_set("second_person")
    prose = site = 0
    # Lines, not language.split_paragraphs: that repairs cut paragraphs, which costs more than
    # this whole test and changes no verdict. The scan stops at the first proof of an article.
    for paragraph in (text or "").split("\n"):
        tokens = [w.lower() for w in words(paragraph)]
        if not tokens:
            continue
        about_site = sum(1 for w in tokens if w in site_vocabulary)
        hits = about_site + sum(1 for w in tokens if w in reader)
        # "you" alone is a quote or a post addressing someone; the page's own text names the page
        short = len(tokens) <= _SHORT_LINE
        if about_site and (hits >= 2 or short) and hits >= SITE_SHARE * len(tokens):
            site += len(tokens)
        else:
            prose += len(tokens)
            if prose >= MIN_PROSE_WORDS:
                return PageCheck(True, None, prose, site)
    return PageCheck(False, _reason(text, title, bool(site)), prose, site)


def _reason(text: str, title: str | None, has_site_text: bool) -> str:
    """Which kind of non-article a short page is, from its words (and its title's)."""
    tokens = [w.lower() for w in words(f"{title or ''}\n{text}")]
    failing = sum(1 for w in tokens if w in word_set("page_error_words"))
    walling = sum(1 for w in tokens if w in word_set("page_wall_words"))
    # A failure word or two is any notice's ("a link that would otherwise be broken"); an error
    # page is made of them.
    if failing >= 2 and failing >= _ERROR_SHARE * len(tokens) and failing >= walling:
        return "error page"
    if not has_site_text:
        return "near-empty"
    if walling >= 2:
        return "wall"
    return "site notice"
