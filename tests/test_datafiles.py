"""Checking any data file (rtm_score/datafiles.py): telling its kind, reporting its problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtm_score.datafiles import FileKind, check_file, sniff_kind

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.yaml", "observances:\n  - id: x\n", FileKind.CALENDAR),
        ("a.yml", "# comment\nid: r\nsignals:\n  - {kind: phrase}\n", FileKind.RULES),
        ("a.yaml", "name: A\nkeywords: [a]\n", FileKind.PROFILE),
        ("a.yaml", "name: A\nnotes: |\n  signals: not a top-level key\n", FileKind.PROFILE),
        ("a.json", '{"signals": []}', FileKind.PROFILE),  # rule files are YAML only
        ("a.toml", "name = 'A'\n", FileKind.PROFILE),
    ],
)
def test_sniff_kind(tmp_path: Path, name: str, text: str, kind: FileKind) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert sniff_kind(path) is kind


def test_a_missing_file_is_a_profile_problem_not_a_crash(tmp_path: Path) -> None:
    report = check_file(tmp_path / "nope.yaml")
    assert report.kind is FileKind.PROFILE and not report.valid
    assert "cannot read the profile" in report.problems[0].message


def test_every_packaged_example_and_data_file_checks_clean() -> None:
    rules = sorted((ROOT / "rtm_score/data/rules").glob("*.yaml"))
    calendars = sorted((ROOT / "rtm_score/data/calendars").glob("*.yaml"))
    brands = sorted((ROOT / "examples/brands").glob("*.yaml"))
    assert rules and calendars and brands
    for path in brands:
        assert check_file(path).valid, path
    for path in rules:  # a packaged file read as a team's own: its id is taken by itself
        report = check_file(path)
        assert report.kind is FileKind.RULES
        assert [p.message for p in report.problems] == [
            f"duplicate rule id {path.stem!r} (also in rtm_score/data/rules/{path.name})"
        ]
    for path in calendars:
        report = check_file(path)
        assert report.kind is FileKind.CALENDAR
        assert all("duplicate observance id" in p.message for p in report.problems)
