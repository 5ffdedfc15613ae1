"""Seconds to write the daily HTML (and Markdown) report for a 1,000-topic feed.

Usage:
    python benchmarks/report_1000.py [--topics N] [--pipeline PROFILE]

By default the Report is built synthetically (deterministic scores, categories and reasons), so
the figure measures the report alone: rendering (charts included), the atomic write, and the
run history (record the run, compare with yesterday's). With ``--pipeline PROFILE`` the topics
are scored end to end by ``rtm_score.api.score_topics`` first (that time is printed apart).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from rtm_score.atomic import write_atomic
from rtm_score.formatters import html, markdown
from rtm_score.history import record_run
from rtm_score.models import Decision, Reason, Report, RowError, ScoredTopic, Topic

NOW = dt.datetime(2026, 11, 22, 7, 0, tzinfo=dt.UTC)
CATEGORIES = ("death-injury", "disasters", "violence-crime", "politics", "health", "war")
WORDS = [
    "autumn",
    "coat",
    "storm",
    "final",
    "cup",
    "vote",
    "flood",
    "star",
    "show",
    "sale",
    "launch",
    "gala",
    "rescue",
]


def _topics(n: int, seed: int = 7) -> list[Topic]:
    rng = random.Random(seed)
    return [
        Topic(
            id=str(i + 1),
            name="#" + "".join(w.title() for w in rng.sample(WORDS, 2)) + str(i),
            context=" ".join(rng.choice(WORDS) for _ in range(18)),
            volume=float(rng.randint(1_000, 2_000_000)),
        )
        for i in range(n)
    ]


def synthetic_report(n: int, *, day: dt.datetime = NOW, seed: int = 7) -> Report:
    """A report of ``n`` topics with plausible scores, categories and reasons."""
    rng = random.Random(seed)
    scored = []
    for topic in _topics(n, seed):
        relevance, sensitivity = rng.random(), rng.random() ** 2
        decision = (
            Decision.NEVER
            if sensitivity > 0.6
            else Decision.ENGAGE
            if relevance > 0.5
            else Decision.SKIP
        )
        categories = tuple(rng.sample(CATEGORIES, rng.randint(0, 2))) if sensitivity > 0.3 else ()
        reasons = (
            Reason("relevance", "Matches the brand's keywords", "coat, autumn", "model"),
            *(Reason(f"sens.{c}", f"Sensitive: {c}", "storm", "rule") for c in categories),
            Reason("policy", f"{decision.value}: relevance {relevance:.2f}", "", "policy"),
        )
        scored.append(
            ScoredTopic(
                0, topic, decision, round(relevance, 4), round(sensitivity, 4), categories, reasons
            )
        )
    scored.sort(key=lambda s: (s.decision.order, -s.relevance, s.topic.name))
    ranked = tuple(dataclasses.replace(s, rank=i) for i, s in enumerate(scored, start=1))
    return Report(
        brand="Northwind Apparel",
        generated_at=day,
        version="bench",
        topics=ranked,
        errors=(RowError(12, "volume 'lots' is not a number"),),
        feed=f"trends-{day.date().isoformat()}.csv",
    )


def _pipeline_report(profile_path: str, n: int) -> Report:
    from rtm_score.api import score_topics
    from rtm_score.profile import load_profile

    start = time.perf_counter()
    report = score_topics(load_profile(profile_path), _topics(n), today=NOW.date(), now=NOW)
    print(f"scoring {n} topics end to end: {time.perf_counter() - start:.2f} s")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=1000)
    parser.add_argument("--pipeline", metavar="PROFILE", help="score with rtm_score.api first")
    args = parser.parse_args(argv)

    if args.pipeline:
        report = _pipeline_report(args.pipeline, args.topics)
    else:
        report = synthetic_report(args.topics)
    yesterday = synthetic_report(args.topics, day=NOW - dt.timedelta(days=1), seed=8)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        record_run(out / "history.sqlite", yesterday)

        start = time.perf_counter()
        page = html.render(report)
        write_atomic(out / "report.html", page)
        plain = time.perf_counter() - start

        start = time.perf_counter()
        with_history = record_run(out / "history.sqlite", report)
        recorded = time.perf_counter() - start
        start = time.perf_counter()
        write_atomic(out / "report-history.html", html.render(with_history))
        full = time.perf_counter() - start + recorded

        start = time.perf_counter()
        write_atomic(out / "report.md", markdown.render(with_history))
        md = time.perf_counter() - start
        size = (out / "report-history.html").stat().st_size

    n = len(report.topics)
    print(f"HTML report, {n} topics (render + charts + atomic write, cold imports): {plain:.2f} s")
    print(f"HTML report with history (record run + compare + render + write): {full:.2f} s")
    print(
        f"  of which recording the run in SQLite: {recorded:.2f} s; page size {size / 1e6:.2f} MB"
    )
    print(f"Markdown report with history (render + write): {md:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
