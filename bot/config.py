"""newsbrief's configuration: one TOML file, validated into frozen dataclasses.

Where the file comes from, first match wins: ``--config PATH``, then ``$NEWSBRIEF_CONFIG``, then
``./config.toml``, then the built-in defaults (the bundled seed articles, an in-memory store, no
feeds, no digests, no chat platform: the terminal chat). ``config.example.toml`` documents every
key with its default.

Every problem is a ``ConfigError`` whose message names the file, the key and why::

    config.toml: digests.morning.schedule: 'every day' is not a cron expression

Unknown keys are errors too (a typo in ``schedlue`` would otherwise silently mean "no schedule").
Relative paths in the file (``storage.path``) are resolved against the file's folder, so a config
means the same thing whatever the working directory.

Secrets never live in the file: ``Secrets.from_env()`` reads them from the environment.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError

_log = logging.getLogger(__name__)

__all__ = [
    "Config",
    "DigestConfig",
    "DiscordSettings",
    "FeedConfig",
    "FetchSettings",
    "Secrets",
    "SlackSettings",
    "StorageSettings",
    "StorySettings",
    "load_config",
    "parse_config",
    "resolve_config_path",
]

ENV_CONFIG = "NEWSBRIEF_CONFIG"
DEFAULT_CONFIG_NAME = "config.toml"


@dataclass(frozen=True)
class SlackSettings:
    """Slack adapter settings (tokens come from the environment, see ``Secrets``)."""

    api_url: str | None = None  # Web API base, e.g. "https://slack.com/api/" or a local stand-in
    mode: str = "socket"  # "socket" (Socket Mode, no public URL) | "http" (Events API over HTTP)
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    http_path: str = "/slack/events"


@dataclass(frozen=True)
class DiscordSettings:
    """Discord adapter settings (the token comes from ``DISCORD_TOKEN``)."""

    api_url: str | None = None  # REST base, e.g. "https://discord.com/api/v10"
    gateway_url: str | None = None  # gateway websocket, e.g. "wss://gateway.discord.gg/"
    guild_ids: tuple[int, ...] = ()  # sync commands to these guilds (instant); empty = globally
    sync_commands: bool = True


@dataclass(frozen=True)
class FeedConfig:
    """One RSS or Atom feed. ``outlet`` labels its articles (default: the feed's own title)."""

    url: str
    outlet: str | None = None


@dataclass(frozen=True)
class FetchSettings:
    """How feeds and article pages are fetched. Delays are settings so that tests stay fast."""

    interval_minutes: float = 30.0  # `newsbrief run` fetches all feeds this often
    timeout_seconds: float = 20.0  # whole request, including reading the body
    max_bytes: int = 5_000_000  # bodies larger than this are refused (read is stopped)
    retries: int = 2  # extra attempts after a 5xx, 429, timeout or connection error
    backoff_seconds: float = 1.0  # first retry delay; doubles each attempt (plus jitter)
    max_backoff_seconds: float = 60.0  # no retry waits longer, whatever Retry-After says
    host_delay_seconds: float = 1.0  # at least this long between two requests to one host
    concurrency: int = 8  # requests in flight at once (over all hosts; one per host at a time)
    max_redirects: int = 5
    full_text: bool = True  # fetch the article page when the feed carries only a summary
    min_words: int = 150  # a feed entry shorter than this is treated as a summary
    max_new_per_feed: int = 100  # new entries read per feed and fetch; the rest wait for the next
    # processes extracting article pages (at most one a CPU; 0: a thread of the fetching process)
    extract_workers: int = 2
    failing_after: int = 3  # consecutive failures after which a digest notes a feed as failing
    robots_txt: bool = True  # honour robots.txt (and its Crawl-delay) for article pages
    contact: str = ""  # how site owners reach you (an e-mail or URL), sent in the User-Agent
    user_agent: str = ""  # the whole User-Agent instead ("" = newsbrief/VERSION (+URL; contact))


@dataclass(frozen=True)
class StorageSettings:
    """Where articles, stories and the delivery record live. ``path=None``: in memory only."""

    path: Path | None = None


@dataclass(frozen=True)
class StorySettings:
    """How articles are grouped into stories over time."""

    window_hours: float = 72.0  # a story takes new articles for this long after its first one was seen
    wire_similarity: float = 0.8  # text overlap above which two outlets' copies are one report
    # Stories whose latest report is older than this are pruned with their articles (0: keep all);
    # at least a window and the two windows a closed story may still be continued in.
    retention_days: float = 30.0


@dataclass(frozen=True)
class DigestConfig:
    """A named digest: when it fires, where it goes, what it holds."""

    name: str
    schedule: str  # cron, 5 fields: minute hour day month day-of-week
    timezone: str = "UTC"
    targets: tuple[str, ...] = ()  # "slack:C0123", "discord:1122…", "console"
    topics: tuple[str, ...] = ()  # only stories about one of these (empty: all stories)
    max_stories: int = 5
    grace_minutes: float = 60.0  # a digest missed while down is still sent this long after
    notify_failing: bool = True  # add a notice naming feeds that have been failing

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Config:
    """The whole configuration. ``source`` is the file it came from (None: built-in defaults)."""

    source: Path | None = None
    feeds: tuple[FeedConfig, ...] = ()
    include_seeds: bool = True  # put the bundled seed articles in the store
    storage: StorageSettings = field(default_factory=StorageSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    digests: tuple[DigestConfig, ...] = ()
    slack: SlackSettings = field(default_factory=SlackSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)

    def digest(self, name: str) -> DigestConfig:
        """The digest called ``name``; ConfigError listing the known names otherwise."""
        for digest in self.digests:
            if digest.name == name:
                return digest
        known = ", ".join(d.name for d in self.digests) or "none configured"
        raise ConfigError(f"{self.label}: no digest named {name!r} (known: {known})")

    @property
    def label(self) -> str:
        return str(self.source) if self.source else "built-in defaults"


@dataclass(frozen=True)
class Secrets:
    """Tokens, read only from the environment. ``repr`` shows which are set, never their values."""

    slack_bot_token: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    discord_token: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Secrets:
        def get(name: str) -> str | None:
            value = environ.get(name, "").strip()
            return value or None

        return cls(
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            discord_token=get("DISCORD_TOKEN"),
        )

    def values(self) -> tuple[str, ...]:
        """The secret values that are set (for redacting them from logs)."""
        return tuple(v for v in (self.slack_bot_token, self.slack_app_token, self.slack_signing_secret, self.discord_token) if v)

    def slack_ready(self, settings: SlackSettings) -> bool:
        """Whether the tokens that ``settings.mode`` needs are all present."""
        if not self.slack_bot_token:
            return False
        if settings.mode == "http":
            return bool(self.slack_signing_secret)
        return bool(self.slack_app_token)

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={'set' if getattr(self, name) else 'unset'}"
            for name in ("slack_bot_token", "slack_app_token", "slack_signing_secret", "discord_token")
        )
        return f"Secrets({shown})"


# ---------------------------------------------------------------------------------------------
# loading


def resolve_config_path(path: str | os.PathLike[str] | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    """The config file to read: the argument, ``$NEWSBRIEF_CONFIG``, ``./config.toml`` or None.

    An explicit path (argument or environment) that does not exist is an error: silently falling
    back to defaults would hide a typo. ``./config.toml`` is optional.
    """
    if path:
        explicit = Path(path).expanduser()
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such config file")
        return explicit.resolve()
    from_env = environ.get(ENV_CONFIG, "").strip()
    if from_env:
        explicit = Path(from_env).expanduser()
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such config file (from ${ENV_CONFIG})")
        return explicit.resolve()
    local = Path(DEFAULT_CONFIG_NAME)
    return local.resolve() if local.is_file() else None


def load_config(path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    """Load and validate the configuration (see the module docstring for where it comes from)."""
    resolved = resolve_config_path(path, environ)
    if resolved is None:
        _log.debug("no config file: using built-in defaults")
        return Config()
    try:
        raw = resolved.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{resolved}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{resolved}: not UTF-8 text") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{resolved}: not valid TOML ({exc})") from None
    return parse_config(data, source=resolved)


def parse_config(data: Mapping[str, Any], *, source: Path | None = None) -> Config:
    """Validate parsed TOML into a ``Config``; ConfigError names the first bad key."""
    v = _Validator(str(source) if source else "config")
    base = source.parent if source else Path.cwd()
    v.only(data, "", {"include_seeds", "feeds", "storage", "fetch", "stories", "digests", "slack", "discord"})

    feeds = tuple(_feed(v, item, f"feeds[{n}]") for n, item in enumerate(v.list_of(data, "feeds", dict)))
    seen_urls: set[str] = set()
    for n, feed in enumerate(feeds):
        if feed.url in seen_urls:
            v.fail(f"feeds[{n}].url", f"{feed.url!r} is listed twice")
        seen_urls.add(feed.url)
    include_seeds = v.boolean(data, "include_seeds", default=not feeds)

    storage_t = v.table(data, "storage")
    v.only(storage_t, "storage", {"path"})
    path_text = v.string(storage_t, "storage.path", default=None)
    storage_path: Path | None = None
    if path_text is not None and path_text != ":memory:":
        storage_path = Path(path_text).expanduser()
        if not storage_path.is_absolute():
            storage_path = base / storage_path

    fetch = _fetch(v, v.table(data, "fetch"))
    stories_t = v.table(data, "stories")
    v.only(stories_t, "stories", {"window_hours", "wire_similarity", "retention_days"})
    stories = StorySettings(
        window_hours=v.number(stories_t, "stories.window_hours", StorySettings.window_hours, minimum=0.1),
        wire_similarity=v.number(stories_t, "stories.wire_similarity", StorySettings.wire_similarity, minimum=0.5, maximum=1.0),
        retention_days=v.number(stories_t, "stories.retention_days", StorySettings.retention_days, minimum=0),
    )
    if 0 < stories.retention_days * 24 < 3 * stories.window_hours:
        v.fail("stories.retention_days", f"must be 0 (keep everything) or at least {3 * stories.window_hours / 24:g} days: "
               "three story windows, so a story can still be continued")

    digests_t = v.table(data, "digests")
    digests = tuple(_digest(v, name, spec) for name, spec in digests_t.items())

    return Config(
        source=source,
        feeds=feeds,
        include_seeds=include_seeds,
        storage=StorageSettings(path=storage_path),
        fetch=fetch,
        stories=stories,
        digests=digests,
        slack=_slack(v, v.table(data, "slack")),
        discord=_discord(v, v.table(data, "discord")),
    )


def _feed(v: _Validator, item: Mapping[str, Any], where: str) -> FeedConfig:
    v.only(item, where, {"url", "outlet"})
    url = v.string(item, f"{where}.url")
    if url is None:
        v.fail(f"{where}.url", 'missing (each [[feeds]] needs url = "https://…")')
    if not re.match(r"^https?://[^/\s]+", url):
        v.fail(f"{where}.url", f"{url!r} is not an http(s) URL")
    outlet = v.string(item, f"{where}.outlet", default=None)
    return FeedConfig(url=url, outlet=outlet.strip() if outlet and outlet.strip() else None)


def _fetch(v: _Validator, t: Mapping[str, Any]) -> FetchSettings:
    d = FetchSettings()
    v.only(t, "fetch", set(FetchSettings.__dataclass_fields__))
    return FetchSettings(
        interval_minutes=v.number(t, "fetch.interval_minutes", d.interval_minutes, minimum=1.0),
        timeout_seconds=v.number(t, "fetch.timeout_seconds", d.timeout_seconds, minimum=0.1, maximum=600),
        max_bytes=int(v.number(t, "fetch.max_bytes", d.max_bytes, minimum=1024, integer=True)),
        retries=int(v.number(t, "fetch.retries", d.retries, minimum=0, maximum=10, integer=True)),
        backoff_seconds=v.number(t, "fetch.backoff_seconds", d.backoff_seconds, minimum=0.0),
        max_backoff_seconds=v.number(t, "fetch.max_backoff_seconds", d.max_backoff_seconds, minimum=0.0),
        host_delay_seconds=v.number(t, "fetch.host_delay_seconds", d.host_delay_seconds, minimum=0.0),
        concurrency=int(v.number(t, "fetch.concurrency", d.concurrency, minimum=1, maximum=64, integer=True)),
        max_redirects=int(v.number(t, "fetch.max_redirects", d.max_redirects, minimum=0, maximum=30, integer=True)),
        full_text=v.boolean(t, "fetch.full_text", d.full_text),
        min_words=int(v.number(t, "fetch.min_words", d.min_words, minimum=0, integer=True)),
        max_new_per_feed=int(v.number(t, "fetch.max_new_per_feed", d.max_new_per_feed, minimum=1, integer=True)),
        extract_workers=int(v.number(t, "fetch.extract_workers", d.extract_workers, minimum=0, maximum=32, integer=True)),
        failing_after=int(v.number(t, "fetch.failing_after", d.failing_after, minimum=1, integer=True)),
        robots_txt=v.boolean(t, "fetch.robots_txt", d.robots_txt),
        contact=_one_line(v, "fetch.contact", v.string(t, "fetch.contact", d.contact) or ""),
        user_agent=_one_line(v, "fetch.user_agent", v.string(t, "fetch.user_agent", d.user_agent) or ""),
    )


def _one_line(v: _Validator, key: str, value: str) -> str:
    """A value sent in an HTTP header: printable, on one line."""
    if any(ch in value for ch in "\r\n\0") or not value.isprintable():
        v.fail(key, "must be printable text on one line (it is sent in an HTTP header)")
    return value.strip()


_TARGET = re.compile(r"^(?:console|slack:[A-Za-z0-9_#-]+|discord:\d{5,25})$")


def _digest(v: _Validator, name: str, spec: Any) -> DigestConfig:
    where = f"digests.{name}"
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", name):
        v.fail(where, "a digest name may hold only letters, digits, '-' and '_'")
    if not isinstance(spec, Mapping):
        v.fail(where, "expected a table")
    v.only(spec, where, set(DigestConfig.__dataclass_fields__) - {"name"})
    timezone = v.string(spec, f"{where}.timezone", "UTC") or "UTC"
    try:
        tz = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        v.fail(f"{where}.timezone", f"{timezone!r} is not a known time zone (e.g. 'Europe/Berlin')")
    schedule = v.string(spec, f"{where}.schedule")
    if schedule is None:
        v.fail(f"{where}.schedule", "missing (a cron expression such as '0 8 * * 1-5')")
    try:
        cron_trigger(schedule, tz)
    except ValueError as exc:
        v.fail(f"{where}.schedule", f"{schedule!r} is not a cron expression ({exc})")
    targets = tuple(v.list_of(spec, "targets", str, where=f"{where}.targets"))
    if not targets:
        v.fail(f"{where}.targets", "no targets (e.g. [\"slack:C0123\", \"discord:112233445566778899\", \"console\"])")
    for n, target in enumerate(targets):
        if not _TARGET.match(target):
            v.fail(
                f"{where}.targets[{n}]",
                f"{target!r} is not a target ('slack:CHANNEL_ID', 'discord:CHANNEL_ID' or 'console')",
            )
    topics = tuple(t.strip() for t in v.list_of(spec, "topics", str, where=f"{where}.topics") if t.strip())
    d = DigestConfig(name=name, schedule=schedule)
    return DigestConfig(
        name=name,
        schedule=schedule,
        timezone=timezone,
        targets=targets,
        topics=topics,
        max_stories=int(v.number(spec, f"{where}.max_stories", d.max_stories, minimum=1, maximum=50, integer=True)),
        grace_minutes=v.number(spec, f"{where}.grace_minutes", d.grace_minutes, minimum=0.0),
        notify_failing=v.boolean(spec, f"{where}.notify_failing", d.notify_failing),
    )


def cron_trigger(schedule: str, tz: ZoneInfo) -> Any:
    """An APScheduler ``CronTrigger`` for a 5-field cron expression (ValueError if invalid)."""
    # APScheduler is imported on first use: a config without digests never needs it (~0.2 s).
    from apscheduler.triggers.cron import CronTrigger

    fields = schedule.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month day-of-week), got {len(fields)}")
    minute, hour, day, month, day_of_week = fields
    # Standard cron counts weekdays from Sunday = 0 (7 too); APScheduler 3.x from Monday = 0.
    # Names mean the same in both, so numbers are translated to names ("1-5" -> "mon-fri").
    day_of_week = re.sub(r"(?<![*/])\b([0-7])\b", lambda m: _WEEKDAYS[int(m[1])], day_of_week)
    return CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week, timezone=tz
    )


