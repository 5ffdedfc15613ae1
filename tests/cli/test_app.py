"""rtm_score.cli._app: the version flag and the exit code of an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtm_score import __version__
from rtm_score.cli import _app, main

ROOT = Path(__file__).resolve().parents[2]
FEED = str(ROOT / "examples" / "feeds" / "big-game-day.csv")
BRAND = str(ROOT / "examples" / "brands" / "crunchwell-snacks.yaml")


def _exit_code(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    code = exc.value.code
    assert isinstance(code, int)
    return code


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flags(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code([flag]) == 0
    assert capsys.readouterr().out.strip() == f"rtm-score {__version__}"


def _broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom \x1b]52;c;AAAA\x07 in the code")


def test_an_internal_error_exits_3_with_one_line_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(_app.DEBUG_ENV, raising=False)
    monkeypatch.setattr("rtm_score.api.iter_brands", _broken)
    assert _exit_code(["score", FEED, "--brand", BRAND, "-q"]) == _app.EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error: RuntimeError: boom" in err
    assert "--debug" in err
    assert "\x1b" not in err and "\x07" not in err


def _interrupted(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_says_interrupted_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("rtm_score.api.iter_brands", _interrupted)
    assert _exit_code(["score", FEED, "--brand", BRAND, "-q"]) == _app.EXIT_INTERRUPTED == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_debug_shows_the_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_app.DEBUG_ENV, "")
    monkeypatch.delenv(_app.DEBUG_ENV)  # recorded, so the undo removes what --debug sets
    monkeypatch.setattr("rtm_score.api.iter_brands", _broken)
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "score", FEED, "--brand", BRAND, "-q"])


def test_an_input_error_is_still_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["score", str(tmp_path / "missing.csv"), "--brand", BRAND]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_rules_refuses_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["rules", "--format", "xml"]) == 2
    assert "'xml' is not one of" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["score", "check", "eval", "history", "init", "validate"])
def test_options_show_metavars_not_python_types(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert _exit_code([command, "--help"]) == 0
    out = capsys.readouterr().out
    option_lines = [line for line in out.splitlines() if "--" in line and "--help" not in line]
    for type_name in ("<str>", "<bool>", "<path>", "<list[Path]>", "<float range>"):
        assert not any(type_name in line for line in option_lines), (command, type_name)


def test_shell_completion_is_available(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["--show-completion", "bash"]) == 0
    assert "_RTM_SCORE_COMPLETE" in capsys.readouterr().out


def test_the_readme_convention_table_names_tests_that_exist() -> None:
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Conventions", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"\| `(tests/[\w/]+\.py)` \|", section)
    assert len(files) >= 8
    assert all((ROOT / f).is_file() for f in files), files


COMMANDS = ["score", "check", "eval", "init", "validate", "watch", "history", "rules", "config"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_shows_what_a_person_types(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    assert _exit_code([*command, "--help"]) == 0
    out = capsys.readouterr().out
    usage = next(line for line in out.splitlines() if "Usage:" in line)
    assert "{" not in usage and "<" not in usage, usage
    for python_type in ("<str>", "<bool>", "<list[", "<Path>", "<path>", "<int>"):
        assert python_type not in out, (command, python_type)


def test_required_and_optional_arguments_read_as_usage_conventions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    usages = {}
    for command in ("score", "check", "init"):
        _exit_code([command, "--help"])
        out = capsys.readouterr().out
        usages[command] = next(line for line in out.splitlines() if "Usage:" in line).strip()
    assert usages["score"] == "Usage: rtm-score score [OPTIONS] FEED"
    assert usages["check"] == "Usage: rtm-score check [OPTIONS] CALENDAR..."
    assert usages["init"] == "Usage: rtm-score init [OPTIONS] [PATH]"
