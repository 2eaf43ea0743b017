"""A local stand-in of Discord: REST API and gateway websocket on 127.0.0.1, for tests.

It speaks the real protocols, so the real discord.py code runs against it unchanged (point
``Route.BASE`` at ``api_url`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` at ``gateway_url``):

REST (``/api/v10``), every call recorded in ``calls``:
  GET  /users/@me, /oauth2/applications/@me, /gateway, /gateway/bot, /channels/{id}
  GET|PUT /applications/{app}/commands, /applications/{app}/guilds/{guild}/commands
  POST /channels/{id}/messages (validated against Discord's limits), /channels/{id}/typing
  GET  /channels/{id}/messages (``limit`` 1-100, default 50; ``before`` / ``after``), newest
       first, as Discord returns history: no ``nonce`` (Discord does not keep it), other people's
       content blanked unless the bot has the message-content intent or is mentioned, the bot's
       own messages in full; ephemeral messages are not in history
  POST /interactions/{id}/{token}/callback (3-second deadline, acknowledged once)
  POST /webhooks/{app}/{token}; GET|PATCH|DELETE /webhooks/{app}/{token}/messages/{id|@original}
A message created with ``nonce`` and ``enforce_nonce`` whose nonce the same author used within
``nonce_window`` seconds is not created again: the earlier message is returned, as on Discord;
``forget_nonces`` ends that window at once (Discord's lasts a few minutes).
Permissions: ``forbid_history(channel)`` answers history with 403 Missing Access (the bot lacks
View Channel); ``deny_read_history(channel)``, before the bot connects, gives the bot a channel
overwrite denying Read Message History, and history is then empty, as Discord answers.
``chatter(channel, n)`` adds ``n`` messages by a person to a channel's history.
``hold_after_accept`` keeps the response to a matching request back after the stand-in has
acted on it (a platform that accepted a post whose sender dies before hearing so).
Responses are JSON with Content-Type exactly ``application/json`` and carry X-RateLimit-*
headers. ``fail_next`` injects faults: a 429 as Discord sends it (body with ``retry_after`` and
``global``, headers ``Retry-After``, ``X-RateLimit-*``, ``Via``) or any other status. A wrong
``Authorization`` gets 401.

Gateway (``/gateway``; READY's ``resume_gateway_url`` is ``/resume``): HELLO (op 10) with
``heartbeat_interval``; heartbeat (op 1) -> ACK (op 11); IDENTIFY (op 2) -> READY with
``session_id``, ``resume_gateway_url`` and the application, then one GUILD_CREATE per guild;
RESUME (op 6) -> replay of missed dispatches, then RESUMED; a wrong token closes with 4004, an
unknown session gets INVALID_SESSION (op 9). ``?compress=zlib-stream`` gets one zlib stream per
connection, each payload ending in Z_SYNC_FLUSH (and large ones split over two frames, as Discord
may). Events are built from Discord's documented payloads: ``user_message`` dispatches
MESSAGE_CREATE (content blanked unless the bot is mentioned or has the message-content intent,
as Discord does), ``slash_command`` dispatches INTERACTION_CREATE for a synced command.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1420070400000
MESSAGE_CONTENT_INTENT = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
EPHEMERAL = 1 << 6

# Discord's documented limits for a created message.
LIMITS = {
    "content": 2000,
    "embeds": 10,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "total": 6000,
}

_ids = itertools.count(1)


def snowflake() -> str:
    """A fresh id shaped like Discord's: milliseconds since 2015 << 22 | a counter."""
    return str(((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_ids) & 0xFFF))


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": discord.py parses JSON only for that content type.
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )


def utf16_len(text: str | None) -> int:
    return 0 if not text else len(text.encode("utf-16-le")) // 2


