"""Discourse: whether a sentence can stand alone, out of the text it came from.

A brief lifts sentences out of several articles. A sentence that opens on a pronoun ("They
served squash soup"), a connective ("But the expected eviction had not happened") or a bare
surname with a speech verb ("Smith said four people were arrested") leans on the sentence
before it: out of its place it reads as a reference to nothing.

    >>> needs_previous("But the police had not moved by late Sunday.")
    True
    >>> needs_previous("Police had no plans to evict anyone, the chief inspector said.")
    False

The openers are a data file (``data/dependent_openers.txt``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from .dates import CALENDAR_WORDS
from .lexicon import word_list, word_set

__all__ = [
    "antecedent_reason",
    "bare_surnames",
    "carries_it",
    "introduced_surnames",
    "leaning_reason",
    "needs_previous",
    "person_surnames",
    "reporter_first_person",
]

# "Smith said ..." / "Ashton added ...": one capitalised word and a speech verb. Whether the name
# was introduced cannot be told from the sentence, and a reader of a merged brief meets it cold.
_BARE_NAME_SPEAKS = re.compile(r"^[A-Z][a-z]+(?:’s|'s)?\s+(?:said|says|told|tells|added|adds|wrote|writes|noted|explained)\b")
_LEADING_MARKS = "( "


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    phrases = sorted({*word_list("dependent_openers"), *word_list("narrative_openers")}, key=len, reverse=True)
    # an opener may carry a verb's contraction: "She's now running ...", "They’re gone"
    return re.compile(
        r"^(?:" + "|".join(re.escape(p) for p in phrases) + r")(?:['’](?:s|re|ve|ll|d|m))?(?![\w’'-])", re.IGNORECASE
    )


def needs_previous(sentence: str) -> bool:
    """Whether ``sentence`` opens on a word that needs the sentence before it (see the module doc).

    A sentence opening with a quotation is judged by its attribution, not the speaker's first
    word: "“They will pay,” the mayor said" names who speaks.
    """
    text = sentence.lstrip()
    if _BARE_NAME_SPEAKS.match(text):
        return True
    return _openers().match(text.lstrip(_LEADING_MARKS)) is not None


# -- Leaning in a brief: what needs a sentence the brief may not show --------------------------
#
# ``needs_previous`` reads the first word. A reader of a merged brief also meets references
# further in: a pronoun right after an opening phrase ("On Wednesday, he said ..."), a quotation
# whose speaker is a bare pronoun ("“We will rebuild,” she said."), and a surname that no earlier
# line introduced ("..., Smith said", when no line named John Smith). ``leaning_reason`` tells
# which, given the surnames the story's sources print and the ones the brief has introduced.

# "On Wednesday, he ...": an opening phrase of at most eight words without a name in it (a name
# there is the pronoun's antecedent: "When Smith arrived, he ..."), then a pronoun.
_LATE_PRONOUN = re.compile(
    r"^((?:[A-Z][\w’'-]*)(?:\s+[\w’'.-]+){0,7}),\s+(?:he|she|they|it|his|her|their|its)\b"
)

# "“We will rebuild,” she said." / "“...” he added": the speaker is only a pronoun.
_PRONOUN_SPEAKER = re.compile(
    r"^[\"“‘].*[,.!?]?[\"”’]\s*,?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes|noted|explained"
    r"|continued|continues|recalled|recalls|argued|argues|insisted|insists|warned|warns|remembered|remembers)\b"
)


# "Though the syndrome is still rare, that's more than double ...": after an opening phrase, a
# demonstrative as the subject stands for what the text said before (its verb an auxiliary or a
# present "-s": "Unfortunately, this results in ..."; "that is," is an aside, and a
# condition's clause is what "that" takes up: "If a target was high, that's where ...").
_LATE_DEMONSTRATIVE = re.compile(
    r"^(?!(?:If|When|Whenever|Where|Once|Unless)\b)[A-Z][^,;:“\"]{0,80},\s+(?:that|this)"
    r"(?:[’']s\b|\s+(?:is|was|means|meant|has|had|will|would)\b|\s+[a-z]{2,}[^s\Wu]s\b)(?!,)"
)

# "Authorities sent him there after ...": "there" for a place the line has not named. Not the
# "there" of "there is/was ..." (``data/existential_verbs.txt``), nor one inside a quotation (the
# speaker's own place), nor one after a place or an organisation the line names ("at the Old Vic in
# London, where he was director there").
_THERE = re.compile(r"(?<![\w’'-])there(?![\w’'-])", re.IGNORECASE)


def _unplaced_there(text: str) -> bool:
    """Whether ``text`` says "there" of a place it has not named (see ``_THERE``)."""
    from .names import name_kind, name_spans

    existential = word_set("existential_verbs")
    for match in _THERE.finditer(text):
        before = text[: match.start()]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue  # the speaker's own "there"
        following = re.match(r"\s*([\w’'-]+)", text[match.end() :])
        nxt = following.group(1).lower().replace("’", "'") if following else ""
        if nxt in existential or nxt.startswith(("'", "’")) or nxt.endswith("n't"):
            continue  # "there is", "there's", "there hadn't been"
        if re.search(r"\b(?:over|out|here and|up|down|in|from)\s*$", before, re.IGNORECASE):
            continue  # "over there", "here and there", "in there": no place meant
        # (not a capital inside a hyphenated word: a pronunciation guide's "see-AHN'-see-uh")
        if re.search(r"\b(?:a|an)\s", before, re.IGNORECASE):
            continue  # a place the line may have brought in itself ("a living room was placed, and there, ...")
        kinds = [(s.start, name_kind(s.text)) for s in name_spans(before) if before[s.start - 1 : s.start] != "-"]
        if any(kind in ("place", "org") or (kind != "person" and start > 0) for start, kind in kinds):
            continue  # a place or a body named before it ("in New Haven ... a play there")
        return True
    return False


# "... denies that she gifted it to Silva." after "It was once insured for $1 million": a thing the
# article carried from sentence to sentence as "it". A line whose object is "it" (not "it was ...":
# its subject may be a dummy, "it was time") while the sentence its article printed before it also
# says "it" takes its referent from there.
_IT = re.compile(r"(?<![\w’'-])it(?![\w’'-])", re.IGNORECASE)


def carries_it(sentence: str, previous: str) -> bool:
    """Whether ``sentence`` says "it" as an object of a thing ``previous`` (the sentence printed
    before it) also called "it": the referent is named further back than the line."""
    if not _IT.search(previous):
        return False
    verbs = word_set("verb_forms")
    idioms = word_set("it_idioms")
    for match in _IT.finditer(sentence):
        if any(sentence[: match.end()].lower().endswith(p) for p in idioms):
            continue  # "about half made it": no thing meant
        nxt = re.match(r"\s*([A-Za-z’'-]+)", sentence[match.end() :])
        word = nxt.group(1).lower() if nxt else ""
        if word in verbs or word.endswith(("ed", "n't")) or (word.endswith("s") and not word.endswith("ss")):
            continue  # "it was", "it offered", "it fiercely denies" (a subject, perhaps a dummy)
        if word and sentence[match.end() :].lstrip()[:1].isupper():
            continue  # "calling it Project Natal": it is named right there
        return True
    return False


# a surname with an inner capital ("McCullough", "O'Neill") is a surname too
_INNER_CAPITAL_SURNAME = re.compile(r"(?:Mc|Mac|O[’']|D[’'])[A-Z][a-z]+")


def person_surnames(texts: Iterable[str]) -> frozenset[str]:
    """Surnames of the people ``texts`` name in full: the last word of a name that reads as a
    person's (``names.name_kind``), two to four capitalised words after any title ("Sen."), within
    one sentence. A word the texts also print in lower case ("Former", "Police") or that names a
    place is no surname."""
    from .names import PERSON_TITLES, name_kind, name_spans, strip_title

    texts = list(texts)
    lower = {w for text in texts for w in re.findall(r"\b[a-z][a-z’'-]+\b", text)}
    found: set[str] = set()
    for text in texts:
        for span in name_spans(text):
            if name_kind(span.text) != "person" or any(
                w.endswith(".") and w.lower().rstrip(".") not in PERSON_TITLES and not re.fullmatch(r"(?:[A-Z]\.)+", w)
                for w in span.text.split()[:-1]
            ):
                continue  # "Christina Lee. Kleiner" runs over a full stop: two sentences
            parts = strip_title(span.text).split()
            if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts):
                continue
            last = parts[-1].strip(".,")
            if len(last) > 2 and (last[1:].islower() or _INNER_CAPITAL_SURNAME.fullmatch(last)) and last.lower() not in lower and name_kind(last) != "place":
                found.add(last)
    return frozenset(found)


def introduced_surnames(sentence: str, surnames: Collection[str]) -> frozenset[str]:
    """The surnames among ``surnames`` that ``sentence`` prints with a name or title before them
    ("John Smith", "Sen. Smith", "President Smith"): after it a reader knows who "Smith" is."""
    from .names import name_spans

    out = set()
    for span in name_spans(sentence):
        parts = span.text.split()
        if len(parts) >= 2 and parts[-1].strip(".,") in surnames:
            out.add(parts[-1].strip(".,"))
    return frozenset(out)


def bare_surnames(sentence: str, surnames: Collection[str], introduced: Collection[str] = ()) -> list[str]:
    """Surnames (of ``surnames``) the sentence prints alone before it, or an earlier line
    (``introduced``), printed them with a given name or title."""
    from .names import name_spans

    known = set(introduced)
    bare: list[str] = []
    for span in name_spans(sentence):
        parts = span.text.split()
        last = parts[-1].strip(".,") if parts else ""
        if last not in surnames:
            continue
        if len(parts) >= 2:
            known.add(last)
        elif last not in known and last not in bare:
            bare.append(last)
    return bare


def leaning_reason(
    sentence: str,
    surnames: Collection[str] = (),
    introduced: Collection[str] = (),
    earlier: Sequence[str] | None = None,
    previous: str | None = None,
) -> str | None:
    """Why ``sentence`` needs something before it in a brief, or None when it stands alone.

    'opener' (``needs_previous``), 'late pronoun' ("On Wednesday, he ...", "Though it is rare,
    that's ..."), 'pronoun speaker' ("“...,” she said"), 'place pronoun' ("sent him there" of a
    place the line does not name), 'carried pronoun' (its object "it" is a thing that ``previous``,
    the sentence its article printed before it, also calls "it": ``carries_it``), or 'surname' (a surname of ``surnames`` not printed in full here or in
    ``introduced``, the surnames earlier lines printed in full). Given ``earlier`` (the lines a
    reader has met before it), also ``antecedent_reason``'s: 'definite', 'demonstrative',
    'additive' or 'relative time'.
    """
    text = sentence.lstrip()
    if needs_previous(text):
        return "opener"
    late = _LATE_PRONOUN.match(text)
    if late and not any(
        w[:1].isupper() and w.lower().strip(",.") not in CALENDAR_WORDS for w in late.group(1).split()[1:]
    ):
        return "late pronoun"
    if _LATE_DEMONSTRATIVE.match(text):
        return "late pronoun"
    if _PRONOUN_SPEAKER.match(text):
        return "pronoun speaker"
    if _unplaced_there(text):
        return "place pronoun"
    if previous is not None and carries_it(text, previous):
        return "carried pronoun"
    if surnames and bare_surnames(text, surnames, introduced):
        return "surname"
    if earlier is not None:
        return antecedent_reason(text, earlier)
    return None


# -- References whose antecedent the brief may not give ---------------------------------------
#
# A reader of a merged brief meets "The find was made in 2014" or "The company also said ..." after
# lines that never mentioned a find or named a company. A definite or demonstrative description
# refers back; it is resolved when an earlier line printed its head word (any form: "found" for
# "the find" is not, "finds" is), or named something of the kind the word is a name for ("the
# company" after "Acme Corp", "the city" after "Boston": ``heads_org``/``heads_person``/
# ``heads_place``); a word for something one of a kind or the calendar ("the president", "this
# week": ``known_referents``) needs nothing. An additive ("Police also found ...") needs an earlier
# line about its subject; a relative time ("the next day", ``relative_times``) an earlier line
# that gives a time.

# the description opening the line, perhaps after a short opening phrase ("On Tuesday, the ...")
_OPENING_DESCRIPTION = re.compile(
    r"^(?:[A-Z][^,;:“\"]{0,40},\s+)?((?i:the|this|these|those))\s+((?:[a-z][a-z’'-]*\s*){1,3})"
)
_PREPOSITIONS = frozenset("at in on for from with by near".split())
# a speaker named only by a pronoun after what they said: "..., she said." (the line before must name someone)
_LATE_PRONOUN_SPEAKER = re.compile(r",[\"”’]?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes)\b")
_QUOTED_OPENER = re.compile(r"^[\"“‘]\s*")
# a speaker named only by "it" after what it said: "..., it said." (the line before, or this line
# before it, must name an organisation: an agency, a company, a ministry)
_LATE_IT_SPEAKER = re.compile(
    r",[\"”’]?\s+it\s+(?:said|says|added|adds|stated|states|announced|announces|warned|warns|wrote|writes)\b"
)
# a demonstrative further in: "... after this incident", "... those claims"
_INNER_DEMONSTRATIVE = re.compile(r"(?<=\s)(this|these|those)\s+([a-z][a-z’'-]*)")
# a demonstrative standing for a noun after a preposition, its verb or a stop next, in the line's first
# clause: "Bids for that are around $11,000" (whatever "that" was, the reader was not told)
_PRONOUN_DEMONSTRATIVE = re.compile(
    r"\b(?:for|of|about|with|like|on|over|against|besides)\s+(that|this|those)"
    r"(?=\s+(?:is|are|was|were|has|have|had|will|would|could|can|may|might)\b|\s*[.;!?]$)"
)
# a part of a set the line only names by a pronoun, as its subject: "Not all of them are ...", "Two of
# them were hurt", "Some of us" (the set was named before)
_PARTITIVE_PRONOUN = re.compile(r"^(?:Not\s+)?(?:[A-Za-z0-9-]+\s+){1,2}?of\s+(?:them|us)\b", re.IGNORECASE)
# what makes a description identify its referent by itself: "the head of the church", "the man who"
_SELF_IDENTIFYING = frozenset("of over between against about who whom whose which that behind known called named dubbed".split())


@lru_cache(maxsize=1)
def _additives() -> re.Pattern[str]:
    free = [re.escape(p[:-1]) for p in word_list("additive_words") if p.endswith("+")]
    late = [re.escape(p) for p in word_list("additive_words") if not p.endswith("+")]
    return re.compile(r"\b(?:" + "|".join(free) + r")\b|\b(?:" + "|".join(late) + r")\b(?!\s+[a-z])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _relative_times() -> re.Pattern[str]:
    phrases = sorted(word_list("relative_times"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _kind_heads() -> dict[str, str]:
    heads: dict[str, str] = {}
    for kind in ("org", "person", "place"):
        for word in word_list(f"heads_{kind}"):
            heads.setdefault(word, kind)
    return heads


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    from .words import stem

    out: dict[str, frozenset[str]] = {}
    for line in word_list("referent_synonyms"):
        group = frozenset(stem(w) for w in line.split())
        for member in group:
            out[member] = out.get(member, frozenset()) | group
    return out


def _head_words(phrase: str) -> list[str]:
    """The noun phrase's words up to its head: lower-case words before a function word or a verb."""
    stops = word_set("stop_words") | word_set("verb_forms")
    out: list[str] = []
    for word in phrase.split():
        word = re.sub(r"[’']s$", "", word.strip(",")).strip("’'")
        if word.lower() in stops or (out and word.endswith("ed") and len(word) > 4):
            break
        out.append(word.lower())
    return out


