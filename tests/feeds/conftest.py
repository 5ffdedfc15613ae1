"""Shared fixtures for the feed reader tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "feeds"


@pytest.fixture
def feed_asset() -> Callable[[str], Path]:
    """``feed_asset("trends.csv")``: the path of a hand-written fixture; fails if missing."""

    def find(name: str) -> Path:
        path = ASSETS / name
        assert path.is_file(), f"missing test asset {path}"
        return path

    return find
