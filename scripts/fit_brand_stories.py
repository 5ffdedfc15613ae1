#!/usr/bin/env python3
"""Fit the brand-story model: what kind of story a topic is for the company it is about.

    python scripts/fit_brand_stories.py [--date YYYY-MM-DD]

Data: the team's labels in ``labels/brand-stories/`` (rubric ``RUBRIC.md``): real portal lines
and HuffPost headlines with the company that is their subject and the kind of story for it.
Only rows with a subject teach the model (it is asked only about topics that are about the
brand). The subject's own words are taken out of each text first, so the model learns what
happens in the story ("recalls", "sued", "customers complain"), not which companies were in
the news. Portal lines of 2017-2018 and HuffPost headlines from 2021 on are held out.

Method: TF-IDF over the same stemmed word 1-2-grams as the text model
(``rtm_score.signals.textmodel.features``), a logistic head for "negative for the company"
(complaint, recall or safety, outage, legal or regulatory trouble, backlash or boycott, layoffs
or closure, scandal) and a multinomial head for the kind. C and the vocabulary's ``min_df`` are
chosen by 5-fold cross-validation on the training rows, with all the stories of one company in
one fold (``company_folds``): in use the model meets companies it was never fitted on, and
random folds, which put a company's other headlines beside it, gave cuts that held-out rows
did not bear out. The check-first cut is the highest P(negative) at which cross-validated recall
of negative stories is at least ``NEGATIVE_RECALL``: a negative story about the brand called an
opportunity is the failure this model exists to prevent, so recall is fixed and precision is
what the method must earn. The target was 0.95 until the held-out rows of round 4 showed
negative stories still called engage at it; 0.98 costs good news more "read it first" (skip),
never a never. Above
it the brand checks before posting (skip); the never cut is the lowest P(negative) at which at
most ``OTHERS_CALLED_NEVER`` of the other stories (praise, milestones, news) would be called
never: above it, listen first.

Writes ``rtm_score/data/models/brand-story.json`` (plain JSON, the text model's format, plus
``scale``) and prints the cross-validated and held-out figures.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_judgment import export_text_model  # noqa: E402

from rtm_score.signals.brand import NEGATIVE_KINDS, BrandStoryModel  # noqa: E402
from rtm_score.signals.textmodel import features  # noqa: E402
from rtm_score.text import TextPipeline  # noqa: E402

LABELS = ROOT / "labels" / "brand-stories"
NEGATIVE_RECALL = 0.98
OTHERS_CALLED_NEVER = 0.10
GRID_C = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0)
GRID_MIN_DF = (1, 2)
# Written examples (not from the labelled rows), the company's name already taken out as the
# finder does: what the shipped model says of each is recorded in the file, and the tests
# check that the packaged model still says it.
CHECKS = (
    "recalls two million cars over faulty brakes",
    "shares fall after the chief executive resigns over an accounting scandal",
    "opens its first store in Paris",
    "wins a design award for its new packaging",
)


def checks(model: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's kind, P(negative) and verdict for each of :data:`CHECKS`."""
    story = BrandStoryModel.from_dict(model)
    pipe = TextPipeline(drop_stopwords=False)
    found = story.kinds([pipe.analyse_topic("", text).terms for text in CHECKS])
    return [
        {"text": text, "kind": kind, "p_negative": round(p, 6), "verdict": verdict}
        for text, (kind, p, verdict) in zip(CHECKS, found, strict=True)
    ]


"""A term must occur in this many training rows to be in the vocabulary (chosen with C)."""


SERIOUSNESS = (
    "recall-safety",
    "scandal",
    "legal-regulatory",
    "backlash-boycott",
    "outage",
    "layoffs-closure",
    "complaint",
)
"""The negative kinds, most serious first (RUBRIC.md: the one the team would act on first)."""


