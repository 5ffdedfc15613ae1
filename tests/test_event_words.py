"""Tests for scripts/event_words.py: the words that name a crisis event, masked while fitting."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from event_words import EVENT, event_of_row, event_words, mask_events

from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)
ITALY, ALBERTA, COLORADO = "2012_italy_earthquakes", "2013_alberta_floods", "2013_colorado_floods"


def tweet(text: str, event: str | None) -> dict[str, Any]:
    return {"analysed": PIPE.analyse_topic("", text), "event": event}


def collections() -> list[dict[str, Any]]:
    # Two events collected by their own keywords; both speak of damage and help.
    rows = [tweet(f"Quake damage in Ferrara, send help {i}", ITALY) for i in range(40)]
    rows += [tweet(f"Flood damage in Calgary, send help {i}", ALBERTA) for i in range(40)]
    rows += [tweet("Flood water rising downtown, send help", ALBERTA)] * 5
    return rows


def test_the_words_that_name_an_event_are_its_place_not_what_it_did() -> None:
    words = event_words(collections())
    assert {"ferrara", "quak"} <= set(words[ITALY])
    assert {"calgari", "flood"} <= set(words[ALBERTA])
    for named in words.values():  # words both events use tell neither apart
        assert not {"damag", "help", "send"} & set(named)


def test_a_word_two_events_of_a_kind_share_names_neither() -> None:
    rows = collections()
    rows += [tweet(f"Flood damage in Boulder, send help {i}", COLORADO) for i in range(40)]
    words = event_words(rows)
    assert "calgari" in words[ALBERTA] and "boulder" in words[COLORADO]
    assert "flood" not in words[ALBERTA] + words[COLORADO]


def test_masking_touches_only_the_rows_of_that_event() -> None:
    rows = [*collections(), tweet("Ferrara food festival this weekend", None)]
    mask_events(rows, event_words(rows))
    assert rows[0]["fit_terms"][:3] == [EVENT, "damag", EVENT]
    assert rows[-1]["fit_terms"] == rows[-1]["analysed"].terms  # a row of no event
    assert all(r["analysed"].terms != r["fit_terms"] for r in rows[:80])


def test_a_hand_labelled_rows_event_comes_from_its_file() -> None:
    t26 = {"source": "crisislex-t26", "ref": "2013_Bohol_earthquake-tweets_labeled-sample.csv:4"}
    t6 = {"source": "crisislex-t6", "ref": "2013_West_Texas_Explosion-ontopic_offtopic.csv:9"}
    assert event_of_row(t26) == "2013_bohol_earthquake"
    assert event_of_row(t6) == "2013_west_texas_explosion"
    assert event_of_row({"source": "huffpost", "ref": "x.jsonl:3"}) is None
    assert event_of_row({"event": "2013_Boston_Bombings"}) == "2013_boston_bombings"
