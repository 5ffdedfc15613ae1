"""Date rules of calendar entries: a fixed day, the nth weekday, a weekday on or after a day,
or a named holiday from the ``holidays`` package (for dates that move: Easter, Yom HaZikaron).

The packaged calendars' holidays are also kept precomputed, for the years
:data:`TABLE_YEARS`, in ``data/calendars/holiday-dates.json`` (written by
``scripts/build_holiday_table.py``, checked against the package by the tests): a run reads that
table and never imports ``holidays``, whose first country costs about a tenth of a second. A
brand's own holiday, or a year outside the table, asks the package."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..resources import read_json

TABLE = ("calendars", "holiday-dates.json")
TABLE_YEARS = range(2000, 2061)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Fixed:
    month: int
    day: int
    year: int | None = None  # set for a one-off date

    def date_in(self, year: int) -> dt.date | None:
        if self.year is not None and year != self.year:
            return None
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:  # 29 February outside leap years
            return None


@dataclass(frozen=True, slots=True)
class NthWeekday:
    month: int
    weekday: int
    n: int  # 1..5, or -1 for the last, -2 for the one before

    def date_in(self, year: int) -> dt.date | None:
        if self.n > 0:
            first = dt.date(year, self.month, 1)
            day = first + dt.timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.n - 1))
        else:
            nxt = dt.date(year + self.month // 12, self.month % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
            day = last - dt.timedelta(days=(last.weekday() - self.weekday) % 7 + 7 * (-self.n - 1))
        return day if day.month == self.month else None


@dataclass(frozen=True, slots=True)
class WeekdayOnOrAfter:
    month: int
    day: int
    weekday: int

    def date_in(self, year: int) -> dt.date | None:
        start = dt.date(year, self.month, self.day)
        return start + dt.timedelta(days=(self.weekday - start.weekday()) % 7)


@dataclass(frozen=True, slots=True)
class Holiday:
    country: str
    name: str
    subdiv: str | None = None
    categories: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The rule's key in the precomputed table: country, subdivision, categories, name."""
        return "|".join((self.country, self.subdiv or "", ",".join(self.categories), self.name))

    def date_in(self, year: int) -> dt.date | None:
        known = _packaged().get(self.key)
        if known is not None and year in TABLE_YEARS:
            day = known.get(str(year))
            return dt.date.fromisoformat(day) if day else None
        return self.computed(year)

    def computed(self, year: int) -> dt.date | None:
        """The day as the ``holidays`` package computes it (what the table holds)."""
        # When a day is moved (Yom HaZikaron off the Sabbath), the package names only the
        # moved day, "<name> (observed)": that is the day it is actually marked.
        table = holiday_dates(self.country, self.subdiv, self.categories, year)
        return table.get(self.name) or table.get(f"{self.name} (observed)")


DateRule = Fixed | NthWeekday | WeekdayOnOrAfter | Holiday


@functools.lru_cache(maxsize=1)
def _packaged() -> Mapping[str, Mapping[str, str | None]]:
    """Rule key -> year -> ISO date (None: not that year), from the packaged table."""
    dates = read_json(*TABLE)["dates"]
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in dates.items()})


@functools.lru_cache(maxsize=512)
def holiday_dates(
    country: str, subdiv: str | None, categories: tuple[str, ...], year: int
) -> dict[str, dt.date]:
    """Holiday name -> earliest date that year, from the ``holidays`` package, in English."""
    import holidays  # imported on first use: it is slow to import

    cls = holidays.country_holidays(country).__class__
    language = "en_US" if "en_US" in getattr(cls, "supported_languages", ()) else None
    table = holidays.country_holidays(
        country, subdiv=subdiv, years=year, categories=categories or None, language=language
    )
    out: dict[str, dt.date] = {}
    for day, names in sorted(table.items()):
        for name in str(names).split("; "):
            out.setdefault(name, day)
    return out
