"""Tests for rtm_score.signals.measure: rule hits, cues and text probabilities as plain numbers."""

from __future__ import annotations

from rtm_score.judgment import Judgment, SignalValues
from rtm_score.models import Tier
from rtm_score.sensitivity import load_engine
from rtm_score.sensitivity.kinds import Hit
from rtm_score.signals import measure
from rtm_score.signals.cues import Cues

TIERS = {"death-injury": Tier.FLOOR, "politics": Tier.HIGH}


def _values(hits: list[Hit], weights: dict[str, float] | None = None) -> SignalValues:
    return measure(
        hits,
        TIERS,
        framed=False,
        cues=Cues(),
        text_probs=(0.1, 0.2, 0.3, 0.4, 0.5),
        name_only=False,
        weights=weights,
    )


def test_a_fitted_signal_weight_replaces_the_rule_files_weight() -> None:
    hit = Hit("death-injury", "death-injury", 0.9, "murder", False, "death-injury:murder")
    assert _values([hit]).rules_floor == 0.9
    assert _values([hit], {"death-injury:murder": 0.4}).rules_floor == 0.4
    assert _values([hit], {"other:signal": 0.4}).rules_floor == 0.9


def test_high_tier_and_death_signals_read_fitted_weights_too() -> None:
    death = Hit("death-injury", "death-injury", 0.8, "dies", False, "death-injury:dies")
    high = Hit("politics", "politics", 0.6, "election", False, "politics:election")
    v = _values([death, high], {"death-injury:dies": 0.95, "politics:election": 0.3})
    assert (v.rules_death, v.rules_high) == (0.95, 0.3)


def test_packaged_signal_weights_are_shares_and_name_signals_that_exist() -> None:
    weights = Judgment.load().signal_weights
    assert all(0.0 <= w <= 1.0 for w in weights.values())
    rules = {r.id: r for r in load_engine().rules}
    for key in weights:
        rule_id, _, rest = key.partition(":")
        assert rule_id in rules, key
        kind, _, index = rest.partition(":")
        if kind == "pattern" and index.isdigit():
            assert int(index) < len(rules[rule_id].patterns), key
        elif kind == "cooccur" and index.isdigit():
            assert int(index) < len(rules[rule_id].cooccur), key
        else:
            assert rest in {label for _w, label, _p in rules[rule_id].phrases.entries()}, key
