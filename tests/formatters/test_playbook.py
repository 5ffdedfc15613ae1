"""Tests for the playbook output: the day's moments with their plays, blocked plays, the brand
in the news and the never list, as Markdown with feed text escaped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from markdown_it import MarkdownIt

from rtm_score.formatters import render_report
from rtm_score.formatters.playbook import render
from rtm_score.models import Report

MD = MarkdownIt("commonmark")


def day(
    make_scored: Callable[..., Any], make_report: Callable[..., Report], name: str = ""
) -> Report:
    return make_report(
        [
            make_scored(
                f"#SuperBowlBlackout{name}",
                decision="engage",
                id="p",
                reasons=[
                    ("play.blackout", "a prepared play fits the moment: Crunch in the dark.",
                     "approved by Maya until 2026-02-15"),
                    ("policy.engage", "relevant and safe"),
                ],
            ),
            make_scored(
                "#SuperBowlLX",
                decision="engage",
                id="o",
                reasons=[("policy.engage", "relevant and safe"),
                         ("relevance.match", "mentions the brand's terms", "keyword 'chips'")],
            ),
            make_scored(
                "#PowerOutage",
                decision="never",
                id="b",
                reasons=[
                    ("policy.floor", "sensitive (death-injury): never engage"),
                    ("play.blocked.blackout", "prepared play 'blackout' is blocked: injuries"),
                ],
            ),
            make_scored(
                "#Crunchwell",
                decision="never",
                id="s",
                reasons=[("brand.in-the-news", "the brand itself is the story: listen first")],
            ),
            make_scored(
                "#PiDay",
                id="u",
                reasons=[
                    ("policy.low-relevance", "not relevant enough"),
                    ("play.unusable.pi-day", "prepared play 'pi-day' fits, but it is not approved"),
                ],
            ),
        ]
    )  # fmt: skip


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].rsplit(" (", 1)[0]
            out[current] = []
        elif line.startswith("- ") and current:
            out[current].append(line)
    return out


def test_the_day_in_the_order_a_team_acts(make_scored: Any, make_report: Any) -> None:
    text = render(day(make_scored, make_report))
    got = sections(text)
    assert list(got) == [
        "Play now: a prepared play fits",
        "Listen first: the brand in the news",
        "Other opportunities",
        "Blocked plays: not today",
        "Stay out",
        "Plays that cannot be used",
    ]
    (play,) = got["Play now: a prepared play fits"]
    assert play.startswith("- **#SuperBowlBlackout** (#1, engage): a prepared play fits")
    assert "Crunch in the dark. (approved by Maya until 2026-02-15)" in play
    assert got["Other opportunities"] == [
        "- **#SuperBowlLX** (#2, engage): mentions the brand's terms (keyword 'chips')"
    ]
    assert "is blocked: injuries" in got["Blocked plays: not today"][0]
    assert "listen first" in got["Listen first: the brand in the news"][0]
    assert len(got["Stay out"]) == 2
    assert "pi-day" in got["Plays that cannot be used"][0]
    assert render_report(day(make_scored, make_report), "playbook") == text


def test_top_keeps_the_first_of_each_list(make_scored: Any, make_report: Any) -> None:
    got = sections(render(day(make_scored, make_report), top=1))
    assert got["Stay out"][-1] == "- … and 1 more"
    assert "**2 engage · 2 never · 1 skip" in render(day(make_scored, make_report), top=1)


@pytest.mark.parametrize(
    "payload", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "**bold** | cell"]
)
def test_feed_text_is_escaped(payload: str, make_scored: Any, make_report: Any) -> None:
    html = MD.render(render(day(make_scored, make_report, payload)))
    assert "<script" not in html and "<a " not in html
    assert html.count("<strong>") == 8  # the counts and the seven listed names, no more


def test_an_empty_day_says_none(make_report: Any) -> None:
    text = render(make_report([]))
    assert text.count("None.") == 6
