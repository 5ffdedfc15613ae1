"""The pre-commit hook and the example GitHub Actions workflow run the check as documented."""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import rtm_score.cli.check_cmd  # noqa: F401  (registers the command until cli/__init__ does)
from rtm_score.cli import app

from .conftest import EXAMPLES

ROOT = EXAMPLES.parent
runner = CliRunner()


def test_pre_commit_hook_runs_the_check_on_the_files_it_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "rtm-score-check"
    assert hook["language"] == "python" and hook["require_serial"] is True
    files = re.compile(hook["files"])
    assert files.search("examples/calendar/calendar.csv")
    assert files.search("marketing/content-calendar.yaml")
    assert not files.search("src/app.py")
    # A profile or a rule file kept beside the calendar is not a calendar (issue 11).
    assert not files.search("marketing/calendar/brand.yaml")
    assert not files.search("calendars/rules/violence.yaml")
    assert files.search("calendar.jsonl") and files.search("q3/calendar-2026.tsv")
    entry = shlex.split(hook["entry"])
    assert entry[:2] == ["rtm-score", "check"]
    # pre-commit runs: entry + the user's args + the changed files.
    monkeypatch.chdir(ROOT)
    args = ["--brand", "examples/brands/celeste-boutique.yaml"]
    files_given = ["examples/calendar/calendar.yaml", "examples/calendar/calendar.csv"]
    result = runner.invoke(app, [*entry[1:], *args, *files_given])
    assert result.exit_code == 1  # the examples have errors on purpose
    assert "examples/calendar/calendar.yaml:12: error RTM101" in result.stdout
    assert "examples/calendar/calendar.csv:3: error RTM101" in result.stdout
    assert result.stderr.startswith("22 posts checked: ")


def test_several_calendars_make_one_junit_report_with_a_suite_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        app,
        [
            "check",
            "examples/calendar/calendar.yaml",
            "examples/calendar/calendar.csv",
            "--brand",
            "examples/brands/celeste-boutique.yaml",
            "--format",
            "junit",
        ],
    )
    root = ET.fromstring(result.stdout.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "examples/calendar/calendar.yaml",
        "examples/calendar/calendar.csv",
    ]
    assert [s.get("tests") for s in suites] == ["5", "17"]
    assert root.get("tests") == "22"


def workflow_commands() -> tuple[dict[str, str], list[tuple[str, str]]]:
    doc = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["check"]["steps"]
    runs = [(s.get("name", ""), s["run"]) for s in steps if "run" in s]
    return doc["env"], runs


def test_workflow_shape() -> None:
    doc = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8"))
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "schedule"} <= set(triggers)
    assert doc["permissions"]["security-events"] == "write"
    uses = [s.get("uses", "") for s in doc["jobs"]["check"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    env, runs = workflow_commands()
    assert any("--format github" in r for _n, r in runs)
    assert any("--format sarif" in r for _n, r in runs)
    for value in env.values():
        assert (ROOT / value).exists(), value


def test_workflow_check_steps_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env, runs = workflow_commands()
    monkeypatch.chdir(tmp_path)  # the SARIF step writes its file here
    ran = 0
    for name, script in runs:
        if "rtm-score check" not in script:
            continue
        command = script.replace("\\\n", " ").split("||")[0]
        for key, value in env.items():
            command = command.replace(f'"${key}"', shlex.quote(str(ROOT / value)))
        argv = shlex.split(command)
        assert argv[:2] == ["rtm-score", "check"], name
        result = runner.invoke(app, argv[1:])
        assert result.exit_code == 1, (name, result.stderr)  # the example has errors
        ran += 1
    assert ran == 2
    log = json.loads((tmp_path / "rtm-score-check.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


def test_docs_list_every_rule_and_format() -> None:
    from rtm_score.check import RULES, CheckFormat

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | {rule.name} |" in text, rule.code
    for fmt in CheckFormat:
        assert f"| `{fmt.value}`" in text, fmt


def test_command_module_imports_nothing_heavy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, rtm_score.cli.check_cmd; "
        "print(sorted(m for m in ('sklearn', 'pandas', 'yaml', 'rtm_score.check') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
