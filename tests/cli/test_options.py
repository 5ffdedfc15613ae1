"""rtm_score.cli._options: the shared --output parser refuses a folder name."""

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
