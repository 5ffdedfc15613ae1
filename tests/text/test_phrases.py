"""Tests for rtm_score.text.phrases: the one phrase matcher."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rtm_score.text.phrases import PhraseIndex


def _index() -> PhraseIndex:
    index = PhraseIndex()
    index.add(("mass", "shooting"), "mass shooting", "strong")
    index.add(("shooting",), "shooting", "weak")
    index.add(("rest", "in", "peace"), "rest in peace", "rip")
    return index


def test_finds_every_match_with_its_span() -> None:
    assert not PhraseIndex()
    index = _index()
    assert index
    stems = ("a", "mass", "shooting", "rest", "in", "peace", "shooting")
    assert index.find(stems) == [
        (1, 3, "mass shooting", "strong"),
        (2, 3, "shooting", "weak"),
        (3, 6, "rest in peace", "rip"),
        (6, 7, "shooting", "weak"),
    ]


def test_a_phrase_cut_off_at_the_end_does_not_match() -> None:
    assert _index().find(("rest", "in")) == []
    assert _index().find(("mass",)) == []


def test_the_callers_word_set_gives_the_same_matches() -> None:
    words = ("mass", "shooting", "in", "town")
    assert _index().find(words, frozenset(words)) == _index().find(words)
    assert _index().find(("nothing", "here"), frozenset({"nothing", "here"})) == []


def test_entries_lists_what_was_added_grouped_by_first_word() -> None:
    assert [label for _w, label, _p in _index().entries()] == [
        "mass shooting",
        "shooting",
        "rest in peace",
    ]


def _every_match(phrases: list[tuple[str, ...]], words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every (start, end) of every phrase in ``words``, by start then the order added."""
    return [
        (i, i + len(p))
        for i in range(len(words))
        for p in phrases
        if p[0] == words[i] and words[i : i + len(p)] == p
    ]


_WORD = st.sampled_from(["the", "killers", "a", "shooting", "mass", "in", "peace"])


@settings(max_examples=300, deadline=None)
@given(
    phrases=st.lists(st.lists(_WORD, min_size=1, max_size=3).map(tuple), min_size=1, max_size=8),
    words=st.lists(_WORD, max_size=12).map(tuple),
)
def test_finds_what_a_search_at_every_word_finds(
    phrases: list[tuple[str, ...]], words: tuple[str, ...]
) -> None:
    index = PhraseIndex()
    for k, phrase in enumerate(phrases):
        index.add(phrase, " ".join(phrase), k)
    found = [(s, e) for s, e, _label, _k in index.find(words)]
    # Order by start, then by the order the phrases were added under their first word.
    assert found == _every_match(phrases, words)


def test_a_phrase_whose_other_words_are_missing_is_not_looked_for() -> None:
    index = PhraseIndex()
    index.add(("the", "killers"), "the killers", None)
    assert index.find(("the", "band", "the")) == []
    assert index.find(("see", "the", "killers")) == [(1, 3, "the killers", None)]


def test_may_match_says_whether_any_word_starts_a_phrase() -> None:
    index = _index()
    assert index.may_match(frozenset({"a", "mass"}))
    assert not index.may_match(frozenset({"peace", "in"}))  # inside phrases, starting none
    assert not PhraseIndex().may_match(frozenset({"mass"}))
