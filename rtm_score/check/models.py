"""Value types of the calendar check: planned posts, rules, findings and the check report."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import RowError


class Severity(enum.StrEnum):
    """How bad a finding is; ``--fail-on`` picks the lowest severity that fails the build."""

    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for comparisons: a warning ranks below an error."""
        return 1 if self is Severity.ERROR else 0

    def reaches(self, threshold: Severity) -> bool:
        """Whether this severity is at or above ``threshold``."""
        return self.rank >= threshold.rank


class FindingStatus(enum.StrEnum):
    """Whether a finding counts: new ones do; suppressed and baselined ones are kept as record."""

    NEW = "new"
    SUPPRESSED = "suppressed"
    """Silenced by the row's own ``rtm_ignore`` with a reason."""
    BASELINED = "baselined"
    """Known before: its fingerprint is in the ``--baseline`` file."""


@dataclass(frozen=True, slots=True)
class PostTime:
    """When a post goes out, as written in the calendar.

    ``value`` is a ``date`` (the local day), a naive ``datetime`` (local wall-clock time) or an
    aware ``datetime`` (an instant, from an offset or a named zone).
    """

    value: dt.date
    raw: str

    @property
    def is_instant(self) -> bool:
        """True when the time carries an offset or zone (it names one moment everywhere)."""
        return isinstance(self.value, dt.datetime) and self.value.tzinfo is not None

    def iso(self) -> str:
        """ISO-8601 text of the value (seconds precision)."""
        if isinstance(self.value, dt.datetime):
            return self.value.isoformat(timespec="minutes")
        return self.value.isoformat()


@dataclass(frozen=True, slots=True)
class PlannedPost:
    """One row of a campaign calendar: a post a team means to publish."""

    source: str
    """The calendar file as given on the command line."""
    line: int
    """1-based line of the row in that file (its first line for multi-line rows)."""
    row: int
    """1-based index of the row among the calendar's posts."""
    when: PostTime
    copy: str
    """The post text, raw (untrusted)."""
    id: str = ""
    hashtags: tuple[str, ...] = ()
    """Hashtags from a separate column, without the ``#``."""
    channel: str = ""
    regions: tuple[str, ...] = ()
    """ISO country codes (optionally with a subdivision, ``US-CA``); empty means the brand's."""
    timezone: str = ""
    """IANA zone the post is judged in (from a ``timezone`` column or a zone in the date)."""
    ignore: str = ""
    """The raw ``rtm_ignore`` cell: reasoned suppressions such as ``RTM101: approved by legal``."""
    twin: int = 0
    """Set by :func:`~rtm_score.check.baseline.tell_apart` when another row of the calendars
    has the same key (a repeated id, or the same date, channel and copy): this row's 1-based
    place among them, so each keeps fingerprints of its own."""

    @property
    def label(self) -> str:
        """Short human name of the row: its id, else ``row N``."""
        return self.id or f"row {self.row}"


@dataclass(frozen=True, slots=True)
class Rule:
    """A check rule's stable identity and documentation."""

    code: str
    """Stable code, e.g. ``RTM101``; never reused for another meaning."""
    name: str
    """kebab-case name, e.g. ``promotion-on-solemn-date``."""
    severity: Severity
    """Default severity (a few rules grade some findings lower)."""
    summary: str
    """One line: what the rule finds."""
    help: str
    """Why it matters and how to fix or suppress it."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one calendar row."""

    code: str
    severity: Severity
    message: str
    evidence: str
    """What a person checks: the matched phrase, the date and observance, the trend."""
    hint: str
    """How to fix it."""
    source: str
    line: int
    row: int
    post_id: str
    subject: str
    """What the finding is about within the row (a category, a hashtag, an observance id);
    part of the fingerprint so that two findings of one rule on one row stay apart."""
    fingerprint: str
    status: FindingStatus = FindingStatus.NEW
    justification: str = ""
    """The reason given by the suppression that silenced it."""

    @property
    def active(self) -> bool:
        """Whether the finding counts (neither suppressed nor in the baseline)."""
        return self.status is FindingStatus.NEW


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The result of checking one calendar for one brand."""

    calendar: str
    brand: str
    version: str
    posts: tuple[PlannedPost, ...]
    findings: tuple[Finding, ...]
    """Every finding, sorted by line, code and subject; suppressed and baselined ones included."""
    rules: tuple[Rule, ...]
    fail_on: Severity = Severity.ERROR
    feed: str = ""
    baseline: str = ""
    feed_errors: tuple[RowError, ...] = ()
    """The ``--feed`` rows that could not be read: they were not checked against."""

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that count."""
        return tuple(f for f in self.findings if f.active)

    @property
    def failing(self) -> tuple[Finding, ...]:
        """Active findings at or above ``fail_on``."""
        return tuple(f for f in self.active if f.severity.reaches(self.fail_on))

    @property
    def failed(self) -> bool:
        """Whether the gate trips (exit code 1)."""
        return bool(self.failing)

    @property
    def counts(self) -> dict[str, int]:
        """Active errors and warnings, and how many were suppressed or baselined."""
        out = {"error": 0, "warning": 0, "suppressed": 0, "baselined": 0}
        for f in self.findings:
            if f.active:
                out[f.severity.value] += 1
            else:
                out[f.status.value] += 1
        return out

    def findings_for(self, post: PlannedPost) -> tuple[Finding, ...]:
        """The findings of one row, in report order."""
        return tuple(f for f in self.findings if f.row == post.row and f.source == post.source)

    def summary(self) -> str:
        """One line for people, e.g. ``12 posts checked: 2 errors, 1 warning (1 suppressed)``."""
        c = self.counts
        n = len(self.posts)
        parts = [_plural(c["error"], "error"), _plural(c["warning"], "warning")]
        extra = [f"{c[k]} {k}" for k in ("suppressed", "baselined") if c[k]]
        tail = f" ({', '.join(extra)})" if extra else ""
        bad = len(self.feed_errors)
        unread = f"; {_plural(bad, 'feed row')} could not be read" if bad else ""
        return f"{_plural(n, 'post')} checked: {', '.join(parts)}{tail}{unread}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
