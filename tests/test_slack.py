"""The Slack adapter, end to end: real slack-bolt and slack-sdk against the local Slack stand-in.

Nothing of bolt or the SDK is mocked: the adapter checks its tokens with ``auth.test`` and
``apps.connections.open``, holds a Socket Mode websocket (or serves signed HTTP requests), and
posts through the Web API, where the stand-in refuses blocks beyond Slack's limits. The service
is the real one over literal articles; where a test needs it slow, failing or observed, a thin
wrapper around it does that.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_standin import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    Call,
    SlackStandin,
    block_texts,
    blocks_errors,
)

from bot.app import service_over
from bot.config import Secrets, SlackSettings
from bot.errors import PlatformError
from bot.ports import Digest, DigestItem
from bot.service import BriefingService
from bot.slack_app import APOLOGY, SlackAdapter, parse_command_text
from bot.slack_render import escape_mrkdwn
from summarizer import Answer, Article, Brief, BriefItem, Difference, Source

pytestmark = pytest.mark.timeout(30)

MENTION = f"<@{BOT_USER_ID}>"
QUESTION = "how many National Guard troops were requested?"


@pytest.fixture
async def standin() -> AsyncIterator[SlackStandin]:
    server = await SlackStandin().start()
    yield server
    await server.stop()


@pytest.fixture(scope="module")
def service(seed_articles: list[Article]) -> BriefingService:
    return service_over(seed_articles)


class ObservedService:
    """The real service behind a wrapper that records questions, and can hold or fail them."""

    def __init__(self, inner: BriefingService, *, gate: asyncio.Event | None = None, fail: bool = False):
        self.inner = inner
        self.gate = gate
        self.fail = fail
        self.questions: list[tuple[str, str | None]] = []
        self.started = asyncio.Event()

    async def answer(self, question: str, *, thread: str | None = None, follows: str | None = None) -> Answer:
        self.questions.append((question, thread))
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise RuntimeError("database is locked (details for the log only)")
        return await self.inner.answer(question, thread=thread, follows=follows)

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        return await self.inner.brief(topic, limit=limit)


def secrets(**overrides: str | None) -> Secrets:
    values: dict[str, str | None] = {
        "slack_bot_token": BOT_TOKEN,
        "slack_app_token": APP_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
    }
    values.update(overrides)
    return Secrets(**values)


@asynccontextmanager
async def running(service: Any, standin: SlackStandin, **settings: Any) -> AsyncIterator[SlackAdapter]:
    adapter = SlackAdapter(service, SlackSettings(api_url=standin.api_url, **settings), secrets())
    await adapter.start()
    try:
        if settings.get("mode", "socket") == "socket":
            await standin.wait_connected()
        yield adapter
    finally:
        await adapter.stop()


def texts(call: Call) -> str:
    """All text a person reads in a posted message."""
    return "\n".join(block_texts(call.params.get("blocks") or []))


async def mention(standin: SlackStandin, text: str, **kwargs: Any) -> dict[str, Any]:
    """A person mentions the bot; the event is delivered; returns the event."""
    event = standin.user_message(f"{MENTION} {text}", **kwargs)
    await standin.send_event(event)
    return event


# ---------------------------------------------------------------------------------------------
# questions in threads


async def test_a_mention_is_answered_in_its_thread_with_cited_quotes(
    standin: SlackStandin, service: BriefingService
) -> None:
    expected = await service.answer(QUESTION)
    assert expected.answered and expected.citations
    async with running(service, standin):
        event = await mention(standin, QUESTION, channel="C0NEWS")
        [post] = await standin.wait_for_calls("chat.postMessage")
    assert post.params["channel"] == "C0NEWS"
    assert post.params["thread_ts"] == event["ts"]  # in the thread of the question
    assert post.params["unfurl_links"] is False and post.params["unfurl_media"] is False
    body = texts(post)
    assert escape_mrkdwn(expected.answer) in body
    for n, cite in enumerate(expected.citations, 1):
        assert f"[{n}]" in body and escape_mrkdwn(cite.quote) in body
    assert not blocks_errors(post.params["blocks"])


async def test_a_follow_up_in_the_thread_builds_on_the_threads_last_answer_across_a_restart(
    standin: SlackStandin, seed_articles: list[Article]
) -> None:
    service = service_over(seed_articles)
    observed = ObservedService(service)
    async with running(observed, standin):
        first = await mention(standin, QUESTION)
        await standin.wait_for_calls("chat.postMessage", 1)
        await mention(standin, "and how many are at the border?", thread_ts=first["ts"])
        await standin.wait_for_calls("chat.postMessage", 2)
    # a restart of the adapter: the thread's last answer is in the store, nothing is read back
    async with running(observed, standin):
        await mention(standin, "who made the request?", thread_ts=first["ts"])
        posts = await standin.wait_for_calls("chat.postMessage", 3)
    thread = f"slack:{first['channel']}:{first['ts']}"
    assert observed.questions == [
        (QUESTION, thread),
        ("and how many are at the border?", thread),
        ("who made the request?", thread),
    ]
    stored = service.store.thread(thread)
    assert stored is not None and stored.questions[-1] == "who made the request?"
    assert "border" in " ".join(stored.questions)  # the turn before it is what the follow-up built on
    assert not standin.calls_of("conversations.replies")  # the thread was not read back from Slack
    assert {p.params["thread_ts"] for p in posts} == {first["ts"]}
    service.close()


async def test_a_direct_message_is_answered_in_a_thread_and_the_bots_own_messages_are_not(
    standin: SlackStandin, service: BriefingService
) -> None:
    async with running(service, standin):
        dm = standin.user_message(QUESTION, channel="D0READER", kind="message", channel_type="im")
        await standin.send_event(dm)
        [post] = await standin.wait_for_calls("chat.postMessage")
        own = standin.user_message("an answer", channel="D0READER", user=BOT_USER_ID, kind="message", channel_type="im")
        own["bot_id"] = "B0NEWSBOT"
        envelope, _ = await standin.send_event(own)
        await standin.wait_ack(envelope)
        await asyncio.sleep(0.2)
    assert post.params["channel"] == "D0READER" and post.params["thread_ts"] == dm["ts"]
    assert len(standin.posts()) == 1


async def test_a_failure_gets_a_short_apology_in_the_thread_and_the_details_in_the_log(
    standin: SlackStandin, service: BriefingService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="bot.slack_app")
    async with running(ObservedService(service, fail=True), standin):
        event = await mention(standin, QUESTION)
        [post] = await standin.wait_for_calls("chat.postMessage")
    assert post.params["thread_ts"] == event["ts"]
    assert texts(post) == escape_mrkdwn(APOLOGY)
    assert "database is locked" not in texts(post)
    assert any(r.exc_info and "database is locked" in str(r.exc_info[1]) for r in caplog.records)


# ---------------------------------------------------------------------------------------------
# slash commands


async def test_a_slash_command_is_acked_at_once_although_the_work_is_slow(
    standin: SlackStandin, service: BriefingService
) -> None:
    gate = asyncio.Event()
    slow = ObservedService(service, gate=gate)
    async with running(slow, standin):
        sent = time.monotonic()
        envelope = await standin.send_command("/ask", QUESTION)
        ack = await standin.wait_ack(envelope, timeout=3.0)
        await asyncio.wait_for(slow.started.wait(), 3.0)  # the work has begun ...
        assert not standin.calls_of("response_url")  # ... and is still held back
        assert ack.at - sent < 1.0
        gate.set()
        [reply] = await standin.wait_for_calls("response_url")
    assert reply.at > ack.at
    assert reply.params["response_type"] == "ephemeral"  # /ask answers the asker alone by default
    assert reply.params["unfurl_links"] is False
    body = texts(reply)
    assert QUESTION in body and "[1]" in body


async def test_brief_with_public_flag_posts_the_stories_to_the_channel(
    standin: SlackStandin, service: BriefingService
) -> None:
    briefs = await service.brief(limit=3)
    async with running(service, standin):
        envelope = await standin.send_command("/brief", "--public")
        await standin.wait_ack(envelope)
        replies = await standin.wait_for_calls("response_url")
    assert all(r.params["response_type"] == "in_channel" for r in replies)
    blocks = [b for r in replies for b in r.params["blocks"]]
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    assert len(headers) == len(briefs)
    for header, brief in zip(headers, briefs):
        assert header == brief.title or (header.endswith("…") and brief.title.startswith(header[:-1]))
    body = "\n".join(block_texts(blocks))
    assert "[1]" in body and escape_mrkdwn(briefs[0].sources[0].outlet) in body


def test_the_public_flag_is_taken_from_either_end_of_a_command() -> None:
    assert parse_command_text("  -p  what now? ") == parse_command_text("what now? --public")
    assert parse_command_text("public opinion on the plan?").public is False


async def test_ask_without_a_question_is_acked_with_the_usage(standin: SlackStandin, service: BriefingService) -> None:
    async with running(service, standin):
        envelope = await standin.send_command("/ask", "  ")
        ack = await standin.wait_ack(envelope)
        await asyncio.sleep(0.2)
    assert ack.payload and "Usage" in ack.payload["text"]
    assert not standin.calls_of("response_url")


# ---------------------------------------------------------------------------------------------
# digests


def sample_digest(channel: str, items: Sequence[DigestItem]) -> Digest:
    return Digest(
        name="morning",
        target=f"slack:{channel}",
        window="2026-11-24T08:00+00:00",
        title="morning digest, Tue 24 Nov 08:00 UTC",
        items=tuple(items),
    )


async def test_a_scheduled_digest_is_posted_once_even_across_a_restart(standin: SlackStandin, tmp_path: Path) -> None:
    from bot.app import build_service
    from bot.config import Config, DigestConfig, StorageSettings

    target = "slack:C0DIGEST"
    config = Config(
        storage=StorageSettings(path=tmp_path / "news.db"),
        digests=(DigestConfig(name="morning", schedule="0 8 * * *", targets=(target,)),),
    )
    stored_at = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    fired = datetime(2026, 11, 24, 8, 1, tzinfo=UTC)
    first_service = build_service(config, clock=lambda: stored_at)
    try:
        async with running(first_service, standin) as adapter:
            first = await first_service.deliver("morning", target, adapter, now=fired)
    finally:
        first_service.close()
    restarted = build_service(config, clock=lambda: stored_at)  # same SQLite file, new process
    try:
        async with running(restarted, standin) as adapter:
            second = await restarted.deliver("morning", target, adapter, now=fired)
    finally:
        restarted.close()
    assert first.sent and not first.failed
    assert not second.sent and set(second.skipped) == set(first.sent)
    posts = standin.posts("C0DIGEST")
    stories = [i for i in first.digest.items if i.kind == "story" and i.brief]
    assert stories and len(posts) == len(first.sent)
    for item in stories:
        assert sum(escape_mrkdwn(item.brief.summary[0].text) in texts(p) for p in posts) == 1


async def test_an_update_is_posted_in_the_thread_of_the_story(standin: SlackStandin, service: BriefingService) -> None:
    [brief] = await service.brief(limit=1)
    async with running(service, standin) as adapter:
        story = DigestItem(key=f"story:{brief.id}", kind="story", brief=brief)
        story_ts = await adapter.post("C0DIGEST", sample_digest("C0DIGEST", [story]), story)
        update = DigestItem(
            key=f"story:{brief.id}",
            kind="update",
            brief=brief,
            text="Two more outlets now report the request.",
            reply_to=story_ts,
        )
        await adapter.post("C0DIGEST", sample_digest("C0DIGEST", [update]), update)
    first, follow = standin.posts("C0DIGEST")
    assert first.params.get("thread_ts") is None and "morning digest" in texts(first)
    assert follow.params["thread_ts"] == story_ts
    assert "Two more outlets now report the request." in texts(follow)


def large_brief(n_items: int = 160, n_sources: int = 25) -> Brief:
    sources = tuple(
        Source(
            f"s{i:02d}",
            f"Outlet {i} <!here>",
            title=f"Report number {i} & more",
            url=f"https://news{i}.example/a?x=1&y=2",
            published=date(2026, 11, 23),
        )
        for i in range(n_sources)
    )
    summary = [
        BriefItem(
            f"Fact {i}: the council said <@U0{i:04d}> that repairs would take {i} weeks & cost {i} million dollars. "
            + "Details follow in the report. " * 6,
            (f"s{i % n_sources:02d}", f"s{(i + 3) % n_sources:02d}"),
        )
        for i in range(n_items)
    ]
    summary.append(BriefItem("A single very long quoted passage. " * 220, ("s00",)))  # > 7,000 characters
    differences = tuple(
        Difference("conflict", f"Injured: {i} vs {i + 2} <!channel>", (f"s{i:02d}", f"s{i + 1:02d}")) for i in range(20)
    )
    return Brief(
        id="big", title="A very long title " * 12, sources=sources, summary=tuple(summary), differences=differences
    )


async def test_a_large_digest_is_split_within_slacks_limits_with_nothing_lost(
    standin: SlackStandin, service: BriefingService
) -> None:
    brief = large_brief()
    item = DigestItem(key="story:big", kind="story", brief=brief)
    async with running(service, standin) as adapter:
        await adapter.post("C0DIGEST", sample_digest("C0DIGEST", [item]), item)
    posts = standin.posts("C0DIGEST")
    assert len(posts) > 1 and len(posts) == len(standin.calls_of("chat.postMessage"))  # none refused
    for post in posts:
        assert len(post.params["blocks"]) <= 50 and not blocks_errors(post.params["blocks"])
        assert all(len(t) <= 3000 for t in block_texts(post.params["blocks"]))
    everything = re.sub(r"\s+", "", "".join(texts(p) for p in posts))
    for line in brief.summary:
        assert re.sub(r"\s+", "", escape_mrkdwn(line.text)) in everything
    for diff in brief.differences:
        assert re.sub(r"\s+", "", escape_mrkdwn(diff.text)) in everything
    for source in brief.sources:
        assert source.url.replace("&", "&amp;") in everything
    assert "continued(2/" in everything


# ---------------------------------------------------------------------------------------------
# safety


ARTICLES_WITH_MENTIONS = [
    Article(
        "ledger-1",
        "Daily Ledger",
        "The river bridge in Milltown collapsed on Tuesday after <!channel> heavy flooding, officials said. "
        "Engineers counted 12 injured people at the scene. The mayor wrote <@U024BE7LH> and <!here> in a post "
        "calling for calm & patience. Repairs will cost <!subteam^SAZ94GDB8|@engineers> about $40 million, "
        "the council estimated.",
        title="Milltown bridge collapses <!channel>",
    ),
    Article(
        "valley-1",
        "Valley Times",
        "The Milltown river bridge collapsed on Tuesday after heavy flooding, officials said @everyone. "
        "Engineers counted 14 injured people at the scene <@U024BE7LH>. Repairs will cost about $40 million, "
        "the council estimated <!everyone>.",
        title="Bridge collapse in Milltown",
    ),
]

PING = re.compile(r"<[!@#]|(?<![\w\u2060])@(channel|here|everyone)\b", re.IGNORECASE)


async def test_article_text_with_mention_syntax_is_posted_harmlessly(standin: SlackStandin) -> None:
    service = service_over(ARTICLES_WITH_MENTIONS)
    try:
        [brief] = await service.brief(limit=1)
        item = DigestItem(key=f"story:{brief.id}", kind="story", brief=brief)
        async with running(service, standin) as adapter:
            await adapter.post("C0DIGEST", sample_digest("C0DIGEST", [item]), item)
            await mention(standin, "how many people were injured?")
            await standin.wait_for_calls("chat.postMessage", 2)
    finally:
        service.close()
    posted = standin.posts()
    assert len(posted) == 2
    shown = "\n".join([texts(p) + "\n" + p.params["text"] for p in posted])
    assert not PING.search(shown), PING.search(shown)
    assert all(p.params["link_names"] is False for p in posted)
    # the text is still there for people to read, only inert
    assert "&lt;@U024BE7LH&gt;" in shown and ("&lt;!channel&gt;" in shown or "&lt;!here&gt;" in shown)


def test_escape_mrkdwn_defuses_every_ping_form() -> None:
    raw = "<!channel> <!here> <!everyone> <@U1> <@W2|bob> <!subteam^S1|@team> <#C1> @channel @Here @everyone a&b"
    escaped = escape_mrkdwn(raw)
    assert not PING.search(escaped)
    assert "&lt;!subteam^S1|@team&gt;" in escaped and "a&amp;b" in escaped
    assert escape_mrkdwn("email@here.org") == "email@here.org"


# ---------------------------------------------------------------------------------------------
# Slack's delivery semantics


async def test_a_retried_event_is_not_answered_twice(
    standin: SlackStandin, service: BriefingService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.slack_app")
    event = standin.user_message(f"{MENTION} {QUESTION}")
    lost = standin.user_message(f"{MENTION} who made the request?")
    async with running(service, standin):
        _, event_id = await standin.send_event(event)
        await standin.wait_for_calls("chat.postMessage", 1)
        for attempt in (1, 0):  # Slack's retry, and a plain duplicate delivery
            envelope, _ = await standin.send_event(
                event, event_id=event_id, retry_attempt=attempt, retry_reason="timeout"
            )
            await standin.wait_ack(envelope)
    # a restart forgets the events it saw; a retry (value > 0) is checked against the thread
    async with running(service, standin):
        envelope, _ = await standin.send_event(event, event_id=event_id, retry_attempt=2, retry_reason="timeout")
        await standin.wait_ack(envelope)
        # a retry of an event this app never got (the first delivery was lost) is answered
        await standin.send_event(lost, retry_attempt=1, retry_reason="http_error")
        await standin.wait_for_calls("chat.postMessage", 2)
        await asyncio.sleep(0.2)
    posts = standin.posts()
    assert [p.params["thread_ts"] for p in posts] == [event["ts"], lost["ts"]]
    assert sum("already" in r.getMessage() for r in caplog.records) == 3


async def test_a_rate_limit_is_waited_out_and_the_answer_goes_through(
    standin: SlackStandin, service: BriefingService
) -> None:
    standin.fail_next("chat.postMessage", status=429, retry_after=1)
    async with running(service, standin):
        event = await mention(standin, QUESTION)
        await standin.wait_for_calls("chat.postMessage", 1, timeout=8)
    limited, posted = standin.calls_of("chat.postMessage")
    assert (limited.status, posted.status, posted.ok) == (429, 200, True)
    assert posted.at - limited.at >= 1.0  # Retry-After was honoured
    assert posted.params["thread_ts"] == event["ts"]


async def test_socket_mode_reconnects_when_slack_asks_and_keeps_answering(
    standin: SlackStandin, service: BriefingService
) -> None:
    async with running(service, standin):
        await standin.disconnect("refresh_requested")
        event = await mention(standin, QUESTION)
        [post] = await standin.wait_for_calls("chat.postMessage")
    assert standin.connections == 2 and len(standin.calls_of("apps.connections.open")) == 2
    assert post.params["thread_ts"] == event["ts"]


# ---------------------------------------------------------------------------------------------
# HTTP mode


async def test_http_mode_answers_signed_requests_and_rejects_forged_or_stale_ones(
    standin: SlackStandin, service: BriefingService
) -> None:
    async with running(service, standin, mode="http", http_port=0) as adapter:
        url = adapter.http_url
        assert url is not None
        forged_event = standin.event_callback(standin.user_message(f"{MENTION} {QUESTION}"))
        body = standin.json_body(forged_event)
        forged = await standin.post_signed(url, body, secret="not-the-signing-secret")
        tampered = await standin.post_signed(url, body, signature="v0=" + "0" * 64)
        stale = await standin.post_signed(url, body, timestamp=int(time.time()) - 6 * 60)
        assert (forged[0], tampered[0], stale[0]) == (401, 401, 401)
        await asyncio.sleep(0.2)
        assert not standin.posts()

        event = standin.user_message(f"{MENTION} {QUESTION}")
        payload = standin.event_callback(event)
        status, _ = await standin.post_signed(url, standin.json_body(payload))
        assert status == 200
        [post] = await standin.wait_for_calls("chat.postMessage")
        retried, _ = await standin.post_signed(url, standin.json_body(payload), retry_num=1)
        assert retried == 200

        command = standin.command_payload("/ask", QUESTION)
        sent = time.monotonic()
        status, _ = await standin.post_signed(
            url, standin.form_body(command), content_type="application/x-www-form-urlencoded"
        )
        acked = time.monotonic() - sent
        [reply] = await standin.wait_for_calls("response_url")
        await asyncio.sleep(0.2)
    assert status == 200 and acked < 3.0
    assert post.params["thread_ts"] == event["ts"] and len(standin.posts()) == 1
    assert "[1]" in texts(reply)


@pytest.mark.parametrize("timestamp", ["soon", "1e9", "", "-5"])
async def test_http_mode_refuses_a_timestamp_that_is_not_a_number_with_400_and_no_traceback(
    standin: SlackStandin, service: BriefingService, caplog: pytest.LogCaptureFixture, timestamp: str
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running(service, standin, mode="http", http_port=0) as adapter:
        assert adapter.http_url is not None
        body = standin.json_body(standin.event_callback(standin.user_message(f"{MENTION} {QUESTION}")))
        status, _ = await standin.post_signed(adapter.http_url, body, timestamp=timestamp)
        await asyncio.sleep(0.2)
    assert status == 400
    assert not any(r.exc_info for r in caplog.records) and "Traceback" not in caplog.text
    assert not standin.posts()


async def test_http_mode_never_answers_an_exact_replay_of_a_signed_slash_command(
    standin: SlackStandin, service: BriefingService
) -> None:
    form = "application/x-www-form-urlencoded"
    async with running(service, standin, mode="http", http_port=0) as adapter:
        assert adapter.http_url is not None
        command = standin.form_body(standin.command_payload("/ask", QUESTION))
        signed_at = int(time.time())
        first, _ = await standin.post_signed(adapter.http_url, command, content_type=form, timestamp=signed_at)
        await standin.wait_for_calls("response_url")
        # the same bytes, signature and timestamp, seconds later: inside bolt's five minutes
        replays = [await standin.post_signed(adapter.http_url, command, content_type=form, timestamp=signed_at) for _ in range(3)]
        await asyncio.sleep(0.5)
    assert first == 200 and [status for status, _ in replays] == [401, 401, 401]
    assert len(standin.calls_of("response_url")) == 1  # answered once


# ---------------------------------------------------------------------------------------------
# start-up errors


@pytest.mark.parametrize(
    ("overrides", "mode", "expected"),
    [
        ({"slack_bot_token": "xoxb-wrong-token-123"}, "socket", "Slack rejected SLACK_BOT_TOKEN (invalid_auth)"),
        ({"slack_app_token": "xapp-wrong-token-456"}, "socket", "Slack rejected SLACK_APP_TOKEN (invalid_auth)"),
        ({"slack_app_token": BOT_TOKEN}, "socket", "Slack rejected SLACK_APP_TOKEN (not_allowed_token_type)"),
        ({"slack_bot_token": None}, "socket", "Slack: SLACK_BOT_TOKEN is not set"),
        ({"slack_app_token": None}, "socket", "Slack: SLACK_APP_TOKEN is not set"),
        ({"slack_signing_secret": None}, "http", "Slack: SLACK_SIGNING_SECRET is not set"),
    ],
)
async def test_a_missing_or_wrong_token_at_start_is_one_clear_line(
    standin: SlackStandin, service: BriefingService, overrides: dict[str, str | None], mode: str, expected: str
) -> None:
    adapter = SlackAdapter(
        service, SlackSettings(api_url=standin.api_url, mode=mode, http_port=0), secrets(**overrides)
    )
    with pytest.raises(PlatformError) as raised:
        await adapter.start()
    await adapter.stop()
    message = str(raised.value)
    assert message == expected and "\n" not in message
    assert all(v not in message for v in (BOT_TOKEN, APP_TOKEN, *filter(None, overrides.values())))
    assert standin.connections == 0


async def test_an_unreachable_slack_is_one_clear_line(service: BriefingService) -> None:
    adapter = SlackAdapter(service, SlackSettings(api_url="http://127.0.0.1:9/api/"), secrets())
    with pytest.raises(PlatformError, match=r"^Slack: cannot reach the Web API at http://127\.0\.0\.1:9/api/ \(\w+\)$"):
        await adapter.start()


async def test_brief_about_a_topic_nobody_covers_says_so(standin: SlackStandin, service: BriefingService) -> None:
    async with running(service, standin):
        envelope = await standin.send_command("/brief", "volcanic eruption in Iceland")
        await standin.wait_ack(envelope)
        [reply] = await standin.wait_for_calls("response_url")
    assert reply.params["response_type"] == "ephemeral"
    assert "No stories about “volcanic eruption in Iceland” yet." in texts(reply)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (f"{MENTION} how many troops?", "how many troops?"),
        ("<!channel> <!subteam^S123|@team> how many troops?", "how many troops?"),
        ("what did <https://x.example/a|the mayor> say in <#C0NEWS|town-hall>?", "what did the mayor say in #town-hall?"),
        ("is &lt;b&gt;this&lt;/b&gt; &amp; that <https://x.example> news?", "is <b>this</b> & that news?"),
    ],
)
def test_slack_markup_becomes_plain_words_in_the_adapter(text: str, question: str) -> None:
    from bot.slack_app import question_text

    assert question_text(text) == question
