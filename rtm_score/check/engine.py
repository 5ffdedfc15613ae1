"""Running the rules over planned posts: the :class:`Checker` and :func:`check_calendar`.

The checker loads what the rules need once per brand (observance calendar, sensitivity engine,
relevance model, word lists), then judges each row. Rows are independent: a row's findings never
depend on the other rows, so adding a row never changes another row's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..models import ScoredTopic
from ..profile import BrandProfile
from ..text.hashtags import hashtags_in
from ..vocab.regions import country
from .baseline import tell_apart
from .lexicon import promo_matcher
from .models import Finding, PlannedPost
from .rules import MODULES, RULES_BY_CODE, suppressions
from .rules.base import TREND_WINDOW_DAYS, Context, ObservanceSource, Row, RuleModule
from .when import local_day

_NOT_EXCUSED = frozenset({"obscenity"})
"""Categories still flagged in a respectful remembrance message."""


class SensitivitySource(Protocol):
    """What the checker needs from :class:`rtm_score.sensitivity.SensitivityEngine`."""

    def assess_many(self, items: Iterable[tuple[str, str]]) -> list[Any]: ...


class RelevanceSource(Protocol):
    """What the checker needs from a fitted :class:`rtm_score.relevance.RelevanceModel`."""

    def score(self, texts: Sequence[str]) -> Any: ...


class Checker:
    """Checks planned posts against one brand profile.

    Args:
        profile: the brand.
        observances: the observance calendar (default: packaged plus the profile's dates).
        sensitivity: the sensitivity engine (default: the packaged one, as ``score`` uses).
        relevance: a fitted relevance model (default: fitted on ``profile``).
        rules: the row-rule modules to run (default: every packaged rule,
            :data:`rtm_score.check.rules.MODULES`).
    """

    def __init__(
        self,
        profile: BrandProfile,
        *,
        observances: ObservanceSource | None = None,
        sensitivity: SensitivitySource | None = None,
        relevance: RelevanceSource | None = None,
        rules: Sequence[RuleModule] = MODULES,
    ) -> None:
        from ..text import TextPipeline

        if observances is None:
            from ..observances import load_calendar

            observances = load_calendar(extra=profile.dates)
        if sensitivity is None:
            from ..sensitivity import load_engine

            sensitivity = load_engine()
        if relevance is None:
            from ..relevance import RelevanceModel

            relevance = RelevanceModel().fit(profile)
        self.profile = profile
        self.observances = observances
        self.sensitivity = sensitivity
        self.relevance = relevance
        self.rules = tuple(rules)
        self._known = {**RULES_BY_CODE, **{r.code: r for m in self.rules for r in m.RULES}}
        self._pipe = TextPipeline(drop_stopwords=False)
        self._promo = promo_matcher()

    def _words(self, text: str) -> list[str]:
        return [w.removesuffix("'s") for w in self._pipe.words(text)]

    # -- public -------------------------------------------------------------------------------

    def check(
        self,
        posts: Sequence[PlannedPost],
        trending: Sequence[ScoredTopic] | None = None,
        *,
        today: dt.date | None = None,
        trend_window: int = TREND_WINDOW_DAYS,
    ) -> list[Finding]:
        """Every finding on ``posts``, suppressions applied, sorted by row then code.

        Args:
            posts: the calendar rows.
            trending: the scored topics of a feed (``--feed``); ``None`` skips the rules
                that need one (RTM301, RTM302).
            today: the feed's day, for its topics that carry no date of their own.
            trend_window: days either side of a trend's date in which a post carrying it is
                an error (RTM301); later posts get a warning, earlier ones nothing.
        """
        rows = [self._row(p) for p in tell_apart(posts)]
        relevances = self.relevance.score([r.text for r in rows]) if rows else []
        # One batch for the whole calendar: the copy is read as a topic's context line.
        assessments = self.sensitivity.assess_many(("", r.text) for r in rows)
        context = Context(
            profile=self.profile,
            observances=self.observances,
            words=self._words,
            stems=self._pipe.stems,
            trending=trending,
            today=today,
            window=trend_window,
        )
        ran = [m for m in self.rules if trending is not None or not m.FEED]
        runs = [m.make(context) for m in ran]
        checked = frozenset(r.code for m in ran for r in m.RULES)
        out: list[Finding] = []
        for row, rel, assessment in zip(rows, relevances, assessments, strict=True):
            row.relevance = float(rel)
            row.judged = self._judged(row, assessment)
            found = [f for run in runs for f in run(row)]
            out += suppressions.apply(row.post, found, checked=checked, known=self._known)
        return sorted(out, key=lambda f: (f.source, f.line, f.row, f.code, f.subject))

    # -- per row ------------------------------------------------------------------------------

    def _row(self, post: PlannedPost) -> Row:
        in_copy = hashtags_in(post.copy)
        tags = list(dict.fromkeys([*post.hashtags, *in_copy]))
        written = set(in_copy)
        extra = " ".join(f"#{t}" for t in post.hashtags if t not in written)
        text = f"{post.copy}\n{extra}".strip() if extra else post.copy
        regions = post.regions or self.profile.regions
        days = [(r, local_day(post, r)) for r in regions] or [("", local_day(post, ""))]
        row = Row(
            post=post,
            text=text,
            tags=tags,
            promo=self._promo.find(text),
            stems=" " + " ".join(self._pipe.stems(text)) + " ",
            words=" " + " ".join(self._words(text)) + " ",
            days=days,
        )
        if text.strip():
            row.about = self._about(text, days)
        return row

    def _about(self, text: str, days: list[tuple[str, dt.date]]) -> list[Any]:
        """Observances the copy is about: any covering the post's day (the brand's own dates
        included), and packaged ones on any day (a remembrance message posted the day before
        is still a remembrance message); a brand date's keywords are often just the brand's
        name, so off its window they say nothing."""
        found: dict[str, Any] = {}
        for region, day in days:
            for obs in self.observances.about(text, day, [country(region)] if region else []):
                found.setdefault(obs.id, obs)
        for obs in self.observances.about(text):
            if obs.category != "brand":
                found.setdefault(obs.id, obs)
        return list(found.values())

    @staticmethod
    def _judged(row: Row, assessment: Any) -> list[Any]:
        """The judgment's findings on the copy; a respectful remembrance message is excused."""
        excused = bool(row.about) and not row.promo
        return [
            (f.category, f.tier, f.score, f.reason)
            for f in assessment.findings
            if not (excused and f.category not in _NOT_EXCUSED)
        ]
