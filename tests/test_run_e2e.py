"""`newsbrief run` end to end: the real CLI process, its adapters and scheduler, against the stand-ins.

Each test writes a config whose platform endpoints point at a stand-in on 127.0.0.1, stores the
seed articles in a SQLite file beforehand (so that the story predates the digest's firing), and
schedules the digest for the current minute with a grace period: ``run`` delivers that window as
it starts (the scheduler's catch-up of a window that fired while it was down), and the next
firing is a year away, so exactly one window is in play. The test then mentions the bot, checks
the answer, sends SIGTERM and expects a clean exit: status 0 and no traceback on stderr.
"""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_service
from bot.config import load_config
from bot.runner import run

ROOT = Path(__file__).resolve().parent.parent
NEWSBRIEF = Path(sys.executable).with_name("newsbrief")

pytestmark = pytest.mark.timeout(30)

QUESTION = "how many National Guard troops were requested?"


def write_config(tmp_path: Path, target: str, platform: str) -> Path:
    """A config with the seeds in a SQLite file and a digest firing in the current UTC minute."""
    now = datetime.now(timezone.utc)
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
include_seeds = true
[storage]
path = "news.db"
[digests.now]
schedule = "{now.minute} {now.hour} {now.day} {now.month} *"
timezone = "UTC"
targets = ["{target}"]
grace_minutes = 5
{platform}
""",
        encoding="utf-8",
    )
    # Store the seeds ten minutes ago: the story is then in the window that fires this minute.
    service = build_service(load_config(path), clock=lambda: now - timedelta(minutes=10))
    service.close()
    return path


async def start_run(config: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    return await asyncio.create_subprocess_exec(
        str(NEWSBRIEF), "run", "--config", str(config),
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def wait_for(predicate: Any, process: asyncio.subprocess.Process, timeout: float = 30.0) -> Any:
    """Poll ``predicate`` until it holds; fail early, with its stderr, if the process ends."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if process.returncode is not None:
            err = (await process.stderr.read()).decode()  # type: ignore[union-attr]
            pytest.fail(f"newsbrief run exited with {process.returncode}: {err[-2000:]}")
        if asyncio.get_running_loop().time() > deadline:
            process.kill()
            err = (await process.stderr.read()).decode()  # type: ignore[union-attr]
            pytest.fail(f"condition not met in time; stderr: {err[-2000:]}")
        await asyncio.sleep(0.05)


