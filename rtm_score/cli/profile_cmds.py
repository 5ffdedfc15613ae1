"""``rtm-score init`` writes a starter brand profile; ``rtm-score validate`` checks profiles."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ProfileError, RtmScoreError, UsageError
from ..formatters._escape import escape_json_invisibles, one_line
from ._app import EXIT_OK, EXIT_USAGE, app, stderr_console, user_errors


class ValidateFormat(enum.StrEnum):
    """How ``validate`` reports: lines for people, or JSON for tools."""

    TEXT = "text"
    JSON = "json"


@app.command(
    help=(
        "Write a commented starter brand profile to PATH (default brand.yaml).\n\n"
        "Every key is documented with an example; edit it, then run "
        "[b]rtm-score validate[/]. An existing file is kept unless --force is given.\n\n"
        "Examples:\n\n"
        "  rtm-score init\n\n"
        "  rtm-score init brands/acme.yaml --force\n\n"
        "  rtm-score init - > brand.yaml"
    )
)
def init(
    path: Annotated[
        str,
        typer.Argument(metavar="PATH", help="Where to write it; '-' prints it to stdout."),
    ] = "brand.yaml",
    force: Annotated[
        bool, typer.Option("--force", "-f", metavar="", help="Overwrite an existing file.")
    ] = False,
) -> None:
    """Write a commented starter brand profile."""
    from ..profile import starter_profile

    with user_errors():
        text = starter_profile()
        if path == "-":
            typer.echo(text, nl=False)
            return
        from ._options import output_path

        try:
            target = output_path(path, "brand.yaml")
        except typer.BadParameter as exc:
            raise UsageError(str(exc.message), source=path) from None
        if target.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(
                "init writes a YAML profile; give the file a .yaml name",
                source=path,
                hint="e.g. rtm-score init brand.yaml (JSON and TOML profiles are read, not written)",
            )
        if force:
            from ..atomic import write_atomic
            from ._options import refuse_overwrite

            refuse_overwrite([target], [], option="PATH")  # no write through a link
            write_atomic(target, text)  # refuses devices and pipes; the old file stays on failure
        else:
            _write_new(target, text, path)
        stderr_console().print(
            f"wrote {path}; edit it, then run: rtm-score validate {path}",
            markup=False,
            soft_wrap=True,
        )


def _write_new(target: Path, text: str, path: str) -> None:
    """Write a file that must not exist yet ("x" refuses to overwrite, atomically)."""
    if target.is_dir():
        raise UsageError("is a folder; give a file name inside it", source=path)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise UsageError(
            "file already exists; not overwriting it",
            source=path,
            hint="pass --force to overwrite it, or give another path",
        ) from None
    except OSError as exc:
        raise UsageError(
            f"cannot write the profile: {exc.strerror or type(exc).__name__}",
            source=path,
            hint="check that the folder exists and is writable",
        ) from None


def _line(problem: RtmScoreError, file: str) -> str:
    """``file:line: key.path: message (hint: ...)`` for one problem."""
    line = getattr(problem, "line", None)
    key_path = getattr(problem, "key_path", None)
    if key_path is None:  # a plain RtmScoreError: its where is all we have
        key_path = problem.where or ""
    head = f"{problem.source or file}:{line}" if line is not None else (problem.source or file)
    parts = [head, key_path, problem.message] if key_path else [head, problem.message]
    text = ": ".join(parts)
    return f"{text} (hint: {problem.hint})" if problem.hint else text


def _as_json(problem: RtmScoreError) -> dict[str, object]:
    key_path = getattr(problem, "key_path", None)
    return {
        "where": problem.where if key_path is None else key_path,
        "line": getattr(problem, "line", None),
        "message": problem.message,
        "hint": problem.hint,
    }


@app.command(
    help=(
        "Check one or more brand profiles (YAML, JSON or TOML) and report every problem.\n\n"
        "Valid profiles get a one-line summary on stdout; problems go to stderr as "
        "file:line: key.path: message (hint: ...). Exit code 0 when all are valid, 2 otherwise.\n\n"
        "Examples:\n\n"
        "  rtm-score validate brand.yaml\n\n"
        "  rtm-score validate examples/brands/*.yaml\n\n"
        "  rtm-score validate brand.yaml --format json"
    )
)
def validate(
    profiles: Annotated[
        list[Path],
        typer.Argument(metavar="PROFILE", help="Profile files to check (YAML, JSON, TOML)."),
    ],
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", help="text for people, json for tools.")
    ] = ValidateFormat.TEXT,
) -> None:
    """Check brand profiles and report every problem."""
    from ..profile import load_profile

    with user_errors():
        results: list[dict[str, object]] = []
        console = stderr_console()
        failed = False
        for path in profiles:
            file = str(path)
            try:
                profile = load_profile(path)
            except ProfileError as exc:
                failed = True
                problems = list(exc.problems) or [exc]
                results.append(
                    {"file": file, "valid": False, "brand": None,
                     "problems": [_as_json(p) for p in problems]}
                )  # fmt: skip
                if fmt is ValidateFormat.TEXT:
                    for problem in problems:
                        console.print(_line(problem, file), markup=False, soft_wrap=True)
                continue
            results.append({"file": file, "valid": True, "brand": profile.name, "problems": []})
            if fmt is ValidateFormat.TEXT:
                typer.echo("ok  " + one_line(f"{file}: {profile.summary()}"))
        if fmt is ValidateFormat.JSON:
            typer.echo(escape_json_invisibles(json.dumps(results, indent=2, ensure_ascii=False)))
    raise typer.Exit(EXIT_USAGE if failed else EXIT_OK)
