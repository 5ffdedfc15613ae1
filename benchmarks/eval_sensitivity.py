"""Measure rtm-score's crisis sensitivity against the CrisisLex lexicon (issue 3, "Done when").

Usage::

    python benchmarks/eval_sensitivity.py [--crisislex DIR] [--huffpost DIR] [--model FILE] [--json]

1. Held-out English CrisisLexT26 events (never used in training): ROC AUC and the share of
   crisis-related / not-related tweets called never, per event and pooled, for
   - the CrisisLex lexicon alone (whole-word/phrase match; "any match" and "number of matches"),
   - the packaged crisis model alone (never at P >= 0.5),
   - the rules alone (``load_engine(use_model=False)``) and the full sensitivity engine
     (``load_engine().assess(name="", context=tweet).score``), never at score >= 0.70, when
     they are importable.
2. HuffPost News Category headlines: share called never per section (name = headline,
   context = headline + short description).

Both folders default to ``../shared/data/external/...`` next to the repository.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from rtm_score.sensitivity.model import CrisisModel

REPO = Path(__file__).resolve().parents[1]
EXTERNAL = REPO.parent / "shared" / "data" / "external"
HELD_OUT = (
    "2013_Bohol_earthquake",
    "2013_Glasgow_helicopter_crash",
    "2013_Lac_Megantic_train_crash",
    "2013_NY_train_crash",
    "2013_Russia_meteor",
    "2013_Savar_building_collapse",
    "2013_Singapore_haze",
    "2013_Typhoon_Yolanda",
)
RELATED = {"Related and informative": 1, "Related - but not informative": 1, "Not related": 0}
ENGINE_NEVER = 0.70
MODEL_NEVER = 0.5
METHODS = ("lexicon", "model", "rules", "engine")


# --- scorers -------------------------------------------------------------------------------


class Lexicon:
    """CrisisLexRec.txt as whole-word/phrase matches in lower-cased text."""

    def __init__(self, path: Path) -> None:
        terms = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        # Longest first, so "death toll" wins over "death" at the same position.
        alternatives = "|".join(
            re.escape(t).replace(r"\ ", r"\s+")
            for t in sorted(set(terms), key=lambda t: (-len(t), t))
        )
        self.size = len(set(terms))
        self._regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def count(self, text: str) -> int:
        """Number of (non-overlapping) lexicon matches in ``text``."""
        return len(self._regex.findall(text.lower()))


def load_engine_scorer(
    *,
    use_model: bool = True,
) -> tuple[Callable[[str, str], float] | None, str]:
    """``(name, context) -> score`` from the sensitivity engine, or ``None`` and why not.

    ``use_model=False`` asks for the rules alone (``load_engine(use_model=False)``).
    """
    label = "engine" if use_model else "rules"
    try:
        from rtm_score.sensitivity import load_engine

        engine = load_engine() if use_model else load_engine(use_model=False)
    except (ImportError, AttributeError, NotImplementedError, TypeError) as exc:
        return None, f"{label} not measured: {type(exc).__name__}: {exc}"

    def score(name: str, context: str) -> float:
        return float(engine.assess(name=name, context=context).score)

    call = "load_engine()" if use_model else "load_engine(use_model=False)"
    return score, f"{label}: rtm_score.sensitivity.{call}.assess(name, context).score"


# --- data ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Event:
    """One held-out event's tweets with 1 = crisis-related, 0 = not related."""

    name: str
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)


def load_held_out(root: Path) -> list[Event]:
    """The held-out English T26 events; "Not applicable" rows are dropped."""
    events = []
    for name in HELD_OUT:
        (path,) = sorted((root / "CrisisLexT26" / name).glob("*.csv"))
        event = Event(name.split("_", 1)[1])
        with path.open(newline="", encoding="utf-8") as fh:
            rows = csv.reader(fh)
            next(rows)
            for row in rows:
                label = RELATED.get(row[4].strip())
                if label is not None:
                    event.texts.append(html.unescape(row[1]))
                    event.labels.append(label)
        events.append(event)
    return events


