"""The check's packaged word lists (promotional phrases, cause hashtags) and their examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import DataError
from ..resources import read_text
from ..text.normalize import plain, squash
from ..text.patterns import any_of, phrase_source


@dataclass(frozen=True, slots=True)
class Examples:
    """A data file's own ``# match:`` / ``# no-match:`` examples (run as tests)."""

    match: tuple[str, ...]
    no_match: tuple[str, ...]


def _entries(name: str) -> tuple[list[str], Examples]:
    match: list[str] = []
    no_match: list[str] = []
    entries: list[str] = []
    for raw in read_text("check", name).splitlines():
        line = raw.strip()
        if line.startswith("# match:"):
            match.append(line.removeprefix("# match:").strip())
        elif line.startswith("# no-match:"):
            no_match.append(line.removeprefix("# no-match:").strip())
        elif line and not line.startswith("#"):
            entries.append(line.split("  #", 1)[0].strip())
    return entries, Examples(tuple(match), tuple(no_match))


class PromoMatcher:
    """Finds promotional intent (sale, % off, coupon, shop now, ...) in post copy."""

    def __init__(self, entries: list[str]) -> None:
        parts: list[str] = []
        for entry in entries:
            if entry.startswith("re:"):
                pattern = entry.removeprefix("re:").strip()
            else:
                pattern = phrase_source(entry)
            try:
                re.compile(pattern)
            except re.error as exc:  # pragma: no cover - caught by the data tests
                raise DataError(
                    f"bad pattern {entry!r}: {exc}", source="rtm_score/data/check/promo_phrases.txt"
                ) from None
            parts.append(pattern)
        self._regex = any_of(parts)

    def find(self, text: str) -> str:
        """The first promotional phrase in ``text`` as written there, or ``""``."""
        m = self._regex.search(plain(text)) if self._regex is not None else None
        return " ".join(m.group(0).split()) if m else ""


class CauseTags:
    """Recognises cause and movement hashtags (exact names and ``Prefix*`` families)."""

    def __init__(self, entries: list[str]) -> None:
        self._exact = {squash(e): e for e in entries if not e.endswith("*")}
        self._prefixes = sorted(
            ((squash(e[:-1]), e) for e in entries if e.endswith("*")), key=lambda p: -len(p[0])
        )

    def match(self, tag: str) -> str:
        """The list entry a hashtag belongs to (``PrayFor*`` for ``#PrayForParis``), or ``""``."""
        key = squash(tag)
        if not key:
            return ""
        if key in self._exact:
            return self._exact[key]
        for prefix, entry in self._prefixes:
            if key.startswith(prefix) and len(key) > len(prefix):
                return entry
        return ""


@lru_cache(maxsize=1)
def promo_matcher() -> PromoMatcher:
    """The packaged promotional-phrase matcher."""
    return PromoMatcher(_entries("promo_phrases.txt")[0])


@lru_cache(maxsize=1)
def cause_tags() -> CauseTags:
    """The packaged cause/movement hashtag list."""
    return CauseTags(_entries("cause_hashtags.txt")[0])


def examples(name: str) -> Examples:
    """The examples declared in a packaged check data file (``promo_phrases.txt``, ...)."""
    return _entries(name)[1]
