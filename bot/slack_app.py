"""The Slack adapter: slack-bolt's AsyncApp, thin over the BriefingService.

What people can do::

    @newsbrief how many troops were requested?     (in a channel: answered in a thread)
    and how many are at the border?                 (a DM, or a mention in that thread: a follow-up)
    /ask [--public] QUESTION                        (answer to you alone; --public: to the channel)
    /brief [--public] [TOPIC]                       (the top stories, or those about TOPIC)

and channels named in a digest's targets ("slack:C0123") receive scheduled digests through
``SlackAdapter.post`` (the ``DigestSink`` of ``bot.service``).

Transport: Socket Mode by default (``SLACK_APP_TOKEN`` + ``SLACK_BOT_TOKEN``: no public URL), or
HTTP mode (``SLACK_SIGNING_SECRET`` + ``SLACK_BOT_TOKEN``; bolt verifies every signature and
rejects requests older than 5 minutes) served by aiohttp on ``settings.http_host:http_port`` at
``settings.http_path``. ``settings.api_url`` points the Web API (and with it Socket Mode's
``apps.connections.open``) at a Slack-compatible server, e.g. the stand-in the tests use.

The Slack app needs: bot scopes ``app_mentions:read``, ``chat:write``, ``commands``,
``im:history`` and ``channels:history``/``groups:history`` (to read a thread back after a
restart, and a digest channel after a crash); event subscriptions ``app_mention`` and ``message.im``; the slash commands ``/ask`` and
``/brief``; in Socket Mode an app-level token with ``connections:write``. In channels a follow-up
must mention the bot again (it does not read channel messages); in a DM every message is a question.

Slack's rules this module keeps:

* Ack within 3 s. Events are acked by bolt before the listener runs; slash commands ack in their
  ``ack`` function and do the work in a lazy listener.
* An event is answered once. Slack re-sends an event it believes failed (``X-Slack-Retry-Num``;
  bolt's Socket Mode handler sets that header to "0" on a first delivery, so the *value* is what
  tells a retry). Event ids already handled are skipped; a retry (value > 0) of an event this
  process has not seen, e.g. after a restart, is skipped too when the thread already holds an
  answer whose message metadata names that event id.
* HTTP mode accepts only what Slack signed, recently, once: bolt checks the signature and its
  age (5 minutes); a request whose timestamp is not a number is refused with 400 before that;
  an exact copy of a signed request already served is never served again: 401 (a replay), or,
  for an event Slack re-sent within the same second (signed identically), a bare 200.
* A thread is one conversation: a follow-up builds on the thread's last answer, which the
  service stores (``thread="slack:CHANNEL:THREAD_TS"``), so it survives a restart.
* Slack's markup is this adapter's to undo: mentions, ``<!here>``-style specials, channel links
  and ``<url|label>`` links become plain words before the question reaches the service.
* A digest item is posted once. Slack has no idempotency key, so each digest message carries
  message metadata (``newsbrief_digest_item`` with the pipeline's delivery key); an item whose
  earlier attempt died mid-post is looked up in the channel's latest messages
  (``find_delivered``) before it is posted again.
* Rate limits: the Web API client retries HTTP 429 after ``Retry-After``
  (``AsyncRateLimitErrorRetryHandler``).
* Failures: the person gets a short apology in the thread; the log gets the traceback. A missing
  or rejected token at start is a ``PlatformError`` with one line naming the variable.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from .config import Secrets, SlackSettings
from .errors import PlatformError
from .ports import Briefing, Digest, DigestItem
from .slack_render import (
    SlackMessage,
    render_answer,
    render_briefs,
    render_text,
    render_update,
)

__all__ = ["SlackAdapter", "parse_command_text", "question_text"]

_log = logging.getLogger(__name__)
_ops = logging.getLogger("newsbrief")

DEFAULT_API_URL = "https://slack.com/api/"
APOLOGY = "Sorry, something went wrong on my side while answering. Please try again in a moment."
HELP = "Ask me about the news, e.g. “what did officials say?”, and I'll answer with the sources quoted."
ASK_USAGE = "Usage: `/ask [--public] QUESTION`, e.g. `/ask what did officials say?`"
#: Message metadata on every answer, so a retried event can be recognised after a restart.
ANSWER_EVENT_TYPE = "newsbrief_answer"
#: Message metadata on every digest message, so a post cut off by a crash is found, not repeated.
DIGEST_EVENT_TYPE = "newsbrief_digest_item"
#: Latest messages read back when looking for a digest item posted before a crash.
_HISTORY_LIMIT = 200

_PUBLIC_FLAGS = {"--public", "-p"}
_SEEN_EVENTS_MAX = 5000
_CONNECT_TIMEOUT = 15.0
#: How long bolt accepts a signed request; a replay is looked for within this (and a minute more).
_SIGNATURE_AGE = 5 * 60
_STOP_GRACE = 5.0
_RESPONSE_URL_USES = 5


@dataclass(frozen=True)
class CommandText:
    """A slash command's text, parsed: the words after the command and where to answer."""

    text: str
    public: bool


