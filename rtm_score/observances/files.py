"""Calendar data files (``data/calendars/*.yaml``) and a brand's own dates, read and checked."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RuleError
from ..inputs import read_input
from ..profile.model import MAX_WINDOW_DAYS
from ..resources import PACKAGED, list_files, load_yaml
from ..schema import Context, KeyPath, Marks, invalid, problem_at, read_document, validate
from ..vocab.regions import country_codes
from .calendar import ObservanceCalendar
from .dates import DateRule, Fixed, Holiday, NthWeekday, WeekdayOnOrAfter, holiday_dates
from .matching import normalise_tokens
from .model import ObservanceCategory, ObservanceEntry, ObservanceSeverity
from .schema import SPEC, CalendarFile, Entry, HolidaysRule, month_day, phrase_problem

if TYPE_CHECKING:
    from ..profile import BrandDate


def _holiday_rule(raw: HolidaysRule, since: int | None, check: bool) -> Holiday:
    """A named-holiday rule; with ``check``, the name must be one the ``holidays`` package
    knows in the ten years from ``since`` (a packaged calendar is checked by the tests, not at
    every start: it costs a tenth of a second).

    Raises:
        _HolidayProblem: the package rejects the country, or has no such holiday.
    """
    rule = Holiday(raw.country.upper(), raw.name, raw.subdiv, tuple(raw.categories))
    if not check:
        return rule
    names: set[str] = set()
    start = max(since or 2020, 2020)
    try:
        for year in range(start, start + 11):
            names.update(holiday_dates(rule.country, rule.subdiv, rule.categories, year))
    except (NotImplementedError, ValueError, KeyError) as exc:
        raise _HolidayProblem("", f"the holidays package rejects it: {exc}", "") from None
    if rule.name not in names:
        close = difflib.get_close_matches(rule.name, sorted(names), n=3)
        hint = (
            f"did you mean {' or '.join(map(repr, close))}?"
            if close
            else "names: " + ", ".join(sorted(names))
        )
        raise _HolidayProblem("name", f"{rule.country} has no holiday named {rule.name!r}", hint)
    return rule


class _HolidayProblem(Exception):
    def __init__(self, key: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.key, self.message, self.hint = key, message, hint


def _date_rule(e: Entry, check: bool) -> DateRule:
    if e.fixed is not None:
        _, month, day = month_day(e.fixed)
        return Fixed(month, day)
    if e.nth_weekday is not None:
        return NthWeekday(e.nth_weekday.month, e.nth_weekday.weekday, e.nth_weekday.n)
    if e.weekday_on_or_after is not None:
        _, month, day = month_day(e.weekday_on_or_after.date)
        return WeekdayOnOrAfter(month, day, e.weekday_on_or_after.weekday)
    assert e.holidays is not None  # the model holds exactly one rule
    return _holiday_rule(e.holidays, e.since, check)


def _entry(e: Entry, source: str) -> ObservanceEntry:
    return ObservanceEntry(
        id=e.id,
        name=e.name,
        regions=tuple(e.regions),
        keywords=tuple(e.keywords),
        category=e.category,
        severity=e.severity,
        note=e.note,
        rule=_date_rule(e, check=not source.startswith(PACKAGED)),
        window_before=e.window_before,
        window_after=e.window_after,
        since=e.since,
        exclude=tuple(e.exclude),
        examples_about=tuple(e.examples.about),
        examples_not_about=tuple(e.examples.not_about),
        source=source,
    )


def parse_calendar(text: str, source: str) -> list[ObservanceEntry]:
    """The entries of one calendar file.

    Raises:
        RuleError: holding every problem, each with its key path and line.
    """
    if source.startswith(PACKAGED):  # read fast (libyaml); the tests check these files
        data, marks = load_yaml(text, source), Marks()
    else:
        data, marks = read_document(text, "YAML", source, RuleError, "calendar file")
    ctx = Context(source, marks, "YAML")
    checked, problems = validate(CalendarFile, data, ctx, SPEC)
    entries: list[ObservanceEntry] = []
    for i, e in enumerate(checked.observances if checked else ()):
        try:
            entries.append(_entry(e, source))
        except _HolidayProblem as p:
            path: KeyPath = ("observances", i, "holidays", *((p.key,) if p.key else ()))
            problems.append(problem_at(source, marks, path, p.message, p.hint))
    if problems:
        raise invalid(RuleError, "calendar file", source, problems)
    return entries


def brand_entries(dates: Sequence[BrandDate]) -> list[ObservanceEntry]:
    """A brand's own dates as solemn entries (category ``brand``), ids ``brand-<name>``."""
    entries: list[ObservanceEntry] = []
    used: set[str] = set()
    for i, bd in enumerate(dates):
        name = bd.name.strip()
        try:
            year, month, day = month_day(bd.date, allow_year=True)
            if not 0 <= bd.window_days <= MAX_WINDOW_DAYS:
                raise ValueError(f"window_days must be from 0 to {MAX_WINDOW_DAYS}")
            keywords = tuple(bd.keywords) or (name,)
            for word in keywords:
                problem = phrase_problem(word, generic_ok=False)
                if problem:
                    raise ValueError(f"keywords: {problem}")
        except ValueError as exc:
            raise RuleError(
                str(exc),
                source="brand profile",
                where=f"dates[{i}] ({bd.name!r})",
                hint="use a phrase, e.g. 'memorial day'" if "generic" in str(exc) else None,
            ) from None
        base = "brand-" + ("-".join(normalise_tokens(name)).replace("/", "") or str(i + 1))
        oid, n = base, 2
        while oid in used:
            oid, n = f"{base}-{n}", n + 1
        used.add(oid)
        entries.append(
            ObservanceEntry(
                id=oid,
                name=name,
                regions=tuple(sorted(country_codes(bd.regions))) or ("*",),
                keywords=keywords,
                category=ObservanceCategory.BRAND.value,
                severity=ObservanceSeverity.SOLEMN.value,
                note=f"The brand's own sensitive date: {name}.",
                rule=Fixed(month, day, year),
                window_before=bd.window_days,
                window_after=bd.window_days,
                source="brand profile",
            )
        )
    return entries


@functools.lru_cache(maxsize=1)
def _packaged_entries() -> tuple[ObservanceEntry, ...]:
    """The packaged calendar files' entries, read once per process (entries are immutable)."""
    entries: list[ObservanceEntry] = []
    for node in list_files("calendars", suffix=".yaml"):
        entries += parse_calendar(
            node.read_text(encoding="utf-8"), f"{PACKAGED}calendars/{node.name}"
        )
    return tuple(entries)


def load_calendar(
    extra: Sequence[BrandDate] = (), extra_files: Sequence[Path] = ()
) -> ObservanceCalendar:
    """The packaged calendar, plus a brand's own dates and extra calendar files."""
    entries: list[ObservanceEntry] = list(_packaged_entries())
    for path in extra_files:
        try:
            text = read_input(path).decode("utf-8")
        except OSError as exc:
            raise RuleError(
                f"cannot read calendar file: {exc.strerror}",
                source=str(path),
                hint="check the path given for extra calendar files",
            ) from exc
        entries += parse_calendar(text, str(path))
    entries += brand_entries(extra)
    seen: dict[str, str] = {}
    for e in entries:
        if e.id in seen:
            raise RuleError(
                f"duplicate observance id {e.id!r} (also in {seen[e.id]})",
                source=e.source,
                where=f"entry {e.id!r}",
                hint="give each observance its own id",
            )
        seen[e.id] = e.source
    return ObservanceCalendar(entries)
