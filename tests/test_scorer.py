"""Tests for rtm_score.scorer: one brand's side of scoring, and what it keeps one copy of."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from pathlib import Path

from rtm_score.models import Reason, Topic
from rtm_score.profile import Thresholds, Voice, load_profile
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


def test_brands_with_the_same_policy_share_untouched_outcomes_and_score_as_each_alone() -> None:
    engine = load_engine()
    pipe = TextPipeline(drop_stopwords=False)
    rows = [
        ("Budget vote", "The Senate votes on the budget bill as protesters march", "FR"),
        ("Ferry sinks", "Dozens are dead after a ferry sinks off the coast", None),
        ("Poppy appeal", "Remembrance Sunday: the poppy appeal and the two-minute silence", "GB"),
        ("Armistice", "Crowds gather at the cenotaph for the two-minute silence", "US"),
        ("Munchmore recall", "Munchmore recalls its cheese puffs", None),
        ("Game night", "Popcorn and chips for game night", None),
        ("Tax filing", "The tax office extends the filing deadline by a week", "FR"),
        ("Weight loss fad", "A new weight loss fad trends", None),
    ]
    topics = tuple(
        Topic(id=str(i), name=n, context=c, region=r, date=dt.date(2026, 11, 11))
        for i, (n, c, r) in enumerate(rows)
    )
    analysed = tuple(pipe.analyse_topic(t.name, t.context) for t in topics)
    prepared = Prepared(
        topics, analysed, tuple(engine.assess_analysed(analysed, [False] * len(topics)))
    )
    snack = load_profile(ASSETS / "snack-brand.yaml")
    profiles = [
        snack,
        # Another brand with the policy's inputs of the first: other terms, regions, voice.
        dc.replace(
            load_profile(ASSETS / "fashion-brand.yaml"),
            regions=("GB", "US"),
            voice=dc.replace(snack.voice, topics=("fashion",), avoid=("politics",)),
        ),
        dc.replace(snack, name="Other Snacks", voice=dc.replace(snack.voice, avoid=())),
        dc.replace(snack, name="Stricter Snacks", thresholds=Thresholds(0.3, 0.2, 0.5)),
        dc.replace(snack, name="Political Snacks", voice=Voice(topics=("politics",))),
    ]
    brands = [BrandScorer(p, engine) for p in profiles]
    freq = document_frequencies(analysed)
    pairs = [(b, b.relevance_model(freq, len(topics))) for b in brands]
    together = score_brands(pairs, prepared, dt.date(2026, 11, 11))
    alone = [b.score_chunk(m, prepared, dt.date(2026, 11, 11)) for b, m in pairs]
    assert together == alone
    # The first two brands share the outcome of the tax topic (nothing of either touches it,
    # and the day is no observance in France), and of the budget vote (both stay out of
    # politics); alone, each made its own.
    assert {brands[0].policy, brands[1].policy} == {brands[0].policy}
    for k in (0, 6):
        assert together[0][k].reasons is together[1][k].reasons
        assert alone[0][k].reasons is not alone[1][k].reasons
    assert together[1][0].reasons[0].code == "policy.caution"
    assert together[1][0].reasons[-2] == Reason(
        "relevance.none", "no link to the brand's keywords, products or voice", "relevance 0.00",
        "profile",
    )  # fmt: skip
    # Not shared: a brand that avoids nothing, one with other thresholds, one that plays in
    # politics (the policy allows politics for it), and a topic a brand's terms touch.
    assert together[2][0].reasons is not together[0][0].reasons
    assert together[3][6].reasons is not together[0][6].reasons
    assert brands[4].policy != brands[0].policy
    assert together[1][5].reasons is not together[0][5].reasons


def test_a_threshold_of_minus_zero_is_zero() -> None:
    # Equal and one hash, so brands with 0.0 and -0.0 share outcomes: their reasons must agree.
    assert str(Thresholds(-0.0, -0.0, 0.7)) == str(Thresholds(0.0, 0.0, 0.7))
