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
        typer.Option(
            "--brand",
            metavar="NAME",
            help="Only runs for this brand: its profile's name (case does not matter) or the profile file.",
        ),
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
        if not runs and brand is not None:
            brand, runs = _brand_as_recorded(history, brand, limit)
    if fmt is HistoryFormat.JSON:
        from ..formatters._escape import escape_json_invisibles

        text = json.dumps([_run_json(r) for r in runs], indent=2, ensure_ascii=False)
        typer.echo(escape_json_invisibles(text))
        return
    if not runs:
        said = "no runs recorded yet" if brand is None else _no_runs_for(history, brand)
        stderr_console().print(said, markup=False, highlight=False, soft_wrap=True)
        return
    _print_table(runs)


def _brand_as_recorded(history: Path, brand: str, limit: int) -> tuple[str, list[RunInfo]]:
    """``--brand`` as the history spells it: a profile file's own name (runs are recorded by
    the profile's ``name``, not its file name), or the one recorded name it equals but for
    case; else ``brand`` and no runs."""
    from ..history import list_runs

    wanted = brand
    if Path(brand).suffix.lower() in (".yaml", ".yml", ".json", ".toml") and Path(brand).is_file():
        from ..profile import load_profile

        wanted = load_profile(brand).name
    recorded = _recorded(history)
    same = [b for b in recorded if b.casefold() == wanted.casefold()]
    if not same:
        return brand, []
    return same[0], list_runs(history, brand=same[0], limit=limit)


def _recorded(history: Path) -> list[str]:
    """The brands the history has runs for, the most recent first."""
    from ..history import list_runs

    return list(dict.fromkeys(r.brand for r in list_runs(history, limit=10_000)))


def _no_runs_for(history: Path, brand: str) -> str:
    """Why a brand has no runs, with the names the history does hold (a did-you-mean first)."""
    import difflib

    recorded = _recorded(history)
    if not recorded:
        return f"no runs recorded for brand {brand!r} yet"
    close = difflib.get_close_matches(brand, recorded, n=1, cutoff=0.6)
    listed = ", ".join(repr(b) for b in recorded[:10]) + (" ..." if len(recorded) > 10 else "")
    return (
        f"no runs recorded for brand {brand!r} yet"
        + (f"; did you mean {close[0]!r}?" if close else "")
        + f" (--brand is the profile's name; the history holds runs for {listed})"
    )


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
