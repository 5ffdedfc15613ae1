"""The one region table: ISO 3166 countries and subdivisions, the aliases people write, zones.

Every file type the tool reads (profiles, observance calendars, campaign calendars) and every
feed reader goes through this module, so a region is accepted or refused the same way
everywhere:

- an ISO 3166-1 alpha-2 code (``US``, ``gb``) is a country; case does not matter;
- ``UK`` and ``EL``, which ISO 3166 reserves for the United Kingdom and Greece and which people
  write, are read as ``GB`` and ``GR``;
- ``US-CA`` is an ISO 3166-2 subdivision; its country must exist and so must the subdivision;
- anything else (``USA``, ``France``, ``XX``) is refused with a hint naming the code to write.

The code lists come from pycountry, which ships ISO's tables and follows their changes; this
module adds the two reserved aliases, the country names of the X/Twitter trends API that ISO
spells differently, and the default time zones of ``data/region_zones.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from ..resources import read_text

EVERYWHERE = "*"
ALIASES: dict[str, str] = {"UK": "GB", "EL": "GR"}
"""ISO 3166-1's exceptionally reserved codes, as ISO assigns them."""

# Country names that feeds use and ISO spells otherwise ("Korea, Republic of", "Türkiye").
_NAMES: dict[str, str] = {"korea": "KR", "south korea": "KR", "russia": "RU", "turkey": "TR"}
_SHAPE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
HINT = "use ISO 3166 country codes such as US, GB, DE, optionally with a subdivision (US-CA)"


class RegionError(ValueError):
    """A region code that is not ISO 3166 (message and a hint naming what to write)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code (249)."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _subdivisions() -> frozenset[str]:
    import pycountry  # the ISO 3166-2 table is loaded only when a subdivision is written

    return frozenset(s.code for s in pycountry.subdivisions)


def country(code: str) -> str:
    """The country part of a region code (``US-CA`` -> ``US``)."""
    return code.split("-", 1)[0]


def region(text: str, *, everywhere: bool = False) -> str:
    """One region code, normalised (``uk`` -> ``GB``, ``us-ca`` -> ``US-CA``).

    Args:
        text: the code as written.
        everywhere: whether ``*`` (all regions) is allowed.

    Raises:
        RegionError: the code is not ISO 3166; the hint names the code to write when it can.
    """
    raw = text.strip()
    code = raw.upper()
    if everywhere and code == EVERYWHERE:
        return EVERYWHERE
    head, _, tail = code.partition("-")
    head = ALIASES.get(head, head)
    if head in countries() and not tail:
        return head
    if head in countries() and _SHAPE.match(f"{head}-{tail}"):
        if f"{head}-{tail}" in _subdivisions():
            return f"{head}-{tail}"
        raise RegionError(
            f"unknown region code {raw!r}: {tail} is not an ISO 3166-2 subdivision of {head}",
            _subdivision_hint(head),
        )
    raise RegionError(f"unknown region code {raw!r}", _hint(raw))


def regions(values: Iterable[str] | str, *, everywhere: bool = False) -> tuple[str, ...]:
    """Several region codes, normalised, de-duplicated, in the order written.

    A string is a cell and may hold several codes (``"US, CA;GB"``).

    Raises:
        RegionError: for the first code that is not ISO 3166, or ``*`` beside other codes.
    """
    parts = re.split(r"[,;\s]+", values) if isinstance(values, str) else list(values)
    out: list[str] = []
    for part in parts:
        if part.strip():
            code = region(part, everywhere=everywhere)
            if code not in out:
                out.append(code)
    if EVERYWHERE in out and len(out) > 1:
        raise RegionError("'*' (everywhere) must be the only region", "drop '*' or the others")
    return tuple(out)


def country_codes(values: Iterable[str] | str) -> frozenset[str]:
    """The countries of already-checked codes, for matching (``US-CA`` -> ``US``, ``uk`` ->
    ``GB``); ``*`` or no codes = everywhere, the empty set."""
    if isinstance(values, str):
        values = (values,)
    codes = {country(v.strip().upper()) for v in values if v.strip()}
    if EVERYWHERE in codes:
        return frozenset()
    return frozenset(ALIASES.get(c, c) for c in codes)


@lru_cache(maxsize=4096)  # a feed repeats few region cells; the answers are plain strings
def feed_country(text: str) -> str | None:
    """The country a feed's region cell names (``US``, ``us-ca``, ``United Kingdom``), or None
    for a city, ``Worldwide`` or anything unknown: feed text is never an error here."""
    value = text.strip()
    try:
        return country(region(value))
    except RegionError:
        return _by_name(value)


@lru_cache(maxsize=1)
def _names() -> Mapping[str, str]:
    """Country names (short, common, official) and alpha-3 codes, case-folded, to alpha-2."""
    import pycountry

    table = dict(_NAMES)
    for c in pycountry.countries:
        for attr in ("alpha_3", "name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if isinstance(value, str):
                table.setdefault(value.casefold(), str(c.alpha_2))
    return MappingProxyType(table)


def _by_name(name: str) -> str | None:
    return _names().get(name.strip().casefold())


def _hint(raw: str) -> str:
    named = _by_name(raw) if len(raw) > 2 else None
    if named is not None:
        return f"write {named} (ISO 3166-1 alpha-2) for {raw!r}"
    return HINT


def _subdivision_hint(head: str) -> str:
    known = sorted(s for s in _subdivisions() if s.startswith(head + "-"))
    if not known:
        return f"{head} has no ISO 3166-2 subdivisions; write {head}"
    shown = ", ".join(known[:5]) + (", ..." if len(known) > 5 else "")
    return f"ISO 3166-2 subdivisions of {head} include {shown}"


@lru_cache(maxsize=1)
def zones() -> Mapping[str, str]:
    """The packaged region -> default IANA zone table (``data/region_zones.txt``), read-only."""
    table: dict[str, str] = {}
    for line in read_text("region_zones.txt").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 2:
            table[fields[0]] = fields[1]
    return MappingProxyType(table)


def default_zone(code: str) -> str:
    """The default zone of a region (its subdivision's, else its country's), or ``""``."""
    table = zones()
    return table.get(code) or table.get(country(code), "")
