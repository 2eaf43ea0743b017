"""Question analysis: clean the question, find the asked slot, and the kind of answer it wants.

    >>> q = analyse("NFL player Damar Hamlin collapsed this week. He is a member of which team?")
    >>> q.kind, q.head
    ('org', 'team')

The asked slot is found anywhere: a wh-phrase mid-sentence ("... in which country?"), "which X's Y"
(the answer is the X), a cloze ("... against this opponent"), after a preamble (the last sentence
holding a question word is the question). The answer ``kind`` comes from the slot's head noun
(word lists ``heads_*`` in :mod:`summarizer.language`) and the wh-word: person, org, place, date,
number, money, percent, thing (a noun or a name of something else), description (what / why /
how: no short span answers those well), role ("who is X?") or claim ("what did X say?", "what does
X think of Y?", "how did X react?": answered with what X is reported to say, :mod:`.claims`).

Chat input is cleaned first: mentions, markup and links are removed (never echoed), the text is
one line of at most ``MAX_QUESTION_CHARS``. A question with no words raises
:class:`~summarizer.errors.InvalidQuestionError`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from ..errors import InvalidQuestionError
from ..language import STOP_WORDS, content_words, stem, words
from ..language.words import past_forms, saying_stems, verb_stem
from ..language.lexicon import word_list, word_set

__all__ = ["PRONOUNS", "Question", "analyse", "clean_question", "claim_speaker", "action_subject", "slot_verb", "slot_frame", "MAX_QUESTION_CHARS", "KINDS", "CLAIM", "CLAIM_STEMS", "SPEAKER_STEMS"]

MAX_QUESTION_CHARS = 300
#: The answer kinds, in the order the ranker's features use.
KINDS = ("person", "org", "place", "date", "number", "money", "percent", "thing", "description", "role")
#: A kind outside the ranker's: what someone said is a clause, not a short span (:mod:`.claims`).
CLAIM = "claim"

_HEADS = {kind: word_set(f"heads_{kind}") for kind in ("person", "org", "place", "date")}
#: Each head noun's other forms ("spokesperson": "spokeswoman", "spokesman"), as stems.
_HEAD_VARIANTS: dict[str, tuple[str, ...]] = {}
for _line in word_list("head_variants"):
    _forms = tuple(stem(w) for w in _line.split())
    for _form in _forms:
        _HEAD_VARIANTS[_form] = tuple(f for f in _forms if f != _form)
#: A head noun's name endings ("law": act, law, code ...): such a slot is answered by a name ending so.
_NAME_ENDS: dict[str, frozenset[str]] = {}
for _line in word_list("head_name_ends"):
    _head, *_ends = _line.split()
    _NAME_ENDS[_head] = frozenset(_ends)
_TIME_STEMS = frozenset(stem(w) for w in word_set("time_units"))
#: "how old / tall / far ...?": the adjectives that ask for a figure, with the unit it counts in.
_MEASURES: dict[str, tuple[str, ...]] = {line.split()[0]: tuple(line.split()[1:]) for line in word_list("measure_adjectives")}
_FIGURE_SHAPES = frozenset({"number", "money", "percent"})
#: Stems of verbs that report speech, thought or a reaction ("said", "warned", "thinks", "reacted").
CLAIM_STEMS = frozenset(stem(w) for w in word_set("claim_verbs"))
#: ... and those that say who relayed a fact ("reported", "confirmed"): a speaker slot's verbs.
SPEAKER_STEMS = saying_stems()
#: ... and those after which the asked slot is the speaker ("who *said* ...?"): not those that also
#: name a deed ("which chain *announced* it filed for bankruptcy?").
_SLOT_SPEAKER_STEMS = SPEAKER_STEMS - frozenset(stem(w) for w in word_set("deed_saying_verbs"))
_NAME_SHAPES = frozenset({"person", "org", "place", "name"})


@dataclass(frozen=True)
class Question:
    """What a question asks. ``terms`` are content-word stems to search for, with ``weights``."""

    text: str
    kind: str
    wh: str  # who, what, which, when, where, why, how, how many, how much, cloze
    head: str | None  # the slot's head noun, lower case ("team", "state")
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    counted: tuple[str, ...] = ()  # stems of what a "how many" counts
    about: str | None = None  # the name a "who is X?" question asks about
    foreign: bool = False
    follow_up: bool = False  # no topic of its own: about the previous answer ("when?", "who said that?")
    predicates: tuple[str, ...] = ()  # stems of the question's verbs ("acquir" for "who acquired X?")
    numbers: tuple[str, ...] = ()  # numbers and years the question prints ("2019")
    names: tuple[str, ...] = ()  # stems of the capitalised words past the first ("wimbledon")
    speaker_slot: bool = False  # "who said / warned / argued ...?": the answer is whoever spoke
    # the verb the asked slot belongs to (``verb_stem``: "ask", "win") and the slot's place:
    # "agent" (its subject: "who *asked* the Pentagon?", "which team *won*?") or "object" (what
    # follows it: "who did Trump *direct* to ...?", "what did X *designate* Y as?")
    slot_verb: str | None = None
    slot_role: str | None = None
    # stems of the verb's other argument as the question prints it: an agent slot's object ("the
    # Pentagon"), an object slot's subject ("Trump"); a sentence holding the slot prints one near the verb
    slot_frame: tuple[str, ...] = ()

    @property
    def asks_change(self) -> bool:
        """Whether the slot is the size of a change ("by how much did the bank cut rates?", "by
        what percentage have crossings fallen?"): answered by "cut *by 25 basis points*", "a *95%*
        drop", never by the level reached ("cut rates *to 3.75%*")."""
        if self.kind == "percent" and re.search(r"\bby\s+what\b", self.text, re.I):
            return True
        return self.wh == "how much" and self.kind in ("number", "percent")

    @property
    def head_stem(self) -> str | None:
        return stem(self.head) if self.head else None

    @property
    def head_stems(self) -> frozenset[str]:
        """The head noun's stem and those of its other forms ("spokesperson", "spokeswoman")."""
        head = self.head_stem
        return frozenset((head, *_HEAD_VARIANTS.get(head, ()))) if head else frozenset()

    @property
    def plural(self) -> bool:
        """Whether the slot asks for several names ("which *agencies* ...?", "what countries
        ...?"): answered by the list a source prints, not by one of its names."""
        head = self.head or ""
        return (
            self.wh in ("which", "what")
            and self.kind in ("person", "org", "place", "thing")
            and len(head) > 3
            and head.endswith("s")
            and not head.endswith(("ss", "us", "is", "'s"))
        )

    @property
    def name_ends(self) -> frozenset[str] | None:
        """For a head noun whose names end with their sort ("which law": "... Act", "... Code"),
        those last words (lower case): a hard constraint on candidates, like :attr:`shapes`."""
        head = self.head
        if not head or self.wh not in ("which", "what", "whose", "cloze"):
            return None
        return _NAME_ENDS.get(head) or (_NAME_ENDS.get(head[:-1]) if head.endswith("s") else None)

    @property
    def shapes(self) -> frozenset[str] | None:
        """The candidate shapes (:mod:`.candidates`) that can answer this question; None: any.

        A hard constraint, not a preference: a number question is answered by a figure, a when
        question by a date, a who question by a name (a person's where the slot is a person,
        "who is the spokesperson?"; any name where it is bare, "who won?", since teams, countries
        and companies win). Name shapes are guesses from word lists, so among names only the
        slot's person noun narrows; figures and dates are read reliably and always narrow.
        """
        if self.kind == "number":
            if self.wh == "how much":
                return _FIGURE_SHAPES
            # "how many days?" is answered by a duration ("21 days"), "how many troops?" by a count
            return frozenset({"number", "duration"}) if set(self.counted) & _TIME_STEMS else frozenset({"number"})
        if self.kind in ("money", "percent"):
            return frozenset({self.kind})
        if self.kind == "date":
            return frozenset({"date", "year"})
        if self.kind == "person":
            # a speaker is a person ("who warned ...?" is not answered by the agency they speak for)
            person = _is_head(self.head, "person") or self.speaker_slot
            return frozenset({"person", "name"}) if person else _NAME_SHAPES
        if self.kind == "place" and self.wh == "where":
            # "where did ...?" is answered by a place (or a name the lists cannot place), not by
            # the organisation or person the story is about
            return frozenset({"place", "name"})
        if self.kind == "org" and self.speaker_slot:
            return _NAME_SHAPES  # whoever reported it is named
        if self.kind in ("org", "place"):
            return _NAME_SHAPES | {"noun", "role"}
        if self.kind == "role":
            # "who is X?" wants what the sources call X ("DHS spokeswoman X", "X, the mayor"),
            # never another name of the story
            return frozenset({"role"})
        if self.wh == "why":
            return frozenset({"noun"})  # a reason is said in words, never by a name or a figure
        return None


# --- cleaning -------------------------------------------------------------------------------------

# Cleaning, in order. Chat adapters turn their platform's markup into words before asking; what is
# left in angle brackets is markup (an HTML tag, a link, a platform's token), not words.
_CLEANERS = (
    # Code and styling go whole: "<script>alert(1)</script>" leaves nothing to search for.
    (re.compile(r"<(script|style|iframe|object|template)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S), " "),
    (re.compile(r"<[^<>]*>"), " "),
    (re.compile(r"https?://\S+"), " "),
    # "@everyone" pings wherever it stands; "@name" only at a word's start (not an e-mail address).
    (re.compile(r"@(?:everyone|here|channel)\b|(?<![\w.])@[\w.\-]+", re.I), " "),
    (re.compile(r"[*_`~|>]+"), " "),
    (re.compile(r"\s+"), " "),
)


def clean_question(raw: str) -> str:
    """The question without markup, mentions or links, on one line, at most ``MAX_QUESTION_CHARS``."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    text = html.unescape(text)  # escaped markup ("&lt;script&gt;") is removed like the real thing, never echoed
    for pattern, replacement in _CLEANERS:
        text = pattern.sub(replacement, text)
    text = text.strip()
    if len(text) > MAX_QUESTION_CHARS:
        mark = text.find("?", 0, MAX_QUESTION_CHARS)
        cut = text.rfind(" ", 0, MAX_QUESTION_CHARS)
        text = text[: mark + 1] if mark > 0 else text[: cut if cut > 0 else MAX_QUESTION_CHARS].rstrip() + "…"
    return text


_FOREIGN_WORDS = word_set("foreign_function_words")
_NON_ENGLISH_LETTER = re.compile(r"[áàâãäåæçéèêëíìîïñóòôõöøœúùûüýÿßğışł]", re.I)
_UNICODE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _looks_foreign(text: str) -> bool:
    """Another script, or another language's function words and letters with no English function word."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum("LATIN" in unicodedata.name(ch, "") for ch in letters) < 0.5 * len(letters):
        return True
    lower = [t.lower() for t in _UNICODE_WORD.findall(text)]
    foreign = sum(1 for t in lower if t in _FOREIGN_WORDS or _NON_ENGLISH_LETTER.search(t))
    english = sum(1 for t in lower if t in STOP_WORDS and t not in _FOREIGN_WORDS and len(t) > 1)
    return foreign >= 2 and english == 0


# --- the asked slot -------------------------------------------------------------------------------

_WH = re.compile(r"\b(how\s+many|how\s+much|which|what|who|whom|whose|when|where|why|how)\b", re.I)
_AUX = frozenset("is are was were be been do does did has have had will would can could should may might 's".split())
# Words between "which"/"what" and the head noun that are not the head ("what type of business").
_OF_WORDS = frozenset("type kind sort form name one ones group member members piece part brand category".split())
_SLOT_STOP = STOP_WORDS | frozenset("this week recently reportedly now currently also still just already finally officially ever".split())
# A word that ends a "which X" phrase as its verb ("which automaker *recalled*", "which team *won*").
_VERB_LIKE = re.compile(
    r"^(?:\w{3,}ed|became|become|becomes|won|wins|beat|beats|made|makes|took|takes|led|leads|got|gets|hit|hits|"
    r"said|says|told|tells|sold|sells|paid|pays|ran|runs|saw|sees|set|sets|left|leaves|lost|loses|broke|breaks|"
    r"has|have|had|will|would|can|could|may|might|must|should|shall|announces|plans|wants|faces|holds|held)$"
)
_NUMBER_HEADS = {
    "percent": "percent", "percentage": "percent", "share": "percent", "proportion": "percent", "rate": "percent",
    "amount": "money", "price": "money", "cost": "money", "sum": "money", "fine": "money", "salary": "money",
    "number": "number", "age": "number", "score": "number", "total": "number",
}
_MONEY_WORDS = frozenset(
    "cost costs paid pay pays worth price spend spent raise raised fine fined earn earned money budget revenue salary "
    "dollars offer offered offers fee fees charge charged tax taxes loan loans settlement payment payout funding "
    "bonus prize bill sell sold buy bought valued valuation".split()
)
_DESCRIPTION_HEADS = frozenset(
    "purpose reason goal plan outcome decision status significance change result impact effect cause aim role "
    "measure method move step action problem issue concern".split()
)
_CLOZE = re.compile(r"\b(?:this|these)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I)
_WHO_IS = re.compile(r"^(?:and\s+)?who\s+(?:is|was|'s)\s+(?!(?:the|a|an|this|that|it|he|she|they)\b)(?![a-z]+(?:ing|ed)\b)([a-z][\w'’.-]*(?:\s+[a-z][\w'’.-]*){0,3})\s*\??$", re.I)
# "what did X say (about Y)?", "what does X think of Y?", "how did X react?": the speaker stands
# between the auxiliary and the first verb of saying (found word by word in :func:`claim_speaker`)
_CLAIM_VERB_Q = re.compile(r"^(?:and\s+|so\s+|but\s+)?(?:what|how)\s+(?:did|does|do|has|have|had|will|would|is|are|was|were)\s+(?P<after>.+)$", re.I)
# "what was X's reaction / view / response?"
_CLAIM_NOUN_Q = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?what\s+(?:is|was|are|were)\s+(?P<who>[\w'’.&-]+(?:\s+[\w'’.&-]+){0,4}?)['’]s?\s+"
    r"(?P<noun>reaction|response|view|views|position|stance|criticism|warning|message|comment|comments|argument|"
    r"opinion|take|complaint|concern|concerns)\b",
    re.I,
)
_PRONOUNS = frozenset("he she they it we i you him her them".split())
PRONOUNS = _PRONOUNS
# Words that start the object of a verb: "stops" in "what law *stops the* ..." is a verb, not a head noun.
_OBJECT_OPENERS = frozenset("the a an this that these those his her their its our my your him them it us me any every".split())
_THREAD_ONLY = re.compile(r"^(?:and\s+|so\s+|but\s+)?(?:who\s+said\s+(?:that|this|it)|when(?:\s+was\s+that)?|why|where|how\s+many|how\s+much|who)\s*\??$", re.I)
_QUESTION_NOISE = frozenset(
    "who whom whose what which when where why how many much name named called happen happened exactly approximately "
    "roughly total according tell know please give list explain mean meaning kind type sort following week recently "
    "reportedly new latest this these percentage percent amount around".split()
)


def _last_question(text: str) -> str:
    """The sentence that asks: after a preamble ("X happened. Which team ...?"), the last one with a wh-word."""
    parts = [p for p in re.split(r"(?<=[a-z0-9)][a-z0-9)][.!?])\s+(?=[A-Z\"“])", text) if p.strip()]
    for part in reversed(parts):
        if _WH.search(part) or "?" in part:
            return part
    return text


def _slot(question: str) -> tuple[str, str | None]:
    """(wh-word, head noun) of the asked slot."""
    question = re.sub(r"\b(what|who|where|when)s\b", r"\1 is", question, flags=re.I)  # chat spelling: "whats"
    match = _WH.search(question)
    cloze = _CLOZE.search(question) if match is None else None
    if match is None and cloze is None:
        return "cloze", None
    wh = "cloze" if match is None else " ".join(match.group(1).lower().split())
    end = cloze.start(1) if cloze is not None else match.end()  # type: ignore[union-attr]
    after = re.sub(r"\b(?:US|U\.S\.|UK|U\.K\.)\s+", "", question[end:]).lower().replace("’", "'")
    tokens = re.findall(r"[a-z][\w'-]*|\d+", after)
    if wh in ("who", "whom") and len(tokens) > 2 and tokens[0] in _AUX and tokens[1] in ("the", "a", "an"):
        # "who is the DHS spokesperson?": the slot is the noun phrase after the article
        tokens = tokens[2:]
    elif wh in ("which", "what", "whose"):
        if tokens and tokens[0] == "of":  # "which of the following politicians"
            tokens = [t for t in tokens[1:4] if t not in ("the", "following", "these", "those")]
        elif tokens and tokens[0] in _AUX:  # "what is the name of the storm", "what was the decision"
            tokens = tokens[1:]
            while tokens and tokens[0] in ("the", "a", "an", "one", "of", "some", "main", "most", "primary", "key", "first"):
                tokens = tokens[1:]
            if not tokens or tokens[0] in _AUX or tokens[0] in STOP_WORDS:
                return wh, None
    elif wh not in ("how many", "how much", "cloze"):
        return wh, None
    phrase: list[str] = []
    for i, t in enumerate(tokens[:5]):
        if t.endswith(("'s", "'")):  # "which US state's governor": the answer is the state
            phrase.append(t.removesuffix("'s").rstrip("'"))
            break
        if t in _OF_WORDS and i + 1 < len(tokens) and tokens[i + 1] == "of":
            # "the name of the rare genetic variant associated with ...": the head of the phrase
            # after "of", read as the slot's own phrase is
            rest = [x for x in tokens[i + 2 : i + 7] if x not in ("the", "a", "an")]
            inner: list[str] = []
            for k, x in enumerate(rest[:4]):
                if x in _SLOT_STOP or x in _AUX or (inner and _VERB_LIKE.match(x) and not _adjectival(inner, rest[k + 1 : k + 2])):
                    break
                inner.append(x)
            return wh, _head_of(inner) if inner else (rest[0] if rest else t)
        if t in _SLOT_STOP or t in _AUX or (phrase and (_VERB_LIKE.match(t) or t in past_forms()) and not _adjectival(phrase, tokens[i + 1 : i + 2])):
            break
        if phrase and _verb_before_object(t, tokens[i + 1] if i + 1 < len(tokens) else None):
            break
        phrase.append(t)
    return wh, _head_of(phrase)


def _adjectival(before: list[str], following: list[str]) -> bool:
    """Whether an -ed word reads as an adjective, not the slot's verb: an adverb before it and a
    noun after it ("which *sexually transmitted* disease have ...", not "which family *landed* a")."""
    return before[-1].endswith("ly") and bool(following) and following[0] not in _SLOT_STOP and following[0] not in _AUX


def _verb_before_object(token: str, following: str | None) -> bool:
    """Whether a word ending in -s is a verb with its object after it ("law *stops the* military"),
    not a plural head noun ("which *countries* ..."): a noun is not followed by an article or pronoun."""
    return (
        following in _OBJECT_OPENERS
        and token.endswith("s")
        and not token.endswith(("ss", "us", "is", "'s"))
        and len(token) > 3
    )


def claim_speaker(question: str) -> str | None:
    """Who a "what did X say / think / warn?" question asks about ("Duckworth"), or None.

    >>> claim_speaker("what does the mayor think of the plan?")
    'the mayor'
    """
    text = question.strip().rstrip("?").strip()
    who = None
    match = _CLAIM_VERB_Q.match(text)
    if match:
        tokens = match.group("after").split()
        for i, token in enumerate(tokens[1:6], start=1):
            if stem(token.lower().strip(".,;:")) in CLAIM_STEMS:
                who = " ".join(tokens[:i])
                break
    if who is None:
        noun = _CLAIM_NOUN_Q.match(text)
        who = noun.group("who") if noun else None
    if not who or (who.lower() in STOP_WORDS and who.lower() not in _PRONOUNS):
        return None
    return who  # a pronoun ("what did she say?") is resolved against the thread's previous answer


def _known_head(word: str) -> bool:
    """Whether the word lists know ``word`` (or its singular) as a slot's head noun."""
    singular = word[:-1] if word.endswith("s") else word
    return any(_is_head(word, kind) for kind in _HEADS) or any(
        w in _NUMBER_HEADS or w in _DESCRIPTION_HEADS or w in _NAME_ENDS for w in (word, singular)
    )


_ACTION_Q = re.compile(
    r"^(?:and\s+|so\s+|but\s+)?what\s+(?:did|does|do|will|would|could|should|can|might|must|is|are|was|were)\s+"
    r"(?P<who>[\w'’.&-]+(?:\s+[\w'’.&-]+){0,4}?)\s+(?:do|doing|going\s+to\s+do|plan\s+to\s+do|want\s+to\s+do)"
    r"(?:\s+(?:next|now|then|first|there|instead))?$",
    re.I,
)


def action_subject(question: str) -> str | None:
    """Who a "what would X do?" question asks about ("the troops"), or None: answered, like a
    claim, by the clause the sources print after X ("X would *support the operations*")."""
    match = _ACTION_Q.match(question.strip().rstrip("?").strip())
    if not match:
        return None
    who = match.group("who").strip()
    return None if who.lower() in _PRONOUNS or who.lower() in STOP_WORDS else who


def _head_of(phrase: list[str]) -> str | None:
    """The phrase's last word; but a last word in -s that no list knows as a head noun, after one
    that is ("what *law stops* federalized troops"), is the verb, and the known noun the head."""
    if not phrase:
        return None
    words = [w.strip("'") for w in phrase]
    last = words[-1]
    if len(words) >= 2 and last.endswith("s") and not last.endswith(("ss", "us", "is")) and not _known_head(last):
        known = [w for w in words[:-1] if _known_head(w)]
        if known:
            return known[-1]
    return last


def _is_head(head: str | None, kind: str) -> bool:
    """Whether ``head`` (or its singular) is a head noun of ``kind`` ("spokesperson": person;
    "agencies": org, as "agency"; "businesses" as "business")."""
    heads = _HEADS[kind]
    return bool(head) and any(form in heads for form in _singulars(head))  # type: ignore[arg-type]


def _singulars(noun: str) -> tuple[str, ...]:
    """The noun and the singulars its plural ending allows: "-s" ("agents"), "-es" ("churches"),
    "-ies" ("agencies": "agency")."""
    forms = [noun]
    if noun.endswith("s"):
        forms.append(noun[:-1])
        if noun.endswith("es"):
            forms.append(noun[:-2])
        if noun.endswith("ies"):
            forms.append(noun[:-3] + "y")
    return tuple(forms)


def _kind(wh: str, head: str | None, lower: str) -> str:
    if wh == "how many":
        return "number"
    if head and wh != "how much":
        for kind in _HEADS:
            if _is_head(head, kind):
                return kind
        if head in _NUMBER_HEADS and wh not in ("who",):
            return _NUMBER_HEADS[head]
    if wh == "how much":
        # "how much will it cost" is money; "by how much has traffic dropped" a change (a number or a share)
        return "money" if (head in ("money", "dollars") or any(w in _MONEY_WORDS for w in re.findall(r"[a-z]+", lower))) else "number"
    if wh == "how many":
        return "number"
    if re.search(r"\b(?:what|which)\s+(?:percent|percentage)\b|\bhow\s+much\s+percent|\bby\s+what\s+percent", lower):
        return "percent"
    if wh in ("who", "whom", "whose"):
        return "person"
    if wh == "when":
        return "date"
    if wh == "where":
        return "place"
    if wh in ("why", "how"):
        return "description"
    if head in _DESCRIPTION_HEADS or (wh == "what" and head is None):
        return "description"
    return "thing"


def analyse(question: str) -> Question:
    """Analyse one question (cleaned first). Raises InvalidQuestionError when it has no words."""
    text = clean_question(question)
    tokens = words(text)
    if not tokens or not any(ch.isalpha() for ch in text):
        raise InvalidQuestionError("Please ask a question in words, for example: how many troops were requested?")
    asking = _last_question(text)
    lower = asking.lower().replace("’", "'")
    wh, head = _slot(asking)
    kind = _kind(wh, head, lower)
    about = None
    who_is = _WHO_IS.match(asking.strip())
    if who_is:
        # a name typed in lower case in chat ("who is kristi noem") is looked up as printed
        kind, about = "role", who_is.group(1).title() if who_is.group(1).islower() else who_is.group(1)
    speaker = claim_speaker(asking)
    if speaker:
        kind, about = CLAIM, speaker
    subject = action_subject(asking)
    if subject:
        kind, about, head = CLAIM, subject, "do"  # the head "do": a deed, not words, is asked for
    after_who = re.match(r"\s*(?:and\s+)?who\s+(?:has\s+|have\s+|had\s+)?([a-z]+)", lower[lower.find("who"):] if wh == "who" else "")
    speaker_slot = bool(after_who) and stem(after_who.group(1)) in _SLOT_SPEAKER_STEMS
    if wh in ("which", "what") and head and kind in ("person", "org"):
        # "which newspaper reported ...?", "which official said ...?": the slot is whoever spoke
        after_head = re.search(rf"\b{re.escape(head)}\s+(?:has\s+|have\s+|had\s+|first\s+)?([a-z]+)", lower)
        speaker_slot = bool(after_head) and stem(after_head.group(1)) in _SLOT_SPEAKER_STEMS
    counted: tuple[str, ...] = ()
    if wh in ("how many", "how much") and head:
        counted = (stem(head),)
    measure = re.search(r"\bhow\s+([a-z]+)", lower) if wh == "how" and kind == "description" else None
    if measure and measure.group(1) in _MEASURES:
        # "how old is she?", "how tall was it?": a figure, in the unit the word implies if any
        kind, counted = "number", tuple(stem(u) for u in _MEASURES[measure.group(1)])
    # Search terms: the whole text's content words (the preamble names the story), question noise out.
    terms: list[str] = []
    for token in tokens:
        low = token.lower()
        if low in STOP_WORDS or low in _QUESTION_NOISE or (len(low) == 1 and not low.isdigit()):
            continue
        for s in content_words(token):
            if s not in terms:
                terms.append(s)
    weights = [1.0 for _ in terms]
    # the slot's head noun in its other forms ("spokesperson" asked, "spokeswoman" printed)
    for variant in _HEAD_VARIANTS.get(stem(head), ()) if head else ():
        if variant not in terms:
            terms.append(variant)
            weights.append(0.5)
    verb, role, frame = slot_frame(asking, wh, head) if kind in KINDS else (None, None, ())
    return Question(
        text=text,
        kind=kind,
        wh=wh,
        head=head,
        terms=tuple(terms),
        weights=tuple(weights),
        counted=counted,
        about=about,
        foreign=_looks_foreign(text),
        follow_up=bool(_THREAD_ONLY.match(text.strip())) or not terms,
        predicates=tuple(dict.fromkeys(stem(w) for w in re.findall(r"[a-z]+", lower) if _VERB_LIKE.match(w) and w not in _AUX and w not in STOP_WORDS)),
        numbers=tuple(dict.fromkeys(re.findall(r"\d+(?:[.,]\d+)?", asking))),
        names=_names(text),
        speaker_slot=speaker_slot,
        slot_verb=verb,
        slot_role=role,
        slot_frame=frame,
    )


#: Auxiliaries after which a subject and then the slot's verb follow ("what *did* Trump designate ...").
_OBJECT_AUX = frozenset("did does do will would can could should has have had might may must".split())
#: ... and those that may stand between the slot and its verb ("who *has* asked ...").
_AGENT_AUX = frozenset("has have had will would could can may might must should did does do first also".split())
_DETERMINERS = frozenset("the a an his her its their this that these those our".split())
_JOINS = frozenset("of and for".split())


def _is_verb_word(token: str) -> bool:
    """Whether a question's word can be the slot's verb: a content word, not a number."""
    low = token.lower()
    return low.isalpha() and low not in STOP_WORDS and low not in _AUX and low not in _QUESTION_NOISE


def slot_frame(asking: str, wh: str, head: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """:func:`slot_verb` and the stems of the verb's other argument in the question: for an agent
    slot the content words after the verb ("who asked *the Pentagon* for troops?": up to four),
    for an object slot the subject's ("who did *Trump* direct ...?")."""
    verb, role = slot_verb(asking, wh, head)
    if verb is None:
        return None, None, ()
    tokens = re.findall(r"[A-Za-z][\w'’-]*|\d[\d.,]*", asking)
    at = next((i for i, t in enumerate(tokens) if t[:1].islower() and verb_stem(t) == verb and i > 0), None)
    if at is None:
        return verb, role, ()
    if role == "agent":
        side = tokens[at + 1 :]
    else:
        start = next((i for i in range(at - 1, -1, -1) if tokens[i].lower() in _OBJECT_AUX), 0)
        side = tokens[start + 1 : at]
    stems = [s for t in side for s in content_words(t) if t.lower() not in _QUESTION_NOISE]
    return verb, role, tuple(dict.fromkeys(stems))[:4]


def slot_verb(asking: str, wh: str, head: str | None) -> tuple[str | None, str | None]:
    """The verb the asked slot belongs to (its :func:`verb_stem`) and the slot's role: ``"agent"``
    where the slot is the verb's subject ("who asked the Pentagon?", "which team won the
    title?"), ``"object"`` where a subject stands between an auxiliary and the verb ("who did
    Trump direct ...?", "what did the company announce?"); (None, None) otherwise ("who is ...",
    "how many ...", a passive "who was arrested")."""
    if wh not in ("who", "whom", "what", "which"):
        return None, None
    tokens = re.findall(r"[A-Za-z][\w'’-]*|\d[\d.,]*", asking)
    lower = [t.lower() for t in tokens]
    try:
        at = lower.index(wh)
    except ValueError:
        return None, None
    at += 1
    if wh in ("what", "which") and head and not (at < len(lower) and lower[at] in _OBJECT_AUX):
        # the slot is "which HEAD": its verb follows the head noun
        head_at = next((i for i in range(at, min(at + 5, len(lower))) if lower[i].strip("'’") == head or lower[i] == head + "s"), None)
        if head_at is None:
            return None, None
        at = head_at + 1
    elif wh in ("what", "which"):
        if at < len(lower) and lower[at] not in _OBJECT_AUX:
            return None, None  # "what is ...", "which of ...": no verb slot read
    if at >= len(lower):
        return None, None
    if lower[at] in _OBJECT_AUX and at + 1 < len(lower):
        # an auxiliary, then either the slot's verb ("who has asked") or a subject and its verb
        nxt = at + 1
        if _is_verb_word(tokens[nxt]) and not tokens[nxt][:1].isupper() and (tokens[nxt].endswith(("ed", "en")) or lower[at] in ("will", "would", "could", "can", "may", "might", "must", "should")) and wh != "whom":
            if lower[at] in ("has", "have", "had") or wh in ("who",) or head:
                return verb_stem(tokens[nxt]), "agent"
        i = nxt
        while i < len(lower) and lower[i] in _DETERMINERS:
            i += 1
        if i < len(tokens) and tokens[i][:1].isupper():
            # a capitalised subject ("Trump", "the European Union", "the Food and Drug Administration")
            while i < len(tokens) and (tokens[i][:1].isupper() or (lower[i] in _JOINS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper())):
                i += 1
        elif i < len(tokens) and lower[i] not in _AUX:
            i += 1  # a lower-case subject of one word ("the company")
        else:
            return None, None
        participle = tokens[i].lower().endswith(("ed", "en")) or tokens[i].lower() in past_forms() if i < len(tokens) else False
        if lower[at] in ("has", "have", "had") and not participle:
            return None, None  # "which country has the most medals?": "has" is the verb
        if i < len(tokens) and _is_verb_word(tokens[i]) and not tokens[i][:1].isupper():
            return verb_stem(tokens[i]), "object"
        return None, None
    while at < len(lower) and lower[at] in _AGENT_AUX:
        at += 1
    if at < len(tokens) and _is_verb_word(tokens[at]) and not tokens[at][:1].isupper() and lower[at] not in ("been", "being"):
        return verb_stem(tokens[at]), "agent"
    return None, None


def _names(text: str) -> tuple[str, ...]:
    """Stems of the question's capitalised words (a sentence's first word aside): what it is about."""
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for token in words(sentence)[1:]:
            if token[:1].isupper() and token.lower() not in STOP_WORDS:
                out.extend(s for s in content_words(token) if s not in out)
    return tuple(out)
