"""The run history: every scored run kept in SQLite, and what changed since the previous run.

One history file may be shared by several brands and by runs that overlap in time (two cron
jobs, a manual run during the nightly one). SQLite in WAL mode with a busy timeout and
``BEGIN IMMEDIATE`` write transactions serialises the writers; each run is inserted and compared
with its predecessor inside one transaction, so a run never sees half of another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import RtmScoreError
from ..models import Decision, History, Report, TopicChange, TopicTrend
from ..ranking import by_momentum
from .store import (
    SCHEMA_VERSION,
    connection,
    ensure_schema,
    refuse_foreign,
    refuse_special,
    set_wal,
    tampered,
)

__all__ = ["SCHEMA_VERSION", "RunInfo", "check_history", "list_runs", "record_run", "topic_key"]

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One recorded run, as listed by ``rtm-score history``."""

    id: int
    run_at: dt.datetime
    brand: str
    feed: str
    version: str
    topics: int
    engage: int
    skip: int
    never: int
    errors: int
    as_of: dt.date | None = None


def topic_key(name: str) -> str:
    """The identity of a topic across runs: ``#Aurora``, ``aurora`` and ``AURORA `` are one."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("#", " ")
    return _SPACES.sub(" ", text).strip()


def record_run(
    path: os.PathLike[str] | str,
    report: Report,
    *,
    publish: Callable[[Report], None] | None = None,
) -> Report:
    """Store ``report`` as a run in the history file at ``path`` (created if missing).

    Returns the report with ``history`` set: the changes since the previous run of the same
    brand (new engage opportunities, topics that turned never, topics gone) and, for each topic,
    when it was first seen and in how many runs.

    Args:
        publish: called with that report before the run is committed (the CLI writes the
            report file here); when it raises, the run is not recorded, so a report that was
            never written does not count as a run the next one compares with.

    Raises:
        RtmScoreError: the file is not an rtm-score history, is newer than this version, or
            stays locked by another writer for longer than the busy timeout.
    """
    refuse_special(path)
    with connection(path, create=True) as conn, tampered(path):
        refuse_foreign(conn, path)  # before WAL: a file that is not ours is left as it was
        set_wal(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            ensure_schema(conn, path, create=True)
            run_id = _insert_run(conn, report)
            history = _compare(conn, run_id, report)
            # Equally relevant opportunities: the rising and the fresh first.
            report = by_momentum(report, {t.topic_id: t for t in history.trends})
            if publish is not None:
                publish(dataclasses.replace(report, history=history))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return dataclasses.replace(report, history=history)


def check_history(path: os.PathLike[str] | str) -> None:
    """Refuse, before a run's work, a history file that :func:`record_run` would refuse at the
    run's end: not a regular file, not SQLite, another program's database, or a newer schema.
    A missing file passes (the run creates it; the CLI refuses a folder it could not create it
    in, as for every output). Nothing is created or changed.

    Raises:
        RtmScoreError: as :func:`record_run` would.
    """
    if not Path(path).exists():
        return
    refuse_special(path)
    with connection(path, create=False) as conn, tampered(path):
        ensure_schema(conn, path, create=False)


def list_runs(
    path: os.PathLike[str] | str, *, brand: str | None = None, limit: int = 20
) -> list[RunInfo]:
    """The most recent runs in the history file, newest first, optionally for one brand.

    Raises:
        RtmScoreError: the file is missing or is not an rtm-score history.
    """
    if not Path(path).exists():
        raise RtmScoreError(
            "history file not found",
            source=os.fspath(path),
            hint="it is created by `rtm-score score FEED --brand PROFILE --history FILE`",
        )
    refuse_special(path)
    with connection(path, create=False) as conn, tampered(path):
        if not ensure_schema(conn, path, create=False):
            return []
        sql = "SELECT * FROM runs"
        params: list[object] = []
        if brand is not None:
            sql += " WHERE brand = ?"
            params.append(brand)
        sql += " ORDER BY run_at DESC, id DESC LIMIT ?"
        params.append(max(limit, 0))
        rows = conn.execute(sql, params).fetchall()
        return [_run_info(row) for row in rows]


def _run_info(row: sqlite3.Row) -> RunInfo:
    return RunInfo(
        id=row["id"],
        run_at=dt.datetime.fromisoformat(row["run_at"]),
        brand=str(row["brand"]),
        feed=str(row["feed"]),
        version=str(row["version"]),
        topics=int(row["topics"]),
        engage=int(row["engage"]),
        skip=int(row["skip"]),
        never=int(row["never"]),
        errors=int(row["errors"]),
        as_of=dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None,
    )


def _stamp(when: dt.datetime) -> str:
    """A sortable text time: aware times in UTC, microseconds always present."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.isoformat(timespec="microseconds")


def _local(stamp: str, like: dt.datetime) -> dt.datetime:
    """A stored time shown in the time zone of the current run."""
    when = dt.datetime.fromisoformat(stamp)
    if when.tzinfo is not None and like.tzinfo is not None:
        return when.astimezone(like.tzinfo)
    return when