async def terminate(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, then the exit status must be 0 and stderr free of tracebacks."""
    process.send_signal(signal.SIGTERM)
    try:
        _, err = await asyncio.wait_for(process.communicate(), timeout=10)
    except TimeoutError:
        process.kill()
        raise
    text = err.decode()
    assert process.returncode == 0, text[-2000:]
    assert "Traceback" not in text, text[-2000:]
    return text


#: What libraries say on every start that an operator can do nothing about.
LIBRARY_NOISE = ("PyNaCl", "davey", "will be unused", "Traceback", "Shard ID")


def assert_operator_log(log: str, platform: str) -> None:
    """The default log of a healthy run: a line for the connection, no library noise, short."""
    lines = log.strip().splitlines()
    assert any(f"connected to {platform}" in line for line in lines), log
    assert any("running:" in line for line in lines) and lines[-1].endswith("stopped"), log
    assert not [line for line in lines if any(noise in line for noise in LIBRARY_NOISE)], log
    assert len(lines) <= 6, log


async def test_run_with_slack_answers_a_mention_and_posts_the_digest_once(tmp_path: Path) -> None:
    from slack_standin import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, SlackStandin, block_texts

    from bot.slack_app import ANSWER_EVENT_TYPE, DIGEST_EVENT_TYPE

    standin = await SlackStandin().start()
    try:
        config = write_config(tmp_path, "slack:C0DIGEST", f'[slack]\napi_url = "{standin.api_url}"')
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN}

        def digest_messages() -> list[dict[str, Any]]:
            return [
                m for m in standin.history["C0DIGEST"]
                if (m.get("metadata") or {}).get("event_type") == DIGEST_EVENT_TYPE
            ]

        for attempt in range(2):  # the second run is a restart: the window is already delivered
            process = await start_run(config, env)
            await wait_for(lambda n=attempt: standin.connections > n, process)
            if attempt == 0:
                await wait_for(digest_messages, process)
            event = standin.user_message(f"<@{BOT_USER_ID}> {QUESTION}", channel="C0NEWS")
            await standin.send_event(event)
            await wait_for(
                lambda ts=event["ts"]: [m for m in standin.history["C0NEWS"] if m.get("thread_ts") == ts and m.get("bot_id")],
                process,
            )
            log = await terminate(process)
            assert_operator_log(log, "Slack")
            if attempt == 0:
                assert "digest now delivered to slack:C0DIGEST" in log

        answers = [m for m in standin.history["C0NEWS"] if m.get("bot_id")]
        assert len(answers) == 2 and all(m["metadata"]["event_type"] == ANSWER_EVENT_TYPE for m in answers)
        answer = "\n".join(block_texts(answers[0]["blocks"]))
        assert "No source" not in answers[0]["text"] and "[1]" in answer  # answered, with citations
        posted = digest_messages()
        keys = [(m["metadata"]["event_payload"]["delivery_key"], m["metadata"]["event_payload"]["part"]) for m in posted]
        assert posted and len(keys) == len(set(keys))  # every message of the digest, once, over two runs
        assert any(b.get("type") == "header" for m in posted for b in m["blocks"])  # a story, not "no news"
    finally:
        await standin.stop()


async def test_run_with_discord_answers_a_mention_and_posts_the_digest_once(tmp_path: Path) -> None:
    from discord_standin import DiscordStandIn

    async with DiscordStandIn() as standin:
        guild = standin.guilds[0]
        digest_channel, chat_channel = guild["channels"]
        platform = (
            f'[discord]\napi_url = "{standin.api_url}"\ngateway_url = "{standin.gateway_url}"\n'
            f"guild_ids = [{guild['id']}]"
        )
        config = write_config(tmp_path, f"discord:{digest_channel}", platform)
        process = await start_run(config, {"DISCORD_TOKEN": standin.token})
        await wait_for(lambda: standin.channel_messages(digest_channel), process)
        mention = await standin.user_message(f"<@{standin.application_id}> {QUESTION}", channel_id=chat_channel)
        replies = await wait_for(
            lambda: [
                m for m in standin.channel_messages(chat_channel)
                if (m.get("message_reference") or {}).get("message_id") == mention["id"]
            ],
            process,
        )
        log = await terminate(process)
        assert_operator_log(log, "Discord")
        assert f"digest now delivered to discord:{digest_channel}" in log

        digest = standin.channel_messages(digest_channel)
        posts = standin.find("POST", rf"/channels/{digest_channel}/messages")
        assert len(posts) == len(digest) and digest[0]["embeds"]  # posted once, as embeds
        assert {c.json["nonce"] for c in posts} == {m["nonce"] for m in digest}  # keyed by the delivery
        assert "National Guard" in "".join(e.get("description", "") for e in replies[0]["embeds"])
        assert standin.commands.get(guild["id"])  # /brief and /ask synced to the configured guild


# ---------------------------------------------------------------------------------------------
# a run that cannot do what its config asks says so at once, in one line


async def run_to_end(config: Path, env: dict[str, str], timeout: float = 20) -> tuple[int, str]:
    process = await start_run(config, env)
    _, err = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode or 0, err.decode()


async def test_run_with_platform_targets_but_no_tokens_and_no_terminal_exits_naming_them(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[digests.morning]\nschedule = "0 8 * * *"\ntargets = ["slack:C0123", "discord:112233445566778899"]\n')
    code, err = await run_to_end(config, {})
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    for name in ("Slack", "Discord", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN"):
        assert name in err


async def test_run_with_nothing_to_run_and_no_terminal_says_what_is_missing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("include_seeds = true\n")
    code, err = await run_to_end(config, {})
    assert code == 1 and len(err.strip().splitlines()) == 1 and "nothing to run" in err and "DISCORD_TOKEN" in err, err


async def test_an_unreachable_discord_gateway_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    from discord_standin import DiscordStandIn

    async with DiscordStandIn() as standin:
        config = tmp_path / "config.toml"
        config.write_text(f'[discord]\napi_url = "{standin.api_url}"\ngateway_url = "ws://127.0.0.1:9/"\n')
        code, err = await run_to_end(config, {"DISCORD_TOKEN": standin.token})
    assert code == 1 and err.strip().splitlines() == ["newsbrief: cannot reach the Discord gateway at ws://127.0.0.1:9/ (connection refused)"]


# ---------------------------------------------------------------------------------------------
# one store, one answer, wherever it is asked


async def test_one_question_gets_the_same_answer_from_ask_the_terminal_chat_slack_and_discord(tmp_path: Path) -> None:
    import json
    import subprocess

    from discord_standin import DiscordStandIn
    from slack_standin import APP_TOKEN, BOT_TOKEN, BOT_USER_ID, SlackStandin

    slack = await SlackStandin().start()
    try:
        async with DiscordStandIn() as discord:
            guild = discord.guilds[0]
            chat_channel = guild["channels"][1]
            config = tmp_path / "config.toml"
            config.write_text(
                'include_seeds = true\n[storage]\npath = "news.db"\n'
                f'[slack]\napi_url = "{slack.api_url}"\n'
                f'[discord]\napi_url = "{discord.api_url}"\ngateway_url = "{discord.gateway_url}"\nguild_ids = [{guild["id"]}]\n'
            )
            env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "DISCORD_TOKEN": discord.token}
            process = await start_run(config, env)
            # connected is not enough: a message dispatched before the bot identifies has no session
            await wait_for(lambda: slack.connections > 0 and discord.identifies, process)
            event = slack.user_message(f"<@{BOT_USER_ID}> {QUESTION}", channel="C0NEWS")
            await slack.send_event(event)
            mention = await discord.user_message(f"<@{discord.application_id}> {QUESTION}", channel_id=chat_channel)
            slack_answers = await wait_for(
                lambda: [m for m in slack.history["C0NEWS"] if m.get("thread_ts") == event["ts"] and m.get("bot_id")], process
            )
            discord_answers = await wait_for(
                lambda: [
                    m for m in discord.channel_messages(chat_channel)
                    if (m.get("message_reference") or {}).get("message_id") == mention["id"]
                ],
                process,
            )
            log = await terminate(process)
    finally:
        await slack.stop()
    assert "connected to Slack" in log and "connected to Discord" in log

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "NEWSBRIEF_"))}
    asked = subprocess.run(
        [str(NEWSBRIEF), "ask", QUESTION, "--json", "--config", str(config)], capture_output=True, text=True, env=clean, timeout=60
    )
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)["answer"]
    # the terminal chat, as `newsbrief chat` runs it (in this process: a pipe for its input)
    screen = io.StringIO()
    assert await run(load_config(config), chat_only=True, stdin=io.StringIO(f"{QUESTION}\n/quit\n"), out=screen) == 0
    assert answer and answer != "No source covers this question."
    assert answer in screen.getvalue().split("\n[1]")[0]  # the chat's answer, above its first quote
    assert answer in slack_answers[0]["text"]  # Slack's message text is the short answer
    assert answer in discord_answers[0]["embeds"][0]["title"] + discord_answers[0]["embeds"][0].get("description", "")
