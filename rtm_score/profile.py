"""Brand profiles: the dataclasses below, plus loading and strict validation (YAML, JSON, TOML)."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import ProfileError, RtmScoreError
from .resources import read_text


@dataclass(frozen=True, slots=True)
class Keyword:
    """A brand keyword, optionally weighted (weight 1.0 is normal, 2.0 counts double)."""

    term: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Product:
    """A product line the brand might tie a trend to."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Voice:
    """How the brand speaks and which territories it plays in or stays out of."""

    tone: str = ""
    topics: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision policy thresholds, all in [0, 1]."""

    engage: float = 0.30
    """Minimum relevance for an engage."""
    skip: float = 0.35
    """Sensitivity at or above which a relevant topic is skipped (caution)."""
    never: float = 0.70
    """Sensitivity at or above which a topic is never, whatever its relevance."""


@dataclass(frozen=True, slots=True)
class BrandDate:
    """A brand's own sensitive date (an anniversary of its own crisis, a local observance)."""

    name: str
    date: str
    """``MM-DD`` (every year) or ``YYYY-MM-DD`` (once)."""
    regions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    window_days: int = 0


@dataclass(frozen=True, slots=True)
class BrandProfile:
    """Everything rtm-score knows about a brand."""

    name: str
    description: str = ""
    keywords: tuple[Keyword, ...] = ()
    products: tuple[Product, ...] = ()
    voice: Voice = Voice()
    regions: tuple[str, ...] = ()
    off_limits: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    thresholds: Thresholds = Thresholds()
    dates: tuple[BrandDate, ...] = ()
    source: str = ""
    """The file it was loaded from (for messages)."""

    def documents(self) -> list[tuple[str, str]]:
        """The brand's documents for relevance: (label, text) pairs."""
        docs: list[tuple[str, str]] = []
        if self.description:
            docs.append(("description", self.description))
        docs.extend((f"keyword:{kw.term}", kw.term) for kw in self.keywords)
        for p in self.products:
            text = " ".join([p.name, p.description, *p.keywords]).strip()
            docs.append((f"product:{p.name}", text))
        return docs

    def summary(self) -> str:
        """One line for people, e.g. ``Crunchwell Snacks (5 keywords, 2 products, regions US)``."""
        regions = f"regions {', '.join(self.regions)}" if self.regions else "all regions"
        return (
            f"{self.name} ({_count(len(self.keywords), 'keyword')}, "
            f"{_count(len(self.products), 'product')}, {regions})"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class ProfileProblem(RtmScoreError):
    """One problem in a profile; keeps the key path and line apart for tools and the CLI."""

    def __init__(
        self,
        message: str,
        *,
        source: str,
        key_path: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        if key_path:
            where = f"{key_path} (line {line})" if line is not None else key_path
        elif line is not None:
            where = f"line {line}, column {column}" if column is not None else f"line {line}"
        else:
            where = ""
        super().__init__(message, source=source, where=where or None, hint=hint or None)
        self.key_path = key_path
        self.line = line
        self.column = column


# --- the schema: pydantic, strict, no unknown keys ------------------------------------------

# ISO 3166-1 alpha-2, all 249 officially assigned codes.
ISO_REGIONS = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
    ZM ZW""".split()  # noqa: SIM905  (a 249-item literal would be unreadable)
)
# Codes people write that ISO spells differently.
_REGION_ALIASES = {
    "UK": "GB", "EL": "GR", "USA": "US", "GBR": "GB", "CAN": "CA", "AUS": "AU", "NZL": "NZ",
    "IRL": "IE", "DEU": "DE", "FRA": "FR", "ESP": "ES", "ITA": "IT", "MEX": "MX", "BRA": "BR",
    "IND": "IN", "JPN": "JP",
}  # fmt: skip
_DATE_RE = re.compile(r"(?:(\d{4})-)?(\d{2})-(\d{2})")


def _fail(message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError("rtm", "{message}", {"message": message, "hint": hint})


def _region(code: str) -> str:
    upper = code.upper()
    if upper in ISO_REGIONS:
        return upper
    if upper in _REGION_ALIASES:
        raise _fail(f"unknown region code {code!r}", f"use {_REGION_ALIASES[upper]} (ISO 3166-1)")
    if len(upper) == 2:
        raise _fail(
            f"unknown region code {code!r}",
            "use an ISO 3166-1 alpha-2 country code such as US, GB, CA, AU or DE",
        )
    raise _fail(f"expected a two-letter ISO 3166-1 country code, got {code!r}", "e.g. US or GB")


def _date_input(value: object) -> object:
    # YAML and TOML turn an unquoted 2025-03-14 into a date; accept it as the text it was.
    if isinstance(value, dt.datetime):
        raise _fail("expected a date, got a timestamp", 'write just the day, e.g. "2025-03-14"')
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_date(text: str) -> str:
    match = _DATE_RE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        dt.date(int(match[1] or 2000), int(match[2]), int(match[3]))  # 2000: allow 02-29
    except ValueError:
        raise _fail(
            f"expected a date as MM-DD (every year) or YYYY-MM-DD (once), got {text!r}",
            'e.g. "11-11" or "2025-03-14"',
        ) from None
    return text


_Text = Annotated[str, Field(min_length=1)]
_Region = Annotated[str, AfterValidator(_region)]
_Territory = Annotated[_Text, AfterValidator(lambda s: " ".join(s.lower().split()))]
_Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
_Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]
_DateText = Annotated[str, BeforeValidator(_date_input), AfterValidator(_check_date)]


def _tag(value: object) -> str | None:
    """Text or a mapping, told apart by type so that errors name one shape, not both."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "object"
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class _KeywordModel(_Strict):
    term: _Text
    weight: _Weight = 1.0


class _ProductModel(_Strict):
    name: _Text
    description: str = ""
    keywords: list[_Text] = []


class _VoiceModel(_Strict):
    tone: str = ""
    topics: list[_Territory] = []
    avoid: list[_Territory] = []

    @model_validator(mode="after")
    def _no_overlap(self) -> _VoiceModel:
        both = sorted(set(self.topics) & set(self.avoid))
        if both:
            raise _fail(f"{both[0]!r} is in both voice.topics and voice.avoid", "keep it in one")
        return self


_DEFAULTS = Thresholds()


class _ThresholdsModel(_Strict):
    engage: _Unit = _DEFAULTS.engage
    skip: _Unit = _DEFAULTS.skip
    never: _Unit = _DEFAULTS.never

    @model_validator(mode="after")
    def _ordered(self) -> _ThresholdsModel:
        if self.skip >= self.never:
            given = self.model_fields_set
            skip = f"{self.skip}" + ("" if "skip" in given else ", the default")
            never = f"{self.never}" + ("" if "never" in given else ", the default")
            raise _fail(
                f"thresholds.skip ({skip}) must be lower than thresholds.never ({never})",
                "topics are skipped from `skip` sensitivity up and never from `never` up; "
                "lower skip or raise never",
            )
        return self


class _DateModel(_Strict):
    name: _Text
    date: _DateText
    regions: list[_Region] = []
    keywords: list[_Text] = []
    window_days: Annotated[int, Field(ge=0)] = 0


def _keywords_tag(value: object) -> str | None:
    return "list" if isinstance(value, list) else "mapping" if isinstance(value, dict) else None


_KeywordItem = Annotated[
    Union[Annotated[_Text, Tag("text")], Annotated[_KeywordModel, Tag("object")]],  # noqa: UP007
    Discriminator(_tag, custom_error_type="keyword_item", custom_error_message="keyword_item"),
]
_ProductItem = Annotated[
    Union[Annotated[_Text, Tag("text")], Annotated[_ProductModel, Tag("object")]],  # noqa: UP007
    Discriminator(_tag, custom_error_type="product_item", custom_error_message="product_item"),
]
_Keywords = Annotated[
    Union[  # noqa: UP007
        Annotated[list[_KeywordItem], Tag("list")],
        Annotated[dict[_Text, _Weight], Tag("mapping")],
    ],
    Discriminator(_keywords_tag, custom_error_type="keywords", custom_error_message="keywords"),
]


class _ProfileModel(_Strict):
    name: _Text
    description: str = ""
    keywords: _Keywords = []
    products: list[_ProductItem] = []
    voice: _VoiceModel = _VoiceModel()
    regions: list[_Region] = []
    off_limits: list[_Text] = []
    competitors: list[_Text] = []
    thresholds: _ThresholdsModel = _ThresholdsModel()
    dates: list[_DateModel] = []


# Which model's keys are allowed under a key path (list indexes left out): for "did you mean".
_MODELS: dict[tuple[str, ...], type[BaseModel]] = {
    (): _ProfileModel,
    ("keywords",): _KeywordModel,
    ("products",): _ProductModel,
    ("voice",): _VoiceModel,
    ("thresholds",): _ThresholdsModel,
    ("dates",): _DateModel,
}


# --- turning pydantic's errors into messages that say what, where and how to fix ------------

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Context:
    source: str
    lines: Mapping[KeyPath, int]
    scalars: Mapping[KeyPath, str]
    syntax: str


_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "keywords": "a list of keywords or a mapping of keyword to weight",
    "keyword_item": "a keyword (text) or a mapping with 'term' and 'weight'",
    "product_item": "a product name (text) or a mapping with 'name', 'description', 'keywords'",
}
_TEXTUAL = {"string_type", "keyword_item", "product_item"}
_MISSING_HINTS = {
    "name": "add a line like `name: Crunchwell Snacks`",
    "term": "write the keyword as `term: chips`",
    "date": 'add `date: "MM-DD"` (every year) or `date: "YYYY-MM-DD"` (once)',
}


def _describe(value: object, syntax: str) -> str:
    lang = f"the {syntax} " if syntax else "the "
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{lang}boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return f"{lang}timestamp {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"{lang}date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {value if len(value) <= 40 else value[:37] + '...'!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"


def _quote_hint(raw: str, path: KeyPath, syntax: str, what: str = "value") -> str:
    if syntax != "YAML":
        return f'write it as text in double quotes: "{raw}"'
    if "regions" in path and raw.upper() == "NO":
        return f'quote this {what}, e.g. "NO" for Norway'
    return f'quote this {what} so YAML keeps it as text, e.g. "{raw}"'


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _resolve(loc: tuple[str | int, ...], data: object, ctx: _Context) -> tuple[KeyPath, str]:
    """Pydantic's location -> the real key path in ``data`` and its display (``a.b[2].c``)."""
    parts = [p for p in loc if p != "[key]"]
    # Strip the union tags pydantic puts in the location (keywords.list.0.object.weight).
    if parts[:1] == ["keywords"] and len(parts) > 1 and parts[1] in ("list", "mapping"):
        del parts[1]
    if len(parts) > 2 and parts[0] in ("keywords", "products") and parts[2] in ("text", "object"):
        del parts[2]
    path: list[str | int] = []
    shown, node = "", data
    for part in parts:
        if isinstance(node, list) and isinstance(part, int):
            path.append(part)
            shown += f"[{part}]"
            node = node[part] if 0 <= part < len(node) else None
            continue
        key = next((k for k in node if k == part), part) if isinstance(node, dict) else part
        path.append(key)
        text = key if isinstance(key, str) else ctx.scalars.get((*path, "[key]"), _plain(key))
        shown += f".{text}" if shown else text
        node = node.get(key) if isinstance(node, dict) else None
    return tuple(path), shown


def _line(path: KeyPath, lines: Mapping[KeyPath, int]) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _unknown_key(path: KeyPath) -> tuple[str, str]:
    key = str(path[-1])
    parent = tuple(p for p in path[:-1] if isinstance(p, str))
    model = _MODELS.get(parent)
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    message = f"unknown key {key!r}" + (f"; did you mean {close[0]!r}?" if close else "")
    return message, f"allowed keys here: {', '.join(allowed)}"


def _explain(err: Mapping[str, Any], path: KeyPath, ctx: _Context) -> tuple[str, str]:
    kind, value, limits = err["type"], err["input"], err.get("ctx") or {}
    key = path[-1] if path else ""
    if kind == "rtm":
        return str(limits["message"]), str(limits["hint"])
    if kind == "missing":
        return f"missing required key {key!r}", _MISSING_HINTS.get(str(key), f"add {key!r}")
    if kind == "extra_forbidden":
        return _unknown_key(path)
    if kind == "invalid_key" or "[key]" in err["loc"]:
        raw = ctx.scalars.get((*path, "[key]"), _plain(key))
        message = f"keys must be text, got {_describe(key, ctx.syntax)}"
        return message, _quote_hint(raw, path, ctx.syntax, "key")
    in_thresholds = path[:1] == ("thresholds",)
    if kind in _EXPECTED:
        noun = "a number between 0 and 1" if in_thresholds else _EXPECTED[kind]
        message = f"expected {noun}, got {_describe(value, ctx.syntax)}"
        if value is None:
            hint = (
                "write [] for an empty list, or remove the key"
                if kind == "list_type"
                else ("write a value after the colon, or remove the key")
            )
        elif kind in _TEXTUAL and isinstance(value, int | float | dt.date):
            hint = _quote_hint(ctx.scalars.get(path, _plain(value)), path, ctx.syntax)
        elif kind == "list_type" and isinstance(value, str):
            hint = f"write a list, e.g. [{json.dumps(value)}]"
        elif kind in ("float_type", "int_type"):
            numeric = isinstance(value, str) and re.fullmatch(r"[-+]?\d+(\.\d*)?", value.strip())
            hint = (
                "write the number without quotes"
                if numeric
                else ("e.g. 0.4" if in_thresholds else "e.g. 2.0")
            )
        elif _EXPECTED[kind] == "a mapping of keys":
            hint = "write its keys on the lines below it, indented"
        else:
            hint = ""
        return message, hint
    if kind == "string_too_short":
        return "must not be empty", "write a value, or remove the entry"
    if in_thresholds and kind in ("greater_than_equal", "less_than_equal"):
        return f"must be between 0 and 1, got {value}", "e.g. 0.4"
    if kind == "greater_than":
        return f"must be greater than {limits['gt']:g}, got {value}", "remove the entry instead"
    if kind == "greater_than_equal":
        return f"must be {limits['ge']:g} or more, got {value}", ""
    if kind == "less_than_equal":
        return f"must be {limits['le']:g} or less, got {value}", ""
    return str(err["msg"]), ""


def _check(data: object, ctx: _Context) -> tuple[_ProfileModel | None, list[ProfileProblem]]:
    if not isinstance(data, dict):
        return None, [
            ProfileProblem(
                f"expected a mapping of keys (name, keywords, ...) at the top level, "
                f"got {_describe(data, ctx.syntax)}",
                source=ctx.source,
                line=ctx.lines.get(()),
                hint="start the file with `name: Your Brand`; run `rtm-score init -` for a sample",
            )
        ]
    model, problems = None, []
    try:
        model = _ProfileModel.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path, shown = _resolve(err["loc"], data, ctx)
            message, hint = _explain(err, path, ctx)
            line = _line(path, ctx.lines)
            problems.append(
                ProfileProblem(message, source=ctx.source, key_path=shown, line=line, hint=hint)
            )
    if not any(data.get(k) for k in ("keywords", "products")) and not (
        str(data.get("description") or "").strip()
    ):
        problems.append(
            ProfileProblem(
                "nothing to match topics against: no keywords, products or description",
                source=ctx.source,
                hint="add `keywords:` (a list of terms), `products:` or a `description:`",
            )
        )
    return model, problems


def _to_profile(m: _ProfileModel, source: str) -> BrandProfile:
    if isinstance(m.keywords, dict):
        keywords = tuple(Keyword(t, float(w)) for t, w in m.keywords.items())
    else:
        keywords = tuple(
            Keyword(k) if isinstance(k, str) else Keyword(k.term, float(k.weight))
            for k in m.keywords
        )
    products = tuple(
        Product(p) if isinstance(p, str) else Product(p.name, p.description, tuple(p.keywords))
        for p in m.products
    )

    def unique(items: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(items))

    return BrandProfile(
        name=m.name,
        description=m.description,
        keywords=keywords,
        products=products,
        voice=Voice(m.voice.tone, unique(m.voice.topics), unique(m.voice.avoid)),
        regions=unique(m.regions),
        off_limits=tuple(m.off_limits),
        competitors=tuple(m.competitors),
        thresholds=Thresholds(
            float(m.thresholds.engage), float(m.thresholds.skip), float(m.thresholds.never)
        ),
        dates=tuple(
            BrandDate(d.name, d.date, unique(d.regions), tuple(d.keywords), d.window_days)
            for d in m.dates
        ),
        source=source,
    )


def _raise(source: str, problems: list[ProfileProblem]) -> ProfileError:
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    n = len(problems)
    return ProfileError(
        f"invalid brand profile ({n} problem{'s' if n != 1 else ''})",
        source=source,
        problems=tuple(problems),
    )


def parse_profile(
    data: object,
    *,
    source: str = "<profile>",
    lines: Mapping[KeyPath, int] | None = None,
    scalars: Mapping[KeyPath, str] | None = None,
    syntax: str = "",
) -> BrandProfile:
    """Validate already-parsed profile data and build a :class:`BrandProfile`.

    Args:
        data: what ``yaml.safe_load``, ``json.load`` or ``tomllib`` returned.
        source: the file name used in messages.
        lines: 1-based line of each key path, to point messages at.
        scalars: the raw text of scalar values by key path, for "quote this value" hints.
        syntax: ``"YAML"``, ``"JSON"`` or ``"TOML"``, used in messages.

    Raises:
        ProfileError: holding every problem found, not just the first.
    """
    ctx = _Context(source, lines or {}, scalars or {}, syntax)
    model, problems = _check(data, ctx)
    if problems or model is None:
        raise _raise(source, problems)
    return _to_profile(model, source)


# --- reading files ----------------------------------------------------------------------------

_SYNTAX = {".yaml": "YAML", ".yml": "YAML", ".json": "JSON", ".toml": "TOML"}


def _fatal(source: str, message: str, hint: str, line: int | None = None,
           column: int | None = None) -> ProfileError:  # fmt: skip
    problem = ProfileProblem(message, source=source, line=line, column=column, hint=hint)
    return ProfileError(message, source=source, problems=(problem,))


_MAX_VALUES = 50_000


def _marks(
    text: str, source: str
) -> tuple[dict[KeyPath, int], dict[KeyPath, str], list[tuple[KeyPath, int, int]]]:
    """Lines and raw scalar text by key path, and duplicate keys, from ``yaml.compose``."""
    lines: dict[KeyPath, int] = {}
    scalars: dict[KeyPath, str] = {}
    duplicates: list[tuple[KeyPath, int, int]] = []
    constructor = yaml.constructor.SafeConstructor()

    def key_of(node: yaml.Node) -> str | int:
        try:
            key = constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            key = None
        return key if isinstance(key, str | int) else str(node.value)

    def walk(node: yaml.Node, path: KeyPath, depth: int) -> None:
        if depth > 50:  # recursive anchors; the validator reports them
            return
        if len(scalars) > _MAX_VALUES:  # aliases can expand a few lines into billions of values
            raise _fatal(source, f"the profile is too large (over {_MAX_VALUES} values)",
                         "remove repeated YAML aliases (*name); a profile needs a few hundred "
                         "values at most")  # fmt: skip
        if isinstance(node, yaml.MappingNode):
            seen: dict[str | int, int] = {}
            for key_node, value_node in node.value:
                key = key_of(key_node)
                here = (*path, key)
                line = key_node.start_mark.line + 1
                if key in seen:
                    duplicates.append((here, line, seen[key]))
                seen[key] = lines[here] = line
                if isinstance(key_node, yaml.ScalarNode):
                    scalars[(*here, "[key]")] = key_node.value
                walk(value_node, here, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*path, i)] = item.start_mark.line + 1
                walk(item, (*path, i), depth + 1)
        elif isinstance(node, yaml.ScalarNode):
            scalars[path] = node.value

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        lines[()] = root.start_mark.line + 1
        walk(root, (), 0)
    return lines, scalars, duplicates


def _parse_text(text: str, syntax: str, source: str) -> object:
    try:
        if syntax == "JSON":
            return json.loads(text)
        if syntax == "TOML":
            return tomllib.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise _fatal(source, f"JSON syntax error: {exc.msg}", "check the commas, quotes and "
                     "brackets around this place", exc.lineno, exc.colno) from None  # fmt: skip
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at .*\)$", "", str(exc))
        line, col = (int(found[1]), int(found[2])) if found else (None, None)
        raise _fatal(source, f"TOML syntax error: {message}", "check the quotes and `=` "
                     "around this place", line, col) from None  # fmt: skip
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        what = f"{exc.problem} ({exc.context})" if exc.context else str(exc.problem)
        raise _fatal(
            source,
            f"YAML syntax error: {what}",
            "check the indentation and quoting here and on the line above; text holding "
            "': ' or starting with a special character needs quotes",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise _fatal(source, f"YAML error: {exc}", "save the file as plain UTF-8 text") from None
    except ValueError as exc:  # PyYAML builds 2024-02-30 as a date and fails; huge integers
        value, line = _bad_timestamp(text) if syntax == "YAML" else ("", None)
        if value:
            raise _fatal(source, f"not a valid date: {value} ({exc})", "fix the day or month; "
                         "quote it if it is not meant as a date", line) from None  # fmt: skip
        raise _fatal(source, f"cannot read a value: {exc}", "quote it") from None


def _bad_timestamp(text: str) -> tuple[str, int | None]:
    """The first unquoted date-like scalar PyYAML cannot build, and its line."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    seen: set[int] = set()
    while stack:
        node = stack.pop(0)
        if id(node) in seen:  # aliases share nodes
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                constructor.construct_object(node)
            except ValueError:
                return str(node.value), node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
    return "", None


def load_profile(path: str | os.PathLike[str]) -> BrandProfile:
    """Read and validate a brand profile (YAML, JSON or TOML, by extension; else YAML).

    Raises:
        ProfileError: the file cannot be read or is invalid; ``problems`` holds every problem.
    """
    source = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _fatal(source, f"cannot read the profile: {reason}", "check the path; "
                     "`rtm-score init` writes a starter profile") from None  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _fatal(source, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})",
                     "save the file as UTF-8", line) from None  # fmt: skip
    if not text.strip():
        raise _fatal(source, "the profile is empty", "run `rtm-score init` for a starter profile")
    syntax = _SYNTAX.get(Path(source).suffix.lower(), "YAML")
    data = _parse_text(text, syntax, source)
    if data is None:
        what = "only comments" if syntax == "YAML" else "null"
        raise _fatal(source, f"the profile is empty ({what})", "add at least `name:` and "
                     "`keywords:`; run `rtm-score init -` for a sample")  # fmt: skip
    lines: dict[KeyPath, int] = {}
    scalars: dict[KeyPath, str] = {}
    duplicates: list[tuple[KeyPath, int, int]] = []
    if syntax != "TOML":
        # Valid JSON that YAML 1.1 cannot read just gets no line numbers.
        with contextlib.suppress(yaml.YAMLError):
            lines, scalars, duplicates = _marks(text, source)
    ctx = _Context(source, lines, scalars, syntax)
    model, problems = _check(data, ctx)
    for dup_path, line, first in duplicates:
        problems.append(
            ProfileProblem(
                f"duplicate key {dup_path[-1]!r} (first on line {first}); only the last one counts",
                source=source,
                key_path=_resolve(dup_path, data, ctx)[1],
                line=line,
                hint="remove one of them",
            )
        )
    if problems or model is None:
        raise _raise(source, problems)
    return _to_profile(model, source)


def check_profile(path: str | os.PathLike[str]) -> list[RtmScoreError]:
    """Every problem in a profile file; ``[]`` when it is valid. Never raises for content."""
    try:
        load_profile(path)
    except ProfileError as exc:
        return list(exc.problems) or [exc]
    return []


def starter_profile() -> str:
    """The text of the packaged, commented starter profile (what ``rtm-score init`` writes)."""
    return read_text("templates", "profile.yaml")
