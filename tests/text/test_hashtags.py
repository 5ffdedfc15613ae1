"""Tests for rtm_score.text.hashtags: CamelCase, ALLCAPS and digit runs, run-together tags."""

from __future__ import annotations

import pytest

from rtm_score.text import split_hashtags, split_name
from rtm_score.text.hashtags import MIN_SEGMENT_LEN, hashtags_in, segment_run, split_camel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#DunkInTheDark", "Dunk In The Dark"),
        ("#NBAFinals2024", "NBA Finals 2024"),
        ("#JeSuisCharlie", "Je Suis Charlie"),
        ("#Top10", "Top 10"),
        ("#MeToo", "Me Too"),
        # Run-together lowercase (or all-caps) tags are segmented with wordsegment.
        ("#whyistayed", "why i stayed"),
        ("#WHYISTAYED", "why i stayed"),
        ("#icebucketchallenge", "ice bucket challenge"),
        ("#blacklivesmatter", "black lives matter"),
        # Short tags are left alone: they are usually words or acronyms already.
        ("#tbt", "tbt"),
        ("#NBA", "NBA"),
        ("#lovewins", "lovewins"),
        # Lowercase tags with digits are not segmented.
        ("#covid19", "covid19"),
        # Only the tags change; the rest of the text is kept as it is.
        ("Watch #DunkInTheDark tonight!", "Watch Dunk In The Dark tonight!"),
        ("#RIPKobe and #whyistayed", "RIP Kobe and why i stayed"),
        ("no tags here", "no tags here"),
        ("price #1", "price 1"),
        ("#", "#"),
    ],
)
def test_split_hashtags(text: str, expected: str) -> None:
    assert split_hashtags(text) == expected


def test_min_segment_len_boundary() -> None:
    assert MIN_SEGMENT_LEN == 9
    assert split_hashtags("#lovewins") == "lovewins"  # 8 letters: left alone
    assert split_hashtags("#icebucket") == "ice bucket"  # 9 letters: segmented


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("DunkInTheDark", "Dunk In The Dark"),
        ("NBAFinals2024", "NBA Finals 2024"),
        ("Windows11Update", "Windows 11 Update"),
        ("ABC", "ABC"),
        ("lowercase", "lowercase"),
    ],
)
def test_split_camel(word: str, expected: str) -> None:
    assert split_camel(word) == expected


def test_split_hashtags_keeps_lower_camel_brand_names() -> None:
    # A leading lowercase letter belongs to the word (iPhone, eBay, iOS), not a word of its own.
    assert split_hashtags("#iPhone15") == "iPhone 15"
    assert split_hashtags("#eBay") == "eBay"
    assert split_hashtags("#iOS17Update") == "iOS 17 Update"


def test_segment_run() -> None:
    assert segment_run("whyistayed") == "why i stayed"
    assert segment_run("tbtthrowback") == "tbt throwback"


def test_segment_run_keeps_word_when_only_fragments(monkeypatch: pytest.MonkeyPatch) -> None:
    import wordsegment

    monkeypatch.setattr(wordsegment, "segment", lambda word: ["qz", "xv", "qz", "xv", "q"])
    segment_run.cache_clear()
    try:
        assert segment_run("qzxvqzxvq") == "qzxvqzxvq"
    finally:
        segment_run.cache_clear()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # A name that is one run-together token is split like a hashtag without '#'.
        ("whyistayed", "why i stayed"),
        ("DunkInTheDark", "Dunk In The Dark"),
        ("  whyistayed  ", "why i stayed"),
        ("Aurora", "Aurora"),
        ("lovewins", "lovewins"),
        # Names with spaces or tags keep their words; only the tags are split.
        ("Breaking Bad", "Breaking Bad"),
        ("#NBAFinals2024 tonight", "NBA Finals 2024 tonight"),
        ("Top10", "Top10"),
    ],
)
def test_split_name(name: str, expected: str) -> None:
    assert split_name(name) == expected


def test_hashtags_written_in_a_text() -> None:
    assert hashtags_in("Hi #Aurora, #Me_Too! &#39;x a#b #über") == ["Aurora", "Me_Too", "über"]
