"""Plain-text rendering of briefs and answers, for the terminal (CLI and terminal chat).

Platform renderers (Slack Block Kit, Discord embeds) live beside their adapters; the small
helpers here that decide *what* is said (citation marks, difference labels, consensus lines)
are shared by all of them so every platform says the same thing.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

from summarizer import Answer, Brief, Difference

__all__ = [
    "DIFFERENCE_LABELS",
    "answer_headline",
    "plural",
    "citation_marks",
    "difference_label",
    "difference_segments",
    "join_segments",
    "source_line",
    "render_brief_text",
    "render_briefs_text",
    "render_answer_text",
]

#: How each kind of difference is introduced, in every renderer.
DIFFERENCE_LABELS = {
    "conflict": "Figures differ",
    "variant": "Figures stated differently",
    "update": "Figures updated",
    "exclusive": "Only some report",
    "framing": "Framing",
}


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``1 story``, ``2 stories``, ``0 feeds``: a count with its noun in the right number.

    >>> plural(1, "story"), plural(3, "story"), plural(2, "wire copy", "wire copies")
    ('1 story', '3 stories', '2 wire copies')
    """
    if count == 1:
        return f"{count} {noun}"
    if plural_form is None:
        plural_form = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou") else noun + "s"
    return f"{count} {plural_form}"


def answer_headline(answer: Answer) -> str:
    """The short answer as every renderer words it (terminal, Slack, Discord): an answer the
    summarizer is not sure of (``sure`` false) reads "most likely …"."""
    if answer.answered and not answer.sure:
        return f"most likely {answer.answer}"
    return answer.answer


def citation_marks(brief: Brief, source_ids: Sequence[str]) -> str:
    """``[1][3]``: the citation numbers of ``source_ids`` in the brief's source list."""
    numbers = []
    for sid in source_ids:
        try:
            numbers.append(brief.source_number(sid))
        except KeyError:
            continue
    return "".join(f"[{n}]" for n in sorted(set(numbers)))


def difference_label(difference: Difference) -> str:
    return DIFFERENCE_LABELS.get(difference.kind, difference.kind.capitalize())


def difference_segments(brief: Brief, difference: Difference) -> list[tuple[str, str]]:
    """A difference as (untrusted text, citation marks) pieces, for every renderer to escape and join.

    A figures ledger row (conflict, variant, update) shows who reports which value, and who the
    text says gives it: ``[("Drop in crossings: 95% per the White House", "[1]"), ("vs 99%", "[4]")]``;
    anything else is its text followed by the marks of all its sources.
    """
    joiners = {"conflict": "vs ", "variant": "or ", "update": "later "}
    if difference.kind in joiners and difference.values:
        subject = (difference.subject or "").strip()
        pieces: list[tuple[str, str]] = []
        for n, value in enumerate(difference.values):
            prefix = (f"{subject[:1].upper()}{subject[1:]}: " if subject else "") if n == 0 else joiners[difference.kind]
            claimant = f" per {value.claimant}" if value.claimant else ""
            pieces.append((f"{prefix}{value.value}{claimant}", citation_marks(brief, value.sources)))
        return pieces
    return [(difference.text, citation_marks(brief, difference.sources))]


def join_segments(segments: Sequence[tuple[str, str]], escape=lambda text: text) -> str:
    """``text [1][2] text [3]``: escaped text, each piece followed by its marks."""
    return " ".join(f"{escape(text)} {marks}".rstrip() for text, marks in segments)


def source_line(brief: Brief, index: int) -> str:
    """``[2] Newsmax — Title (2025-05-15) <url>`` for the index-th (0-based) source."""
    src = brief.sources[index]
    parts = [f"[{index + 1}] {src.outlet}"]
    if src.title:
        parts.append(f"— {src.title}")
    if src.published:
        parts.append(f"({src.published.isoformat()[:10]})")
    parts.append(f"<{src.url}>" if src.url else f"· {src.id}")
    return " ".join(parts)


def _width() -> int:
    return max(60, min(100, shutil.get_terminal_size((88, 24)).columns))


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def render_brief_text(brief: Brief, *, width: int | None = None) -> str:
    """A brief as readable terminal text with [n] citations and a numbered source list."""
    width = width or _width()
    n = len(brief.sources)
    lines = [_wrap(brief.title, width, "", ""), plural(n, "source"), ""]
    for item in brief.summary:
        lines.append(_wrap(f"{item.text} {citation_marks(brief, item.sources)}", width, "  • ", "    "))
    if brief.differences:
        lines += ["", "Where the sources differ"]
        for diff in brief.differences:
            text = f"{difference_label(diff)}: {join_segments(difference_segments(brief, diff))}"
            lines.append(_wrap(text, width, "  • ", "    "))
    lines += ["", "Sources"]
    lines += [_wrap(source_line(brief, i), width, "  ", "      ") for i in range(n)]
    return "\n".join(lines)


def render_briefs_text(briefs: Sequence[Brief], *, width: int | None = None) -> str:
    width = width or _width()
    rule = "─" * min(width, 72)
    return f"\n{rule}\n".join(render_brief_text(b, width=width) for b in briefs)


def render_answer_text(answer: Answer, *, width: int | None = None) -> str:
    """An answer: the short answer, the consensus line, then each supporting quote with its outlet."""
    width = width or _width()
    if not answer.answered:
        return _wrap(answer.answer, width, "", "")
    lines = [_wrap(answer_headline(answer), width, "", "")]
    if answer.summary:
        lines.append(_wrap(answer.summary, width, "  ", "  "))
    if answer.disagreements:
        for variant in answer.disagreements:
            lines.append(_wrap(f"{variant.value}: {plural(len(variant.sources), 'source')}", width, "  · ", "    "))
    lines.append("")
    for n, cite in enumerate(answer.citations, 1):
        where = f" <{cite.url}>" if cite.url else f" · {cite.source}"
        lines.append(_wrap(f"[{n}] {cite.outlet}{where}", width, "", "    "))
        lines.append(_wrap(f"“{cite.quote}”", width, "    ", "    "))
    return "\n".join(lines)
