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
    return max((o.weight(h) for h in o.hits if _floor(o, h.category) and not h.dampen), default=0.0)


def _floor(o: Observed, category: str) -> bool:
    return o.tiers.get(category) is Tier.FLOOR


def values(o: Observed) -> list[float]:
    """The rule features of one topic, in :data:`FEATURES` order."""
    floor = [h for h in o.hits if _floor(o, h.category)]
    dampened = max((o.weight(h) for h in floor if h.dampen), default=0.0)
    high = max((o.weight(h) for h in o.hits if o.tiers.get(h.category) is Tier.HIGH), default=0.0)
    death = max((o.weight(h) for h in floor if h.category == DEATH and not h.dampen), default=0.0)
    return [
        floor_strength(o),
        dampened,
        math.log1p(len({h.evidence for h in floor})),
        high,
        death,
        death * o.text_probs[2],  # a death in a story the text model reads as fiction or sport
    ]
