"""The calendar: observances by region and day, and which of them a text is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..errors import RtmScoreError
from ..vocab.regions import country_codes
from .dates import Fixed
from .matching import KeywordMatcher
from .model import Observance, ObservanceEntry, ObservanceSeverity


class ObservanceCalendar:
    """Observances by region and day, and which of them a text is about."""

    def __init__(self, entries: Sequence[ObservanceEntry]) -> None:
        self.entries: tuple[ObservanceEntry, ...] = tuple(sorted(entries, key=lambda e: e.id))
        self._matcher = KeywordMatcher([(e.keywords, e.exclude) for e in self.entries])
        self._years: dict[tuple[int, int], Observance | None] = {}
        self._days: dict[tuple[dt.date, frozenset[str]], list[Observance]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, observance_id: str) -> ObservanceEntry:
        """The entry with this id (KeyError if there is none)."""
        for e in self.entries:
            if e.id == observance_id:
                return e
        raise KeyError(observance_id)

    def _occurrence(self, idx: int, year: int) -> Observance | None:
        key = (idx, year)
        if key not in self._years:
            self._years[key] = self.entries[idx].in_year(year)
        return self._years[key]

    def _covering(self, idx: int, day: dt.date) -> Observance | None:
        for year in (day.year, day.year - 1, day.year + 1):  # windows can cross New Year
            occ = self._occurrence(idx, year)
            if occ is not None and occ.covers(day):
                return occ
        return None

    def on(self, day: dt.date, regions: Iterable[str] = ()) -> list[Observance]:
        """Observances whose window covers ``day`` in any of ``regions`` (none = all), by id."""
        wanted = country_codes(regions)
        key = (day, wanted)
        if key not in self._days:
            found = (self._covering(i, day) for i in range(len(self.entries)))
            self._days[key] = [o for o in found if o is not None and o.applies_to(wanted)]
        return list(self._days[key])

    def about(
        self,
        text: str,
        day: dt.date | None = None,
        regions: Iterable[str] = (),
        *,
        words: Sequence[str] | None = None,
    ) -> list[Observance]:
        """Observances ``text`` is about (by keyword), by id.

        With ``day``, only those whose window covers it, dated that year. Without it, each is
        dated at its first occurrence from its ``since`` year (or 2000): only the id matters then.
        ``words``, the text's words when the caller has them, make most texts cheaper to read.
        """
        wanted = country_codes(regions)
        out: list[Observance] = []
        for idx in sorted(self._matcher.match(text, words)):
            occ = self._covering(idx, day) if day is not None else self._anchor(idx)
            if occ is not None and occ.applies_to(wanted):
                out.append(occ)
        return out

    def _anchor(self, idx: int) -> Observance | None:
        entry = self.entries[idx]
        start = entry.since or (entry.rule.year if isinstance(entry.rule, Fixed) else None) or 2000
        for year in range(start, start + 30):
            occ = self._occurrence(idx, year)
            if occ is not None:
                return occ
        return None

    def next_clear_day(self, day: dt.date, regions: Iterable[str] = ()) -> dt.date:
        """First day after ``day`` on which no solemn observance covers ``regions``."""
        candidate = day
        for _ in range(3 * 366):
            candidate += dt.timedelta(days=1)
            if not any(
                o.severity == ObservanceSeverity.SOLEMN for o in self.on(candidate, regions)
            ):
                return candidate
        raise RtmScoreError(
            f"no day clear of solemn observances within three years after {day.isoformat()}",
            hint="check the windows of the calendar and brand dates",
        )

    def in_year(self, year: int, regions: Iterable[str] = ()) -> list[Observance]:
        """Every observance falling in ``year`` in ``regions`` (none = all), by date then id."""
        wanted = country_codes(regions)
        found = (self._occurrence(i, year) for i in range(len(self.entries)))
        return sorted(
            (o for o in found if o is not None and o.applies_to(wanted)),
            key=lambda o: (o.date, o.id),
        )

    def example_failures(self) -> list[str]:
        """Every entry's ``examples`` that do not behave as declared (empty when all pass)."""
        problems: list[str] = []
        for idx, e in enumerate(self.entries):
            cases = [(t, True) for t in e.examples_about] + [
                (t, False) for t in e.examples_not_about
            ]
            problems.extend(
                f"{e.source}: {e.id}: should {'' if want else 'not '}be about it: {text!r}"
                for text, want in cases
                if (idx in self._matcher.match(text)) != want
            )
        return problems
