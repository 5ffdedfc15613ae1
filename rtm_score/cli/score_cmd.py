"""``rtm-score score``: rank a trend feed for a brand."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..feeds import FeedFormat
from ..formatters import OutputFormat
from ._app import (
    EXIT_GATE,
    EXIT_OK,
    app,
    parse_date_option,
    stderr_console,
    user_errors,
)
from ._bad_rows import count, parse_bad_rows, row_warnings
from ._options import (
    AsOfOption,
    ColumnsOption,
    FormatInOption,
    JobsOption,
    config_choice,
    emit,
    from_config,
    no_brand_error,
    output_option,
    refuse_overwrite,
)
from ._score_run import Reading, run, start

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from ..models import Report


class FailOn(str, enum.Enum):
    """Which decisions make the run exit 1."""

    NONE = "none"
    NEVER = "never"
    SKIP = "skip"


BrandsOption = Annotated[
    list[Path],
    typer.Option(
        "--brand",
        "-b",
        help="Brand profile (YAML, JSON or TOML); repeat it to score several brands in one pass. "
        "Default: brand in rtm-score.toml, or brand.yaml here.",
        envvar="RTM_SCORE_BRAND",
        metavar="PROFILE",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", metavar="", help="No summary or progress on stderr.")
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Report format.", envvar="RTM_SCORE_FORMAT"),
]
OutputOption = Annotated[
    Path | None,
    output_option(
        "Write the report here (atomically, only on success) instead of stdout; with "
        "several brands, a pattern with {brand} in it."
    ),
]
PLAIN_WIDTH = 120
"""Width of the table written to a file or a pipe when ``COLUMNS`` does not say."""
MaxBadRowsOption = Annotated[
    str | None,
    typer.Option(
        "--max-bad-rows",
        metavar="N|P%",
        help="Exit 2, writing nothing, when more feed rows than this cannot be read "
        "(a count, or a share such as 2%).",
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        metavar="",
        help="Table: every reason in full, and whole topic names (default: three).",
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top",
        "-n",
        min=0,
        metavar="N",
        help="List only the first N ranked topics (counts stay whole).",
    ),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on", help="Exit 1 when a topic gets this decision (or worse); default none."
    ),
]
RulesOption = Annotated[
    list[Path],
    typer.Option("--rules", metavar="DIR", help="Extra folder of sensitivity rule files."),
]
HistoryOption = Annotated[
    Path | None,
    output_option(
        "SQLite file keeping every run; the report then shows what changed since the previous run.",
        "--history",
    ),
]


@app.command(
    "score",
    epilog=(
        "Examples:\n\n"
        "  rtm-score score examples/feeds/big-game-day.csv --brand examples/brands/crunchwell-snacks.yaml\n\n"
        "  rtm-score score trends.json -b brand.yaml --format json --output report.json\n\n"
        "  rtm-score score today.xml -b brand.yaml --format html -o reports/today.html --history rtm.sqlite\n\n"
        "  rtm-score score today.csv -b a.yaml -b b.yaml --format json -o 'reports/{brand}.json'\n\n"
        "  curl -s ... | rtm-score score - -b brand.yaml --format-in jsonl --fail-on never\n\n"
        "Several --brand options score the feed once for all of them: the text and the sensitivity "
        "of each topic are computed once, and each brand gets its own report ({brand} in --output "
        "is the profile's file name without its extension).\n\n"
        "Exit codes: 0 success; 1 --fail-on found such a topic; 2 usage or input error."
    ),
)
def score(
    feed: Annotated[
        str,
        typer.Argument(
            help="Trend feed file (CSV, TSV, JSON, JSONL, X trends JSON, Google Trends RSS, "
            "or a plain list with --format-in text), or - for stdin.",
            metavar="FEED",
        ),
    ],
    brand: BrandsOption = [],  # noqa: B006 - typer reads the default, nothing mutates it
    fmt: FormatOption = None,
    output: OutputOption = None,
    top: TopOption = None,
    fail_on: FailOnOption = None,
    as_of: AsOfOption = None,
    format_in: FormatInOption = FeedFormat.AUTO,
    columns: ColumnsOption = None,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default, nothing mutates it
    history: HistoryOption = None,
    quiet: QuietOption = False,
    explain: ExplainOption = False,
    max_bad_rows: MaxBadRowsOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Rank a trend feed for a brand: [b]engage[/], [b]skip[/] or [b]never[/], with reasons."""
    console = stderr_console()
    with user_errors():
        from ..api import ScoreOptions
        from ..machine import fewer_collections

        day = parse_date_option(as_of, "--as-of")  # before the feed is read, not after
        allowed = parse_bad_rows(max_bad_rows)
        brand, fmt, fail_on, rules = _with_config(brand, fmt, fail_on, rules)
        targets = _targets(brand, output, fmt)
        refuse_overwrite(targets, [feed, *brand, history, *rules])
        refuse_overwrite([history], [feed, *brand, *rules, *targets], option="--history")
        if history is not None:
            from ..history import check_history

            check_history(history)  # a file it could not record into, before the run's work
        profiles, result, engine = start(
            brand, feed, Reading(format_in, columns, allowed), rules, quiet, console
        )
        show_progress = not quiet and console.is_terminal and len(result.topics) > 2000
        reports = run(
            profiles,
            result,
            dt.date.today(),
            ScoreOptions(as_of=day, jobs=jobs),
            engine,
            show_progress,
            console,
        )
        layout = _Layout(fmt, top, explain, quiet)
        with fewer_collections():  # the reports are made as _publish asks for them
            seen = _publish(reports, targets, history, layout, None if quiet else console, feed)
    raise typer.Exit(EXIT_GATE if _tripped(seen, fail_on) else EXIT_OK)