def load_huffpost(root: Path) -> list[dict[str, str]]:
    """All headline records of the sample (both JSON-lines files)."""
    records = []
    for path in sorted(root.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh if line.strip()]
    return records


# --- measurements --------------------------------------------------------------------------


def _auc(labels: np.ndarray, scores: np.ndarray) -> float | None:
    return float(roc_auc_score(labels, scores)) if 0 < labels.sum() < len(labels) else None


def _share(flags: np.ndarray) -> float | None:
    return float(flags.mean()) if len(flags) else None


def _summary(
    labels: np.ndarray, scores: dict[str, np.ndarray], never: dict[str, np.ndarray]
) -> dict[str, Any]:
    related = int(labels.sum())
    out: dict[str, Any] = {"related": related, "not_related": len(labels) - related}
    for key, values in scores.items():
        out[f"auc_{key}"] = _auc(labels, values)
    for key, flags in never.items():
        out[f"never_related_{key}"] = _share(flags[labels == 1])
        out[f"never_not_related_{key}"] = _share(flags[labels == 0])
    return out


def measure_crisislex(
    root: Path, model: CrisisModel, engines: dict[str, Callable[[str, str], float]]
) -> dict[str, Any]:
    """Per-event and pooled AUC and never-shares on the held-out T26 events."""
    lexicon = Lexicon(root / "CrisisLexLexicon" / "CrisisLexRec.txt")
    per_event: dict[str, Any] = {}
    pooled_labels: list[np.ndarray] = []
    pooled_scores: dict[str, list[np.ndarray]] = defaultdict(list)
    pooled_never: dict[str, list[np.ndarray]] = defaultdict(list)
    for event in load_held_out(root):
        labels = np.asarray(event.labels)
        counts = np.asarray([lexicon.count(t) for t in event.texts], dtype=float)
        proba = model.predict_proba(event.texts)
        scores = {
            "lexicon_any": (counts > 0).astype(float),
            "lexicon_count": counts,
            "model": proba,
        }
        never = {"lexicon": counts > 0, "model": proba >= MODEL_NEVER}
        for key, engine in engines.items():
            engine_scores = np.asarray([engine("", t) for t in event.texts])
            scores[key] = engine_scores
            never[key] = engine_scores >= ENGINE_NEVER
        per_event[event.name] = _summary(labels, scores, never)
        pooled_labels.append(labels)
        for key, values in scores.items():
            pooled_scores[key].append(values)
        for key, flags in never.items():
            pooled_never[key].append(flags)
    pooled = _summary(
        np.concatenate(pooled_labels),
        {k: np.concatenate(v) for k, v in pooled_scores.items()},
        {k: np.concatenate(v) for k, v in pooled_never.items()},
    )
    return {"lexicon_terms": lexicon.size, "per_event": per_event, "pooled": pooled}


def measure_huffpost(
    root: Path, crisislex: Path, model: CrisisModel, engines: dict[str, Callable[[str, str], float]]
) -> dict[str, Any]:
    """Share of headlines called never per section, by each method."""
    lexicon = Lexicon(crisislex / "CrisisLexLexicon" / "CrisisLexRec.txt")
    records = load_huffpost(root)
    names = [r["headline"] for r in records]
    contexts = [f"{r['headline']} {r.get('short_description', '')}".strip() for r in records]
    sections = np.asarray([r["category"] for r in records])
    never = {
        "lexicon": np.asarray([lexicon.count(c) > 0 for c in contexts]),
        "model": model.predict_proba(contexts) >= MODEL_NEVER,
    }
    for key, engine in engines.items():
        never[key] = np.asarray(
            [engine(n, c) >= ENGINE_NEVER for n, c in zip(names, contexts, strict=True)]
        )
    out: dict[str, Any] = {}
    for section in sorted(set(sections.tolist())):
        mask = sections == section
        out[section] = {
            "n": int(mask.sum()),
            **{f"never_{k}": float(v[mask].mean()) for k, v in never.items()},
        }
    out["ALL"] = {"n": len(records), **{f"never_{k}": float(v.mean()) for k, v in never.items()}}
    return out


