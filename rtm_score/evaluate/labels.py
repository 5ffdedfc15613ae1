"""Reading a labelled feed: the feed's topics plus the team's own call for each row."""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..errors import FeedError, UsageError
from ..feeds import ColumnMap, FeedFormat, FeedResult, read_bytes, read_feed
from ..feeds._columns import resolve_fields
from ..feeds._values import text_of
from ..feeds.tabular import sniff_delimiter
from ..formatters._escape import one_line
from ..inputs import lines_of, loads_json
from ..models import Decision
from .model import (
    _ARRAY_KEYS,
    _DECISIONS,
    _EXPECTED,
    _LABEL_FORMATS,
    _NON_ALNUM,
    LABEL_COLUMN,
    LabelError,
    LabelledFeed,
)


def read_labels(
    source: str | os.PathLike[str] | IO[bytes],
    fmt: FeedFormat | None = None,
    *,
    label_col: str = LABEL_COLUMN,
    columns: ColumnMap | None = None,
    stdin: IO[bytes] | None = None,
) -> LabelledFeed:
    """Read a labelled feed: a normal feed (CSV, TSV, JSON, JSON Lines) with a label column.

    The topics come from :func:`~rtm_score.feeds.read_feed`; the label column is read from the
    same rows and keyed by topic id (the ``id`` column, else the 1-based row number). Labels
    are ``engage``, ``skip`` or ``never`` in any case. An empty or unknown label, or an id
    already seen, is a ``LabelError`` and the row gets no label; rows the feed reader skipped
    are reported in ``feed.errors`` only.

    Raises:
        FeedError: the feed cannot be read, is a format without columns, has no such label
            column (the hint lists the columns, with a did-you-mean), or no usable label.
        UsageError: the label column is one the feed reader reads as part of the topic.
    """
    if isinstance(source, str | os.PathLike):
        # Read once (a pipe or stdin gives its bytes once), with the feed reader's own checks.
        name, raw = read_bytes(source, stdin)
        data = raw.encode("utf-8") if isinstance(raw, str) else raw
        feed = read_feed(_Named(data, name), fmt, columns=columns)
    else:
        data = source.read()
        label = getattr(source, "name", None)
        named = _Named(data, label if isinstance(label, str) else "<stream>")
        feed = read_feed(named, fmt, columns=columns)
    if feed.format not in _LABEL_FORMATS:
        raise FeedError(
            f"a {feed.format.value} feed has no label column",
            source=feed.source,
            hint="a labelled feed is CSV, TSV, JSON or JSON Lines",
        )
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    return _labels(feed, _raw_rows(text, feed.format), label_col, columns)


