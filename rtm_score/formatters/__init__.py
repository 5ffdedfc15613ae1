"""The output formats: the ``OutputFormat`` enum, the ``FORMATTERS`` registry and ``render_report``.

Each formatter is a pure function ``render(report, *, top=None) -> str`` in its own module,
imported only when used so that ``rtm-score --help`` does not pay for rich or jinja2.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
from typing import TYPE_CHECKING, Protocol, cast

from ..errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ..models import Reason, Report, ScoredTopic


class OutputFormat(str, enum.Enum):
    """A way to write a report (``--format``)."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    PLAYBOOK = "playbook"


FORMATTERS: dict[OutputFormat, str] = {
    OutputFormat.TABLE: "rtm_score.formatters.table:render",
    OutputFormat.JSON: "rtm_score.formatters.json:render",
    OutputFormat.JSONL: "rtm_score.formatters.json:render_lines",
    OutputFormat.CSV: "rtm_score.formatters.csv:render",
    OutputFormat.MARKDOWN: "rtm_score.formatters.markdown:render",
    OutputFormat.HTML: "rtm_score.formatters.html:render",
    OutputFormat.PLAYBOOK: "rtm_score.formatters.playbook:render",
}
"""Every output format and the ``module:function`` that renders it (imported lazily)."""

STREAMING: dict[OutputFormat, str] = {
    OutputFormat.JSON: "rtm_score.formatters.json:render_parts",
    OutputFormat.JSONL: "rtm_score.formatters.json:render_lines_parts",
    OutputFormat.CSV: "rtm_score.formatters.csv:render_parts",
}
"""Formats that can also be rendered in pieces (``render_parts(report, *, top=None)`` yields
strings that join into what the format's renderer returns): a report of a million topics is
written piece by piece, never held as one string."""

PART = 2000
"""Topics per piece of a streamed report."""


class Formatter(Protocol):
    """What every entry of :data:`FORMATTERS` points at."""

    def __call__(self, report: Report, *, top: int | None = None) -> str: ...


def _coerce(fmt: OutputFormat | str) -> OutputFormat:
    try:
        return OutputFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in OutputFormat)
        raise UsageError(
            f"unknown output format {fmt!r}", hint=f"choose one of: {choices}"
        ) from None


def get_formatter(fmt: OutputFormat | str) -> Formatter:
    """Import and return the render function registered for ``fmt``."""
    module_name, _, attr = FORMATTERS[_coerce(fmt)].partition(":")
    return cast("Formatter", getattr(importlib.import_module(module_name), attr))


def render_report(report: Report, fmt: OutputFormat | str, *, top: int | None = None) -> str:
    """Render ``report`` in ``fmt``; ``top`` lists only the first N ranks (counts stay whole).

    Raises:
        UsageError: ``fmt`` is not an output format, or ``top`` is negative.
    """
    check_top(top)
    return get_formatter(fmt)(report, top=top)


def render_report_parts(
    report: Report, fmt: OutputFormat | str, *, top: int | None = None
) -> Iterator[str]:
    """:func:`render_report` in pieces (one piece for formats not in :data:`STREAMING`)."""
    check_top(top)
    fmt = _coerce(fmt)
    if fmt not in STREAMING:
        return iter((get_formatter(fmt)(report, top=top),))
    module_name, _, attr = STREAMING[fmt].partition(":")
    parts = getattr(importlib.import_module(module_name), attr)
    return cast("Callable[..., Iterator[str]]", parts)(report, top=top)


def available_formats() -> list[OutputFormat]:
    """The registered formats whose module is installed, in enum order."""
    return [
        fmt
        for fmt in OutputFormat
        if fmt in FORMATTERS
        and importlib.util.find_spec(FORMATTERS[fmt].partition(":")[0]) is not None
    ]


def check_top(top: int | None) -> None:
    """Reject a negative ``top`` (``None`` means every topic, 0 means none)."""
    if top is not None and top < 0:
        raise UsageError(
            f"top must be 0 or more, got {top}", where="top", hint="pass a number of topics like 10"
        )


def ranked_topics(report: Report, top: int | None = None) -> tuple[ScoredTopic, ...]:
    """The report's topics in rank order, only the first ``top`` of them when given.

    Formatters list these but take ``counts`` from the whole report.
    """
    check_top(top)
    ranked = tuple(sorted(report.topics, key=lambda t: t.rank))  # stable for equal ranks
    return ranked if top is None else ranked[:top]


def brand_stories(report: Report) -> tuple[tuple[ScoredTopic, Reason], ...]:
    """The topics that are about the brand or a competitor, each with the reason that says so,
    most urgent first (the order of :data:`~rtm_score.models.BRAND_STORY_CODES`), then by rank.

    Every such topic of the report is listed, whatever ``top`` lists: the brand's own news is
    what its team reads first.
    """
    from ..models import BRAND_STORY_CODES

    order = {code: i for i, code in enumerate(BRAND_STORY_CODES)}
    found: list[tuple[int, int, ScoredTopic, Reason]] = []
    for topic in report.topics:
        story = min(
            (r for r in topic.reasons if r.code in order),
            key=lambda r: order[r.code],
            default=None,
        )
        if story is not None:
            found.append((order[story.code], topic.rank, topic, story))
    found.sort(key=lambda f: (f[0], f[1]))
    return tuple((topic, reason) for _, _, topic, reason in found)


STORY_TITLE = "The brand in the news"
"""The heading of the section that lists :func:`brand_stories`."""


__all__ = [
    "FORMATTERS",
    "PART",
    "STORY_TITLE",
    "STREAMING",
    "Formatter",
    "OutputFormat",
    "available_formats",
    "brand_stories",
    "check_top",
    "get_formatter",
    "ranked_topics",
    "render_report",
    "render_report_parts",
]
