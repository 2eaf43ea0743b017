"""Sentences: normalising article whitespace, splitting paragraphs and sentences, offline.

sumy's ``Tokenizer("english")`` needs NLTK's punkt data, which it would download at run time;
this module replaces it with rules that need no data. ``SentenceTokenizer`` plugs into sumy
(anything with ``language``, ``to_sentences()`` and ``to_words()`` will do).

    >>> split_sentences("Sen. Tammy Duckworth spoke in the U.S. Senate. She said no.")
    ['Sen. Tammy Duckworth spoke in the U.S. Senate.', 'She said no.']
"""

from __future__ import annotations

import re

from .lexicon import word_set
from .words import STOP_WORDS, past_forms, verb_stem, words

__all__ = [
    "has_clause_verb",
    "opens_with_verb",
    "normalize_text",
    "split_paragraphs",
    "split_sentences",
    "SentenceTokenizer",
]

# Abbreviations whose trailing period does not end a sentence (compared lower-case, no final dot).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sen sens rep reps gov govs gen lt col capt cmdr sgt maj adm cpl pvt
    st jr sr rev hon pres supt insp det atty dept approx vs etc inc corp ltd llc bros
    ft mt ave blvd hwy cf a.m p.m i.e e.g u.s u.k u.n e.u d.c u.s.a n.y l.a s.f ph.d m.d
    """.split()
)
# Two or more initials, compared lower-case without the final dot: "o.j", "h.w", "u.k".
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
# Abbreviations that often end a sentence: a function word after them starts a new one.
_FINAL_ABBREVIATIONS = frozenset("etc inc corp ltd llc bros jr sr".split())
# Abbreviations that are also ordinary words ("no", "sat", "fig"): not a sentence end only when
# a number follows ("No. 5", "Jan. 20", "p. 12").
_NUMERIC_ABBREVIATIONS = frozenset(
    "no nos fig figs vol p pp para art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"

# A sentence ends at . ! ? or … (plus closing quotes/brackets), before whitespace and a sentence
# starter: a capital letter, a digit, an opening quote or bracket, or an ellipsis.
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+[" + re.escape(_CLOSERS) + r"]*)(?P<space>\s+)(?=[A-Z0-9" + re.escape(_OPENERS) + r"…$£€])"
)
# Sentences glued without a space: "operations.A DHS official", "was over."The next", and after a
# number, "on Dec. 26.Cosme allegedly" (a word follows, not "3.A" or "v1.2").
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z])|(?<=[a-z]{2}[.!?][”\"’])(?=[A-Z])|(?<=\d[.!?])(?=[A-Z][a-z])")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'’&\-][A-Za-z0-9]+)*")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_TERMINAL = tuple(".!?…:;" + _CLOSERS)


def normalize_text(text: str) -> str:
    """Tidy raw article text without changing its words.

    Joins hard line breaks inside sentences (and the pieces of a sentence that PDF extraction
    separates by blank lines), separates sentences glued without a space ("operations.A DHS
    official"), collapses runs of spaces, and keeps paragraph breaks as a single blank line.
    Idempotent; words and their order never change, only whitespace.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200b", "")
    text = _GLUED.sub(" ", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and _is_soft_wrap(current[-1], line):
            current.append(line)
        else:
            if current:
                paragraphs.append(" ".join(current))
            current = [line]
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(_join_cut_paragraphs(paragraphs))


# Words that cannot end an English sentence or heading: a line ending on one was cut mid-sentence.
_DANGLING_ENDS = frozenset("a an the of and or nor but than whose its their our your my".split())


def _join_cut_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs with the pieces of a sentence cut by a blank line put back together.

    Text extracted from PDFs and some scraped pages puts a blank line after every printed line
    ("... as provided by clause 11(g) of Rule of the House of" / "Representatives, the Committee
    has ..."), so each piece would read as a paragraph of its own: a headline-like fragment and a
    sentence without its start. Unlike a single line break (``_is_soft_wrap``), a blank line is
    normally a real paragraph break, so only unmistakable cuts are joined: the piece before has
    no final punctuation and either ends on a word no sentence or heading ends on ("the", "of",
    "and") or is followed by a piece starting with a lower-case word or a comma.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        if out and _is_cut_across_break(out[-1], paragraph):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


def _is_cut_across_break(previous: str, paragraph: str) -> bool:
    if previous.endswith(_TERMINAL):
        return False
    first = paragraph.split(maxsplit=1)[0]
    if first.islower() and first[:1].isalpha() or first[:1] in ",;)":
        return True  # "iPhone" or "eBay" may open a paragraph; "the" does not
    last = previous.rsplit(maxsplit=1)[-1]
    return last.lower() in _DANGLING_ENDS


def _is_soft_wrap(previous: str, line: str) -> bool:
    """Whether ``line`` continues the sentence that ``previous`` left unfinished."""
    if previous.endswith(_TERMINAL):
        return False
    if line[:1].islower() or line[:1] in ",;)":
        return True
    # A long line cut mid-sentence ("...official told" / "The Hill that ..."); short lines without
    # final punctuation are titles, datelines or captions and stand alone.
    return len(previous) >= 60 and not previous.isupper()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``normalize_text(text)``."""
    return [p for p in normalize_text(text).split("\n\n") if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Split text into sentences, offline.

    Each sentence is a verbatim substring of ``normalize_text(text)``. Abbreviations (U.S., Sen.,
    Gov., Jan.), initials (J. Smith) and decimals do not end sentences.
    """
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end("end")
        if not _ends_sentence(paragraph, match.start("end"), end, match.end()):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            out.append(piece)
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    # A lone ellipsis or stray punctuation is not a sentence; a leading ellipsis is not text.
    return [piece.lstrip("… ") for piece in out if any(ch.isalnum() for ch in piece)]


def _ends_sentence(paragraph: str, punct_start: int, punct_end: int, next_start: int) -> bool:
    punct = paragraph[punct_start:punct_end]
    if not punct.startswith("."):
        return True  # ! ? … always end a sentence here
    if punct_end - punct_start > 1 and punct.rstrip(_CLOSERS) != ".":
        return True  # "..." or ".)" etc.
    token_start = punct_start
    while token_start > 0 and not paragraph[token_start - 1].isspace() and paragraph[token_start - 1] not in _OPENERS:
        token_start -= 1
    token = paragraph[token_start:punct_start]
    bare = token.lower().strip("".join(_OPENERS))
    if not bare:
        return True
    next_word = _WORD.match(paragraph, next_start)
    following = next_word.group(0) if next_word else ""
    if len(bare) == 1 and bare.isalpha() and token.isupper():
        return False  # an initial: "J. Smith"
    if _INITIALS.fullmatch(bare) and token.isupper():
        # Initials ("O.J. Simpson", "George H.W. Bush") and abbreviations like "U.K." go on into
        # a name and end a sentence only before a function word ("left the U.K. The next day").
        return bool(following) and following.lower() in STOP_WORDS
    if bare == "v" and token == "v" and following[:1].isupper():
        return False  # a case name: "Delgado v. Ridewell"
    if bare in _NUMERIC_ABBREVIATIONS:
        return not following[:1].isdigit()
    if bare in _ABBREVIATIONS:
        # "in the U.S. The ..." ends a sentence; "the U.S. Marshals" does not. A function word
        # after the abbreviation means a new sentence; a name means the sentence goes on. The same
        # holds for the abbreviations that close a list or a name ("pears, etc. The", "Acme Inc. It").
        ending = "." in bare or bare in _FINAL_ABBREVIATIONS
        return ending and bool(following) and following.lower() in STOP_WORDS
    return True




class SentenceTokenizer:
    """A sumy-compatible tokenizer that needs no NLTK data.

    >>> from sumy.parsers.plaintext import PlaintextParser
    >>> parser = PlaintextParser.from_string("One fact. Another fact.", SentenceTokenizer())
    """

    language = "english"

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(split_sentences(text))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


# -- Whether a headline-length span is a clause ----------------------------------------------------
#
# A headline is a clause: a subject and its verb ("Peru suspended its top investigator"). A span cut
# from a sentence before its verb is a noun phrase ("The gang rape and beating of a girl on school
# grounds", "Jeff Herman, the same lawyer who has filed four similar suits", "Rare photographs from
# a band's first concert"), and one cut inside what a verb of saying reports lacks that clause's
# verb ("Authorities say a driver suspected of firing a gun at motorists"). Without a tagger, a
# verb is told by its form: an auxiliary, a modal or an irregular form (``verb_forms``,
# ``irregular_verbs``), a verb of saying (``saying_verbs``), or an "-ed" word where no determiner
# makes it an adjective ("a scheduled call") and no "by"/"of" makes it a participle ("a driver
# suspected of"); a present "-s" ("AFM affects ...") only where no determiner, preposition or
# number puts it in a noun phrase, and only when the sentence does not go on to a surer verb
# ("Rare photographs ... | in March 1987 have been unearthed").

_CLAUSE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]|[,;:—–]")
_ASIDE_OPENERS = frozenset("a an the who whom whose which where his her its their one two three".split())
_RELATIVE = frozenset("who whom whose which".split())
# words that open another clause in what a sentence goes on with
_CLAUSE_LINKS = frozenset("that and but or as when while after because if since before until so than".split())
_PARTICIPLE_NEXT = frozenset("by of".split())
_PREPOSITIONS = frozenset("of in on at for from with by to into over under near after before during about behind across against beyond within without".split())
# what may open a span as a phrase, not its subject ("Like many of the speeches ...")
_OPENING_PREPOSITIONS = _PREPOSITIONS | {"like", "unlike", "besides"}


_DETERMINERS = frozenset("a an the this that these those his her its their our my your some any each every no another".split())


def _verb_at(tokens: list[str], k: int, *, weak: bool) -> bool:
    """Whether ``tokens[k]`` reads as a finite verb (``weak``: also a present "-s" in a verb's place)."""
    w = tokens[k]
    if k and w[:1].isupper():
        return False  # a name or a title's word, not a verb
    low = w.lower().replace("’", "'")
    prev = tokens[k - 1].lower() if k else ""
    nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
    if prev in _DETERMINERS:
        return False  # "a scheduled call", "his will", "the left side"
    if low.endswith("n't") or low in word_set("verb_forms") or low in word_set("saying_verbs"):
        return True
    if (low in past_forms() or (len(low) > 3 and low.endswith("ed"))) and nxt not in _PARTICIPLE_NEXT:
        return True  # "postponed", "threw"; not "a driver suspected of", "a study led by"
    if not weak or k == 0 or len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "us", "is", "'s")):
        return False
    before = tokens[k - 2].lower() if k > 1 else ""
    return not (prev in STOP_WORDS or prev.endswith("ing") or prev[:1].isdigit() or before in _PREPOSITIONS)


