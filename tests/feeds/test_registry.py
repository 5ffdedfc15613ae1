"""Tests for rtm_score.feeds._registry: every feed format has one reader and its suffixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtm_score.feeds import FeedFormat, read_feed
from rtm_score.feeds._registry import EXTENSIONS, READERS, detect_format

SAMPLES = {
    FeedFormat.CSV: "topic,context\n#SnackStadium,Game day snacks\n",
    FeedFormat.TSV: "topic\tcontext\n#SnackStadium\tGame day snacks\n",
    FeedFormat.JSON: '[{"topic": "#SnackStadium", "context": "Game day snacks"}]',
    FeedFormat.JSONL: '{"topic": "#SnackStadium", "context": "Game day snacks"}\n',
    FeedFormat.TWITTER: '[{"trends": [{"name": "#SnackStadium", "tweet_volume": 12000}]}]',
    FeedFormat.TEXT: "\n#SnackStadium\n\n",
    FeedFormat.GOOGLE_TRENDS: (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<item><title>#SnackStadium</title></item></channel></rss>"
    ),
}


def test_every_format_but_auto_has_a_reader() -> None:
    assert set(READERS) == set(FeedFormat) - {FeedFormat.AUTO}
    assert all(fmt is r.format for fmt, r in READERS.items())


def test_every_format_has_a_sample_here() -> None:
    assert set(SAMPLES) == set(READERS)


@pytest.mark.parametrize("fmt", sorted(READERS, key=lambda f: f.value))
def test_each_reader_reads_its_format(fmt: FeedFormat, tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(SAMPLES[fmt], encoding="utf-8")
    result = read_feed(path, fmt)
    assert [t.name for t in result.topics] == ["#SnackStadium"]
    assert result.errors == ()


@pytest.mark.parametrize("suffix", sorted(EXTENSIONS))
def test_each_suffix_names_its_reader(suffix: str) -> None:
    assert detect_format(f"today{suffix}", "") is EXTENSIONS[suffix]
    assert suffix in READERS[EXTENSIONS[suffix]].suffixes


def test_a_plain_list_is_one_topic_per_line(tmp_path: Path) -> None:
    path = tmp_path / "today.txt"
    path.write_text("#SnackStadium\n\n  Super Bowl  \r\nHalftime show\n", encoding="utf-8")
    result = read_feed(path, FeedFormat.TEXT)  # forced: a .txt file is as often a CSV
    assert [(t.id, t.name, t.context) for t in result.topics] == [
        ("1", "#SnackStadium", ""),
        ("3", "Super Bowl", ""),
        ("4", "Halftime show", ""),
    ]
    assert str(result.topics[1].source) == f"{path}:3"
