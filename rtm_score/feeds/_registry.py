"""The feed formats: one entry per format, with its file suffixes and its reader.

Adding a format means adding a ``FeedFormat`` member and one ``Reader`` here (and its tests);
``tests/feeds/test_registry.py`` checks that every member has a reader and every suffix a
format. Each reader imports its parser on first use, so reading CSV never imports expat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rtm_score.errors import FeedError
from rtm_score.feeds._columns import ColumnMap
from rtm_score.feeds._types import FeedFormat
from rtm_score.models import RowError, Topic

Read = Callable[[str, str, ColumnMap | None], tuple[list[Topic], list[RowError], FeedFormat]]
"""(text, source name, columns) -> (topics, bad rows, the format actually read)."""


@dataclass(frozen=True, slots=True)
class Reader:
    """One feed format: the suffixes that name it and the function that reads it."""

    format: FeedFormat
    suffixes: tuple[str, ...]
    read: Read


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
    return read_json(text, source=name, columns=columns)


def _jsonl(
    text: str, name: str, columns: ColumnMap | None
) -> tuple[list[Topic], list[RowError], FeedFormat]:
    from rtm_score.feeds.jsonfeeds import read_jsonl

    return (*read_jsonl(text, source=name, columns=columns), FeedFormat.JSONL)


def _looks_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


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
    return read_json(text, source=name, columns=columns, twitter=True)


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


READERS: dict[FeedFormat, Reader] = {
    r.format: r
    for r in (
        Reader(FeedFormat.CSV, (".csv",), _tabular(",", FeedFormat.CSV)),
        Reader(FeedFormat.TSV, (".tsv", ".tab"), _tabular("\t", FeedFormat.TSV)),
        Reader(FeedFormat.JSON, (".json",), _json),
        Reader(FeedFormat.JSONL, (".jsonl", ".ndjson"), _jsonl),
        Reader(FeedFormat.TWITTER, (), _twitter),
        Reader(FeedFormat.GOOGLE_TRENDS, (".xml", ".rss"), _google_trends),
    )
}
"""Every readable format (``FeedFormat.AUTO`` is not one: it asks for detection)."""

EXTENSIONS: dict[str, FeedFormat] = {s: r.format for r in READERS.values() for s in r.suffixes}
"""File suffix -> format, from the readers' own suffixes."""
