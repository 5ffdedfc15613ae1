#!/usr/bin/env python3
"""Write the packaged calendars' holiday dates, precomputed, so that a run never imports the
``holidays`` package for them.

    python scripts/build_holiday_table.py   # writes rtm_score/data/calendars/holiday-dates.json

For every ``holidays:`` rule of the packaged calendars (``rtm_score/data/calendars/*.yaml``) and
every year of ``TABLE_YEARS`` it records the day the ``holidays`` package (MIT) computes, or
null when the day does not fall that year. ``tests/test_observances.py`` fails when a packaged
rule is missing from the table, and checks the table against the package for the years of its
``examples``; run this script again after adding a rule or upgrading ``holidays``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rtm_score.observances import load_calendar  # noqa: E402
from rtm_score.observances.dates import TABLE, TABLE_YEARS, Holiday  # noqa: E402

EXAMPLE_YEARS = (TABLE_YEARS[0], 2026, TABLE_YEARS[-1])


def main() -> None:
    import holidays

    rules = sorted(
        {e.rule.key: e.rule for e in load_calendar().entries if isinstance(e.rule, Holiday)}.items()
    )
    dates = {
        key: {str(y): (d.isoformat() if (d := rule.computed(y)) else None) for y in TABLE_YEARS}
        for key, rule in rules
    }
    doc = {
        "format": "rtm-score/holiday-dates",
        "source": f"computed by the holidays package {holidays.__version__} (MIT) for the "
        "packaged calendars' holidays: rules, by scripts/build_holiday_table.py",
        "years": [TABLE_YEARS[0], TABLE_YEARS[-1]],
        "examples": [{"rule": key, "year": y, "date": dates[key][str(y)]} for key, _ in rules
                     for y in EXAMPLE_YEARS],
        "dates": dates,
    }  # fmt: skip
    out = ROOT / "rtm_score" / "data" / Path(*TABLE)
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rules)} rules x {len(TABLE_YEARS)} years -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
