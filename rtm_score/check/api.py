"""The one call the ``check`` command makes: calendar file + profile + options -> CheckReport."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..errors import UsageError
from ..models import RowError, ScoredTopic
from ..profile import BrandProfile
from .baseline import apply_baseline, load_baseline
from .calendar_file import read_calendar
from .engine import Checker
from .models import CheckReport, PlannedPost, Severity
from .rules import RULES
from .rules.base import TREND_WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Run options of a calendar check (everything that is not the calendar or the brand)."""

    fail_on: Severity = Severity.ERROR
    feed: Path | None = None
    """A feed of trending topics (enables RTM301)."""
    today: dt.date | None = None
    """The feed's day (required with ``feed``; the library never reads the clock)."""
    baseline: Path | None = None
    """A baseline file to read: findings listed there do not count."""
    trend_window: int = TREND_WINDOW_DAYS
    """Days either side of a trend's date in which a post carrying it is an error (RTM301)."""


def check_file(
    calendar: str | Path | Sequence[str | Path],
    profile: BrandProfile,
    options: CheckOptions = CheckOptions(),
    *,
    checker: Checker | None = None,
) -> CheckReport:
    """Read one calendar or several (and the feed and baseline) and check them for ``profile``.

    Several calendars (a pre-commit hook passes every changed file) make one report; rows keep
    their own file and line.

    Raises:
        CalendarError: a calendar or the baseline cannot be read (file and line named).
        FeedError: the feed cannot be read.
        UsageError: a feed without ``today``, or no calendar at all.
    """
    paths = [calendar] if isinstance(calendar, str | Path) else list(calendar)
    if not paths:
        raise UsageError("no calendar given", hint="pass the calendar file to check")
    known = load_baseline(options.baseline) if options.baseline is not None else frozenset()
    posts = [post for path in paths for post in read_calendar(path)]
    trending: tuple[ScoredTopic, ...] | None = None
    unread: tuple[RowError, ...] = ()
    if options.feed is not None:
        if options.today is None:
            raise UsageError(
                "checking against a feed needs today's date",
                hint="pass today=... (the CLI uses --as-of or the system date)",
            )
        from ..api import score_topics
        from ..feeds import read_feed

        feed = read_feed(options.feed)
        trending = score_topics(
            profile, feed.topics, today=options.today, errors=feed.errors, feed=feed.source
        ).topics
        unread = feed.errors
    report = check_calendar(
        posts,
        profile,
        trending=trending,
        baseline=known,
        fail_on=options.fail_on,
        today=options.today,
        trend_window=options.trend_window,
        calendar=", ".join(str(p) for p in paths),
        feed=str(options.feed) if options.feed is not None else "",
        baseline_name=str(options.baseline) if options.baseline is not None else "",
        checker=checker,
    )
    # A feed row that could not be read was not checked against: the report says so.
    return replace(report, feed_errors=unread) if unread else report


def check_calendar(
    posts: Sequence[PlannedPost],
    profile: BrandProfile,
    *,
    trending: Sequence[ScoredTopic] | None = None,
    baseline: frozenset[str] = frozenset(),
    fail_on: Severity = Severity.ERROR,
    today: dt.date | None = None,
    trend_window: int = TREND_WINDOW_DAYS,
    calendar: str = "",
    feed: str = "",
    baseline_name: str = "",
    checker: Checker | None = None,
) -> CheckReport:
    """Check planned posts for a brand and build the report.

    Args:
        posts: the calendar rows (see :func:`~rtm_score.check.read_calendar`).
        profile: the brand.
        trending: the scored topics of today's feed, or ``None`` without ``--feed``.
        baseline: fingerprints of known findings; those are kept but do not count.
        fail_on: the lowest severity that fails the gate.
        today: the feed's day, for trending topics without a date of their own.
        trend_window: days either side of a trend's date in which a post carrying it is an
            error (RTM301); a later post gets a warning, an earlier one nothing.
        calendar, feed, baseline_name: the file names, for the report.
        checker: a prepared :class:`Checker` (one is built for ``profile`` otherwise).
    """
    checker = checker or Checker(profile)
    findings = checker.check(posts, trending, today=today, trend_window=trend_window)
    if baseline:
        findings = apply_baseline(findings, baseline)
    return CheckReport(
        calendar=calendar or (posts[0].source if posts else ""),
        brand=profile.name,
        version=__version__,
        posts=tuple(posts),
        findings=tuple(findings),
        rules=RULES,
        fail_on=fail_on,
        feed=feed,
        baseline=baseline_name,
    )
