"""Tests for rtm_score.text.tokenize: the word regex, Snowball stems, plural folding, stop words."""

from __future__ import annotations

from importlib import resources

import pytest

from rtm_score.text import fold, stem, tokenize
from rtm_score.text.tokenize import stopwords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/11 never forget", ["9/11", "never", "forget"]),
        ("Open 24/7!", ["open", "24/7"]),
        ("Don't stop, I stayed.", ["don't", "stop", "i", "stayed"]),
        ("Kellogg's NEW cereal", ["kellogg's", "new", "cereal"]),
        ("snake_case words", ["snake", "case", "words"]),
        ("Fête des Lumières — 東京", ["fête", "des", "lumières", "東京"]),
        ("NBA Finals 2024", ["nba", "finals", "2024"]),
        ("...!!! ---", []),
        ("", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("running", "run"),
        ("ratings", "rate"),
        ("murdered", "murder"),
        ("finale", "final"),
        ("final", "final"),
        ("kellogg's", "kellogg"),
        # Non-ASCII words and slash numbers are kept as they are.
        ("café", "café"),
        ("9/11", "9/11"),
    ],
)
def test_stem(token: str, expected: str) -> None:
    assert stem(token) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("finale", "finale"),
        ("final", "final"),
        ("finales", "finale"),
        ("murdered", "murdered"),
        ("ratings", "rating"),
        ("stories", "story"),
        ("cats", "cat"),
        ("dog's", "dog"),
        # Words that end in s but are not plurals are kept.
        ("news", "news"),
        ("chaos", "chaos"),
        ("boss", "boss"),
        ("status", "status"),
        ("analysis", "analysis"),
        # Short words are never folded.
        ("gas", "gas"),
        ("its", "its"),
        ("ies", "ies"),
    ],
)
def test_fold(token: str, expected: str) -> None:
    assert fold(token) == expected


def test_stem_merges_what_fold_keeps_apart() -> None:
    # Rules match folded words because stems merge words a rule must keep apart.
    assert stem("finale") == stem("final")
    assert fold("finale") != fold("final")
    assert stem("murdered") == stem("murder")
    assert fold("murdered") != fold("murder")
    # Both merge singular and plural.
    assert fold("shootings") == fold("shooting")
    assert stem("shootings") == stem("shooting")


def test_stopwords_come_from_package_data() -> None:
    text = resources.files("rtm_score").joinpath("data", "stopwords", "en.txt").read_text("utf-8")
    expected = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    words = stopwords()
    assert isinstance(words, frozenset)
    assert words == expected
    assert {"the", "and", "i", "of"} <= words
    assert "finale" not in words
    assert all(w == w.lower() and not w.startswith("#") for w in words)


def test_stopwords_are_cached() -> None:
    assert stopwords() is stopwords()


def _stopword_examples() -> list[tuple[str, list[str]]]:
    text = resources.files("rtm_score").joinpath("data", "stopwords", "en.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.startswith("# example:"):
            given, expected = line.removeprefix("# example:").split("->")
            out.append((given.strip(), expected.split()))
    return out


@pytest.mark.parametrize(("text", "terms"), _stopword_examples())
def test_stopword_file_examples_hold(text: str, terms: list[str]) -> None:
    from rtm_score.text import TextPipeline

    assert TextPipeline().terms(text) == terms


def test_the_stopword_file_carries_examples() -> None:
    assert len(_stopword_examples()) >= 2


def test_the_stemmer_is_loaded_at_the_first_word_and_leaves_the_collector_on() -> None:
    import subprocess
    import sys

    probe = (
        "import gc, sys; from rtm_score.text import stem; "
        "before = 'nltk' in sys.modules; word = stem('running'); "
        "print(before, 'nltk.stem.snowball' in sys.modules, word, gc.isenabled())"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "run", "True"]
