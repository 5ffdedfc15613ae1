"""The decision policy: one pure ``decide()`` with a documented precedence.

Precedence (first that applies wins; every step adds its reasons):

1. ``off_limits`` hit -> **never** (the brand said so).
2. A floor-tier category (death, disaster, terrorism, violence, war, abuse, hate, health
   emergency, remembrance) at or above ``thresholds.never`` -> **never**, whatever the
   relevance: a dress named Aurora never rides #Aurora during a shooting.
3. A solemn observance the topic is about, on its date in the brand's regions -> **never**.
4. Any category at or above ``thresholds.skip``, unless it is a high-tier category (politics,
   religion, crime) the brand plays in -> **skip** (caution).

   Before step 4 (and added to a never of steps 1-3): the brand itself is the subject of a
   story that is bad news for it (a complaint storm, a recall, an outage, a lawsuit...) ->
   **never** for marketing, "listen first"; a trend named after the brand that may be bad
   news (the model is less sure) -> **skip**, "read it before posting" (named only in another
   trend's context, such a story keeps the rest of the policy's decision, with that note). A
   competitor's bad news -> **skip**, "do not pile on". The brand's own good news may engage,
   flagged so the team answers in its own voice.
5. A territory in ``voice.avoid`` or a competitor named -> **skip**.
6. Relevance at or above ``thresholds.engage`` -> **engage**, unless the topic has no context
   and its name is ambiguous (no territory tells what it is) -> **skip** ("needs context").
7. Otherwise -> **skip** (not relevant enough).
8. Prepared plays (the profile's ``plays:``) the topic triggers: a usable one (approved, not
   past its approval) turns an engage, or a skip of steps 6-7 (not relevant enough, needs
   context), into **engage** with the play's angle first; any other skip or never stands and
   the play is shown **blocked**, with why. A play without a valid approval never engages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .counterfactual import what_would_change
from .models import Decision, Reason, Tier
from .profile import Thresholds
from .signals.brand import BrandStory
from .signals.plays import PlayMatch
from .vocab.territories import TERRITORY_CATEGORIES


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
    """Informational calendar notes (the day is solemn but the topic is not about it). Only an
    engage decision carries them: they concern the post a team would make, and on a topic it
    skips or never touches they would only repeat the day on every row."""
    off_limits: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    avoided_territories: tuple[str, ...] = ()
    allowed_territories: tuple[str, ...] = ()
    """Territories the brand plays in (its voice.topics, resolved); politics, religion and
    crime among them allow those high-tier categories."""
    has_context: bool = True
    name_territories: tuple[str, ...] = ()
    """Territories recognisable from the topic name alone (read only for a topic without
    context; a scorer may leave them out for the others)."""
    brand_story: BrandStory | None = None
    """The brand or a competitor is the subject of the topic (see ``signals/brand.py``)."""
    plays: tuple[PlayMatch, ...] = ()
    """The brand's prepared plays the topic triggers (see ``signals/plays.py``)."""


Outcome = tuple[Decision, tuple[Reason, ...]]


def decide(signals: Signals, thresholds: Thresholds) -> Outcome:
    """The decision and its reasons (never empty) for one topic: steps 1-4 (sensitivity and
    the brand's hard limits), else steps 5-7 (the brand's fit)."""
    # Findings below the caution threshold are noise for the reader: the sensitivity score
    # still shows them, the reasons do not.
    sens = tuple(r for _c, _t, sc, r in signals.findings if sc >= thresholds.skip)
    outcome = _by_sensitivity(signals, thresholds, sens)
    story = signals.brand_story
    if story is not None:
        outcome = _by_story(signals, thresholds, story, outcome, sens)
    decision, reasons = outcome or _by_fit(signals, thresholds, sens)
    if signals.plays:
        decision, reasons = _with_plays(signals, (decision, reasons))
    what_if = what_would_change(signals, decision, reasons[0], thresholds)
    return decision, (*reasons, what_if) if what_if is not None else reasons


PLAY_LIFTS = frozenset({"policy.low-relevance", "policy.needs-context"})
"""Skips a prepared play overrides: the words of a moment rarely match the brand (a blackout
is not about cookies), and a team that prepared the angle knows what the moment is."""


