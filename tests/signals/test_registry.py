"""Tests for rtm_score.signals: the registry of signal modules and the feature vector."""

from __future__ import annotations

import json
import math

import pytest

from rtm_score.resources import read_text
from rtm_score.signals import FEATURES, SIGNALS, Observed, feature_row
from rtm_score.signals.cues import Cues


def observed(**kw: object) -> Observed:
    base: dict[str, object] = {
        "hits": [], "tiers": {}, "framed": False, "cues": Cues(),
        "text_probs": (0.5, 0.5, 0.5, 0.5, 0.5), "name_only": False,
    }  # fmt: skip
    return Observed(**{**base, **kw})  # type: ignore[arg-type]


def test_the_packaged_judgment_was_fitted_on_these_features() -> None:
    assert tuple(json.loads(read_text("judgment.json"))["features"]) == FEATURES


def test_each_signal_names_its_features_after_itself() -> None:
    for signal in SIGNALS:
        name = signal.__name__.rsplit(".", 1)[1]  # type: ignore[attr-defined]
        prefix = {"textmodel": "text.", "frames": "frame.", "shape": "name_only"}.get(name, name)
        assert all(f.startswith(prefix) for f in signal.FEATURES), name
    assert len(set(FEATURES)) == len(FEATURES)


@pytest.mark.parametrize("signal", SIGNALS, ids=lambda s: s.__name__)  # type: ignore[attr-defined]
def test_each_signal_gives_one_finite_number_per_feature(signal: object) -> None:
    for o in (observed(), observed(text_probs=(0.0, 1.0, 0.0, 1.0, 0.0), name_only=True)):
        got = signal.values(o)  # type: ignore[attr-defined]
        assert len(got) == len(signal.FEATURES)  # type: ignore[attr-defined]
        assert all(math.isfinite(v) for v in got)


def test_feature_row_is_every_signal_end_to_end() -> None:
    o = observed(cues=Cues((("negated", "no injuries"),)), framed=True)
    row = feature_row(o)
    named = dict(zip(FEATURES, row, strict=True))
    assert named["cues.negated"] == 1.0 and named["cues.forecast"] == 0.0
    assert named["frame.territory"] == 1.0
    assert named["text.never"] == pytest.approx(0.0)
