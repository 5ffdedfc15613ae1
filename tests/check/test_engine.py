"""Every rule, hit and no-hit, on the real calendar, sensitivity engine and relevance model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rtm_score.check import Checker, Finding, Severity, check_calendar
from rtm_score.models import Decision, Reason
from rtm_score.profile import BrandProfile

from .conftest import codes, make_post

Check = Callable[..., list[Finding]]
SALE = "Flash sale: 20% off every can of Pinecrest Cold Brew"


# -- RTM101 / RTM102: promotion on a solemn or caution date -------------------------------------


def test_rtm101_sale_on_911(check: Check) -> None:
    (f,) = check(SALE, "2026-09-11", regions=("US",))
    assert f.code == "RTM101" and f.severity is Severity.ERROR
    assert "September 11" in f.message and "in US" in f.message
    assert "'Flash sale' in the copy; 2026-09-11 is September 11" in f.evidence
    assert f.hint == "move it to 12 September 2026 or drop the promotion"
    assert f.subject == "observance:september-11"


def test_rtm101_uses_brand_regions_when_the_row_has_none(check: Check) -> None:
    # The brand sells in US and CA: 11 November is Remembrance Day in Canada (solemn) and
    # Veterans Day in the US (caution).
    found = check("Stock up: 2 bags for $5 on Morning Roast. Shop now!", "2026-11-11")
    assert codes(found) == ["RTM101", "RTM102"]
    assert "Remembrance Day in CA" in found[0].message
    assert found[0].hint == "move it to 12 November 2026 or drop the promotion"
    assert found[1].severity is Severity.WARNING and "Veterans Day in US" in found[1].message


def test_rtm101_no_hit_without_promotion_or_off_the_date(check: Check) -> None:
    assert (
        codes(
            check(
                "Cold brew weather is here. Pinecrest Cold Brew, slow and smooth.",
                "2026-09-11",
                regions=("US",),
            )
        )
        == []
    )
    assert codes(check(SALE, "2026-09-12", regions=("US",))) == []
    assert codes(check(SALE, "2026-09-11", regions=("GB",))) == []  # not a GB observance


def test_respectful_remembrance_is_not_an_error(check: Check) -> None:
    for copy, when, region in [
        (
            "Today we remember the lives lost on September 11, 2001. #NeverForget",
            "2026-09-11",
            "US",
        ),
        (
            "Lest we forget. Today we pause to honour those who served. #RemembranceDay",
            "2026-11-11 10:55",
            "CA",
        ),
        ("We remember the victims of 9/11.", "2026-09-10", "US"),  # the day before
    ]:
        assert codes(check(copy, when, regions=(region,))) == [], copy


def test_rtm102_caution_date(check: Check) -> None:
    (f,) = check(
        "Weekend sale: buy one, get one free on Morning Roast", "2026-11-11", regions=("US",)
    )
    assert f.code == "RTM102" and f.severity is Severity.WARNING
    assert f.hint == "keep the copy about the offer, not the day, or move it to 12 November 2026"


def test_brand_date_from_profile(check: Check) -> None:
    (f,) = check(SALE, "2027-03-15", regions=("US",))  # window_days: 1 around 14 March
    assert f.code == "RTM101" and "roastery fire" in f.message


# -- time zones ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "region", "hit"),
    [
        ("2026-09-10 23:30 America/Los_Angeles", "US", False),  # still the 10th in LA
        ("2026-09-11 00:30 America/Los_Angeles", "US", True),
        ("2026-09-10T23:30-07:00[America/Los_Angeles]", "US", False),
        ("2026-09-11T03:30Z", "US", False),  # 23:30 on the 10th in New York
        ("2026-09-11T03:30Z", "US-CA", False),  # 20:30 on the 10th in Los Angeles
        ("2026-09-11T04:30Z", "US", True),  # 00:30 on the 11th in New York
        ("2026-09-11T06:30Z", "US-CA", False),  # 23:30 on the 10th in Los Angeles
        ("2026-09-12T03:30Z", "US", True),  # 23:30 on the 11th in New York
        ("2026-09-10 23:59", "US", False),  # local wall-clock time
        ("2026-09-11 00:00", "US", True),
    ],
)
def test_solemn_date_judged_in_local_time(check: Check, when: str, region: str, hit: bool) -> None:
    assert ("RTM101" in codes(check(SALE, when, regions=(region,)))) is hit


def test_timezone_column_wins_over_region_default(check: Check) -> None:
    # 22:00 UTC on 10 November is already Remembrance Day in Auckland.
    assert codes(check(SALE, "2026-11-10T22:00Z", regions=("NZ",))) == ["RTM101"]
    assert codes(check(SALE, "2026-11-10T22:00Z", regions=("NZ",), timezone="Europe/London")) == []


# -- movable dates in several years (computed by the observance calendar) ----------------------


@pytest.mark.parametrize(
    ("when", "region", "observance"),
    [
        ("2026-05-25", "US", "Memorial Day"),
        ("2027-05-31", "US", "Memorial Day"),
        ("2028-05-29", "US", "Memorial Day"),
        ("2026-11-08", "GB", "Remembrance Sunday"),
        ("2027-11-14", "GB", "Remembrance Sunday"),
        ("2028-11-12", "GB", "Remembrance Sunday"),
    ],
)
def test_movable_solemn_dates(check: Check, when: str, region: str, observance: str) -> None:
    found = check(SALE, when, regions=(region,))
    assert codes(found) == ["RTM101"]
    assert observance in found[0].message


@pytest.mark.parametrize("when", ["2026-05-26", "2027-05-24", "2028-05-30"])
def test_movable_date_no_hit_on_other_days(check: Check, when: str) -> None:
    assert codes(check(SALE, when, regions=("US",))) == []


@pytest.mark.parametrize("when", ["2026-04-03", "2027-03-26", "2028-04-14"])
def test_good_friday_is_a_caution_date(check: Check, when: str) -> None:
    assert codes(check(SALE, when, regions=("GB",))) == ["RTM102"]


# -- RTM103: a product in a remembrance message -----------------------------------------------


def test_rtm103_product_in_remembrance(check: Check) -> None:
    (f,) = check(
        "On Pearl Harbor Remembrance Day we honor those who served. "
        "Pinecrest Cold Brew stands with veterans.",
        "2026-12-07",
        regions=("US",),
    )
    assert f.code == "RTM103" and f.severity is Severity.WARNING
    assert "'Pinecrest Cold Brew'" in f.message and "Pearl Harbor" in f.message
    assert (
        codes(
            check(
                "On Pearl Harbor Remembrance Day we honor those who served.",
                "2026-12-07",
                regions=("US",),
            )
        )
        == []
    )


# -- RTM201: sensitive copy ---------------------------------------------------------------------


def test_rtm201_tragedy_pun(check: Check) -> None:
    # A pun on a disaster with no event named is caution (a warning), not a tragedy.
    (f,) = check("Our new dark roast hits harder than the earthquake.")
    assert f.code == "RTM201" and f.severity in (Severity.ERROR, Severity.WARNING)
    assert f.subject == "category:disaster"
    assert "earthquake" in f.evidence
    assert f.hint == "rewrite the copy so it is not about a disaster, or hold the post"


def test_rtm201_high_tier_is_a_warning(check: Check) -> None:
    found = check("Election day coffee: vote for your favourite Pinecrest roast")
    assert [(f.code, f.severity) for f in found] == [("RTM201", Severity.WARNING)]


def test_rtm201_no_hit_on_ordinary_copy(check: Check) -> None:
    assert codes(check("Fresh beans roasted this morning: our espresso team at work")) == []


def test_rtm201_no_hit_on_a_photo_shoot(check: Check) -> None:
    assert codes(check("Photo shoot day at the roastery: our espresso team in action")) == []


def test_rtm201_promotional_remembrance_is_not_excused(check: Check) -> None:
    found = check(
        "Remembrance Day deal: 25% off Morning Roast", "2026-11-11 08:00", regions=("CA",)
    )
    assert codes(found) == ["RTM101", "RTM201"]


# -- RTM301: trending for a sensitive reason (needs a feed) ------------------------------------


def trend(
    name: str, decision: Decision = Decision.NEVER, categories: tuple[str, ...] = ("violence",)
) -> object:
    from rtm_score.models import ScoredTopic, Topic

    return ScoredTopic(
        1,
        Topic("1", name),
        decision,
        0.1,
        0.95,
        categories,
        (Reason("sens.violence", "about violence against real people", "'mass shooting'", "rule"),),
    )


def test_rtm301_hashtag_and_name(check: Check) -> None:
    trending = [trend("#Aurora"), trend("Las Vegas"), trend("#CoffeeDay", Decision.ENGAGE, ())]
    (f,) = check("Meet our new roast", hashtags=("Aurora",), trending=trending)
    assert f.code == "RTM301" and f.severity is Severity.ERROR
    assert f.hint == "remove #Aurora: it trends for violence ('mass shooting')"
    (g,) = check("Cold brew tasting tonight in las   vegas", trending=trending)
    assert g.code == "RTM301" and g.message.startswith("las   vegas is trending")
    assert codes(check("Happy #CoffeeDay from Pinecrest", trending=trending)) == []
    assert codes(check("Aurora-borealis roast? #AuroraBorealis", trending=trending)) == [
        "RTM301"
    ]  # the word Aurora is in the copy
    assert codes(check("Meet our new roast", hashtags=("Aurora",))) == []  # no feed, no RTM301


def test_rtm301_from_a_real_feed(checker: Checker, profile: BrandProfile) -> None:
    import datetime as dt

    from rtm_score.api import score_topics
    from rtm_score.feeds import read_feed

    from .conftest import ASSETS

    feed = read_feed(ASSETS / "trends.csv")
    topics = score_topics(profile, feed.topics, today=dt.date(2026, 11, 23)).topics
    post = make_post(
        "Movie night? Pinecrest Cold Brew keeps you up for the late show #Aurora", "2026-11-24"
    )
    found = checker.check([post], topics, today=dt.date(2026, 11, 23))
    assert codes(found) == ["RTM301"]
    assert found[0].hint.startswith("remove #Aurora: it trends for ")


def test_rtm301_counts_only_near_the_trends_date(checker: Checker) -> None:
    import datetime as dt

    from rtm_score.models import ScoredTopic, Topic

    dated = trend("#Aurora")
    assert isinstance(dated, ScoredTopic)
    on_day = ScoredTopic(
        **{**_fields(dated), "topic": Topic("1", "#Aurora", date=dt.date(2026, 7, 20))}
    )
    undated = [trend("#Aurora")]

    def run(when: str, trending: list[object], window: int = 3) -> list[Finding]:
        post = make_post("Meet our new roast #Aurora", when)
        return checker.check([post], trending, today=dt.date(2026, 7, 20), trend_window=window)

    # Within the window either side: an error, as today.
    for when in ("2026-07-17", "2026-07-20", "2026-07-23"):
        (f,) = run(when, [on_day])
        assert f.severity is Severity.ERROR and "is trending now" in f.message
    # Later: a warning to re-check, saying when it trended.
    (late,) = run("2026-08-20", [on_day])
    assert late.severity is Severity.WARNING
    assert "trended on 2026-07-20" in late.message and "31 days before this post" in late.message
    assert late.hint.startswith("re-check #Aurora before publishing")
    # Weeks before the trend: the post went out before anything happened.
    assert run("2026-06-01", [on_day]) == []
    # A topic without a date of its own trends on the feed's day.
    assert run("2026-06-01", undated) == [] and run("2026-07-21", undated)[0].code == "RTM301"
    # The window is the caller's.
    assert run("2026-07-25", [on_day], window=7)[0].severity is Severity.ERROR
    assert run("2026-07-21", [on_day], window=0)[0].severity is Severity.WARNING


def _fields(t: object) -> dict[str, object]:
    import dataclasses

    assert dataclasses.is_dataclass(t) and not isinstance(t, type)
    return {f.name: getattr(t, f.name) for f in dataclasses.fields(t)}


# -- RTM401: cause hashtag on a promotion -------------------------------------------------------


def test_rtm401(check: Check) -> None:
    (f,) = check("Sea salt caramel latte, 15% off this week. #WhyIStayed")
    assert f.code == "RTM401" and f.subject == "cause:whyistayed"
    assert f.hint == "drop #WhyIStayed or drop the promotion"
    # A #PrayFor<place> tag also reads as tragedy to the sensitivity engine (RTM201).
    assert codes(check("15% off Morning Roast this week", hashtags=("PrayForParis",))) == [
        "RTM201",
        "RTM401",
    ]
    assert codes(check("Sea salt caramel latte is back. #WhyIStayed")) == []  # no promotion
    assert codes(check("15% off Morning Roast this week #CoffeeLovers")) == []


# -- RTM501 / RTM502 / RTM503: the brand's own rules ---------------------------------------------


def test_rtm501_off_limits(check: Check) -> None:
    (f,) = check("Espresso martinis: our cold brew meets alcohol")
    assert f.code == "RTM501" and f.severity is Severity.ERROR
    assert "'alcohol'" in f.message
    assert codes(check("Espresso, no gimmicks: just Morning Roast beans")) == []


def test_rtm502_competitor(check: Check) -> None:
    (f,) = check("Smoother than Beanline's cold brew: Pinecrest Cold Brew")
    assert f.code == "RTM502" and f.severity is Severity.WARNING
    assert codes(check("Brewster and Co fans, try our espresso")) == ["RTM502"]
    assert codes(check("Beans roasted this morning, espresso brewed at noon")) == []


def test_rtm503_off_brand(check: Check) -> None:
    (f,) = check("Happy Monday everyone, remember to stay hydrated and take breaks")
    assert f.code == "RTM503" and f.severity is Severity.WARNING
    assert codes(check("Happy Monday!")) == []  # too short to judge
    assert codes(check("Start your Monday with a Pinecrest espresso")) == []


# -- the report ---------------------------------------------------------------------------------


def test_check_calendar_report_and_gate(checker: Checker, profile: BrandProfile) -> None:
    posts = [
        make_post(SALE, "2026-09-11", regions=("US",), line=2),
        make_post("Smoother than Beanline: Pinecrest Cold Brew", line=3),
        make_post("Pinecrest espresso, pulled fresh", line=4),
    ]
    report = check_calendar(posts, profile, checker=checker, calendar="cal.csv")
    assert codes(report.findings) == ["RTM101", "RTM502"]
    assert report.failed and [f.code for f in report.failing] == ["RTM101"]
    assert report.counts == {"error": 1, "warning": 1, "suppressed": 0, "baselined": 0}
    assert report.summary() == "3 posts checked: 1 error, 1 warning"
    warn = check_calendar(posts[1:], profile, checker=checker, fail_on=Severity.WARNING)
    assert warn.failed
    ok = check_calendar(posts[1:], profile, checker=checker)
    assert not ok.failed


def test_rows_are_independent(checker: Checker) -> None:
    a = make_post(SALE, "2026-09-11", regions=("US",), line=2)
    b = make_post("Happy Monday everyone, remember to stay hydrated and take breaks", line=3)
    assert checker.check([a, b]) == checker.check([a]) + checker.check([b])


def test_rtm501_off_limits_by_category_needs_a_flagged_category() -> None:
    from rtm_score.profile import parse_profile

    brand = parse_profile(
        {
            "name": "Pinecrest Coffee",
            "description": "Small-batch coffee roaster",
            "keywords": ["coffee"],
            "regions": ["US"],
            "off_limits": ["politics"],
        },
        source="<test>",
    )
    checker = Checker(brand)
    ordinary = checker.check([make_post("Our new cold brew is here: smooth, bold, ready")])
    assert "RTM501" not in codes(ordinary)
    political = checker.check(
        [make_post("Vote for the Senate budget bill tonight and grab a Pinecrest cold brew")]
    )
    assert "RTM501" in codes(political)


def test_rtm301_quotes_the_rule_words_not_the_whole_evidence() -> None:
    from rtm_score.check.rules.trending import _quote

    evidence = "P(never) 0.99, P(not safe) 1.00; words: 'shooting'; rules: 'mass shooting'"
    assert _quote(evidence) == "'mass shooting'"
    assert _quote("P(never) 0.91, P(not safe) 0.95; words: 'dies'") == "'dies'"
    assert _quote("'opens fire'") == "'opens fire'"
