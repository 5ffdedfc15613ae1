"""The playbook: the day's moments for the team, as Markdown (``--format playbook``).

Where the report ranks every topic, the playbook says what to do: the moments a prepared play
fits (with its angle and who approved it), the other opportunities, the plays that are blocked
today and why, what the brand should listen to first, and what to stay out of. Feed text goes
through :func:`~rtm_score.formatters.markdown.md_text` as in the Markdown report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..models import Decision
from . import brand_stories, ranked_topics
from .markdown import counts_line, md_text, reason_label

if TYPE_CHECKING:
    from ..models import Reason, Report, ScoredTopic

__all__ = ["render"]

LISTEN = frozenset({"brand.in-the-news", "brand.check-first"})
"""Brand stories the team reads before anyone posts."""


def _play(t: ScoredTopic) -> Reason | None:
    head = t.reasons[0] if t.reasons else None
    return head if head is not None and head.code.startswith("play.") else None


def _with(prefix: str) -> Callable[[ScoredTopic], Reason | None]:
    def pick(t: ScoredTopic) -> Reason | None:
        return next((r for r in t.reasons if r.code.startswith(prefix)), None)

    return pick


def render(report: Report, *, top: int | None = None) -> str:
    """The playbook; ``top`` keeps the first N ranks in each list (counts stay whole)."""
    topics = ranked_topics(report)
    engage = [t for t in topics if t.decision is Decision.ENGAGE]
    prepared = [t for t in engage if _play(t) is not None]
    others = [t for t in engage if _play(t) is None]
    blocked = [t for t in topics if t.decision is not Decision.ENGAGE and _with("play.blocked.")(t)]
    unusable = [t for t in topics if _with("play.unusable.")(t)]
    listen = [(t, r) for t, r in brand_stories(report) if r.code in LISTEN]
    never = [t for t in topics if t.decision is Decision.NEVER]
    out = [f"# Playbook: {md_text(report.brand)}", "", f"**{counts_line(report, len(topics))}**"]
    out += _section("Play now: a prepared play fits", prepared, _play, top)
    out += _section("Listen first: the brand in the news", [t for t, _ in listen], _listen, top)
    out += _section("Other opportunities", others, _link, top)
    out += _section("Blocked plays: not today", blocked, _with("play.blocked."), top)
    out += _section("Stay out", never, lambda t: t.reasons[0], top)
    out += _section("Plays that cannot be used", unusable, _with("play.unusable."), top)
    return "\n".join(out).rstrip("\n") + "\n"


def _link(t: ScoredTopic) -> Reason | None:
    """What ties an opportunity to the brand: its first reason that is not the policy's."""
    return next((r for r in t.reasons if not r.code.startswith("policy.")), t.reasons[0])


def _listen(t: ScoredTopic) -> Reason | None:
    return next((r for r in t.reasons if r.code in LISTEN), None)


def _section(
    title: str,
    topics: Sequence[ScoredTopic],
    why: Callable[[ScoredTopic], Reason | None],
    top: int | None,
) -> list[str]:
    shown = topics if top is None else topics[:top]
    out = ["", f"## {title} ({len(topics)})", ""]
    if not topics:
        return [*out, "None."]
    for t in shown:
        reason = why(t)
        label = md_text(reason_label(reason)) if reason is not None else ""
        out.append(f"- **{md_text(t.topic.name)}** (#{t.rank}, {t.decision.value}): {label}")
    if len(shown) < len(topics):
        out.append(f"- … and {len(topics) - len(shown)} more")
    return out
