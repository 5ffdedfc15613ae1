#!/usr/bin/env python3
"""Draw the rows the team labels by hand (``labels/RUBRIC.md``) from the real corpora.

Deterministic: the same corpora and ``--seed`` give the same rows in the same batches. Every row
keeps its source (corpus and row reference) so a label can be traced back to its text.

    python scripts/sample_for_labelling.py ../shared/data/external --out labels/batches --batches 8

Draws, stratified so that rare kinds are not drowned out:
- Wikipedia Current Events portal 2010-2016 (training) and 2017-2018 (the team's held-out), by
  the editors' category, with trend-like headings and event sentences;
- HuffPost headlines, by section;
- disaster tweets (real and loose uses of disaster words), by keyword;
- CrisisLex T6 and T26 tweets (English events), related and not related;
- YouTube trending titles; trend names (X/Twitter trending hashtags, Wikipedia top articles,
  Google Trends rising searches) with their dates.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

FIELDS = ("id", "source", "ref", "date", "text")
BATCH_FIELDS = ("id", "source", "date", "text")
_SOURCE_TAIL = re.compile(r"(\s*\([^()]{1,80}\))+\s*$")

# T26 events whose tweets are mostly English.
T26_ENGLISH = (
    "2012_Colorado_wildfires",
    "2013_Colorado_floods",
    "2013_Alberta_floods",
    "2013_Australia_bushfire",
    "2013_Boston_bombings",
    "2013_Bohol_earthquake",
    "2013_Glasgow_helicopter_crash",
    "2013_LA_airport_shootings",
    "2013_Lac_Megantic_train_crash",
    "2013_NY_train_crash",
    "2013_Queensland_floods",
    "2013_Russia_meteor",
    "2013_Savar_building_collapse",
    "2013_Singapore_haze",
    "2013_Typhoon_Yolanda",
    "2013_West_Texas_explosion",
    "2012_Philipinnes_floods",
    "2012_Typhoon_Pablo",
)


def strip_sources(text: str) -> str:
    """A portal bullet without its trailing "(Reuters) (BBC)" attributions."""
    return _SOURCE_TAIL.sub("", text).strip()


def _stratified(
    rows: list[dict[str, str]], key: str, per: int, rng: random.Random
) -> list[dict[str, str]]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    out: list[dict[str, str]] = []
    for k in sorted(groups):
        g = groups[k]
        out.extend(rng.sample(g, min(per, len(g))))
    return out


def wikipedia(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    path = root / "wikipedia-current-events-2010-2018" / "events_2010_2018.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
    for split, years, per in (("train", range(2010, 2017), 100), ("heldout", (2017, 2018), 55)):
        pool = [r for r in rows if int(r["date"][:4]) in years and r["label_source"] == "direct"]
        seen: set[str] = set()
        for r in _stratified(pool, "category", per, rng):
            text = strip_sources(r["text"])
            if not text or text.casefold() in seen:
                continue
            seen.add(text.casefold())
            yield {
                "id": f"wce-{r['n']}",
                "source": f"wikipedia-current-events-{split}",
                "ref": f"events_2010_2018.csv:{r['n']} [{r['category']}]",
                "date": r["date"],
                "text": text,
            }


def huffpost(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    folder = root / "news-category-huffpost"
    rows: list[dict[str, str]] = []
    for f in sorted(folder.glob("*.jsonl")):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            d = json.loads(line)
            rows.append(
                {
                    "category": d["category"],
                    "headline": d["headline"],
                    "date": d["date"],
                    "ref": f"{f.name}:{i + 1}",
                }
            )
    for r in _stratified(rows, "category", 22, rng):
        if r["headline"].strip():
            yield {
                "id": f"hp-{'v2' if '_v2-' in r['ref'] else 'v3'}-{r['ref'].rsplit(':', 1)[1]}",
                "source": "huffpost",
                "ref": f"{r['ref']} [{r['category']}]",
                "date": r["date"],
                "text": r["headline"].strip(),
            }


def disaster_tweets(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    path = root / "disaster-tweets-figure-eight" / "socialmedia-disaster-tweets-DFE.csv"
    with path.open(encoding="latin-1", newline="") as fh:
        rows = [
            dict(r, n=str(i + 2))
            for i, r in enumerate(csv.DictReader(fh))
            if r["choose_one"] in {"Relevant", "Not Relevant"} and r["keyword"]
        ]
    for label, per in (("Relevant", 200), ("Not Relevant", 200)):
        pool = [r for r in rows if r["choose_one"] == label]
        for r in rng.sample(pool, per):
            yield {
                "id": f"dt-{r['n']}",
                "source": "disaster-tweets",
                "ref": f"socialmedia-disaster-tweets-DFE.csv:{r['n']} [{label}; {r['keyword']}]",
                "date": "",
                "text": " ".join(r["text"].split()),
            }


def crisislex(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    base = root / "crisislex"
    for ev in T26_ENGLISH:
        files = list((base / "CrisisLexT26" / ev).glob("*labeled*.csv"))
        if not files:
            continue
        with files[0].open(encoding="utf-8", newline="") as fh:
            rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
        rows = [r for r in rows if r.get(" Informativeness", "").strip() != "Not applicable"]
        for r in rng.sample(rows, min(14, len(rows))):
            yield {
                "id": f"t26-{ev[:4]}{ev[5:12]}-{r['n']}",
                "source": "crisislex-t26",
                "ref": f"{files[0].name}:{r['n']} [{r[' Informativeness'].strip()}]",
                "date": ev[:4],
                "text": " ".join(r[" Tweet Text"].split()),
            }
    for folder in sorted((base / "CrisisLexT6").iterdir()):
        files = list(folder.glob("*.csv"))
        if not files:
            continue
        with files[0].open(encoding="utf-8", newline="") as fh:
            rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
        for r in rng.sample(rows, 12):
            yield {
                "id": f"t6-{folder.name[:4]}{folder.name[5:12]}-{r['n']}",
                "source": "crisislex-t6",
                "ref": f"{files[0].name}:{r['n']} [{r[' label'].strip()}]",
                "date": folder.name[:4],
                "text": " ".join(r[" tweet"].split()),
            }


def youtube(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    path = root / "youtube-trending-us-2017" / "USvideos.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: dict[str, dict[str, str]] = {}
    for i, r in enumerate(rows):
        seen.setdefault(r["title"], dict(r, n=str(i + 2)))
    for r in rng.sample(sorted(seen.values(), key=lambda r: r["n"]), 300):
        yield {
            "id": f"yt-{r['n']}",
            "source": "youtube-trending",
            "ref": f"USvideos.csv:{r['n']}",
            "date": "2017",
            "text": r["title"].strip(),
        }


def trend_names(root: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    path = root / "twitter-trending-hashtags-2020-2025" / "twitter-trending-hashtags.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
    for r in rng.sample(rows, 100):
        yield {
            "id": f"xt-{r['n']}",
            "source": "x-trending-hashtags",
            "ref": f"twitter-trending-hashtags.csv:{r['n']}",
            "date": r["peak_date"],
            "text": r["tag"],
        }
    path = root / "wikipedia-top100-daily-excerpts" / "pageviews_excerpt.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
    for r in rng.sample(rows, min(60, len(rows))):
        yield {
            "id": f"wtop-{r['n']}",
            "source": "wikipedia-top-articles",
            "ref": f"pageviews_excerpt.csv:{r['n']}",
            "date": r["date"].replace("/", "-"),
            "text": r["article"].replace("_", " "),
        }
    for f in sorted((root / "google-trends-rising-us-2010-2011").glob("*.csv")):
        lines = f.read_text(encoding="utf-8").splitlines()[1:]
        for i, line in enumerate(lines):
            name = next(csv.reader([line]))[0]
            if name and i < 3:
                yield {
                    "id": f"gt-{f.stem}-{i + 2}",
                    "source": "google-trends-rising",
                    "ref": f"{f.name}:{i + 2}",
                    "date": f"{f.stem[3:]}-{f.stem[:3]}",
                    "text": name,
                }


SENSE_SECTIONS = {"ENTERTAINMENT", "COMEDY", "SPORTS", "MEDIA", "WEIRD NEWS", "STYLE & BEAUTY"}
"""HuffPost sections where alarming words are often used loosely (round 2, before 2021 only)."""


def alarming_words(
    root: Path, rng: random.Random, exclude: set[str], n: int
) -> list[dict[str, str]]:
    """Round 2: rows where a floor-tier rule signal fires, from sources where such words are
    often figurative or fictional (YouTube titles, HuffPost entertainment, sports and comedy
    headlines before 2021): the word senses round 1 had too few of."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from rtm_score.models import Tier
    from rtm_score.sensitivity import SensitivityEngine, load_rules
    from rtm_score.sensitivity.kinds import RuleMatcher
    from rtm_score.text import TextPipeline

    rules = load_rules()
    matcher = RuleMatcher([r for r, _ in rules])
    floor = {i.category for _, i in rules if i.tier is Tier.FLOOR}
    pipe = TextPipeline(drop_stopwords=False)

    def alarming(text: str) -> bool:
        doc = SensitivityEngine.doc(pipe.analyse_topic("", text))
        return any(h.category in floor for h in matcher.match(doc))

    pool: list[dict[str, str]] = []
    path = root / "youtube-trending-us-2017" / "USvideos.csv"
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            rid = f"yt-{i + 2}"
            if r["title"] in seen or rid in exclude:
                continue
            seen.add(r["title"])
            if alarming(r["title"]):
                pool.append(
                    {
                        "id": rid,
                        "source": "youtube-trending",
                        "ref": f"USvideos.csv:{i + 2} [category {r['category_id']}]",
                        "date": "2017",
                        "text": r["title"].strip(),
                    }
                )
    for f in sorted((root / "news-category-huffpost").glob("*.jsonl")):
        tag = "v2" if "_v2-" in f.name else "v3"
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            d = json.loads(line)
            rid = f"hp-{tag}-{i + 1}"
            if (
                d["category"] in SENSE_SECTIONS
                and d["date"] < "2021"
                and rid not in exclude
                and alarming(d["headline"])
            ):
                pool.append(
                    {
                        "id": rid,
                        "source": "huffpost",
                        "ref": f"{f.name}:{i + 1} [{d['category']}]",
                        "date": d["date"],
                        "text": d["headline"].strip(),
                    }
                )
    return rng.sample(pool, min(n, len(pool)))


