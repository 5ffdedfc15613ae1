"""A ``score`` run's start-up (the profiles, the engine and the feed, read before any work),
and how the run shows itself on a terminal: a spinner while the feed is read, then a progress
bar naming each phase (analysing, sensitivity, scoring, writing), on stderr."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..feeds import FeedFormat
from ._bad_rows import bad_rows_line, check_bad_rows

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from ..api import ScoreOptions
    from ..feeds import FeedResult
    from ..models import Report
    from ..profile import BrandProfile
    from ..sensitivity import SensitivityEngine

__all__ = ["Reading", "reading", "run", "start"]


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


@dataclass(frozen=True, slots=True)
class Reading:
    """How the feed is read: its format (or auto), a column map, the bad rows allowed."""

    format_in: FeedFormat
    columns: str | None
    max_bad_rows: tuple[float, bool] | None
    """``--max-bad-rows`` as :func:`~rtm_score.cli._bad_rows.parse_bad_rows` read it."""


def start(
    brand: list[Path],
    feed: str,
    how: Reading,
    rules: list[Path],
    quiet: bool,
    console: Console,
) -> tuple[list[BrandProfile], FeedResult, SensitivityEngine]:
    """The run's start-up, with the collector off (:func:`rtm_score.machine.start_up`): the
    profiles, the engine (with any ``--rules``) and the feed (its bad rows checked and
    reported), all loaded before :func:`~rtm_score.machine.fewer_collections` freezes them."""
    from ..feeds import parse_column_map, read_feed
    from ..machine import start_up
    from ..profile import load_profile
    from ..sensitivity import load_engine

    with start_up():
        profiles = _profiles(brand, load_profile)
        column_map = parse_column_map(how.columns) if how.columns else None
        engine = load_engine(tuple(rules))  # a bad --rules file is said before a long read
        fmt_in = None if how.format_in is FeedFormat.AUTO else how.format_in
        with reading(console, feed, quiet):
            result = read_feed(feed, fmt_in, columns=column_map)
        check_bad_rows(result, how.max_bad_rows, feed)
        if quiet and result.errors:
            bad_rows_line(console, result, feed)
    return profiles, result, engine


def _profiles(paths: list[Path], load: Any) -> list[BrandProfile]:
    """Every profile, or one error holding the problems of all that cannot be read: an agency
    with thirty brands fixes them in one pass, not one run per bad file."""
    from ..errors import ProfileError

    profiles: list[BrandProfile] = []
    failed: list[ProfileError] = []
    for path in paths:
        try:
            profiles.append(load(path))
        except ProfileError as exc:
            failed.append(exc)
    if len(failed) == 1:
        raise failed[0]
    if failed:
        problems = tuple(p for exc in failed for p in (exc.problems or (exc,)))
        raise ProfileError(
            f"{len(failed)} of {len(paths)} profiles cannot be read", problems=problems
        )
    return profiles
