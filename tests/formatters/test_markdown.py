"""Tests for the Markdown report: content, order, history sections and escaping of feed text.

The escaping tests render our Markdown with markdown-it-py (CommonMark plus GFM tables; it
comes with rich) and check the resulting HTML, which is what a chat or mail client would show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from markdown_it import MarkdownIt

from rtm_score.formatters.markdown import md_text, render, time_label, trend_label
from rtm_score.models import Decision, History, Report, TopicChange, TopicTrend

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/p.png)",
    "a | b | c",
    "`code` and ``more``",
    "*bold* _em_ ~~gone~~",
    "line one\nline two\r\n| x | y |",
    "&lt;b&gt;entity&#33;",
    "# heading",
    "> quoted <!-- comment --> <?php ?> <https://evil.example>",
    "1984. list",
    "\\| backslash pipe",
]

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S) for row in rows]


def _section_positions(text: str) -> list[int]:
    return [text.index(f"## {title}") for title in ("Engage", "Never", "The rest")]


def test_mixed_day_content_and_order(mixed_day_report: Report) -> None:
    out = render(mixed_day_report)
    assert out.startswith("# Trend report: Northwind Apparel\n")
    assert "**2 engage · 1 never · 3 skip — 6 topics, 2 unreadable rows**" in out
    engage, never, skip = _section_positions(out)
    assert engage < never < skip
    # Engage first, with its reasons; never with why; the rest after.
    assert out.index("#AutumnLooks") < never
    assert "Matches the brand's keywords" in out[engage:never]
    assert never < out.index("#Aurora") < skip
    assert "| Why |" in out[never:skip]
    assert "death-injury, violence-crime" in out
    assert "## Unreadable feed rows (2)" in out
    assert "| 12 | volume 'lots' is not a number |" in out
    assert "Generated 2026-11-22 07:30 +01:00" in out
    assert "Trending" not in out  # no history: no trend column
    assert out.endswith("|\n") and not out.endswith("\n\n")


def test_render_is_pure_and_deterministic(mixed_day_report: Report) -> None:
    assert render(mixed_day_report) == render(mixed_day_report)
    assert all(line == line.rstrip() for line in render(mixed_day_report).splitlines())


def test_top_lists_the_first_ranks_and_keeps_whole_counts(mixed_day_report: Report) -> None:
    out = render(mixed_day_report, top=2)
    assert "2 engage · 1 never · 3 skip — 6 topics, showing the top 2" in out
    assert "#Aurora" not in out
    assert "## Never: stay out (0)\n\nNone." in out


def test_empty_report_says_none(make_report: Callable[..., Report]) -> None:
    out = render(make_report([]))
    assert "0 engage · 0 never · 0 skip — 0 topics" in out
    assert out.count("None.") == 3


def test_reasons_show_evidence_and_skip_is_capped(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    reasons = [(f"r{i}", f"reason {i}", f"ev{i}") for i in range(5)]
    report = make_report(
        [
            make_scored("Hot", decision="engage", reasons=reasons),
            make_scored("Meh", decision="skip", reasons=reasons),
        ]
    )
    out = render(report)
    assert "reason 0 (ev0); reason 1 (ev1); reason 2 (ev2); reason 3 (ev3); reason 4 (ev4)" in out
    assert "reason 0 (ev0); reason 1 (ev1); reason 2 (ev2) (+2 more)" in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_feed_text_renders_literally_in_cells(
    payload: str, make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    report = make_report(
        [
            make_scored(
                payload,
                decision="never",
                categories=[payload],
                reasons=[("x", payload, payload)],
            )
        ],
        errors=[(3, payload)],
    )
    html = MD.render(render(report))
    for tag in ("<script", "<img", "<a ", "<em>", "<code>", "<s>", "<del>", "<ol", "<h1>#"):
        assert tag not in html, tag
    literal = " ".join(payload.replace("\r\n", " ").replace("\n", " ").split())
    escaped = literal.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    tables = _cells(html)
    topic_rows = [row for row in tables if len(row) == 6 and row[0] == "1"]
    assert len(topic_rows) == 1, tables  # one row, six cells: the payload split nothing
    assert topic_rows[0][1] == escaped
    assert topic_rows[0][4] == escaped
    assert [row for row in tables if row[0] == "3"] == [["3", escaped]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_feed_text_renders_literally_in_history_lists(
    payload: str, make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    report = make_report([make_scored(payload, decision="engage")])
    history = History(
        previous_run=dt.datetime(2026, 11, 21, 7, 30, tzinfo=dt.UTC),
        new_engage=(TopicChange(payload, "1", Decision.ENGAGE, None),),
        gone=(TopicChange(payload, "9", None, Decision.NEVER),),
    )
    html = MD.render(render(dataclasses.replace(report, history=history)))
    items = re.findall(r"<li>(.*?)</li>", html, flags=re.S)
    literal = " ".join(payload.replace("\r\n", " ").replace("\n", " ").split())
    escaped = literal.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    assert f"{escaped} (new)" in items
    assert f"{escaped} (was never)" in items


def test_md_text_escapes_what_markdown_acts_on() -> None:
    assert md_text("a|b") == "a\\|b"
    assert md_text("<b>*x*</b>") == "\\<b>\\*x\\*\\</b>"
    assert md_text("0.35 >= 0.30; 0.00 < 0.35 <3") == "0.35 >= 0.30; 0.00 < 0.35 <3"
    assert md_text("<https://evil.example>") == "\\<https://evil.example>"
    assert md_text("> quote", block_start=True) == "\\> quote"
    assert md_text("two\nlines") == "two lines"
    assert md_text("AT&T &amp;") == "AT&T \\&amp;"
    assert md_text("#tag") == "#tag"  # inside a cell a hash is just text
    assert md_text("#tag", block_start=True) == "\\#tag"
    assert md_text("2026. year", block_start=True) == "2026\\. year"
    assert md_text("esc\x1b[2J") == "esc␛\\[2J"


def test_history_sections_and_trending(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    report = make_report(
        [
            make_scored("Knitwear", id="k", decision="engage"),
            make_scored("#Aurora", id="a", decision="never"),
            make_scored("Cup final", id="c", decision="skip"),
        ]
    )
    since = dt.datetime(2026, 11, 19, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    history = History(
        previous_run=dt.datetime(2026, 11, 21, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        previous_feed="day1.csv",
        new_engage=(TopicChange("Knitwear", "k", Decision.ENGAGE, Decision.SKIP),),
        turned_never=(TopicChange("#Aurora", "a", Decision.NEVER, Decision.ENGAGE),),
        gone=(TopicChange("Old news", "d", None, Decision.SKIP),),
        trends=(
            TopicTrend("k", "Knitwear", since, 3),
            TopicTrend("a", "#Aurora", report.generated_at, 1),
            TopicTrend("c", "Cup final", since, 2),
        ),
    )
    out = render(dataclasses.replace(report, history=history))
    changes = out.index("## New since the previous run (2026-11-21 07:30 +01:00)")
    assert changes < _section_positions(out)[0]  # what changed comes before the lists
    assert "**New engage opportunities (1)**\n\n- Knitwear (was skip)" in out
    assert "**Turned never (1)**\n\n- \\#Aurora (was engage)" in out
    assert "**Gone since then (1)**\n\n- Old news (was skip)" in out
    assert "| Trending |" in out
    assert "| trending for 3 runs, since 2026-11-19 07:30 +01:00 |" in out
    assert "| trending for 2 runs, since 2026-11-19 07:30 +01:00 |" in out
    assert "| new |" in out


def test_first_recorded_run(make_report: Callable[..., Report]) -> None:
    report = dataclasses.replace(make_report([]), history=History(previous_run=None))
    out = render(report)
    assert "First recorded run for this brand; changes show from the next run." in out
    assert "New since" not in out


def test_empty_change_lists_say_none(make_report: Callable[..., Report]) -> None:
    history = History(previous_run=dt.datetime(2026, 11, 21, 7, 30))
    out = render(dataclasses.replace(make_report([]), history=history))
    assert "## New since the previous run (2026-11-21 07:30)" in out
    assert out.count("- none") == 3


def test_time_and_trend_labels() -> None:
    assert time_label(dt.datetime(2026, 1, 2, 3, 4)) == "2026-01-02 03:04"
    assert time_label(dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)) == "2026-01-02 03:04 UTC"
    minus = dt.timezone(-dt.timedelta(hours=5, minutes=30))
    assert time_label(dt.datetime(2026, 1, 2, 3, 4, tzinfo=minus)) == "2026-01-02 03:04 -05:30"
    assert trend_label(None) == ""
    assert trend_label(TopicTrend("1", "x", dt.datetime(2026, 1, 1), 1)) == "new"
    rising = TopicTrend("1", "x", dt.datetime(2026, 1, 1), 3, "rising", 0.4)
    assert (
        trend_label(rising) == "trending for 3 runs, since 2026-01-01 00:00; rising (+40% volume)"
    )
    fading = TopicTrend("1", "x", dt.datetime(2026, 1, 1), 2, "fading", -0.25)
    assert trend_label(fading).endswith("; fading (-25% volume)")


def test_brand_stories_come_first_in_their_own_section(story_report: Report) -> None:
    out = render(story_report, top=1)
    stories = out.index("## The brand in the news (4)")
    assert stories < out.index("## Engage opportunities")
    section = out[stories : out.index("## Engage opportunities")]
    # Every story, most urgent first, even those below top; with what to do.
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split(" | ")[1] for r in rows[1:]] == [
        "#AcmeRecall",
        "#Acme",
        "Snackco recall",
        "Acme 50 years",
    ]
    assert "| never | listen first (Acme in the topic's name) |" in section
    assert "The brand in the news" not in render(
        dataclasses.replace(story_report, topics=story_report.topics[:1])
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_feed_text_renders_literally_in_the_story_section(
    payload: str, make_story_report: Callable[[str], Report]
) -> None:
    html = MD.render(render(make_story_report(payload)))
    section = html[html.index("The brand in the news") : html.index("Engage opportunities")]
    assert "<script" not in section and "<img" not in section and "<a " not in section
    assert len(_cells(section)) == 5  # the header and four stories: no row broken
