"""The CLI's own copies of library enums (kept so that ``--help`` imports nothing heavy) match."""

from __future__ import annotations

from rtm_score.check import CheckFormat, Severity
from rtm_score.cli.check_cmd import CheckFormatChoice, FailOnChoice


def test_check_formats_match_the_library() -> None:
    assert [c.value for c in CheckFormatChoice] == [f.value for f in CheckFormat]


def test_fail_on_severities_match_the_library() -> None:
    assert {c.value for c in FailOnChoice} <= {s.value for s in Severity}
