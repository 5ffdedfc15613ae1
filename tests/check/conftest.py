"""Builders and fixtures for the calendar-check tests: a test brand, a checker, planned posts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from rtm_score.check import Checker, Finding, PlannedPost, PostTime
from rtm_score.check.when import parse_when
from rtm_score.profile import BrandProfile, load_profile

ASSETS = Path(__file__).parent.parent / "assets" / "check"
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).parent.parent.parent / "examples"

_lines = itertools.count(2)


def make_post(copy: str, when: str = "2026-10-06", **fields: Any) -> PlannedPost:
    """A planned post in ``cal.csv``; ``when`` is parsed like a calendar date cell."""
    parsed = parse_when(when)
    line = fields.pop("line", next(_lines))
    base: dict[str, Any] = {
        "source": "cal.csv",
        "line": line,
        "row": line - 1,
        "when": parsed.time,
        "copy": copy,
        "timezone": parsed.zone,
    }
    base.update(fields)
    if isinstance(base["when"], str):
        base["when"] = parse_when(base["when"]).time
    return PlannedPost(**base)


def codes(findings: Sequence[Finding], *, active_only: bool = True) -> list[str]:
    """The rule codes of findings, in report order."""
    return [f.code for f in findings if f.active or not active_only]


@pytest.fixture(scope="session")
def profile() -> BrandProfile:
    """The test brand (a coffee roaster selling in the US and Canada)."""
    return load_profile(ASSETS / "brand.yaml")


@pytest.fixture(scope="session")
def checker(profile: BrandProfile) -> Checker:
    """A checker for the test brand, with the real calendar, engine and relevance model."""
    return Checker(profile)


@pytest.fixture
def check(checker: Checker) -> Callable[..., list[Finding]]:
    """``check(copy, when, **fields)`` -> the findings on that one post."""

    def run(
        copy: str, when: str = "2026-10-06", *, trending: Any = None, **fields: Any
    ) -> list[Finding]:
        return checker.check([make_post(copy, when, **fields)], trending)

    return run


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether ``pytest --update-golden`` was given (registered by tests/conftest.py)."""
    try:
        return bool(request.config.getoption("--update-golden"))
    except ValueError:  # run without the root conftest
        return False


def day(text: str) -> dt.date:
    """A date from ISO text."""
    return dt.date.fromisoformat(text)


_ = PostTime