def parse_command_text(raw: str) -> CommandText:
    """Split ``--public`` (or ``-p``) off the start or end of a slash command's text.

    A flag rather than a word like "public" or "here", because those words begin real questions
    ("public opinion on the plan?").

    >>> parse_command_text("--public how many troops?")
    CommandText(text='how many troops?', public=True)
    """
    words = raw.split()
    public = False
    while words and words[0].lower() in _PUBLIC_FLAGS:
        public = True
        words.pop(0)
    while words and words[-1].lower() in _PUBLIC_FLAGS:
        public = True
        words.pop()
    return CommandText(" ".join(words), public)


# Slack's markup in message text (https://api.slack.com/reference/surfaces/formatting):
# <@U123> and <@U123|name> user mentions, <!here> / <!channel> / <!subteam^S1|@team> specials,
# <#C123|general> channel links, <https://x|label> and <mailto:a@b|label> links, <https://x>.
_SLACK_USER = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_SLACK_SPECIAL = re.compile(r"<![^>]*>")
_SLACK_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>")


def question_text(text: str) -> str:
    """The question in a Slack message, as plain words: mentions and specials removed (so that
    nothing derived from it can ping), a link reduced to its label (a bare link to nothing),
    a channel link to its name, Slack's ``&amp; &lt; &gt;`` escapes undone.

    >>> question_text("<@U0BOT> what did <https://x.org/a|the mayor> say in <#C1|town-hall>?")
    'what did the mayor say in #town-hall?'
    """
    text = _SLACK_USER.sub(" ", text or "")
    text = _SLACK_SPECIAL.sub(" ", text)
    text = _SLACK_CHANNEL.sub(lambda m: f"#{m.group(1)}" if m.group(1) else " ", text)
    text = _SLACK_LINK.sub(lambda m: m.group(2) or " ", text)
    # After Slack's own markup is gone, what is left of < > & is the person's text.
    text = html.unescape(text)
    return " ".join(text.split())


class _BoltNoise(logging.Filter):
    """Drops bolt's warning that the ``SLACK_BOT_TOKEN`` it read from the environment "will be
    unused": the adapter hands bolt a client holding that very token, on purpose."""

    _NOISE = frozenset({warning_client_prioritized_and_token_skipped()})

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self._NOISE


_BOLT_LOG = logging.getLogger("slack_bolt.AsyncApp")
_BOLT_LOG.addFilter(_BoltNoise())


def _retry_num(req: AsyncBoltRequest) -> int:
    """``X-Slack-Retry-Num`` as a number: 0 on a first delivery (header absent or "0")."""
    values = req.headers.get("x-slack-retry-num") or ["0"]
    try:
        return int(values[0])
    except (TypeError, ValueError):
        return 0


