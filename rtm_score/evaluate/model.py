"""What an evaluation is made of: labels, the confusion matrix, per-decision metrics, misses."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..feeds import FeedFormat, FeedResult
from ..models import Decision, Reason

LABEL_COLUMN = "label"
"""The default name of the column holding the team's own call."""

_DECISIONS = tuple(Decision)
_EXPECTED = "expected engage, skip or never"
_LABEL_FORMATS = (FeedFormat.CSV, FeedFormat.TSV, FeedFormat.JSON, FeedFormat.JSONL)
# The JSON feed reader's preference when an object holds several arrays.
_ARRAY_KEYS = ("trends", "items", "data", "topics", "results", "entries", "records", "rows")
_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class LabelError:
    """A labelled row whose label cannot be used (empty, unknown, or a repeated id)."""

    row: int
    topic_id: str
    message: str


@dataclass(frozen=True, slots=True)
class LabelledFeed:
    """A feed read for evaluation: its topics, the team's call per topic id, and bad labels."""

    feed: FeedResult
    labels: Mapping[str, Decision]
    errors: tuple[LabelError, ...]
    label_column: str
    """The label column as spelled in the feed."""


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of truth (the team's call) x decision (rtm-score's), both in ``Decision`` order."""

    counts: tuple[tuple[int, ...], ...]

    def count(self, truth: Decision, decision: Decision) -> int:
        """Topics the team called ``truth`` and rtm-score called ``decision``."""
        return self.counts[_DECISIONS.index(truth)][_DECISIONS.index(decision)]

    @property
    def total(self) -> int:
        """Every labelled topic that was scored."""
        return sum(map(sum, self.counts))


@dataclass(frozen=True, slots=True)
class DecisionMetrics:
    """Precision, recall and F1 of one decision; NaN where a ratio has nothing to divide by."""

    decision: Decision
    precision: float
    recall: float
    f1: float
    support: int
    """Topics the team called this."""
    called: int
    """Topics rtm-score called this."""


class MissKind(str, enum.Enum):
    """What kind of miss, in the order they are listed."""

    FALSE_NEVER = "false-never"
    """A topic the team found harmless, called never."""
    MISSED_NEVER = "missed-never"
    """A topic the team called never, let through as engage or skip."""
    OTHER = "other"
    """Engage and skip mixed up."""


@dataclass(frozen=True, slots=True)
class Miss:
    """A topic where rtm-score's decision differs from the team's, with the tool's reasons."""

    kind: MissKind
    topic_id: str
    topic: str
    truth: Decision
    decision: Decision
    relevance: float
    sensitivity: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row or topic left out of the metrics, and why; listed so that nothing goes unseen."""

    row: int | None
    topic_id: str
    topic: str
    message: str
    decision: Decision | None = None
    """rtm-score's decision, when the topic was scored."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """rtm-score's decisions measured against a team's own calls."""

    brand: str
    feed: str
    version: str
    confusion: Confusion
    per_decision: tuple[DecisionMetrics, ...]
    """One entry per decision, in ``Decision`` order."""
    accuracy: float
    never_recall: float
    false_never_rate: float
    """Share of the topics the team called engage or skip that rtm-score called never."""
    engage_precision: float
    misses: tuple[Miss, ...]
    """False never first, then missed never, then the rest; feed order within each group."""
    skipped: tuple[Skipped, ...] = ()

    @property
    def labelled(self) -> int:
        """Topics counted in the metrics."""
        return self.confusion.total

    def metrics_for(self, decision: Decision) -> DecisionMetrics:
        """The precision, recall, F1 and support of one decision."""
        return self.per_decision[_DECISIONS.index(decision)]
