"""One declarative validator for every data file the tool reads.

A file type declares its shape as strict pydantic models (no unknown keys) and a
:class:`Spec`; :func:`validate` checks parsed data against it and returns every problem in one
shape (:class:`~rtm_score.errors.Problem`: file, key path, line, hint), and :func:`read_document`
turns a file's text into data and :class:`Marks` (the line of every key). Profiles, rule files
and their messages all go through here, so an unknown key, a missing one, a number written as
text or a key written twice reads the same in every file.
"""

from __future__ import annotations

import contextlib
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import Problem, RtmScoreError
from .documents import SYNTAX, KeyPath, Marks, fatal, parse_text, yaml_marks
from .messages import Context, Spec, describe, explain, line_of, models_by_path, resolve

__all__ = [
    "SYNTAX",
    "Context",
    "KeyPath",
    "Marks",
    "Spec",
    "describe",
    "fatal",
    "invalid",
    "line_of",
    "models_by_path",
    "problem_at",
    "read_document",
    "validate",
]

M = TypeVar("M", bound=BaseModel)


def read_document(
    text: str, syntax: str, source: str, error: type[RtmScoreError], what: str
) -> tuple[object, Marks]:
    """Parse ``text`` and find its marks (YAML and JSON; TOML gets none).

    Raises:
        error: a syntax error, or a document that is nested too deeply or too large.
    """
    try:
        data = parse_text(text, syntax, source, error)
    except RecursionError:
        raise fatal(error, source, f"the {what} is nested too deeply to read",
                    "a data file needs only a few levels of keys and lists") from None  # fmt: skip
    marks = Marks()
    if syntax != "TOML":
        # Valid JSON that YAML 1.1 cannot read just gets no line numbers.
        with contextlib.suppress(yaml.YAMLError, RecursionError):
            marks = yaml_marks(text, source, error, what)
    return data, marks


def validate(
    model: type[M], data: object, ctx: Context, spec: Spec
) -> tuple[M | None, list[Problem]]:
    """Check ``data`` against ``model``: the model (None when invalid) and every problem,
    the keys written twice included."""
    found: M | None = None
    problems: list[Problem] = []
    try:
        found = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path, shown = resolve(err["loc"], data, ctx, spec)
            message, hint = explain(err, path, ctx, spec)
            problems.append(
                Problem(message, source=ctx.source, key_path=shown,
                        line=line_of(path, ctx.marks.lines), hint=hint)
            )  # fmt: skip
    for dup_path, line, first in ctx.marks.duplicates:
        problems.append(
            Problem(
                f"duplicate key {dup_path[-1]!r} (first on line {first}); only the last one counts",
                source=ctx.source,
                key_path=resolve(dup_path, data, ctx, spec)[1],
                line=line,
                hint="remove one of them",
            )
        )
    return (found if not problems else None), problems


def problem_at(
    source: str, marks: Marks, path: KeyPath, message: str, hint: str | None = None
) -> Problem:
    """A problem found after validation (by a check the models cannot make) at ``path``, with
    its line from ``marks``: ``signals[0].patterns[1] (line 7): ...``."""
    shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return Problem(message, source=source, key_path=shown, line=line_of(path, marks.lines),
                   hint=hint)  # fmt: skip


def invalid(
    error: type[RtmScoreError],
    what: str,
    source: str,
    problems: list[Problem],
    hint: str | None = None,
) -> RtmScoreError:
    """An ``error`` holding ``problems`` in line order: ``invalid rule file (2 problems)``;
    ``hint`` is for the file as a whole (how to write a good one)."""
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    n = len(problems)
    return error(
        f"invalid {what} ({n} problem{'s' if n != 1 else ''})",
        source=source,
        hint=hint,
        problems=tuple(problems),
    )
