"""Every packaged sensitivity rule file: it validates, and its own examples run as tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from rtm_score.models import Tier
from rtm_score.resources import list_files
from rtm_score.sensitivity import SensitivityEngine, load_engine, load_rules
from rtm_score.text import TextPipeline

MATCH_SCORE = 0.35
"""A ``match`` example must reach this score in the rule's category; ``no_match`` must not."""

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
EXAMPLES = [pytest.param(*row, id=f"{row[0]}:{row[1]}:{row[2][:40]}") for row in EXAMPLE_ROWS]
PIPE = TextPipeline(drop_stopwords=False)


@pytest.fixture(scope="module")
def rules_engine() -> SensitivityEngine:
    """Rules and calendar only, so the examples do not depend on the learned model."""
    return load_engine(use_model=False)


def category_score(engine: SensitivityEngine, category: str, text: str) -> float:
    return max(
        (f.score for f in engine.assess(text).findings if f.category == category), default=0.0
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
    category = RULE_FILES[name]["category"]
    score = category_score(rules_engine, category, text)
    if expect == "match":
        assert score >= MATCH_SCORE, f"{text!r}: {category} {score} < {MATCH_SCORE}"
    else:
        assert score < MATCH_SCORE, f"{text!r}: {category} {score} >= {MATCH_SCORE}"


def test_examples_with_the_default_engine() -> None:
    engine = load_engine()
    failures = []
    for name, expect, text in EXAMPLE_ROWS:
        category = RULE_FILES[name]["category"]
        score = category_score(engine, category, text)
        if (score >= MATCH_SCORE) != (expect == "match"):
            failures.append(f"{name}: {expect}: {text!r} -> {score}")
    assert failures == []
    assert len(EXAMPLE_ROWS) >= 2 * len(RULE_FILES)
