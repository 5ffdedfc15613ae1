"""Calendar data files (``data/calendars/*.yaml``) and a brand's own dates, read and checked."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import RuleError
from ..inputs import read_input
from ..profile.model import MAX_WINDOW_DAYS
from ..resources import PACKAGED, list_files, load_yaml
from ..vocab.regions import RegionError, country, country_codes, region, regions
from .calendar import ObservanceCalendar
from .dates import (
    WEEKDAYS,
    DateRule,
    Fixed,
    Holiday,
    NthWeekday,
    WeekdayOnOrAfter,
    holiday_dates,
)
from .matching import normalise_tokens
from .model import ObservanceCategory, ObservanceEntry, ObservanceSeverity

if TYPE_CHECKING:
    from ..profile import BrandDate


_RULE_KEYS = ("fixed", "nth_weekday", "weekday_on_or_after", "holidays")
_REQUIRED = ("id", "name", "regions", "keywords", "category", "severity", "note")
_OPTIONAL = ("window_before", "window_after", "since", "exclude", "examples")
_KEYS = (*_REQUIRED, *_OPTIONAL, *_RULE_KEYS)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MMDD = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})$")
_MAX_WINDOW = MAX_WINDOW_DAYS
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
    for i, day in enumerate(WEEKDAYS):
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


def _holiday_rule(value: object, since: int | None, check: bool = True) -> Holiday:
    """A named-holiday rule; with ``check``, the name must be one the ``holidays`` package
    knows in the ten years from ``since`` (a packaged calendar is checked by the tests, not at
    every start: it costs a tenth of a second)."""
    raw = _mapping(
        value, "holidays", ("country", "name", "subdiv", "categories"), ("country", "name")
    )
    rule = Holiday(
        _string(raw["country"], "holidays.country").upper(),
        _string(raw["name"], "holidays.name"),
        _string(raw["subdiv"], "holidays.subdiv") if "subdiv" in raw else None,
        _strings(raw["categories"], "holidays.categories") if "categories" in raw else (),
    )
    if not check:
        return rule
    names: set[str] = set()
    start = max(since or 2020, 2020)
    try:
        for year in range(start, start + 11):
            names.update(holiday_dates(rule.country, rule.subdiv, rule.categories, year))
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


def _date_rule(raw: Mapping[str, Any], since: int | None, check: bool = True) -> DateRule:
    present = [k for k in _RULE_KEYS if k in raw]
    if len(present) != 1:
        got = f"got {', '.join(present)}" if present else "got none"
        raise _Problem(
            "", f"expected exactly one date rule, {got}", f"use one of: {', '.join(_RULE_KEYS)}"
        )
    key, value = present[0], raw[present[0]]
    if key == "fixed":
        _, month, day = _mmdd(value, key)
        return Fixed(month, day)
    if key == "nth_weekday":
        spec = _mapping(value, key, ("month", "weekday", "n"), ("month", "weekday", "n"))
        n = _int(spec["n"], f"{key}.n", -5, 5)
        if n == 0:
            raise _Problem(f"{key}.n", "n is 1..5 (first..fifth) or -1 (last), -2, ...; not 0")
        return NthWeekday(
            _int(spec["month"], f"{key}.month", 1, 12),
            _weekday(spec["weekday"], f"{key}.weekday"),
            n,
        )
    if key == "weekday_on_or_after":
        spec = _mapping(value, key, ("date", "weekday"), ("date", "weekday"))
        _, month, day = _mmdd(spec["date"], f"{key}.date")
        return WeekdayOnOrAfter(month, day, _weekday(spec["weekday"], f"{key}.weekday"))
    return _holiday_rule(value, since, check)


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


def _regions(written: tuple[str, ...]) -> tuple[str, ...]:
    for i, r in enumerate(written):
        try:
            code = region(r, everywhere=True)
        except RegionError as exc:
            raise _Problem(f"regions[{i}]", exc.message, exc.hint) from None
        if code != country(code):
            raise _Problem(
                f"regions[{i}]",
                f"{r!r} is a subdivision; an observance applies to whole countries",
                f"write {country(code)}",
            )
    try:
        return regions(written, everywhere=True)
    except RegionError as exc:
        raise _Problem("regions", exc.message, exc.hint) from None


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
    codes = _regions(_strings(raw["regions"], "regions"))
    since = _int(raw["since"], "since", 1800, 2200) if "since" in raw else None
    examples = _mapping(raw.get("examples", {}), "examples", ("about", "not_about"), ())
    return ObservanceEntry(
        id=oid,
        name=_string(raw["name"], "name"),
        regions=codes,
        keywords=_keywords(raw["keywords"], "keywords"),
        category=_choice(raw["category"], "category", ObservanceCategory),
        severity=_choice(raw["severity"], "severity", ObservanceSeverity),
        note=_string(raw["note"], "note"),
        rule=_date_rule(raw, since, check=not source.startswith(PACKAGED)),
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
    except (yaml.YAMLError, AttributeError, IndexError, StopIteration, TypeError, RecursionError):
        return None


def parse_calendar(text: str, source: str) -> list[ObservanceEntry]:
    """The entries of one calendar file; a RuleError names the file, line, entry and key."""
    try:
        data = load_yaml(text, source)
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
                regions=tuple(sorted(country_codes(bd.regions))) or ("*",),
                keywords=keywords,
                category=ObservanceCategory.BRAND.value,
                severity=ObservanceSeverity.SOLEMN.value,
                note=f"The brand's own sensitive date: {name}.",
                rule=Fixed(month, day, year),
                window_before=window,
                window_after=window,
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
