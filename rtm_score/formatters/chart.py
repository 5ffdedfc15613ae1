"""The report's pictures, drawn with matplotlib and returned as inline SVG markup.

Figures are made with ``matplotlib.figure.Figure`` on the SVG canvas directly, never through
pyplot: no global figure registry, no GUI backend, no display, safe to call from several threads.
Output is deterministic: no date in the metadata, and SVG ids come from a fixed hash salt.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..models import Decision

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..models import ScoredTopic

__all__ = [
    "DECISION_COLORS",
    "POINTS_GID",
    "category_svg",
    "scatter_svg",
]

DECISION_COLORS = {
    Decision.ENGAGE: "#1a7f37",
    Decision.SKIP: "#8c959f",
    Decision.NEVER: "#cf222e",
}
"""One colour per decision, shared with the HTML page's CSS."""

_MARKERS = {Decision.ENGAGE: "o", Decision.SKIP: "s", Decision.NEVER: "X"}
"""Shapes differ too, so the chart still reads in greyscale or for colour-blind readers."""

POINTS_GID = "rtm-points-{decision}"
"""SVG id of the group holding one mark per topic of a decision (``rtm-points-engage``...)."""

CHART_WIDTH = 4.8
"""Inches. The page scales a chart to its column; drawn this wide, its 8-9 pt text stays
readable on a 390 px phone screen (a 6.4 in chart came out at about 5 px there)."""

RANK_LABELS_UP_TO = 40
"""Points are labelled with their rank when the feed has at most this many topics."""

MAX_CATEGORIES = 15

LABEL_CHARS = 28
"""Category labels are cut to this length so a long name cannot squeeze the bars away."""

_HASH_SALT = "rtm-score"
_setup_lock = threading.Lock()


def scatter_svg(topics: Sequence[ScoredTopic]) -> str:
    """Relevance (x) by sensitivity (y), one mark per topic, coloured and shaped by decision.

    Each decision's marks are grouped under the SVG id ``rtm-points-<decision>``, one ``<use>``
    element per topic. Never is drawn first and engage last, so an opportunity is never under
    another mark; topics that fall on the same spot are set side by side and share one label
    ("1, 7"). Points carry their rank as a label when there are few topics.
    """

    fig = _figure(CHART_WIDTH, 4.4)
    ax = fig.add_subplot()
    groups = _spot_groups(topics)
    # Only a feed small enough to label is set side by side: in a large one a spot can hold
    # hundreds of topics, and a row of them would leave the chart.
    spots = _places(groups, dodge=len(topics) <= RANK_LABELS_UP_TO)
    handles: dict[Decision, Any] = {}
    for layer, decision in enumerate(reversed(Decision)):
        members = [t for t in topics if t.decision is decision]
        if not members:
            continue
        handles[decision] = ax.scatter(
            [spots[id(t)][0] for t in members],
            [spots[id(t)][1] for t in members],
            s=42,
            c=DECISION_COLORS[decision],
            marker=_MARKERS[decision],
            alpha=0.9,
            linewidths=0.6,
            edgecolors="white",
            label=f"{decision.value} ({len(members)})",
            gid=POINTS_GID.format(decision=decision.value),
            zorder=3 + layer,
        )
    if len(topics) <= RANK_LABELS_UP_TO:
        for members in groups:  # one label per spot, at its right-most mark
            ax.annotate(
                ", ".join(str(t.rank) for t in members),
                max((spots[id(t)] for t in members), key=lambda xy: xy[0]),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=8,
                color="#57606a",
                parse_math=False,
                zorder=7,
            )
    _scatter_axes(ax, bool(topics))
    if handles:  # the legend follows the page (engage first), not the drawing order
        shown = [handles[d] for d in Decision if d in handles]
        ax.legend(
            shown,
            [str(h.get_label()) for h in shown],
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=3,
            frameon=False,
            fontsize=9,
        )
    return _svg(fig, "Relevance by sensitivity, one point per topic, coloured by decision")


SPOT = 0.025
"""Topics within this distance on both axes share a spot: their marks are set side by side."""
DODGE = 0.028
"""How far apart (in axis units, about the width of one mark) marks on one spot are set."""


