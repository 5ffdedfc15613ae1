"""Tests for rtm_score.text.patterns: many patterns at once, the matched text ``re`` gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rtm_score.text.patterns import PatternSet, Probe, any_of, phrase_source

PATTERNS = [
    re.compile(r"\b(?:kill(?:s|ed|ing)?|left)\s+(?:at least\s+)?(?:\d+|two|dozens)\b", re.I),
    re.compile(r"(?:^|[\s#])RIP\b"),
    re.compile(r"(?<!no )injur(?:y|ies|ed)", re.I),  # a look-behind: RE2 cannot run it
    re.compile(r"\bPray(?:ing)?\s+[Ff]or\s+[A-Z]\w+"),
]


def _plain(text: str) -> list[tuple[int, str]]:
    return [(i, m.group(0)) for i, rx in enumerate(PATTERNS) if (m := rx.search(text))]


def _gated(text: str) -> list[tuple[int, str]]:
    return PatternSet(PATTERNS).search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Storm kills at least 12 in the south",
        "RIP to a legend",
        "grip strength training",
        "Three injured, no injuries reported elsewhere",
        "Praying for Paris tonight",
        "praying for paris tonight",
        "Crowd KILLED dozens",
        "Café owner killed two",  # not ASCII: every pattern runs in re
        "a tab\tkills 3",  # not printable: every pattern runs in re
        "",
    ],
)
def test_matches_are_exactly_those_of_re(text: str) -> None:
    assert _gated(text) == _plain(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("kilsedtRIP 12#Pray For Paris dozens\u00e9\t")), max_size=60
    )
)
def test_any_text_gives_the_same_answers_as_re(text: str) -> None:
    assert _gated(text) == _plain(text)


def test_a_pattern_re2_cannot_read_is_still_searched() -> None:
    only = PatternSet([re.compile(r"(?<=no )injuries")])
    assert [m for _i, m in only.search("no injuries reported")] == ["injuries"]
    assert only.search("injuries reported") == []


def test_a_backtracking_pattern_is_not_run_where_re2_finds_no_match() -> None:
    # (a+)+$ on "aaaa...b" takes exponential time in re; RE2 answers "no match" at once.
    slow = PatternSet([re.compile(r"(a+)+$")])
    assert slow.search("a" * 40 + "b") == []
    assert len(slow.search("aaa")) == 1


def test_a_backtracking_pattern_that_does_match_runs_on_re2() -> None:
    # RE2 finds the final "a", so the gate lets it through; re would then take exponential
    # time failing at every earlier start. The match is searched on RE2 too.
    slow = PatternSet([re.compile(r"(a+)+$")])
    assert slow.search("a" * 40 + "! a") == [(0, "a")]


def test_linear_patterns_never_run_on_re_whatever_the_text() -> None:
    slow = PatternSet([re.compile(r"(a+)+$"), re.compile(r"caf\w")], linear=[0, 1])
    assert slow.search("Caf\u00e9 " + "a" * 40 + "\u00e9") == []
    assert slow.search("\u00e9 cafes") == [(1, "cafe")]
    assert slow.search("\u00e9" + "a" * 40 + "! a") == [(0, "a")]
    assert slow.search("caf\u00e9 menu") == []  # RE2's \w is ASCII: a documented difference
    with pytest.raises(ValueError, match="do not compile on RE2"):
        PatternSet([re.compile(r"(?<=no )injuries")], linear=[0])


def test_an_empty_set_finds_nothing() -> None:
    assert PatternSet([]).search("anything") == []
    assert len(PatternSet([])) == 0


@pytest.mark.parametrize(
    "text", ["NBAFinals", "plain words only", "Top10 list", "iPhone", "Émile Zola", "a\tb", ""]
)
def test_a_probe_answers_as_re_does(text: str) -> None:
    rx = re.compile(r"[a-z][A-Z]|[A-Z][A-Z][a-z]|[A-Za-z]\d|\d[A-Za-z]")
    assert Probe(rx)(text) == (rx.search(text) is not None)
    assert Probe(re.compile(r"(?<=x)y"))("xy") is True  # RE2 refuses look-behinds: re answers


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"a{,3}b", "xaab"),  # a repeat in re, literal text in RE2: re must answer
        (r"x[:]y", "x:y"),  # "[:" may start a POSIX class in RE2: re answers
        (r"end\Z", "the end"),
    ],
)
def test_patterns_that_re2_reads_differently_are_left_to_re(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    got = [m for _i, m in PatternSet([rx]).search(text)]
    want = [m.group(0)] if (m := rx.search(text)) else []
    assert got == want
    # A user's rule file may not use them: RE2 would read them otherwise.
    with pytest.raises(ValueError, match="do not compile on RE2"):
        PatternSet([rx], linear=[0])


def test_a_phrase_is_found_as_whole_words_across_any_whitespace() -> None:
    rx = re.compile(phrase_source("shop now"), re.IGNORECASE)
    assert rx.search("Shop\n  now!") is not None
    assert rx.search("workshop nowhere") is None
    assert re.compile(phrase_source("a.b (c)")).search("x a.b (c) y") is not None  # escaped


def test_any_of_tries_the_sources_in_order() -> None:
    rx = any_of([phrase_source("super bowl sunday"), phrase_source("super bowl")])
    assert rx is not None
    m = rx.search("it is Super Bowl Sunday")
    assert m is not None and m.group(0) == "Super Bowl Sunday"
    assert any_of([]) is None
