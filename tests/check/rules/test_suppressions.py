"""Row suppressions (rtm_ignore): reasons required, unknown codes, unused entries."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rtm_score.check import Finding, FindingStatus
from rtm_score.check.rules import RULES_BY_CODE
from rtm_score.check.rules.suppressions import parse

from ..conftest import codes, make_post

SALE_ON_911 = ("Flash sale: 20% off Pinecrest Cold Brew", "2026-09-11")


def test_reasoned_suppression_silences_the_rule(check: Callable[..., list[Finding]]) -> None:
    found = check(*SALE_ON_911, regions=("US",), ignore="RTM101: approved by legal 2026-09-01")
    (f,) = found
    assert f.code == "RTM101" and f.status is FindingStatus.SUPPRESSED
    assert f.justification == "approved by legal 2026-09-01"
    assert codes(found) == []


def test_suppression_without_reason_is_not_applied(check: Callable[..., list[Finding]]) -> None:
    found = check(*SALE_ON_911, regions=("US",), ignore="RTM101")
    assert codes(found) == ["RTM101", "RTM900"]
    rtm900 = found[1]
    assert "without a reason" in rtm900.message
    assert rtm900.hint == "give the reason after a colon: `RTM101: approved by legal 2026-09-01`"
    assert codes(check(*SALE_ON_911, regions=("US",), ignore="RTM101:   ")) == ["RTM101", "RTM900"]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("RTM777: because", "'RTM777', which is not a rule code"),
        ("RTM1O1: typo", "'RTM1O1', which is not a rule code"),
        ("approved by legal", "names no rule code"),
        ("RTM900: no", "'RTM900', which cannot be suppressed"),
        (": just a reason", "names no rule code"),
    ],
)
def test_unknown_codes(check: Callable[..., list[Finding]], cell: str, message: str) -> None:
    found = check("Fresh Pinecrest Cold Brew for your coffee break", ignore=cell)
    assert "RTM901" in codes(found)
    assert any(message in f.message for f in found if f.code == "RTM901")


def test_several_entries_and_codes(check: Callable[..., list[Finding]]) -> None:
    found = check(
        "Flash sale on Pinecrest coffee, better than Beanline",
        "2026-09-11",
        regions=("US",),
        ignore="RTM101, RTM502: campaign approved 2026-08-01; RTM503: fine\nRTM999: x",
    )
    by_code = {f.code: f for f in found}
    assert by_code["RTM101"].status is FindingStatus.SUPPRESSED
    assert by_code["RTM502"].status is FindingStatus.SUPPRESSED
    assert by_code["RTM502"].justification == "campaign approved 2026-08-01"
    # RTM503 found nothing on this on-brand row: the entry is reported as unused.
    assert (
        by_code["RTM902"].message == "rtm_ignore silences RTM503, which found nothing on this row"
    )
    assert by_code["RTM901"].subject == "unknown:RTM999"
    assert sorted(codes(found)) == ["RTM901", "RTM902"]


def test_feed_rule_suppression_is_not_unused_without_a_feed(
    check: Callable[..., list[Finding]],
) -> None:
    assert codes(check("Pinecrest cold brew for the weekend", ignore="RTM301: ok")) == []


def test_parse_is_pure_and_keeps_reasons_with_colons() -> None:
    post = make_post("x", ignore="RTM101: approved: legal, 2026-09-01 ; ")
    valid, problems = parse(post, RULES_BY_CODE)
    assert problems == []
    assert [(s.code, s.reason) for s in valid] == [("RTM101", "approved: legal, 2026-09-01")]
    assert parse(make_post("x"), RULES_BY_CODE) == ([], [])