def _with_plays(s: Signals, decided: Outcome) -> Outcome:
    """Step 8, prepared plays: a usable play the topic triggers makes a safe topic engage,
    with the play's angle first; on a topic that is never or skip for any other reason the
    play is shown blocked, with why; a play without a valid approval never engages."""
    decision, reasons = decided
    notes = tuple(
        Reason(
            f"play.unusable.{m.play.id}",
            f"prepared play '{m.play.id}' fits, but it is {m.unusable}: not used",
            m.evidence,
            "profile",
        )
        for m in s.plays
        if not m.usable
    )
    usable = [m for m in s.plays if m.usable]
    if not usable:
        return decision, (*reasons, *notes)
    head = reasons[0]
    if decision is Decision.ENGAGE or head.code in PLAY_LIFTS:
        first = usable[0]
        play = Reason(
            f"play.{first.play.id}",
            f"a prepared play fits the moment: {first.play.angle}",
            first.evidence,
            "profile",
        )
        rest = reasons[1:] if head.code in PLAY_LIFTS else reasons
        dates = s.date_notes if head.code in PLAY_LIFTS else ()
        return Decision.ENGAGE, (play, *rest, *dates, *notes)
    blocked = tuple(
        Reason(
            f"play.blocked.{m.play.id}",
            f"prepared play '{m.play.id}' is blocked: {head.message}",
            m.evidence,
            "policy",
        )
        for m in usable
    )
    return decision, (head, *blocked, *reasons[1:], *notes)


def _by_story(
    s: Signals,
    thresholds: Thresholds,
    story: BrandStory,
    outcome: Outcome | None,
    sens: tuple[Reason, ...],
) -> Outcome | None:
    """The brand in the news: its bad news is never (a never already reached keeps its
    reasons after this one), a competitor's is skip; its good news is flagged where it may
    engage."""
    evidence = f"{story.company} in the topic's {story.where}; P(bad news) {story.p_negative:.2f}"
    # Unsure bad news changes the decision only when the trend is the brand itself (its name
    # in the topic's name); named in another trend's context, the brand is often the hook of
    # someone else's moment, so the rest of the policy decides and the reason asks for a read.
    hook = story.where == "context" and story.verdict == "unsure"
    if story.own and story.negative and not hook:
        sure = story.verdict == "bad"
        head = Reason(
            "brand.in-the-news" if sure else "brand.check-first",
            f"the brand itself is the story ({story.kind}): listen first; route it to "
            "customer care or communications, not marketing"
            if sure
            else f"the brand itself may be the story ({story.kind}): read it before posting; "
            "if it is bad news, route it to customer care or communications",
            evidence,
            "model",
        )
        if outcome is not None and outcome[0] is Decision.NEVER:
            return Decision.NEVER, (head, *outcome[1])
        decision = Decision.NEVER if sure else Decision.SKIP
        return decision, (head, *sens, *s.relevance_reasons)
    if not story.own:
        if not story.negative:
            return outcome
        head = Reason(
            "brand.competitor-trouble",
            f"a competitor's bad news ({story.kind}): do not pile on",
            evidence,
            "model",
        )
        if outcome is not None:  # sensitivity decided; the reader still learns whose news
            return outcome[0], (outcome[1][0], head, *outcome[1][1:])
        return Decision.SKIP, (head, *sens, *s.relevance_reasons)
    decision, reasons = outcome or _by_fit(s, thresholds, sens)
    note = Reason(
        "brand.check-first" if hook else "brand.own-story",
        f"the brand is in the story ({story.kind}?): read it before posting"
        if hook
        else f"the brand itself is the story ({story.kind}): answer in its own voice",
        evidence,
        "model",
    )
    return decision, (*reasons, note)


