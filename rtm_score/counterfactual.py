"""What would change it: for a skip or a never, the one thing that would change the decision.

Part of the policy (``policy.decide`` adds it as the last reason, ``policy.what-if``): it reads
the same signals and thresholds and names the step that decided, so a reader learns whether a
topic is one keyword away from an opportunity or never whatever the brand does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from .models import WHAT_IF_CODE, Decision, Reason, Tier
from .profile import Thresholds
from .vocab.territories import TERRITORY_CATEGORIES


class Signals(Protocol):
    """What this module reads of :class:`rtm_score.policy.Signals`."""

    @property
    def relevance(self) -> float: ...

    @property
    def findings(self) -> Sequence[tuple[str, Tier, float, Reason]]: ...


CODE = WHAT_IF_CODE

_HIGH_TIER_TERRITORY = {c: t for t, c in TERRITORY_CATEGORIES.items()}
"""A high-tier category a brand may engage with when its voice plays in this territory."""


def what_would_change(
    signals: Signals, decision: Decision, head: Reason, thresholds: Thresholds
) -> Reason | None:
    """The ``policy.what-if`` reason for a skip or never decided by ``head``, or None (an
    engage, or a step with nothing a brand could change)."""
    if decision is Decision.ENGAGE:
        return None
    say = _SAY.get(head.code)
    if say is None and head.code.startswith("calendar."):
        say = _after_the_day
    text = say(signals, head, thresholds) if say is not None else ""
    if not text:
        return None
    if say in _NOT_THE_ONLY_STEP and signals.relevance < thresholds.engage:
        rel, at = signals.relevance, thresholds.engage
        text += f" (and then relevance {rel:.2f} would still be under {at:.2f})"
    return Reason(CODE, f"what would change it: {text}", "", "policy")


def _low_relevance(s: Signals, head: Reason, t: Thresholds) -> str:
    return (
        f"engage at relevance {t.engage:.2f} (now {s.relevance:.2f}): a keyword, product or voice "
        "topic of the brand that the topic is about"
    )


def _needs_context(s: Signals, head: Reason, t: Thresholds) -> str:
    return "engage once the feed says why it trends (a context line or headline)"


def _caution(s: Signals, head: Reason, t: Thresholds) -> str:
    cats = _categories(s, t.skip)
    allowed = [_HIGH_TIER_TERRITORY[c] for c in cats if c in _HIGH_TIER_TERRITORY]
    if allowed and len(allowed) == len(cats):
        return f"engage if the brand's voice.topics played in {', '.join(allowed)}"
    return f"engage only if it were not about {', '.join(cats) or 'a sensitive subject'}"


def _floor(s: Signals, head: Reason, t: Thresholds) -> str:
    cats = ", ".join(_categories(s, t.never, Tier.FLOOR)) or "a sensitive subject"
    return (
        f"nothing the brand can do: about {cats}, it is never whatever the relevance "
        "(skip, not never, only if the context were not about it)"
    )


def _off_limits(s: Signals, head: Reason, t: Thresholds) -> str:
    return f"never while the profile keeps {head.evidence or 'it'} off limits"


def _avoided(s: Signals, head: Reason, t: Thresholds) -> str:
    return f"engage if the brand did not stay out of {head.evidence or 'that territory'}"


def _competitor(s: Signals, head: Reason, t: Thresholds) -> str:
    return (
        f"nothing: it is about {head.evidence or 'a competitor'}, and a competitor is not amplified"
    )


def _own_bad_news(s: Signals, head: Reason, t: Thresholds) -> str:
    return "a post only once customer care or communications have answered the story"


def _check_first(s: Signals, head: Reason, t: Thresholds) -> str:
    return "engage if a read shows the story is not bad news for the brand"


def _competitor_trouble(s: Signals, head: Reason, t: Thresholds) -> str:
    return "nothing: a competitor's bad news is not a moment to post"


def _after_the_day(s: Signals, head: Reason, t: Thresholds) -> str:
    return "after the day (and its window) the topic is judged on its own"


_SAY: dict[str, Callable[[Signals, Reason, Thresholds], str]] = {
    "policy.low-relevance": _low_relevance,
    "policy.needs-context": _needs_context,
    "policy.caution": _caution,
    "policy.floor": _floor,
    "profile.off-limits": _off_limits,
    "voice.avoid": _avoided,
    "profile.competitor": _competitor,
    "brand.in-the-news": _own_bad_news,
    "brand.check-first": _check_first,
    "brand.competitor-trouble": _competitor_trouble,
}


def _categories(s: Signals, at: float, tier: Tier | None = None) -> list[str]:
    """The categories found at or above ``at`` (of ``tier`` only, when given), in order."""
    found = (c for c, tr, score, _r in s.findings if score >= at and tier in (None, tr))
    return list(dict.fromkeys(found))


_NOT_THE_ONLY_STEP = frozenset({_caution, _avoided})
"""Steps after which relevance still decides: lifting them alone may not make an engage."""
