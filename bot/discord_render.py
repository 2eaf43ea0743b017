"""Briefs, answers and digest items as Discord messages: embeds, split to fit, made harmless.

Discord rejects a message that breaks any of its limits (HTTP 400), so everything here is sized
before it is sent: an embed's title holds 256 characters, its description 4,096, a field 256 + 1,024,
25 fields an embed, 10 embeds and 6,000 embed characters a message, and 2,000 characters of plain
content. Long briefs flow over into "(continued)" embeds and further messages; nothing is cut off.
Sizes are counted in UTF-16 code units, which is never less than the code-point count Discord
documents, so a message sized here fits whichever way the server counts.

Digest messages carry a *mark* (``DigestMark``): a short, quiet line naming the pipeline's delivery
key and the message's part, as the footer of the message's last embed or, for a message without
embeds, as a subtext line (``-# …``). Discord does not keep a message's nonce, but it does return
the bot's own messages in full from channel history (the message-content intent does not apply
to them), so the mark is how a digest item posted just before a crash is recognised later.
``DIGEST_LIMITS`` keeps room for it in every message.

Article text is untrusted. ``sanitize`` escapes Markdown (so a headline cannot become a masked link
or a spoiler) and breaks every mention (``@everyone``, ``@here``, ``<@id>``, ``<@&role>``) with a
zero-width space. The adapter also sends with ``AllowedMentions.none()``; either alone stops a ping,
both together keep a future change to one from re-opening the hole.

The builders return plain frozen values (``OutgoingMessage`` holding ``EmbedSpec``s) so that the
sizing can be tested without Discord; ``EmbedSpec.to_embed`` makes the ``discord.Embed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlsplit

import discord

from summarizer import Answer, Brief

from .render import answer_headline, citation_marks, difference_label, difference_segments, join_segments

__all__ = [
    "DIGEST_LIMITS",
    "LIMITS",
    "MARK_RESERVE",
    "DigestMark",
    "DiscordLimits",
    "EmbedField",
    "EmbedSpec",
    "OutgoingMessage",
    "sanitize",
    "render_answer",
    "render_briefs",
    "render_update",
    "render_text",
    "pack_embeds",
    "discord_length",
    "mark_messages",
]

#: Embed colour for newsbrief posts (a calm blue, readable on dark and light themes).
COLOUR = 0x3B82F6

DIFFERENCES_HEADING = "Where the sources differ"
SOURCES_HEADING = "Sources"
CONTINUED = " (continued)"
ELLIPSIS = "…"


@dataclass(frozen=True)
class DiscordLimits:
    """Discord's documented message and embed limits (developer docs, "Embed Limits")."""

    title: int = 256
    description: int = 4096
    field_name: int = 256
    field_value: int = 1024
    fields: int = 25
    embeds_per_message: int = 10
    embed_total: int = 6000  # all embeds of one message together
    content: int = 2000

    def reserving(self, room: int) -> DiscordLimits:
        """These limits less ``room`` characters of a message's embed total and of its content."""
        return replace(self, embed_total=self.embed_total - room, content=self.content - room)


LIMITS = DiscordLimits()

#: Characters kept free in every digest message for its ``DigestMark`` (footer or subtext line).
MARK_RESERVE = 64
#: The limits digest items are rendered to, so that adding the mark never breaks a limit.
DIGEST_LIMITS = LIMITS.reserving(MARK_RESERVE)


def discord_length(text: str | None) -> int:
    """Length as UTF-16 code units: an upper bound of every way Discord may count characters."""
    if not text:
        return 0
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


# --------------------------------------------------------------------------------------------
# Sanitising
# --------------------------------------------------------------------------------------------

