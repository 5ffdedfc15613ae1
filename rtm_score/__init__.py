"""rtm-score: score trending topics for a brand (engage / skip / never), each with reasons.

Typical use::

    from datetime import date
    from rtm_score import load_profile, read_feed, score_topics, render_report, OutputFormat

    profile = load_profile("brand.yaml")
    feed = read_feed("today.csv")
    report = score_topics(profile, feed.topics, today=date(2026, 11, 22), errors=feed.errors)
    print(render_report(report, OutputFormat.MARKDOWN))

Names are imported lazily so that ``rtm-score --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_profile": "rtm_score.profile",
    "check_profile": "rtm_score.profile",
    "BrandProfile": "rtm_score.profile",
    "read_feed": "rtm_score.feeds",
    "FeedFormat": "rtm_score.feeds",
    "FeedResult": "rtm_score.feeds",
    "score_topics": "rtm_score.api",
    "render_report": "rtm_score.formatters",
    "OutputFormat": "rtm_score.formatters",
    "available_formats": "rtm_score.formatters",
    "RelevanceModel": "rtm_score.relevance",
    "TextPipeline": "rtm_score.text",
    "load_engine": "rtm_score.sensitivity",
    "decide": "rtm_score.policy",
    "Decision": "rtm_score.models",
    "Tier": "rtm_score.models",
    "Topic": "rtm_score.models",
    "SourceRef": "rtm_score.models",
    "Reason": "rtm_score.models",
    "RowError": "rtm_score.models",
    "ScoredTopic": "rtm_score.models",
    "Report": "rtm_score.models",
    "RtmScoreError": "rtm_score.errors",
    "ProfileError": "rtm_score.errors",
    "FeedError": "rtm_score.errors",
    "RuleError": "rtm_score.errors",
    "CalendarError": "rtm_score.errors",
    "DataError": "rtm_score.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    """Import public names on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rtm_score' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
