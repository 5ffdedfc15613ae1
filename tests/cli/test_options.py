"""rtm_score.cli._options: the shared --output parser refuses a folder name, and every
command refuses an output it could not write before it does any work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from rtm_score.cli import app
from rtm_score.cli._options import output_path

ROOT = Path(__file__).resolve().parents[2]
FEED = str(ROOT / "examples" / "feeds" / "big-game-day.csv")
BRAND = str(ROOT / "examples" / "brands" / "crunchwell-snacks.yaml")
CALENDAR = str(ROOT / "examples" / "calendar" / "calendar.csv")
OTHER = str(sorted((ROOT / "examples" / "brands").glob("*.yaml"))[0])


@pytest.mark.parametrize("value", ["newdir/", "reports\\", ".", "..", "/"])
def test_a_folder_name_is_refused(value: str) -> None:
    with pytest.raises(typer.BadParameter, match="names a folder; give a file name"):
        output_path(value)


@pytest.mark.parametrize("value", ["-", "report.html", "out/report.json", "{brand}.json"])
def test_a_file_name_is_a_path(value: str) -> None:
    assert output_path(value) == Path(value)


@pytest.mark.parametrize(
    "args",
    [
        ["score", FEED, "-b", BRAND],
        ["check", CALENDAR, "-b", BRAND],
        ["eval", FEED, "-b", BRAND],
    ],
)
def test_every_command_refuses_a_trailing_slash_and_writes_nothing(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*args, "-o", "newdir/"])
    assert result.exit_code == 2
    assert "names a folder" in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        ["score", FEED, "-b", BRAND, "-o", "missing/report.json"],
        ["score", FEED, "-b", BRAND, "-b", OTHER, "-o", "missing/{brand}.json"],
        ["score", FEED, "-b", BRAND, "--history", "missing/rtm.sqlite"],
        ["check", CALENDAR, "-b", BRAND, "-o", "missing/check.json"],
        ["eval", FEED, "-b", BRAND, "-o", "missing/eval.json"],
    ],
)
def test_an_output_in_a_missing_folder_is_refused_before_any_work(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import profile

    def no_work(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the profile was read before the outputs were checked")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(profile, "load_profile", no_work)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "its folder missing does not exist" in result.stderr
    assert "create the directory first" in result.stderr
    assert os.listdir(tmp_path) == []


def test_an_output_that_is_a_folder_or_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    runner = CliRunner()
    folder = runner.invoke(app, ["score", FEED, "-b", BRAND, "-o", str(tmp_path / "reports")])
    assert folder.exit_code == 2 and "is a directory" in folder.stderr
    under = runner.invoke(app, ["score", FEED, "-b", BRAND, "-o", str(tmp_path / "notes.txt/r")])
    assert under.exit_code == 2 and "is not a directory" in under.stderr
    assert sorted(os.listdir(tmp_path)) == ["notes.txt", "reports"]


class _Gone:
    """A stdout that fails as a full disk or a closed pipe does."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(28, "No space left on device"), "No space left on device"),
        (BrokenPipeError(32, "Broken pipe"), "the reader closed it"),
    ],
)
def test_a_stdout_that_cannot_be_written_is_an_input_error_not_a_crash(
    error: OSError, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score.cli._options import emit
    from rtm_score.errors import RtmScoreError

    monkeypatch.setattr("sys.stdout", _Gone(error))
    with pytest.raises(RtmScoreError, match=f"cannot write the report to stdout: {said}"):
        emit("report\n", None)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_stdout_exits_2_with_a_message() -> None:
    import subprocess
    import sys

    for args in (["score", FEED, "-b", BRAND], ["check", CALENDAR, "-b", BRAND]):
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-m", "rtm_score", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 2, done.stderr
        assert "error: cannot write the report to stdout: No space left on device" in done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def _no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from rtm_score import profile

    def no_work(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the profile was read before the outputs were checked")

    monkeypatch.setattr(profile, "load_profile", no_work)


@pytest.mark.skipif(not os.path.exists("/dev/null") or not hasattr(os, "mkfifo"), reason="POSIX")
def test_an_output_that_is_a_device_or_a_fifo_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    _no_work(monkeypatch)
    for out in ("/dev/null", str(tmp_path / "pipe.json")):
        for args in (["score", FEED, "-b", BRAND], ["check", CALENDAR, "-b", BRAND]):
            result = CliRunner().invoke(app, [*args, "-o", out])
            assert result.exit_code == 2, result.output
            assert "is a device, a FIFO or a socket, not a regular file" in result.stderr


def test_a_file_name_too_long_for_the_file_system_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_work(monkeypatch)
    long_name = str(tmp_path / ("a" * 300))
    result = CliRunner().invoke(app, ["score", FEED, "-b", BRAND, "-o", long_name])
    assert result.exit_code == 2, result.output
    assert "the file name is too long for this file system" in result.stderr
    assert "internal error" not in result.stderr


def test_an_output_or_history_in_a_folder_this_user_cannot_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        # As a user without write permission sees it (root, as on CI, may write anywhere).
        if Path(str(path)) == locked and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    _no_work(monkeypatch)
    out = CliRunner().invoke(app, ["score", FEED, "-b", BRAND, "-o", str(locked / "r.json")])
    assert out.exit_code == 2 and "is not writable by this user" in out.stderr
    history = ["score", FEED, "-b", BRAND, "--history", str(locked / "h.sqlite")]
    result = CliRunner().invoke(app, history)
    assert result.exit_code == 2 and "not writable by this user" in result.stderr
    assert os.listdir(locked) == []


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--as-of", "2026/02/08", "Invalid value for '--as-of': '2026/02/08' is not a date"),
        ("--max-bad-rows", "5x", "Invalid value for '--max-bad-rows': '5x' is not a row count"),
    ],
)
def test_score_options_are_checked_before_the_feed_is_read(
    option: str, value: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import feeds

    def no_read(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the feed was read before the options were checked")

    monkeypatch.setattr(feeds, "read_feed", no_read)
    result = CliRunner().invoke(app, ["score", FEED, "-b", BRAND, option, value])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.stderr.replace("│", " ").split())


def test_watch_refuses_a_feed_it_could_never_read(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["watch", str(tmp_path / "nosuch.csv"), "-b", BRAND])
    assert missing.exit_code == 2 and "feed not found" in missing.stderr
    stdin = CliRunner().invoke(app, ["watch", "-", "-b", BRAND], input="topic\nx\n")
    assert stdin.exit_code == 2 and "stdin can be read only once" in stdin.stderr
