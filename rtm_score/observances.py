"""Sensitive dates by region: the packaged observance calendar, its date rules and its matcher."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import RtmScoreError, RuleError
from .resources import list_files

if TYPE_CHECKING:
    from .profile import BrandDate


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
        wanted = region_codes(regions)
        return not wanted or "*" in self.regions or bool(wanted.intersection(self.regions))


# --- text matching ---------------------------------------------------------------------------

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
# Split #CamelCase, ALLCAPSWord and letter/digit runs the way hashtags are written.
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_APOSTROPHE = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_TOKEN = re.compile(r"[^\W_]+|(?<=\d)/(?=\d)")


@functools.lru_cache(maxsize=8192)
def normalise_tokens(text: str) -> tuple[str, ...]:
    """Tokens for keyword matching: accents, case, punctuation and hashtags folded away.

    ``#RemembranceDay`` -> ``remembrance day``, ``Sept. 11th`` -> ``sept 11``, ``9/11`` ->
    ``9 / 11`` (a slash between digits is a token of its own, so ``19/11`` stays distinct).
    """
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # fold accents: "Journée" matches "journee"
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    text = _CAMEL.sub(" ", _ORDINAL.sub("", text)).casefold()
    return tuple(_TOKEN.findall(_APOSTROPHE.sub("", text)))


class _Matcher:
    """Finds, for all observances at once, which ones a text's keywords point at.

    Phrases are token tuples in one dict, so a text costs one lookup per token that starts a
    phrase; plural/possessive (``anzacs``, ``dr kings``) and squashed-hashtag (``lestweforget``)
    forms are added when the index is built, not searched for at match time.
    """

    def __init__(self, phrases: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        # phrase tokens -> [(entry index, is_exclude)]; excludes veto keyword hits inside them
        self._index: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        for idx, (keywords, excludes) in enumerate(phrases):
            for phrase, is_exclude in [(k, False) for k in keywords] + [
                (e, True) for e in excludes
            ]:
                tokens = normalise_tokens(phrase)
                forms = {tokens}
                if len(tokens) > 1 and "/" not in tokens:  # lowercase hashtag: #lestweforget
                    forms.add(("".join(tokens),))
                forms |= {(*f[:-1], f[-1] + "s") for f in forms if f[-1][-1].isalpha()}
                for form in forms:
                    if (idx, is_exclude) not in self._index.setdefault(form, []):
                        self._index[form].append((idx, is_exclude))
        sizes: dict[str, set[int]] = {}
        for form in self._index:
            sizes.setdefault(form[0], set()).add(len(form))
        self._sizes = {first: tuple(sorted(n)) for first, n in sizes.items()}

    def match(self, text: str) -> set[int]:
        """Indices of the observances the text is about."""
        tokens = normalise_tokens(text)
        hits: list[tuple[int, int, int]] = []
        vetoes: list[tuple[int, int, int]] = []
        for i, first in enumerate(tokens):
            for size in self._sizes.get(first, ()):
                if i + size > len(tokens):
                    break
                for idx, is_exclude in self._index.get(tokens[i : i + size], ()):
                    (vetoes if is_exclude else hits).append((idx, i, i + size))
        return {
            idx
            for idx, s, e in hits
            if not any(v == idx and vs <= s and e <= ve for v, vs, ve in vetoes)
        }


# --- date rules ------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class _Fixed:
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
class _NthWeekday:
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
class _WeekdayOnOrAfter:
    month: int
    day: int
    weekday: int

    def date_in(self, year: int) -> dt.date | None:
        start = dt.date(year, self.month, self.day)
        return start + dt.timedelta(days=(self.weekday - start.weekday()) % 7)


@dataclass(frozen=True, slots=True)
class _Holiday:
    country: str
    name: str
    subdiv: str | None = None
    categories: tuple[str, ...] = ()

    def date_in(self, year: int) -> dt.date | None:
        # When a day is moved (Yom HaZikaron off the Sabbath), the package names only the
        # moved day, "<name> (observed)": that is the day it is actually marked.
        table = _holiday_dates(self.country, self.subdiv, self.categories, year)
        return table.get(self.name) or table.get(f"{self.name} (observed)")


_DateRule = _Fixed | _NthWeekday | _WeekdayOnOrAfter | _Holiday


@functools.lru_cache(maxsize=512)
def _holiday_dates(
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


# --- the calendar ----------------------------------------------------------------------------


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
    rule: _DateRule
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


_REGION_ALIASES = {"UK": "GB", "EL": "GR"}


def region_codes(regions: Iterable[str]) -> frozenset[str]:
    """Upper-case country codes; ``UK`` -> ``GB``, ``US-CA`` -> ``US``; ``*`` or none = all."""
    if isinstance(regions, str):
        regions = (regions,)
    codes = {r.strip().upper().split("-")[0] for r in regions if r.strip()}
    if "*" in codes:
        return frozenset()
    return frozenset(_REGION_ALIASES.get(c, c) for c in codes)


class ObservanceCalendar:
    """Observances by region and day, and which of them a text is about."""

    def __init__(self, entries: Sequence[ObservanceEntry]) -> None:
        self.entries: tuple[ObservanceEntry, ...] = tuple(sorted(entries, key=lambda e: e.id))
        self._matcher = _Matcher([(e.keywords, e.exclude) for e in self.entries])
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
        wanted = region_codes(regions)
        key = (day, wanted)
        if key not in self._days:
            found = (self._covering(i, day) for i in range(len(self.entries)))
            self._days[key] = [o for o in found if o is not None and o.applies_to(wanted)]
        return list(self._days[key])

    def about(
        self, text: str, day: dt.date | None = None, regions: Iterable[str] = ()
    ) -> list[Observance]:
        """Observances ``text`` is about (by keyword), by id.

        With ``day``, only those whose window covers it, dated that year. Without it, each is
        dated at its first occurrence from its ``since`` year (or 2000): only the id matters then.
        """
        wanted = region_codes(regions)
        out: list[Observance] = []
        for idx in sorted(self._matcher.match(text)):
            occ = self._covering(idx, day) if day is not None else self._anchor(idx)
            if occ is not None and occ.applies_to(wanted):
                out.append(occ)
        return out

    def _anchor(self, idx: int) -> Observance | None:
        entry = self.entries[idx]
        start = entry.since or (entry.rule.year if isinstance(entry.rule, _Fixed) else None) or 2000
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
        wanted = region_codes(regions)
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


# --- data files ------------------------------------------------------------------------------

_RULE_KEYS = ("fixed", "nth_weekday", "weekday_on_or_after", "holidays")
_REQUIRED = ("id", "name", "regions", "keywords", "category", "severity", "note")
_OPTIONAL = ("window_before", "window_after", "since", "exclude", "examples")
_KEYS = (*_REQUIRED, *_OPTIONAL, *_RULE_KEYS)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MMDD = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})$")
_MAX_WINDOW = 31
# Single words that say nothing about an observance on their own (use a phrase instead).
_GENERIC_WORDS = (
    "day days memorial remember remembering never forget sunday monday friday holiday today "
    "national international sale service victims war anniversary the of"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


class _Problem(Exception):
    def __init__(self, key: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.key, self.message, self.hint = key, message, hint


def _string(value: object, key: str) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, bool | int | float) or value is None:
        raise _Problem(key, f"expected a string, got {value!r}", "quote this value in the YAML")
    raise _Problem(key, f"expected a non-empty string, got {value!r}")


def _strings(value: object, key: str, *, required: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or (required and not value):
        raise _Problem(key, f"expected a {'non-empty ' if required else ''}list of strings")
    return tuple(_string(v, f"{key}[{i}]") for i, v in enumerate(value))


def _int(value: object, key: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Problem(key, f"expected a whole number from {low} to {high}, got {value!r}")
    return value


def _mmdd(value: object, key: str, *, allow_year: bool = False) -> tuple[int | None, int, int]:
    m = _MMDD.match(_string(value, key))
    try:
        if m is None or (m.group(1) and not allow_year):
            raise ValueError
        year = int(m.group(1)) if m.group(1) else None
        dt.date(year or 2000, int(m.group(2)), int(m.group(3)))  # 2000: 29 February is valid
    except ValueError:
        shape = '"MM-DD" or "YYYY-MM-DD"' if allow_year else '"MM-DD"'
        raise _Problem(key, f"expected a date {shape}, got {value!r}", 'e.g. "11-11"') from None
    return year, int(m.group(2)), int(m.group(3))


def _weekday(value: object, key: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    name = str(value).strip().lower()
    for i, day in enumerate(_WEEKDAYS):
        if len(name) >= 3 and day.startswith(name):
            return i
    raise _Problem(key, f"expected a weekday name (monday ... sunday), got {value!r}")


def _mapping(
    value: object, key: str, keys: Sequence[str], required: Sequence[str]
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Problem(key, f"expected a mapping with keys {', '.join(keys)}")
    for k in value:
        if k not in keys:
            raise _Problem(f"{key}.{k}", f"unknown key {k!r}", f"allowed: {', '.join(keys)}")
    for k in required:
        if k not in value:
            raise _Problem(key, f"missing key {k!r}", f"{key} needs {', '.join(required)}")
    return value


def _holiday_rule(value: object, since: int | None) -> _Holiday:
    raw = _mapping(
        value, "holidays", ("country", "name", "subdiv", "categories"), ("country", "name")
    )
    rule = _Holiday(
        _string(raw["country"], "holidays.country").upper(),
        _string(raw["name"], "holidays.name"),
        _string(raw["subdiv"], "holidays.subdiv") if "subdiv" in raw else None,
        _strings(raw["categories"], "holidays.categories") if "categories" in raw else (),
    )
    names: set[str] = set()
    start = max(since or 2020, 2020)
    try:
        for year in range(start, start + 11):
            names.update(_holiday_dates(rule.country, rule.subdiv, rule.categories, year))
    except (NotImplementedError, ValueError, KeyError) as exc:
        raise _Problem("holidays", f"the holidays package rejects it: {exc}") from None
    if rule.name not in names:
        close = difflib.get_close_matches(rule.name, sorted(names), n=3)
        hint = (
            f"did you mean {' or '.join(map(repr, close))}?"
            if close
            else "names: " + ", ".join(sorted(names))
        )
        raise _Problem("holidays.name", f"{rule.country} has no holiday named {rule.name!r}", hint)
    return rule


def _date_rule(raw: Mapping[str, Any], since: int | None) -> _DateRule:
    present = [k for k in _RULE_KEYS if k in raw]
    if len(present) != 1:
        got = f"got {', '.join(present)}" if present else "got none"
        raise _Problem(
            "", f"expected exactly one date rule, {got}", f"use one of: {', '.join(_RULE_KEYS)}"
        )
    key, value = present[0], raw[present[0]]
    if key == "fixed":
        _, month, day = _mmdd(value, key)
        return _Fixed(month, day)
    if key == "nth_weekday":
        spec = _mapping(value, key, ("month", "weekday", "n"), ("month", "weekday", "n"))
        n = _int(spec["n"], f"{key}.n", -5, 5)
        if n == 0:
            raise _Problem(f"{key}.n", "n is 1..5 (first..fifth) or -1 (last), -2, ...; not 0")
        return _NthWeekday(
            _int(spec["month"], f"{key}.month", 1, 12),
            _weekday(spec["weekday"], f"{key}.weekday"),
            n,
        )
    if key == "weekday_on_or_after":
        spec = _mapping(value, key, ("date", "weekday"), ("date", "weekday"))
        _, month, day = _mmdd(spec["date"], f"{key}.date")
        return _WeekdayOnOrAfter(month, day, _weekday(spec["weekday"], f"{key}.weekday"))
    return _holiday_rule(value, since)


def _keywords(value: object, key: str, *, required: bool = True) -> tuple[str, ...]:
    words = _strings(value, key, required=required)
    for i, word in enumerate(words):
        tokens = normalise_tokens(word)
        if not tokens:
            raise _Problem(f"{key}[{i}]", f"{word!r} has no letters or digits to match")
        if key == "keywords" and len(tokens) == 1 and tokens[0] in _GENERIC:
            raise _Problem(
                f"{key}[{i}]", f"{word!r} is too generic", "use a phrase, e.g. 'memorial day'"
            )
    return words


def _entry(raw: object, source: str) -> ObservanceEntry:
    if not isinstance(raw, dict):
        raise _Problem("", "expected a mapping with id, name, regions, keywords, ...")
    for k in raw:
        if k not in _KEYS:
            close = difflib.get_close_matches(str(k), _KEYS, n=1)
            raise _Problem(
                str(k), f"unknown key {k!r}", f"did you mean {close[0]!r}?" if close else None
            )
    for k in _REQUIRED:
        if k not in raw:
            raise _Problem("", f"missing key {k!r}", f"every entry needs {', '.join(_REQUIRED)}")
    oid = _string(raw["id"], "id")
    if not _ID.match(oid):
        raise _Problem("id", f"id {oid!r} is not kebab-case", "lowercase words joined by '-'")
    regions = tuple(r.upper() for r in _strings(raw["regions"], "regions"))
    for i, r in enumerate(regions):
        if not (r == "*" or re.fullmatch("[A-Z]{2}", r)):
            raise _Problem(f"regions[{i}]", f"{r!r} is not an ISO 3166-1 alpha-2 code or '*'")
    if "*" in regions and len(regions) > 1:
        raise _Problem("regions", "'*' (everywhere) must be the only region")
    since = _int(raw["since"], "since", 1800, 2200) if "since" in raw else None
    examples = _mapping(raw.get("examples", {}), "examples", ("about", "not_about"), ())
    return ObservanceEntry(
        id=oid,
        name=_string(raw["name"], "name"),
        regions=regions,
        keywords=_keywords(raw["keywords"], "keywords"),
        category=_choice(raw["category"], "category", ObservanceCategory),
        severity=_choice(raw["severity"], "severity", ObservanceSeverity),
        note=_string(raw["note"], "note"),
        rule=_date_rule(raw, since),
        window_before=_int(raw.get("window_before", 0), "window_before", 0, _MAX_WINDOW),
        window_after=_int(raw.get("window_after", 0), "window_after", 0, _MAX_WINDOW),
        since=since,
        exclude=_keywords(raw["exclude"], "exclude") if "exclude" in raw else (),
        examples_about=_strings(examples.get("about", []), "examples.about", required=False),
        examples_not_about=_strings(
            examples.get("not_about", []), "examples.not_about", required=False
        ),
        source=source,
    )


def _choice(value: object, key: str, enum_cls: type[enum.Enum]) -> str:
    allowed = [str(m.value) for m in enum_cls]
    if value not in allowed:
        raise _Problem(key, f"expected one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def _line_of(text: str, index: int, key: str) -> int | None:
    """1-based line of entry ``index`` (or of its ``key``), found only when reporting an error."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if not isinstance(root, yaml.MappingNode):
            return None
        seq = next(v for k, v in root.value if k.value == "observances")
        node = seq.value[index]
        top = key.split(".")[0].split("[")[0]
        for k, _ in node.value if isinstance(node, yaml.MappingNode) else ():
            if k.value == top:
                return int(k.start_mark.line) + 1
        return int(node.start_mark.line) + 1
    except (yaml.YAMLError, AttributeError, IndexError, StopIteration, TypeError):
        return None


