"""RTM201: the copy itself touches a sensitive category, judged by the same judgment and
policy as ``score`` (an error exactly when ``score`` would call the copy never)."""

from __future__ import annotations

from ...models import Decision
from ...policy import TERRITORY_CATEGORIES, sensitivity_verdict
from ..models import Finding, Rule, Severity
from .base import CATEGORY_LABELS, Context, Row, RowCheck, finding

SENSITIVE_COPY = Rule(
    "RTM201",
    "sensitive-copy",
    Severity.ERROR,
    "The copy touches a sensitive category",
    "The copy itself reads as being about death, disaster, terrorism, violence, war, abuse, "
    "hate, a health emergency or remembrance (errors), or politics and religion (warnings "
    "unless the brand's voice.topics plays there), judged by the same engine as `score`. "
    "Non-promotional remembrance copy about an observance is not flagged.",
)
RULES = (SENSITIVE_COPY,)
FEED = False


def make(context: Context) -> RowCheck:
    """RTM201 for one brand: its thresholds and the territories its voice plays in."""
    profile = context.profile
    allowed = sorted(
        {TERRITORY_CATEGORIES[t] for t in profile.voice.topics if t in TERRITORY_CATEGORIES}
    )

    def check(row: Row) -> list[Finding]:
        if not row.text.strip():
            return []
        verdict, flagged = sensitivity_verdict(row.judged, profile.thresholds, allowed)
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
                    SENSITIVE_COPY,
                    row.post,
                    subject=f"category:{category}",
                    severity=severity,
                    message=f"the copy is {reason.message} ({category}, sensitivity {score:.2f})",
                    evidence=reason.evidence or category,
                    hint=f"rewrite the copy so it is not about {label}, or hold the post",
                )
            )
        return out

    return check
