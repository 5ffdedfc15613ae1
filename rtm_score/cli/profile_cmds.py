"""``rtm-score init`` and ``rtm-score validate`` (placeholder until the profile loader lands)."""

from __future__ import annotations
