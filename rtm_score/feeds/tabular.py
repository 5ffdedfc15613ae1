"""CSV and TSV feeds (stdlib csv: every cell stays a string, line numbers are exact)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from rtm_score.errors import FeedError
from rtm_score.feeds._columns import ColumnMap, Fields, resolve_fields
from rtm_score.feeds._rows import TopicFactory, join_context
from rtm_score.inputs import MAX_INPUT_BYTES, lines_of
from rtm_score.models import RowError, SourceRef, Topic

# A Google Trends *Explore* download ("Related queries") is a preamble ("Category: ..."), then
# blocks headed by a bare "TOP" or "RISING" line of query,value rows (hand-trimmed copies keep
# one block; one starts "\RISING"). Its value is a relative score or "+450%", not a volume.
_EXPLORE_SECTION = re.compile(r"\W*(top|rising)", re.IGNORECASE)
_EXPLORE_SECOND = frozenset({"", "percent", "value"})
CSV_FIELD_LIMIT = 16 << 20
"""16 MiB: a cell as long as a long article reads (the csv module's own limit is 128 KiB). A
longer cell is an error for its row, and the rest of the feed is scored: the csv module itself
may read cells up to the input limit, so that it never stops mid-file. A quote that never
closes is caught by its own check, not by this limit."""
csv.field_size_limit(max(csv.field_size_limit(), MAX_INPUT_BYTES))

_EXPLORE_PREAMBLE = re.compile(r"\s*category\s*:", re.IGNORECASE)
_EXPLORE_COLUMNS = ["query", "value"]


def read_tabular(
    text: str, *, delimiter: str, source: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError]]:
    """Read a CSV (``delimiter=","``) or TSV (``"\\t"``) feed already decoded to text.

    The first non-blank row is the header. Blank rows are skipped silently and not counted;
    ``RowError.row`` and a missing id use the 1-based count of data rows.

    Raises:
        FeedError: no rows, no topic column, or a broken file (a runaway quote, a cell over
            the csv module's size limit).
    """
    if delimiter == ",":
        delimiter = sniff_delimiter(text)
    reader = csv.reader(lines_of(text), delimiter=delimiter)
    records = _records(reader, source)
    try:
        header_line, _, header = next(records)
    except StopIteration:
        raise FeedError("no rows: the file is empty", source=source) from None
    explore = _is_explore_section(header)
    names = _EXPLORE_COLUMNS if explore else header
    cell_of = _Cells(resolve_fields(names, columns, source=source), names)
    factory = TopicFactory(source)
    topics: list[Topic] = []
    errors: list[RowError] = []
    row = 0
    last = (0, 0)
    for line, end, cells in records:
        last = (line, end)
        if explore and _is_explore_section(cells):
            continue
        row += 1
        if len(max(cells, key=len, default="")) > CSV_FIELD_LIMIT:
            errors.append(_too_long(row, line, cells, source))
            continue
        made = factory.make(row, line, *cell_of(cells))
        if isinstance(made, Topic):
            topics.append(made)
        else:
            errors.append(made)
    if last[1] > last[0] and text.count('"') % 2:
        # A quote that never closes swallows the rest of the file into one cell, and csv's
        # lenient mode says nothing: an odd number of quotes and a multi-line last row tell.
        raise FeedError(
            f"a quoted cell starting on line {last[0]} runs to the end of the file",
            source=source,
            where=f"line {last[0]}",
            hint='close the double quote (") on that line, or double it ("") inside a cell',
        )
    if row == 0:
        raise FeedError(
            f"no rows: the file has a header (line {header_line}) but no data rows", source=source
        )
    return topics, errors


def _too_long(row: int, line: int, cells: list[str], source: str) -> RowError:
    size = max(map(len, cells))
    return RowError(
        row,
        f"a cell of {size:,} characters is over the {CSV_FIELD_LIMIT >> 20} MiB limit; row "
        'skipped (look for an unbalanced double quote (") on or before this line)',
        str(SourceRef(source, line)),
    )


class _Cells:
    """The cells of one row that a Topic is made of, by the resolved columns' positions (the
    first of duplicate names; a short row reads as empty cells)."""

    __slots__ = ("_context", "_rest", "_single", "_topic")

    def __init__(self, fields: Fields, names: list[str]) -> None:
        index = {name: i for i, name in reversed(list(enumerate(names)))}
        self._topic = index[fields.topic]
        self._context = [index[c] for c in fields.context]
        self._single = len(self._context) == 1
        self._rest = tuple(
            -1 if col is None else index[col]
            for col in (fields.volume, fields.date, fields.region, fields.id)
        )

    def __call__(self, cells: list[str]) -> tuple[str, str, str | None, str | None, str, str]:
        n = len(cells)
        if self._single:
            context = cells[self._context[0]] if self._context[0] < n else ""
        else:
            context = join_context(cells[i] for i in self._context if i < n)
        volume_i, date_i, region_i, id_i = self._rest
        return (
            cells[self._topic] if self._topic < n else "",
            context,
            cells[volume_i] if 0 <= volume_i < n else None,
            cells[date_i] if 0 <= date_i < n else None,
            cells[region_i] if 0 <= region_i < n else "",
            cells[id_i] if 0 <= id_i < n else "",
        )


def _records(reader: Iterator[list[str]], source: str) -> Iterator[tuple[int, int, list[str]]]:
    """Non-blank records with their first and last physical line; skips an Explore preamble."""
    end = 0
    started = False
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num  # type: ignore[attr-defined]
            if not cells or not "".join(cells).strip():
                continue
            if not started and len(cells) == 1 and _EXPLORE_PREAMBLE.match(cells[0]):
                continue
            started = True
            yield start, end, cells
    except csv.Error as exc:
        raise FeedError(
            f"cannot parse CSV: {exc}",
            source=source,
            where=f"line {reader.line_num}",  # type: ignore[attr-defined]
            hint='look for an unbalanced double quote (") on or before that line',
        ) from None


def _is_explore_section(cells: list[str]) -> bool:
    """``TOP``, ``RISING``, ``RISING,percent``: a block header, not a query named "top"."""
    return (
        _EXPLORE_SECTION.fullmatch(cells[0].strip()) is not None
        and len(cells) <= 2
        and (len(cells) == 1 or cells[1].strip().casefold() in _EXPLORE_SECOND)
    )


def sniff_delimiter(text: str) -> str:
    """``,`` unless the header line clearly uses ``;`` (European Excel) or a tab instead."""
    header = text[: text.find("\n")] if "\n" in text else text
    if "," in header:
        return ","
    counts = {d: header.count(d) for d in (";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
