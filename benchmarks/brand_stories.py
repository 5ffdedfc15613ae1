#!/usr/bin/env python3
"""When the trend is about the brand itself: how often the decision gets it right.

    python benchmarks/brand_stories.py [--split heldout|train|all]

Each labelled row of ``labels/brand-stories/`` whose subject is a company becomes one topic for
a brand of that name (a profile with the name as its only description): the trend is the
company's name as a hashtag and the labelled text is its context, as a trend feed would show a
company that is in the news. It prints:

- **found**: the share of these brand stories the brand-story signal recognises as about the
  brand (``brand.in-the-news``, ``brand.check-first`` or ``brand.own-story`` among the
  reasons), and the share it finds when the trend's name is neutral ("Trending now") so that
  only the text says whom it is about;
- for stories that are bad news for the company (complaint, recall, outage, legal trouble,
  backlash, layoffs, scandal): the share called **never** and the number called **engage**
  (the failure the signal exists to prevent);
- for the others (praise, milestone, neutral news): the share not called never (they may be
  engaged, in the brand's own voice).

The held-out split is the portal's lines of 2017-2018 and HuffPost headlines from 2021 on,
which ``scripts/fit_brand_stories.py`` never fits on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_brand_stories import load  # noqa: E402

from rtm_score.api import score_topics  # noqa: E402
from rtm_score.models import Decision, Topic  # noqa: E402
from rtm_score.profile import parse_profile  # noqa: E402
from rtm_score.sensitivity import load_engine  # noqa: E402
from rtm_score.signals.brand import NEGATIVE_KINDS, StoryFinder  # noqa: E402
from rtm_score.text import TextPipeline  # noqa: E402

STORY_CODES = {"brand.in-the-news", "brand.check-first", "brand.own-story"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("heldout", "train", "all"), default="heldout")
    args = ap.parse_args()
    rows = [r for r in load() if r["subject"] and args.split in ("all", r["split"])]
    engine = load_engine()
    pipe = TextPipeline()
    found = never_bad = engage_bad = kept_good = in_text = 0
    bad = [r for r in rows if r["kind"] in NEGATIVE_KINDS]
    for r in rows:
        profile = parse_profile({"name": r["subject"], "description": f"{r['subject']}"})
        tag = "#" + re.sub(r"\W+", "", r["subject"])
        topic = Topic(id=r["id"], name=tag, context=r["text"])
        (s,) = score_topics(profile, [topic], today=dt.date(2026, 1, 1), engine=engine).topics
        found += any(x.code in STORY_CODES for x in s.reasons)
        neutral = pipe.analyse_topic("Trending now", r["text"])
        in_text += StoryFinder([r["subject"]], []).find([neutral])[0] is not None
        if r["kind"] in NEGATIVE_KINDS:
            never_bad += s.decision is Decision.NEVER
            engage_bad += s.decision is Decision.ENGAGE
        else:
            kept_good += s.decision is not Decision.NEVER
    good = len(rows) - len(bad)
    print(
        f"{args.split}: {len(rows)} brand stories ({len(bad)} bad news, {good} other); "
        f"found {found / len(rows):.3f} ({in_text / len(rows):.3f} with a neutral trend name); "
        f"bad news called never {never_bad / len(bad):.3f}, "
        f"engage {engage_bad}; other stories not called never {kept_good / max(good, 1):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
