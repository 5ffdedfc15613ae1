"""Dates and time zones of planned posts: parsing calendar dates and finding a post's local day.

A post's day is judged where its audience is:

- a plain date (``2026-09-11``) is the local day itself;
- a date-time without offset (``2026-09-10 23:30``) is local wall-clock time, so its date part;
- a date-time with a named zone (a ``timezone`` column, ``2026-09-10 23:30 America/Los_Angeles``
  or ``2026-09-10T23:30-07:00[America/Los_Angeles]``) is converted to that zone;
- a date-time with only an offset (``2026-09-11T03:30Z``) names an instant but no place, so it is
  converted to the region's default zone (``US`` -> ``America/New_York``, see
  ``rtm_score/data/region_zones.txt``); a region without a default keeps the date as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..feeds._values import FIRST_YEAR, LAST_YEAR
from ..vocab.regions import RegionError, default_zone, regions
from .models import PlannedPost, PostTime

DATE_HINT = (
    "write dates as YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional offset (+02:00, Z) "
    "or zone (2026-09-10 23:30 America/Los_Angeles)"
)
ZONE_HINT = "use an IANA zone name such as America/New_York, Europe/London or UTC"

_BRACKET_ZONE = re.compile(r"^(?P<dt>.+?)\s*\[(?P<zone>[^\]]+)\]$")
_TRAILING_ZONE = re.compile(
    r"^(?P<dt>\S+(?:[ T]\S+)?)\s+(?P<zone>[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*)$"
)
_TIME_ONLY = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?$")


class WhenError(ValueError):
    """A date, time, zone or region in a calendar cannot be understood (message + hint)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class ParsedWhen:
    """A calendar date cell, parsed: the time and any zone named inside it."""

    time: PostTime
    zone: str = ""


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises :class:`WhenError` for an unknown one."""
    return _zone(name.strip())


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        shown = name if len(name) <= 60 else name[:57] + "..."
        raise WhenError(f"unknown time zone {shown!r}", ZONE_HINT) from None


def parse_when(raw: str, time_raw: str = "") -> ParsedWhen:
    """Parse a calendar date cell (and an optional separate time cell).

    Raises:
        WhenError: the text is not an ISO date or date-time, or names an unknown zone.
    """
    text = raw.strip()
    if not text:
        raise WhenError("the date is empty", DATE_HINT)
    named = ""
    m = _BRACKET_ZONE.match(text)
    if m is None and not _parses(text):
        m = _TRAILING_ZONE.match(text)
    if m is not None:
        text, named = m.group("dt").strip(), m.group("zone").strip()
    try:
        value: dt.date = dt.datetime.fromisoformat(text) if _has_time(text) else _date(text)
    except ValueError:
        raise WhenError(f"cannot read {raw.strip()!r} as a date", DATE_HINT) from None
    if time_raw.strip():
        if isinstance(value, dt.datetime):
            raise WhenError(
                f"the date {raw.strip()!r} already has a time, and the time column says "
                f"{time_raw.strip()!r}",
                "give the time in one place only",
            )
        value = dt.datetime.combine(value, _time(time_raw))
    if named:
        tz = zone(named)
        if isinstance(value, dt.datetime):
            value = value.replace(tzinfo=tz) if value.tzinfo is None else value
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise WhenError(
            f"the date {raw.strip()!r} is outside the years {FIRST_YEAR}-{LAST_YEAR}", DATE_HINT
        )
    return ParsedWhen(PostTime(value=value, raw=raw.strip()), named)


def _parses(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _has_time(text: str) -> bool:
    return len(text) > 10 and text[10] in "T t"


def _date(text: str) -> dt.date:
    # fromisoformat on date accepts "20260911" too; keep that, but reject trailing junk.
    return dt.date.fromisoformat(text)


def _time(text: str) -> dt.time:
    m = _TIME_ONLY.match(text.strip())
    if m is None:
        raise WhenError(f"cannot read {text.strip()!r} as a time", "write times as HH:MM (24-hour)")
    try:
        return dt.time(int(m.group("h")), int(m.group("m")), int(m.group("s") or 0))
    except ValueError:
        raise WhenError(f"{text.strip()!r} is not a time of day", "write times as HH:MM") from None


def parse_regions(text: str) -> tuple[str, ...]:
    """Split a region cell (``US, CA`` or ``US;GB``) into normalised codes (``UK`` -> ``GB``).

    Raises:
        WhenError: a code is not ISO 3166 (see :mod:`rtm_score.vocab.regions`).
    """
    try:
        return regions(text)
    except RegionError as exc:
        raise WhenError(exc.message, exc.hint) from None


def local_day(post: PlannedPost, region: str) -> dt.date:
    """The day the post goes out for its audience in ``region`` (see the module docstring)."""
    value = post.when.value
    if not isinstance(value, dt.datetime):
        return value
    if value.tzinfo is None:
        return value.date()
    name = post.timezone or (default_zone(region) if region else "")
    if not name:
        return value.date()
    return value.astimezone(zone(name)).date()


def local_time_text(post: PlannedPost, region: str) -> str:
    """The post's local time for evidence, e.g. ``2026-09-10 23:30 America/Los_Angeles``."""
    value = post.when.value
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    if value.tzinfo is None:
        tail = f" {post.timezone}" if post.timezone else ""
        return f"{value:%Y-%m-%d %H:%M}{tail}"
    name = post.timezone or (default_zone(region) if region else "")
    if not name:
        return value.isoformat(timespec="minutes")
    return f"{value.astimezone(zone(name)):%Y-%m-%d %H:%M} {name}"
