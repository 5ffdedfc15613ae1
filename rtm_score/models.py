"""Immutable value types shared by every part of rtm-score (no pandas, sklearn or rich here)."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def positional_reduce(self: Any) -> tuple[type, tuple[object, ...]]:
    """``__reduce__`` for a frozen, slotted dataclass: pickle its fields as the arguments of
    its constructor. The default (``dataclasses``' ``__setstate__``, one ``object.__setattr__``
    per field in Python) makes reading back a spooled chunk of a large feed cost more than
    scoring it (2,000 assessments: 98 ms to unpickle, 28 ms this way)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


class Decision(str, enum.Enum):
    """What a brand should do with a trending topic."""

    ENGAGE = "engage"
    SKIP = "skip"
    NEVER = "never"

    @property
    def order(self) -> int:
        """Sort key: engage opportunities first, then skip, then never."""
        return _DECISION_ORDER[self]


_DECISION_ORDER = {Decision.ENGAGE: 0, Decision.SKIP: 1, Decision.NEVER: 2}


class Tier(str, enum.Enum):
    """Severity tier of a sensitivity category (after GARM's floor / high / medium / low)."""

    FLOOR = "floor"
    """Never for any brand: tragedy, death, war, abuse, hate, remembrance."""
    HIGH = "high"
    """Skip unless the brand plays in that territory (politics, religion, crime news)."""
    MEDIUM = "medium"
    """Raises sensitivity and shows in the reasons; does not decide alone."""
    LOW = "low"
    """Informational."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a value came from: a file (or ``-`` for stdin) and a 1-based line or row."""

    __reduce__ = positional_reduce

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True, slots=True)
class Topic:
    """One trending topic as read from a feed; text is kept raw (untrusted)."""

    __reduce__ = positional_reduce

    id: str
    """The feed's own id, or the 1-based row number when the feed has none."""
    name: str
    """The trend itself: a hashtag, a phrase or a name."""
    context: str = ""
    """Headlines, descriptions or news titles that say why it trends."""
    volume: float | None = None
    date: dt.date | None = None
    region: str | None = None
    source: SourceRef | None = None

    @property
    def text(self) -> str:
        """Name and context together, as scored."""
        return f"{self.name}\n{self.context}" if self.context else self.name


BRAND_STORY_CODES = (
    "brand.in-the-news",
    "brand.check-first",
    "brand.competitor-trouble",
    "brand.own-story",
)
"""The reasons the policy gives when the brand or a competitor is the story (see ``policy.py``),
most urgent first: the brand's bad news, a story it should read first, a competitor's trouble,
its own good news. Reports list these topics first, in their own section."""

WHAT_IF_CODE = "policy.what-if"
"""The reason a skip or never topic carries last: the one thing that would change the decision
(``rtm_score/counterfactual.py``). The compact table always shows it."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One structured piece of evidence behind a decision."""

    __reduce__ = positional_reduce

    code: str
    """Stable id, e.g. ``relevance``, ``sens.death``, ``calendar.remembrance-day``."""
    message: str
    """Human sentence."""
    evidence: str = ""
    """The matched terms, the date, the score: what a person checks."""
    origin: str = "policy"
    """Where it came from: ``profile``, ``rule``, ``model``, ``calendar``, ``policy``."""

    def __post_init__(self) -> None:
        # A feed of a million topics holds three million reasons, whose codes, messages and
        # origins are a few hundred distinct strings: one copy of each, not one per reason.
        # Unrolled: a run makes a reason or more a topic and brand.
        code, message, origin = self.code, self.message, self.origin
        if type(code) is str:
            object.__setattr__(self, "code", sys.intern(code))
        if type(message) is str:
            object.__setattr__(self, "message", sys.intern(message))
        if type(origin) is str:
            object.__setattr__(self, "origin", sys.intern(origin))


@dataclass(frozen=True, slots=True)
class RowError:
    """A feed row that could not be read; the rest of the feed is still scored."""

    row: int
    message: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class ScoredTopic:
    """A topic with its scores, decision and reasons."""

    __reduce__ = positional_reduce

    rank: int
    topic: Topic
    decision: Decision
    relevance: float
    sensitivity: float
    categories: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    territories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicChange:
    """A topic that changed since the previous run of the same brand."""

    name: str
    """The topic as shown now (or, for a topic that is gone, as it was last shown)."""
    topic_id: str = ""
    decision: Decision | None = None
    """The decision in this run; ``None`` for a topic that is gone."""
    previous: Decision | None = None
    """The decision in the previous run; ``None`` for a topic that is new."""


@dataclass(frozen=True, slots=True)
class TopicTrend:
    """How long a topic has been trending: recorded runs of the same brand that held it."""

    topic_id: str
    name: str
    first_seen: dt.datetime
    runs_seen: int
    momentum: str = ""
    """``rising``, ``peaking``, ``steady`` or ``fading`` from the feed's volume against the
    previous runs' (empty without a volume now and before)."""
    volume_change: float | None = None
    """The volume now against the last run that had it: 0.4 is 40 % more."""


@dataclass(frozen=True, slots=True)
class History:
    """What changed since the previous recorded run, as found by the run history."""

    previous_run: dt.datetime | None
    """When the previous run of the same brand ran; ``None`` on the first recorded run."""
    previous_feed: str = ""
    new_engage: tuple[TopicChange, ...] = ()
    turned_never: tuple[TopicChange, ...] = ()
    gone: tuple[TopicChange, ...] = ()
    trends: tuple[TopicTrend, ...] = ()
    """One entry per topic of this run, keyed by its ``topic_id``."""

    def trend_for(self, topic_id: str) -> TopicTrend | None:
        """The trend of the topic with this id in this run, if recorded."""
        for trend in self.trends:
            if trend.topic_id == topic_id:
                return trend
        return None


@dataclass(frozen=True, slots=True)
class Report:
    """The result of scoring one feed for one brand."""

    brand: str
    generated_at: dt.datetime
    version: str
    topics: tuple[ScoredTopic, ...]
    errors: tuple[RowError, ...] = ()
    feed: str = ""
    as_of: dt.date | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    history: History | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Number of topics per decision, every decision present."""
        out = {d.value: 0 for d in Decision}
        for t in self.topics:
            out[t.decision.value] += 1
        return out

    def to_frame(self):  # type: ignore[no-untyped-def]  # pandas is optional at import time
        """The ranked topics as a pandas DataFrame (one row per topic)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "rank": t.rank,
                    "id": t.topic.id,
                    "topic": t.topic.name,
                    "decision": t.decision.value,
                    "relevance": t.relevance,
                    "sensitivity": t.sensitivity,
                    "categories": ",".join(t.categories),
                    "reasons": "; ".join(r.message for r in t.reasons),
                }
                for t in self.topics
            ]
        )
