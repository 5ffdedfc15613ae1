"""Validation: pydantic's errors as messages that say what is wrong, where (key path and
line) and how to fix it; checked data as a :class:`BrandProfile`."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import (
    ValidationError,
)

from ..errors import ProfileError
from .model import (
    BrandDate,
    BrandProfile,
    Keyword,
    Platform,
    Play,
    Product,
    ProfileProblem,
    Thresholds,
    Voice,
)
from .schema import _MODELS, _ProfileModel

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


_SHAPES = {
    "string_too_short": ("must not be empty", "write a value, or remove the entry"),
    "too_short": ("must list at least one entry", 'e.g. [blackout, "#PowerOutage"]'),
    "string_pattern_mismatch": (
        "{key} must be lower-case letters, digits and dashes, got '{value}'",
        "e.g. big-game-blackout",
    ),
    "string_too_long": ("{key} is too long", "keep it under 60 characters"),
}
"""Messages for values of the wrong shape (empty text, an empty list, an id with spaces)."""


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
    if isinstance(value, int | float) and len(str(value)) > 40:
        value = f"a number of {len(str(value))} digits"
    if kind in _SHAPES:
        message, hint = _SHAPES[kind]
        return message.format(key=key, value=_plain(value)), hint
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
    if model is not None:
        problems += _duplicate_plays(model, ctx)
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


def _duplicate_plays(model: _ProfileModel, ctx: _Context) -> list[ProfileProblem]:
    """A play id used twice (the second one is reported, where it is written)."""
    seen: set[str] = set()
    out = []
    for i, play in enumerate(model.plays):
        if play.id in seen:
            out.append(
                ProfileProblem(
                    f"two plays have the id {play.id!r}",
                    source=ctx.source,
                    key_path=f"plays[{i}].id",
                    line=_line(("plays", i, "id"), ctx.lines),
                    hint="give each play its own id",
                )
            )
        seen.add(play.id)
    return out


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
        aliases=unique(m.aliases),
        thresholds=Thresholds(
            float(m.thresholds.engage), float(m.thresholds.skip), float(m.thresholds.never)
        ),
        dates=tuple(
            BrandDate(d.name, d.date, unique(d.regions), tuple(d.keywords), d.window_days)
            for d in m.dates
        ),
        plays=tuple(
            Play(
                p.id,
                unique(p.moments),
                p.angle,
                unique(p.events),
                unique(p.territories),
                p.starts or "",
                p.ends or "",
                p.approved_by,
                p.approved_until or "",
            )
            for p in m.plays
        ),
        platform=Platform(
            unique(m.platform.slogans),
            unique(m.platform.mascots),
            unique(m.platform.sponsorships),
            unique(m.platform.moments),
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
