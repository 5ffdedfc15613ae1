"""RTM501, RTM502, RTM503: the brand's own terms in the copy: an off-limits topic, a
competitor's name, or copy with nothing of the brand in it."""

from __future__ import annotations

from ...policy import TERRITORY_CATEGORIES, reported_categories
from ..models import Finding, Rule, Severity
from .base import Context, Row, RowCheck, Terms, finding

OFF_LIMITS = Rule(
    "RTM501",
    "off-limits",
    Severity.ERROR,
    "The copy hits one of the brand's off_limits topics",
    "The profile lists this topic under off_limits: never for this brand. Rewrite the copy.",
)
COMPETITOR = Rule(
    "RTM502",
    "competitor-mention",
    Severity.WARNING,
    "The copy mentions a competitor",
    "The copy names one of the profile's competitors. Check that a comparison is intended "
    "and approved; otherwise remove it.",
)
OFF_BRAND = Rule(
    "RTM503",
    "off-brand",
    Severity.WARNING,
    "The copy is off-brand",
    "The copy has very low relevance to the brand profile (none of its keywords, products "
    "or description). Tie it to the brand or check it belongs in this calendar.",
)
RULES = (OFF_LIMITS, COMPETITOR, OFF_BRAND)
FEED = False

OFF_BRAND_BELOW = 0.05
"""RTM503 fires below this relevance (the relevance model's noise floor: nothing shared)."""
OFF_BRAND_MIN_WORDS = 4
"""Shorter copy ("Happy Friday!") is too short to call off-brand."""


def make(context: Context) -> RowCheck:
    """The brand-term rules for one profile: its off_limits, competitors and keywords."""
    profile = context.profile
    off_limits = Terms.build(profile.off_limits, context.stems)
    competitors = Terms.build(profile.competitors, context.words)
    sample = ", ".join(k.term for k in profile.keywords[:3]) or profile.name

    def check(row: Row) -> list[Finding]:
        out: list[Finding] = []
        if not row.text.strip():
            return out
        # Off-limits by category ("politics") counts categories the judgment flags, not the
        # faint category every copy carries.
        cats = set(reported_categories(row.judged, profile.thresholds))
        out.extend(
            finding(
                OFF_LIMITS,
                row.post,
                subject=f"off-limits:{term.casefold()}",
                message=f"the copy hits the off-limits topic {term!r}",
                evidence=f"off_limits: {term}",
                hint=f"rewrite the copy without {term!r}: it is never for {profile.name}",
            )
            for term, needle in off_limits.items
            if needle in row.stems or _category_of(term) in cats
        )
        out.extend(
            finding(
                COMPETITOR,
                row.post,
                subject=f"competitor:{name.casefold()}",
                message=f"the copy mentions the competitor {name!r}",
                evidence=f"competitors: {name}",
                hint=f"remove {name!r}, or suppress with the approval: "
                "`RTM502: comparison approved by ...`",
            )
            for name in competitors.find(row.words)
        )
        words = len(row.text.split())
        if row.relevance < OFF_BRAND_BELOW and words >= OFF_BRAND_MIN_WORDS and not row.about:
            out.append(
                finding(
                    OFF_BRAND,
                    row.post,
                    subject="off-brand",
                    message=f"the copy is off-brand for {profile.name} "
                    f"(relevance {row.relevance:.2f})",
                    evidence=f"relevance {row.relevance:.2f} < {OFF_BRAND_BELOW:.2f}: "
                    "no brand keyword, product or description term in the copy",
                    hint=f"tie the copy to the brand (e.g. {sample}) or check it belongs here",
                )
            )
        return out

    return check


def _category_of(term: str) -> str:
    key = term.strip().casefold()
    return TERRITORY_CATEGORIES.get(key, key)
