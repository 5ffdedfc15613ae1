"""Evidence sources for the judgment: each measures one thing and none decides.

- :mod:`.textmodel`: the learned text model (P(never), P(not safe), P(frame), category);
- :mod:`.cues`: negation, hoax, drill, forecast and hedge cues;
- the rule files (``rtm_score.sensitivity``) and the territories' fiction and sport frames.

:func:`measure` turns one analysed topic's rule hits, cues, frames and text-model
probabilities into the plain numbers the combiner reads (:class:`rtm_score.judgment.SignalValues`);
training (``scripts/fit_judgment.py``) and scoring call the same function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..judgment import SignalValues
from ..models import Tier
from ..sensitivity.kinds import Hit
from .cues import Cues

__all__ = ["DEATH", "measure"]

DEATH = "death-injury"
"""The rule category of deaths and obituaries, which the judgment weighs on its own."""


def measure(
    hits: Sequence[Hit],
    tiers: Mapping[str, Tier],
    *,
    framed: bool,
    cues: Cues,
    text_probs: tuple[float, float, float, float, float],
    name_only: bool,
    weights: Mapping[str, float] | None = None,
) -> SignalValues:
    """The combiner's view of one topic.

    Args:
        hits: the rule-file signals that fired.
        tiers: each rule category's tier.
        framed: an entertainment or sport territory is named.
        cues: the cue phrases found.
        text_probs: the text model's P(never), P(not safe), P(frame), its categories' share
            of never (:meth:`~rtm_score.signals.textmodel.TextModel.category_never`) and
            P(never | not safe).
        name_only: the topic has no context line.
        weights: fitted signal weights by :attr:`Hit.signal` (``data/judgment.json``); a
            signal without one counts at the weight its rule file gives it.
    """
    w = weights or {}
    floor = [h for h in hits if tiers.get(h.category) is Tier.FLOOR]
    plain = [w.get(h.signal, h.weight) for h in floor if not h.dampen]
    dampened = [w.get(h.signal, h.weight) for h in floor if h.dampen]
    high = [w.get(h.signal, h.weight) for h in hits if tiers.get(h.category) is Tier.HIGH]
    death = [w.get(h.signal, h.weight) for h in floor if h.category == DEATH and not h.dampen]
    return SignalValues(
        text_never=text_probs[0],
        text_notsafe=text_probs[1],
        text_frame=text_probs[2],
        text_category_never=text_probs[3],
        text_never_if_notsafe=text_probs[4],
        rules_floor=max(plain, default=0.0),
        rules_floor_dampened=max(dampened, default=0.0),
        rules_floor_count=len({h.evidence for h in floor}),
        rules_high=max(high, default=0.0),
        rules_death=max(death, default=0.0),
        frame_territory=framed,
        cues=frozenset(k for k, _ in cues.found),
        name_only=name_only,
    )
