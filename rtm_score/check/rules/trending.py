"""RTM301: hashtags and names in a post that trend now for a sensitive reason (``--feed``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...models import Decision, ScoredTopic
from ...text.normalize import plain, squash
from ...text.patterns import any_of, phrase_source
from ..models import Finding, PlannedPost, Rule, Severity
from .base import CATEGORY_LABELS, Context, Row, RowCheck, TrendWindow, finding

TRENDING = Rule(
    "RTM301",
    "trending-for-sensitive-reason",
    Severity.ERROR,
    "A hashtag or topic in the copy is trending for a sensitive reason",
    "With --feed, a hashtag or name in the post is trending now and the feed scores it "
    "never (a shooting, a death, a disaster). Remove it from the post or hold the post.",
)
RULES = (TRENDING,)
FEED = True


class Trends:
    """Trending topics scored never, matched against a post's hashtags and words (RTM301).

    Args:
        topics: the feed's topics scored never.
        window: how a post's days meet a topic's day.
    """

    def __init__(self, topics: Sequence[ScoredTopic], window: TrendWindow = TrendWindow()) -> None:
        self.window = window
        self.by_key: dict[str, ScoredTopic] = {}
        phrases: dict[str, ScoredTopic] = {}
        for t in topics:
            name = t.topic.name.strip()
            self.by_key.setdefault(squash(name), t)
            phrase = " ".join(plain(name.lstrip("#")).casefold().split())
            if sum(c.isalnum() for c in phrase) >= 3:
                phrases.setdefault(phrase, t)
        self.phrases = phrases
        self.regex = any_of([phrase_source(p) for p in sorted(phrases, key=lambda p: (-len(p), p))])

    def findings(
        self, post: PlannedPost, tags: Sequence[str], text: str, days: Sequence[dt.date] = ()
    ) -> list[Finding]:
        """RTM301 findings for one post (its hashtags and copy) going out on ``days`` (its
        local days, one per region; none: judged as if it went out on the trend's day)."""
        hits: dict[int, tuple[ScoredTopic, str]] = {}
        for tag in tags:
            t = self.by_key.get(squash(tag))
            if t is not None:
                hits.setdefault(id(t), (t, f"#{tag}"))
        if self.regex is not None:
            for m in self.regex.finditer(plain(text)):
                t = self.phrases[" ".join(m.group(0).casefold().split())]
                hits.setdefault(id(t), (t, m.group(0)))
        out = []
        for t, shown in hits.values():
            gap = self.window.gap(days, t)
            if self.window.before(gap):
                continue  # the post went out well before the trend
            why, evidence = _trend_reason(t)
            evidence = f"feed topic {t.topic.name!r} scored never: {evidence}"
            later = self.window.after(gap)
            trend_day = t.topic.date or self.window.today
            when = f" on {trend_day.isoformat()}" if trend_day is not None else ""
            out.append(
                finding(
                    TRENDING,
                    post,
                    subject=f"trend:{squash(t.topic.name)}",
                    message=(
                        f"{shown} trended{when} for a sensitive reason ({why}), {gap} days "
                        "before this post"
                        if later
                        else f"{shown} is trending now for a sensitive reason ({why})"
                    ),
                    evidence=evidence,
                    hint=(
                        f"re-check {shown} before publishing: it trended for {why}"
                        if later
                        else f"remove {shown}: it trends for {why}"
                    ),
                    severity=Severity.WARNING if later else None,
                )
            )
        return out


def make(context: Context) -> RowCheck:
    """RTM301 over the feed's topics scored never."""
    never = [t for t in context.trending or () if t.decision is Decision.NEVER]
    trends = Trends(never, context.trend_window)

    def check(row: Row) -> list[Finding]:
        return trends.findings(row.post, row.tags, row.text, [d for _, d in row.days])

    return check


def _trend_reason(t: ScoredTopic) -> tuple[str, str]:
    labels = [CATEGORY_LABELS.get(c, c) for c in t.categories]
    sens = [r for r in t.reasons if r.code.startswith("sens.")]
    why = labels[0] if labels else "a topic that is never for the brand"
    first = sens[0] if sens else (t.reasons[0] if t.reasons else None)
    evidence = first.message if first else "decision never"
    if sens and sens[0].evidence:
        why = f"{why} ({_quote(sens[0].evidence)})"
        evidence = f"{evidence} ({sens[0].evidence})"
    return why, evidence


def _quote(evidence: str) -> str:
    """The words to quote from a finding's evidence: the rule matches, else the model's words
    ("P(never) 0.98, ...; words: ...; rules: 'mass shooting'" -> "'mass shooting'")."""
    parts = dict(p.split(": ", 1) for p in evidence.split("; ") if ": " in p)
    return parts.get("rules") or parts.get("words") or evidence
