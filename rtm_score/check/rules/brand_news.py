"""RTM302: a promotional post while the brand itself is in a bad-news story in the feed
(``--feed``).

The feed's topics were scored for the brand, so the policy has already said which of them are
about the brand and bad news for it (``brand.in-the-news``: a complaint storm, a recall, an
outage, a lawsuit...) or possibly so (``brand.check-first``). While such a story trends, the
brand's promotional posts read as tone-deaf: the calendar should hold them and the team should
answer the story through customer care or communications first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...models import ScoredTopic
from ...text.normalize import squash
from ..models import Finding, PlannedPost, Rule, Severity
from .base import Context, Row, RowCheck, TrendWindow, finding

BRAND_STORY = Rule(
    "RTM302",
    "promotion-during-brand-story",
    Severity.ERROR,
    "A promotional post while the brand itself is in a bad-news story",
    "With --feed, the feed holds a story about the brand that is bad news for it (a "
    "complaint storm, a recall, an outage, a lawsuit: `brand.in-the-news`) trending within "
    "--trend-window days of the post. Hold the promotion until customer care or "
    "communications have answered. A story the brand should read first "
    "(`brand.check-first`), or a post later than the window, is a warning.",
)
RULES = (BRAND_STORY,)
FEED = True

SURE, UNSURE = "brand.in-the-news", "brand.check-first"


class BrandNews:
    """The feed's stories about the brand that are (or may be) bad news for it (RTM302).

    Args:
        topics: the feed's scored topics.
        window: how a post's days meet a story's day.
    """

    def __init__(self, topics: Sequence[ScoredTopic], window: TrendWindow = TrendWindow()) -> None:
        self.window = window
        stories = []
        for t in topics:
            codes = {r.code for r in t.reasons}
            if SURE in codes or UNSURE in codes:
                stories.append((SURE not in codes, t.rank, t))
        # The brand's sure bad news first, then what it should read first; by rank within.
        self.stories = [t for _, _, t in sorted(stories, key=lambda s: s[:2])]

    def findings(
        self, post: PlannedPost, promo: str, days: Sequence[dt.date] = ()
    ) -> list[Finding]:
        """At most one RTM302 finding for a post whose copy is promotional (``promo``: the
        matched promotional words), naming the most urgent story trending near its days."""
        if not promo:
            return []
        near: list[tuple[ScoredTopic, int | None]] = []
        for t in self.stories:
            gap = self.window.gap(days, t)
            if not self.window.before(gap):  # a post well before the story is not hit
                near.append((t, gap))
        if not near:
            return []
        story, gap = near[0]
        reason = next(r for r in story.reasons if r.code in (SURE, UNSURE))
        sure = reason.code == SURE
        later = self.window.after(gap)
        name = story.topic.name
        others = len(near) - 1
        more = f" (and {others} more stor{'ies' if others != 1 else 'y'})" if others else ""
        message = (
            f"promotional post while the brand is in the news: {name!r}{more}"
            if sure
            else f"promotional post while the brand may be in a bad-news story: {name!r}{more}"
        )
        if later:
            message = f"promotional post {gap} days after the brand was in the news: {name!r}{more}"
        return [
            finding(
                BRAND_STORY,
                post,
                subject=f"story:{squash(name)}",
                message=message,
                evidence=f"feed topic {name!r} scored {story.decision.value}: {reason.message} "
                f"({reason.evidence}); promotional words {promo!r}",
                hint=(
                    "hold the promotion until the story has been answered by customer care or "
                    "communications"
                    if sure and not later
                    else "read the story before publishing; hold the promotion if it is bad news"
                ),
                severity=None if sure and not later else Severity.WARNING,
            )
        ]


def make(context: Context) -> RowCheck:
    """RTM302 over the feed's stories about the brand."""
    news = BrandNews(context.trending or (), context.trend_window)

    def check(row: Row) -> list[Finding]:
        return news.findings(row.post, row.promo, [d for _, d in row.days])

    return check
