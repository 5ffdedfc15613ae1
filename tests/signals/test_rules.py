"""Tests for rtm_score.signals.rules: rule hits as plain numbers, with fitted weights."""

from __future__ import annotations

from rtm_score.judgment import Judgment
from rtm_score.models import Tier
from rtm_score.sensitivity import load_engine
from rtm_score.sensitivity.kinds import Hit
from rtm_score.signals import Observed, rules
from rtm_score.signals.cues import Cues

TIERS = {"death-injury": Tier.FLOOR, "politics": Tier.HIGH}


def _values(hits: list[Hit], weights: dict[str, float] | None = None) -> dict[str, float]:
    o = Observed(hits, TIERS, framed=False, cues=Cues(), text_probs=(0.1, 0.2, 0.3, 0.4, 0.5),
                 name_only=False, weights=weights or {})  # fmt: skip
    return dict(zip(rules.FEATURES, rules.values(o), strict=True))


def test_a_fitted_signal_weight_replaces_the_rule_files_weight() -> None:
    hit = Hit("death-injury", "death-injury", 0.9, "murder", False, "death-injury:murder")
    assert _values([hit])["rules.floor"] == 0.9
    assert _values([hit], {"death-injury:murder": 0.4})["rules.floor"] == 0.4
    assert _values([hit], {"other:signal": 0.4})["rules.floor"] == 0.9


def test_high_tier_and_death_signals_read_fitted_weights_too() -> None:
    death = Hit("death-injury", "death-injury", 0.8, "dies", False, "death-injury:dies")
    high = Hit("politics", "politics", 0.6, "election", False, "politics:election")
    v = _values([death, high], {"death-injury:dies": 0.95, "politics:election": 0.3})
    assert (v["rules.death"], v["rules.high"]) == (0.95, 0.3)
    assert v["rules.death_x_frame"] == 0.95 * 0.3  # times the text model's P(frame)


def test_dampened_signals_and_distinct_evidence_are_counted_apart() -> None:
    loose = Hit("death-injury", "death-injury", 0.5, "killed it", True, "death-injury:killed")
    twice = Hit("death-injury", "death-injury", 0.7, "dies", False, "death-injury:dies")
    v = _values([loose, twice, twice])
    assert (v["rules.floor"], v["rules.floor_dampened"]) == (0.7, 0.5)
    assert v["rules.floor_count"] == __import__("math").log1p(2)


def test_packaged_signal_weights_are_shares_and_name_signals_that_exist() -> None:
    weights = Judgment.load().signal_weights
    assert all(0.0 <= w <= 1.0 for w in weights.values())
    found = {r.id: r for r in load_engine().rules}
    for key in weights:
        rule_id, _, rest = key.partition(":")
        assert rule_id in found, key
        kind, _, index = rest.partition(":")
        if kind == "pattern" and index.isdigit():
            assert int(index) < len(found[rule_id].patterns), key
        elif kind == "cooccur" and index.isdigit():
            assert int(index) < len(found[rule_id].cooccur), key
        else:
            assert rest in {label for _w, label, _p in found[rule_id].phrases.entries()}, key