_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _slack(v: _Validator, t: Mapping[str, Any]) -> SlackSettings:
    d = SlackSettings()
    v.only(t, "slack", set(SlackSettings.__dataclass_fields__))
    mode = v.string(t, "slack.mode", d.mode) or d.mode
    if mode not in ("socket", "http"):
        v.fail("slack.mode", f"{mode!r} is not 'socket' or 'http'")
    api_url = v.string(t, "slack.api_url", None)
    if api_url is not None and not re.match(r"^https?://", api_url):
        v.fail("slack.api_url", f"{api_url!r} is not an http(s) URL")
    path = v.string(t, "slack.http_path", d.http_path) or d.http_path
    if not path.startswith("/"):
        v.fail("slack.http_path", f"{path!r} must start with '/'")
    return SlackSettings(
        api_url=api_url,
        mode=mode,
        http_host=v.string(t, "slack.http_host", d.http_host) or d.http_host,
        http_port=int(v.number(t, "slack.http_port", d.http_port, minimum=1, maximum=65535, integer=True)),
        http_path=path,
    )


def _discord(v: _Validator, t: Mapping[str, Any]) -> DiscordSettings:
    d = DiscordSettings()
    v.only(t, "discord", set(DiscordSettings.__dataclass_fields__))
    api_url = v.string(t, "discord.api_url", None)
    if api_url is not None and not re.match(r"^https?://", api_url):
        v.fail("discord.api_url", f"{api_url!r} is not an http(s) URL")
    gateway_url = v.string(t, "discord.gateway_url", None)
    if gateway_url is not None and not re.match(r"^wss?://", gateway_url):
        v.fail("discord.gateway_url", f"{gateway_url!r} is not a ws(s) URL")
    guild_ids = []
    for n, gid in enumerate(v.list_of(t, "guild_ids", (int, str), where="discord.guild_ids")):
        if isinstance(gid, bool) or not str(gid).isdigit():
            v.fail(f"discord.guild_ids[{n}]", f"{gid!r} is not a numeric guild id")
        guild_ids.append(int(gid))
    return DiscordSettings(
        api_url=api_url,
        gateway_url=gateway_url,
        guild_ids=tuple(guild_ids),
        sync_commands=v.boolean(t, "discord.sync_commands", d.sync_commands),
    )


