"""Pydantic's errors as messages that say what is wrong, where (key path and line) and how to
fix it. Nothing here knows a particular file type: a :class:`Spec` carries what does."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .documents import KeyPath, Marks


@dataclass(frozen=True, slots=True)
class Spec:
    """What a file type adds to the generic messages.

    Attributes:
        root: the pydantic model of the whole document.
        expected: names of custom error kinds and union tags ("keyword_item" -> "a keyword").
        missing: hints for missing keys, by key name.
        textual: error kinds whose value should have been text (a "quote it" hint).
        units: keys under which numbers are between 0 and 1 (``thresholds``, ``weight``).
        strip: drops pydantic's union tags from an error location.
    """

    root: type[BaseModel]
    expected: Mapping[str, str] = field(default_factory=dict)
    missing: Mapping[str, str] = field(default_factory=dict)
    textual: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    strip: Callable[[list[str | int]], list[str | int]] = lambda parts: parts


@dataclass(frozen=True, slots=True)
class Context:
    """One document being checked: its name, syntax and marks."""

    source: str
    marks: Marks
    syntax: str


_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}
_SHAPES = {
    "string_too_short": ("must not be empty", "write a value, or remove the entry"),
    "too_short": ("must list at least {min_length} entries", "add entries"),
    "string_pattern_mismatch": ("{key} must match {pattern}, got '{value}'", ""),
    "string_too_long": ("{key} is too long", "keep it to {max_length} characters"),
}
"""Messages for values of the wrong shape (empty text, an empty list, an id with spaces)."""


def describe(value: object, syntax: str) -> str:
    """A value as a person reads it: ``the YAML boolean false``, ``the text 'x'``."""
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


def resolve(
    loc: tuple[str | int, ...], data: object, ctx: Context, spec: Spec
) -> tuple[KeyPath, str]:
    """Pydantic's location -> the real key path in ``data`` and its display (``a.b[2].c``)."""
    parts = spec.strip([p for p in loc if p != "[key]"])
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
        raw = ctx.marks.scalars.get((*path, "[key]"), _plain(key))
        text = key if isinstance(key, str) else raw
        shown += f".{text}" if shown else text
        node = node.get(key) if isinstance(node, dict) else None
    return tuple(path), shown


def line_of(path: KeyPath, lines: Mapping[KeyPath, int]) -> int | None:
    """The line of ``path``, else of its nearest written parent."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


@lru_cache(maxsize=32)
def models_by_path(root: type[BaseModel]) -> Mapping[tuple[str, ...], type[BaseModel]]:
    """Every nested model of ``root`` by the key path (list indices left out) it sits at."""
    out: dict[tuple[str, ...], type[BaseModel]] = {}

    def visit(model: type[BaseModel], path: tuple[str, ...]) -> None:
        out[path] = model
        for name, info in model.model_fields.items():
            inners = _models_in(info.annotation)
            for inner in inners:
                if (*path, name) not in out:
                    visit(inner, (*path, name))
                if len(inners) > 1:
                    for tag in _tags(inner):
                        visit(inner, (*path, name, tag))

    visit(root, ())
    return types.MappingProxyType(out)


def _tags(model: type[BaseModel]) -> list[str]:
    """The values of ``model``'s single-value Literal fields: its tags in a tagged union."""
    out = []
    for info in model.model_fields.values():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is typing.Literal and len(args) == 1:
            out.append(str(args[0]))
    return out


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _unknown_key(path: KeyPath, loc: tuple[str | int, ...], spec: Spec) -> tuple[str, str]:
    key = str(path[-1])
    models = models_by_path(spec.root)
    # pydantic's location names the union member (signals.0.phrase.x): its keys, if known.
    tagged = tuple(p for p in loc[:-1] if isinstance(p, str) and p != "[key]")
    parent = tuple(p for p in path[:-1] if isinstance(p, str))
    model = models.get(tagged) or models.get(parent)
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    message = f"unknown key {key!r}" + (f"; did you mean {close[0]!r}?" if close else "")
    return message, f"allowed keys here: {', '.join(allowed)}"


