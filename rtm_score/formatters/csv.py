"""CSV output: one row per ranked topic, every cell neutralised against spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import PART, ranked_topics
from ._escape import csv_cell

if TYPE_CHECKING:
    from ..models import Report, ScoredTopic

HEADER = (
    "rank",
    "id",
    "topic",
    "decision",
    "relevance",
    "sensitivity",
    "categories",
    "reasons",
    "context",
)
"""The column names, in order."""

CATEGORY_SEPARATOR = ";"
REASON_SEPARATOR = " | "


def _score(value: float) -> str:
    # "+ 0.0" turns a rounded -0.0 into 0.0, which would otherwise print as "-0.000".
    return f"{round(float(value), 3) + 0.0:.3f}"


def _row(scored: ScoredTopic) -> list[str]:
    topic = scored.topic
    cells = [
        str(int(scored.rank)),
        topic.id,
        topic.name,
        scored.decision.value,
        _score(scored.relevance),
        _score(scored.sensitivity),
        CATEGORY_SEPARATOR.join(scored.categories),
        REASON_SEPARATOR.join(f"{r.code}: {r.message}" for r in scored.reasons),
        topic.context,
    ]
    # Every cell, not only the text ones: an id or a category comes from input files too.
    return [csv_cell(str(c)) for c in cells]


def render(report: Report, *, top: int | None = None) -> str:
    """The ranked topics as CSV with a header row and ``\\n`` line ends (row errors excluded)."""
    return "".join(render_parts(report, top=top))


def render_parts(report: Report, *, top: int | None = None) -> Iterator[str]:
    """:func:`render` in pieces: the header, then :data:`PART` rows at a time."""
    topics = ranked_topics(report, top)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for start in range(0, len(topics), PART):
        writer.writerows(_row(t) for t in topics[start : start + PART])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.tell():
        yield out.getvalue()