class _Context:
    """What a reader has met: the stems printed and the kinds of names given."""

    def __init__(self, texts: Sequence[str]) -> None:
        from .names import name_kind, name_spans
        from .words import printed_stems

        self.stems: set[str] = set()
        self.kinds: set[str] = set()
        self.has_time = False
        for text in texts:
            self.stems.update(printed_stems(text))
            for span in name_spans(text):
                kind = name_kind(span.text)
                self.kinds.add(kind)
                if kind == "name" and len(span.text.split()) >= 2:
                    self.kinds.update(("org", "person"))  # an unknown full name: someone or something named
            low = text.lower()
            if not self.has_time and (
                any(w in CALENDAR_WORDS for w in re.findall(r"[a-z]+", low))
                or re.search(r"\b(?:yesterday|today|tonight|last (?:week|month|year|night)|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|19\d\d|20\d\d)", low)
            ):
                self.has_time = True

    def knows(self, words: Sequence[str]) -> bool:
        from .words import stem

        known = word_set("known_referents")
        heads = _kind_heads()
        synonyms = _synonyms()
        for word in words:
            if word in known or stem(word) in self.stems:
                return True
            if synonyms.get(stem(word), frozenset()) & self.stems:
                return True
            if heads.get(word) in self.kinds:
                return True
        return False


