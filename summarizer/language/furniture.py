"""Sentences that are a page's furniture rather than news: notes about the report itself,
captions, titles printed as a sentence.

``prose.prose_sentences`` keeps a brief's lines clear of most furniture (bylines, credits,
headings); what reaches a list of differences must be clearer still, because a note only one
outlet prints ("This story was originally reported by ...") or a caption ("Members of the camp
remain on site at City Hall into the evening of Nov. 28.") is always one outlet's and would read
as a fact only it reports. These tests are for that use: each says why a sentence is furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import date_spans
from .lexicon import word_list, word_set
from .words import STOP_WORDS

__all__ = ["furniture_reason", "is_credit_line", "is_fragment", "line_reason"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def _report_notes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anywhere, at the start): the phrases of ``data/report_notes.txt`` as two patterns."""
    anywhere = [re.escape(p) for p in word_list("report_notes") if not p.endswith(":")]
    start = [re.escape(p) for p in word_list("report_notes") if p.endswith(":")]
    return (
        re.compile(r"\b(?:" + "|".join(anywhere) + r")\b", re.IGNORECASE),
        re.compile(r"^\W*(?:" + "|".join(start) + r")", re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _credit_lines() -> re.Pattern[str]:
    """The phrases of ``data/credit_lines.txt`` as one pattern (see that file for its marks)."""
    parts = []
    for phrase in word_list("credit_lines"):
        at_start = phrase.startswith("^")
        phrase = phrase.lstrip("^").strip()
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if phrase.endswith((" by", ":")):
            body += r"\s*(?-i:[A-Z])"  # a name follows: "Reporting by Jane Doe", not "reporting by noon"
        if at_start:
            body = r"^[\s(\[]*" + body
        elif phrase[0].isalnum():
            body = r"\b" + body
        parts.append(body)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def is_credit_line(sentence: str) -> bool:
    """Whether ``sentence`` is a credit line: who reported, wrote or edited the piece ("(Additional
    reporting by Jane Doe in Lima; Editing by John Roe)", "Contributing: Jane Doe"). Page
    furniture for a brief's lines as much as for its differences."""
    return bool(_credit_lines().search(sentence))


def _finite_verb(tokens: list[str]) -> bool:
    """Whether a sentence has a verb that places it in time: an auxiliary, a modal, a past tense
    ("was", "will", "said", "crashed"). News reports in the past; captions and titles do not."""
    forms = word_set("verb_forms")
    for w in tokens:
        if w[:1].isupper():
            continue  # a capitalised word is a name or a title's ("Mixed Conifer Forests"), not its verb
        low = w.lower().replace("’", "'")
        if low in forms or low.endswith("n't") or (len(low) > 3 and low.endswith("ed")):
            return True
    return False


def furniture_reason(sentence: str) -> str | None:
    """Why ``sentence`` is page furniture and no news item, or None.

    - ``"credit"``: a credit line, who reported, wrote or edited the piece (a phrase of
      ``credit_lines.txt``: "(Additional reporting by Jane Doe; Editing by John Roe)");
    - ``"report note"``: it talks about the report itself (a phrase of ``report_notes.txt``);
    - ``"title"``: Title Case (four or more content words, every one capitalised) with no verb
      that places it in time: a paper's or a related story's title;
    - ``"caption"``: no verb that places it in time, yet a calendar date or a weekday after the
      scene: what a photo shows ("Members of the camp remain on site at City Hall into the
      evening of Nov. 28.", "Jeff Herman arrives at a news conference in Beverly Hills on Monday.").
    """
    if is_credit_line(sentence):
        return "credit"
    anywhere, start = _report_notes()
    if start.search(sentence) or anywhere.search(sentence):
        return "report note"
    tokens = _WORD.findall(sentence)
    if _finite_verb(tokens):
        return None
    content = [w for w in tokens if w.lower() not in STOP_WORDS]
    if len(content) >= 4 and all(w[0].isupper() for w in content):
        return "title"
    # a caption dates its picture after the scene ("... arrives at a news conference in Beverly
    # Hills on Monday."); a radio lead may open on the day ("Tuesday, the president signs ...")
    opening = len(sentence) - len(sentence.lstrip())
    if any(span.precision == "day" or (span.precision == "weekday" and span.start > opening) for span in date_spans(sentence)):
        return "caption"
    return None


# -- What a brief's line must not be, beyond furniture --------------------------------------------
#
# A line of a brief stands on its own, away from the page it came from. Three shapes only make sense
# on that page: a whole sentence in parentheses (an aside to the text around it: "(In fact, the new
# console needs ...)"), a speaker's or a list entry's label before a colon ("MD: A lot of people
# said ...", "Jane Doe: The actor's son wrote ...") or a list entry's date ("6/18 On torture ..."), and a numbered reference to a source list ("...
# among children (1).", "... [2]").

_ASIDE = re.compile(r"^\((?!\d+\))[^()]*\)[.!?]?$")
_ENTRY_LABEL = re.compile(
    r"^(?:(?:[A-Z]{1,4}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s?:\s+[\"“‘]?[A-Z]"  # "MD: ...", "Jane Doe: ..."
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?\s+[A-Z])"  # a dated entry of a list or timeline: "6/18 On torture ..."
)
_REFERENCE_MARK = re.compile(r"\s\(\d{1,3}(?:[,–-]\s?\d{1,3})*\)(?=[.,;]?[\"”’]?$)|\[\d{1,3}\](?=\W*$)")


@lru_cache(maxsize=1)
def _picture_caption() -> re.Pattern[str]:
    """A sentence that opens by naming a picture ("An official product shot of ...")."""
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(word_list("image_words"), key=len, reverse=True))
    return re.compile(r"^(?:A|An|The|This|Another)\s+(?:[\w’'-]+\s+){0,2}?(?:" + words + r")s?\s+(?:of|from|shows|showing)\b")


