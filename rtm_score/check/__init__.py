"""``rtm-score check``: lint a campaign calendar for tone-deaf posts before they go out.

Typical use::

    from rtm_score import load_profile
    from rtm_score.check import CheckOptions, check_file, render_check

    report = check_file("calendar.csv", load_profile("brand.yaml"), CheckOptions())
    print(render_check(report, "text"))
"""

from __future__ import annotations

from .api import CheckOptions, check_calendar, check_file
from .baseline import fingerprint, load_baseline, render_baseline
from .calendar_file import read_calendar
from .engine import Checker
from .formats import CheckFormat, render_check
from .models import CheckReport, Finding, FindingStatus, PlannedPost, PostTime, Rule, Severity
from .rules import RULES, RULES_BY_CODE

__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "CheckFormat",
    "CheckOptions",
    "CheckReport",
    "Checker",
    "Finding",
    "FindingStatus",
    "PlannedPost",
    "PostTime",
    "Rule",
    "Severity",
    "check_calendar",
    "check_file",
    "fingerprint",
    "load_baseline",
    "read_calendar",
    "render_baseline",
    "render_check",
]