def _by_sensitivity(s: Signals, thresholds: Thresholds, sens: tuple[Reason, ...]) -> Outcome | None:
    """Steps 1-4: off-limits, a floor category, a solemn observance, caution."""
    obs, rel = s.observance_reasons, s.relevance_reasons
    if s.off_limits:
        head = Reason(
            "profile.off-limits",
            "hits the brand's off-limits topics",
            ", ".join(s.off_limits),
            "profile",
        )
        return Decision.NEVER, (head, *sens, *obs, *rel)
    verdict, flagged = sensitivity_verdict(s.findings, thresholds, _allowed(s))
    cats = ", ".join(dict.fromkeys(c for c, *_ in flagged))
    if verdict is Decision.NEVER:
        head = Reason(
            "policy.floor",
            f"sensitive ({cats}): never engage, whatever the relevance",
            f"sensitivity {s.sensitivity:.2f} >= {thresholds.never:.2f}",
            "policy",
        )
        return Decision.NEVER, (head, *sens, *obs, *rel)
    if obs:
        return Decision.NEVER, (*obs, *sens, *rel)
    if verdict is Decision.SKIP:
        head = Reason(
            "policy.caution",
            f"sensitive ({cats}): skip unless handled with care",
            f"sensitivity {s.sensitivity:.2f} >= {thresholds.skip:.2f}",
            "policy",
        )
        return Decision.SKIP, (head, *sens, *rel)
    return None


def _by_fit(s: Signals, thresholds: Thresholds, sens: tuple[Reason, ...]) -> Outcome:
    """Steps 5-7: an avoided territory or a competitor, then relevance."""
    notes, rel = s.date_notes, s.relevance_reasons  # notes only where the team may post
    if s.avoided_territories:
        head = Reason(
            "voice.avoid",
            "in a territory the brand stays out of",
            ", ".join(s.avoided_territories),
            "profile",
        )
        return Decision.SKIP, (head, *sens, *rel)
    if s.competitors:
        head = Reason(
            "profile.competitor",
            "about a competitor: do not amplify it",
            ", ".join(s.competitors),
            "profile",
        )
        return Decision.SKIP, (head, *sens, *rel)
    if s.relevance < thresholds.engage:
        head = Reason(
            "policy.low-relevance",
            "not relevant enough to the brand",
            f"relevance {s.relevance:.2f} < {thresholds.engage:.2f}",
            "policy",
        )
        return Decision.SKIP, (head, *rel, *sens)
    if not s.has_context and not s.name_territories:
        head = Reason(
            "policy.needs-context",
            "needs context: the name alone is ambiguous; check why it trends first",
            f"relevance {s.relevance:.2f}, no context in the feed",
            "policy",
        )
        return Decision.SKIP, (head, *sens, *rel)
    head = Reason(
        "policy.engage",
        "relevant and safe" + ("" if not sens else " (minor signals only)"),
        f"relevance {s.relevance:.2f} >= {thresholds.engage:.2f}; "
        f"sensitivity {s.sensitivity:.2f} < {thresholds.skip:.2f}",
        "policy",
    )
    return Decision.ENGAGE, (head, *rel, *sens, *notes)


Flagged = tuple[tuple[str, Tier, float, Reason], ...]


def reported_categories(
    findings: Sequence[tuple[str, Tier, float, Reason]], thresholds: Thresholds
) -> tuple[str, ...]:
    """The categories worth naming for a topic: findings at or above the caution threshold."""
    return tuple(dict.fromkeys(c for c, _t, sc, _r in findings if sc >= thresholds.skip))


def sensitivity_verdict(
    findings: Sequence[tuple[str, Tier, float, Reason]],
    thresholds: Thresholds,
    allowed: Sequence[str] = (),
) -> tuple[Decision | None, Flagged]:
    """What sensitivity alone decides, and the findings that decide it.

    **never** when a floor-tier finding reaches ``thresholds.never``; **skip** (caution) when
    any finding reaches ``thresholds.skip``, unless it is a high-tier category the brand plays
    in (``allowed``); otherwise ``None``. ``score`` (through :func:`decide`) and ``check``
    (RTM201) both call this, so they cannot disagree on the same text.
    """
    floor = tuple(f for f in findings if f[1] is Tier.FLOOR and f[2] >= thresholds.never)
    if floor:
        return Decision.NEVER, floor
    caution = tuple(
        f
        for f in findings
        if f[2] >= thresholds.skip and not (f[1] is Tier.HIGH and f[0] in allowed)
    )
    if caution:
        return Decision.SKIP, caution
    return None, ()


def _allowed(s: Signals) -> Sequence[str]:
    return [TERRITORY_CATEGORIES[t] for t in s.allowed_territories if t in TERRITORY_CATEGORIES]
