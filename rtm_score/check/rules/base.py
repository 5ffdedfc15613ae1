"""What every check rule shares: the row it reads, the context it is built in, and the
:func:`finding` it makes.

A rule module declares its :class:`~rtm_score.check.models.Rule` entries (code, severity,
documentation) in ``RULES``, says whether it needs a feed (``FEED``), and offers
``make(context)``, which returns the function that judges one :class:`Row`. The registry in
:mod:`rtm_score.check.rules` lists the modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ...models import Reason, ScoredTopic, Tier
from ...profile import BrandProfile
from ..baseline import fingerprint
from ..models import Finding, PlannedPost, Rule, Severity

CATEGORY_LABELS = {
    "death-injury": "a death or injury",
    "disaster": "a disaster",
    "terrorism": "terrorism",
    "violence": "violence",
    "crime": "a crime",
    "war": "war",
    "abuse": "abuse",
    "hate": "hate",
    "health-emergency": "a health emergency",
    "politics-social": "politics",
    "religion": "religion",
    "remembrance": "a remembrance",
    "obscenity": "obscenity",
}
"""How a finding names a sensitive category ("rewrite the copy so it is not about war")."""


TREND_WINDOW_DAYS = 3
"""Days either side of a trend's date in which a post that carries it is an error; a post
later than that is a warning (re-check before publishing), an earlier one says nothing."""


@dataclass(frozen=True, slots=True)
class TrendWindow:
    """How a post's days meet a feed topic's day (RTM301, RTM302): a post more than ``days``
    before the topic is not hit by it, one more than ``days`` after it is a warning."""

    today: dt.date | None = None
    """The feed's day, for topics whose feed row has no date."""
    days: int = TREND_WINDOW_DAYS

    def gap(self, post_days: Sequence[dt.date], topic: ScoredTopic) -> int | None:
        """Days from the topic's day to the post's day nearest it; ``None`` when either is
        unknown (the post is then judged as if it went out on the topic's day)."""
        trend_day = topic.topic.date or self.today
        if trend_day is None or not post_days:
            return None
        return min(((d - trend_day).days for d in post_days), key=abs)

    def before(self, gap: int | None) -> bool:
        """The post goes out well before the topic: not hit."""
        return gap is not None and gap < -self.days

    def after(self, gap: int | None) -> bool:
        """The post goes out well after the topic: a warning, re-check before publishing."""
        return gap is not None and gap > self.days


class ObservanceSource(Protocol):
    """What the rules need from :class:`rtm_score.observances.ObservanceCalendar`."""

    def on(self, day: dt.date, regions: Iterable[str] = ()) -> list[Any]: ...
    def about(
        self, text: str, day: dt.date | None = None, regions: Iterable[str] = ()
    ) -> list[Any]: ...
    def next_clear_day(self, day: dt.date, regions: Iterable[str] = ()) -> dt.date: ...


@dataclass(slots=True)
class Row:
    """What the rules know about one post, computed once by the checker."""

    post: PlannedPost
    text: str
    """The copy, with the row's hashtags that the copy does not already carry."""
    tags: list[str]
    promo: str
    """The promotional words matched in the copy ("" when it promotes nothing)."""
    stems: str
    """`` stem stem ... `` of the copy (off_limits: "drinking game" matches "drinking games")."""
    words: str
    """`` word word ... `` unstemmed (names: "Snackerly" must not match "snackers")."""
    days: list[tuple[str, dt.date]]
    """(region, the post's local day there) for each region it goes out in."""
    about: list[Any] = field(default_factory=list)
    """Observances the copy is about."""
    relevance: float = 0.0
    judged: list[tuple[str, Tier, float, Reason]] = field(default_factory=list)
    """The judgment's findings on the copy (category, tier, score, reason); a respectful
    remembrance message is excused all but obscenity."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule is built from: the brand, the calendar and, with ``--feed``, the feed."""

    profile: BrandProfile
    observances: ObservanceSource
    words: Callable[[str], list[str]]
    """The copy's words, unstemmed, possessives removed (for names)."""
    stems: Callable[[str], list[str]]
    trending: Sequence[ScoredTopic] | None = None
    """The feed's scored topics, or ``None`` without ``--feed``."""
    today: dt.date | None = None
    """The feed's day, for its topics that carry no date of their own."""
    window: int = TREND_WINDOW_DAYS
    """Days either side of a trend's date in which a post carrying it is an error."""

    @property
    def trend_window(self) -> TrendWindow:
        """How the feed rules meet a post's days with a topic's day."""
        return TrendWindow(self.today, self.window)


RowCheck = Callable[[Row], list[Finding]]


class RuleModule(Protocol):
    """A module of row rules (see the module docstring)."""

    @property
    def RULES(self) -> tuple[Rule, ...]: ...
    @property
    def FEED(self) -> bool: ...

    def make(self, context: Context) -> RowCheck: ...


@dataclass(frozen=True, slots=True)
class Terms:
    """Profile terms (off_limits, competitors, products) matched as whole words, in order."""

    items: tuple[tuple[str, str], ...]  # (term as written, " token token ")

    @classmethod
    def build(cls, terms: Iterable[str], tokens: Callable[[str], list[str]]) -> Terms:
        items = []
        for t in terms:
            toks = tokens(t)
            if toks:
                items.append((t, " " + " ".join(toks) + " "))
        return cls(tuple(items))

    def find(self, padded: str) -> list[str]:
        """Terms whose tokens occur, in order and whole, in ``padded`` (`` tok tok ``)."""
        return [t for t, needle in self.items if needle in padded]


def finding(
    rule: Rule,
    post: PlannedPost,
    *,
    message: str,
    evidence: str,
    hint: str,
    subject: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A new finding of ``rule`` on ``post`` (at the rule's severity unless given)."""
    return Finding(
        code=rule.code,
        severity=severity or rule.severity,
        message=message,
        evidence=evidence,
        hint=hint,
        source=post.source,
        line=post.line,
        row=post.row,
        post_id=post.id,
        subject=subject,
        fingerprint=fingerprint(rule.code, post, subject),
    )


def day_text(day: dt.date) -> str:
    """``11 September 2026``."""
    return f"{day.day} {day:%B %Y}"