# --- output --------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_tables(result: dict[str, Any]) -> None:
    """The measurements as plain-text tables on stdout."""
    methods = [m for m in METHODS if m in result["methods"]]
    crisis = result.get("crisislex")
    if crisis is not None:
        print(
            f"Held-out English CrisisLexT26 events (lexicon: {crisis['lexicon_terms']} terms; "
            f"never = lexicon any match, model P >= {MODEL_NEVER}, engine score >= "
            f"{ENGINE_NEVER})\n"
        )
        auc_keys = ["lexicon_any", "lexicon_count", *methods[1:]]
        rows = [*crisis["per_event"].items(), ("POOLED", crisis["pooled"])]
        head = f"{'ROC AUC':<26}{'rel':>5}{'not':>5} |" + "".join(f"{k:>15}" for k in auc_keys)
        print(head)
        print("-" * len(head))
        for name, row in rows:
            print(
                f"{name:<26}{row['related']:>5}{row['not_related']:>5} |"
                + "".join(f"{_fmt(row['auc_' + k], 3):>15}" for k in auc_keys)
            )
        print()
        head = (
            f"{'share called never':<26}|"
            + "".join(f"{'rel ' + m:>13}" for m in methods)
            + " |"
            + "".join(f"{'not ' + m:>13}" for m in methods)
        )
        print(head)
        print("-" * len(head))
        for name, row in rows:
            print(
                f"{name:<26}|"
                + "".join(f"{_fmt(row['never_related_' + m]):>13}" for m in methods)
                + " |"
                + "".join(f"{_fmt(row['never_not_related_' + m]):>13}" for m in methods)
            )
        print()
    huff = result.get("huffpost")
    if huff is not None:
        key = "never_engine" if "engine" in methods else "never_model"
        print(
            f"HuffPost News Category sample: share called never per section (sorted by "
            f"{key.removeprefix('never_')})\n"
        )
        head = f"{'section':<16}{'n':>6} | " + "".join(f"{m:>10}" for m in methods)
        print(head)
        print("-" * len(head))
        sections = sorted((s for s in huff if s != "ALL"), key=lambda s: (-huff[s][key], s))
        for section in [*sections, "ALL"]:
            row = huff[section]
            print(
                f"{section:<16}{row['n']:>6} | "
                + "".join(f"{row['never_' + m]:>10.2f}" for m in methods)
            )
        print()
    for note in result["notes"]:
        print(f"note: {note}")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--crisislex",
        type=Path,
        default=EXTERNAL / "crisislex",
        help="CrisisLex folder (default: %(default)s)",
    )
    parser.add_argument(
        "--huffpost",
        type=Path,
        default=EXTERNAL / "news-category-huffpost",
        help="News Category sample folder (default: %(default)s)",
    )
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        help="a crisis-model JSON file to measure instead of the packaged one",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    model = (
        CrisisModel.load()
        if args.model is None
        else CrisisModel.from_dict(
            json.loads(args.model.read_text(encoding="utf-8")), source=str(args.model)
        )
    )
    engines: dict[str, Callable[[str, str], float]] = {}
    notes = []
    for key, use_model in (("rules", False), ("engine", True)):
        scorer, note = load_engine_scorer(use_model=use_model)
        notes.append(note)
        if scorer is not None:
            engines[key] = scorer
    result: dict[str, Any] = {
        "methods": ["lexicon", "model", *engines],
        "thresholds": {
            "lexicon": "any match",
            "model": MODEL_NEVER,
            "rules": ENGINE_NEVER,
            "engine": ENGINE_NEVER,
        },
        "notes": notes,
    }
    if (args.crisislex / "CrisisLexT26").is_dir():
        result["crisislex"] = measure_crisislex(args.crisislex, model, engines)
    else:
        result["notes"].append(f"{args.crisislex}: no CrisisLexT26 folder, skipped")
    if args.huffpost.is_dir() and (args.crisislex / "CrisisLexLexicon").is_dir():
        result["huffpost"] = measure_huffpost(args.huffpost, args.crisislex, model, engines)
    else:
        result["notes"].append(f"{args.huffpost}: not found (or no lexicon), skipped")
    result["notes"].append(f"ran in {time.perf_counter() - started:.1f} s")
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print_tables(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
