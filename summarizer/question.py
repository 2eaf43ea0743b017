"""Question analysis: what kind of answer a question wants, and which words it is about.

A question is reduced to a :class:`QuestionSpec`: its *kind* (a count, an amount of money, a
percentage, a vote or score, a person or organisation, a date, a place, or a sentence), the
content-word stems it is about (*focus*), and for numeric questions the stems of what is counted
("how many *troops*"), whether a tally ("5-2") may answer it and whether it asks for the whole a
part is drawn from ("how many economists were *polled*?": the 20 of "14 of 20 economists").
Input is cleaned first: anything in angle brackets is markup, not words, and is removed
(HTML tags, scripts with their content; chat platforms' own markup is their adapters' to undo
before this), so are links and @-mentions that could ping (``@everyone``), and very long input
is cut to its first question.

Follow-ups ("and how many are at the border?", "what about Florida?") borrow what they lack from
earlier questions of the same thread, given as ``context``; a name of their own replaces the
earlier question's names. A follow-up with no topic of its own ("who said that?", "when?") is
*anchored*: it asks about the earlier answer itself, and :mod:`summarizer.qa` answers it from the
sentences that answer quoted.

    >>> spec = analyse_question("How many troops did DHS request?")
    >>> spec.kind, spec.counts
    ('count', ('troop',))

Empty or unusable questions (nothing but punctuation or markup) raise
:class:`InvalidQuestionError`, a :class:`~summarizer.errors.SummarizerError` whose message is one
line that can be shown to users.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import InvalidQuestionError
from .index import IRREGULAR_VERBS
from .language import STOP_WORDS, stem, words

__all__ = [
    "InvalidQuestionError",
    "QuestionSpec",
    "analyse_question",
    "clean_question",
    "MAX_QUESTION_CHARS",
    "ENTITY_KINDS",
    "NUMBER_KINDS",
]

_log = logging.getLogger(__name__)

#: Questions longer than this are cut (at a question mark when there is one). Real questions are
#: short; a pasted article is not a question, and scoring it would only waste time.
MAX_QUESTION_CHARS = 300

#: Earlier questions of a thread that a follow-up may draw on (the most recent usable one answers).
_MAX_CONTEXT = 8

#: Kinds whose short answer is a figure ("vote": a tally or a score, "5-2").
NUMBER_KINDS = frozenset({"count", "money", "percent", "quantity", "vote"})
#: Kinds whose short answer is a name.
ENTITY_KINDS = frozenset({"who", "place", "entity"})



@dataclass(frozen=True)
class QuestionSpec:
    """What a question asks for.

    ``kind`` is one of ``count`` (how many), ``money`` (how much / cost / revenue), ``percent``,
    ``quantity`` (how much of something else, how long, how old), ``vote`` (what was the vote /
    score / tally / margin: a tally such as "5-2"), ``who``, ``entity`` (which X / what is the name
    of), ``date``, ``place`` or ``sentence`` (what / why / how: a sentence or two).
    ``focus`` holds the content-word stems to search for, in question order, with ``weights``
    (1.0 for the question's own words, less for words borrowed from earlier questions).
    ``counts`` holds the stems of what a numeric question counts; ``target`` the noun a ``which X``
    question names ("city", "company"); ``proper`` the stems of capitalised names in the question.
    ``tally`` says a vote or score may answer it (a ``vote`` question, or "how many justices
    dissented?"; never "how many drivers?"); ``whole`` that a count question asks for the whole a
    part is drawn from ("how many economists were polled?"), not the part ("... expected a cut?").
    ``anchored`` marks a follow-up about the previous answer itself ("who said that?", "when?").
    For a count or money question, ``predicate`` is what happened to what is counted ("how many
    people *died*?", "how much will it *cost*?"), and ``constraints`` the nouns its prepositional
    phrases pin the figure to ("at the *border*"; ``named_constraints``: those written as names).
    """

    text: str
    kind: str
    focus: tuple[str, ...]
    weights: tuple[float, ...]
    counts: tuple[str, ...] = ()
    target: str | None = None
    proper: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    foreign: bool = False
    follow_up: bool = False
    verb: str | None = None  # stem of the verb a "who <verb> ..." question asks the subject of
    change: str | None = None  # "delta" (by how much did it fall?), "level" (what is the rate?) or None
    predicate: str | None = None  # stem of the question's main verb when it can be told ("have *agreed*")
    tally: bool = False
    whole: bool = False
    anchored: bool = False
    # For a count or money question, the stems of the nouns its prepositional phrases constrain the
    # figure to ("at the *border*", "in *Florida*"), and which of those are names (capitalised).
    constraints: tuple[str, ...] = ()
    named_constraints: tuple[str, ...] = ()
    # For "who is the CEO of Tesla?" / "who is Nintendo's president?" / "who is the Maxwell Award
    # winner?": the role asked for (lower case) and the words of the body it belongs to, as typed.
    role: str | None = None
    role_body: tuple[str, ...] = ()
    # For a quantity question, the kind of measure asked ("length", "weight", "speed", "time",
    # "temperature"): "how tall?" is answered in metres or feet, never in kilograms.
    measure: str | None = None

    @property
    def wants_number(self) -> bool:
        return self.kind in NUMBER_KINDS

    @property
    def wants_entity(self) -> bool:
        return self.kind in ENTITY_KINDS


# --- cleaning -------------------------------------------------------------------------------------

# "@everyone" pings wherever it stands ("troops@everyone"); "@name" only at a word's start
# (an e-mail address is not a mention).
_AT_MENTION = re.compile(r"@(?:everyone|here|channel)\b|(?<![\w.])@[\w.\-]+", re.IGNORECASE)
# Whatever stands in angle brackets is markup (an HTML tag, a link, a platform's token).
_ANGLE_MARKUP = re.compile(r"<[^<>]*>")
# Code and styling are not words of the question: "<script>alert(1)</script>" goes whole.
_HTML_CODE = re.compile(r"<(script|style|iframe|object|template)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"https?://\S+")
_MARKDOWN = re.compile(r"[*_`~|>]+")
_SPACES = re.compile(r"\s+")


def clean_question(raw: str) -> str:
    """The question without markup, mentions or links, on one line, at most ``MAX_QUESTION_CHARS``.

    Mentions are removed rather than escaped so that nothing derived from the question can ping
    anyone when a renderer echoes it.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    # Escaped markup ("&lt;script&gt;") is unescaped here so that it is removed below like the
    # real thing, rather than echoed for a renderer to unescape.
    text = html.unescape(text)
    text = _HTML_CODE.sub(" ", text)
    text = _ANGLE_MARKUP.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _AT_MENTION.sub(" ", text)
    text = _MARKDOWN.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_QUESTION_CHARS:
        text = _first_question(text)
    return text


def _first_question(text: str) -> str:
    mark = text.find("?", 0, MAX_QUESTION_CHARS)
    if mark > 0:
        return text[: mark + 1]
    cut = text.rfind(" ", 0, MAX_QUESTION_CHARS)
    return text[: cut if cut > 0 else MAX_QUESTION_CHARS].rstrip() + "…"


# --- kind ---------------------------------------------------------------------------------------

_PERCENT = re.compile(r"\b(?:what|which)\s+(?:percent(?:age)?|share|proportion|fraction|rate)\b|\bhow\s+much\s+percent|\bpercent(?:age)?\b|%")
# "what is the unemployment rate?", "what was Fjordbank's new mortgage rate?": a percentage level.
_LEVEL_RATE = re.compile(r"^(?:and\s+)?what(?:'s|\s+(?:is|was|are|were|will\s+be))\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?(?:rate|percentage|share)\s*\??$")
# "what was headline inflation in August?", "what is the bank's 2025 growth forecast?": measures
# that are printed as percentages, asked as a level.
_PERCENT_MEASURE = re.compile(
    r"^(?:and\s+)?what(?:'s|\s+(?:is|was|are|were|will\s+be))\s+(?:(?!(?:of|about|on|for|with)\s)[\w'’.-]+\s+){0,5}?"
    r"(?:inflation|unemployment|jobless(?:ness)?|growth|turnout|vacancy|occupancy|approval)"
    r"(?:\s+(?:rate|forecast|figure|reading|level|estimate|projection|rating))?\b(?!\s+(?:of|about)\b)"
)
# A question about the size of a change, not the level reached.
_DELTA = re.compile(
    r"\bby\s+(?:how\s+much|how\s+many|what)\b|\bhow\s+(?:much|many\s+\w+)\s+(?:did|does|do|has|have|had|will|would|could)\s+.*\b"
    r"(?:fall|fell|drop|dropped|decline|declined|rise|rose|increase|increased|decrease|decreased|cut|grow|grew|gain|gained|"
    r"lose|lost|jump|jumped|climb|climbed|shrink|shrank|slip|slipped|sink|sank|weaken|weakened|strengthen|strengthened|"
    r"lower|lowered|raise|raised|reduce|reduced|slash|slashed|trim|trimmed)\b"
)
# "which governors have agreed ...", "how many people have been evacuated": the participle after
# a perfect auxiliary is the question's predicate.
_PARTICIPLE = re.compile(r"\b(?:have|has|had)\s+(?:been\s+|already\s+|not\s+|now\s+)*([a-z]+)\b")
# "when was Splatoon 2 released?", "when does the iPhone 11 release?": the last word is the
# event asked about.
_WHEN_VERB = re.compile(r"^(?:and\s+|so\s+|but\s+)?when\s+(?:was|were|is|are|did|does|do|will|has|have|had)\s+\S.*?\s([a-z]{4,})\s*\??$")
# "when was the game *released* for the Switch?": a participle after the subject, not the last word.
_WHEN_PARTICIPLE = re.compile(r"^(?:and\s+|so\s+|but\s+)?when\s+(?:was|were|is|are|has|have|had)\s+(?:\S+\s+){1,6}?([a-z]{3,}(?:ed|en))\b")
# "when did Arvento *announce* the appointment?": the verb before an object whose head is a noun of
# action ("-ment", "-tion"), not that noun.
_WHEN_TRANSITIVE = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?when\s+(?:did|does|do|will|would)\s+(?:\S+\s+){1,4}?([a-z]{3,})\s+"
    r"(?:the|a|an|its|their|his|her)\s+(?:[a-z]+\s+)?[a-z]+(?:ment|tion|sion|ance|ence|ure|al)\s*\??$"
)
# "when did it take *place*?", "when did it come into *effect*?": the noun of a light verb.
_LIGHT_VERB_OBJECTS = frozenset("place effect force office power part shape hold".split())
# Words that only say what kind of answer is wanted, dropped from the focus for that kind.
_KIND_NOISE = {
    "money": frozenset({"money", "dollar", "cash", "sum"}),
    "quantity": frozenset({"long", "old", "far", "big", "larg", "high", "fast", "often", "strong", "deep", "tall", "heavi", "wide", "hot", "cold", "sever"}),
    "percent": frozenset(),
    "vote": frozenset({"final", "offici", "overal"}),
}
_MONEY_WORDS = frozenset(
    "cost costs price priced revenue revenues budget salary pay paid paying worth fund funding funds "
    "spend spent spending fine fined offer offered bail valuation valued deal sum amount money dollars "
    "earn earned earnings profit profits loss losses sales acquire acquired buy bought sell sold damages".split()
)
_COUNT_UNITS = frozenset("people person times members troops years days months weeks hours".split())
_DATE_WORDS = frozenset("date day year month time".split())
_PLACE_TARGETS = frozenset(
    "city country state place town region county province location venue stadium capital nation "
    "continent island border area district village".split()
)
_WHO_TARGETS = frozenset(
    "person people man woman official officials company companies organisation organization agency "
    "department team player actor actress director president leader ceo group party firm outlet "
    "newspaper network senator governor minister spokesman spokeswoman spokesperson judge winner "
    "country nation band singer author writer artist coach club brand scientist researcher expert doctor "
    "teacher student journalist reporter economist lawyer politician candidate athlete".split()
)
_ENTITY_HINT = re.compile(r"\bwhat\s+(?:is|was|are|were)\s+the\s+name\b|\bname\s+of\b|\bcalled\b|\bnamed\b")
_WHAT_DATE = re.compile(
    r"\b(?:release|premiere|launch|birth|opening|start|end|due|election|announcement)\s+date\b|\bwhat\s+(?:date|day|year|month|time)\b"
    r"|\bsince\s+when\b|\bwhat\s+(?:is|was|will\s+be)\s+the\s+(?:date|day)\s+(?:of|for)\b|\bon\s+what\s+(?:date|day)\b"
)
_WHAT_TARGET = re.compile(r"^(?:and\s+|so\s+|but\s+)?(?:which|what)\s+([a-z]+)")
_WHO = re.compile(r"\b(?:who|whom|whose)\b")
_WHEN = re.compile(r"\bwhen\b|\bwhat\s+(?:date|day|year|month|time)\b")
_WHERE = re.compile(r"\bwhere\b")
_HOW_MANY = re.compile(r"\bhow\s+many\b|\bnumber\s+of\b|\bhow\s+much\b|\bhow\s+(?:long|old|far|big|large|high|fast|often|strong|deep|tall|heavy|wide|hot|cold|severe)\b")
# "what was the vote?", "what was the final score?", "by what margin did the bill pass?", "how
# did the vote break down?": a tally ("5-2") answers, not a count. Not "the profit margin" (a
# modifier outside the list) nor "the score of the exam" (of something not a contest).
_VOTE_QUESTION = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?what(?:'s|\s+(?:is|was|are|were|will\s+be))\s+(?:the\s+)?(?:[\w.&-]+'s?\s+)?"
    r"(?:(?:final|official|overall|deciding|winning|closing|court|committee|board|jury|panel|council|senate|house|vote)\s+){0,2}"
    r"(?:vote|score|tally|margin|split|scoreline)(?:\s+count)?\b"
    r"(?!\s+of\s+(?!(?:the\s+)?(?:vote|ballot|game|match|final|race|election|victory|defeat|win|loss)\b))"
    r"|\bby\s+(?:what|how\s+(?:big|wide|large|narrow|close)\s+an?)\s+(?:vote|margin|score|tally)\b"
    r"|\bhow\s+did\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}vote\s+(?:go|break\s+down|split|end|turn\s+out)\b"
)
#: What a "how many" question counts when a tally may answer it: votes, or a voting body's members
#: with a verb of voting ("how many justices dissented?"). "How many drivers?" is never a tally.
_VOTE_COUNTS = frozenset(stem(w) for w in "vote votes ballot ballots".split())
_VOTING_BODY = frozenset(
    stem(w)
    for w in """justice justices judge judges member members senator senators lawmaker lawmakers
    legislator legislators juror jurors commissioner commissioners councillor councillors councilor
    councilors director directors trustee trustees delegate delegates representative
    representatives policymaker policymakers governor governors shareholder shareholders""".split()
)
_VOTING_VERB = re.compile(r"\b(?:vot(?:e|ed|es|ing)|dissent(?:ed|ing|s)?|sided|ruled|backed|opposed|abstain(?:ed)?|in\s+favou?r|against)\b")
# A count question that asks for the whole a part is drawn from: "how many economists were
# polled?", "... did the bank survey?", "how many members does the committee have?", "in total".
_WHOLE = re.compile(
    r"\b(?:were|was|are|is|been|being|got|get)\s+(?:\w+ly\s+)?(?:polled|surveyed|asked|interviewed|questioned|"
    r"sampled|consulted|canvassed|tested|screened|contacted)\b(?!\s+(?:for|to|about)\b)"
    r"|\b(?:did|does|do|will|would)\b.*\b(?:poll|survey|interview|question|sample|consult|canvass|test|screen|contact)\s*\??$"
    r"|\b(?:took|take|taking|takes)\s+part\b|\bin\s+(?:total|all)\b|\baltogether\b|\ball\s+told\b|\btotal\s+number\b"
    r"|\b(?:does|do|did)\s+(?:the\s+)?[\w\s'’.-]{1,40}?\s+have\s*\??$"
)
# "what about (the) employees?", "and homes?": a bare noun phrase of up to three words, with no
# preposition ("and at the border?" says where, not what is counted).
_NEW_COUNTED = re.compile(
    r"^(?:and|but|so|what\s+about|how\s+about|and\s+what\s+about)\s+(?:the\s+)?"
    r"(?!.*\b(?:at|in|on|for|from|to|by|near|along|inside|outside|across|with|among|during|after|before|since|under|over|of|there|then)\b)"
    r"(?:[a-z][\w'-]*\s*){1,3}\??$"
)
_FOLLOW_UP = re.compile(r"^(?:and|but|so|also|what\s+about|how\s+about|and\s+what\s+about|what\s+of)\b|\b(?:they|them|their|it|its|he|she|him|her|this|that|those|these|there)\b")

# "whats the rate", "who's", "wheres": chat spelling of question words.
_CONTRACTED = re.compile(r"\b(what|who|where|when|how)(?:'s|s)\b")

# Words that carry no topic in a question ("what was the number of ...").
_QUESTION_NOISE = frozenset(
    """
    who whom whose what which when where why how many much number amount percent percentage
    name named called happen happened happening exactly approximately roughly total according
    tell know please give list explain mean meaning kind type sort location venue date ago like
    whats whos wheres whens hows
    """.split()
)

# A few very common function words of other languages written in Latin script: a question made of
# these and no English function word is not English.
_FOREIGN_WORDS = frozenset(
    """
    el la los las de del que qué por para cuántos cuántas cuánto cuándo dónde quién quiénes cómo
    es son una uno está están le les des est sont combien quand où qui quoi pourquoi comment
    der die das und ist sind wie viele wann wo wer warum nicht ein eine il lo gli che di quanti
    quando dove chi perché perche come não quem onde quantos quantas quanto qual quais um uma os
    da das dos na nas pelo pela foi
    """.split()
)
#: Letters English writes only in borrowed words ("café"): a question with several words holding
#: them, and no English function word, is in another language.
_NON_ENGLISH_LETTER = re.compile(r"[áàâãäåæçéèêëíìîïñóòôõöøœúùûüýÿßğışł]", re.IGNORECASE)
_UNICODE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _has_foreign_script(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin < 0.5 * len(letters)


def _looks_foreign(text: str) -> bool:
    """Whether a question is in another language: another script, or Latin-script words of
    another language (its function words, its accented letters) and no English function word.

    Read with a Unicode-aware word pattern: the English tokenizer splits "Cuántas" at the accent.
    """
    if _has_foreign_script(text):
        return True
    lower = [t.lower() for t in _UNICODE_WORD.findall(text)]
    foreign = sum(1 for t in lower if t in _FOREIGN_WORDS or _NON_ENGLISH_LETTER.search(t))
    english = sum(1 for t in lower if t in STOP_WORDS and t not in _FOREIGN_WORDS)
    return foreign >= 2 and english == 0


def _kind_of(lower: str, tokens: list[str]) -> tuple[str, str | None]:
    """The answer kind of a lower-cased question and, for ``which X``, the noun X."""
    target_match = _WHAT_TARGET.search(lower)
    target = target_match.group(1) if target_match else None
    if target in {"is", "was", "are", "were", "do", "does", "did", "will", "would", "can", "could", "has", "have", "had", "kind", "type", "sort"}:
        target = None
    if _PERCENT.search(lower) or _LEVEL_RATE.search(lower) or _PERCENT_MEASURE.search(lower):
        return "percent", None
    if _VOTE_QUESTION.search(lower):
        return "vote", None
    if re.search(r"\bhow\s+many\b|\bnumber\s+of\b", lower):
        return "count", None
    if re.search(r"\bhow\s+much\b", lower):
        rest = set(re.findall(r"[a-z]+", lower))
        if rest & {"money", "cost", "costs", "pay", "paid", "worth", "spend", "spent", "dollars", "price", "offer", "offered", "fine", "for"}:
            return "money", None
        return "quantity", None
    if re.search(r"\bhow\s+(?:long|old|far|big|large|high|fast|often|strong|deep|tall|heavy|wide|hot|cold|severe)\b", lower) and not _WHEN.search(lower):
        return "quantity", None
    if _WHAT_DATE.search(lower) or _WHEN.search(lower):
        return "date", None
    if _WHERE.search(lower):
        return "place", None
    if _WHO.search(lower) and not (target is not None and re.match(r"^(?:and\s+|so\s+|but\s+)?(?:which|what)\s", lower)):
        return "who", None  # not "which scientist *who* was not involved ...": a relative clause
    if _ENTITY_HINT.search(lower):
        return "entity", target
    if target is not None:
        singular = target[:-3] + "y" if target.endswith("ies") else target[:-1] if target.endswith("s") and not target.endswith("ss") else target
        if target in _PLACE_TARGETS or singular in _PLACE_TARGETS:
            return "place", target
        if target in _WHO_TARGETS:
            return "who", target
        if target in _DATE_WORDS:
            return "date", target
        if target in _MONEY_WORDS or target in {"revenue", "price", "cost", "budget", "salary"}:
            return "money", None
        if lower.startswith(("which", "and which")):
            return "entity", target
    if re.match(r"^(?:and\s+)?what\s+(?:is|was|were|are)\s+(?:the\s+)?(?:(?:[\w.&-]+\s+){0,3}[\w.&-]+(?:'s|')\s+)?(?:\w+\s+)?(?:revenue|price|cost|budget|salary|valuation|value|worth|fine)\b", lower) or re.match(
        r"^(?:and\s+)?what\s+(?:is|was)\s+\S+\s+(?:revenue|price|cost|budget|salary|valuation)\b", lower
    ):
        return "money", None
    if re.search(r"\b(?:location|venue|whereabouts)\b", lower):
        return "place", None
    if re.match(r"^(?:and\s+)?(?:what|which)\s+(?:movie|film|song|album|book|show|series|game|team|company|country|city|app|product|award)\b", lower):
        return "entity", target
    return "sentence", None


# --- what a figure must state ---------------------------------------------------------------------

_AUXILIARIES = frozenset("are is was were be been being am will would could can should may might must shall do does did have has had get got".split())
# Verbs that say nothing of what happened to what is counted ("how many troops are there?").
_LIGHT_VERBS = frozenset(stem(w) for w in "be have do get make take go come say use need there exist remain stand".split())
_DETERMINERS = frozenset("the a an its their his her our this that these those each every".split())
_FIGURE_QUESTION = re.compile(r"\bhow\s+(?:many|much)\b|\bnumber\s+of\b")
_LOCATIVE = re.compile(
    r"\b(?:at|in|on|along|near|inside|outside|across|within|throughout)\s+((?:[\w.'’&-]+\s*){1,4})"
)
# Objects of a preposition that say how or when, not where or to what: never a constraint.
_NOT_CONSTRAINTS = frozenset(
    stem(w)
    for w in """total all average addition part order place fact general particular time times year years month
    months week weeks day days today yesterday tomorrow recent past future last next first second cash dollars
    total""".split()
)
_TIME_WORD = re.compile(
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d[\d,.]*\w*)$",
    re.IGNORECASE,
)


_MEASURES = (
    ("time", re.compile(r"\bhow\s+long\s+ago\b|\bhow\s+long\s+(?:did|does|do|will|would|has|have|had|can|could)\b|\bfor\s+how\s+long\b|\bhow\s+many\s+(?:years|months|weeks|days|hours)\b")),
    ("weight", re.compile(r"\bhow\s+heavy\b|\bweigh(?:s|ed|t)?\b")),
    ("speed", re.compile(r"\bhow\s+(?:fast|quickly)\b|\bwhat\s+speed\b|\btop\s+speed\b")),
    ("temperature", re.compile(r"\bhow\s+(?:hot|cold|warm)\b|\btemperature\b")),
    ("length", re.compile(r"\bhow\s+(?:tall|high|far|deep|wide|long)\b|\b(?:height|length|depth|width|distance)\b")),
)


def _measure_of(lower: str, kind: str) -> str | None:
    """The kind of measure a quantity question asks: "how tall" -> "length", "how heavy" -> "weight"."""
    if kind not in ("quantity", "count"):
        return None
    for measure, pattern in _MEASURES:
        if pattern.search(lower):
            return measure
    return None


def _figure_predicate(lower: str) -> str | None:
    """The verb a count or money question asks the figure of, as a stem, or None.

    "how many people *died*", "how many troops were *killed*" (after a passive auxiliary), "how
    much will the deployment *cost*" and "how many troops did DHS *request*" (after do-support and
    a subject: the last word of the run that holds the subject and its verb).
    """
    match = _FIGURE_QUESTION.search(lower)
    if match is None:
        return None
    rest = re.findall(r"[a-z][a-z'’-]*", lower[match.end() :].split("?", 1)[0])
    i = 0
    while i < len(rest) and rest[i] not in _AUXILIARIES and rest[i] not in STOP_WORDS:
        i += 1  # the counted noun phrase ("people", "National Guard troops")
    if i >= len(rest) or rest[i] not in _AUXILIARIES:
        # No auxiliary: "how many people *died*?", "how many people *lost* their jobs?": the last
        # word of the run is the verb when it reads as one (a past form, or an object follows).
        last = rest[i - 1] if 1 < i <= len(rest) else None
        following = rest[i] if i < len(rest) else None
        if last is not None and (last.endswith("ed") or last in IRREGULAR_VERBS or following in _DETERMINERS):
            return _verb_stem(last)
        return None
    # "were killed", "have been evacuated", "will be paid": the first content word after the
    # auxiliaries, when no subject intervenes, is the verb.
    j = i
    while j < len(rest) and (rest[j] in _AUXILIARIES or rest[j] in _ADVERBS or rest[j].endswith("ly")):
        j += 1
    run: list[str] = []
    k = j
    while k < len(rest) and rest[k] not in STOP_WORDS and rest[k] not in _AUXILIARIES:
        run.append(rest[k])
        k += 1
    if k < len(rest) and rest[k] in _AUXILIARIES and run:
        # "will migrants *be* paid": a subject, then more auxiliaries, then the verb.
        while k < len(rest) and rest[k] in _AUXILIARIES:
            k += 1
        if k < len(rest) and rest[k] not in STOP_WORDS:
            return _verb_stem(rest[k])
        return None
    if not run:
        # "did *the* deployment cost": skip the subject's determiner and read the run after it.
        while j < len(rest) and rest[j] in _DETERMINERS:
            j += 1
        k = j
        while k < len(rest) and rest[k] not in STOP_WORDS and rest[k] not in _AUXILIARIES:
            run.append(rest[k])
            k += 1
        if len(run) < 2:
            return None
    if run and run[-1] in {"worth", "cost", "costs", "valued", "priced"}:
        return _verb_stem(run[-1])  # "how much is the Wexmoor Prize *worth*?"
    if rest[i] in {"is", "are", "was", "were", "am"} and len(run) >= 2:
        # "how many is the X ...": a copula, then a subject: a participle at its end is the verb.
        last = run[-1]
        return _verb_stem(last) if last.endswith(("ed", "en")) or last in IRREGULAR_VERBS else None
    if rest[i] in {"has", "have", "had"} and len(run) >= 2 and (run[-1].endswith(("ed", "en")) or run[-1] in IRREGULAR_VERBS):
        return _verb_stem(run[-1])  # "how many copies has The Salt Orchard *sold*?"
    verb = run[-1] if rest[i] in {"do", "does", "did", "will", "would", "could", "can", "should", "may", "might", "must", "shall"} and len(run) >= 2 else run[0]
    return _verb_stem(verb)


# Adverbs between an auxiliary and its verb ("are *already* stationed").
_ADVERBS = frozenset("already now still currently also ever actually reportedly just even yet so".split())


def _verb_stem(word: str) -> str | None:
    word = IRREGULAR_VERBS.get(word, word)
    s = stem(word)
    return None if s in _LIGHT_VERBS or word in STOP_WORDS else s


def _constraints(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The nouns the question's prepositional phrases pin a figure to, and those written as names."""
    nouns: list[str] = []
    names: list[str] = []
    for match in _LOCATIVE.finditer(text.split("?", 1)[0]):
        head: str | None = None
        for index, word in enumerate(match.group(1).split()):
            bare = word.strip(".,;:?!'’\"")
            low = bare.lower()
            if not bare or (index == 0 and low in _DETERMINERS):
                continue
            if low in STOP_WORDS or low in _AUXILIARIES or low in _QUESTION_NOISE:
                break
            if _TIME_WORD.match(bare) or any(ch.isdigit() for ch in bare):
                break  # a time ("in August", "in Q2 2020") is the year rules' business, not a place
            s = stem(low)
            if s in _NOT_CONSTRAINTS:
                break
            head = bare
        if head is None:
            continue
        # The phrase's head ("the U.S.-Mexico *border*", "its Austin *headquarters*"): modifiers
        # are printed in too many forms to be required.
        s = stem(re.split(r"[-–]", head.lower())[-1]) if "." in head else stem(head.lower())
        if s not in nouns:
            nouns.append(s)
        if head[:1].isupper() and s not in names:
            names.append(s)
    return tuple(nouns), tuple(names)


# --- focus ----------------------------------------------------------------------------------------

_COUNT_PHRASE = re.compile(r"\bhow\s+(?:many|much)\s+((?:[a-z][\w'\-]*\s*){1,4})|\bnumber\s+of\s+((?:[a-z][\w'\-]*\s*){1,4})")
_VERBISH = frozenset(
    "are is was were do does did have has had will would could can should be been being were "
    "the a an of in at on for to from by with".split()
)


def _counted_words(lower: str) -> list[str]:
    """The words right after "how many" / "number of", up to the first verb-like word."""
    match = _COUNT_PHRASE.search(lower)
    if not match:
        return []
    phrase = (match.group(1) or match.group(2) or "").split()
    out: list[str] = []
    for word in phrase:
        if word in _VERBISH or word in STOP_WORDS:
            break
        out.append(word)
    return out


# --- roles -----------------------------------------------------------------------------------------

_ROLE = r"(?P<role>(?:[a-z][a-z-]*\s+)?(?:[a-z][a-z-]+|CEO|C\.E\.O\.?|CFO|COO|CTO))"
_ROLE_LEAD = r"^(?:(?i:and|so|but)\s+)?(?i:who|what)\s+(?i:is|was|are|were|will\s+be|would\s+be|has\s+been|'s)\s+"
_ROLE_NOW = r"(?:(?i:new|current|next|incoming|present|reigning|acting|interim)\s+)?"
_ROLE_TAIL = r"(?:\s+(?i:in|as\s+of|since|for)\s+\d{4})?\s*\??$"
#: "who is the CEO of Tesla?", "who was the runner-up of the 2010 World Cup?"
_ROLE_OF = re.compile(_ROLE_LEAD + r"(?i:the\s+)?" + _ROLE_NOW + _ROLE + r"\s+(?i:of|at|for)\s+(?P<body>.+?)" + _ROLE_TAIL)
#: "who is the Walter Camp Award winner in 2017?", "who is the NFL commissioner?"
_BODY_ROLE = re.compile(
    _ROLE_LEAD + r"(?i:the\s+)?" + _ROLE_NOW
    + r"(?P<body>(?:\d{4}\s+)?[A-Z][\w'’.&-]*(?:\s+(?:(?:of|the|de|and|for)\s+)*(?:[A-Z0-9][\w'’.&-]*))*)\s+"
    + r"(?P<role>[a-z][a-z-]+|CEO)" + _ROLE_TAIL
)
#: "who is Nintendo's president?", "what is the name of Amazon's AI assistant?"
_POSSESSIVE_ROLE = re.compile(
    r"^(?:(?i:and|so|but)\s+)?(?:(?i:who|what)\s+(?i:is|was|are|were)\s+|(?i:what\s+is\s+the\s+name\s+of)\s+)"
    r"(?P<body>[A-Za-z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+" + _ROLE_NOW
    + r"(?P<role>(?:[A-Za-z]{2,3}\s+|[a-z][a-z-]*\s+)?(?:[a-z][a-z-]+|CEO))(?:\s+(?i:in|at|on)\s+\w+)?" + _ROLE_TAIL
)
#: "who was the runner-up?", "who is the new chief executive?": a role and no body.
_BARE_ROLE = re.compile(_ROLE_LEAD + r"(?i:the\s+)" + _ROLE_NOW + _ROLE + _ROLE_TAIL)
#: Words that name no role ("who is the person of the year?" asks for a title, not a post).
_NOT_ROLES = frozenset("person people man woman one name first last only best other kind type part".split())


def _role_asked(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The role a question asks the holder of, and the words of the body it belongs to.

    A person named for a role answers only when the sources tie that person to *that* role of
    *that* body: "who is the CEO of Tesla?" is not answered by a former CEO, by the CEO of another
    company, or by the president of Tesla. The role is returned lower case ("ceo"), the body as
    typed (``("Tesla",)``), or ``(None, ())`` when the question asks no role.
    """
    for pattern in (_ROLE_OF, _POSSESSIVE_ROLE, _BODY_ROLE, _BARE_ROLE):
        match = pattern.match(text)
        if match is None:
            continue
        role = " ".join(match.group("role").lower().replace(".", "").split())
        head = role.split()[-1]
        if head in STOP_WORDS or head in _NOT_ROLES:
            continue
        if "body" not in pattern.groupindex:
            return role, ()  # "who was the runner-up?"
        body = tuple(w.strip("?,.") for w in match.group("body").split() if w.strip("?,.") and w.lower() != "the")
        if body:
            return role, body
    return None, ()


#: "Who did Trump direct ...?", "whom will the board name?": an auxiliary, then a subject.
_ASKS_OBJECT = re.compile(
    r"\b(?i:who|whom)\s+(?i:did|does|do|will|would|could|should|can|has|have|had)\s+"
    r"(?:[A-Z][\w'’.-]*|(?i:the|he|she|they|it|we|you|i|his|her|their|its)\b)"
)
#: "Which movie *won* ...?", "what company *bought* ...?": the verb after a ``which X`` subject.
_WHICH_VERB = re.compile(
    r"^(?:and\s+)?(?:which|what)\s+[a-z]+\s+(?:has\s+|have\s+|had\s+|(?P<modal>will|would|could|can|should|may|might|did)\s+)?"
    r"(?:(?:first|also|later|initially|originally|recently|reportedly|already|then|now|[a-z]+ly)\s+)?(?P<word>[a-z]+)\b(?P<det>\s+(?:the|a|an)\b)?"
)


#: Verbs that say little by themselves: "made the request" is "requested".
_LIGHT = frozenset(stem(w) for w in "make made do did done take took taken give gave given have had".split())


def _light_verb_noun(lower: str, verb: str | None) -> str | None:
    """"Who made the request?" asks who *requested*: a light verb's object noun stands for the verb."""
    if verb is None or verb not in _LIGHT:
        return verb
    match = re.search(r"\b(?:made|make|makes|did|do|does|took|take|takes|gave|give|gives|had|have|has)\s+(?:the|a|an|its|their)\s+([a-z]{4,})\b", lower)
    if match is None:
        # "when was the request made?": the light verb's subject is the event.
        match = re.search(r"\b(?:was|were|is|are)\s+(?:the|a|an|its|their)\s+(?:[a-z]+\s+)?([a-z]{4,})\s+(?:made|done|taken|given|held)\b", lower)
    return stem(match.group(1)) if match else verb


def _which_verb(lower: str, text: str) -> str | None:
    """The verb of a ``which X <verb>`` question, when the word after X reads as one.

    Past a relative clause ("which scientist who was not involved in the study *doubted* ..."),
    the main verb is the last past form not inside a passive ("was not involved").
    """
    relative = re.match(r"^(?:and\s+)?(?:which|what)\s+[a-z]+\s+(?:who|that|which)\s+(.*)$", lower)
    if relative is not None:
        past = [m for m in re.finditer(r"\b([a-z]{3,}ed)\b", relative.group(1))]
        main = [m.group(1) for m in past if not re.search(r"\b(?:was|were|been|be|is|are|not)\s+$", relative.group(1)[: m.start()])]
        return stem(main[-1]) if main else None
    match = _WHICH_VERB.match(lower)
    if match is None or match.group("word") in STOP_WORDS:
        return None
    word = match.group("word")
    if word.endswith("ed") or word in IRREGULAR_VERBS or (match.group("modal") and not (word.endswith("s") and not word.endswith("ss"))):
        return stem(word)  # "which agency *would send* ...?", not "what app can *migrants* use?" (a subject)
    following = text[match.end("word") :].lstrip()[:1]
    if word.endswith("s") and not word.endswith("ss") and (match.group("det") or following.isupper()):
        return stem(word)  # "which actor plays Diana?", "which company owns the brand?"
    return None


def analyse_question(question: str, context: Sequence[str] = ()) -> QuestionSpec:
    """Classify a question and collect its focus; borrow from ``context`` what a follow-up lacks.

    ``context`` lists earlier questions of the same thread, oldest first. Raises
    :class:`InvalidQuestionError` when the question has no words at all.
    """
    text = clean_question(question)
    context = context[-_MAX_CONTEXT:]
    tokens = words(text)
    if not any(ch.isalpha() for ch in text) and not tokens:
        raise InvalidQuestionError("Please ask a question in words, for example: how many troops were requested?")
    lower = _CONTRACTED.sub(lambda m: m.group(1) + " is", text.lower().replace("’", "'"))
    foreign = _looks_foreign(text)
    kind, target = _kind_of(lower, tokens)
    counted = [w for w in _counted_words(lower) if stem(w) not in _KIND_NOISE.get(kind, ())]
    counts = tuple(dict.fromkeys(stem(w) for w in counted))
    noise = _KIND_NOISE.get(kind, frozenset())
    if kind == "quantity" and not re.search(r"\bhow\s+(?:long|old|far|big|large|high|fast|often|strong|deep|tall|heavy|wide|hot|cold|severe)\b", lower):
        noise = frozenset()

    focus: list[str] = []
    proper: list[str] = []
    numbers: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        if token[:1].isdigit():
            numbers.append(token)
        if low in STOP_WORDS or low in _QUESTION_NOISE:
            continue
        if len(low) == 1 and not low.isdigit():
            continue
        s = stem(low)
        if s in noise:
            continue
        if s not in focus:
            focus.append(s)
        if token[:1].isupper() and index > 0 and low not in _QUESTION_NOISE:
            proper.append(s)
        elif token.isupper() and len(token) > 1:
            proper.append(s)
    if kind == "sentence" and re.search(r"\b(?:do|does|did|doing)\s*\??$", lower) and "do" not in focus:
        focus.append("do")  # "what would they do?": the action itself is the focus
    weights = [1.0] * len(focus)

    follow_up = bool(_FOLLOW_UP.search(lower)) or len(focus) <= 1
    anchored = False
    if context and (follow_up or not focus):
        earlier = _from_context(context)
        adopted = kind == "sentence" and earlier.kind != "sentence" and re.match(r"^(?:and|but|so|what about|how about)\b", lower)
        replaced = False
        if adopted:
            kind = earlier.kind
            # "What about employees?" after "how many patients ...?": the follow-up's own noun is
            # what is counted now; "and at the border?", "what about Florida?" keep the count.
            replaced = kind in NUMBER_KINDS and not proper and bool(focus) and _NEW_COUNTED.match(lower) is not None
            counts = counts or (tuple(focus) if replaced else earlier.counts)
        if not counts and kind in NUMBER_KINDS and earlier.counts and not replaced:
            counts = earlier.counts
        # "Who said that?", "when?": no topic of its own, so it asks about the earlier answer.
        anchored = not focus and kind != "sentence"
        for s in (*earlier.counts, *earlier.focus):
            if s in focus or (replaced and s in earlier.counts):
                continue
            if proper and s in earlier.proper and s not in earlier.counts:
                continue  # "what about Florida?" after a question about Texas: Florida replaces Texas
            focus.append(s)
            weights.append(0.6 if s in earlier.counts else 0.35)
    else:
        follow_up = False

    verb_match = re.search(r"\bwho\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+|did\s+)?([a-z]+)", lower)
    verb = stem(verb_match.group(1)) if verb_match and verb_match.group(1) not in STOP_WORDS else None
    if verb is not None and _ASKS_OBJECT.search(text):
        verb = None  # "who did Trump direct to ...?" asks for the object: Trump is no verb
    progressive = re.search(r"\bwho\s+(?:is|was|are|were)\s+(?:now\s+|currently\s+|still\s+)?([a-z]{3,}ing)\b", lower)
    if verb is None and progressive is not None:
        verb = stem(progressive.group(1))  # "who is reviewing the request?"
    if verb is None and kind in ("who", "entity"):
        verb = _which_verb(lower, text)
    verb = _light_verb_noun(lower, verb)
    role, role_body = _role_asked(text) if kind in ("who", "entity") else (None, ())
    predicate = verb
    participle = _PARTICIPLE.search(lower)
    if participle and participle.group(1) not in STOP_WORDS:
        word = participle.group(1)
        if word.endswith(("ed", "en")) or word in IRREGULAR_VERBS:
            predicate = stem(word)
    if predicate is None and kind == "date":
        asked_when = _WHEN_VERB.match(lower)
        participle = _WHEN_PARTICIPLE.match(lower)
        transitive = _WHEN_TRANSITIVE.match(lower)
        if predicate is None and asked_when is not None and stem(asked_when.group(1)) in _LIGHT:
            predicate = _light_verb_noun(lower, stem(asked_when.group(1)))  # "when was the request made?"
        elif transitive is not None and transitive.group(1) not in STOP_WORDS:
            predicate = stem(transitive.group(1))  # "when did Arvento *announce* the appointment?"
        elif participle is not None and participle.group(1) not in STOP_WORDS:
            predicate = stem(participle.group(1))  # "when was the game *released* for the Switch?"
        elif asked_when and asked_when.group(1) not in STOP_WORDS and asked_when.group(1) not in _LIGHT_VERB_OBJECTS:
            predicate = stem(asked_when.group(1))  # "when was it *released*?", "when did it *start*?"
    tally = kind == "vote" or (
        kind == "count" and bool(set(counts) & _VOTE_COUNTS or (set(counts) & _VOTING_BODY and _VOTING_VERB.search(lower)))
    )
    whole = kind == "count" and _WHOLE.search(lower) is not None
    constraints: tuple[str, ...] = ()
    named_constraints: tuple[str, ...] = ()
    if kind in ("count", "money"):
        asked = _figure_predicate(lower)
        if asked is not None:
            predicate = asked
            counts = tuple(c for c in counts if stem(IRREGULAR_VERBS.get(c, c)) != asked) or counts
        constraints, named_constraints = _constraints(text)
    change = None
    if kind in NUMBER_KINDS:
        if _DELTA.search(lower):
            change = "delta"
        elif _LEVEL_RATE.search(lower) or _PERCENT_MEASURE.search(lower):
            change = "level"
    return QuestionSpec(
        verb=verb,
        change=change,
        predicate=predicate,
        text=text,
        kind=kind,
        focus=tuple(focus),
        weights=tuple(weights),
        counts=counts,
        target=target,
        proper=tuple(dict.fromkeys(proper)),
        numbers=tuple(numbers),
        foreign=foreign,
        follow_up=follow_up,
        tally=tally,
        whole=whole,
        anchored=anchored,
        constraints=constraints,
        named_constraints=named_constraints,
        role=role,
        role_body=role_body,
        measure=_measure_of(lower, kind),
    )


def _from_context(context: Sequence[str]) -> QuestionSpec:
    """The most recent usable earlier question, analysed with its own context (a chain of
    follow-ups keeps the thread's topic), or an empty sentence question when there is none."""
    for k in range(len(context) - 1, -1, -1):
        try:
            spec = analyse_question(context[k], context[:k])
        except InvalidQuestionError:
            continue
        if spec.foreign:
            continue
        return spec
    return QuestionSpec(text="", kind="sentence", focus=(), weights=())