_FIRST_WORD = re.compile(r"^([A-Z][a-z]+)\s+([a-z]+)")
_SPEECH = frozenset("said says told spent was is had has".split())


def _is_given(word: str) -> bool:
    from .names import is_given_name

    return is_given_name(word)


def _names_someone(texts: Sequence[str]) -> bool:
    """Whether ``texts`` name a person a following "she said" can be: a name, or a word for a person."""
    from .names import name_kind, name_spans

    people = word_set("heads_person")
    for text in texts:
        if any(name_kind(s.text) == "person" for s in name_spans(text)):
            return True
        if any(w in people for w in re.findall(r"[a-z]+", text)):
            return True
    return False


def _names_organisation(texts: Sequence[str]) -> bool:
    """Whether ``texts`` name an organisation as a speaker a following "it said" can take up: an
    organisation's name (``names.name_kind``; an acronym such as "UNESCO") or a word for one
    (``heads_org``: "the agency") as a line's subject (in its first words) or just before a verb of
    saying ("..., the UN's cultural agency Unesco has warned"). One mentioned in passing ("at the
    regional central bank", "told the BBC") is not a speaker."""
    from .names import name_kind, name_spans

    heads = word_set("heads_org")
    saying = word_set("saying_verbs")
    for text in texts:
        orgs = {
            w.lower()
            for s in name_spans(text)
            if name_kind(s.text) == "org" or re.fullmatch(r"[A-Z]{2,}", s.text)
            for w in re.findall(r"[\w’'-]+", s.text)
        }
        words = [w.lower() for w in re.findall(r"[\w’'-]+", text)]
        says = [k for k, w in enumerate(words) if w in saying]
        # the subject: the first words, up to the first verb of saying
        places = set(range(min([_SUBJECT_WORDS, *says])))
        for k in says:
            places |= set(range(max(0, k - _SUBJECT_WORDS), k))  # "..., the agency Portwel has warned"
            if words[k + 1 : k + 2] == ["by"]:
                places |= {k + 2, k + 3, k + 4}  # "was announced by the NTSB"
        if any(k < len(words) and (words[k] in heads or words[k] in orgs) for k in places):
            return True
    return False