def load() -> list[dict[str, Any]]:
    """Every labelled row with its pool fields (text, split), one per id.

    A row with a blind second pass (``*_second_*.labels.csv``) keeps the first pass's label
    unless the second calls it bad news for a company: then the more serious negative kind and
    its subject win, as the rubric puts a negative kind before a positive one. Both passes are
    kept (``first_kind``, ``second_kind``)."""
    pool: dict[str, dict[str, str]] = {}
    for path in sorted(LABELS.glob("pool*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            pool.update({r["id"]: r for r in csv.DictReader(fh)})
    first: dict[str, dict[str, str]] = {}
    second: dict[str, dict[str, str]] = {}
    for path in sorted((LABELS / "batches").glob("*.labels.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            (second if "_second_" in path.name else first).update(
                {r["id"]: r for r in csv.DictReader(fh)}
            )
    rows: list[dict[str, Any]] = []
    for id_, label in first.items():
        other = second.get(id_)
        chosen = label
        if other is not None and _graver(other["kind"], label["kind"]):
            chosen = other
        rows.append(
            {
                **pool[id_],
                **chosen,
                "first_kind": label["kind"],
                "second_kind": other["kind"] if other else "",
            }
        )
    return rows


def _graver(kind: str, than: str) -> bool:
    """``kind`` is bad news and more serious than ``than`` (which may be good news)."""
    if kind not in SERIOUSNESS:
        return False
    return than not in SERIOUSNESS or SERIOUSNESS.index(kind) < SERIOUSNESS.index(than)


def without_subject(text: str, subject: str) -> str:
    """The text with the subject's words taken out (case-insensitive, whole words)."""
    words = [re.escape(w) for w in re.findall(r"\w+", subject) if len(w) > 1]
    if not words:
        return text
    return re.sub(r"\b(?:" + "|".join(words) + r")\b(?:'s)?", " ", text, flags=re.IGNORECASE)


def fit(rows: list[dict[str, Any]], c: float, min_df: int) -> tuple[Any, Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=min_df)
    x = vec.fit_transform([r["terms"] for r in rows])
    y = np.array([r["kind"] in NEGATIVE_KINDS for r in rows])
    negative = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    kind = LogisticRegression(C=c, max_iter=3000).fit(x, [r["kind"] for r in rows])
    return vec, negative, kind


def cross_validated(rows: list[dict[str, Any]], c: float, min_df: int) -> np.ndarray:
    out = np.zeros(len(rows))
    folds = company_folds(rows, 5)
    for k in range(5):
        train = [r for r, f in zip(rows, folds, strict=True) if f != k]
        vec, negative, _kind = fit(train, c, min_df)
        test = [i for i, f in enumerate(folds) if f == k]
        out[test] = negative.predict_proba(vec.transform([rows[i]["terms"] for i in test]))[:, 1]
    return out


def company_folds(rows: list[dict[str, Any]], k: int) -> np.ndarray:
    """A fold for each row such that all the stories of one company share a fold: the cuts
    are then fitted on P(negative) for companies the model has not seen, as in use (a brand's
    own stories are never in the training data), not on a company's other headlines."""
    companies = sorted({r["subject"].casefold() for r in rows})
    fold_of = {c: i % k for i, c in enumerate(companies)}
    return np.array([fold_of[r["subject"].casefold()] for r in rows])


def cut_for_recall(y: np.ndarray, p: np.ndarray, recall: float) -> float:
    """The highest cut at which at least ``recall`` of the positives score at or above it."""
    ranked = np.sort(p[y])[::-1]
    k = max(0, int(np.ceil(recall * len(ranked))) - 1)
    return float(ranked[k])


def cut_for_false_rate(y: np.ndarray, p: np.ndarray, rate: float) -> float:
    """The lowest cut at which at most ``rate`` of the negatives (``~y``) score at or above."""
    ranked = np.sort(p[~y])[::-1]
    k = int(np.floor(rate * len(ranked)))
    return float(np.nextafter(ranked[k], 1.0)) if k < len(ranked) else 0.0


def figures(y: np.ndarray, p: np.ndarray, cut: float) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    called = p >= cut
    return {
        "rows": len(y),
        "negative": int(y.sum()),
        "negative_recall": round(float(called[y].mean()), 3),
        "others_called_negative": round(float(called[~y].mean()), 3),
        "roc_auc": round(float(roc_auc_score(y, p)), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description="Fit rtm-score's brand-story model.")
    ap.add_argument("--date", default=dt.date.today().isoformat())
    ap.add_argument(
        "--checks-only",
        action="store_true",
        help="only record CHECKS in the packaged model, without refitting it",
    )
    args = ap.parse_args()
    out = ROOT / "rtm_score" / "data" / "models" / "brand-story.json"
    if args.checks_only:
        model = json.loads(out.read_text(encoding="utf-8"))
        model["checks"] = checks(model)
        out.write_text(json.dumps(model, separators=(",", ":")) + "\n")
        print(json.dumps(model["checks"], indent=1))
        return
    pipe = TextPipeline(drop_stopwords=False)
    rows = [r for r in load() if r["subject"]]
    for r in rows:
        r["terms"] = pipe.analyse_topic("", without_subject(r["text"], r["subject"])).terms
    train = [r for r in rows if r["split"] == "train"]
    held = [r for r in rows if r["split"] == "heldout"]
    y = np.array([r["kind"] in NEGATIVE_KINDS for r in train])
    grid = []
    for min_df in GRID_MIN_DF:
        for c in GRID_C:
            p = cross_validated(train, c, min_df)
            grid.append((figures(y, p, 0.5)["roc_auc"], c, min_df, p))
            print(f"C {c}, min_df {min_df}: cross-validated AUC {grid[-1][0]}", file=sys.stderr)
    _auc, c, min_df, p = max(grid, key=lambda g: (g[0], -g[1], -g[2]))
    cut = cut_for_recall(y, p, NEGATIVE_RECALL)
    never_cut = max(cut, cut_for_false_rate(y, p, OTHERS_CALLED_NEVER))
    vec, negative, kind = fit(train, c, min_df)
    report = {
        "train (cross-validated), check-first cut": figures(y, p, cut),
        "train (cross-validated), never cut": figures(y, p, never_cut),
    }
    if held:
        yh = np.array([r["kind"] in NEGATIVE_KINDS for r in held])
        ph = negative.predict_proba(vec.transform([r["terms"] for r in held]))[:, 1]
        report["held out, check-first cut"] = figures(yh, ph, cut)
        report["held out, never cut"] = figures(yh, ph, never_cut)
    meta = {
        "description": "rtm-score brand-story model: negative-for-the-company and kind heads",
        "fitted_on": args.date,
        "script": "scripts/fit_brand_stories.py",
        "data": "labels/brand-stories (rubric RUBRIC.md): rows with a subject, the subject's "
        "words taken out; train split",
        "sources": "Wikipedia Current Events portal (CC BY-SA 4.0, Wikipedia contributors); "
        "HuffPost headlines (Misra 2022)",
        "rows": len(train),
        "C": c,
        "min_df": min_df,
        "grid": [{"C": g[1], "min_df": g[2], "cv_roc_auc": g[0]} for g in grid],
        "negative_recall_target": NEGATIVE_RECALL,
        "figures": report,
    }
    model = export_text_model(vec, {"negative": negative, "kind": kind}, meta)
    model["scale"] = {"negative_cut": round(cut, 6), "never_cut": round(never_cut, 6)}
    model["checks"] = checks(model)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
