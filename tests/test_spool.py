"""Tests for rtm_score.spool: a large feed's prepared chunks wait on disk between the passes,
and the reports are the same as when they stay in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score import api, spool
from rtm_score.models import Topic
from rtm_score.profile import load_profile
from rtm_score.sensitivity import load_engine
from rtm_score.spool import PreparedFeed

ASSETS = Path(__file__).parent / "assets" / "score"
MixedFeed = Callable[[int], list[Topic]]
"""The ``mixed_feed`` fixture (tests/conftest.py)."""
DAY = dt.date(2026, 6, 1)


@pytest.mark.usefixtures("small_chunks")
def test_spooled_reports_equal_the_in_memory_ones(
    monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    brands = [
        load_profile(ASSETS / "snack-brand.yaml"),
        load_profile(ASSETS / "fashion-brand.yaml"),
    ]
    topics = mixed_feed(30)
    kept = list(api.iter_brands(brands, topics, today=DAY))
    monkeypatch.setattr(spool, "SPOOL_AT", 10)
    spooled = list(api.iter_brands(brands, topics, today=DAY))
    assert spooled == kept
    assert {s.decision.value for r in kept for s in r.topics} == {"engage", "skip", "never"}


@pytest.mark.usefixtures("small_chunks")
def test_a_spooled_feed_reads_back_every_chunk_for_each_brand(mixed_feed: MixedFeed) -> None:
    topics = mixed_feed(10)
    engine = load_engine()
    with PreparedFeed(topics, engine, spool_at=5) as prepared:
        assert prepared.spooled
        for _brand in range(2):
            chunks = list(prepared)
            assert [len(c.topics) for c in chunks] == [4, 4, 2]
            assert [t for c in chunks for t in c.topics] == topics
            assert [len(c.analysed) for c in chunks] == [4, 4, 2]
        assert prepared.n_docs == 10
        whole = api.prepare_topics(topics, engine)
        assert [a for c in prepared for a in c.assessments] == list(whole.assessments)
    assert not prepared.spooled  # closed on leaving the block
    assert list(prepared) == []


def test_small_feeds_stay_in_memory(mixed_feed: MixedFeed) -> None:
    with PreparedFeed(mixed_feed(3), load_engine()) as prepared:
        assert not prepared.spooled
        assert sum(prepared.doc_freq.values()) > 0


def test_a_failure_while_preparing_closes_the_spool(
    monkeypatch: pytest.MonkeyPatch, mixed_feed: MixedFeed
) -> None:
    engine = load_engine()
    opened: list[object] = []
    real = spool.tempfile.TemporaryFile

    def spy() -> object:
        fh = real()
        opened.append(fh)
        return fh

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("assess failed")

    monkeypatch.setattr(spool.tempfile, "TemporaryFile", spy)
    monkeypatch.setattr(engine, "assess_analysed", boom)
    with pytest.raises(RuntimeError, match="assess failed"):
        PreparedFeed(mixed_feed(10), engine, spool_at=5)
    assert len(opened) == 1
    assert opened[0].closed  # type: ignore[attr-defined]
