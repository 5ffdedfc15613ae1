"""Tests for the JSON and JSON Lines formatters against the issue's JSON contract."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import jsonschema
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rtm_score.formatters._escape import escape_json_invisibles
from rtm_score.formatters.json import render, render_lines, report_object, topic_object
from rtm_score.models import Decision, History, TopicChange, TopicTrend

CONTRACT_KEYS = ["brand", "generated_at", "version", "counts", "topics", "errors"]
TOPIC_KEYS = [
    "rank",
    "id",
    "topic",
    "decision",
    "relevance",
    "sensitivity",
    "categories",
    "reasons",
]
REASON_KEYS = ["code", "message", "evidence"]
ERROR_KEYS = ["row", "message"]

_STR = {"type": "string"}
_INT = {"type": "integer"}
_SCORE = {"type": "number", "minimum": 0, "maximum": 1}

# The contract from issue 2 ("Output"); extra keys are allowed, missing or renamed ones are not.
REASON_SCHEMA = {
    "type": "object",
    "required": REASON_KEYS,
    "properties": dict.fromkeys(REASON_KEYS, _STR),
}
TOPIC_SCHEMA = {
    "type": "object",
    "required": TOPIC_KEYS,
    "properties": {
        "rank": {"type": "integer", "minimum": 1},
        "id": _STR,
        "topic": _STR,
        "decision": {"enum": ["engage", "skip", "never"]},
        "relevance": _SCORE,
        "sensitivity": _SCORE,
        "categories": {"type": "array", "items": _STR},
        "reasons": {"type": "array", "items": REASON_SCHEMA},
    },
}
CONTRACT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": CONTRACT_KEYS,
    "properties": {
        "brand": _STR,
        "generated_at": _STR,
        "version": _STR,
        "counts": {
            "type": "object",
            "required": ["engage", "skip", "never"],
            "properties": {"engage": _INT, "skip": _INT, "never": _INT},
            "additionalProperties": False,
        },
        "topics": {"type": "array", "items": TOPIC_SCHEMA},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ERROR_KEYS,
                "properties": {"row": _INT, "message": _STR},
            },
        },
    },
}


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def test_golden_mixed_day(mixed_day_report, golden) -> None:
    golden.check("mixed_day/report.json", render(mixed_day_report))


def test_golden_mixed_day_lines(mixed_day_report, golden) -> None:
    golden.check("mixed_day/report.jsonl", render_lines(mixed_day_report))


def test_output_follows_the_contract(mixed_day_report) -> None:
    data = json.loads(render(mixed_day_report))
    jsonschema.validate(data, CONTRACT_SCHEMA)
    generated = dt.datetime.fromisoformat(data["generated_at"])
    assert generated.utcoffset() == dt.timedelta(hours=1)
    assert data["counts"] == {"engage": 2, "skip": 3, "never": 1}
    assert [t["rank"] for t in data["topics"]] == [1, 2, 3, 4, 5, 6]
    assert data["errors"][0] == {
        "row": 7,
        "message": "the topic cell is empty",
        "source": "feeds/mixed-day.csv",
    }


def test_contract_keys_come_first_and_in_order(mixed_day_report) -> None:
    data = json.loads(render(mixed_day_report))
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert list(data["counts"]) == ["engage", "skip", "never"]
    for topic in data["topics"]:
        assert list(topic)[: len(TOPIC_KEYS)] == TOPIC_KEYS
        for reason in topic["reasons"]:
            assert list(reason)[: len(REASON_KEYS)] == REASON_KEYS
    for error in data["errors"]:
        assert list(error)[: len(ERROR_KEYS)] == ERROR_KEYS


def test_text_round_trips_exactly(mixed_day_report) -> None:
    data = json.loads(render(mixed_day_report))
    for parsed, scored in zip(data["topics"], mixed_day_report.topics, strict=True):
        assert parsed["id"] == scored.topic.id
        assert parsed["topic"] == scored.topic.name
        assert parsed["context"] == scored.topic.context
        assert parsed["categories"] == list(scored.categories)
        assert [r["message"] for r in parsed["reasons"]] == [r.message for r in scored.reasons]


def test_unicode_is_written_raw_and_ends_with_newline(mixed_day_report) -> None:
    text = render(mixed_day_report)
    assert "東京 ライトアップ" in text
    assert "🍂" in text
    assert text.endswith("}\n")


def test_scores_are_rounded_to_three_places(make_scored, make_report) -> None:
    report = make_report(
        [make_scored("x", relevance=0.123456, sensitivity=-1e-9, volume=1234.56789)]
    )
    topic = json.loads(render(report))["topics"][0]
    assert topic["relevance"] == 0.123
    assert topic["sensitivity"] == 0.0
    assert math.copysign(1, topic["sensitivity"]) == 1  # no "-0.0"
    assert topic["volume"] == 1234.568
    for value in (topic["relevance"], topic["sensitivity"], topic["volume"]):
        assert _decimals(value) <= 3


def test_whole_volumes_are_integers_and_missing_values_null(make_scored, make_report) -> None:
    report = make_report(
        [
            make_scored("a", volume=125000.0),
            make_scored("b"),
            make_scored("c", volume=float("nan")),
        ]
    )
    volumes = [t["volume"] for t in json.loads(render(report))["topics"]]
    assert volumes == [125000, None, None]
    assert isinstance(volumes[0], int)


def test_numpy_scalars_are_written_as_plain_numbers(make_scored, make_report) -> None:
    report = make_report(
        [
            make_scored(
                "x", rank=np.int64(1), relevance=np.float64(0.5), sensitivity=np.float32(0.25)
            )
        ],
        rerank=False,
    )
    topic = json.loads(render(report))["topics"][0]
    assert (topic["rank"], topic["relevance"], topic["sensitivity"]) == (1, 0.5, 0.25)


def test_a_non_finite_score_fails_loudly(make_scored, make_report) -> None:
    report = make_report([make_scored("x", relevance=float("nan"))])
    with pytest.raises(ValueError, match="not JSON compliant"):
        render(report)


def test_naive_generated_at_is_written_as_utc(make_report) -> None:
    report = make_report(generated_at=dt.datetime(2026, 1, 2, 3, 4, 5, 678))
    assert json.loads(render(report))["generated_at"] == "2026-01-02T03:04:05+00:00"


def test_extra_keys(mixed_day_report, make_report) -> None:
    data = json.loads(render(mixed_day_report))
    assert (data["as_of"], data["feed"], data["meta"], data["history"]) == (
        "2026-11-22",
        "feeds/mixed-day.csv",
        {},
        None,
    )
    first = data["topics"][0]
    assert first["date"] == "2026-11-22"
    assert first["region"] == "GB"
    assert first["territories"] == ["fashion"]
    assert first["reasons"][0]["origin"] == "model"
    assert json.loads(render(make_report(meta={"b": "2", "a": "1"})))["meta"] == {
        "a": "1",
        "b": "2",
    }


def test_history_is_written_when_present(make_report) -> None:
    when = dt.datetime(2026, 11, 21, 7, 0, tzinfo=dt.UTC)
    history = History(
        previous_run=when,
        previous_feed="yesterday.csv",
        new_engage=(TopicChange("#New", "t1", Decision.ENGAGE, None),),
        turned_never=(TopicChange("#Bad", "t2", Decision.NEVER, Decision.ENGAGE),),
        gone=(TopicChange("#Old", "t3", None, Decision.SKIP),),
        trends=(TopicTrend("t1", "#New", when, 2),),
    )
    report = dataclasses.replace(make_report(), history=history)
    data = json.loads(render(report))["history"]
    assert data["previous_run"] == "2026-11-21T07:00:00+00:00"
    assert data["turned_never"] == [
        {"id": "t2", "topic": "#Bad", "decision": "never", "previous": "engage"}
    ]
    assert data["gone"][0]["decision"] is None
    assert data["trends"] == [
        {
            "id": "t1",
            "topic": "#New",
            "first_seen": "2026-11-21T07:00:00+00:00",
            "runs_seen": 2,
            "momentum": None,
            "volume_change": None,
        }
    ]


def test_top_limits_topics_but_not_counts(mixed_day_report) -> None:
    data = json.loads(render(mixed_day_report, top=2))
    assert [t["rank"] for t in data["topics"]] == [1, 2]
    assert data["counts"] == {"engage": 2, "skip": 3, "never": 1}
    assert len(data["errors"]) == 2
    assert json.loads(render(mixed_day_report, top=0))["topics"] == []


def test_line_breaking_and_invisible_characters_are_escaped(make_scored, make_report) -> None:
    name = "a\u2028b\u2029c\x85d\x9be\u202ef\x7fg\x1bh"
    text = render(make_report([make_scored(name)]))
    lines = render_lines(make_report([make_scored(name)]))
    for out in (text, lines):
        for char in "\u2028\u2029\x85\x9b\u202e\x7f\x1b":
            assert char not in out
        assert "\\u2028" in out
        assert "\\u009b" in out
    assert json.loads(text)["topics"][0]["topic"] == name
    assert len(lines.splitlines()) == 1
    assert json.loads(lines)["topic"] == name


@pytest.mark.parametrize(
    "invisible",
    [
        "\u00ad", "\u180e", "\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u3164",
        "\ufeff", "\ufff9", "\U000e0041", "\U000e007f",
    ],
)  # fmt: skip
def test_invisible_characters_are_escaped_too(invisible: str, make_scored, make_report) -> None:
    name = f"chips{invisible} x"
    for out in (
        render(make_report([make_scored(name)])),
        render_lines(make_report([make_scored(name)])),
    ):
        assert invisible not in out
        assert json.loads(out.splitlines()[0] if out.startswith('{"rank"') else out)
    assert json.loads(render(make_report([make_scored(name)])))["topics"][0]["topic"] == name
    assert json.loads(render_lines(make_report([make_scored(name)])))["topic"] == name


def test_escape_json_invisibles_is_lossless() -> None:
    value = {"k": "\\\u2028 \x9b \u2066 \u200b \U000e0041 plain é"}
    escaped = escape_json_invisibles(json.dumps(value, ensure_ascii=False))
    assert json.loads(escaped) == value
    assert "é" in escaped


def test_lines_hold_one_topic_object_each_plus_the_brand(mixed_day_report) -> None:
    text = render_lines(mixed_day_report)
    assert text.endswith("\n")
    lines = text.splitlines()
    document = json.loads(render(mixed_day_report))
    assert len(lines) == len(document["topics"])
    for line, topic in zip(lines, document["topics"], strict=True):
        parsed = json.loads(line)
        jsonschema.validate(parsed, TOPIC_SCHEMA)
        assert parsed == {**topic, "brand": "Northwind Apparel"}
        assert list(parsed)[: len(TOPIC_KEYS)] == TOPIC_KEYS
    assert "the topic cell is empty" not in text  # row errors are not topics


def test_lines_honour_top_and_an_empty_report_is_empty(mixed_day_report, make_report) -> None:
    assert len(render_lines(mixed_day_report, top=3).splitlines()) == 3
    assert render_lines(make_report(errors=[(2, "bad")])) == ""


def test_empty_report(make_report) -> None:
    data = json.loads(render(make_report()))
    jsonschema.validate(data, CONTRACT_SCHEMA)
    assert data["topics"] == []
    assert data["counts"] == {"engage": 0, "skip": 0, "never": 0}


def test_topic_object_is_the_listed_object(mixed_day_report) -> None:
    data = json.loads(render(mixed_day_report))
    assert json.loads(json.dumps(topic_object(mixed_day_report.topics[0]))) == data["topics"][0]


def test_brand_stories_follow_the_contract_keys(story_report) -> None:
    data = json.loads(render(story_report, top=1))
    jsonschema.validate(data, CONTRACT_SCHEMA)
    assert list(data)[-1] == "brand_stories"
    assert len(data["topics"]) == 1  # top lists one topic; every story is still named
    assert [(s["id"], s["reason"]["code"]) for s in data["brand_stories"]] == [
        ("t3", "brand.in-the-news"),
        ("t5", "brand.check-first"),
        ("t4", "brand.competitor-trouble"),
        ("t2", "brand.own-story"),
    ]
    first = data["brand_stories"][0]
    assert first == {
        "rank": 3,
        "id": "t3",
        "topic": "#AcmeRecall",
        "decision": "never",
        "reason": {
            "code": "brand.in-the-news",
            "message": "listen first",
            "evidence": "Acme in the topic's name",
            "origin": "model",
        },
    }


def _record(topic: object, brand: str) -> str:
    """A JSON Lines record as one encode of the whole object writes it (the reference)."""
    line = json.dumps({**topic_object(topic), "brand": brand}, ensure_ascii=False, allow_nan=False)  # type: ignore[arg-type]
    return escape_json_invisibles(line) + "\n"


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.characters(max_codepoint=0x7F)
    | st.sampled_from(
        ['"', "\\", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e", "\u2066", "\x1b", "é"]
    ),
    max_size=12,
)


# The builders are plain functions: sharing them between examples is safe.
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    strings=st.lists(_TEXT, min_size=8, max_size=8),
    numbers=st.tuples(
        st.floats(0, 1),
        st.floats(0, 1),
        st.one_of(st.none(), st.floats(0, 1e9), st.integers(0, 10**9).map(float)),
    ),
    region=st.one_of(st.none(), _TEXT),
    dated=st.booleans(),
)
def test_lines_are_what_one_encode_of_each_object_writes(
    make_scored,
    make_report,
    strings: list[str],
    numbers: tuple[float, float, float | None],
    region: str | None,
    dated: bool,
) -> None:
    name, context, tid, brand, code, message, evidence, category = strings
    relevance, sensitivity, volume = numbers
    reason = (code, message, evidence)
    shared = ("shared.code", "every topic's reason", "")
    topics = [
        make_scored(
            name + str(i),
            id=tid,
            context=context,
            volume=volume,
            date=dt.date(2026, 12, 3) if dated else None,
            region=region,
            relevance=relevance,
            sensitivity=sensitivity,
            categories=[category, "violence"],
            territories=[category],
            reasons=[shared, reason],
        )
        for i in range(3)
    ]
    report = make_report(topics, brand=brand)
    assert render_lines(report) == "".join(_record(t, brand) for t in report.topics)
    # The JSON document too: its topics are written from pieces, as one indented dump writes
    # the whole report object (empty lists of categories, reasons and territories included).
    bare = make_scored(name, context=context, categories=[], territories=[], reasons=[])
    whole = make_report([*topics, bare], brand=brand)
    reference = json.dumps(report_object(whole), ensure_ascii=False, indent=2, allow_nan=False)
    assert render(whole) == escape_json_invisibles(reference) + "\n"


def test_a_non_finite_score_fails_as_one_encode_does(make_scored, make_report) -> None:
    report = make_report([make_scored("x", relevance=math.nan)])
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        render_lines(report)
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        render(report)


@pytest.mark.parametrize("char", ["\x7f", "\x85", "\u2028", "\u202e", "\x1b", '"', "\\"])
def test_one_odd_character_in_plain_text_is_written_as_one_encode_does(
    char: str, make_scored, make_report
) -> None:
    text = f"plain {char} text"
    scored = make_scored(text, context=text, reasons=[("c", "m", text)], territories=[text])
    report = make_report([scored], brand=text)
    assert render_lines(report) == _record(report.topics[0], text)
    reference = json.dumps(report_object(report), ensure_ascii=False, indent=2)
    assert render(report) == escape_json_invisibles(reference) + "\n"


def test_the_pieces_write_the_keys_of_topic_object(mixed_day_report) -> None:
    from rtm_score.formatters.json import _TOPIC_KEYS

    assert tuple(topic_object(mixed_day_report.topics[0])) == _TOPIC_KEYS