def trend_days(root: Path, rng: random.Random, n: int) -> list[dict[str, str]]:
    """Round 3: bare trend names as the X/Twitter US trends list showed them on a day of
    2020-2021 (the product's commonest input: a name, a date, no context). Half from 2021,
    which stays out of fitting (a date split)."""
    path = root / "twitter-trends-place-csv-2020-2021" / "us_daily_1620utc.csv"
    by_year: dict[str, list[dict[str, str]]] = {"2020": [], "2021": []}
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            key = r["name"].casefold()
            year = r["as_of"][:4]
            if r["promoted_content"] or key in seen or year not in by_year:
                continue
            seen.add(key)
            by_year[year].append(
                {
                    "id": f"xd-{i + 2}",
                    "source": f"x-trends-us-{year}",
                    "ref": f"us_daily_1620utc.csv:{i + 2}",
                    "date": r["as_of"][:10],
                    "text": r["name"],
                }
            )
    return [row for year in sorted(by_year) for row in rng.sample(by_year[year], n // 2)]


def uncertain(
    root: Path, rng: random.Random, exclude: set[str], n: int, per_source: int = 6000
) -> list[dict[str, str]]:
    """Round 4: the rows the packaged judgment is least sure of (active learning). From each
    training-side corpus (portal 2010-2016, HuffPost before 2021, YouTube titles, disaster
    tweets) ``per_source`` unlabelled rows are drawn at random and scored; the ``n / 4`` whose
    P(never) lies closest to the fitted never cut (in log-odds) are kept. Held-out dates and
    events are never drawn."""
    import math
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from rtm_score.judgment import Judgment
    from rtm_score.sensitivity import load_engine

    engine, cut = load_engine(), Judgment.load().never_cut

    def logit(p: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return math.log(p / (1 - p))

    out: list[dict[str, str]] = []
    for source, rows in _training_side(root).items():
        pool = [r for r in rows if r["id"] not in exclude]
        pool = rng.sample(pool, min(per_source, len(pool)))
        scored = engine.assess_many(("", r["text"]) for r in pool)
        gap = [abs(logit(a.p_never) - logit(cut)) for a in scored]
        order = sorted(range(len(pool)), key=lambda i: (gap[i], pool[i]["id"]))
        out.extend(pool[i] for i in order[: n // 4])
        print(f"{source}: {len(pool)} scored, kept {n // 4}", file=sys.stderr)
    rng.shuffle(out)
    return out


LOOSE_SECTIONS = frozenset(
    {"ENTERTAINMENT", "COMEDY", "SPORTS", "STYLE & BEAUTY", "MEDIA", "WEIRD NEWS", "FOOD & DRINK",
     "TRAVEL", "HOME & LIVING", "PARENTING", "WELLNESS", "STYLE", "ARTS & CULTURE", "TECH",
     "CULTURE & ARTS", "TASTE", "GREEN", "COLLEGE", "FIFTY", "GOOD NEWS", "ARTS"}
)  # fmt: skip
"""HuffPost sections where news of real harm is the exception (round 5)."""


def confident_never(
    root: Path, rng: random.Random, exclude: set[str], n: int
) -> list[dict[str, str]]:
    """Round 5: rows from sources where real harm is the exception (YouTube titles, HuffPost
    entertainment and lifestyle sections before 2021, disaster tweets their annotators called
    not relevant) that the packaged judgment calls never: the word senses it has not learned
    (hard-negative mining; many will still be never, and are labelled so)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from rtm_score.judgment import Judgment
    from rtm_score.sensitivity import load_engine

    engine, cut = load_engine(), Judgment.load().never_cut
    sides = _training_side(root)
    pools = {
        "youtube": sides["youtube"],
        "huffpost": [r for r in sides["huffpost"] if _section(r) in LOOSE_SECTIONS],
        "disaster-tweets": [r for r in sides["disaster-tweets"] if "[Not Relevant" in r["ref"]],
    }
    out: list[dict[str, str]] = []
    for source, rows in pools.items():
        pool = [r for r in rows if r["id"] not in exclude]
        scored = engine.assess_many(("", r["text"]) for r in pool)
        called = [r for r, a in zip(pool, scored, strict=True) if a.p_never >= cut]
        out.extend(rng.sample(called, min(n // 3, len(called))))
        print(f"{source}: {len(pool)} scored, {len(called)} called never", file=sys.stderr)
    rng.shuffle(out)
    return out


def portal_headings(
    root: Path, rng: random.Random, exclude: set[str], n: int
) -> list[dict[str, str]]:
    """Round 6: topic headings of the portal's training years (2010-2016), such as "Maldives
    police mutiny" or "62nd Primetime Emmy Awards": names of events, which is what a trend is,
    and which the portal's later years use far more often (39 % of its 2017-2018 lines against
    13 % of 2010-2016's). Drawn at random within each section (``n`` / 10 per section, distinct
    texts), not by the judgment's scores. Held-out years are never drawn."""
    path = root / "wikipedia-current-events-2010-2018" / "events_2010_2018.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [dict(r, n=str(i + 2)) for i, r in enumerate(csv.DictReader(fh))]
    seen: set[str] = set()
    pool: list[dict[str, str]] = []
    for r in rows:
        key = strip_sources(r["text"]).casefold()
        fresh = f"wce-{r['n']}" not in exclude and key and key not in seen
        if r["date"] < "2017" and r["heading_like"] == "1" and fresh:
            seen.add(key)
            pool.append(r)
    picked = _stratified(pool, "category", n // 10, rng)
    out = [
        {
            "id": f"wce-{r['n']}",
            "source": "wikipedia-current-events-train",
            "ref": f"events_2010_2018.csv:{r['n']} [{r['category']}]",
            "date": r["date"],
            "text": strip_sources(r["text"]),
        }
        for r in picked
    ]
    rng.shuffle(out)
    return out


def _section(row: dict[str, str]) -> str:
    return row["ref"].rsplit("[", 1)[-1].rstrip("]")


def _training_side(root: Path) -> dict[str, list[dict[str, str]]]:
    """Every unlabelled-able row of the corpora that fitting may use, by corpus, deduplicated."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    seen: set[str] = set()

    def add(source: str, row: dict[str, str]) -> None:
        key = row["text"].casefold()
        if row["text"] and key not in seen:
            seen.add(key)
            out[source].append(row)

    path = root / "wikipedia-current-events-2010-2018" / "events_2010_2018.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if int(r["date"][:4]) < 2017 and r["label_source"] == "direct":
                add(
                    "portal",
                    {
                        "id": f"wce-{i + 2}",
                        "source": "wikipedia-current-events-train",
                        "ref": f"events_2010_2018.csv:{i + 2} [{r['category']}]",
                        "date": r["date"],
                        "text": strip_sources(r["text"]),
                    },
                )
    for f in sorted((root / "news-category-huffpost").glob("*.jsonl")):
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            d = json.loads(line)
            if d["date"] < "2021-01-01":
                tag = "v2" if "_v2-" in f.name else "v3"
                add(
                    "huffpost",
                    {
                        "id": f"hp-{tag}-{i + 1}",
                        "source": "huffpost",
                        "ref": f"{f.name}:{i + 1} [{d['category']}]",
                        "date": d["date"],
                        "text": d["headline"].strip(),
                    },
                )
    with (root / "youtube-trending-us-2017" / "USvideos.csv").open(encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            add(
                "youtube",
                {
                    "id": f"yt-{i + 2}",
                    "source": "youtube-trending",
                    "ref": f"USvideos.csv:{i + 2}",
                    "date": "2017",
                    "text": r["title"].strip(),
                },
            )
    path = root / "disaster-tweets-figure-eight" / "socialmedia-disaster-tweets-DFE.csv"
    with path.open(encoding="latin-1", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if r["choose_one"] in {"Relevant", "Not Relevant"} and r["keyword"]:
                add(
                    "disaster-tweets",
                    {
                        "id": f"dt-{i + 2}",
                        "source": "disaster-tweets",
                        "ref": f"socialmedia-disaster-tweets-DFE.csv:{i + 2} "
                        f"[{r['choose_one']}; {r['keyword']}]",
                        "date": "",
                        "text": " ".join(r["text"].split()),
                    },
                )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("--out", type=Path, default=Path("labels/batches"))
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument(
        "--round2", type=int, metavar="N", help="draw N rows with alarming words (round 2)"
    )
    ap.add_argument(
        "--round3", type=int, metavar="N", help="draw N bare trend names of 2020-2021 (round 3)"
    )
    ap.add_argument(
        "--round4",
        type=int,
        metavar="N",
        help="draw N rows the packaged judgment is least sure of (round 4, active learning)",
    )
    ap.add_argument(
        "--round5",
        type=int,
        metavar="N",
        help="draw N rows from light sources that the packaged judgment calls never (round 5)",
    )
    ap.add_argument(
        "--round6",
        type=int,
        metavar="N",
        help="draw N topic headings of the portal's training years (round 6)",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows: list[dict[str, str]] = []
    for draw in (wikipedia, huffpost, disaster_tweets, crisislex, youtube, trend_names):
        rows.extend(draw(args.corpora, rng))
    later = (  # one later round per call, drawn after round 1 so its rng state is the same
        ("6", args.round6, lambda n: portal_headings(args.corpora, rng, _labelled(args.out), n)),
        ("5", args.round5, lambda n: confident_never(args.corpora, rng, _labelled(args.out), n)),
        ("4", args.round4, lambda n: uncertain(args.corpora, rng, _labelled(args.out), n)),
        ("3", args.round3, lambda n: _shuffled(trend_days(args.corpora, rng, n), rng)),
        ("2", args.round2, lambda n: alarming_words(args.corpora, rng, {r["id"] for r in rows}, n)),
    )
    for number, n, draw in later:
        if n:
            drawn = draw(n)
            write_round(args.out, f"round{number}", drawn, args.batches)
            print(f"{len(drawn)} round-{number} rows in {args.batches} batches under {args.out}")
            return
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "row ids must be unique"
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    # The pool keeps each row's reference (with the corpus's own label); the batches that the
    # labellers read leave it out, so the corpus label does not anchor the hand label.
    with (args.out.parent / "pool.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["id"]))
    for b in range(args.batches):
        part = rows[b :: args.batches]
        with (args.out / f"batch_{b + 1:02d}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=BATCH_FIELDS, extrasaction="ignore")
            w.writeheader()
            w.writerows(part)
    print(f"{len(rows)} rows in {args.batches} batches under {args.out}")


def _labelled(out: Path) -> set[str]:
    """Ids already in the merged labels (a later round draws none of them again)."""
    with (out.parent / "sensitivity.csv").open(encoding="utf-8", newline="") as fh:
        return {r["id"] for r in csv.DictReader(fh)}


def _shuffled(rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    rng.shuffle(rows)
    return rows


def write_round(out: Path, name: str, rows: list[dict[str, str]], batches: int) -> None:
    """A later round: its pool (with references) and its batches (without)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out.parent / f"pool-{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["id"]))
    for b in range(batches):
        path = out / f"{name}_{b + 1:02d}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=BATCH_FIELDS, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows[b::batches])


if __name__ == "__main__":
    main()
