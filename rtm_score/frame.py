"""pandas in, pandas out: score a DataFrame of topics, one partition of a larger feed at a time.

A distributed engine calls :func:`score_frame` once per partition (Dask's ``map_partitions``,
Spark's ``mapInPandas``). Each topic's decision depends only on the topic and the brand, except
relevance's IDF weights, which ``score`` learns from the whole feed: :func:`feed_stats` counts
them per partition, the counts are summed (:meth:`FeedStats.merge`), and every partition is
scored with the sum. The rows then equal what ``rtm-score score`` gives on the same feed.

    stats = feed_stats(df)                     # or: merged over the partitions
    out = score_frame(df, profile, today=day, stats=stats)
    ranked = rank_frame(out)                   # after concatenating the partitions

The recipes (Dask on a local cluster, Spark) are in ``docs/scale.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .api import prepare_topics
from .feeds._rows import Record, topics_from_records
from .models import Decision, ScoredTopic
from .scorer import BrandScorer, chunks_of, document_frequencies
from .text import TextPipeline

if TYPE_CHECKING:
    import pandas as pd

    from .feeds import ColumnMap
    from .profile import BrandProfile
    from .sensitivity import SensitivityEngine

__all__ = ["COLUMNS", "FeedStats", "feed_stats", "frame_meta", "rank_frame", "score_frame"]

COLUMNS = (
    "id",
    "topic",
    "decision",
    "relevance",
    "sensitivity",
    "categories",
    "reasons",
    "territories",
    "error",
)
"""The output columns, in order. ``categories`` and ``territories`` are ``;``-joined;
``reasons`` is a JSON list of ``{code, message, evidence, origin}`` (as in the JSON report);
a row that could not be scored comes last, with only ``error`` (scores NaN)."""


@dataclass(frozen=True, slots=True)
class FeedStats:
    """Relevance's document frequencies over (part of) a feed; partitions' stats add up."""

    n_docs: int = 0
    doc_freq: Mapping[str, int] = field(default_factory=dict)

    def merge(self, other: FeedStats) -> FeedStats:
        """The stats of both parts together."""
        total = Counter(self.doc_freq)
        total.update(other.doc_freq)
        return FeedStats(self.n_docs + other.n_docs, dict(total))

    def __add__(self, other: FeedStats) -> FeedStats:
        return self.merge(other)


def _topics(
    df: pd.DataFrame, columns: ColumnMap | None, source: str
) -> tuple[list[Any], list[Any]]:
    records = [
        Record(line=None, data={str(k): v for k, v in row.items() if not _missing(v)})
        for row in df.to_dict(orient="records")
    ]
    return topics_from_records(records, columns, source=source)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def feed_stats(
    df: pd.DataFrame, *, columns: ColumnMap | None = None, source: str = "<frame>"
) -> FeedStats:
    """The document frequencies of relevance terms in ``df``'s topics (one partition, say)."""
    topics, _errors = _topics(df, columns, source)
    pipe = TextPipeline(drop_stopwords=False)
    counts = document_frequencies(pipe.analyse_topic(t.name, t.context) for t in topics)
    return FeedStats(len(topics), dict(counts))


def score_frame(
    df: pd.DataFrame,
    profile: BrandProfile,
    *,
    today: dt.date,
    stats: FeedStats | None = None,
    columns: ColumnMap | None = None,
    engine: SensitivityEngine | None = None,
    source: str = "<frame>",
) -> pd.DataFrame:
    """One output row per input row (see :data:`COLUMNS`): the scored rows in input order, then
    the rows that could not be scored, each with its ``error``.

    Args:
        df: topics, with the column names a CSV feed may use (``topic``, ``context``, ...).
        today: the date for topics without one.
        stats: the whole feed's :class:`FeedStats`; None uses ``df``'s own (the same as
            ``score`` when ``df`` is the whole feed).
    """
    import pandas as pd

    from .sensitivity import load_engine

    engine = engine or load_engine()
    topics, errors = _topics(df, columns, source)
    prepared = prepare_topics(topics, engine, evidence_from=profile.thresholds.skip)
    if stats is None:
        stats = FeedStats(len(topics), document_frequencies(prepared.analysed))
    scored = BrandScorer(profile, engine).score(
        chunks_of(prepared), today, None, doc_freq=stats.doc_freq, n_docs=stats.n_docs
    )
    out = [_row(s) for s in scored]
    nan = float("nan")
    out += [
        dict.fromkeys(COLUMNS, "")
        | {"relevance": nan, "sensitivity": nan, "error": f"row {e.row}: {e.message}"}
        for e in errors
    ]
    return pd.DataFrame(out, columns=list(COLUMNS)).astype(frame_meta().dtypes.to_dict())


def _row(s: ScoredTopic) -> dict[str, Any]:
    reasons = [
        {"code": r.code, "message": r.message, "evidence": r.evidence, "origin": r.origin}
        for r in s.reasons
    ]
    return {
        "id": s.topic.id,
        "topic": s.topic.name,
        "decision": s.decision.value,
        "relevance": round(float(s.relevance), 3),
        "sensitivity": round(float(s.sensitivity), 3),
        "categories": ";".join(s.categories),
        "reasons": json.dumps(reasons, ensure_ascii=False),
        "territories": ";".join(s.territories),
        "error": "",
    }


def frame_meta() -> pd.DataFrame:
    """An empty frame with :func:`score_frame`'s columns and types (Dask's ``meta``)."""
    import pandas as pd

    return pd.DataFrame(
        {
            "id": pd.Series(dtype=object),
            "topic": pd.Series(dtype=object),
            "decision": pd.Series(dtype=object),
            "relevance": pd.Series(dtype="float64"),
            "sensitivity": pd.Series(dtype="float64"),
            "categories": pd.Series(dtype=object),
            "reasons": pd.Series(dtype=object),
            "territories": pd.Series(dtype=object),
            "error": pd.Series(dtype=object),
        }
    )


_ORDER = {d.value: d.order for d in Decision}


def rank_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Scored rows in the report's order (engage, skip, never; the most relevant first, the
    most sensitive never first), with a 1-based ``rank``; unscored rows are left out."""
    ok = df[df["error"] == ""].copy()
    never = ok["decision"] == Decision.NEVER.value
    ok["_order"] = ok["decision"].map(_ORDER)
    ok["_primary"] = -ok["sensitivity"].where(never, ok["relevance"])
    ok["_name"] = ok["topic"].str.casefold()
    ok = ok.sort_values(["_order", "_primary", "sensitivity", "_name", "id"], kind="stable")
    ok.insert(0, "rank", range(1, len(ok) + 1))
    return ok.drop(columns=["_order", "_primary", "_name"]).reset_index(drop=True)
