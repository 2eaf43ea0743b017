"""The Discord adapter, end to end: real discord.py against the local Discord stand-in.

Nothing of discord.py is mocked: the adapter logs in over HTTP, syncs commands, holds a gateway
session (zlib-stream compressed, as discord.py asks by default), and the stand-in checks every
message it receives against Discord's limits and the 3-second interaction deadline.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from contextlib import asynccontextmanager
from typing import Any

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import service_over
from bot.config import DiscordSettings, Secrets
from bot.digests import deliver_digest, delivery_key
from bot.discord_app import APOLOGY, DiscordAdapter
from bot.discord_render import DigestMark, sanitize
from bot.errors import PlatformError
from bot.ports import Digest, DigestItem
from bot.service import BriefingService
from bot.store import SqliteStore
from summarizer import Answer, Article, Brief, BriefItem, Difference, Source
from discord_standin import MESSAGE_CONTENT_INTENT, DiscordStandIn, embed_problems, would_ping

pytestmark = pytest.mark.timeout(30)

QUESTION = "How many National Guard troops were requested?"


@pytest.fixture
async def standin() -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn(interaction_deadline=3.0) as server:
        yield server


@pytest.fixture(scope="module")
def service(seed_articles: list[Article]) -> Iterator[BriefingService]:
    built = service_over(seed_articles)
    yield built
    built.close()


@asynccontextmanager
async def running(
    service: BriefingService, standin: DiscordStandIn, *, guild_ids: Sequence[int] = (), defer_after: float = 1.5,
    history_limit: int = 100,
) -> AsyncIterator[DiscordAdapter]:
    settings = DiscordSettings(api_url=standin.api_url, gateway_url=standin.gateway_url, guild_ids=tuple(guild_ids))
    adapter = DiscordAdapter(
        service, settings, Secrets(discord_token=standin.token), defer_after=defer_after, guild_ready_timeout=0.05,
        history_limit=history_limit,
    )
    await adapter.start()
    try:
        yield adapter
    finally:
        await adapter.stop()


def texts(message: dict[str, Any]) -> str:
    """Every user-visible string of a message, joined."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
    return "\n".join(parts)


def assert_no_mentions_allowed(body: dict[str, Any]) -> None:
    """The request allowed no mention at all (AllowedMentions.none())."""
    allowed = body["allowed_mentions"]
    assert allowed["parse"] == [] and not allowed.get("users") and not allowed.get("roles")
    assert not allowed.get("replied_user", False)


def sample_digest(channel: str, items: Sequence[DigestItem]) -> Digest:
    return Digest(name="morning", target=f"discord:{channel}", window="2026-11-24T08:00", title="Morning digest",
                  items=tuple(items))


class SlowService:
    """The real service, answering later than Discord's 3-second window allows (scaled down)."""

    def __init__(self, inner: Any, delay: float) -> None:
        self._inner, self._delay = inner, delay

    async def answer(self, question: str, *, thread: str | None = None, follows: str | None = None) -> Answer:
        await asyncio.sleep(self._delay)
        return await self._inner.answer(question, thread=thread, follows=follows)

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        await asyncio.sleep(self._delay)
        return await self._inner.brief(topic, limit=limit)


class BrokenService:
    async def answer(self, question: str, *, thread: str | None = None, follows: str | None = None) -> Answer:
        raise RuntimeError("store exploded: details only for the log")

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        raise RuntimeError("store exploded: details only for the log")


