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

from ..errors import RuleError
from ..inputs import MAX_CONFIG_BYTES, read_input
from ..models import Tier
from ..resources import list_files, load_yaml
from ..schema import Marks, read_document
from ..text import TextPipeline
from .kinds import CompiledRule, compile_rule
from .rule_schema import parse_rule

__all__ = ["RuleInfo", "load_rules"]


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


def _read_rule_file(
    path: Any, source: str, pipe: TextPipeline, *, packaged: bool
) -> tuple[CompiledRule, RuleInfo]:
    # Whether a file is packaged is said by where load_rules found it, never by its type (an
    # installed package's files are Paths too) or by how its path is spelled; it decides how
    # the file is read and parsed, and whether its patterns must run on RE2 alone.
    try:
        text = (
            path.read_text(encoding="utf-8")
            if packaged
            else read_input(path, MAX_CONFIG_BYTES).decode("utf-8")
        )
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise RuleError(f"cannot read the rule file: {reason}", source=source) from None
    if packaged:  # read fast (libyaml); the tests check these files
        data, marks = load_yaml(text, source), Marks()
    else:
        data, marks = read_document(text, "YAML", source, RuleError, "rule file")
    checked = parse_rule(data, source, marks)
    rule = compile_rule(checked, source, pipe, linear=not packaged, marks=marks)
    info = RuleInfo(
        id=checked.id,
        category=checked.category,
        tier=Tier(checked.tier),
        name=checked.name or checked.id,
        description=checked.description,
        message=checked.message,
        source=source,
        examples={"match": tuple(checked.examples.match),
                  "no_match": tuple(checked.examples.no_match)},
    )  # fmt: skip
    return rule, info


def load_rules(
    extra_dirs: Sequence[Path] = (), extra_files: Sequence[Path] = ()
) -> list[tuple[CompiledRule, RuleInfo]]:
    """Packaged rule files plus ``*.yaml`` files from ``extra_dirs`` and the ``extra_files``;
    ids must be unique.

    Raises:
        RuleError: a folder is missing, a file is invalid (every problem in it), or an id is
            used twice.
    """
    pipe = TextPipeline(drop_stopwords=False)
    out: list[tuple[CompiledRule, RuleInfo]] = []
    seen: dict[str, str] = {}
    files: list[tuple[Any, str, bool]] = [
        (f, f"rtm_score/data/rules/{f.name}", True) for f in list_files("rules", suffix=".yaml")
    ]
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise RuleError(
                "rules folder not found", source=str(d), hint="pass a folder of .yaml rule files"
            )
        files.extend((f, str(f), False) for f in sorted(d.glob("*.yaml")))
    files.extend((Path(f), str(f), False) for f in extra_files)
    for f, source, packaged in files:
        rule, info = _read_rule_file(f, source, pipe, packaged=packaged)
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
