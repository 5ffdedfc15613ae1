"""Tests for rtm_score.feeds.tabular: CSV and TSV feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score.errors import FeedError
from rtm_score.feeds import ColumnMap, FeedFormat, read_feed
from rtm_score.feeds.tabular import read_tabular
from rtm_score.models import RowError, SourceRef, Topic

Asset = Callable[[str], Path]


def _read(text: str, delimiter: str = ",", columns: ColumnMap | None = None):  # type: ignore[no-untyped-def]
    return read_tabular(text, delimiter=delimiter, source="f.csv", columns=columns)


def test_csv_fixture(feed_asset: Asset) -> None:
    path = feed_asset("trends.csv")
    result = read_feed(path)
    assert result.format is FeedFormat.CSV
    assert result.errors == ()
    first, second, third = result.topics[:3]
    assert first == Topic(
        id="t1",
        name="#NationalPuppyDay",
        context="Dogs everywhere on the timeline",
        volume=1234.0,
        date=dt.date(2021, 3, 23),
        region="US",
        source=SourceRef(str(path), 2),
    )
    assert (second.volume, second.date) == (20_000.0, dt.date(2021, 3, 23))
    assert (third.context, third.volume, third.date) == ("", 547213.0, dt.date(2021, 3, 23))


def test_na_none_null_topics_stay_strings(feed_asset: Asset) -> None:
    topics = read_feed(feed_asset("trends.csv")).topics
    assert [t.name for t in topics[3:]] == ["NA", "None", "null"]
    assert all(t.volume is None and t.date is None and t.region is None for t in topics[3:])


def test_tsv_fixture(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("trends.tsv"))
    assert result.format is FeedFormat.TSV
    dog, kabul = result.topics
    assert (dog.name, dog.context, dog.volume) == ("#NationalDogDay", "Good dogs", 50_000.0)
    assert (kabul.context, kabul.volume, kabul.date) == (
        "Explosions outside Abbey Gate",
        1_000_000.0,
        dt.date(2021, 8, 26),
    )


def test_pandas_export_with_empty_first_header_cell(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("pandas_export.csv"))
    assert result.errors == ()
    assert [t.name for t in result.topics] == [
        "Example Person",
        "#examplewednesday",
        "#ExampleWorldwide",
    ]
    person, wednesday, worldwide = result.topics
    assert (person.volume, person.date, person.region) == (123456.0, dt.date(2020, 7, 15), "US")
    assert wednesday.volume is None
    assert worldwide.region == "WW"  # raw: the reader does not interpret region codes
    assert [t.id for t in result.topics] == ["1", "2", "3"]  # the pandas index is not an id


def test_multiline_cells_keep_line_numbers(feed_asset: Asset) -> None:
    topics = read_feed(feed_asset("multiline.csv")).topics
    assert [(t.name, t.source.line if t.source else None) for t in topics] == [
        ("first", 2),
        ("second", 5),
        ("third", 7),
    ]
    assert topics[0].context == "a headline\nthat spans\nthree lines"
    assert topics[2].context == 'quoted "word" inside'
    assert [t.id for t in topics] == ["1", "2", "3"]  # the blank line is not a row


def test_markup_and_formulas_kept_verbatim(feed_asset: Asset) -> None:
    topics = read_feed(feed_asset("markup.csv")).topics
    assert topics[0].name == "[bold]x[/]"
    assert topics[0].context == "[link=https://evil.example]click[/link]"
    assert topics[1].name == '=HYPERLINK("http://evil.example")'
    assert topics[2].name == "<script>alert(1)</script>"


def test_escape_codes_kept_verbatim(tmp_path: Path) -> None:
    name = "\x1b[31mred\x1b[0m \x07bell"
    path = tmp_path / "esc.csv"
    path.write_bytes(f'topic,context\n"{name}",ctx \x1b]8;;http://x\x1b\\\n'.encode())
    (topic,) = read_feed(path).topics
    assert topic.name == name
    assert topic.context == "ctx \x1b]8;;http://x\x1b\\"


def test_bad_row_in_big_feed_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = ["id,topic,volume"] + [f"r{i},topic {i},{i}" for i in range(1, 5001)]
    lines[2500] = "r2500,,2500"  # data row 2500 on physical line 2501
    lines[4000] = "r4000,topic 4000,lots"
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_feed(path)
    assert len(result.topics) == 4998
    assert result.errors == (
        RowError(row=2500, message="empty topic", source=f"{path}:2501"),
        RowError(row=4000, message="volume 'lots' is not a number", source=f"{path}:4001"),
    )
    assert result.topics[-1].name == "topic 5000"


def test_row_numbers_are_ids_without_an_id_column() -> None:
    topics, errors = _read("topic\na\n\nb\n,\nc\n")
    assert [(t.id, t.name) for t in topics] == [("1", "a"), ("2", "b"), ("3", "c")]
    assert errors == []  # a row of empty cells is blank, not a bad row


def test_several_problems_in_one_row() -> None:
    topics, errors = _read("topic,volume,date\n ,x,soon\n")
    assert topics == []
    assert errors == [
        RowError(
            1,
            "empty topic; volume 'x' is not a number; "
            "date 'soon' is not a recognised date (expected e.g. 2020-07-15)",
            "f.csv:2",
        )
    ]


def test_short_rows_are_padded() -> None:
    topics, errors = _read("topic,context,volume\nonly\n")
    assert (topics[0].name, topics[0].context, topics[0].volume, errors) == ("only", "", None, [])


def test_duplicate_ids_are_kept() -> None:
    topics, errors = _read("id,topic\nx,one\nx,two\n")
    assert [(t.id, t.name) for t in topics] == [("x", "one"), ("x", "two")]
    assert errors == []


def test_empty_id_cell_falls_back_to_the_row_number() -> None:
    topics, _ = _read("id,topic\n,one\nb,two\n")
    assert [t.id for t in topics] == ["1", "b"]


def test_explicit_columns() -> None:
    text = "trend_name,headline,hits,day\nA,news a,5,2021-01-07\n"
    columns = ColumnMap(topic="trend_name", context="headline", volume="hits", date="day")
    (topic,), _ = _read(text, columns=columns)
    assert (topic.name, topic.context, topic.volume, topic.date) == (
        "A",
        "news a",
        5.0,
        dt.date(2021, 1, 7),
    )


def test_unknown_mapped_column_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="column 'headlines' \\(mapped to context\\)"):
        _read("topic,headline\na,b\n", columns=ColumnMap(context="headlines"))


def test_no_topic_column() -> None:
    with pytest.raises(FeedError) as info:
        _read("foo,bar\n1,2\n")
    assert info.value.hint == (
        "columns found: foo, bar; rename one to topic (score and eval "
        "can also map one with --columns topic=NAME)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n\n", "no rows: the file is empty"),
        ("topic,volume\n", "no rows: the file has a header (line 1) but no data rows"),
        ("topic,volume\n\n,,\n", "no rows: the file has a header (line 1) but no data rows"),
    ],
)
def test_no_rows(text: str, message: str) -> None:
    with pytest.raises(FeedError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _read(text)


def test_runaway_quote_is_a_feed_error() -> None:
    text = 'topic,context\na,"unclosed\nb,x\nc,y\n'
    with pytest.raises(FeedError) as info:
        _read(text)
    assert info.value.where == "line 2"
    assert "runs to the end of the file" in info.value.message


def test_a_long_cell_is_read_and_the_other_rows_kept() -> None:
    # 200 KB is over the csv module's own 128 KiB limit (issue 10: it used to reject the feed).
    topics, errors = _read('topic,context\na,b\nc,"' + "x" * 200_000 + '"\n')
    assert [t.name for t in topics] == ["a", "c"]
    assert not errors
    assert len(topics[1].context) == 200_000


def test_a_cell_over_the_limit_is_an_error_for_its_row_only() -> None:
    from rtm_score.feeds.tabular import CSV_FIELD_LIMIT

    text = 'topic,context\na,b\nc,"' + "x" * (CSV_FIELD_LIMIT + 1) + '"\nd,e\n'
    topics, errors = _read(text)
    assert [t.name for t in topics] == ["a", "d"]
    (err,) = errors
    assert err.row == 2 and err.source.endswith(":3")
    assert "over the 16 MiB limit" in err.message and len(err.message) < 200


def test_a_huge_bad_value_is_quoted_short() -> None:
    _topics, errors = _read("topic,volume\na," + "9" * 5000 + "\n")
    assert "is not a count" in errors[0].message and len(errors[0].message) < 100


def test_semicolon_csv_from_european_excel() -> None:
    topics, _ = _read("topic;volume\nBonjour;1,5K\n")
    assert (topics[0].name, topics[0].volume) == ("Bonjour", 1500.0)


def test_google_trends_explore_export(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("explore_related_queries.csv"))
    assert result.errors == ()
    assert [(t.id, t.name, t.volume) for t in result.topics] == [
        ("1", "super bowl", None),
        ("2", "halloween costumes", None),
        ("3", "new phone launch", None),
        ("4", "storm names", None),
    ]
    assert [t.source.line for t in result.topics if t.source] == [4, 5, 8, 9]


@pytest.mark.parametrize("header", ["RISING", "RISING,percent", "\\RISING", "TOP"])
def test_google_trends_explore_trimmed_headers(header: str) -> None:
    topics, errors = _read(f'{header}\nquery one,Breakout\ntop,"+4,450%"')
    assert [t.name for t in topics] == ["query one", "top"]  # a query named "top" is data
    assert errors == []


def test_a_column_named_top_is_not_an_explore_export() -> None:
    with pytest.raises(FeedError, match="no topic column"):
        _read("top,volume\na,1\n")