def reporter_first_person(text: str) -> bool:
    """Whether ``text`` prints a first-person plural word in lower case outside a quotation
    (``data/reporter_first_person.txt``): the outlet speaking of itself."""
    words = word_set("reporter_first_person")
    depth = 0
    for token in re.findall(r"[“”\"]|(?<!\w)[a-z][a-z’']*(?!\w)", text):  # whole words: not the "our" of "Touré"
        if token == "“":
            depth += 1
        elif token == "”":
            depth = max(depth - 1, 0)
        elif token == '"':
            depth = 0 if depth else 1
        elif not depth and token.replace("’", "'") in words:
            return True
    return False


# how far before a line's verb of saying (or into the line) a speaker is looked for
_SUBJECT_WORDS = 5


def antecedent_reason(sentence: str, earlier: Sequence[str] = ()) -> str | None:
    """Why ``sentence`` needs an antecedent that ``earlier`` (the lines before it) does not give,
    or None (see the comment above): 'definite' ("The find was ..."), 'demonstrative' ("... after
    those claims"), 'additive' ("Police also ...", "..., too"), 'quoted opener' ("“That’s why ...,”
    he said"), 'unnamed speaker' ("..., she said." after a line naming no one), 'unnamed source'
    ("..., it said." after a line naming no organisation), 'elliptic' ("Many
    had ..."), 'first person' ("We are ..." in the reporter's place), 'given name' ("Laura spent
    ...") or 'relative time' ("the next day" with no time in the line before).
    """
    text = sentence.strip()
    context: _Context | None = None

    def ctx() -> _Context:
        nonlocal context
        if context is None:
            context = _Context(earlier)
        return context

    opening = _OPENING_DESCRIPTION.match(text)
    if opening and not text.lstrip("“\"")[:1] in "“\"":
        words = _head_words(opening.group(2))
        rest = text[opening.end(2) :].split() if len(words) == len(opening.group(2).split()) else []
        after = opening.group(2).split()[len(words)] if len(words) < len(opening.group(2).split()) else (rest[0] if rest else "")
        tail = text[opening.start(2) :].replace(",", " , ").split()[len(words) :]
        if tail[:1] == [","]:  # "the hearing, presided over by ...": an aside that says which
            tail = tail[1:]
            after = tail[0] if tail else ""
            if after.endswith(("ed", "ing")) or after.lower() in ("a", "an"):
                tail = ["of"]
                after = "of"
        following = tail[1] if len(tail) > 1 else ""
        verbs = word_set("verb_forms")
        ahead: list[str] = []
        for token in [after, *tail[1:4]]:
            if token.lower() in verbs:
                break
            ahead.append(token)
        identified = (
            any(t.lower().strip(",") in _SELF_IDENTIFYING for t in ahead)  # "the rape and beating of ..."
            or (after.lower() in _PREPOSITIONS and any(t[:1].isupper() for t in tail[1:3]))
            or after[:1].isupper()  # a name in apposition: "the nerve agent VX", "the rapper Drake"
            # "the man convicted in ...", "the feed at WABC", "the hearing, presided over by ..."
            or (after.endswith(("ed", "en")) and following.lower() in _PREPOSITIONS)
            or (after.lower() in _PREPOSITIONS and following[:1].isupper())
        )
        general = word_set("general_referents")
        if words and not identified and not (earlier and any(w in general for w in words)) and not ctx().knows(words):
            return "definite"
    for inner in _INNER_DEMONSTRATIVE.finditer(text):
        if opening and inner.start() < opening.end():
            continue
        if text[: inner.start()].count("“") > text[: inner.start()].count("”") or text[: inner.start()].count('"') % 2:
            continue  # inside a quotation: the speaker's own context
        word = inner.group(2).lower()
        if word in word_set("stop_words") or word in word_set("verb_forms") or word.endswith(("ing", "ly", "what")):
            continue
        phrase = _head_words(text[inner.start(2) :].split(",")[0]) [:3] or [word]
        if earlier and any(w in word_set("general_referents") for w in phrase):
            continue  # "this decision", "these events": whatever was told before
        if not ctx().knows(phrase) and not _Context([text[: inner.start()]]).knows(phrase):
            return "demonstrative"
    for inner in _PRONOUN_DEMONSTRATIVE.finditer(text):
        before = text[: inner.start()]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue  # inside a quotation: the speaker's own context
        if re.search(r"[,;:—–]", before):
            continue  # an earlier clause of the line may be what it stands for ("..., a third of that")
        return "demonstrative"
    additive = _additives().search(text)
    if additive:
        subject = text[: additive.start()] if additive.start() > 0 else text
        stops = word_set("stop_words")
        words = [w for w in re.findall(r"[a-z][a-z’'-]+", subject.lower()) if w not in stops]
        everything = [w for w in re.findall(r"[a-z][a-z’'-]+", text.lower()) if w not in stops]
        if not earlier or (words and not ctx().knows(words) and not ctx().knows(everything)):
            return "additive"
    quoted = _QUOTED_OPENER.match(text)
    if quoted and needs_previous(text[quoted.end() :]) and not re.match(
        r"(?:it|he|she|they|we|i)(?:[’']s)?\b", text[quoted.end() :], re.I
    ):
        return "quoted opener"  # "“That’s why I’m here,” he said": the speaker's "that" is not in the brief
    if _LATE_PRONOUN_SPEAKER.search(text) and not _names_someone(earlier[-1:] or [""]):
        return "unnamed speaker"  # "..., she said." after a line that names no one
    it_speaker = _LATE_IT_SPEAKER.search(text)
    if it_speaker and not _names_organisation([*earlier[-1:], text[: it_speaker.start()]]):
        return "unnamed source"  # "..., it said." after a line that names no organisation
    if _PARTITIVE_PRONOUN.match(text):
        return "elliptic"  # "Not all of them are for hikers ...": of whom?
    first = _FIRST_WORD.match(text)
    if first:
        word, nxt = first.group(1), first.group(2)
        if word.lower() in word_set("elliptic_quantifiers") and (
            nxt.lower() in word_set("verb_forms") or nxt.lower() in ("had", "have", "has", "were", "are", "will", "would", "could", "can", "may", "did")
        ):
            return "elliptic"  # "Many had to be placed on respirators": many of whom?
        if word.lower() in word_set("first_person_openers"):
            return "first person"  # an unnamed writer or speaker in the reporter's place
        if _is_given(word) and nxt.lower() in word_set("verb_forms") | _SPEECH and not any(
            re.search(r"\b" + re.escape(word) + r"\s+[A-Z]", e) for e in earlier
        ):
            return "given name"  # "Laura spent 25 days ...": Laura who?
    if _relative_times().search(text) and not _Context(earlier[-1:]).has_time:
        if not _Context([text[: _relative_times().search(text).start()]]).has_time:
            return "relative time"
    return None
