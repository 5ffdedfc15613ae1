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
EXIT_INTERNAL = 3
"""A bug in rtm-score, not in the input: one line on stderr (``--debug`` shows the traceback).
Never 1, so that cron and CI can tell a crash from a tripped ``--fail-on`` gate."""
EXIT_INTERRUPTED = 130
DEBUG_ENV = "RTM_SCORE_DEBUG"


class _TidyHelp:
    """Help that shows what a person types: a required argument as ``FEED`` (typer 0.29 writes
    ``{FEED}`` in the usage line and ``<str>`` beside it), and no ``<bool>`` beside a flag.
    A test pins the rendered help, so a typer release that renames these hooks fails there."""

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:  # typer adds some (completion) after the command is built
            if isinstance(param, typer.core.TyperArgument):
                name = param.metavar or (param.name or "").upper()
                shown = name + ("..." if param.nargs != 1 else "")
                usage = shown if param.required else f"[{shown}]"
                # Instance attributes: typer builds the argument objects itself.
                setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
                setattr(param, "_usage_display_name", lambda usage=usage: usage)  # noqa: B010
            elif isinstance(param, typer.core.TyperOption) and param.is_flag:
                param.metavar = param.metavar or ""  # --install-completion showed <bool>
        return params

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option


class _Command(_TidyHelp, typer.core.TyperCommand):
    pass


class _Group(_TidyHelp, typer.core.TyperGroup):
    pass


class _App(typer.Typer):
    """The application; its commands render their help through :class:`_TidyHelp`."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = _App(
    cls=_Group,
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
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
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
    """Turn rtm-score's own errors into one clear stderr message and exit code 2, and Ctrl-C
    into "interrupted" and exit code 130 (typer turns it into a silent 130 before
    :func:`main` could say so)."""
    try:
        yield
    except KeyboardInterrupt:
        stderr_console().print("interrupted", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except RtmScoreError as exc:
        console = stderr_console()
        for problem in exc.problems or (exc,):  # one "error:" line per problem, as compilers do
            console.print(f"error: {problem}", markup=False, highlight=False, soft_wrap=True)
        if exc.file_hint:  # a hint for the file as a whole
            console.print(f"  hint: {exc.file_hint}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def run_guarded(fn: Callable[[], T]) -> T:
    """Call ``fn`` inside :func:`user_errors`."""
    with user_errors():
        return fn()


def parse_date_option(value: str | None, option: str = "--as-of") -> dt.date | None:
    """``--as-of`` and similar options: an ISO date, or a usage error that names the option
    and says the format."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD", param_hint=f"'{option}'"
        ) from None


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"rtm-score {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        metavar="",
        callback=_version_callback,
        is_eager=True,
        help="Show the version.",
    ),
    debug: bool = typer.Option(
        False,
        "--debug",
        metavar="",
        envvar=DEBUG_ENV,
        help="Show the full traceback of an internal error (exit code 3) instead of one line.",
    ),
    config: str | None = typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Read defaults from FILE instead of the nearest rtm-score.toml (also "
        "RTM_SCORE_CONFIG; an empty value turns the search off).",
    ),
) -> None:
    """Score trending topics for a brand."""
    if debug:
        os.environ[DEBUG_ENV] = "1"
    if config is not None:
        os.environ["RTM_SCORE_CONFIG"] = config


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: exit 0, 1 (a gate tripped), 2 (usage or input error),
    3 (an internal error) or 130 (interrupted)."""
    try:
        app(args=argv, prog_name="rtm-score")
    except KeyboardInterrupt:
        stderr_console().print("interrupted", markup=False)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # the one place a bug becomes an exit code
        if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
            raise
        stderr_console().print(
            f"internal error: {type(exc).__name__}: {exc} (this is a bug in rtm-score, not in "
            f"your input; rerun with --debug for the traceback and report it)",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)  # pragma: no cover - typer exits itself
