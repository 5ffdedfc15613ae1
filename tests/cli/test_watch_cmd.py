"""Tests for ``rtm-score watch``: a line per new moment, and --on-new with the event as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import rtm_score.watch
from rtm_score.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture
def one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch scores the feed once and stops (instead of waiting for Ctrl-C)."""
    real = rtm_score.watch.watch

    def once(*args: Any, **kwargs: Any) -> Any:
        calls = iter((False, True))
        return real(*args, **kwargs, stop=lambda: next(calls), sleep=lambda _s: None)

    monkeypatch.setattr(rtm_score.watch, "watch", once)


@pytest.mark.usefixtures("one_pass")
def test_a_line_per_new_moment_and_the_event_on_stdin(tmp_path: Path) -> None:
    feed = tmp_path / "live.csv"
    shutil.copy(EXAMPLES / "feeds" / "blackout.csv", feed)
    events = tmp_path / "events.jsonl"
    args = ["watch", str(feed), "-b", str(EXAMPLES / "brands" / "crunchwell-snacks.yaml")]
    result = runner.invoke(app, [*args, "--as-of", "2026-02-08", "--on-new", f"cat >> {events}"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        "new engage: #SuperBowlBlackout (#1, engage; play.big-game-blackout)" in x for x in lines
    )
    assert any("play blocked: #PowerOutage" in x for x in lines)
    got = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    assert [e["kind"] for e in got] == ["engage", "engage", "never", "play-blocked"]
    assert got[0]["topic"] == "#SuperBowlBlackout" and got[0]["code"] == "play.big-game-blackout"


def test_watch_needs_a_brand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "live.csv").write_text("topic\n#A\n", encoding="utf-8")
    result = runner.invoke(app, ["watch", "live.csv"])
    assert result.exit_code == 2
