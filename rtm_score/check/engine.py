"""Running the rules over planned posts: the :class:`Checker` and :func:`check_calendar`.

The checker loads what the rules need once per brand (observance calendar, sensitivity engine,
relevance model, word lists), then judges each row. Rows are independent: a row's findings never
depend on the other rows, so adding a row never changes another row's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import Decision, Reason, ScoredTopic, Tier
from ..policy import TERRITORY_CATEGORIES as _TERRITORY_CATEGORY
from ..policy import reported_categories, sensitivity_verdict
from ..profile import BrandProfile
from . import suppress
from .baseline import tell_apart
from .brand_news import BrandNews
from .lexicon import cause_tags, hashtags_in, promo_matcher, squash
from .models import Finding, PlannedPost, Severity
from .rules import RULES, finding
from .trending import CATEGORY_LABELS, TREND_WINDOW_DAYS, Trends
from .when import country, local_day, local_time_text

FEED = frozenset({"RTM301", "RTM302"})
"""The rules that only run with a feed (``--feed``)."""

OFF_BRAND_BELOW = 0.05
"""RTM503 fires below this relevance (the relevance model's noise floor: nothing shared)."""
OFF_BRAND_MIN_WORDS = 4
"""Shorter copy ("Happy Friday!") is too short to call off-brand."""
_NOT_EXCUSED = frozenset({"obscenity"})
"""Categories still flagged in a respectful remembrance message."""


class ObservanceSource(Protocol):
    """What the checker needs from :class:`rtm_score.observances.ObservanceCalendar`."""

    def on(self, day: dt.date, regions: Iterable[str] = ()) -> list[Any]: ...
    def about(
        self, text: str, day: dt.date | None = None, regions: Iterable[str] = ()
    ) -> list[Any]: ...
    def next_clear_day(self, day: dt.date, regions: Iterable[str] = ()) -> dt.date: ...


class SensitivitySource(Protocol):
    """What the checker needs from :class:`rtm_score.sensitivity.SensitivityEngine`."""

    def assess_many(self, items: Iterable[tuple[str, str]]) -> list[Any]: ...


class RelevanceSource(Protocol):
    """What the checker needs from a fitted :class:`rtm_score.relevance.RelevanceModel`."""

    def score(self, texts: Sequence[str]) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Terms:
    """Profile terms (off_limits, competitors, products) matched on stemmed words."""

    items: tuple[tuple[str, str], ...]  # (term as written, " stem stem ")

    @classmethod
    def build(cls, terms: Iterable[str], tokens: Callable[[str], list[str]]) -> _Terms:
        items = []
        for t in terms:
            toks = tokens(t)
            if toks:
                items.append((t, " " + " ".join(toks) + " "))
        return cls(tuple(items))

    def find(self, padded: str) -> list[str]:
        """Terms whose tokens occur, in order and whole, in ``padded`` (`` tok tok ``)."""
        return [t for t, needle in self.items if needle in padded]


@dataclass(slots=True)
class _Row:
    """What the rules know about one post (computed once)."""

    post: PlannedPost
    text: str
    tags: list[str]
    promo: str
    stems: str
    """`` stem stem ... `` of the copy (off_limits: "drinking game" matches "drinking games")."""
    words: str
    """`` word word ... `` unstemmed (names: "Snackerly" must not match "snackers")."""
    days: list[tuple[str, dt.date]]
    """(region, the post's local day there) for each region it goes out in."""
    about: list[Any] = field(default_factory=list)


class Checker:
    """Checks planned posts against one brand profile.

    Args:
        profile: the brand.
        observances: the observance calendar (default: packaged plus the profile's dates).
        sensitivity: the sensitivity engine (default: the packaged one, as ``score`` uses).
        relevance: a fitted relevance model (default: fitted on ``profile``).
    """

    def __init__(
        self,
        profile: BrandProfile,
        *,
        observances: ObservanceSource | None = None,
        sensitivity: SensitivitySource | None = None,
        relevance: RelevanceSource | None = None,
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
        self._pipe = TextPipeline(drop_stopwords=False)
        self._promo = promo_matcher()
        self._causes = cause_tags()
        self._off_limits = _Terms.build(profile.off_limits, self._pipe.stems)
        self._competitors = _Terms.build(profile.competitors, self._words)
        self._products = _Terms.build((p.name for p in profile.products), self._words)
        self._allowed = {
            _TERRITORY_CATEGORY[t] for t in profile.voice.topics if t in _TERRITORY_CATEGORY
        }

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
        never = [t for t in trending or () if t.decision is Decision.NEVER]
        trends = Trends(never, today=today, window=trend_window)
        news = BrandNews(trending or (), today=today, window=trend_window)
        checked = frozenset(r.code for r in RULES if trending is not None or r.code not in FEED)
        out: list[Finding] = []
        for row, rel, assessment in zip(rows, relevances, assessments, strict=True):
            found = self._dates(row) + self._copy(row, float(rel), assessment) + self._tags(row)
            if trending is not None:
                days = [d for _, d in row.days]
                found += trends.findings(row.post, row.tags, row.text, days)
                found += news.findings(row.post, row.promo, days)
            out += suppress.apply(row.post, found, checked=checked)
        return sorted(out, key=lambda f: (f.source, f.line, f.row, f.code, f.subject))

    # -- per row ------------------------------------------------------------------------------

    def _row(self, post: PlannedPost) -> _Row:
        in_copy = hashtags_in(post.copy)
        tags = list(dict.fromkeys([*post.hashtags, *in_copy]))
        written = set(in_copy)
        extra = " ".join(f"#{t}" for t in post.hashtags if t not in written)
        text = f"{post.copy}\n{extra}".strip() if extra else post.copy
        regions = post.regions or self.profile.regions
        days = [(r, local_day(post, r)) for r in regions] or [("", local_day(post, ""))]
        row = _Row(
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

    def _dates(self, row: _Row) -> list[Finding]:
        """RTM101/RTM102 (promotion on a solemn or caution date) and RTM103 (product tie-in)."""
        out: list[Finding] = []
        if row.promo:
            hits: dict[str, tuple[Any, list[str], str, dt.date]] = {}
            for region, day in row.days:
                for obs in self.observances.on(day, [country(region)] if region else []):
                    if obs.id not in hits:
                        hits[obs.id] = (obs, [], region, day)
                    if region:
                        hits[obs.id][1].append(region)
            for obs, regions, region, day in hits.values():
                out.append(self._promo_finding(row, obs, regions, region, day))
        solemn = [o for o in row.about if o.severity == "solemn"]
        if solemn and not row.promo:
            out.extend(
                finding(
                    "RTM103",
                    row.post,
                    subject=f"product:{product.casefold()}",
                    message=f"remembrance message for {solemn[0].name} names the product "
                    f"{product!r}",
                    evidence=f"{product!r} in copy about {solemn[0].name}",
                    hint=f"remove {product!r}: keep a remembrance message free of products",
                )
                for product in self._products.find(row.words)
            )
        return out

    def _promo_finding(
        self, row: _Row, obs: Any, regions: list[str], region: str, day: dt.date
    ) -> Finding:
        where = f" in {', '.join(regions)}" if regions else ""
        when = local_time_text(row.post, region)
        evidence = f"{row.promo!r} in the copy; {when} is {obs.name}{where}"
        if obs.severity == "solemn":
            clear = self.observances.next_clear_day(day, [country(r) for r in regions])
            return finding(
                "RTM101",
                row.post,
                subject=f"observance:{obs.id}",
                message=f"promotional post on {obs.name}{where}, a solemn date",
                evidence=evidence,
                hint=f"move it to {_day(clear)} or drop the promotion",
            )
        after = obs.date + dt.timedelta(days=obs.window_after + 1)
        return finding(
            "RTM102",
            row.post,
            subject=f"observance:{obs.id}",
            message=f"promotional post on {obs.name}{where}",
            evidence=evidence,
            hint=f"keep the copy about the offer, not the day, or move it to {_day(after)}",
        )

    @staticmethod
    def _sensitivity(row: _Row, assessment: Any) -> list[tuple[str, Tier, float, Reason]]:
        """The judgment's findings on the copy; a respectful remembrance message is excused."""
        excused = bool(row.about) and not row.promo
        return [
            (f.category, f.tier, f.score, f.reason)
            for f in assessment.findings
            if not (excused and f.category not in _NOT_EXCUSED)
        ]

    def _rtm201(self, row: _Row, findings: list[tuple[str, Tier, float, Reason]]) -> list[Finding]:
        """RTM201 at error exactly when `score` would call the copy never (one policy)."""
        verdict, flagged = sensitivity_verdict(
            findings, self.profile.thresholds, sorted(self._allowed)
        )
        severity = Severity.ERROR if verdict is Decision.NEVER else Severity.WARNING
        out: list[Finding] = []
        seen: set[str] = set()
        for category, _tier, score, reason in flagged:  # empty when sensitivity decides nothing
            if category in seen:  # the calendar and the judgment may both name remembrance
                continue
            seen.add(category)
            label = CATEGORY_LABELS.get(category, category)
            out.append(
                finding(
                    "RTM201",
                    row.post,
                    subject=f"category:{category}",
                    severity=severity,
                    message=f"the copy is {reason.message} ({category}, sensitivity {score:.2f})",
                    evidence=reason.evidence or category,
                    hint=f"rewrite the copy so it is not about {label}, or hold the post",
                )
            )
        return out

    def _copy(self, row: _Row, relevance: float, assessment: Any) -> list[Finding]:
        """RTM201 (sensitive copy), RTM501 (off-limits), RTM502 (competitor), RTM503 (off-brand)."""
        out: list[Finding] = []
        if not row.text.strip():
            return out
        findings = self._sensitivity(row, assessment)
        out += self._rtm201(row, findings)
        # Off-limits by category ("politics") counts categories the judgment flags, not the
        # faint category every copy carries.
        cats = set(reported_categories(findings, self.profile.thresholds))
        for term in self._off_limits.items:
            hit = term[1] in row.stems or _category_of(term[0]) in cats
            if hit:
                out.append(
                    finding(
                        "RTM501",
                        row.post,
                        subject=f"off-limits:{term[0].casefold()}",
                        message=f"the copy hits the off-limits topic {term[0]!r}",
                        evidence=f"off_limits: {term[0]}",
                        hint=f"rewrite the copy without {term[0]!r}: it is never for "
                        f"{self.profile.name}",
                    )
                )
        out.extend(
            finding(
                "RTM502",
                row.post,
                subject=f"competitor:{name.casefold()}",
                message=f"the copy mentions the competitor {name!r}",
                evidence=f"competitors: {name}",
                hint=f"remove {name!r}, or suppress with the approval: "
                "`RTM502: comparison approved by ...`",
            )
            for name in self._competitors.find(row.words)
        )
        words = len(row.text.split())
        if relevance < OFF_BRAND_BELOW and words >= OFF_BRAND_MIN_WORDS and not row.about:
            sample = ", ".join(k.term for k in self.profile.keywords[:3]) or self.profile.name
            out.append(
                finding(
                    "RTM503",
                    row.post,
                    subject="off-brand",
                    message=f"the copy is off-brand for {self.profile.name} "
                    f"(relevance {relevance:.2f})",
                    evidence=f"relevance {relevance:.2f} < {OFF_BRAND_BELOW:.2f}: "
                    "no brand keyword, product or description term in the copy",
                    hint=f"tie the copy to the brand (e.g. {sample}) or check it belongs here",
                )
            )
        return out

    def _tags(self, row: _Row) -> list[Finding]:
        """RTM401: a cause or movement hashtag on a promotional post."""
        out: list[Finding] = []
        if not row.promo:
            return out
        for tag in row.tags:
            entry = self._causes.match(tag)
            if entry:
                out.append(
                    finding(
                        "RTM401",
                        row.post,
                        subject=f"cause:{squash(tag)}",
                        message=f"cause hashtag #{tag} on a promotional post",
                        evidence=f"#{tag} (cause list: {entry}) with {row.promo!r}",
                        hint=f"drop #{tag} or drop the promotion",
                    )
                )
        return out


def _category_of(term: str) -> str:
    key = term.strip().casefold()
    return _TERRITORY_CATEGORY.get(key, key)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
