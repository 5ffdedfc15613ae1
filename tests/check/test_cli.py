"""``rtm-score check``: exit codes, streams, formats, baseline and the examples."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rtm_score.cli.check_cmd  # noqa: F401  (registers the command until cli/__init__ does)
from rtm_score.cli import app

from .conftest import ASSETS, EXAMPLES

runner = CliRunner()
BRAND = str(ASSETS / "brand.yaml")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def clean_cal(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "clean.csv",
        "id,date,copy\np1,2026-10-06,Pinecrest espresso, pulled fresh\n".replace(
            "espresso, ", "espresso "
        ),
    )


@pytest.fixture
def warn_cal(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "warn.csv",
        "id,date,copy\np1,2026-10-06,Smoother than Beanline: Pinecrest Cold Brew\n",
    )


@pytest.fixture
def error_cal(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "error.csv",
        "id,date,region,copy\n"
        "p1,2026-09-11,US,Flash sale: 20% off Pinecrest Cold Brew\n"
        "p2,2026-10-06,,Smoother than Beanline: Pinecrest Cold Brew\n",
    )


def test_exit_0_when_clean(clean_cal: Path) -> None:
    result = runner.invoke(app, ["check", str(clean_cal), "--brand", BRAND])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "1 post checked: 0 errors, 0 warnings\n"


def test_warnings_pass_by_default_and_fail_with_fail_on_warning(warn_cal: Path) -> None:
    result = runner.invoke(app, ["check", str(warn_cal), "-b", BRAND])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"{warn_cal}:2: warning RTM502 the copy mentions the competitor 'Beanline'\n"
    )
    result = runner.invoke(app, ["check", str(warn_cal), "-b", BRAND, "--fail-on", "warning"])
    assert result.exit_code == 1


def test_exit_1_on_error_with_text_output(error_cal: Path) -> None:
    result = runner.invoke(app, ["check", str(error_cal), "-b", BRAND])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{error_cal}:2: error RTM101 promotional post on September 11 "
        "anniversary (Patriot Day) in US, a solemn date"
    )
    assert lines[2] == "    hint: move it to 12 September 2026 or drop the promotion"
    assert result.stderr == "2 posts checked: 1 error, 1 warning\n"


def test_exit_2_on_malformed_calendar_names_file_and_line(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.csv", "date,copy\n2026-09-11,ok\n11/09/2026,bad\n")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(bad), "-b", BRAND, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {bad}: line 3: cannot read '11/09/2026' as a date")
    assert "hint: write dates as YYYY-MM-DD" in result.stderr
    assert not out.exists()


def test_exit_2_on_bad_profile_missing_calendar_and_usage(tmp_path: Path, clean_cal: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "none.csv"), "-b", BRAND])
    assert result.exit_code == 2 and "calendar file not found" in result.stderr
    result = runner.invoke(app, ["check", str(clean_cal), "-b", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and result.stdout == ""
    result = runner.invoke(app, ["check", str(clean_cal), "-b", BRAND, "--write-baseline"])
    assert result.exit_code == 2 and "--write-baseline needs --baseline FILE" in result.stderr
    result = runner.invoke(app, ["check", str(clean_cal), "-b", BRAND, "--format", "xml"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["check", str(clean_cal), "-b", BRAND, "--as-of", "soon"])
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", ["json", "github", "junit", "sarif", "gitlab"])
def test_formats_and_output_file(tmp_path: Path, error_cal: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app,
        ["check", str(error_cal), "-b", BRAND, "--format", fmt, "--output", str(out), "--quiet"],
    )
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "junit":
        assert ET.fromstring(text.encode("utf-8")).get("failures") == "1"
    elif fmt == "github":
        assert text.startswith(f"::error file={error_cal},line=2,title=RTM101 ")
    else:
        json.loads(text)


def test_write_baseline_then_only_new_findings_fail(tmp_path: Path, error_cal: Path) -> None:
    baseline = tmp_path / ".rtm-baseline.json"
    result = runner.invoke(
        app, ["check", str(error_cal), "-b", BRAND, "--baseline", str(baseline), "--write-baseline"]
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"baseline written to {baseline}: 2 findings\n"
    result = runner.invoke(app, ["check", str(error_cal), "-b", BRAND, "--baseline", str(baseline)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "2 posts checked: 0 errors, 0 warnings (2 baselined)\n"
    # A new bad row, inserted at the top, fails; the old ones (now on other lines) do not.
    lines = error_cal.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "p0,2026-11-11,CA,Remembrance Day deal: 25% off Morning Roast")
    error_cal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(error_cal), "-b", BRAND, "--baseline", str(baseline), "--format", "json"]
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert {(f["id"], f["status"]) for f in doc["findings"]} == {
        ("p0", "new"),
        ("p1", "baselined"),
        ("p2", "baselined"),
    }
    result = runner.invoke(
        app, ["check", str(error_cal), "-b", BRAND, "--baseline", str(tmp_path / "missing.json")]
    )
    assert result.exit_code == 2 and "baseline file not found" in result.stderr


def test_feed_flags_trending_hashtags(tmp_path: Path) -> None:
    cal = write(
        tmp_path,
        "cal.csv",
        "id,date,copy,hashtags\n"
        "p1,2026-11-23,Late show tonight? Pinecrest Cold Brew keeps you going,#Aurora\n",
    )
    args = ["check", str(cal), "-b", BRAND]
    assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(
        app, [*args, "--feed", str(ASSETS / "trends.csv"), "--as-of", "2026-11-23"]
    )
    assert result.exit_code == 1
    assert "error RTM301 #Aurora is trending now for a sensitive reason" in result.stdout
    assert "hint: remove #Aurora: it trends for " in result.stdout
    result = runner.invoke(app, [*args, "--feed", str(tmp_path / "none.csv")])
    assert result.exit_code == 2


def test_feed_holds_promotions_while_the_brand_is_in_the_news(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    cal = write(
        tmp_path,
        "cal.csv",
        "id,date,copy\n"
        "p1,2026-03-14,Game day: 20% off every bag of Crunchwell Kettle Chips!\n"
        "p2,2026-03-14,Fifty years of kettle chips: thank you to every fan.\n",
    )
    brand = str(examples / "brands" / "crunchwell-snacks.yaml")
    feed = str(examples / "feeds" / "brand-day.csv")
    args = ["check", str(cal), "-b", brand, "--feed", feed, "--as-of", "2026-03-14"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.stdout
    assert "error RTM302 promotional post while the brand is in the news" in result.stdout
    assert "hint: hold the promotion" in result.stdout
    assert result.stdout.count("RTM302") == 1


def test_feed_rows_that_cannot_be_read_are_said_not_dropped_in_silence(tmp_path: Path) -> None:
    cal = write(tmp_path, "cal.csv", "id,date,copy\np1,2026-11-23,Movie night #Aurora\n")
    feed = write(
        tmp_path,
        "trends.csv",
        "topic,context,volume\n"
        '#Aurora,"A mass shooting at a movie theater in Aurora; several people dead",-412000\n'
        "#MovieNight,Films to watch this weekend,1200\n",
    )
    args = ["check", str(cal), "-b", BRAND, "--feed", str(feed), "--as-of", "2026-11-23"]
    for extra in ([], ["-q"], ["--format", "github"]):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.stdout  # the one row with #Aurora was not read
        assert (
            f"warning: {feed}:2: row 1: volume '-412000' is not a count (row not checked "
            "against)" in result.stderr
        )
    result = runner.invoke(app, args)
    assert "1 post checked: 0 errors, 0 warnings; 1 feed row could not be read" in result.stderr


def test_trend_window_turns_a_later_post_into_a_warning(tmp_path: Path) -> None:
    cal = write(tmp_path, "cal.csv", "id,date,copy\np1,2026-12-10,Cold brew for #Aurora fans\n")
    args = ["check", str(cal), "-b", BRAND, "--feed", str(ASSETS / "trends.csv")]
    late = runner.invoke(app, [*args, "--as-of", "2026-11-23"])
    assert late.exit_code == 0, late.stdout
    assert "warning RTM301 #Aurora trended on 2026-11-23" in late.stdout
    wide = runner.invoke(app, [*args, "--as-of", "2026-11-23", "--trend-window", "30"])
    assert wide.exit_code == 1 and "error RTM301" in wide.stdout
    bad = runner.invoke(app, [*args, "--trend-window", "-1"])
    assert bad.exit_code == 2


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "--write-baseline" in result.stdout


# -- the examples ---------------------------------------------------------------------------


CSV_EXAMPLE = EXAMPLES / "calendar" / "calendar.csv"


def test_example_csv_calendar_has_good_rows_and_every_kind_of_finding() -> None:
    result = runner.invoke(
        app,
        [
            "check",
            str(CSV_EXAMPLE),
            "--brand",
            str(EXAMPLES / "brands" / "crunchwell-snacks.yaml"),
            "--feed",
            str(EXAMPLES / "calendar" / "trends-2026-11-23.csv"),
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    by_id: dict[str, set[str]] = {}
    for f in doc["findings"]:
        tag = f["code"] if f["status"] == "new" else f"{f['code']}:{f['status']}"
        by_id.setdefault(f["id"], set()).add(tag)
    assert by_id == {
        "cw-002": {"RTM101"},
        "cw-005": {"RTM101"},
        "cw-006": {"RTM102"},
        "cw-007": {"RTM103"},
        "cw-008": {"RTM201"},
        "cw-009": {"RTM301"},
        "cw-010": {"RTM401"},
        "cw-011": {"RTM501"},
        "cw-012": {"RTM502"},
        "cw-013": {"RTM503"},
        "cw-014": {"RTM502:suppressed"},
        "cw-015": {"RTM101", "RTM201", "RTM900"},
        "cw-016": {"RTM101", "RTM901"},
    }
    # Good rows (cw-001, cw-003 at 23:30 in Los Angeles on 10 September, the respectful cw-004,
    # cw-017) have no findings.
    assert doc["posts"] == 17


def test_example_yaml_calendar() -> None:
    result = runner.invoke(
        app,
        [
            "check",
            str(EXAMPLES / "calendar" / "calendar.yaml"),
            "--brand",
            str(EXAMPLES / "brands" / "celeste-boutique.yaml"),
        ],
    )
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0].endswith(
        "calendar.yaml:12: error RTM101 promotional post on Remembrance Sunday in GB, a solemn date"
    )
    assert "calendar.yaml:24: error RTM101" in result.stdout
    assert result.stderr == "5 posts checked: 2 errors, 0 warnings (1 suppressed)\n"
