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
