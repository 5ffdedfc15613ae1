"""Tests for rtm_score.ranking: the ranking rule, and momentum among equally relevant topics."""

from __future__ import annotations

import dataclasses
import datetime as dt

from rtm_score.models import Decision, Reason, Report, ScoredTopic, Topic, TopicTrend
from rtm_score.ranking import MOMENTUM_CODE, by_momentum, rank_key

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
PLAY = Reason("play.big-game", "a prepared play fits", "", "profile")
FIT = Reason("relevance.match", "mentions the brand's terms", "chips", "profile")


def scored(name: str, decision: str, relevance: float, sensitivity: float = 0.1,
           reasons: tuple[Reason, ...] = (FIT,)) -> ScoredTopic:  # fmt: skip
    return ScoredTopic(0, Topic(id=name, name=name), Decision(decision), relevance, sensitivity,
                       reasons=reasons)  # fmt: skip


def report(*topics: ScoredTopic) -> Report:
    ranked = tuple(dataclasses.replace(t, rank=i) for i, t in enumerate(topics, 1))
    return Report(brand="Acme", generated_at=NOW, version="0", topics=ranked)


def names(r: Report) -> list[str]:
    return [t.topic.name for t in sorted(r.topics, key=lambda t: t.rank)]


def test_rank_key_puts_plays_first_then_fit_and_never_by_sensitivity() -> None:
    topics = [
        scored("skip-high", "skip", 0.9), scored("never-mild", "never", 0.9, 0.8),
        scored("engage-fit", "engage", 0.9), scored("engage-play", "engage", 0.4, reasons=(PLAY,)),
        scored("never-grave", "never", 0.1, 0.99), scored("engage-low", "engage", 0.5),
    ]  # fmt: skip
    assert [t.topic.name for t in sorted(topics, key=rank_key)] == [
        "engage-play", "engage-fit", "engage-low", "skip-high", "never-grave", "never-mild",
    ]  # fmt: skip


def trend(name: str, momentum: str = "", runs: int = 2, change: float | None = None) -> TopicTrend:
    return TopicTrend(name, name, NOW, runs, momentum, change)


def test_only_topics_equal_at_two_decimals_are_reordered() -> None:
    r = report(scored("a", "engage", 1.0), scored("b", "engage", 0.999),
               scored("c", "engage", 0.9), scored("d", "skip", 0.9))  # fmt: skip
    trends = {"b": trend("b", "rising", change=0.5), "c": trend("c", "rising", change=0.9),
              "d": trend("d", "rising")}  # fmt: skip
    got = by_momentum(r, trends)
    assert names(got) == ["b", "a", "c", "d"]  # 0.999 shows as 1.00: tied with a
    b = next(t for t in got.topics if t.topic.name == "b")
    assert b.reasons[-1].code == MOMENTUM_CODE
    assert b.reasons[-1].evidence == "rising, +50% volume; trending for 2 runs"


def test_plays_are_not_mixed_with_other_opportunities() -> None:
    r = report(scored("play", "engage", 1.0, reasons=(PLAY,)), scored("hot", "engage", 1.0))
    assert names(by_momentum(r, {"hot": trend("hot", "rising"), "play": trend("play", "fading")})
                 ) == ["play", "hot"]  # fmt: skip


def test_without_trends_nothing_moves() -> None:
    r = report(scored("a", "engage", 1.0), scored("b", "engage", 1.0))
    assert by_momentum(r, {}) == r
