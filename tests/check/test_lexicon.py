"""The check's packaged word lists: headers, and their own examples run as tests."""

from __future__ import annotations

import pytest

from rtm_score.check.lexicon import (
    CauseTags,
    PromoMatcher,
    cause_tags,
    examples,
    promo_matcher,
)
from rtm_score.resources import read_text

DATA_FILES = ("promo_phrases.txt", "cause_hashtags.txt")


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_files_carry_provenance(name: str) -> None:
    text = read_text("check", name)
    for key in ("# source:", "# license:", "# retrieved:", "# format:"):
        assert key in text, f"{name} lacks a {key} header line"


@pytest.mark.parametrize("text", examples("promo_phrases.txt").match)
def test_promo_examples_match(text: str) -> None:
    assert promo_matcher().find(text), text


@pytest.mark.parametrize("text", examples("promo_phrases.txt").no_match)
def test_promo_examples_do_not_match(text: str) -> None:
    assert promo_matcher().find(text) == "", text


@pytest.mark.parametrize("tag", examples("cause_hashtags.txt").match)
def test_cause_examples_match(tag: str) -> None:
    assert cause_tags().match(tag), tag


@pytest.mark.parametrize("tag", examples("cause_hashtags.txt").no_match)
def test_cause_examples_do_not_match(tag: str) -> None:
    assert cause_tags().match(tag) == "", tag


def test_examples_exist() -> None:
    for name in ("promo_phrases.txt", "cause_hashtags.txt"):
        ex = examples(name)
        assert len(ex.match) >= 5 and len(ex.no_match) >= 4


def test_promo_finds_the_phrase_as_written() -> None:
    assert promo_matcher().find("Huge\nFLASH   sale today") == "FLASH sale"
    assert promo_matcher().find("Get 20\u00a0% off") == "20 % off"  # NFKC: no-break space


def test_matchers_from_entries() -> None:
    m = PromoMatcher(["free fries", r"re:\bx\d+\b"])
    assert m.find("FREE  fries!") == "FREE fries"
    assert m.find("code x42") == "x42"
    assert m.find("freefries") == ""
    tags = CauseTags(["MeToo", "PrayFor*"])
    assert tags.match("#PrayForLA") == "PrayFor*"
    assert tags.match("PrayFor") == ""  # the prefix alone is not a family member
    assert tags.match("#") == ""
