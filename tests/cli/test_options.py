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
