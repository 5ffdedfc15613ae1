"""Tests for ``rtm-score score`` with several ``--brand``: one pass, one report per brand."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from rtm_score.cli import app

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "tests" / "assets" / "score"
FEED = ASSETS / "day.csv"
SNACK = ASSETS / "snack-brand.yaml"
FASHION = ASSETS / "fashion-brand.yaml"

runner = CliRunner()


def score(*args: str | Path) -> Result:
    return runner.invoke(app, ["score", *map(str, args)], env={"COLUMNS": "200"})


def _json(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def test_each_brand_gets_its_own_report_from_the_pattern(tmp_path: Path) -> None:
    pattern = tmp_path / "{brand}.json"
    result = score(FEED, "-b", SNACK, "-b", FASHION, "--format", "json", "-o", pattern)
    assert result.exit_code == 0, result.stderr
    snack, fashion = _json(tmp_path / "snack-brand.json"), _json(tmp_path / "fashion-brand.json")
    assert snack["brand"] != fashion["brand"]
    assert len(snack["topics"]) == len(fashion["topics"]) == 5
    # One brand's report equals what a run for that brand alone writes.
    alone = tmp_path / "alone.json"
    assert score(FEED, "-b", FASHION, "--format", "json", "-o", alone).exit_code == 0
    strip = ("generated_at",)
    assert {k: v for k, v in fashion.items() if k not in strip} == {
        k: v for k, v in _json(alone).items() if k not in strip
    }
    assert result.stderr.count("topics:") == 2
    assert "report written to" in result.stderr


def test_several_brands_need_brand_in_the_output_name(tmp_path: Path) -> None:
    result = score(FEED, "-b", SNACK, "-b", FASHION, "--format", "json", "-o", tmp_path / "r.json")
    assert result.exit_code == 2
    assert "{brand}" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_several_brands_in_json_on_stdout_are_refused() -> None:
    result = score(FEED, "-b", SNACK, "-b", FASHION, "--format", "json")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_json_lines_on_stdout_carry_each_brand() -> None:
    result = score(FEED, "-b", SNACK, "-b", FASHION, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    brands = [json.loads(line)["brand"] for line in result.stdout.splitlines()]
    assert len(brands) == 10 and len(set(brands)) == 2


def test_tables_follow_one_another() -> None:
    result = score(FEED, "-b", SNACK, "-b", FASHION)
    assert result.exit_code == 0, result.stderr
    assert "Crunchwell Snacks" in result.stdout
    assert result.stderr.splitlines()[0].startswith("Crunchwell Snacks: 5 topics")


def test_two_profiles_with_one_file_name_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "snack-brand.yaml"
    other.write_text(FASHION.read_text(encoding="utf-8"), encoding="utf-8")
    result = score(FEED, "-b", SNACK, "-b", other, "-f", "json", "-o", tmp_path / "{brand}.json")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert f"two --brand files have the same name: snack-brand ({SNACK}, {other})" in said


def test_fail_on_counts_every_brand(tmp_path: Path) -> None:
    result = score(
        FEED,
        "-b",
        SNACK,
        "-b",
        FASHION,
        "-f",
        "jsonl",
        "--fail-on",
        "never",
        "-o",
        tmp_path / "{brand}.jsonl",
    )
    assert result.exit_code == 1
    assert (tmp_path / "snack-brand.jsonl").exists() and (tmp_path / "fashion-brand.jsonl").exists()


def test_output_dash_is_stdout(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["score", str(FEED), "-b", str(SNACK), "-f", "json", "-o", "-"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["counts"]
    assert not Path("-").exists()


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_bytes(FEED.read_bytes())
    result = score(feed, "-b", SNACK, "-f", "csv", "-o", feed)
    assert result.exit_code == 2
    assert "also an input" in result.stderr
    assert feed.read_bytes() == FEED.read_bytes()
    result = score(FEED, "-b", SNACK, "-f", "json", "-o", SNACK)
    assert result.exit_code == 2


def test_every_bad_profile_is_reported_at_once(tmp_path: Path) -> None:
    bad1 = tmp_path / "bad1.yaml"
    bad1.write_text("name: Bad1\nkeywords: notalist\n", encoding="utf-8")
    bad2 = tmp_path / "bad2.yaml"
    bad2.write_text("name: Bad2\nkeywords: [a]\ncolour: red\n", encoding="utf-8")
    result = score(FEED, "-b", bad1, "-b", SNACK, "-b", bad2, "-b", tmp_path / "nosuch.yaml")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(":")[1].strip() for line in lines] == [
        str(bad1),
        str(bad2),
        str(tmp_path / "nosuch.yaml"),
    ]
    assert "unknown key 'colour'" in result.stderr
