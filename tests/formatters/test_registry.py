"""Tests for the formatter registry: every format registered, lazy imports, render_report."""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from rtm_score.errors import UsageError
from rtm_score.formatters import (
    FORMATTERS,
    STREAMING,
    OutputFormat,
    available_formats,
    get_formatter,
    ranked_topics,
    render_report,
    render_report_parts,
)
from rtm_score.formatters import csv as formatters_csv
from rtm_score.formatters import json as formatters_json
from rtm_score.models import Report


def test_every_output_format_is_registered() -> None:
    assert set(FORMATTERS) == set(OutputFormat)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_registry_entries_name_a_module_and_a_function(fmt: OutputFormat) -> None:
    module, sep, attr = FORMATTERS[fmt].partition(":")
    assert sep == ":"
    assert module.startswith("rtm_score.formatters.")
    assert attr.isidentifier()


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_registered_formatter_is_importable_and_callable(fmt: OutputFormat) -> None:
    module, _, attr = FORMATTERS[fmt].partition(":")
    assert callable(getattr(importlib.import_module(module), attr))
    assert callable(get_formatter(fmt))


def test_output_format_values_are_lowercase_strings() -> None:
    for fmt in OutputFormat:
        assert isinstance(fmt, str)
        assert fmt.value == fmt.value.lower()
        assert OutputFormat(fmt.value) is fmt


def test_available_formats_lists_the_written_ones_in_enum_order() -> None:
    formats = available_formats()
    assert {
        OutputFormat.TABLE,
        OutputFormat.JSON,
        OutputFormat.JSONL,
        OutputFormat.CSV,
    } <= set(formats)
    assert formats == [f for f in OutputFormat if f in formats]


@pytest.mark.parametrize(
    "fmt", [OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV]
)
def test_render_report_matches_the_formatter_and_accepts_the_value(fmt, mixed_day_report) -> None:
    expected = get_formatter(fmt)(mixed_day_report, top=3)
    assert render_report(mixed_day_report, fmt, top=3) == expected
    assert render_report(mixed_day_report, fmt.value, top=3) == expected


def test_render_report_rejects_an_unknown_format(mixed_day_report) -> None:
    with pytest.raises(UsageError, match="unknown output format 'yaml'") as info:
        render_report(mixed_day_report, "yaml")
    assert info.value.hint is not None
    assert "json" in info.value.hint


def test_render_report_rejects_a_negative_top(mixed_day_report) -> None:
    with pytest.raises(UsageError, match="top must be 0 or more, got -1"):
        render_report(mixed_day_report, OutputFormat.JSON, top=-1)


def test_ranked_topics_sorts_by_rank_and_cuts_at_top(make_scored, make_report) -> None:
    report = make_report(
        [make_scored("c", rank=3), make_scored("a", rank=1), make_scored("b", rank=2)],
        rerank=False,
    )
    assert [t.topic.name for t in ranked_topics(report)] == ["a", "b", "c"]
    assert [t.topic.name for t in ranked_topics(report, 2)] == ["a", "b"]
    assert ranked_topics(report, 0) == ()
    assert len(ranked_topics(report, 99)) == 3


@pytest.mark.parametrize(
    "fmt", [OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV]
)
def test_formatters_are_pure(fmt, mixed_day_report, monkeypatch) -> None:
    before = render_report(mixed_day_report, fmt)
    # Terminal and colour settings must not leak into a rendered report.
    for name, value in {
        "COLUMNS": "40",
        "LINES": "5",
        "FORCE_COLOR": "1",
        "TTY_COMPATIBLE": "1",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "NO_COLOR": "1",
        "TZ": "Pacific/Kiritimati",
    }.items():
        monkeypatch.setenv(name, value)
    assert render_report(mixed_day_report, fmt) == before


