"""Tests for rtm_score.text.TextPipeline: one pipeline for profiles, topics and rules."""

from __future__ import annotations

import pickle

import pytest

from rtm_score.text import TextPipeline, analyze


def test_clean_normalises_and_splits_hashtags() -> None:
    pipe = TextPipeline()
    assert pipe.clean("Watch #DunkInTheDark https://t.co/x @nfl_fans") == (
        "Watch Dunk In The Dark nfl fans"
    )
    # A run-together *name* is split only when asked to treat the text as a name.
    assert pipe.clean("whyistayed") == "whyistayed"
    assert pipe.clean("whyistayed", is_name=True) == "why i stayed"


def test_words_stems_folds_and_terms() -> None:
    pipe = TextPipeline()
    text = "The Series Finales of #BreakingBad"
    assert pipe.words(text) == ["the", "series", "finales", "of", "breaking", "bad"]
    assert pipe.stems(text) == ["the", "seri", "final", "of", "break", "bad"]
    assert pipe.folds(text) == ["the", "sery", "finale", "of", "breaking", "bad"]
    # terms: stems without stop words (for TF-IDF).
    assert pipe.terms(text) == ["seri", "final", "break", "bad"]


def test_drop_stopwords_false_keeps_them_in_terms() -> None:
    assert TextPipeline(drop_stopwords=False).terms("Why I stayed") == ["whi", "i", "stay"]
    assert TextPipeline().terms("Why I stayed") == ["stay"]


def test_phrase_words_survive_for_rules() -> None:
    # Phrase rules keep stop words, so a hashtag reads as the phrase it spells.
    pipe = TextPipeline(drop_stopwords=False)
    assert pipe.folds("#whyistayed") == ["why", "i", "stayed"]
    assert pipe.folds("#RestInPeace") == ["rest", "in", "peace"]


def test_typographic_and_ascii_apostrophes_agree() -> None:
    pipe = TextPipeline()
    assert (
        pipe.terms("Kellogg\u2019s cereal")
        == pipe.terms("Kellogg's cereal")
        == ["kellogg", "cereal"]
    )


def test_call_and_analyze_are_terms() -> None:
    pipe = TextPipeline()
    text = "#NBAFinals2024: the Finals tip off"
    assert pipe(text) == pipe.terms(text) == analyze(text)
    assert analyze(text) == ["nba", "final", "2024", "final", "tip"]


def test_pipeline_and_analyzer_are_picklable() -> None:
    # scikit-learn models must stay picklable, so the analyzer is not a lambda.
    assert pickle.loads(pickle.dumps(analyze))("Finals") == ["final"]
    pipe = pickle.loads(pickle.dumps(TextPipeline(drop_stopwords=False)))
    assert pipe.drop_stopwords is False


def test_vectoriser_accepts_the_analyzer_without_warnings() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=analyze).fit(["#DunkInTheDark snacks", "Super Bowl snack ads"])
    assert set(vec.get_feature_names_out()) == {"dunk", "dark", "snack", "super", "bowl", "ad"}


@pytest.mark.parametrize("text", ["", "   ", "!!!", "https://t.co/only-a-link"])
def test_empty_input_gives_no_terms(text: str) -> None:
    pipe = TextPipeline()
    assert pipe.words(text) == []
    assert pipe.terms(text) == []


def test_as_written_shows_stems_as_the_text_wrote_them() -> None:
    from rtm_score.text import as_written

    words = ["watch", "parties", "and", "party", "games"]
    assert as_written(["parti", "game", "zzz"], words) == ["parties", "games", "zzz"]
    assert as_written([], words) == []


def test_a_word_is_one_object_in_every_topic_it_is_in() -> None:
    """Equal words are one object (as folds and terms are), so a chunk holds and pickles each
    distinct word once."""
    pipe = TextPipeline(drop_stopwords=False)
    a = pipe.analyse_topic("Storm warning", "A storm hits the coast")
    b = pipe.analyse_topic("Coast", "storm " * 2)
    assert a.words[0] is a.words[3] is b.words[1] is b.words[2]
    assert a.words[-1] is b.words[0]
