"""Options and output shared by the commands, declared once."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from ..feeds._types import FeedFormat

BrandOption = Annotated[
    Path,
    typer.Option(
        "--brand", "-b", help="Brand profile (YAML, JSON or TOML).", envvar="RTM_SCORE_BRAND"
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Date (YYYY-MM-DD) for topics without one; default today."),
]
FormatInOption = Annotated[
    FeedFormat,
    typer.Option("--format-in", help="Feed format; default: from extension or content."),
]


def output_path(value: str) -> Path:
    """``--output``: a file name, or ``-`` for stdout. A name that ends in a slash names a
    folder, which a report cannot be written as (the slash would otherwise be dropped and a
    file named like the folder written)."""
    if value.endswith(("/", "\\")) or value in (".", ".."):
        folder = value.rstrip("/\\") or "."
        raise typer.BadParameter(
            f"{value!r} names a folder; give a file name, e.g. {folder}/report.html"
        )
    return Path(value)


def output_option(help_text: str) -> Any:
    """An ``--output/-o FILE`` option with :func:`output_path` as its parser."""
    return typer.Option("--output", "-o", metavar="FILE", parser=output_path, help=help_text)


ColumnsOption = Annotated[
    str | None,
    typer.Option("--columns", help="Map feed columns, e.g. 'topic=trend_name,context=headline'."),
]


def emit(text: str, output: Path | None) -> None:
    """A report to ``output`` (atomically: the old file stays until the new one is whole) or,
    without one or with ``-``, to stdout."""
    if output is not None and str(output) != "-":
        from ..atomic import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def refuse_overwrite(outputs: Iterable[Path | None], inputs: Iterable[Path | str | None]) -> None:
    """Refuse an ``--output`` that is one of the run's inputs (the feed, the profile, the
    history, a calendar): the report would replace what it was made from."""
    import os

    from ..errors import UsageError

    def real(p: Path | str) -> str:
        return os.path.realpath(p)

    taken = {real(p): str(p) for p in inputs if p is not None and str(p) != "-"}
    for out in outputs:
        if out is not None and str(out) != "-" and real(out) in taken:
            raise UsageError(
                f"--output {out} is also an input of this run ({taken[real(out)]})",
                hint="write the report to another file",
            )
