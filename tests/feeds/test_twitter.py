"""Tests for rtm_score.feeds._twitter: the X/Twitter trends/place response."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score.errors import FeedError
from rtm_score.feeds import FeedFormat, read_feed
from rtm_score.feeds._twitter import is_trends_response, shared_values
from rtm_score.feeds.jsonfeeds import read_json

Asset = Callable[[str], Path]


def test_trends_place_fixture(feed_asset: Asset) -> None:
    path = feed_asset("twitter_trends_place.json")
    result = read_feed(path)
    assert result.format is FeedFormat.TWITTER
    assert result.errors == ()
    assert [(t.id, t.name, t.volume) for t in result.topics] == [
        ("1", "#GoodFriday", 80000.0),
        ("2", "Lyra McKee", None),
        ("3", "#TimeToImpeach", 30500.0),
    ]
    assert {(t.date, t.region) for t in result.topics} == {(dt.date(2019, 4, 19), "GB")}


def test_forcing_twitter_on_other_json_is_an_error() -> None:
    with pytest.raises(FeedError, match="not an X/Twitter trends/place response"):
        read_json('[{"topic": "a"}]', source="f", columns=None, twitter=True)


def test_forcing_twitter_on_csv_points_to_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "trends.csv"
    path.write_text("name,tweet_volume\na,1\n", encoding="utf-8")
    with pytest.raises(FeedError) as info:
        read_feed(path, FeedFormat.TWITTER)
    assert info.value.hint == "for a CSV export of trends use --format-in csv"


@pytest.mark.parametrize(
    ("locations", "region"),
    [
        ([{"name": "United States", "woeid": 23424977}], "US"),
        ([{"name": "Worldwide", "woeid": 1}], None),
        ([{"name": "Portland", "woeid": 2475687}], None),
        ([], None),
        (None, None),
    ],
)
def test_region_only_for_countries(locations: object, region: str | None) -> None:
    shared = shared_values({"trends": [], "as_of": "2019-04-19T08:43:43Z", "locations": locations})
    assert shared.get("region") == region
    assert shared["as_of"] == "2019-04-19T08:43:43Z"


def test_several_responses_are_flattened_with_their_own_place() -> None:
    doc = [
        {"trends": [{"name": n}], "as_of": f"2020-01-0{i}T00:00:00Z", "locations": [{"name": c}]}
        for i, (n, c) in enumerate([("a", "India"), ("b", "Brazil")], 1)
    ]
    topics, _, fmt = read_json(json.dumps(doc, indent=2), source="f", columns=None)
    assert FeedFormat(fmt) is FeedFormat.TWITTER  # the reader names it; the registry maps it
    assert [(t.id, t.name, t.region, t.date) for t in topics] == [
        ("1", "a", "IN", dt.date(2020, 1, 1)),
        ("2", "b", "BR", dt.date(2020, 1, 2)),
    ]
    assert [t.source.line for t in topics if t.source] == [4, 17]  # where each "{" opens


def test_shape_recognition() -> None:
    assert is_trends_response([{"trends": []}])
    assert not is_trends_response([])
    assert not is_trends_response([{"trends": []}, {"name": "x"}])
    assert not is_trends_response({"trends": []})
