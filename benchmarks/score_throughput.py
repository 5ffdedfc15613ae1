"""End-to-end throughput of `rtm-score score`, and the start-up time of `rtm-score --help`.

Usage:
    python benchmarks/score_throughput.py [--sizes 10000 100000] [--repeat 3]

For each size it writes a synthetic feed (realistic names and contexts drawn from a fixed
vocabulary, with a share of sensitive topics), runs the real command in a subprocess
(`python -m rtm_score score FEED --brand examples/brands/crunchwell-snacks.yaml --format jsonl
--output ...`) and prints the median wall time, topics per second and the peak memory (RSS of the
child, from `resource.getrusage`). It also times `rtm-score --help` and checks that `--help`
imports neither scikit-learn nor pandas. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"

NAMES = ["#SuperBowl", "Halftime show", "#NationalChipDay", "Game of Thrones", "#MondayMotivation",
         "Taylor Swift", "NBA Finals", "#Aurora", "Winter storm", "World Cup", "Netflix", "iPhone",
         "#TalkLikeAPirateDay", "Oscars", "Election night", "#RIP", "Eurovision", "Black Friday"]
SAFE = ["fans gather for watch parties with chips and cookies", "the season finale airs tonight",
        "a new trailer drops and fans react", "the team wins the championship in overtime",
        "a viral recipe for chocolate chip cookies", "the album tops the charts",
        "a new phone update adds emojis", "shoppers hunt for deals online"]
SENSITIVE = ["a gunman opens fire at a mall, killing five", "a winter storm leaves four dead",
             "the actor dies at 78, his family says", "protesters clash with riot police",
             "a measles outbreak grows to 120 cases as the virus spreads"]


def make_feed(path: Path, n: int, seed: int = 7) -> None:
    """Write a synthetic CSV feed of n topics (10% sensitive)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "topic", "context", "volume", "date"])
        for i in range(n):
            name = f"{rng.choice(NAMES)} {rng.randint(1, 5000)}"
            pool = SENSITIVE if rng.random() < 0.1 else SAFE
            context = f"{rng.choice(pool)}; {rng.choice(SAFE)}"
            w.writerow([f"t{i}", name, context, rng.randint(1000, 900000), "2026-02-08"])


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak child RSS (MB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    py = sys.executable

    helps = [run([py, "-m", "rtm_score", "--help"])[0] for _ in range(5)]
    probe = subprocess.run(
        [py, "-c", "import sys, rtm_score.cli; print(any(m.split('.')[0] in ('sklearn', 'pandas') "
                   "for m in sys.modules))"], capture_output=True, text=True, check=True)
    print(f"rtm-score --help: median {statistics.median(helps):.3f} s over 5 runs; "
          f"imports sklearn/pandas: {probe.stdout.strip()}")

    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            feed = Path(tmp) / f"feed-{n}.csv"
            make_feed(feed, n)
            out = Path(tmp) / "out.jsonl"
            cmd = [py, "-m", "rtm_score", "score", str(feed), "--brand", str(BRAND),
                   "--format", "jsonl", "--output", str(out), "--quiet"]
            walls, peaks = [], []
            for _ in range(args.repeat):
                wall, peak = run(cmd)
                walls.append(wall)
                peaks.append(peak)
            med = statistics.median(walls)
            print(f"{n:>7} topics: median {med:6.2f} s  ({n / med:8.0f} topics/s)  "
                  f"peak RSS {max(peaks):6.0f} MB  [runs: {', '.join(f'{w:.2f}' for w in walls)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
