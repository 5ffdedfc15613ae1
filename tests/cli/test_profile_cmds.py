"""Tests for ``rtm-score init`` and ``rtm-score validate`` (exit codes, stdout, stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rtm_score.cli import app
from rtm_score.profile import load_profile, starter_profile

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "tests" / "assets" / "profiles"
EXAMPLES = ROOT / "examples" / "brands"

runner = CliRunner()


# --- init -------------------------------------------------------------------------------------


def test_init_writes_brand_yaml_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "wrote brand.yaml; edit it, then run: rtm-score validate brand.yaml\n"
    written = tmp_path / "brand.yaml"
    assert written.read_text(encoding="utf-8") == starter_profile()
    assert load_profile(written).name == "Example Coffee Co."


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("name: Mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {target}: file already exists; not overwriting it\n"
        "  hint: pass --force to overwrite it, or give another path\n"
    )
    assert target.read_text(encoding="utf-8") == "name: Mine\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("name: Mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target), "--force"])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == starter_profile()


def test_init_dash_prints_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "-"])
    assert result.exit_code == 0
    assert result.stdout == starter_profile()
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_missing_folder_fails(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "brand.yaml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {target}: cannot write the profile: ")
    assert "hint: check that the folder exists and is writable" in result.stderr


# --- validate ---------------------------------------------------------------------------------


def test_validate_ok_prints_a_summary() -> None:
    path = EXAMPLES / "crunchwell-snacks.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"ok  {path}: Crunchwell Snacks (10 keywords, 3 products, regions US, CA)\n"
    )
    assert result.stderr == ""


def test_validate_all_examples() -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert len(paths) >= 3
    result = runner.invoke(app, ["validate", *map(str, paths)])
    assert result.exit_code == 0, result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        f"ok  {p}" for p in paths
    ]


def test_validate_bad_profile_exits_2_with_empty_stdout() -> None:
    path = ASSETS / "broken.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:2: keyword: unknown key 'keyword'; did you mean 'keywords'? (hint: allowed keys "
        "here: name, description, keywords, products, voice, regions, off_limits, competitors, "
        "aliases, thresholds, dates, plays, platform)",
        f"{path}:5: keywords[1].weight: expected a number, got the text 'high' (hint: e.g. 2.0)",
        f"{path}:7: voice.topic: unknown key 'topic'; did you mean 'topics'? (hint: allowed keys "
        "here: tone, topics, avoid)",
        f"{path}:8: thresholds: thresholds.skip (0.8) must be lower than thresholds.never (0.5) "
        "(hint: topics are skipped from `skip` sensitivity up and never from `never` up; lower "
        "skip or raise never)",
    ]


def test_validate_norway_problem_line() -> None:
    path = ASSETS / "norway.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:5: regions[1]: expected text, got the YAML boolean false "
        '(hint: quote this value, e.g. "NO" for Norway)\n'
    )


def test_validate_file_level_problems(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("name: A\n  keywords: [a]\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(missing), str(syntax)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{missing}: cannot read the profile: No such file or directory (hint: check the path; "
        "`rtm-score init` writes a starter profile)",
        f"{syntax}:2: YAML syntax error: mapping values are not allowed here (hint: check the "
        "indentation and quoting here and on the line above; text holding ': ' or starting "
        "with a special character needs quotes)",
    ]


def test_validate_mixed_reports_both_and_exits_2() -> None:
    good, bad = EXAMPLES / "skyward-air.yaml", ASSETS / "broken.toml"
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 2
    assert (
        result.stdout == f"ok  {good}: Skyward Air (10 keywords, 3 products, regions US, GB, AU)\n"
    )
    assert result.stderr.splitlines()[1] == (
        f"{bad}: voice.topic: unknown key 'topic'; did you mean 'topics'? "
        "(hint: allowed keys here: tone, topics, avoid)"
    )


def test_validate_json_format() -> None:
    good, bad = ASSETS / "minimal.yaml", ASSETS / "broken.json"
    result = runner.invoke(app, ["validate", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report[0] == {
        "file": str(good), "kind": "profile", "valid": True, "brand": "Minimal Brand",
        "summary": "Minimal Brand (1 keyword, 0 products, all regions)", "problems": [],
    }  # fmt: skip
    assert report[1]["file"] == str(bad) and report[1]["valid"] is False
    assert report[1]["problems"][0] == {
        "where": "keywords[1]",
        "line": 3,
        "message": "expected a keyword (text) or a mapping with 'term' and 'weight', "
        "got the JSON boolean false",
        "hint": 'write it as text in double quotes: "false"',
    }
    assert [p["where"] for p in report[1]["problems"]] == [
        "keywords[1]", "regions[0]", "thresholds.engage"
    ]  # fmt: skip


def test_validate_json_format_all_valid_exits_0() -> None:
    result = runner.invoke(
        app, ["validate", str(ASSETS / "profile.json"), "--format", "json"]
    )  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["valid"] is True


@pytest.mark.parametrize("command", ["init", "validate"])
def test_help_has_examples(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"rtm-score {command}" in result.stdout


RULE = (
    "id: my-rule\ncategory: c\ntier: extreme\nmessage: m\nsignals:\n"
    "  - {kind: phrase, weight: 2, terms: [foo, no]}\n"
)
CALENDAR = (
    "observances:\n  - id: harbour-day\n    name: Harbour Day\n    regions: [GB]\n"
    '    fixed: "06-01"\n    category: remembrance\n    severity: solemn\n'
    "    note: A town's flood anniversary.\n    keywords: [harbour day]\n"
)


def test_validate_tells_rule_files_and_calendars_from_profiles(tmp_path: Path) -> None:
    rule, days = tmp_path / "mine.yaml", tmp_path / "days.yaml"
    rule.write_text(RULE, encoding="utf-8")
    days.write_text(CALENDAR, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(rule), str(days), str(ASSETS / "minimal.yaml")])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"ok  {days}: 1 observance",
        f"ok  {ASSETS / 'minimal.yaml'}: Minimal Brand (1 keyword, 0 products, all regions)",
    ]
    assert result.stderr.splitlines() == [
        f"{rule}:3: tier: unknown tier 'extreme' (hint: use floor, high, medium or low)",
        f"{rule}:6: signals[0].weight: must be between 0 and 1, got 2 (hint: e.g. 0.4)",
        f"{rule}:6: signals[0].terms[1]: expected text, got the YAML boolean false "
        '(hint: quote this value so YAML keeps it as text, e.g. "no")',
    ]


def test_validate_a_good_rule_file_and_a_calendar_as_json(tmp_path: Path) -> None:
    rule, days = tmp_path / "mine.yaml", tmp_path / "days.yaml"
    rule.write_text(RULE.replace("extreme", "high").replace("weight: 2", "weight: 0.6")
                    .replace(", no]", "]"), encoding="utf-8")  # fmt: skip
    days.write_text(CALENDAR.replace("solemn", "grave"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(rule), str(days), "--format", "json"])
    assert result.exit_code == 2
    got = json.loads(result.stdout)
    assert got[0] == {
        "file": str(rule), "kind": "rules", "valid": True, "brand": None,
        "summary": "rule 'my-rule' (high, c): m", "problems": [],
    }  # fmt: skip
    assert (got[1]["kind"], got[1]["valid"]) == ("calendar", False)
    assert got[1]["problems"] == [{
        "where": "observances[0].severity", "line": 7, "message": "unknown severity 'grave'",
        "hint": "use solemn or caution",
    }]  # fmt: skip


def test_validate_kind_option_overrides_the_guess(tmp_path: Path) -> None:
    rule = tmp_path / "mine.yaml"
    rule.write_text(RULE, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(rule), "--kind", "profile"])
    assert result.exit_code == 2
    assert "unknown key 'id'" in result.stderr
