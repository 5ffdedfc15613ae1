"""The order of a report: the one ranking rule, and momentum among equally relevant topics.

Engage topics rank by fit: a prepared play first, then the most relevant. Among engage topics
that a reader sees as equally relevant (the same relevance at the two decimals every report
shows, such as two exact keyword matches at 1.00), a run history decides. The rising topic
comes before the steady one and the fading one last (:data:`MOMENTUM_ORDER`), then the
freshest (the fewest runs seen); a topic that overtakes another says why in a
``rank.momentum`` reason. Skip topics rank by relevance, never topics by sensitivity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from .models import Decision, Reason, Report, ScoredTopic, TopicTrend

MOMENTUM_ORDER: Mapping[str, int] = {"rising": 0, "peaking": 1, "steady": 2, "": 3, "fading": 4}
"""Momentum from best to worst for an opportunity; "" is a topic without volumes to compare."""

MOMENTUM_CODE = "rank.momentum"


def rank_key(s: ScoredTopic) -> tuple[int, bool, float, float, str, int]:
    """The ranking of scored topics: decision, then (engage) a prepared play first, then the
    most relevant (skip too) or the most sensitive (never); ties by name, then feed line."""
    line = s.topic.source.line if s.topic.source and s.topic.source.line is not None else 0
    primary = -s.sensitivity if s.decision is Decision.NEVER else -s.relevance
    return (s.decision.order, not _prepared(s), primary, s.sensitivity, s.topic.name.casefold(),
            line)  # fmt: skip


def _prepared(s: ScoredTopic) -> bool:
    return (
        s.decision is Decision.ENGAGE and bool(s.reasons) and s.reasons[0].code.startswith("play.")
    )


def by_momentum(report: Report, trends: Mapping[str, TopicTrend]) -> Report:
    """``report`` with its equally relevant engage topics ordered by momentum, then freshness
    (``trends`` by topic id, from the run history); every other rank stays as it was."""
    ranked = sorted(report.topics, key=lambda t: t.rank)
    out: list[ScoredTopic] = []
    i = 0
    while i < len(ranked):
        j = i + 1
        while j < len(ranked) and _tied(ranked[i], ranked[j]):
            j += 1
        out += _reorder(ranked[i:j], trends) if j - i > 1 else ranked[i:j]
        i = j
    renumbered = tuple(
        s if s.rank == n else dataclasses.replace(s, rank=n) for n, s in enumerate(out, 1)
    )
    return dataclasses.replace(report, topics=renumbered)


def _tied(a: ScoredTopic, b: ScoredTopic) -> bool:
    return (
        a.decision is Decision.ENGAGE
        and b.decision is Decision.ENGAGE
        and _prepared(a) == _prepared(b)
        and round(a.relevance, 2) == round(b.relevance, 2)
    )


def _reorder(group: list[ScoredTopic], trends: Mapping[str, TopicTrend]) -> list[ScoredTopic]:
    def key(s: ScoredTopic) -> tuple[int, int]:
        t = trends.get(s.topic.id)
        return (MOMENTUM_ORDER.get(t.momentum, 3), t.runs_seen) if t else (3, 1 << 30)

    order = sorted(range(len(group)), key=lambda k: key(group[k]))  # stable among equals
    out = []
    for place, k in enumerate(order):
        s, t = group[k], trends.get(group[k].topic.id)
        # It overtook a topic that ranked above it on fit alone: its row says why.
        overtook = any(other < k for other in order[place + 1 :])
        out.append(dataclasses.replace(s, reasons=(*s.reasons, _why(t))) if overtook and t else s)
    return out


def _why(t: TopicTrend) -> Reason:
    runs = "new" if t.runs_seen <= 1 else f"trending for {t.runs_seen} runs"
    change = f", {t.volume_change:+.0%} volume" if t.volume_change is not None else ""
    state = f"{t.momentum}{change}; {runs}" if t.momentum else runs
    return Reason(
        MOMENTUM_CODE,
        "ranked above equally relevant opportunities by its momentum and freshness",
        state,
        "history",
    )
