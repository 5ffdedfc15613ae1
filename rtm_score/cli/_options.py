"""Options and output shared by the commands, declared once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

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
ColumnsOption = Annotated[
    str | None,
    typer.Option("--columns", help="Map feed columns, e.g. 'topic=trend_name,context=headline'."),
]


def emit(text: str, output: Path | None) -> None:
    """A report to ``output`` (atomically: the old file stays until the new one is whole) or,
    without one, to stdout."""
    if output is not None:
        from ..atomic import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
