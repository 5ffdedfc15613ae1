"""The history file itself: opening it, its schema, WAL, and its errors made rtm-score's.

Nothing here knows what a run means; :mod:`rtm_score.history` stores and compares runs.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import RtmScoreError

SCHEMA_VERSION = 2
"""Version of the tables below; a file written by a newer rtm-score is refused, not guessed at.
Version 2 added ``run_topics.volume``; a version 1 file is upgraded in place when written to."""

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
        volume REAL,
        PRIMARY KEY (run_id, position)
    )""",
    "CREATE INDEX run_topics_key ON run_topics (topic_key, run_id)",
)


@contextmanager
def tampered(path: os.PathLike[str] | str) -> Iterator[None]:
    """A value in the file that rtm-score did not write (a date that is not one, a decision
    it does not know, a text where a number belongs) as a clear error, not a crash."""
    try:
        yield
    except (ValueError, TypeError, OverflowError) as exc:
        raise RtmScoreError(
            f"the history file holds a value rtm-score did not write: {exc}",
            source=os.fspath(path),
            hint="restore the file from a backup, or pass a new file name to --history",
        ) from None


def refuse_special(path: os.PathLike[str] | str) -> None:
    """Only a regular file (or none yet) is a history: a device or a pipe is refused before
    SQLite opens it (it would read ``/dev/zero`` as an empty database)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = "folder" if stat.S_ISDIR(mode) else "device or pipe"
        raise RtmScoreError(
            f"the history is a {kind}, not a file",
            source=os.fspath(path),
            hint="pass a file name to --history; rtm-score creates it",
        )


def refuse_foreign(conn: sqlite3.Connection, path: os.PathLike[str] | str) -> None:
    """Refuse, without touching it, an SQLite file whose tables are not rtm-score's."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "schema_version" not in names:
        raise _foreign(path)


def _foreign(path: os.PathLike[str] | str) -> RtmScoreError:
    return RtmScoreError(
        "this SQLite file is not an rtm-score history (it holds other tables)",
        source=os.fspath(path),
        hint="pass a new file name to --history; rtm-score creates it",
    )


@contextmanager
def connection(path: os.PathLike[str] | str, *, create: bool) -> Iterator[sqlite3.Connection]:
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


def set_wal(conn: sqlite3.Connection, path: os.PathLike[str] | str) -> None:
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


def ensure_schema(conn: sqlite3.Connection, path: os.PathLike[str] | str, *, create: bool) -> bool:
    """Check (or, when ``create``, make) the tables; False when an empty file has none yet."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in names:
        if names:
            raise _foreign(path)
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
    if create and int(version) == 1:  # inside the writer's transaction: all or nothing
        conn.execute("ALTER TABLE run_topics ADD COLUMN volume REAL")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
    return True


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
