"""Tests for rtm_score.sensitivity.inflect: every verb form of a phrase rule, from a packaged
table that is kept in step with the rule files."""

from __future__ import annotations

import json

from rtm_score.resources import read_text
from rtm_score.sensitivity import load_engine
from rtm_score.sensitivity.inflect import OUT, forms, rule_words, variants, words_digest


def test_a_phrase_matches_in_every_form_of_its_verb() -> None:
    assert {"passes away", "passing away", "pass away"} <= set(variants("passed away"))
    assert "takes his own life" in variants("took his own life")
    assert "passed away" not in variants("passed away")


def test_single_words_and_nouns_are_not_inflected() -> None:
    assert variants("killed") == []  # "kill" and "killed" carry their own weights
    assert "lost their living" not in variants("lost their lives")
    assert not any("shoot" in v.split()[-1] for v in variants("mass shooting"))


def test_the_table_was_built_from_the_rule_files_as_they_are() -> None:
    data = json.loads(read_text(*OUT.split("/")))
    assert data["rule_words_sha256"] == words_digest(rule_words()), (
        "the rule files changed: run python scripts/inflect_rules.py"
    )
    assert data["source"] and data["examples"]
    table = forms()
    for written, inflected in data["examples"].items():
        assert inflected in variants(written)
    assert all(word in table[word] for word in table)


def test_the_engine_matches_an_inflected_obituary_phrase() -> None:
    engine = load_engine()
    hits = engine.matcher.match(engine.prepare("Legendary singer passes away at 81"))
    assert any(h.evidence == "passed away" for h in hits)