class SlackAdapter:
    """Connects newsbrief to one Slack workspace; also the ``DigestSink`` for "slack:" targets.

    >>> adapter = SlackAdapter(service, config.slack, Secrets.from_env())
    >>> await adapter.start()        # PlatformError with one clear line on a bad token
    >>> await service.deliver("morning", "slack:C0123", adapter)
    >>> await adapter.stop()
    """

    platform = "slack"

    def __init__(self, service: Briefing, settings: SlackSettings, secrets: Secrets):
        self._service = service
        self._settings = settings
        self._secrets = secrets
        self._client = AsyncWebClient(
            token=secrets.slack_bot_token,
            base_url=settings.api_url or DEFAULT_API_URL,
            logger=_log,
            retry_handlers=[
                AsyncConnectionErrorRetryHandler(max_retry_count=2),
                AsyncRateLimitErrorRetryHandler(max_retry_count=3),
            ],
        )
        self._app: AsyncApp | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._bot_user_id: str | None = None
        self._seen_events: OrderedDict[str, None] = OrderedDict()
        self._seen_signatures: dict[str, float] = {}
        self._inflight: set[asyncio.Task[Any]] = set()

    # -----------------------------------------------------------------------------------------
    # lifetime

    @property
    def http_url(self) -> str | None:
        """The URL Slack must post events to (HTTP mode, once started); None in Socket Mode."""
        if self._runner is None or not self._runner.addresses:
            return None
        host, port = self._runner.addresses[0][:2]
        return f"http://{host}:{port}{self._settings.http_path}"

    async def start(self) -> None:
        """Check the tokens with Slack, then connect (Socket Mode) or listen (HTTP mode)."""
        mode = self._settings.mode
        if mode not in ("socket", "http"):
            raise PlatformError(f"Slack: unknown mode {mode!r} (expected 'socket' or 'http')")
        self._require("SLACK_BOT_TOKEN", self._secrets.slack_bot_token)
        if mode == "socket":
            self._require("SLACK_APP_TOKEN", self._secrets.slack_app_token)
        else:
            self._require("SLACK_SIGNING_SECRET", self._secrets.slack_signing_secret)

        auth = await self._call("SLACK_BOT_TOKEN", self._client.auth_test())
        self._bot_user_id = auth.get("user_id")
        self._app = self._build_app()
        if mode == "socket":
            await self._start_socket_mode()
        else:
            await self._start_http_mode()
        where = f" at {self.http_url}" if self.http_url else ""
        _ops.info("connected to Slack (%s mode%s) as %s", "Socket" if mode == "socket" else "HTTP", where, auth.get("user") or self._bot_user_id)

    async def stop(self) -> None:
        """Disconnect, stop listening, and let answers in progress finish (briefly)."""
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._inflight:
            _, pending = await asyncio.wait(set(self._inflight), timeout=_STOP_GRACE)
            for task in pending:
                task.cancel()

    @staticmethod
    def _require(name: str, value: str | None) -> None:
        if not value:
            raise PlatformError(f"Slack: {name} is not set")

    async def _call(self, token_name: str, call: Awaitable[Any]) -> Any:
        """Run a start-up API call; turn its failure into one clear line without the token."""
        base = self._client.base_url
        try:
            return await asyncio.wait_for(call, _CONNECT_TIMEOUT)
        except SlackApiError as e:
            error = e.response.get("error", "unknown_error") if e.response is not None else "unknown_error"
            raise PlatformError(f"Slack rejected {token_name} ({error})") from None
        except (TimeoutError, aiohttp.ClientError, OSError) as e:
            raise PlatformError(f"Slack: cannot reach the Web API at {base} ({type(e).__name__})") from None

    async def _start_socket_mode(self) -> None:
        assert self._app is not None
        app_token = self._secrets.slack_app_token or ""
        opened = await self._call("SLACK_APP_TOKEN", self._client.apps_connections_open(app_token=app_token))
        self._socket = AsyncSocketModeHandler(self._app, app_token=app_token, web_client=self._client)
        # Use the URL just issued: it proves the app token works, and the client would
        # otherwise retry a failing connect forever.
        self._socket.client.wss_uri = opened["url"]
        try:
            await asyncio.wait_for(self._socket.connect_async(), _CONNECT_TIMEOUT)
        except TimeoutError:
            await self._socket.close_async()
            self._socket = None
            raise PlatformError("Slack: cannot open the Socket Mode connection (timed out)") from None

    async def _start_http_mode(self) -> None:
        assert self._app is not None
        app = self._app
        verifier = SignatureVerifier(self._secrets.slack_signing_secret or "")

        async def handle(request: web.Request) -> web.Response:
            # bolt verifies the signature and its age; what it cannot judge is refused here.
            timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
            if not timestamp.strip().isdigit():
                _log.info("Slack: refused a request whose timestamp is not a number")
                return web.Response(status=400, text="invalid request timestamp")
            signature = request.headers.get("X-Slack-Signature", "")
            body = await request.read()
            if verifier.is_valid(body=body, timestamp=timestamp, signature=signature) and self._is_replay(signature):
                # An exact copy of a request already served is never served again. Slack may
                # re-send an event within the same second (same timestamp, same signature): that
                # event was handled, so it is acknowledged; any other copy is a replay.
                if request.content_type == "application/json" and request.headers.get("X-Slack-Retry-Num"):
                    return web.Response(status=200)
                _ops.warning("Slack: refused a replayed request (an exact copy of one already served)")
                return web.Response(status=401, text="replayed request")
            return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

        web_app = web.Application()
        web_app.router.add_post(self._settings.http_path, handle)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        host, port = self._settings.http_host, self._settings.http_port
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as e:
            await self._runner.cleanup()
            self._runner = None
            raise PlatformError(f"Slack: cannot listen on {host}:{port} ({e.strerror or e})") from None

    def _build_app(self) -> AsyncApp:
        http = self._settings.mode == "http"
        app = AsyncApp(
            client=self._client,
            logger=_BOLT_LOG,
            name="newsbrief",
            signing_secret=self._secrets.slack_signing_secret or "",
            request_verification_enabled=http,
            process_before_response=False,
        )
        app.error(self._on_error)
        app.middleware(self._skip_duplicate_events)
        app.event("app_mention")(self._on_mention)
        app.event("message")(self._on_message)
        app.command("/ask")(ack=self._ack_ask, lazy=[self._run_ask])
        app.command("/brief")(ack=self._ack_brief, lazy=[self._run_brief])
        return app

    # -----------------------------------------------------------------------------------------
    # bolt handlers (argument names are bolt's injection keys)

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") or body.get("command") or "request"
        _log.error("Slack: unhandled error while handling %s", kind, exc_info=error)

    async def _skip_duplicate_events(
        self,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        body: dict[str, Any],
        next: Callable[[], Awaitable[None]],
    ) -> BoltResponse:
        if body.get("type") != "event_callback" or not body.get("event_id"):
            await next()
            return resp
        event_id = str(body["event_id"])
        retry = _retry_num(req)
        if event_id in self._seen_events:
            _log.info("Slack: event %s delivered again (retry %d): already handled", event_id, retry)
            return BoltResponse(status=200, body="")
        self._remember_event(event_id)
        if retry > 0 and await self._answered_before(body):
            _log.info("Slack: retry %d of event %s: the thread already has its answer", retry, event_id)
            return BoltResponse(status=200, body="")
        await next()
        return resp

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        if str(event.get("channel", "")).startswith("D"):
            return  # a direct message: answered once, by _on_message (message.im)
        await self._tracked(self._answer_in_thread(event, str(body.get("event_id", ""))))

    async def _on_message(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        # Channel messages reach the bot as app_mention; only direct messages are answered here.
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        if event.get("user") == self._bot_user_id:
            return
        await self._tracked(self._answer_in_thread(event, str(body.get("event_id", ""))))

    async def _ack_ask(self, ack: Callable[..., Awaitable[None]], command: dict[str, Any]) -> None:
        if not parse_command_text(command.get("text", "")).text:
            await ack(text=ASK_USAGE)
        else:
            await ack()

    async def _run_ask(self, command: dict[str, Any], respond: Callable[..., Awaitable[Any]]) -> None:
        parsed = parse_command_text(command.get("text", ""))
        if not parsed.text:
            return

        async def work() -> list[SlackMessage]:
            return render_answer(await self._service.answer(question_text(parsed.text)), show_question=True)

        await self._tracked(self._respond_with(respond, parsed.public, work, "/ask"))

    async def _ack_brief(self, ack: Callable[..., Awaitable[None]]) -> None:
        await ack()

    async def _run_brief(self, command: dict[str, Any], respond: Callable[..., Awaitable[Any]]) -> None:
        parsed = parse_command_text(command.get("text", ""))
        topic = question_text(parsed.text) or None

        async def work() -> list[SlackMessage]:
            briefs = await self._service.brief(topic=topic, limit=3)
            if not briefs:
                about = f" about “{topic}”" if topic else ""
                return render_text(f"No stories{about} yet.")
            return render_briefs(briefs)

        await self._tracked(self._respond_with(respond, parsed.public, work, "/brief"))

    # -----------------------------------------------------------------------------------------
    # the work

    async def _tracked(self, work: Awaitable[None]) -> None:
        """Run ``work`` in this task, registered so that ``stop`` can wait for it."""
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            await work
        finally:
            if task is not None:
                self._inflight.discard(task)

    async def _answer_in_thread(self, event: dict[str, Any], event_id: str) -> None:
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event["ts"]
        question = question_text(event.get("text", ""))
        try:
            if not question:
                await self._post(channel, render_text(HELP), thread_ts=thread_ts)
                return
            answer = await self._service.answer(question, thread=f"slack:{channel}:{thread_ts}")
            metadata = {"event_type": ANSWER_EVENT_TYPE, "event_payload": {"event_id": event_id}}
            await self._post(channel, render_answer(answer), thread_ts=thread_ts, metadata=metadata)
        except Exception:  # noqa: BLE001 - the edge: any failure is an apology plus a logged traceback
            _log.exception("Slack: failed to answer a question in %s", channel)
            try:
                await self._post(channel, render_text(APOLOGY), thread_ts=thread_ts)
            except Exception:  # noqa: BLE001
                _log.exception("Slack: could not post the apology in %s either", channel)

    async def _respond_with(
        self,
        respond: Callable[..., Awaitable[Any]],
        public: bool,
        work: Callable[[], Awaitable[list[SlackMessage]]],
        what: str,
    ) -> None:
        """Send a slash command's result through its response_url (works in any channel)."""
        response_type = "in_channel" if public else "ephemeral"
        try:
            messages = await work()
        except Exception:  # noqa: BLE001 - the edge: an apology to the person, the traceback to the log
            _log.exception("Slack: %s failed", what)
            messages, response_type = render_text(APOLOGY), "ephemeral"
        if len(messages) > _RESPONSE_URL_USES:  # Slack takes 5 responses per command: say what is left
            left = len(messages) - (_RESPONSE_URL_USES - 1)
            note = f"{left} more parts did not fit in one reply; ask about one story, e.g. `/brief TOPIC`."
            messages = [*messages[: _RESPONSE_URL_USES - 1], *render_text(note)]
        for message in messages:
            reply = await respond(
                text=message.text,
                blocks=list(message.blocks),
                response_type=response_type,
                replace_original=False,
                unfurl_links=False,
                unfurl_media=False,
            )
            if getattr(reply, "status_code", 200) != 200:
                _log.error("Slack: %s response refused (HTTP %s: %s)", what, reply.status_code, reply.body)
                return

    async def _post(
        self,
        channel: str,
        messages: Sequence[SlackMessage],
        *,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> str:
        """Post messages in order (a continuation follows its first part); the first one's ts."""
        first_ts = ""
        for message in messages:
            response = await self._client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=list(message.blocks),
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
                link_names=False,
                metadata=metadata,
            )
            first_ts = first_ts or str(response.get("ts", ""))
        return first_ts

    # -----------------------------------------------------------------------------------------
    # threads and retries

    def _is_replay(self, signature: str) -> bool:
        """Whether this valid signature was seen within the time bolt would accept it; it is
        remembered for that long."""
        now = time.monotonic()
        horizon = now - _SIGNATURE_AGE - 60
        if len(self._seen_signatures) > 1000 or next(iter(self._seen_signatures.values()), now) < horizon:
            self._seen_signatures = {sig: at for sig, at in self._seen_signatures.items() if at >= horizon}
        if signature in self._seen_signatures:
            return True
        self._seen_signatures[signature] = now
        return False

    def _remember_event(self, event_id: str) -> None:
        self._seen_events[event_id] = None
        while len(self._seen_events) > _SEEN_EVENTS_MAX:
            self._seen_events.popitem(last=False)

    async def _answered_before(self, body: dict[str, Any]) -> bool:
        """Whether the event's thread already holds the answer to it (metadata names its id)."""
        event = body.get("event") or {}
        channel, ts = event.get("channel"), event.get("thread_ts") or event.get("ts")
        if not channel or not ts or event.get("type") not in ("app_mention", "message"):
            return False
        try:
            replies = await self._client.conversations_replies(
                channel=channel, ts=ts, include_all_metadata=True, limit=200
            )
        except SlackApiError as e:
            _log.warning("Slack: cannot check thread %s for an earlier answer (%s)", ts, e.response.get("error"))
            return False
        for message in replies.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == ANSWER_EVENT_TYPE and (metadata.get("event_payload") or {}).get(
                "event_id"
            ) == body.get("event_id"):
                return True
        return False

    # -----------------------------------------------------------------------------------------
    # DigestSink

    async def post(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str | None = None) -> str:
        """Post one digest item; its ts (an "update" is a reply in the thread of ``reply_to``).

        With ``delivery_key`` every message of the item carries it in its metadata (Slack has no
        idempotency key), so that ``find_delivered`` can recognise the post after a crash.
        Raises ``SlackApiError`` when Slack refuses after the client's retries, so that the
        delivery record leaves the item undelivered.
        """
        messages = self._render_item(digest, item)
        thread_ts = item.reply_to if item.kind == "update" else None
        first_ts = ""
        for part, message in enumerate(messages):
            metadata = _digest_metadata(delivery_key, part, len(messages)) if delivery_key else None
            ts = await self._post(channel, [message], thread_ts=thread_ts, metadata=metadata)
            first_ts = first_ts or ts
        return first_ts

    async def find_delivered(self, channel: str, digest: Digest, item: DigestItem, *, delivery_key: str) -> str | None:
        """The ts of an earlier post of this item (found by its metadata), or None.

        Reads the latest messages of the channel (or, for an "update", of the thread it replies
        to) with their metadata; needs the ``channels:history`` / ``groups:history`` scope.
        When a crash cut a multi-message item short, the missing parts are posted now, so the
        item ends up complete and still once. Raises ``SlackApiError`` when history cannot be
        read (the caller then posts the item).
        """
        thread_ts = item.reply_to if item.kind == "update" else None
        if thread_ts:
            response = await self._client.conversations_replies(
                channel=channel, ts=thread_ts, include_all_metadata=True, limit=_HISTORY_LIMIT
            )
        else:
            response = await self._client.conversations_history(
                channel=channel, include_all_metadata=True, limit=_HISTORY_LIMIT
            )
        found: dict[int, str] = {}
        for message in response.get("messages", []):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == DIGEST_EVENT_TYPE and payload.get("delivery_key") == delivery_key:
                found.setdefault(int(payload.get("part", 0)), str(message.get("ts", "")))
        if 0 not in found:
            return None
        messages = self._render_item(digest, item)
        for part, message in enumerate(messages):
            if part not in found:
                _log.info("Slack: completing digest item %s in %s (part %d of %d)", item.key, channel, part + 1, len(messages))
                metadata = _digest_metadata(delivery_key, part, len(messages))
                await self._post(channel, [message], thread_ts=thread_ts, metadata=metadata)
        return found[0]

    @staticmethod
    def _render_item(digest: Digest, item: DigestItem) -> list[SlackMessage]:
        if item.kind == "story" and item.brief is not None:
            return list(render_briefs([item.brief], heading=digest.title))
        if item.kind == "update":
            text = item.text or "New reporting on this story."
            return list(render_update(text, item.brief, heading=digest.title))
        text = item.text or ("No new stories." if item.kind == "empty" else item.kind)
        return list(render_text(text, fallback=f"{digest.title}: {text}"))


def _digest_metadata(delivery_key: str, part: int, parts: int) -> dict[str, Any]:
    """Message metadata marking one message of a digest item (Slack's documented shape)."""
    return {
        "event_type": DIGEST_EVENT_TYPE,
        "event_payload": {"delivery_key": delivery_key, "part": part, "parts": parts},
    }
