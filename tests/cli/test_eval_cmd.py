"""Tests for ``rtm-score eval`` (exit codes, stdout, stderr), end to end on the example feed."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rtm_score.cli.eval_cmd  # noqa: F401  (registers the command until cli/__init__ imports it)
from rtm_score.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_FEED = ROOT / "examples" / "feeds" / "labelled-calls.csv"
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"
ASSETS = ROOT / "tests" / "assets" / "eval"
HEADLINE = re.compile(
    r"^never_recall=\d\.\d{3} false_never=\d\.\d{3} engage_precision=\d\.\d{3} "
    r"accuracy=\d\.\d{3}$",
    re.MULTILINE,
)

runner = CliRunner()


def test_example_feed_json_end_to_end() -> None:
    result = runner.invoke(app, ["eval", str(EXAMPLE_FEED), "--brand", str(BRAND), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    with EXAMPLE_FEED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert 15 <= len(rows) <= 30
    assert {r["label"] for r in rows} == {"engage", "skip", "never"}
    total = sum(n for by_decision in doc["confusion"].values() for n in by_decision.values())
    assert total == doc["labelled"] == len(rows)
    assert doc["brand"] == "Crunchwell Snacks"
    assert doc["skipped"] == []
    assert len(doc["misses"]) == total - sum(doc["confusion"][d][d] for d in doc["confusion"])
    assert all(m["reasons"] and m["truth"] != m["decision"] for m in doc["misses"])
    assert set(doc["summary"]) == {"never_recall", "false_never", "engage_precision", "accuracy"}
    assert result.stderr.startswith(f"{len(rows)} labelled topics, {len(doc['misses'])} misses: ")


def test_example_feed_text_output() -> None:
    result = runner.invoke(app, ["eval", str(EXAMPLE_FEED), "-b", str(BRAND), "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Crunchwell Snacks: 22 labelled topics from ")
    assert "Confusion (rows: your call; columns: rtm-score's decision)" in out
    assert HEADLINE.search(out)
    assert "Misses: " in out


def test_bad_label_rows_are_warned_listed_and_left_out(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eval", str(ASSETS / "bad-labels.csv"), "-b", str(BRAND), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["labelled"] == 3
    assert [(s["row"], s["id"]) for s in doc["skipped"]] == [
        (3, "a3"), (4, "a4"), (5, "a5"), (6, "a1"), (7, "")
    ]  # fmt: skip
    feed = ASSETS / "bad-labels.csv"
    assert (
        f"warning: {feed}: row 5: unknown label 'nevr' (expected engage, skip or never); "
        "did you mean 'never'? (left out of the figures)\n"
    ) in result.stderr
    assert f"warning: {feed}: row 7: not scored: empty topic (left out of the figures)\n" in (
        result.stderr
    )


def test_unknown_label_column_exits_2_with_did_you_mean() -> None:
    feed = ASSETS / "bad-labels.csv"
    result = runner.invoke(app, ["eval", str(feed), "-b", str(BRAND), "--label-col", "lable"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {feed}: no label column 'lable'\n"
        "  hint: did you mean 'Label'? columns found: id, topic, context, Label; "
        "choose one with --label-col NAME\n"
    )


def test_fail_under_never_recall_gate_exits_1() -> None:
    # The team called National Cookie Day "never": no sane tool agrees, so recall is below 1.
    result = runner.invoke(
        app, ["eval", str(ASSETS / "gate.csv"), "-b", str(BRAND), "--fail-under-never-recall", "1"]
    )
    assert result.exit_code == 1, result.stderr
    assert HEADLINE.search(result.stdout)
    assert re.search(r"^never recall 0\.\d{3} is below --fail-under-never-recall 1$",
                     result.stderr, re.MULTILINE)  # fmt: skip


def test_fail_under_gate_passes_at_a_lower_bar(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    result = runner.invoke(
        app,
        ["eval", str(ASSETS / "gate.csv"), "-b", str(BRAND), "--fail-under-never-recall", "0.0",
         "--format", "json", "--output", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["labelled"] == 3
    assert result.stderr.rstrip().endswith(f"; written to {out}")


def test_gate_without_never_labels_is_an_input_error(tmp_path: Path) -> None:
    out = tmp_path / "eval.txt"
    feed = ASSETS / "no-never.csv"
    result = runner.invoke(
        app, ["eval", str(feed), "-b", str(BRAND), "--fail-under-never-recall", "0.9",
              "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {feed}: --fail-under-never-recall: no labelled ")
    assert not out.exists()


def test_gate_over_misspelt_never_labels_says_so_before_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import api

    def no_scoring(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the feed was scored before the gate was checked")

    feed = tmp_path / "labels.csv"
    feed.write_text(
        "id,topic,context,label\n"
        '1,#Aurora,"A mass shooting at a cinema; 12 dead",nevr\n'
        '2,#NationalPizzaDay,"Two slices for one",engage\n'
        '3,Storm Bert,"Floods; three people dead",nevr\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(api, "score_topics", no_scoring)
    result = runner.invoke(
        app, ["eval", str(feed), "-b", str(BRAND), "--fail-under-never-recall", "0.9"]
    )
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert "no labelled topic is never" in said
    assert "2 rows have a label that cannot be used (first, row 1: unknown label 'nevr'" in said
    assert "did you mean 'never'?" in said and "hint: fix those labels" in said


def test_gate_value_out_of_range_is_a_usage_error() -> None:
    result = runner.invoke(
        app, ["eval", str(EXAMPLE_FEED), "-b", str(BRAND), "--fail-under-never-recall", "95"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--fail-under-never-recall" in result.stderr


def test_missing_feed_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    result = runner.invoke(app, ["eval", str(missing), "-b", str(BRAND)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {missing}: file not found")


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "--fail-under-never-recall" in result.stdout
    assert "--label-col" in result.stdout


def test_unusable_labels_are_counted_before_the_scoring_and_listed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import api

    feed = tmp_path / "labels.csv"
    feed.write_text(
        "id,topic,context,label\n"
        '1,#Aurora,"A mass shooting at a cinema; 12 dead",nevr\n'
        '2,#NationalPizzaDay,"Two slices for one",engage\n'
        '3,Storm Bert,"Floods; three people dead",\n',
        encoding="utf-8",
    )
    said_before: list[str] = []  # what stderr held when the scoring began
    scoring = api.score_topics

    def scored(*args: object, **kwargs: object) -> object:
        import sys

        said_before.append(sys.stderr.buffer.getvalue().decode())  # type: ignore[attr-defined]
        return scoring(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "score_topics", scored)
    result = runner.invoke(app, ["eval", str(feed), "-b", str(BRAND), "-o", str(tmp_path / "e")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"warning: {feed}: 2 rows have a label that cannot be used (first, row 1: unknown label "
        "'nevr' (expected engage, skip or never); did you mean 'never'?); left out of the "
        "figures (each is listed after the scoring)"
    )
    assert lines[1].startswith(f"warning: {feed}: row 1: unknown label 'nevr'")
    assert said_before == [lines[0] + "\n"]
    quiet = runner.invoke(
        app, ["eval", str(feed), "-b", str(BRAND), "-q", "-o", str(tmp_path / "q")]
    )
    assert quiet.exit_code == 0 and quiet.stderr == ""
