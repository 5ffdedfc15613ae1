"""Tests for rtm_score.sensitivity.kinds: the phrase/pattern/cooccur signal kinds and exceptions."""

from __future__ import annotations

from typing import Any

import pytest

from rtm_score.errors import RuleError
from rtm_score.sensitivity.kinds import (
    KINDS,
    CompiledRule,
    Doc,
    Hit,
    compile_rule,
    iter_terms,
    stem_phrase,
)
from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)
SOURCE = "rules/test.yaml"


def doc(text: str) -> Doc:
    clean = PIPE.clean(text)
    stems = tuple(PIPE.folds(clean))
    return Doc(clean=clean, stems=stems, stem_set=frozenset(stems))


def rule(*signals: dict[str, Any], exceptions: list[str] | None = None) -> CompiledRule:
    data: dict[str, Any] = {"id": "t-rule", "category": "t-cat", "signals": list(signals)}
    if exceptions is not None:
        data["exceptions"] = exceptions
    return compile_rule(data, SOURCE, PIPE)


def evidence(hits: list[Hit]) -> list[tuple[str, float]]:
    return sorted((h.evidence, h.weight) for h in hits)


def test_registry_is_explicit() -> None:
    assert list(KINDS) == ["phrase", "pattern", "cooccur"]


def test_stem_phrase_folds_words_and_keeps_stop_words() -> None:
    assert stem_phrase(PIPE, "Rest in Peace") == ("rest", "in", "peace")
    assert stem_phrase(PIPE, "Mass Shootings") == ("mass", "shooting")
    assert stem_phrase(PIPE, "#WhyIStayed") == ("why", "i", "stayed")
    assert stem_phrase(PIPE, "!!!") == ()


# --- phrase ------------------------------------------------------------------------------------


def test_phrase_matches_folded_words() -> None:
    r = rule({"kind": "phrase", "weight": 0.8, "terms": ["found dead", "overdose"]})
    hits = r.match(doc("Singer FOUND DEAD after an overdose"))
    assert evidence(hits) == [("found dead", 0.8), ("overdose", 0.8)]
    assert {(h.rule, h.category, h.dampen) for h in hits} == {("t-rule", "t-cat", False)}
    assert r.match(doc("Found: a dead battery")) == []


def test_phrase_matches_plural_and_hashtag_forms() -> None:
    r = rule({"kind": "phrase", "weight": 0.8, "terms": ["why i stayed", "earthquake"]})
    assert evidence(r.match(doc("#WhyIStayed"))) == [("why i stayed", 0.8)]
    assert evidence(r.match(doc("#whyistayed"))) == [("why i stayed", 0.8)]
    assert evidence(r.match(doc("Earthquakes hit the coast"))) == [("earthquake", 0.8)]


def test_phrase_keeps_finale_and_final_apart() -> None:
    r = rule({"kind": "phrase", "weight": 0.5, "terms": ["final"]})
    assert r.match(doc("the series finale")) == []
    assert len(r.match(doc("the cup final"))) == 1


def test_dampen_flag_is_carried_on_the_hit() -> None:
    r = rule({"kind": "phrase", "weight": 0.5, "dampen": True, "terms": ["killer"]})
    (hit,) = r.match(doc("a killer review"))
    assert hit.dampen is True


def test_a_phrase_inside_a_longer_match_counts_once() -> None:
    r = rule(
        {"kind": "phrase", "weight": 0.9, "terms": ["mass shooting"]},
        {"kind": "phrase", "weight": 0.5, "terms": ["shooting", "shootings"]},
    )
    assert evidence(r.match(doc("mass shooting downtown"))) == [("mass shooting", 0.9)]
    # Singular and plural fold alike: one occurrence is one hit.
    assert evidence(r.match(doc("shootings downtown"))) == [("shooting", 0.5)]
    # A separate occurrence elsewhere still counts.
    assert evidence(r.match(doc("mass shooting, then another shooting"))) == [
        ("mass shooting", 0.9),
        ("shooting", 0.5),
    ]


# --- exceptions --------------------------------------------------------------------------------


def test_exceptions_block_overlapping_matches_only() -> None:
    r = rule(
        {"kind": "phrase", "weight": 0.5, "terms": ["shoot", "shooting"]},
        exceptions=["photo shoot", "shooting guard"],
    )
    assert r.match(doc("Behind the scenes of the photo shoot")) == []
    assert r.match(doc("The Warriors' shooting guard scores 40")) == []
    # The same word outside the exception still fires.
    assert evidence(r.match(doc("photo shoot interrupted by a shooting"))) == [("shooting", 0.5)]


def test_exceptions_do_not_block_patterns_or_other_rules() -> None:
    r = rule(
        {"kind": "pattern", "weight": 0.7, "patterns": [r"\bshoot\b"]}, exceptions=["photo shoot"]
    )
    assert evidence(r.match(doc("photo shoot"))) == [("shoot", 0.7)]


# --- pattern -----------------------------------------------------------------------------------


def test_pattern_searches_the_clean_text_ignoring_case() -> None:
    r = rule({"kind": "pattern", "weight": 0.9, "patterns": [r"\bkill(?:s|ed)\s+\d+\b"]})
    assert evidence(r.match(doc("Crash KILLS 12 on the motorway"))) == [("KILLS 12", 0.9)]
    assert r.match(doc("Crash kills dozens")) == []


