"""Reading campaign calendars (CSV, TSV, YAML, JSON, JSON Lines) into planned posts with lines.

Columns are found by common names (see ``COLUMNS``); other columns are ignored, because real
calendars carry owners, statuses and links. Every post keeps the file and line of its row, for
CSV and YAML alike, so that findings point at the row. A row that cannot be read stops the check
with a :class:`~rtm_score.errors.CalendarError` naming the file and line: a gate that skipped an
unreadable row could wave through the one post that mattered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CalendarError, Problem
from .models import PlannedPost
from .readers import (
    COLUMNS,
    Cell,
    Records,
    column_map,
    csv_records,
    json_records,
    jsonl_records,
    read_text,
    yaml_records,
)
from .when import WhenError, parse_regions, parse_when, zone

__all__ = ["COLUMNS", "SUFFIXES", "read_calendar"]

SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@dataclass(frozen=True, slots=True)
class _Problem:
    line: int
    message: str
    hint: str


def read_calendar(path: str | Path, fmt: str | None = None) -> list[PlannedPost]:
    """Read a calendar file into planned posts, each with its file and line.

    Args:
        path: the calendar; its suffix picks the format unless ``fmt`` is given.
        fmt: ``csv``, ``tsv``, ``yaml``, ``json`` or ``jsonl``.

    Raises:
        CalendarError: the file is missing, not UTF-8, malformed, lacks a date or copy column,
            or rows have values that cannot be read (``problems`` holds each such row at its
            line; the error reads as the first).
    """
    source = str(path)
    kind = fmt or SUFFIXES.get(Path(source).suffix.lower())
    if kind is None:
        raise CalendarError(
            f"cannot tell the calendar format from the name {Path(source).name!r}",
            source=source,
            hint="use a .csv, .tsv, .yaml, .yml, .json or .jsonl file",
        )
    text = read_text(Path(source), source)
    if kind in ("csv", "tsv"):
        records = csv_records(text, source, "\t" if kind == "tsv" else ",")
    elif kind == "yaml":
        records = yaml_records(text, source)
    elif kind == "json":
        records = json_records(text, source)
    elif kind == "jsonl":
        records = jsonl_records(text, source)
    else:
        raise CalendarError(
            f"unknown calendar format {kind!r}",
            source=source,
            hint="use csv, tsv, yaml, json or jsonl",
        )
    return _build_posts(records, source)


def _build_posts(records: Records, source: str) -> list[PlannedPost]:
    posts: list[PlannedPost] = []
    problems: list[_Problem] = []
    for line, record in records:
        try:
            posts.append(_post(record, source, line, len(posts) + 1))
        except _RowProblem as exc:
            problems.append(_Problem(line, exc.message, exc.hint))
    if problems:
        # Every bad row, each at its line, in the one problem shape of every data file; the
        # error itself reads as the first of them.
        first = problems[0]
        raise CalendarError(
            first.message,
            source=source,
            where=f"line {first.line}",
            hint=first.hint,
            problems=tuple(
                Problem(p.message, source=source, line=p.line, hint=p.hint) for p in problems
            ),
        )
    return posts


class _RowProblem(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _text(record: Mapping[str, Cell], key: str | None, what: str) -> str:
    if key is None:
        return ""
    value = record.get(key, "")
    if isinstance(value, list):
        raise _RowProblem(f"{what} must be text, not a list", f"write the {what} as one text")
    return value


def _items(record: Mapping[str, Cell], key: str | None) -> list[str]:
    if key is None:
        return []
    value = record.get(key, "")
    if isinstance(value, list):
        return [v.strip() for v in value if v.strip()]
    return [v for v in value.replace(",", " ").replace(";", " ").split() if v]


def _post(record: Mapping[str, Cell], source: str, line: int, row: int) -> PlannedPost:
    cols = column_map(list(record))
    if "date" not in cols:
        raise _RowProblem("the post has no date", f"add a {COLUMNS['date'][0]} column or key")
    if "copy" not in cols:
        raise _RowProblem("the post has no copy", f"add a {COLUMNS['copy'][0]} column or key")
    try:
        parsed = parse_when(
            _text(record, cols["date"], "the date"), _text(record, cols.get("time"), "the time")
        )
        tz_name = _text(record, cols.get("timezone"), "the time zone").strip()
        if tz_name:
            zone(tz_name)
        if tz_name and parsed.zone and tz_name != parsed.zone:
            raise _RowProblem(
                f"the date names the zone {parsed.zone} but the timezone column says {tz_name}",
                "give the zone in one place only",
            )
        regions = parse_regions(" ".join(_items(record, cols.get("region"))))
    except WhenError as exc:
        raise _RowProblem(exc.message, exc.hint) from None
    return PlannedPost(
        source=source,
        line=line,
        row=row,
        when=parsed.time,
        copy=_text(record, cols["copy"], "the copy"),
        id=_text(record, cols.get("id"), "the id").strip(),
        hashtags=tuple(h.lstrip("#") for h in _items(record, cols.get("hashtags")) if h != "#"),
        channel=_text(record, cols.get("channel"), "the channel").strip(),
        regions=regions,
        timezone=tz_name or parsed.zone,
        ignore=_text(record, cols.get("ignore"), "rtm_ignore").strip(),
    )
