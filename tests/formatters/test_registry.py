"""Tests for the formatter registry: every format registered, lazy imports, render_report."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest

from rtm_score.errors import UsageError
from rtm_score.formatters import (
    FORMATTERS,
    OutputFormat,
    available_formats,
    get_formatter,
    ranked_topics,
    render_report,
)


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
