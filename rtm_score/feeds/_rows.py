"""One feed row to one Topic, or to a RowError saying why the row was skipped."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rtm_score.feeds._columns import ColumnMap, resolve_fields
from rtm_score.feeds._values import CONTEXT_JOINER, parse_date, parse_volume, text_of
from rtm_score.models import RowError, SourceRef, Topic

_MISSING = object()
_DAMAGED = re.compile("[\udc80-\udcff]")
"""A byte UTF-8 could not decode, as ``surrogateescape`` keeps it."""


class TopicFactory:
    """Builds Topics for one feed; caches parsed dates (a feed repeats few distinct dates)."""

    __slots__ = ("_dates", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._dates: dict[object, dt.date | None] = {}

    def make(
        self,
        row: int,
        line: int | None,
        name: str,
        context: str = "",
        volume: object = None,
        date: object = None,
        region: str = "",
        id_: str = "",
    ) -> Topic | RowError:
        """A Topic, or a RowError naming every problem of the row (``row`` is 1-based).

        Text arguments are already text (see ``text_of``); volume and date are raw cells.
        """
        where = SourceRef(self.source, line)
        damage = _damage(name, context, region, id_, volume, date)
        if damage is not None:  # what else is wrong with the row comes of it
            return RowError(row=row, message=damage, source=str(where))
        problems: list[str] = []
        if not name or name.isspace():
            problems.append("empty topic")
        elif not (name.isascii() and name.isprintable()) and not _visible(name):
            problems.append("empty topic (only invisible or control characters)")
        number: float | None = None
        if volume is not None and volume != "":
            try:
                number = parse_volume(volume)
            except ValueError as exc:
                problems.append(str(exc))
        day: dt.date | None = None
        if date is not None and date != "":
            try:
                day = self._dates[date]
            except (KeyError, TypeError):
                try:
                    day = parse_date(date)
                except ValueError as exc:
                    problems.append(str(exc))
                else:
                    if isinstance(date, str | int):
                        self._dates[date] = day
        if problems:
            return RowError(row=row, message="; ".join(problems), source=str(where))
        return Topic(
            id=id_ or str(row),
            name=name,
            context=context if context and not context.isspace() else "",
            volume=number,
            date=day,
            region=region or None,
            source=where,
        )


def join_context(values: Iterable[object]) -> str:
    """Several context values as one string; empty ones are left out."""
    return CONTEXT_JOINER.join(t for t in map(text_of, values) if t and not t.isspace())


@dataclass(frozen=True, slots=True)
class Record:
    """One item of a JSON, JSON Lines or RSS feed, with values shared by its siblings."""

    line: int | None
    data: Mapping[str, Any]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    """Why the item could not be read at all (e.g. a JSON Lines line that is not JSON)."""

    def get(self, key: str | None) -> Any:
        """The item's value for ``key``, else the shared one, else None."""
        if key is None:
            return None
        value = self.data.get(key, _MISSING)
        return self.defaults.get(key) if value is _MISSING else value


def topics_from_records(
    records: Sequence[Record], columns: ColumnMap | None, *, source: str
) -> tuple[list[Topic], list[RowError]]:
    """Resolve the columns over all records' keys, then build one Topic per record."""
    keys: dict[str, None] = {}
    shared: dict[str, None] = {}
    for rec in records:
        keys.update(dict.fromkeys(rec.data))
        shared.update(dict.fromkeys(rec.defaults))
    fields = resolve_fields(list(keys), columns, source=source, fallback=list(shared))
    factory = TopicFactory(source)
    topics: list[Topic] = []
    errors: list[RowError] = []
    for row, rec in enumerate(records, 1):
        if rec.error is not None:
            errors.append(RowError(row, rec.error, str(SourceRef(source, rec.line))))
            continue
        made = factory.make(
            row,
            rec.line,
            text_of(rec.get(fields.topic)),
            join_context(rec.get(c) for c in fields.context),
            rec.get(fields.volume),
            rec.get(fields.date),
            text_of(rec.get(fields.region)),
            text_of(rec.get(fields.id)),
        )
        if isinstance(made, Topic):
            topics.append(made)
        else:
            errors.append(made)
    return topics, errors


def _damage(*cells: object) -> str | None:
    """The problem of a row whose cells hold a byte the feed's decoding kept undecoded
    (``feeds._decode``, as a ``surrogateescape`` code point), or None."""
    for cell in cells:
        if isinstance(cell, str) and not cell.isascii():
            damaged = _DAMAGED.search(cell)
            if damaged is not None:
                byte = ord(damaged.group()) - 0xDC00
                return f"not UTF-8: byte 0x{byte:02X} cannot be decoded (save the feed as UTF-8)"
    return None


_BLANK_LOOKING = frozenset("\u115f\u1160\u2800\u3164\uffa0")
"""Letters and symbols that show as blank space (Hangul fillers, the blank braille pattern)."""


def _visible(text: str) -> bool:
    """Whether ``text`` has a character a reader sees: a letter, a digit, a punctuation mark
    or a symbol, other than one that shows as blank. Invisible format characters (zero-width
    spaces, bidi marks, tags), controls, lone combining marks and variation selectors are not;
    an emoji joined by zero-width joiners is."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK_LOOKING for ch in text)
