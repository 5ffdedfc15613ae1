"""Scoring a labelled feed and comparing each decision with the team's call."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..models import Decision, Report, ScoredTopic
from .model import (
    _DECISIONS,
    Confusion,
    DecisionMetrics,
    Evaluation,
    LabelError,
    Miss,
    MissKind,
    Skipped,
)


def evaluate(
    report: Report,
    labels: Mapping[str, Decision],
    *,
    label_errors: Sequence[LabelError] = (),
) -> Evaluation:
    """Compare each scored topic's decision with the team's label for its topic id.

    Topics without a usable label (``label_errors`` says why), rows the feed reader skipped and
    labels that match no topic are left out of the metrics and listed in ``skipped``. A topic
    id that occurs twice counts once, at its first place in the feed.
    """
    why_not: dict[str, list[LabelError]] = {}
    for e in label_errors:
        why_not.setdefault(e.topic_id, []).append(e)
    counts = [[0] * len(_DECISIONS) for _ in _DECISIONS]
    misses: list[Miss] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for scored in sorted(report.topics, key=_feed_order):
        topic = scored.topic
        truth = labels.get(topic.id)
        if truth is None or topic.id in seen:
            err = why_not[topic.id].pop(0) if why_not.get(topic.id) else None
            why = err.message if err else ("repeated id" if topic.id in seen else "no label")
            row = err.row if err else None
            skipped.append(Skipped(row, topic.id, topic.name, why, scored.decision))
            continue
        seen.add(topic.id)
        counts[_DECISIONS.index(truth)][_DECISIONS.index(scored.decision)] += 1
        if truth is not scored.decision:
            misses.append(_miss(scored, truth))
    skipped += [Skipped(e.row, e.topic_id, "", e.message) for es in why_not.values() for e in es]
    skipped += [Skipped(e.row, "", "", f"not scored: {e.message}") for e in report.errors]
    skipped += [Skipped(None, i, "", "labelled, but no topic has this id") for i in labels
                if i not in seen]  # fmt: skip
    confusion = Confusion(tuple(tuple(row) for row in counts))
    per = tuple(_metrics(confusion, d) for d in _DECISIONS)
    harmless = [d for d in _DECISIONS if d is not Decision.NEVER]
    false_never = sum(confusion.count(t, Decision.NEVER) for t in harmless)
    kinds = list(MissKind)
    return Evaluation(
        brand=report.brand,
        feed=report.feed,
        version=report.version,
        confusion=confusion,
        per_decision=per,
        accuracy=_ratio(sum(confusion.count(d, d) for d in _DECISIONS), confusion.total),
        never_recall=per[_DECISIONS.index(Decision.NEVER)].recall,
        false_never_rate=_ratio(
            false_never, sum(per[_DECISIONS.index(t)].support for t in harmless)
        ),
        engage_precision=per[_DECISIONS.index(Decision.ENGAGE)].precision,
        misses=tuple(sorted(misses, key=lambda m: kinds.index(m.kind))),  # stable: feed order
        skipped=tuple(skipped),
    )


def _feed_order(scored: ScoredTopic) -> tuple[int, int]:
    source = scored.topic.source
    line = source.line if source is not None and source.line is not None else 0
    return (line, scored.rank)


def _miss(scored: ScoredTopic, truth: Decision) -> Miss:
    if scored.decision is Decision.NEVER:
        kind = MissKind.FALSE_NEVER
    elif truth is Decision.NEVER:
        kind = MissKind.MISSED_NEVER
    else:
        kind = MissKind.OTHER
    t = scored.topic
    return Miss(kind, t.id, t.name, truth, scored.decision, scored.relevance, scored.sensitivity,
                scored.reasons)  # fmt: skip


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def _metrics(confusion: Confusion, d: Decision) -> DecisionMetrics:
    hit = confusion.count(d, d)
    support = sum(confusion.count(d, other) for other in _DECISIONS)
    called = sum(confusion.count(other, d) for other in _DECISIONS)
    p, r = _ratio(hit, called), _ratio(hit, support)
    # F1 is undefined when either side is; 0 (not NaN) when both are defined and zero.
    f1 = math.nan if math.isnan(p) or math.isnan(r) else (2 * p * r / (p + r) if p + r else 0.0)
    return DecisionMetrics(d, p, r, f1, support, called)
