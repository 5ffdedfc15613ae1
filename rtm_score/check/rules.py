"""The check's rules: stable codes, severities and documentation, and how findings are made."""

from __future__ import annotations

from .baseline import fingerprint
from .models import Finding, PlannedPost, Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

RULES: tuple[Rule, ...] = (
    Rule(
        "RTM101",
        "promotion-on-solemn-date",
        E,
        "Promotion on a solemn date of the post's region",
        "The copy is promotional (sale, % off, coupon, shop now, ...) and goes out, in the "
        "region's local time, on a solemn observance such as 9/11 in the US or Remembrance Day "
        "in Canada. Move the post to the suggested day or drop the promotion; a respectful, "
        "non-promotional remembrance message is fine.",
    ),
    Rule(
        "RTM102",
        "promotion-on-caution-date",
        W,
        "Promotion on a caution date of the post's region",
        "The copy is promotional and goes out on an observance where sales are customary but "
        "the day is not about shopping (Veterans Day in the US, Good Friday). Keep the copy "
        "about the offer, not the day, or move it.",
    ),
    Rule(
        "RTM103",
        "product-in-remembrance",
        W,
        "A remembrance message names a product",
        "The copy is about a solemn observance and names one of the brand's products: even "
        "without a discount, a product beside a tragedy reads as a tie-in. Remove the product.",
    ),
    Rule(
        "RTM201",
        "sensitive-copy",
        E,
        "The copy touches a sensitive category",
        "The copy itself reads as being about death, disaster, terrorism, violence, war, abuse, "
        "hate, a health emergency or remembrance (errors), or politics and religion (warnings "
        "unless the brand's voice.topics plays there), judged by the same engine as `score`. "
        "Non-promotional remembrance copy about an observance is not flagged.",
    ),
    Rule(
        "RTM301",
        "trending-for-sensitive-reason",
        E,
        "A hashtag or topic in the copy is trending for a sensitive reason",
        "With --feed, a hashtag or name in the post is trending now and the feed scores it "
        "never (a shooting, a death, a disaster). Remove it from the post or hold the post.",
    ),
    Rule(
        "RTM302",
        "promotion-during-brand-story",
        E,
        "A promotional post while the brand itself is in a bad-news story",
        "With --feed, the feed holds a story about the brand that is bad news for it (a "
        "complaint storm, a recall, an outage, a lawsuit: `brand.in-the-news`) trending within "
        "--trend-window days of the post. Hold the promotion until customer care or "
        "communications have answered. A story the brand should read first "
        "(`brand.check-first`), or a post later than the window, is a warning.",
    ),
    Rule(
        "RTM401",
        "cause-hashtag-promotion",
        E,
        "A cause or movement hashtag on a promotional post",
        "The post attaches a cause or movement hashtag (#BlackLivesMatter, #MeToo, "
        "#WhyIStayed, #PrayFor...) to a sales message: hijacking risk. Drop the hashtag or "
        "the promotion.",
    ),
    Rule(
        "RTM501",
        "off-limits",
        E,
        "The copy hits one of the brand's off_limits topics",
        "The profile lists this topic under off_limits: never for this brand. Rewrite the copy.",
    ),
    Rule(
        "RTM502",
        "competitor-mention",
        W,
        "The copy mentions a competitor",
        "The copy names one of the profile's competitors. Check that a comparison is intended "
        "and approved; otherwise remove it.",
    ),
    Rule(
        "RTM503",
        "off-brand",
        W,
        "The copy is off-brand",
        "The copy has very low relevance to the brand profile (none of its keywords, products "
        "or description). Tie it to the brand or check it belongs in this calendar.",
    ),
    Rule(
        "RTM900",
        "suppression-without-reason",
        E,
        "A suppression gives no reason",
        "An rtm_ignore entry names a rule without a reason, so it is not applied. Write "
        "`RTM101: approved by legal 2026-09-01`.",
    ),
    Rule(
        "RTM901",
        "unknown-rule-in-suppression",
        W,
        "A suppression names an unknown rule code",
        "An rtm_ignore entry names a code that is not a rule, or a meta rule (RTM9xx) that "
        "cannot be suppressed. Fix the code.",
    ),
    Rule(
        "RTM902",
        "unused-suppression",
        W,
        "A suppression silences nothing",
        "An rtm_ignore entry suppresses a rule that found nothing on this row. Remove it so "
        "that it cannot hide a later, different problem.",
    ),
)

RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
META_CODES = frozenset({"RTM900", "RTM901", "RTM902"})
"""Rules about suppressions themselves; they cannot be suppressed."""


def finding(
    code: str,
    post: PlannedPost,
    *,
    message: str,
    evidence: str,
    hint: str,
    subject: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A new finding of rule ``code`` on ``post``."""
    rule = RULES_BY_CODE[code]
    return Finding(
        code=code,
        severity=severity or rule.severity,
        message=message,
        evidence=evidence,
        hint=hint,
        source=post.source,
        line=post.line,
        row=post.row,
        post_id=post.id,
        subject=subject,
        fingerprint=fingerprint(code, post, subject),
    )
