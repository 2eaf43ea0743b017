"""Which sentences of an article are prose a brief may quote, and which are page furniture.

Loaders strip most boilerplate, but the summarizer still meets bylines, author bios, copyright
lines, photo captions, headings, questions to the reader and fragments of multi-sentence quotes
(scraped pages, pasted text, Multi-News passages). A brief that quotes one of those reads badly and
cites nothing, so they are dropped here, by rules that hold for any English news page.

    >>> [s.text for s in prose_sentences(Article("a", "Outlet", "Tom Doe is a staff reporter. ..."))]

Sentences are verbatim: a kept sentence may lose a leading dateline ("LOS ANGELES (Reuters) - ")
but is always a substring of what the article printed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from .align import SourceSentence
from .model import Article
from .text import split_paragraphs, split_sentences

__all__ = ["MAX_ARTICLE_CHARS", "non_prose_reason", "prose_sentences", "word_count"]

_log = logging.getLogger(__name__)

#: Only the start of a huge article is read: news puts what matters first, and splitting 20 MB of
#: text would take seconds. About 15,000 words.
MAX_ARTICLE_CHARS = 100_000

#: Sentence length bounds, in words. Shorter is a caption or a fragment; longer is a run-on of
#: glued text (a list, a table, a missed boundary) rather than one sentence a reader can take in.
MIN_WORDS = 5
MAX_WORDS = 80

_BOILERPLATE = re.compile(
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b|\bclick here\b|\bsign up\b|\bsubscribe\b"
    r"|\bnewsletter\b|\bfollow (?:us|him|her|them)\b|\badvertisement\b|\bread more\b|\bshare this\b"
    r"|\bcontributed to this report\b|\bthis (?:story|article) (?:has been|was) (?:updated|corrected)\b"
    r"|\bterms of (?:use|service)\b|\bprivacy policy\b|\b(?:use|accept) cookies\b|\bcookie (?:policy|settings)\b"
    r"|\benable javascript\b|\bin the comments\b"
    # Share-button rows and social handles glued to a caption ("Facebook Twitter Pinterest ...",
    # "Follow Jane Doe on Twitter"), and web-archive notices standing in for a missing page.
    r"|\bfacebook,? twitter\b|\bfollow\b[^.]{0,40}\bon (?:twitter|facebook|instagram)\b"
    r"|\bwayback machine\b|\bcrawl data\b|\bthese crawls\b"
    r"|https?://|www\.|\S+@\S+\.\w+|✉|(?:^|\s)@\s?\w|\bpic\.twitter\.com",
    re.IGNORECASE,
)
# "Jane Doe is a Newsmax reporter with 30 years of experience ..."
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:is|was|has been)\s+(?:a|an|the)\b[^.]{0,80}?\b(?:reporter|correspondent"
    r"|writer|editor|columnist|contributor|journalist|producer|anchor|author|photographer)s?\b"
)
_BYLINE = re.compile(
    r"^\(?(?i:by|written by|reporting by|editing by|additional reporting by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"\s*(?:[,|/–—-]|$|\))"
)
_CAPTION = re.compile(
    r"\([^)]*\b(?:photo|photograph|photographer|image|images|pictured|file)\b[^)]*\)|^in this\b.{0,80}\bphoto\b",
    re.IGNORECASE,
)
# A dateline: "LOS ANGELES (Reuters) - ", "WASHINGTON — ", "date 2025-05-15 ".
_DATELINE = re.compile(
    r"^(?:(?:date|published|updated)[:\s]+\d{4}-\d{2}-\d{2}\s+"
    r"|[A-Z][A-Z .,'’-]{2,40}(?:\s*\([^)]{1,40}\))?\s*[-–—]+\s+)"
)
#: English prose is about half function words, all lower-case: a "sentence" with fewer than this
#: share of lower-case words is a name list, a dateline or a table row.
MIN_LOWERCASE_SHARE = 0.3
_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_CUT_AT_ABBREVIATION = re.compile(r"\s(?:[a-z]|vs|no|nos|ex)\.$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_GARBLED = re.compile(r"[A-Za-z]\?[a-z]|\ufffd|\b(?:of|the|a|an|to|and|in|for|with|on|by)\s+[.,;:]$")
_CAPTION_DATE = re.compile(
    r",\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{1,2},?\s+\d{4}\.$"
    # A full weekday-and-date set off by commas mid-sentence is a photo caption's ("A man passes
    # graffiti on the Falls Road, Saturday, May, 3, 2014, in reference to ..."); prose says "on Saturday".
    r"|,\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{1,2},\s+\d{4},"
)
# First person outside quotation marks: a statement or a column, not reporting ("I quit ...").
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|My|mine|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
_OPEN_QUOTES = "“«"
_WORDISH = re.compile(r"[A-Za-z]{2,}")
_CLOSE_QUOTES = "”»"


def word_count(text: str) -> int:
    """Words as a reader counts them (whitespace-separated): the unit of the brief's budget."""
    return len(text.split())


