"""Slack Block Kit rendering of briefs, answers and digest items.

Two concerns live here, both specific to Slack:

* **Safety.** Article text is untrusted. In Slack's mrkdwn, ``<!channel>``, ``<!here>``,
  ``<@U123>`` and ``<!subteam^S1>`` notify people; Slack documents that escaping ``&``, ``<`` and
  ``>`` as HTML entities is the only escaping needed, and it turns every such control sequence into
  visible text. ``@channel``/``@here``/``@everyone`` written plainly only notify when a message is
  posted with ``link_names``; the adapter never sets it, and ``escape_mrkdwn`` also puts a
  word joiner after the ``@`` so that the text stays inert even if a gateway re-parses it.
* **Limits.** A message holds at most 50 blocks, a section text 3,000 characters, a header 150
  and a context block 10 elements. Slack also refuses, undocumented, a message whose blocks hold
  more than about 13,200 characters in all (``msg_blocks_too_long``, slackapi/bolt-js#2509), so a
  message here carries at most 12,000. Content that does not fit continues in further messages,
  each continuation marked "continued (2/3)"; nothing is dropped. (Slack itself would reject the
  message with ``invalid_blocks``, or truncate ``text`` silently.)

What is said (citation marks, difference labels, source lines) comes from ``bot.render`` so that
every platform says the same thing; this module only decides how Slack shows it.

    >>> messages = render_briefs([brief])
    >>> for m in messages: await client.chat_postMessage(channel=c, text=m.text, blocks=m.blocks)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer import Answer, Brief

from .render import answer_headline, citation_marks, difference_label, difference_segments, join_segments

__all__ = [
    "MAX_BLOCKS",
    "MAX_CONTEXT_ELEMENTS",
    "MAX_HEADER_TEXT",
    "MAX_MESSAGE_CHARS",
    "MAX_SECTION_TEXT",
    "SlackMessage",
    "escape_mrkdwn",
    "paginate",
    "render_answer",
    "render_brief_blocks",
    "render_briefs",
    "render_text",
    "render_update",
]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
#: Characters of block text in one message (Slack's undocumented ceiling is about 13,200).
MAX_MESSAGE_CHARS = 12_000
#: ``text`` is only the notification fallback when blocks are present; keep it short.
MAX_FALLBACK_TEXT = 300
#: Titles longer than this are shortened *visibly* (with "…") inside source lines.
MAX_SOURCE_TITLE = 300

Block = dict[str, Any]

_BROADCAST_WORDS = re.compile(r"(?<!\w)@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
_CONTROL_START = re.compile(r"<(?=[!@#])")
_WORD_JOINER = "\u2060"


@dataclass(frozen=True)
class SlackMessage:
    """One Slack message: ``text`` is the notification fallback, ``blocks`` the content."""

    text: str
    blocks: tuple[Block, ...]


def escape_mrkdwn(text: str) -> str:
    """Make untrusted text inert in mrkdwn: no control sequences, no pings.

    >>> escape_mrkdwn("<!channel> & <@U1> @here")
    '&lt;!channel&gt; &amp; &lt;@U1&gt; @\u2060here'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST_WORDS.sub("@" + _WORD_JOINER, text)


def _plain(text: str) -> str:
    """Defuse text for a plain_text field (a header).

    Slack shows plain_text literally (entities would appear as "&lt;"), so nothing is escaped;
    a word joiner after ``<`` and ``@`` keeps mention syntax inert for any gateway that parses it
    anyway, while it reads the same.
    """
    return _BROADCAST_WORDS.sub("@" + _WORD_JOINER, _CONTROL_START.sub("<" + _WORD_JOINER, text))


def _link(url: str | None, label_mrkdwn: str) -> str:
    """``<url|label>`` for http(s) URLs; other schemes (javascript:, slack:) are not linked."""
    if not url or not re.match(r"https?://", url, re.IGNORECASE):
        return label_mrkdwn
    safe_url = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    safe_label = label_mrkdwn.replace("|", "¦")
    return f"<{safe_url}|{safe_label}>"


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with a visible ellipsis (only for labels, never for content)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# blocks


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(texts: Sequence[str]) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts]}


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": False}}


