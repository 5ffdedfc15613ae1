"""The feed readers' read result (the format enum lives with the registry that reads it)."""

from __future__ import annotations

from dataclasses import dataclass

from rtm_score.feeds._registry import FeedFormat
from rtm_score.models import RowError, Topic


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What a feed held: the topics read, the rows skipped (with why), the format and the source."""

    topics: tuple[Topic, ...]
    errors: tuple[RowError, ...]
    format: FeedFormat
    source: str