def test_pattern_case_sensitive() -> None:
    r = rule(
        {
            "kind": "pattern",
            "weight": 0.9,
            "case_sensitive": True,
            "patterns": [r"(?:^|[\s#])RIP\b"],
        }
    )
    assert evidence(r.match(doc("RIP Chadwick Boseman"))) == [("RIP", 0.9)]
    assert evidence(r.match(doc("#RIPKobe"))) == [("RIP", 0.9)]
    assert r.match(doc("rip current warning at the beach")) == []


def test_pattern_sees_text_after_normalisation() -> None:
    # URLs are gone and underscores are spaces before patterns run.
    r = rule({"kind": "pattern", "weight": 0.6, "patterns": [r"vegas shooting"]})
    assert len(r.match(doc("Las_Vegas_shooting https://vegas.shooting.example"))) == 1


# --- cooccur -----------------------------------------------------------------------------------


def test_cooccur_needs_one_term_from_every_group() -> None:
    r = rule(
        {"kind": "cooccur", "weight": 0.8, "all": [["storm", "flood"], ["killed", "death toll"]]}
    )
    assert evidence(r.match(doc("Floods sweep the valley; the death toll rises"))) == [
        ("flood + death toll", 0.8)
    ]
    assert evidence(r.match(doc("Storm: 3 killed"))) == [("storm + killed", 0.8)]
    assert r.match(doc("Storm warning for the weekend")) == []
    assert r.match(doc("Killed it on stage")) == []


def test_cooccur_terms_may_be_far_apart_and_in_any_order() -> None:
    r = rule({"kind": "cooccur", "weight": 0.8, "all": [["outbreak"], ["spreads", "spread"]]})
    assert len(r.match(doc("It spreads fast. Officials say the outbreak began last week"))) == 1


# --- compile errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signal", "message"),
    [
        (
            {"kind": "regex", "weight": 0.5, "patterns": ["x"]},
            "rules/test.yaml: signals[0].kind: unknown signal kind 'regex'\n"
            "  hint: use one of: phrase, pattern, cooccur",
        ),
        (
            {"weight": 0.5, "terms": ["x"]},
            "rules/test.yaml: signals[0].kind: unknown signal kind None\n"
            "  hint: use one of: phrase, pattern, cooccur",
        ),
        (
            {"kind": "phrase", "weight": 1.5, "terms": ["x"]},
            "rules/test.yaml: signals[0].weight: weight must be a number in [0, 1], got 1.5\n"
            "  hint: use e.g. 0.5",
        ),
        (
            {"kind": "phrase", "weight": True, "terms": ["x"]},
            "rules/test.yaml: signals[0].weight: weight must be a number in [0, 1], got True\n"
            "  hint: use e.g. 0.5",
        ),
        (
            {"kind": "phrase", "terms": ["x"]},
            "rules/test.yaml: signals[0].weight: weight must be a number in [0, 1], got None\n"
            "  hint: use e.g. 0.5",
        ),
        (
            {"kind": "phrase", "weight": 0.5, "terms": ["x", False]},
            "rules/test.yaml: signals[0].terms: expected a list of non-empty strings\n"
            '  hint: quote terms such as "no" or "on" that YAML reads as booleans',
        ),
        (
            {"kind": "phrase", "weight": 0.5, "terms": "x"},
            "rules/test.yaml: signals[0].terms: expected a list of non-empty strings\n"
            '  hint: quote terms such as "no" or "on" that YAML reads as booleans',
        ),
        (
            {"kind": "phrase", "weight": 0.5, "terms": ["?!"]},
            "rules/test.yaml: signals[0].terms: term '?!' has no words after normalisation",
        ),
        (
            {"kind": "pattern", "weight": 0.5, "patterns": ["(unclosed"]},
            "rules/test.yaml: signals[0].patterns: invalid regular expression '(unclosed': "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            {"kind": "cooccur", "weight": 0.5, "all": [["only one group"]]},
            "rules/test.yaml: signals[0].all: 'all' must list at least two groups of terms",
        ),
        (
            {"kind": "cooccur", "weight": 0.5, "all": [["a"], [1]]},
            "rules/test.yaml: signals[0].all[1]: expected a list of non-empty strings\n"
            '  hint: quote terms such as "no" or "on" that YAML reads as booleans',
        ),
    ],
)
def test_compile_errors_name_file_and_key(signal: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleError) as info:
        rule(signal)
    assert str(info.value) == message


def test_signal_must_be_a_mapping() -> None:
    with pytest.raises(RuleError) as info:
        compile_rule({"id": "x", "category": "c", "signals": ["phrase"]}, SOURCE, PIPE)
    assert str(info.value) == "rules/test.yaml: signals[0]: each signal must be a mapping"


def test_iter_terms_lists_phrase_terms_only() -> None:
    data = {
        "signals": [
            {"kind": "phrase", "weight": 0.5, "terms": ["a", "b c"]},
            {"kind": "pattern", "weight": 0.5, "patterns": ["x"]},
            {"kind": "phrase", "weight": 0.9, "terms": ["d"]},
        ]
    }
    assert list(iter_terms(data)) == ["a", "b c", "d"]
