"""``rtm-score score``: rank a trend feed for a brand."""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from pathlib import Path

import typer

from ..feeds._types import FeedFormat
from ..formatters import OutputFormat
from ._app import EXIT_GATE, EXIT_OK, app, parse_date_option, stderr_console, user_errors


class FailOn(str, enum.Enum):
    """Which decisions make the run exit 1."""

    NONE = "none"
    NEVER = "never"
    SKIP = "skip"


@app.command(
    "score",
    epilog=(
        "Examples:\n\n"
        "  rtm-score score examples/feeds/big-game-day.csv --brand examples/brands/crunchwell-snacks.yaml\n\n"
        "  rtm-score score trends.json -b brand.yaml --format json --output report.json\n\n"
        "  rtm-score score today.xml -b brand.yaml --format html -o reports/today.html --history rtm.sqlite\n\n"
        "  curl -s ... | rtm-score score - -b brand.yaml --format-in jsonl --fail-on never\n\n"
        "Exit codes: 0 success; 1 --fail-on found such a topic; 2 usage or input error."
    ),
)
def score(
    feed: str = typer.Argument(
        ...,
        help="Trend feed file (CSV, TSV, JSON, JSONL, X trends JSON, "
        "Google Trends RSS), or - for stdin.",
    ),
    brand: Path = typer.Option(
        ..., "--brand", "-b", help="Brand profile (YAML, JSON or TOML).", envvar="RTM_SCORE_BRAND"
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", "-f", help="Report format.", envvar="RTM_SCORE_FORMAT"
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the report here (atomically, only on success) instead of stdout.",
    ),
    top: int | None = typer.Option(
        None, "--top", "-n", min=0, help="List only the first N ranked topics (counts stay whole)."
    ),
    fail_on: FailOn = typer.Option(
        FailOn.NONE, "--fail-on", help="Exit 1 when a topic gets this decision (or worse)."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Date (YYYY-MM-DD) for topics without one; default today."
    ),
    format_in: FeedFormat = typer.Option(
        FeedFormat.AUTO, "--format-in", help="Feed format; default: from extension or content."
    ),
    columns: str | None = typer.Option(
        None, "--columns", help="Map feed columns, e.g. 'topic=trend_name,context=headline'."
    ),
    rules: list[Path] = typer.Option([], "--rules", help="Extra folder of sensitivity rule files."),
    history: Path | None = typer.Option(
        None,
        "--history",
        help="SQLite file keeping every run; the report then shows "
        "what changed since the previous run.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary or progress on stderr."),
) -> None:
    """Rank a trend feed for a brand: [b]engage[/], [b]skip[/] or [b]never[/], with reasons."""
    console = stderr_console()
    with user_errors():
        from ..api import score_topics
        from ..feeds import parse_column_map, read_feed
        from ..formatters import render_report
        from ..profile import load_profile
        from ..sensitivity import load_engine

        today = dt.date.today()
        profile = load_profile(brand)
        column_map = parse_column_map(columns) if columns else None
        fmt_in = None if format_in is FeedFormat.AUTO else format_in
        result = read_feed(feed, fmt_in, columns=column_map)
        show_progress = not quiet and console.is_terminal and len(result.topics) > 2000
        engine = load_engine(tuple(rules)) if rules else None
        report = _run(
            score_topics,
            profile,
            result,
            today,
            parse_date_option(as_of),
            engine,
            show_progress,
            console,
        )
        if history is not None:
            from ..history import record_run

            report = record_run(history, report)
        out_fmt = fmt
        if output is None and out_fmt is OutputFormat.TABLE:
            from rich.console import Console

            from ..formatters.table import build_table

            Console(no_color="NO_COLOR" in os.environ or None).print(build_table(report, top=top))
        else:
            text = render_report(report, out_fmt, top=top)
            if output is not None:
                from ..atomic import write_atomic

                write_atomic(output, text)
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
        if not quiet:
            for err in report.errors:
                console.print(
                    f"warning: {err.source or feed}: row {err.row}: {err.message} (row skipped)",
                    markup=False,
                    soft_wrap=True,
                )
            c = report.counts
            console.print(
                f"{len(report.topics)} topics: {c['engage']} engage, {c['skip']} skip, "
                f"{c['never']} never"
                + (f"; {len(report.errors)} bad rows skipped" if report.errors else "")
                + (f"; report written to {output}" if output else ""),
                markup=False,
                soft_wrap=True,
            )
    gate = {FailOn.NONE: set(), FailOn.NEVER: {"never"}, FailOn.SKIP: {"never", "skip"}}[fail_on]
    if any(t.decision.value in gate for t in report.topics):
        raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)


def _run(score_topics, profile, result, today, as_of, engine, show_progress, console):  # type: ignore[no-untyped-def]
    from ..api import ScoreOptions

    options = ScoreOptions(as_of=as_of)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    kwargs = {
        "today": today,
        "errors": result.errors,
        "feed": result.source,
        "now": now,
        "options": options,
    }
    if engine is not None:
        kwargs["engine"] = engine
    if not show_progress:
        return score_topics(profile, result.topics, **kwargs)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("scoring", total=len(result.topics))
        return score_topics(
            profile,
            result.topics,
            progress=lambda done, total: bar.update(task, completed=done),
            **kwargs,
        )
