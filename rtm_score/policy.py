"""The decision policy: one pure ``decide()`` with a documented precedence.

Precedence (first that applies wins; every step adds its reasons):

1. ``off_limits`` hit -> **never** (the brand said so).
2. A floor-tier category (death, disaster, terrorism, violence, war, abuse, hate, health
   emergency, remembrance) at or above ``thresholds.never`` -> **never**, whatever the
   relevance: a dress named Aurora never rides #Aurora during a shooting.
3. A solemn observance the topic is about, on its date in the brand's regions -> **never**.
4. Any category at or above ``thresholds.skip``, or a high-tier category (politics, religion,
   crime) the brand does not play in -> **skip** (caution).
5. A territory in ``voice.avoid`` or a competitor named -> **skip**.
6. Relevance at or above ``thresholds.engage`` -> **engage**, unless the topic has no context
   and its name is ambiguous (no territory tells what it is) -> **skip** ("needs context").
7. Otherwise -> **skip** (not relevant enough).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .models import Decision, Reason, Tier
from .profile import Thresholds


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything the policy looks at for one topic (plain values, no I/O)."""

    relevance: float
    relevance_reasons: tuple[Reason, ...]
    sensitivity: float
    findings: tuple[tuple[str, Tier, float, Reason], ...]
    """(category, tier, score, reason) per sensitivity finding."""
    observance_reasons: tuple[Reason, ...] = ()
    """Solemn observances the topic is about on its date (force never)."""
    date_notes: tuple[Reason, ...] = ()
    """Informational calendar notes (the day is solemn but the topic is not about it)."""
    off_limits: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    avoided_territories: tuple[str, ...] = ()
    allowed_territories: tuple[str, ...] = ()
    """Territories the brand plays in (its voice.topics, resolved); politics, religion and
    crime among them allow those high-tier categories."""
    has_context: bool = True
    name_territories: tuple[str, ...] = ()
    """Territories recognisable from the topic name alone."""


def decide(signals: Signals, thresholds: Thresholds) -> tuple[Decision, tuple[Reason, ...]]:
    """The decision and its reasons (never empty) for one topic."""
    s = signals
    sens_reasons = tuple(r for _c, _t, _s, r in s.findings)
    notes = s.date_notes
    if s.off_limits:
        return Decision.NEVER, (
            Reason(
                "profile.off-limits",
                "hits the brand's off-limits topics",
                ", ".join(s.off_limits),
                "profile",
            ),
            *sens_reasons,
            *s.observance_reasons,
            *notes,
            *s.relevance_reasons,
        )
    floor = [(c, sc, r) for c, t, sc, r in s.findings if t is Tier.FLOOR and sc >= thresholds.never]
    if floor:
        cats = ", ".join(c for c, _sc, _r in floor)
        head = Reason(
            "policy.floor",
            f"sensitive ({cats}): never engage, whatever the relevance",
            f"sensitivity {s.sensitivity:.2f} >= {thresholds.never:.2f}",
            "policy",
        )
        return Decision.NEVER, (
            head,
            *sens_reasons,
            *s.observance_reasons,
            *notes,
            *s.relevance_reasons,
        )
    if s.observance_reasons:
        return Decision.NEVER, (*s.observance_reasons, *sens_reasons, *notes, *s.relevance_reasons)
    caution = [
        (c, t, sc, r)
        for c, t, sc, r in s.findings
        if sc >= thresholds.skip and not (t is Tier.HIGH and c in _allowed(s))
    ]
    high = [
        (c, t, sc, r)
        for c, t, sc, r in s.findings
        if t is Tier.HIGH and sc >= 0.3 and c not in _allowed(s)
    ]
    if caution or high:
        cats = ", ".join(dict.fromkeys(c for c, *_ in caution + high))
        head = Reason(
            "policy.caution",
            f"sensitive ({cats}): skip unless handled with care",
            f"sensitivity {s.sensitivity:.2f} >= {thresholds.skip:.2f}"
            if caution
            else "high-tier category the brand does not play in",
            "policy",
        )
        return Decision.SKIP, (head, *sens_reasons, *notes, *s.relevance_reasons)
    if s.avoided_territories:
        return Decision.SKIP, (
            Reason(
                "voice.avoid",
                "in a territory the brand stays out of",
                ", ".join(s.avoided_territories),
                "profile",
            ),
            *sens_reasons,
            *notes,
            *s.relevance_reasons,
        )
    if s.competitors:
        return Decision.SKIP, (
            Reason(
                "profile.competitor",
                "about a competitor: do not amplify it",
                ", ".join(s.competitors),
                "profile",
            ),
            *sens_reasons,
            *notes,
            *s.relevance_reasons,
        )
    if s.relevance >= thresholds.engage:
        if not s.has_context and not s.name_territories:
            return Decision.SKIP, (
                Reason(
                    "policy.needs-context",
                    "needs context: the name alone is ambiguous; check why it trends first",
                    f"relevance {s.relevance:.2f}, no context in the feed",
                    "policy",
                ),
                *sens_reasons,
                *notes,
                *s.relevance_reasons,
            )
        head = Reason(
            "policy.engage",
            "relevant and safe" + ("" if not sens_reasons else " (minor signals only)"),
            f"relevance {s.relevance:.2f} >= {thresholds.engage:.2f}; "
            f"sensitivity {s.sensitivity:.2f} < {thresholds.skip:.2f}",
            "policy",
        )
        return Decision.ENGAGE, (head, *s.relevance_reasons, *sens_reasons, *notes)
    head = Reason(
        "policy.low-relevance",
        "not relevant enough to the brand",
        f"relevance {s.relevance:.2f} < {thresholds.engage:.2f}",
        "policy",
    )
    return Decision.SKIP, (head, *s.relevance_reasons, *sens_reasons, *notes)


def _allowed(s: Signals) -> Sequence[str]:
    # A brand that plays in politics may engage with political topics (it still never touches
    # floor-tier ones); categories map onto territories of the same name.
    mapping = {"politics": "politics-social", "religion": "religion", "crime": "crime"}
    return [mapping[t] for t in s.allowed_territories if t in mapping]
