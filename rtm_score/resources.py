"""Finding and reading packaged data under ``rtm_score/data`` (the only place that knows paths)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from .errors import DataError


def data_path(*parts: str) -> Traversable:
    """A packaged data file or folder, e.g. ``data_path("rules", "death.yaml")``."""
    node = resources.files("rtm_score").joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    """The text of a packaged data file; a missing one is a packaging bug."""
    node = data_path(*parts)
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - packaging bug
        raise DataError(
            "packaged data file is missing",
            source="/".join(("rtm_score/data", *parts)),
            hint="reinstall rtm-score; if it persists, report a packaging bug",
        ) from exc


def read_json(*parts: str) -> Any:
    """A packaged JSON file, parsed; a corrupt one names itself and its line."""
    try:
        return json.loads(read_text(*parts))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"invalid JSON: {exc.msg}",
            source="/".join(("rtm_score/data", *parts)),
            where=f"line {exc.lineno}",
            hint="reinstall rtm-score",
        ) from exc


PACKAGED = "rtm_score/data/"
"""How the sources of packaged data files are named in messages."""


@lru_cache(maxsize=1)
def user_yaml_loader() -> Any:
    """PyYAML's safe loader for files users write, with aliases kept shallow. An alias
    (``*name``) may repeat a value, but not a value that itself holds aliases: nested aliases
    are how a small file expands into billions of values ("billion laughs")."""
    import yaml

    class ShallowAliasLoader(yaml.SafeLoader):
        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self._repeated: set[int] = set()  # nodes an alias has repeated
            self._nesting: set[int] = set()  # collections holding a repeated node

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                target = self.anchors.get(event.anchor)
                if target is not None and id(target) in self._nesting:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        f"the alias *{event.anchor} repeats a value that holds aliases itself; "
                        "write the values out",
                        event.start_mark,
                    )
                node = super().compose_node(parent, index)
                self._repeated.add(id(node))
                return node
            node = super().compose_node(parent, index)
            if isinstance(node, yaml.CollectionNode):
                children = (
                    [c for pair in node.value for c in pair]
                    if isinstance(node, yaml.MappingNode)
                    else node.value
                )
                marked = self._repeated | self._nesting
                if any(id(c) in marked for c in children):
                    self._nesting.add(id(node))
            return node

        def construct_yaml_int(self, node: Any) -> Any:
            # Python refuses ints of over 4,300 digits with a ValueError, not a YAML error.
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                raise yaml.constructor.ConstructorError(
                    None, None, "an integer with thousands of digits", node.start_mark
                ) from None

    ShallowAliasLoader.add_constructor(
        "tag:yaml.org,2002:int", ShallowAliasLoader.construct_yaml_int
    )
    return ShallowAliasLoader


def load_yaml(text: str, source: str) -> Any:
    """YAML as ``yaml.safe_load`` reads it. Packaged files (``source`` under ``rtm_score/data/``)
    are read with libyaml's C parser when PyYAML has it (several times faster; the same safe
    constructor); a user's files keep the Python parser, whose error messages the tool's hints
    are written for."""
    import yaml

    loader = user_yaml_loader()
    if source.startswith(PACKAGED):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except RecursionError:
        raise yaml.YAMLError("nested too deeply to read") from None


def list_files(*parts: str, suffix: str = "") -> list[Traversable]:
    """The files of a packaged folder, sorted by name, optionally filtered by suffix."""
    node = data_path(*parts)
    if not node.is_dir():
        return []
    return sorted(
        (f for f in node.iterdir() if f.is_file() and f.name.endswith(suffix)),
        key=lambda f: f.name,
    )