def non_prose_reason(sentence: str) -> str | None:
    """Why ``sentence`` is not prose a brief may quote, or None when it is.

    Context-free rules only; quote fragments need the paragraph (see ``prose_sentences``).
    """
    n_words = word_count(sentence)
    if n_words < MIN_WORDS:
        return "fragment"
    if n_words > MAX_WORDS:
        return "run-on"
    if _BOILERPLATE.search(sentence):
        return "boilerplate"
    if _BIO.search(sentence) or _BYLINE.search(sentence):
        return "byline"
    if _CAPTION.search(sentence):
        return "caption"
    if _QUESTION_END.search(sentence):
        return "question"
    if _CUT_AT_ABBREVIATION.search(sentence):
        return "fragment"  # "... decision in Delgado v." was cut at an abbreviation
    if _TRUNCATED.search(sentence):
        return "truncated"  # a teaser cut off with an ellipsis
    if _GARBLED.search(sentence):
        return "garbled"  # "declassi?cation", "evidence of .": text mangled on its way here
    if _CAPTION_DATE.search(sentence):
        return "caption"  # "..., in Manama, Bahrain, Saturday, Feb. 19, 2011."
    if sentence.rstrip("\"'”’ ").endswith(":"):
        return "lead-in"  # introduces a quote or list that follows
    if not _TERMINAL_END.search(sentence):
        return "heading"  # headlines, captions and datelines carry no final stop
    if sentence.startswith("[") and sentence.rstrip(".").endswith("]"):
        return "link"  # "[Related: ...]", "[Watch: ...]"
    first = next((ch for ch in sentence if ch.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return "fragment"
    alpha = [w for w in sentence.split() if w[:1].isalpha()]
    if not any(ch.islower() for ch in sentence) or sum(w.isupper() for w in alpha) > len(alpha) / 2:
        return "heading"
    if sum(w[:1].islower() for w in alpha) < MIN_LOWERCASE_SHARE * len(sentence.split()):
        return "heading"  # "March 10, 2012 10:54 am ET by MMFA Staff": names and numbers, no prose
    capitalised = sum(w[:1].isupper() for w in alpha)
    if (
        len(alpha) >= 4
        and capitalised > 0.8 * len(alpha)
        and not sentence.rstrip("\"'”’)").endswith((".", "!"))
    ):
        return "heading"  # Title Case Without A Full Stop
    return None


def _quote_units(paragraph_sentences: list[str]) -> Iterator[tuple[str, bool, str]]:
    """Sentences of a paragraph, a quotation spanning several kept together as one unit.

    Yields (text, whether any of it is quoted, its text outside quotation marks). A quote of
    three sentences followed by "she said" is one unit, so it keeps its speaker; split, its first
    two sentences would be quotes nobody said. Quote state carries across sentences; curly and
    guillemet quotes are directional, straight double quotes toggle, single quotes are ignored
    (’ is mostly an apostrophe).
    """
    inside = False
    parts: list[str] = []
    quoted = False
    outside: list[str] = []
    for sentence in paragraph_sentences:
        quoted = quoted or inside
        for ch in sentence:
            if ch in _OPEN_QUOTES or (ch == '"' and not inside):
                inside = quoted = True
                outside.append(" ")
            elif ch in _CLOSE_QUOTES or (ch == '"' and inside):
                inside = False
                outside.append(" ")
            elif not inside:
                outside.append(ch)
        outside.append(" ")
        parts.append(sentence)
        if not inside:
            yield " ".join(parts), quoted, "".join(outside)
            parts, quoted, outside = [], False, []
    if parts:
        yield " ".join(parts), quoted, "".join(outside)


def prose_sentences(article: Article, *, limit: int | None = None) -> list[SourceSentence]:
    """The article's sentences a brief may quote, in order, as ``SourceSentence`` values.

    ``position`` is the index among the kept sentences (0 = the lead). A quotation that runs over
    several sentences is one unit with its attribution ("... first. ... last," she said.). Drops
    bylines, bios, copyright lines, captions, headings, questions and other address to the reader,
    first-person asides, lead-ins to quotes, and quotations that do not name their speaker (a
    reader cannot tell who is speaking).
    ``limit`` caps how many are kept (time stays bounded on huge articles).
    """
    text = article.text or ""
    if len(text) > MAX_ARTICLE_CHARS:
        cut = text.rfind("\n", 0, MAX_ARTICLE_CHARS)
        text = text[: cut if cut > MAX_ARTICLE_CHARS // 2 else MAX_ARTICLE_CHARS]
        _log.debug("article %s: reading only its first %d characters", article.id, len(text))
    kept: list[SourceSentence] = []
    for paragraph in split_paragraphs(text):
        for sentence, quoted, unquoted in _quote_units(split_sentences(paragraph)):
            sentence = _DATELINE.sub("", sentence, count=1).strip()
            speaker = _WORDISH.findall(unquoted)
            if quoted and (len(speaker) < 2 or not any(w.islower() for w in speaker)):
                reason: str | None = "unattributed quote"  # no "she said" outside the quotation
            elif _FIRST_PERSON.search(unquoted):
                reason = "first person"
            elif _SECOND_PERSON.search(unquoted):
                reason = "addresses the reader"  # "You can add location information to your Tweets"
            else:
                reason = non_prose_reason(sentence)
            if reason is not None:
                _log.debug("article %s: dropped (%s) %.60s", article.id, reason, sentence)
                continue
            kept.append(SourceSentence.make(article.id, len(kept), sentence))
            if limit is not None and len(kept) >= limit:
                return kept
    return kept
