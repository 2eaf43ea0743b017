"""Config: the example parses, bad keys are named with the reason, resolution order, secrets."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import Config, Secrets, load_config, parse_config
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_the_example_config_is_valid_and_documents_the_defaults(tmp_path):
    config = load_config(ROOT / "config.example.toml")
    assert config.storage.path == ROOT / "newsbrief.db"
    assert config.digest("morning").targets[0] == "slack:C0123456789"
    assert config.fetch == Config().fetch  # every fetch default shown in the example is the real one
    assert config.stories == Config().stories and config.slack == Config().slack


@pytest.mark.parametrize(
    "text, message",
    [
        ('[digests.morning]\nschedule = "every day"\ntargets = ["console"]', "digests.morning.schedule: 'every day' is not a cron expression"),
        ('[digests.m]\nschedule = "0 8 * * *"\ntimezone = "Mars/Olympus"\ntargets = ["console"]', "digests.m.timezone: 'Mars/Olympus' is not a known time zone"),
        ('[digests.m]\nschedule = "0 8 * * *"\ntargets = ["irc:#news"]', "digests.m.targets[0]: 'irc:#news' is not a target"),
        ('[digests.m]\nschedlue = "0 8 * * *"', "digests.m.schedlue: unknown key"),
        ('[fetch]\ntimeout_seconds = "soon"', "fetch.timeout_seconds: expected a number, got a string"),
        ('[[feeds]]\nurl = "ftp://x"', "feeds[0].url: 'ftp://x' is not an http(s) URL"),
        ('[[feeds]]\noutlet = "Daily"', "feeds[0].url: missing (each [[feeds]] needs url = "),
        ('[fetch]\ncontact = "ops@example.org\\r\\nX-Evil: 1"', "fetch.contact: must be printable text on one line"),
        ('[slack]\nmode = "websocket"', "slack.mode: 'websocket' is not 'socket' or 'http'"),
        ('[discord]\nguild_ids = ["abc"]', "discord.guild_ids[0]: 'abc' is not a numeric guild id"),
    ],
)
def test_bad_keys_are_named_with_the_reason(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {message}" or str(caught.value).startswith(f"{path}: {message}")


def test_resolution_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSBRIEF_CONFIG", raising=False)
    assert load_config(None).source is None and load_config(None).include_seeds
    (tmp_path / "config.toml").write_text('[storage]\npath = "local.db"\n')
    other = tmp_path / "other.toml"
    other.write_text('[storage]\npath = "other.db"\n')
    assert load_config(None).storage.path == tmp_path / "local.db"
    assert load_config(None, environ={"NEWSBRIEF_CONFIG": str(other)}).storage.path == tmp_path / "other.db"
    assert load_config(str(other), environ={"NEWSBRIEF_CONFIG": "nope.toml"}).storage.path == tmp_path / "other.db"
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml")


def test_secrets_come_from_the_environment_and_never_show():
    secrets = Secrets.from_env({"SLACK_BOT_TOKEN": "xoxb-secret", "SLACK_APP_TOKEN": "xapp-secret"})
    assert secrets.slack_bot_token == "xoxb-secret"
    assert "xoxb-secret" not in repr(secrets) and "xapp-secret" not in repr(secrets) and "slack_bot_token=set" in repr(secrets)
    assert secrets.slack_ready(parse_config({}).slack)
    assert not secrets.slack_ready(parse_config({"slack": {"mode": "http"}}).slack)


def test_weekday_numbers_follow_standard_cron():
    from bot.config import cron_trigger

    config = parse_config(tomllib.loads('[digests.w]\nschedule = "0 8 * * 1-5"\ntargets = ["console"]'))
    assert "day_of_week='mon-fri'" in str(cron_trigger(config.digest("w").schedule, config.digest("w").tz))
