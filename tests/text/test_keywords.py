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
