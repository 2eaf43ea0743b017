"""Whether a sentence is about what a question asks: the same named thing, the same role.

**Roles** ("who is the CEO of Tesla?").

Related news is full of sibling roles: the former CEO, the CEO of another company, the president
of a subsidiary, a creative director of a game rather than the director of the film, the winner
when the runner-up is asked. A name answers a role question only when the sentence binds it to
that role (a title before the name, an apposition or a copula after it), the role carries no
modifier that makes it another post ("former", "deputy", "interim", unless the question says so),
and the body the role belongs to, where the sentence names one, is the asked body itself and not a
larger name that contains it ("The LEGO Foundation" is not "Lego"; "an NFL team" is not the NFL).

**Names.** "The Legend of Zelda: Ocarina of Time Re-Arranged Album" is not the game, "Pretty Woman:
The Musical" not the film, "Super Mario Odyssey 2" not "Super Mario Odyssey", and "Brandon Maxwell"
at the "CFDA Awards" not the "Maxwell Award": a sentence that prints a question's name only as part
of a longer name is about something else.

Pure functions over plain text; :mod:`summarizer.qa` decides what to do with the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = [
    "SIBLING_MODIFIERS",
    "agent_pattern",
    "names_as_asked",
    "normalise_word",
    "qualifier_conflict",
    "question_names",
    "question_words",
    "role_link",
    "role_pattern",
]

#: Words before a role that make it another post than the plain one.
SIBLING_MODIFIERS = frozenset(
    """
    former ex then late outgoing previous past erstwhile onetime one-time deputy vice assistant associate
    interim acting co creative art video music casting second third last
    """.split()
)

#: Spellings of a role beyond its plural.
_ROLE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ceo": ("ceo", "c.e.o.", "chief executive officer", "chief executive"),
    "chief executive": ("ceo", "c.e.o.", "chief executive officer", "chief executive"),
    "chief executive officer": ("ceo", "c.e.o.", "chief executive officer", "chief executive"),
    "runner-up": ("runner-up", "runners-up", "runner up", "runners up", "close second", "second place"),
    "chairman": ("chairman", "chairwoman", "chair", "chairperson"),
    "chairwoman": ("chairman", "chairwoman", "chair", "chairperson"),
    "spokeswoman": ("spokeswoman", "spokesman", "spokesperson"),
    "spokesman": ("spokeswoman", "spokesman", "spokesperson"),
}

#: Words a body may carry beyond the asked name and still be that body ("Tesla Inc.").
_BODY_SUFFIXES = frozenset(
    """
    inc corp corporation co company companies ltd limited llc plc group holdings ag sa motors systems technologies
    technology industries airlines airways media labs entertainment pharmaceuticals energy international partners
    capital brands enterprises
    """.split()
)
# A name's apposition before its role: "Helen Marchetti*, 54, the chief operating officer of Corsa,* will become CEO".
_APPOSITION = re.compile(r"\s*,\s*(?:\d{1,3}\s*,\s*)?(?:(?:the|a|an|its|his|her)\s+[^,;“”\"]{2,90}?,\s*)?")
# The post a name holds, in apposition: "Helen Marchetti, 54, the chief operating officer of (rival) Corsa,".
_HELD_ROLE = re.compile(
    r"\s*,\s*(?:\d{1,3}\s*,\s*)?(?:the\s+|a\s+|an\s+)?(?P<role>[a-z][\w\s-]{1,50}?)\s+(?:of|at)\s+"
    r"(?:(?:the|its|rival|parent|sister)\s+)*(?P<body>[A-Z][^,;()“”\"]{1,60}?)\s*[,;)]"
)
# Who appoints: "Arvento picks Corsa's Helen Marchetti as CEO": the role is Arvento's.
_APPOINTER = re.compile(
    r"((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s+(?:has\s+|have\s+)?(?:picks|picked|names|named|appoints|appointed|"
    r"hires|hired|taps|tapped|selects|selected|chooses|chose|poached|poaches|recruits|recruited)\b"
)
_ARTICLES = frozenset("the a an its their his her".split())
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|ican|ch)$")

# Between a name and a role printed after it: "Musk, the founder and CEO", "Pichai, Google's chief
# executive", "Pichai, who became CEO", "Pichai is the CEO", "named Pichai CEO".
_NAME_THEN_ROLE = re.compile(
    r"\s*,?\s*(?:(?:who|which)\s+(?:is|was|has\s+been|had\s+been|became|serves\s+as|served\s+as|will\s+become|will\s+be)\s+|is\s+|was\s+|became\s+"
    r"|becomes\s+|as\s+|has\s+been\s+|will\s+be\s+|will\s+become\s+|would\s+become\s+|to\s+be\s+|to\s+become\s+|remains\s+"
    r"|will\s+(?:join|take\s+over|start|serve)\s+as\s+)?(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"(?P<between>(?:[\w'’.&-]+\s+){0,3})"
)
# Words that break the tie between a name and a role after it ("Pichai *said* the CEO").
_BREAKERS = frozenset(
    """
    said says told thanked met with replaced replaces replacing succeeded succeeds succeeding after than
    to by from for under against beat beats defeated and or but not
    """.split()
)
# A name in a prepositional phrase ("officer *of* Corsa", "*from* rival Corsa") is no role's holder.
_IN_PHRASE = re.compile(r"\b(?:of|from|at|for|with|by|to|in|on|about|against|over)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+)?$")
# Verbs of appointing in headlines: "The Lumen Trust names new CEO" (the body names, the holder is next).
_APPOINTING = frozenset("names appoints hires taps picks elects announces welcomes introduces unveils".split())
# Before a name, the role's object: "CEO Sundar Pichai", "CEO: Pichai", "CEO of Google, Sundar Pichai".
_ROLE_THEN_NAME = re.compile(r"\s*(?:[,:—–-]\s*)?|\s+(?:of|at|for)\s+(?:the\s+)?[^,;.“”\"]{1,60}?,\s*(?:is\s+)?")
_BODY_AFTER = re.compile(r"\s+(?:of|at|for)\s+(?P<body>(?:(?:the|an?|its)\s+)?[^,;:()“”\"]{1,80}?)(?=\s*[,;:()“”\"]|\s+(?:who|which|that|since|when|said|says|until|from|in\s+\d{4})\b|\.(?:\s|$)|$)")
_BODY_BEFORE = re.compile(r"(?P<body>(?:[A-Z0-9][\w&.'’-]*\s+(?:(?:of|de|the|and|&)\s+)?){0,4}[A-Z0-9][\w&.-]*?)(?:['’]s?)?\s+$")


def _plain_between(words: list[str]) -> bool:
    """Whether words between a name and a role after it keep them tied: "Musk, the founder *and*
    CEO" does ("and" joins two roles), "Pichai *said* the CEO" or "Pichai *and* the CEO" do not."""
    for k, word in enumerate(words):
        low = word.lower()
        if low in {"and", "&"} and k > 0 and re.search(r"(?:er|or|man|woman|ent|ist|ee|ive|ian)$", words[k - 1].lower()):
            continue
        if low in _BREAKERS or low in _APPOINTING or low.endswith("ed"):
            return False  # "Halvane *names* new CEO": the body, not the holder
    return True


