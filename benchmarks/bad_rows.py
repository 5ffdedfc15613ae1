"""A large feed with one bad row in every thousand: every good row scored, every bad one named.

Usage:
    python benchmarks/bad_rows.py [--size 1000000] [--every 1000]

Writes a CSV feed of ``--size`` rows that look real (unique 20-40-word contexts of real news
sentences, by ``score_throughput.make_feed``) in which every ``--every``-th row has a volume
that is not a number; runs `rtm-score score FEED --format jsonl --output OUT` in a subprocess;
then checks that the report holds exactly the good rows and that stderr names every bad row by
its line. Prints the wall time, the peak memory of the child and the counts; exits 1 when a good
row is missing or a bad row is not reported.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_throughput import BRAND, CORPORA, make_feed, portal_lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--every", type=int, default=1000)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed, out = Path(tmp) / "feed.csv", Path(tmp) / "out.jsonl"
        lines = portal_lines(args.corpora)
        bad = make_feed(feed, args.size, lines, seed=11, bad_every=args.every)
        cmd = [sys.executable, "-m", "rtm_score", "score", str(feed), "--brand", str(BRAND)]
        cmd += ["--format", "jsonl", "--output", str(out)]
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with out.open(encoding="utf-8") as fh:
            scored = {json.loads(line)["id"] for line in fh if '"rank"' in line}
    reported = {int(m) for m in re.findall(r"feed\.csv:(\d+): row", done.stderr)}
    good = {f"t{i}" for i in range(args.size) if i + 2 not in bad}
    missing, unreported = good - scored, bad - reported
    print(f"{args.size:,} rows, {len(bad):,} bad: exit {done.returncode}, {wall:.1f} s, ", end="")
    print(f"peak {peak:,.0f} MB")
    print(f"good rows scored {len(good & scored):,} of {len(good):,}; ", end="")
    print(f"bad rows named {len(bad & reported):,} of {len(bad):,}")
    return 1 if missing or unreported or done.returncode != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
