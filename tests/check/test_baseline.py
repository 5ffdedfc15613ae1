"""Fingerprints and the baseline file (adopting the check on an old calendar)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from rtm_score.check import (
    Checker,
    FindingStatus,
    check_calendar,
    fingerprint,
    load_baseline,
    render_baseline,
)
from rtm_score.check.baseline import row_key
from rtm_score.errors import CalendarError
from rtm_score.profile import BrandProfile

from .conftest import make_post

SALE = "Flash sale: 20% off every can of Pinecrest Cold Brew"


def test_fingerprint_ignores_line_and_file_but_not_id_code_or_subject() -> None:
    a = make_post(SALE, "2026-09-11", id="p1", line=2)
    moved = dataclasses.replace(a, line=40, row=39, source="renamed.csv")
    assert fingerprint("RTM101", a, "observance:x") == fingerprint("RTM101", moved, "observance:x")
    assert fingerprint("RTM101", a, "observance:x") != fingerprint("RTM102", a, "observance:x")
    assert fingerprint("RTM101", a, "observance:x") != fingerprint("RTM101", a, "observance:y")
    other = dataclasses.replace(a, id="p2")
    assert fingerprint("RTM101", a, "s") != fingerprint("RTM101", other, "s")
    assert len(fingerprint("RTM101", a, "s")) == 16


def test_row_key_without_id_uses_date_and_normalised_copy() -> None:
    a = make_post("Flash  SALE\non cold brew", "2026-09-11")
    b = make_post("flash sale on cold brew", "2026-09-11", line=99)
    assert row_key(a) == row_key(b) == "post:2026-09-11|||flash sale on cold brew"
    assert row_key(make_post("x", id="p7")) == "id:p7"


def test_twin_rows_get_fingerprints_of_their_own(checker: Checker, profile: BrandProfile) -> None:
    # The same sale on two channels, and the very same row twice, without ids.
    posts = [
        make_post(SALE, "2026-09-11", channel="instagram"),
        make_post(SALE, "2026-09-11", channel="x"),
        make_post(SALE, "2026-09-11", channel="x"),
    ]
    found = [f for f in checker.check(posts) if f.code == "RTM101"]
    assert len(found) == 3
    assert len({f.fingerprint for f in found}) == 3


def test_a_new_post_reusing_an_old_id_is_not_hidden_by_the_baseline(
    checker: Checker, profile: BrandProfile
) -> None:
    old = make_post(SALE, "2026-09-11", id="p1")
    known = {f.fingerprint for f in checker.check([old])}
    assert known
    new = make_post("Remembrance Day deal: 25% off Morning Roast", "2026-11-11", id="p1")
    report = check_calendar([new, old], profile, checker=checker, baseline=frozenset(known))
    fresh = [f for f in report.findings if f.status is FindingStatus.NEW]
    assert {f.post_id for f in fresh} == {"p1"}
    assert new.line in {f.line for f in fresh}
    # Which row the baseline meant is unknowable now, so neither hides behind it.
    assert old.line in {f.line for f in fresh}
    # One row per id keeps the plain id key, so existing baselines stay valid.
    assert checker.check([old])[0].fingerprint in known


def test_baseline_round_trip_and_new_findings_still_fail(
    tmp_path: Path,
    checker: Checker,
    profile: BrandProfile,
) -> None:
    old = [
        make_post(SALE, "2026-09-11", regions=("US",), line=2),
        make_post("Smoother than Beanline: Pinecrest Cold Brew", line=3, ignore=""),
    ]
    first = check_calendar(old, profile, checker=checker)
    path = tmp_path / "baseline.json"
    path.write_text(render_baseline(first.findings), encoding="utf-8")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == 1 and [e["code"] for e in doc["findings"]] == ["RTM101", "RTM502"]
    known = load_baseline(path)
    assert known == {f.fingerprint for f in first.findings}

    # Rows inserted above move every line: the old findings stay baselined.
    new = make_post(
        "Remembrance Day deal: 25% off Morning Roast", "2026-11-11", line=2, regions=("CA",)
    )
    shifted = [dataclasses.replace(p, line=p.line + 1) for p in old]
    again = check_calendar(
        [new, *shifted], profile, checker=checker, baseline=known, baseline_name=str(path)
    )
    statuses = {(f.line, f.code): f.status for f in again.findings}
    assert statuses[(3, "RTM101")] is FindingStatus.BASELINED
    assert statuses[(4, "RTM502")] is FindingStatus.BASELINED
    assert statuses[(2, "RTM101")] is FindingStatus.NEW
    assert again.failed and {f.line for f in again.failing} == {2}
    assert again.counts["baselined"] == 2

    only_old = check_calendar(shifted, profile, checker=checker, baseline=known)
    assert not only_old.failed and only_old.active == ()


def test_suppressed_findings_are_not_written_to_the_baseline(
    checker: Checker,
    profile: BrandProfile,
) -> None:
    post = make_post(SALE, "2026-09-11", regions=("US",), ignore="RTM101: approved by legal")
    report = check_calendar([post], profile, checker=checker)
    assert json.loads(render_baseline(report.findings))["findings"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "line 1, column 2: JSON syntax error"),
        ("[]", "expected a mapping of keys, got a list"),
        ('{"version": 9, "findings": []}', r"version \(line 1\): unknown version 9"),
        (
            '{"version": 1, "findings": [{"code": "RTM101"}]}',
            r"findings\[0\].fingerprint \(line 1\): missing required key 'fingerprint'",
        ),
        (
            '{"version": 1, "findings": [{"fingerprint": "not hex"}]}',
            r"findings\[0\].fingerprint \(line 1\): a fingerprint is 16 hexadecimal digits",
        ),
    ],
)
def test_bad_baseline_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=message) as info:
        load_baseline(path)
    assert info.value.source == str(path)
    if "syntax" not in message:  # a syntax error's hint is about the syntax
        assert "--write-baseline" in (info.value.hint or "")
    with pytest.raises(CalendarError, match="baseline file not found"):
        load_baseline(tmp_path / "missing.json")


def test_a_baseline_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b'{"version": 1, \xe9}')
    with pytest.raises(CalendarError) as info:
        load_baseline(path)
    assert info.value.message == (
        "not UTF-8: byte 0xE9 at offset 15 cannot be decoded (a baseline is the JSON "
        "--write-baseline writes)"
    )
    assert "--write-baseline" in (info.value.hint or "")
