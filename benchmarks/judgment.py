#!/usr/bin/env python3
"""How well the judgment holds on labelled real text it was not fitted on.

    python benchmarks/judgment.py [--corpora ../shared/data/external] [--cases CASES.csv]

For each held-out corpus it prints never recall, false never on safe rows and on sensitive rows,
the ROC AUC of P(never) and its Brier score (for the probabilities; the rules' weights are not
probabilities, so their Brier score is only a reference), for three methods:

- **rules alone**: the rule files by themselves; never when a floor-tier signal of weight 0.7 or
  more fires (the rule files' own mark for a signal that may decide alone);
- **model alone**: the text model's P(never) at its own fitted cut (``data/judgment.json``);
- **pipeline**: what ``rtm-score score`` decides from sensitivity (the combined judgment and the
  policy at the default thresholds); its ROC AUC is that of the judgment's P(never).

Held-out corpora (never used in fitting; see ``scripts/fit_judgment.py``):
- the team's hand labels (``labels/sensitivity.csv``) for Wikipedia Current Events portal lines
  of 2017-2018, HuffPost headlines from 2021 on, and CrisisLex T26 tweets of held-out events;
- every labelled tweet of the 8 English CrisisLex T26 events held out of training (related
  versus not related: ROC AUC only, since "related" is not "never"; then per event, as a
  "not related" tweet may be about another tragedy);
- for a corpus whose every row has two blind labels (portal, HuffPost), the pipeline again on
  the rows both labellers agree on;
- with ``--cases``, the labelled brand cases, run through the CLI by the cases' own harness
  (``run_bench.py`` beside the cases file): never recall, false never, engage precision and
  recall.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from event_words import event_of  # noqa: E402
from fit_judgment import HELDOUT_T26, NAME_SOURCES, split_of  # noqa: E402

from rtm_score.models import Decision, Tier  # noqa: E402
from rtm_score.policy import sensitivity_verdict  # noqa: E402
from rtm_score.profile import Thresholds  # noqa: E402
from rtm_score.resources import read_text  # noqa: E402
from rtm_score.sensitivity import load_engine  # noqa: E402

RULES_STRONG = 0.7


def scores(names: list[str], contexts: list[str]) -> dict[str, np.ndarray]:
    """P(never)-like scores and never calls for the three methods, one row per text."""
    engine = load_engine()
    analysed = [engine.pipe.analyse_topic(n, c) for n, c in zip(names, contexts, strict=True)]
    assessments = engine.assess_analysed(analysed, [not c for c in contexts])
    floor = {c for c, t in engine.tiers.items() if t is Tier.FLOOR}
    rules = np.array(
        [
            max(
                (h.weight for h in engine.matcher.match(engine.doc(a)) if h.category in floor),
                default=0.0,
            )
            for a in analysed
        ]
    )
    model = engine.model.proba(engine.model.transform([a.terms for a in analysed]), "never")
    th = Thresholds()
    never = [
        sensitivity_verdict([(f.category, f.tier, f.score, f.reason) for f in a.findings], th)[0]
        is Decision.NEVER
        for a in assessments
    ]
    pipeline_score = np.array([a.p_never for a in assessments])
    cut = float(json.loads(read_text("judgment.json"))["scale"]["model_alone_never_cut"])
    return {
        "rules alone": rules,
        "rules alone never": rules >= RULES_STRONG,
        "model alone": model,
        "model alone never": model >= cut,
        "pipeline": pipeline_score,
        "pipeline never": np.array(never),
    }


def auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s)) if 0 < y.sum() < len(y) else float("nan")


def row(label: np.ndarray, score: np.ndarray, never: np.ndarray) -> str:
    def rate(mask: np.ndarray) -> str:
        return f"{never[mask].mean():.3f}" if mask.any() else "  -  "

    brier = float(np.mean((score - (label == "never")) ** 2))
    return (
        f"{rate(label == 'never')}   {rate(label == 'safe')}   {rate(label == 'sensitive')}"
        f"   {auc(label == 'never', score):.3f}   {brier:.3f}"
    )


def hand_corpora() -> dict[str, list[dict[str, str]]]:
    with (ROOT / "labels" / "sensitivity.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        split = split_of(r)
        if split != "train":
            out.setdefault(split, []).append(r)
    return out


def crisislex_events(corpora: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The held-out events' labelled tweets: texts, related or not, and each one's event."""
    texts, related, events = [], [], []
    for f in sorted((corpora / "crisislex" / "CrisisLexT26").glob("*/*labeled*.csv")):
        if event_of(f.name) not in HELDOUT_T26:
            continue
        with f.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                info = r[" Informativeness"].strip()
                if info != "Not applicable":
                    texts.append(r[" Tweet Text"])
                    related.append(info != "Not related")
                    events.append(event_of(f.name))
    return texts, np.array(related), np.array(events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared/data/external")
    ap.add_argument("--cases", type=Path, help="labelled brand cases (with run_bench.py beside)")
    args = ap.parse_args()
    methods = ("rules alone", "model alone", "pipeline")
    print(
        f"{'corpus':<34}{'method':<13}{'rows':>6}  never_recall false_never(safe) "
        "false_never(sensitive) roc_auc brier"
    )
    for split, rows in sorted(hand_corpora().items()):
        label = np.array([r["label"] for r in rows])
        names = [r["text"] if r["source"] in NAME_SOURCES else "" for r in rows]
        contexts = ["" if r["source"] in NAME_SOURCES else r["text"] for r in rows]
        s = scores(names, contexts)
        for m in methods:
            print(f"{split:<34}{m:<13}{len(rows):>6}  {row(label, s[m], s[m + ' never'])}")
        # Where every row has two blind labels: the rows both passes agree on, so that a miss
        # cannot be put down to a doubtful label.
        agreed = np.array([r["second_label"] == r["first_label"] for r in rows])
        if all(r["second_label"] for r in rows):
            m = "pipeline"
            print(
                f"{'  rows both labellers agree on':<34}{m:<13}{int(agreed.sum()):>6}  "
                f"{row(label[agreed], s[m][agreed], s[m + ' never'][agreed])}"
            )
    texts, related, events = crisislex_events(args.corpora)
    s = scores([""] * len(texts), texts)
    for m in methods:
        print(
            f"{'crisislex-heldout-events (AUC)':<34}{m:<13}{len(texts):>6}  "
            f"{'':>44}{auc(related, s[m]):.3f}"
        )
    # Per event: "not related" is not "harmless" (Glasgow's are another fatal helicopter
    # crash), so this AUC measures relatedness to the event more than sensitivity.
    for event in sorted(set(events.tolist())):
        k = events == event
        score = auc(related[k], s["pipeline"][k])
        shown = "  -   (every tweet related)" if np.isnan(score) else f"{score:.3f}"
        print(f"{'  ' + event[5:]:<34}{'pipeline':<13}{int(k.sum()):>6}  {'':>44}{shown}")
    if args.cases:
        harness = args.cases.parent.parent / "run_bench.py"
        out = (
            subprocess.run(
                [sys.executable, str(harness), str(args.cases)],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()
        )
        print(f"brand cases ({args.cases.name}): {out[-1]}")


if __name__ == "__main__":
    main()
