"""Google Trends "trending now" RSS (and plain RSS/Atom items), parsed with stdlib expat."""

from __future__ import annotations

import re
from typing import Any
from xml.parsers import expat

from rtm_score.errors import FeedError
from rtm_score.feeds._columns import ColumnMap
from rtm_score.feeds._rows import Record, topics_from_records
from rtm_score.models import RowError, Topic

_ITEMS = frozenset({"item", "entry"})  # RSS 2.0, Atom
_GEO = re.compile(r"[?&]geo=([A-Za-z]{2})\b")


class _DtdRefused(Exception):
    """A DOCTYPE was found: refused so entity expansion (billion laughs) cannot happen."""


def read_rss(
    text: str, *, source: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError]]:
    """Read the items of an RSS feed; each ``<item>`` is a row.

    Google Trends items give ``title`` (topic), ``ht:approx_traffic`` (volume, "20K+"),
    ``pubDate`` (date) and their ``ht:news_item_title``s (context, joined). The channel's
    ``<link>`` ``?geo=XX`` becomes the region. Namespace prefixes are ignored (local names are
    used), so feeds that forget to declare ``xmlns:ht`` still load.

    Raises:
        FeedError: not well-formed XML, a DOCTYPE (refused), or no items.
    """
    if "<html" in text[:1024].casefold():
        raise FeedError(
            "this is an HTML page, not an RSS feed",
            source=source,
            hint="save the feed itself, e.g. https://trends.google.com/trending/rss?geo=US",
        )
    builder = _ItemBuilder()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = lambda name, _attrs: builder.start(name, parser.CurrentLineNumber)
    parser.EndElementHandler = lambda _name: builder.end()
    parser.CharacterDataHandler = builder.text
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise FeedError(
            f"invalid XML: {expat.ErrorString(exc.code)}",
            source=source,
            where=f"line {exc.lineno} column {exc.offset + 1}",
        ) from None
    except _DtdRefused:
        raise FeedError(
            "XML with a DOCTYPE is not accepted (entity expansion is unsafe)",
            source=source,
            hint="feeds need no DTD: remove the <!DOCTYPE ...> declaration",
        ) from None
    if not builder.items:
        raise FeedError(
            "no rows: the XML holds no <item> elements",
            source=source,
            hint="expected an RSS feed such as https://trends.google.com/trending/rss?geo=US",
        )
    shared: dict[str, Any] = {}
    if match := _GEO.search(builder.channel_link):
        shared["geo"] = match[1].upper()
    records = [Record(line, data, shared) for line, data in builder.items]
    return topics_from_records(records, columns, source=source)


def _refuse_dtd(*_args: object) -> None:
    raise _DtdRefused


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _ItemBuilder:
    """Turns each item's subtree into a dict: leaves are text, repeated or nested tags nest.

    ``<ht:news_item><ht:news_item_title>A</...></...>`` twice becomes
    ``{"news_item": [{"news_item_title": "A", ...}, {...}]}``.
    """

    def __init__(self) -> None:
        self.items: list[tuple[int, dict[str, Any]]] = []
        self.channel_link = ""
        self._path: list[str] = []
        # Open elements inside the current item: (name, children, text parts).
        self._open: list[tuple[str, dict[str, Any], list[str]]] = []
        self._item_line = 0

    def start(self, name: str, line: int) -> None:
        local = _local(name)
        self._path.append(local)
        if self._open or local in _ITEMS:
            if not self._open:
                self._item_line = line
            self._open.append((local, {}, []))

    def text(self, data: str) -> None:
        if self._open:
            self._open[-1][2].append(data)
        elif self._path[-2:] == ["channel", "link"]:
            self.channel_link += data

    def end(self) -> None:
        self._path.pop()
        if not self._open:
            return
        name, children, parts = self._open.pop()
        if not self._open:
            self.items.append((self._item_line, children))
            return
        value: Any = children if children else "".join(parts).strip()
        parent = self._open[-1][1]
        if name not in parent:
            parent[name] = value
        elif isinstance(parent[name], list):
            parent[name].append(value)
        else:
            parent[name] = [parent[name], value]
