"""Tests for rtm_score.api.score_topics: the whole pipeline on small hand-written feeds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import rtm_score
from rtm_score.api import ScoreOptions, score_topics
from rtm_score.models import Decision, Report, ScoredTopic, SourceRef, Topic
from rtm_score.profile import BrandProfile, load_profile, parse_profile

ASSETS = Path(__file__).parent / "assets" / "score"
DAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def snack() -> BrandProfile:
    return load_profile(ASSETS / "snack-brand.yaml")


@pytest.fixture(scope="module")
def fashion() -> BrandProfile:
    return load_profile(ASSETS / "fashion-brand.yaml")


def by_id(report: Report) -> dict[str, ScoredTopic]:
    return {s.topic.id: s for s in report.topics}


def codes(scored: ScoredTopic) -> list[str]:
    return [r.code for r in scored.reasons]


# --- the #Aurora case ---------------------------------------------------------------------------


def test_aurora_shooting_is_never_even_with_a_product_match(
    fashion: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    topics = [
        make_topic(
            "#Aurora",
            id="shooting",
            context="Gunman opens fire at a cinema in Aurora; 12 people killed, dozens injured",
        ),
        make_topic(
            "#Aurora",
            id="dress",
            context="The Aurora dress sells out after a red carpet appearance",
        ),
    ]
    report = score_topics(fashion, topics, today=DAY)
    shooting, dress = by_id(report)["shooting"], by_id(report)["dress"]
    assert shooting.decision is Decision.NEVER
    assert shooting.reasons[0].code == "policy.floor"
    assert shooting.sensitivity >= 0.7
    assert {"violence", "death-injury"} <= set(shooting.categories)
    # The link to the product is still shown: the brand sees what tempted the match.
    product = [r for r in shooting.reasons if r.code.startswith("relevance.")]
    assert product and any("Aurora dress" in f"{r.message} {r.evidence}" for r in product)
    # The same name on a harmless day is an opportunity. The brand's product is in the story,
    # and the brand-story model cannot tell from "sells out" whether it is good news, so the
    # reasons ask for a read first.
    assert dress.decision is Decision.ENGAGE
    assert codes(dress)[-1] == "brand.check-first"
    assert "relevance.match" in codes(dress)
    match = next(r for r in dress.reasons if r.code == "relevance.match")
    assert "product 'Aurora dress'" in match.evidence
    assert [s.topic.id for s in report.topics] == ["dress", "shooting"]


def test_ambiguous_name_without_context_is_never_engage(
    fashion: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    (only,) = score_topics(fashion, [make_topic("#Aurora", context="")], today=DAY).topics
    assert only.decision is Decision.SKIP
    assert only.reasons[0].code in {"policy.needs-context", "policy.low-relevance"}


def test_exact_match_without_context_needs_context(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    # A keyword match on the name alone is not enough: check why it trends first (#WhyIStayed).
    (only,) = score_topics(snack, [make_topic("#GameNight", context="")], today=DAY).topics
    assert only.relevance >= 0.6
    assert only.decision is Decision.SKIP
    assert only.reasons[0].code == "policy.needs-context"
    assert only.reasons[0].evidence == f"relevance {only.relevance:.2f}, no context in the feed"


# --- voice, holidays, calendar ------------------------------------------------------------------


def test_tv_finale_engages_a_brand_that_plays_in_television(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    topic = make_topic(
        "Breaking Bad finale", context="The series finale of Breaking Bad drew record viewers"
    )
    (scored,) = score_topics(snack, [topic], today=DAY).topics
    assert scored.decision is Decision.ENGAGE
    assert scored.territories == ("television",)
    fit = next(r for r in scored.reasons if r.code == "voice.fit")
    assert fit.evidence == "television"
    assert fit.origin == "profile"


def test_tv_finale_is_not_relevant_without_the_voice_topic(
    make_topic: Callable[..., Topic],
) -> None:
    plain = parse_profile({"name": "Crunchwell Snacks", "keywords": ["chips", "popcorn"]})
    topic = make_topic(
        "Breaking Bad finale", context="The series finale of Breaking Bad drew record viewers"
    )
    (scored,) = score_topics(plain, [topic], today=DAY).topics
    assert scored.decision is Decision.SKIP
    assert scored.reasons[0].code == "policy.low-relevance"


@pytest.mark.parametrize("context", ["", "Arr! Fans and brands share pirate jokes today"])
def test_talk_like_a_pirate_day_is_not_never(
    snack: BrandProfile, context: str, make_topic: Callable[..., Topic]
) -> None:
    (scored,) = score_topics(
        snack, [make_topic("Talk Like a Pirate Day", context=context)], today=dt.date(2026, 9, 19)
    ).topics
    assert scored.decision is not Decision.NEVER
    assert scored.sensitivity < 0.35


@pytest.mark.parametrize("dated", [True, False], ids=["topic-date", "today"])
def test_remembrance_day_topic_on_11_november_for_a_canadian_brand(
    snack: BrandProfile, dated: bool, make_topic: Callable[..., Topic]
) -> None:
    day = dt.date(2026, 11, 11)
    topic = make_topic(
        "#LestWeForget",
        context="Canadians pause at 11am to honour the fallen",
        date=day if dated else None,
    )
    (scored,) = score_topics(snack, [topic], today=day if not dated else DAY).topics
    assert scored.decision is Decision.NEVER
    cal = [r for r in scored.reasons if r.code.startswith("calendar.")]
    assert cal, codes(scored)
    head = next(r for r in cal if r.code == "calendar.remembrance-day")
    assert (
        head.message == "about Remembrance Day, observed on 2026-11-11 in CA: never for promotion"
    )
    assert head.origin == "calendar"
    assert "remembrance" in scored.categories


def test_solemn_day_note_on_an_unrelated_topic(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    topic = make_topic(
        "#GameNight",
        context="Fans share their game night popcorn spreads",
        date=dt.date(2026, 11, 11),
    )
    (scored,) = score_topics(snack, [topic], today=DAY).topics
    assert scored.decision is Decision.ENGAGE
    note = next(r for r in scored.reasons if r.code == "calendar.remembrance-day")
    assert note.message == (
        "Remembrance Day is observed on 2026-11-11 in CA; keep any post respectful"
    )


def test_a_day_note_only_where_the_topic_trends(make_topic: Callable[..., Topic]) -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    airline = load_profile(root / "brands" / "skyward-air.yaml")  # regions US, GB, AU
    day = dt.date(2026, 11, 11)
    context = "Travellers share their favourite window-seat views"
    topics = [
        make_topic("#TravelTuesday", id=r or "any", context=context, date=day, region=r)
        for r in ("US", "GB", None, "Worldwide")
    ]
    got = {
        t.topic.id: {c for c in codes(t) if c.startswith("calendar.")}
        for t in score_topics(airline, topics, today=DAY).topics
    }
    assert got["US"] == {"calendar.veterans-day"}  # a US trend: not the Commonwealth's day
    assert got["GB"] == {"calendar.remembrance-day"}
    assert got["any"] == {"calendar.remembrance-day", "calendar.veterans-day"}
    assert got["Worldwide"] == got["any"]  # not a country: the brand's regions


def test_off_limits_and_competitors(snack: BrandProfile, make_topic: Callable[..., Topic]) -> None:
    topics = [
        make_topic("Weight loss snacks", id="off", context="New popcorn for weight loss"),
        make_topic("Munchmore chips", id="rival", context="Munchmore launches new chips"),
    ]
    scored = by_id(score_topics(snack, topics, today=DAY))
    assert scored["off"].decision is Decision.NEVER
    assert scored["off"].reasons[0].code == "profile.off-limits"
    assert scored["off"].reasons[0].evidence == "weight loss"
    assert scored["off"].categories[0] == "off-limits"
    assert scored["rival"].decision is Decision.SKIP
    assert scored["rival"].reasons[0].code == "profile.competitor"


def test_every_topic_has_reasons_and_bounded_scores(snack: BrandProfile) -> None:
    from rtm_score.feeds import read_feed

    feed = read_feed(ASSETS / "day.csv")
    report = score_topics(snack, feed.topics, today=DAY)
    assert len(report.topics) == 5
    for s in report.topics:
        assert s.reasons
        assert 0.0 <= s.relevance <= 1.0
        assert 0.0 <= s.sensitivity <= 1.0
        assert round(s.relevance, 3) == s.relevance
        assert round(s.sensitivity, 3) == s.sensitivity


# --- ranking and the report ---------------------------------------------------------------------


def test_ranking_engage_then_skip_then_never(snack: BrandProfile) -> None:
    from rtm_score.feeds import read_feed

    feed = read_feed(ASSETS / "day.csv")
    report = score_topics(snack, feed.topics, today=DAY)
    decisions = [s.decision for s in report.topics]
    assert decisions == sorted(decisions, key=lambda d: d.order)
    assert [s.rank for s in report.topics] == [1, 2, 3, 4, 5]
    assert [(s.topic.id, s.decision.value) for s in report.topics] == [
        ("t4", "engage"),  # game night: keyword match (0.9)
        ("t1", "engage"),  # TV finale: voice fit (0.35)
        ("t3", "skip"),  # pirate day: not relevant
        ("t5", "skip"),  # senate vote: politics
        ("t2", "never"),  # #Aurora shooting
    ]
    assert report.counts == {"engage": 2, "skip": 2, "never": 1}


def test_ties_are_broken_deterministically(snack: BrandProfile) -> None:
    def topic(id: str, name: str, line: int) -> Topic:
        return Topic(id, name, "", source=SourceRef("feed.csv", line))

    topics = [
        topic("a", "mango orchard", 2),
        topic("b", "Apple orchard", 3),
        topic("c", "apple orchard", 4),
        topic("d", "Mango orchard", 5),
    ]
    first = score_topics(snack, topics, today=DAY)
    again = score_topics(snack, list(reversed(topics)), today=DAY)
    order = [s.topic.id for s in first.topics]
    assert [s.topic.id for s in again.topics] == order
    assert first.topics == again.topics
    # Same text in another case scores the same and is ordered by source line.
    assert order.index("b") + 1 == order.index("c")
    assert order.index("a") + 1 == order.index("d")


def test_never_topics_rank_most_sensitive_first(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    topics = [
        make_topic(
            "Murder case", id="weaker", context="Police investigate a murder; one man killed"
        ),
        make_topic(
            "Mass shooting",
            id="worse",
            context="Gunman opens fire at a school; 12 people killed, dozens injured",
        ),
    ]
    report = score_topics(snack, topics, today=DAY)
    nevers = [s for s in report.topics if s.decision is Decision.NEVER]
    assert nevers[0].topic.id == "worse"
    assert nevers[0].sensitivity >= nevers[-1].sensitivity


def test_report_fields_today_and_now_are_injected(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    now = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    errors = (rtm_score.RowError(3, "empty topic", "feed.csv:4"),)
    report = score_topics(
        snack, [make_topic("#GameNight")], today=DAY, now=now, errors=errors, feed="feed.csv"
    )
    assert report.brand == "Crunchwell Snacks"
    assert report.generated_at == now
    assert report.version == rtm_score.__version__
    assert report.as_of == DAY
    assert report.feed == "feed.csv"
    assert report.errors == errors
    # Without ``now``: midnight UTC of ``today`` (the library never reads the clock).
    default = score_topics(snack, [make_topic("#GameNight")], today=DAY)
    assert default.generated_at == dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def test_as_of_option_dates_undated_topics(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    topic = make_topic("Poppy appeal", context="Wear a poppy this week")
    options = ScoreOptions(as_of=dt.date(2026, 11, 11))
    report = score_topics(snack, [topic], today=DAY, options=options)
    assert report.as_of == dt.date(2026, 11, 11)
    assert "calendar.remembrance-day" in codes(report.topics[0])
    plain = score_topics(snack, [topic], today=DAY)
    assert "calendar.remembrance-day" not in codes(plain.topics[0])


def test_counts_always_hold_every_decision(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    report = score_topics(snack, [make_topic("#GameNight", context="popcorn and chips")], today=DAY)
    assert report.counts == {"engage": 1, "skip": 0, "never": 0}


def test_progress_is_reported(snack: BrandProfile, make_topic: Callable[..., Topic]) -> None:
    calls: list[tuple[int, int]] = []
    topics = [make_topic(f"Topic {i}", id=str(i)) for i in range(3)]
    score_topics(
        snack, topics, today=DAY, progress=lambda phase, done, total: calls.append((done, total))
    )
    assert calls[-1] == (3, 3)


def test_no_topics_gives_an_empty_report(snack: BrandProfile) -> None:
    errors = (rtm_score.RowError(1, "empty topic"),)
    report = score_topics(snack, [], today=DAY, errors=errors)
    assert report.topics == ()
    assert report.errors == errors
    assert report.counts == {"engage": 0, "skip": 0, "never": 0}


def test_brand_playing_in_crime_may_engage_crime_news(make_topic: Callable[..., Topic]) -> None:
    podcast = parse_profile(
        {
            "name": "Case Files Podcast",
            "keywords": ["investigation"],
            "voice": {"topics": ["crime"]},
        }
    )
    topic = make_topic(
        "Bank robbery arrest", context="Police arrest a suspect in the bank robbery investigation"
    )
    (scored,) = score_topics(podcast, [topic], today=DAY).topics
    assert scored.categories == ("crime",)
    assert scored.decision is Decision.ENGAGE


def test_brand_playing_in_politics_may_engage_political_news(
    make_topic: Callable[..., Topic],
) -> None:
    def civic(**voice: Any) -> BrandProfile:
        return parse_profile(
            {"name": "Civic Daily", "keywords": ["senate", "budget"], "voice": voice}
        )

    topic = make_topic("Senate budget vote", context="The Senate votes on the budget bill tonight")
    (plays,) = score_topics(civic(topics=["politics"]), [topic], today=DAY).topics
    (stays_out,) = score_topics(civic(), [topic], today=DAY).topics
    assert plays.categories == stays_out.categories == ("politics-social",)
    assert plays.decision is Decision.ENGAGE
    assert stays_out.decision is Decision.SKIP
    assert stays_out.reasons[0].code == "policy.caution"


def test_brand_named_with_stop_words_does_not_crash(make_topic: Callable[..., Topic]) -> None:
    band = parse_profile({"name": "The Who", "keywords": ["The Who"]})
    (scored,) = score_topics(band, [make_topic("The Who")], today=DAY).topics
    assert scored.reasons


def test_public_api_is_exported_lazily() -> None:
    for name in rtm_score.__all__:
        assert getattr(rtm_score, name) is not None, name
    assert rtm_score.score_topics is score_topics
    with pytest.raises(AttributeError, match="module 'rtm_score' has no attribute 'nope'"):
        _ = rtm_score.nope


def test_the_brands_own_dates_reach_score(make_topic: Callable[..., Topic]) -> None:
    from rtm_score.profile import parse_profile

    brand = parse_profile(
        {
            "name": "Pinecrest Coffee",
            "description": "Small-batch coffee roaster",
            "keywords": ["coffee"],
            "regions": ["US"],
            "dates": [
                {
                    "name": "Anniversary of the Pinecrest roastery fire",
                    "date": "03-14",
                    "regions": ["US"],
                    "keywords": ["roastery fire"],
                }
            ],
        },
        source="<test>",
    )
    topic = make_topic("#RoasteryFire", context="Locals remember the roastery fire, ten years on")
    on_the_day = score_topics(brand, [topic], today=dt.date(2026, 3, 14)).topics[0]
    assert on_the_day.decision is Decision.NEVER
    assert any(r.code.startswith("calendar.brand-") for r in on_the_day.reasons)
    other_day = score_topics(brand, [topic], today=dt.date(2026, 6, 1)).topics[0]
    assert not any(r.code.startswith("calendar.brand-") for r in other_day.reasons)


def test_many_brands_equal_one_run_per_brand(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    from rtm_score.api import iter_brands

    other = dataclasses.replace(snack, name="Other Brand", keywords=())
    topics = [
        make_topic("#GameNight", context="popcorn and chips", id="1"),
        make_topic("#Aurora", context="Gunman opens fire at a cinema; 12 killed", id="2"),
        make_topic("Breaking Bad finale", context="record viewers", id="3"),
    ]
    both = list(iter_brands([snack, other], topics, today=DAY))
    assert [r.brand for r in both] == [snack.name, "Other Brand"]
    for report, profile in zip(both, [snack, other], strict=True):
        assert report == score_topics(profile, topics, today=DAY)


def test_progress_names_its_phases(snack: BrandProfile, make_topic: Callable[..., Topic]) -> None:
    phases: list[str] = []
    topics = [make_topic(f"Topic {i}", id=str(i)) for i in range(3)]
    score_topics(snack, topics, today=DAY, progress=lambda phase, d, t: phases.append(phase))
    assert list(dict.fromkeys(phases)) == ["analysing", "sensitivity", "scoring"]


def test_similarity_reasons_name_the_document_and_quote_words_as_written() -> None:
    profile = parse_profile(
        {
            "name": "Harbor Coffee",
            "keywords": ["espresso"],
            "description": "Roasters of small-batch coffee for slow mornings and weekend brunches",
        }
    )
    topic = Topic("1", "Weekend brunches", "Brunches are back this weekend across town")
    (scored,) = score_topics(profile, [topic], today=DAY).topics
    similar = [r for r in scored.reasons if r.code == "relevance.similarity"]
    assert similar, [r.code for r in scored.reasons]
    assert similar[0].message == "close to the brand's description"
    assert "brunches" in similar[0].evidence or "Brunches" in similar[0].evidence
    assert "brunch," not in similar[0].evidence and not similar[0].evidence.endswith("brunch")


# --- the brand in the news (issue 14) -----------------------------------------------------------


def test_when_the_brand_is_the_story_it_listens_first() -> None:
    from rtm_score.feeds import read_feed

    root = Path(__file__).resolve().parents[1] / "examples"
    profile = load_profile(root / "brands" / "crunchwell-snacks.yaml")
    feed = read_feed(root / "feeds" / "brand-day.csv")
    report = score_topics(profile, feed.topics, today=dt.date(2026, 3, 14))
    got = by_id(report)
    # A recall and a lawsuit of the brand's own: never for marketing, listen first.
    for tid in ("b2", "b4"):
        assert got[tid].decision is Decision.NEVER, tid
        assert codes(got[tid])[0] == "brand.in-the-news", tid
        assert "brand-in-the-news" in got[tid].categories
    # The complaint storm and the app outage are never an opportunity: at least "read it
    # before posting" (the outage sits at P(bad news) 0.66, under the never cut 0.68, since
    # round 5 taught the model that a product's users and a game are often good news).
    for tid in ("b1", "b3"):
        assert got[tid].decision is not Decision.ENGAGE, tid
        assert codes(got[tid])[0] in {"brand.in-the-news", "brand.check-first"}, tid
    assert "(outage)" in got["b3"].reasons[0].message
    # A milestone may engage, flagged so the team answers in its own voice; praise is not never.
    assert got["b5"].decision is Decision.ENGAGE
    assert "brand.own-story" in codes(got["b5"])
    assert got["b9"].decision is not Decision.NEVER
    assert any(c.startswith("brand.") for c in codes(got["b9"]))
    # A competitor's recall: no piling on (here a food-safety crisis, so never anyway).
    assert got["b6"].decision is not Decision.ENGAGE
    assert "brand.competitor-trouble" in codes(got["b6"])
    # Topics that are not about a company are untouched.
    assert got["b8"].decision is Decision.ENGAGE
    assert not [c for c in codes(got["b8"]) if c.startswith("brand.")]


# --- prepared plays (issue 12) -------------------------------------------------------------


def test_a_prepared_play_meets_the_feed_and_is_blocked_when_it_turns_tragic() -> None:
    from rtm_score.feeds import read_feed

    root = Path(__file__).resolve().parents[1] / "examples"
    profile = load_profile(root / "brands" / "crunchwell-snacks.yaml")
    feed = read_feed(root / "feeds" / "blackout.csv")
    report = score_topics(profile, feed.topics, today=dt.date(2026, 2, 8))
    got = by_id(report)
    # The lights go out: the prepared angle engages, first in the ranking.
    assert got["bo-1"].decision is Decision.ENGAGE and got["bo-1"].rank == 1
    assert codes(got["bo-1"])[0] == "play.big-game-blackout"
    assert "crunch in the dark" in got["bo-1"].reasons[0].message
    # The same moment with people hurt: never, and the play is shown blocked.
    assert got["bo-2"].decision is Decision.NEVER
    assert "play.blocked.big-game-blackout" in codes(got["bo-2"])
    # A drafted play nobody approved never engages.
    assert got["bo-3"].decision is not Decision.ENGAGE
    assert "play.unusable.pi-day" in codes(got["bo-3"])
    # The same play past its approval engages nothing: the topic stands on its own relevance
    # (0.35, over the engage cut), the angle is not offered, and the reason says why.
    lapsed = dataclasses.replace(
        profile,
        plays=tuple(
            dataclasses.replace(p, approved_until="2026-02-01")
            if p.id == "big-game-blackout"
            else p
            for p in profile.plays
        ),
    )
    expired = by_id(score_topics(lapsed, feed.topics, today=dt.date(2026, 2, 8)))["bo-1"]
    assert "play.big-game-blackout" not in codes(expired)
    assert "play.unusable.big-game-blackout" in codes(expired)
    assert "crunch in the dark" not in " ".join(r.message for r in expired.reasons)
    # Out of its window the play says nothing.
    late = score_topics(
        profile, [dataclasses.replace(feed.topics[0], date=dt.date(2026, 3, 1))], today=DAY
    )
    assert not [c for c in codes(late.topics[0]) if c.startswith("play.")]


def test_a_platform_hook_has_its_own_reason(make_topic: Callable[..., Topic]) -> None:
    from rtm_score.profile import parse_profile

    profile = parse_profile(
        {"name": "Crunchwell Snacks", "keywords": ["chips"], "platform": {"sponsorships": ["NFL"]}}
    )
    topic = make_topic("#NFLDraft", context="The NFL draft starts tonight in Detroit.")
    (scored,) = score_topics(profile, [topic], today=DAY).topics
    assert scored.decision is Decision.ENGAGE
    hook = next(r for r in scored.reasons if r.code == "relevance.platform")
    assert hook.evidence == "sponsorship 'NFL'" and hook.origin == "profile"
    assert "relevance.match" not in codes(scored)  # the platform, not a keyword, made it


def test_a_brand_that_cautions_early_sees_the_evidence_of_low_findings(
    snack: BrandProfile, make_topic: Callable[..., Topic]
) -> None:
    # Findings under every brand's caution threshold are kept without their evidence (no
    # brand shows them); a brand with a lower threshold in the same run still gets it.
    topic = make_topic("New phone launch", context="The company unveils its new phone today")
    early = dataclasses.replace(
        snack, name="Early", thresholds=dataclasses.replace(snack.thresholds, skip=0.05)
    )
    reports = list(rtm_score.api.iter_brands([snack, early], [topic], today=DAY))
    late, soon = (r.topics[0] for r in reports)
    assert 0.05 <= late.sensitivity < snack.thresholds.skip
    assert not [r for r in late.reasons if r.code.startswith("sens.")]
    found = [r for r in soon.reasons if r.code.startswith("sens.")]
    assert found and all(r.evidence for r in found)
    assert soon.sensitivity == late.sensitivity
