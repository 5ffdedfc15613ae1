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

from ..models import WHAT_IF_CODE, Decision
from . import STORY_TITLE, brand_stories, ranked_topics
from ._escape import one_line
from .markdown import trend_label

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
"""A reason message longer than this (or than the reasons column, when it is wider) is cut at a
word boundary and ends with an ellipsis; ``--explain`` shows it whole."""

EXPLAIN_MAX = 2_000
"""``--explain`` shows names and reasons whole up to this many characters: the terminal's
wrapping grows faster than the text (a 5 MB topic name took 43 s to lay out); the full text is
in the JSON and CSV outputs."""

TOPIC_WIDTH = 60
"""A topic name longer than this is cut (the full text is in the JSON and CSV outputs)."""

LONGEST_UNBROKEN = 40
"""The topic column is at least as wide as the longest word of the names shown, up to this (24
in the compact layout): "#SnackStadium" wraps whole onto its own line, never as
"#SnackStad/ium"."""

TOPIC_COLUMN = 40
"""The topic column is as wide as the longest name shown, up to this and to a quarter of the
width; reasons get the rest."""

COMPACT_BELOW = 110
"""Narrower than this (an 80-column terminal, a pipe), categories move into the reasons column
so that reasons keep room to read."""

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


def _reasons_text(
    reasons: Iterable[Reason],
    *,
    explain: bool = False,
    categories: tuple[str, ...] = (),
    limit: int = REASON_WIDTH,
    trend: str = "",
) -> Text:
    """The reasons, decisive first: three, each cut to one short line, or with ``explain``
    every one in full; ``categories`` (compact layout) lead as a line of their own, then how
    long the topic has trended and its momentum (``trend``, with a run history). What would
    change the decision (:data:`~rtm_score.models.WHAT_IF_CODE`) is always the last line."""
    messages: list[str] = []
    what_if = ""
    for reason in reasons:
        text = reason.message or reason.code
        # The evidence (matched words, territory, date) is what a person checks; the policy's own
        # evidence is the threshold arithmetic, already visible in the score columns.
        if reason.evidence and not reason.code.startswith("policy."):
            text = f"{text}: {reason.evidence}"
        message = shorten(text, EXPLAIN_MAX if explain else limit)
        if reason.code == WHAT_IF_CODE:
            what_if = message
        elif message and message not in messages:
            messages.append(message)
    shown = messages if explain else messages[: MAX_REASONS - bool(what_if)]
    lines = [f"[{', '.join(one_line(c) for c in categories)}]"] if categories else []
    if trend:  # plain text: an emoji's width differs between terminals and breaks the columns
        lines.append("• new since the previous run" if trend == "new" else f"• {trend}")
    lines += [f"• {m}" for m in shown]
    if len(messages) > len(shown):
        lines.append(f"  (+{len(messages) - len(shown)} more)")
    if what_if:
        lines.append(f"• {what_if}")
    return Text("\n".join(lines))


def _row(
    scored: ScoredTopic, *, compact: bool, explain: bool, limit: int, trend: str = ""
) -> list[Text]:
    name = scored.topic.name
    cells = [
        Text(str(scored.rank)),
        Text(scored.decision.value, style=DECISION_STYLES[scored.decision]),
        Text(shorten(name, EXPLAIN_MAX if explain else TOPIC_WIDTH)),
        Text(f"{scored.relevance:.2f}"),
        Text(f"{scored.sensitivity:.2f}"),
    ]
    if not compact:
        cells.append(Text("\n".join(one_line(c) for c in scored.categories)))
    shown_categories = tuple(scored.categories) if compact else ()
    cells.append(
        _reasons_text(
            scored.reasons, explain=explain, categories=shown_categories, limit=limit, trend=trend
        )
    )
    return cells


