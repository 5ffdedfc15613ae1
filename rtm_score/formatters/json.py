"""JSON and JSON Lines output: the report contract other tools rely on (see issue 2, "Output").

The contract's keys come first, in the contract's order; extra keys only ever follow them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring as _encode_string  # the C one, as _LINE uses
from typing import TYPE_CHECKING, Any

from . import PART, brand_stories, ranked_topics
from ._escape import escape_json_invisibles

if TYPE_CHECKING:
    from ..models import History, Reason, Report, RowError, ScoredTopic, TopicChange

FLOAT_PLACES = 3
"""Scores are rounded to this many decimal places, so outputs are stable and diffable."""


def _score(value: float) -> float:
    # float() also turns numpy scalars into plain floats; "+ 0.0" turns -0.0 into 0.0.
    return round(float(value), FLOAT_PLACES) + 0.0


def _volume(value: float | None) -> int | float | None:
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() else _score(value)


def _timestamp(value: dt.datetime) -> str:
    # The contract promises an offset; a naive time is taken to be UTC, as the CLI creates it.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.isoformat(timespec="seconds")


def reason_object(reason: Reason) -> dict[str, Any]:
    """One reason as a JSON object."""
    return {
        "code": str(reason.code),
        "message": str(reason.message),
        "evidence": str(reason.evidence),
        "origin": str(reason.origin),
    }


def topic_object(scored: ScoredTopic) -> dict[str, Any]:
    """One ranked topic as the JSON object listed under ``"topics"``."""
    topic = scored.topic
    return {
        "rank": int(scored.rank),
        "id": str(topic.id),
        "topic": str(topic.name),
        "decision": scored.decision.value,
        "relevance": _score(scored.relevance),
        "sensitivity": _score(scored.sensitivity),
        "categories": [str(c) for c in scored.categories],
        "reasons": [reason_object(r) for r in scored.reasons],
        "context": str(topic.context),
        "volume": _volume(topic.volume),
        "date": topic.date.isoformat() if topic.date is not None else None,
        "region": topic.region,
        "territories": [str(t) for t in scored.territories],
    }


def error_object(error: RowError) -> dict[str, Any]:
    """One unreadable feed row as a JSON object."""
    return {"row": int(error.row), "message": str(error.message), "source": str(error.source)}


def _change_object(change: TopicChange) -> dict[str, Any]:
    return {
        "id": str(change.topic_id),
        "topic": str(change.name),
        "decision": change.decision.value if change.decision is not None else None,
        "previous": change.previous.value if change.previous is not None else None,
    }


def history_object(history: History) -> dict[str, Any]:
    """What changed since the previous run, as a JSON object."""
    return {
        "previous_run": (
            _timestamp(history.previous_run) if history.previous_run is not None else None
        ),
        "previous_feed": str(history.previous_feed),
        "new_engage": [_change_object(c) for c in history.new_engage],
        "turned_never": [_change_object(c) for c in history.turned_never],
        "gone": [_change_object(c) for c in history.gone],
        "trends": [
            {
                "id": str(t.topic_id),
                "topic": str(t.name),
                "first_seen": _timestamp(t.first_seen),
                "runs_seen": int(t.runs_seen),
                "momentum": str(t.momentum) or None,
                "volume_change": _score(t.volume_change) if t.volume_change is not None else None,
            }
            for t in history.trends
        ],
    }


def report_object(report: Report, *, top: int | None = None) -> dict[str, Any]:
    """The whole report as the contract's JSON object (``counts`` ignore ``top``)."""
    return {
        "brand": str(report.brand),
        "generated_at": _timestamp(report.generated_at),
        "version": str(report.version),
        "counts": report.counts,
        "topics": [topic_object(t) for t in ranked_topics(report, top)],
        "errors": [error_object(e) for e in report.errors],
        "as_of": report.as_of.isoformat() if report.as_of is not None else None,
        "feed": str(report.feed),
        "meta": {str(k): str(v) for k, v in sorted(report.meta.items())},
        "history": history_object(report.history) if report.history is not None else None,
        "brand_stories": [story_object(t, r) for t, r in brand_stories(report)],
    }


def story_object(scored: ScoredTopic, reason: Reason) -> dict[str, Any]:
    """A topic about the brand or a competitor, listed under ``"brand_stories"`` (every one of
    the report, whatever ``top`` lists; the topic itself is under ``"topics"``)."""
    return {
        "rank": int(scored.rank),
        "id": str(scored.topic.id),
        "topic": str(scored.topic.name),
        "decision": scored.decision.value,
        "reason": reason_object(reason),
    }


# allow_nan=False: NaN/Infinity are not JSON; a non-finite score is a bug and must fail loudly.
_LINE = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
"""One encoder for every JSON Lines record (json.dumps would build one per call)."""


def _dumps(obj: object, *, indent: int | None) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False)
    return escape_json_invisibles(text)


def render(report: Report, *, top: int | None = None) -> str:
    """The report as one indented JSON document with a trailing newline."""
    return "".join(render_parts(report, top=top))


def render_parts(report: Report, *, top: int | None = None) -> Iterator[str]:
    """:func:`render` in pieces of :data:`PART` topics, so a large report is never one string.

    The document is the report object with its topics spliced in one by one, indented as
    ``json.dumps(..., indent=2)`` indents them: the pieces join into exactly :func:`render`.
    """
    topics = ranked_topics(report, top)
    head = _dumps({**report_object(report, top=0), "topics": None}, indent=2)
    if not topics:
        yield head.replace('"topics": null', '"topics": []', 1) + "\n"
        return
    before, after = head.split('"topics": null', 1)
    yield before + '"topics": ['
    block = _Pieces(_IN_DOCUMENT).topic
    for start in range(0, len(topics), PART):
        piece = ",".join(map(block, topics[start : start + PART]))
        yield ("," if start else "") + piece
    yield "\n  ]" + after + "\n"


