"""``rtm-score eval``: compare rtm-score's decisions with a team's own past calls."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..feeds import FeedFormat
from ._app import EXIT_GATE, EXIT_OK, app, parse_date_option, stderr_console, user_errors
from ._options import (
    AsOfOption,
    BrandOption,
    ColumnsOption,
    FormatInOption,
    brand_or_config,
    emit,
    output_option,
    refuse_overwrite,
)

if TYPE_CHECKING:
    from ..evaluate import Evaluation, LabelledFeed


class EvalFormat(str, enum.Enum):
    """Output formats of ``eval``."""

    TEXT = "text"
    JSON = "json"


@app.command(
    "eval",
    epilog=(
        "Examples:\n\n"
        "  rtm-score eval examples/feeds/labelled-calls.csv "
        "--brand examples/brands/crunchwell-snacks.yaml\n\n"
        "  rtm-score eval past-calls.json -b brand.yaml --label-col our_call --format json "
        "-o eval.json\n\n"
        "  rtm-score eval past-calls.csv -b brand.yaml --fail-under-never-recall 0.95\n\n"
        "The labelled feed is a normal feed (CSV, TSV, JSON or JSON Lines) with one more column "
        "holding your own call: engage, skip or never (any case). A row with an empty or unknown "
        "label is reported and left out of the figures.\n\n"
        "Exit codes: 0 success; 1 never recall is below --fail-under-never-recall; "
        "2 usage or input error."
    ),
)
def eval_(
    labelled_feed: Annotated[
        str,
        typer.Argument(
            metavar="FEED", help="Feed with a label column (CSV, TSV, JSON, JSONL), or - for stdin."
        ),
    ],
    brand: BrandOption = None,
    label_col: Annotated[
        str,
        typer.Option(
            "--label-col", metavar="COLUMN", help="Column holding your call: engage, skip or never."
        ),
    ] = "label",
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format.")] = (
        EvalFormat.TEXT
    ),
    output: Annotated[
        Path | None,
        output_option("Write the evaluation here (atomically, only on success) instead of stdout."),
    ] = None,
    as_of: AsOfOption = None,
    format_in: FormatInOption = FeedFormat.AUTO,
    columns: ColumnsOption = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under-never-recall",
            metavar="RATE",
            min=0.0,
            max=1.0,
            help="Exit 1 when never recall is below this (e.g. 0.95): gate CI on your own calls.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", metavar="", help="No warnings or summary on stderr.")
    ] = False,
) -> None:
    """Compare rtm-score's decisions with your past calls: confusion, precision, recall, misses."""
    console = stderr_console()

    def say(message: str) -> None:
        console.print(message, markup=False, highlight=False, soft_wrap=True)

    with user_errors():
        from ..evaluate import render_json, render_text

        brand = brand_or_config(brand)
        refuse_overwrite([output], [labelled_feed, brand])
        how = _Reading(label_col, as_of, format_in, columns)
        gated, warn = fail_under is not None, None if quiet else say
        labelled, evaluation = _evaluate(labelled_feed, brand, how, gated, warn)
        emit(render_json(evaluation) if fmt is EvalFormat.JSON else render_text(evaluation), output)
        if not quiet:
            _summary(say, evaluation, labelled.feed.source, output)
    if fail_under is not None and evaluation.never_recall < fail_under:
        say(f"never recall {evaluation.never_recall:.3f} is below --fail-under-never-recall "
            f"{fail_under:g}")  # fmt: skip
        raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)


@dataclass(frozen=True, slots=True)
class _Reading:
    """How the labelled feed is read: its label column, the day, its format, a column map."""

    label_col: str
    as_of: str | None
    format_in: FeedFormat
    columns: str | None


def _evaluate(
    feed: str,
    brand: Path,
    how: _Reading,
    gated: bool,
    say: Callable[[str], None] | None = None,
) -> tuple[LabelledFeed, Evaluation]:
    """Read the labelled feed, score it for the brand and compare; with a recall gate, a feed
    without any never label is a usage error (the gate could never be measured). Labels that
    cannot be used are counted to ``say`` before the scoring (each is listed after it)."""
    from ..api import ScoreOptions, score_topics
    from ..evaluate import evaluate, read_labels
    from ..feeds import parse_column_map
    from ..models import Decision
    from ..profile import load_profile

    options = ScoreOptions(as_of=parse_date_option(how.as_of))
    profile = load_profile(brand)
    column_map = parse_column_map(how.columns) if how.columns else None
    fmt_in = None if how.format_in is FeedFormat.AUTO else how.format_in
    labelled = read_labels(feed, fmt_in, label_col=how.label_col, columns=column_map)
    if gated and Decision.NEVER not in labelled.labels.values():  # before the scoring, not after
        raise _no_never(labelled)
    if labelled.errors and say is not None:
        say(f"warning: {labelled.feed.source}: {_unusable(labelled)}; left out of the figures "
            "(each is listed after the scoring)")  # fmt: skip
    report = score_topics(
        profile,
        labelled.feed.topics,
        today=dt.date.today(),
        errors=labelled.feed.errors,
        feed=labelled.feed.source,
        options=options,
    )
    evaluation = evaluate(report, labelled.labels, label_errors=labelled.errors)
    if gated and evaluation.metrics_for(Decision.NEVER).support == 0:
        raise _no_never(labelled)  # its never rows were rows the feed could not read
    return labelled, evaluation


def _no_never(labelled: LabelledFeed) -> Exception:
    """The recall gate's usage error, with the labels that could not be read (a misspelt
    "nevr" on a third of the rows is why a feed seems to have no never)."""
    from ..errors import UsageError

    bad = labelled.errors
    why = f"; {_unusable(labelled)}" if bad else ""
    return UsageError(
        "--fail-under-never-recall: no labelled topic is never, so never recall cannot be "
        f"measured{why}",
        source=labelled.feed.source,
        hint="fix those labels"
        if bad
        else "add topics you called never to the labelled feed, or drop the option",
    )


def _unusable(labelled: LabelledFeed) -> str:
    """How many rows have a label that cannot be used, and the first of them."""
    bad = labelled.errors
    rows = f"{len(bad):,} rows have" if len(bad) > 1 else "1 row has"
    return f"{rows} a label that cannot be used (first, row {bad[0].row}: {bad[0].message})"


def _summary(
    say: Callable[[str], None], evaluation: Evaluation, source: str, output: Path | None
) -> None:
    """The rows left out, then the figures in one line, on stderr."""
    from ..evaluate import headline
    from ..formatters._escape import one_line

    for s in evaluation.skipped:
        where = f"row {s.row}" if s.row is not None else f"id {one_line(s.topic_id)}"
        say(f"warning: {source}: {where}: {one_line(s.message)} (left out of the figures)")
    written = f"; written to {output}" if output is not None else ""
    say(
        f"{evaluation.labelled} labelled topics, {len(evaluation.misses)} misses: "
        f"{headline(evaluation)}{written}"
    )
