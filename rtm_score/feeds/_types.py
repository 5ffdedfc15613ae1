"""The feed readers' public value types: the format enum and the read result."""

from __future__ import annotations

import enum
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What a feed held: the topics read, the rows skipped (with why), the format and the source."""

    topics: tuple[Topic, ...]
    errors: tuple[RowError, ...]
    format: FeedFormat
    source: str
