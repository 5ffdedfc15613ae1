"""The self-contained HTML report: headline counts, charts, engage / never / skip, history.

The page is a jinja2 template (``rtm_score/data/templates/report.html.j2``) rendered with
autoescape on, so every value from the feed, the profile or the history is HTML-escaped. Only
the two charts are inserted as markup: they are SVG drawn by matplotlib, which escapes its own
text, and they contain no feed text. The page has no scripts and a Content-Security-Policy that
forbids them, inline CSS only, and no external assets, so it opens offline from a mail.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Decision
from . import STORY_TITLE, brand_stories, ranked_topics
from ._escape import one_line
from .markdown import (
    MAX_REASONS,
    SECTION_TITLES,
    change_label,
    counts_line,
    split_by_decision,
    time_label,
    trend_label,
)

if TYPE_CHECKING:
    from jinja2 import Template

    from ..models import History, Reason, Report, ScoredTopic, TopicChange, TopicTrend

__all__ = ["CONTEXT_CHARS", "OPEN_CARDS", "OPEN_ROWS", "TEMPLATE", "render"]

TEMPLATE = ("templates", "report.html.j2")
"""Where the page template lives under ``rtm_score/data``."""

CONTEXT_CHARS = 280
"""A topic's context (headlines) is cut to this many characters on the page."""

OPEN_CARDS = 25
"""Engage and never topics shown as open cards; the rest of the section is folded."""

OPEN_ROWS = 100
"""Rows of the skip table shown open; the rest are folded (a 5,000-topic feed stays a page
that opens on the summary, not 78 printed pages of cards)."""


@dataclass(frozen=True, slots=True)
class _ReasonView:
    message: str
    evidence: str

    @property
    def text(self) -> str:
        return f"{self.message} ({self.evidence})" if self.evidence else self.message


@dataclass(frozen=True, slots=True)
class _TopicView:
    rank: int
    name: str
    relevance: str
    sensitivity: str
    categories: tuple[str, ...]
    context: str
    reasons: tuple[_ReasonView, ...]
    more: int
    trend: str
    css: str
    """The category filter's classes: ``c-<category>`` for each category, ``no-category``
    without one."""


@dataclass(frozen=True, slots=True)
class _FilterView:
    """One choice of the category filter: its input's id, the class it shows, its label and
    how many topics carry that class."""

    id: str
    css: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class _SectionView:
    decision: str
    title: str
    topics: tuple[_TopicView, ...]
    open_up_to: int
    """Topics shown open; the rest of a long section is folded in a ``<details>``."""

    @property
    def shown(self) -> tuple[_TopicView, ...]:
        return self.topics[: self.open_up_to]

    @property
    def folded(self) -> tuple[_TopicView, ...]:
        return self.topics[self.open_up_to :]


@dataclass(frozen=True, slots=True)
class _StoryView:
    rank: int
    name: str
    decision: str
    reason: _ReasonView
    listed: bool
    """The topic is listed further down (within ``top``), so its rank links to it."""


@dataclass(frozen=True, slots=True)
class _ChangeView:
    name: str
    label: str


@dataclass(frozen=True, slots=True)
class _ChangeGroup:
    title: str
    css: str
    changes: tuple[_ChangeView, ...]


@dataclass(frozen=True, slots=True)
class _HistoryView:
    previous_run: str
    groups: tuple[_ChangeGroup, ...]


def render(report: Report, *, top: int | None = None) -> str:
    """The report as one self-contained HTML page; ``top`` lists only the first N ranks.

    The charts always show every topic of the feed; the lists honour ``top``.
    """
    from markupsafe import Markup

    from .chart import DECISION_COLORS, RANK_LABELS_UP_TO, category_svg, scatter_svg

    listed = ranked_topics(report, top)
    everything = ranked_topics(report)
    trends = {} if report.history is None else {t.topic_id: t for t in report.history.trends}
    counts = report.counts
    # The charts are matplotlib's own SVG (it escapes its text; no feed text is drawn).
    scatter = Markup(scatter_svg(everything))
    categories = Markup(category_svg(everything))
    return _template().render(
        brand=one_line(report.brand),
        generated=time_label(report.generated_at),
        feed=one_line(report.feed),
        as_of=report.as_of.isoformat() if report.as_of else "",
        version=one_line(report.version),
        colors={d.value: DECISION_COLORS[d] for d in Decision},
        counts=[{"decision": d.value, "count": counts[d.value]} for d in _COUNT_ORDER],
        counts_line=counts_line(report, len(listed)),
        total=len(report.topics),
        labelled=0 < len(report.topics) <= RANK_LABELS_UP_TO,
        history=_history_view(report.history),
        story_title=STORY_TITLE,
        stories=_story_views(report, {t.rank for t in listed}),
        scatter=scatter,
        categories=categories,
        filters=_filter_views(listed),
        sections=[
            _SectionView(
                decision=decision.value,
                title=SECTION_TITLES[decision],
                topics=tuple(_topic_view(t, decision, trends) for t in topics),
                open_up_to=OPEN_ROWS if decision is Decision.SKIP else OPEN_CARDS,
            )
            for decision, topics in split_by_decision(listed)
        ],
        errors=[{"row": e.row, "message": one_line(e.message)} for e in report.errors],
    )


