"""A local stand-in of Slack on 127.0.0.1, speaking the real protocols to the real slack-bolt code.

It serves:

* the **Web API** methods newsbrief calls, at ``{url}/api/{method}`` (GET query, form or JSON
  bodies, ``Authorization: Bearer`` tokens): ``auth.test``, ``apps.connections.open``,
  ``chat.postMessage``, ``chat.postEphemeral``, ``conversations.replies``,
  ``conversations.history`` (newest first, top-level messages, ``limit``/``oldest``/``latest``;
  metadata only with ``include_all_metadata``), ``users.info``.
  Every call is recorded (``calls``). Like Slack, ``chat.postMessage`` refuses blocks beyond the
  documented limits with ``invalid_blocks``, so a renderer that overflows fails loudly here.
* **response_url** endpoints for slash commands (``{url}/respond/{id}``), recorded as calls of
  the pseudo-method ``"response_url"``; each URL takes at most 5 responses, as on Slack.
* the **Socket Mode** websocket: ``apps.connections.open`` returns ``ws://…/link/?ticket=…``; on
  connect it sends ``hello``; tests push ``events_api`` / ``slash_commands`` envelopes and wait for
  the app's acks; ``disconnect`` sends Slack's ``{"type": "disconnect"}`` and waits for the client
  to reconnect through a fresh ``apps.connections.open``.
* **signed HTTP requests** to an app in HTTP mode (``post_signed``): Slack's v0 scheme,
  HMAC-SHA256 of ``v0:{timestamp}:{body}`` in ``X-Slack-Signature``.

Faults: ``fail_next(method, status=429, retry_after=1)`` answers the next call of a method with a
rate limit (or any error); unknown tokens get ``invalid_auth``. ``hold_after_accept(predicate)``
serves the next matching call but keeps its response back until the test releases it (Slack
accepted a post; its sender dies before hearing so).

Payload shapes follow Slack's documentation (Events API ``event_callback``, slash command form
fields, Socket Mode envelopes); ids are made up but well-formed.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import WSMsgType, web

BOT_TOKEN = "xoxb-0000-standin-bot-token"
APP_TOKEN = "xapp-1-standin-app-token"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM_ID = "T0STANDIN"
APP_ID = "A0STANDIN"
BOT_USER_ID = "U0NEWSBOT"
BOT_ID = "B0NEWSBOT"

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_MESSAGE_TEXT = 40000
#: Slack refuses blocks holding more text than about this in all: msg_blocks_too_long
#: (undocumented; measured by users in slackapi/bolt-js#2509).
MAX_BLOCKS_CHARS = 13_200
RESPONSE_URL_USES = 5


@dataclass(frozen=True)
class Call:
    """One recorded request: the Web API method (or "response_url") and its parameters."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic()
    status: int = 200
    ok: bool = True


@dataclass
class Fault:
    status: int
    error: str
    retry_after: int | None = None


@dataclass
class Ack:
    envelope_id: str
    at: float
    payload: dict[str, Any] | None


@dataclass
class _Socket:
    ws: web.WebSocketResponse
    ticket: str
    closed: asyncio.Event = field(default_factory=asyncio.Event)


def sign(body: str, timestamp: int | str, secret: str = SIGNING_SECRET) -> str:
    """Slack's v0 request signature."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def blocks_errors(blocks: list[dict[str, Any]]) -> list[str]:
    """What Slack would refuse in these blocks (the documented limits the bot must respect)."""
    errors = []
    if len(blocks) > MAX_BLOCKS:
        errors.append(f"too many blocks: {len(blocks)} > {MAX_BLOCKS}")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "section":
            text = (block.get("text") or {}).get("text", "")
            if not text or len(text) > MAX_SECTION_TEXT:
                errors.append(f"blocks[{i}].text: length {len(text)} not in 1..{MAX_SECTION_TEXT}")
        elif kind == "header":
            text = (block.get("text") or {}).get("text", "")
            if block["text"].get("type") != "plain_text" or not text or len(text) > MAX_HEADER_TEXT:
                errors.append(f"blocks[{i}].text: header must be plain_text of 1..{MAX_HEADER_TEXT}")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS:
                errors.append(f"blocks[{i}].elements: {len(elements)} not in 1..{MAX_CONTEXT_ELEMENTS}")
            for element in elements:
                if len(element.get("text", "")) > MAX_SECTION_TEXT:
                    errors.append(f"blocks[{i}]: context text too long")
        elif kind != "divider":
            errors.append(f"blocks[{i}]: unexpected block type {kind!r}")
    return errors


def block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text a person would read in these blocks, in order."""
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            out.append(element.get("text", ""))
    return out


