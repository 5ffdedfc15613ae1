#!/usr/bin/env python3
"""Draw the rows the team labels for the brand-in-the-news signal (``labels/brand-stories/``).

    python scripts/sample_brand_stories.py ../shared/data/external --batches 3 --n 600
    python scripts/sample_brand_stories.py ../shared/data/external --round2 600
    python scripts/sample_brand_stories.py ../shared/data/external --more 600 --name round3
    python scripts/sample_brand_stories.py ../shared/data/external --more 1200 --name round4 \
        --batches 6
    python scripts/sample_brand_stories.py ../shared/data/external --light 400 --batches 4

Real headlines and portal lines where a company is likely the subject, from the Wikipedia
Current Events portal ("Business and economy", "Science and technology", and "Law and crime"
lines naming a company) and HuffPost (business, tech, money, food sections), with as many rows
again drawn from any section whose text carries a word of a corporate story (recall, lawsuit,
outage, boycott, layoffs, complaints, record, anniversary...) so that the rarer kinds are
there to learn from. Deterministic (``--seed``). Every row keeps its source; the labellers see
id, source, date and text. Portal lines of 2017-2018 and HuffPost headlines from 2021 on are
the held-out part (``split`` in the pool).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

FIELDS = ("id", "source", "ref", "date", "split", "text")
BATCH_FIELDS = ("id", "source", "date", "text")
PORTAL_SECTIONS = {"Business and economy", "Science and technology"}
HUFFPOST_SECTIONS = {"BUSINESS", "TECH", "MONEY", "FOOD & DRINK"}
CUES = re.compile(
    r"\b(recall\w*|lawsuit\w*|sue[sd]?|su(?:ing)|fine[sd]|outage\w*|boycott\w*|backlash|"
    r"layoffs?|lays off|job cuts|bankrupt\w*|complain\w*|apologi[sz]\w*|breach|hack(?:ed)?|"
    r"strike|scandal|settle[sd]?|antitrust|record (?:sales|profit\w*)|anniversary|"
    r"milestone|celebrat\w*|fans? (?:love|rave)|viral)\b",
    re.IGNORECASE,
)
CONSUMER = re.compile(
    r"\b(customers?|shoppers?|diners?|passengers?|users?|fans?|menu|review\w*|complain\w*|"
    r"angry|outrage\w*|furious|slammed|apologi[sz]\w*|backlash|boycott\w*|pulls?|pulled|"
    r"recall\w*|outage|glitch\w*|down for|crash(?:es|ed)? for|viral|love[sd]?|praised?|"
    r"beloved|favou?rite|record|anniversary|opens (?:its )?first|new flavou?r|sold out|"
    r"sells out|free \w+ for)\b",
    re.IGNORECASE,
)
"""Words of a consumer brand's story (round 2): customers and fans, complaints and praise."""
CONSUMER_SECTIONS = {
    "FOOD & DRINK", "TASTE", "TECH", "BUSINESS", "MONEY", "TRAVEL", "STYLE", "STYLE & BEAUTY",
    "HOME & LIVING", "WEIRD NEWS", "PARENTS", "PARENTING", "GOOD NEWS", "ENTERTAINMENT",
}  # fmt: skip
"""HuffPost sections where consumer brands are the story (round 2)."""
LIGHT_SECTIONS = {
    "ENTERTAINMENT", "COMEDY", "STYLE", "STYLE & BEAUTY", "WEIRD NEWS", "GOOD NEWS",
    "FOOD & DRINK", "TASTE", "TECH", "TRAVEL", "HOME & LIVING", "PARENTS", "MEDIA", "SPORTS",
}  # fmt: skip
"""HuffPost sections of pop culture and daily life (round 5), where a brand named in a headline
is as often a fan's moment or a joke as bad news."""
_CORPORATE_TAIL = re.compile(
    r"[,.]?\s+(?:Inc\.?|Corporation|Corp\.?|Co\.?|Company|Ltd\.?|plc|PLC|LLC|Group|Holdings)$"
)
_SOURCE_TAIL = re.compile(r"(\s*\([^()]{1,80}\))+\s*$")


