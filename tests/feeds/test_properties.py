"""Property tests on every feed reader (issue 10): any bytes in give topics or a FeedError, never
another exception; and a feed of good rows with bad ones among them keeps every good row."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rtm_score.errors import FeedError
from rtm_score.feeds import FeedFormat, read_feed

FORMATS = list(FeedFormat)

# Bytes with the characters that matter to the readers well represented: quotes, separators,
# brackets, line breaks of every kind, NUL, BOMs, surrogate escapes, and plain text.
PIECES = [
    b'"', b",", b"\t", b";", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
    b"{", b"}", b"[", b"]", b":", b"\\ud83d", b"<", b">", b"&", b"topic", b"volume", b"date",
    b"2026-02-09", b"9" * 30, b"1e309", b"#Tag", b" ", b"\xc3\xa9", b"\x80", b"<rss>", b"<item>",
    b"<title>", b"trends", b"name", b'"as_of"',
]  # fmt: skip
FEED_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=FEED_BYTES, fmt=st.sampled_from(FORMATS))
def test_any_bytes_give_topics_or_a_feed_error(data: bytes, fmt: FeedFormat) -> None:
    try:
        result = read_feed(io.BytesIO(data), fmt)
    except FeedError as exc:
        assert exc.message  # a clear error, with a message
    else:
        assert all(t.name.strip() for t in result.topics)


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "S")),
    min_size=1,
    max_size=25,
).filter(lambda s: s.strip() and "\x00" not in s)
BAD_CELLS = ["not-a-number", "1e309", "-5", "9" * 5000]


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@settings(max_examples=80, deadline=None)
@given(
    names=st.lists(WORDS, min_size=1, max_size=12),
    bad_at=st.integers(min_value=0, max_value=12),
    bad=st.sampled_from(BAD_CELLS),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_a_csv_keeps_every_good_row_around_a_bad_one(
    names: list[str], bad_at: int, bad: str, newline: str
) -> None:
    rows = [f"{_csv_cell(n)},{i}" for i, n in enumerate(names)]
    at = min(bad_at, len(rows))
    rows.insert(at, f'"bad row",{bad}')
    text = newline.join(["topic,volume", *rows]) + newline
    result = read_feed(io.BytesIO(text.encode("utf-8")), FeedFormat.CSV)
    assert [t.name for t in result.topics] == names
    assert [e.row for e in result.errors] == [at + 1]


@settings(max_examples=80, deadline=None)
@given(
    names=st.lists(WORDS, min_size=1, max_size=12),
    bad_at=st.integers(min_value=0, max_value=12),
    bad=st.sampled_from(["{}", '{"topic": ""}', '{"topic": "x", "volume": "lots"}', "[1, 2]"]),
)
def test_json_lines_keep_every_good_row_around_a_bad_one(
    names: list[str], bad_at: int, bad: str
) -> None:
    lines = [json.dumps({"topic": n, "volume": i}) for i, n in enumerate(names)]
    at = min(bad_at, len(lines))
    lines.insert(at, bad)
    result = read_feed(io.BytesIO(("\n".join(lines) + "\n").encode("utf-8")), FeedFormat.JSONL)
    assert [t.name for t in result.topics] == names
    assert len(result.errors) == 1


@pytest.mark.parametrize("fmt", [FeedFormat.CSV, FeedFormat.JSONL, FeedFormat.JSON])
def test_an_empty_feed_is_a_feed_error(fmt: FeedFormat) -> None:
    with pytest.raises(FeedError, match="empty"):
        read_feed(io.BytesIO(b"  \n"), fmt)
