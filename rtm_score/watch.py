"""Watch during the event: re-score a feed file whenever it changes and report what is new.

A collector rewrites the feed every minute; :func:`watch` notices (size and modification
time), scores it again, and hands each new moment to the caller: a topic that is newly engage,
newly never, or a prepared play newly blocked. A feed caught half-written, or unreadable for a
moment, is reported and the last good report kept; the next change is tried again. No network.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import RtmScoreError
from .models import Decision, Report, ScoredTopic
from .profile import BrandProfile

__all__ = ["WatchEvent", "events_between", "watch"]


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """One new moment of the feed."""

    kind: str
    """``engage`` (newly engage), ``never`` (newly never) or ``play-blocked``."""
    topic: str
    topic_id: str
    decision: str
    rank: int
    code: str
    """The reason that says why (the decision's first reason, or the blocked play's)."""
    message: str

    def to_json(self) -> str:
        """The event as one line of JSON (what ``--on-new`` gets on stdin), its invisible
        characters escaped as in every JSON rtm-score writes (a U+2028 in a topic would split
        the line for a line-based reader)."""
        from .formatters._escape import escape_json_invisibles

        return escape_json_invisibles(json.dumps(asdict(self), ensure_ascii=False))


def _key(t: ScoredTopic) -> str:
    from .history import topic_key

    return topic_key(t.topic.name)


def _blocked(t: ScoredTopic) -> dict[str, str]:
    return {r.code: r.message for r in t.reasons if r.code.startswith("play.blocked.")}


def events_between(before: Report | None, now: Report) -> list[WatchEvent]:
    """What is new in ``now`` since ``before`` (None: everything is new), in rank order."""
    old = {_key(t): t for t in before.topics} if before is not None else {}
    out: list[WatchEvent] = []
    for t in sorted(now.topics, key=lambda t: t.rank):
        was = old.get(_key(t))
        head = t.reasons[0] if t.reasons else None
        for decision, kind in ((Decision.ENGAGE, "engage"), (Decision.NEVER, "never")):
            if t.decision is decision and (was is None or was.decision is not decision):
                out.append(_event(kind, t, head.code if head else "", head.message if head else ""))
        known = _blocked(was) if was is not None else {}
        for code, message in _blocked(t).items():
            if code not in known:
                out.append(_event("play-blocked", t, code, message))
    return out


def _event(kind: str, t: ScoredTopic, code: str, message: str) -> WatchEvent:
    return WatchEvent(kind, t.topic.name, t.topic.id, t.decision.value, t.rank, code, message)


def watch(
    feed: Path,
    profile: BrandProfile,
    *,
    on_report: Callable[[Report, Sequence[WatchEvent]], None],
    on_error: Callable[[RtmScoreError], None],
    today: dt.date,
    interval: float = 2.0,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
) -> Report | None:
    """Score ``feed`` now and again each time it changes, until ``stop()`` is true.

    ``on_report`` gets each new report with its new moments; ``on_error`` each feed that could
    not be read or scored (the watch goes on). ``today`` dates the topics that carry no date
    (the library never reads the clock). Returns the last good report.
    """
    from .api import score_topics
    from .feeds import read_feed
    from .sensitivity import load_engine

    engine = load_engine()
    last: Report | None = None
    seen: tuple[int, int] | None = None
    while not stop():
        try:
            st = os.stat(feed)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError as exc:
            stamp = None
            if seen is not None:
                on_error(RtmScoreError(f"cannot read the feed: {exc.strerror}", source=str(feed)))
                seen = None
        if stamp is not None and stamp != seen:
            seen = stamp
            try:
                read = read_feed(feed)
                if not read.topics:  # caught mid-write, or emptied: not a new state of the day
                    raise RtmScoreError(
                        f"no readable topics ({len(read.errors)} bad rows)", source=str(feed)
                    )
                report = score_topics(
                    profile,
                    read.topics,
                    today=today,
                    errors=read.errors,
                    feed=str(feed),
                    engine=engine,
                )
            except RtmScoreError as exc:
                on_error(exc)
            else:
                on_report(report, events_between(last, report))
                last = report
        sleep(interval)
    return last
