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
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import RtmScoreError
from .models import Decision, History, Report, TopicChange, TopicTrend

__all__ = ["SCHEMA_VERSION", "RunInfo", "list_runs", "record_run", "topic_key"]

SCHEMA_VERSION = 1
"""Version of the tables below; a file written by a newer rtm-score is refused, not guessed at."""

_BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another one before giving up (runs take well under a second)."""

_WAL_RETRY_SLEEP_S = 0.02
_WAL_RETRIES = int(_BUSY_TIMEOUT_S / _WAL_RETRY_SLEEP_S)

_SCHEMA = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        run_at TEXT NOT NULL,
        brand TEXT NOT NULL,
        feed TEXT NOT NULL,
        version TEXT NOT NULL,
        as_of TEXT,
        topics INTEGER NOT NULL,
        engage INTEGER NOT NULL,
        skip INTEGER NOT NULL,
        never INTEGER NOT NULL,
        errors INTEGER NOT NULL
    )""",
    "CREATE INDEX runs_brand_time ON runs (brand, run_at, id)",
    """CREATE TABLE run_topics (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        topic_key TEXT NOT NULL,
        name TEXT NOT NULL,
        decision TEXT NOT NULL,
        relevance REAL NOT NULL,
        sensitivity REAL NOT NULL,
        categories TEXT NOT NULL,
        PRIMARY KEY (run_id, position)
    )""",
    "CREATE INDEX run_topics_key ON run_topics (topic_key, run_id)",
)

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


def record_run(path: os.PathLike[str] | str, report: Report) -> Report:
    """Store ``report`` as a run in the history file at ``path`` (created if missing).

    Returns the report with ``history`` set: the changes since the previous run of the same
    brand (new engage opportunities, topics that turned never, topics gone) and, for each topic,
    when it was first seen and in how many runs.

    Raises:
        RtmScoreError: the file is not an rtm-score history, is newer than this version, or
            stays locked by another writer for longer than the busy timeout.
    """
    with _connection(path, create=True) as conn:
        _set_wal(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            _ensure_schema(conn, path, create=True)
            run_id = _insert_run(conn, report)
            history = _compare(conn, run_id, report)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return dataclasses.replace(report, history=history)


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
    with _connection(path, create=False) as conn:
        if not _ensure_schema(conn, path, create=False):
            return []
        sql = "SELECT * FROM runs"
        params: list[object] = []
        if brand is not None:
            sql += " WHERE brand = ?"
            params.append(brand)
        sql += " ORDER BY run_at DESC, id DESC LIMIT ?"
        params.append(max(limit, 0))
        rows = conn.execute(sql, params).fetchall()
    return [
        RunInfo(
            id=row["id"],
            run_at=dt.datetime.fromisoformat(row["run_at"]),
            brand=row["brand"],
            feed=row["feed"],
            version=row["version"],
            topics=row["topics"],
            engage=row["engage"],
            skip=row["skip"],
            never=row["never"],
            errors=row["errors"],
            as_of=dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None,
        )
        for row in rows
    ]


@contextmanager
def _connection(path: os.PathLike[str] | str, *, create: bool) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode (we issue BEGIN/COMMIT), with SQLite errors made ours."""
    source = os.fspath(path)
    try:
        # isolation_level=None: the sqlite3 module must not open transactions behind our back.
        conn = sqlite3.connect(source, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _error(exc, source) from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        yield conn
    except sqlite3.Error as exc:
        raise _error(exc, source) from exc
    finally:
        conn.close()


def _set_wal(conn: sqlite3.Connection, path: os.PathLike[str] | str) -> None:
    """Switch the file to WAL (persistent, so only the first run of a new file really does it).

    WAL lets readers (``rtm-score history``) work while a run writes. Reading the mode is also
    where a file that is not SQLite at all is found out.
    """
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    # Changing the journal mode needs an exclusive lock and SQLite does not run the busy
    # handler for it, so two first runs on a new file would fail at once with "database is
    # locked": wait and retry here instead, for as long as the busy timeout.
    for attempt in range(_WAL_RETRIES):
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or attempt == _WAL_RETRIES - 1:
                raise
            time.sleep(_WAL_RETRY_SLEEP_S)
            continue
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. no shared memory available
            conn.execute("PRAGMA synchronous = FULL")
        return


def _ensure_schema(conn: sqlite3.Connection, path: os.PathLike[str] | str, *, create: bool) -> bool:
    """Check (or, when ``create``, make) the tables; False when an empty file has none yet."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in names:
        if names:
            raise RtmScoreError(
                "this SQLite file is not an rtm-score history (it holds other tables)",
                source=os.fspath(path),
                hint="pass a new file name to --history; rtm-score creates it",
            )
        if not create:
            return False
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        return True
    version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if version is None or int(version) > SCHEMA_VERSION:
        raise RtmScoreError(
            f"history schema version {version} is not supported (this rtm-score knows "
            f"{SCHEMA_VERSION})",
            source=os.fspath(path),
            hint="upgrade rtm-score, or pass a new file name to --history",
        )
    return True


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
        "relevance, sensitivity, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    out: list[TopicTrend] = []
    for scored in report.topics:
        first, runs = stats.get(topic_key(scored.topic.name), (stamp, 1))
        out.append(
            TopicTrend(
                topic_id=scored.topic.id,
                name=scored.topic.name,
                first_seen=_local(first, report.generated_at),
                runs_seen=int(runs),
            )
        )
    return tuple(out)


def _error(exc: sqlite3.Error, source: str) -> RtmScoreError:
    """An SQLite error as a message that says what is wrong with the history file."""
    text = str(exc)
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered or "encrypted" in lowered:
        return RtmScoreError(
            f"cannot read the history file: {text}",
            source=source,
            hint="this is not an rtm-score history (SQLite) file; pass a new file name to "
            "--history, or restore the file from a backup",
        )
    if "locked" in lowered or "busy" in lowered:
        return RtmScoreError(
            f"the history file stayed locked for {_BUSY_TIMEOUT_S:.0f} s: {text}",
            source=source,
            hint="another rtm-score run is writing to it; try again when it has finished",
        )
    if "unable to open" in lowered or "readonly" in lowered:
        return RtmScoreError(
            f"cannot open the history file: {text}",
            source=source,
            hint="check that its directory exists and is writable",
        )
    return RtmScoreError(f"history file error: {text}", source=source)
