"""Tests for rtm_score.feeds (read_feed): sources, stdin, decoding, format forcing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import rtm_score
from rtm_score.errors import FeedError
from rtm_score.feeds import ColumnMap, FeedFormat, FeedResult, parse_column_map, read_feed

Asset = Callable[[str], Path]


def test_public_names() -> None:
    assert rtm_score.read_feed is read_feed
    assert rtm_score.FeedFormat is FeedFormat
    assert rtm_score.FeedResult is FeedResult
    assert parse_column_map("topic=x") == ColumnMap(topic="x")


def test_result_carries_format_and_source(feed_asset: Asset) -> None:
    path = feed_asset("trends.csv")
    result = read_feed(str(path))
    assert (result.format, result.source, len(result.topics)) == (FeedFormat.CSV, str(path), 6)
    assert isinstance(result.topics, tuple) and isinstance(result.errors, tuple)


def test_stdin_dash(feed_asset: Asset) -> None:
    data = feed_asset("trends.jsonl").read_bytes()
    result = read_feed("-", stdin=io.BytesIO(data))
    assert (result.source, result.format, len(result.topics)) == ("-", FeedFormat.JSON.JSONL, 3)
    assert all(t.source is not None and t.source.path == "-" for t in result.topics)


def test_stdin_csv_is_sniffed() -> None:
    result = read_feed("-", stdin=io.BytesIO(b"topic\tvolume\na\t1\n"))
    assert (result.format, result.topics[0].volume) == (FeedFormat.TSV, 1.0)


def test_stdin_given_a_text_stream_still_works() -> None:
    result = read_feed("-", stdin=io.StringIO("topic\na\n"))  # type: ignore[arg-type]
    assert [t.name for t in result.topics] == ["a"]


def test_binary_file_object(feed_asset: Asset) -> None:
    with feed_asset("trends.tsv").open("rb") as fh:
        result = read_feed(fh)
    assert result.format is FeedFormat.TSV  # from the file object's name
    assert result.source.endswith("trends.tsv")
    anonymous = read_feed(io.BytesIO(b'[{"topic": "a"}]'))
    assert (anonymous.source, anonymous.format) == ("<stream>", FeedFormat.JSON)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftopic,volume\nCaf\xc3\xa9,3\n")
    result = read_feed(path)
    assert [(t.name, t.volume) for t in result.topics] == [("Café", 3.0)]


def test_bom_on_json(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf[{"topic": "a"}]')
    assert read_feed(path).topics[0].name == "a"


def test_not_utf8_names_file_offset_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("topic\nok\nCafé\nSé\n".encode("latin-1"))
    with pytest.raises(FeedError) as info:
        read_feed(path)
    err = info.value
    assert err.message == "not UTF-8: byte 0xE9 at offset 12 cannot be decoded"
    assert (err.source, err.where) == (str(path), "line 3")
    assert err.hint is not None and f"iconv -f latin1 -t utf-8 {path}" in err.hint
    assert str(err).startswith(f"{path}: line 3: not UTF-8")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_damaged_byte_skips_its_row_and_the_rest_is_read(tmp_path: Path, suffix: str) -> None:
    # One row of a UTF-8 feed damaged (a cut multi-byte character, a Latin-1 e-acute pasted
    # in): that row is reported, the other 149 are read.
    if suffix == ".csv":
        lines = [b"topic,context"] + [f"Topic {i},context {i}".encode() for i in range(150)]
        lines[41] = b"Caf\xe9 opens,in town"
    else:
        lines = [f'{{"topic": "Topic {i}", "context": "c"}}'.encode() for i in range(150)]
        lines[40] = b'{"topic": "Caf\xe9 opens", "context": "in town"}'
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = read_feed(path)
    assert len(result.topics) == 149 and "Caf" not in {t.name[:3] for t in result.topics}
    (err,) = result.errors
    assert (err.row, err.message) == (
        41,
        "not UTF-8: byte 0xE9 cannot be decoded (save the feed as UTF-8)",
    )
    assert err.source == f"{path}:{42 if suffix == '.csv' else 41}"


def test_a_feed_in_another_encoding_is_refused_whole(tmp_path: Path) -> None:
    # More than one line in a hundred: the file is Latin-1, not damaged UTF-8.
    path = tmp_path / "latin1.csv"
    path.write_bytes(("topic\n" + "\n".join(f"Topic {i}" for i in range(98)) + "\nCafé\nSé\n")
                     .encode("latin-1"))  # fmt: skip
    with pytest.raises(FeedError, match="not UTF-8: byte 0xE9") as info:
        read_feed(path)
    assert info.value.where == "line 100"


def test_a_damaged_header_json_document_or_xml_feed_is_refused_whole(tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    body = b"\n".join(b"a%d,b" % i for i in range(200))
    for blank, line in ((b"", 1), (b"\n  \n", 3)):  # the header: the first line not blank
        header.write_bytes(blank + b"topic,contexte\xe9\n" + body)
        with pytest.raises(FeedError, match="not UTF-8") as info:
            read_feed(header)
        assert info.value.where == f"line {line}"
    # In a JSON document the byte may sit in what every row shares (a wrapper's date).
    document = tmp_path / "trends.json"
    rows = b",\n".join(b'{"topic": "t%d"}' % i for i in range(200))
    document.write_bytes(b'{"as_of": "2026-06-0\xff1",\n "trends": [\n' + rows + b"]}")
    with pytest.raises(FeedError, match="not UTF-8: byte 0xFF") as info:
        read_feed(document)
    assert info.value.where == "line 1"
    # Text given as a str that holds such bytes (surrogate escapes) is refused too.
    with pytest.raises(FeedError, match="bytes that are not UTF-8"):
        read_feed(io.StringIO('{"as_of": "x\udcff",\n"trends": [{"topic": "a"}]}'), "json")
    rss = (Path(__file__).parents[1] / "assets" / "feeds" / "google_trends.rss").read_bytes()
    at = rss.index(b"<title>", rss.index(b"<item>")) + len(b"<title>")
    damaged = tmp_path / "trends.rss"
    damaged.write_bytes(rss[:at] + b"\xe9" + rss[at:])
    with pytest.raises(FeedError, match=f"offset {at} cannot be decoded"):
        read_feed(damaged)


def test_not_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\xef\xbb\xbftopic\n\xff\n\xfe\n")
    with pytest.raises(FeedError, match="at offset 9"):
        read_feed(path)


def test_utf16_gets_its_own_hint(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_bytes("topic\ta\n".encode("utf-16"))
    with pytest.raises(FeedError, match="UTF-16") as info:
        read_feed(path)
    assert info.value.hint is not None and "iconv -f utf-16 -t utf-8" in info.value.hint


@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    with pytest.raises(FeedError, match="no rows"):
        read_feed(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="file not found") as info:
        read_feed(tmp_path / "nope.csv")
    assert info.value.hint == "check the path, or use - to read stdin"
    with pytest.raises(FeedError, match="is a directory"):
        read_feed(tmp_path)


def test_forced_format_beats_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("topic\tcontext\na, b\tc\n", encoding="utf-8")
    assert read_feed(path).topics[0].name == "a, b"  # tab header: the CSV reader sniffs a tab
    result = read_feed(path, FeedFormat.TSV)
    assert (result.format, result.topics[0].name) == (FeedFormat.TSV, "a, b")
    assert read_feed(path, FeedFormat.AUTO).format is FeedFormat.CSV
    assert read_feed(path, "tsv").format is FeedFormat.TSV  # type: ignore[arg-type]


def test_forced_jsonl_and_json(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_text('{"topic": "a"}\n', encoding="utf-8")
    assert read_feed(path, FeedFormat.JSONL).format is FeedFormat.JSONL
    assert read_feed(path, FeedFormat.JSON).format is FeedFormat.JSON
    assert read_feed(path).topics[0].name == "a"


def test_columns_are_passed_through(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('[{"label": "x", "hits": "3"}]', encoding="utf-8")
    result = read_feed(path, columns=parse_column_map("topic=label,volume=hits"))
    assert (result.topics[0].name, result.topics[0].volume) == ("x", 3.0)


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b", "\ufeff", "\x00\x01", "\u202e\u2066", "\u00ad", "\u3164", "\u2800", "\u034f",
     "\ufe0f", "\u0301", "\U000e0041\U000e0020"],
)  # fmt: skip
def test_a_topic_of_only_invisible_characters_is_a_bad_row(tmp_path: Path, name: str) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([{"topic": name, "context": "x"}, {"topic": "Fine"}]))
    result = read_feed(path)
    assert [t.name for t in result.topics] == ["Fine"]
    assert [e.message for e in result.errors] == [
        "empty topic (only invisible or control characters)"
    ]
    # A name with a letter among them is a topic.
    path.write_text(json.dumps([{"topic": name + "Aurora"}]))
    assert [t.name for t in read_feed(path).topics] == [name + "Aurora"]


def test_a_damaged_volume_or_date_cell_is_named_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    rows = [b"topic,volume,date"] + [b"Topic %d,%d,2026-06-01" % (i, i) for i in range(200)]
    rows[5] = b"Topic 4,12\xe93,2026-06-01"
    rows[9] = b"Topic 8,8,2026-06-\xff1"
    path.write_bytes(b"\n".join(rows) + b"\n")
    result = read_feed(path)
    assert [(e.row, e.message) for e in result.errors] == [
        (5, "not UTF-8: byte 0xE9 cannot be decoded (save the feed as UTF-8)"),
        (9, "not UTF-8: byte 0xFF cannot be decoded (save the feed as UTF-8)"),
    ]
