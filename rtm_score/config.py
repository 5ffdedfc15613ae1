"""Project configuration found the way ruff, yamllint and Vale find theirs.

``rtm-score.toml`` (or a ``[tool.rtm-score]`` table in ``pyproject.toml``) in the working
directory or the nearest folder above it holds the defaults a team shares::

    brand = "brand.yaml"        # --brand
    rules = ["rules/"]          # --rules
    format = "table"            # score --format
    fail-on = "never"           # score --fail-on

Paths are relative to the file's folder. Options on the command line win over environment
variables (``RTM_SCORE_BRAND``, ``RTM_SCORE_FORMAT``), which win over the file. ``--config
FILE`` or ``RTM_SCORE_CONFIG`` names a file and skips the search; ``RTM_SCORE_CONFIG=""``
turns the search off. Without any of these, a ``brand.yaml`` in the working directory (what
``rtm-score init`` writes) is the brand.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .inputs import MAX_CONFIG_BYTES, read_input

__all__ = ["CONFIG_ENV", "CONFIG_NAME", "Config", "find_config", "load_config"]

CONFIG_NAME = "rtm-score.toml"
CONFIG_ENV = "RTM_SCORE_CONFIG"
DEFAULT_BRAND = "brand.yaml"
"""What ``rtm-score init`` writes; the brand when nothing else names one."""
_KEYS = {"brand": "a file name", "rules": "a list of folder names", "format": "a format name",
         "fail-on": "never, skip or none"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Config:
    """The settings in effect and where each came from (a file, or ``default``)."""

    source: Path | None = None
    """The file read, or None when no file was found."""
    brand: Path | None = None
    rules: tuple[Path, ...] = ()
    format: str | None = None
    fail_on: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict)
    """Setting -> where it came from (the file and key, or what was found)."""


def find_config(start: Path) -> Path | None:
    """The nearest ``rtm-score.toml``, or ``pyproject.toml`` with ``[tool.rtm-score]``, in
    ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        project = folder / "pyproject.toml"
        if project.is_file() and "rtm-score" in _tool_tables(project):
            return project
    return None


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """The configuration in effect for a run started in ``cwd``.

    Args:
        explicit: ``--config`` (or ``RTM_SCORE_CONFIG``): a file to read instead of searching;
            an empty string turns the search off.

    Raises:
        UsageError: the file cannot be read, is not TOML, or holds an unknown key or a value of
            the wrong type (file and key named).
    """
    if cwd is None:
        try:
            cwd = Path.cwd()
        except FileNotFoundError:  # the working directory was removed under the run
            return Config()
    if explicit is None:
        explicit = os.environ.get(CONFIG_ENV)
    if explicit == "":
        return _default(cwd)
    path = Path(explicit) if explicit is not None else find_config(cwd)
    if path is None:
        return _default(cwd)
    table = _read(path)
    return _from_table(table, path)


def _default(cwd: Path) -> Config:
    brand = cwd / DEFAULT_BRAND
    if brand.is_file():
        return Config(brand=brand, origins={"brand": f"{DEFAULT_BRAND} in the working directory"})
    return Config()


def _tool_tables(project: Path) -> Mapping[str, Any]:
    """The ``[tool]`` tables of a pyproject.toml that mentions ``tool.rtm-score`` (others are
    not parsed at all: a broken or huge pyproject.toml of another project must not stop a run
    in a folder below it). One that mentions it but does not parse is an error."""
    try:
        text = read_input(project, MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if "rtm-score" not in text:
        return {}
    try:
        data = _loads(text)
    except (ValueError, RecursionError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise UsageError(f"invalid TOML: {_short(str(exc))}", source=str(project)) from None
    tool = data.get("tool")
    return tool if isinstance(tool, dict) else {}


def _read(path: Path) -> Mapping[str, Any]:
    try:
        data = _loads(read_input(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise UsageError("configuration file not found", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"cannot read the configuration: {reason}", source=str(path)) from None
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise UsageError(f"invalid TOML: {_short(str(exc))}", source=str(path)) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("rtm-score", {}) if isinstance(tool, dict) else {}
        return table if isinstance(table, dict) else {}
    return data


def _loads(text: str) -> dict[str, Any]:
    """TOML as tomllib reads it; an integer of thousands of digits is a ValueError too."""
    return tomllib.loads(text)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _from_table(table: Mapping[str, Any], path: Path) -> Config:
    prefix = "tool.rtm-score." if path.name == "pyproject.toml" else ""
    for key, value in table.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise UsageError(
                f"unknown key {key!r}",
                source=str(path),
                where=f"{prefix}{key}",
                hint=f"use one of: {', '.join(_KEYS)}",
            )
        ok = (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
            if key == "rules"
            else isinstance(value, str)
        )
        if not ok:
            raise UsageError(f"expected {expected}", source=str(path), where=f"{prefix}{key}")
    base = path.parent
    where = {key: f"{path} ({prefix}{key})" for key in table}
    return Config(
        source=path,
        brand=base / table["brand"] if "brand" in table else None,
        rules=tuple(base / r for r in table.get("rules", ())),
        format=table.get("format"),
        fail_on=table.get("fail-on"),
        origins=where,
    )
