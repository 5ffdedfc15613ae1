"""The typer application object, the stderr console and the one place errors become exit codes."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import typer
from rich.console import Console

from .. import __version__
from ..errors import RtmScoreError

EXIT_OK = 0
EXIT_GATE = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="rtm-score",
    help=(
        "Score trending topics for a brand: [b]engage[/], [b]skip[/] or [b]never[/], "
        "every decision with its reasons.\n\n"
        "Examples:\n\n"
        "  rtm-score score today.csv --brand brand.yaml\n\n"
        "  rtm-score score trends.json --brand brand.yaml --format json --output report.json\n\n"
        "  rtm-score init brand.yaml && rtm-score validate brand.yaml"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

T = TypeVar("T")


class _SafeConsole(Console):
    """A console whose messages cannot drive the terminal: every string printed has its control
    and bidi characters made visible (ESC shows as ␛; line breaks and tabs are kept).
    Messages quote files' names, headers, keys and values, which are anyone's text."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        from ..formatters._escape import multi_line

        super().print(*(multi_line(o) if isinstance(o, str) else o for o in objects), **kwargs)


def stderr_console() -> Console:
    """The console for people: stderr, no colour when ``NO_COLOR`` is set or not a terminal."""
    return _SafeConsole(stderr=True, no_color="NO_COLOR" in os.environ or None, highlight=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn rtm-score's own errors into one clear stderr message and exit code 2."""
    try:
        yield
    except RtmScoreError as exc:
        console = stderr_console()
        console.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def run_guarded(fn: Callable[[], T]) -> T:
    """Call ``fn`` inside :func:`user_errors`."""
    with user_errors():
        return fn()


def parse_date_option(value: str | None) -> dt.date | None:
    """``--as-of`` and similar options: an ISO date, or a usage error that says the format."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"rtm-score {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    """Score trending topics for a brand."""


def main() -> None:
    """Console-script entry point."""
    app(prog_name="rtm-score")
    sys.exit(EXIT_OK)  # pragma: no cover - typer exits itself