class _Validator:
    """Typed getters that raise ConfigError naming ``<file>: <key>: <why>``."""

    def __init__(self, label: str):
        self.label = label

    def fail(self, key: str, why: str) -> Any:
        raise ConfigError(f"{self.label}: {key}: {why}")

    def only(self, table: Mapping[str, Any], where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                full = f"{where}.{key}" if where else key
                self.fail(full, f"unknown key (expected one of: {', '.join(sorted(allowed))})")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, Mapping):
            self.fail(key, f"expected a table, got {_kind(value)}")
        return value

    def list_of(self, data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], *, where: str | None = None) -> list[Any]:
        where = where or key
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
        for n, item in enumerate(value):
            if not isinstance(item, kind):
                self.fail(f"{where}[{n}]", f"expected {_names(kind)}, got {_kind(item)}")
        return value

    def string(self, data: Mapping[str, Any], key: str, default: Any = ...) -> Any:
        name = key.rsplit(".", 1)[-1]
        if name not in data:
            if default is ...:
                return None
            return default
        value = data[name]
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_kind(value)}")
        return value

    def boolean(self, data: Mapping[str, Any], key: str, default: bool) -> bool:
        name = key.rsplit(".", 1)[-1]
        value = data.get(name, default)
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_kind(value)}")
        return value

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        default: float,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
    ) -> float:
        name = key.rsplit(".", 1)[-1]
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"expected a number, got {_kind(value)}")
        if integer and isinstance(value, float) and not value.is_integer():
            self.fail(key, f"expected a whole number, got {value}")
        if minimum is not None and value < minimum:
            self.fail(key, f"{value} is below the minimum {minimum:g}")
        if maximum is not None and value > maximum:
            self.fail(key, f"{value} is above the maximum {maximum:g}")
        return value


def _kind(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _names(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_kind(k()) for k in kinds)
