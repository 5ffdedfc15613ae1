"""Calendar file formats: CSV/TSV, YAML, JSON and JSON Lines to (line, {column: cell}) records.

Each reader keeps the 1-based line where a row starts: CSV through the reader's line count (a
quoted cell may span lines), YAML through ``yaml.compose`` node marks, JSON through the offsets of
``JSONDecoder.raw_decode``. YAML scalars are taken as written (no YAML 1.1 booleans or dates).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import yaml

from ..errors import CalendarError
from ..feeds import by_alias
from ..inputs import (
    MAX_INPUT_BYTES,
    json_decoder,
    lines_of,
    loads_json,
    read_input,
    scrub_surrogates,
)
from ..resources import user_yaml_loader

Cell = str | list[str]

COLUMNS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "datetime",
        "date_time",
        "publish_at",
        "publish_date",
        "scheduled",
        "scheduled_at",
        "scheduled_for",
        "post_date",
        "send_at",
        "when",
        "day",
    ),
    "time": ("time", "post_time", "publish_time", "scheduled_time"),
    "copy": ("copy", "text", "post", "message", "body", "caption", "content"),
    "hashtags": ("hashtags", "hashtag", "tags"),
    "channel": ("channel", "network", "platform", "account"),
    "region": ("region", "regions", "market", "markets", "country", "countries"),
    "id": ("id", "post_id", "key", "ref"),
    "timezone": ("timezone", "time_zone", "tz", "zone"),
    "ignore": ("rtm_ignore",),
}
"""Accepted column names per field, in order of preference (matched case-insensitively)."""

_WRAPPER_KEYS = ("posts", "calendar", "rows", "items")

Records = list[tuple[int, dict[str, Cell]]]
csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))  # as for feeds


def read_text(path: Path, source: str) -> str:
    try:
        data = read_input(path)
    except FileNotFoundError:
        raise CalendarError(
            "calendar file not found", source=source, hint="check the path"
        ) from None
    except OSError as exc:
        raise CalendarError(f"cannot read the calendar: {exc.strerror}", source=source) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CalendarError(
            "the calendar is not UTF-8 text",
            source=source,
            where=f"line {line}",
            hint="save the file as UTF-8",
        ) from None


def csv_records(text: str, source: str, delimiter: str) -> Records:
    """Rows of a CSV/TSV calendar keyed by the header's names.

    Spreadsheets saved in locales that write decimal commas use ``;`` between cells; a header
    with semicolons and no commas is read that way.
    """
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if delimiter == "," and ";" in first and "," not in first:
        delimiter = ";"
    reader = csv.reader(lines_of(text), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    records: list[tuple[int, dict[str, Cell]]] = []
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                check_header(header, source, start)
                continue
            if len(cells) > len(header):
                raise CalendarError(
                    f"the row has {len(cells)} cells but the header has {len(header)}",
                    source=source,
                    where=f"line {start}",
                    hint='put quotes around text that holds the delimiter: "Sale, today only"',
                )
            records.append((start, dict(zip(header, cells, strict=False))))
    except csv.Error as exc:
        raise CalendarError(
            f"malformed CSV: {exc}",
            source=source,
            where=f"line {reader.line_num}",
            hint="check the quotes on this line",
        ) from None
    if header is None:
        raise CalendarError(
            "the calendar is empty",
            source=source,
            hint="add a header row (date,copy,...) and one row per post",
        )
    return records


def _compose(text: str, source: str) -> yaml.Node | None:
    """The YAML node tree of a calendar; every way YAML can fail is a CalendarError."""
    try:
        return yaml.compose(text, Loader=user_yaml_loader())
    except RecursionError:
        raise CalendarError(
            "malformed YAML: nested too deeply to read",
            source=source,
            hint="a calendar is a list of posts, each a mapping of plain values",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark is not None else None
        raise CalendarError(
            f"malformed YAML: {exc.problem or exc}",
            source=source,
            where=where,
            hint="check the indentation and quotes here",
        ) from None
    except yaml.YAMLError as exc:
        raise CalendarError(f"malformed YAML: {exc}", source=source) from None


def yaml_records(text: str, source: str) -> Records:
    root = _compose(text, source)
    if root is None:
        return []
    seq = root
    if isinstance(root, yaml.MappingNode):
        found = [
            v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value in _WRAPPER_KEYS
        ]
        if not found:
            raise CalendarError(
                "expected a list of posts, or a mapping with a 'posts' list",
                source=source,
                where=f"line {root.start_mark.line + 1}",
                hint="write `posts:` followed by `- date: ...` items",
            )
        seq = found[0]
    if not isinstance(seq, yaml.SequenceNode):
        raise CalendarError(
            "expected a list of posts",
            source=source,
            where=f"line {seq.start_mark.line + 1}",
            hint="each post is a `- date: ...` item",
        )
    records: list[tuple[int, dict[str, Cell]]] = []
    for item in seq.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            raise CalendarError(
                "a post must be a mapping of column: value",
                source=source,
                where=f"line {line}",
                hint="write `- date: ...` then `copy: ...`",
            )
        row: dict[str, Cell] = {}
        for key, value in item.value:
            if not isinstance(key, yaml.ScalarNode):
                raise CalendarError(
                    "a column name must be text",
                    source=source,
                    where=f"line {key.start_mark.line + 1}",
                )
            row[key.value] = _yaml_cell(value, source)
        records.append((line, row))
    return records


def _yaml_cell(node: yaml.Node, source: str) -> Cell:
    # Raw scalar text, not YAML 1.1 resolution: `NO` stays Norway and 2026-09-11 stays text.
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag == "tag:yaml.org,2002:null" else str(node.value)
    if isinstance(node, yaml.SequenceNode) and all(
        isinstance(n, yaml.ScalarNode) for n in node.value
    ):
        return [str(n.value) for n in node.value]
    raise CalendarError(
        "expected text or a list of text", source=source, where=f"line {node.start_mark.line + 1}"
    )


def json_records(text: str, source: str) -> Records:
    walker = _JsonWalker(text, source)
    pos = walker.ws(0)
    if pos >= len(text):
        return []
    if text[pos] == "[":
        items, _ = walker.array(pos)
    elif text[pos] == "{":
        items = walker.wrapped(pos)
    else:
        raise walker.fail(
            "expected a list of posts", pos, hint='write [{"date": ..., "copy": ...}]'
        )
    return [(line, _json_row(obj, source, line)) for line, obj in items]


class _JsonWalker:
    """Walks a JSON calendar by hand so that every post keeps the line it starts on."""

    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source
        self._dec = json_decoder()

    def line_of(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def fail(self, msg: str, pos: int, hint: str = "check the JSON syntax here") -> CalendarError:
        return CalendarError(msg, source=self.source, where=f"line {self.line_of(pos)}", hint=hint)

    def ws(self, pos: int) -> int:
        text = self.text
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def decode(self, pos: int) -> tuple[object, int]:
        try:
            value, end = self._dec.raw_decode(self.text, pos)
        except json.JSONDecodeError as exc:
            raise self.fail(f"malformed JSON: {exc.msg}", exc.pos) from None
        except RecursionError:
            raise self.fail("malformed JSON: nested too deeply", pos) from None
        return scrub_surrogates(value), end

    def array(self, pos: int) -> tuple[list[tuple[int, object]], int]:
        """The items of the array at ``pos`` with their lines, and the position after it."""
        text = self.text
        items: list[tuple[int, object]] = []
        pos = self.ws(pos + 1)
        if pos < len(text) and text[pos] == "]":
            return items, pos + 1
        while True:
            start = self.ws(pos)
            value, pos = self.decode(start)
            items.append((self.line_of(start), value))
            pos = self.ws(pos)
            if pos < len(text) and text[pos] == ",":
                pos += 1
            elif pos < len(text) and text[pos] == "]":
                return items, pos + 1
            else:
                raise self.fail("malformed JSON: expected ',' or ']'", pos)

    def wrapped(self, pos: int) -> list[tuple[int, object]]:
        """The posts of an object that wraps them (``{"posts": [...]}``)."""
        text = self.text
        self.decode(pos)  # validates the whole object before it is walked
        pos = self.ws(pos + 1)
        while pos < len(text) and text[pos] != "}":
            key, pos = self.decode(pos)
            pos = self.ws(self.ws(pos) + 1)  # the ':'
            if key in _WRAPPER_KEYS and text[pos] == "[":
                return self.array(pos)[0]
            _, pos = self.decode(pos)
            pos = self.ws(pos)
            pos = self.ws(pos + 1) if pos < len(text) and text[pos] == "," else pos
        raise self.fail(
            "expected a list of posts, or an object with a 'posts' list",
            0,
            hint='write [{"date": ..., "copy": ...}, ...]',
        )


def jsonl_records(text: str, source: str) -> Records:
    records: list[tuple[int, dict[str, Cell]]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = loads_json(raw)
        except json.JSONDecodeError as exc:
            raise CalendarError(
                f"malformed JSON: {exc.msg}",
                source=source,
                where=f"line {n}",
                hint="each line holds one JSON object",
            ) from None
        records.append((n, _json_row(obj, source, n)))
    return records


def _json_row(obj: object, source: str, line: int) -> dict[str, Cell]:
    if not isinstance(obj, dict):
        raise CalendarError(
            "a post must be a JSON object",
            source=source,
            where=f"line {line}",
            hint='write {"date": "2026-09-11", "copy": "..."}',
        )
    row: dict[str, Cell] = {}
    for key, value in obj.items():
        if value is None:
            row[key] = ""
        elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            row[key] = [str(v) for v in value]
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            row[key] = str(value)
        else:
            raise CalendarError(
                f"column {key!r}: expected text, a number or a list of text",
                source=source,
                where=f"line {line}",
            )
    return row


def column_map(names: Sequence[str]) -> dict[str, str]:
    """field -> the record key that holds it (the feeds' matcher, with the calendar's aliases)."""
    out: dict[str, str] = {}
    for fieldname, aliases in COLUMNS.items():
        found = by_alias(names, aliases)
        if found:
            out[fieldname] = found[0]
    return out


def check_header(header: Sequence[str], source: str, line: int) -> None:
    cols = column_map(header)
    for fieldname in ("date", "copy"):
        if fieldname not in cols:
            raise CalendarError(
                f"no {fieldname} column (found: {', '.join(h for h in header if h) or 'none'})",
                source=source,
                where=f"line {line}",
                hint=f"name a column {' or '.join(COLUMNS[fieldname][:4])}",
            )
