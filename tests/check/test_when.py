"""Dates, time zones and regions of planned posts (rtm_score/check/when.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from rtm_score.check.when import (
    WhenError,
    local_day,
    local_time_text,
    parse_regions,
    parse_when,
)

from .conftest import make_post


@pytest.mark.parametrize(
    ("raw", "expected", "zone"),
    [
        ("2026-09-11", dt.date(2026, 9, 11), ""),
        ("2026-09-10 23:30", dt.datetime(2026, 9, 10, 23, 30), ""),
        ("2026-09-10T23:30:00", dt.datetime(2026, 9, 10, 23, 30), ""),
        ("2026-09-11T03:30Z", dt.datetime(2026, 9, 11, 3, 30, tzinfo=dt.UTC), ""),
        (
            "2026-09-10T23:30-07:00",
            dt.datetime(2026, 9, 10, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "",
        ),
        ("  2026-09-11  ", dt.date(2026, 9, 11), ""),
    ],
)
def test_parse_when_iso_forms(raw: str, expected: dt.date, zone: str) -> None:
    parsed = parse_when(raw)
    assert parsed.time.value == expected
    assert type(parsed.time.value) is type(expected)
    assert parsed.zone == zone
    assert parsed.time.raw == raw.strip()


@pytest.mark.parametrize(
    "raw",
    [
        "2026-09-10 23:30 America/Los_Angeles",
        "2026-09-10T23:30[America/Los_Angeles]",
        "2026-09-10T23:30-07:00[America/Los_Angeles]",
    ],
)
def test_parse_when_named_zone(raw: str) -> None:
    parsed = parse_when(raw)
    assert parsed.zone == "America/Los_Angeles"
    assert isinstance(parsed.time.value, dt.datetime)
    assert parsed.time.value.utcoffset() == dt.timedelta(hours=-7)
    assert parsed.time.is_instant


def test_parse_when_separate_time_cell() -> None:
    assert parse_when("2026-09-10", "9:05").time.value == dt.datetime(2026, 9, 10, 9, 5)
    with pytest.raises(WhenError, match="already has a time"):
        parse_when("2026-09-10 10:00", "9:05")
    with pytest.raises(WhenError, match="cannot read '25h' as a time"):
        parse_when("2026-09-10", "25h")


@pytest.mark.parametrize("raw", ["09/11/2026", "11 Sept 2026", "2026-13-01", "tomorrow"])
def test_parse_when_rejects_non_iso_dates_with_a_hint(raw: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(raw)
    assert raw in info.value.message
    assert "YYYY-MM-DD" in info.value.hint


def test_parse_when_rejects_unknown_zone_and_empty() -> None:
    with pytest.raises(WhenError, match="unknown time zone 'Mars/Olympus'"):
        parse_when("2026-09-10 23:30 Mars/Olympus")
    with pytest.raises(WhenError, match="empty"):
        parse_when("  ")


def test_parse_regions() -> None:
    assert parse_regions("US, ca;uk  US-CA") == ("US", "CA", "GB", "US-CA")
    assert parse_regions("") == ()
    with pytest.raises(WhenError, match="unknown region code 'Germany'") as info:
        parse_regions("Germany")
    assert info.value.hint == "write DE (ISO 3166-1 alpha-2) for 'Germany'"


def test_local_day_plain_date_and_naive_time_are_local() -> None:
    assert local_day(make_post("x", "2026-09-11"), "US") == dt.date(2026, 9, 11)
    assert local_day(make_post("x", "2026-09-10 23:30"), "US") == dt.date(2026, 9, 10)
    assert local_day(make_post("x", "2026-09-10 23:30"), "AU") == dt.date(2026, 9, 10)


def test_local_day_named_zone_is_judged_there() -> None:
    # 23:30 in Los Angeles on 10 September is 02:30 on the 11th in New York: not 9/11 there.
    post = make_post("x", "2026-09-10 23:30 America/Los_Angeles")
    assert local_day(post, "US") == dt.date(2026, 9, 10)
    assert local_time_text(post, "US") == "2026-09-10 23:30 America/Los_Angeles"


def test_local_day_offset_only_uses_region_default_zone() -> None:
    post = make_post("x", "2026-09-11T03:30Z")
    assert local_day(post, "US") == dt.date(2026, 9, 10)  # 23:30 in New York
    assert local_day(post, "GB") == dt.date(2026, 9, 11)  # 04:30 in London
    assert local_day(post, "US-CA") == dt.date(2026, 9, 10)
    assert local_day(post, "XX") == dt.date(2026, 9, 11)  # no default: as written
    assert local_day(post, "") == dt.date(2026, 9, 11)
    assert local_time_text(post, "US") == "2026-09-10 23:30 America/New_York"


def test_local_day_timezone_column_overrides_region() -> None:
    post = make_post("x", "2026-11-10T22:00Z", timezone="Pacific/Auckland")
    assert local_day(post, "US") == dt.date(2026, 11, 11)  # 11:00 on the 11th in Auckland


def test_local_day_dateline_crossing() -> None:
    # Auckland is ahead of UTC: 20:00 UTC on 24 April is Anzac Day morning there.
    post = make_post("x", "2026-04-24T20:00Z")
    assert local_day(post, "NZ") == dt.date(2026, 4, 25)
    assert local_day(post, "GB") == dt.date(2026, 4, 24)
