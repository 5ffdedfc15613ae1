"""Microseconds a topic to write a scored report in each output format.

Usage:
    python benchmarks/render_formats.py [--topics 20000] [--formats json jsonl csv ...]

It writes a feed that looks real (the death-heavy ``news`` feed of ``score_throughput.py``:
unique 20-40-word contexts of Wikipedia Current Events lines), scores it once in this process
for ``examples/brands/crunchwell-snacks.yaml`` (that time is printed apart), then renders the
report in each format (``render_report_parts``, as ``score --output`` writes it) and prints the
best of ``--repeat`` runs: seconds, microseconds a topic and megabytes written. The table format
lists ``--table-top`` topics (a table of every topic of a large feed is rich's layout of each
row: about 0.7 ms a row). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_throughput import BRAND, CORPORA, make_feed, portal_lines

from rtm_score.api import ScoreOptions, score_topics
from rtm_score.feeds import read_feed
from rtm_score.formatters import OutputFormat, render_report_parts
from rtm_score.machine import fewer_collections
from rtm_score.profile import load_profile

DAY = dt.date(2026, 2, 8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=20_000)
    parser.add_argument(
        "--formats",
        nargs="+",
        default=[f.value for f in OutputFormat],
        choices=[f.value for f in OutputFormat],
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--table-top", type=int, default=1000)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rtm-render-") as tmp:
        feed = Path(tmp) / "news.csv"
        make_feed(feed, args.topics, portal_lines(args.corpora))
        topics = read_feed(feed).topics
    with fewer_collections():
        start = time.perf_counter()
        report = score_topics(
            load_profile(BRAND), topics, today=DAY, options=ScoreOptions(jobs=1, as_of=DAY)
        )
        print(f"scored {len(topics)} topics in {time.perf_counter() - start:.1f} s (not counted)")
        for name in args.formats:
            fmt = OutputFormat(name)
            top = args.table_top if fmt is OutputFormat.TABLE else None
            best, size = float("inf"), 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                size = sum(len(part) for part in render_report_parts(report, fmt, top=top))
                best = min(best, time.perf_counter() - start)
            shown = min(len(topics), top) if top is not None else len(topics)
            print(
                f"{name:>9}: {best:6.2f} s for {shown} topics = {best / shown * 1e6:6.1f} us a "
                f"topic, {size / 1e6:.1f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
