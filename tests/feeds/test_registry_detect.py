"""Tests for rtm_score.feeds._registry: finding a format, extension first, then content."""

from __future__ import annotations

import pytest

from rtm_score.feeds import FeedFormat
from rtm_score.feeds._registry import detect_format, sniff_format


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.csv", FeedFormat.CSV),
        ("A.CSV", FeedFormat.CSV),
        ("a.tsv", FeedFormat.TSV),
        ("a.json", FeedFormat.JSON),
        ("a.jsonl", FeedFormat.JSONL),
        ("a.ndjson", FeedFormat.JSONL),
        ("a.xml", FeedFormat.GOOGLE_TRENDS),
        ("a.rss", FeedFormat.GOOGLE_TRENDS),
    ],
)
def test_extension_decides(name: str, fmt: FeedFormat) -> None:
    assert detect_format(name, "whatever") is fmt


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('  [{"topic": "a"}]', FeedFormat.JSON),
        ('{"topic": "a"}\n{"topic": "b"}\n', FeedFormat.JSON),  # the JSON reader spots lines
        ("<?xml version='1.0'?><rss/>", FeedFormat.GOOGLE_TRENDS),
        ("topic,volume\na,1\n", FeedFormat.CSV),
        ("topic\tvolume\na\t1\n", FeedFormat.TSV),
        ("topic\tcontext\na, b\tc\n", FeedFormat.TSV),
        ("topic\n", FeedFormat.CSV),
    ],
)
def test_content_decides_without_a_known_extension(text: str, fmt: FeedFormat) -> None:
    assert sniff_format(text) is fmt
    assert detect_format("-", text) is fmt
    assert detect_format("feed.txt", text) is fmt


def test_format_values_are_the_cli_choices() -> None:
    assert [f.value for f in FeedFormat] == [
        "auto",
        "csv",
        "tsv",
        "json",
        "jsonl",
        "twitter",
        "google-trends-rss",
        "text",
    ]