class SlackStandin:
    """The stand-in server. ``await start()``, point ``SlackSettings(api_url=standin.api_url)``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.acks: dict[str, Ack] = {}
        self.history: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.connections = 0
        self.valid_bot_tokens = {BOT_TOKEN}
        self.valid_app_tokens = {APP_TOKEN}
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._hold: tuple[Any, asyncio.Event, asyncio.Event] | None = None
        self._tickets: set[str] = set()
        self._sockets: list[_Socket] = []
        self._response_urls: dict[str, int] = {}
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.url = ""

    # -----------------------------------------------------------------------------------------
    # lifetime

    async def start(self) -> SlackStandin:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/link/", self._link)
        app.router.add_post("/respond/{key}", self._respond)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        self._http = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        for sock in self._sockets:
            await sock.ws.close()
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    # -----------------------------------------------------------------------------------------
    # recording and waiting

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posts(self, channel: str | None = None) -> list[Call]:
        """Successful chat.postMessage calls (to ``channel``)."""
        return [
            c
            for c in self.calls_of("chat.postMessage")
            if c.ok and (channel is None or c.params.get("channel") == channel)
        ]

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Any, timeout: float = 5.0) -> None:
        """Wait until ``predicate()`` holds (checked after every recorded call and ack)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        await self.wait_until(lambda: len([c for c in self.calls_of(method) if c.ok]) >= count, timeout)
        return [c for c in self.calls_of(method) if c.ok]

    def fail_next(
        self, method: str, *, status: int = 429, error: str = "ratelimited", retry_after: int | None = 1
    ) -> None:
        """Answer the next call of ``method`` with an error (default: a 429 rate limit)."""
        self._faults[method].append(Fault(status, error, retry_after))

    def hold_after_accept(self, predicate: Any) -> tuple[asyncio.Event, asyncio.Event]:
        """Serve the next call for which ``predicate(call)`` holds, but keep its response back.

        Returns ``(accepted, release)``: ``accepted`` is set once the call has been served (a
        message posted is in the history); the response goes out only when ``release`` is set.
        """
        accepted, release = asyncio.Event(), asyncio.Event()
        self._hold = (predicate, accepted, release)
        return accepted, release

    # -----------------------------------------------------------------------------------------
    # Web API

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(dict(await request.post()))
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() if auth else str(params.pop("token", ""))

        if self._faults[method]:
            fault = self._faults[method].popleft()
            await self._record(Call(method, params, time.monotonic(), fault.status, ok=False))
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return web.json_response({"ok": False, "error": fault.error}, status=fault.status, headers=headers)

        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            body: dict[str, Any] = {"ok": False, "error": "unknown_method"}
        elif not token:
            body = {"ok": False, "error": "not_authed"}
        elif method == "apps.connections.open":
            if token in self.valid_bot_tokens:
                body = {"ok": False, "error": "not_allowed_token_type"}
            elif token not in self.valid_app_tokens:
                body = {"ok": False, "error": "invalid_auth"}
            else:
                body = handler(params)
        elif token not in self.valid_bot_tokens:
            body = {"ok": False, "error": "invalid_auth"}
        else:
            body = handler(params)
        call = Call(method, params, time.monotonic(), 200, ok=bool(body.get("ok")))
        await self._record(call)
        if self._hold is not None and self._hold[0](call):
            _, accepted, release = self._hold
            self._hold = None
            accepted.set()
            try:
                await asyncio.wait_for(release.wait(), timeout=60)
            except TimeoutError:
                pass
        return web.json_response(body)

    def next_ts(self) -> str:
        return f"{1_763_960_000 + next(self._ts)}.{next(self._ts):06d}"

    def _m_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://standin.slack.com/",
            "team": "Stand-in",
            "user": "newsbrief",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _m_apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        ticket = uuid.uuid4().hex
        self._tickets.add(ticket)
        return {"ok": True, "url": f"ws://{self.url.removeprefix('http://')}/link/?ticket={ticket}"}

    def _m_chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("text") and not blocks:
            return {"ok": False, "error": "no_text"}
        if len(params.get("text") or "") > MAX_MESSAGE_TEXT:
            return {"ok": False, "error": "msg_too_long"}
        if blocks:
            errors = blocks_errors(blocks)
            if errors:
                return {"ok": False, "error": "invalid_blocks", "errors": errors}
            if sum(len(t) for t in block_texts(blocks)) > MAX_BLOCKS_CHARS:
                return {"ok": False, "error": "msg_blocks_too_long"}
        message = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "text": params.get("text", ""),
            "blocks": blocks or [],
            "ts": self.next_ts(),
        }
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        if params.get("metadata"):
            metadata = params["metadata"]
            message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
        self.history[channel].append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _m_chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("channel") or not params.get("user"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "message_ts": self.next_ts()}

    def _m_conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        channel, ts = params.get("channel"), params.get("ts")
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        thread = [
            {k: v for k, v in m.items() if with_metadata or k != "metadata"}
            for m in self.history.get(channel, [])
            if m["ts"] == ts or m.get("thread_ts") == ts
        ]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        thread.sort(key=lambda m: float(m["ts"]))
        return {"ok": True, "messages": thread, "has_more": False}

    def _m_conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = max(1, min(int(params.get("limit") or 100), 999))
        oldest = float(params.get("oldest") or 0)
        latest = float(params.get("latest") or "inf")
        top_level = [
            {k: v for k, v in m.items() if with_metadata or k != "metadata"}
            for m in self.history.get(channel, [])
            if m.get("thread_ts") in (None, m["ts"]) and oldest < float(m["ts"]) <= latest
        ]
        top_level.sort(key=lambda m: float(m["ts"]), reverse=True)
        return {"ok": True, "messages": top_level[:limit], "has_more": len(top_level) > limit}

    def _m_users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = params.get("user", "")
        return {"ok": True, "user": {"id": user, "name": user.lower(), "is_bot": user == BOT_USER_ID}}

    # -----------------------------------------------------------------------------------------
    # response_url

    def response_url(self) -> str:
        key = uuid.uuid4().hex
        self._response_urls[key] = 0
        return f"{self.url}/respond/{key}"

    async def _respond(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        payload = await request.json()
        if key not in self._response_urls or self._response_urls[key] >= RESPONSE_URL_USES:
            await self._record(Call("response_url", payload, time.monotonic(), 404, ok=False))
            return web.Response(status=404, text="used_url")
        errors = blocks_errors(payload.get("blocks") or [])
        if errors:
            await self._record(Call("response_url", payload, time.monotonic(), 400, ok=False))
            return web.Response(status=400, text="invalid_blocks")
        self._response_urls[key] += 1
        await self._record(Call("response_url", payload, time.monotonic()))
        return web.Response(text="ok")

    # -----------------------------------------------------------------------------------------
    # Socket Mode

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            raise web.HTTPUnauthorized(text="invalid ticket")
        self._tickets.discard(ticket)  # a URL from apps.connections.open is good for one connection
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        sock = _Socket(ws, ticket)
        self._sockets.append(sock)
        self.connections += 1
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "applink-standin", "build_number": 1, "approximate_connection_time": 18060},
                "connection_info": {"app_id": APP_ID},
            }
        )
        async with self._changed:
            self._changed.notify_all()
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                if "envelope_id" in data:
                    self.acks[data["envelope_id"]] = Ack(data["envelope_id"], time.monotonic(), data.get("payload"))
                    async with self._changed:
                        self._changed.notify_all()
        finally:
            sock.closed.set()
            if sock in self._sockets:
                self._sockets.remove(sock)
        return ws

    async def wait_connected(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until ``count`` websocket connections have been made in all."""
        await self.wait_until(lambda: self.connections >= count and bool(self._sockets), timeout)

    async def send_envelope(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """Push an envelope to the connected app; its ``envelope_id``."""
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection")
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        await self._sockets[-1].ws.send_str(json.dumps(envelope))
        return envelope_id

    async def wait_ack(self, envelope_id: str, timeout: float = 3.0) -> Ack:
        await self.wait_until(lambda: envelope_id in self.acks, timeout)
        return self.acks[envelope_id]

    async def disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's server-initiated reconnect: send ``disconnect`` and wait for a new connection."""
        before = self.connections
        old = self._sockets[-1]
        await old.ws.send_json({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-standin"}})
        await self.wait_until(lambda: self.connections > before, timeout=5)
        await asyncio.wait_for(old.closed.wait(), 5)

    # -----------------------------------------------------------------------------------------
    # payloads

    def user_message(
        self,
        text: str,
        *,
        channel: str = "C0NEWS",
        user: str = "U0READER",
        thread_ts: str | None = None,
        kind: str = "app_mention",
        channel_type: str = "channel",
    ) -> dict[str, Any]:
        """A person's message, stored in the channel history; the event Slack would send for it."""
        ts = self.next_ts()
        stored: dict[str, Any] = {"type": "message", "user": user, "text": text, "ts": ts}
        if thread_ts:
            stored["thread_ts"] = thread_ts
        self.history[channel].append(stored)
        event = {
            "client_msg_id": str(uuid.uuid4()),
            "type": kind,
            "text": text,
            "user": user,
            "ts": ts,
            "team": TEAM_ID,
            "channel": channel,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        if kind == "message":
            event["channel_type"] = channel_type
        return event

    @staticmethod
    def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        return {
            "token": "verification-token",
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:10].upper(),
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{event['type']}-{TEAM_ID}-{event.get('channel', '')}",
        }

    async def send_event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> tuple[str, str]:
        """Deliver an Events API event over Socket Mode; (envelope_id, event_id)."""
        body = self.event_callback(event, event_id)
        envelope_id = await self.send_envelope(
            "events_api", body, retry_attempt=retry_attempt, retry_reason=retry_reason
        )
        return envelope_id, body["event_id"]

    def command_payload(
        self, command: str, text: str, *, channel: str = "C0NEWS", user: str = "U0READER"
    ) -> dict[str, str]:
        """The form fields Slack sends for a slash command."""
        return {
            "token": "verification-token",
            "team_id": TEAM_ID,
            "team_domain": "standin",
            "channel_id": channel,
            "channel_name": "news",
            "user_id": user,
            "user_name": "reader",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.response_url(),
            "trigger_id": f"{next(self._ts)}.{next(self._ts)}.standin",
        }

    async def send_command(self, command: str, text: str, **kwargs: Any) -> str:
        """Deliver a slash command over Socket Mode; its envelope_id."""
        return await self.send_envelope("slash_commands", self.command_payload(command, text, **kwargs))

    # -----------------------------------------------------------------------------------------
    # HTTP mode

    async def post_signed(
        self,
        url: str,
        body: str,
        *,
        content_type: str = "application/json",
        timestamp: int | str | None = None,
        secret: str = SIGNING_SECRET,
        signature: str | None = None,
        retry_num: int | None = None,
    ) -> tuple[int, str]:
        """POST a request as Slack would to an app in HTTP mode; (status, body)."""
        assert self._http is not None
        ts = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature or sign(body, ts, secret),
        }
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        async with self._http.post(url, data=body.encode(), headers=headers) as response:
            return response.status, await response.text()

    @staticmethod
    def json_body(payload: dict[str, Any]) -> str:
        return json.dumps(payload)

    @staticmethod
    def form_body(payload: dict[str, str]) -> str:
        return urlencode(payload)
