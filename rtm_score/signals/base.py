"""What every signal reads: one topic's :class:`Observed` evidence (with the :class:`Cues` found
in it), and the signal protocol.

A signal is a module with ``FEATURES`` (the names of the numbers it gives the combiner, each
prefixed with the signal's name) and ``values(observed)`` (those numbers, in that order). The
registry in :mod:`rtm_score.signals` lists the signal modules; the judgment's feature vector
is their values end to end, and ``data/judgment.json`` names the same features in the same
order. Adding a signal is a module and one line in the registry, then a refit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from ..models import Tier

if TYPE_CHECKING:
    from ..sensitivity.kinds import Hit


@dataclass(frozen=True, slots=True)
class Cues:
    """The cue kinds found in one text and the words that matched each."""

    found: tuple[tuple[str, str], ...] = ()
    """(kind, matched phrase) pairs, in text order."""

    def has(self, kind: str) -> bool:
        """Whether a cue of ``kind`` was found."""
        return any(k == kind for k, _ in self.found)

    def evidence(self, kind: str) -> str:
        """The matched phrases of one kind, quoted."""
        return ", ".join(dict.fromkeys(f"'{p}'" for k, p in self.found if k == kind))


@dataclass(frozen=True, slots=True)
class Observed:
    """What the engine found in one topic, for every signal to measure."""

    hits: Sequence[Hit]
    """The rule-file signals that fired."""
    tiers: Mapping[str, Tier]
    """Each rule category's tier."""
    framed: bool
    """An entertainment or sport territory is named (``data/territories.yaml``)."""
    cues: Cues
    """The cue phrases found (negation, hoax, drill, forecast, hedge)."""
    text_probs: tuple[float, float, float, float, float]
    """The text model's P(never), P(not safe), P(frame), its categories' share of never
    (:meth:`~rtm_score.signals.textmodel.TextModel.category_never`) and P(never | not safe)."""
    name_only: bool
    """The topic has no context line."""
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    """Fitted signal weights by :attr:`Hit.signal` (``data/judgment.json``); a rule signal
    without one counts at the weight its rule file gives it."""


class Signal(Protocol):
    """A signal module (see the module docstring)."""

    @property
    def FEATURES(self) -> tuple[str, ...]: ...

    def values(self, o: Observed) -> list[float]: ...


def logit(p: float) -> float:
    """log(p / (1 - p)), with p kept off 0 and 1."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
