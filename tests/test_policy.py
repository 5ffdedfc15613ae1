"""Tests for rtm_score.policy.decide(): a truth table over the documented precedence."""

from __future__ import annotations

from typing import Any

import pytest

from rtm_score.models import Decision, Reason, Tier
from rtm_score.policy import Signals, decide
from rtm_score.profile import Thresholds

DEFAULT = Thresholds()  # engage 0.30, skip 0.35, never 0.70
REL = Reason(
    "relevance.match", "mentions the brand's terms in its name", "keyword 'chips'", "profile"
)
OBS = Reason(
    "calendar.remembrance-day",
    "about Remembrance Day, observed on 2026-11-11 in CA: never for promotion",
    "",
    "calendar",
)
NOTE = Reason(
    "calendar.veterans-day",
    "Veterans Day is observed on 2026-11-11 in US; keep any post respectful",
    "",
    "calendar",
)


def finding(category: str, tier: Tier, score: float) -> tuple[str, Tier, float, Reason]:
    return (category, tier, score, Reason(f"sens.{category}", f"about {category}", "'x'", "rule"))


FLOOR = finding("violence", Tier.FLOOR, 0.9)
FLOOR_AT = finding("violence", Tier.FLOOR, 0.70)
FLOOR_MID = finding("violence", Tier.FLOOR, 0.5)
FLOOR_LOW = finding("violence", Tier.FLOOR, 0.2)
POLITICS = finding("politics-social", Tier.HIGH, 0.5)
POLITICS_WEAK = finding("politics-social", Tier.HIGH, 0.3)
POLITICS_FAINT = finding("politics-social", Tier.HIGH, 0.2)
RELIGION = finding("religion", Tier.HIGH, 0.5)
MEDIUM = finding("gossip", Tier.MEDIUM, 0.4)
LOW = finding("gossip", Tier.LOW, 0.1)


def signals(**overrides: Any) -> Signals:
    fields: dict[str, Any] = {
        "relevance": 0.6,
        "relevance_reasons": (REL,),
        "sensitivity": max((f[2] for f in overrides.get("findings", ())), default=0.0),
        "findings": (),
    }
    fields.update(overrides)
    return Signals(**fields)


