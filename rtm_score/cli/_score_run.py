"""How a ``score`` run shows itself on a terminal: a spinner while the feed is read, then a
progress bar naming each phase (analysing, sensitivity, scoring, writing), on stderr."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from ..api import ScoreOptions
    from ..feeds import FeedResult
    from ..models import Report
    from ..profile import BrandProfile
    from ..sensitivity import SensitivityEngine

__all__ = ["reading", "run"]


def run(
    profiles: list[BrandProfile],
    result: FeedResult,
    today: dt.date,
    options: ScoreOptions,
    engine: SensitivityEngine | None,
    show_progress: bool,
    console: Console,
) -> Iterator[Report]:
    from ..api import iter_brands

    kwargs: dict[str, Any] = {
        "today": today,
        "errors": result.errors,
        "feed": result.source,
        "now": dt.datetime.now(dt.UTC).replace(microsecond=0),
        "options": options,
        "engine": engine,
    }
    if not show_progress:
        yield from iter_brands(profiles, result.topics, **kwargs)
        return
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("analysing", total=len(result.topics))

        def step(phase: str, done: int, total: int) -> None:
            bar.update(task, description=phase, completed=done, total=total)

        for report in iter_brands(profiles, result.topics, progress=step, **kwargs):
            # The report is written while this generator waits here: say so.
            bar.update(task, description=f"writing {escape(report.brand)}")
            yield report


def reading(console: Console, feed: str, quiet: bool) -> AbstractContextManager[object]:
    """A spinner naming the feed while it is read (on a terminal, unless ``quiet``): a large
    feed takes seconds to read before the progress bar knows how many topics it has."""
    if quiet or not console.is_terminal:
        return nullcontext()
    from rich.markup import escape

    return console.status(f"reading {escape(feed)}", spinner="line")