def opens_with_verb(text: str) -> bool:
    """Whether ``text`` opens with a finite verb, perhaps after an adverb ("was killed ...",
    "also said ..."): what follows a subject's apposition ("Mr Doe, an investor, | has ..."), not a
    list going on ("Civica, a firm backed by hospitals, | insurers and charities, said ...")."""
    tokens = _CLAUSE_TOKEN.findall(text)[:3]
    if tokens and tokens[0].lower() in word_set("preverbal_adverbs"):
        tokens = tokens[1:]
    return bool(tokens) and _verb_at(tokens, 0, weak=False)


def has_clause_verb(span: str, rest: str = "") -> bool:
    """Whether ``span`` (a headline cut from a sentence, ``rest`` what the sentence goes on with)
    holds its clause's verb: the main clause's, outside asides between commas ("Mr Doe, an
    investor, has ...") and relative clauses ("who has filed ..."), and, after a verb of saying
    with more to follow, the reported clause's too ("Officials say the man was ..."). A present
    "-s" counts only when ``rest`` brings no surer verb before its first comma."""
    tokens = _CLAUSE_TOKEN.findall(span)
    need, weak_only, aside = True, False, False
    # a span opening with a preposition is a phrase until its first comma ("Behind all the muscle
    # and good looks"): an "-s" word in it is a noun; a surer verb ("In 2019 the firm lost ...") counts
    opening_phrase = bool(tokens) and tokens[0].lower() in _OPENING_PREPOSITIONS
    ed_only = False
    # one opening with a subordinator is a dependent clause until its first comma ("When Ann Doe
    # describes what happened to her"): no verb of it is the main clause's
    dependent = bool(tokens) and tokens[0].lower() in word_set("subordinators")
    last_verb = ""
    for k, tok in enumerate(tokens):
        low = tok.lower()
        if tok in ",;:—–":
            nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
            # the comma that closes a dependent clause opens the main one ("When ..., the mill closed")
            aside = tok == "," and not dependent and (nxt in _ASIDE_OPENERS or nxt[:1].isdigit())
            opening_phrase = dependent = False
            continue
        if aside or dependent:
            continue
        if low in _RELATIVE:
            aside = True  # a relative clause's verb is not the clause's own
            continue
        if _verb_at(tokens, k, weak=False):
            if need or weak_only:
                # only a regular "-ed" so far: perhaps a participle after its noun ("an outbreak linked to eggs")
                ed_only = low.endswith("ed") and not low.endswith("eed") and low not in word_set("verb_forms") and low not in word_set("saying_verbs")
            elif not low.endswith("ed") or low.endswith("eed") or low in word_set("verb_forms"):
                ed_only = False
            need, weak_only, last_verb = False, False, low  # a surer verb: "Security forces ... fired"
            nxt = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
            if low in word_set("saying_verbs") and any(t not in ",;:—–" for t in tokens[k + 1 :]):
                # "say a driver ... [was ...]", "announced that the firm ...": the reported clause
                # needs its verb ("wrote a letter", "declared an assembly" take a thing instead)
                if nxt == "that" or (verb_stem(low) == "say" and nxt not in _PREPOSITIONS):
                    need = True
        elif need and not opening_phrase and _verb_at(tokens, k, weak=True):
            need, weak_only = False, True
    if need:
        return False
    if last_verb in word_set("saying_verbs") and re.match(r"\s*that\b", rest, re.IGNORECASE):
        return False  # "The mayor said on Sunday | that ...": what was said is left out
    if ed_only and rest:
        # "A salmonella outbreak linked to eggs | from a farm has expanded": an auxiliary in what the
        # sentence goes on with, before a comma or a word that opens another clause, was the verb
        more = _CLAUSE_TOKEN.findall(re.split(r"\.\s", rest, maxsplit=1)[0])  # "site X. The photos were"
        for k, tok in enumerate(more):
            low = tok.lower()
            if tok in ",;:—–" or low in _RELATIVE or low in _CLAUSE_LINKS:
                break
            # an auxiliary in a verb's place: not "in May" (a month), not "another set" (a noun)
            if low in word_set("verb_forms") and _verb_at(more, k, weak=False):
                return False
    if weak_only and rest:
        more = _CLAUSE_TOKEN.findall(re.split(r"[,;:—–]", rest, maxsplit=1)[0])
        if any(_verb_at(more, k, weak=False) for k in range(len(more))):
            return False  # "Rare photographs ... | in March 1987 have been unearthed": the "-s" was a noun
    return True
