"""Tests for rtm_score.frame: pandas in, pandas out, partition by partition, equal to ``score``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from rtm_score.api import score_topics
from rtm_score.feeds import read_feed
from rtm_score.frame import COLUMNS, FeedStats, feed_stats, frame_meta, rank_frame, score_frame
from rtm_score.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
FEED = ROOT / "examples" / "feeds" / "big-game-day.csv"
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"
DAY = dt.date(2026, 2, 8)


def _frame() -> pd.DataFrame:
    return pd.read_csv(FEED, keep_default_na=False, dtype={"id": str})


def _by_id_from_score() -> dict[str, dict[str, object]]:
    result = read_feed(FEED)
    report = score_topics(load_profile(BRAND), result.topics, today=DAY)
    return {
        s.topic.id: {
            "decision": s.decision.value,
            "relevance": round(s.relevance, 3),
            "sensitivity": round(s.sensitivity, 3),
            "categories": ";".join(s.categories),
            "reasons": [r.code for r in s.reasons],
        }
        for s in report.topics
    }


def _by_id(out: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {
        row["id"]: {
            "decision": row["decision"],
            "relevance": row["relevance"],
            "sensitivity": row["sensitivity"],
            "categories": row["categories"],
            "reasons": [r["code"] for r in json.loads(row["reasons"])],
        }
        for row in out.to_dict(orient="records")
    }


def test_a_whole_feed_scores_as_the_score_command_does() -> None:
    out = score_frame(_frame(), load_profile(BRAND), today=DAY)
    assert list(out.columns) == list(COLUMNS)
    assert list(out["id"]) == list(_frame()["id"])  # input order
    assert _by_id(out) == _by_id_from_score()


def test_partitions_scored_with_the_merged_stats_equal_the_whole() -> None:
    df, profile = _frame(), load_profile(BRAND)
    parts = [df.iloc[:5], df.iloc[5:9], df.iloc[9:]]
    stats = sum((feed_stats(p) for p in parts), FeedStats())
    assert stats == feed_stats(df)
    out = pd.concat([score_frame(p, profile, today=DAY, stats=stats) for p in parts])
    assert _by_id(out) == _by_id_from_score()
    # Without the whole feed's stats a partition's relevance may differ; with them it cannot.
    ranked = rank_frame(out)
    assert list(ranked["rank"]) == list(range(1, len(df) + 1))
    assert ranked["decision"].iloc[0] == "engage" and ranked["decision"].iloc[-1] == "never"


def test_a_bad_row_is_reported_and_the_rest_scored() -> None:
    df = pd.DataFrame(
        {"topic": ["#GameNight", "", "#Aurora"], "context": ["chips", "x", "12 killed"]}
    )
    out = score_frame(df, load_profile(BRAND), today=DAY)
    assert list(out["error"] != "") == [False, False, True]
    assert "empty topic" in out["error"].iloc[2]
    assert list(out["topic"].iloc[:2]) == ["#GameNight", "#Aurora"]


def test_meta_matches_the_output_types() -> None:
    out = score_frame(_frame().iloc[:2], load_profile(BRAND), today=DAY)
    assert out.dtypes.to_dict() == frame_meta().dtypes.to_dict()


def test_the_dask_recipe_on_a_local_cluster_equals_score() -> None:
    # The recipe of docs/scale.md, as written there (dask is in the test extra: no skip).
    import dask
    import dask.dataframe as dd
    import distributed

    profile = load_profile(BRAND)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.read_csv(FEED, keep_default_na=False, dtype={"id": str}, blocksize=600)
        assert ddf.npartitions > 1
        parts = [dask.delayed(feed_stats)(p) for p in ddf.to_delayed()]
        stats = sum(dask.compute(*parts), FeedStats())
        out = ddf.map_partitions(
            score_frame, profile, today=DAY, stats=stats, meta=frame_meta()
        ).compute()
    assert _by_id(out) == _by_id_from_score()