async def test_mention_is_answered_in_a_reply_with_citations_without_message_content_intent(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    expected = await service.answer(QUESTION)
    assert expected.answered and expected.citations
    async with running(service, standin):
        assert standin.connections[0].query.get("compress") == "zlib-stream"
        assert not standin.identifies[0]["intents"] & MESSAGE_CONTENT_INTENT
        ignored = await standin.user_message(f"{QUESTION} (no mention)", mention_bot=False)
        asked = await standin.user_message(f"<@{standin.application_id}> {QUESTION}")

        def reply() -> dict[str, Any] | None:
            return next((m for m in standin.messages.values()
                         if (m.get("message_reference") or {}).get("message_id") == asked["id"]), None)

        message = await standin.wait_until(reply)
    description = message["embeds"][0]["description"]
    assert "[1]" in description
    assert sanitize(expected.citations[0].quote) in description
    assert sanitize(expected.citations[0].outlet) in description
    assert_no_mentions_allowed(standin.bodies[message["id"]])
    assert standin.find("POST", rf"/channels/{asked['channel_id']}/typing")
    assert not any((m.get("message_reference") or {}).get("message_id") == ignored["id"] for m in standin.messages.values())
    assert len(standin.messages) == 1
    assert standin.errors == []


class ThreadRecorder:
    """The real service, recording which conversation each question belongs to and follows."""

    def __init__(self, inner: BriefingService) -> None:
        self.inner = inner
        self.calls: list[tuple[str, str | None, str | None]] = []

    async def answer(self, question: str, *, thread: str | None = None, follows: str | None = None) -> Answer:
        self.calls.append((question, thread, follows))
        return await self.inner.answer(question, thread=thread, follows=follows)

    async def brief(self, topic: str | None = None, *, limit: int = 3) -> list[Brief]:
        return await self.inner.brief(topic, limit=limit)


async def test_a_reply_to_the_bots_answer_follows_up_on_that_question(
    standin: DiscordStandIn, seed_articles: list[Article]
) -> None:
    service = service_over(seed_articles)
    recorder = ThreadRecorder(service)
    bot = f"<@{standin.application_id}>"

    def reply_to(message: dict[str, Any]) -> Any:
        return lambda: next((m for m in standin.messages.values()
                             if (m.get("message_reference") or {}).get("message_id") == message["id"]), None)

    async with running(recorder, standin):  # type: ignore[arg-type]
        asked = await standin.user_message(f"{bot} {QUESTION}")
        answer = await standin.wait_until(reply_to(asked))
        follow_up = await standin.user_message(f"{bot} who made the request?", reply_to=answer)
        await standin.wait_until(reply_to(follow_up))
    channel = asked["channel_id"]
    first_thread, second_thread = f"discord:{channel}:{asked['id']}", f"discord:{channel}:{follow_up['id']}"
    assert recorder.calls == [
        (QUESTION, first_thread, None),
        ("who made the request?", second_thread, first_thread),  # builds on the first exchange
    ]
    stored = service.store.thread(second_thread)
    assert stored is not None and len(stored.questions) == 2 and stored.questions[-1] == "who made the request?"
    service.close()


async def test_slow_ask_is_deferred_within_the_deadline_then_followed_up(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    standin.interaction_deadline = 0.5  # Discord's 3 s, scaled down with the service delay
    async with running(SlowService(service, delay=0.8), standin, defer_after=0.1):
        interaction = await standin.slash_command("ask", {"question": QUESTION})
        await standin.wait_until(lambda: interaction.followups)
    assert [c["type"] for c in interaction.callbacks] == [5]  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    original = interaction.original
    assert original is not None and not original["flags"] & 128  # no longer "thinking…"
    expected = await service.answer(QUESTION)
    assert sanitize(expected.answer) in texts(original)
    assert_no_mentions_allowed(standin.bodies[original["id"]])
    assert standin.errors == []


async def test_commands_sync_to_configured_guilds_and_answer_quickly_without_deferring(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    guild_id = int(standin.guilds[0]["id"])
    app = standin.application_id
    async with running(service, standin, guild_ids=[guild_id]):
        interaction = await standin.slash_command("brief", {"topic": "guard"})
        await standin.wait_until(lambda: interaction.callbacks)
    puts = standin.find("PUT", rf"/applications/{app}/guilds/{guild_id}/commands")
    assert len(puts) == 1 and not standin.find("PUT", rf"/applications/{app}/commands")
    commands = {c["name"]: c for c in puts[0].json}
    assert set(commands) == {"brief", "ask"}
    assert commands["ask"]["options"][0]["name"] == "question" and commands["ask"]["options"][0]["required"]
    assert not commands["brief"]["options"][0].get("required", False)
    # quick work: answered directly (type 4), with the brief as embeds
    assert [c["type"] for c in interaction.callbacks] == [4]
    briefs = await service.brief("guard")
    assert interaction.callbacks[0]["data"]["embeds"][0]["title"] == sanitize(briefs[0].title)


async def test_commands_sync_globally_when_no_guild_is_configured(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    async with running(service, standin):
        pass
    app = standin.application_id
    puts = standin.find("PUT", rf"/applications/{app}/commands")
    assert len(puts) == 1 and {c["name"] for c in puts[0].json} == {"brief", "ask"}
    assert not standin.find("PUT", rf"/applications/{app}/guilds/\d+/commands")


async def test_a_failing_command_gets_a_short_ephemeral_apology_and_the_log_gets_the_details(
    standin: DiscordStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.discord_app"):
        async with running(BrokenService(), standin):
            interaction = await standin.slash_command("ask", {"question": "anything?"})
            await standin.wait_until(lambda: interaction.callbacks)
    callback = interaction.callbacks[0]
    assert callback["type"] == 4 and callback["data"]["content"] == APOLOGY
    assert callback["data"]["flags"] & 64  # ephemeral
    assert "store exploded" in caplog.text and "Traceback" in caplog.text


async def test_a_command_failing_after_deferring_replaces_the_placeholder_with_an_ephemeral_apology(
    standin: DiscordStandIn,
) -> None:
    async with running(SlowService(BrokenService(), delay=0.3), standin, defer_after=0.05):
        interaction = await standin.slash_command("brief")
        await standin.wait_until(lambda: interaction.followups)
    assert [c["type"] for c in interaction.callbacks] == [5]
    assert interaction.original_deleted  # no public "thinking…" left behind
    (apology,) = interaction.followups
    assert apology["content"] == APOLOGY and apology["flags"] & 64


async def test_digest_story_posts_to_the_channel_and_update_replies_to_it(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    channel = standin.guilds[0]["channels"][1]
    (brief,) = await service.brief(limit=1)
    async with running(service, standin) as adapter:
        story = DigestItem(key=f"story:{brief.id}", kind="story", brief=brief)
        first_id = await adapter.post(channel, sample_digest(channel, [story]), story)
        update = DigestItem(key=f"update:{brief.id}", kind="update", brief=brief,
                            text="Two more outlets now report the request.", reply_to=first_id)
        update_id = await adapter.post(channel, sample_digest(channel, [update]), update)
    first, follow = standin.messages[first_id], standin.messages[update_id]
    assert first["channel_id"] == channel and "Morning digest" in first["content"]
    assert first["embeds"][0]["title"] == sanitize(brief.title)
    assert follow["message_reference"]["message_id"] == first_id
    assert "Two more outlets now report the request." in texts(follow)


async def test_scheduled_digest_is_posted_once_even_across_a_restart(
    standin: DiscordStandIn, service: BriefingService, tmp_path: Any
) -> None:
    from bot.app import build_service
    from bot.config import Config, DigestConfig, StorageSettings

    channel = standin.guilds[0]["channels"][0]
    target = f"discord:{channel}"
    config = Config(
        storage=StorageSettings(path=tmp_path / "news.db"),
        digests=(DigestConfig(name="morning", schedule="0 8 * * *", targets=(target,)),),
    )
    stored_at = datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc)  # the seeds arrive before 08:00
    fired = datetime(2026, 11, 24, 8, 1, tzinfo=timezone.utc)
    async with running(service, standin) as adapter:
        first_service = build_service(config, clock=lambda: stored_at)
        try:
            first = await first_service.deliver("morning", target, adapter, now=fired)
        finally:
            first_service.close()
        restarted = build_service(config, clock=lambda: stored_at)  # same SQLite file
        try:
            second = await restarted.deliver("morning", target, adapter, now=fired)
        finally:
            restarted.close()
    assert first.sent and not first.failed
    assert not second.sent and set(second.skipped) == set(first.sent)
    posted = standin.find("POST", rf"/channels/{channel}/messages")
    assert len(posted) >= len(first.sent) and all(c.status == 200 for c in posted)
    stories = [i for i in first.digest.items if i.kind == "story"]
    assert stories and all(any(c.json["embeds"] and c.json["embeds"][0]["title"] == sanitize(i.brief.title)
                                   for c in posted) for i in stories if i.brief)


async def test_a_429_rate_limit_is_waited_out_and_the_post_goes_through(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    channel = standin.guilds[0]["channels"][0]
    standin.fail_next("POST", rf"/channels/{channel}/messages", status=429, retry_after=0.3)
    async with running(service, standin) as adapter:
        notice = DigestItem(key="notice:1", kind="notice", text="Feed example.org failed three times.")
        message_id = await adapter.post(channel, sample_digest(channel, [notice]), notice)
    posts = standin.find("POST", rf"/channels/{channel}/messages")
    assert [c.status for c in posts] == [429, 200]
    assert posts[1].at - posts[0].at >= 0.3
    assert list(standin.messages) == [message_id]


async def test_gateway_disconnect_is_resumed_without_identifying_again(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    async with running(service, standin):
        session_id = standin._session.id if standin._session else None
        await standin.drop_connection(code=4000)
        # sent while the bot is away: Discord replays it after RESUME
        asked = await standin.user_message(f"<@{standin.application_id}> {QUESTION}")
        await standin.wait_until(lambda: any((m.get("message_reference") or {}).get("message_id") == asked["id"]
                                             for m in standin.messages.values()))
    assert len(standin.identifies) == 1
    assert len(standin.resumes) == 1 and standin.resumes[0]["session_id"] == session_id
    assert [c.path for c in standin.connections] == ["/gateway", "/resume"]
    assert standin.connections[1].query.get("compress") == "zlib-stream"
    assert standin.heartbeats >= 2  # one on each connection, right after HELLO


async def test_article_text_with_everyone_and_mentions_is_posted_harmlessly(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    channel = standin.guilds[0]["channels"][0]
    role, user = "112233445566778899", "998877665544332211"
    hostile = f"Officials told @everyone and @here to wait, <@&{role}> and <@{user}> were notified."
    brief = Brief(
        id="b1", title="@everyone **alert**",
        sources=(Source("a1", "Outlet <@&" + role + ">", "Title @here", "https://example.org/a(1)"),),
        summary=(BriefItem(hostile, ("a1",)),),
        differences=(Difference("exclusive", hostile, ("a1",)),),
    )
    async with running(service, standin) as adapter:
        story = DigestItem(key="story:b1", kind="story", brief=brief)
        notice = DigestItem(key="notice:1", kind="notice", text=hostile)
        ids = [await adapter.post(channel, sample_digest(channel, [item]), item) for item in (story, notice)]
    for message_id in ids:
        body = standin.bodies[message_id]
        text = texts(standin.messages[message_id])
        assert_no_mentions_allowed(body)
        assert standin.pings(message_id) == []
        # and harmless even if allowed_mentions were dropped: the text itself cannot mention
        assert would_ping({"content": body.get("content"), "allowed_mentions": None}) == []
        for token in ("@everyone", "@here", f"<@&{role}>", f"<@{user}>"):
            assert token not in text
        assert "everyone" in text and role in text and user in text  # still readable
    assert "](https://example.org/a%281%29)" in texts(standin.messages[ids[0]])


def _big_brief() -> Brief:
    sources = tuple(
        Source(f"s{n:02d}", f"Outlet number {n}", "A rather long headline about the same event " * 3,
               f"https://news{n}.example.org/2026/11/24/story-{n}")
        for n in range(30)
    )
    filler = "and the officials added further detail about the plan and its costs " * 3
    summary = [BriefItem(f"Sentence-{n:03d} reports that {filler.strip()}.", (f"s{n % 30:02d}", f"s{(n + 7) % 30:02d}"))
               for n in range(70)]
    summary.append(BriefItem("Monster-sentence " + "word " * 1100 + "end-of-monster.", ("s01",)))
    differences = tuple(Difference("exclusive", f"Difference-{n:03d}: only this outlet says {filler.strip()}.",
                                   (f"s{n % 30:02d}",)) for n in range(60))
    return Brief(id="big", title="A very large story " * 20, sources=sources, summary=tuple(summary),
                 differences=differences)


async def test_a_large_digest_is_split_within_discord_limits_and_nothing_is_lost(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    channel = standin.guilds[0]["channels"][0]
    brief = _big_brief()
    async with running(service, standin) as adapter:
        item = DigestItem(key="story:big", kind="story", brief=brief)
        first_id = await adapter.post(channel, sample_digest(channel, [item]), item)
    posted = standin.channel_messages(channel)
    assert len(posted) > 1 and posted[0]["id"] == first_id
    assert standin.errors == []
    for message in posted:
        assert embed_problems(message) == []
        assert len(message["embeds"]) <= 10
    everything = "\n".join(texts(m) for m in posted)
    markers = re.findall(r"(Sentence|Difference)-(\d{3})", everything)
    assert [n for kind, n in markers if kind == "Sentence"] == [f"{n:03d}" for n in range(70)]
    assert [n for kind, n in markers if kind == "Difference"] == [f"{n:03d}" for n in range(60)]
    assert everything.count("word") >= 1100 and "end-of-monster" in everything  # the 5,500-char sentence, split
    for n in range(30):
        assert f"https://news{n}.example.org/2026/11/24/story-{n}" in everything
    assert sanitize(brief.title) in everything  # the over-long title is given in full


async def test_a_bad_token_fails_start_with_one_clear_line(standin: DiscordStandIn, service: BriefingService) -> None:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    secret = "not-the-right-token-1234567890"
    settings = DiscordSettings(api_url=standin.api_url, gateway_url=standin.gateway_url)
    adapter = DiscordAdapter(service, settings, Secrets(discord_token=secret), guild_ready_timeout=0.05)
    started = time.monotonic()
    with pytest.raises(PlatformError) as raised:
        await adapter.start()
    message = str(raised.value)
    assert "DISCORD_TOKEN" in message and "\n" not in message and secret not in message
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert time.monotonic() - started < 5
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == (base, gateway)  # endpoints restored
    assert standin.find("GET", "/users/@me")[0].status == 401


# ---------------------------------------------------------------------------------------------
# Exactly once after the nonce window: a digest item Discord accepted just before the process
# died (no delivery record) is found again in channel history by its mark when the delivery
# lease runs out, 10 minutes later, long after Discord has forgotten the nonce.

CRASHED_AT = datetime(2026, 11, 24, 7, 5, tzinfo=timezone.utc)
TAKEN_OVER_AT = CRASHED_AT + timedelta(minutes=11)  # past the 10-minute delivery lease


def marks_in(standin: DiscordStandIn, channel: str) -> list[tuple[str, int]]:
    """(ref, part) of every digest message the bot has in the channel."""
    marks = []
    for message in standin.channel_messages(channel):
        footers = [(e.get("footer") or {}).get("text") for e in message.get("embeds") or []]
        mark = DigestMark.find(message.get("content"), footers)
        if mark is not None:
            marks.append((mark.ref, mark.part))
    return marks


async def crash_after_first_accepted_post(
    store: SqliteStore, digest: Digest, adapter: DiscordAdapter, standin: DiscordStandIn, channel: str
) -> dict[str, Any]:
    """Deliver ``digest`` until Discord has created its first message, then kill the delivery
    before it hears back (nothing recorded); return the message Discord created."""
    path = f"/channels/{channel}/messages"
    accepted, release = standin.hold_after_accept(lambda c: c.method == "POST" and c.path == path and c.status == 200)
    delivery = asyncio.create_task(
        deliver_digest(store, digest, adapter, owner="host-a:1:dead", clock=lambda: CRASHED_AT)
    )
    await asyncio.wait_for(accepted.wait(), 10)
    delivery.cancel()  # the process dies: its claim stays, the post is never recorded
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await delivery
    first = digest.items[0]
    assert store.deliveries(digest.name, digest.target, digest.window)[first.key].state == "claimed"
    (created,) = standin.channel_messages(channel)
    return created


async def test_a_post_accepted_before_a_crash_is_found_in_history_after_the_lease_and_not_repeated(
    standin: DiscordStandIn, service: BriefingService, tmp_path: Path
) -> None:
    channel = standin.guilds[0]["channels"][0]
    (brief,) = await service.brief(limit=1)
    story = DigestItem(key=f"story:{brief.id}", kind="story", brief=brief, story_id=brief.id)
    notice = DigestItem(key="notice:failing", kind="notice", text="Sources failing: example.org (HTTP 500)")
    digest = sample_digest(channel, [story, notice])
    store = SqliteStore(tmp_path / "news.db")
    try:
        async with running(service, standin) as adapter:
            held = await crash_after_first_accepted_post(store, digest, adapter, standin, channel)
            standin.forget_nonces()  # Discord's nonce window is long gone after 10 minutes
            ref = DigestMark.for_key(delivery_key(digest, story), 0, 1).ref
            # people talk meanwhile; one even pastes the mark: only the bot's own messages count
            standin.chatter(channel, 40)
            standin.chatter(channel, 1, content=f"<@{standin.application_id}>\n-# newsbrief · ref {ref}", mention_bot=True)
            standin.fail_next("GET", rf"/channels/{channel}/messages", status=429, retry_after=0.3)
            report = await deliver_digest(store, digest, adapter, owner="host-b:2:new", clock=lambda: TAKEN_OVER_AT)
        records = store.deliveries(digest.name, digest.target, digest.window)
    finally:
        store.close()
    assert report.recovered == (story.key,) and report.sent == (notice.key,) and not report.failed
    assert records[story.key].state == "sent" and records[story.key].message_id == held["id"]
    # the story was posted once: one POST carried its nonce, one message carries its mark
    story_marks = [m for m in marks_in(standin, channel) if m[0] == ref]
    assert story_marks == [(ref, 0)]
    posts = standin.find("POST", rf"/channels/{channel}/messages")
    assert len(posts) == 2 and ref not in texts(standin.messages[records[notice.key].message_id])
    # one history request, rate limited once and retried by discord.py
    history = standin.find("GET", rf"/channels/{channel}/messages")
    assert [c.status for c in history] == [429, 200] and history[1].query["limit"] == "100"
    assert history[1].at - history[0].at >= 0.3
    assert standin.errors == []


async def test_an_item_cut_short_by_a_crash_is_completed_with_only_its_missing_parts(
    standin: DiscordStandIn, service: BriefingService, tmp_path: Path
) -> None:
    channel = standin.guilds[0]["channels"][0]
    item = DigestItem(key="story:big", kind="story", brief=_big_brief(), story_id="big")
    digest = sample_digest(channel, [item])
    store = SqliteStore(tmp_path / "news.db")
    try:
        async with running(service, standin) as adapter:
            held = await crash_after_first_accepted_post(store, digest, adapter, standin, channel)
            standin.forget_nonces()
            report = await deliver_digest(store, digest, adapter, owner="host-b:2:new", clock=lambda: TAKEN_OVER_AT)
        record = store.deliveries(digest.name, digest.target, digest.window)[item.key]
    finally:
        store.close()
    ref = DigestMark.for_key(delivery_key(digest, item), 0, 1).ref
    marks = marks_in(standin, channel)
    parts = DigestMark.find(None, [e["footer"]["text"] for e in held["embeds"] if e.get("footer")])
    assert parts is not None and parts.parts >= 3
    assert sorted(marks) == [(ref, p) for p in range(parts.parts)]  # every part, each once
    assert report.recovered == (item.key,) and report.sent == ()
    assert record.state == "sent" and record.message_id == held["id"]
    for message in standin.channel_messages(channel):
        assert embed_problems(message) == []  # the marks fit within Discord's limits
    assert standin.errors == []


async def test_without_access_to_history_the_item_is_posted_again_with_a_clear_warning(
    standin: DiscordStandIn, service: BriefingService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    channel = standin.guilds[0]["channels"][0]
    notice = DigestItem(key="notice:failing", kind="notice", text="Sources failing: example.org (HTTP 500)")
    digest = sample_digest(channel, [notice])
    store = SqliteStore(tmp_path / "news.db")
    try:
        with caplog.at_level(logging.DEBUG):
            async with running(service, standin) as adapter:
                await crash_after_first_accepted_post(store, digest, adapter, standin, channel)
                standin.forget_nonces()
                standin.forbid_history(channel)
                report = await deliver_digest(store, digest, adapter, owner="host-b:2:new", clock=lambda: TAKEN_OVER_AT)
    finally:
        store.close()
    # today's behaviour without history: a rare duplicate rather than a missed item
    assert report.sent == (notice.key,) and not report.recovered and not report.failed
    assert len(standin.channel_messages(channel)) == 2
    assert [c.status for c in standin.find("GET", rf"/channels/{channel}/messages")] == [403]
    (warning,) = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "bot.discord_app"]
    line = warning.getMessage()
    assert channel in line and "Read Message History" in line and "posted again" in line and "\n" not in line
    assert standin.token not in caplog.text


async def test_a_channel_denying_read_message_history_is_reported_not_mistaken_for_empty(
    standin: DiscordStandIn, service: BriefingService, caplog: pytest.LogCaptureFixture
) -> None:
    channel, other = standin.guilds[0]["channels"]
    standin.deny_read_history(channel)  # a channel overwrite: Discord then returns no messages
    notice = DigestItem(key="notice:1", kind="notice", text="Feed example.org failed three times.")
    async with running(service, standin) as adapter:
        found = {}
        with caplog.at_level(logging.WARNING, logger="bot.discord_app"):
            for where in (channel, other):
                digest = sample_digest(where, [notice])
                key = delivery_key(digest, notice)
                await adapter.post(where, digest, notice, delivery_key=key)
                found[where] = await adapter.find_delivered(where, digest, notice, delivery_key=key)
    assert found[channel] is None
    assert found[other] == standin.channel_messages(other)[0]["id"]
    assert len(caplog.records) == 1 and channel in caplog.records[0].getMessage()
    assert "Read Message History" in caplog.records[0].getMessage()


async def test_history_is_read_back_only_as_far_as_the_limit(
    standin: DiscordStandIn, service: BriefingService
) -> None:
    channel = standin.guilds[0]["channels"][0]
    notice = DigestItem(key="notice:1", kind="notice", text="Feed example.org failed three times.")
    digest = sample_digest(channel, [notice])
    key = delivery_key(digest, notice)
    path = rf"/channels/{channel}/messages"
    async with running(service, standin, history_limit=150) as adapter:
        # a person pasting the item's mark is not the bot posting it
        standin.chatter(channel, 1, content="-# " + DigestMark.for_key(key, 0, 1).text(), mention_bot=True)
        assert await adapter.find_delivered(channel, digest, notice, delivery_key=key) is None
        posted = await adapter.post(channel, digest, notice, delivery_key=key)
        chatter = standin.chatter(channel, 120)  # the post is now the 121st newest message
        assert await adapter.find_delivered(channel, digest, notice, delivery_key=key) == posted
        pages = standin.find("GET", path)[1:]
        assert [c.query.get("limit") for c in pages] == ["100", "50"]
        assert "before" not in pages[0].query and pages[1].query["before"] == chatter[20]["id"]  # page 1's oldest
    async with running(service, standin, history_limit=100) as adapter:
        assert await adapter.find_delivered(channel, digest, notice, delivery_key=key) is None
    assert len(standin.find("GET", path)) == 4  # bounded: one more page, not the whole channel


@pytest.mark.parametrize(
    ("content", "question"),
    [
        ("<@123456789012345678> how many troops?", "how many troops?"),
        ("<@!1> ask <@&22> and <#33> @everyone @here how many troops?", "ask and how many troops?"),
        ("how big was the <:flag_us:44> deployment <t:1700000000:R>?", "how big was the flag_us deployment?"),
    ],
)
def test_discord_markup_becomes_plain_words_in_the_adapter(content: str, question: str) -> None:
    from bot.discord_app import question_text

    assert question_text(content) == question
