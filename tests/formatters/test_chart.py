"""Tests for the report charts: one mark per topic, deterministic SVG, escaped labels, no pyplot."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rtm_score.formatters.chart import category_svg, scatter_svg
from rtm_score.models import ScoredTopic

SVG = "{http://www.w3.org/2000/svg}"


def _group(svg: str, gid: str) -> ET.Element | None:
    root = ET.fromstring(svg)  # also proves the SVG is well-formed XML
    return next((g for g in root.iter(f"{SVG}g") if g.get("id") == gid), None)


def _uses(svg: str, gid: str) -> int:
    group = _group(svg, gid)
    return 0 if group is None else sum(1 for _ in group.iter(f"{SVG}use"))


def _topics(make_scored: Callable[..., Any], n: int) -> list[ScoredTopic]:
    decisions = ("engage", "skip", "never")
    return [
        make_scored(
            f"topic {i}",
            id=str(i),
            rank=i + 1,
            decision=decisions[i % 3],
            relevance=(i * 37 % 100) / 100,
            sensitivity=(i * 11 % 100) / 100,
            categories=["death-injury"] if i % 3 == 2 else [],
        )
        for i in range(n)
    ]


def test_scatter_has_one_mark_per_topic_grouped_by_decision(
    make_scored: Callable[..., Any],
) -> None:
    svg = scatter_svg(_topics(make_scored, 10))
    assert svg.startswith('<svg class="chart" role="img" aria-label="Relevance by sensitivity')
    assert (_uses(svg, "rtm-points-engage"), _uses(svg, "rtm-points-skip")) == (4, 3)
    assert _uses(svg, "rtm-points-never") == 3


def test_scatter_scales_to_many_topics_without_labels(make_scored: Callable[..., Any]) -> None:
    svg = scatter_svg(_topics(make_scored, 300))
    assert sum(_uses(svg, f"rtm-points-{d}") for d in ("engage", "skip", "never")) == 300
    assert "<!-- 299 -->" not in svg  # ranks are only labelled on small feeds


def test_scatter_of_no_topics(make_scored: Callable[..., Any]) -> None:
    svg = scatter_svg([])
    assert _group(svg, "rtm-points-engage") is None
    assert "<!-- no topics -->" in svg


def test_out_of_range_scores_are_clamped(make_scored: Callable[..., Any]) -> None:
    svg = scatter_svg([make_scored("x", decision="engage", relevance=7.0, sensitivity=-1.0)])
    assert _uses(svg, "rtm-points-engage") == 1


def test_svg_is_deterministic_and_undated(make_scored: Callable[..., Any]) -> None:
    topics = _topics(make_scored, 12)
    first, second = scatter_svg(topics), scatter_svg(topics)
    assert first == second
    assert category_svg(topics) == category_svg(topics)
    assert "<dc:date>" not in first
    assert "<?xml" not in first and "<!DOCTYPE" not in first


def test_category_bars_split_by_decision(make_scored: Callable[..., Any]) -> None:
    topics = [
        make_scored("a", decision="never", categories=["death-injury", "violence-crime"]),
        make_scored("b", decision="never", categories=["death-injury", "death-injury"]),
        make_scored("c", decision="skip", categories=["politics"]),
        make_scored("d", decision="engage"),
    ]
    svg = category_svg(topics)
    ids = [g.get("id") or "" for g in ET.fromstring(svg).iter(f"{SVG}g")]
    bars = [i for i in ids if i.startswith("rtm-bar-")]
    assert len(bars) == len(set(bars))  # ids are unique in the page
    # One bar per category for each decision that has any (zero-width ones included).
    assert sorted(bars) == [f"rtm-bar-{d}-{i}" for d in ("never", "skip") for i in range(3)]
    assert "<!-- death-injury -->" in svg
    assert "<!-- politics -->" in svg


def test_no_categories_gives_no_chart(make_scored: Callable[..., Any]) -> None:
    assert category_svg([make_scored("a", decision="engage")]) == ""


def test_labels_are_escaped_and_not_parsed_as_math(make_scored: Callable[..., Any]) -> None:
    nasty = ["<script>alert(1)</script>", "--><img src=x onerror=alert(1)>", "$x^2$ & co"]
    svg = category_svg([make_scored("a", decision="never", categories=nasty)])
    root = ET.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith(("script", "img"))]
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg
    assert "-->" not in svg.replace(" -->", "")  # a label cannot close matplotlib's comment


def test_thread_safe_rendering(make_scored: Callable[..., Any]) -> None:
    topics = _topics(make_scored, 30)
    expected = scatter_svg(topics)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: scatter_svg(topics), range(8)))
    assert results == [expected] * 8


def test_charts_never_touch_pyplot() -> None:
    code = (
        "import sys\n"
        "from rtm_score.formatters.chart import scatter_svg\n"
        "scatter_svg([])\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"


def test_marks_on_one_spot_sit_side_by_side_under_one_label(
    make_scored: Callable[..., Any],
) -> None:
    topics = [
        make_scored("a", id="a", rank=1, decision="engage", relevance=1.0, sensitivity=0.06),
        make_scored("b", id="b", rank=7, decision="skip", relevance=1.0, sensitivity=0.05),
        make_scored("c", id="c", rank=3, decision="never", relevance=0.2, sensitivity=0.9),
    ]
    svg = scatter_svg(topics)
    assert "<!-- 1, 7 -->" in svg and "<!-- 3 -->" in svg
    assert "<!-- 1 -->" not in svg and "<!-- 7 -->" not in svg

    def xs(gid: str) -> list[float]:
        group = _group(svg, gid)
        assert group is not None
        return [float(u.get("x", "nan")) for u in group.iter(f"{SVG}use")]

    (engage_x,), (skip_x,) = xs("rtm-points-engage"), xs("rtm-points-skip")
    assert abs(engage_x - skip_x) > 6.5  # a mark is 6.5 pt wide (s=42): apart, not on top


def test_engage_marks_are_drawn_last_so_nothing_covers_an_opportunity(
    make_scored: Callable[..., Any],
) -> None:
    svg = scatter_svg(_topics(make_scored, 9))
    order = [svg.index(f'id="rtm-points-{d}"') for d in ("never", "skip", "engage")]
    assert order == sorted(order)


def test_a_large_feed_keeps_every_mark_at_its_scores(make_scored: Callable[..., Any]) -> None:
    """Past the labelled size, marks on one spot are not set side by side: a spot of hundreds
    of topics would push a row of them off the chart."""
    topics = [
        make_scored(f"t{i}", id=str(i), rank=i + 1, decision="never", sensitivity=1.0)
        for i in range(300)
    ]
    group = _group(scatter_svg(topics), "rtm-points-never")
    assert group is not None
    xs = {u.get("x") for u in group.iter(f"{SVG}use")}
    assert len(xs) == 1
