"""rtm_score.config: the configuration found by walking up, and the CLI using it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rtm_score.cli import app
from rtm_score.config import CONFIG_ENV, find_config, load_config
from rtm_score.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"
FEED = ROOT / "examples" / "feeds" / "big-game-day.csv"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Set, then delete: the undo then removes whatever a test's --config put there.
    for name in (CONFIG_ENV, "RTM_SCORE_BRAND", "RTM_SCORE_FORMAT"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_the_nearest_file_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "rtm-score.toml").write_text('brand = "b.yaml"\nrules = ["r"]\n', "utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "rtm-score.toml"
    config = load_config(cwd=deep)
    assert config.brand == tmp_path / "b.yaml"  # relative to the file, not the working dir
    assert config.rules == (tmp_path / "r",)
    assert "rtm-score.toml (brand)" in config.origins["brand"]


def test_a_pyproject_table_counts_only_with_its_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"
    (tmp_path / "pyproject.toml").write_text('[tool.rtm-score]\nformat = "json"\n', "utf-8")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    assert load_config(cwd=tmp_path).format == "json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('brnd = "x"\n', "unknown key 'brnd'"),
        ("rules = 3\n", "expected a list of folder names"),
        ("brand = [1]\n", "expected a file name"),
        ("brand = \n", "invalid TOML"),
    ],
)
def test_bad_files_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "rtm-score.toml").write_text(text, "utf-8")
    with pytest.raises(UsageError, match=message) as info:
        load_config(cwd=tmp_path)
    assert info.value.source == str(tmp_path / "rtm-score.toml")


def test_brand_yaml_here_is_the_default_and_an_empty_env_turns_the_search_off(
    tmp_path: Path,
) -> None:
    (tmp_path / "brand.yaml").write_text("name: x\n", "utf-8")
    assert load_config(cwd=tmp_path).brand == tmp_path / "brand.yaml"
    (tmp_path / "rtm-score.toml").write_text('brand = "other.yaml"\n', "utf-8")
    assert load_config(cwd=tmp_path).brand == tmp_path / "other.yaml"
    assert load_config("", cwd=tmp_path).brand == tmp_path / "brand.yaml"


def test_score_after_init_needs_no_brand_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand.yaml").write_bytes(BRAND.read_bytes())
    result = CliRunner().invoke(app, ["score", str(FEED), "-f", "csv", "-q"])
    assert result.exit_code == 0, result.stderr
    assert "#SnackStadium" in result.stdout


def test_the_command_line_wins_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rtm-score.toml").write_text(
        f'brand = "{BRAND}"\nformat = "csv"\nfail-on = "never"\n', "utf-8"
    )
    runner = CliRunner()
    from_file = runner.invoke(app, ["score", str(FEED), "-q"])
    assert from_file.exit_code == 1 and from_file.stdout.startswith("rank,id,topic")
    given = runner.invoke(app, ["score", str(FEED), "-q", "-f", "json", "--fail-on", "none"])
    assert given.exit_code == 0 and given.stdout.startswith("{")


@pytest.mark.parametrize(
    ("line", "said", "hint"),
    [
        ('format = "jsn"', "format: 'jsn' is not one of table, json, jsonl, csv, markdown, "
         "html, playbook", 'write e.g. format = "json"'),
        ('fail-on = "nevr"', "fail-on: 'nevr' is not one of none, never, skip",
         'write e.g. fail-on = "never"'),
    ],
)  # fmt: skip
def test_a_bad_value_in_the_file_names_the_key_and_the_choices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, said: str, hint: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rtm-score.toml").write_text(f'brand = "{BRAND}"\n{line}\n', "utf-8")
    for command in (["score", str(FEED), "-q"], ["config"], ["config", "--json"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, command
        assert result.stderr == f"error: {tmp_path / 'rtm-score.toml'}: {said}\n  hint: {hint}\n"


def test_a_file_that_sets_no_brand_says_why_brand_yaml_beside_it_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand.yaml").write_bytes(BRAND.read_bytes())
    (tmp_path / "rtm-score.toml").write_text('format = "json"\n', "utf-8")
    for command in (["score", str(FEED)], ["check", str(FEED)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2
        said = " ".join(result.stderr.split())
        config = tmp_path / "rtm-score.toml"
        assert (
            f"({config} sets no brand, and once a configuration file is found a brand.yaml " in said
        )
        assert f'hint: or add brand = "brand.yaml" to {config}' in said


def test_no_brand_anywhere_says_how_to_give_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["score", str(FEED)], ["check", str(ROOT / "examples/calendar/calendar.csv")]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "no brand profile: pass --brand PROFILE" in result.stderr


def test_config_command_shows_each_setting_and_its_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rtm-score.toml").write_text('format = "csv"\n', "utf-8")
    monkeypatch.setenv("RTM_SCORE_BRAND", "env-brand.yaml")
    out = CliRunner().invoke(app, ["config"]).stdout
    assert f"file: {tmp_path / 'rtm-score.toml'}" in out
    assert "format: csv" in out and "rtm-score.toml (format)" in out
    assert "brand: env-brand.yaml (environment (RTM_SCORE_BRAND))" in out
    other = tmp_path / "other.toml"
    other.write_text('format = "json"\n', "utf-8")
    out = CliRunner().invoke(app, ["--config", str(other), "config", "--json"]).stdout
    assert '"value": "json"' in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: "/dev/zero", "is a device"),
        (lambda p: str(p), "is a directory"),
        (lambda p: _write(p / "big.toml", "n = " + "9" * 5000 + "\n"), "invalid TOML"),
        (lambda p: _write(p / "bad.toml", "brand = '\xff'\n", raw=True), "cannot read"),
    ],
)
def test_a_hostile_config_file_is_an_input_error(tmp_path: Path, make: Any, message: str) -> None:
    result = CliRunner().invoke(app, ["--config", make(tmp_path), "config"])
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def _write(path: Path, text: str, *, raw: bool = False) -> str:
    if raw:
        path.write_bytes(text.encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_removed_working_directory_means_no_config(monkeypatch: pytest.MonkeyPatch) -> None:
    def gone() -> Path:
        raise FileNotFoundError("the working directory was removed")

    monkeypatch.setattr(Path, "cwd", staticmethod(gone))
    assert load_config().source is None


@pytest.mark.parametrize(
    ("lines", "command", "said"),
    [
        ('brand = "brnd.yaml"', ["score", str(FEED)], "brand {here}/brnd.yaml not found"),
        (f'brand = "{BRAND}"\nrules = ["myrules/"]', ["score", str(FEED)],
         "rules {here}/myrules not found"),
        ('brand = "brnd.yaml"', ["watch", str(FEED)], "brand {here}/brnd.yaml not found"),
    ],
)  # fmt: skip
def test_a_missing_path_from_the_file_says_it_came_from_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: str, command: list[str], said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rtm-score.toml").write_text(lines + "\n", "utf-8")
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    here = tmp_path.resolve()
    assert result.stderr.splitlines() == [
        f"error: {here / 'rtm-score.toml'}: " + said.format(here=here),
        f"  hint: fix {said.split()[0]} in rtm-score.toml (its paths are read from its own "
        f"folder), or pass --{said.split()[0]}",
    ]
