"""Which sentences of an article are prose a brief may quote, and which are page furniture.

Loaders strip most boilerplate, but the summarizer still meets bylines, author bios, copyright
lines, photo captions, headings, questions to the reader and fragments of multi-sentence quotes
(scraped pages, pasted text, Multi-News passages). A brief that quotes one of those reads badly and
cites nothing, so they are dropped here, by rules that hold for any English news page.

    >>> [s.text for s in prose_sentences(Article("a", "Outlet", "Tom Doe is a staff reporter. ..."))]

Sentences are verbatim: a kept sentence may lose a leading dateline ("LOS ANGELES (Reuters) - ")
but is always a substring of what the article printed (line breaks aside: a lead-in and the
quotation in the next paragraph are one unit, joined by a space).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from .align import SourceSentence
from .model import Article
from .language import split_paragraphs, split_sentences
from .language.furniture import is_credit_line

__all__ = [
    "MAX_ARTICLE_CHARS",
    "non_prose_reason",
    "outside_quotes",
    "prose_sentences",
    "reads_as_paper",
    "sentence_verdicts",
    "speaks_for_outlet",
    "word_count",
]

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
# Web-page furniture of the kind boilerplate removers (jusText, trafilatura) learn to drop: notices
# of web archives standing in for a missing page, newsletter and alert sign-ups, "follow this
# topic" buttons, reprint notices, sharing widgets, video players that failed to load, tip lines.
# Phrases a reporter does not write about the news itself.
_WEB_NOTICE = re.compile(
    r"\barchived? (?:pages?|copies|cop(?:y|ies) of (?:the|this) page)\b|\bbroken links?\b|\bno more 404\b"
    r"|\bbreaking news (?:alerts|e-?mails)\b|\b(?:delivered|sent|straight|directly) to your inbox\b"
    r"|\bget (?:the latest|daily updates|breaking news)\b|\bstay up to date\b|\badd (?:\w+ ){1,4}as an interest\b"
    r"|\bnon-commercial use\b|\b(?:order|buy) reprints\b|\bpresentation-ready\b"
    r"|\bopens? in (?:a )?new (?:window|tab)\b|\bclick to (?:share|email|print|tweet)\b"
    r"|\b(?:could not be|failed to) (?:be )?load(?:ed)?\b|\bplease try again later\b|\bis not available right now\b"
    r"|\bmedia playback is unsupported\b|\byour browser does not support\b|\bwhen the video has been rented\b"
    r"|\bthis (?:story|article) (?:appears|appeared|was published) in\b|\bhas the story\b"
    r"|\bwe will (?:continue to )?update\b|\bcheck back (?:later|for updates)\b|\bthis (?:story|report) (?:is developing|will be updated)\b"
    r"|\bsend us a (?:secure )?tip\b|\bnews ?tips?\.|\bhave a news tip\b"
    r"|\bsponsored (?:content|links?)\b|\bthis (?:video|content|page) is (?:not available|unavailable)\b"
    # Reader-comment and search-box furniture.
    r"|\breport abuse\b|\bcomments? (?:are|is) (?:closed|moderated)\b|\b(?:leave|post|add) a comment\b"
    r"|\b(?:log|sign) in to (?:comment|reply|post)\b|\bview (?:all )?comments\b"
    r"|\bcommas? to separate\b|\bseparate (?:multiple )?(?:keywords|tags|search terms)\b",
    re.IGNORECASE,
)
# The apparatus of a research paper: figure and table references, supplementary material, "et al."
# citations, DOIs. News cites a study in words; a page full of these is the study itself.
_APPARATUS = re.compile(
    r"\((?:see )?(?:Supplementary |Extended Data )?(?:Figs?|Figures?|Tables?)\.?\s*S?\d"
    r"|\bSupplementary (?:Figs?|Figures?|Tables?|Information|Data|Notes?)\b|\bet al\.|\bdoi:\s*10\.",
    re.IGNORECASE,
)
#: A text with at least this many marks of scholarly apparatus is a research paper, not a report.
MIN_APPARATUS = 5
# A telephone number: an appeal ("anyone with information is asked to call ...") or a contact line,
# not news a brief retells.
_PHONE = re.compile(r"(?<!\d)(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.]\d{4}(?!\d)")
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
    r"\([^)]*\b(?:photo|photograph|photographer|image|images|pictured|file)\b[^)]*\)|^in this\b.{0,80}\bphoto\b"
    # "... is shown in this October 31, 2016 photo", "This undated booking photo provided by ... shows"
    r"|\bin this (?:[\w,-]+ ){0,5}(?:photo|photograph|image|picture)\b"
    r"|\bthis (?:[\w,-]+ ){0,5}(?:photo|photograph|image|picture|handout)\b[^.]{0,80}\bshows\b"
    # Gallery and player widgets glued to a caption: "Photo: ...", "View Images ...", "1 of 26 ...".
    r"|^(?:photos?|images?)(?:\s*:|\s+(?:credit|courtesy)\b)"
    r"|^(?:caption|view (?:images?|photos?|gallery)|enlarge (?:image|photo)|slideshow)\b"
    r"|^\d+ of \d+\b|\bbuy photo\b|\bfull screen\b|\bskip ad\b|\bwait \d+ seconds? to continue\b"
    r"|\b(?:photo|video|image|picture)s? (?:above|below)\b"
    # A photographer's credit glued to the text: "Gerard Julien / AFP / Getty Images Pope John Paul
    # II prays ...", "Cam Cottrill/For The Washington Post" (not a poll's "Reuters/Ipsos").
    r"|(?-i:[A-Z][\w'’-]+ [A-Z][\w.'’-]+\s*/\s*(?:AFP|AP|Getty Images|Reuters|EPA|Shutterstock|Invision|Bloomberg"
    r"|For [Tt]he)\b)",
    re.IGNORECASE,
)
# A caption describes the picture in the present tense: "A woman waves the flag during a protest",
# "Bryan Singer, director of ..., poses at the launch party". News prose reports in the past tense;
# these verbs in the present are a photo's.
_CAPTION_VERB = re.compile(
    r"^[^.;:\"“]{0,120}?\b(?:poses (?:for|at|with|in|during|on)|gestures (?:to|toward|towards|at|during|as|while)"
    r"|waves (?:a|an|the|his|her|their|to|at|goodbye)|smiles (?:as|at|while|during|for)"
    r"|prays (?:at|in|during|for|before)|looks on"
    r"|holds up (?:a|an|the|his|her|their)|(?:is|are) pictured"
    # "The camp is seen before the deadline passes"; not "is seen on video", which reports evidence.
    r"|(?:is|are) (?:seen|shown) (?:before|after|during|at|outside|inside|near|here))\b"
    r"(?![^.]*\b(?:said|says|told)\b)"
)
# A dateline: "LOS ANGELES (Reuters) - ", "WASHINGTON — ", "SYCAMORE, Ill. --", "CAIRO—",
# "WOODLAND HILLS >> ", "Sycamore, Illinois (CNN) ", "date 2025-05-15 ", or the agency alone in
# brackets: "(CNN) Greg Gianforte ...", "(Reuters) — The ...". It is page furniture: the place is
# the outlet's office, the agency is cited anyway, and a line opening on one reads as a wire
# header, not as news (readers flagged them). The text after it is still verbatim the source's.
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE_TITLE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
_STATE = r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)"
_AGENCY = r"\([A-Z][A-Za-z&.]{1,15}(?:\s[A-Z][A-Za-z&.]{1,15}){0,2}\)"
# the day a wire dateline may carry after its place: "LIMA, Dec 1 (Reuters) - ", "PARIS, March 3 -- "
_WIRE_DAY = r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})"
_DATELINE = re.compile(
    r"^(?:(?:date|published|updated)[:\s]+\d{4}-\d{2}-\d{2}\s+"
    rf"|{_PLACE_CAPS}{_STATE}?{_WIRE_DAY}?\s*(?:{_AGENCY})?\s*(?:[-–—]{{1,2}}|>>)\s*(?=[A-Z0-9\"“])"
    rf"|{_PLACE_TITLE}{_STATE}\s*{_AGENCY}\s*(?:[-–—]+\s*)?(?=[A-Z\"“])"
    rf"|{_AGENCY}\s*(?:[-–—]+\s*)?(?=[A-Z\"“])"
    # a video player's close button glued to the lead: "CLOSE Kevin Spacey was accused ..."
    r"|CLOSE\s+(?=[A-Z]))"
)
# A photo credit closing a paragraph marks the whole paragraph as a caption: "... at the Kremlin in
# Moscow. (AP Photo/Natalia Kolesnikova, Pool, file)", "... died at the scene. AP Photo/Richard
# Vogel", "... hearing... (Associated Press)", "... March 25, 2015. REUTERS/Stephen Lam".
_CREDIT_TAIL = re.compile(
    r"(?:\((?:AP|AFP|Reuters|REUTERS|Getty Images|Associated Press|EPA|Bloomberg)\b[^()]{0,80}\)"
    r"|\bAP Photos?/[^.()]{1,60}|\b(?:REUTERS|Reuters|AFP|EPA)/[A-Z][\w .'’-]{1,40}|\bCredit:\s*[^()]{1,80}"
    r"|[/|]\s*(?:AFP|Getty Images|Reuters|AP|EPA|Shutterstock|European Pressphoto Agency|Invision)\b[^.]{0,30})\s*\.?$"
)
# An embedded post closing a paragraph: "... consequences https://t.co/x — Jane Doe (@janedoe) November
# 4, 2017". Every sentence of that paragraph is the post's text, a person's words the page shows,
# not the outlet's reporting: no line of a brief ("Thanks to anyone who's ever spoken out."). It is
# still text the outlet printed, so it stays a candidate (what the story is about, evidence for a
# citation); ``prose_sentences`` names it in ``posts`` and the brief never chooses it as a line.
_POST_TAIL = re.compile(r"[—–-]{1,2}\s*[^()\n]{1,60}\(@\w{1,15}\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*$")
#: English prose is about half function words, all lower-case: a "sentence" with fewer than this
#: share of lower-case words is a name list, a dateline or a table row.
MIN_LOWERCASE_SHARE = 0.3
_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_CUT_AT_ABBREVIATION = re.compile(r"\s(?:[a-z]|vs|no|nos|ex)\.$")
# An ellipsis at the end, with any stops or closing marks typed after it ("... intrusion….."):
# a teaser cut off, not a sentence.
_TRUNCATED = re.compile(r"(?:\.\.\.|…)[.\"'”’)\]]*$")
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
# First person plural outside quotation marks: the outlet's own voice ("We're told ...", "An insider
# tells us"), an editorial, or a company's policy text ("we collect ..."), not reporting.
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|[Ww]e're|[Ww]e’re|[Ww]e've|[Ww]e’ve|[Oo]ur|[Oo]urs|us|ourselves)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
# The page pointing the reader elsewhere: "Check out the full auction", "Read part of the interview
# below", "See what we know". News narrates; a sentence opening on one of these verbs in the
# imperative is a link or a widget. (Not "Meet": "Meet the Press host ..." is a name; not mottos
# like "Remember to never give up", which people are quoted saying.)
_IMPERATIVE = re.compile(
    r"^(?:(?:Check|Find) out|Sign up|Subscribe|Log in|Tell us|Let us know|Don[’']t (?:miss|forget)"
    r"|Take a (?:look|peek)|Listen to|Learn (?:more|how|what|why)"
    r"|(?:Watch|Read|See|Visit|Follow|Join|Click|Tap|Share|Download|Scroll|Vote) (?:the|this|these|our|a|an|it"
    r"|him|her|them|what|how|why|who|more|all|part|full|live|now|also|below|here|his|their|on|to|for))\b"
)
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
_OPEN_QUOTES = "“«"
_WORDISH = re.compile(r"[A-Za-z]{2,}")
_CLOSE_QUOTES = "”»"
# Double quotation marks typed as two single ones: ‘‘ ’’ (some newspapers' typesetting), `` ''
# (TeX, wire copy). Read as one mark, or a quotation closed by ’’ would
# run on to the end of the paragraph and swallow every sentence after it.
_DOUBLED_QUOTE = re.compile(r"‘‘|’’|``|''")


def _as_double_quote(match: re.Match[str]) -> str:
    return "“" if match.group(0) in ("‘‘", "``") else "”"


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
    if _BOILERPLATE.search(sentence) or _WEB_NOTICE.search(sentence):
        return "boilerplate"
    if _PHONE.search(sentence):
        return "contact"
    if _BIO.search(sentence) or _BYLINE.search(sentence) or is_credit_line(sentence):
        return "byline"  # is_credit_line: "Additional reporting by Jane Doe in Lima." (language/furniture.py)
    if _CAPTION.search(sentence) or _CAPTION_VERB.search(sentence):
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


def reads_as_paper(article: Article) -> bool:
    """Whether the article is a research paper (figure references, citations) rather than news.

    A story's sources sometimes include the study itself next to the reports about it. Its prose
    is quotable, but in the register of a journal ("accessory fenestra posteroventral to ...", "(Fig.
    1d, e)"): the brief should tell what the outlets report and lean on the paper only where no
    outlet does.
    """
    return len(_APPARATUS.findall((article.text or "")[:MAX_ARTICLE_CHARS])) >= MIN_APPARATUS


def outside_quotes(text: str) -> str:
    """``text`` with every quotation blanked out: the words the writer says in their own voice."""
    return next((unquoted for _, _, unquoted in _quote_units([text])), text)


def speaks_for_outlet(text: str) -> bool:
    """Whether the writer says "we" or "us" in their own voice (outside quotation marks).

    News reports in the third person; "We're told ...", "An insider tells us" or "we collect your
    data" is a gossip column, an editorial or a company's own policy text. What follows a colon is
    left out: it is often reported speech without quotation marks ("... offering a new deal:
    Promise not to appeal or pay us $1 million").
    """
    return _FIRST_PERSON_PLURAL.search(outside_quotes(text).split(":", 1)[0]) is not None


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
        for ch in _DOUBLED_QUOTE.sub(_as_double_quote, sentence):
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


def prose_sentences(
    article: Article,
    *,
    limit: int | None = None,
    rest: list[str] | None = None,
    spoken: list[str] | None = None,
    posts: list[str] | None = None,
) -> list[SourceSentence]:
    """The article's sentences a brief may quote, in order, as ``SourceSentence`` values.

    ``position`` is the index among the kept sentences (0 = the lead). A quotation that runs over
    several sentences is one unit with its attribution ("... first. ... last," she said.). Drops
    bylines, bios, copyright lines, captions, headings, questions and other address to the reader,
    first-person asides, lead-ins to quotes, and quotations that do not name their speaker (a
    reader cannot tell who is speaking).
    ``limit`` caps how many are kept (time stays bounded on huge articles). ``rest``, when given,
    collects the dropped units that still state news (captions, headings, quotations without a
    named speaker, overlong sentences): no line of a brief, but evidence that the outlet reports
    a fact. Page furniture (notices, bylines, contact lines, links) is left out of it.
    ``spoken``, when given, collects first-person words and words to "you" (``_SPOKEN``: an
    interview printed as Q&A), alone and with the dropped unit before them: evidence that the
    outlet prints a quoted line, weaker than ``rest`` (a columnist's "I" reports nothing).
    ``posts``, when given, collects the kept sentences that are an embedded social post's text
    (``_POST_TAIL``): candidates like any other, but no line of a brief.
    """
    kept: list[SourceSentence] = []
    previous: tuple[int, str, bool] | None = None  # the last dropped unit kept as evidence (spoken?)
    for unit, (sentence, reason) in enumerate(sentence_verdicts(article)):
        if reason == "boilerplate":
            # "Image copyright Reuters Image caption Russian President Vladimir Putin attended
            # Kalashnikov's funeral": a credit, then a caption that tells a fact
            caption = _AFTER_CAPTION_MARK.search(sentence)
            if caption and (non_prose_reason(caption.group(1)) is None or non_prose_reason(caption.group(1)) in _EVIDENCE):
                sentence, reason = caption.group(1), "caption"
        if reason == "post":
            if posts is not None:
                posts.append(sentence)
            reason = None
        if reason is not None:
            _log.debug("article %s: dropped (%s) %.60s", article.id, reason, sentence)
            into = rest if reason in _EVIDENCE else spoken if reason in _SPOKEN else None
            if into is not None and (limit is None or len(kept) < limit):
                into.append(sentence)
                # two dropped units printed one after the other are evidence together too (a
                # caption of two sentences, a quotation the page splits in two)
                if previous is not None and previous[0] == unit - 1:
                    pair_into = spoken if reason in _SPOKEN or previous[2] else rest
                    if pair_into is not None:
                        pair_into.append(f"{previous[1]} {sentence}")
                previous = (unit, sentence, reason in _SPOKEN)
            continue
        kept.append(SourceSentence.make(article.id, len(kept), sentence, unit))
        if limit is not None and len(kept) >= limit:
            break
    return kept


def sentence_verdicts(article: Article) -> Iterator[tuple[str, str | None]]:
    """Every sentence unit of the article with why it is not quotable prose (None: it is).

    What ``prose_sentences`` keeps, and an account of what it drops: benchmarks use it to see
    how much of a source reaches the brief's candidates and why the rest does not.
    """
    text = article.text or ""
    if len(text) > MAX_ARTICLE_CHARS:
        cut = text.rfind("\n", 0, MAX_ARTICLE_CHARS)
        text = text[: cut if cut > MAX_ARTICLE_CHARS // 2 else MAX_ARTICLE_CHARS]
        _log.debug("article %s: reading only its first %d characters", article.id, len(text))
    for paragraph in _with_quotes_introduced(split_paragraphs(text)):
        units = [
            (sentence, _unit_reason(sentence, quoted, unquoted))
            for sentence, quoted, unquoted in (
                (_DATELINE.sub("", sentence, count=1).strip(), quoted, unquoted)
                for sentence, quoted, unquoted in _quote_units(split_sentences(paragraph))
            )
        ]
        # Page furniture comes in blocks: a paragraph that opens with a notice and is at least half
        # notices ("These crawls are part of an effort to archive pages ... That way, ... will be
        # preserved.") is a notice throughout, including the sentences that name nothing a phrase
        # list could catch. A news paragraph that merely ends on "Read more" keeps its news.
        if units and _CREDIT_TAIL.search(paragraph):
            units = [(sentence, reason or "caption") for sentence, reason in units]  # a captioned photo
        if units and _POST_TAIL.search(paragraph):
            units = [(sentence, reason or "post") for sentence, reason in units]  # an embedded social post
        furniture = sum(reason in _FURNITURE for _, reason in units)
        if units and units[0][1] in _FURNITURE and 2 * furniture >= len(units):
            units = [(sentence, reason or "boilerplate block") for sentence, reason in units]
        yield from units


def _with_quotes_introduced(paragraphs: list[str]) -> list[str]:
    """Paragraphs, a lead-in ending on a colon joined to the quotation that opens the next one.

    "The mayor said:" with the quotation in a paragraph of its own is one statement broken by the
    page layout: apart, the lead-in is a fragment and the quotation has no speaker, so both
    would be dropped.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        if out and out[-1].endswith(":") and paragraph[:1] in "\"“":
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


#: Dropped units that still state the news the way the outlet printed it: a caption, a heading,
#: a quotation whose speaker is named elsewhere, a lead-in, a teaser cut short. Others (furniture,
#: run-ons, a columnist's "I", questions to the reader) never count as an outlet reporting a fact.
#: A caption's own label after the photo credit: what follows it is the caption's text.
_AFTER_CAPTION_MARK = re.compile(r"\b(?:Image|Media|Photo) caption:?\s+(\S.*)$")
_EVIDENCE = frozenset({"caption", "heading", "unattributed quote", "lead-in", "truncated"})
#: First-person words and words to "you": an interview printed as Q&A ("I mean, look, all of that
#: behavior needs to be confronted") prints the quote another outlet gives with its speaker. They
#: may hold a line for a citation (``Alignment.held_by`` asks the line to be a fair share of them),
#: but are no evidence that an outlet reports a fact (a columnist's "I"): "only some report" reads
#: ``_EVIDENCE`` alone.
_SPOKEN = frozenset({"first person", "addresses the reader"})

#: Reasons that mark a sentence as page furniture (not merely unquotable prose): a paragraph made
#: mostly of them is dropped whole.
_FURNITURE = frozenset({"boilerplate", "contact"})


def _unit_reason(sentence: str, quoted: bool, unquoted: str) -> str | None:
    """Why a quote unit (see ``_quote_units``) is not quotable prose, or None when it is."""
    speaker = _WORDISH.findall(unquoted)
    if quoted and (len(speaker) < 2 or not any(w.islower() for w in speaker)):
        return "unattributed quote"  # no "she said" outside the quotation
    if _FIRST_PERSON.search(unquoted):
        return "first person"
    if _SECOND_PERSON.search(unquoted) or _IMPERATIVE.match(unquoted.lstrip()):
        return "addresses the reader"  # "You can add location information to your Tweets"
    return non_prose_reason(sentence)
