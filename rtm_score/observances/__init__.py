"""Sensitive dates by region: the packaged observance calendar, its date rules and its matcher.

- ``model``: what an observance is (severity, category, the entry as written, its day);
- ``dates``: the date rules (fixed, nth weekday, weekday on or after, named holidays);
- ``matching``: which observances a text is about, by keyword;
- ``calendar``: :class:`ObservanceCalendar`, by region and day;
- ``files``: the data files and a brand's own dates (:func:`load_calendar`).
"""

from __future__ import annotations

from .calendar import ObservanceCalendar
from .files import brand_entries, load_calendar, parse_calendar
from .matching import normalise_tokens
from .model import (
    Observance,
    ObservanceCategory,
    ObservanceEntry,
    ObservanceSeverity,
)

__all__ = [
    "Observance",
    "ObservanceCalendar",
    "ObservanceCategory",
    "ObservanceEntry",
    "ObservanceSeverity",
    "brand_entries",
    "load_calendar",
    "normalise_tokens",
    "parse_calendar",
]
