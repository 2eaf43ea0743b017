"""Shared fixtures. Tests use real files, real servers on 127.0.0.1 and real libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
STORIES = Path(__file__).resolve().parent / "data" / "stories"


@pytest.fixture(scope="session")
def seed_articles():
    from bot.loaders import load_seeds

    return load_seeds()


def unprivileged_prefix() -> list[str]:
    """A command prefix that runs a program as `nobody` (skips the test when that is impossible).

    Root ignores file permissions, so unreadable folders and read-only databases can only really
    be tested as another user: tests run as root drop privileges for the command under test.
    """
    import os
    import shutil
    import subprocess
    import sys

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root with setpriv to act as an unprivileged user")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import bot.store"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("the virtualenv is not reachable by an unprivileged user here")
    return prefix
