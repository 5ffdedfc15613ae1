"""Evidence sources for the judgment: each measures one thing and none decides.

Every signal is a module with ``FEATURES`` and ``values(observed)`` (the protocol of
:mod:`.base`); :data:`SIGNALS` is the registry, in the order the judgment's feature vector
lists them:

- :mod:`.textmodel`: the learned text model (P(never), P(not safe), P(frame), category);
- :mod:`.rules`: the rule files' floor- and high-tier hits, with their fitted weights;
- :mod:`.frames`: entertainment and sport territories (fiction or play, not real harm);
- :mod:`.cues`: negation, hoax, drill, forecast and hedge cues;
- :mod:`.shape`: a bare name without a context line.

:func:`feature_row` turns one topic's :class:`Observed` evidence into the numbers the
combiner reads; training (``scripts/fit_judgment.py``) and scoring call the same function.
Adding a signal is a module and one line here, then a refit (``data/judgment.json`` lists
:data:`FEATURES` and must agree).
"""

from __future__ import annotations

from . import cues, frames, rules, shape, textmodel
from .base import Observed, Signal

__all__ = ["FEATURES", "SIGNALS", "Observed", "Signal", "feature_row"]

SIGNALS: tuple[Signal, ...] = (textmodel, rules, frames, cues, shape)
"""The signal modules, in feature order."""

FEATURES: tuple[str, ...] = tuple(f for s in SIGNALS for f in s.FEATURES)
"""The combiner's inputs, in order: every signal's features, end to end."""


def feature_row(o: Observed) -> list[float]:
    """The combiner's view of one topic: every signal's values, in :data:`FEATURES` order."""
    return [v for s in SIGNALS for v in s.values(o)]
