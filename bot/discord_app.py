"""The Discord adapter: slash commands, mentions and scheduled digests, on discord.py.

Thin by design: each entry point reads the event, calls the ``BriefingService`` once, renders
with ``bot.discord_render`` and sends. It is also the ``DigestSink`` the scheduler hands to
``service.deliver`` (``platform = "discord"``), so digests reuse the same rendering.

    adapter = DiscordAdapter(service, config.discord, Secrets.from_env())
    await adapter.start()          # logs in, syncs commands, connects; returns once ready
    ...                            # the gateway runs in the background of this event loop
    await adapter.stop()

What users get:

* ``/brief [topic]`` and ``/ask question``: answered directly when the service is quick, else
  deferred ("newsbrief is thinking…") well inside Discord's 3-second window and followed up
  through the interaction webhook. Failures get a short ephemeral apology; the log gets the rest.
* ``@newsbrief how many troops?``: a reply to that message. Messages that mention the bot carry
  their content without the privileged message-content intent, so the bot never asks for it.
* Digests: ``post(channel, digest, item)`` sends an item to a channel id and returns the first
  message's id; "what changed" updates reply to the earlier digest message.

* Digests go out exactly once across a crash between Discord accepting a post and the delivery
  record storing it. Two layers, both keyed by the pipeline's delivery key:

  - each message's ``nonce`` derives from it, and Discord (``enforce_nonce``) answers a repeated
    nonce within a few minutes with the message it already created;
  - each message carries a quiet mark (``newsbrief · ref 3f9a2c1b9e0d``, an embed footer or a
    subtext line: ``bot.discord_render.DigestMark``). Discord forgets nonces and does not return
    them from history, but it returns the bot's own messages in full, without the privileged
    message-content intent. ``find_delivered`` reads the channel's latest ``history_limit``
    messages for the bot's own mark before an item whose earlier attempt died is posted again
    (the delivery lease is 10 minutes, long after the nonce is forgotten), and completes an item
    a crash cut short. Without View Channel / Read Message History it warns and the item is
    posted again (a rare duplicate rather than a missed item).

Every send uses ``AllowedMentions.none()`` and sanitised text, so article text cannot ping.

Endpoints. discord.py reads its REST base from the class attribute ``discord.http.Route.BASE``
and its gateway from ``DiscordWebSocket.DEFAULT_GATEWAY``; there is no per-client setting. The
adapter sets both while it runs and restores them on ``stop`` (``_Endpoints``). Caveat: they are
process-wide, so every discord.py client in the process talks to the same server while an adapter
runs; two adapters in one process must use the same URLs (a conflicting second one is refused at
start rather than silently sharing the first one's server).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import ClassVar, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from discord.voice_client import VoiceClient

from summarizer import Answer, Brief

from .config import DiscordSettings, Secrets
from .discord_render import (
    DIGEST_LIMITS,
    DigestMark,
    OutgoingMessage,
    mark_messages,
    render_answer,
    render_briefs,
    render_text,
    render_update,
)
from .errors import PlatformError
from .ports import Briefing, Digest, DigestItem

__all__ = ["DiscordAdapter", "digest_nonce", "question_text"]

_log = logging.getLogger(__name__)
_ops = logging.getLogger("newsbrief")

T = TypeVar("T")

#: Sent with every message: nothing the bot posts may notify anyone.
NO_MENTIONS = discord.AllowedMentions.none()

APOLOGY = "Sorry, something went wrong while answering that. Please try again in a moment."
MENTION_HINT = "Ask me a question about the news, e.g. `@{name} how many troops were requested?`"
NO_STORIES = "No stories found{about}."
NO_NEWS = "No new stories in this window."
#: Discord's limit on a message nonce.
NONCE_LENGTH = 25
#: Latest channel messages read back when looking for a digest item posted before a crash
#: (Discord returns at most 100 a request; other people's messages count too).
HISTORY_LIMIT = 100

# Discord's markup in message content (https://discord.com/developers/docs/reference#message-formatting):
# <@123> and <@!123> users, <@&123> roles, <#123> channels, <:name:123> and <a:name:123> emoji,
# <t:1700000000:R> timestamps, </name:123> commands, and the @everyone / @here pings.
_MENTION_TOKEN = re.compile(r"<@!?(\d+)>")
_ROLE_OR_CHANNEL = re.compile(r"<(?:@&|#)\d+>")
_EMOJI = re.compile(r"<a?:(\w+):\d+>")
_TIMESTAMP = re.compile(r"<t:-?\d+(?::[tTdDfFR])?>")
_COMMAND = re.compile(r"</([\w -]+):\d+>")
_EVERYONE = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)


def question_text(content: str) -> str:
    """The question in a Discord message, as plain words: every mention, role, channel and
    ``@everyone``/``@here`` removed (so that nothing derived from it can ping), a custom emoji
    reduced to its name, a slash-command mention to its name.

    >>> question_text("<@42> what did <@!7> say about <:flag:99> in <#5>? @everyone")
    'what did say about flag in?'
    """
    text = _MENTION_TOKEN.sub(" ", content or "")
    text = _ROLE_OR_CHANNEL.sub(" ", text)
    text = _EMOJI.sub(lambda m: f" {m.group(1)} ", text)
    text = _TIMESTAMP.sub(" ", text)
    text = _COMMAND.sub(lambda m: f" /{m.group(1)} ", text)
    text = _EVERYONE.sub(" ", text)
    # What was removed leaves no gap before punctuation ("in <#5>?" -> "in?").
    return re.sub(r" ([?!.,;:])", r"\1", " ".join(text.split()))


class _OneLineErrors(logging.Filter):
    """discord.py logs each failed gateway connection with its traceback ("Attempting a reconnect
    in 5.00s" and fifty lines). Outside ``--debug`` the operator gets the line and the cause:
    the exception's type and message are appended and the traceback dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None and not logging.getLogger("bot").isEnabledFor(logging.DEBUG):
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(exc).__name__}: {exc})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


