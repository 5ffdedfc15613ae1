"""JSON, JSON Lines and X/Twitter trends/place feeds (stdlib json: no type inference)."""

from __future__ import annotations

import bisect
import json
from collections.abc import Mapping
from typing import Any

from rtm_score.errors import FeedError
from rtm_score.feeds import _twitter
from rtm_score.feeds._columns import ColumnMap
from rtm_score.feeds._rows import Record, topics_from_records
from rtm_score.inputs import json_decoder, loads_json
from rtm_score.models import RowError, Topic

# When an object holds several arrays of objects, these names win (else the longest array).
_ARRAY_KEYS = ("trends", "items", "data", "topics", "results", "entries", "records", "rows")
_DECODER = json_decoder()
_WS = " \t\r\n"

Read = tuple[list[Topic], list[RowError], str]
"""(topics, bad rows, the format read: ``"json"``, ``"jsonl"`` or ``"twitter"``, the values of
:class:`~rtm_score.feeds.FeedFormat`, which the registry turns into the member)."""


def read_json(text: str, *, source: str, columns: ColumnMap | None, twitter: bool = False) -> Read:
    """Read a JSON feed: an array of objects (or strings), an object holding one, or trends/place.

    A ``.json`` file that is really JSON Lines is read as such. With ``twitter=True`` anything
    but a trends/place response is an error.

    Raises:
        FeedError: invalid JSON, not an array or object, no rows, or no topic column. An
            item that is not an object (or a string) is a RowError.
    """
    try:
        doc = loads_json(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and not twitter and _first_line_is_object(text):
            return (*read_jsonl(text, source=source, columns=columns), "jsonl")
        raise _syntax_error(exc, source) from None
    lines = _Lines(text)
    if _twitter.is_trends_response(doc):
        return (*_read_trends(text, doc, lines, source, columns), "twitter")
    if twitter:
        raise FeedError(
            "not an X/Twitter trends/place response",
            source=source,
            hint='expected [{"trends": [...], "as_of": ..., "locations": [...]}]; '
            "for other JSON use --format-in json",
        )
    start = _skip_ws(text, 0)
    if isinstance(doc, list):
        items, offsets, shared = doc, _array_offsets(text, start), {}
    elif isinstance(doc, dict) and (key := _pick_array(doc)) is not None:
        items, offsets = doc[key], _array_offsets(text, _member_offset(text, start, key))
        shared = {k: v for k, v in doc.items() if isinstance(v, str | int | float)}
    elif isinstance(doc, dict):  # a lone object is a feed of one topic
        items, offsets, shared = [doc], [start], {}
    else:
        raise FeedError(f"expected an array of objects, got {_kind(doc)}", source=source)
    if not items:
        raise FeedError("no rows: the JSON array is empty", source=source)
    records = [
        _record(item, lines.at(off), shared) for item, off in zip(items, offsets, strict=True)
    ]
    return (*topics_from_records(records, columns, source=source), "json")


def read_jsonl(
    text: str, *, source: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError]]:
    """Read JSON Lines: one object per line; a line that is not one is a RowError.

    Blank lines are skipped and not counted. A line holding a trends/place response (a cron
    job appending one API answer per line) contributes all its trends.
    """
    records: list[Record] = []
    if "\n" not in text:  # a file saved with classic Mac line ends (CR only)
        text = text.replace("\r", "\n")
    for number, raw in enumerate(text.split("\n"), 1):  # only \n: U+2028 may sit in strings
        if not raw.strip():
            continue
        try:
            value = loads_json(raw)
        except json.JSONDecodeError as exc:
            problem = f"invalid JSON: {exc.msg} (column {exc.colno})"
            records.append(Record(number, {}, error=problem))
            continue
        if _twitter.is_trends_response(value):
            for response in value:
                shared = _twitter.shared_values(response)
                records.extend(_record(trend, number, shared) for trend in response["trends"])
        else:
            records.append(_record(value, number))
    if not records:
        raise FeedError("no rows: the file is empty", source=source)
    if all(r.error for r in records):
        first = records[0]
        raise FeedError(
            f"no line is a JSON object ({first.error})",
            source=source,
            where=f"line {first.line}",
            hint="is this JSON Lines? force another format with --format-in",
        )
    return topics_from_records(records, columns, source=source)


def _read_trends(
    text: str, doc: list[Any], lines: _Lines, source: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError]]:
    records: list[Record] = []
    for response, at in zip(doc, _array_offsets(text, _skip_ws(text, 0)), strict=True):
        shared = _twitter.shared_values(response)
        offsets = _array_offsets(text, _member_offset(text, at, "trends"))
        for trend, off in zip(response["trends"], offsets, strict=True):
            records.append(_record(trend, lines.at(off), shared))
    if not records:
        raise FeedError("no rows: the trends/place response has no trends", source=source)
    return topics_from_records(records, columns, source=source)


def _record(item: object, line: int, shared: Mapping[str, Any] | None = None) -> Record:
    """An array element or a line as a Record; a string is a bare topic, others are bad rows."""
    if isinstance(item, Mapping):
        return Record(line, item, shared or {})
    if isinstance(item, str):  # ["trend one", "trend two"]
        return Record(line, {"topic": item}, shared or {})
    return Record(line, {}, error=f"expected a JSON object, got {_kind(item)}")


def _kind(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "an object"


def _pick_array(doc: dict[str, Any]) -> str | None:
    """The key of the array of objects (or strings) an object holds, if any."""
    arrays = [
        k for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], Mapping | str)
    ]
    if not arrays:
        empty = [k for k, v in doc.items() if v == []]
        return next((k for k in _ARRAY_KEYS if k in empty), empty[0] if empty else None)
    for key in _ARRAY_KEYS:
        if key in arrays:
            return key
    return max(arrays, key=lambda k: len(doc[k]))


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(loads_json(text.split("\n", 1)[0]), dict)
    except json.JSONDecodeError:
        return False


def _syntax_error(exc: json.JSONDecodeError, source: str) -> FeedError:
    return FeedError(
        f"invalid JSON: {exc.msg}",
        source=source,
        where=f"line {exc.lineno} column {exc.colno}",
        hint="check the file with `python -m json.tool FILE`",
    )


# Item positions: json.loads gives values without offsets, so walk the text again with
# raw_decode (the same C scanner) to learn where each array element starts.


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _array_offsets(text: str, i: int) -> list[int]:
    """Start offsets of the elements of the array opening at ``text[i]``."""
    offsets: list[int] = []
    i = _skip_ws(text, i + 1)
    if text[i] == "]":
        return offsets
    while True:
        offsets.append(i)
        _, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text[i] == "]":
            return offsets
        i = _skip_ws(text, i + 1)  # past the ","


def _member_offset(text: str, i: int, key: str) -> int:
    """Offset of the value of ``key`` (its last occurrence, as json.loads keeps) in an object."""
    found = -1
    i = _skip_ws(text, i + 1)
    while text[i] != "}":
        name, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, _skip_ws(text, i) + 1)  # past the ":"
        if name == key:
            found = i
        _, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
    return found


class _Lines:
    """Offset to 1-based line number."""

    def __init__(self, text: str) -> None:
        self._newlines: list[int] = []
        at = text.find("\n")
        while at != -1:
            self._newlines.append(at)
            at = text.find("\n", at + 1)

    def at(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1
