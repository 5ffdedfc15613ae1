"""The frames' signal: an entertainment or sport territory named in the topic
(``data/territories.yaml``), where alarming words usually describe fiction or play."""

from __future__ import annotations

from .base import Observed
from .rules import floor_strength

FEATURES = ("frame.territory", "frame.territory_x_rules")


def values(o: Observed) -> list[float]:
    """The frame features of one topic, in :data:`FEATURES` order."""
    framed = float(o.framed)
    return [framed, framed * floor_strength(o)]
