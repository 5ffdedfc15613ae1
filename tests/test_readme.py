"""The README's example commands run, and every command it lists exists with an Examples block."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rtm_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# Example commands: lines (in code blocks or indented) that run rtm-score on bundled files.
_COMMAND = re.compile(
    r"^\s*(?:\$\s+|pip install \. && )?(rtm-score\s+[^\n|>]*?)\s*(?:#.*)?$", re.MULTILINE
)


def _example_commands() -> list[str]:
    out = []
    for match in _COMMAND.finditer(README):
        cmd = match.group(1).strip()
        if cmd.endswith("\\") or "$" in cmd:
            continue  # continued lines and shell variables are illustrations, not examples
        try:
            args = shlex.split(cmd)[1:]
        except ValueError:
            continue
        files = [a for a in args if a.startswith("examples/")]
        # Only commands whose every input is bundled (others show the user's own files).
        paths = [a for a in args if "/" in a or a.endswith((".yaml", ".csv", ".json", ".sqlite"))]
        if files and all((ROOT / a).exists() for a in paths) and cmd not in out:
            out.append(cmd)
    return out


COMMANDS = _example_commands()


def test_readme_has_example_commands() -> None:
    assert len(COMMANDS) >= 4, COMMANDS


@pytest.mark.parametrize("cmd", COMMANDS)
def test_readme_example_command_runs(cmd: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(cmd)[1:])
    # check exits 1 on the example calendar by design (it holds a finding of each kind).
    expected = {0, 1} if " check " in f" {cmd} " else {0}
    assert result.exit_code in expected, (cmd, result.output)
    assert result.stdout.strip(), cmd


def test_readme_opens_with_the_two_commands() -> None:
    first = [line.strip() for line in README.splitlines()[:6] if line.strip()]
    assert first[1].startswith("pip install . && rtm-score score examples/")
    assert first[2] == 'pip install -e ".[test]" && pytest'


@pytest.mark.parametrize(
    "command", ["score", "check", "eval", "history", "init", "validate", "rules"]
)
def test_every_command_is_documented_and_has_examples(command: str) -> None:
    assert f"rtm-score {command}" in README
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Examples" in result.stdout