def render_lines(report: Report, *, top: int | None = None) -> str:
    """JSON Lines: one topic object (plus ``"brand"``) per line; row errors are not included."""
    return "".join(render_lines_parts(report, top=top))


def render_lines_parts(report: Report, *, top: int | None = None) -> Iterator[str]:
    """:func:`render_lines` in pieces of :data:`PART` lines."""
    line = _Pieces(_layout_of_lines(str(report.brand))).topic
    topics = ranked_topics(report, top)
    for start in range(0, len(topics), PART):
        yield "".join(map(line, topics[start : start + PART]))


_SEEN_MAX = 50_000
"""How many written lists and reasons :class:`_Pieces` keeps (then it starts afresh)."""

_TOPIC_KEYS = ("rank", "id", "topic", "decision", "relevance", "sensitivity", "categories",
               "reasons", "context", "volume", "date", "region", "territories")  # fmt: skip
"""The keys of :func:`topic_object`, in its order (a test holds them equal)."""


@dataclass(frozen=True, slots=True)
class _Layout:
    """How :class:`_Pieces` lays a topic out: each key with what goes before it, what ends the
    topic, and how a list of strings and a list of reasons open, part and close."""

    keys: tuple[str, ...]
    end: str
    open: str
    part: str
    close: str
    reason: Callable[[Reason], str]


def _keys(first: str, between: str) -> tuple[str, ...]:
    """Each of :data:`_TOPIC_KEYS` with what goes before it: ``first``, then ``between``."""
    return (first + '"rank": ', *(f'{between}"{k}": ' for k in _TOPIC_KEYS[1:]))


class _Pieces:
    """Each topic written from pieces in a :class:`_Layout`, to the byte what one encode of
    :func:`topic_object` writes: a JSON Lines record (:data:`_LINE`, plus ``"brand"``), or a
    topic of the indented document (``json.dumps`` with an indent runs the encoder written in
    Python, four times slower). A topic's categories, territories and each of its reasons are
    objects a scorer shares among the topics that have the same ones (``BrandScorer._share``),
    so each is written once, not once a topic; only the strings that may hold an invisible
    character are escaped (the rest is ASCII without DEL)."""

    __slots__ = ("_layout", "_seen")

    def __init__(self, layout: _Layout) -> None:
        self._layout = layout
        self._seen: dict[int, tuple[object, str]] = {}

    def _written(self, value: Any, write: Callable[[Any], str]) -> str:
        kept = self._seen.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        if len(self._seen) >= _SEEN_MAX:
            self._seen.clear()
        text = write(value)
        self._seen[id(value)] = (value, text)  # the value kept alive: its id stays its own
        return text

    def _strings(self, values: Sequence[object]) -> str:
        if not values:
            return "[]"
        how = self._layout
        return how.open + how.part.join([_string(str(v)) for v in values]) + how.close

    def _reasons(self, reasons: Sequence[Reason]) -> str:
        if not reasons:
            return "[]"
        how, written = self._layout, self._written
        return how.open + how.part.join([written(r, how.reason) for r in reasons]) + how.close

    def topic(self, scored: ScoredTopic) -> str:
        topic, written, strings = scored.topic, self._written, self._strings
        k = self._layout.keys
        return "".join(
            (
                k[0],
                _value(int(scored.rank)),
                k[1],
                _string(str(topic.id)),
                k[2],
                _string(str(topic.name)),
                k[3],
                _string(scored.decision.value),
                k[4],
                _value(_score(scored.relevance)),
                k[5],
                _value(_score(scored.sensitivity)),
                k[6],
                written(scored.categories, strings),
                k[7],
                self._reasons(scored.reasons),
                k[8],
                _string(str(topic.context)),
                k[9],
                _value(_volume(topic.volume)),
                k[10],
                '"' + topic.date.isoformat() + '"' if topic.date is not None else "null",
                k[11],
                _value(topic.region),
                k[12],
                written(scored.territories, strings),
                self._layout.end,
            )
        )


def _string(text: str) -> str:
    """A JSON string, its invisible characters escaped (:func:`escape_json_invisibles`)."""
    out: str = _encode_string(text)
    return out if out.isascii() and "\x7f" not in out else escape_json_invisibles(out)


def _value(value: object) -> str:
    """A str, None, int or float as ``_LINE`` writes it (any other value: by ``_LINE``)."""
    if value is None:
        return "null"
    if type(value) is str:
        return _string(value)
    if type(value) is int:  # not a bool: True is written "true"
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return escape_json_invisibles(_LINE.encode(value))


def _reason_in(first: str, between: str, end: str) -> Callable[[Reason], str]:
    """How a reason is written where each key follows ``first`` or ``between``."""

    def write(reason: Reason) -> str:
        return "".join(
            (
                first + '"code": ',
                _string(str(reason.code)),
                between + '"message": ',
                _string(str(reason.message)),
                between + '"evidence": ',
                _string(str(reason.evidence)),
                between + '"origin": ',
                _string(str(reason.origin)),
                end,
            )
        )

    return write


def _layout_of_lines(brand: str) -> _Layout:
    """A JSON Lines record of ``brand``'s report."""
    end = ', "brand": ' + _string(brand) + "}\n"
    return _Layout(_keys("{", ", "), end, "[", ", ", "]", _reason_in("{", ", ", "}"))


_IN_DOCUMENT = _Layout(
    _keys("\n    {\n      ", ",\n      "),
    "\n    }",
    "[\n        ",
    ",\n        ",
    "\n      ]",
    _reason_in("{\n          ", ",\n          ", "\n        }"),
)
"""A topic of the JSON document: inside ``"topics"``, two spaces a level."""
