"""Reading profile files (YAML, JSON, TOML), with the line of every key; the starter profile."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tomllib
from pathlib import Path

import yaml

from ..errors import ProfileError, RtmScoreError
from ..inputs import MAX_CONFIG_BYTES, loads_json, read_input
from ..resources import read_text
from .messages import KeyPath, _check, _Context, _raise, _resolve, _to_profile
from .model import BrandProfile, ProfileProblem

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

    visited = [0]

    def walk(node: yaml.Node, path: KeyPath, depth: int) -> None:
        if depth > 50:  # recursive anchors; the validator reports them
            return
        visited[0] += 1
        # Aliases can expand a few lines into billions of values (or of empty lists).
        if visited[0] > _MAX_VALUES:
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
            return loads_json(text)
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
        raw = read_input(path, MAX_CONFIG_BYTES)
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
    try:
        data = _parse_text(text, syntax, source)
    except RecursionError:
        raise _fatal(source, "the profile is nested too deeply to read",
                     "a profile needs only a few levels of keys and lists") from None  # fmt: skip
    if data is None:
        what = "only comments" if syntax == "YAML" else "null"
        raise _fatal(source, f"the profile is empty ({what})", "add at least `name:` and "
                     "`keywords:`; run `rtm-score init -` for a sample")  # fmt: skip
    lines: dict[KeyPath, int] = {}
    scalars: dict[KeyPath, str] = {}
    duplicates: list[tuple[KeyPath, int, int]] = []
    if syntax != "TOML":
        # Valid JSON that YAML 1.1 cannot read just gets no line numbers.
        with contextlib.suppress(yaml.YAMLError, RecursionError):
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
