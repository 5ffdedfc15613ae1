"""Tests for rtm_score.signals.cues: the packaged cue file and its own examples."""

from __future__ import annotations

import pytest
import yaml

from rtm_score.errors import DataError
from rtm_score.resources import read_text
from rtm_score.signals.cues import CUE_KINDS, CueMatcher, parse_cues
from rtm_score.text import TextPipeline

DATA = yaml.safe_load(read_text("signals", "cues.yaml"))
PIPE = TextPipeline(drop_stopwords=False)
EXAMPLES = [
    pytest.param(kind, expect, text, id=f"{kind}:{expect}:{text[:30]}")
    for kind, body in DATA["kinds"].items()
    for expect in ("match", "no_match")
    for text in body["examples"][expect]
]


def test_the_file_states_its_source_and_covers_every_kind() -> None:
    assert DATA["source"].strip()
    assert set(DATA["kinds"]) == set(CUE_KINDS)


@pytest.mark.parametrize(("kind", "expect", "text"), EXAMPLES)
def test_examples(kind: str, expect: str, text: str) -> None:
    cues = CueMatcher.load().find(PIPE.folds(text))
    assert cues.has(kind) is (expect == "match"), cues.found


def test_evidence_quotes_the_phrase() -> None:
    cues = CueMatcher.load().find(PIPE.folds("Storm expected to strengthen; no injuries reported"))
    assert cues.has("forecast") and cues.has("negated")
    assert "'expected to'" in cues.evidence("forecast")


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        ([], "", "expected a mapping of keys, got a list"),
        ({"kinds": {"maybe": {"phrases": ["x"]}}}, "kinds.maybe", "unknown key 'maybe'"),
        ({"kinds": {"hoax": {"phrases": "hoax"}}}, "kinds.hoax.phrases",
         "expected a list, got the text 'hoax'"),
        ({"kinds": {"hoax": {"phrases": []}}}, "kinds.hoax.phrases",
         "must list at least one entry"),
    ],
)  # fmt: skip
def test_malformed_cue_files_are_refused(data: object, where: str, message: str) -> None:
    with pytest.raises(DataError) as err:
        parse_cues(data, source="cues.yaml")
    (problem,) = err.value.problems
    assert (problem.key_path, problem.message) == (where, message)  # type: ignore[attr-defined]
