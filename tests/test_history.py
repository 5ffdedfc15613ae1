"""Tests for rtm_score.history (the SQLite run history) and ``rtm-score history``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rtm_score.cli.history_cmd  # noqa: F401  (registers the command until cli/__init__ does)
from rtm_score.cli import app
from rtm_score.errors import RtmScoreError
from rtm_score.history import SCHEMA_VERSION, check_history, list_runs, record_run, topic_key
from rtm_score.models import Decision, Report, ScoredTopic, Topic, TopicChange

NOW = dt.datetime(2026, 11, 22, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
YESTERDAY = NOW - dt.timedelta(days=1)


def make_scored(
    name: str,
    *,
    id: str = "1",
    decision: str = "skip",
    volume: float | None = None,
    **scores: float,
) -> ScoredTopic:
    """A scored topic (ranks are set by :func:`make_report`)."""
    return ScoredTopic(
        rank=0,
        topic=Topic(id=id, name=name, volume=volume),
        decision=Decision(decision),
        relevance=scores.get("relevance", 0.0),
        sensitivity=scores.get("sensitivity", 0.0),
    )


def make_report(
    topics: list[ScoredTopic],
    *,
    brand: str = "Acme Snacks",
    generated_at: dt.datetime = NOW,
    feed: str = "",
) -> Report:
    """A report of ``topics`` ranked 1..n in the given order."""
    ranked = tuple(dataclasses.replace(t, rank=i) for i, t in enumerate(topics, start=1))
    return Report(brand=brand, generated_at=generated_at, version="0.1.0", topics=ranked, feed=feed)


def _day1() -> Report:
    return make_report(
        [
            make_scored("#AutumnLooks", id="a", decision="engage", relevance=0.8),
            make_scored("Aurora", id="b", decision="engage", relevance=0.7),
            make_scored("Cup final", id="c", decision="skip", relevance=0.2),
            make_scored("Old news", id="d", decision="skip"),
            make_scored("Storm Bert", id="e", decision="never", sensitivity=0.9),
        ],
        generated_at=YESTERDAY,
        feed="day1.csv",
    )


def _day2() -> Report:
    return make_report(
        [
            make_scored("#autumnlooks", id="a2", decision="engage", relevance=0.8),  # unchanged
            make_scored("cup  FINAL", id="c2", decision="engage", relevance=0.6),  # skip -> engage
            make_scored("Knitwear", id="k", decision="engage", relevance=0.5),  # new engage
            make_scored("#Aurora", id="b2", decision="never", sensitivity=0.95),  # engage -> never
            make_scored("Flood", id="f", decision="never", sensitivity=0.9),  # new never
            make_scored("Storm Bert", id="e2", decision="never", sensitivity=0.9),  # still never
        ],
        generated_at=NOW,
        feed="day2.csv",
    )


def test_topic_key_normalises_case_hashes_and_spaces() -> None:
    assert topic_key("#Aurora") == topic_key("aurora") == topic_key("  AURORA ") == "aurora"
    assert topic_key("#Cup  Final\t2026") == "cup final 2026"
    assert topic_key("Straße") == topic_key("STRASSE")
    assert topic_key("#WhyIStayed") != topic_key("why i stayed")  # no segmentation here


def test_first_run_has_no_changes_and_every_topic_is_new(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    report = record_run(path, _day1())
    history = report.history
    assert history is not None
    assert history.previous_run is None
    assert (history.new_engage, history.turned_never, history.gone) == ((), (), ())
    assert [t.topic_id for t in history.trends] == ["a", "b", "c", "d", "e"]
    assert {t.runs_seen for t in history.trends} == {1}
    assert {t.first_seen for t in history.trends} == {YESTERDAY}
    assert report.topics == _day1().topics  # the rest of the report is unchanged


def test_second_run_reports_what_is_new_since_the_previous_run(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    history = record_run(path, _day2()).history
    assert history is not None
    assert history.previous_run == YESTERDAY
    assert history.previous_feed == "day1.csv"
    assert history.new_engage == (
        TopicChange("cup  FINAL", "c2", Decision.ENGAGE, Decision.SKIP),
        TopicChange("Knitwear", "k", Decision.ENGAGE, None),
    )
    assert history.turned_never == (
        TopicChange("#Aurora", "b2", Decision.NEVER, Decision.ENGAGE),
        TopicChange("Flood", "f", Decision.NEVER, None),
    )
    assert history.gone == (TopicChange("Old news", "d", None, Decision.SKIP),)


def test_trends_count_runs_and_keep_the_first_sighting(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    history = record_run(path, _day2()).history
    assert history is not None
    by_id = {t.topic_id: t for t in history.trends}
    assert by_id["a2"].runs_seen == 2
    assert by_id["a2"].first_seen == YESTERDAY
    assert by_id["k"].runs_seen == 1
    assert by_id["k"].first_seen == NOW
    assert history.trend_for("b2") == by_id["b2"]
    assert history.trend_for("nope") is None
    # Times come back in the time zone of the run (NOW is +01:00), not UTC.
    assert by_id["a2"].first_seen.utcoffset() == dt.timedelta(hours=1)


def test_runs_of_other_brands_are_not_compared(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    other = make_report([make_scored("Knitwear", decision="never")], brand="Other", feed="o.csv")
    history = record_run(path, other).history
    assert history is not None
    assert history.previous_run is None
    assert history.trends[0].runs_seen == 1


def test_an_older_run_recorded_late_compares_with_the_run_before_it(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day2())
    late = make_report(
        [make_scored("Knitwear", decision="engage")],
        generated_at=YESTERDAY - dt.timedelta(days=1),
    )
    history = record_run(path, late).history
    assert history is not None
    assert history.previous_run is None  # day2 is later, so it is not "previous"
    assert history.trends[0].runs_seen == 1


def test_history_file_is_wal_with_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        rows = conn.execute(
            "SELECT name, decision, relevance, categories FROM run_topics ORDER BY position"
        ).fetchall()
    assert rows[0] == ("#AutumnLooks", "engage", 0.8, "[]")
    assert len(rows) == 5


def test_list_runs_newest_first_with_brand_filter_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    record_run(path, _day2())
    record_run(path, make_report([], brand="Other", generated_at=YESTERDAY))
    runs = list_runs(path)
    assert [(r.brand, r.feed) for r in runs] == [
        ("Acme Snacks", "day2.csv"),
        ("Other", ""),
        ("Acme Snacks", "day1.csv"),
    ]
    newest = runs[0]
    assert newest.run_at == NOW
    assert (newest.topics, newest.engage, newest.skip, newest.never) == (6, 3, 0, 3)
    assert [r.feed for r in list_runs(path, brand="Acme Snacks", limit=1)] == ["day2.csv"]
    assert list_runs(path, brand="Nobody") == []


def test_list_runs_on_a_missing_file_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite"
    with pytest.raises(RtmScoreError, match="history file not found") as info:
        list_runs(path)
    assert info.value.source == str(path)
    assert not path.exists()


def test_list_runs_on_an_empty_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    assert list_runs(path) == []


@pytest.mark.parametrize("call", ["record", "list"])
def test_a_file_that_is_not_sqlite_is_refused_with_a_hint(tmp_path: Path, call: str) -> None:
    path = tmp_path / "report.html"
    path.write_text("<html>not a database, just a report</html>\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(RtmScoreError) as info:
        if call == "record":
            record_run(path, _day1())
        else:
            list_runs(path)
    assert info.value.source == str(path)
    assert "not an rtm-score history" in (info.value.hint or "")
    assert path.read_bytes() == before


def test_an_unrelated_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    with pytest.raises(RtmScoreError, match="not an rtm-score history"):
        record_run(path, _day1())
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"users"}


def test_an_unrelated_sqlite_database_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
        conn.execute("INSERT INTO users VALUES ('ada')")
    conn.close()
    before = path.read_bytes()
    for call in (lambda: record_run(path, _day1()), lambda: list_runs(path)):
        with pytest.raises(RtmScoreError, match="not an rtm-score history"):
            call()
    assert path.read_bytes() == before  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.db"]


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("runs", "run_at", "yesterday-ish"),
        ("runs", "topics", "many"),
        ("runs", "as_of", "2026-13-45"),
        ("run_topics", "decision", "maybe"),
    ],
)
def test_tampered_rows_are_a_clear_error(
    tmp_path: Path, table: str, column: str, value: object
) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE {table} SET {column} = ?", (value,))
    conn.close()
    # A run is still recorded or clearly refused, never a crash; listing runs names the value.
    try:
        record_run(path, _day2())
    except RtmScoreError as exc:
        assert "holds a value rtm-score did not write" in str(exc)
    else:
        assert table == "runs"  # a tampered old run is simply not the previous one
    if table == "runs":
        with pytest.raises(RtmScoreError, match="holds a value rtm-score did not write") as info:
            list_runs(path)
        assert info.value.source == str(path)
        assert "backup" in (info.value.hint or "")


def test_a_run_whose_report_was_not_written_is_not_recorded(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())

    def fail(report: Report) -> None:
        assert report.history is not None  # the report is written with its history
        raise RtmScoreError("cannot write the file", source="reports/x.html")

    with pytest.raises(RtmScoreError, match="cannot write"):
        record_run(path, _day2(), publish=fail)
    assert len(list_runs(path)) == 1
    written: list[Report] = []
    again = record_run(path, _day2(), publish=written.append)
    assert written == [again] and len(list_runs(path)) == 2


def test_cli_a_missing_output_folder_records_no_run(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    history = tmp_path / "h.sqlite"
    args = [
        "score",
        str(root / "examples/feeds/big-game-day.csv"),
        "-b",
        str(root / "examples/brands/crunchwell-snacks.yaml"),
        "--history",
        str(history),
        "-q",
    ]
    runner = CliRunner()
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "no/such/dir.json")]).exit_code == 2
    assert not history.exists()  # refused before any work: no history made, no run recorded
    assert runner.invoke(app, [*args, "-o", str(tmp_path / "ok.json")]).exit_code == 0
    assert len(list_runs(history)) == 1


def test_check_history_passes_what_record_run_accepts_and_refuses_the_rest(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "new.sqlite"
    check_history(missing)
    assert not missing.exists()  # nothing is created
    ours = tmp_path / "ours.sqlite"
    record_run(ours, _day1())
    check_history(ours)
    (tmp_path / "empty.sqlite").touch()
    check_history(tmp_path / "empty.sqlite")
    page = tmp_path / "report.html"
    page.write_text("<html>not a database</html>\n" * 50, encoding="utf-8")
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    newer = tmp_path / "newer.sqlite"
    record_run(newer, _day1())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    for path, message in (
        (page, "cannot read the history file"),
        (other, "not an rtm-score history"),
        (newer, "is not supported"),
        (tmp_path, "is a folder"),
    ):
        before = path.read_bytes() if path.is_file() else None
        with pytest.raises(RtmScoreError, match=message):
            check_history(path)
        assert (path.read_bytes() if path.is_file() else None) == before


def test_cli_a_history_it_could_not_record_into_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rtm_score import profile

    def no_work(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the profile was read before the history was checked")

    root = Path(__file__).resolve().parents[1]
    history = tmp_path / "h.sqlite"
    history.write_text("not a database\n" * 50, encoding="utf-8")
    monkeypatch.setattr(profile, "load_profile", no_work)
    args = ["score", str(root / "examples/feeds/big-game-day.csv")]
    args += ["-b", str(root / "examples/brands/crunchwell-snacks.yaml")]
    result = CliRunner().invoke(app, [*args, "--history", str(history), "-o", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "cannot read the history file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite"]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.close()
    newer = f"schema version {SCHEMA_VERSION + 1}"
    with pytest.raises(RtmScoreError, match=f"{newer} is not supported") as info:
        record_run(path, _day2())
    assert "upgrade rtm-score" in (info.value.hint or "")
    with pytest.raises(RtmScoreError, match=newer):
        list_runs(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1  # day2 not stored
    conn.close()


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RtmScoreError, match="cannot open the history file"):
        record_run(tmp_path / "nope" / "history.sqlite", _day1())


# --- concurrent writers -------------------------------------------------------------------

WORKERS = 4
RUNS_EACH = 10


def _brand_run(worker: int, i: int) -> Report:
    return make_report(
        [
            make_scored("Steady topic", id="s", decision="engage"),
            make_scored(f"Topic {worker}-{i}", id=f"t{i}", decision="skip"),
            make_scored("#Shared", id="x", decision="never"),
        ],
        brand=f"brand-{worker}",
        generated_at=NOW + dt.timedelta(minutes=i),
    )


def test_concurrent_writers_do_not_corrupt_the_history(tmp_path: Path) -> None:
    path = str(tmp_path / "history.sqlite")
    jobs = [(path, _brand_run(w, i)) for i in range(RUNS_EACH) for w in range(WORKERS)]
    # Separate interpreters (spawn), like separate cron jobs; each task is one whole run, and
    # chunksize=1 interleaves the four processes' writes, starting on a file that is not there.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(WORKERS) as pool:
        results = pool.starmap(record_run, jobs, chunksize=1)
    assert len(results) == WORKERS * RUNS_EACH
    assert all(r.history is not None for r in results)

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == WORKERS * RUNS_EACH
        per_run = conn.execute(
            "SELECT count(*) FROM runs r JOIN run_topics t ON t.run_id = r.id GROUP BY r.id"
        ).fetchall()
        versions = conn.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    conn.close()
    assert per_run == [(3,)] * (WORKERS * RUNS_EACH)
    assert versions == 1
    # Every brand's ten runs are all there: one more run sees the steady topic for the 11th time.
    for w in range(WORKERS):
        history = record_run(path, _brand_run(w, RUNS_EACH)).history
        assert history is not None
        assert history.previous_run == NOW + dt.timedelta(minutes=RUNS_EACH - 1)
        assert history.trends[0].runs_seen == RUNS_EACH + 1
        assert history.trends[0].first_seen == NOW
        assert history.gone == (
            TopicChange(f"Topic {w}-{RUNS_EACH - 1}", f"t{RUNS_EACH - 1}", None, Decision.SKIP),
        )


# --- rtm-score history --------------------------------------------------------------------


def test_cli_lists_runs_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    record_run(path, make_report([], brand="[bold red]Evil[/]", feed="x.csv"))
    result = CliRunner().invoke(app, ["history", "--history", str(path)])
    assert result.exit_code == 0, result.output
    assert "day1.csv" in result.stdout
    assert "Acme Snacks" in result.stdout
    assert "[bold red]Evil[/]" in result.stdout  # brand text shown literally, not as markup
    assert "2026-11-21 07:30 UTC" in result.stdout or "2026-11-21 06:30 UTC" in result.stdout
    assert result.stderr == ""


def test_cli_json_output(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    record_run(path, _day2())
    result = CliRunner().invoke(
        app, ["history", "--history", str(path), "--format", "json", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    runs = json.loads(result.stdout)
    assert len(runs) == 1
    assert runs[0]["feed"] == "day2.csv"
    assert runs[0]["counts"] == {"engage": 3, "skip": 0, "never": 3}
    assert dt.datetime.fromisoformat(runs[0]["run_at"]) == NOW


def test_cli_missing_history_file_exits_2_with_message_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite"
    result = CliRunner().invoke(app, ["history", "--history", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {path}: history file not found")


def test_cli_no_runs_for_brand_says_so_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    result = CliRunner().invoke(app, ["history", "--history", str(path), "--brand", "Nobody"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "no runs recorded for brand 'Nobody' yet (--brand is the profile's name; the history "
        "holds runs for 'Acme Snacks')\n"
    )
    typo = CliRunner().invoke(app, ["history", "--history", str(path), "--brand", "Acme Snaks"])
    assert "; did you mean 'Acme Snacks'?" in typo.stderr


def test_cli_brand_may_differ_in_case_or_be_the_profile_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _day1())
    profile = tmp_path / "acme.yaml"
    profile.write_text("name: Acme Snacks\nkeywords: [chips]\n", encoding="utf-8")
    for given in ("acme snacks", str(profile)):
        result = CliRunner().invoke(
            app, ["history", "--history", str(path), "--brand", given, "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        assert [r["brand"] for r in json.loads(result.stdout)] == ["Acme Snacks"]


def test_cli_help_has_examples() -> None:
    result = CliRunner().invoke(app, ["history", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "--history" in result.stdout


# --- momentum (issue 12) ---------------------------------------------------------------------


def _with_volumes(when: dt.datetime, volumes: dict[str, float | None]) -> Report:
    return make_report(
        [
            make_scored(name, id=name, decision="engage", relevance=0.8, volume=v)
            for name, v in volumes.items()
        ],
        generated_at=when,
        feed="day.csv",
    )


def test_momentum_from_the_feeds_volume_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    day = dt.timedelta(days=1)
    names = ("#Up", "#Peak", "#Down", "#Flat", "#NoVolume", "#New")
    runs = [
        {"#Up": 100.0, "#Peak": 100.0, "#Down": 100.0, "#Flat": 100.0, "#NoVolume": None},
        {"#Up": 120.0, "#Peak": 200.0, "#Down": 90.0, "#Flat": 100.0, "#NoVolume": None},
        {"#Up": 160.0, "#Peak": 210.0, "#Down": 60.0, "#Flat": 110.0, "#NoVolume": None,
         "#New": 50.0},
    ]  # fmt: skip
    for i, volumes in enumerate(runs):
        report = record_run(path, _with_volumes(NOW - (2 - i) * day, volumes))
    assert report.history is not None
    got = {t.name: (t.momentum, t.volume_change) for t in report.history.trends}
    assert got["#Up"] == ("rising", 0.333)
    assert got["#Peak"] == ("peaking", 0.05)  # rose into the last run and now holds
    assert got["#Down"] == ("fading", -0.333)
    assert got["#Flat"] == ("steady", 0.1)
    assert got["#NoVolume"] == ("", None)
    assert got["#New"] == ("", None)  # nothing to compare with yet
    assert set(got) == set(names)


def test_a_version_1_history_is_upgraded_when_written(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_run(path, _with_volumes(YESTERDAY, {"#Up": 100.0}))
    with sqlite3.connect(path) as conn:  # make it a file an older rtm-score wrote
        conn.execute("ALTER TABLE run_topics DROP COLUMN volume")
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
    conn.close()
    assert [r.topics for r in list_runs(path)] == [1]  # reading does not change it
    report = record_run(path, _with_volumes(NOW, {"#Up": 150.0}))
    assert report.history is not None
    assert report.history.trends[0].runs_seen == 2
    assert report.history.trends[0].momentum == ""  # the old run kept no volume
    with sqlite3.connect(path) as conn:
        versions = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        stored = conn.execute("SELECT volume FROM run_topics ORDER BY run_id").fetchall()
    conn.close()
    assert versions == [(1,), (SCHEMA_VERSION,)]
    assert stored == [(None,), (150.0,)]


def test_equally_relevant_opportunities_rank_by_momentum_then_freshness(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    day = dt.timedelta(days=1)
    runs = [
        {"#Up": 100.0, "#Peak": 100.0, "#Down": 100.0, "#Flat": 100.0, "#NoVolume": None},
        {"#Up": 120.0, "#Peak": 200.0, "#Down": 90.0, "#Flat": 100.0, "#NoVolume": None},
        {
            "#Down": 60.0,
            "#NoVolume": None,
            "#Flat": 110.0,
            "#New": 50.0,
            "#Peak": 210.0,
            "#Up": 160.0,
        },
    ]  # fmt: skip (the last run lists them in the order relevance alone would rank them)
    for i, volumes in enumerate(runs):
        report = record_run(path, _with_volumes(NOW - (2 - i) * day, volumes))
    order = [t.topic.name for t in sorted(report.topics, key=lambda t: t.rank)]
    assert order == ["#Up", "#Peak", "#Flat", "#New", "#NoVolume", "#Down"]
    assert [t.rank for t in sorted(report.topics, key=lambda t: t.rank)] == [1, 2, 3, 4, 5, 6]
    why = {t.topic.name: [r for r in t.reasons if r.code == "rank.momentum"] for t in report.topics}
    assert [r.evidence for r in why["#Up"]] == ["rising, +33% volume; trending for 3 runs"]
    assert [r.evidence for r in why["#Flat"]] == ["steady, +10% volume; trending for 3 runs"]
    assert [r.evidence for r in why["#New"]] == ["new"]  # fresher than #NoVolume
    assert [r.evidence for r in why["#NoVolume"]] == ["trending for 3 runs"]  # above #Down
    assert why["#Down"] == []  # fading, overtaken by all: nothing to explain on its row


def test_a_first_run_keeps_the_order_of_fit(tmp_path: Path) -> None:
    report = record_run(tmp_path / "h.sqlite", _with_volumes(NOW, {"#B": 5.0, "#A": 9.0}))
    assert [t.topic.name for t in sorted(report.topics, key=lambda t: t.rank)] == ["#B", "#A"]
    assert not any(r.code == "rank.momentum" for t in report.topics for r in t.reasons)
