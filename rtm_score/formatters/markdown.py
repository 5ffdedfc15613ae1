"""The Markdown report for chat and email: the same content as the HTML report, as text.

Feed text is untrusted. Every piece of it goes through :func:`md_text`, which puts it on one
line and backslash-escapes the characters Markdown would act on, so a topic can neither break a
table nor turn into a link, an image, emphasis or raw HTML.

The small helpers that word the report (times, trends, changes, reasons) are shared with the
HTML formatter so that both say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..models import Decision
from . import STORY_TITLE, brand_stories, ranked_topics
from ._escape import one_line

if TYPE_CHECKING:
    from ..models import History, Reason, Report, ScoredTopic, TopicChange, TopicTrend

__all__ = [
    "MAX_REASONS",
    "SECTION_ORDER",
    "SECTION_TITLES",
    "change_label",
    "counts_line",
    "md_text",
    "reason_label",
    "render",
    "split_by_decision",
    "time_label",
    "trend_label",
]

MAX_REASONS = 3
"""Reasons listed for a skipped topic; engage and never topics list all of theirs."""

SECTION_TITLES = {
    Decision.ENGAGE: "Engage opportunities",
    Decision.NEVER: "Never: stay out",
    Decision.SKIP: "The rest: skip",
}

SECTION_ORDER = (Decision.ENGAGE, Decision.NEVER, Decision.SKIP)
"""Engage opportunities first, then the never list with why, then the rest."""

# Characters that start emphasis, code, links, images or table cells.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# "<" only opens raw HTML or an autolink before a letter, "/", "!" or "?"; "1 < 2" stays as is.
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line these would make a heading, a list item, a quote or a rule.
_LINE_START = re.compile(r"^[#+=>-]")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def md_text(text: str, *, block_start: bool = False) -> str:
    """Untrusted text as literal inline Markdown, safe inside a table cell or a sentence.

    With ``block_start`` (text that opens a list item or a line) a leading ``#``, ``-``, ``+``,
    ``=``, ``>`` or ``1.`` is escaped too, so it cannot become a heading, a list, a quote or a
    rule.
    """
    line = one_line(text)
    line = _MD_SPECIAL.sub(r"\\\1", line)
    line = _HTML_OPEN.sub(r"\\<", line)
    line = _ENTITY.sub(r"\\&", line)
    if block_start:
        line = _LINE_START.sub(lambda m: "\\" + m.group(0), line)
        line = _ORDERED_ITEM.sub(r"\1\\\2", line)
    return line


def time_label(when: dt.datetime) -> str:
    """A run time for people: ``2026-11-22 07:30 UTC`` or ``2026-11-22 07:30 +01:00``."""
    text = when.strftime("%Y-%m-%d %H:%M")
    offset = when.utcoffset()
    if offset is None:
        return text
    if offset == dt.timedelta(0):
        return f"{text} UTC"
    return f"{text} {_colon_offset(offset)}"


def trend_label(trend: TopicTrend | None) -> str:
    """How long a topic has trended: ``new`` or ``trending for 3 runs, since <time>``."""
    if trend is None:
        return ""
    if trend.runs_seen <= 1:
        return "new"
    label = f"trending for {trend.runs_seen} runs, since {time_label(trend.first_seen)}"
    if trend.momentum and trend.volume_change is not None:
        label += f"; {trend.momentum} ({trend.volume_change:+.0%} volume)"
    return label


def change_label(change: TopicChange) -> str:
    """What a topic was before: ``new`` or ``was skip`` (plain words, no feed text)."""
    if change.previous is None:
        return "new"
    return f"was {change.previous.value}"


def reason_label(reason: Reason) -> str:
    """One reason as plain (unescaped) text: its message, with its evidence in brackets."""
    message = one_line(reason.message or reason.code)
    evidence = one_line(reason.evidence)
    return f"{message} ({evidence})" if evidence and evidence not in message else message


def counts_line(report: Report, shown: int) -> str:
    """``2 engage · 3 skip · 1 never — 6 topics, 2 unreadable rows`` (plain words)."""
    counts = report.counts
    head = " · ".join(f"{counts[d.value]} {d.value}" for d in SECTION_ORDER)
    total = len(report.topics)
    tail = [f"{total} topic{'s' if total != 1 else ''}"]
    if shown < total:
        tail.append(f"showing the top {shown}")
    if report.errors:
        n = len(report.errors)
        tail.append(f"{n} unreadable row{'s' if n != 1 else ''}")
    return f"{head} — {', '.join(tail)}"


def split_by_decision(
    topics: Iterable[ScoredTopic],
) -> list[tuple[Decision, list[ScoredTopic]]]:
    """The topics grouped by decision in report order: engage, never, skip (rank kept within)."""
    groups: dict[Decision, list[ScoredTopic]] = {d: [] for d in SECTION_ORDER}
    for topic in topics:
        groups[topic.decision].append(topic)
    return [(d, groups[d]) for d in SECTION_ORDER]


def render(report: Report, *, top: int | None = None) -> str:
    """The report as GitHub-flavoured Markdown; ``top`` lists only the first N ranks."""
    listed = ranked_topics(report, top)
    trends = _trend_index(report.history)
    out: list[str] = [f"# Trend report: {md_text(report.brand)}", ""]
    out += [_meta_line(report), "", f"**{counts_line(report, len(listed))}**", ""]
    out += _story_section(report)
    if report.history is not None:
        out += _history_section(report.history)
    for decision, topics in split_by_decision(listed):
        out += [f"## {SECTION_TITLES[decision]} ({len(topics)})", ""]
        out += _topic_table(decision, topics, trends) if topics else ["None.", ""]
    if report.errors:
        out += [f"## Unreadable feed rows ({len(report.errors)})", ""]
        out += [_row(["Row", "Problem"]), _row(["--:", "---"])]
        out += [f"| {e.row} | {md_text(e.message)} |" for e in report.errors]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _meta_line(report: Report) -> str:
    parts = [f"Generated {time_label(report.generated_at)}"]
    if report.feed:
        parts.append(f"feed {md_text(report.feed)}")
    if report.as_of is not None:
        parts.append(f"as of {report.as_of.isoformat()}")
    parts.append(f"rtm-score {md_text(report.version)}")
    return " · ".join(parts)


def _story_section(report: Report) -> list[str]:
    """The brand's own news and its competitors' first: what the team reads before posting."""
    stories = brand_stories(report)
    if not stories:
        return []
    out = [f"## {STORY_TITLE} ({len(stories)})", ""]
    out += [_row(["#", "Topic", "Decision", "What to do"]), _row(["--:", "---", "---", "---"])]
    for t, reason in stories:
        cells = [
            str(t.rank),
            md_text(t.topic.name),
            t.decision.value,
            md_text(reason_label(reason)),
        ]
        out.append(_row(cells))
    return [*out, ""]


def _history_section(history: History) -> list[str]:
    if history.previous_run is None:
        return [
            "## What changed",
            "",
            "First recorded run for this brand; changes show from the next run.",
            "",
        ]
    out = [f"## New since the previous run ({time_label(history.previous_run)})", ""]
    for title, changes in (
        ("New engage opportunities", history.new_engage),
        ("Turned never", history.turned_never),
        ("Gone since then", history.gone),
    ):
        out += [f"**{title} ({len(changes)})**", ""]
        if changes:
            out += [f"- {md_text(c.name, block_start=True)} ({change_label(c)})" for c in changes]
        else:
            out.append("- none")
        out.append("")
    return out


def _topic_table(
    decision: Decision, topics: Sequence[ScoredTopic], trends: dict[str, TopicTrend]
) -> list[str]:
    with_trend = bool(trends)
    head = ["#", "Topic", "Relevance", "Sensitivity"]
    align = ["--:", "---", "--:", "--:"]
    if decision is not Decision.ENGAGE:
        head.append("Categories")
        align.append("---")
    head.append("Why" if decision is Decision.NEVER else "Reasons")
    align.append("---")
    if with_trend:
        head.append("Trending")
        align.append("---")
    rows = [_row(head), _row(align)]
    limit = MAX_REASONS if decision is Decision.SKIP else None
    for t in topics:
        cells = [str(t.rank), md_text(t.topic.name), f"{t.relevance:.2f}", f"{t.sensitivity:.2f}"]
        if decision is not Decision.ENGAGE:
            cells.append(", ".join(md_text(c) for c in t.categories))
        cells.append(_reasons_cell(t.reasons, limit))
        if with_trend:
            cells.append(trend_label(trends.get(t.topic.id)))
        rows.append(_row(cells))
    return [*rows, ""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _reasons_cell(reasons: Sequence[Reason], limit: int | None) -> str:
    labels = list(dict.fromkeys(reason_label(r) for r in reasons))
    shown = labels if limit is None else labels[:limit]
    text = "; ".join(md_text(label) for label in shown)
    if len(shown) < len(labels):
        text += f" (+{len(labels) - len(shown)} more)"
    return text


def _trend_index(history: History | None) -> dict[str, TopicTrend]:
    return {} if history is None else {t.topic_id: t for t in history.trends}


def _colon_offset(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"