# Characters that format anywhere in Discord Markdown: bold/italics, strike, spoilers, code, and
# the brackets of masked links. Discord renders "\\*" as "*", so readers see the original text.
_INLINE_MARKDOWN = re.compile(r"([\\*_~|`\[\]])")
# Syntax that only formats at the start of a line: headings, block quotes, list items.
_LINE_MARKDOWN = re.compile(r"^(\s*)(#|>|-|\d+(?=\.\s))", re.MULTILINE)
# "@everyone", "@here", and the raw mention syntaxes <@id>, <@!id>, <@&id>, <#id>, </cmd:id>.
_MENTION = re.compile(r"@(?=everyone|here)|<(?=[@#/]|a?:\w+:)", re.IGNORECASE)
_ZWSP = "\u200b"


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1. " starts a list: escape the dot, since "\\1" would show
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def sanitize(text: str) -> str:
    """Make untrusted text display literally: no formatting, links or mentions it did not mean.

    ``"**Breaking** @everyone"`` becomes ``"\\*\\*Breaking\\*\\* @<ZWSP>everyone"``: shown as
    written, and neither bold nor a ping. Mentions are broken with a zero-width space.
    """
    escaped = _INLINE_MARKDOWN.sub(r"\\\1", text)
    escaped = _LINE_MARKDOWN.sub(_escape_line_start, escaped)
    return _MENTION.sub(lambda m: m.group(0) + _ZWSP, escaped)


def _safe_url(url: str | None) -> str | None:
    """An http(s) URL usable inside a masked link, or None (other schemes are not linked)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # ")" and whitespace would end the masked link early; percent-encode them (and "<>").
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~[].-_")


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str

    def size(self) -> int:
        return discord_length(self.name) + discord_length(self.value)


@dataclass(frozen=True)
class EmbedSpec:
    """An embed as data, already within the per-embed limits."""

    title: str | None = None
    description: str | None = None
    fields: tuple[EmbedField, ...] = ()
    colour: int = COLOUR
    footer: str | None = None  # plain text (Discord renders no Markdown there)

    def size(self) -> int:
        """Characters that count toward a message's 6,000 embed total."""
        return (
            discord_length(self.title)
            + discord_length(self.description)
            + sum(f.size() for f in self.fields)
            + discord_length(self.footer)
        )

    def to_embed(self) -> discord.Embed:
        embed = discord.Embed(title=self.title, description=self.description, colour=self.colour)
        for f in self.fields:
            embed.add_field(name=f.name, value=f.value, inline=False)
        if self.footer:
            embed.set_footer(text=self.footer)
        return embed


@dataclass(frozen=True)
class OutgoingMessage:
    """One Discord message to send: optional plain content and up to 10 embeds."""

    content: str | None = None
    embeds: tuple[EmbedSpec, ...] = ()

    def embed_objects(self) -> list[discord.Embed]:
        return [e.to_embed() for e in self.embeds]


# --------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------


def _hard_split(text: str, limit: int) -> list[str]:
    """Split one over-long block at whitespace (or anywhere, as a last resort), keeping every char."""
    pieces: list[str] = []
    rest = text
    while discord_length(rest) > limit:
        cut = limit
        # never cut inside a surrogate pair's worth of counting: shrink until it fits
        while discord_length(rest[:cut]) > limit:
            cut -= 1
        space = rest.rfind(" ", 0, cut)
        newline = rest.rfind("\n", 0, cut)
        at = max(space, newline)
        if at > limit // 2:
            cut = at
        # don't leave a lone escaping backslash at the end of a piece
        while cut > 1 and rest[cut - 1] == "\\" and not _ends_escaped(rest[:cut - 1]):
            cut -= 1
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _ends_escaped(text: str) -> bool:
    """Whether the text ends with an odd run of backslashes (its last backslash is escaped)."""
    run = len(text) - len(text.rstrip("\\"))
    return run % 2 == 1