def embed_problems(payload: dict[str, Any]) -> list[str]:
    """Which of Discord's message limits a message payload breaks (empty when it is valid)."""
    problems = []
    if utf16_len(payload.get("content")) > LIMITS["content"]:
        problems.append("content over 2000")
    embeds = payload.get("embeds") or []
    if len(embeds) > LIMITS["embeds"]:
        problems.append("more than 10 embeds")
    total = 0
    for n, embed in enumerate(embeds):
        for key in ("title", "description"):
            size = utf16_len(embed.get(key))
            total += size
            if size > LIMITS[key]:
                problems.append(f"embeds[{n}].{key} over {LIMITS[key]}")
        fields = embed.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            problems.append(f"embeds[{n}] has more than 25 fields")
        for f in fields:
            name, value = utf16_len(f.get("name")), utf16_len(f.get("value"))
            total += name + value
            if name > LIMITS["field_name"] or value > LIMITS["field_value"] or not value or not name:
                problems.append(f"embeds[{n}] field out of bounds")
        total += utf16_len((embed.get("footer") or {}).get("text"))
        total += utf16_len((embed.get("author") or {}).get("name"))
    if total > LIMITS["total"]:
        problems.append("embeds over 6000 in total")
    return problems


def would_ping(payload: dict[str, Any]) -> list[str]:
    """Who a message would notify, by Discord's rules (only content mentions; allowed_mentions filters)."""
    content = payload.get("content") or ""
    allowed = payload.get("allowed_mentions")
    parse = ["everyone", "users", "roles"] if allowed is None else allowed.get("parse", [])
    users = [] if allowed is None else [str(u) for u in allowed.get("users", [])]
    roles = [] if allowed is None else [str(r) for r in allowed.get("roles", [])]
    pings = []
    if "everyone" in parse:
        pings += [f"@{m}" for m in re.findall(r"@(everyone|here)", content)]
    for uid in re.findall(r"<@!?(\d+)>", content):
        if "users" in parse or uid in users:
            pings.append(f"user:{uid}")
    for rid in re.findall(r"<@&(\d+)>", content):
        if "roles" in parse or rid in roles:
            pings.append(f"role:{rid}")
    return pings