def _insert_run(conn: sqlite3.Connection, report: Report) -> int:
    counts = report.counts
    cursor = conn.execute(
        "INSERT INTO runs (run_at, brand, feed, version, as_of, topics, engage, skip, never, "
        "errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _stamp(report.generated_at),
            report.brand,
            report.feed,
            report.version,
            report.as_of.isoformat() if report.as_of else None,
            len(report.topics),
            counts[Decision.ENGAGE.value],
            counts[Decision.SKIP.value],
            counts[Decision.NEVER.value],
            len(report.errors),
        ),
    )
    run_id = cursor.lastrowid
    assert run_id is not None  # an INSERT always sets it
    conn.executemany(
        "INSERT INTO run_topics (run_id, position, rank, topic_id, topic_key, name, decision, "
        "relevance, sensitivity, categories, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                run_id,
                position,
                t.rank,
                t.topic.id,
                topic_key(t.topic.name),
                t.topic.name,
                t.decision.value,
                float(t.relevance),
                float(t.sensitivity),
                json.dumps(list(t.categories)),
                _finite(t.topic.volume),
            )
            for position, t in enumerate(report.topics)
        ),
    )
    return run_id


def _compare(conn: sqlite3.Connection, run_id: int, report: Report) -> History:
    stamp = _stamp(report.generated_at)
    trends = _trends(conn, run_id, report, stamp)
    previous = conn.execute(
        "SELECT id, run_at, feed FROM runs WHERE brand = ? AND id != ? "
        "AND (run_at < ? OR (run_at = ? AND id < ?)) ORDER BY run_at DESC, id DESC LIMIT 1",
        (report.brand, run_id, stamp, stamp, run_id),
    ).fetchone()
    if previous is None:
        return History(previous_run=None, trends=trends)

    before: dict[str, sqlite3.Row] = {}
    for row in conn.execute(
        "SELECT topic_key, topic_id, name, decision FROM run_topics WHERE run_id = ? "
        "ORDER BY position",
        (previous["id"],),
    ):
        before.setdefault(row["topic_key"], row)

    new_engage: list[TopicChange] = []
    turned_never: list[TopicChange] = []
    seen: set[str] = set()
    for scored in report.topics:
        key = topic_key(scored.topic.name)
        if key in seen:
            continue
        seen.add(key)
        old = before.get(key)
        was = Decision(old["decision"]) if old is not None else None
        if scored.decision is was:
            continue
        change = TopicChange(
            name=scored.topic.name, topic_id=scored.topic.id, decision=scored.decision, previous=was
        )
        if scored.decision is Decision.ENGAGE:
            new_engage.append(change)
        elif scored.decision is Decision.NEVER:
            turned_never.append(change)
    gone = tuple(
        TopicChange(name=row["name"], topic_id=row["topic_id"], previous=Decision(row["decision"]))
        for key, row in before.items()
        if key not in seen
    )
    return History(
        previous_run=_local(previous["run_at"], report.generated_at),
        previous_feed=previous["feed"],
        new_engage=tuple(new_engage),
        turned_never=tuple(turned_never),
        gone=gone,
        trends=trends,
    )


def _trends(
    conn: sqlite3.Connection, run_id: int, report: Report, stamp: str
) -> tuple[TopicTrend, ...]:
    """First sighting and number of runs for each topic of this run (this run included)."""
    stats = {
        row["topic_key"]: (row["first_seen"], row["runs_seen"])
        for row in conn.execute(
            "SELECT t.topic_key, min(r.run_at) AS first_seen, count(DISTINCT r.id) AS runs_seen "
            "FROM run_topics t JOIN runs r ON r.id = t.run_id "
            "WHERE r.brand = ? AND (r.run_at < ? OR (r.run_at = ? AND r.id <= ?)) "
            "AND t.topic_key IN (SELECT topic_key FROM run_topics WHERE run_id = ?) "
            "GROUP BY t.topic_key",
            (report.brand, stamp, stamp, run_id, run_id),
        )
    }
    volumes: dict[str, list[float]] = {}
    for row in conn.execute(
        "SELECT t.topic_key, t.volume FROM run_topics t JOIN runs r ON r.id = t.run_id "
        "WHERE r.brand = ? AND r.id != ? AND (r.run_at < ? OR (r.run_at = ? AND r.id < ?)) "
        "AND t.volume IS NOT NULL "
        "AND t.topic_key IN (SELECT topic_key FROM run_topics WHERE run_id = ?) "
        "ORDER BY r.run_at, r.id, t.position",
        (report.brand, run_id, stamp, stamp, run_id, run_id),
    ):
        volumes.setdefault(row["topic_key"], []).append(float(row["volume"]))
    out: list[TopicTrend] = []
    for scored in report.topics:
        key = topic_key(scored.topic.name)
        first, runs = stats.get(key, (stamp, 1))
        momentum, change = momentum_of(volumes.get(key, []), _finite(scored.topic.volume))
        out.append(
            TopicTrend(
                topic_id=scored.topic.id,
                name=scored.topic.name,
                first_seen=_local(first, report.generated_at),
                runs_seen=int(runs),
                momentum=momentum,
                volume_change=change,
            )
        )
    return tuple(out)


RISING = 1.25
"""Volume this many times the last run's, or more: rising."""
FADING = 0.8
"""This many times the last run's, or less: fading."""


def momentum_of(before: list[float], now: float | None) -> tuple[str, float | None]:
    """(momentum, change) of a topic whose earlier runs had volumes ``before`` (oldest first):
    ``rising`` at +25 % or more on the last of them, ``fading`` at -20 % or less, ``peaking``
    when it had risen into the last run and now holds, else ``steady``; ("", None) without a
    volume now and before."""
    if now is None or not before or before[-1] <= 0:
        return "", None
    ratio = now / before[-1]
    change = round(ratio - 1.0, 3)
    if ratio >= RISING:
        return "rising", change
    if ratio <= FADING:
        return "fading", change
    rose = len(before) >= 2 and before[-2] > 0 and before[-1] / before[-2] >= RISING
    return ("peaking" if rose else "steady"), change


def _finite(value: float | None) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None