def _with_config(
    brand: list[Path], fmt: OutputFormat | None, fail_on: FailOn | None, rules: list[Path]
) -> tuple[list[Path], OutputFormat, FailOn, list[Path]]:
    """Options the command line left out, from the configuration in effect (rtm-score.toml,
    ``[tool.rtm-score]`` in pyproject.toml, or brand.yaml here): the command line wins."""
    from ..config import load_config

    config = load_config()
    chosen_fmt = fmt or config_choice(OutputFormat, config.format, "format", config.source)
    chosen_fail = fail_on or config_choice(FailOn, config.fail_on, "fail-on", config.source)
    brands = brand or ([config.brand] if config.brand is not None else [])
    if not brands:
        raise no_brand_error(config.source)
    if not brand:
        brands = [from_config(brands[0], "brand", config.source)]
    chosen_rules = rules or [from_config(r, "rules", config.source) for r in config.rules]
    return brands, chosen_fmt, chosen_fail, chosen_rules


@dataclass(frozen=True, slots=True)
class _Layout:
    """How each report is rendered: its format, how many ranks, every reason or a few."""

    fmt: OutputFormat
    top: int | None
    explain: bool = False
    quiet: bool = False
    """No note on stderr (a terminal's table says it lists the first ranks in its caption)."""


def _publish(
    reports: Iterator[Report],
    targets: list[Path | None],
    history: Path | None,
    layout: _Layout,
    console: Console | None,
    feed: str,
) -> set[str]:
    """Write each brand's report in turn (recording it in ``history`` once written) and say
    so on ``console``; one report at a time is made, written, then let go. Returns the
    decisions that occurred."""
    seen: set[str] = set()
    for i, (report, target) in enumerate(zip(reports, targets, strict=True)):
        if history is not None:
            from ..history import record_run

            # Recorded only once the report is written: a run that wrote nothing is not a
            # run the next one compares with.
            write = functools.partial(_write, layout=layout, target=target)
            report = record_run(history, report, publish=write)
        else:
            _write(report, layout, target)
        if console is not None:
            _summary(console, report, feed, target, named=len(targets) > 1, warn=i == 0)
        seen.update(t.decision.value for t in report.topics)
    return seen


def _tripped(seen: set[str], fail_on: FailOn) -> bool:
    gate = {FailOn.NONE: set(), FailOn.NEVER: {"never"}, FailOn.SKIP: {"never", "skip"}}
    return bool(seen & gate[fail_on])


