"""What a brand profile is: its dataclasses, and one problem found in a profile file."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem

MAX_WINDOW_DAYS = 31
"""Days either side of a brand date that it may cover (``dates[].window_days``)."""


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

    def __post_init__(self) -> None:
        # -0.0 is 0.0 (equal, and one hash), but a reason would print it "-0.00".
        for name in ("engage", "skip", "never"):
            object.__setattr__(self, name, getattr(self, name) + 0.0)


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
class Platform:
    """The brand's platform: what a moment can hook onto besides its products (``platform:``)."""

    slogans: tuple[str, ...] = ()
    mascots: tuple[str, ...] = ()
    sponsorships: tuple[str, ...] = ()
    """Leagues, teams, events and shows the brand sponsors ("NFL", "Tour de France")."""
    moments: tuple[str, ...] = ()
    """Signature moments of its own ("National Chip Day", "our Super Bowl ad")."""

    def hooks(self) -> list[tuple[str, str]]:
        """(kind, text) of every hook: ``("slogan", "Crunch louder")``..."""
        kinds = [
            ("slogan", self.slogans),
            ("mascot", self.mascots),
            ("sponsorship", self.sponsorships),
            ("moment", self.moments),
        ]
        return [(kind, text) for kind, texts in kinds for text in texts]


@dataclass(frozen=True, slots=True)
class Play:
    """A prepared play: an approved angle for a moment the team expects (``plays:``)."""

    id: str
    """Stable id, shown in the reason code ``play.<id>``."""
    moments: tuple[str, ...]
    """Words, phrases or hashtags of the moment; any one of them in the topic triggers it."""
    angle: str
    """The prepared angle or draft copy."""
    events: tuple[str, ...] = ()
    """Events the moment belongs to ("Super Bowl"): when given, one must be named too."""
    territories: tuple[str, ...] = ()
    """When given, the topic must be in one of these territories (sports, food...)."""
    starts: str = ""
    ends: str = ""
    """The window the play is for (``YYYY-MM-DD``, both inclusive; empty: any day)."""
    approved_by: str = ""
    approved_until: str = ""
    """``YYYY-MM-DD``; a play without approval, or past it, never engages."""


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
    aliases: tuple[str, ...] = ()
    """Other names the brand goes by in trends (a short name, handles, hashtags, its people):
    a topic about one of them is about the brand (``brand.in-the-news``)."""
    thresholds: Thresholds = Thresholds()
    dates: tuple[BrandDate, ...] = ()
    plays: tuple[Play, ...] = ()
    """Prepared plays (see :class:`Play`)."""
    platform: Platform = Platform()
    source: str = ""
    """The file it was loaded from (for messages)."""

    def documents(self) -> list[tuple[str, str]]:
        """The brand's documents for relevance: (label, text) pairs."""
        docs: list[tuple[str, str]] = []
        if self.description:
            docs.append(("description", self.description))
        docs.extend((f"keyword:{kw.term}", kw.term) for kw in self.keywords)
        for p in self.products:
            text = " ".join([p.name, p.description, *p.keywords]).strip()
            docs.append((f"product:{p.name}", text))
        docs.extend((f"{kind}:{text}", text) for kind, text in self.platform.hooks())
        return docs

    def summary(self) -> str:
        """One line for people, e.g. ``Crunchwell Snacks (5 keywords, 2 products, regions US)``."""
        regions = f"regions {', '.join(self.regions)}" if self.regions else "all regions"
        return (
            f"{self.name} ({_count(len(self.keywords), 'keyword')}, "
            f"{_count(len(self.products), 'product')}, {regions})"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


ProfileProblem = Problem
"""One problem in a profile (the shared :class:`~rtm_score.errors.Problem`)."""
