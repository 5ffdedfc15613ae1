"""The rule registry: every rule declared once, by its module, and documented; a new rule
module plugs in without touching the engine."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

from rtm_score.check import Checker, Finding
from rtm_score.check.models import Rule, Severity
from rtm_score.check.rules import FEED, META_CODES, MODULES, RULES, RULES_BY_CODE, get
from rtm_score.check.rules.base import Context, Row, finding
from rtm_score.profile import BrandProfile

from ..conftest import codes, make_post

README = Path(__file__).parents[3] / "README.md"


def test_every_code_is_declared_once_and_sorted() -> None:
    declared = [r.code for m in MODULES for r in m.RULES]
    assert len(declared) == len(set(declared))
    assert [r.code for r in RULES] == sorted(RULES_BY_CODE)
    assert all(re.fullmatch(r"RTM\d{3}", r.code) for r in RULES)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)+", r.name) for r in RULES)


def test_every_rule_is_documented_in_its_module_and_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for rule in RULES:
        assert rule.summary and len(rule.help) > 40, rule.code
        assert f"`{rule.code}`" in readme or f"| {rule.code} " in readme, rule.code


def test_feed_and_meta_rules_are_what_their_modules_say() -> None:
    assert {"RTM301", "RTM302"} == FEED
    assert {"RTM900", "RTM901", "RTM902"} == META_CODES


def test_get_names_the_known_codes() -> None:
    assert get("RTM101").name == "promotion-on-solemn-date"
    with pytest.raises(ValueError, match=r"no such rule: 'RTM777' \(known: RTM101, "):
        get("RTM777")


SHOUTING = Rule("RTM601", "shouting", Severity.WARNING, "All-caps copy", "Write in sentence case.")


def _make_shouting(context: Context) -> object:
    def check(row: Row) -> list[Finding]:
        letters = [c for c in row.text if c.isalpha()]
        if len(letters) >= 10 and all(c.isupper() for c in letters):
            return [finding(SHOUTING, row.post, message="all caps", evidence=row.text, hint="")]
        return []

    return check


def test_a_new_rule_module_plugs_in_without_touching_the_engine(profile: BrandProfile) -> None:
    shouting = types.SimpleNamespace(RULES=(SHOUTING,), FEED=False, make=_make_shouting)
    checker = Checker(profile, rules=(*MODULES, shouting))
    posts = [
        make_post("OUR COLD BREW IS BACK THIS WEEK"),
        make_post("OUR COLD BREW IS BACK", ignore="RTM601: house style for launches"),
        make_post("Our cold brew is back this week", ignore="RTM601: reviewed"),
    ]
    found = checker.check(posts)
    by_row = {p.line: codes([f for f in found if f.line == p.line]) for p in posts}
    assert by_row[posts[0].line] == ["RTM601"]
    assert by_row[posts[1].line] == []  # suppressed with a reason: a known code
    assert by_row[posts[2].line] == ["RTM902"]  # silences nothing


def test_the_default_checker_runs_every_packaged_module(profile: BrandProfile) -> None:
    assert Checker(profile).rules == MODULES