def candidates(root: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(section rows, cue rows) from the portal and HuffPost, deduplicated by text."""
    sections: list[dict[str, str]] = []
    cued: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(row: dict[str, str], in_section: bool) -> None:
        key = row["text"].casefold()
        if not row["text"] or key in seen:
            return
        seen.add(key)
        if in_section:
            sections.append(row)
        elif CUES.search(row["text"]):
            cued.append(row)

    path = root / "wikipedia-current-events-2010-2018" / "events_2010_2018.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if r["label_source"] != "direct":
                continue
            text = _SOURCE_TAIL.sub("", r["text"]).strip()
            add(
                {
                    "id": f"bs-wce-{i + 2}",
                    "source": "wikipedia-current-events",
                    "ref": f"events_2010_2018.csv:{i + 2} [{r['category']}]",
                    "date": r["date"],
                    "split": "heldout" if r["date"] >= "2017" else "train",
                    "text": text,
                },
                r["category"] in PORTAL_SECTIONS,
            )
    for row, category in huffpost_rows(root):
        add(row, category in HUFFPOST_SECTIONS)
    return sections, cued


def huffpost_rows(root: Path) -> Iterator[tuple[dict[str, str], str]]:
    """Every HuffPost headline as a pool row, with its section."""
    for f in sorted((root / "news-category-huffpost").glob("*.jsonl")):
        tag = "v2" if "_v2-" in f.name else "v3"
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            d = json.loads(line)
            row = {
                "id": f"bs-hp-{tag}-{i + 1}",
                "source": "huffpost",
                "ref": f"{f.name}:{i + 1} [{d['category']}]",
                "date": d["date"],
                "split": "heldout" if d["date"] >= "2021-01-01" else "train",
                "text": d["headline"].strip(),
            }
            yield row, d["category"]


def consumer_rows(root: Path, exclude: set[str]) -> list[dict[str, str]]:
    """Round 2: HuffPost headlines of consumer-facing sections with a consumer brand's story
    word (complaints, recalls, outages, fans, praise, firsts), not drawn in round 1."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for row, category in huffpost_rows(root):
        key = row["text"].casefold()
        if row["id"] in exclude or not key or key in seen:
            continue
        seen.add(key)
        if category in CONSUMER_SECTIONS and CONSUMER.search(row["text"]):
            out.append(row)
    return out


def company_names(labels: Path) -> list[str]:
    """The companies rounds 1-4 labelled as a story's subject, with their corporate suffix
    dropped too ("Apple Inc." and "Apple"): names of at least four characters. Round 5 was
    drawn with these, so its own labels are left out and the draw can be made again."""
    names: set[str] = set()
    for path in sorted((labels / "batches").glob("*.labels.csv")):
        if path.name.startswith("round5"):
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                subject = r["subject"].strip()
                names.update(n for n in (subject, _CORPORATE_TAIL.sub("", subject)) if len(n) >= 4)
    return sorted(names)


def light_rows(root: Path, labels: Path, exclude: set[str]) -> list[dict[str, str]]:
    """Round 5: YouTube trending titles and HuffPost headlines of light sections (pop culture,
    food, style, weird news) that name, capitalised, a company an earlier round labelled as a
    story's subject; none already drawn. Half from each source (the caller samples)."""
    names = company_names(labels)
    mention = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")(?:'s)?\b")
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    path = root / "youtube-trending-us-2017" / "USvideos.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            title = r["title"].strip()
            key = title.casefold()
            if key in seen or not mention.search(title):
                continue
            seen.add(key)
            out.append(
                {
                    "id": f"bs-yt-{i + 2}",
                    "source": "youtube-trending",
                    "ref": f"USvideos.csv:{i + 2} [{r['channel_title']}]",
                    "date": r["date"],
                    "split": "train",
                    "text": title,
                }
            )
    for row, category in huffpost_rows(root):
        key = row["text"].casefold()
        if category in LIGHT_SECTIONS and key not in seen and mention.search(row["text"]):
            seen.add(key)
            out.append(row)
    return [r for r in out if r["id"] not in exclude]


def write_round(out: Path, name: str, rows: list[dict[str, str]], batches: int) -> None:
    with (out / f"pool-{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["id"]))
    for b in range(batches):
        path = out / "batches" / f"{name}_{b + 1:02d}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=BATCH_FIELDS, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows[b::batches])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", type=Path)
    ap.add_argument("--out", type=Path, default=Path("labels/brand-stories"))
    ap.add_argument("--batches", type=int, default=3)
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument(
        "--round2", type=int, metavar="N", help="draw N consumer-brand headlines (round 2)"
    )
    ap.add_argument(
        "--more",
        type=int,
        metavar="N",
        help="draw N more rows as round 1 did, none already in a pool (rounds 3 and 4)",
    )
    ap.add_argument("--name", default="round3", help="the round's name for --more")
    ap.add_argument(
        "--light",
        type=int,
        metavar="N",
        help="draw N rows from light sources naming a labelled company (round 5)",
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.round2 or args.more or args.light:
        drawn: set[str] = set()
        for f in sorted(args.out.glob("pool*.csv")):
            with f.open(encoding="utf-8", newline="") as fh:
                drawn |= {r["id"] for r in csv.DictReader(fh)}
        if args.light:
            pool = light_rows(args.corpora, args.out, drawn)
            youtube = [r for r in pool if r["source"] == "youtube-trending"]
            rest = [r for r in pool if r["source"] != "youtube-trending"]
            half = args.light // 2
            rows = rng.sample(youtube, min(half, len(youtube)))
            rows += rng.sample(rest, min(args.light - len(rows), len(rest)))
            rng.shuffle(rows)
            write_round(args.out, "round5", rows, args.batches)
            print(f"{len(rows)} round5 rows of {len(youtube)} YouTube and {len(rest)} HuffPost")
            return
        if args.round2:
            name, n, pool = "round2", args.round2, consumer_rows(args.corpora, drawn)
        else:
            sections, cued = candidates(args.corpora)
            name, n = args.name, args.more
            pool = [r for r in sections + cued if r["id"] not in drawn]
        rows = rng.sample(pool, min(n, len(pool)))
        write_round(args.out, name, rows, args.batches)
        print(f"{len(rows)} {name} rows of {len(pool)} candidates")
        return
    sections, cued = candidates(args.corpora)
    half = args.n // 2
    rows = rng.sample(sections, min(half, len(sections)))
    rows += rng.sample(cued, min(args.n - len(rows), len(cued)))
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "pool.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["id"]))
    (args.out / "batches").mkdir(exist_ok=True)
    for b in range(args.batches):
        with (args.out / "batches" / f"batch_{b + 1:02d}.csv").open(
            "w", encoding="utf-8", newline=""
        ) as fh:
            w = csv.DictWriter(fh, fieldnames=BATCH_FIELDS, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows[b :: args.batches])
    print(f"{len(rows)} rows ({len(sections)} section and {len(cued)} cue candidates)")


if __name__ == "__main__":
    main()