def _title(report: Report) -> Text:
    counts = report.counts
    summary = " · ".join(f"{counts[d.value]} {d.value}" for d in Decision)
    parts: list[tuple[str, str] | str] = [(one_line(report.brand), "bold")]
    days = sorted({t.topic.date for t in report.topics if t.topic.date is not None})
    if days:  # the feed's own days: a report on yesterday's feed says so
        parts.append(f" · {days[0].isoformat()}")
        if days[-1] != days[0]:
            parts.append(f" to {days[-1].isoformat()}")
    elif report.as_of is not None:
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


def build_table(
    report: Report, *, top: int | None = None, width: int = 120, explain: bool = False
) -> Table:
    """The ranked topics as a rich ``Table`` laid out for ``width`` columns: below
    :data:`COMPACT_BELOW` the categories join the reasons; ``explain`` shows every reason and
    the whole topic name."""
    topics = ranked_topics(report, top)
    compact = width < COMPACT_BELOW
    table = Table(
        title=_title(report),
        caption=_caption(report, len(topics)),
        box=box.SIMPLE_HEAD,
        expand=True,  # the reasons column takes what the others leave
        highlight=False,
        show_lines=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    # Topic names wrap between words, and the column is as wide as their longest word.
    names = [one_line(t.topic.name) for t in topics]
    longest = max((len(w) for n in names for w in n.split()), default=5)
    share = max(20, width // 4)  # the reasons column keeps most of the width
    topic_min = max(8, min(longest, 24 if compact else LONGEST_UNBROKEN, share))
    topic_max = max(topic_min, min(max(map(len, names), default=8), TOPIC_COLUMN, share))
    table.add_column("topic", overflow="fold", min_width=topic_min, max_width=topic_max)
    table.add_column("rel", justify="right", no_wrap=True)
    table.add_column("sens", justify="right", no_wrap=True)
    if not compact:
        widest = max((len(c) for t in topics for c in t.categories), default=10)
        table.add_column("categories", overflow="fold", min_width=min(widest, 18))
    table.add_column("reasons", overflow="fold", ratio=1, min_width=24)
    # A reason is cut to one line of a wide reasons column (at least REASON_WIDTH characters).
    limit = max(REASON_WIDTH, width - (COMPACT_BELOW - REASON_WIDTH) - topic_max // 2)
    trends = {} if report.history is None else {t.topic_id: t for t in report.history.trends}
    for scored in topics:
        trend = trend_label(trends.get(scored.topic.id)) if trends else ""
        table.add_row(*_row(scored, compact=compact, explain=explain, limit=limit, trend=trend))
    return table


def build_stories(report: Report, *, width: int = 120, explain: bool = False) -> Table | None:
    """The topics about the brand or a competitor (every one, whatever ``top``), to print
    before the ranked table; ``None`` when there are none."""
    stories = brand_stories(report)
    if not stories:
        return None
    table = Table(
        title=Text(f"{STORY_TITLE} ({len(stories)})", style="bold"),
        box=box.SIMPLE_HEAD,
        expand=True,
        highlight=False,
        pad_edge=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    names = [one_line(t.topic.name) for t, _ in stories]
    table.add_column("topic", overflow="fold", max_width=min(TOPIC_COLUMN, max(20, width // 4)))
    table.add_column("what to do", overflow="fold", ratio=1, min_width=24)
    for (scored, reason), name in zip(stories, names, strict=True):
        table.add_row(
            Text(str(scored.rank)),
            Text(scored.decision.value, style=DECISION_STYLES[scored.decision]),
            Text(shorten(name, EXPLAIN_MAX if explain else TOPIC_WIDTH)),
            _reasons_text((reason,), explain=True),  # what to do is read whole
        )
    return table


def render(
    report: Report, *, top: int | None = None, width: int = 120, explain: bool = False
) -> str:
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
    stories = build_stories(report, width=width, explain=explain)
    if stories is not None:
        console.print(stories)
    console.print(build_table(report, top=top, width=width, explain=explain))
    # rich pads every line to the full width; trailing blanks only make golden files and diffs
    # fragile (editors and pre-commit hooks strip them).
    lines = [line.rstrip() for line in out.getvalue().split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"