def explain(err: Mapping[str, Any], path: KeyPath, ctx: Context, spec: Spec) -> tuple[str, str]:
    """One pydantic error as (message, hint)."""
    kind, value, limits = err["type"], err["input"], err.get("ctx") or {}
    key = path[-1] if path else ""
    if kind == "rtm":
        return str(limits["message"]), str(limits["hint"])
    if kind == "missing":
        return f"missing required key {key!r}", spec.missing.get(str(key), f"add {key!r}")
    if kind == "extra_forbidden":
        return _unknown_key(path, err["loc"], spec)
    if kind == "literal_error" and "[key]" in err["loc"]:  # a key from a fixed set
        return f"unknown key {key!r}", f"use one of: {limits['expected'].replace(chr(39), '')}"
    if kind == "invalid_key" or "[key]" in err["loc"]:
        raw = ctx.marks.scalars.get((*path, "[key]"), _plain(key))
        message = f"keys must be text, got {describe(key, ctx.syntax)}"
        return message, _quote_hint(raw, path, ctx.syntax, "key")
    in_units = any(p in spec.units for p in path if isinstance(p, str))
    expected = {**_EXPECTED, **spec.expected}
    if kind in expected:
        return _wrong_type(kind, value, path, ctx, spec, in_units, expected[kind])
    if isinstance(value, int | float) and len(str(value)) > 40:
        value = f"a number of {len(str(value))} digits"
    if kind in _SHAPES:
        message, hint = _SHAPES[kind]
        message = message.format(key=key, value=_plain(value), **limits)
        return message.replace("at least 1 entries", "at least one entry"), hint
    if kind == "union_tag_invalid":
        return f"unknown {limits['discriminator'].strip(chr(39))} {limits['tag']!r}", (
            f"use one of: {limits['expected_tags'].replace(chr(39), '')}"
        )
    if kind == "union_tag_not_found":
        name = limits["discriminator"].strip("'")
        return f"missing required key {name!r}", spec.missing.get(name, f"add {name!r}")
    if kind == "literal_error":
        return f"unknown {key} {value!r}", f"use {limits['expected'].replace(chr(39), '')}"
    if in_units and kind in ("greater_than_equal", "less_than_equal"):
        return f"must be between 0 and 1, got {value}", "e.g. 0.4"
    if kind == "greater_than":
        return f"must be greater than {limits['gt']:g}, got {value}", "remove the entry instead"
    if kind == "greater_than_equal":
        return f"must be {limits['ge']:g} or more, got {value}", ""
    if kind == "less_than_equal":
        return f"must be {limits['le']:g} or less, got {value}", ""
    return str(err["msg"]), ""


def _wrong_type(
    kind: str, value: object, path: KeyPath, ctx: Context, spec: Spec, in_units: bool, noun: str
) -> tuple[str, str]:
    noun = "a number between 0 and 1" if in_units else noun
    message = f"expected {noun}, got {describe(value, ctx.syntax)}"
    if value is None:
        hint = (
            "write [] for an empty list, or remove the key"
            if kind == "list_type"
            else "write a value after the colon, or remove the key"
        )
    elif (kind == "string_type" or kind in spec.textual) and isinstance(
        value, int | float | dt.date
    ):
        hint = _quote_hint(ctx.marks.scalars.get(path, _plain(value)), path, ctx.syntax)
    elif kind == "list_type" and isinstance(value, str):
        hint = f"write a list, e.g. [{json.dumps(value)}]"
    elif kind in ("float_type", "int_type"):
        numeric = isinstance(value, str) and re.fullmatch(r"[-+]?\d+(\.\d*)?", value.strip())
        hint = (
            "write the number without quotes"
            if numeric
            else ("e.g. 0.4" if in_units else "e.g. 2.0")
        )
    elif noun == "a mapping of keys":
        hint = (
            'write an object: {"key": value, ...}'
            if ctx.syntax == "JSON"
            else "write its keys on the lines below it, indented"
        )
    else:
        hint = ""
    return message, hint