def _targets(brands: list[Path], output: Path | None, fmt: OutputFormat) -> list[Path | None]:
    """Where each brand's report goes: ``output`` (``{brand}`` filled in), or stdout."""
    if output is not None and str(output) == "-":
        output = None  # "-o -" is stdout, as for the feed
    stems = [p.stem for p in brands]
    odd = [s for s in stems if s.strip(".") == "" or s.startswith(".")]
    if odd and output is not None and "{brand}" in str(output):
        raise UsageError(
            f"the profile name {odd[0]!r} cannot name a report file (it would step out of the "
            "folder or hide the file)",
            hint="rename the profile, e.g. brand.yaml",
        )
    if len(brands) == 1:
        return [Path(str(output).replace("{brand}", stems[0]))] if output is not None else [None]
    if len(set(stems)) < len(stems):
        twice = sorted({s for s in stems if stems.count(s) > 1})
        files = ", ".join(str(p) for p in brands if p.stem in twice)
        raise UsageError(
            f"two --brand files have the same name: {', '.join(twice)} ({files})",
            hint="give each profile its own file name; {brand} in --output is that name",
        )
    if output is None:
        if fmt in (OutputFormat.TABLE, OutputFormat.JSONL):
            return [None] * len(brands)  # tables one after another; JSON Lines carry "brand"
        raise UsageError(
            f"several brands with --format {fmt.value} need --output with {{brand}} in it",
            hint=f"e.g. --output 'reports/{{brand}}.{fmt.value}'",
        )
    if "{brand}" not in str(output):
        raise UsageError(
            "several brands need {brand} in --output, or their reports would overwrite each other",
            hint=f"e.g. --output '{output.parent / ('{brand}' + output.suffix)}'",
        )
    return [Path(str(output).replace("{brand}", stem)) for stem in stems]


def _write(report: Report, layout: _Layout, target: Path | None) -> None:
    from ..formatters import render_report_parts

    if layout.fmt is not OutputFormat.TABLE:
        emit(render_report_parts(report, layout.fmt, top=layout.top), target)
        return
    from rich.console import Console

    from ..formatters.table import build_stories, build_table, render

    console = Console(no_color="NO_COLOR" in os.environ or None)
    if target is None and console.is_terminal:
        stories = build_stories(report, width=console.width, explain=layout.explain)
        if stories is not None:
            console.print(stories)
        top = layout.top
        if top is None and len(report.topics) > TERMINAL_ROWS:
            top = TERMINAL_ROWS  # the caption says "showing the top 100 of ..."
        table = build_table(report, top=top, width=console.width, explain=layout.explain)
        console.print(table)
        if top != layout.top and not layout.quiet:
            stderr_console().print(
                f"(a terminal lists the first {TERMINAL_ROWS} ranks: --top N lists N, and "
                "--format csv or json with --output writes every topic)",
                markup=False,
                soft_wrap=True,
            )
        return
    # A file, a pipe, cron or CI: as wide as COLUMNS says, else 120; plain text.
    text = render(report, top=layout.top, width=_plain_width(), explain=layout.explain)
    emit(text, target)


TERMINAL_ROWS = 100
"""The ranks a table on a terminal lists when ``--top`` is not given: a person reads the top of
a ranking, and rich lays out a row in about half a millisecond (a table of 100,000 topics took
a minute to print). A table written to a file or a pipe lists every topic."""


def _plain_width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return PLAIN_WIDTH
    return columns if 60 <= columns <= 1000 else PLAIN_WIDTH  # narrower drops columns


def _summary(
    console: Console, report: Report, feed: str, target: Path | None, *, named: bool, warn: bool
) -> None:
    """The counts on stderr, after the feed's bad rows when ``warn`` (once for several brands);
    ``named`` starts the line with the brand."""
    for line in row_warnings(report.errors, feed) if warn else ():
        console.print(line, markup=False, soft_wrap=True)
    c = report.counts
    bad = len(report.errors)
    console.print(
        (f"{report.brand}: " if named else "")
        + f"{count(len(report.topics), 'topic')}: {c['engage']} engage, {c['skip']} skip, "
        f"{c['never']} never"
        + (f"; {count(bad, 'bad row')} skipped" if bad else "")
        + (f"; report written to {target}" if target else ""),
        markup=False,
        soft_wrap=True,
    )
