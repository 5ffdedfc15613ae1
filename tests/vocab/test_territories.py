"""Tests for rtm_score.vocab.territories: finding territories, frames, aliases, evidence."""

from __future__ import annotations

import pytest
import yaml

from rtm_score.errors import RuleError
from rtm_score.resources import read_text
from rtm_score.text import TextPipeline
from rtm_score.vocab import territories as territories_module
from rtm_score.vocab.territories import TerritoryIndex, load_territories

PIPE = TextPipeline(drop_stopwords=False)


def folds(text: str) -> list[str]:
    return PIPE.folds(text)


@pytest.fixture(scope="module")
def index() -> TerritoryIndex:
    return load_territories()


def test_load_territories_is_cached(index: TerritoryIndex) -> None:
    assert load_territories() is index


def test_packaged_territories(index: TerritoryIndex) -> None:
    expected = {
        "television",
        "film",
        "music",
        "sports",
        "food",
        "tech",
        "politics",
        "fashion",
        "travel",
        "holidays",
        "gaming",
        "books",
        "religion",
    }
    assert expected <= set(index.territories)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Breaking Bad series finale tonight", ("television",)),
        ("Horror film tops the box office", ("film",)),
        ("#NBAFinals2024 tips off", ("sports",)),
        ("Lemon pizza recipe goes viral", ("food", "memes")),
        ("New iPhone update drains batteries", ("tech",)),
        ("Talk Like a Pirate Day", ("holidays",)),
        ("Senate vote on the budget", ("politics",)),
        ("Halftime show snacks", ("sports", "food")),
        ("A quiet afternoon", ()),
        ("", ()),
    ],
)
def test_find(index: TerritoryIndex, text: str, expected: tuple[str, ...]) -> None:
    assert index.find(folds(text)) == expected


def test_find_keeps_order_of_first_appearance(index: TerritoryIndex) -> None:
    assert index.find(folds("pizza at the stadium")) == ("food", "sports")
    assert index.find(folds("stadium pizza")) == ("sports", "food")


def test_evidence(index: TerritoryIndex) -> None:
    stems = folds("The season finale of the series: a murder shocks viewers")
    assert index.evidence(stems, "television") == "season finale"
    assert index.evidence(stems, "food") == ""
    assert index.evidence(folds("#NBAFinals2024 tips off"), "sports") == "nba"


@pytest.mark.parametrize(
    ("territory", "frame"),
    [
        ("television", True),
        ("film", True),
        ("music", True),
        ("sports", True),
        ("gaming", True),
        ("food", False),
        ("politics", False),
        ("holidays", False),
        ("no-such-territory", False),
    ],
)
def test_is_frame(index: TerritoryIndex, territory: str, frame: bool) -> None:
    assert index.is_frame(territory) is frame


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("tv shows", "television"),
        ("  TV Shows ", "television"),
        ("tv", "television"),
        ("movies", "film"),
        ("football", "sports"),
        ("television", "television"),
        ("Food", "food"),
        # Unknown names pass through, normalised, so they never match by accident.
        ("Underwater Basket Weaving", "underwater basket weaving"),
    ],
)
def test_resolve(index: TerritoryIndex, name: str, expected: str) -> None:
    assert index.resolve(name) == expected


def test_aliases_are_unambiguous() -> None:
    data = yaml.safe_load(read_text("territories.yaml"))["territories"]
    names = [n for t in data for n in (t["id"], *t.get("aliases", []))]
    assert len(names) == len(set(names))


def test_every_term_has_words_and_belongs_to_one_territory() -> None:
    data = yaml.safe_load(read_text("territories.yaml"))["territories"]
    owner: dict[tuple[str, ...], str] = {}
    for t in data:
        for term in t.get("terms", []):
            key = tuple(folds(term))
            assert key, f"{t['id']}: {term!r} has no words"
            assert owner.setdefault(key, t["id"]) == t["id"], f"{term!r} is in two territories"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- just a list\n",
            "rtm_score/data/territories.yaml: expected a mapping of keys, got a list\n"
            "  hint: write its keys on the lines below it, indented",
        ),
        (
            "territories:\n  - id: food\n    terms: [pizza]\n  - terms: [x]\n",
            "rtm_score/data/territories.yaml: territories[1].id: missing required key 'id'\n"
            "  hint: add 'id'",
        ),
        (
            "territories:\n  - id: food\n    terms: [pizza, no]\n",
            "rtm_score/data/territories.yaml: territories[0].terms[1]: expected text, got the "
            'YAML boolean false\n  hint: quote this value so YAML keeps it as text, e.g. "false"',
        ),
    ],
)
def test_load_errors(monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.setattr(territories_module, "read_text", lambda *parts: text)
    with pytest.raises(RuleError) as info:
        load_territories.__wrapped__()
    assert str(info.value) == message


TERRITORIES = yaml.safe_load(read_text("territories.yaml"))["territories"]


@pytest.mark.parametrize(
    ("territory", "text"),
    [(t["id"], text) for t in TERRITORIES for text in t.get("examples", [])],
)
def test_territory_examples_are_found(index: TerritoryIndex, territory: str, text: str) -> None:
    assert territory in index.find(folds(text)), text


def test_every_territory_carries_an_example() -> None:
    assert all(t.get("examples") for t in TERRITORIES)
