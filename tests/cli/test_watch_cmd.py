"""Tests for ``rtm-score watch``: a line per new moment, and --on-new with the event as JSON."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
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


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("nofity-send rtm", "--on-new: 'nofity-send' is not a command the shell finds"),
        ("", "--on-new is empty"),
        ("cat 'unclosed", "--on-new is not a command the shell can read: "),
    ],
)
def test_an_on_new_command_the_shell_cannot_run_is_refused_at_start(
    tmp_path: Path, command: str, said: str
) -> None:
    feed = tmp_path / "live.csv"
    shutil.copy(EXAMPLES / "feeds" / "blackout.csv", feed)
    args = ["watch", str(feed), "-b", str(EXAMPLES / "brands" / "crunchwell-snacks.yaml")]
    result = runner.invoke(app, [*args, "--on-new", command])  # would wait: no one_pass
    assert result.exit_code == 2
    assert f"error: {said}" in result.stderr


@pytest.mark.usefixtures("one_pass")
@pytest.mark.parametrize(
    "command",
    ["echo seen", "FOO=1 cat", "(cat)", "true | cat", "cat >/dev/null # don't",
     "cat <<EOF\nit's here\nEOF", "# a comment first\ncat"],
)  # fmt: skip
def test_builtins_programs_and_shell_syntax_are_accepted(tmp_path: Path, command: str) -> None:
    feed = tmp_path / "live.csv"
    shutil.copy(EXAMPLES / "feeds" / "blackout.csv", feed)
    args = ["watch", str(feed), "-b", str(EXAMPLES / "brands" / "crunchwell-snacks.yaml")]
    result = runner.invoke(app, [*args, "--as-of", "2026-02-08", "--on-new", command])
    assert result.exit_code == 0, result.output


def test_watch_needs_a_brand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "live.csv").write_text("topic\n#A\n", encoding="utf-8")
    result = runner.invoke(app, ["watch", "live.csv"])
    assert result.exit_code == 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_stops_the_watch_cleanly(tmp_path: Path) -> None:
    """A real process, watching until interrupted: Ctrl-C ends it with exit 0 and no traceback."""
    feed = tmp_path / "live.csv"
    shutil.copy(EXAMPLES / "feeds" / "blackout.csv", feed)
    brand = EXAMPLES / "brands" / "crunchwell-snacks.yaml"
    args = ["watch", str(feed), "-b", str(brand), "--as-of", "2026-02-08", "--interval", "0.2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "rtm_score", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first report's first new moment
        assert "new engage" in first
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