@dataclass
class Call:
    """One REST request as the stand-in received it."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    authorization: str | None
    status: int = 0
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    retry_after: float
    is_global: bool
    remaining: int


@dataclass
class Interaction:
    """An interaction the stand-in dispatched, and what the bot did with it."""

    id: str
    token: str
    created: float
    guild_id: str | None
    channel_id: str
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    original: dict[str, Any] | None = None
    original_deleted: bool = False


@dataclass
class GatewayConnection:
    path: str
    query: dict[str, str]
    opened: float = field(default_factory=time.monotonic)


@dataclass
class Session:
    id: str
    intents: int
    seq: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)  # every dispatch, for replay


class _Conn:
    """One gateway websocket, with its zlib stream when the client asked for compression."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None, split_frames: bool) -> None:
        self.ws = ws
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self._split = split_frames
        self._lock = asyncio.Lock()

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload)
        async with self._lock:
            if self._zlib is None:
                await self.ws.send_str(text)
                return
            data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            if self._split and len(data) > 64:
                # A message may arrive in several frames; only the last ends in 00 00 ff ff.
                await self.ws.send_bytes(data[: len(data) // 2])
                data = data[len(data) // 2 :]
            await self.ws.send_bytes(data)


class DiscordStandIn:
    """A Discord server for one bot, on 127.0.0.1. ``async with DiscordStandIn() as discord: ...``"""

    def __init__(
        self,
        *,
        token: str = "stand-in-bot-token",
        guild_count: int = 1,
        heartbeat_interval_ms: int = 41250,
        interaction_deadline: float = 3.0,
        split_frames: bool = True,
        nonce_window: float = 300.0,
    ) -> None:
        self.token = token
        self.application_id = snowflake()
        self.bot_user = {
            "id": self.application_id,
            "username": "newsbrief",
            "global_name": None,
            "discriminator": "0",
            "avatar": None,
            "bot": True,
            "public_flags": 0,
            "flags": 0,
            "verified": True,
            "mfa_enabled": False,
        }
        self.human = {
            "id": snowflake(),
            "username": "reader",
            "global_name": "A Reader",
            "discriminator": "0",
            "avatar": None,
            "public_flags": 0,
        }
        self.guilds: list[dict[str, Any]] = []
        for n in range(guild_count):
            gid = snowflake()
            self.guilds.append({"id": gid, "name": f"Stand-in guild {n + 1}", "channels": [snowflake(), snowflake()]})
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.interaction_deadline = interaction_deadline
        self.split_frames = split_frames

        self.calls: list[Call] = []
        self.messages: dict[str, dict[str, Any]] = {}  # message id -> message created via REST
        self.others: dict[str, dict[str, Any]] = {}  # message id -> message by a person (gateway, chatter)
        self.history_forbidden: set[str] = set()  # channel ids answering history with 403
        self.history_denied: set[str] = set()  # channel ids where an overwrite denies Read Message History
        self.bodies: dict[str, dict[str, Any]] = {}  # message id -> the request body that made it
        self.commands: dict[str | None, list[dict[str, Any]]] = {}  # guild id (None: global) -> commands
        self.interactions: dict[str, Interaction] = {}
        self.connections: list[GatewayConnection] = []
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.errors: list[str] = []  # protocol violations seen from the client

        self.nonce_window = nonce_window
        self._nonces: dict[tuple[str, str], tuple[str, float]] = {}  # (author, nonce) -> (message id, when)
        self._hold: tuple[Callable[[Call], bool], asyncio.Event, asyncio.Event] | None = None

        self._faults: list[Fault] = []
        self._session: Session | None = None
        self._conn: _Conn | None = None
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---------------------------------------------------------------------------------------
    # lifetime
    # ---------------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    async def start(self) -> DiscordStandIn:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        if self._conn is not None and not self._conn.ws.closed:
            await self._conn.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> DiscordStandIn:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ---------------------------------------------------------------------------------------
    # test controls
    # ---------------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path_pattern: str,
        *,
        status: int = 429,
        retry_after: float = 0.25,
        is_global: bool = False,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` instead of serving them."""
        self._faults.append(Fault(method.upper(), re.compile(path_pattern), status, retry_after, is_global, times))

    def hold_after_accept(self, predicate: Callable[[Call], bool]) -> tuple[asyncio.Event, asyncio.Event]:
        """Serve the next request matching ``predicate`` but keep its response back.

        Returns ``(accepted, release)``: ``accepted`` is set once the stand-in has acted on the
        request (e.g. created the message); the response is sent only after the test sets
        ``release``. Models a client killed between Discord accepting a post and hearing so.
        """
        accepted, release = asyncio.Event(), asyncio.Event()
        self._hold = (predicate, accepted, release)
        return accepted, release

    def forget_nonces(self) -> None:
        """End the enforce_nonce window now: a repeated nonce creates a new message again."""
        self._nonces.clear()

    def forbid_history(self, channel_id: str) -> None:
        """Answer GET /channels/{id}/messages with 403 Missing Access, as for a hidden channel."""
        self.history_forbidden.add(channel_id)

    def deny_read_history(self, channel_id: str) -> None:
        """Deny the bot Read Message History in a channel (an overwrite sent in GUILD_CREATE, so
        call it before the bot connects). Discord then answers history with no messages."""
        self.history_denied.add(channel_id)

    def chatter(self, channel_id: str, count: int, *, content: str = "chatter {n}", mention_bot: bool = False) -> list[dict[str, Any]]:
        """``count`` messages by a person in a channel (history only; not dispatched). Their
        content is visible to the bot only if they mention it (no message-content intent)."""
        mentions = [self.bot_user] if mention_bot else []
        made = []
        for n in range(count):
            message = self._person_message(channel_id, content.format(n=n), mentions=mentions)
            self.others[message["id"]] = message
            made.append(message)
        self._changed.set()
        return made

    def find(self, method: str, pattern: str) -> list[Call]:
        rx = re.compile(pattern)
        return [c for c in self.calls if c.method == method and rx.fullmatch(c.path)]

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked after every call or gateway event)."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("stand-in: condition not met in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 0.1))
            except TimeoutError:
                pass

    def channel_messages(self, channel_id: str) -> list[dict[str, Any]]:
        return [m for m in self.messages.values() if m["channel_id"] == channel_id]

    def pings(self, message_id: str) -> list[str]:
        """Who the request that created a message would have notified on Discord."""
        return would_ping(self.bodies[message_id])

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send a DISPATCH to the session (buffered for replay if the bot is disconnected)."""
        session = self._session
        if session is None:
            raise RuntimeError("no gateway session: the bot has not identified")
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append(payload)
        if self._conn is not None and not self._conn.ws.closed:
            await self._conn.send(payload)
        return session.seq

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the bot's websocket from the server side, as Discord does on its own restarts."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await conn.ws.close(code=code, message=b"stand-in closed the connection")

    def member(self, user: dict[str, Any], guild_id: str) -> dict[str, Any]:
        return {
            "user": user,
            "nick": None,
            "avatar": None,
            "roles": [],
            "joined_at": _now_iso(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "permissions": "2248473465835073",
        }

    async def user_message(
        self,
        content: str,
        *,
        channel_id: str | None = None,
        mention_bot: bool = True,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A person posts in a guild channel: dispatch MESSAGE_CREATE as Discord would send it."""
        guild = self.guilds[0]
        channel_id = channel_id or guild["channels"][0]
        gid = guild["id"]
        mentions = []
        if mention_bot:
            mentions.append({**self.bot_user, "member": {k: v for k, v in self.member(self.bot_user, gid).items() if k != "user"}})
        message = self._person_message(channel_id, content, mentions=mentions)
        if reply_to is not None:
            message["type"] = 19
            message["message_reference"] = {"type": 0, "message_id": reply_to["id"], "channel_id": channel_id, "guild_id": gid}
            message["referenced_message"] = reply_to
        self.others[message["id"]] = message
        event = self._as_seen_by_bot(message)
        await self.dispatch("MESSAGE_CREATE", event)
        return event

    def _person_message(self, channel_id: str, content: str, *, mentions: list[dict[str, Any]]) -> dict[str, Any]:
        gid = next(g["id"] for g in self.guilds if channel_id in g["channels"])
        return {
            "id": snowflake(),
            "type": 0,
            "channel_id": channel_id,
            "guild_id": gid,
            "author": self.human,
            "member": {k: v for k, v in self.member(self.human, gid).items() if k not in ("user", "permissions")},
            "content": content,
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": mentions,
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "components": [],
        }

    def _as_seen_by_bot(self, message: dict[str, Any]) -> dict[str, Any]:
        """A message as Discord shows it to the bot: without the privileged message-content
        intent, content (and embeds, attachments, components) of other people's messages that do
        not mention the bot is blanked; the bot's own messages are shown in full."""
        session = self._session
        intents = session.intents if session else 0
        mentioned = any(u["id"] == self.bot_user["id"] for u in message.get("mentions") or [])
        if message["author"]["id"] == self.bot_user["id"] or mentioned or intents & MESSAGE_CONTENT_INTENT:
            return message
        return {**message, "content": "", "embeds": [], "attachments": [], "components": []}

    async def slash_command(
        self, name: str, options: dict[str, Any] | None = None, *, guild_index: int = 0
    ) -> Interaction:
        """A person runs a synced slash command: dispatch INTERACTION_CREATE (type 2)."""
        guild = self.guilds[guild_index]
        gid = guild["id"]
        command = next((c for c in self.commands.get(gid, []) if c["name"] == name), None)
        if command is None:
            command = next((c for c in self.commands.get(None, []) if c["name"] == name), None)
        if command is None:
            raise LookupError(f"/{name} is not synced (guild {gid} or global)")
        channel_id = guild["channels"][0]
        data: dict[str, Any] = {"id": command["id"], "name": name, "type": 1}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if options:
            data["options"] = [{"name": k, "type": 3, "value": v} for k, v in options.items()]
        interaction = Interaction(id=snowflake(), token=secrets.token_urlsafe(32), created=time.monotonic(),
                                  guild_id=gid, channel_id=channel_id)
        self.interactions[interaction.token] = interaction
        await self.dispatch(
            "INTERACTION_CREATE",
            {
                "id": interaction.id,
                "application_id": self.application_id,
                "type": 2,
                "data": data,
                "guild": {"id": gid, "locale": "en-US", "features": []},
                "guild_id": gid,
                "channel": self._channel(channel_id, gid),
                "channel_id": channel_id,
                "member": self.member(self.human, gid),
                "token": interaction.token,
                "version": 1,
                "app_permissions": "2248473465835073",
                "locale": "en-US",
                "guild_locale": "en-US",
                "entitlements": [],
                "authorizing_integration_owners": {"0": gid},
                "context": 0,
                "attachment_size_limit": 10485760,
            },
        )
        return interaction

    # ---------------------------------------------------------------------------------------
    # payloads
    # ---------------------------------------------------------------------------------------

    def _channel(self, channel_id: str, guild_id: str) -> dict[str, Any]:
        position = next(g["channels"].index(channel_id) for g in self.guilds if g["id"] == guild_id)
        return {
            "id": channel_id,
            "type": 0,
            "guild_id": guild_id,
            "name": f"news-{position + 1}",
            "position": position,
            "permission_overwrites": [
                {"id": self.bot_user["id"], "type": 1, "allow": "0", "deny": str(READ_MESSAGE_HISTORY)}
            ] if channel_id in self.history_denied else [],
            "topic": None,
            "nsfw": False,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }

    def _guild_create(self, guild: dict[str, Any]) -> dict[str, Any]:
        gid = guild["id"]
        return {
            "id": gid,
            "name": guild["name"],
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.human["id"],
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [{
                "id": gid, "name": "@everyone", "color": 0, "hoist": False, "icon": None, "unicode_emoji": None,
                "position": 0, "permissions": "2248473465835073", "managed": False, "mentionable": False, "flags": 0,
            }],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": guild["channels"][0],
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            # GUILD_CREATE extras
            "joined_at": _now_iso(),
            "large": False,
            "unavailable": False,
            "member_count": 2,
            "voice_states": [],
            "members": [self.member(self.bot_user, gid)],
            "channels": [self._channel(c, gid) for c in guild["channels"]],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _message(self, channel_id: str, body: dict[str, Any], *, guild_id: str | None = None,
                 webhook_id: str | None = None, flags: int = 0, message_id: str | None = None) -> dict[str, Any]:
        """Create (or, given ``message_id``, replace) a message from a request body and store it."""
        ref = body.get("message_reference")
        message = {
            "id": message_id or snowflake(),
            "type": 19 if ref else 0,
            "channel_id": channel_id,
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "flags": flags or int(body.get("flags") or 0),
            "components": [],
        }
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if guild_id:
            message["guild_id"] = guild_id
        if webhook_id:
            message["webhook_id"] = webhook_id
            message["application_id"] = self.application_id
        if ref:
            # Discord answers with snowflakes as strings, whatever the request used.
            ref = {k: str(v) if k.endswith("_id") and v is not None else v for k, v in ref.items()}
            message["message_reference"] = {"type": 0, **ref}
            message["referenced_message"] = self.messages.get(str(ref.get("message_id")))
        self.messages[message["id"]] = message
        self.bodies[message["id"]] = body
        return message

    # ---------------------------------------------------------------------------------------
    # REST
    # ---------------------------------------------------------------------------------------

    def _rate_headers(self, bucket: str) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": bucket,
        }

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json" and raw:
                body = json.loads(raw)
        call = Call(request.method, path, dict(request.query), body, request.headers.get("Authorization"))
        self.calls.append(call)
        try:
            response = self._fault(call) or self._route(call)
        except _HTTPError as err:
            response = _json({"message": err.message, "code": err.code, **err.extra}, err.status)
        call.status = response.status
        self._changed.set()
        if self._hold is not None and self._hold[0](call):
            _, accepted, release = self._hold
            self._hold = None
            accepted.set()
            try:
                await asyncio.wait_for(release.wait(), timeout=60)
            except TimeoutError:
                pass
        return response

    def _fault(self, call: Call) -> web.Response | None:
        for fault in self._faults:
            if fault.remaining > 0 and fault.method == call.method and fault.pattern.fullmatch(call.path):
                fault.remaining -= 1
                if fault.status != 429:
                    return _json({"message": f"{fault.status}: injected fault", "code": 0}, fault.status)
                headers = {
                    "Retry-After": str(max(1, round(fault.retry_after))),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": f"{time.time() + fault.retry_after:.3f}",
                    "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}",
                    "X-RateLimit-Bucket": "standin-" + call.method.lower() + call.path.replace("/", "-"),
                    "X-RateLimit-Scope": "global" if fault.is_global else "user",
                    "Via": "1.1 google",  # Discord's API sits behind Google's front end
                }
                if fault.is_global:
                    headers["X-RateLimit-Global"] = "true"
                body = {"message": "You are being rate limited.", "retry_after": fault.retry_after, "global": fault.is_global}
                return _json(body, 429, headers)
        return None

    def _route(self, call: Call) -> web.Response:
        m, p = call.method, call.path
        app = re.escape(self.application_id)
        if p.startswith("/webhooks/") or p.startswith("/interactions/"):
            return self._interaction_route(call)
        if call.authorization != f"Bot {self.token}":
            raise _HTTPError(401, "401: Unauthorized", 0)
        headers = self._rate_headers("standin-" + m.lower())
        if m == "GET" and p == "/users/@me":
            return _json(self.bot_user, headers=headers)
        if m == "GET" and p == "/oauth2/applications/@me":
            return _json(self._application(), headers=headers)
        if m == "GET" and p in ("/gateway", "/gateway/bot"):
            data: dict[str, Any] = {"url": f"ws://127.0.0.1:{self.port}/gateway"}
            if p.endswith("/bot"):
                data |= {"shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}
            return _json(data, headers=headers)
        if match := re.fullmatch(rf"/applications/{app}(?:/guilds/(\d+))?/commands", p):
            guild_id = match.group(1)
            if guild_id is not None and guild_id not in {g["id"] for g in self.guilds}:
                raise _HTTPError(403, "Missing Access", 50001)
            if m == "PUT":
                self.commands[guild_id] = [self._command(c, guild_id) for c in call.json or []]
            return _json(self.commands.get(guild_id, []), headers=headers)
        if match := re.fullmatch(r"/channels/(\d+)(/messages|/typing)?", p):
            channel_id, sub = match.groups()
            guild_id = next((g["id"] for g in self.guilds if channel_id in g["channels"]), None)
            if guild_id is None:
                raise _HTTPError(404, "Unknown Channel", 10003)
            if m == "GET" and sub is None:
                return _json(self._channel(channel_id, guild_id), headers=headers)
            if m == "POST" and sub == "/typing":
                return web.Response(status=204, headers=headers)
            if m == "GET" and sub == "/messages":
                return _json(self._history(channel_id, call.query), headers=headers)
            if m == "POST" and sub == "/messages":
                body = call.json or {}
                self._validate(body)
                earlier = self._enforced_nonce(body)
                if earlier is not None:
                    return _json(earlier, headers=headers)
                message = self._message(channel_id, body, guild_id=guild_id)
                if body.get("nonce") is not None and body.get("enforce_nonce"):
                    self._nonces[(message["author"]["id"], str(body["nonce"]))] = (message["id"], time.monotonic())
                return _json(message, headers=headers)
        raise _HTTPError(404, "404: Not Found", 0)

    def _history(self, channel_id: str, query: dict[str, str]) -> list[dict[str, Any]]:
        """GET /channels/{id}/messages as Discord answers it (newest first)."""
        if channel_id in self.history_forbidden:
            raise _HTTPError(403, "Missing Access", 50001)
        try:
            limit = int(query.get("limit", "50"))
        except ValueError:
            raise _HTTPError(400, "Invalid Form Body", 50035) from None
        if not 1 <= limit <= 100 or sum(k in query for k in ("before", "after", "around")) > 1:
            raise _HTTPError(400, "Invalid Form Body", 50035)
        if "around" in query:
            raise _HTTPError(400, "stand-in: around is not modelled", 0)
        if channel_id in self.history_denied:
            return []  # no Read Message History: Discord returns no messages rather than an error
        everything = [
            m for m in (*self.messages.values(), *self.others.values())
            if m["channel_id"] == channel_id and not m.get("flags", 0) & EPHEMERAL
        ]
        everything.sort(key=lambda m: int(m["id"]))
        if "before" in query:
            page = [m for m in everything if int(m["id"]) < int(query["before"])][-limit:]
        elif "after" in query:
            page = [m for m in everything if int(m["id"]) > int(query["after"])][:limit]
        else:
            page = everything[-limit:]
        shown = []
        for message in reversed(page):
            copy = {k: v for k, v in message.items() if k != "nonce"}  # Discord does not keep nonces
            shown.append(self._as_seen_by_bot(copy))
        return shown

    def _enforced_nonce(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The message already created with this nonce by this author lately, if enforced."""
        if body.get("nonce") is None or not body.get("enforce_nonce"):
            return None
        seen = self._nonces.get((self.bot_user["id"], str(body["nonce"])))
        if seen is None or time.monotonic() - seen[1] > self.nonce_window:
            return None
        return self.messages.get(seen[0])

    def _validate(self, body: dict[str, Any]) -> None:
        if not body.get("content") and not body.get("embeds"):
            raise _HTTPError(400, "Cannot send an empty message", 50006)
        problems = embed_problems(body)
        if problems:
            self.errors.extend(problems)
            raise _HTTPError(400, "Invalid Form Body", 50035, {"errors": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": p} for p in problems]}})

    def _interaction_route(self, call: Call) -> web.Response:
        m, p = call.method, call.path
        if match := re.fullmatch(r"/interactions/(\d+)/([\w-]+)/callback", p):
            interaction = self.interactions.get(match.group(2))
            if interaction is None or interaction.id != match.group(1):
                raise _HTTPError(404, "Unknown interaction", 10062)
            if time.monotonic() - interaction.created > self.interaction_deadline:
                self.errors.append(f"interaction {interaction.id} answered after the deadline")
                raise _HTTPError(404, "Unknown interaction", 10062)
            if interaction.callbacks:
                raise _HTTPError(400, "Interaction has already been acknowledged.", 40060)
            body = call.json or {}
            interaction.callbacks.append(body)
            kind, data = body.get("type"), body.get("data") or {}
            flags = int(data.get("flags") or 0)
            message = None
            if kind == 4:
                self._validate(data)
                message = self._message(interaction.channel_id, data, guild_id=interaction.guild_id,
                                        webhook_id=self.application_id, flags=flags)
            elif kind == 5:
                message = self._message(interaction.channel_id, {"content": ""}, guild_id=interaction.guild_id,
                                        webhook_id=self.application_id, flags=flags | 128)  # 128: LOADING
            interaction.original = message
            if "with_response" not in call.query:
                return web.Response(status=204)
            response: dict[str, Any] = {
                "interaction": {
                    "id": interaction.id,
                    "type": 2,
                    "response_message_id": message["id"] if message else None,
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                },
            }
            if message is not None:
                response["resource"] = {"type": kind, "message": message}
            return _json(response)
        match = re.fullmatch(rf"/webhooks/{re.escape(self.application_id)}/([\w-]+)(?:/messages/(@original|\d+))?", p)
        if match is None:
            raise _HTTPError(404, "Unknown Webhook", 10015)
        interaction = self.interactions.get(match.group(1))
        if interaction is None or not interaction.callbacks:
            raise _HTTPError(404, "Unknown Webhook", 10015)
        which = match.group(2)
        if which is None and m == "POST":
            body = call.json or {}
            self._validate(body)
            flags = int(body.get("flags") or 0)
            original = interaction.original
            if original is not None and original["flags"] & 128 and not interaction.original_deleted:
                # The first follow-up of a deferred interaction fills in the "thinking" message.
                message = self._message(interaction.channel_id, body, guild_id=interaction.guild_id,
                                        webhook_id=self.application_id, flags=original["flags"] & ~128,
                                        message_id=original["id"])
                interaction.original = message
            else:
                message = self._message(interaction.channel_id, body, guild_id=interaction.guild_id,
                                        webhook_id=self.application_id, flags=flags)
            interaction.followups.append(message)
            return _json(message) if call.query.get("wait") in ("1", "true", "True") else web.Response(status=204)
        target = interaction.original if which == "@original" else self.messages.get(which or "")
        if target is None:
            raise _HTTPError(404, "Unknown Message", 10008)
        if m == "GET":
            return _json(target)
        if m == "PATCH":
            self._validate({**target, **(call.json or {})})
            target.update({k: v for k, v in (call.json or {}).items() if k in ("content", "embeds")})
            self.bodies[target["id"]] = {**self.bodies.get(target["id"], {}), **(call.json or {})}
            return _json(target)
        if m == "DELETE":
            self.messages.pop(target["id"], None)
            if which == "@original":
                interaction.original_deleted = True
            return web.Response(status=204)
        raise _HTTPError(405, "405: Method Not Allowed", 0)

    def _application(self) -> dict[str, Any]:
        return {
            "id": self.application_id,
            "name": "newsbrief",
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "terms_of_service_url": None,
            "privacy_policy_url": None,
            "owner": self.human,
            "verify_key": secrets.token_hex(32),
            "team": None,
            "guild_id": None,
            "flags": 0,
            "tags": [],
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "approximate_guild_count": len(self.guilds),
        }

    def _command(self, body: dict[str, Any], guild_id: str | None) -> dict[str, Any]:
        command = {
            "id": snowflake(),
            "application_id": self.application_id,
            "version": snowflake(),
            "type": body.get("type", 1),
            "name": body["name"],
            "description": body.get("description", ""),
            "options": body.get("options", []),
            "default_member_permissions": body.get("default_member_permissions"),
            "nsfw": body.get("nsfw", False),
            "integration_types": body.get("integration_types", [0]),
            "contexts": body.get("contexts"),
        }
        if guild_id is not None:
            command["guild_id"] = guild_id
        return command

    # ---------------------------------------------------------------------------------------
    # gateway
    # ---------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        query = dict(request.query)
        self.connections.append(GatewayConnection(request.path, query))
        self._changed.set()
        compress = query.get("compress")
        if query.get("v") != "10" or query.get("encoding", "json") != "json" or compress not in (None, "zlib-stream"):
            self.errors.append(f"unsupported gateway query {query}")
            await ws.close(code=4012, message=b"Invalid API version or encoding")
            return ws
        conn = _Conn(ws, compress, self.split_frames)
        self._conn = conn
        await conn.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None, "t": None})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op, data = payload.get("op"), payload.get("d")
            if op == 1:
                self.heartbeats += 1
                await conn.send({"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                await self._identify(conn, data)
            elif op == 6:
                await self._resume(conn, data)
            elif op in (3, 8):
                pass  # presence updates and member requests: accepted, not modelled
            else:
                self.errors.append(f"unexpected gateway op {op}")
            self._changed.set()
        if self._conn is conn:
            self._conn = None
        return ws

    async def _identify(self, conn: _Conn, data: dict[str, Any]) -> None:
        self.identifies.append(data)
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        self._session = Session(id=secrets.token_hex(16), intents=int(data.get("intents") or 0))
        await self.dispatch("READY", {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": g["id"], "unavailable": True} for g in self.guilds],
            "session_id": self._session.id,
            "resume_gateway_url": self.resume_url,
            "shard": [0, 1],
            "application": {"id": self.application_id, "flags": 0},
        })
        for guild in self.guilds:
            await self.dispatch("GUILD_CREATE", self._guild_create(guild))

    async def _resume(self, conn: _Conn, data: dict[str, Any]) -> None:
        self.resumes.append(data)
        session = self._session
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if session is None or data.get("session_id") != session.id:
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        for event in session.events:
            if event["s"] > int(data.get("seq") or 0):
                await conn.send(event)
        await self.dispatch("RESUMED", {})


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, code: int, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.extra = status, message, code, extra or {}
