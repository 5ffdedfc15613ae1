"""Feed rows that could not be read, for the people and programs that run ``score``: the
one-line count a quiet cron run still prints, and the ``--max-bad-rows`` gate."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import typer

from ..errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from ..feeds import FeedResult


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def bad_rows_line(console: Console, result: FeedResult, feed: str) -> None:
    """With ``--quiet``: the one line a cron log still needs when rows were skipped."""
    rows = sorted({e.row for e in result.errors})
    listed = ", ".join(map(str, rows[:5])) + (", ..." if len(rows) > 5 else "")
    console.print(
        f"warning: {feed}: {count(len(result.errors), 'bad row')} skipped (rows {listed})",
        markup=False,
        soft_wrap=True,
    )


def parse_bad_rows(value: str | None) -> tuple[float, bool] | None:
    """``--max-bad-rows``: ``N`` rows or ``P%`` of the feed's rows, as (limit, is_share)."""
    if value is None:
        return None
    text = value.strip()
    share = text.endswith("%")
    try:
        limit = float(text.removesuffix("%")) if share else int(text)
    except ValueError:
        limit = -1
    if not math.isfinite(limit) or limit < 0 or (share and limit > 100):
        raise typer.BadParameter(
            f"{value!r} is not a row count or a percentage (e.g. 10 or 2%)",
            param_hint="'--max-bad-rows'",
        )
    return limit, share


def check_bad_rows(result: FeedResult, allowed: tuple[float, bool] | None, feed: str) -> None:
    """Refuse the run (exit 2, before anything is written) when more rows are bad than allowed."""
    if allowed is None or not result.errors:
        return
    limit, share = allowed
    bad, total = len(result.errors), len(result.errors) + len(result.topics)
    over = bad * 100 > limit * total if share else bad > limit
    if over:
        shown = f"{limit:g}%" if share else f"{int(limit)}"
        rows = sorted({e.row for e in result.errors})
        listed = ", ".join(map(str, rows[:5])) + (", ..." if len(rows) > 5 else "")
        raise UsageError(
            f"{bad:,} of {total:,} rows ({bad * 100 / total:.1f} %) could not be read (rows "
            f"{listed}); --max-bad-rows {shown} allows no more",
            source=feed,
            hint=f"see why with: rtm-score score {feed} ... without --max-bad-rows; fix those "
            "rows or raise the limit",
        )
