"""Every packaged sensitivity rule file: it validates, and its own examples run as tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from rtm_score.models import Tier
from rtm_score.resources import list_files
from rtm_score.sensitivity import SensitivityEngine, load_engine, load_rules
from rtm_score.sensitivity.kinds import Hit
from rtm_score.text import TextPipeline

SKIP = 0.35
"""The profile's default caution threshold."""

RULE_FILES = {
    f.name: yaml.safe_load(f.read_text(encoding="utf-8"))
    for f in list_files("rules", suffix=".yaml")
}
EXAMPLE_ROWS: list[tuple[str, str, str]] = [
    (name, expect, text)
    for name, data in RULE_FILES.items()
    for expect in ("match", "no_match")
    for text in (data.get("examples") or {}).get(expect) or ()
]
# Word senses the judgment still gets wrong (issue 8, open): kept as strict expected failures so
# they show in every run and turn into passes the day the method learns them.
KNOWN_SENSE_GAPS = {
    "Klay Thompson drains nine threes in a shooting clinic as the NBA season opens",
    "Horror film in which campers are killed one by one tops the box office.",
    # Since the factored text features (P(not safe) x the category's share of never): "abuse"
    # and "shoot" lean on categories that are nearly always never; P(never) 0.49 and 0.50
    # against a cut of 0.41 (they were 0.38 and 0.35 under the cut of 0.44 before).
    "Senator accused of abuse of power in the budget fight",
    "Behind the scenes of the cover shoot",
}
EXAMPLES = [
    pytest.param(
        *row,
        id=f"{row[0]}:{row[1]}:{row[2][:40]}",
        marks=[pytest.mark.xfail(strict=True, reason="word sense (issue 8)")]
        if row[2] in KNOWN_SENSE_GAPS
        else [],
    )
    for row in EXAMPLE_ROWS
]
PIPE = TextPipeline(drop_stopwords=False)


@pytest.fixture(scope="module")
def rules_engine() -> SensitivityEngine:
    return load_engine()


def rule_hits(engine: SensitivityEngine, category: str, text: str) -> list[Hit]:
    return [h for h in engine.matcher.match(engine.prepare(text)) if h.category == category]


def category_score(engine: SensitivityEngine, category: str, text: str) -> float:
    return max(
        (f.score for f in engine.assess("", text).findings if f.category == category),
        default=0.0,
    )


def test_there_are_rule_files() -> None:
    assert len(RULE_FILES) >= 10


def test_ids_are_unique_and_match_file_names() -> None:
    ids = [data["id"] for data in RULE_FILES.values()]
    assert len(ids) == len(set(ids))
    for name, data in RULE_FILES.items():
        assert f"{data['id']}.yaml" == name
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", data["id"]), data["id"]


def test_every_file_loads_through_the_validator() -> None:
    sources = {info.source for _rule, info in load_rules()}
    assert sources == {f"rtm_score/data/rules/{name}" for name in RULE_FILES}


# Categories and tiers as issue #3 sets them: floor tiers force never, high tiers skip.
EXPECTED_TIERS = {
    "death-injury": Tier.FLOOR,
    "disaster": Tier.FLOOR,
    "terrorism": Tier.FLOOR,
    "violence": Tier.FLOOR,
    "war": Tier.FLOOR,
    "abuse": Tier.FLOOR,
    "hate": Tier.FLOOR,
    "health-emergency": Tier.FLOOR,
    "remembrance": Tier.FLOOR,
    "politics-social": Tier.HIGH,
    "religion": Tier.HIGH,
    "crime": Tier.HIGH,
}


def test_categories_and_tiers() -> None:
    tiers = {data["category"]: Tier(data["tier"]) for data in RULE_FILES.values()}
    assert tiers == EXPECTED_TIERS


def _terms(data: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for i, spec in enumerate(data["signals"]):
        out.extend((f"signals[{i}].terms", t) for t in spec.get("terms") or ())
        for g, group in enumerate(spec.get("all") or ()):
            out.extend((f"signals[{i}].all[{g}]", t) for t in group)
    out.extend(("exceptions", t) for t in data.get("exceptions") or ())
    return out


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_terms_are_strings_with_words(name: str) -> None:
    data = RULE_FILES[name]
    terms = _terms(data)
    assert terms, "a rule file needs terms"
    for where, term in terms:
        assert isinstance(term, str), f"{name}: {where}: {term!r} is not a string (quote it)"
        assert PIPE.folds(term), f"{name}: {where}: {term!r} has no words after normalisation"


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_rule_file_documents_itself(name: str) -> None:
    data = RULE_FILES[name]
    assert isinstance(data.get("name"), str) and data["name"].strip()
    assert isinstance(data.get("description"), str) and data["description"].strip()
    examples = data.get("examples")
    assert isinstance(examples, dict)
    assert set(examples) == {"match", "no_match"}
    for key in ("match", "no_match"):
        assert isinstance(examples[key], list) and examples[key], f"{name}: examples.{key}"
        assert all(isinstance(t, str) and t.strip() for t in examples[key])


@pytest.mark.parametrize(("name", "expect", "text"), EXAMPLES)
def test_example(rules_engine: SensitivityEngine, name: str, expect: str, text: str) -> None:
    """A rule file is a signal: its ``match`` examples fire it; its ``no_match`` examples do
    not, or fire only signals the file marks ``dampen`` (often figurative) and the judgment
    keeps them below never."""
    category = RULE_FILES[name]["category"]
    hits = rule_hits(rules_engine, category, text)
    # Examples are headline-like lines: read them as a topic's context.
    if expect == "match":
        assert hits, f"{text!r}: no {category} signal fired"
    else:
        assert all(h.dampen for h in hits), f"{text!r}: {[h.evidence for h in hits]} fired"
        never = rules_engine.judgment.never_anchor
        assert category_score(rules_engine, category, text) < never, f"{text!r} is never"


def test_floor_rule_examples_are_flagged_by_the_judgment() -> None:
    """Where a floor-tier rule's example is a real tragedy, the whole judgment flags it."""
    engine = load_engine()
    misses = [
        f"{name}: {text!r}"
        for name, expect, text in EXAMPLE_ROWS
        if expect == "match"
        and RULE_FILES[name]["tier"] == "floor"
        and engine.assess("", text).score < SKIP
    ]
    # A food-safety scandal with no illness named: the judgment does not see it (issue 8).
    assert misses == [
        "health-emergency.yaml: 'Pork DNA found in halal sausages sold by supermarkets'"
    ]
    assert len(EXAMPLE_ROWS) >= 2 * len(RULE_FILES)
