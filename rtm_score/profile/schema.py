"""The profile's schema: pydantic models, strict, no unknown keys; regions and dates checked."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Union

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from ..schema.types import Strict, Text, Unit, fail, kebab
from ..vocab.regions import RegionError, region
from .model import MAX_WINDOW_DAYS, Thresholds

_DATE_RE = re.compile(r"(?:(\d{4})-)?(\d{2})-(\d{2})")


def _region(code: str) -> str:
    try:
        return region(code)
    except RegionError as exc:
        raise fail(exc.message, exc.hint) from None


def _date_input(value: object) -> object:
    # YAML and TOML turn an unquoted 2025-03-14 into a date; accept it as the text it was.
    if isinstance(value, dt.datetime):
        raise fail("expected a date, got a timestamp", 'write just the day, e.g. "2025-03-14"')
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_date(text: str) -> str:
    match = _DATE_RE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        dt.date(int(match[1] or 2000), int(match[2]), int(match[3]))  # 2000: allow 02-29
    except ValueError:
        raise fail(
            f"expected a date as MM-DD (every year) or YYYY-MM-DD (once), got {text!r}",
            'e.g. "11-11" or "2025-03-14"',
        ) from None
    return text


_WORD = re.compile(r"\w+")
_DROPPED = re.compile(r"[^\w\s'\-.&]")


def _check_term(text: str) -> str:
    """A term the matcher reads as the writer meant: words are matched, other characters are
    dropped, so "C++" would be the word "c", found in "Vitamin C" and "Plan C"."""
    words = _WORD.findall(text)
    if words and all(len(w) == 1 for w in words) and _DROPPED.search(text):
        read = " ".join(w.lower() for w in words)
        example = f' ("Vitamin {words[0].upper()}")' if words[0].isalpha() else ""
        raise fail(
            f"{text!r} reads as {read!r}: rtm-score matches words and drops the other "
            f"characters, so it would match any {read!r}{example}",
            f'use words the feed would carry, e.g. "{text} programming", or leave it out',
        )
    return text


_Term = Annotated[Text, AfterValidator(_check_term)]
"""A keyword, product, off-limits topic, competitor or alias: see :func:`_check_term`."""
_Region = Annotated[str, AfterValidator(_region)]
_Territory = Annotated[Text, AfterValidator(lambda s: " ".join(s.lower().split()))]
_Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_DateText = Annotated[str, BeforeValidator(_date_input), AfterValidator(_check_date)]


def _tag(value: object) -> str | None:
    """Text or a mapping, told apart by type so that errors name one shape, not both."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "object"
    return None


class _KeywordModel(Strict):
    term: _Term
    weight: _Weight = 1.0


class _ProductModel(Strict):
    name: _Term
    description: str = ""
    keywords: list[_Term] = []


class _VoiceModel(Strict):
    tone: str = ""
    topics: list[_Territory] = []
    avoid: list[_Territory] = []

    @model_validator(mode="after")
    def _no_overlap(self) -> _VoiceModel:
        both = sorted(set(self.topics) & set(self.avoid))
        if both:
            raise fail(f"{both[0]!r} is in both voice.topics and voice.avoid", "keep it in one")
        return self


_DEFAULTS = Thresholds()


class _ThresholdsModel(Strict):
    engage: Unit = _DEFAULTS.engage
    skip: Unit = _DEFAULTS.skip
    never: Unit = _DEFAULTS.never

    @model_validator(mode="after")
    def _ordered(self) -> _ThresholdsModel:
        if self.skip >= self.never:
            given = self.model_fields_set
            skip = f"{self.skip}" + ("" if "skip" in given else ", the default")
            never = f"{self.never}" + ("" if "never" in given else ", the default")
            raise fail(
                f"thresholds.skip ({skip}) must be lower than thresholds.never ({never})",
                "topics are skipped from `skip` sensitivity up and never from `never` up; "
                "lower skip or raise never",
            )
        return self


class _DateModel(Strict):
    name: Text
    date: _DateText
    regions: list[_Region] = []
    keywords: list[Text] = []
    window_days: Annotated[int, Field(ge=0, le=MAX_WINDOW_DAYS)] = 0


def _check_day(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"expected a day as YYYY-MM-DD, got {text!r}", 'e.g. "2026-02-08"') from None
    return text


_DayText = Annotated[str, BeforeValidator(_date_input), AfterValidator(_check_day)]
_PlayId = Annotated[str, Field(max_length=60), kebab("big-game-blackout")]


class _PlatformModel(Strict):
    slogans: list[Text] = []
    mascots: list[Text] = []
    sponsorships: list[Text] = []
    moments: list[Text] = []


class _PlayModel(Strict):
    id: _PlayId
    moments: Annotated[list[Text], Field(min_length=1)]
    angle: Text
    events: list[Text] = []
    territories: list[_Territory] = []
    starts: _DayText | None = None
    ends: _DayText | None = None
    approved_by: str = ""
    approved_until: _DayText | None = None

    @model_validator(mode="after")
    def _window(self) -> _PlayModel:
        if self.starts and self.ends and self.starts > self.ends:
            raise fail(
                f"the play's window ends ({self.ends}) before it starts ({self.starts})",
                "swap starts and ends",
            )
        return self


def _keywords_tag(value: object) -> str | None:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else None


_KeywordItem = Annotated[
    Union[Annotated[_Term, Tag("text")], Annotated[_KeywordModel, Tag("object")]],  # noqa: UP007
    Discriminator(_tag, custom_error_type="keyword_item", custom_error_message="keyword_item"),
]
_ProductItem = Annotated[
    Union[Annotated[_Term, Tag("text")], Annotated[_ProductModel, Tag("object")]],  # noqa: UP007
    Discriminator(_tag, custom_error_type="product_item", custom_error_message="product_item"),
]
_Keywords = Annotated[
    Union[  # noqa: UP007
        Annotated[list[_KeywordItem], Tag("list")],
        Annotated[dict[_Term, _Weight], Tag("mapping")],
    ],
    Discriminator(_keywords_tag, custom_error_type="keywords", custom_error_message="keywords"),
]


class _ProfileModel(Strict):
    name: Text
    description: str = ""
    keywords: _Keywords = []
    products: list[_ProductItem] = []
    voice: _VoiceModel = _VoiceModel()
    regions: list[_Region] = []
    off_limits: list[_Term] = []
    competitors: list[_Term] = []
    aliases: list[_Term] = []
    thresholds: _ThresholdsModel = _ThresholdsModel()
    dates: list[_DateModel] = []
    plays: list[_PlayModel] = []
    platform: _PlatformModel = _PlatformModel()
