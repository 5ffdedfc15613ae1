"""Reading a data file's text (YAML, JSON or TOML) into data, with the line of every key.

Syntax errors become one :class:`~rtm_score.errors.Problem` with its line and column; a YAML
file also yields :class:`Marks`: the line of each key path, the raw text of each scalar (for
"quote this value" hints) and the keys written twice.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from ..errors import Problem, RtmScoreError
from ..inputs import loads_json
from ..resources import user_yaml_loader

KeyPath = tuple[str | int, ...]
SYNTAX = {".yaml": "YAML", ".yml": "YAML", ".json": "JSON", ".toml": "TOML"}
MAX_VALUES = 50_000


@dataclass(frozen=True, slots=True)
class Marks:
    """Where things are written in a document (YAML only; empty for JSON and TOML)."""

    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    scalars: Mapping[KeyPath, str] = field(default_factory=dict)
    duplicates: tuple[tuple[KeyPath, int, int], ...] = ()


def fatal(
    error: type[RtmScoreError],
    source: str,
    message: str,
    hint: str,
    line: int | None = None,
    column: int | None = None,
) -> RtmScoreError:
    """An error of class ``error`` holding one problem at ``line`` / ``column``."""
    problem = Problem(message, source=source, line=line, column=column, hint=hint)
    return error(message, source=source, problems=(problem,))


def yaml_marks(text: str, source: str, error: type[RtmScoreError], what: str) -> Marks:
    """The :class:`Marks` of a YAML document, from ``yaml.compose``.

    Raises:
        error: the document expands (through aliases) to more than :data:`MAX_VALUES` values.
    """
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
        if visited[0] > MAX_VALUES:
            raise fatal(error, source, f"the {what} is too large (over {MAX_VALUES} values)",
                        "remove repeated YAML aliases (*name)")  # fmt: skip
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

    root = yaml.compose(text, Loader=user_yaml_loader())
    if root is not None:
        lines[()] = root.start_mark.line + 1
        walk(root, (), 0)
    return Marks(lines, scalars, tuple(duplicates))


def parse_text(text: str, syntax: str, source: str, error: type[RtmScoreError]) -> object:
    """``text`` parsed as ``syntax`` (``YAML``, ``JSON`` or ``TOML``).

    Raises:
        error: a syntax error, with its line and column and a hint.
    """
    try:
        if syntax == "JSON":
            return loads_json(text)
        if syntax == "TOML":
            return tomllib.loads(text)
        return yaml.load(text, Loader=user_yaml_loader())  # safe, and aliases kept shallow
    except json.JSONDecodeError as exc:
        raise fatal(error, source, f"JSON syntax error: {exc.msg}", "check the commas, quotes "
                    "and brackets around this place", exc.lineno, exc.colno) from None  # fmt: skip
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at .*\)$", "", str(exc))
        line, col = (int(found[1]), int(found[2])) if found else (None, None)
        raise fatal(error, source, f"TOML syntax error: {message}", "check the quotes and `=` "
                    "around this place", line, col) from None  # fmt: skip
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        what = f"{exc.problem} ({exc.context})" if exc.context else str(exc.problem)
        raise fatal(
            error,
            source,
            f"YAML syntax error: {what}",
            "check the indentation and quoting here and on the line above; text holding "
            "': ' or starting with a special character needs quotes",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise fatal(
            error, source, f"YAML error: {exc}", "save the file as plain UTF-8 text"
        ) from None
    except ValueError as exc:  # PyYAML builds 2024-02-30 as a date and fails; huge integers
        value, line = _bad_timestamp(text) if syntax == "YAML" else ("", None)
        if value:
            raise fatal(error, source, f"not a valid date: {value} ({exc})", "fix the day or "
                        "month; quote it if it is not meant as a date", line) from None  # fmt: skip
        raise fatal(error, source, f"cannot read a value: {exc}", "quote it") from None


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