def line_reason(sentence: str) -> str | None:
    """Why ``sentence`` cannot be a line of a brief, or None: ``furniture_reason``'s reasons, or
    ``"aside"`` (the whole sentence in parentheses), ``"entry label"`` (a speaker's or a list
    entry's label before a colon), ``"reference mark"`` (a numbered reference, "(1)", "[2]") or
    ``"caption"`` (it opens by naming a picture, ``image_words.txt``, and its first clause has no
    verb: "An official product shot of the console, ...").
    """
    reason = furniture_reason(sentence)
    if reason:
        return reason
    text = sentence.strip()
    if _ASIDE.match(text):
        return "aside"
    if _ENTRY_LABEL.match(text):
        return "entry label"
    if _REFERENCE_MARK.search(text):
        return "reference mark"
    picture = _picture_caption().match(text)
    if picture and not _finite_verb(_WORD.findall(re.split(r"[,;:—–]", text[picture.end() :])[0])):
        return "caption"  # what a picture shows, its clause without a verb of its own
    if _page_action(text):
        return "promo"
    if _figure_label().match(text):
        return "caption"
    if is_fragment(text):
        return "fragment"
    return None


# -- Promos, figure labels and fragments ----------------------------------------------------------
#
# A page sends its reader on ("Read Simon's full blog here.", "View all newsletters.", "See <a
# related story's title> ..."), labels its figures ("Fig. 2 Photographs of ...") and prints captions
# that are a noun phrase and no sentence ("Jack Doe, in prison after his 2012 conviction.", "A game
# made by a studio.", "Just two men talking cars — while the world watches."). None is news a line
# can carry. The promo's test is a verb of ``page_actions.txt`` opening the sentence as an order to
# the reader with a page object (``page_objects.txt``) or a linked title after it; the fragment's is
# that the first clause has no verb at all.

_PARTICIPLE_BY = re.compile(r"^[a-z]+(?:ed|en|wn|de|ht|lt|ng|un)$")


@lru_cache(maxsize=1)
def _page_action_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(word_list("page_actions"), key=len, reverse=True))
    objects = "|".join(re.escape(o) for o in word_list("page_objects"))
    return (
        re.compile(r"^[\W_]*(?:" + verbs + r")\b(?!\s+(?:that|if|whether|how|why|what|to)\b)", re.IGNORECASE),
        re.compile(r"\b(?:" + objects + r")s?\b", re.IGNORECASE),
    )


def _page_action(text: str) -> bool:
    """Whether ``text`` is a promo or a link's text: it opens with an order to the reader to go
    somewhere (``page_actions.txt``) and names a page object (``page_objects.txt``) or a title
    (its first four content words capitalised: a related story's headline)."""
    opening, objects = _page_action_pattern()
    match = opening.match(text)
    if not match:
        return False
    rest = text[match.end() :]
    head = [w for w in _WORD.findall(rest)[:8] if w.lower() not in STOP_WORDS][:4]
    if len(head) == 4 and all(w[0].isupper() for w in head):
        return True  # "See Hummingbirds Fly, Shake, Drink in Amazing Slow Motion ..."
    return bool(objects.search(rest))


