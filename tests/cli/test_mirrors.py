"""The CLI's own choices (kept so that ``--help`` imports nothing heavy) match the library's."""

from __future__ import annotations

from rtm_score.check import CheckFormat, Severity
from rtm_score.cli import check_cmd
from rtm_score.cli.check_cmd import FailOnChoice


def test_check_formats_are_the_librarys_own() -> None:
    assert check_cmd.CheckFormat is CheckFormat  # one enum, from rtm_score.options


def test_fail_on_severities_match_the_library() -> None:
    assert {c.value for c in FailOnChoice} <= {s.value for s in Severity}
