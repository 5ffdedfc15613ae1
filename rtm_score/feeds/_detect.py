"""Finding a feed's format: from the file extension, else from its first characters."""

from __future__ import annotations

import os

from rtm_score.feeds._registry import EXTENSIONS
from rtm_score.feeds._types import FeedFormat


def detect_format(name: str, text: str) -> FeedFormat:
    """The format named by ``name``'s extension, else the one ``text`` looks like.

    ``{``/``[`` is JSON (the JSON reader itself tells JSON Lines and trends/place apart),
    ``<`` is RSS, and anything else is CSV, or TSV when the first line has more tabs than commas.
    """
    by_name = EXTENSIONS.get(os.path.splitext(name)[1].casefold())
    if by_name is not None:
        return by_name
    return sniff_format(text)


def sniff_format(text: str) -> FeedFormat:
    """The format ``text`` (already decoded, BOM removed) looks like."""
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return FeedFormat.JSON
    if head == "<":
        return FeedFormat.GOOGLE_TRENDS
    first = text.split("\n", 1)[0]
    return FeedFormat.TSV if first.count("\t") > first.count(",") else FeedFormat.CSV
