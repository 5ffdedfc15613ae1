"""The feed formats, one entry each: its name, its file suffixes, how its content is told
apart, and its reader.

Adding a format touches this module only (plus its tests, and a parser module if the format
needs one): a ``FeedFormat`` member and one ``Reader`` entry; ``tests/feeds/test_registry.py``
checks that every member has a reader, every suffix a format and every sample its format. The
plain-text list (``FeedFormat.TEXT``) was added that way. Each reader imports its parser on first
use, so reading CSV never imports expat.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable
from dataclasses import dataclass

from rtm_score.errors import FeedError
from rtm_score.feeds._columns import ColumnMap
from rtm_score.models import RowError, Topic


class FeedFormat(str, enum.Enum):
    """A feed format; the values are what ``--format-in`` accepts."""

    AUTO = "auto"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    TWITTER = "twitter"
    """The X/Twitter API ``GET trends/place`` JSON response."""
    GOOGLE_TRENDS = "google-trends-rss"
    """The Google Trends "trending now" RSS feed (XML)."""
    TEXT = "text"
    """A plain list of topic names, one per line (what a person pastes from a trends page)."""


Read = Callable[[str, str, ColumnMap | None], tuple[list[Topic], list[RowError], FeedFormat]]
"""(text, source name, columns) -> (topics, bad rows, the format actually read)."""


@dataclass(frozen=True, slots=True)
class Reader:
    """One feed format: the suffixes that name it, whether a text looks like it, its reader."""

    format: FeedFormat
    suffixes: tuple[str, ...]
    read: Read
    sniff: Callable[[str], bool] | None = None
    """True when a text without a telling name is this format (tried in registry order;
    None: never guessed, only named or forced)."""


def _tabular(delimiter: str, fmt: FeedFormat) -> Read:
    def read(
        text: str, name: str, columns: ColumnMap | None
    ) -> tuple[list[Topic], list[RowError], FeedFormat]:
        from rtm_score.feeds.tabular import read_tabular

        return (*read_tabular(text, delimiter=delimiter, source=name, columns=columns), fmt)

    return read


def _json(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    from rtm_score.feeds.jsonfeeds import read_json

    # The JSON reader itself tells JSON Lines and X/Twitter trends/place apart.
    topics, errors, kind = read_json(text, source=name, columns=columns)
    return topics, errors, FeedFormat(kind)


def _jsonl(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    from rtm_score.feeds.jsonfeeds import read_jsonl

    return (*read_jsonl(text, source=name, columns=columns), FeedFormat.JSONL)


def _looks_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _looks_xml(text: str) -> bool:
    return text.lstrip()[:1] == "<"


def _looks_tsv(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first.count("\t") > first.count(",")


def _twitter(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    from rtm_score.feeds.jsonfeeds import read_json

    if not _looks_json(text):
        raise FeedError(
            "not an X/Twitter trends/place JSON response",
            source=name,
            hint="for a CSV export of trends use --format-in csv",
        )
    topics, errors, _ = read_json(text, source=name, columns=columns, twitter=True)
    return topics, errors, FeedFormat.TWITTER


def _google_trends(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    if _looks_json(text):
        # The scraped JSON shape of the same feed (title, trafficCount, pubDate, relatedSearch).
        from rtm_score.feeds.jsonfeeds import read_json

        topics, errors, _ = read_json(text, source=name, columns=columns)
        return topics, errors, FeedFormat.GOOGLE_TRENDS
    from rtm_score.feeds.rss import read_rss

    return (*read_rss(text, source=name, columns=columns), FeedFormat.GOOGLE_TRENDS)


def _text(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    """One topic per non-blank line (a ``#`` starts a hashtag, not a comment); its id is the
    line number, so a topic keeps its id when the lines above it stay."""
    from rtm_score.feeds._rows import Record, topics_from_records

    records = [
        Record(n, {"id": str(n), "topic": line.strip()})
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    return (*topics_from_records(records, columns, source=name), FeedFormat.TEXT)


READERS: dict[FeedFormat, Reader] = {
    r.format: r
    for r in (
        # The JSON reader itself tells JSON Lines and X/Twitter trends/place apart.
        Reader(FeedFormat.JSON, (".json",), _json, _looks_json),
        Reader(FeedFormat.JSONL, (".jsonl", ".ndjson"), _jsonl),
        Reader(FeedFormat.TWITTER, (), _twitter),
        Reader(FeedFormat.GOOGLE_TRENDS, (".xml", ".rss"), _google_trends, _looks_xml),
        Reader(FeedFormat.TEXT, (), _text),  # never guessed: a .txt is often a CSV
        Reader(FeedFormat.TSV, (".tsv", ".tab"), _tabular("\t", FeedFormat.TSV), _looks_tsv),
        Reader(FeedFormat.CSV, (".csv",), _tabular(",", FeedFormat.CSV), lambda _text: True),
    )
}
"""Every readable format (``FeedFormat.AUTO`` is not one: it asks for detection), in the
order their ``sniff`` is tried; CSV, last, takes whatever the others do not."""

EXTENSIONS: dict[str, FeedFormat] = {s: r.format for r in READERS.values() for s in r.suffixes}
"""File suffix -> format, from the readers' own suffixes."""


def detect_format(name: str, text: str) -> FeedFormat:
    """The format named by ``name``'s extension, else the one ``text`` looks like."""
    by_name = EXTENSIONS.get(os.path.splitext(name)[1].casefold())
    return by_name if by_name is not None else sniff_format(text)


def sniff_format(text: str) -> FeedFormat:
    """The first format, in registry order, that ``text`` (decoded, BOM removed) looks like."""
    return next(r.format for r in READERS.values() if r.sniff is not None and r.sniff(text))
