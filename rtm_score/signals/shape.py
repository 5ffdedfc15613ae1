"""The topic's shape: a bare name with no context line says less than a sentence."""

from __future__ import annotations

from .base import Observed

FEATURES = ("name_only",)


def values(o: Observed) -> list[float]:
    """1 for a bare name, else 0."""
    return [float(o.name_only)]
