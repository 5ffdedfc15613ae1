"""Rule files: reading, validating and compiling ``data/rules/*.yaml`` and a team's own.

A rule file is data (Vale-style): an id, a GARM-aligned category and tier, a message, signals
of the kinds in :mod:`.kinds`, and its own ``match`` / ``no_match`` examples that the tests
run. Errors name the file, the key and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleError
from ..inputs import MAX_CONFIG_BYTES, read_input
from ..models import Tier
from ..resources import list_files, load_yaml
from ..text import TextPipeline
from .kinds import CompiledRule, compile_rule

__all__ = ["RuleInfo", "load_rules"]


_RULE_KEYS = {
    "id",
    "category",
    "tier",
    "name",
    "description",
    "message",
    "signals",
    "exceptions",
    "examples",
    "source",
}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What ``rtm-score rules`` lists about a rule file."""

    id: str
    category: str
    tier: Tier
    name: str
    description: str
    message: str
    source: str
    examples: Mapping[str, tuple[str, ...]]


def _validate(data: Any, source: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a mapping", source=source)
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleError(
            f"unknown key(s) {sorted(unknown)}",
            source=source,
            hint=f"allowed keys: {', '.join(sorted(_RULE_KEYS))}",
        )
    for key in ("id", "category", "tier", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleError(f"'{key}' is required and must be text", source=source, where=key)
    try:
        Tier(data["tier"])
    except ValueError:
        raise RuleError(
            f"unknown tier {data['tier']!r}",
            source=source,
            where="tier",
            hint="use floor, high, medium or low",
        ) from None
    examples = data.get("examples")
    if examples is not None:
        if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
            bad = (
                sorted(set(examples) - {"match", "no_match"}) if isinstance(examples, dict) else []
            )
            raise RuleError(
                "examples must have only 'match' and 'no_match' lists"
                + (f", got {bad}" if bad else ""),
                source=source,
                where="examples",
                hint="rename the key to 'match' or 'no_match'",
            )
        for key, value in examples.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleError(
                    f"examples.{key} must be a list of texts",
                    source=source,
                    where=f"examples.{key}",
                    hint='write it as a YAML list: - "..."',
                )
    if not isinstance(data.get("signals"), list) or not data["signals"]:
        raise RuleError("'signals' must be a non-empty list", source=source, where="signals")
    return data


def _read_rule_file(path: Any, source: str, pipe: TextPipeline) -> tuple[CompiledRule, RuleInfo]:
    try:
        text = (
            read_input(path, MAX_CONFIG_BYTES).decode("utf-8")
            if isinstance(path, Path)
            else path.read_text(encoding="utf-8")  # a packaged file
        )
        data = load_yaml(text, source)
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", source=source) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RuleError(f"cannot read the rule file: {reason}", source=source) from None
    data = _validate(data, source)
    rule = compile_rule(data, source, pipe, linear=isinstance(path, Path))
    ex = data.get("examples") or {}
    info = RuleInfo(
        id=data["id"],
        category=data["category"],
        tier=Tier(data["tier"]),
        name=str(data.get("name") or data["id"]),
        description=str(data.get("description") or ""),
        message=data["message"],
        source=source,
        examples={k: tuple(v or ()) for k, v in ex.items()} if isinstance(ex, dict) else {},
    )
    return rule, info


def load_rules(extra_dirs: Sequence[Path] = ()) -> list[tuple[CompiledRule, RuleInfo]]:
    """Packaged rule files plus ``*.yaml`` files from ``extra_dirs``; ids must be unique."""
    pipe = TextPipeline(drop_stopwords=False)
    out: list[tuple[CompiledRule, RuleInfo]] = []
    seen: dict[str, str] = {}
    files: list[tuple[Any, str]] = [
        (f, f"rtm_score/data/rules/{f.name}") for f in list_files("rules", suffix=".yaml")
    ]
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise RuleError(
                "rules folder not found", source=str(d), hint="pass a folder of .yaml rule files"
            )
        files.extend((f, str(f)) for f in sorted(d.glob("*.yaml")))
    for f, source in files:
        rule, info = _read_rule_file(f, source, pipe)
        if info.id in seen:
            raise RuleError(
                f"duplicate rule id {info.id!r} (also in {seen[info.id]})",
                source=source,
                where="id",
                hint="rule ids must be unique",
            )
        seen[info.id] = source
        out.append((rule, info))
    return out
