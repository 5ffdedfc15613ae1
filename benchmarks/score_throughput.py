"""End-to-end throughput of `rtm-score score`, and the start-up time of `rtm-score --help`.

Usage:
    python benchmarks/score_throughput.py [--sizes 10000 100000] [--repeat 3]

For each size and kind of feed (``--feeds``) it writes a feed that looks real, every context a
unique 20-40-word line:

- ``news``, the death-heavy one: real news sentences (Wikipedia Current Events portal lines
  from ``--corpora``, two or three per topic, the source attributions stripped), every name a
  short phrase from its context; about half its topics are never;
- ``plain``, what a trends feed mostly holds: real X/Twitter US trend names of 2020-2021, each
  with a context of two or three real light headlines and teasers (HuffPost's entertainment,
  sport, style, food, travel, home, parenting and comedy sections, YouTube trending titles).

Then it runs the real command in a subprocess (`rtm-score score FEED --brand
examples/brands/crunchwell-snacks.yaml --format jsonl --output ...`, the console script beside
this interpreter when it runs this checkout's code, as an editable install does, else
`python -m rtm_score`; see :func:`entry`) and prints the
median wall time, topics per second and the peak memory (RSS of the run's largest process
that it waited for, from `os.wait4`), once with the command's default (worker processes, one
per core, for a feed of 10,000 topics or more) and once with ``--jobs 1`` (one process).

In the same run it measures **the floor**: a child process that reads the same feed with
pandas and runs one scikit-learn ``TfidfVectorizer().fit_transform`` over name and context (the
least any TF-IDF scorer must do), and prints rtm-score's time as a multiple of it. It also times
`rtm-score --help` and checks that `--help` imports neither scikit-learn nor pandas. Figures
are printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"

CORPORA = ROOT.parent / "shared" / "data" / "external"
FLOOR = (
    "import sys, pandas as pd; from sklearn.feature_extraction.text import TfidfVectorizer; "
    "df = pd.read_csv(sys.argv[1], keep_default_na=False); "
    "TfidfVectorizer().fit_transform(df['topic'] + ' ' + df['context'])"
)


def portal_lines(corpora: Path) -> list[str]:
    """The portal's event sentences, without their trailing "(Reuters)" attributions."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from sample_for_labelling import strip_sources  # the labelling draw strips them the same way

    path = corpora / "wikipedia-current-events-2010-2018" / "events_2010_2018.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [strip_sources(r["text"]) for r in csv.DictReader(fh)]
    return [t for t in dict.fromkeys(lines) if len(t.split()) >= 6]


LIGHT_SECTIONS = frozenset(
    {
        "ENTERTAINMENT",
        "COMEDY",
        "SPORTS",
        "STYLE & BEAUTY",
        "HOME & LIVING",
        "PARENTING",
        "FOOD & DRINK",
        "CULTURE & ARTS",
        "TECH",
        "TRAVEL",
        "WEDDINGS",
    }
)
"""HuffPost sections whose headlines make the plain feed's contexts."""


def plain_lines(corpora: Path) -> tuple[list[str], list[str]]:
    """(trend names, light sentences) for the plain feed: the X/Twitter US daily trend names of
    2020-2021, and HuffPost headlines and teasers of :data:`LIGHT_SECTIONS` with the YouTube
    trending titles of 2017."""
    path = corpora / "twitter-trends-place-csv-2020-2021" / "us_daily_1620utc.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        names = list(dict.fromkeys(r["name"] for r in csv.DictReader(fh) if r["name"].strip()))
    lines: list[str] = []
    for f in sorted((corpora / "news-category-huffpost").glob("*.jsonl")):
        for row in f.read_text(encoding="utf-8").splitlines():
            d = json.loads(row)
            if d["category"] in LIGHT_SECTIONS:
                lines += [d["headline"], d["short_description"]]
    with (corpora / "youtube-trending-us-2017" / "USvideos.csv").open(encoding="utf-8") as fh:
        lines += [r["title"] for r in csv.DictReader(fh)]
    return names, [t for t in dict.fromkeys(lines) if len(t.split()) >= 4]


