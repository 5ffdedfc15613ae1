"""Train the packaged crisis model (``rtm_score/data/models/crisis-model.json``) on CrisisLex.

Usage::

    python scripts/train_crisis_model.py [CRISISLEX_DIR] [--output PATH] [--date YYYY-MM-DD]

CRISISLEX_DIR defaults to ``../shared/data/external/crisislex`` (next to the repository).
Training data is fixed by issue 3: all of CrisisLexT6 (on-topic = 1, off-topic = 0) plus eleven
CrisisLexT26 events (related = 1, not related = 0, "Not applicable" dropped). The other T26
events are never read here; ``benchmarks/eval_sensitivity.py`` measures on them.

Model: TF-IDF over :func:`rtm_score.sensitivity.model.crisis_features` (stemmed unigrams and
bigrams from ``TextPipeline.terms``) and a class-balanced logistic regression whose C is chosen
by leave-one-event-out cross-validation on the training events only. The result is written as
plain JSON (no pickle) and read back by ``CrisisModel`` with numpy alone.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from rtm_score.sensitivity.model import CrisisModel, crisis_features, export_sklearn

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CRISISLEX = REPO.parent / "shared" / "data" / "external" / "crisislex"
DEFAULT_OUTPUT = REPO / "rtm_score" / "data" / "models" / "crisis-model.json"

# CrisisLexT6 folders (all six) and the T26 training folders fixed by issue 3. The value is the
# event group for cross-validation: an event in both collections is one group, so a fold never
# trains on the same crisis it is scored on.
T6_EVENTS = {
    "2012_Sandy_Hurricane": "sandy-hurricane",
    "2013_Alberta_Floods": "alberta-floods",
    "2013_Boston_Bombings": "boston-bombings",
    "2013_Oklahoma_Tornado": "oklahoma-tornado",
    "2013_Queensland_Floods": "queensland-floods",
    "2013_West_Texas_Explosion": "west-texas-explosion",
}
T26_TRAIN_EVENTS = {
    "2013_Boston_bombings": "boston-bombings",
    "2013_West_Texas_explosion": "west-texas-explosion",
    "2013_Alberta_floods": "alberta-floods",
    "2013_Queensland_floods": "queensland-floods",
    "2012_Colorado_wildfires": "colorado-wildfires",
    "2013_Colorado_floods": "colorado-floods",
    "2012_Philipinnes_floods": "philippines-floods",  # upstream folder name is misspelt
    "2013_Manila_floods": "manila-floods",
    "2012_Typhoon_Pablo": "typhoon-pablo",
    "2013_Australia_bushfire": "australia-bushfire",
    "2013_LA_airport_shootings": "la-airport-shootings",
}
# Held out for measuring only (never read by this script); recorded in the metadata.
T26_HELD_OUT_ENGLISH = (
    "2013_Bohol_earthquake",
    "2013_Glasgow_helicopter_crash",
    "2013_Lac_Megantic_train_crash",
    "2013_NY_train_crash",
    "2013_Russia_meteor",
    "2013_Savar_building_collapse",
    "2013_Singapore_haze",
    "2013_Typhoon_Yolanda",
)
T6_LABELS = {"on-topic": 1, "off-topic": 0}
T26_LABELS = {"Related and informative": 1, "Related - but not informative": 1, "Not related": 0}

C_GRID = (0.3, 1.0, 3.0, 10.0)
# A feature must occur in this many training events to enter the vocabulary: names of one
# event ("tsarnaev", "yycflood") teach nothing about the next crisis. Chosen by CV as well.
MIN_EVENTS_GRID = (1, 2, 3, 4)
MIN_DF = 2
MAX_FEATURES = 25_000
RANDOM_STATE = 20250101
# 7 significant digits keep the packaged probabilities within 1e-6 of scikit-learn's.
DIGITS = 7

# Stored in the model file with their probabilities, so a test notices if the text pipeline
# drifts from the one the model was trained with.
CHECK_TEXTS = (
    "Explosion at fertilizer plant, dozens injured, death toll rises",
    "Flood victims evacuated as river bursts its banks #prayers",
    "Gunman opens fire at airport terminal, several people shot",
    "Earthquake kills 90, rescuers search collapsed buildings",
    "Watching the game with pizza tonight",
    "New lipstick shades for spring are here",
    "Happy birthday to my best friend!",
    "Our summer sale starts Monday: 20% off all sneakers",
)


@dataclass(frozen=True, slots=True)
class Dataset:
    """Texts with 0/1 labels and the event group of each row."""

    texts: list[str]
    labels: np.ndarray
    groups: np.ndarray
    sizes: dict[str, dict[str, int]]


def _read_rows(
    path: Path,
    text_col: int,
    label_col: int,
    labels: dict[str, int],
) -> Iterable[tuple[str, int]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for row in reader:
            label = labels.get(row[label_col].strip())
            if label is not None:  # T26 "Not applicable" rows are dropped
                # Twitter delivered HTML-escaped text ("&amp;"); undo that before the pipeline.
                yield html.unescape(row[text_col]), label


def _single_csv(folder: Path) -> Path:
    files = sorted(folder.glob("*.csv"))
    if len(files) != 1:
        raise SystemExit(f"{folder}: expected one CSV file, found {len(files)}")
    return files[0]


def load_training_data(root: Path) -> Dataset:
    """CrisisLexT6 (all six) + the eleven T26 training events, as one labelled dataset."""
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    sizes: dict[str, dict[str, int]] = {}
    sources = [("CrisisLexT6", name, group, 1, 2, T6_LABELS) for name, group in T6_EVENTS.items()]
    sources += [
        ("CrisisLexT26", name, group, 1, 4, T26_LABELS) for name, group in T26_TRAIN_EVENTS.items()
    ]
    for collection, name, group, text_col, label_col, mapping in sources:
        rows = list(_read_rows(_single_csv(root / collection / name), text_col, label_col, mapping))
        texts += [t for t, _ in rows]
        labels += [y for _, y in rows]
        groups += [group] * len(rows)
        positives = sum(y for _, y in rows)
        sizes[f"{collection}/{name}"] = {
            "rows": len(rows),
            "crisis": positives,
            "not_crisis": len(rows) - positives,
        }
    return Dataset(texts, np.asarray(labels), np.asarray(groups), sizes)


class _CachedFeatures:
    """``crisis_features`` memoised, so cross-validation runs the text pipeline once per tweet."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.cache = {t: crisis_features(t) for t in texts}

    def __call__(self, text: str) -> list[str]:
        return self.cache[text]


