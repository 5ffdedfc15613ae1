"""Combine the signals' evidence into calibrated probabilities, with fitted parameters only.

The signals (:mod:`rtm_score.signals`: the text model's heads, the rule files, the frames, the
cues, the topic's shape) each give numbers with evidence, one fixed feature vector per topic
(:func:`rtm_score.signals.feature_row`), and :class:`Judgment` applies two logistic combiners
fitted by ``scripts/fit_judgment.py`` on the team's labelled rows (``labels/``):

- ``never``: P(the topic is about a tragedy), which the policy turns into **never**;
- ``notsafe``: P(never or sensitive), which the policy turns into caution (**skip**).

Both probabilities are put on the sensitivity scale by piecewise-linear maps whose knots are
fitted too: the fitted never cut lands on the scale's never anchor and the caution cut on its
caution anchor (``data/judgment.json``, ``scale``). P(never) below its cut stays under the
caution anchor, so the scale between the two anchors belongs to caution: a profile's never
threshold takes effect from the never anchor up, its skip threshold anywhere below it. Every
number here comes from that file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import DataError
from .resources import read_json
from .signals import FEATURES

__all__ = ["FORMAT", "SCORE_STEP", "Judgment"]

FORMAT = "rtm-score/judgment"
_SOURCE = "rtm_score/data/judgment.json"
Array = npt.NDArray[np.float64]
SCORE_STEP = 0.001
"""The resolution scores are reported at (three decimals): caution alone stays one step under
the never anchor, so that no rounding shows a political topic at the never threshold."""


@dataclass(frozen=True, slots=True)
class _Combiner:
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def proba(self, x: Array) -> Array:
        z = ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        out: Array = np.exp(-np.logaddexp(0.0, -(z + self.intercept)))
        return out


@dataclass(frozen=True, slots=True)
class Judgment:
    """The fitted combiners and the sensitivity scale (``data/judgment.json``)."""

    never: _Combiner
    notsafe: _Combiner
    never_cut: float
    caution_cut: float
    never_anchor: float
    caution_anchor: float
    name_only_never_cut: float
    """The never cut for a bare name (a topic with no context line), fitted on its own."""
    name_only_caution_cut: float
    metadata: Mapping[str, Any]
    signal_weights: Mapping[str, float] = field(default_factory=dict)
    """Each rule signal's weight as measured on the labelled rows (see
    ``scripts/fit_judgment.py``), by :attr:`rtm_score.sensitivity.kinds.Hit.signal`."""

    @classmethod
    def load(cls) -> Judgment:
        """The packaged judgment, read once per process (it is immutable)."""
        return _packaged()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = _SOURCE) -> Judgment:
        """A judgment from its JSON form; a wrong form raises :class:`DataError`."""
        if data.get("format") != FORMAT:
            raise DataError(f"not a {FORMAT} file", source=source, where="format")
        if tuple(data.get("features", ())) != FEATURES:
            raise DataError(
                "the judgment was fitted on other features than this code computes",
                source=source,
                where="features",
                hint="refit with scripts/fit_judgment.py",
            )
        try:
            comb = {k: _combiner(data["combiners"][k]) for k in ("never", "notsafe")}
            scale = data["scale"]
            return cls(
                comb["never"],
                comb["notsafe"],
                float(scale["never_cut"]),
                float(scale["caution_cut"]),
                float(scale["never_anchor"]),
                float(scale["caution_anchor"]),
                float(scale["name_only_never_cut"]),
                float(scale["name_only_caution_cut"]),
                dict(data.get("fitted", {})),
                MappingProxyType(
                    {str(k): float(v) for k, v in data.get("signal_weights", {}).items()}
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"malformed judgment file: {exc}",
                source=source,
                hint="refit with scripts/fit_judgment.py",
            ) from None

    def probabilities(self, rows: Sequence[Sequence[float]]) -> tuple[Array, Array]:
        """P(never) and P(not safe) per feature row; P(not safe) is at least P(never)."""
        if not rows:
            empty: Array = np.zeros(0)
            return empty, empty
        x = np.asarray(rows, dtype=np.float64)
        p_never = self.never.proba(x)
        return p_never, np.maximum(self.notsafe.proba(x), p_never)

    def never_score(self, p: float, name_only: bool = False) -> float:
        """P(never) on the sensitivity scale: from the fitted cut, [never anchor, 1]; below it,
        under the caution anchor, so a likely-harmless topic is not sent to caution by P(never)
        (caution has its own calibrated cut, :meth:`caution_score`). A bare name has its own
        cut."""
        cut = self.name_only_never_cut if name_only else self.never_cut
        if p < cut:
            return self.caution_anchor * p / cut
        return _knee(p, cut, self.never_anchor, 1.0)

    def caution_score(self, p: float, name_only: bool = False) -> float:
        """P(not safe) on the scale: the caution cut maps onto the caution anchor, and caution
        alone stays below the never anchor (a political topic is never a tragedy)."""
        cut = self.name_only_caution_cut if name_only else self.caution_cut
        knee = _knee(p, cut, self.caution_anchor, self.never_anchor)
        return min(knee, self.never_anchor - SCORE_STEP)


def _knee(p: float, cut: float, anchor: float, top: float) -> float:
    if p <= cut:
        return anchor * p / cut if cut > 0 else anchor
    return anchor + (top - anchor) * (p - cut) / (1.0 - cut) if cut < 1 else top


def _combiner(d: Mapping[str, Any]) -> _Combiner:
    n = len(FEATURES)
    coef, mean, scale = (tuple(float(v) for v in d[k]) for k in ("coef", "mean", "scale"))
    if not len(coef) == len(mean) == len(scale) == n:
        raise ValueError(f"expected {n} coefficients, means and scales")
    return _Combiner(coef, float(d["intercept"]), mean, scale)


@lru_cache(maxsize=1)
def _packaged() -> Judgment:
    return Judgment.from_dict(read_json("judgment.json"))