def make_feed(
    path: Path,
    n: int,
    lines: list[str],
    seed: int = 7,
    bad_every: int = 0,
    names: list[str] | None = None,
) -> set[int]:
    """Write a CSV feed of n topics with unique 20-40-word contexts made of ``lines`` (three
    at random), each named by a short phrase of its context, or by one of ``names`` at random;
    with ``bad_every``, every such row has a volume that is not a number. Returns the file
    lines of those bad rows."""
    rng = random.Random(seed)
    seen: set[str] = set()
    bad: set[int] = set()
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "topic", "context", "volume", "date"])
        i = 0
        while i < n:
            words = " ".join(rng.sample(lines, 3)).split()
            context = " ".join(words[: rng.randint(20, 40)])
            if context in seen:
                continue
            seen.add(context)
            name = (
                rng.choice(names)
                if names
                else " ".join(context.split()[rng.randint(0, 10) :][: rng.randint(1, 4)])
            )
            volume: object = rng.randint(1000, 900000)
            if bad_every and (i + 1) % bad_every == 0:
                volume = "lots"
                bad.add(i + 2)  # the header is line 1
            w.writerow([f"t{i}", name, context, volume, "2026-02-08"])
            i += 1
    return bad


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command: the largest of its process and the
    processes it waited for, from ``os.wait4`` (``RUSAGE_CHILDREN`` keeps the largest child so
    far, so a small run after a large one showed the large one's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, usage.ru_maxrss / 1024


@functools.lru_cache(maxsize=1)
def entry() -> tuple[str, ...]:
    """The command users run: the ``rtm-score`` console script beside this interpreter, when
    it imports this checkout's package (an editable install), else ``python -m rtm_score``.
    They differ: run as ``-m``, NLTK's import (SciPy's docstring parsing inside it) cost about
    0.1 s more a call, for no reason found in rtm-score (the same modules, no thread, no
    trace function; the same import is fast under ``-m`` when made before the feed is
    scored)."""
    script = Path(sys.executable).with_name("rtm-score")
    if script.exists():
        probe = subprocess.run(
            [sys.executable, "-c", "import rtm_score; print(rtm_score.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=tempfile.gettempdir(),  # not this checkout's folder, which -c would put first
        )
        if Path(probe.stdout.strip()).resolve().is_relative_to(ROOT):
            return (str(script),)
    return (sys.executable, "-m", "rtm_score")


def with_bytecode(cache: Path) -> None:
    """Child processes read and write compiled bytecode under ``cache``, as an installed
    package's do (pip compiles it at install). Where ``PYTHONDONTWRITEBYTECODE`` is set, as on
    this machine, a run from the source tree compiled every module of rtm-score again on every
    call (about 60 ms of a 10-topic run) while the floor's packages read their compiled
    bytecode; the first run of each command below writes the cache and is not timed."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument(
        "--feeds",
        nargs="+",
        choices=("news", "plain"),
        default=["news", "plain"],
        help="kinds of feed to time (default: both; the 10-brand call uses the first)",
    )
    ap.add_argument(
        "--brands",
        type=int,
        default=10,
        help="also time one call with this many brands over the largest feed (0: skip)",
    )
    args = ap.parse_args()
    lines = portal_lines(args.corpora)
    with tempfile.TemporaryDirectory() as tmp:
        with_bytecode(Path(tmp) / "pycache")
        return measure(args, lines, Path(tmp))


def measure(args: argparse.Namespace, lines: list[str], tmp: Path) -> int:
    """Every figure, in the order printed; ``tmp`` holds the feeds and reports."""
    py = sys.executable
    command = list(entry())
    print(f"command: {' '.join(command)}")
    run([*command, "--help"])  # writes the bytecode cache (not timed)
    helps = [run([*command, "--help"])[0] for _ in range(5)]
    probe = subprocess.run(
        [
            py,
            "-c",
            "import sys, rtm_score.cli; print(any(m.split('.')[0] in ('sklearn', 'pandas') "
            "for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(
        f"rtm-score --help: median {statistics.median(helps):.3f} s over 5 runs; "
        f"imports sklearn/pandas: {probe.stdout.strip()}"
    )

    plain = plain_lines(args.corpora) if "plain" in args.feeds else None
    small_feed(tmp, lines, max(args.repeat, 5))
    base: list[str] = []  # the 10-brand call's: the first kind's largest feed
    for kind in args.feeds:
        for n in args.sizes:
            feed = tmp / f"feed-{kind}-{n}.csv"
            if kind == "plain" and plain is not None:
                make_feed(feed, n, plain[1], names=plain[0])
            else:
                make_feed(feed, n, lines)
            cmd = time_feed(feed, n, kind, tmp / "out.jsonl", args.repeat)
            if kind == args.feeds[0] and n == max(args.sizes):
                base = cmd[: cmd.index("--brand")]  # the command and its feed
    if args.brands > 1:
        many_brands(tmp, max(args.sizes), args.brands, args.repeat, base)
    return 0


def time_feed(feed: Path, n: int, kind: str, out: Path, repeat: int) -> list[str]:
    """Time one feed with the command's default and with ``--jobs 1``, each against the floor
    in alternating runs; returns the command (without ``--jobs``)."""
    py = sys.executable
    cmd = [*entry(), "score", str(feed), "--brand", str(BRAND)]
    cmd += ["--format", "jsonl", "--output", str(out), "--quiet"]
    floors: list[float] = []
    for label, extra in (("one per core", []), ("--jobs 1", ["--jobs", "1"])):
        walls, peaks = [], []
        for _ in range(repeat):  # the floor alternates with the runs it divides
            wall, peak = run([*cmd, *extra])
            walls.append(wall)
            peaks.append(peak)
            floors.append(run([py, "-c", FLOOR, str(feed)])[0])
        med, floor = statistics.median(walls), statistics.median(floors)
        print(
            f"{n:>7} topics, {kind} ({label}): median {med:6.2f} s  ({n / med:8.0f} topics/s)  "
            f"peak RSS {max(peaks):6.0f} MB  [runs: {', '.join(f'{w:.2f}' for w in walls)}]"
            f"; floor (read_csv + TfidfVectorizer) {floor:.2f} s: {med / floor:.1f}x"
        )
    return cmd


IMPORT_FLOOR = "import typer, rich, pandas, sklearn.feature_extraction.text, nltk"
"""What every run of the declared stack pays before it reads a byte."""


def small_feed(tmp: Path, lines: list[str], repeat: int) -> None:
    """A 10-topic feed (what cron and CI pay per call), against importing the declared stack,
    in alternating runs."""
    feed = tmp / "feed-10.csv"
    make_feed(feed, 10, lines)
    cmd = [*entry(), "score", str(feed), "--brand", str(BRAND)]
    cmd += ["--format", "json", "--output", str(tmp / "small.json")]
    run(cmd)  # the first run of the command (not timed)
    runs, floors = [], []
    for _ in range(repeat):
        runs.append(run(cmd)[0])
        floors.append(run([sys.executable, "-c", IMPORT_FLOOR])[0])
    a, b = statistics.median(runs), statistics.median(floors)
    print(f"10-topic feed: median {a:.2f} s; importing the declared stack {b:.2f} s: {a / b:.2f}x")


# Ten brands an agency might hold, each its own name, terms and products.
AGENCY = (
    ("Northwind Coffee", ["coffee", "espresso", "latte", "cold brew"], ["Northwind beans"]),
    ("Harbor Bank", ["bank", "savings", "mortgage", "credit card"], ["Harbor checking"]),
    ("Pinecrest Outdoors", ["hiking", "camping", "tent", "trail"], ["Pinecrest boots"]),
    ("Lumen Phones", ["phone", "smartphone", "camera", "battery"], ["Lumen X"]),
    ("Bramble Pet Food", ["dog", "cat", "pet food", "treats"], ["Bramble kibble"]),
    ("Vela Cosmetics", ["makeup", "skincare", "lipstick", "serum"], ["Vela glow"]),
    ("Tallgrass Motors", ["car", "electric vehicle", "truck", "dealership"], ["Tallgrass EV"]),
    ("Quill Books", ["books", "novel", "reading", "bestseller"], ["Quill audiobooks"]),
    ("Sprout Grocers", ["grocery", "organic", "produce", "recipes"], ["Sprout delivery"]),
    ("Ember Games", ["video game", "console", "esports", "gamers"], ["Ember arena"]),
)


def many_brands(tmp: Path, n: int, count: int, repeat: int, base: list[str]) -> None:
    """One call scoring ``count`` distinct brands over the same feed, against one call for
    one brand. Each brand takes its name, terms and products from :data:`AGENCY` and its voice,
    regions and thresholds from an example profile in turn (two of the three keep the default
    thresholds, as most brands do)."""
    import yaml

    profiles = sorted((ROOT / "examples" / "brands").glob("*.yaml"))
    brands: list[str] = []
    for i in range(count):
        source = yaml.safe_load(profiles[i % len(profiles)].read_text(encoding="utf-8"))
        name, keywords, products = AGENCY[i % len(AGENCY)]
        profile = {
            "name": name if i < len(AGENCY) else f"{name} {i}",
            "description": f"{name}: {', '.join(keywords)}",
            "keywords": keywords,
            "products": [{"name": p} for p in products],
            **{k: source[k] for k in ("voice", "regions", "thresholds") if k in source},
        }
        path = tmp / f"brand-{i}.yaml"
        path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
        brands += ["--brand", str(path)]
    out = ["--format", "jsonl", "--output", str(tmp / "{brand}.jsonl"), "--quiet"]
    one = [*base, *brands[:2], *out]
    many = [*base, *brands, *out]
    ones = [run(one)[0] for _ in range(repeat)]
    manys = [run(many)[0] for _ in range(repeat)]
    a, b = statistics.median(ones), statistics.median(manys)
    print(
        f"{count} distinct brands over {n} topics in one call: median {b:.2f} s; one brand "
        f"{a:.2f} s: {b / a:.2f}x (one call per brand would be about {count:.0f}x)"
    )


if __name__ == "__main__":
    sys.exit(main())
