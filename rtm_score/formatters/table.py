"""The ranked rich table (the default output) and its plain-text rendering for files and tests.

Feed and profile text is untrusted: it only ever enters rich as ``Text`` (never as markup),
after :func:`~rtm_score.formatters._escape.one_line` has made control characters visible, so
``[bold]x[/]`` prints literally and ``\\x1b[2J`` prints as ``␛[2J``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import Decision
from . import ranked_topics
from ._escape import one_line

if TYPE_CHECKING:
    from ..models import Reason, Report, ScoredTopic

DECISION_STYLES = {
    Decision.ENGAGE: "bold green",
    Decision.SKIP: "yellow",
    Decision.NEVER: "bold red",
}
"""Style of each decision's cell (colour only matters on a colour terminal)."""

MAX_REASONS = 3
"""Reasons shown per topic; the policy lists the decisive ones first."""

REASON_WIDTH = 70
"""A reason message longer than this is cut at a word boundary and ends with an ellipsis."""

TOPIC_WIDTH = 60
"""A topic name longer than this is cut (the full text is in the JSON and CSV outputs)."""

_ERROR_ROWS_LISTED = 5


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters at a word boundary with ``…``."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # cut at a word boundary unless that throws away too much
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def _reasons_text(reasons: Iterable[Reason]) -> Text:
    messages: list[str] = []
    for reason in reasons:
        text = reason.message or reason.code
        # The evidence (matched words, territory, date) is what a person checks; the policy's own
        # evidence is the threshold arithmetic, already visible in the score columns.
        if reason.evidence and not reason.code.startswith("policy."):
            text = f"{text}: {reason.evidence}"
        message = shorten(text, REASON_WIDTH)
        if message and message not in messages:
            messages.append(message)
    lines = [f"• {m}" for m in messages[:MAX_REASONS]]
    if len(messages) > MAX_REASONS:
        lines.append(f"  (+{len(messages) - MAX_REASONS} more)")
    return Text("\n".join(lines))


def _row(scored: ScoredTopic) -> list[Text]:
    return [
        Text(str(scored.rank)),
        Text(scored.decision.value, style=DECISION_STYLES[scored.decision]),
        Text(shorten(scored.topic.name, TOPIC_WIDTH)),
        Text(f"{scored.relevance:.2f}"),
        Text(f"{scored.sensitivity:.2f}"),
        Text("\n".join(one_line(c) for c in scored.categories)),
        _reasons_text(scored.reasons),
    ]


def _title(report: Report) -> Text:
    counts = report.counts
    summary = " · ".join(f"{counts[d.value]} {d.value}" for d in Decision)
    parts: list[tuple[str, str] | str] = [(one_line(report.brand), "bold")]
    if report.as_of is not None:
        parts.append(f" · {report.as_of.isoformat()}")
    parts.append(f" — {summary}")
    return Text.assemble(*parts)


def _caption(report: Report, shown: int) -> Text | None:
    notes: list[str] = []
    total = len(report.topics)
    if total == 0:
        notes.append("no topics to score")
    elif shown < total:
        notes.append(f"showing the top {shown} of {total} topics")
    if report.errors:
        rows = sorted({e.row for e in report.errors})
        listed = ", ".join(str(r) for r in rows[:_ERROR_ROWS_LISTED])
        more = ", …" if len(rows) > _ERROR_ROWS_LISTED else ""
        n = len(report.errors)
        notes.append(
            f"{n} feed row{'s' if n != 1 else ''} could not be read and "
            f"{'were' if n != 1 else 'was'} skipped (row{'s' if len(rows) != 1 else ''} "
            f"{listed}{more})"
        )
    return Text("; ".join(notes)) if notes else None


def build_table(report: Report, *, top: int | None = None) -> Table:
    """The ranked topics as a rich ``Table``, for printing on a live console."""
    topics = ranked_topics(report, top)
    table = Table(
        title=_title(report),
        caption=_caption(report, len(topics)),
        box=box.SIMPLE_HEAD,
        expand=True,  # the free columns share the width by ratio, reasons getting the most
        highlight=False,
        show_lines=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    # Topic names are short and must stay readable; they wrap on word boundaries first.
    table.add_column("topic", overflow="fold", ratio=2, min_width=14)
    table.add_column("rel", justify="right", no_wrap=True)
    table.add_column("sens", justify="right", no_wrap=True)
    table.add_column("categories", overflow="fold", max_width=16)
    table.add_column("reasons", overflow="fold", ratio=3, min_width=24)
    for scored in topics:
        table.add_row(*_row(scored))
    return table


def render(report: Report, *, top: int | None = None, width: int = 120) -> str:
    """The table as plain text: no colour or styles, fixed ``width``, independent of the terminal.

    Lines carry no trailing blanks and the text ends with one newline.
    """
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        height=10_000,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        force_interactive=False,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
    console.print(build_table(report, top=top))
    # rich pads every line to the full width; trailing blanks only make golden files and diffs
    # fragile (editors and pre-commit hooks strip them).
    lines = [line.rstrip() for line in out.getvalue().split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"