def parse_calendar(text: str, source: str) -> list[ObservanceEntry]:
    """The entries of one calendar file; a RuleError names the file, line, entry and key."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            source=source,
            where=f"line {mark.line + 1}" if mark is not None else None,
            hint="fix the YAML syntax",
        ) from None
    if (
        not isinstance(data, dict)
        or set(data) != {"observances"}
        or not isinstance(data["observances"], list)
    ):
        raise RuleError(
            "expected one top-level key, 'observances', holding a list of entries",
            source=source,
            hint="see rtm_score/data/calendars/README.md for the format",
        )
    entries: list[ObservanceEntry] = []
    for i, raw in enumerate(data["observances"]):
        try:
            entries.append(_entry(raw, source))
        except _Problem as p:
            rid = raw.get("id") if isinstance(raw, dict) else None
            label = f"entry {rid!r}" if isinstance(rid, str) else f"entry #{i + 1}"
            line = _line_of(text, i, p.key)
            parts = [f"line {line}" if line else "", label, p.key]
            raise RuleError(
                p.message, source=source, where=", ".join(x for x in parts if x), hint=p.hint
            ) from None
    return entries


def brand_entries(dates: Sequence[BrandDate]) -> list[ObservanceEntry]:
    """A brand's own dates as solemn entries (category ``brand``), ids ``brand-<name>``."""
    entries: list[ObservanceEntry] = []
    used: set[str] = set()
    for i, bd in enumerate(dates):
        try:
            name = _string(bd.name, "name")
            year, month, day = _mmdd(bd.date, "date", allow_year=True)
            window = _int(bd.window_days, "window_days", 0, _MAX_WINDOW)
            keywords = _keywords(list(bd.keywords) or [name], "keywords")
        except _Problem as p:
            raise RuleError(
                p.message,
                source="brand profile",
                where=f"dates[{i}] ({bd.name!r}): {p.key}",
                hint=p.hint,
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
                regions=tuple(sorted(region_codes(bd.regions))) or ("*",),
                keywords=keywords,
                category=ObservanceCategory.BRAND.value,
                severity=ObservanceSeverity.SOLEMN.value,
                note=f"The brand's own sensitive date: {name}.",
                rule=_Fixed(month, day, year),
                window_before=window,
                window_after=window,
                source="brand profile",
            )
        )
    return entries


def load_calendar(
    extra: Sequence[BrandDate] = (), extra_files: Sequence[Path] = ()
) -> ObservanceCalendar:
    """The packaged calendar, plus a brand's own dates and extra calendar files."""
    entries: list[ObservanceEntry] = []
    for node in list_files("calendars", suffix=".yaml"):
        entries += parse_calendar(
            node.read_text(encoding="utf-8"), f"rtm_score/data/calendars/{node.name}"
        )
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
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