#: Verbs whose bare form is also the noun for who does them ("the jury *chair*", "the *host*").
_BARE_AGENTS = frozenset("chair host head coach captain judg judge referee pilot star lead".split())


@lru_cache(maxsize=256)
def agent_pattern(verb: str) -> re.Pattern[str]:
    """The nouns for who does ``verb`` (a stem): "chair" -> chair(man), "direct" -> director,
    "found" -> founder, "win" -> winner: "Jury *chair* Rosalind Achterberg" chaired the jury."""
    suffix = r"(?:e|er|or|ner|ter|man|woman|person|ess)?" if verb in _BARE_AGENTS else r"(?:er|or|ner|ter|man|woman|person|ess)"
    alternation = re.escape(verb) + suffix + "s?"
    return re.compile(rf"(?<![\w-]){alternation}(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=256)
def role_pattern(role: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a role's spellings and plurals."""
    spellings = _ROLE_SPELLINGS.get(role, (role,))
    forms = sorted({f for s in spellings for f in (s, s + "s", s + "es")}, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def normalise_word(word: str) -> str:
    """A word as names are compared here: no surrounding punctuation, possessive or dots, lower case."""
    return re.sub(r"(?:['’]s|['’])$", "", word.strip("\"'“”‘’(),.;:!?")).replace(".", "").lower()


def _modified(text: str, start: int, asked: set[str]) -> bool:
    """Whether a word just before the role at ``start`` makes it another post ("former CEO")."""
    before = text[max(0, start - 40) : start].lower()
    if re.search(r"\bex-\s*$", before):
        return "ex" not in asked
    words = re.findall(r"[a-z][\w-]*", before)[-2:]
    return any(w in SIBLING_MODIFIERS and w not in asked for w in words)


def _body_of(text: str, role_start: int, role_end: int) -> str | None:
    """The body a printed role belongs to: "CEO *of Tesla*", "*Google* CEO", "*Nintendo's* president"."""
    after = _BODY_AFTER.match(text, role_end)
    if after is not None and re.match(r"(?:(?:the|an?|its)\s+)?[A-Za-z0-9]", after.group("body")):
        body = re.split(r"\s+and\s+(?=[a-z])", after.group("body"))[0]
        return body.strip()
    before = _BODY_BEFORE.search(text[:role_start])
    if before is not None:
        words = before.group("body").split()
        # An article or a modifier capitalised at a sentence's start ("The CEO", "Former CEO"),
        # or a demonym used as an adjective ("the Australian director"), names no body.
        while words and (normalise_word(words[0]) in _ARTICLES or words[0].lower() in SIBLING_MODIFIERS):
            words = words[1:]
        if words and not (len(words) == 1 and _DEMONYM.match(words[0])):
            return " ".join(words)
    return None


def _body_matches(body: str, asked_body: Sequence[str], *, loose: bool = False) -> bool:
    """Whether a printed body is the asked one, not a larger name that contains it.

    "SpaceX and Tesla" holds Tesla; "The LEGO Foundation" and "Nintendo of America" are other
    bodies than Lego and Nintendo; "an NFL team" is a team, not the NFL. A lower-case head the
    question itself has ("the Assassin's Creed *movie*") may be printed in other words ("film").
    ``loose``: any printed body holding the asked name matches ("Corsa Transit Systems" for Corsa).
    """
    named = [normalise_word(w) for w in asked_body if (w[:1].isupper() or any(c.isupper() for c in w)) and not re.fullmatch(r"\d{4}", w)]
    heads = [normalise_word(w) for w in asked_body if w.islower() and w not in _ARTICLES and w not in {"of", "de", "and"}]
    key = set(named) or set(heads)
    if not key:
        return True
    for part in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", body):
        tokens = [w for w in map(normalise_word, part.split()) if w and w not in _ARTICLES and w not in {"of", "de"}]
        if not key <= set(tokens):
            continue
        if loose:
            return True  # "Corsa Transit Systems" may be the Corsa asked about
        rest = [t for t in tokens if t not in key and t not in _BODY_SUFFIXES and not re.fullmatch(r"\d{4}", t)]
        originals = {normalise_word(t): t for t in part.split()}
        if not rest or (named and heads and all(originals.get(t, t).islower() for t in rest)):
            return True
    return False


def _only_heads(body: str, asked_body: Sequence[str]) -> bool:
    heads = {normalise_word(w) for w in asked_body if w.islower()}
    words = [normalise_word(w) for w in body.split() if normalise_word(w) not in _ARTICLES]
    return bool(words) and all(w in heads for w in words)


@lru_cache(maxsize=64)
def _words_of(text: str) -> frozenset[str]:
    """A text's normalised words; cached, as one article is the context of many candidates."""
    return frozenset(normalise_word(w) for w in text.split())


def _body_printed(text: str, asked_body: Sequence[str]) -> bool:
    words = _words_of(text)
    named = [normalise_word(w) for w in asked_body if w[:1].isupper() and not re.fullmatch(r"\d{4}", w)]
    key = named or [normalise_word(w) for w in asked_body if w.islower() and w not in _ARTICLES]
    return all(k in words for k in key)


def role_link(
    text: str,
    start: int,
    end: int,
    role: str,
    asked_body: Sequence[str],
    question: str,
    *,
    context: str = "",
    pattern: re.Pattern[str] | None = None,
) -> bool:
    """Whether the sentence binds the name at ``start:end`` to ``role`` of the asked body.

    The role must stand right before the name ("Google CEO Sundar Pichai", "the chief executive,
    Sundar Pichai") or right after it ("Pichai, the chief executive of Google", "Pichai became
    CEO"), carry no modifier that makes it another post (unless the question has the same word),
    and belong to the asked body when the sentence says whose role it is. A bare title ("director
    Justin Kurzel", "Chief Executive Priya Natarajan said") counts when the sentence, or its
    article (``context``), names the asked body.
    """
    asked = {w.lower().strip("?,.") for w in question.split()}
    pattern = pattern or role_pattern(role)
    held = _HELD_ROLE.match(text, end)
    if held is not None and not pattern.search(held.group("role")) and asked_body and _body_matches(held.group("body"), asked_body, loose=True):
        return False  # "Marchetti, the chief operating officer of Corsa, will become CEO": Corsa's COO
    appointer = _APPOINTER.search(text[:start])
    for match in pattern.finditer(text):
        if match.end() <= start:
            tied = _ROLE_THEN_NAME.fullmatch(text, match.end(), start) is not None
        elif match.start() >= end:
            if _IN_PHRASE.search(text[max(0, start - 30) : start]):
                continue  # "the COO *of Corsa*, will become chief executive": Corsa is no subject
            between = _NAME_THEN_ROLE.fullmatch(text, end, match.start())
            if between is None:
                skipped = _APPOSITION.match(text, end)
                if skipped is not None and skipped.end() > end:
                    between = _NAME_THEN_ROLE.fullmatch(text, skipped.end(), match.start())
            tied = between is not None and _plain_between(between.group("between").split())
            if tied and re.search(r"\b(?:succeeded|succeeds|replaced|replaces|replacing|succeeding)\s+(?:\S+\s+){0,3}$", text[:start]):
                tied = False  # "Cook succeeded Jobs as CEO": the role is Cook's
        else:
            continue
        if not tied or _modified(text, match.start(), asked):
            continue
        body = _body_of(text, match.start(), match.end())
        if body is None and appointer is not None:
            body = appointer.group(1)  # "Arvento picks Corsa's Helen Marchetti as CEO"
        if body is not None and _only_heads(body, asked_body):
            body = None  # "Board chair Claire Benedetti" for "who chairs Arvento's board?"
        if body is None:
            if _body_printed(text, asked_body) or (context and _body_printed(context, asked_body)):
                return True
            continue
        if _body_matches(body, asked_body):
            return True
    return False


# --- names ----------------------------------------------------------------------------------------

_NAME_RUN = re.compile(r"[A-Z0-9][\w'’.&-]*(?:\s+(?:(?:of|the|de|and|for|in)\s+)*[A-Z0-9][\w'’.&-]*)*")


_TITLES = frozenset(
    """
    ceo cfo coo cto president chairman chairwoman chair director secretary minister governor senator mayor
    king queen prince princess chief head commissioner coach manager captain founder owner sen gov rep dr
    """.split()
)


def question_names(question: str) -> list[list[str]]:
    """The names a question prints, each as its words ("Ocarina of Time" -> ["ocarina", "of", "time"]).

    Runs of capitalised words (and digits inside them) past the question's first word, cut at
    colons; leading articles, titles ("CEO of") and years, and trailing connectors and years, are
    dropped. A question typed in lower case names nothing here.
    """
    out: list[list[str]] = []
    for run in _NAME_RUN.finditer(question):
        if run.start() == 0:
            continue
        for part in re.split(r"\s*:\s*", run.group(0)):
            words = [normalise_word(w) for w in part.split() if normalise_word(w)]
            # "CEO of Facebook" names Facebook; the title before it is a role, not part of the name.
            while words and (words[0] in _ARTICLES or words[0] in _TITLES or re.fullmatch(r"\d{4}", words[0]) or (words[0] in {"of", "for", "at"} and len(words) > 1)):
                words = words[1:]
            while words and (words[-1] in {"of", "the", "de", "and", "for", "in"} or re.fullmatch(r"\d{4}", words[-1])):
                words = words[:-1]  # "Halvane in 2024": the year is no part of the name
            if words and any(c.isalpha() for c in "".join(words)):
                out.append(words)
    return out


_SUBTITLE = re.compile(r"\s*:\s+(?P<article>(?:The|A|An)\s+)?(?P<word>[A-Z][\w'’-]*)(?P<next>\s+(?:[A-Z0-9][\w'’-]*|of|the|and)\b|\s*[,;.!?)(·|]|\s*$)?")


def question_words(question: str) -> set[str]:
    """The question's words, normalised as :func:`names_as_asked` compares them."""
    return {normalise_word(w) for w in question.split() if normalise_word(w)}


def _extension(text: str, end: int, asked: set[str]) -> str | None:
    """How a name printed up to ``end`` runs on into a longer one the question does not have.

    "subtitle" ("Pretty Woman: The Musical", "Avengers: Endgame,"), "number" ("Odyssey 2"),
    "word" ("Ocarina of Time Re-Arranged Album", "Nintendo of America"), or None.
    """
    rest = text[end:]
    subtitle = _SUBTITLE.match(rest)
    if subtitle is not None and normalise_word(subtitle.group("word")) not in asked and (subtitle.group("article") or subtitle.group("next") is not None):
        return "subtitle"
    number = re.match(r"\s+(\d{1,3})\b(?![,.:]\d)", rest)
    if number is not None:
        return None if number.group(1) in asked else "number"
    follow = re.match(r"\s+(?:(?:of|de)\s+)?([A-Z][\w'’-]*)\b", rest)
    if follow is None:
        return None
    word = normalise_word(follow.group(1))
    if word in asked or word in _BODY_SUFFIXES:
        return None
    return "word"


def names_as_asked(text: str, names: Sequence[Sequence[str]], question_words: set[str]) -> bool:
    """Whether a sentence prints the question's names as those names, not as parts of others.

    A name of two or more words counts when printed whole, at least once not run on into a longer
    name; when its words are all there but never together, and some of them only inside other
    names ("Brandon *Maxwell*" and "CFDA *Awards*" for the "Maxwell Award"), the sentence is about
    something else. A one-word name ("Instagram") counts unless every printing of it runs on into a
    subtitle or a number ("Avengers: Infinity War", "Odyssey 2"). Names the sentence does not print
    at all are left to the coverage of the question's words.
    """
    for name in names:
        pattern = r"\s+".join(re.escape(w) for w in name)
        found = list(re.finditer(rf"(?<![\w-]){pattern}(?:['’]s|s)?(?![\w-])", text, re.IGNORECASE))
        if found:
            kinds = [_extension(text, m.end(), question_words) for m in found]
            if all(kinds) and (len(name) >= 2 or all(k in ("subtitle", "number") for k in kinds)):
                return False
            continue
        content = [w for w in name if w not in {"of", "the", "de", "and", "for", "in"} and not w.isdigit()]
        if len(name) < 2 or not content:
            continue
        if len(content) >= 2 and _renamed(text, name, question_words):
            return False
        used_elsewhere = False
        present = True
        for word in content:
            spans = [m for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?:s)?(?![\w-])", text, re.IGNORECASE)]
            if not spans:
                present = False
                break
            if all(_inside_other_name(text, m.start(), m.end(), question_words) for m in spans):
                used_elsewhere = True
        if present and used_elsewhere:
            return False
    return True


def _renamed(text: str, name: Sequence[str], asked: set[str]) -> bool:
    """Whether a long name's tail is printed only after another first word: "Hawaii *State* Teacher
    of the Year" for the "*National* Teacher of the Year"."""
    tail = r"\s+".join(re.escape(w) for w in name[1:])
    found = list(re.finditer(rf"(?<![\w-]){tail}(?![\w-])", text, re.IGNORECASE))
    if not found:
        return False
    for match in found:
        before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, match.start() - 40) : match.start()])
        if before is None or normalise_word(before.group(1)) in asked or _misspelt(normalise_word(before.group(1)), name[0]):
            return False
    return True


def qualifier_conflict(text: str, question: str) -> bool:
    """Whether a sentence gives a question's name another "for ..." category than the question:
    the "Wexmoor Prize for Fiction" does not answer about the "Wexmoor Prize for non-fiction"."""
    for asked in re.finditer(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+for\s+([\w-]+)", question):
        wanted = normalise_word(asked.group(2))
        for printed in re.finditer(rf"{re.escape(asked.group(1))}\s+for\s+([\w-]+)", text, re.IGNORECASE):
            if normalise_word(printed.group(1)) != wanted:
                return True
    return False


def _misspelt(printed: str, asked: str) -> bool:
    """Whether the asked word is a typo of the printed one ("Definite" for "Definitive")."""
    return len(asked) >= 5 and SequenceMatcher(None, printed, asked).ratio() >= 0.8


def _inside_other_name(text: str, start: int, end: int, asked: set[str]) -> bool:
    """Whether the word at ``start:end`` is printed capitalised next to a capitalised word the question lacks."""
    if not text[start:start + 1].isupper():
        return False
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+([A-Z][\w'’-]*)", text[end:])
    return any(m is not None and normalise_word(m.group(1)) not in asked and normalise_word(m.group(1)) not in _ARTICLES for m in (before, after))
