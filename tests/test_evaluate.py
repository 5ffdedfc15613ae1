"""Tests for ``rtm_score.evaluate``: reading labels, the metrics and the two renderers."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rtm_score.errors import FeedError, UsageError
from rtm_score.evaluate import (
    LabelError,
    MissKind,
    evaluate,
    headline,
    read_labels,
    render_json,
    render_text,
)
from rtm_score.feeds import ColumnMap
from rtm_score.models import Decision, Reason, Report, SourceRef

ASSETS = Path(__file__).resolve().parent / "assets" / "eval"

E, S, N = Decision.ENGAGE, Decision.SKIP, Decision.NEVER

# id, the team's call, rtm-score's decision (feed order: the id is the source line).
CASES = [
    ("1", E, E),
    ("2", E, E),
    ("3", E, S),
    ("4", S, S),
    ("5", S, N),
    ("6", N, N),
    ("7", N, N),
    ("8", N, S),
    ("9", N, E),
    ("10", S, E),
]


@pytest.fixture
def build(make_scored: Callable[..., Any], make_report: Callable[..., Report]) -> Any:
    """Build a Report from (id, decision) pairs, ranked in reverse feed order."""

    def _build(pairs: list[tuple[str, Decision]], **kw: Any) -> Report:
        scored = [
            make_scored(
                f"topic {tid}",
                decision=d,
                id=tid,
                relevance=0.5,
                sensitivity=0.25,
                source=SourceRef("calls.csv", int(tid) + 1),
                reasons=[Reason(f"code.{tid}", f"why {tid}", "evidence")],
            )
            for tid, d in pairs
        ]
        return make_report(reversed(scored), **kw)

    return _build


@pytest.fixture
def hand_built(build: Any) -> tuple[Report, dict[str, Decision]]:
    report = build([(tid, got) for tid, _, got in CASES], feed="calls.csv")
    return report, {tid: truth for tid, truth, _ in CASES}


# --- metrics ----------------------------------------------------------------------------------


def test_confusion_matrix_counts_truth_by_decision(hand_built: Any) -> None:
    ev = evaluate(*hand_built)
    assert ev.confusion.counts == ((2, 1, 0), (1, 1, 1), (1, 1, 2))
    assert ev.confusion.count(N, S) == 1
    assert ev.labelled == 10


def test_per_decision_metrics_are_exact(hand_built: Any) -> None:
    ev = evaluate(*hand_built)
    engage, skip, never = ev.per_decision
    assert (engage.precision, engage.recall, engage.support, engage.called) == (0.5, 2 / 3, 3, 4)
    assert engage.f1 == pytest.approx(4 / 7)
    assert (skip.precision, skip.recall, skip.f1) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert (skip.support, skip.called) == (3, 3)
    assert (never.precision, never.recall, never.support, never.called) == (2 / 3, 0.5, 4, 3)
    assert never.f1 == pytest.approx(4 / 7)
    assert ev.metrics_for(N) is never


def test_headline_figures_are_exact(hand_built: Any) -> None:
    ev = evaluate(*hand_built)
    assert ev.accuracy == 0.5
    assert ev.never_recall == 0.5
    assert ev.false_never_rate == pytest.approx(1 / 6)
    assert ev.engage_precision == 0.5
    assert headline(ev) == (
        "never_recall=0.500 false_never=0.167 engage_precision=0.500 accuracy=0.500"
    )


def test_misses_are_grouped_false_never_first_then_feed_order(hand_built: Any) -> None:
    ev = evaluate(*hand_built)
    assert [(m.kind, m.topic_id) for m in ev.misses] == [
        (MissKind.FALSE_NEVER, "5"),
        (MissKind.MISSED_NEVER, "8"),
        (MissKind.MISSED_NEVER, "9"),
        (MissKind.OTHER, "3"),
        (MissKind.OTHER, "10"),
    ]
    miss = ev.misses[0]
    assert (miss.topic, miss.truth, miss.decision) == ("topic 5", S, N)
    assert miss.reasons == (Reason("code.5", "why 5", "evidence"),)


def test_empty_classes_are_nan_and_null_in_json(build: Any) -> None:
    # Nothing labelled skip or called skip; nothing called engage.
    report = build([("1", N), ("2", N), ("3", N)])
    ev = evaluate(report, {"1": N, "2": N, "3": E})
    skip = ev.metrics_for(S)
    assert math.isnan(skip.precision) and math.isnan(skip.recall) and math.isnan(skip.f1)
    assert skip.support == 0
    engage = ev.metrics_for(E)
    assert math.isnan(engage.precision) and engage.recall == 0.0 and math.isnan(engage.f1)
    assert math.isnan(ev.engage_precision)
    assert ev.false_never_rate == 1.0
    doc = json.loads(render_json(ev))
    assert doc["per_decision"]["skip"] == {
        "precision": None, "recall": None, "f1": None, "support": 0, "called": 0
    }  # fmt: skip
    assert doc["summary"]["engage_precision"] is None
    assert doc["summary"]["never_recall"] == 1.0
    assert "NaN" not in render_json(ev)
    assert "engage_precision=nan" in render_text(ev)


def test_f1_is_zero_when_precision_and_recall_are_zero(build: Any) -> None:
    ev = evaluate(build([("1", S), ("2", E)]), {"1": E, "2": S})
    assert ev.metrics_for(E).f1 == 0.0
    assert ev.accuracy == 0.0


def test_nothing_labelled_gives_nan_everywhere(build: Any) -> None:
    ev = evaluate(build([("1", E)]), {})
    assert ev.labelled == 0
    assert math.isnan(ev.accuracy) and math.isnan(ev.never_recall)
    assert [(s.topic_id, s.message) for s in ev.skipped] == [("1", "no label")]


def test_label_errors_feed_errors_and_stray_labels_are_listed(build: Any) -> None:
    report = build([("1", E), ("2", N)], errors=[(3, "empty topic")])
    errors = [LabelError(2, "2", "unknown label 'maybe'")]
    ev = evaluate(report, {"1": E, "9": S}, label_errors=errors)
    assert ev.labelled == 1
    assert [(s.row, s.topic_id, s.topic, s.decision, s.message) for s in ev.skipped] == [
        (2, "2", "topic 2", N, "unknown label 'maybe'"),
        (3, "", "", None, "not scored: empty topic"),
        (None, "9", "", None, "labelled, but no topic has this id"),
    ]
    text = render_text(ev)
    assert "Not evaluated: 3\n" in text
    assert "  row 2 [2] topic 2 (rtm-score said never): unknown label 'maybe'\n" in text
    assert "  row 3: not scored: empty topic\n" in text
    assert "  [9]: labelled, but no topic has this id\n" in text


def test_repeated_topic_id_counts_once(build: Any, make_scored: Any, make_report: Any) -> None:
    first = make_scored("first", decision=E, id="x", source=SourceRef("f.csv", 2))
    again = make_scored("again", decision=N, id="x", source=SourceRef("f.csv", 3))
    ev = evaluate(make_report([again, first]), {"x": E})
    assert ev.confusion.count(E, E) == 1 and ev.labelled == 1
    assert [(s.topic, s.message) for s in ev.skipped] == [("again", "repeated id")]


# --- rendering --------------------------------------------------------------------------------


def test_render_json_has_stable_keys_and_rounded_floats(hand_built: Any) -> None:
    doc = json.loads(render_json(evaluate(*hand_built)))
    assert list(doc) == [
        "brand", "feed", "version", "labelled", "summary", "confusion", "per_decision",
        "misses", "skipped",
    ]  # fmt: skip
    assert doc["summary"] == {
        "never_recall": 0.5, "false_never": 0.167, "engage_precision": 0.5, "accuracy": 0.5
    }  # fmt: skip
    assert doc["confusion"] == {
        "engage": {"engage": 2, "skip": 1, "never": 0},
        "skip": {"engage": 1, "skip": 1, "never": 1},
        "never": {"engage": 1, "skip": 1, "never": 2},
    }
    assert doc["per_decision"]["engage"] == {
        "precision": 0.5, "recall": 0.667, "f1": 0.571, "support": 3, "called": 4
    }  # fmt: skip
    assert doc["misses"][0] == {
        "kind": "false-never", "id": "5", "topic": "topic 5", "truth": "skip",
        "decision": "never", "relevance": 0.5, "sensitivity": 0.25,
        "reasons": [{"code": "code.5", "message": "why 5", "evidence": "evidence"}],
    }  # fmt: skip


def test_render_text_layout(hand_built: Any) -> None:
    text = render_text(evaluate(*hand_built))
    lines = text.splitlines()
    assert lines[0] == "Acme Snacks: 10 labelled topics from calls.csv"
    assert lines[3].split() == ["engage", "skip", "never", "total"]
    assert lines[4].split() == ["engage", "2", "1", "0", "3"]
    assert lines[6].split() == ["never", "1", "1", "2", "4"]
    assert lines[9].split() == ["engage", "0.500", "0.667", "0.571", "3", "4"]
    assert "never_recall=0.500 false_never=0.167 engage_precision=0.500 accuracy=0.500" in lines
    false_never = text.index("False never")
    assert false_never < text.index("Missed never") < text.index("Other misses")
    assert "  [5] topic 5: you said skip, rtm-score said never" in text
    assert "      code.5: why 5 (evidence)" in text


def test_render_text_makes_feed_control_characters_visible(
    make_scored: Any, make_report: Any
) -> None:
    scored = make_scored("Evil\x1b[2J\nname", decision=N, id="1")
    text = render_text(evaluate(make_report([scored]), {"1": E}))
    assert "\x1b" not in text
    assert "Evil␛[2J name" in text


# --- reading labels ---------------------------------------------------------------------------


def test_read_labels_reports_bad_label_rows() -> None:
    labelled = read_labels(ASSETS / "bad-labels.csv")
    assert labelled.label_column == "Label"  # found case-insensitively
    assert dict(labelled.labels) == {"a1": E, "a2": N, "a7": S}
    assert [(e.row, e.topic_id, e.message) for e in labelled.errors] == [
        (3, "a3", "unknown label 'maybe' (expected engage, skip or never)"),
        (4, "a4", "empty label in column 'Label' (expected engage, skip or never)"),
        (5, "a5", "unknown label 'nevr' (expected engage, skip or never); did you mean 'never'?"),
        (6, "a1", "id 'a1' is also on row 1; labels are matched by id, so ids must be unique"),
    ]
    # The row with no topic is the feed reader's to report, not a label error.
    assert [(e.row, e.message) for e in labelled.feed.errors] == [(7, "empty topic")]


def test_unknown_label_column_lists_columns_with_did_you_mean() -> None:
    with pytest.raises(FeedError) as info:
        read_labels(ASSETS / "bad-labels.csv", label_col="lable")
    assert str(info.value) == (
        f"{ASSETS / 'bad-labels.csv'}: no label column 'lable'\n"
        "  hint: did you mean 'Label'? columns found: id, topic, context, Label; "
        "choose one with --label-col NAME"
    )


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("no-id.tsv", ["1", "2", "3"]),  # row numbers; the blank line is not counted
        ("labels.json", ["101", "102", "103"]),  # numeric ids in a wrapper object
        ("labels.jsonl", ["1", "2", "3"]),
    ],
)
def test_read_labels_other_formats(name: str, ids: list[str]) -> None:
    labelled = read_labels(ASSETS / name)
    assert dict(labelled.labels) == dict(zip(ids, [E, N, S], strict=True))
    assert [t.id for t in labelled.feed.topics] == ids
    assert labelled.errors == ()


def test_read_labels_from_stdin() -> None:
    data = (ASSETS / "no-id.tsv").read_bytes()
    labelled = read_labels("-", stdin=io.BytesIO(data))
    assert labelled.feed.source == "-"
    assert dict(labelled.labels) == {"1": E, "2": N, "3": S}


def test_read_labels_from_a_file_object_keeps_its_name() -> None:
    with (ASSETS / "labels.jsonl").open("rb") as fh:
        labelled = read_labels(fh)
    assert labelled.feed.source == str(ASSETS / "labels.jsonl")
    assert len(labelled.labels) == 3


def test_read_labels_with_an_explicit_id_column(tmp_path: Path) -> None:
    feed = tmp_path / "calls.csv"
    feed.write_text("case,topic,label\nk9,#Chips,engage\nk7,#Storm,never\n", encoding="utf-8")
    labelled = read_labels(feed, columns=ColumnMap(id="case"))
    assert dict(labelled.labels) == {"k9": E, "k7": N}


def test_label_column_that_feeds_the_topic_is_refused() -> None:
    with pytest.raises(UsageError, match="--label-col 'context' is a column rtm-score reads"):
        read_labels(ASSETS / "bad-labels.csv", label_col="context")


def test_feed_without_any_usable_label_is_an_error(tmp_path: Path) -> None:
    feed = tmp_path / "calls.csv"
    feed.write_text("topic,label\n#Chips,\n#Storm,perhaps\n", encoding="utf-8")
    with pytest.raises(FeedError) as info:
        read_labels(feed)
    assert str(info.value).startswith(
        f"{feed}: no row has a usable label in column 'label' (row 1: empty label"
    )


def test_rss_feed_has_no_label_column() -> None:
    with pytest.raises(FeedError, match="google-trends-rss feed has no label column"):
        read_labels(ASSETS / "trends.xml")
