"""Which feed column feeds which Topic field: common aliases, explicit ``--columns`` maps."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields

from rtm_score.errors import FeedError, UsageError


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """An explicit mapping from a Topic field to the feed's column name; None = auto-detect.

    An empty string switches a field off (``date=""`` ignores the feed's date column).
    ``context`` may name several columns joined with ``+`` (``tags+channel_title``).
    """

    topic: str | None = None
    context: str | None = None
    volume: str | None = None
    date: str | None = None
    region: str | None = None
    id: str | None = None


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ColumnMap))

# Column names each field is found by, best first; compared after _norm() (case, "_", " " ignored).
ALIASES: dict[str, tuple[str, ...]] = {
    "topic": (
        "topic", "name", "trend", "trend_name", "title", "hashtag", "tag", "keyword",
        "query", "search_term", "term", "article",
    ),
    "context": (
        "context", "description", "headline", "news", "news_item", "news_items",
        "news_title", "summary", "snippet", "related_search", "related_searches", "articles",
        "tags", "channel_title", "channel",
    ),
    "volume": (
        "volume", "tweet_volume", "tweets", "tweet_count", "traffic", "approx_traffic",
        "traffic_count", "formatted_traffic", "search_volume", "searches", "views",
        "pageviews", "page_views",
    ),
    "date": (
        "date", "timestamp", "datetime", "as_of", "pubdate", "pub_date", "published",
        "published_at", "trending_date", "peak_date", "created_at",
    ),
    "region": ("region", "country", "country_code", "geo", "location"),
    "id": ("id", "topic_id", "trend_id", "video_id", "guid"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fields:
    """The resolved columns (names as spelled in the feed) for each Topic field."""

    topic: str
    context: tuple[str, ...] = ()
    volume: str | None = None
    date: str | None = None
    region: str | None = None
    id: str | None = None


_NON_ALNUM = re.compile(r"[\W_]+")


def _norm(name: str) -> str:
    return _NON_ALNUM.sub("", name.casefold())


def resolve_fields(
    columns: Sequence[str],
    mapping: ColumnMap | None = None,
    *,
    source: str,
    fallback: Sequence[str] = (),
) -> Fields:
    """Pick the column for each field: the explicit mapping first, then the aliases.

    ``fallback`` columns (values shared by every record, such as a JSON wrapper's ``as_of``)
    are searched only when no ``columns`` entry matches.

    Raises:
        FeedError: a mapped column is missing, or no topic column can be found.
    """
    mapping = mapping or ColumnMap()
    everything = [*columns, *(c for c in fallback if c not in columns)]
    chosen: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        wanted = getattr(mapping, field)
        if wanted is None:
            continue
        if field == "topic" and not wanted.strip():
            raise UsageError("--columns topic= needs a column name", hint="e.g. topic=trend_name")
        names = _split_context(wanted, everything) if field == "context" else [wanted]
        chosen[field] = tuple(_find(n, field, everything, source) for n in names if n)
    used = {c for cols in chosen.values() for c in cols}
    for field in FIELDS:
        if field in chosen:
            continue
        found = _auto(field, columns, used) or _auto(field, fallback, used)
        if field != "context":
            found = found[:1]
        chosen[field] = found
        used.update(found)
    if not chosen["topic"]:
        raise FeedError(
            "no topic column (looked for " + ", ".join(ALIASES["topic"][:8]) + ", ...)",
            source=source,
            hint=f"columns found: {_listing(everything)}; rename one to topic (score and eval "
            "can also map one with --columns topic=NAME)",
        )

    def one(field: str) -> str | None:
        return chosen[field][0] if chosen[field] else None

    return Fields(
        topic=chosen["topic"][0],
        context=chosen["context"],
        volume=one("volume"),
        date=one("date"),
        region=one("region"),
        id=one("id"),
    )


def _split_context(wanted: str, columns: Sequence[str]) -> list[str]:
    if wanted in columns or "+" not in wanted:
        return [wanted]
    return [part.strip() for part in wanted.split("+")]


def _auto(field: str, columns: Sequence[str], used: set[str]) -> tuple[str, ...]:
    return by_alias(columns, ALIASES[field], used)


def by_alias(
    columns: Sequence[str], aliases: Sequence[str], used: Collection[str] = ()
) -> tuple[str, ...]:
    """The ``columns`` (as spelled) that an alias names, in the aliases' order of preference,
    leaving out ``used`` ones. Names compare without case, spaces, dashes or underscores
    (``Publish At`` is ``publish_at``); the first of two columns that compare equal wins. The
    one column matcher of every file the tool reads by header: feeds and campaign calendars."""
    by_norm: dict[str, str] = {}
    for col in columns:
        if col not in used:
            by_norm.setdefault(_norm(col), col)
    return tuple(by_norm[a] for a in map(_norm, aliases) if a in by_norm)


def _find(wanted: str, field: str, columns: Sequence[str], source: str) -> str:
    if wanted in columns:
        return wanted
    for key in (str.casefold, _norm):
        for col in columns:
            if key(col) == key(wanted):
                return col
    close = difflib.get_close_matches(wanted.casefold(), [c.casefold() for c in columns], n=1)
    guess = next((c for c in columns if close and c.casefold() == close[0]), None)
    hint = f"columns found: {_listing(columns)}"
    if guess is not None:
        hint = f"did you mean '{guess}'? {hint}"
    raise FeedError(
        f"column '{wanted}' (mapped to {field}) is not in the feed", source=source, hint=hint
    )


def _listing(columns: Sequence[str], limit: int = 30) -> str:
    shown = ", ".join(c if c else "(unnamed)" for c in columns[:limit])
    extra = len(columns) - limit
    return f"{shown}, ... ({extra} more)" if extra > 0 else (shown or "(none)")


def parse_column_map(spec: str) -> ColumnMap:
    """Parse the CLI's ``--columns topic=trend_name,context=headline`` into a ColumnMap.

    Raises:
        UsageError: an item is not ``field=column``, names an unknown field, or repeats one.
    """
    values: dict[str, str] = {}
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        field, sep, column = item.partition("=")
        field = field.strip().casefold()
        if not sep:
            raise UsageError(
                f"--columns: '{item}' is not field=column", hint="e.g. --columns topic=trend_name"
            )
        if field not in FIELDS:
            close = difflib.get_close_matches(field, FIELDS, n=1)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(
                f"--columns: unknown field '{field}'{guess}", hint="fields: " + ", ".join(FIELDS)
            )
        if field in values:
            raise UsageError(f"--columns: field '{field}' is given twice")
        values[field] = column.strip()
    return ColumnMap(**values)
