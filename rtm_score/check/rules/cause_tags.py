"""RTM401: a cause or movement hashtag on a promotional post (hijacking risk)."""

from __future__ import annotations

from ...text.normalize import squash
from ..lexicon import cause_tags
from ..models import Finding, Rule, Severity
from .base import Context, Row, RowCheck, finding

CAUSE_TAG = Rule(
    "RTM401",
    "cause-hashtag-promotion",
    Severity.ERROR,
    "A cause or movement hashtag on a promotional post",
    "The post attaches a cause or movement hashtag (#BlackLivesMatter, #MeToo, "
    "#WhyIStayed, #PrayFor...) to a sales message: hijacking risk. Drop the hashtag or "
    "the promotion.",
)
RULES = (CAUSE_TAG,)
FEED = False


def make(context: Context) -> RowCheck:
    """RTM401: the packaged list of cause and movement hashtags."""
    causes = cause_tags()

    def check(row: Row) -> list[Finding]:
        out: list[Finding] = []
        if not row.promo:
            return out
        for tag in row.tags:
            entry = causes.match(tag)
            if entry:
                out.append(
                    finding(
                        CAUSE_TAG,
                        row.post,
                        subject=f"cause:{squash(tag)}",
                        message=f"cause hashtag #{tag} on a promotional post",
                        evidence=f"#{tag} (cause list: {entry}) with {row.promo!r}",
                        hint=f"drop #{tag} or drop the promotion",
                    )
                )
        return out

    return check