for _name in ("discord.client", "discord.gateway", "discord.http", "discord.shard"):
    logging.getLogger(_name).addFilter(_OneLineErrors())


def digest_nonce(delivery_key: str, part: int) -> str:
    """The nonce of one message (``part``) of a digest item: the same on every attempt, and
    within Discord's 25-character limit."""
    return hashlib.sha256(f"{delivery_key}:{part}".encode()).hexdigest()[:NONCE_LENGTH]


class _Endpoints:
    """Process-wide, reference-counted override of discord.py's REST base and gateway URL.

    discord.py keeps both as class attributes, so the override cannot be per client. The first
    adapter to start saves the library's values and sets its own; later adapters may join only
    with the same URLs; the last one to stop restores the saved values.
    """

    _users: ClassVar[int] = 0
    _saved: ClassVar[tuple[str, yarl.URL] | None] = None

    @classmethod
    def acquire(cls, api_url: str | None, gateway_url: str | None) -> None:
        base = Route.BASE if cls._saved is None else cls._saved[0]
        gateway = DiscordWebSocket.DEFAULT_GATEWAY if cls._saved is None else cls._saved[1]
        wanted = (api_url.rstrip("/") if api_url else base, yarl.URL(gateway_url) if gateway_url else gateway)
        if cls._users:
            if (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) != wanted:
                raise PlatformError(
                    "another Discord adapter in this process uses different discord.api_url/"
                    "gateway_url; discord.py's endpoints are process-wide"
                )
        else:
            cls._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = wanted
        cls._users += 1

    @classmethod
    def release(cls) -> None:
        if cls._users == 0:
            return
        cls._users -= 1
        if cls._users == 0 and cls._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = cls._saved
            cls._saved = None


class _Client(discord.Client):
    """discord.py client wired to the adapter: commands installed in ``setup_hook``, messages routed."""

    def __init__(self, adapter: DiscordAdapter, *, guild_ready_timeout: float) -> None:
        # The bot never joins voice: no warnings about voice libraries it does not need.
        VoiceClient.warn_nacl = VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True  # guild and channel objects for interactions and replies
        intents.guild_messages = True  # MESSAGE_CREATE in servers (content only when mentioned)
        intents.dm_messages = True  # direct messages always carry content
        super().__init__(
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            guild_ready_timeout=guild_ready_timeout,
            max_messages=None,  # no message cache: the bot never looks messages up
        )
        self.adapter = adapter
        self.tree = app_commands.CommandTree(self)

    async def setup_hook(self) -> None:
        await self.adapter._install_commands(self.tree)

    async def on_message(self, message: discord.Message) -> None:
        await self.adapter._on_message(message)


