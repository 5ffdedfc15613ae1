"""Tests for rtm_score.judgment: the fitted file, the scale, and one policy for score and check."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rtm_score.api import score_topics
from rtm_score.check import Checker, PlannedPost
from rtm_score.check.models import Severity
from rtm_score.check.when import parse_when
from rtm_score.errors import DataError
from rtm_score.judgment import Judgment
from rtm_score.models import Decision, Tier, Topic
from rtm_score.profile import BrandProfile, Thresholds, parse_profile
from rtm_score.resources import read_text
from rtm_score.sensitivity.kinds import Hit
from rtm_score.signals import FEATURES, Observed, feature_row
from rtm_score.signals.cues import Cues

RAW = json.loads(read_text("judgment.json"))


def test_packaged_judgment_loads_and_states_how_it_was_fitted() -> None:
    j = Judgment.load()
    assert Judgment.load() is j
    fitted = RAW["fitted"]
    assert fitted["script"] == "scripts/fit_judgment.py"
    assert set(fitted["targets"]) == {"false_never_budget", "false_caution_budget"}
    held_out = {"heldout-portal", "heldout-huffpost", "heldout-crisislex", "heldout-trend-names"}
    assert held_out <= set(fitted["figures"])
    assert 0 < j.never_cut < 1 and 0 < j.caution_cut < 1


def test_scale_anchors_are_the_profile_defaults() -> None:
    j = Judgment.load()
    assert (j.never_anchor, j.caution_anchor) == (Thresholds().never, Thresholds().skip)


def test_scale_maps_the_fitted_cuts_onto_the_anchors() -> None:
    j = Judgment.load()
    assert j.never_score(j.never_cut) == pytest.approx(j.never_anchor)
    assert j.caution_score(j.caution_cut) == pytest.approx(j.caution_anchor)
    assert j.never_score(1.0) == pytest.approx(1.0)
    # Below its cut, P(never) stays under caution; caution alone never reaches never.
    assert j.never_score(j.never_cut * 0.999) < j.caution_anchor
    assert j.caution_score(1.0) < j.never_anchor
    assert round(j.caution_score(0.9999), 3) < j.never_anchor  # not rounded up onto it
    grid = [i / 100 for i in range(101)]
    for f in (j.never_score, j.caution_score):
        values = [f(p) for p in grid]
        assert values == sorted(values)


def test_a_bare_name_is_judged_on_its_own_fitted_cuts() -> None:
    j = Judgment.load()
    assert 0 < j.name_only_never_cut < 1 and 0 < j.name_only_caution_cut < 1
    assert j.never_score(j.name_only_never_cut, name_only=True) == pytest.approx(j.never_anchor)
    assert j.caution_score(j.name_only_caution_cut, name_only=True) == pytest.approx(
        j.caution_anchor
    )
    between = (j.never_cut + j.name_only_never_cut) / 2
    lower, higher = sorted([j.never_cut, j.name_only_never_cut])
    if lower < higher:  # the two kinds were fitted apart: one P(never), two verdicts
        names_stricter = j.name_only_never_cut > j.never_cut
        assert (j.never_score(between, name_only=True) < j.never_anchor) == names_stricter
        assert (j.never_score(between) >= j.never_anchor) == names_stricter


def test_a_judgment_file_without_the_name_cuts_is_refused() -> None:
    scale = {k: v for k, v in RAW["scale"].items() if not k.startswith("name_only")}
    with pytest.raises(DataError, match="malformed"):
        Judgment.from_dict(dict(RAW, scale=scale))


def test_a_wrong_feature_list_is_refused() -> None:
    bad = dict(RAW, features=[*FEATURES, "extra"])
    with pytest.raises(DataError, match="other features"):
        Judgment.from_dict(bad)
    with pytest.raises(DataError, match="malformed"):
        Judgment.from_dict(dict(RAW, combiners={}))


def _row(
    text: tuple[float, float, float, float, float] = (0.5, 0.5, 0.5, 0.5, 0.5),
    floor: float = 0.0,
    cues: tuple[str, ...] = (),
) -> list[float]:
    """A feature row: the text model's five probabilities, one floor-tier rule hit of weight
    ``floor`` (none at 0) and the cue kinds found."""
    hits = [Hit("r", "death-injury", floor, "x", False, "r:x")] if floor else []
    return feature_row(
        Observed(hits, {"death-injury": Tier.FLOOR}, framed=False,
                 cues=Cues(tuple((k, k) for k in cues)), text_probs=text, name_only=False)
    )  # fmt: skip


def test_features_follow_the_declared_order() -> None:
    row = _row(floor=0.9, cues=("negated",))
    assert len(row) == len(FEATURES)
    named = dict(zip(FEATURES, row, strict=True))
    assert named["rules.floor"] == 0.9
    assert named["cues.negated"] == 1.0 and named["cues.forecast"] == 0.0
    assert named["text.never"] == pytest.approx(0.0)
    assert all(math.isfinite(v) for v in _row(text=(0.0, 0.5, 0.5, 0.5, 0.5)))


def test_stronger_text_evidence_raises_p_never() -> None:
    j = Judgment.load()
    low, high = j.probabilities(
        [_row(text=(0.1, 0.5, 0.5, 0.5, 0.5)), _row(text=(0.9, 0.5, 0.5, 0.5, 0.5))]
    )[0]
    assert high > low


# --- one policy: check's RTM201 error is exactly score's never ---------------------------------

PROFILE = parse_profile(
    {
        "name": "Pinecrest Coffee",
        "description": "Small-batch coffee roaster",
        "keywords": ["coffee", "cold brew"],
        "regions": ["US"],
    },
    source="<test>",
)
DAY = dt.date(2026, 3, 3)  # no observance in the US
WORDS = (
    "gunman kills four shoppers at the mall",
    "earthquake leaves dozens dead",
    "no injuries reported after a small fire",
    "storm expected to strengthen by friday",
    "she absolutely killed it on stage",
    "the series finale drew record viewers",
    "senate votes on the budget bill",
    "actor dies aged 90",
    "new cold brew flavour launches today",
    "fans share their game night snacks",
    "penalty shootout decides the final",
    "police arrest a suspect in the stabbing",
    "outbreak sickens hundreds",
    "photo shoot behind the scenes",
    "coffee",
    "rip",
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(PROFILE)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" and ".join))
def test_check_rtm201_error_exactly_when_score_says_never(checker: Checker, text: str) -> None:
    post = PlannedPost(
        source="cal.csv", line=2, row=1, when=parse_when("2026-03-03").time, copy=text
    )
    errors = [
        f for f in checker.check([post]) if f.code == "RTM201" and f.severity is Severity.ERROR
    ]
    report = score_topics(PROFILE, [Topic(id="1", name="", context=text)], today=DAY)
    assert bool(errors) == (report.topics[0].decision is Decision.NEVER), text


def test_profile_is_a_brand_profile() -> None:
    assert isinstance(PROFILE, BrandProfile)


def test_the_category_features_are_factored_through_p_not_safe() -> None:
    """A category head learned on rows that are not safe says "violence" for a cover shoot;
    multiplied by a low P(not safe), its evidence for never is low too."""
    i = FEATURES.index("text.notsafe_x_category_never")
    k = FEATURES.index("text.notsafe_x_never_if_notsafe")
    harmless = _row(text=(0.5, 0.05, 0.5, 0.95, 0.95))
    tragic = _row(text=(0.5, 0.95, 0.5, 0.95, 0.95))
    assert harmless[i] < 0 < tragic[i]
    assert harmless[k] < 0 < tragic[k]
    assert harmless[i] == pytest.approx(math.log(0.0475 / 0.9525))


def test_packaged_judgment_reproduces_its_recorded_checks() -> None:
    from rtm_score.sensitivity import load_engine

    checks = RAW["checks"]
    assert len(checks) >= 4
    engine = load_engine(use_calendar=False)
    for c in checks:
        a = engine.assess(c["name"], c["context"])
        got = (a.score, a.p_never, a.p_notsafe)
        assert got == pytest.approx((c["score"], c["p_never"], c["p_notsafe"]), abs=1e-4), c
