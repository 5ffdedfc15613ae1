"""``rtm-score init`` writes a starter brand profile; ``rtm-score validate`` checks profiles,
rule files and calendar files."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from ..datafiles import FileKind, FileReport
from ..errors import RtmScoreError, UsageError
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
        "Check brand profiles (YAML, JSON or TOML), rule files and calendar files, and report "
        "every problem.\n\n"
        "The kind of each file is told from its top-level keys (observances: a calendar, "
        "signals: a rule file, else a profile); --kind says it instead. Valid files get a "
        "one-line summary on stdout; problems go to stderr as file:line: key.path: message "
        "(hint: ...). Exit code 0 when all are valid, 2 otherwise.\n\n"
        "Examples:\n\n"
        "  rtm-score validate brand.yaml\n\n"
        "  rtm-score validate examples/brands/*.yaml my-rules/*.yaml my-days.yaml\n\n"
        "  rtm-score validate brand.yaml --format json"
    )
)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Profiles, rule files or calendar files to check."),
    ],
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", help="text for people, json for tools.")
    ] = ValidateFormat.TEXT,
    kind: Annotated[
        FileKind | None,
        typer.Option("--kind", help="What the files are (default: told from each file)."),
    ] = None,
) -> None:
    """Check data files and report every problem."""
    from ..datafiles import check_file

    with user_errors():
        reports = [check_file(path, kind) for path in files]
        if fmt is ValidateFormat.JSON:
            body = [_report_json(r) for r in reports]
            typer.echo(escape_json_invisibles(json.dumps(body, indent=2, ensure_ascii=False)))
        else:
            console = stderr_console()
            for r in reports:
                if r.valid:
                    typer.echo("ok  " + one_line(f"{r.path}: {r.summary}"))
                for problem in r.problems:
                    console.print(_line(problem, r.path), markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_OK if all(r.valid for r in reports) else EXIT_USAGE)


def _report_json(r: FileReport) -> dict[str, object]:
    return {
        "file": r.path,
        "kind": r.kind.value,
        "valid": r.valid,
        "brand": r.name if r.kind is FileKind.PROFILE and r.valid else None,
        "summary": r.summary or None,
        "problems": [_as_json(p) for p in r.problems],
    }
