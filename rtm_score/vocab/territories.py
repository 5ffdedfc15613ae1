"""Broad territories of a topic (sports, television, film, music, food, tech, politics, ...).

Territories drive voice fit (a brand's ``voice.topics`` and ``voice.avoid``) and mark
entertainment and sport *frames*, in which words such as "killer", "shootout" or "dead"
usually do not describe real harm. The vocabulary is data: ``data/territories.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from pydantic import Field

from ..errors import RuleError
from ..resources import load_yaml, read_text
from ..schema import Context, Marks, Spec, invalid, validate
from ..schema.types import Strict, Text
from ..text import TextPipeline
from ..text.phrases import PhraseIndex


class _TerritoryModel(Strict):
    id: Text
    frame: bool = False
    aliases: list[Text] = []  # noqa: RUF012  (pydantic copies defaults)
    terms: list[Text] = []  # noqa: RUF012
    examples: list[Text] = []  # noqa: RUF012  (texts it must find this territory in)


class _TerritoriesFile(Strict):
    source: str = ""
    territories: Annotated[list[_TerritoryModel], Field(min_length=1)]


_SPEC = Spec(root=_TerritoriesFile)

TERRITORY_CATEGORIES = {"politics": "politics-social", "religion": "religion", "crime": "crime"}
"""A brand whose voice plays in one of these territories may engage with topics of the
high-tier category of the same name (it still never touches floor-tier ones)."""


@dataclass(frozen=True, slots=True)
class Territory:
    """One territory: its id, whether it is a fiction/sport frame, and its aliases."""

    id: str
    frame: bool
    aliases: tuple[str, ...]
    """Other names a profile may use for it (``tv shows`` for ``television``)."""


class TerritoryIndex:
    """Finds the territories a text belongs to."""

    def __init__(self, territories: Sequence[Territory], index: PhraseIndex) -> None:
        self.territories = {t.id: t for t in territories}
        self._index = index
        self._alias = {a: t.id for t in territories for a in (t.id, *t.aliases)}

    def find(self, stems: Sequence[str], stem_set: frozenset[str] | None = None) -> tuple[str, ...]:
        """Territory ids found in a folded text, in order of first appearance (``stem_set``:
        its distinct words, when the caller has them)."""
        seen: dict[str, None] = {}
        for _s, _e, _label, tid in self._index.find(stems, stem_set):
            seen.setdefault(str(tid), None)
        return tuple(seen)

    def evidence(self, stems: Sequence[str], territory: str) -> str:
        """The first term that put the text in ``territory``."""
        for _s, _e, label, tid in self._index.find(stems):
            if tid == territory:
                return label
        return ""

    def is_frame(self, territory: str) -> bool:
        """True for entertainment and sport territories (fiction or play, not real harm)."""
        t = self.territories.get(territory)
        return bool(t and t.frame)

    def resolve(self, name: str) -> str:
        """A profile's territory name to a territory id (``tv shows`` -> ``television``)."""
        key = name.strip().lower()
        return self._alias.get(key, key)


@lru_cache(maxsize=1)
def load_territories() -> TerritoryIndex:
    """The packaged territory vocabulary."""
    source = "rtm_score/data/territories.yaml"
    data = load_yaml(read_text("territories.yaml"), source)
    checked, problems = validate(_TerritoriesFile, data, Context(source, Marks(), "YAML"), _SPEC)
    if checked is None:
        raise invalid(RuleError, "territories file", source, problems)
    pipe = TextPipeline()
    index = PhraseIndex()
    out: list[Territory] = []
    for entry in checked.territories:
        for term in entry.terms:
            stems = tuple(pipe.folds(term))  # as rules fold their terms
            if stems:
                index.add(stems, term, entry.id)
        out.append(Territory(entry.id, entry.frame, tuple(entry.aliases)))
    return TerritoryIndex(out, index)
