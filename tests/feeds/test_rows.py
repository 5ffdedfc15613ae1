"""Tests for rtm_score.feeds._rows: building Topics and RowErrors from raw values."""

from __future__ import annotations

import datetime as dt

from rtm_score.feeds._rows import Record, TopicFactory, join_context, topics_from_records
from rtm_score.models import RowError, SourceRef, Topic


def test_make_topic() -> None:
    made = TopicFactory("f.csv").make(3, 4, "x", "ctx", "5", "2020-01-02", "US", "id-9")
    assert made == Topic(
        id="id-9",
        name="x",
        context="ctx",
        volume=5.0,
        date=dt.date(2020, 1, 2),
        region="US",
        source=SourceRef("f.csv", 4),
    )


def test_make_topic_defaults_and_raw_text() -> None:
    made = TopicFactory("-").make(7, None, "  spaced  ", "   ")
    assert made == Topic(id="7", name="  spaced  ", source=SourceRef("-", None))


def test_make_row_error() -> None:
    made = TopicFactory("f.csv").make(2, 3, "", volume="abc")
    assert made == RowError(2, "empty topic; volume 'abc' is not a number", "f.csv:3")


def test_dates_are_cached_per_value_but_errors_repeat() -> None:
    factory = TopicFactory("f")
    assert isinstance(factory.make(1, 1, "a", date="2020-01-02"), Topic)
    assert isinstance(factory.make(2, 2, "b", date="2020-01-02"), Topic)
    assert isinstance(factory.make(3, 3, "c", date="bad"), RowError)
    assert isinstance(factory.make(4, 4, "d", date="bad"), RowError)


def test_zero_volume_is_kept() -> None:
    made = TopicFactory("f").make(1, 1, "a", volume=0)
    assert isinstance(made, Topic) and made.volume == 0.0


def test_join_context() -> None:
    assert join_context(["a", "", "  ", None, ["b", {"title": "c"}]]) == "a | b | c"


def test_records_fall_back_to_shared_values() -> None:
    shared = {"as_of": "2020-05-25", "geo": "US"}
    records = [
        Record(1, {"title": "a", "pubDate": "2020-05-26"}, shared),
        Record(2, {"title": "b"}, shared),
        Record(3, {}, shared, error="invalid JSON"),
    ]
    topics, errors = topics_from_records(records, None, source="f")
    # Items have a date column (pubDate), so the wrapper's as_of is not used for the date.
    assert [(t.name, t.date, t.region) for t in topics] == [
        ("a", dt.date(2020, 5, 26), "US"),
        ("b", None, "US"),
    ]
    assert errors == [RowError(3, "invalid JSON", "f:3")]
