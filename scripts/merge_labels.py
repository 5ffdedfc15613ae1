#!/usr/bin/env python3
"""Merge the hand labels of ``labels/batches/`` into ``labels/sensitivity.csv``.

First-pass labels come from ``batch_NN.labels.csv`` (round 1), ``round2_NN.labels.csv``
(round 2: rows with alarming words from entertainment-heavy sources),
``round3_NN.labels.csv`` (round 3: bare X/Twitter trend names with their dates) and
``round4_NN.labels.csv`` (round 4: training-side rows the judgment was least sure of),
``round5_NN.labels.csv`` (round 5: rows from light sources it called never) and
``round6_NN.labels.csv`` (round 6: portal topic headings of 2010-2016); rows a
labeller marked low-confidence got a blind second pass (``second_K.labels.csv``,
``roundN_second_K.labels.csv``), and every held-out portal and HuffPost row without one got
a blind second pass of its own (``heldout_second_K.labels.csv``). Where the two passes
disagree, the stricter label is kept (never > sensitive > safe) with its category, and both
labels are recorded.

    python scripts/merge_labels.py            # writes labels/sensitivity.csv
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "labels"
ORDER = {"safe": 0, "sensitive": 1, "never": 2}
FIELDS = (
    "id",
    "source",
    "ref",
    "date",
    "text",
    "label",
    "category",
    "frame",
    "confidence",
    "first_label",
    "second_label",
    "round",
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main() -> None:
    pool: dict[str, dict[str, str]] = {}
    pools = [("1", "pool.csv"), *((str(n), f"pool-round{n}.csv") for n in (2, 3, 4, 5, 6))]
    for name, f in pools:
        if (ROOT / f).is_file():
            pool.update({r["id"]: dict(r, round=name) for r in _read(ROOT / f)})
    first: dict[str, dict[str, str]] = {}
    later = [f"round{n}_0*.labels.csv" for n in (2, 3, 4, 5, 6)]
    for pattern in ("batch_*.labels.csv", *later):
        for f in sorted((ROOT / "batches").glob(pattern)):
            first.update({r["id"]: r for r in _read(f)})
    second: dict[str, dict[str, str]] = {}
    seconds = [f"round{n}_second_*.labels.csv" for n in (2, 3, 4, 5, 6)]
    for pattern in ("second_*.labels.csv", *seconds, "heldout_second_*.labels.csv"):
        for f in sorted((ROOT / "batches").glob(pattern)):
            second.update({r["id"]: r for r in _read(f)})
    out = []
    agree = disagree = 0
    for rid, a in sorted(first.items()):
        b = second.get(rid)
        chosen = a
        if b is not None:
            if b["label"] == a["label"]:
                agree += 1
            else:
                disagree += 1
                chosen = b if ORDER[b["label"]] > ORDER[a["label"]] else a
        src = pool[rid]
        out.append(
            {
                **{k: src[k] for k in ("id", "source", "ref", "date", "text", "round")},
                "label": chosen["label"],
                "category": chosen["category"],
                "frame": chosen["frame"],
                "confidence": "high"
                if a["confidence"] == "high" or (b is not None and b["label"] == a["label"])
                else "low",
                "first_label": a["label"],
                "second_label": b["label"] if b is not None else "",
            }
        )
    with (ROOT / "sensitivity.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(out)
    counts = {k: sum(r["label"] == k for r in out) for k in ORDER}
    print(f"{len(out)} rows {counts}; second pass: {agree} agree, {disagree} disagree")


if __name__ == "__main__":
    main()
