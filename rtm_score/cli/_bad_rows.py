"""Feed rows that could not be read, for the people and programs that run ``score``: the
one-line count a quiet cron run still prints, and the ``--max-bad-rows`` gate."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from ..errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from ..feeds import FeedResult
    from ..models import RowError


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


SHOWN_PER_REASON = 3
"""Rows named one by one for each reason they were skipped; the others of that reason are
counted on one line (a feed whose every date is in another format said so 100,000 times)."""

_QUOTED = re.compile(r"'[^']*'")


def row_warnings(errors: Sequence[RowError], feed: str) -> list[str]:
    """A warning line per skipped row, the first :data:`SHOWN_PER_REASON` of each reason
    (the message without its quoted values), then one line for the rest of that reason."""
    by_reason: dict[str, list[RowError]] = {}
    for err in errors:
        by_reason.setdefault(_QUOTED.sub("'...'", err.message), []).append(err)
    lines: list[str] = []
    for reason, errs in by_reason.items():
        lines += [
            f"warning: {e.source or feed}: row {e.row}: {e.message} (row skipped)"
            for e in errs[:SHOWN_PER_REASON]
        ]
        rest = errs[SHOWN_PER_REASON:]
        if rest:
            listed = ", ".join(str(e.row) for e in rest[:5]) + (", ..." if len(rest) > 5 else "")
            lines.append(
                f"warning: {feed}: {count(len(rest), 'more row')} skipped for the same reason: "
                f"{reason} (rows {listed}; every one is listed under errors in a JSON report)"
            )
    return lines


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
