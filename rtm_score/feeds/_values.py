"""Cell values to Python values: volumes ("20K+", "1,234"), dates (ISO, RFC 822, ...) and text."""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re
from collections.abc import Mapping

CONTEXT_JOINER = " | "
"""Separates several context values (columns, news titles) in ``Topic.context``."""

# Spellings of "no value" in a volume cell; a topic named "NA" stays a topic (never checked here).
_NULL_VOLUMES = frozenset({"", "na", "n/a", "nan", "none", "null", "-", "\u2014", "?"})
# "1,234" and "1,234.5" group thousands; "1,5K" (one or two digits after the comma, as
# European exports write) is a decimal comma.
_VOLUME_RE = re.compile(
    r"(?:(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]*\.?[0-9]+)"
    r"|(?P<int>[0-9]+),(?P<frac>[0-9]{1,2}))"
    r"\s*(?P<suffix>[kmb]|bn)?\s*\+?",
    re.IGNORECASE,
)
_SUFFIX = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}

_SLASH_DATE_RE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T].*)?")
# The later Kaggle "Trending YouTube Video Statistics" release writes trending_date as YY.DD.MM.
_YOUTUBE_DATE_RE = re.compile(r"(\d{2})\.(\d{2})\.(\d{2})")
# The first (2017) release wrote DD.MM with no year (and a spreadsheet ate October's zero).
_YEARLESS_DATE_RE = re.compile(r"\d{1,2}\.\d{1,2}")
# "2021-10": a month, as hand-made feeds write an approximate date; it names no day.
_MONTH_RE = re.compile(r"\d{4}-\d{2}")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _shown(raw: object, width: int = 40) -> str:
    """A bad cell as a message quotes it: repr, and at most ``width`` characters of it."""
    text = repr(raw)
    return text if len(text) <= width else f"{text[: width - 5]}...{text[-2:]}"


def parse_volume(raw: object) -> float | None:
    """A volume cell as a number, or None when empty.

    Accepts numbers, ``"547213.0"``, ``"1,234"``, and Google Trends' ``"200+"``, ``"20K+"``,
    ``"1M+"``. Raises ValueError (with the reason) for anything else.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"volume {_shown(raw)} is not a number")
    if isinstance(raw, int | float):
        return _check_volume(float(raw), raw)
    text = str(raw).strip()
    try:
        value = float(text)  # fast path: "547213.0", "12"
    except ValueError:
        pass
    else:
        return None if math.isnan(value) else _check_volume(value, raw)
    if text.casefold() in _NULL_VOLUMES:
        return None
    match = _VOLUME_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"volume {_shown(raw)} is not a number")
    if match["num"] is not None:
        number = float(match["num"].replace(",", ""))
    else:
        number = float(f"{match['int']}.{match['frac']}")
    return _check_volume(number * _SUFFIX[(match["suffix"] or "").casefold()], raw)


def _check_volume(value: float, raw: object) -> float:
    if math.isinf(value) or value < 0:
        raise ValueError(f"volume {_shown(raw)} is not a count")
    return value


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Dates outside these years are refused: calendars look a year either side of a date, and
no trend or planned post is from the year 1 or 9999."""


def parse_date(raw: object) -> dt.date | None:
    """A date cell as a date (as written, no time-zone conversion), or None when empty.

    Accepts ISO 8601 dates and datetimes, ``2017/10/02``, RFC 822 (``Fri, 26 Sep 2025 04:20:00
    -0700``), YouTube's ``17.14.11`` (YY.DD.MM), ``20200715``, and Unix epoch seconds or
    milliseconds. A year-less ``DD.MM`` or a bare month ``2021-10`` gives None: it names no
    day. Raises ValueError otherwise.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"date {_shown(raw)} is not a date")
    text = str(raw).strip()
    if not text:
        return None
    try:
        day = (
            _date_from_digits(str(int(raw)), raw)
            if isinstance(raw, int | float)
            else _parse_date_text(text)
        )
    except (ValueError, OverflowError, IndexError):
        raise ValueError(
            f"date {_shown(raw)} is not a recognised date (expected e.g. 2020-07-15)"
        ) from None
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"date {_shown(raw)} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return day


def _parse_date_text(text: str) -> dt.date | None:
    if len(text) >= 10 and text[4] == "-":
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            if text[10] in "T ":  # "2020-07-15 18:36:18 UTC" and other suffixes
                return dt.date.fromisoformat(text[:10])
            raise
    if match := _SLASH_DATE_RE.fullmatch(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _YOUTUBE_DATE_RE.fullmatch(text):
        return dt.date(2000 + int(match[1]), int(match[3]), int(match[2]))
    if _YEARLESS_DATE_RE.fullmatch(text) or _MONTH_RE.fullmatch(text):
        return None
    if text.isdigit():
        return _date_from_digits(text, text)
    parsed = email.utils.parsedate_to_datetime(text)  # RFC 822 / 2822; ValueError if not
    return parsed.date()


def _date_from_digits(digits: str, raw: object) -> dt.date:
    if len(digits) == 8:  # YYYYMMDD, as Google Trends' daily JSON writes it
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 10:  # Unix seconds
        return (_EPOCH + dt.timedelta(seconds=int(digits))).date()
    if len(digits) == 13:  # Unix milliseconds
        return (_EPOCH + dt.timedelta(milliseconds=int(digits))).date()
    raise ValueError(f"date {_shown(raw)} is not a recognised date (expected e.g. 2020-07-15)")


# Keys that hold the readable part of a nested object (a news item, a related search).
_TEXT_KEYS = ("name", "query", "text", "headline")


def text_of(value: object) -> str:
    """A JSON or XML value as text: lists are joined, objects give their title, null is empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return CONTEXT_JOINER.join(t for t in (text_of(v) for v in value) if t)
    if isinstance(value, Mapping):
        for key in value:
            if str(key).casefold().endswith("title"):
                return text_of(value[key])
        for key in _TEXT_KEYS:
            if key in value:
                return text_of(value[key])
    return ""
