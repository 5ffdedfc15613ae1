"""Tests for ``rtm-score score``: exit codes, formats, stdout/stderr split, untrusted feed text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner, Result

from rtm_score.cli import app

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "tests" / "assets" / "score"
FEED = ASSETS / "day.csv"
SNACK = ASSETS / "snack-brand.yaml"
BROKEN = ASSETS / "broken-profile.yaml"
WIDE = {"COLUMNS": "200"}
# SGR colour parameters: 30-39/40-49 (incl. 38;5 and 48;5), 90-97, 100-107.
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

runner = CliRunner()


def score(*args: str | Path, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["score", *map(str, args)], input=input, env=env)


def write_feed(tmp_path: Path, rows: list[str], name: str = "feed.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- exit codes ----------------------------------------------------------------------------------


def test_success_prints_the_table_and_a_summary() -> None:
    result = score(FEED, "--brand", SNACK, env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert "Crunchwell Snacks" in result.stdout
    for topic in ["#GameNight", "Breaking Bad finale", "Talk Like a Pirate Day", "#Aurora"]:
        assert topic in result.stdout
    assert result.stderr == "5 topics: 2 engage, 2 skip, 1 never\n"


def test_fail_on_never_exits_1_when_a_never_exists() -> None:
    result = score(FEED, "-b", SNACK, "--fail-on", "never", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["counts"]["never"] == 1


def test_fail_on_never_exits_0_without_never(tmp_path: Path) -> None:
    feed = write_feed(
        tmp_path,
        [
            "topic,context",
            "#GameNight,popcorn and chips for game night",
            "Talk Like a Pirate Day,Arr",
        ],
    )
    assert (
        score(feed, "-b", SNACK, "--as-of", "2026-06-01", "--fail-on", "never", "-q").exit_code == 0
    )
    assert (
        score(feed, "-b", SNACK, "--as-of", "2026-06-01", "--fail-on", "skip", "-q").exit_code == 1
    )
    assert (
        score(feed, "-b", SNACK, "--as-of", "2026-06-01", "--fail-on", "none", "-q").exit_code == 0
    )


def test_missing_feed_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    result = score(missing, "-b", SNACK)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"error: {missing}: file not found\n  hint: check the path, or use - to read stdin\n"
    )


def test_broken_profile_exits_2() -> None:
    result = score(FEED, "-b", BROKEN)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"error: {BROKEN}: keyword (line 3): unknown key 'keyword'; did you mean 'keywords'?\n"
    )


def test_missing_profile_exits_2(tmp_path: Path) -> None:
    result = score(FEED, "-b", tmp_path / "brand.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {tmp_path / 'brand.yaml'}: cannot read the profile")


def test_bad_as_of_exits_2() -> None:
    result = score(FEED, "-b", SNACK, "--as-of", "2026-13-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'2026-13-01' is not a date; use YYYY-MM-DD" in result.stderr


def test_unknown_columns_field_exits_2() -> None:
    result = score(FEED, "-b", SNACK, "--columns", "bogus=topic")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: --columns: unknown field 'bogus'\n"
        "  hint: fields: topic, context, volume, date, region, id\n"
    )


def test_columns_naming_a_missing_column_exits_2() -> None:
    result = score(FEED, "-b", SNACK, "--columns", "context=headline")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {FEED}: column 'headline' (mapped to context) is not in the feed\n"
        "  hint: columns found: id, topic, context, volume, date, region\n"
    )


def test_columns_map_feed_columns(tmp_path: Path) -> None:
    feed = write_feed(tmp_path, ["trend_name,headline", "#GameNight,popcorn and chips tonight"])
    result = score(
        feed, "-b", SNACK, "--columns", "topic=trend_name,context=headline", "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    (topic,) = json.loads(result.stdout)["topics"]
    assert (topic["topic"], topic["decision"]) == ("#GameNight", "engage")


def test_broken_rules_folder_exits_2(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: mine\ncategory: c\ntier: extreme\nmessage: m\n"
        "signals:\n  - {kind: phrase, weight: 0.5, terms: [foo]}\n",
        encoding="utf-8",
    )
    result = score(FEED, "-b", SNACK, "--rules", rules)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {rules / 'mine.yaml'}: tier (line 3): unknown tier 'extreme'\n"
        "  hint: use floor, high, medium or low\n"
    )


def test_extra_rules_folder_is_used(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "snackgate.yaml").write_text(
        "id: snackgate\ncategory: snackgate\ntier: floor\nmessage: about the snackgate scandal\n"
        "signals:\n  - {kind: phrase, weight: 0.9, terms: [snackgate]}\n",
        encoding="utf-8",
    )
    feed = write_feed(tmp_path, ["topic,context", "#GameNight,popcorn fans react to #Snackgate"])
    result = score(feed, "-b", SNACK, "--rules", rules, "-f", "json")
    assert result.exit_code == 0, result.stderr
    (topic,) = json.loads(result.stdout)["topics"]
    assert topic["decision"] == "never"
    assert topic["categories"] == ["snackgate"]


# --- formats -------------------------------------------------------------------------------------


def test_json_contract() -> None:
    result = score(FEED, "-b", SNACK, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"brand", "generated_at", "version", "counts", "topics", "errors"} <= set(data)
    assert data["brand"] == "Crunchwell Snacks"
    assert data["counts"] == {"engage": 2, "skip": 2, "never": 1}
    assert data["errors"] == []
    assert [t["rank"] for t in data["topics"]] == [1, 2, 3, 4, 5]
    for topic in data["topics"]:
        assert {
            "rank",
            "id",
            "topic",
            "decision",
            "relevance",
            "sensitivity",
            "categories",
            "reasons",
        } <= set(topic)
        assert topic["decision"] in {"engage", "skip", "never"}
        assert topic["reasons"]
        for reason in topic["reasons"]:
            assert {"code", "message", "evidence"} <= set(reason)
    aurora = next(t for t in data["topics"] if t["id"] == "t2")
    assert aurora["decision"] == "never"


def test_jsonl_has_one_topic_per_line() -> None:
    result = score(FEED, "-b", SNACK, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["t4", "t1", "t3", "t5", "t2"]


def test_csv_parses() -> None:
    result = score(FEED, "-b", SNACK, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["t4", "t1", "t3", "t5", "t2"]
    assert {"rank", "topic", "decision", "relevance", "sensitivity", "reasons"} <= set(rows[0])
    assert rows[-1]["decision"] == "never"


def test_markdown_is_not_empty() -> None:
    result = score(FEED, "-b", SNACK, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "Crunchwell Snacks" in result.stdout
    assert "Breaking Bad finale" in result.stdout


def test_html_is_a_page() -> None:
    result = score(FEED, "-b", SNACK, "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert "<html" in result.stdout
    assert "Crunchwell Snacks" in result.stdout


def test_top_limits_topics_but_not_counts() -> None:
    result = score(FEED, "-b", SNACK, "--format", "json", "--top", "2")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["id"] for t in data["topics"]] == ["t4", "t1"]
    assert data["counts"] == {"engage": 2, "skip": 2, "never": 1}
    table = score(FEED, "-b", SNACK, "--top", "1", env=WIDE)
    assert "#GameNight" in table.stdout
    assert "Breaking Bad" not in table.stdout


def test_top_must_not_be_negative() -> None:
    result = score(FEED, "-b", SNACK, "--top", "-1")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_as_of_dates_undated_topics(tmp_path: Path) -> None:
    feed = write_feed(tmp_path, ["topic,context", "#LestWeForget,Canadians pause at 11am"])
    result = score(feed, "-b", SNACK, "--as-of", "2026-11-11", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (topic,) = data["topics"]
    assert topic["decision"] == "never"
    assert "calendar.remembrance-day" in [r["code"] for r in topic["reasons"]]


# --- output files --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "table", "html"])
def test_output_is_written_on_success(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = score(FEED, "-b", SNACK, "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8")
    assert "report written to" in result.stderr


def test_output_is_written_when_the_gate_fails(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = score(FEED, "-b", SNACK, "-f", "json", "-o", out, "--fail-on", "never", "-q")
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["counts"]["never"] == 1


@pytest.mark.parametrize(
    "args",
    [
        [FEED, "-b", BROKEN],
        [ASSETS / "missing.csv", "-b", SNACK],
        [FEED, "-b", SNACK, "--as-of", "yesterday"],
        [FEED, "-b", SNACK, "--columns", "bogus=topic"],
    ],
    ids=["broken-profile", "missing-feed", "bad-as-of", "bad-columns"],
)
def test_output_is_not_created_on_failure(tmp_path: Path, args: list[str | Path]) -> None:
    out = tmp_path / "report.json"
    result = score(*args, "--format", "json", "--output", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.json"
    result = score(FEED, "-b", SNACK, "-f", "json", "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: --output {out}: its folder {out.parent} does not exist\n"
        "  hint: create the directory first, or choose another path\n"
    )
    assert not (tmp_path / "no").exists()


def test_a_bad_rules_file_is_reported_before_the_feed_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import feeds

    def no_read(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the feed was read before the rules were checked")

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("id: x\ncategory: [oops\n", encoding="utf-8")
    monkeypatch.setattr(feeds, "read_feed", no_read)
    result = score(FEED, "-b", SNACK, "--rules", rules, "-f", "json", "-o", tmp_path / "r.json")
    assert result.exit_code == 2, result.output
    assert f"error: {rules / 'bad.yaml'}: line 3, column 1: YAML syntax error" in result.stderr
    assert not (tmp_path / "r.json").exists()


# --- feeds ---------------------------------------------------------------------------------------


def test_stdin_feed() -> None:
    text = FEED.read_text(encoding="utf-8")
    from_stdin = score("-", "-b", SNACK, "-f", "json", "-q", input=text)
    from_file = score(FEED, "-b", SNACK, "-f", "json", "-q")
    assert from_stdin.exit_code == 0, from_stdin.stderr
    topics = json.loads(from_stdin.stdout)["topics"]
    assert [(t["id"], t["decision"]) for t in topics] == [
        (t["id"], t["decision"]) for t in json.loads(from_file.stdout)["topics"]
    ]
    assert json.loads(from_stdin.stdout)["feed"] == "-"


def test_bad_row_in_a_big_feed(tmp_path: Path) -> None:
    rows = ["id,topic,context,volume"]
    rows += [
        f"g{i},Game night idea {i},popcorn and chips spread number {i},{i}" for i in range(1, 1501)
    ]
    rows += ["bad,Broken row,its volume is not a number,lots"]
    rows += [f"g{i},Weather report {i},mild and sunny in region {i},{i}" for i in range(1501, 3001)]
    feed = write_feed(tmp_path, rows)
    result = score(feed, "-b", SNACK, "-f", "json", "--as-of", "2026-06-01", env=WIDE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["topics"]) == 3000
    assert sum(data["counts"].values()) == 3000
    assert "bad" not in {t["id"] for t in data["topics"]}
    assert [(e["row"], e["message"]) for e in data["errors"]] == [
        (1501, "volume 'lots' is not a number")
    ]
    assert (
        f"warning: {feed}:1502: row 1501: volume 'lots' is not a number (row skipped)\n"
        in result.stderr
    )
    assert result.stderr.endswith(
        "3000 topics: 1500 engage, 1500 skip, 0 never; 1 bad row skipped\n"
    )


def test_a_damaged_byte_is_a_bad_row_not_a_lost_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    rows = [b"id,topic,context"] + [
        b"g%d,Game night %d,popcorn and chips" % (i, i) for i in range(200)
    ]
    rows[101] = b"g100,Caf\xe9 game night,popcorn"
    feed.write_bytes(b"\n".join(rows) + b"\n")
    result = score(feed, "-b", SNACK, "-f", "json", "--as-of", "2026-06-01", env=WIDE)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["topics"]) == 199
    assert (
        f"warning: {feed}:102: row 101: not UTF-8: byte 0xE9 cannot be decoded (save the feed "
        "as UTF-8) (row skipped)\n" in result.stderr
    )
    assert result.stderr.endswith("1 bad row skipped\n")


def test_feed_with_only_bad_rows(tmp_path: Path) -> None:
    feed = write_feed(tmp_path, ["id,topic,context", "t1,,no topic here"])
    result = score(feed, "-b", SNACK, "-f", "json", env=WIDE)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["topics"] == []
    assert data["errors"][0]["row"] == 1
    assert "row 1: empty topic (row skipped)" in result.stderr


def test_stderr_lines_are_not_wrapped(tmp_path: Path) -> None:
    deep = tmp_path / ("a-long-folder-name-" * 4) / "feed-with-a-long-file-name.csv"
    deep.parent.mkdir(parents=True)
    deep.write_text("id,topic,context\nt1,,no topic\nt2,#GameNight,popcorn\n", encoding="utf-8")
    result = score(deep, "-b", SNACK, "-f", "json")
    assert result.exit_code == 0
    assert f"warning: {deep}:2: row 1: empty topic (row skipped)\n" in result.stderr


# --- untrusted text and terminals --------------------------------------------------------------


def test_markup_and_escape_codes_are_printed_literally(tmp_path: Path) -> None:
    feed = write_feed(
        tmp_path,
        [
            "id,topic,context",
            "m1,[bold red]x[/],popcorn night",
            'm2,"Clear\x1b[2Jscreen",popcorn and chips',
            "m3,[link=https://evil.example]deal[/link],chips",
        ],
    )
    result = score(feed, "-b", SNACK, env={**WIDE, "FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert "[bold red]x[/]" in result.stdout
    assert "[link=https://evil.example]deal[/link]" in result.stdout
    assert "[2Jscreen" in result.stdout
    assert "\x1b[2J" not in result.stdout
    assert "\x1b]8;" not in result.stdout  # no hyperlink was created


def test_quiet_keeps_stderr_to_one_line_about_skipped_rows(tmp_path: Path) -> None:
    feed = write_feed(tmp_path, ["id,topic,context", "t1,,bad", "t2,#GameNight,popcorn"])
    result = score(feed, "-b", SNACK, "-f", "json", "--quiet")
    assert result.exit_code == 0
    # A cron log still learns that rows were skipped: one line, not one per row.
    assert result.stderr == f"warning: {feed}: 1 bad row skipped (rows 1)\n"
    clean = write_feed(tmp_path, ["id,topic,context", "t2,#GameNight,popcorn"], name="ok.csv")
    assert score(clean, "-b", SNACK, "-f", "json", "--quiet").stderr == ""
    assert json.loads(result.stdout)["errors"][0]["row"] == 1
    # Errors are still reported.
    failed = score(feed, "-b", BROKEN, "--quiet")
    assert failed.exit_code == 2
    assert failed.stderr.startswith(f"error: {BROKEN}: ")


def test_no_color_is_respected() -> None:
    coloured = score(FEED, "-b", SNACK, env={**WIDE, "FORCE_COLOR": "1"})
    assert COLOUR_SGR.search(coloured.stdout), "control: colour is on without NO_COLOR"
    plain = score(FEED, "-b", SNACK, env={**WIDE, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == 0
    assert not COLOUR_SGR.search(plain.stdout)
    assert not COLOUR_SGR.search(plain.stderr)
    # Not a terminal and NO_COLOR: no escape codes at all.
    bare = score(FEED, "-b", SNACK, env={**WIDE, "NO_COLOR": "1"})
    assert "\x1b" not in bare.stdout
    assert "\x1b" not in bare.stderr


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["score", "--help"], env=WIDE)
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "--fail-on" in result.stdout


@pytest.mark.parametrize(
    ("limit", "code"), [("1", 2), ("2", 0), ("25%", 2), ("50%", 0), ("0", 2), ("100%", 0)]
)
def test_max_bad_rows_fails_the_run_past_the_limit(tmp_path: Path, limit: str, code: int) -> None:
    feed = write_feed(tmp_path, ["topic,volume", "A,1", "B,x", "C,3", "D,y"])
    out, history = tmp_path / "out.json", tmp_path / "h.sqlite"
    result = score(
        feed, "-b", SNACK, "-f", "json", "-o", out, "--history", history, "--max-bad-rows", limit
    )
    assert result.exit_code == code, result.stderr
    if code == 2:
        assert "2 of 4 rows (50.0 %) could not be read (rows 2, 4)" in result.stderr
        assert not out.exists() and not history.exists()
    else:
        assert out.exists()


@pytest.mark.parametrize("limit", ["abc", "-1", "150%", "1.5"])
def test_max_bad_rows_refuses_what_is_not_a_limit(tmp_path: Path, limit: str) -> None:
    feed = write_feed(tmp_path, ["topic", "A"])
    result = score(feed, "-b", SNACK, "--max-bad-rows", limit)
    said = " ".join(result.stderr.replace("│", " ").split())  # the usage box wraps long lines
    assert result.exit_code == 2 and "is not a row count or a percentage" in said


def test_explain_prints_every_reason(tmp_path: Path) -> None:
    feed = write_feed(tmp_path, ["topic,context", "#SnackStadium,chips and cookies on game day"])
    short = score(feed, "-b", SNACK, env={"COLUMNS": "120"}).stdout
    full = score(feed, "-b", SNACK, "--explain", env={"COLUMNS": "120"}).stdout
    assert "more)" in short and "more)" not in full
    assert full.count("•") > short.count("•")


# --- progress on a terminal ---------------------------------------------------------------------


class _Bar:
    """Stands in for rich's Progress: records every phase it is told."""

    phases: ClassVar[list[str]] = []

    def __init__(self, **_kwargs: object) -> None:
        _Bar.phases = []

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, **_kwargs: object) -> int:
        _Bar.phases.append(description)
        return 0

    def update(self, _task: int, *, description: str = "", **_kwargs: object) -> None:
        if description and description != _Bar.phases[-1]:
            _Bar.phases.append(description)


