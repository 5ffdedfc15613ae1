"""The shape of an observance calendar file (``data/calendars/*.yaml`` and a team's own), as
pydantic models checked through the shared validator (:mod:`rtm_score.schema`).

What needs the ``holidays`` package (that a named holiday exists) is checked when a team's
file is loaded (:mod:`.files`); the packaged files are checked by the tests.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ..profile.model import MAX_WINDOW_DAYS
from ..schema import Spec
from ..schema.types import Strict, Text, fail, kebab
from ..vocab.regions import RegionError, country, region, regions
from .dates import WEEKDAYS
from .matching import normalise_tokens

RULE_KEYS = ("fixed", "nth_weekday", "weekday_on_or_after", "holidays")
_MMDD = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})$")
# Single words that say nothing about an observance on their own (use a phrase instead).
_GENERIC_WORDS = (
    "day days memorial remember remembering never forget sunday monday friday holiday today "
    "national international sale service victims war anniversary the of"
)
GENERIC = frozenset(_GENERIC_WORDS.split())


def month_day(text: str, *, allow_year: bool = False) -> tuple[int | None, int, int]:
    """``"11-11"`` -> (None, 11, 11); with ``allow_year``, ``"2026-03-14"`` too.

    Raises:
        ValueError: with the message to show.
    """
    m = _MMDD.match(text.strip())
    try:
        if m is None or (m.group(1) and not allow_year):
            raise ValueError
        year = int(m.group(1)) if m.group(1) else None
        dt.date(year or 2000, int(m.group(2)), int(m.group(3)))  # 2000: 29 February is valid
    except ValueError:
        shape = '"MM-DD" or "YYYY-MM-DD"' if allow_year else '"MM-DD"'
        raise ValueError(f"expected a date {shape}, got {text!r}") from None
    return year, int(m.group(2)), int(m.group(3))


def phrase_problem(word: str, *, generic_ok: bool) -> str:
    """Why ``word`` cannot be a keyword (``""`` when it can)."""
    tokens = normalise_tokens(word)
    if not tokens:
        return f"{word!r} has no letters or digits to match"
    if not generic_ok and len(tokens) == 1 and tokens[0] in GENERIC:
        return f"{word!r} is too generic"
    return ""


def _month_day(text: str) -> str:
    try:
        month_day(text)
    except ValueError as exc:
        raise fail(str(exc), 'e.g. "11-11"') from None
    return text


def _keyword(word: str) -> str:
    problem = phrase_problem(word, generic_ok=False)
    if problem:
        raise fail(problem, "use a phrase, e.g. 'memorial day'" if "generic" in problem else "")
    return word


def _exclusion(word: str) -> str:
    problem = phrase_problem(word, generic_ok=True)
    if problem:
        raise fail(problem)
    return word


def _weekday(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    name = str(value).strip().lower()
    for i, day in enumerate(WEEKDAYS):
        if len(name) >= 3 and day.startswith(name):
            return i
    raise fail(f"expected a weekday name (monday ... sunday), got {value!r}", "e.g. sunday")


def _region(code: str) -> str:
    try:
        found = region(code, everywhere=True)
    except RegionError as exc:
        raise fail(exc.message, exc.hint) from None
    if found != country(found):
        raise fail(
            f"{code!r} is a subdivision; an observance applies to whole countries",
            f"write {country(found)}",
        )
    return found


def _regions(codes: list[str]) -> list[str]:
    try:
        return list(regions(codes, everywhere=True))
    except RegionError as exc:
        raise fail(exc.message, exc.hint) from None


MonthDay = Annotated[Text, AfterValidator(_month_day)]
Weekday = Annotated[int, BeforeValidator(_weekday)]
Keyword = Annotated[Text, AfterValidator(_keyword)]
Exclusion = Annotated[Text, AfterValidator(_exclusion)]
Window = Annotated[int, Field(ge=0, le=MAX_WINDOW_DAYS)]


class NthWeekdayRule(Strict):
    month: Annotated[int, Field(ge=1, le=12)]
    weekday: Weekday
    n: Annotated[int, Field(ge=-5, le=5)]

    @model_validator(mode="after")
    def _not_zero(self) -> NthWeekdayRule:
        if self.n == 0:
            raise fail("n is 1..5 (first..fifth) or -1 (last), -2, ...; not 0", "e.g. n: -1")
        return self


class WeekdayOnOrAfterRule(Strict):
    date: MonthDay
    weekday: Weekday


class HolidaysRule(Strict):
    country: Text
    name: Text
    subdiv: Text | None = None
    categories: list[Text] = []


class Examples(Strict):
    about: list[Text] = []
    not_about: list[Text] = []


class Entry(Strict):
    """One observance as written."""

    id: Annotated[str, kebab("memorial-day")]
    name: Text
    regions: Annotated[list[Annotated[str, AfterValidator(_region)]], Field(min_length=1),
                       AfterValidator(_regions)]  # fmt: skip
    keywords: Annotated[list[Keyword], Field(min_length=1)]
    category: Literal["remembrance", "tragedy-anniversary", "religious", "civil-rights", "brand"]
    severity: Literal["solemn", "caution"]
    note: Text
    window_before: Window = 0
    window_after: Window = 0
    since: Annotated[int, Field(ge=1800, le=2200)] | None = None
    exclude: list[Exclusion] = []
    examples: Examples = Examples()
    fixed: MonthDay | None = None
    nth_weekday: NthWeekdayRule | None = None
    weekday_on_or_after: WeekdayOnOrAfterRule | None = None
    holidays: HolidaysRule | None = None

    @model_validator(mode="after")
    def _one_rule(self) -> Entry:
        present = [k for k in RULE_KEYS if getattr(self, k) is not None]
        if len(present) != 1:
            got = f"got {', '.join(present)}" if present else "got none"
            raise fail(
                f"expected exactly one date rule, {got}", f"use one of: {', '.join(RULE_KEYS)}"
            )
        return self


class CalendarFile(Strict):
    """A calendar file: where its days come from, and its ``observances``."""

    source: str = ""
    observances: list[Entry]


SPEC = Spec(
    root=CalendarFile,
    missing={
        "observances": "start the file with `observances:` and a list of entries "
        "(see rtm_score/data/calendars/README.md)",
        "id": "add `id: my-day` (kebab-case, unique across files)",
        "keywords": "add `keywords: [a phrase about the day]`",
    },
)