_COUNT_ORDER = (Decision.ENGAGE, Decision.SKIP, Decision.NEVER)


@functools.lru_cache(maxsize=1)
def _template() -> Template:
    import jinja2

    from ..resources import read_text

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.from_string(read_text(*TEMPLATE))


def _topic_view(
    scored: ScoredTopic, decision: Decision, trends: dict[str, TopicTrend]
) -> _TopicView:
    reasons = _reason_views(scored.reasons)
    shown = reasons[:MAX_REASONS] if decision is Decision.SKIP else reasons
    return _TopicView(
        rank=scored.rank,
        name=one_line(scored.topic.name),
        relevance=f"{scored.relevance:.2f}",
        sensitivity=f"{scored.sensitivity:.2f}",
        categories=tuple(one_line(c) for c in scored.categories),
        context=_clip(one_line(scored.topic.context), CONTEXT_CHARS),
        reasons=shown,
        more=len(reasons) - len(shown),
        trend=trend_label(trends.get(scored.topic.id)) if trends else "",
        css=" ".join(f"c-{_slug(c)}" for c in scored.categories) or "no-category",
    )


def _slug(category: str) -> str:
    """A category as a CSS class and id part: lower-case letters, digits and dashes only (a
    team's own rule file may name a category anything)."""
    return re.sub(r"[^a-z0-9]+", "-", category.casefold()).strip("-") or "x"


def _filter_views(topics: Sequence[ScoredTopic]) -> tuple[_FilterView, ...]:
    """The category filter's choices over the listed topics, commonest first; none when no
    topic has a category (nothing to filter by)."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    bare = 0
    for t in topics:
        slugs = {_slug(c): one_line(c) for c in t.categories}
        bare += not slugs
        for slug, label in slugs.items():
            counts[slug] = counts.get(slug, 0) + 1
            labels.setdefault(slug, label)
    if not counts:
        return ()
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    # Categories' ids and classes carry a prefix, so a category called "all" or "none" cannot
    # take the place of the two fixed choices.
    views = [_FilterView(f"f-c-{k}", f"c-{k}", labels[k], counts[k]) for k in ranked]
    if bare:
        views.append(_FilterView("f-none", "no-category", "no category", bare))
    return tuple(views)


def _reason_views(reasons: Sequence[Reason]) -> tuple[_ReasonView, ...]:
    views: dict[tuple[str, str], _ReasonView] = {}
    for reason in reasons:
        message = one_line(reason.message or reason.code)
        evidence = one_line(reason.evidence)
        if evidence and evidence in message:
            evidence = ""
        views.setdefault((message, evidence), _ReasonView(message, evidence))
    return tuple(views.values())


def _story_views(report: Report, listed: set[int]) -> tuple[_StoryView, ...]:
    return tuple(
        _StoryView(
            rank=t.rank,
            name=one_line(t.topic.name),
            decision=t.decision.value,
            reason=_reason_views((reason,))[0],
            listed=t.rank in listed,
        )
        for t, reason in brand_stories(report)
    )


def _history_view(history: History | None) -> _HistoryView | None:
    if history is None:
        return None
    if history.previous_run is None:
        return _HistoryView(previous_run="", groups=())
    return _HistoryView(
        previous_run=time_label(history.previous_run),
        groups=(
            _group("New engage opportunities", "engage", history.new_engage),
            _group("Turned never", "never", history.turned_never),
            _group("Gone since then", "gone", history.gone),
        ),
    )


def _group(title: str, css: str, changes: Sequence[TopicChange]) -> _ChangeGroup:
    return _ChangeGroup(
        title=title,
        css=css,
        changes=tuple(_ChangeView(one_line(c.name), change_label(c)) for c in changes),
    )


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
