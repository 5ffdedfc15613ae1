"""Tests for rtm_score.signals.brand: is a topic about the brand or a competitor, and is it bad
news for them."""

from __future__ import annotations

import numpy as np
import pytest

from rtm_score.signals.brand import NEGATIVE_KINDS, BrandStoryModel, StoryFinder
from rtm_score.signals.textmodel import Head, TextModel
from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)


def analysed(name: str, context: str = "") -> object:
    return PIPE.analyse_topic(name, context)


def toy_model() -> BrandStoryModel:
    """A two-term model: "recall" is bad news, "celebrat" good; cuts 0.4 and 0.7."""
    vocab = ["recal", "celebr"]
    negative = Head("negative", ("False", "True"), np.array([[6.0, -6.0]]), np.array([0.0]))
    kinds = ("complaint", "milestone", "recall-safety")
    kind = Head(
        "kind",
        kinds,
        np.array([[0.0, 0.0], [0.0, 5.0], [5.0, 0.0]]),
        np.zeros(3),
    )
    model = TextModel(vocab, np.ones(2), {"negative": negative, "kind": kind})
    return BrandStoryModel(model, negative_cut=0.4, never_cut=0.7)


@pytest.fixture
def finder() -> StoryFinder:
    return StoryFinder(("Crunchwell Snacks", "Crunchwell"), ("Snackerly",), toy_model())


def test_the_brand_in_the_name_or_the_first_sentence_is_the_story(finder: StoryFinder) -> None:
    name, first, late, none = finder.find(
        [
            analysed("#Crunchwell recall", "Kettle chips recalled over glass fragments"),
            analysed("Kettle chips", "Crunchwell recalls kettle chips. Shoppers return bags."),
            analysed("Kettle chips", "A recall of kettle chips. Crunchwell is one of many brands."),
            analysed("#GameNight", "Chips and dips for the big game"),
        ]
    )
    assert name is not None and (name.company, name.own, name.where) == (
        "Crunchwell",
        True,
        "name",
    )
    assert first is not None and first.where == "context"
    assert late is None  # named further down: mentioned, not the story
    assert none is None


def test_verdicts_and_kinds_follow_the_two_cuts(finder: StoryFinder) -> None:
    bad, good = finder.find(
        [analysed("#Crunchwell", "Crunchwell recalls chips"), analysed("Crunchwell celebrates")]
    )
    assert bad is not None and bad.verdict == "bad" and bad.kind == "recall-safety"
    assert bad.negative and bad.kind in NEGATIVE_KINDS
    assert good is not None and good.verdict == "fine" and good.kind == "milestone"
    assert not good.negative
    neutral = finder.find([analysed("Crunchwell", "Crunchwell news today")])[0]
    assert neutral is not None and neutral.verdict == "unsure"  # P 0.5: read it first
    assert neutral.kind in NEGATIVE_KINDS


def test_a_competitor_is_found_and_the_brand_wins_a_tie(finder: StoryFinder) -> None:
    rival, both = finder.find(
        [
            analysed("Snackerly recall", "Snackerly recalls cookies"),
            analysed("Snackerly vs Crunchwell", "Snackerly and Crunchwell recall chips"),
        ]
    )
    assert rival is not None and (rival.company, rival.own) == ("Snackerly", False)
    assert both is not None and both.own


def test_the_brand_words_are_left_out_of_what_the_model_reads() -> None:
    # A brand named "Recall Foods" must not read as a recall because of its own name.
    finder = StoryFinder(("Recall Foods",), (), toy_model())
    (s,) = finder.find([analysed("Recall Foods", "Recall Foods celebrates 50 years")])
    assert s is not None and s.verdict == "fine"


def test_the_packaged_model_loads_with_its_cuts() -> None:
    model = BrandStoryModel.load()
    assert 0 < model.negative_cut <= model.never_cut < 1
    assert set(model.model.heads) == {"negative", "kind"}
    assert set(model.model.heads["kind"].classes) >= NEGATIVE_KINDS
    assert model.model.metadata["script"] == "scripts/fit_brand_stories.py"


def test_an_abbreviation_does_not_end_the_first_sentence(finder: StoryFinder) -> None:
    (s,) = finder.find(
        [analysed("Recall", "The U.S. safety agency says Crunchwell recalls chips. More later.")]
    )
    assert s is not None and s.where == "context"


def test_in_a_context_a_product_is_found_where_it_is_written_as_a_name() -> None:
    finder = StoryFinder(("Skyward Air", "Weekend Getaways"), (), toy_model())
    plain, named, shouting, lower, trend = finder.find(
        [
            analysed("Black Friday flight deals", "Airlines start deals on weekend getaways."),
            analysed("Black Friday", "Weekend Getaways by Skyward Air recalled from sale."),
            analysed("Black Friday", "WEEKEND GETAWAYS RECALLED"),
            analysed("Black Friday", "skyward air recalls its weekend getaways"),
            analysed("weekend getaways", "Airlines start deals on weekend getaways."),
        ]
    )
    assert plain is None  # the common words of a product name, not the product
    assert named is not None and named.company == "Weekend Getaways"
    assert shouting is not None  # capitals throughout still write the name
    assert lower is not None  # an all-lower-case context cannot tell names; every match counts
    assert trend is not None and trend.where == "name"  # a trend's own name is not cased


def test_packaged_brand_story_model_reproduces_its_recorded_checks() -> None:
    import json

    from rtm_score.resources import read_text
    from rtm_score.signals.brand import BrandStoryModel
    from rtm_score.text import TextPipeline

    data = json.loads(read_text("models", "brand-story.json"))
    checks = data["checks"]
    assert len(checks) >= 4
    pipe = TextPipeline(drop_stopwords=False)
    got = BrandStoryModel.load().kinds([pipe.analyse_topic("", c["text"]).terms for c in checks])
    for c, (kind, p, verdict) in zip(checks, got, strict=True):
        assert (kind, verdict) == (c["kind"], c["verdict"]), c["text"]
        assert abs(p - c["p_negative"]) < 1e-4, c["text"]
