"""Measuring decisions against a team's own past calls: labels, confusion, metrics and misses.

- ``model``: the values (labels, confusion, metrics, misses, the evaluation);
- ``labels``: reading a labelled feed (:func:`read_labels`);
- ``measure``: scoring it and comparing (:func:`evaluate`);
- ``render``: text and JSON (:func:`render_text`, :func:`render_json`, :func:`headline`).
"""

from __future__ import annotations

from .labels import read_labels
from .measure import evaluate
from .model import (
    LABEL_COLUMN,
    Confusion,
    DecisionMetrics,
    Evaluation,
    LabelError,
    LabelledFeed,
    Miss,
    MissKind,
    Skipped,
)
from .render import headline, render_json, render_text

__all__ = [
    "LABEL_COLUMN",
    "Confusion",
    "DecisionMetrics",
    "Evaluation",
    "LabelError",
    "LabelledFeed",
    "Miss",
    "MissKind",
    "Skipped",
    "evaluate",
    "headline",
    "read_labels",
    "render_json",
    "render_text",
]
