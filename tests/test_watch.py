"""Tests for rtm_score.watch: new moments between two reports, and the watch loop over a feed
file a collector rewrites."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rtm_score.errors import RtmScoreError
from rtm_score.models import Report
from rtm_score.profile import load_profile
from rtm_score.watch import WatchEvent, events_between, watch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DAY = dt.date(2026, 2, 8)
HEADER = "id,topic,context,volume,date,region\n"
LIGHTS_OUT = (
    'bo-1,#SuperBowlBlackout,"The lights go out at the stadium in the third quarter of the Super '
    'Bowl; play is stopped for 34 minutes.",2100000,2026-02-08,US\n'
)
CRUSH = (
    'bo-2,#PowerOutage,"Power outage at the Super Bowl: fans injured in a crush on the dark '
    'concourse; two people are taken to hospital.",640000,2026-02-08,US\n'
)
PARTY = (
    'bo-4,#SuperBowlLX,"Fans gather for Super Bowl watch parties with chips.",100,2026-02-08,US\n'
)


def test_events_between_two_reports(make_scored: Callable[..., Any], make_report: Any) -> None:
    before = make_report(
        [
            make_scored("#A", id="a", decision="engage", reasons=[("policy.engage", "ok")]),
            make_scored("#B", id="b", decision="skip", reasons=[("policy.low-relevance", "low")]),
        ]
    )
    now = make_report(
        [
            make_scored("#a", id="a", decision="engage", reasons=[("policy.engage", "ok")]),
            make_scored("#B", id="b", decision="never", reasons=[("policy.floor", "shooting")]),
            make_scored(
                "#C",
                id="c",
                decision="never",
                reasons=[("policy.floor", "injuries"), ("play.blocked.x", "play 'x' is blocked")],
            ),
        ]
    )
    got = [(e.kind, e.topic, e.code) for e in events_between(before, now)]
    assert got == [
        ("never", "#B", "policy.floor"),
        ("never", "#C", "policy.floor"),
        ("play-blocked", "#C", "play.blocked.x"),
    ]  # "#a" is "#A" again: not new
    assert [e.kind for e in events_between(None, before)] == ["engage"]
    assert events_between(now, now) == []
    event = events_between(None, before)[0]
    assert json.loads(event.to_json())["topic"] == "#A"


def test_the_watch_rescores_when_the_feed_changes(tmp_path: Path) -> None:
    profile = load_profile(EXAMPLES / "brands" / "crunchwell-snacks.yaml")
    feed = tmp_path / "live.csv"
    writes = [
        HEADER + PARTY,
        HEADER + PARTY + LIGHTS_OUT,
        "id,topic\n\x00\x00 half-written",  # a collector caught mid-write
        HEADER + PARTY + LIGHTS_OUT + CRUSH,
    ]
    seen: list[Sequence[WatchEvent]] = []
    errors: list[RtmScoreError] = []
    ticks = [0]

    def tick(_seconds: float) -> None:  # instead of sleeping: the collector writes the next
        i = ticks[0]
        ticks[0] += 1
        if i + 1 < len(writes):
            feed.write_text(writes[i + 1], encoding="utf-8")
            os.utime(feed, ns=(10**9 * (i + 2), 10**9 * (i + 2)))

    feed.write_text(writes[0], encoding="utf-8")
    os.utime(feed, ns=(10**9, 10**9))
    last = watch(
        feed,
        profile,
        on_report=lambda report, events: seen.append(events),
        on_error=errors.append,
        today=DAY,
        stop=lambda: ticks[0] > len(writes),
        sleep=tick,
    )
    assert isinstance(last, Report)
    kinds = [[(e.kind, e.topic) for e in events] for events in seen]
    assert kinds[0] == [("engage", "#SuperBowlLX")]
    assert kinds[1] == [("engage", "#SuperBowlBlackout")]  # the prepared play's moment
    # The half-written file is reported and the last good report kept: no moment is new twice.
    assert len(errors) == 1 and "no readable topics" in str(errors[0])
    assert kinds[2] == [("never", "#PowerOutage"), ("play-blocked", "#PowerOutage")]
    assert len(seen) == 3
    assert {t.topic.id for t in last.topics} == {"bo-1", "bo-2", "bo-4"}


def test_an_event_is_one_line_of_json_with_its_invisible_characters_escaped() -> None:
    topic = "chips \u202eevil\u202c\u2028tail\x85\x9b\u200b"
    event = WatchEvent("engage", topic, "t1", "engage", 1, "policy.engage", "engage it")
    line = event.to_json()
    assert line.isascii() and len(line.splitlines()) == 1
    assert json.loads(line)["topic"] == topic
