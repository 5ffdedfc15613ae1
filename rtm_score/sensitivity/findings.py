"""What the sensitivity engine returns: an :class:`Assessment` of a topic and its
:class:`Finding` per category, each with the evidence a reader checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Reason, Tier, positional_reduce
from ..text import Analysed

if TYPE_CHECKING:
    from .kinds import Hit

__all__ = ["Assessment", "Finding", "also_about", "category_message", "shown_as_written"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One category that fired on a text."""

    __reduce__ = positional_reduce

    category: str
    tier: Tier
    score: float
    reason: Reason


@dataclass(frozen=True, slots=True)
class Assessment:
    """Sensitivity of one text: a 0..1 score and the findings behind it."""

    __reduce__ = positional_reduce

    score: float
    findings: tuple[Finding, ...] = ()
    frames: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    p_never: float = 0.0
    """The judgment's P(never) (before the scale)."""
    p_notsafe: float = 0.0
    """The judgment's P(never or sensitive)."""

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories with a finding, most severe first."""
        return tuple(dict.fromkeys(f.category for f in self.findings))

    @property
    def tier(self) -> Tier | None:
        """The most severe tier among the findings."""
        order = [Tier.FLOOR, Tier.HIGH, Tier.MEDIUM, Tier.LOW]
        tiers = {f.tier for f in self.findings}
        return next((t for t in order if t in tiers), None)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One reason per finding."""
        return tuple(f.reason for f in self.findings)


def shown_as_written(shown: Sequence[str], analysed: Analysed) -> list[str]:
    """Model terms (stems, "<n>" for numbers) as the topic wrote them: "suicid" -> "suicide".

    Each stem reads as the first word of the topic that gave it (``analysed.terms`` are the
    stems of the topic's words without stop words, in order)."""
    from ..signals.textmodel import NUMBER
    from ..text import stopwords

    terms = analysed.terms
    kept: list[str] | None = None
    surface: dict[str, str] = {}
    for part in {p for t in shown for p in t.split(" ")}:
        if part == NUMBER:
            at = next((i for i, t in enumerate(terms) if t.isdigit()), -1)
        else:
            at = terms.index(part) if part in terms else -1
        if at >= 0:
            if kept is None:
                stop = stopwords()
                kept = [w for w in analysed.words if w not in stop]
            surface[part] = kept[at]
    return [" ".join(surface.get(part, part) for part in t.split(" ")) for t in shown]


def also_about(
    main: Finding, hits: list[Hit], tiers: Mapping[str, Tier], messages: Mapping[str, str]
) -> list[Finding]:
    """The other categories the rule files recognise in a topic, at the judgment's score: the
    judgment says how sensitive the topic is; the rules add what else it is about. Signals a
    rule file marks ``dampen`` (often figurative: "fire", "killer") do not add a category."""
    floor_only = main.tier is Tier.FLOOR
    cats = sorted(
        {
            h.category
            for h in hits
            if h.category != main.category
            and not h.dampen
            and (tiers.get(h.category) is Tier.FLOOR) == floor_only
        }
    )
    return [
        Finding(
            cat,
            main.tier,
            main.score,
            Reason(
                f"sens.{cat}",
                messages.get(cat, cat),
                ", ".join(dict.fromkeys(f"'{h.evidence}'" for h in hits if h.category == cat)),
                "rule",
            ),
        )
        for cat in cats
    ]


_CATEGORY_MESSAGES = {"economy": "about economic distress (layoffs, bankruptcies, crashes)"}


def category_message(category: str, messages: Mapping[str, str]) -> str:
    """A category's sentence: its rule file's message, else the judgment's own, else its name."""
    return messages.get(category, _CATEGORY_MESSAGES.get(category, category))
