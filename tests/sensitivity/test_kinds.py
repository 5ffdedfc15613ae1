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
from rtm_score.sensitivity.rule_schema import (
    CooccurSignal,
    PatternSignal,
    PhraseSignal,
    parse_rule,
)
from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)
SOURCE = "rules/test.yaml"


def doc(text: str) -> Doc:
    clean = PIPE.clean(text)
    stems = tuple(PIPE.folds(clean))
    return Doc(clean=clean, stems=stems, stem_set=frozenset(stems))


def rule(*signals: dict[str, Any], exceptions: list[str] | None = None) -> CompiledRule:
    data: dict[str, Any] = {
        "id": "t-rule", "category": "t-cat", "tier": "floor", "message": "m",
        "signals": list(signals),
    }  # fmt: skip
    if exceptions is not None:
        data["exceptions"] = exceptions
    return compile_rule(parse_rule(data, SOURCE), SOURCE, PIPE)


def evidence(hits: list[Hit]) -> list[tuple[str, float]]:
    return sorted((h.evidence, h.weight) for h in hits)


def test_registry_is_explicit() -> None:
    assert list(KINDS) == [PhraseSignal, PatternSignal, CooccurSignal]


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


# --- problems: the shape (rule_schema, every problem with its key) and compiling ---------------

S = "rules/test.yaml: signals[0]"


@pytest.mark.parametrize(
    ("signal", "message"),
    [
        ({"kind": "regex", "weight": 0.5, "patterns": ["x"]},
         f"{S}: unknown kind 'regex'\n  hint: use one of: phrase, pattern, cooccur"),
        ({"weight": 0.5, "terms": ["x"]},
         f"{S}: missing required key 'kind'\n  hint: add `kind: phrase`, `pattern` or `cooccur`"),
        ({"kind": "phrase", "weight": 1.5, "terms": ["x"]},
         f"{S}.weight: must be between 0 and 1, got 1.5\n  hint: e.g. 0.4"),
        ({"kind": "phrase", "weight": True, "terms": ["x"]},
         f"{S}.weight: expected a number between 0 and 1, got the YAML boolean true\n"
         "  hint: e.g. 0.4"),
        ({"kind": "phrase", "terms": ["x"]},
         f"{S}.weight: missing required key 'weight'\n  hint: add `weight: 0.5` (0 to 1)"),
        ({"kind": "phrase", "weight": 0.5, "terms": ["x", False]},
         f"{S}.terms[1]: expected text, got the YAML boolean false\n"
         '  hint: quote this value so YAML keeps it as text, e.g. "false"'),
        ({"kind": "phrase", "weight": 0.5, "terms": "x"},
         f"{S}.terms: expected a list, got the text 'x'\n  hint: write a list, e.g. [\"x\"]"),
        ({"kind": "cooccur", "weight": 0.5, "all": [["only one group"]]},
         f"{S}.all: must list at least 2 entries\n  hint: add entries"),
        ({"kind": "cooccur", "weight": 0.5, "all": [["a"], [1]]},
         f"{S}.all[1][0]: expected text, got the number 1\n"
         '  hint: quote this value so YAML keeps it as text, e.g. "1"'),
        ({"kind": "phrase", "weight": 0.5, "terms": ["x"], "dampem": True},
         f"{S}.dampem: unknown key 'dampem'; did you mean 'dampen'?\n"
         "  hint: allowed keys here: kind, weight, dampen, terms"),
        ({"kind": "cooccur", "weight": 0.5, "all": [["a"], ["b"]], "terms": ["x"]},
         f"{S}.terms: unknown key 'terms'\n  hint: allowed keys here: kind, weight, dampen, all"),
        ("phrase",
         f"{S}: expected a mapping of keys, got the text 'phrase'\n"
         "  hint: write its keys on the lines below it, indented"),
    ],
)  # fmt: skip
def test_shape_problems_name_file_and_key(signal: object, message: str) -> None:
    with pytest.raises(RuleError) as info:
        rule(signal)  # type: ignore[arg-type]
    assert str(info.value) == message
    assert info.value.message == "invalid rule file (1 problem)"


@pytest.mark.parametrize(
    ("signal", "message"),
    [
        ({"kind": "phrase", "weight": 0.5, "terms": ["?!"]},
         f"{S}.terms[0]: term '?!' has no words after normalisation"),
        ({"kind": "pattern", "weight": 0.5, "patterns": ["(unclosed"]},
         f"{S}.patterns[0]: invalid regular expression '(unclosed': "
         "missing ), unterminated subpattern at position 0"),
    ],
)  # fmt: skip
def test_compile_errors_name_file_and_key(signal: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleError) as info:
        rule(signal)
    assert str(info.value) == message


def test_iter_terms_lists_phrase_terms_only() -> None:
    data = {
        "id": "x", "category": "c", "tier": "low", "message": "m",
        "signals": [
            {"kind": "phrase", "weight": 0.5, "terms": ["a", "b c"]},
            {"kind": "pattern", "weight": 0.5, "patterns": ["x"]},
            {"kind": "phrase", "weight": 0.9, "terms": ["d"]},
        ],
    }  # fmt: skip
    assert list(iter_terms(parse_rule(data, SOURCE))) == ["a", "b c", "d"]