class _EventCounts:
    """Document frequency of every feature, per event group, for choosing the vocabulary."""

    def __init__(self, features: Sequence[Sequence[str]], groups: Sequence[str]) -> None:
        self.by_group: dict[str, Counter[str]] = defaultdict(Counter)
        for feats, group in zip(features, groups, strict=True):
            self.by_group[group].update(set(feats))

    def vocabulary(self, *, exclude: str | None = None, min_events: int) -> list[str]:
        """Features seen in >= ``min_events`` training events and >= MIN_DF tweets, the
        MAX_FEATURES most frequent first (ties by name, so the choice is deterministic)."""
        df: Counter[str] = Counter()
        events: Counter[str] = Counter()
        for group, counts in self.by_group.items():
            if group != exclude:
                df.update(counts)
                events.update(counts.keys())
        kept = [f for f, n in df.items() if n >= MIN_DF and events[f] >= min_events]
        kept.sort(key=lambda f: (-df[f], f))
        return sorted(kept[:MAX_FEATURES])


def make_vectorizer(vocabulary: Sequence[str], analyzer: Any = crisis_features) -> TfidfVectorizer:
    """The TF-IDF settings of the shipped model over a vocabulary from :class:`_EventCounts`."""
    return TfidfVectorizer(
        analyzer=analyzer,
        vocabulary=list(vocabulary),
        sublinear_tf=True,
        norm="l2",
        dtype=np.float64,
    )


def make_classifier(c: float) -> LogisticRegression:
    """The classifier settings of the shipped model."""
    return LogisticRegression(
        C=c, class_weight="balanced", solver="lbfgs", max_iter=5000, random_state=RANDOM_STATE
    )


def cross_validate(
    data: Dataset,
    analyzer: _CachedFeatures,
    counts: _EventCounts,
) -> dict[str, Any]:
    """Leave-one-event-out ROC AUC for each (min_events, C); the vocabulary and IDF are
    chosen again inside every fold from its training events only."""
    texts = np.asarray(data.texts, dtype=object)
    events = sorted(set(data.groups.tolist()))
    results: dict[str, Any] = {}
    for min_events in MIN_EVENTS_GRID:
        folds = []
        for event in events:
            test = data.groups == event
            vec = make_vectorizer(counts.vocabulary(exclude=event, min_events=min_events), analyzer)
            folds.append((event, test, vec.fit_transform(texts[~test]), vec.transform(texts[test])))
        for c in C_GRID:
            per_event: dict[str, float] = {}
            pooled = np.zeros(len(texts))
            for event, test, x_train, x_test in folds:
                clf = make_classifier(c).fit(x_train, data.labels[~test])
                proba = clf.predict_proba(x_test)[:, 1]
                pooled[test] = proba
                per_event[event] = round(float(roc_auc_score(data.labels[test], proba)), 4)
            key = f"min_events={min_events},C={c:g}"
            results[key] = {
                "min_events": min_events,
                "C": c,
                "mean_event_auc": round(float(np.mean(list(per_event.values()))), 4),
                "pooled_auc": round(float(roc_auc_score(data.labels, pooled)), 4),
                "per_event_auc": per_event,
            }
            print(
                f"{key:<22} mean event AUC {results[key]['mean_event_auc']:.4f}  "
                f"pooled {results[key]['pooled_auc']:.4f}",
                file=sys.stderr,
            )
    return results


