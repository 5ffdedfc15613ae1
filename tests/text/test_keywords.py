"""Tests for rtm_score.text.keywords: the tokens the calendar's keywords are matched on."""

from __future__ import annotations

import pytest

from rtm_score.text.keywords import normalise_tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("#RemembranceDay", ("remembrance", "day")),
        ("#LestWeForget", ("lest", "we", "forget")),
        ("#ANZACDay", ("anzac", "day")),
        ("#Justice4Grenfell", ("justice", "4", "grenfell")),
        ("Sept. 11th", ("sept", "11")),
        ("9/11/2001", ("9", "/", "11", "/", "2001")),
        ("9-11am", ("9", "11", "am")),
        ("Veteran's Day", ("veterans", "day")),
        ("Journée du Souvenir", ("journee", "du", "souvenir")),
        ("snake_case", ("snake", "case")),
        ("Remem\u200bbrance Day", ("remembrance", "day")),  # a zero-width space hides nothing
        ("", ()),
    ],
)
def test_normalise_tokens(text: str, tokens: tuple[str, ...]) -> None:
    assert normalise_tokens(text) == tokens


@pytest.mark.parametrize(
    "text",
    [
        "Veterans Day parade . Crowds line the streets for the Veterans Day parade",
        "It's Remembrance Day: we won't forget",
        "rock 'n' roll and 'quoted' words",
        "that''s two apostrophes",
        "don`t with a backtick",
        "9/11 memorial and 1/2/3 slashes",
        "the 11th of November",
        "#LestWeForget McDonald's COVID19 4mei",
        "Journ\u00e9e nationale du souvenir",
        "ANZAC dawn service",
        "",
    ],
)
def test_keyword_tokens_from_the_words_equal_normalising_the_text(text: str) -> None:
    from rtm_score.text import TextPipeline
    from rtm_score.text.keywords import keyword_tokens

    analysed = TextPipeline(drop_stopwords=False).analyse_topic(text)
    assert keyword_tokens(analysed.clean, analysed.words) == normalise_tokens(analysed.clean)
