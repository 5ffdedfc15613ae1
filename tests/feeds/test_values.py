"""Tests for rtm_score.feeds._values: volumes, dates, nested text."""

from __future__ import annotations

import datetime as dt

import pytest

from rtm_score.feeds._values import parse_date, parse_volume, text_of


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("547213.0", 547213.0),
        ("12", 12.0),
        (12, 12.0),
        (3.5, 3.5),
        ("1,234", 1234.0),
        ("1,234,567.5", 1234567.5),
        ("200+", 200.0),
        ("20K+", 20_000.0),
        ("20k", 20_000.0),
        ("1.5M", 1_500_000.0),
        ("1M+", 1_000_000.0),
        ("2B", 2e9),
        ("2,000,000+", 2_000_000.0),
        ("1,5K", 1500.0),
        ("12,25", 12.25),
        (" 42 ", 42.0),
        ("", None),
        (None, None),
        ("NA", None),
        ("nan", None),
        ("null", None),
        ("-", None),
    ],
)
def test_parse_volume(raw: object, expected: float | None) -> None:
    assert parse_volume(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "12 apples", "+4,450%", "Breakout", True, "-5", "inf"])
def test_parse_volume_rejects(raw: object) -> None:
    with pytest.raises(ValueError, match="volume"):
        parse_volume(raw)


def test_parse_volume_message_quotes_the_value() -> None:
    with pytest.raises(ValueError, match=r"^volume 'abc' is not a number$"):
        parse_volume("abc")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-07-15", dt.date(2020, 7, 15)),
        ("2020-07-15T18:36:18Z", dt.date(2020, 7, 15)),
        ("2020-07-15T23:36:18-05:00", dt.date(2020, 7, 15)),  # as written, not moved to UTC
        ("2020-07-15 18:36:18", dt.date(2020, 7, 15)),
        ("2020-07-15 18:36:18 UTC", dt.date(2020, 7, 15)),
        ("2017/10/02", dt.date(2017, 10, 2)),
        ("Fri, 26 Sep 2025 04:20:00 -0700", dt.date(2025, 9, 26)),
        ("Thu, 26 Aug 2021 12:00:00 GMT", dt.date(2021, 8, 26)),
        ("17.14.11", dt.date(2017, 11, 14)),  # YouTube trending_date: YY.DD.MM
        ("20200715", dt.date(2020, 7, 15)),
        (20200715, dt.date(2020, 7, 15)),
        ("1600000000", dt.date(2020, 9, 13)),
        (1600000000000, dt.date(2020, 9, 13)),
        ("13.09", None),  # DD.MM with no year names no date
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: object, expected: dt.date | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["100", "24.09xcaeyJTx4Co", "yesterday", "2020-13-01", "31/12/2020"]
)
def test_parse_date_rejects(raw: str) -> None:
    with pytest.raises(ValueError, match=rf"^date '{raw}' is not a recognised date"):
        parse_date(raw)


@pytest.mark.parametrize("raw", [float("nan"), 10**30, 123])
def test_parse_date_rejects_numbers(raw: object) -> None:
    with pytest.raises(ValueError, match="is not a recognised date"):
        parse_date(raw)


def test_text_of_joins_lists_and_takes_titles() -> None:
    news = [{"title": "A", "url": "u"}, {"news_item_title": "B"}, {"snippet": ""}]
    assert text_of(news) == "A | B"
    assert text_of(["x", None, "", 3]) == "x | 3"
    assert text_of({"query": "q", "exploreLink": "/x"}) == "q"
    assert text_of(None) == ""
    assert text_of(False) == "false"