def _provenance_commit(root: Path) -> str | None:
    path = root / "PROVENANCE.md"
    if not path.exists():
        return None
    match = re.search(r"\*\*Commit:\*\*\s*`([0-9a-f]{7,40})`", path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def _dump(model: dict[str, Any]) -> str:
    # Metadata stays readable; the large arrays are written compactly, one top-level key a line.
    lines = []
    for key, value in model.items():
        if key in ("metadata", "analyzer", "tfidf", "checks"):
            body = json.dumps(value, indent=1, ensure_ascii=False)
        else:
            body = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        lines.append(f"{json.dumps(key)}: {body}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def train(root: Path, *, date: str) -> dict[str, Any]:
    """Cross-validate, fit the final model on all training events and return its JSON form."""
    data = load_training_data(root)
    print(f"training rows: {len(data.texts)} ({int(data.labels.sum())} crisis)", file=sys.stderr)
    analyzer = _CachedFeatures(data.texts)
    counts = _EventCounts([analyzer(t) for t in data.texts], data.groups.tolist())
    cv = cross_validate(data, analyzer, counts)
    # Best mean per-event AUC; ties go to the more general vocabulary and the stronger prior.
    best_key = max(cv, key=lambda k: (cv[k]["mean_event_auc"], cv[k]["min_events"], -cv[k]["C"]))
    best, min_events = cv[best_key]["C"], cv[best_key]["min_events"]
    vec = make_vectorizer(counts.vocabulary(min_events=min_events))
    x = vec.fit_transform(data.texts)
    clf = make_classifier(best).fit(x, data.labels)
    metadata: dict[str, Any] = {
        "description": "P(text is about a crisis or tragedy); TF-IDF + logistic regression "
        "trained on CrisisLex (MIT, Olteanu et al. 2014, 2015)",
        "trained_on": date,
        "training_data": {
            "source": "https://github.com/sajao/CrisisLex",
            "commit": _provenance_commit(root),
            "license": "MIT, Copyright (c) 2014 Alexandra Olteanu, Carlos Castillo",
            "labels": {
                "CrisisLexT6": "on-topic = 1, off-topic = 0",
                "CrisisLexT26": "Related and informative / Related - but not informative"
                " = 1, Not related = 0, Not applicable dropped",
            },
            "events": data.sizes,
            "rows": len(data.texts),
            "crisis": int(data.labels.sum()),
            "not_crisis": int(len(data.labels) - data.labels.sum()),
            "held_out_t26_english": list(T26_HELD_OUT_ENGLISH),
        },
        "settings": {
            "min_df": MIN_DF,
            "max_features": MAX_FEATURES,
            "min_events": min_events,
            "sublinear_tf": True,
            "norm": "l2",
            "classifier": "LogisticRegression",
            "solver": "lbfgs",
            "class_weight": "balanced",
            "C": best,
            "random_state": RANDOM_STATE,
            "float_digits": DIGITS,
        },
        "cross_validation": {
            "scheme": "leave one event out (T6 and T26 copies of an event "
            "form one group); vocabulary and IDF refitted per fold",
            "metric": "mean over held-out events of ROC AUC",
            "C_grid": list(C_GRID),
            "min_events_grid": list(MIN_EVENTS_GRID),
            "chosen": best_key,
            "results": cv,
        },
        "versions": {
            "python": sys.version.split()[0],
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "vocabulary_size": len(vec.vocabulary_),
    }
    model = export_sklearn(vec, clf, metadata=metadata, digits=DIGITS)
    runtime = CrisisModel.from_dict(model)
    # The packaged floats are rounded; record how far that moves the probabilities.
    diff = np.abs(runtime.predict_proba(data.texts) - clf.predict_proba(x)[:, 1])
    model["metadata"]["parity_max_abs_diff_vs_sklearn"] = float(f"{diff.max():.3g}")
    checks = runtime.predict_proba(list(CHECK_TEXTS))
    model["checks"] = [
        {"text": t, "proba": round(float(p), 9)} for t, p in zip(CHECK_TEXTS, checks, strict=True)
    ]
    order = [
        "format",
        "format_version",
        "analyzer",
        "tfidf",
        "intercept",
        "metadata",
        "checks",
        "idf",
        "coef",
        "vocabulary",
    ]
    return {k: model[k] for k in order}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "crisislex",
        nargs="?",
        type=Path,
        default=DEFAULT_CRISISLEX,
        help="CrisisLex folder (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="model file to write (default: %(default)s)",
    )
    parser.add_argument(
        "--date",
        default=dt.date.today().isoformat(),
        help="training date recorded in the metadata (default: today)",
    )
    args = parser.parse_args(argv)
    if not (args.crisislex / "CrisisLexT6").is_dir():
        parser.error(f"{args.crisislex}: no CrisisLexT6 folder; pass the CrisisLex folder")
    model = train(args.crisislex, date=args.date)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(_dump(model), encoding="utf-8")
    meta = model["metadata"]
    print(
        f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB, "
        f"{meta['vocabulary_size']} terms, C={meta['settings']['C']:g}, parity "
        f"{meta['parity_max_abs_diff_vs_sklearn']:.2g})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
