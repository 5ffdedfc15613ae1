"""``rtm-score score`` (placeholder)."""

from __future__ import annotations