@lru_cache(maxsize=1)
def _figure_label() -> re.Pattern[str]:
    """A figure's or a table's label opening the sentence: "Fig. 2 ...", "Figure 3: ...", "Table 1."."""
    return re.compile(r"^(?:Fig\.|Figs?\s|Figure|Table|Extended Data Fig\.?)\s*\d+[a-z]?\b")


def _verb_free(tokens: list[str]) -> bool:
    """Whether a clause's ``tokens`` hold no verb of any tense: no finite form (``_finite_verb``,
    a participle before "by" excepted: "a game made by a studio"), no contraction ("who's"), no
    lower-case "-s" word outside a noun's place (after an article, a preposition, a possessive, a
    number, an "-ing" form or another "-s" word: "a couple of guys talking cars")."""
    stops = STOP_WORDS
    kept: list[str] = []
    for k, w in enumerate(tokens):
        low = w.lower().replace("’", "'")
        following = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
        after = tokens[k + 2] if k + 2 < len(tokens) else ""
        if following == "by" and _PARTICIPLE_BY.match(low) and after[:1].isupper():
            continue  # a reduced passive: "made by", "written by", "pictured by"
        if "'" in low and (not low.endswith("'s") or low[:-2] in word_set("contracted_subjects")):
            return False  # a contraction holds a verb ("they're", "who's"); a possessive ("Doe's") does not
        kept.append(w)
    if _finite_verb(kept):
        return False
    for k, w in enumerate(kept):
        if w[:1].isupper() or len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")):
            continue
        before = kept[k - 1].lower() if k else ""
        if before in word_set("preverbal_adverbs"):
            return False  # "also allows", "still needs": an adverb before a present verb
        if before in stops or before.endswith(("ing", "s")) or (before.isdigit() and len(before) != 4):
            continue
        if not before and k == 0:
            continue
        return False  # a present tense may be its verb: "MRSA divides", "the deal covers"
    return True


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")  # words and numbers: "in 2018 seeks" has a verb


_APPOSITION_CAPTION = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+,\s+(?:in|at|on|during|after|before|with|outside|inside|near|from|seen|pictured)\b"
)
_PARTICIPLE_CAPTION = re.compile(
    r"^(?:Just\s+)?(?i:a|an)\s+(?:[\w'’-]+\s+){0,4}?([a-z][\w'’-]*)\s+"
    r"(?:([a-z]+ing)\b|(?:[a-z]+(?:ed|en|wn|de|ht|lt|un))\s+by\s+[A-Z])"
)


def is_fragment(sentence: str) -> bool:
    """Whether ``sentence`` is a caption's noun phrase and no sentence. No verb places it in time
    (``_finite_verb``, a participle before "by" excepted), none is in the present (``_verb_free``),
    and it has one of a caption's shapes: a name and a comma before a place or a time ("Jack Doe, in
    prison after his 2012 conviction."); a noun phrase a participle describes, opened by "a"/"an"
    ("Just a couple of guys talking cars — while the world watches.", "A dance game made by
    Studio Games.") (a plural subject's present has no "-s" to see: "Some people bring"); or no
    subject at all, an "-ing" word opening a sentence without a verb anywhere ("Having the time of
    their lives while trying to keep a straight face.")."""
    text = sentence.strip()
    if not text or text.endswith("?"):
        return False
    first = _TOKEN.findall(re.split(r"\s[—–-]{1,2}\s|[;:]", text)[0])
    if len(first) < 3 or not _verb_free(first):
        return False
    if _APPOSITION_CAPTION.match(text):
        return _verb_free(_TOKEN.findall(text))
    if first[0].endswith("ing") and len(first[0]) > 5:
        # no subject and no verb, a participle or a list of "-ing" nouns opening it: an answer to
        # the question before it or a list's entry ("Having the time of their lives while ...",
        # "Boxing, bowling, beach volleyball ..."). The participle takes its object or complement
        # ("Having the", "Keeping her"; not "Polling times vary", a gerund subject whose plural
        # verb shows no ending), and no comma sets off an opening phrase from a main clause
        # ("Sitting at a table, she felt ..."), only a list's short entries.
        parts = [p.split() for p in text.split(",")]
        if re.search(r"[:;]", text) or (len(parts) > 1 and any(len(p) > 3 for p in parts)):
            return False
        listed = len(parts) > 2
        if not listed and (len(first) < 2 or first[1] not in STOP_WORDS):
            return False
        return _verb_free(_TOKEN.findall(text))
    shape = _PARTICIPLE_CAPTION.match(text)
    return bool(shape) and shape.group(1) not in STOP_WORDS and (shape.group(2) or "") not in word_set("ing_prepositions")
