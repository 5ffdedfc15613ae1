"""Tests for rtm_score.scorer: one brand's side of scoring, and what it keeps one copy of."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rtm_score.models import Reason, Topic
from rtm_score.profile import load_profile
from rtm_score.scorer import BrandScorer, Prepared, document_frequencies, score_brands
from rtm_score.sensitivity import load_engine
from rtm_score.text import TextPipeline

ASSETS = Path(__file__).parent / "assets" / "score"


def _scorer() -> BrandScorer:
    return BrandScorer(load_profile(ASSETS / "snack-brand.yaml"), load_engine())


def test_equal_reasons_and_reason_lists_are_kept_once() -> None:
    scorer = _scorer()
    a, b = Reason("x.a", "first"), Reason("x.b", "second")
    first = scorer._share_reasons([a, b])  # reasons never seen: a list no one kept
    # Equal but separate objects: the kept reasons come back, and from now on the list too.
    again = scorer._share_reasons([Reason("x.a", "first"), Reason("x.b", "second")])
    assert again == first and again[0] is a and again[1] is b
    assert scorer._share_reasons([Reason("x.a", "first"), Reason("x.b", "second")]) is again
    # A list with a reason never seen is new, and its known reasons are the kept copies.
    other = scorer._share_reasons([Reason("x.a", "first"), Reason("x.c", "third")])
    assert other == (a, Reason("x.c", "third")) and other[0] is a


def test_brands_of_a_group_score_as_each_alone() -> None:
    engine = load_engine()
    pipe = TextPipeline(drop_stopwords=False)
    topics = tuple(
        Topic(id=str(i), name=name, context=context)
        for i, (name, context) in enumerate(
            [
                ("#GameDay", "Snacks and wings for the big game tonight"),
                ("Ferry sinks", "Dozens are dead after a ferry sinks off the coast"),
                ("Chips", ""),
            ]
        )
    )
    analysed = tuple(pipe.analyse_topic(t.name, t.context) for t in topics)
    prepared = Prepared(topics, analysed, tuple(engine.assess_analysed(analysed, [False] * 3)))
    freq = document_frequencies(analysed)
    day = dt.date(2026, 6, 1)
    brands = [
        BrandScorer(load_profile(ASSETS / name), engine)
        for name in ("snack-brand.yaml", "fashion-brand.yaml")
    ]
    pairs = [(b, b.relevance_model(freq, 3)) for b in brands]
    together = score_brands(pairs, prepared, day)
    assert together == [b.score_chunk(m, prepared, day) for b, m in pairs]
    assert [s.decision.value for s in together[0]][1] == "never"