def _chunks(blocks: Iterable[str], limit: int, sep: str) -> list[str]:
    """Greedily join blocks with ``sep`` into chunks of at most ``limit`` characters."""
    chunks: list[str] = []
    current = ""
    for block in blocks:
        for piece in _hard_split(block, limit) if discord_length(block) > limit else [block]:
            candidate = f"{current}{sep}{piece}" if current else piece
            if discord_length(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def _title(text: str, limit: int = LIMITS.title) -> tuple[str, bool]:
    """The title shortened to fit, and whether it had to be (then the caller shows it in full)."""
    if discord_length(text) <= limit:
        return text, False
    cut = limit - 1
    while discord_length(text[:cut]) > limit - 1:
        cut -= 1
    space = text.rfind(" ", 0, cut)
    if space > limit // 2:
        cut = space
    head = text[:cut].rstrip()
    while head.endswith("\\") and not _ends_escaped(head[:-1]):
        head = head[:-1]
    return head + ELLIPSIS, True


@dataclass
class _EmbedBuilder:
    """Fills embeds in order; starts a "(continued)" embed whenever the next part would not fit."""

    title: str
    limits: DiscordLimits = LIMITS
    done: list[EmbedSpec] = field(default_factory=list)
    _description: str | None = None
    _fields: list[EmbedField] = field(default_factory=list)

    def _current_title(self) -> str:
        if not self.done:
            return _title(self.title, self.limits.title)[0]
        return _title(self.title + CONTINUED, self.limits.title)[0]

    def _size(self) -> int:
        return (
            discord_length(self._current_title())
            + discord_length(self._description)
            + sum(f.size() for f in self._fields)
        )

    def _flush(self) -> None:
        if self._description is None and not self._fields:
            return
        self.done.append(
            EmbedSpec(
                title=self._current_title(),
                description=self._description,
                fields=tuple(self._fields),
            )
        )
        self._description = None
        self._fields = []

    def description(self, text: str) -> None:
        """One description's worth (already ≤ the description limit)."""
        if self._description is not None or self._fields:
            self._flush()
        if self._size() + discord_length(text) > self.limits.embed_total:
            self._flush()
        self._description = text

    def add_field(self, name: str, value: str) -> None:
        f = EmbedField(_title(name, self.limits.field_name)[0], value)
        if len(self._fields) >= self.limits.fields or self._size() + f.size() > self.limits.embed_total:
            self._flush()
        self._fields.append(f)

    def build(self) -> list[EmbedSpec]:
        self._flush()
        return self.done


def _field_values(lines: Sequence[str], limits: DiscordLimits) -> list[str]:
    return _chunks(lines, limits.field_value, "\n")


def pack_embeds(
    embeds: Sequence[EmbedSpec], *, content: str | None = None, limits: DiscordLimits = LIMITS
) -> list[OutgoingMessage]:
    """Group embeds into messages of at most 10 embeds and 6,000 embed characters, in order.

    ``content`` (already sanitised) goes on the first message; if it is longer than 2,000
    characters the overflow becomes plain messages in front of the embeds.
    """
    contents = _chunks([content], limits.content, "\n") if content else []
    messages: list[OutgoingMessage] = [OutgoingMessage(content=c) for c in contents[:-1]]
    lead = contents[-1] if contents else None
    batch: list[EmbedSpec] = []
    total = 0
    for embed in embeds:
        size = embed.size()
        if batch and (len(batch) >= limits.embeds_per_message or total + size > limits.embed_total):
            messages.append(OutgoingMessage(content=lead, embeds=tuple(batch)))
            lead, batch, total = None, [], 0
        batch.append(embed)
        total += size
    if batch or lead:
        messages.append(OutgoingMessage(content=lead, embeds=tuple(batch)))
    return messages


# --------------------------------------------------------------------------------------------
# Briefs
# --------------------------------------------------------------------------------------------


def _source_line(brief: Brief, index: int) -> str:
    src = brief.sources[index]
    label = sanitize(src.outlet)
    if src.title:
        label += f" — {sanitize(src.title)}"
    url = _safe_url(src.url)
    line = f"[{index + 1}] " + (f"[{label}]({url})" if url else label)
    if src.published:
        line += f" · {src.published.isoformat()[:10]}"
    return line


def _difference_line(brief: Brief, index: int) -> str:
    diff = brief.differences[index]
    return f"**{sanitize(difference_label(diff))}:** {join_segments(difference_segments(brief, diff), sanitize)}"


def brief_embeds(brief: Brief, *, limits: DiscordLimits = LIMITS) -> list[EmbedSpec]:
    """One brief as one or more embeds: title, cited summary, differences, linked sources.

    The summary fills the description ("[n]" after each sentence), the differences and the sources
    fill fields; whatever does not fit goes on in "(continued)" embeds. A title over 256
    characters is shortened in the embed title and given in full at the top of the description.
    """
    title = sanitize(brief.title)
    builder = _EmbedBuilder(title=title, limits=limits)
    summary = [f"{sanitize(item.text)} {citation_marks(brief, item.sources)}".rstrip() for item in brief.summary]
    if _title(title, limits.title)[1]:
        summary.insert(0, f"**{title}**")
    for chunk in _chunks(summary, limits.description, "\n\n"):
        builder.description(chunk)
    sections = (
        (DIFFERENCES_HEADING, [_difference_line(brief, i) for i in range(len(brief.differences))]),
        (SOURCES_HEADING, [_source_line(brief, i) for i in range(len(brief.sources))]),
    )
    for heading, lines in sections:
        for n, value in enumerate(_field_values(lines, limits)):
            builder.add_field(heading if n == 0 else heading + CONTINUED, value)
    return builder.build()


def render_briefs(
    briefs: Sequence[Brief], *, heading: str | None = None, limits: DiscordLimits = LIMITS
) -> list[OutgoingMessage]:
    """Briefs as messages. ``heading`` (trusted text, e.g. a digest's title) leads the first one."""
    embeds = [e for brief in briefs for e in brief_embeds(brief, limits=limits)]
    content = f"**{sanitize(heading)}**" if heading else None
    return pack_embeds(embeds, content=content, limits=limits)


def render_update(
    text: str, brief: Brief | None, *, limits: DiscordLimits = LIMITS
) -> list[OutgoingMessage]:
    """A "what changed" follow-up: the change, then the story's sources (not the whole brief again)."""
    title = f"What changed: {sanitize(brief.title)}" if brief else "What changed"
    builder = _EmbedBuilder(title=title, limits=limits)
    for chunk in _chunks([sanitize(text)], limits.description, "\n\n"):
        builder.description(chunk)
    if brief is not None:
        lines = [_source_line(brief, i) for i in range(len(brief.sources))]
        for n, value in enumerate(_field_values(lines, limits)):
            builder.add_field(SOURCES_HEADING if n == 0 else SOURCES_HEADING + CONTINUED, value)
    return pack_embeds(builder.build(), limits=limits)


def render_text(text: str, *, limits: DiscordLimits = LIMITS) -> list[OutgoingMessage]:
    """Plain text (notices, "no news"), sanitised and split into 2,000-character messages."""
    return [OutgoingMessage(content=c) for c in _chunks(sanitize(text).split("\n"), limits.content, "\n")]


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_answer(answer: Answer, *, limits: DiscordLimits = LIMITS) -> list[OutgoingMessage]:
    """An answer: the short answer with its citations, the consensus, each quote with its outlet.

    Numbers ``[n]`` refer to the citations in order; variant values ("more than 20,000") are listed
    under "Where the sources differ" with the numbers of the sources that give them.
    """
    builder = _EmbedBuilder(title=sanitize(answer.question), limits=limits)
    numbers = {c.source: n for n, c in enumerate(answer.citations, 1)}
    marks = "".join(f"[{n}]" for n in range(1, len(answer.citations) + 1))
    head = f"**{sanitize(answer_headline(answer) if answer.answered else answer.answer)}** {marks}".rstrip()
    blocks = [head]
    if answer.summary:
        blocks.append(sanitize(answer.summary))
    for n, cite in enumerate(answer.citations, 1):
        url = _safe_url(cite.url)
        outlet = f"[{sanitize(cite.outlet)}]({url})" if url else sanitize(cite.outlet)
        blocks.append(f"[{n}] {outlet}: “{sanitize(cite.quote)}”")
    if _title(builder.title, limits.title)[1]:
        blocks.insert(0, f"**{builder.title}**")
    for chunk in _chunks(blocks, limits.description, "\n\n"):
        builder.description(chunk)
    lines = []
    for variant in answer.disagreements:
        cited = sorted(numbers[s] for s in variant.sources if s in numbers)
        others = sum(1 for s in variant.sources if s not in numbers)
        who = "".join(f"[{n}]" for n in cited)
        if others:
            who = f"{who} + {_plural(others, 'other source')}".strip(" +")
        lines.append(f"{sanitize(variant.value)}: {_plural(len(variant.sources), 'source')} {who}".rstrip())
    for n, value in enumerate(_field_values(lines, limits)):
        builder.add_field(DIFFERENCES_HEADING if n == 0 else DIFFERENCES_HEADING + CONTINUED, value)
    return pack_embeds(builder.build(), limits=limits)


# --------------------------------------------------------------------------------------------
# Digest marks
# --------------------------------------------------------------------------------------------

#: Subtext Markdown: a small grey line under a plain-text message.
SUBTEXT = "-# "
_MARK_TEXT = re.compile(r"newsbrief · ref ([0-9a-f]{12})(?: · (\d+)/(\d+))?")


@dataclass(frozen=True)
class DigestMark:
    """Which message of which digest item a post is, written where it survives in history.

    ``ref`` is the first 12 hex characters of the pipeline's delivery key: distinct for every
    (digest, target, window, item), and short enough to stay out of the reader's way. Shown as
    ``newsbrief · ref 3f9a2c1b9e0d`` (or ``… · 2/3`` for the second of three messages).
    """

    ref: str
    part: int  # 0-based
    parts: int

    REF_LENGTH = 12

    @classmethod
    def for_key(cls, delivery_key: str, part: int, parts: int) -> DigestMark:
        return cls(ref=delivery_key[: cls.REF_LENGTH].lower(), part=part, parts=parts)

    def text(self) -> str:
        count = f" · {self.part + 1}/{self.parts}" if self.parts > 1 else ""
        return f"newsbrief · ref {self.ref}{count}"

    @classmethod
    def parse(cls, text: str | None) -> DigestMark | None:
        """The mark in a footer text or a content line, or None if it is not one."""
        match = _MARK_TEXT.fullmatch((text or "").strip())
        if match is None:
            return None
        ref, part, parts = match.groups()
        if part is None:
            return cls(ref=ref, part=0, parts=1)
        if not 1 <= int(part) <= int(parts):
            return None
        return cls(ref=ref, part=int(part) - 1, parts=int(parts))

    @classmethod
    def find(cls, content: str | None, footers: Iterable[str | None]) -> DigestMark | None:
        """The mark of a message given its content and its embeds' footer texts.

        Only the places ``mark_messages`` writes to are read: a footer, or a content's last line
        when it is subtext. Article text never lands there unescaped (``sanitize`` escapes a
        line-leading ``-``), so a story cannot forge a mark.
        """
        for footer in footers:
            if (mark := cls.parse(footer)) is not None:
                return mark
        last = (content or "").rsplit("\n", 1)[-1]
        return cls.parse(last[len(SUBTEXT):]) if last.startswith(SUBTEXT) else None


def mark_messages(messages: Sequence[OutgoingMessage], delivery_key: str) -> list[OutgoingMessage]:
    """Each message of one digest item with its ``DigestMark``: the footer of its last embed, or
    a subtext line under its content. Render with ``DIGEST_LIMITS`` first so that it fits."""
    marked: list[OutgoingMessage] = []
    for part, message in enumerate(messages):
        mark = DigestMark.for_key(delivery_key, part, len(messages)).text()
        if message.embeds:
            last = replace(message.embeds[-1], footer=mark)
            marked.append(replace(message, embeds=(*message.embeds[:-1], last)))
        else:
            content = f"{message.content}\n{SUBTEXT}{mark}" if message.content else SUBTEXT + mark
            marked.append(replace(message, content=content))
    return marked
