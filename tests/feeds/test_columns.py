"""Tests for rtm_score.feeds._columns: aliases, explicit maps, errors, --columns parsing."""

from __future__ import annotations

import pytest

from rtm_score.errors import FeedError, UsageError
from rtm_score.feeds._columns import ColumnMap, Fields, parse_column_map, resolve_fields


def test_aliases_found_case_insensitively() -> None:
    fields = resolve_fields(["Trend Name", "Tweet_Volume", "pubDate", "GEO", "ID"], source="f")
    assert fields == Fields(
        topic="Trend Name", volume="Tweet_Volume", date="pubDate", region="GEO", id="ID"
    )


def test_alias_priority_and_all_context_columns() -> None:
    columns = ["video_id", "title", "channel_title", "tags", "views", "likes", "date"]
    fields = resolve_fields(columns, source="f")
    assert fields.topic == "title"
    assert fields.context == ("tags", "channel_title")
    assert (fields.volume, fields.date, fields.id) == ("views", "date", "video_id")


def test_twitter_csv_prefers_name_and_country() -> None:
    columns = ["", "name", "url", "query", "tweet_volume", "location", "country", "as_of"]
    fields = resolve_fields(columns, source="f")
    assert (fields.topic, fields.region, fields.date) == ("name", "country", "as_of")


def test_explicit_mapping_wins_and_is_not_reused() -> None:
    fields = resolve_fields(
        ["name", "headline", "query"], ColumnMap(topic="query", context="name"), source="f"
    )
    assert (fields.topic, fields.context) == ("query", ("name",))


def test_explicit_mapping_is_case_insensitive() -> None:
    assert resolve_fields(["Trend"], ColumnMap(topic="trend"), source="f").topic == "Trend"


def test_empty_mapping_switches_a_field_off() -> None:
    fields = resolve_fields(["topic", "date", "tags"], ColumnMap(date="", context=""), source="f")
    assert (fields.date, fields.context) == (None, ())


def test_context_may_join_columns_with_plus() -> None:
    fields = resolve_fields(["t", "a", "b"], ColumnMap(topic="t", context="b+a"), source="f")
    assert fields.context == ("b", "a")


def test_fallback_columns_only_when_items_lack_the_field() -> None:
    fields = resolve_fields(["title", "pubDate"], source="f", fallback=["as_of", "geo"])
    assert (fields.date, fields.region) == ("pubDate", "geo")


def test_unknown_mapped_column_lists_columns_and_suggests() -> None:
    with pytest.raises(FeedError) as info:
        resolve_fields(
            ["trend_name", "tweet_volume"], ColumnMap(volume="tweet_volum"), source="f.csv"
        )
    text = str(info.value)
    assert "column 'tweet_volum' (mapped to volume) is not in the feed" in text
    assert "did you mean 'tweet_volume'?" in text
    assert "columns found: trend_name, tweet_volume" in text
    assert text.startswith("f.csv: ")


def test_no_topic_column_says_how_to_map_one() -> None:
    with pytest.raises(FeedError) as info:
        resolve_fields(["", "foo", "bar"], source="f.csv")
    assert "no topic column" in info.value.message
    assert (
        info.value.hint
        == "columns found: (unnamed), foo, bar; rename one to topic (score and eval "
        "can also map one with --columns topic=NAME)"
    )


def test_parse_column_map() -> None:
    assert parse_column_map("topic=trend_name, context=headline") == ColumnMap(
        topic="trend_name", context="headline"
    )
    assert parse_column_map("") == ColumnMap()
    assert parse_column_map("Volume=Views,date=") == ColumnMap(volume="Views", date="")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("topic", "'topic' is not field=column"),
        ("topc=x", "unknown field 'topc' (did you mean 'topic'?)"),
        ("topic=a,topic=b", "field 'topic' is given twice"),
    ],
)
def test_parse_column_map_errors(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_column_map(spec)
    assert message in info.value.message


def test_empty_topic_mapping_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="topic= needs a column name"):
        resolve_fields(["topic"], ColumnMap(topic=""), source="f")