CASES = [
    # (id, signals overrides, expected decision, expected first reason code)
    (
        "off-limits",
        {"off_limits": ("weight loss",), "relevance": 1.0},
        "never",
        "profile.off-limits",
    ),
    (
        "off-limits-beats-floor",
        {"off_limits": ("fur",), "findings": (FLOOR,)},
        "never",
        "profile.off-limits",
    ),
    ("floor", {"findings": (FLOOR,)}, "never", "policy.floor"),
    ("floor-relevance-1", {"findings": (FLOOR,), "relevance": 1.0}, "never", "policy.floor"),
    ("floor-at-threshold", {"findings": (FLOOR_AT,), "relevance": 1.0}, "never", "policy.floor"),
    (
        "floor-beats-observance",
        {"findings": (FLOOR,), "observance_reasons": (OBS,)},
        "never",
        "policy.floor",
    ),
    (
        "solemn-observance",
        {"observance_reasons": (OBS,), "relevance": 1.0},
        "never",
        "calendar.remembrance-day",
    ),
    (
        "floor-below-never-is-caution",
        {"findings": (FLOOR_MID,), "relevance": 1.0},
        "skip",
        "policy.caution",
    ),
    ("medium-tier-caution", {"findings": (MEDIUM,)}, "skip", "policy.caution"),
    ("high-tier-not-allowed", {"findings": (POLITICS,)}, "skip", "policy.caution"),
    # Below the caution threshold a high-tier category is not caution: the fitted scale says
    # how likely the topic is to be sensitive, and the threshold is where caution starts.
    ("high-tier-below-skip", {"findings": (POLITICS_WEAK,)}, "engage", "policy.engage"),
    (
        "high-tier-allowed",
        {"findings": (POLITICS,), "allowed_territories": ("politics",)},
        "engage",
        "policy.engage",
    ),
    (
        "high-tier-allowed-religion",
        {"findings": (RELIGION,), "allowed_territories": ("religion",)},
        "engage",
        "policy.engage",
    ),
    (
        "other-territory-does-not-allow",
        {"findings": (POLITICS,), "allowed_territories": ("sports",)},
        "skip",
        "policy.caution",
    ),
    (
        "allowed-high-but-floor-caution",
        {"findings": (POLITICS, FLOOR_MID), "allowed_territories": ("politics",)},
        "skip",
        "policy.caution",
    ),
    ("faint-high-tier", {"findings": (POLITICS_FAINT,)}, "engage", "policy.engage"),
    (
        "voice-avoid",
        {"avoided_territories": ("politics",), "relevance": 0.9},
        "skip",
        "voice.avoid",
    ),
    ("competitor", {"competitors": ("Munchmore",), "relevance": 0.9}, "skip", "profile.competitor"),
    (
        "caution-beats-avoid",
        {"findings": (MEDIUM,), "avoided_territories": ("politics",)},
        "skip",
        "policy.caution",
    ),
    ("engage", {}, "engage", "policy.engage"),
    ("engage-at-threshold", {"relevance": 0.30}, "engage", "policy.engage"),
    ("engage-with-minor-signal", {"findings": (LOW,)}, "engage", "policy.engage"),
    ("engage-with-date-note", {"date_notes": (NOTE,)}, "engage", "policy.engage"),
    ("needs-context", {"has_context": False, "relevance": 0.9}, "skip", "policy.needs-context"),
    (
        "no-context-but-name-says-what",
        {"has_context": False, "name_territories": ("television",)},
        "engage",
        "policy.engage",
    ),
    ("low-relevance", {"relevance": 0.29, "relevance_reasons": ()}, "skip", "policy.low-relevance"),
    (
        "low-relevance-no-context",
        {"relevance": 0.1, "has_context": False},
        "skip",
        "policy.low-relevance",
    ),
    (
        "low-relevance-floor-faint",
        {"relevance": 0.0, "findings": (FLOOR_LOW,)},
        "skip",
        "policy.low-relevance",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "decision", "first"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_truth_table(overrides: dict[str, Any], decision: str, first: str) -> None:
    got, reasons = decide(signals(**overrides), DEFAULT)
    assert got is Decision(decision)
    assert reasons, "decide() must always give reasons"
    assert reasons[0].code == first
    assert all(isinstance(r, Reason) and r.code and r.message for r in reasons)


@pytest.mark.parametrize(
    ("overrides", "decision", "first"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_every_input_reason_is_kept(overrides: dict[str, Any], decision: str, first: str) -> None:
    s = signals(**overrides)
    _decision, reasons = decide(s, DEFAULT)
    kept = set(reasons)
    # Findings below the caution threshold are noise to the reader and are not repeated.
    assert {f[3] for f in s.findings if f[2] >= DEFAULT.skip} <= kept
    if _decision is Decision.ENGAGE:
        assert set(s.date_notes) <= kept
    assert set(s.observance_reasons) <= kept
    assert set(s.relevance_reasons) <= kept


@pytest.mark.parametrize(
    ("overrides", "decision"),
    [
        ({"relevance": 0.9}, Decision.ENGAGE),
        ({"relevance": 0.05}, Decision.SKIP),
        ({"competitors": ("Rival",)}, Decision.SKIP),
        ({"off_limits": ("poppy",)}, Decision.NEVER),
    ],
)
def test_a_calendar_note_goes_only_where_the_team_may_post(
    overrides: dict[str, Any], decision: Decision
) -> None:
    got, reasons = decide(signals(date_notes=(NOTE,), **overrides), DEFAULT)
    assert got is decision
    assert (NOTE in reasons) == (decision is Decision.ENGAGE)


def test_off_limits_keeps_observance_reasons() -> None:
    decision, reasons = decide(signals(off_limits=("poppy",), observance_reasons=(OBS,)), DEFAULT)
    assert decision is Decision.NEVER
    assert OBS in reasons


def test_floor_reason_explains_the_threshold() -> None:
    _d, reasons = decide(signals(findings=(FLOOR,), relevance=1.0), DEFAULT)
    head = reasons[0]
    assert head.message == "sensitive (violence): never engage, whatever the relevance"
    assert head.evidence == "sensitivity 0.90 >= 0.70"
    assert head.origin == "policy"
    assert reasons[1].code == "sens.violence"


def test_engage_reason_explains_itself() -> None:
    _d, reasons = decide(signals(relevance=0.62), DEFAULT)
    assert reasons[0].message == "relevant and safe"
    assert reasons[0].evidence == "relevance 0.62 >= 0.30; sensitivity 0.00 < 0.35"
    _d, minor = decide(signals(findings=(LOW,)), DEFAULT)
    assert minor[0].message == "relevant and safe"
    assert LOW[3] not in minor


def test_caution_evidence_for_a_high_tier_category() -> None:
    _d, reasons = decide(signals(findings=(POLITICS,)), DEFAULT)
    assert reasons[0].message == "sensitive (politics-social): skip unless handled with care"
    assert reasons[0].evidence.startswith("sensitivity ")


def test_off_limits_names_the_terms() -> None:
    _d, reasons = decide(signals(off_limits=("weight loss", "fur")), DEFAULT)
    assert reasons[0] == Reason(
        "profile.off-limits", "hits the brand's off-limits topics", "weight loss, fur", "profile"
    )


@pytest.mark.parametrize(
    ("thresholds", "overrides", "decision"),
    [
        (Thresholds(engage=0.8), {"relevance": 0.7}, Decision.SKIP),
        (Thresholds(engage=0.1), {"relevance": 0.15}, Decision.ENGAGE),
        (Thresholds(never=0.95), {"findings": (FLOOR,)}, Decision.SKIP),
        (Thresholds(skip=0.6, never=0.95), {"findings": (FLOOR_MID,)}, Decision.ENGAGE),
        (Thresholds(skip=0.2, never=0.4), {"findings": (FLOOR_MID,)}, Decision.NEVER),
    ],
)
def test_thresholds_come_from_the_profile(
    thresholds: Thresholds, overrides: dict[str, Any], decision: Decision
) -> None:
    assert decide(signals(**overrides), thresholds)[0] is decision


# --- the brand in the news ----------------------------------------------------------------------


def story(verdict: str, *, own: bool = True, kind: str = "complaint") -> Any:
    from rtm_score.signals.brand import BrandStory

    p = {"bad": 0.9, "unsure": 0.5, "fine": 0.1}[verdict]
    return BrandStory("Crunchwell", own, "name", kind, p, verdict)


@pytest.mark.parametrize(
    ("overrides", "decision", "codes"),
    [
        # The brand's own bad news: never for marketing, whatever the relevance.
        ({"brand_story": story("bad"), "relevance": 1.0}, "never", ["brand.in-the-news", REL.code]),
        # Less sure: read it first (skip), never engage blind.
        ({"brand_story": story("unsure")}, "skip", ["brand.check-first", REL.code]),
        # A tragedy about the brand keeps its floor reasons after the brand's.
        (
            {"brand_story": story("unsure"), "findings": (FLOOR,)},
            "never",
            ["brand.check-first", "policy.floor", "sens.violence", REL.code],
        ),
        # Good news may engage, flagged so the team answers in its own voice.
        (
            {"brand_story": story("fine", kind="praise")},
            "engage",
            ["policy.engage", REL.code, "brand.own-story"],
        ),
        # Good news on a sensitive day is still decided by sensitivity, and still flagged.
        (
            {"brand_story": story("fine", kind="milestone"), "findings": (POLITICS,)},
            "skip",
            ["policy.caution", "sens.politics-social", REL.code, "brand.own-story"],
        ),
        # A competitor's bad news: do not pile on.
        (
            {"brand_story": story("bad", own=False, kind="recall-safety"), "relevance": 1.0},
            "skip",
            ["brand.competitor-trouble", REL.code],
        ),
        (
            {"brand_story": story("unsure", own=False), "findings": (FLOOR,)},
            "never",
            ["policy.floor", "brand.competitor-trouble", "sens.violence", REL.code],
        ),
        # A competitor's good news is the ordinary competitor rule.
        (
            {"brand_story": story("fine", own=False), "competitors": ("Snackerly",)},
            "skip",
            ["profile.competitor", REL.code],
        ),
    ],
)
def test_brand_stories(overrides: dict[str, Any], decision: str, codes: list[str]) -> None:
    got, reasons = decide(signals(**overrides), DEFAULT)
    assert got.value == decision
    assert [r.code for r in reasons if r.code != "policy.what-if"] == codes
    brand = [r for r in reasons if r.code.startswith("brand.")]
    assert all(r.origin == "model" for r in brand)
    assert all("Crunchwell in the topic's name" in r.evidence for r in brand)


def test_bad_news_reason_says_who_to_route_it_to() -> None:
    _decision, reasons = decide(signals(brand_story=story("bad", kind="outage")), DEFAULT)
    assert reasons[0].message.startswith("the brand itself is the story (outage): listen first")
    assert "customer care or communications" in reasons[0].message
    assert reasons[0].evidence.endswith("P(bad news) 0.90")


# --- prepared plays (issue 12) -------------------------------------------------------------


def match(play_id: str = "blackout", unusable: str = "") -> Any:
    from rtm_score.profile import Play
    from rtm_score.signals.plays import PlayMatch

    play = Play(
        play_id,
        ("blackout",),
        "Crunch in the dark.",
        ("Super Bowl",),
        (),
        "",
        "",
        "Maya",
        "2026-02-15",
    )
    return PlayMatch(play, "blackout", "Super Bowl", unusable)


@pytest.mark.parametrize(
    ("overrides", "decision", "codes"),
    [
        # The words of the moment do not match the brand: the prepared play lifts the skip.
        (
            {"plays": (match(),), "relevance": 0.0, "relevance_reasons": (), "date_notes": (NOTE,)},
            "engage",
            ["play.blackout", NOTE.code],
        ),
        ({"plays": (match(),), "has_context": False}, "engage", ["play.blackout", REL.code]),
        # Already an opportunity: the play leads the reasons.
        ({"plays": (match(),)}, "engage", ["play.blackout", "policy.engage", REL.code]),
        # A tragedy: the play is blocked, with why.
        (
            {"plays": (match(),), "findings": (FLOOR,)},
            "never",
            ["policy.floor", "play.blocked.blackout", "sens.violence", REL.code],
        ),
        (
            {"plays": (match(),), "findings": (MEDIUM,)},
            "skip",
            ["policy.caution", "play.blocked.blackout", "sens.gossip", REL.code],
        ),
        # Skips that are the brand's own rule are not lifted either.
        (
            {"plays": (match(),), "avoided_territories": ("politics",)},
            "skip",
            ["voice.avoid", "play.blocked.blackout", REL.code],
        ),
        # No valid approval: never engages, and says why.
        (
            {"plays": (match(unusable="not approved"),), "relevance": 0.0},
            "skip",
            ["policy.low-relevance", REL.code, "play.unusable.blackout"],
        ),
        (
            {"plays": (match("a", "past its approval"), match("b")), "relevance": 0.0},
            "engage",
            ["play.b", REL.code, "play.unusable.a"],
        ),
    ],
)
def test_prepared_plays(overrides: dict[str, Any], decision: str, codes: list[str]) -> None:
    got, reasons = decide(signals(**overrides), DEFAULT)
    assert got.value == decision
    assert [r.code for r in reasons if r.code != "policy.what-if"] == codes


def test_a_play_shows_its_angle_and_who_approved_it() -> None:
    _decision, reasons = decide(signals(plays=(match(),)), DEFAULT)
    assert reasons[0].message == "a prepared play fits the moment: Crunch in the dark."
    assert reasons[0].evidence == (
        "moment 'blackout' at 'Super Bowl'; approved by Maya until 2026-02-15"
    )
    _decision, reasons = decide(signals(plays=(match(),), findings=(FLOOR,)), DEFAULT)
    assert reasons[1].message.startswith(
        "prepared play 'blackout' is blocked: sensitive (violence)"
    )


# --- what would change it (issue 12) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"relevance": 0.12, "relevance_reasons": ()}, "engage at relevance 0.30 (now 0.12)"),
        ({"has_context": False}, "engage once the feed says why it trends"),
        ({"findings": (POLITICS,)}, "engage if the brand's voice.topics played in politics"),
        (
            {"findings": (POLITICS,), "relevance": 0.1},
            "played in politics (and then relevance 0.10 would still be under 0.30)",
        ),
        ({"findings": (MEDIUM,)}, "engage only if it were not about gossip"),
        ({"findings": (FLOOR,)}, "nothing the brand can do: about violence, it is never"),
        ({"off_limits": ("fur",)}, "never while the profile keeps fur off limits"),
        (
            {"avoided_territories": ("politics",)},
            "engage if the brand did not stay out of politics",
        ),
        ({"competitors": ("Rival",)}, "nothing: it is about Rival"),
        ({"observance_reasons": (OBS,)}, "after the day (and its window)"),
    ],
)
def test_a_skip_or_never_says_what_would_change_it(overrides: dict[str, Any], says: str) -> None:
    decision, reasons = decide(signals(**overrides), DEFAULT)
    assert decision is not Decision.ENGAGE
    last = reasons[-1]
    assert last.code == "policy.what-if" and last.origin == "policy"
    assert says in last.message, last.message
    assert [r.code for r in reasons].count("policy.what-if") == 1


def test_an_engage_has_nothing_to_change() -> None:
    _decision, reasons = decide(signals(), DEFAULT)
    assert "policy.what-if" not in [r.code for r in reasons]
