"""Tests for rtm_score.feeds.jsonfeeds: JSON arrays, wrapper objects, JSON Lines, trends/place."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score.errors import FeedError
from rtm_score.feeds import ColumnMap, FeedFormat, read_feed
from rtm_score.feeds.jsonfeeds import read_json, read_jsonl
from rtm_score.models import RowError

Asset = Callable[[str], Path]


def test_json_array(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("trends_array.json"))
    assert result.format is FeedFormat.JSON
    assert result.errors == ()
    halloween, connery, happy = result.topics
    assert (halloween.name, halloween.context, halloween.volume, halloween.date) == (
        "Halloween",
        "Costumes and candy",
        902113.0,
        dt.date(2020, 10, 31),
    )
    assert connery.volume is None
    assert (happy.volume, happy.date) == (1_200_000.0, dt.date(2020, 10, 31))
    assert [t.source.line for t in result.topics if t.source] == [2, 3, 4]
    assert [t.id for t in result.topics] == ["1", "2", "3"]


def test_json_object_holding_an_array(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("trends_object.json"))
    assert result.format is FeedFormat.JSON
    capitol, _, guard = result.topics
    assert (capitol.id, capitol.name, capitol.context, capitol.volume) == (
        "a",
        "Capitol",
        "Rioters storm the US Capitol",
        3_100_000.0,
    )
    assert guard.context == ""
    # The wrapper's scalars are shared by every item that lacks the field.
    assert {(t.region, t.date) for t in result.topics} == {("US", dt.date(2021, 1, 7))}
    assert [t.source.line for t in result.topics if t.source] == [5, 6, 7]


@pytest.mark.parametrize("key", ["trends", "items", "data", "results", "whatever"])
def test_any_single_array_key(key: str) -> None:
    topics, errors, fmt = read_json(
        json.dumps({key: [{"topic": "a"}]}), source="f.json", columns=None
    )
    assert ([t.name for t in topics], errors, fmt) == (["a"], [], FeedFormat.JSON)


def test_known_array_key_wins_over_a_longer_one() -> None:
    doc = {"related": [{"topic": "x"}, {"topic": "y"}], "items": [{"topic": "a"}]}
    topics, _, _ = read_json(json.dumps(doc), source="f", columns=None)
    assert [t.name for t in topics] == ["a"]


def test_lone_object_is_one_topic() -> None:
    topics, _, _ = read_json('{"topic": "a", "volume": 3}', source="f", columns=None)
    assert [(t.id, t.name, t.volume) for t in topics] == [("1", "a", 3.0)]


def test_array_of_strings() -> None:
    topics, _, _ = read_json('["#a", "b c"]', source="f", columns=None)
    assert [(t.id, t.name) for t in topics] == [("1", "#a"), ("2", "b c")]


def test_values_keep_their_types_as_text() -> None:
    doc = [{"topic": "NA", "volume": "20K+"}, {"topic": "null"}, {"topic": 1984, "id": 7}]
    topics, errors, _ = read_json(json.dumps(doc), source="f", columns=None)
    assert [(t.id, t.name) for t in topics] == [("1", "NA"), ("2", "null"), ("7", "1984")]
    assert errors == []


def test_bad_items_are_row_errors() -> None:
    doc = [{"topic": "ok"}, {"topic": None}, {"topic": "x", "volume": "abc"}, None, 5, [1]]
    topics, errors, _ = read_json(json.dumps(doc, indent=1), source="f", columns=None)
    assert [t.name for t in topics] == ["ok"]
    assert [(e.row, e.message) for e in errors] == [
        (2, "empty topic"),
        (3, "volume 'abc' is not a number"),
        (4, "expected a JSON object, got null"),
        (5, "expected a JSON object, got a number"),
        (6, "expected a JSON object, got an array"),
    ]


def test_explicit_columns_on_json() -> None:
    doc = [{"label": "a", "why": "b"}]
    topics, _, _ = read_json(
        json.dumps(doc), source="f", columns=ColumnMap(topic="label", context="why")
    )
    assert (topics[0].name, topics[0].context) == ("a", "b")


def test_google_trends_scraper_json(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("google_trends_scraper.json"))
    cup, director = result.topics
    assert (cup.name, cup.volume, cup.date) == ("ryder cup", 200.0, dt.date(2025, 9, 26))
    assert cup.context == "Team Europe leads after the first morning | Foursomes pairings announced"
    assert (director.context, director.volume) == ("", 20_000.0)
    assert result.errors == ()


def test_google_trends_scraper_json_forced_as_google_trends(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("google_trends_scraper.json"), FeedFormat.GOOGLE_TRENDS)
    assert result.format is FeedFormat.GOOGLE_TRENDS
    assert len(result.topics) == 2


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('[{"topic": "a"},]', "invalid JSON: Expecting value", "line 1 column 17"),
        ("[]", "no rows: the JSON array is empty", None),
        ('{"items": []}', "no rows: the JSON array is empty", None),
        ('"just a string"', "expected an array of objects, got a string", None),
        (
            '{"count": 3}',
            "no topic column (looked for topic, name, trend, trend_name, title, "
            "hashtag, tag, keyword, ...)",
            None,
        ),
    ],
)
def test_json_feed_errors(text: str, message: str, where: str | None) -> None:
    with pytest.raises(FeedError) as info:
        read_json(text, source="f.json", columns=None)
    assert info.value.message == message
    assert info.value.where == where


def test_jsonl(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("trends.jsonl"))
    assert result.format is FeedFormat.JSONL
    assert [(t.id, t.name, t.source.line if t.source else 0) for t in result.topics] == [
        ("1", "Super Bowl", 1),
        ("2", "3D Doritos", 3),
        ("3", "The Weeknd", 4),
    ]
    assert result.topics[1].context == "Mountain Dew and Doritos ads"


def test_jsonl_bad_lines_are_row_errors() -> None:
    text = '{"topic": "a"}\n{"topic": \n[1]\n{"topic": "b"}\n'
    topics, errors = read_jsonl(text, source="f.jsonl", columns=None)
    assert [t.name for t in topics] == ["a", "b"]
    assert errors == [
        RowError(2, "invalid JSON: Expecting value (column 11)", "f.jsonl:2"),
        RowError(3, "expected a JSON object, got an array", "f.jsonl:3"),
    ]


def test_jsonl_with_no_valid_line_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="no line is a JSON object") as info:
        read_jsonl("topic,volume\na,1\n", source="f.jsonl", columns=None)
    assert info.value.where == "line 1"


def test_jsonl_keeps_unicode_line_separators_inside_strings() -> None:
    topics, _ = read_jsonl('{"topic": "a\u2028b"}\n{"topic": "c"}\n', source="f", columns=None)
    assert [t.name for t in topics] == ["a\u2028b", "c"]
    assert [t.source.line for t in topics if t.source] == [1, 2]


def test_json_file_holding_json_lines_is_read_as_lines() -> None:
    topics, _, fmt = read_json('{"topic": "a"}\n{"topic": "b"}\n', source="f.json", columns=None)
    assert ([t.name for t in topics], fmt) == (["a", "b"], FeedFormat.JSONL)


def test_jsonl_of_trends_place_responses() -> None:
    response = [{"trends": [{"name": "x"}, {"name": "y"}], "as_of": "2020-01-02T00:00:00Z",
                 "locations": [{"name": "Japan"}]}]  # fmt: skip
    text = json.dumps(response) + "\n" + json.dumps(response) + "\n"
    topics, _ = read_jsonl(text, source="f", columns=None)
    assert [(t.id, t.name, t.region, t.source.line if t.source else 0) for t in topics] == [
        ("1", "x", "JP", 1),
        ("2", "y", "JP", 1),
        ("3", "x", "JP", 2),
        ("4", "y", "JP", 2),
    ]
