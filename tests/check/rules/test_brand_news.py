"""RTM302: a promotional post while the brand itself is in a bad-news story in the feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rtm_score.check import Checker, Finding, Severity
from rtm_score.check.rules.base import TrendWindow
from rtm_score.check.rules.brand_news import BrandNews
from rtm_score.models import Decision, Reason, ScoredTopic, Topic
from rtm_score.profile import load_profile

from ..conftest import EXAMPLES, codes, make_post

Check = Callable[..., list[Finding]]


def story(
    name: str,
    code: str = "brand.in-the-news",
    *,
    rank: int = 1,
    date: dt.date | None = None,
    decision: Decision = Decision.NEVER,
) -> ScoredTopic:
    reason = Reason(
        code, "the brand itself is the story (recall-safety): listen first", "", "model"
    )
    return ScoredTopic(rank, Topic(str(rank), name, date=date), decision, 1.0, 0.3, (), (reason,))


def test_a_promotion_during_the_brands_bad_news_is_an_error(check: Check) -> None:
    feed = [story("#PinecrestRecall"), story("#CoffeeDay", "relevance.match", rank=2)]
    (f,) = check("20% off Pinecrest Cold Brew this week!", trending=feed)
    assert f.code == "RTM302" and f.severity is Severity.ERROR
    assert "'#PinecrestRecall'" in f.message
    assert f.hint.startswith("hold the promotion")
    assert "20% off" in f.evidence or "off" in f.evidence
    # A post that promotes nothing (a statement, a thank-you) is not this rule's business.
    assert "RTM302" not in codes(check("We hear you. Here is what we are doing.", trending=feed))
    # No feed, no RTM302.
    assert "RTM302" not in codes(check("20% off Pinecrest Cold Brew this week!"))


def test_a_story_to_read_first_is_a_warning(check: Check) -> None:
    feed = [story("#Pinecrest", "brand.check-first", decision=Decision.SKIP)]
    (f,) = check("20% off Pinecrest Cold Brew this week!", trending=feed)
    assert f.code == "RTM302" and f.severity is Severity.WARNING
    assert f.hint.startswith("read the story")


def test_one_finding_per_post_naming_the_most_urgent_story() -> None:
    news = BrandNews(
        [
            story("#Pinecrest", "brand.check-first", rank=1),
            story("Pinecrest lawsuit", rank=3),
            story("Pinecrest app", rank=2),
        ]
    )
    (f,) = news.findings(make_post("BOGO cold brew"), "bogo")
    assert "'Pinecrest app'" in f.message and "(and 2 more stories)" in f.message
    assert f.severity is Severity.ERROR
    assert news.findings(make_post("BOGO cold brew"), "") == []


def test_the_window_around_the_story_day() -> None:
    news = BrandNews(
        [story("Pinecrest recall", date=dt.date(2026, 10, 6))], window=TrendWindow(days=3)
    )
    post = make_post("BOGO cold brew")

    def hit(day: dt.date) -> list[Finding]:
        return news.findings(post, "bogo", [day])

    assert hit(dt.date(2026, 10, 1)) == []  # planned well before the story: not hit
    assert hit(dt.date(2026, 10, 4))[0].severity is Severity.ERROR
    assert hit(dt.date(2026, 10, 9))[0].severity is Severity.ERROR
    late = hit(dt.date(2026, 10, 20))[0]
    assert late.severity is Severity.WARNING and "14 days after" in late.message


def test_from_the_bundled_brand_day_feed() -> None:
    from rtm_score.api import score_topics
    from rtm_score.feeds import read_feed

    profile = load_profile(EXAMPLES / "brands" / "crunchwell-snacks.yaml")
    day = dt.date(2026, 3, 14)
    topics = score_topics(
        profile, read_feed(EXAMPLES / "feeds" / "brand-day.csv").topics, today=day
    )
    posts = [
        make_post("Game day: 20% off every bag of Crunchwell Kettle Chips!", "2026-03-14"),
        make_post("Crunchwell turns 50: thank you to every fan.", "2026-03-14"),
    ]
    found = Checker(profile).check(posts, topics.topics, today=day)
    by_post = {f.post_id or f.line: f for f in found if f.code == "RTM302"}
    assert len(by_post) == 1
    (f,) = by_post.values()
    assert f.line == posts[0].line and f.severity is Severity.ERROR
    assert "brand.in-the-news" not in f.message  # the message speaks plainly; the code is RTM302
