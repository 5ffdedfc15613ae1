"""The calendar as one brand reads it: the packaged observances of its regions, with its own
dates (the anniversary of its own crisis), day by day.

:class:`rtm_score.scorer.BrandScorer` asks it, for each topic, which observances make the
topic never (it is about them, on their day) and which only give the day a note.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .models import Reason
from .vocab.regions import country_codes, feed_country

if TYPE_CHECKING:
    from .observances import Observance, ObservanceCalendar
    from .profile import BrandProfile
    from .text import Analysed

__all__ = ["BrandDays"]


class BrandDays:
    """The observances of one brand's regions (``calendar`` is the packaged one, or None for
    none); the brand's own dates join it for this brand only, as they do for ``check``, and
    the calendar given is not changed."""

    def __init__(self, profile: BrandProfile, calendar: ObservanceCalendar | None) -> None:
        self.regions = set(country_codes(profile.regions))
        self._sorted_regions = sorted(self.regions)
        self.calendar = calendar
        if profile.dates and calendar is not None:
            from .observances import load_calendar

            self.calendar = load_calendar(extra=profile.dates)
        self._on: dict[dt.date, list[Observance]] = {}
        """The calendar's observances per day for the brand's regions (a feed has few days)."""

    def reasons(
        self, analysed: Analysed, day: dt.date, region: str | None = None
    ) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
        """(observances that make the topic never, notes for the day): a note only where the
        topic trends (its feed row's region, else the brand's regions), so a US trend on 11
        November carries Veterans Day and not the Commonwealth's Remembrance Day."""
        cal = self.calendar
        if cal is None:
            return (), ()
        regions = self._sorted_regions
        if day not in self._on:
            self._on[day] = cal.on(day, regions)
        today_obs = self._on[day]
        if not today_obs:
            return (), ()
        about = {o.id for o in cal.about(analysed.clean, day, regions, words=analysed.words)}
        # A feed's region cell may hold a city or "Worldwide": only a country code narrows.
        trends_in = feed_country(region) if region else None
        where_trends = frozenset({trends_in}) if trends_in else None
        forced: list[Reason] = []
        notes: list[Reason] = []
        for o in today_obs:
            where = (
                ", ".join(r for r in o.regions if r in self.regions or r == "*") or "your regions"
            )
            if o.id in about and o.severity == "solemn":
                forced.append(
                    Reason(
                        f"calendar.{o.id}",
                        f"about {o.name}, observed on {o.date.isoformat()} in {where}: "
                        "never for promotion",
                        o.note,
                        "calendar",
                    )
                )
            elif where_trends is None or o.applies_to(where_trends):
                notes.append(
                    Reason(
                        f"calendar.{o.id}",
                        f"{o.name} is observed on {o.date.isoformat()} in {where}; "
                        "keep any post respectful",
                        o.note,
                        "calendar",
                    )
                )
        return tuple(forced), tuple(notes)