def test_progress_names_every_phase_up_to_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    import rich.progress
    from rich.console import Console

    from rtm_score.api import ScoreOptions
    from rtm_score.cli import _score_run
    from rtm_score.feeds import read_feed
    from rtm_score.profile import load_profile

    monkeypatch.setattr(rich.progress, "Progress", _Bar)
    profile = load_profile(SNACK)
    result = read_feed(FEED)
    console = Console(file=io.StringIO(), force_terminal=True)
    day = dt.date(2026, 6, 1)
    reports = _score_run.run([profile], result, day, ScoreOptions(), None, True, console)
    for _report in reports:
        assert _Bar.phases[-1] == f"writing {profile.name}"  # while the caller writes it
    assert _Bar.phases[:3] == ["analysing", "sensitivity", "scoring"]


def test_reading_shows_a_spinner_only_on_a_terminal(tmp_path: Path) -> None:
    from rich.console import Console

    from rtm_score.cli._score_run import reading as _reading

    terminal = Console(file=io.StringIO(), force_terminal=True)
    piped = Console(file=io.StringIO(), force_terminal=False)
    with _reading(terminal, "[bold]today.csv", quiet=False) as status:
        assert status is not None
        # The file name is shown as written, never read as markup.
        assert status.status == "reading \\[bold]today.csv"  # type: ignore[attr-defined]
    with _reading(piped, "today.csv", quiet=False) as none:
        assert none is None
    with _reading(terminal, "today.csv", quiet=True) as none:
        assert none is None


