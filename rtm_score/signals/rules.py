"""The rule files' signal: how strongly the floor- and high-tier rules fired on a topic.

Reads the hits of :mod:`rtm_score.sensitivity` (one matcher pass over the batch) with their
fitted weights; a death told with a job title is still a death, so deaths count on their own.
"""

from __future__ import annotations

import math

from ..models import Tier
from .base import Observed

DEATH = "death-injury"
"""The rule category of deaths and obituaries, which the judgment weighs on its own."""

FEATURES = (
    "rules.floor",
    "rules.floor_dampened",
    "rules.floor_count",
    "rules.high",
    "rules.death",
    "rules.death_x_frame",
)


def floor_strength(o: Observed) -> float:
    """The strongest floor-tier signal a rule file does not mark as often figurative."""
    tiers, w = o.tiers, o.weights
    return max(
        (w.get(h.signal, h.weight) for h in o.hits
         if not h.dampen and tiers.get(h.category) is Tier.FLOOR),
        default=0.0,
    )  # fmt: skip


def values(o: Observed) -> list[float]:
    """The rule features of one topic, in :data:`FEATURES` order (one pass over the hits)."""
    if not o.hits:
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    tiers, w = o.tiers, o.weights
    plain = dampened = high = death = 0.0
    evidence: set[str] = set()
    for h in o.hits:
        tier = tiers.get(h.category)
        weight = w.get(h.signal, h.weight)
        if tier is Tier.FLOOR:
            evidence.add(h.evidence)
            if h.dampen:
                dampened = max(dampened, weight)
            else:
                plain = max(plain, weight)
                if h.category == DEATH:
                    death = max(death, weight)
        elif tier is Tier.HIGH:
            high = max(high, weight)
    return [
        plain,
        dampened,
        math.log1p(len(evidence)),
        high,
        death,
        death * o.text_probs[2],  # a death in a story the text model reads as fiction or sport
    ]
