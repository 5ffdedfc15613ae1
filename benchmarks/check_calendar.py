"""Rows per second of ``rtm-score check`` on a synthetic 10,000-row campaign calendar.

Usage::

    python benchmarks/check_calendar.py [--rows N] [--brand PROFILE] [--feed FEED] [--keep DIR]

The calendar mixes ordinary brand posts, sales, remembrance messages, cause hashtags, competitor
mentions and off-brand copy over two years of dates (so solemn and movable dates come up), in
several regions and time-zone spellings. It prints the time to read the calendar, to build the
checker (observance calendar, sensitivity engine, relevance model: a fixed cost per run), to
check every row, and the end-to-end figure a CI job sees, each as rows/second.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = [
    "Game night is better with Crunchwell Kettle Chips. Who's bringing the {thing}?",
    "Flash sale! {pct}% off every bag of Crunchwell {product}, today only.",
    "New flavour drop: {product} in {flavour}. Tell us what you think!",
    "Movie marathon this weekend? {product} have you covered. #MovieNight",
    "Today we remember those we lost. Our thoughts are with their families.",
    "Stock up for the weekend: 2 bags for ${price} on {product}. Shop now!",
    "Crunchier than anything from Snackerly. {product}, loud and proud.",
    "Sea salt, kettle-cooked, {pct}% off this week. #WhyIStayed #Snacks",
    "Happy Monday everyone, remember to stay hydrated and take regular breaks.",
    "Road trip snacks sorted: {product} and a good playlist. #RoadTrip #{tag}",
]
PRODUCTS = ["Kettle Chips", "Choc Chunk Cookies", "Party Mix", "Fiery BBQ chips"]
FLAVOURS = ["sea salt", "smoky chipotle", "sour cream and onion", "honey mustard"]
THINGS = ["dip", "salsa", "playlist", "board game"]
TAGS = ["GameDay", "Snacks", "Crunch", "Aurora", "WeekendVibes"]
WHEN = [
    "{d}",
    "{d} 09:00",
    "{d} 23:30 America/Los_Angeles",
    "{d}T14:00Z",
    "{d}T08:00-05:00",
]
REGIONS = ["", "US", "CA", "US, CA", "GB", "US-CA", "AU"]


def make_calendar(path: Path, rows: int, seed: int = 7) -> None:
    """Write a deterministic synthetic calendar of ``rows`` posts."""
    rnd = random.Random(seed)
    start = dt.date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "date", "region", "channel", "copy", "hashtags", "rtm_ignore"])
        for i in range(rows):
            day = start + dt.timedelta(days=rnd.randrange(730))
            copy = rnd.choice(TEMPLATES).format(
                thing=rnd.choice(THINGS),
                pct=rnd.choice([10, 15, 20, 25, 30]),
                product=rnd.choice(PRODUCTS),
                flavour=rnd.choice(FLAVOURS),
                price=rnd.choice([4, 5, 6]),
                tag=rnd.choice(TAGS),
            )
            ignore = (
                "RTM502: comparison approved 2026-01-05" if "Snackerly" in copy and i % 2 else ""
            )
            out.writerow(
                [
                    f"bench-{i:05d}",
                    rnd.choice(WHEN).format(d=day.isoformat()),
                    rnd.choice(REGIONS),
                    rnd.choice(["x", "instagram", "tiktok"]),
                    copy,
                    rnd.choice(["", "#Snacks", "#GameNight #Crunch"]),
                    ignore,
                ]
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--brand", default=str(ROOT / "examples/brands/crunchwell-snacks.yaml"))
    parser.add_argument("--feed", default=str(ROOT / "examples/calendar/trends-2026-11-23.csv"))
    parser.add_argument("--keep", type=Path, help="write the calendar into this folder")
    args = parser.parse_args(argv)

    from rtm_score.check import Checker, read_calendar
    from rtm_score.check.api import check_calendar
    from rtm_score.profile import load_profile

    folder = args.keep or Path(tempfile.mkdtemp(prefix="rtm-check-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"calendar-{args.rows}.csv"
    make_calendar(path, args.rows)
    profile = load_profile(args.brand)

    t0 = time.perf_counter()
    posts = read_calendar(path)
    t1 = time.perf_counter()
    checker = Checker(profile)
    t2 = time.perf_counter()
    trending = None
    if args.feed:
        from rtm_score.api import score_topics
        from rtm_score.feeds import read_feed

        feed = read_feed(args.feed)
        trending = score_topics(profile, feed.topics, today=dt.date(2026, 11, 23)).topics
    t3 = time.perf_counter()
    report = check_calendar(posts, profile, checker=checker, trending=trending)
    t4 = time.perf_counter()

    n = len(posts)
    counts = Counter(f.code for f in report.findings)
    print(f"calendar: {n} rows ({path})")
    print(
        f"findings: {len(report.findings)} "
        + " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    )
    print(f"read calendar     {t1 - t0:7.2f} s  {n / (t1 - t0):10.0f} rows/s")
    print(f"build checker     {t2 - t1:7.2f} s  (fixed per run)")
    print(f"score the feed    {t3 - t2:7.2f} s  (fixed per run)")
    print(f"check rows        {t4 - t3:7.2f} s  {n / (t4 - t3):10.0f} rows/s")
    print(f"end to end        {t4 - t0:7.2f} s  {n / (t4 - t0):10.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
