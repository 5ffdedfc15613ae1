"""What an observance is: its severity, category, entry (as written in a file) and its day.

The rest of the calendar lives beside this module: date rules (``dates``), keyword matching
(``matching``), the calendar object (``calendar``) and the data files (``files``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from ..vocab.regions import country_codes
from .dates import DateRule


class ObservanceSeverity(enum.StrEnum):
    """How bad promotion on the day is."""

    SOLEMN = "solemn"
    """Never promote on it."""
    CAUTION = "caution"
    """Promotion is a warning (sales may be customary, the topic is not)."""


class ObservanceCategory(enum.StrEnum):
    """What kind of day it is."""

    REMEMBRANCE = "remembrance"
    TRAGEDY_ANNIVERSARY = "tragedy-anniversary"
    RELIGIOUS = "religious"
    CIVIL_RIGHTS = "civil-rights"
    BRAND = "brand"


@dataclass(frozen=True, slots=True)
class Observance:
    """One observance on the day it falls in a given year."""

    id: str
    name: str
    date: dt.date
    regions: tuple[str, ...]
    """ISO 3166-1 alpha-2 codes; ``("*",)`` means everywhere."""
    keywords: tuple[str, ...]
    category: str
    severity: str
    note: str
    window_before: int = 0
    window_after: int = 0

    @property
    def first_day(self) -> dt.date:
        """First day the window covers."""
        return self.date - dt.timedelta(days=self.window_before)

    @property
    def last_day(self) -> dt.date:
        """Last day the window covers."""
        return self.date + dt.timedelta(days=self.window_after)

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the window."""
        return self.first_day <= day <= self.last_day

    def applies_to(self, regions: Iterable[str] = ()) -> bool:
        """Whether it is observed in any of ``regions`` (none given = yes)."""
        wanted = country_codes(regions)
        return not wanted or "*" in self.regions or bool(wanted.intersection(self.regions))


@dataclass(frozen=True, slots=True)
class ObservanceEntry:
    """One calendar entry as written in a data file: an observance without its year."""

    id: str
    name: str
    regions: tuple[str, ...]
    keywords: tuple[str, ...]
    category: str
    severity: str
    note: str
    rule: DateRule
    window_before: int = 0
    window_after: int = 0
    since: int | None = None
    exclude: tuple[str, ...] = ()
    examples_about: tuple[str, ...] = ()
    examples_not_about: tuple[str, ...] = ()
    source: str = ""

    def in_year(self, year: int) -> Observance | None:
        """The observance in ``year``, or None when it does not fall that year."""
        if self.since is not None and year < self.since:
            return None
        day = self.rule.date_in(year)
        if day is None:
            return None
        return Observance(
            self.id,
            self.name,
            day,
            self.regions,
            self.keywords,
            self.category,
            self.severity,
            self.note,
            self.window_before,
            self.window_after,
        )
