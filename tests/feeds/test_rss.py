"""Tests for rtm_score.feeds.rss: the Google Trends "trending now" RSS feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from rtm_score.errors import FeedError
from rtm_score.feeds import ColumnMap, FeedFormat, read_feed
from rtm_score.feeds.rss import read_rss
from rtm_score.models import RowError

Asset = Callable[[str], Path]


def test_google_trends_rss(feed_asset: Asset) -> None:
    result = read_feed(feed_asset("google_trends.rss"))
    assert result.format is FeedFormat.GOOGLE_TRENDS
    assert result.errors == ()
    cup, tom, storm = result.topics
    assert (cup.id, cup.name, cup.volume, cup.date, cup.region) == (
        "1",
        "ryder cup",
        200_000.0,
        dt.date(2025, 9, 26),
        "US",
    )
    assert cup.context == "Team Europe leads after the first morning | Foursomes pairings announced"
    assert (tom.name, tom.volume, tom.context) == ("tom & jerry", 2000.0, "")
    assert (storm.volume, storm.context) == (1_000_000.0, "Evacuations ordered along the coast")
    assert [t.source.line for t in result.topics if t.source] == [7, 25, 30]


def test_xml_extension_and_sniffing(feed_asset: Asset) -> None:
    data = feed_asset("google_trends.rss").read_bytes()
    import io

    result = read_feed("-", stdin=io.BytesIO(data))
    assert (result.format, len(result.topics), result.source) == (FeedFormat.GOOGLE_TRENDS, 3, "-")


def _rss(items: str, link: str = "") -> str:
    return f"<rss><channel>{link}{items}</channel></rss>"


def test_undeclared_namespace_prefix_still_loads() -> None:
    text = _rss("<item><title>a</title><ht:approx_traffic>5K+</ht:approx_traffic></item>")
    (topic,), _ = read_rss(text, source="f.xml", columns=None)
    assert (topic.name, topic.volume) == ("a", 5000.0)


def test_plain_rss_description_is_context() -> None:
    text = _rss(
        "<item><title>a</title><description>why it trends</description>"
        "<pubDate>Mon, 02 Oct 2017 10:00:00 +0000</pubDate><guid>urn:x:1</guid></item>"
    )
    (topic,), _ = read_rss(text, source="f.xml", columns=None)
    assert (topic.id, topic.context, topic.date) == (
        "urn:x:1",
        "why it trends",
        dt.date(2017, 10, 2),
    )


def test_channel_geo_is_the_region() -> None:
    link = "<link>https://trends.google.com/trending/rss?geo=gb</link>"
    (topic,), _ = read_rss(_rss("<item><title>a</title></item>", link), source="f", columns=None)
    assert topic.region == "GB"


def test_bad_items_are_row_errors() -> None:
    text = _rss(
        "<item><title>ok</title></item>\n<item><title> </title></item>\n"
        "<item><title>x</title><ht:approx_traffic>lots</ht:approx_traffic></item>"
    )
    topics, errors = read_rss(text, source="f.xml", columns=None)
    assert [t.name for t in topics] == ["ok"]
    assert errors == [
        RowError(2, "empty topic", "f.xml:2"),
        RowError(3, "volume 'lots' is not a number", "f.xml:3"),
    ]


def test_markup_in_titles_stays_verbatim() -> None:
    text = _rss("<item><title>[bold]x[/] &lt;b&gt;</title></item>")
    (topic,), _ = read_rss(text, source="f", columns=None)
    assert topic.name == "[bold]x[/] <b>"


def test_explicit_columns_on_rss() -> None:
    text = _rss("<item><title>t</title><ht:picture_source>CNN</ht:picture_source></item>")
    (topic,), _ = read_rss(text, source="f", columns=ColumnMap(context="picture_source"))
    assert topic.context == "CNN"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<rss><channel><item><title>a</item></channel></rss>", "invalid XML: mismatched tag"),
        ("<rss><channel></channel></rss>", "no rows: the XML holds no <item> elements"),
        (
            "<!DOCTYPE html>\n<html><body>Trends</body></html>",
            "this is an HTML page, not an RSS feed",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><item><title>&a;</title>'
            "</item></rss>",
            "XML with a DOCTYPE is not accepted (entity expansion is unsafe)",
        ),
    ],
)
def test_rss_errors(text: str, message: str) -> None:
    with pytest.raises(FeedError) as info:
        read_rss(text, source="f.xml", columns=None)
    assert info.value.message == message
