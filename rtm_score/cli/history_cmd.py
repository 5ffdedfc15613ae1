"""``rtm-score history``: list the runs kept in a history file (``score --history FILE``)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import app, stderr_console, user_errors

if TYPE_CHECKING:
    from ..history import RunInfo


class HistoryFormat(enum.StrEnum):
    """How ``rtm-score history`` prints the runs."""

    TABLE = "table"
    JSON = "json"


@app.command("history")
def history_command(
    history: Annotated[
        Path,
        typer.Option(
            "--history",
            metavar="FILE",
            help="The history file written by [b]rtm-score score --history FILE[/].",
            dir_okay=False,
        ),
    ],
    brand: Annotated[
        str | None,
        typer.Option("--brand", metavar="NAME", help="Only runs for this brand (profile name)."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, metavar="N", help="Show at most N runs, newest first.")
    ] = 20,
    fmt: Annotated[
        HistoryFormat, typer.Option("--format", help="A table for people, or JSON for tools.")
    ] = HistoryFormat.TABLE,
) -> None:
    """List past runs kept in a history file, newest first.

    Examples:

      rtm-score history --history rtm-history.sqlite

      rtm-score history --history rtm-history.sqlite --brand "Northwind Apparel" --limit 7

      rtm-score history --history rtm-history.sqlite --format json
    """
    with user_errors():
        from ..history import list_runs

        runs = list_runs(history, brand=brand, limit=limit)
    if fmt is HistoryFormat.JSON:
        from ..formatters._escape import escape_json_invisibles

        text = json.dumps([_run_json(r) for r in runs], indent=2, ensure_ascii=False)
        typer.echo(escape_json_invisibles(text))
        return
    if not runs:
        which = f" for brand {brand!r}" if brand is not None else ""
        stderr_console().print(f"no runs recorded{which} yet", markup=False, highlight=False)
        return
    _print_table(runs)


def _run_json(run: RunInfo) -> dict[str, object]:
    return {
        "id": run.id,
        "run_at": run.run_at.isoformat(),
        "brand": run.brand,
        "feed": run.feed,
        "version": run.version,
        "as_of": run.as_of.isoformat() if run.as_of else None,
        "topics": run.topics,
        "counts": {"engage": run.engage, "skip": run.skip, "never": run.never},
        "errors": run.errors,
    }


def _print_table(runs: list[RunInfo]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..formatters._escape import one_line
    from ..formatters.markdown import time_label

    table = Table(box=box.SIMPLE_HEAD, highlight=False, pad_edge=False)
    for name, justify in (
        ("run", "right"),
        ("time", "left"),
        ("brand", "left"),
        ("feed", "left"),
        ("topics", "right"),
        ("engage", "right"),
        ("skip", "right"),
        ("never", "right"),
        ("bad rows", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=name not in ("brand", "feed"))  # type: ignore[arg-type]
    for run in runs:
        # Brand and feed names are user text: Text() never reads them as rich markup.
        table.add_row(
            str(run.id),
            time_label(run.run_at),
            Text(one_line(run.brand)),
            Text(one_line(run.feed)),
            str(run.topics),
            str(run.engage),
            str(run.skip),
            str(run.never),
            str(run.errors),
        )
    console = Console(highlight=False)
    if not console.is_terminal:
        # Piped or in cron: no terminal width to respect, so do not squeeze the table into 80.
        console = Console(highlight=False, width=_PIPE_WIDTH)
    console.print(table)


_PIPE_WIDTH = 160