def _spot_groups(topics: Sequence[ScoredTopic]) -> list[list[ScoredTopic]]:
    """The topics grouped by the spot they fall on, each group in rank order."""
    groups: dict[tuple[int, int], list[ScoredTopic]] = {}
    for t in sorted(topics, key=lambda t: t.rank):
        key = round(_unit(t.relevance) / SPOT), round(_unit(t.sensitivity) / SPOT)
        groups.setdefault(key, []).append(t)
    return list(groups.values())


def _places(
    groups: Sequence[Sequence[ScoredTopic]], *, dodge: bool
) -> dict[int, tuple[float, float]]:
    """Where each topic's mark goes: its scores, or, with ``dodge`` when several share a spot,
    side by side around their first topic's place (best rank in the middle of the row)."""
    out: dict[int, tuple[float, float]] = {}
    for members in groups:
        x0, y0 = _unit(members[0].relevance), _unit(members[0].sensitivity)
        for i, t in enumerate(members):
            if len(members) == 1 or not dodge:
                out[id(t)] = (_unit(t.relevance), _unit(t.sensitivity))
            else:
                out[id(t)] = (x0 + (i - (len(members) - 1) / 2) * DODGE, y0)
    return out


def _scatter_axes(ax: Any, any_topics: bool) -> None:
    from matplotlib.ticker import MultipleLocator

    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.03, 1.03)
    ax.xaxis.set_major_locator(MultipleLocator(0.2))
    ax.yaxis.set_major_locator(MultipleLocator(0.2))
    ax.tick_params(labelsize=9)
    ax.set_xlabel("relevance to the brand →")
    ax.set_ylabel("sensitivity →")
    ax.grid(True, color="#d0d7de", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not any_topics:
        ax.text(0.5, 0.5, "no topics", ha="center", va="center", transform=ax.transAxes)


def category_svg(topics: Sequence[ScoredTopic]) -> str:
    """Horizontal bars: topics per sensitivity category, split by decision; ``""`` if none.

    A topic counts once in each of its categories. The most frequent categories are shown.
    """
    from matplotlib.ticker import MaxNLocator

    per_category: Counter[str] = Counter()
    per_pair: Counter[tuple[str, Decision]] = Counter()
    for t in topics:
        for category in dict.fromkeys(t.categories):  # a category listed twice counts once
            per_category[category] += 1
            per_pair[category, t.decision] += 1
    if not per_category:
        return ""
    names = sorted(per_category, key=lambda c: (-per_category[c], c))[:MAX_CATEGORIES]
    names.reverse()  # barh draws bottom-up; the largest goes on top

    fig = _figure(CHART_WIDTH, 1.2 + 0.32 * len(names))
    ax = fig.add_subplot()
    positions = list(range(len(names)))
    left = [0] * len(names)
    for decision in Decision:
        widths = [per_pair[name, decision] for name in names]
        if not any(widths):
            continue
        bars = ax.barh(
            positions,
            widths,
            left=left,
            color=DECISION_COLORS[decision],
            label=decision.value,
            height=0.7,
        )
        for i, bar in enumerate(bars.patches):
            bar.set_gid(f"rtm-bar-{decision.value}-{i}")  # SVG ids must be unique in a page
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(positions, labels=[_clip(n, LABEL_CHARS) for n in names], parse_math=False)
    ax.tick_params(labelsize=9)
    ax.set_xlabel("topics")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, frameon=False, fontsize=9)
    return _svg(fig, "Topics per sensitivity category, split by decision")


def _unit(value: float) -> float:
    """A score clamped to [0, 1] so a stray value still lands on the chart."""
    return min(max(float(value), 0.0), 1.0)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    _deterministic_ids()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasSVG(fig)
    return fig


def _deterministic_ids() -> None:
    # The SVG backend derives element ids from a hash salted with this setting, or with a fresh
    # uuid4 per file when it is unset. There is no per-figure option, so we set it once (only if
    # the host application has not chosen its own salt); the value never changes afterwards.
    import matplotlib as mpl

    with _setup_lock:
        if mpl.rcParams["svg.hashsalt"] is None:
            mpl.rcParams["svg.hashsalt"] = _HASH_SALT


def _svg(fig: Figure, label: str) -> str:
    """The figure as an ``<svg>`` element for inline HTML (no XML prolog, scalable, labelled)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "rtm-score"})
    text = buffer.getvalue()
    start = text.index("<svg")
    # ``label`` is our own constant text, never feed text; it needs no escaping.
    return text[start:].replace("<svg ", f'<svg class="chart" role="img" aria-label="{label}" ', 1)
