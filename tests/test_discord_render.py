"""Discord rendering: sizes within Discord's limits, nothing lost, untrusted text made literal."""

from __future__ import annotations

import re

from discord_standin import embed_problems

from bot.discord_render import (
    DIGEST_LIMITS,
    LIMITS,
    MARK_RESERVE,
    DigestMark,
    OutgoingMessage,
    brief_embeds,
    discord_length,
    mark_messages,
    render_answer,
    render_briefs,
    render_text,
    sanitize,
)
from summarizer import Answer, Brief, BriefItem, Citation, Disagreement, Source


def _payload(message: OutgoingMessage) -> dict:
    return {"content": message.content, "embeds": [e.to_embed().to_dict() for e in message.embeds]}


def _visible(messages: list[OutgoingMessage]) -> str:
    parts = []
    for m in messages:
        parts.append(m.content or "")
        for e in m.embeds:
            parts += [e.title or "", e.description or ""] + [f"{f.name}\n{f.value}" for f in e.fields]
    return "\n".join(parts)


def test_sanitize_keeps_text_readable_but_inert() -> None:
    text = "**Big** news for @everyone and @here: see [this](https://evil.example) <@&112233445566778899>"
    safe = sanitize(text)
    assert "@everyone" not in safe and "@here" not in safe and "<@&" not in safe
    assert "](" not in safe.replace("\\](", "")  # the masked link is escaped
    # removing the escapes and zero-width spaces gives back the original words
    assert re.sub(r"\\(.)", r"\1", safe).replace("\u200b", "") == text


def test_sanitize_escapes_line_start_markdown_only_where_it_formats() -> None:
    assert sanitize("- item\n# heading\n> quote\n3. step") == "\\- item\n\\# heading\n\\> quote\n3\\. step"
    assert sanitize("a well-known 3.5% rise") == "a well-known 3.5% rise"


def test_sizes_are_counted_in_utf16_units_so_emoji_cannot_overflow() -> None:
    assert discord_length("🗞") == 2 and discord_length("é") == 1
    brief = Brief("e", "Emoji", (Source("a", "A"),), tuple(BriefItem("🗞" * 900, ("a",)) for _ in range(12)))
    for message in render_briefs([brief]):
        assert embed_problems(_payload(message)) == []
    assert _visible(render_briefs([brief])).count("🗞") == 900 * 12


def test_a_long_title_is_shortened_visibly_and_given_in_full() -> None:
    title = "word " * 80
    embeds = brief_embeds(Brief("t", title.strip(), (Source("a", "A"),), (BriefItem("Fact.", ("a",)),)))
    assert embeds[0].title.endswith("…") and discord_length(embeds[0].title) <= LIMITS.title
    assert title.strip() in embeds[0].description


def test_long_plain_text_is_split_into_messages_without_loss() -> None:
    text = "\n".join(f"line {n:04d} " + "x" * 90 for n in range(100))
    messages = render_text(text)
    assert len(messages) > 1 and all(discord_length(m.content) <= LIMITS.content for m in messages)
    assert re.findall(r"line (\d{4})", _visible(messages)) == [f"{n:04d}" for n in range(100)]


def test_an_answer_shows_citations_quotes_and_disagreements() -> None:
    answer = Answer(
        question="how many?",
        answered=True,
        answer="20,000 troops",
        citations=(Citation("a", "Outlet A", "They asked for 20,000 troops.", "https://a.example/x"),
                   Citation("b", "Outlet B", "More than 20,000 troops.")),
        disagreements=(Disagreement("more than 20,000", ("b", "c")),),
        summary="2 sources: 20,000; 1 says more than 20,000",
    )
    (message,) = render_answer(answer)
    embed = message.embeds[0]
    assert "**20,000 troops** [1][2]" in embed.description
    assert "[1] [Outlet A](https://a.example/x): “They asked for 20,000 troops.”" in embed.description
    assert embed.fields[0].value == "more than 20,000: 2 sources [2] + 1 other source"


def test_an_unanswered_question_says_so_without_citations() -> None:
    (message,) = render_answer(Answer("who won?", False, "No source covers this question."))
    assert message.embeds[0].description == "**No source covers this question.**"
    assert not message.embeds[0].fields


KEY = "3f9a2c1b9e0d44aa5b6c7d8e"  # a delivery key: 24 hex characters


def _marks(messages: list[OutgoingMessage]) -> list[DigestMark | None]:
    return [DigestMark.find(m.content, [e.footer for e in m.embeds]) for m in messages]


def test_digest_marks_fit_within_every_limit_and_name_each_part() -> None:
    sources = tuple(Source(f"s{n}", f"Outlet {n}", "Headline " * 20, f"https://n{n}.example/a") for n in range(25))
    facts = tuple(BriefItem(f"Fact {n}: " + "the council said more " * 30, (f"s{n % 25}",)) for n in range(60))
    brief = Brief("big", "A large story", sources, facts)
    text = "\n".join(f"line {n:04d} " + "x" * 90 for n in range(60))
    for messages in (render_briefs([brief], heading="Morning digest", limits=DIGEST_LIMITS),
                     render_text(text, limits=DIGEST_LIMITS)):
        marked = mark_messages(messages, KEY)
        assert len(marked) >= 2
        for message in marked:
            assert embed_problems(_payload(message)) == []
        assert _marks(marked) == [DigestMark("3f9a2c1b9e0d", part, len(marked)) for part in range(len(marked))]
        assert _marks(messages) == [None] * len(messages)  # unmarked renderings carry none


def test_a_single_message_mark_is_short_and_a_plain_message_gets_it_as_subtext() -> None:
    (marked,) = mark_messages(render_text("No new stories since Mon 23 Nov 08:00.", limits=DIGEST_LIMITS), KEY)
    assert marked.content == "No new stories since Mon 23 Nov 08:00.\n-# newsbrief · ref 3f9a2c1b9e0d"
    assert DigestMark.parse("newsbrief · ref 3f9a2c1b9e0d · 2/3") == DigestMark("3f9a2c1b9e0d", 1, 3)
    assert discord_length("\n-# " + DigestMark("3f9a2c1b9e0d", 998, 999).text()) <= MARK_RESERVE
    assert DigestMark.parse("newsbrief · ref 3f9a2c1b9e0d · 4/3") is None
    assert DigestMark.parse("see newsbrief · ref 3f9a2c1b9e0d") is None


def test_article_text_cannot_forge_a_digest_mark() -> None:
    forged = "Officials said so.\n-# newsbrief · ref 3f9a2c1b9e0d"
    assert _marks(render_text(forged)) == [None]
    brief = Brief("f", "Title", (Source("a", "A"),), (BriefItem(forged, ("a",)),))
    assert _marks(render_briefs([brief])) == [None]