def test_every_problem_of_a_rule_file_gets_its_own_error_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text(
        "id: mine\ncategory: c\ntier: extreme\nmessage: m\n"
        "signals:\n  - {kind: phrase, weight: 2, terms: [foo]}\n",
        encoding="utf-8",
    )
    result = score(FEED, "-b", SNACK, "--rules", rules)
    assert result.exit_code == 2
    assert [x for x in result.stderr.splitlines() if x.startswith("error: ")] == [
        f"error: {rules / 'mine.yaml'}: tier (line 3): unknown tier 'extreme'",
        f"error: {rules / 'mine.yaml'}: signals[0].weight (line 6): must be between 0 and 1, got 2",
    ]


@pytest.mark.usefixtures("small_chunks")
def test_jobs_share_the_work_and_change_nothing_in_the_report(tmp_path: Path) -> None:
    reports = {}
    feed = ROOT / "examples" / "feeds" / "big-game-day.csv"  # 15 topics: 4 chunks of 4
    for jobs in ("1", "3"):  # this process alone; this process and two workers
        out = tmp_path / f"jobs-{jobs}.json"
        result = score(feed, "--brand", SNACK, "--format", "json", "-o", out, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        reports[jobs] = json.loads(out.read_text(encoding="utf-8"))
        reports[jobs].pop("generated_at")
    assert len(reports["1"]["topics"]) == 15
    assert reports["3"] == reports["1"]
    bad = score(FEED, "--brand", SNACK, "--jobs", "-1")
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_a_terminal_table_lists_the_first_ranks_and_says_how_to_see_more(tmp_path: Path) -> None:
    from rtm_score.cli.score_cmd import TERMINAL_ROWS

    rows = ["id,topic,context"] + [f"g{i},Game night {i},popcorn and chips" for i in range(150)]
    feed = write_feed(tmp_path, rows)
    env = {**WIDE, "FORCE_COLOR": "1", "NO_COLOR": "1"}
    shown = score(feed, "-b", SNACK, "--as-of", "2026-06-01", env=env)
    assert shown.exit_code == 0, shown.stderr
    assert f"showing the top {TERMINAL_ROWS} of 150 topics" in shown.stdout
    assert "--top N lists N" in shown.stderr
    quiet = score(feed, "-b", SNACK, "--as-of", "2026-06-01", "--quiet", env=env)
    assert "showing the top" in quiet.stdout and quiet.stderr == ""
    # --top is obeyed, and a file or a pipe gets every topic.
    wide = score(feed, "-b", SNACK, "--as-of", "2026-06-01", "--top", "120", env=env)
    assert "showing the top 120 of 150 topics" in wide.stdout and "--top N" not in wide.stderr
    piped = score(feed, "-b", SNACK, "--as-of", "2026-06-01", env=WIDE)
    assert "showing the top" not in piped.stdout and "Game night 149" in piped.stdout


def test_many_rows_skipped_for_one_reason_are_counted_on_one_line(tmp_path: Path) -> None:
    rows = ["id,topic,context,date"]
    rows += [f"d{i},Topic {i},context {i},13.{i % 12 + 1:02d}.2026 10h" for i in range(1, 301)]
    rows += ["e1,,an empty topic,2026-06-01", "ok,Game night,popcorn,2026-06-01"]
    feed = write_feed(tmp_path, rows)
    result = score(feed, "-b", SNACK, "-f", "json", "--as-of", "2026-06-01", env=WIDE)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(": row ")[1].split(":")[0] for line in lines[:3]] == ["1", "2", "3"]
    assert lines[3] == (
        f"warning: {feed}: 297 more rows skipped for the same reason: date '...' is not a "
        "recognised date (expected e.g. 2020-07-15) (rows 4, 5, 6, 7, 8, ...; every one is "
        "listed under errors in a JSON report)"
    )
    assert lines[4] == f"warning: {feed}:302: row 301: empty topic (row skipped)"
    assert len(json.loads(result.stdout)["errors"]) == 301
