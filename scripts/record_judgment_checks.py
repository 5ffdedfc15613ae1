"""Record in ``rtm_score/data/judgment.json`` what the packaged judgment says of a few written
examples (``checks``): the tests score them again and compare, so a change to the rules, the
text model, the cues or the combiners that moves them is seen.

    python scripts/record_judgment_checks.py

``scripts/fit_judgment.py`` runs it after each refit (in a fresh process, so that the new
files are the ones read). The examples are written for this purpose, not taken from the
labelled rows or the benchmark corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

from rtm_score.sensitivity import load_engine

ROOT = Path(__file__).resolve().parent.parent
CHECKS = (
    ("#Aurora", "Gunman opens fire at a cinema; 12 people killed"),
    ("Breaking Bad finale", "The series finale drew record viewers"),
    ("Storm warning", "Forecasters say the storm may strengthen; no injuries reported"),
    ("#NationalPizzaDay", "Two slices for the price of one"),
    ("Talk Like a Pirate Day", "Arr! Share your best pirate jokes"),
)


def main() -> None:
    path = ROOT / "rtm_score" / "data" / "judgment.json"
    judgment = json.loads(path.read_text(encoding="utf-8"))
    engine = load_engine(use_calendar=False)
    checks = []
    for name, context in CHECKS:
        a = engine.assess(name, context)
        checks.append(
            {
                "name": name,
                "context": context,
                "score": round(a.score, 6),
                "p_never": round(a.p_never, 6),
                "p_notsafe": round(a.p_notsafe, 6),
            }
        )
    judgment["checks"] = checks
    path.write_text(json.dumps(judgment, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(checks, indent=1))


if __name__ == "__main__":
    main()