def test_importing_the_registry_does_not_import_rich() -> None:
    code = (
        "import sys, rtm_score.formatters as f; "
        "f.available_formats(); "
        "bad = sorted(m for m in ('rich', 'jinja2', 'pandas', 'sklearn') if m in sys.modules); "
        "print(','.join(bad))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == ""


# --- streamed rendering -------------------------------------------------------------------------


@pytest.fixture(name="streamed")
def _streamed(make_scored: Any, make_report: Any) -> Callable[[int], Report]:
    def build(n: int) -> Report:
        topics = [
            make_scored(f"#Topic{i}", decision=("engage", "skip", "never")[i % 3], relevance=i / n)
            for i in range(n)
        ]
        return make_report(topics, errors=[(7, "no topic")], feed="today.csv")

    return build


@pytest.mark.parametrize("fmt", sorted(STREAMING, key=lambda f: f.value))
@pytest.mark.parametrize("n", [0, 1, 5, 12])
def test_streamed_pieces_join_into_the_rendered_report(
    fmt: OutputFormat, n: int, monkeypatch: pytest.MonkeyPatch, streamed: Callable[[int], Report]
) -> None:
    monkeypatch.setattr(formatters_json, "PART", 5)
    monkeypatch.setattr(formatters_csv, "PART", 5)
    report = streamed(n)
    pieces = list(render_report_parts(report, fmt))
    assert "".join(pieces) == render_report(report, fmt)
    for top in (0, 3):
        assert "".join(render_report_parts(report, fmt, top=top)) == render_report(
            report, fmt, top=top
        )
    # A piece holds at most PART topics (plus the document's head or tail).
    assert len(pieces) <= n // 5 + 3
    assert all(p.count("#Topic") <= 5 for p in pieces)


def test_streamed_json_is_the_indented_document(
    monkeypatch: pytest.MonkeyPatch, streamed: Callable[[int], Report]
) -> None:
    monkeypatch.setattr(formatters_json, "PART", 2)
    report = streamed(5)
    text = "".join(render_report_parts(report, OutputFormat.JSON))
    expected = json.dumps(formatters_json.report_object(report), ensure_ascii=False, indent=2)
    assert text == expected + "\n"


@pytest.mark.parametrize("fmt", [OutputFormat.TABLE, OutputFormat.MARKDOWN, OutputFormat.HTML])
def test_formats_that_do_not_stream_come_in_one_piece(
    fmt: OutputFormat, streamed: Callable[[int], Report]
) -> None:
    report = streamed(4)
    assert fmt not in STREAMING
    assert list(render_report_parts(report, fmt)) == [render_report(report, fmt)]


def test_streamed_rendering_checks_its_arguments_at_once(
    streamed: Callable[[int], Report],
) -> None:
    with pytest.raises(UsageError):
        render_report_parts(streamed(1), OutputFormat.JSONL, top=-1)
    with pytest.raises(UsageError):
        render_report_parts(streamed(1), "xml")


def test_brand_stories_most_urgent_first_whatever_top(story_report: Report) -> None:
    from rtm_score.formatters import brand_stories
    from rtm_score.models import BRAND_STORY_CODES

    listed = [(t.topic.id, r.code) for t, r in brand_stories(story_report)]
    assert listed == [
        ("t3", "brand.in-the-news"),
        ("t5", "brand.check-first"),
        ("t4", "brand.competitor-trouble"),
        ("t2", "brand.own-story"),
    ]
    assert [c for _, c in listed] == list(BRAND_STORY_CODES)
    ordinary = [t for t in story_report.topics if t.topic.id == "t1"]
    assert brand_stories(dataclasses.replace(story_report, topics=tuple(ordinary))) == ()


def test_the_policy_gives_only_the_listed_story_codes() -> None:
    import ast
    from pathlib import Path

    from rtm_score import policy
    from rtm_score.models import BRAND_STORY_CODES

    tree = ast.parse(Path(policy.__file__).read_text(encoding="utf-8"))
    written = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("brand.")
    }
    assert written == set(BRAND_STORY_CODES)