def _split_text(text: str, limit: int) -> list[str]:
    """Split one over-long line into pieces of at most ``limit`` characters.

    Prefers sentence ends, then spaces; never cuts inside an HTML entity (``&amp;``) so that an
    escaped ``<`` cannot be turned back into a control character by the cut.
    """
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > limit // 2 else window.rfind(" ")
        if cut <= limit // 4:
            cut = limit
            amp = window.rfind("&", limit - 6)
            if amp != -1 and ";" not in window[amp:]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def _pack(lines: Iterable[str], limit: int = MAX_SECTION_TEXT) -> list[str]:
    """Join lines with newlines into chunks of at most ``limit`` characters."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        for piece in _split_text(line, limit):
            if current and len(current) + 1 + len(piece) > limit:
                chunks.append(current)
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def _sections(lines: Iterable[str]) -> list[Block]:
    return [_section(chunk) for chunk in _pack(lines)]


def _contexts(texts: Sequence[str]) -> list[Block]:
    """Context blocks of at most 10 elements, each element within the text limit."""
    elements = [piece for t in texts for piece in _split_text(t, MAX_SECTION_TEXT)]
    return [_context(elements[i : i + MAX_CONTEXT_ELEMENTS]) for i in range(0, len(elements), MAX_CONTEXT_ELEMENTS)]


def _source_label(brief: Brief, index: int) -> str:
    src = brief.sources[index]
    label = escape_mrkdwn(src.outlet)
    if src.title:
        label += " — " + escape_mrkdwn(_shorten(src.title, MAX_SOURCE_TITLE))
    return label


def _source_lines(brief: Brief) -> list[str]:
    lines = []
    for i, src in enumerate(brief.sources):
        text = f"[{i + 1}] " + _link(src.url, _source_label(brief, i))
        if src.published:
            text += f" · {src.published.isoformat()[:10]}"
        lines.append(text)
    return lines


def render_brief_blocks(brief: Brief) -> list[Block]:
    """One story: header, sources count, cited summary, differences, linked sources.

    May exceed 50 blocks for a huge story; ``paginate`` splits the result into messages.
    """
    blocks: list[Block] = []
    title = _plain(brief.title.strip()) or "Untitled story"
    blocks.append(_header(_shorten(title, MAX_HEADER_TEXT)))
    if len(title) > MAX_HEADER_TEXT:  # the header had to be shortened: the full title follows
        blocks += _sections([f"*{escape_mrkdwn(brief.title.strip())}*"])
    n = len(brief.sources)
    outlets = sorted({s.outlet for s in brief.sources})
    blocks.append(_context([f"{n} source{'s' if n != 1 else ''} · " + escape_mrkdwn(", ".join(outlets))]))
    blocks += _sections(
        f"• {escape_mrkdwn(item.text)} {citation_marks(brief, item.sources)}".rstrip() for item in brief.summary
    )
    if brief.differences:
        lines = ["*Where the sources differ*"]
        for diff in brief.differences:
            body = join_segments(difference_segments(brief, diff), escape_mrkdwn)
            lines.append(f"• *{escape_mrkdwn(difference_label(diff))}:* {body}")
        blocks += _sections(lines)
    blocks += _contexts(_source_lines(brief))
    return blocks


def render_answer_blocks(answer: Answer) -> list[Block]:
    """The short answer with [n] marks, the consensus line, variants, then each quote cited."""
    if not answer.answered:
        return _sections([escape_mrkdwn(answer.answer)])
    numbers = {}
    for cite in answer.citations:
        numbers.setdefault(cite.source, len(numbers) + 1)
    marks = "".join(f"[{n}]" for n in numbers.values())
    blocks = _sections([f"*{escape_mrkdwn(answer_headline(answer))}* {marks}".rstrip()])
    if answer.summary:
        blocks += _contexts([escape_mrkdwn(answer.summary)])
    if answer.disagreements:
        lines = ["*Where the sources differ*"]
        for variant in answer.disagreements:
            count = len(variant.sources)
            cited = "".join(f"[{numbers[s]}]" for s in variant.sources if s in numbers)
            lines.append(
                f"• {escape_mrkdwn(variant.value)}: {count} source{'s' if count != 1 else ''} {cited}".rstrip()
            )
        blocks += _sections(lines)
    quotes = []
    for cite in answer.citations:
        label = _link(cite.url, f"*{escape_mrkdwn(cite.outlet)}*")
        quotes.append(f"[{numbers[cite.source]}] {label}\n>{escape_mrkdwn(cite.quote)}")
    blocks += _sections(quotes)
    return blocks


# ---------------------------------------------------------------------------------------------
# messages


def _chars(block: Block) -> int:
    size = len((block.get("text") or {}).get("text", ""))
    return size + sum(len(e.get("text", "")) for e in block.get("elements", []))


def paginate(
    blocks: Sequence[Block],
    fallback: str,
    *,
    max_blocks: int = MAX_BLOCKS,
    max_chars: int = MAX_MESSAGE_CHARS,
) -> list[SlackMessage]:
    """Split blocks into messages of at most ``max_blocks`` blocks and ``max_chars`` characters,
    marking each part.

    A header is never left as the last block of a message (it moves to the next one with its
    story). ``fallback`` is the notification text of every part.
    """
    fallback = _fallback(fallback)
    if len(blocks) <= max_blocks and sum(map(_chars, blocks)) <= max_chars:
        return [SlackMessage(fallback, tuple(blocks))]
    room, char_room = max_blocks - 1, max_chars - 40  # leave room for the part marker
    pages: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        if pages[-1] and (len(pages[-1]) >= room or size + _chars(block) > char_room):
            carried = [pages[-1].pop()] if len(pages[-1]) > 1 and pages[-1][-1]["type"] == "header" else []
            pages.append(carried)
            size = sum(map(_chars, carried))
        pages[-1].append(block)
        size += _chars(block)
    total = len(pages)
    messages = []
    for number, page in enumerate(pages, 1):
        if number == 1:
            page_blocks, text = [*page, _context([f"_part 1/{total}, continued below_"])], fallback
        else:
            page_blocks = [_context([f"_continued ({number}/{total})_"]), *page]
            text = _fallback(f"{fallback} (continued {number}/{total})")
        messages.append(SlackMessage(text, tuple(page_blocks)))
    return messages


def _fallback(text: str) -> str:
    return escape_mrkdwn(_shorten(" ".join(text.split()), MAX_FALLBACK_TEXT)) or "newsbrief"


def render_briefs(briefs: Sequence[Brief], *, heading: str | None = None) -> list[SlackMessage]:
    """Several stories, a divider between them, split into as many messages as needed.

    ``heading`` (e.g. a digest's title) leads the first message and is its notification text.
    """
    if not briefs:
        return render_text("No stories yet.")
    blocks: list[Block] = []
    if heading:
        blocks.append(_context([f"*{escape_mrkdwn(heading)}*"]))
    for n, brief in enumerate(briefs):
        if n:
            blocks.append({"type": "divider"})
        blocks += render_brief_blocks(brief)
    title = briefs[0].title if len(briefs) == 1 else f"{len(briefs)} stories"
    return paginate(blocks, f"{heading}: {title}" if heading else title)


def render_update(text: str, brief: Brief | None, *, heading: str | None = None) -> list[SlackMessage]:
    """A "what changed" follow-up: the change, then the story's sources (not the whole brief)."""
    title = f"What changed: {brief.title.strip()}" if brief else "What changed"
    blocks: list[Block] = [_header(_shorten(_plain(title), MAX_HEADER_TEXT))]
    if len(title) > MAX_HEADER_TEXT:
        blocks += _sections([f"*{escape_mrkdwn(title)}*"])
    blocks += _sections([escape_mrkdwn(line) for line in text.splitlines() if line.strip()] or ["(no details)"])
    if brief is not None:
        blocks += _contexts(_source_lines(brief))
    return paginate(blocks, f"{heading}: {title}" if heading else title)


def render_answer(answer: Answer, *, show_question: bool = False) -> list[SlackMessage]:
    """An answer as messages (usually one). ``show_question`` where the question is not visible
    above it (a slash command's reply), not in a thread that starts with it."""
    blocks = render_answer_blocks(answer)
    if show_question:
        blocks.insert(0, _context([f"_{escape_mrkdwn(answer.question)}_"]))
    return paginate(blocks, answer_headline(answer) if answer.answered else answer.answer)


def render_text(text: str, *, fallback: str | None = None) -> list[SlackMessage]:
    """A plain notice (apology, "no news", failing feeds), split like any other content."""
    lines = [escape_mrkdwn(line) for line in text.splitlines() if line.strip()] or [escape_mrkdwn(text)]
    return paginate(_sections(lines), fallback or text)
