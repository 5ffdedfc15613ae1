"""Tests for rtm_score.text.phrases: the one phrase matcher."""

from __future__ import annotations

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
