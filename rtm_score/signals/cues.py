"""Negation, hoax, drill, forecast and hedge cues (``data/signals/cues.yaml``).

A cue does not decide anything: it says that a text carries, for example, "no injuries
reported" or "expected to strengthen", with the words matched. How much each cue kind moves the
judgment is a fitted coefficient in ``data/judgment.json``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Literal, get_args

from pydantic import Field

from ..errors import DataError
from ..resources import load_yaml, read_text
from ..schema import Context, Marks, Spec, invalid, validate
from ..schema.types import Strict, Text
from ..text import TextPipeline
from ..text.phrases import PhraseIndex
from .base import Cues, Observed

__all__ = ["CUE_KINDS", "FEATURES", "CueMatcher", "Cues", "values"]

_SOURCE = "rtm_score/data/signals/cues.yaml"
CueKind = Literal["negated", "hoax", "drill", "forecast", "hedge"]
CUE_KINDS: tuple[str, ...] = get_args(CueKind)
FEATURES = tuple(f"cues.{kind}" for kind in CUE_KINDS)
"""One feature per cue kind: 1 when a cue of that kind is in the topic."""


class CueMatcher:
    """Finds cue phrases in folded words (one scan for every kind)."""

    def __init__(self, phrases: Mapping[str, Sequence[str]]) -> None:
        pipe = TextPipeline(drop_stopwords=False)
        self._index = PhraseIndex()
        for kind, items in phrases.items():
            for p in items:
                folds = tuple(pipe.folds(p))
                if folds:
                    self._index.add(folds, p, kind)

    @classmethod
    def load(cls) -> CueMatcher:
        """The packaged cues, read and validated once per process."""
        return _packaged()

    def find(self, folds: Sequence[str], fold_set: frozenset[str] | None = None) -> Cues:
        """The cues in a folded text (``fold_set``: its distinct words, when known)."""
        hits = sorted(self._index.find(folds, fold_set), key=lambda m: (m[0], -m[1]))
        return Cues(tuple((str(kind), label) for _s, _e, label, kind in hits))


class _Examples(Strict):
    match: list[Text] = []  # noqa: RUF012  (pydantic copies defaults)
    no_match: list[Text] = []  # noqa: RUF012


class _CueKind(Strict):
    description: str = ""
    phrases: Annotated[list[Text], Field(min_length=1)]
    examples: _Examples = _Examples()


class _CuesFile(Strict):
    source: str = ""
    kinds: dict[CueKind, _CueKind]


_SPEC = Spec(root=_CuesFile)


def parse_cues(data: object, source: str = _SOURCE) -> dict[str, list[str]]:
    """The phrases per kind of a cues file; a malformed file raises :class:`DataError` holding
    every problem."""
    checked, problems = validate(_CuesFile, data, Context(source, Marks(), "YAML"), _SPEC)
    if checked is None:
        raise invalid(DataError, "cues file", source, problems)
    return {kind: list(body.phrases) for kind, body in checked.kinds.items()}


@lru_cache(maxsize=1)
def _packaged() -> CueMatcher:
    return CueMatcher(parse_cues(load_yaml(read_text("signals", "cues.yaml"), _SOURCE)))


def values(o: Observed) -> list[float]:
    """The cue features of one topic, in :data:`FEATURES` order."""
    found = {k for k, _ in o.cues.found}
    return [float(kind in found) for kind in CUE_KINDS]
