"""``rtm-score watch``: re-score a feed file whenever it changes, during the event."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._app import app, parse_date_option, stderr_console, user_errors
from ._options import AsOfOption, BrandOption, brand_or_config

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..errors import RtmScoreError
    from ..models import Report
    from ..watch import WatchEvent

LABELS = {"engage": "new engage", "never": "new never", "play-blocked": "play blocked"}


FeedArgument = Annotated[
    Path,
    typer.Argument(
        help="The feed file a collector rewrites (any format `score` reads).",
        metavar="FEED",
        dir_okay=False,
    ),
]
IntervalOption = Annotated[
    float, typer.Option("--interval", min=0.2, metavar="SECONDS", help="How often to look.")
]
OnNewOption = Annotated[
    str | None,
    typer.Option(
        "--on-new",
        metavar="CMD",
        help="Run CMD (through the shell) for each new moment, the event as JSON on stdin.",
    ),
]
TopOption = Annotated[
    int, typer.Option("--top", "-n", min=0, metavar="N", help="Ranks in the live table.")
]


@app.command("watch")
def watch_command(
    feed: FeedArgument,
    brand: BrandOption = None,
    interval: IntervalOption = 2.0,
    on_new: OnNewOption = None,
    as_of: AsOfOption = None,
    top: TopOption = 10,
) -> None:
    """Watch a feed during the event: a line for each new engage, new never and newly blocked
    play, each time the file changes; on a terminal, the live table too. Ctrl-C stops.

    Examples:

      rtm-score watch live/trends.json --brand brand.yaml

      rtm-score watch live/trends.csv -b brand.yaml --on-new 'jq -r .topic | notify-send rtm'
    """
    with user_errors():
        from ..profile import load_profile
        from ..watch import watch

        _refuse_unwatchable(feed)
        if on_new is not None:
            _refuse_unknown_command(on_new)
        profile = load_profile(brand_or_config(brand))
        today = parse_date_option(as_of) or dt.date.today()
        out = _Printer(on_new, top)
        try:
            watch(
                feed,
                profile,
                on_report=out.report,
                on_error=out.error,
                today=today,
                interval=interval,
            )
        except KeyboardInterrupt:
            raise typer.Exit(0) from None


def _refuse_unwatchable(feed: Path) -> None:
    """A feed the watch could never read: stdin (read once, not again) or a file that is not
    there (a typo would otherwise wait in silence forever)."""
    from ..errors import UsageError

    if str(feed) == "-":
        raise UsageError(
            "watch reads the feed again each time it changes; stdin can be read only once",
            hint="give the path of the file a collector rewrites",
        )
    if not feed.exists():
        raise UsageError(
            "feed not found",
            source=str(feed),
            hint="check the path; watch re-reads a file that exists (create it first)",
        )


_SHELL_SYNTAX = frozenset("=$`(){}[]<>|&;*?~!")
"""A first word with one of these is shell syntax (a variable, a subshell, a glob): it is not
checked at start."""


def _refuse_unknown_command(command: str) -> None:
    """``--on-new`` as the shell reads it: a syntax error (an unclosed quote) or a first word
    the shell does not find would otherwise show only at the first new moment, hours into
    the event. (Only the first word: the rest of a pipeline runs as the shell reads it.)"""
    import shlex

    from ..errors import UsageError
    from ..formatters._escape import one_line

    if not command.strip():
        raise UsageError("--on-new is empty", hint="e.g. --on-new 'notify-send rtm-score'")
    # `sh -n` reads the command without running it: comments and here-documents included.
    syntax = subprocess.run(
        ["/bin/sh", "-n", "-c", command], capture_output=True, text=True, check=False
    )
    if syntax.returncode != 0:
        said = one_line(syntax.stderr.strip().splitlines()[-1] if syntax.stderr.strip() else "")
        raise UsageError(
            f"--on-new is not a command the shell can read: {said or 'a syntax error'}",
            hint="check its quotes and brackets; it runs through /bin/sh",
        )
    try:
        words = shlex.split(command.lstrip().split("\n", 1)[0], comments=True)
    except ValueError:  # the shell reads it (a here-document's text): it is the judge
        return
    if not words or _SHELL_SYNTAX.intersection(words[0]):
        return
    # The shell that will run it says whether it knows the word (a program on PATH, a builtin,
    # a function), as `command -v` does.
    found = subprocess.run(
        ["/bin/sh", "-c", 'command -v -- "$1"', "sh", words[0]],
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        raise UsageError(
            f"--on-new: {words[0]!r} is not a command the shell finds",
            hint="check its spelling and PATH; the command runs through /bin/sh for each new "
            "moment",
        )


class _Printer:
    """What the watch shows: the live table on a terminal, a line (and --on-new) per moment."""

    def __init__(self, on_new: str | None, top: int) -> None:
        self.console = stderr_console()
        self.on_new = on_new
        self.top = top

    def report(self, report: Report, events: Sequence[WatchEvent]) -> None:
        if self.console.is_terminal:
            from ..formatters.table import build_table

            self.console.print(build_table(report, top=self.top, width=self.console.width))
        for event in events:
            _say(event)
            if self.on_new:
                _run(self.on_new, event)

    def error(self, exc: RtmScoreError) -> None:
        self.console.print(f"warning: {exc} (keeping the last good report)", markup=False)


def _say(event: WatchEvent) -> None:
    from ..formatters._escape import one_line

    when = dt.datetime.now().strftime("%H:%M:%S")
    typer.echo(
        f"{when} {LABELS[event.kind]}: {one_line(event.topic)} (#{event.rank}, {event.decision}; "
        f"{event.code}): {one_line(event.message)}"
    )


def _run(command: str, event: WatchEvent) -> None:
    """The user's own command for one event (like a git hook): the event as JSON on stdin."""
    # The user's own command, run as their shell would (shell=True is the point).
    done = subprocess.run(command, shell=True, input=event.to_json() + "\n", text=True, check=False)
    if done.returncode != 0:
        stderr_console().print(
            f"warning: --on-new command exited {done.returncode} for {event.topic!r}", markup=False
        )
