"""The frames' signal: an entertainment or sport territory named in the topic
(``data/territories.yaml``), where alarming words usually describe fiction or play."""

from __future__ import annotations

from .base import Observed
from .rules import floor_strength

FEATURES = ("frame.territory", "frame.territory_x_rules")


def values(o: Observed) -> list[float]:
    """The frame features of one topic, in :data:`FEATURES` order."""
    if not o.framed:  # most topics: no need to scan the rule hits again
        return [0.0, 0.0]
    return [1.0, floor_strength(o)]
