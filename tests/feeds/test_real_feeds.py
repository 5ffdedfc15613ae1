"""The real public feeds in shared/data/external load (skipped where that folder is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rtm_score.feeds import FeedFormat, read_feed

EXTERNAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "external"


def _need(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")


TRENDS_CSV = EXTERNAL / "twitter-trends-place-csv-2020-2021"
TRENDS_JSON = EXTERNAL / "twitter-trends-place-json-2019"
HASHTAGS = EXTERNAL / "twitter-trending-hashtags-2020-2025" / "twitter-trending-hashtags.csv"
YOUTUBE = EXTERNAL / "youtube-trending-us-2017" / "USvideos.csv"
WIKIPEDIA = EXTERNAL / "wikipedia-top100-daily-excerpts" / "pageviews_excerpt.csv"
EXPLORE = EXTERNAL / "google-trends-rising-us-2010-2011"


@_need(TRENDS_CSV)
def test_twitter_trends_place_csv_daily() -> None:
    result = read_feed(TRENDS_CSV / "us_daily_1620utc.csv")
    assert (len(result.topics), result.errors) == (20816, ())
    first = result.topics[0]
    assert (first.name, first.volume, first.date, first.region) == (
        "Nick Cannon",
        547213.0,
        dt.date(2020, 7, 15),
        "US",
    )
    assert sum(t.volume is None for t in result.topics) > 5000  # empty tweet_volume stays None


@_need(TRENDS_CSV)
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (TRENDS_CSV / "testdays").glob("*.csv")) if TRENDS_CSV.exists() else [],
)
def test_twitter_trends_place_csv_testdays(name: str) -> None:
    result = read_feed(TRENDS_CSV / "testdays" / name)
    assert result.errors == ()
    assert len(result.topics) > 100
    assert "US" in {t.region for t in result.topics}


@_need(TRENDS_JSON)
@pytest.mark.parametrize(("name", "region"), [("USTrends.json", "US"), ("WWTrends.json", None)])
def test_twitter_trends_place_json(name: str, region: str | None) -> None:
    result = read_feed(TRENDS_JSON / name)
    assert (result.format, len(result.topics), result.errors) == (FeedFormat.TWITTER, 50, ())
    assert {(t.date, t.region) for t in result.topics} == {(dt.date(2019, 4, 19), region)}


@_need(HASHTAGS)
def test_twitter_trending_hashtags() -> None:
    result = read_feed(HASHTAGS)
    assert (len(result.topics), result.errors) == (12036, ())
    kanye = result.topics[0]
    assert (kanye.name, kanye.volume, kanye.date) == ("Kanye", 67_000_000.0, dt.date(2025, 2, 8))


@_need(YOUTUBE)
def test_youtube_trending_title_tags_and_channel() -> None:
    result = read_feed(YOUTUBE)
    assert len(result.topics) == 7992
    # Six malformed source rows: dates "100" and ids glued to the date ("24.09xcaeyJTx4Co").
    assert len(result.errors) == 6
    assert all(e.message.startswith("date '") for e in result.errors)
    first = result.topics[0]
    assert first.id == "XpVt6Z1Gjjo"
    assert first.name.startswith("1 YEAR OF VLOGGING")
    assert first.context.startswith("logan paul vlog|")
    assert first.context.endswith(" | Logan Paul Vlogs")
    assert first.date is None  # "13.09": day and month, no year


@_need(WIKIPEDIA)
def test_wikipedia_top_articles() -> None:
    result = read_feed(WIKIPEDIA)
    assert (len(result.topics), result.errors) == (400, ())
    petty = result.topics[0]
    assert (petty.name, petty.volume, petty.date) == ("Tom_Petty", 2133306.0, dt.date(2017, 10, 2))
    assert any("," in t.name for t in result.topics)  # quoted titles with commas stay whole


@_need(EXPLORE)
@pytest.mark.parametrize(
    "name", sorted(p.name for p in EXPLORE.glob("*.csv")) if EXPLORE.exists() else []
)
def test_google_trends_explore_rising(name: str) -> None:
    result = read_feed(EXPLORE / name)
    assert result.errors == ()
    assert 5 <= len(result.topics) <= 25
    assert not any(t.name.upper().lstrip("\\").startswith("RISING") for t in result.topics)