class DiscordAdapter:
    """newsbrief on Discord. Construct, ``await start()``, ``await stop()``.

    ``defer_after`` is how long a slash command may run before the adapter defers it (Discord
    drops an interaction not answered within 3 s of its creation, and some of that is network);
    ``guild_ready_timeout`` is discord.py's wait after the last GUILD_CREATE before "ready";
    ``ready_timeout`` bounds ``start``; ``history_limit`` is how many of a channel's latest
    messages ``find_delivered`` reads (each 100 is one request).
    """

    platform = "discord"

    def __init__(
        self,
        service: Briefing,
        settings: DiscordSettings,
        secrets: Secrets,
        *,
        defer_after: float = 1.5,
        guild_ready_timeout: float = 2.0,
        ready_timeout: float = 60.0,
        history_limit: int = HISTORY_LIMIT,
    ) -> None:
        self._service = service
        self._settings = settings
        self._secrets = secrets
        self._defer_after = defer_after
        self._guild_ready_timeout = guild_ready_timeout
        self._ready_timeout = ready_timeout
        self._history_limit = history_limit
        self._client: _Client | None = None
        self._runner: asyncio.Task[None] | None = None
        self._holds_endpoints = False

    # ----------------------------------------------------------------------------------------
    # Lifetime
    # ----------------------------------------------------------------------------------------

    @property
    def client(self) -> discord.Client:
        """The running discord.py client (for the scheduler and diagnostics)."""
        if self._client is None:
            raise PlatformError("the Discord adapter is not running")
        return self._client

    async def start(self) -> None:
        """Log in, sync commands and connect; return once the gateway session is ready.

        Raises ``PlatformError`` (one line, never the token) when the token is missing or wrong,
        Discord cannot be reached, commands cannot be registered, or it does not become ready.
        """
        if self._client is not None:
            raise PlatformError("the Discord adapter is already running")
        token = (self._secrets.discord_token or "").strip()
        if not token:
            raise PlatformError("DISCORD_TOKEN is not set: give the bot token of your Discord application")
        _Endpoints.acquire(self._settings.api_url, self._settings.gateway_url)
        self._holds_endpoints = True
        try:
            client = self._client = _Client(self, guild_ready_timeout=self._guild_ready_timeout)
            await self._login(client, token)
            await self._probe_gateway()
            self._runner = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
            await self._wait_ready(client, self._runner)
        except BaseException:
            await self.stop()
            raise
        self._runner.add_done_callback(self._gateway_finished)
        guilds = len(client.guilds)
        _ops.info("connected to Discord as %s in %d server%s", client.user, guilds, "" if guilds == 1 else "s")

    async def _login(self, client: _Client, token: str) -> None:
        try:
            await client.login(token)
        except discord.LoginFailure:
            raise PlatformError(
                "Discord rejected the bot token (DISCORD_TOKEN): check it is your application's bot token"
            ) from None
        except (aiohttp.ClientError, OSError) as exc:
            raise PlatformError(f"cannot reach Discord at {Route.BASE}: {type(exc).__name__}") from None
        except discord.HTTPException as exc:
            raise PlatformError(f"Discord refused to log in: HTTP {exc.status}") from None

    @staticmethod
    async def _probe_gateway(timeout: float = 10.0) -> None:
        """Open (and close) a TCP connection to the gateway's host, so that an unreachable
        gateway is one clear line at start rather than discord.py retrying it for ever."""
        url = yarl.URL(str(DiscordWebSocket.DEFAULT_GATEWAY))
        host, port = url.host or "", url.port or (443 if url.scheme == "wss" else 80)
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        except (OSError, TimeoutError) as exc:
            if isinstance(exc, TimeoutError):
                why = f"no answer within {timeout:g} s"
            else:
                why = os.strerror(exc.errno).lower() if exc.errno else (exc.strerror or type(exc).__name__)
            raise PlatformError(f"cannot reach the Discord gateway at {url} ({why})") from None
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass

    async def _wait_ready(self, client: _Client, runner: asyncio.Task[None]) -> None:
        ready = asyncio.create_task(client.wait_until_ready())
        try:
            done, _ = await asyncio.wait({ready, runner}, timeout=self._ready_timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
        if ready in done and not ready.cancelled():
            return
        if runner in done:
            exc = runner.exception() if not runner.cancelled() else None
            if isinstance(exc, discord.ConnectionClosed) and exc.code == 4004:
                raise PlatformError("Discord rejected the bot token (DISCORD_TOKEN) at the gateway")
            if isinstance(exc, discord.PrivilegedIntentsRequired):
                raise PlatformError("Discord refused the requested gateway intents")
            if isinstance(exc, (OSError, aiohttp.ClientError)):
                raise PlatformError(f"cannot reach the Discord gateway at {DiscordWebSocket.DEFAULT_GATEWAY} ({type(exc).__name__})")
            raise PlatformError(f"the Discord gateway connection ended before ready: {type(exc).__name__}: {exc}")
        raise PlatformError(
            f"Discord gateway at {DiscordWebSocket.DEFAULT_GATEWAY} was not ready within {self._ready_timeout:g} s"
        )

    def _gateway_finished(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            _ops.error("the Discord gateway connection ended: %s: %s", type(exc).__name__, exc)
            _log.debug("the Discord gateway connection ended", exc_info=exc)

    async def stop(self) -> None:
        """Close the gateway and HTTP sessions and restore discord.py's endpoints. Idempotent."""
        client, runner = self._client, self._runner
        self._client = self._runner = None
        try:
            if client is not None:
                await client.close()
            if runner is not None:
                runner.cancel()
                await asyncio.gather(runner, return_exceptions=True)
        finally:
            if self._holds_endpoints:
                self._holds_endpoints = False
                _Endpoints.release()

    # ----------------------------------------------------------------------------------------
    # Application commands
    # ----------------------------------------------------------------------------------------

    async def _install_commands(self, tree: app_commands.CommandTree[_Client]) -> None:
        """Register /brief and /ask (per guild when guild ids are configured, else globally) and sync."""

        @app_commands.command(name="brief", description="Merged, cited briefs of the top stories")
        @app_commands.describe(topic="Only stories about this (optional)")
        async def brief(interaction: discord.Interaction, topic: str | None = None) -> None:
            topic = question_text(topic or "") or None
            await self._run_command(interaction, self._service.brief(topic), self._briefs_reply(topic))

        @app_commands.command(name="ask", description="Ask a question; get the answer quoted and cited")
        @app_commands.describe(question="Your question about the news")
        async def ask(interaction: discord.Interaction, question: str) -> None:
            await self._run_command(interaction, self._service.answer(question_text(question)), render_answer)

        guilds = [discord.Object(id=g) for g in self._settings.guild_ids]
        for command in (brief, ask):
            if guilds:
                tree.add_command(command, guilds=guilds)
            else:
                tree.add_command(command)
        tree.error(self._on_tree_error)

        if not self._settings.sync_commands:
            return
        try:
            if guilds:
                for guild in guilds:
                    await tree.sync(guild=guild)
            else:
                await tree.sync()
        except discord.Forbidden:
            raise PlatformError(
                "Discord refused to register the slash commands: invite the bot with the "
                "applications.commands scope to every guild in discord.guild_ids"
            ) from None
        except discord.HTTPException as exc:
            raise PlatformError(f"Discord refused to register the slash commands: HTTP {exc.status}") from None
        _log.info("Synced /brief and /ask %s", f"to {len(guilds)} guild(s)" if guilds else "globally")

    def _briefs_reply(self, topic: str | None) -> Callable[[list[Brief]], list[OutgoingMessage]]:
        def render(briefs: list[Brief]) -> list[OutgoingMessage]:
            if not briefs:
                return render_text(NO_STORIES.format(about=f" about “{topic}”" if topic else ""))
            return render_briefs(briefs)

        return render

    async def _run_command(
        self,
        interaction: discord.Interaction,
        work: Awaitable[T],
        render: Callable[[T], list[OutgoingMessage]],
    ) -> None:
        """Answer directly if ``work`` is done within ``defer_after``; else defer, then follow up."""
        task = asyncio.ensure_future(work)
        sent = False
        try:
            try:
                result = await asyncio.wait_for(asyncio.shield(task), timeout=self._defer_after)
            except TimeoutError:
                await interaction.response.defer(thinking=True)
                result = await task
            messages = render(result)
            for message in messages:
                if not interaction.response.is_done():
                    await interaction.response.send_message(
                        content=message.content, embeds=message.embed_objects(), allowed_mentions=NO_MENTIONS
                    )
                else:
                    # after a defer, the first follow-up replaces the "thinking…" placeholder
                    await interaction.followup.send(
                        content=message.content or discord.utils.MISSING,
                        embeds=message.embed_objects(),
                        allowed_mentions=NO_MENTIONS,
                    )
                sent = True
        except Exception:
            task.cancel()
            _log.exception("/%s failed", interaction.command.name if interaction.command else "?")
            await self._apologise(interaction, placeholder_left=not sent)

    async def _apologise(self, interaction: discord.Interaction, *, placeholder_left: bool) -> None:
        """A short ephemeral apology; never raises (the original error is already logged)."""
        try:
            if not interaction.response.is_done():
                await interaction.response.send_message(APOLOGY, ephemeral=True)
                return
            if placeholder_left and interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
                # the public "thinking…" placeholder would otherwise turn into a public apology
                await interaction.delete_original_response()
            await interaction.followup.send(APOLOGY, ephemeral=True)
        except discord.HTTPException:
            _log.warning("could not send the apology for interaction %s", interaction.id, exc_info=True)

    async def _on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        _log.error("application command failed", exc_info=error)
        await self._apologise(interaction, placeholder_left=True)

    # ----------------------------------------------------------------------------------------
    # Mentions
    # ----------------------------------------------------------------------------------------

    async def _on_message(self, message: discord.Message) -> None:
        client = self._client
        if client is None or client.user is None or message.author.bot:
            return
        me = client.user.id
        if not any(user.id == me for user in message.mentions):
            return
        question = question_text(message.content)
        try:
            if not question:
                await message.reply(MENTION_HINT.format(name=client.user.name), allowed_mentions=NO_MENTIONS)
                return
            try:  # "newsbrief is typing…" until the reply lands (cosmetic: never fatal)
                await message.channel.typing()
            except discord.HTTPException:
                _log.debug("could not show typing in channel %s", message.channel.id)
            channel_id = message.channel.id
            answer: Answer = await self._service.answer(
                question, thread=f"discord:{channel_id}:{message.id}", follows=self._follows(message)
            )
            reference: discord.Message | None = message
            for out in render_answer(answer):
                if reference is not None:
                    await message.reply(
                        content=out.content, embeds=out.embed_objects(), allowed_mentions=NO_MENTIONS, mention_author=False
                    )
                    reference = None
                else:
                    await message.channel.send(content=out.content, embeds=out.embed_objects(), allowed_mentions=NO_MENTIONS)
        except Exception:
            _log.exception("answering a mention in channel %s failed", message.channel.id)
            try:
                await message.reply(APOLOGY, allowed_mentions=NO_MENTIONS, mention_author=False)
            except discord.HTTPException:
                _log.warning("could not send the apology in channel %s", message.channel.id, exc_info=True)

    @staticmethod
    def _follows(message: discord.Message) -> str | None:
        """The conversation a reply continues: replying to the bot's answer continues the
        question that answer replied to; replying to a question continues that question."""
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        resolved = reference.resolved
        asked = reference.message_id
        if isinstance(resolved, discord.Message) and resolved.author.bot and resolved.reference is not None:
            asked = resolved.reference.message_id or asked
        return f"discord:{message.channel.id}:{asked}"

    # ----------------------------------------------------------------------------------------
    # Digests (DigestSink)
    # ----------------------------------------------------------------------------------------

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        """Post one digest item to a channel id; return the id of its first message.

        An item too big for one message goes out as several; follow-ups reply to the first.
        With ``delivery_key`` each message carries its ``DigestMark`` (for ``find_delivered``)
        and a nonce derived from the key (discord.py sends ``enforce_nonce`` with every nonce),
        so Discord answers a repeat of the same post within a few minutes with the message it
        already created instead of creating another. Raises on failure (after discord.py's own
        rate-limit retries) so that ``deliver`` leaves the item undelivered and tries again later.
        """
        channel_id = _channel_id(channel)
        messages = self._render_item(digest, item, delivery_key)
        ids = await self._send_parts(channel_id, item, messages, range(len(messages)), delivery_key)
        _log.info("posted %s %s to Discord channel %s (%d message(s))", item.kind, item.key, channel, len(messages))
        return ids[0]

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        """The id of an earlier post of this item (found by its mark in history), or None.

        Called by ``deliver`` only for an item whose earlier attempt died mid-post. Reads the
        channel's latest ``history_limit`` messages (discord.py waits out a 429 and retries) and
        keeps the bot's own messages marked with this delivery key. When a crash cut a
        multi-message item short, the missing parts are posted now, so the item ends up complete
        and still once. Returns None, with a warning, when the bot may not read the channel's
        history: Discord answers 403 without View Channel, and an empty history without Read
        Message History; the item is then posted again.
        """
        client = self.client
        channel_id = _channel_id(channel)
        me = client.user.id if client.user is not None else None
        ref = DigestMark.for_key(delivery_key, 0, 1).ref
        found: dict[int, discord.Message] = {}
        seen = 0
        try:
            async for message in client.get_partial_messageable(channel_id).history(limit=self._history_limit):
                seen += 1
                if message.author.id != me:
                    continue
                mark = DigestMark.find(message.content, (e.footer.text for e in message.embeds))
                if mark is not None and mark.ref == ref:
                    found[mark.part] = message  # newest first: the oldest copy of a part wins
        except discord.Forbidden as exc:
            _log.warning(
                "Discord refused to read the history of channel %s (HTTP %s, code %s: %s): cannot check "
                "whether digest item %s was posted before a crash, so it is posted again; give the bot "
                "View Channel and Read Message History there",
                channel, exc.status, exc.code, exc.text, item.key,
            )
            return None
        if not seen and not self._can_read_history(channel_id):
            _log.warning(
                "the bot lacks Read Message History in Discord channel %s: cannot check whether digest "
                "item %s was posted before a crash, so it is posted again; grant that permission there",
                channel, item.key,
            )
            return None
        if 0 not in found:
            if found:
                _log.warning("digest item %s: later parts found in channel %s, but not its first one "
                             "within the latest %d messages: posting it again", item.key, channel, self._history_limit)
            return None
        messages = self._render_item(digest, item, delivery_key)
        missing = [part for part in range(len(messages)) if part not in found]
        if missing:
            _log.info("completing digest item %s in Discord channel %s: part(s) %s of %d",
                      item.key, channel, ", ".join(str(p + 1) for p in missing), len(messages))
            await self._send_parts(channel_id, item, messages, missing, delivery_key)
        return str(found[0].id)

    def _can_read_history(self, channel_id: int) -> bool:
        """Whether the cached permissions let the bot read the channel's history (True when the
        channel or the bot's member is not cached: then nothing says otherwise)."""
        channel = self.client.get_channel(channel_id)
        guild = getattr(channel, "guild", None)
        me = guild.me if guild is not None else None
        if channel is None or me is None or not hasattr(channel, "permissions_for"):
            return True
        permissions = channel.permissions_for(me)
        return permissions.view_channel and permissions.read_message_history

    async def _send_parts(
        self,
        channel_id: int,
        item: DigestItem,
        messages: Sequence[OutgoingMessage],
        parts: Sequence[int],
        delivery_key: str | None,
    ) -> list[str]:
        """Send ``parts`` of an item's messages in order; the first part of an update replies."""
        target = self.client.get_partial_messageable(channel_id)
        reference = None
        if item.kind == "update" and item.reply_to:
            reference = discord.MessageReference(
                message_id=int(item.reply_to), channel_id=channel_id, fail_if_not_exists=False
            )
        ids: list[str] = []
        for part in parts:
            out = messages[part]
            sent = await target.send(
                content=out.content,
                embeds=out.embed_objects(),
                allowed_mentions=NO_MENTIONS,
                reference=reference if part == 0 else None,
                nonce=digest_nonce(delivery_key, part) if delivery_key else None,
            )
            ids.append(str(sent.id))
        if not ids:
            raise PlatformError(f"digest item {item.key} rendered to nothing")
        return ids

    @staticmethod
    def _render_item(digest: Digest, item: DigestItem, delivery_key: str | None = None) -> list[OutgoingMessage]:
        """An item's messages, within limits that leave room for its mark (added with a key)."""
        messages = DiscordAdapter._render_unmarked(digest, item)
        return mark_messages(messages, delivery_key) if delivery_key else messages

    @staticmethod
    def _render_unmarked(digest: Digest, item: DigestItem) -> list[OutgoingMessage]:
        limits = DIGEST_LIMITS
        if item.kind == "story":
            if item.brief is None:
                raise ValueError(f"digest story item {item.key} has no brief")
            first = bool(digest.items) and digest.items[0].key == item.key
            return render_briefs([item.brief], heading=digest.title if first else None, limits=limits)
        if item.kind == "update":
            return render_update(item.text or "", item.brief, limits=limits)
        if item.kind == "empty":
            return render_text(item.text or NO_NEWS, limits=limits)
        if item.kind == "notice":
            if not item.text:
                raise ValueError(f"digest notice {item.key} has no text")
            return render_text(item.text, limits=limits)
        raise ValueError(f"unknown digest item kind {item.kind!r}")


def _channel_id(channel: str) -> int:
    try:
        return int(channel)
    except ValueError:
        raise PlatformError(f"not a Discord channel id: {channel!r}") from None