class _Named(io.BytesIO):
    """Bytes read from a file object, keeping its name (for messages and format detection)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


# One data row: its cells by column name (None for a row that is not a record at all) and the
# values a JSON wrapper object shares with every row.
_Row = tuple[Mapping[str, Any] | None, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class _Raw:
    keys: list[str]
    shared: list[str]
    rows: list[_Row]


def _raw_rows(text: str, fmt: FeedFormat) -> _Raw:
    """Every data row with its cells, numbered as the feed readers number them."""
    if fmt in (FeedFormat.CSV, FeedFormat.TSV):
        return _csv_rows(text, "\t" if fmt is FeedFormat.TSV else sniff_delimiter(text))
    if fmt is FeedFormat.JSONL:
        return _json_rows([_json_or_none(line) for line in text.split("\n") if line.strip()], {})
    doc = loads_json(text)
    if isinstance(doc, dict) and (key := _pick_array(doc)) is not None:
        shared = {k: v for k, v in doc.items() if isinstance(v, str | int | float)}
        return _json_rows(doc[key], shared)
    return _json_rows(doc if isinstance(doc, list) else [doc], {})


def _json_or_none(line: str) -> object:
    try:
        return loads_json(line)
    except json.JSONDecodeError:
        return None


def _csv_rows(text: str, delimiter: str) -> _Raw:
    reader = csv.reader(lines_of(text), delimiter=delimiter)
    records = [cells for cells in reader if cells and "".join(cells).strip()]
    header = records[0] if records else []
    # Reversed pairs: the first of two same-named columns wins, as in the CSV feed reader.
    rows: list[_Row] = [
        (dict(list(zip(header, cells, strict=False))[::-1]), {}) for cells in records[1:]
    ]
    return _Raw(header, [], rows)


def _json_rows(items: Sequence[object], shared: Mapping[str, Any]) -> _Raw:
    keys: dict[str, None] = {}
    rows: list[_Row] = []
    for item in items:
        if isinstance(item, Mapping):
            keys.update(dict.fromkeys(item))
            rows.append((item, shared))
        else:  # a bare string is a topic without a label; anything else a row the reader skips
            rows.append(({} if isinstance(item, str) else None, shared))
    return _Raw(list(keys), list(shared), rows)


def _pick_array(doc: Mapping[str, Any]) -> str | None:
    arrays = [
        k for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], Mapping | str)
    ]
    if not arrays:
        return None
    return next((k for k in _ARRAY_KEYS if k in arrays), max(arrays, key=lambda k: len(doc[k])))


def _labels(feed: FeedResult, raw: _Raw, label_col: str, columns: ColumnMap | None) -> LabelledFeed:
    in_feed = len(feed.topics) + len(feed.errors)
    if len(raw.rows) != in_feed:  # a safety net: labels must never land on the wrong topic
        raise FeedError(
            f"cannot line up the labels with the feed's rows ({len(raw.rows)} rows, {in_feed} "
            "topics and bad rows)",
            source=feed.source,
            hint="write one record per row (CSV, TSV, a JSON array of objects or JSON Lines)",
        )
    column = _find_label_column(label_col, raw.keys, feed.source)
    fields = resolve_fields(raw.keys, columns, source=feed.source, fallback=raw.shared)
    if column in {fields.topic, *fields.context, fields.volume, fields.date, fields.region}:
        raise UsageError(
            f"--label-col '{column}' is a column rtm-score reads as part of each topic",
            source=feed.source,
            hint="name the label column, e.g. label, or map the topic's columns with --columns",
        )
    bad_rows = {e.row for e in feed.errors}
    labels: dict[str, Decision] = {}
    first_row: dict[str, int] = {}
    errors: list[LabelError] = []
    for row, (cells, shared) in enumerate(raw.rows, 1):
        if cells is None or row in bad_rows:
            continue  # the feed reader skipped this row and says why
        value = cells.get(fields.id, shared.get(fields.id)) if fields.id else None
        topic_id = text_of(value) or str(row)  # as the feed readers give ids
        label, problem = _parse_label(cells.get(column), column)
        if label is not None and topic_id in first_row:
            label, problem = (
                None,
                (
                    f"id '{one_line(topic_id)}' is also on row {first_row[topic_id]}; labels are "
                    "matched by id, so ids must be unique"
                ),
            )
        if label is None:
            errors.append(LabelError(row, topic_id, problem))
            continue
        labels[topic_id] = label
        first_row[topic_id] = row
    if not labels:
        first = f" (row {errors[0].row}: {errors[0].message})" if errors else ""
        raise FeedError(
            f"no row has a usable label in column '{column}'{first}",
            source=feed.source,
            hint=f"fill the {column} column with engage, skip or never",
        )
    return LabelledFeed(feed, labels, tuple(errors), column)


def _norm(name: str) -> str:
    return _NON_ALNUM.sub("", name.casefold())


def _find_label_column(wanted: str, keys: Sequence[str], source: str) -> str:
    for key in (str, str.casefold, _norm):
        for col in keys:
            if key(col) == key(wanted):
                return col
    folded = [c.casefold() for c in keys]
    close = difflib.get_close_matches(wanted.casefold(), folded, n=1)
    guess = f"did you mean '{keys[folded.index(close[0])]}'? " if close else ""
    listing = ", ".join(one_line(c) or "(unnamed)" for c in keys) or "(none)"
    raise FeedError(
        f"no label column '{wanted}'",
        source=source,
        hint=f"{guess}columns found: {listing}; choose one with --label-col NAME",
    )


def _parse_label(value: object, column: str) -> tuple[Decision, str] | tuple[None, str]:
    text = text_of(value).strip()
    if not text:
        return None, f"empty label in column '{column}' ({_EXPECTED})"
    try:
        return Decision(text.casefold()), ""
    except ValueError:
        close = difflib.get_close_matches(text.casefold(), [d.value for d in _DECISIONS], n=1)
        guess = f"; did you mean '{close[0]}'?" if close else ""
        return None, f"unknown label '{one_line(text)}' ({_EXPECTED}){guess}"
