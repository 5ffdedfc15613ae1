"""``rtm-score check``: lint a campaign calendar before a tone-deaf post goes out."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..options import CheckFormat
from ._app import EXIT_GATE, EXIT_OK, app, parse_date_option, stderr_console, user_errors
from ._options import BrandOption, brand_or_config, emit, output_option, refuse_overwrite

if TYPE_CHECKING:
    from rich.console import Console

    from ..check import CheckReport
    from ..profile import BrandProfile


class FailOnChoice(enum.StrEnum):
    """The lowest severity that makes the run exit 1 (mirrors ``rtm_score.check.Severity``)."""

    ERROR = "error"
    WARNING = "warning"


FeedOption = Annotated[
    Path | None,
    typer.Option(
        "--feed",
        metavar="FEED",
        help="Today's trend feed: flags hashtags and names in the copy that trend for a "
        "sensitive reason (RTM301), and promotions while the brand's own bad news trends "
        "(RTM302).",
    ),
]
TrendWindowOption = Annotated[
    int,
    typer.Option(
        "--trend-window",
        min=0,
        max=3660,
        metavar="DAYS",
        help="With --feed: a post within DAYS of a sensitive trend's or a brand story's "
        "date is an error (RTM301, RTM302); a later one is a warning to re-check before "
        "publishing.",
    ),
]
BaselineOption = Annotated[
    Path | None,
    output_option("Baseline file: findings listed there do not fail the run.", "--baseline"),
]
WriteBaselineOption = Annotated[
    bool,
    typer.Option(
        "--write-baseline", metavar="", help="Write the current findings to --baseline; exit 0."
    ),
]
FeedDayOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="The feed's date (YYYY-MM-DD); default today."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", metavar="", help="No summary on stderr.")
]
OutputOption = Annotated[
    Path | None, output_option("Write the report here (only when the check ran), not stdout.")
]


@app.command(
    "check",
    epilog=(
        "Examples:\n\n"
        "  rtm-score check examples/calendar/calendar.csv"
        " --brand examples/brands/crunchwell-snacks.yaml\n\n"
        "  rtm-score check calendar.yaml -b brand.yaml --feed today.csv --format github\n\n"
        "  rtm-score check calendar.csv -b brand.yaml --format sarif --output check.sarif\n\n"
        "  rtm-score check calendar.csv -b brand.yaml"
        " --baseline .rtm-baseline.json --write-baseline\n\n"
        "Exit codes: 0 nothing reaches --fail-on; 1 something does; 2 usage or input error "
        "(the message names the file and line); 3 internal error."
    ),
)
def check(
    calendars: Annotated[
        list[Path],
        typer.Argument(
            metavar="CALENDAR",
            help="Campaign calendar(s): CSV, TSV, YAML, JSON or JSON Lines, one planned post per "
            "row (date, copy, ...).",
        ),
    ],
    brand: BrandOption = None,
    feed: FeedOption = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOnChoice,
        typer.Option("--fail-on", help="Exit 1 when a finding has this severity or worse."),
    ] = FailOnChoice.ERROR,
    baseline: BaselineOption = None,
    write_baseline: WriteBaselineOption = False,
    output: OutputOption = None,
    as_of: FeedDayOption = None,
    trend_window: TrendWindowOption = 3,
    quiet: QuietOption = False,
) -> None:
    """Lint a campaign calendar: promotions on solemn dates, sensitive copy, risky hashtags."""
    console = stderr_console()
    day = parse_date_option(as_of)
    with user_errors():
        from ..check import CheckFormat, CheckOptions, Severity, check_file, render_check
        from ..errors import UsageError

        brand = brand_or_config(brand)
        if write_baseline and baseline is None:
            raise UsageError(
                "--write-baseline needs --baseline FILE",
                hint="e.g. --baseline .rtm-baseline.json --write-baseline",
            )
        options = CheckOptions(
            fail_on=Severity(fail_on.value),
            feed=feed,
            today=day or dt.date.today(),
            baseline=None if write_baseline else baseline,
            trend_window=trend_window,
        )
        refuse_overwrite([output], [*calendars, brand, feed, baseline])
        if write_baseline:
            refuse_overwrite([baseline], [*calendars, brand, feed, output], option="--baseline")
        report = check_file(calendars, _start(brand), options)
        if write_baseline and baseline is not None:
            _write_baseline(baseline, report, console if not quiet else None)
            raise typer.Exit(EXIT_OK)
        emit(render_check(report, CheckFormat(fmt.value)), output)
        _unread_rows(console, report, feed)
        if not quiet:
            tail = f"; report written to {output}" if output is not None else ""
            console.print(report.summary() + tail, markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_GATE if report.failed else EXIT_OK)


def _unread_rows(console: Console, report: CheckReport, feed: Path | None) -> None:
    """The ``--feed`` rows that could not be read, one warning each: the posts were not
    checked against them (a trend whose row is bad must not pass in silence)."""
    for err in report.feed_errors:
        console.print(
            f"warning: {err.source or feed}: row {err.row}: {err.message} (row not checked "
            "against)",
            markup=False,
            soft_wrap=True,
        )


def _start(brand: Path) -> BrandProfile:
    """The profile, with the packaged engine check_file uses (kept once loaded), loaded with
    the collector off (:func:`rtm_score.machine.start_up`)."""
    from ..machine import start_up
    from ..profile import load_profile
    from ..sensitivity import load_engine

    with start_up():
        profile = load_profile(brand)
        load_engine()
    return profile


def _write_baseline(path: Path, report: CheckReport, console: Console | None) -> None:
    """Every current finding into the baseline file (atomically), and say how many."""
    from ..atomic import write_atomic
    from ..check.baseline import render_baseline

    write_atomic(path, render_baseline(report.findings))
    if console is not None:
        n = sum(1 for f in report.findings if f.status.value != "suppressed")
        console.print(f"baseline written to {path}: {n} findings", markup=False, soft_wrap=True)
