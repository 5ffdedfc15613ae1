"""Measuring decisions against a team's own past calls: labels, confusion, metrics and misses."""

from __future__ import annotations

import csv
import difflib
import enum
import io
import json
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from .errors import FeedError, UsageError
from .feeds import ColumnMap, FeedFormat, FeedResult, read_feed
from .feeds._columns import resolve_fields
from .feeds._values import text_of
from .formatters._escape import escape_json_invisibles, one_line
from .models import Decision, Reason, Report, ScoredTopic

__all__ = [
    "LABEL_COLUMN",
    "Confusion",
    "DecisionMetrics",
    "Evaluation",
    "LabelError",
    "LabelledFeed",
    "Miss",
    "MissKind",
    "Skipped",
    "evaluate",
    "headline",
    "read_labels",
    "render_json",
    "render_text",
]

LABEL_COLUMN = "label"
"""The default name of the column holding the team's own call."""

_DECISIONS = tuple(Decision)
_EXPECTED = "expected engage, skip or never"
_LABEL_FORMATS = (FeedFormat.CSV, FeedFormat.TSV, FeedFormat.JSON, FeedFormat.JSONL)
# The JSON feed reader's preference when an object holds several arrays.
_ARRAY_KEYS = ("trends", "items", "data", "topics", "results", "entries", "records", "rows")
_NON_ALNUM = re.compile(r"[\W_]+")


# --- values -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelError:
    """A labelled row whose label cannot be used (empty, unknown, or a repeated id)."""

    row: int
    topic_id: str
    message: str


@dataclass(frozen=True, slots=True)
class LabelledFeed:
    """A feed read for evaluation: its topics, the team's call per topic id, and bad labels."""

    feed: FeedResult
    labels: Mapping[str, Decision]
    errors: tuple[LabelError, ...]
    label_column: str
    """The label column as spelled in the feed."""


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of truth (the team's call) x decision (rtm-score's), both in ``Decision`` order."""

    counts: tuple[tuple[int, ...], ...]

    def count(self, truth: Decision, decision: Decision) -> int:
        """Topics the team called ``truth`` and rtm-score called ``decision``."""
        return self.counts[_DECISIONS.index(truth)][_DECISIONS.index(decision)]

    @property
    def total(self) -> int:
        """Every labelled topic that was scored."""
        return sum(map(sum, self.counts))


@dataclass(frozen=True, slots=True)
class DecisionMetrics:
    """Precision, recall and F1 of one decision; NaN where a ratio has nothing to divide by."""

    decision: Decision
    precision: float
    recall: float
    f1: float
    support: int
    """Topics the team called this."""
    called: int
    """Topics rtm-score called this."""


class MissKind(str, enum.Enum):
    """What kind of miss, in the order they are listed."""

    FALSE_NEVER = "false-never"
    """A topic the team found harmless, called never."""
    MISSED_NEVER = "missed-never"
    """A topic the team called never, let through as engage or skip."""
    OTHER = "other"
    """Engage and skip mixed up."""


@dataclass(frozen=True, slots=True)
class Miss:
    """A topic where rtm-score's decision differs from the team's, with the tool's reasons."""

    kind: MissKind
    topic_id: str
    topic: str
    truth: Decision
    decision: Decision
    relevance: float
    sensitivity: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row or topic left out of the metrics, and why; listed so that nothing goes unseen."""

    row: int | None
    topic_id: str
    topic: str
    message: str
    decision: Decision | None = None
    """rtm-score's decision, when the topic was scored."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """rtm-score's decisions measured against a team's own calls."""

    brand: str
    feed: str
    version: str
    confusion: Confusion
    per_decision: tuple[DecisionMetrics, ...]
    """One entry per decision, in ``Decision`` order."""
    accuracy: float
    never_recall: float
    false_never_rate: float
    """Share of the topics the team called engage or skip that rtm-score called never."""
    engage_precision: float
    misses: tuple[Miss, ...]
    """False never first, then missed never, then the rest; feed order within each group."""
    skipped: tuple[Skipped, ...] = ()

    @property
    def labelled(self) -> int:
        """Topics counted in the metrics."""
        return self.confusion.total

    def metrics_for(self, decision: Decision) -> DecisionMetrics:
        """The precision, recall, F1 and support of one decision."""
        return self.per_decision[_DECISIONS.index(decision)]


# --- reading labels ---------------------------------------------------------------------------


def read_labels(
    source: str | os.PathLike[str] | IO[bytes],
    fmt: FeedFormat | None = None,
    *,
    label_col: str = LABEL_COLUMN,
    columns: ColumnMap | None = None,
    stdin: IO[bytes] | None = None,
) -> LabelledFeed:
    """Read a labelled feed: a normal feed (CSV, TSV, JSON, JSON Lines) with a label column.

    The topics come from :func:`~rtm_score.feeds.read_feed`; the label column is read from the
    same rows and keyed by topic id (the ``id`` column, else the 1-based row number). Labels
    are ``engage``, ``skip`` or ``never`` in any case. An empty or unknown label, or an id
    already seen, is a ``LabelError`` and the row gets no label; rows the feed reader skipped
    are reported in ``feed.errors`` only.

    Raises:
        FeedError: the feed cannot be read, is a format without columns, has no such label
            column (the hint lists the columns, with a did-you-mean), or no usable label.
        UsageError: the label column is one the feed reader reads as part of the topic.
    """
    if isinstance(source, str | os.PathLike) and os.fspath(source) != "-":
        feed = read_feed(source, fmt, columns=columns)
        with open(source, "rb") as fh:  # just read by read_feed, so it opens
            data = fh.read()
    elif isinstance(source, str | os.PathLike):  # stdin reads once: keep the bytes
        data = (stdin if stdin is not None else sys.stdin.buffer).read()
        feed = read_feed("-", fmt, columns=columns, stdin=io.BytesIO(data))
    else:
        data = source.read()
        name = getattr(source, "name", None)
        named = _Named(data, name if isinstance(name, str) else "<stream>")
        feed = read_feed(named, fmt, columns=columns)
    if feed.format not in _LABEL_FORMATS:
        raise FeedError(
            f"a {feed.format.value} feed has no label column",
            source=feed.source,
            hint="a labelled feed is CSV, TSV, JSON or JSON Lines",
        )
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    return _labels(feed, _raw_rows(text, feed.format), label_col, columns)


class _Named(io.BytesIO):
    """Bytes read from a file object, keeping its name (for messages and format detection)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


# One data row: its cells by column name (None for a row that is not a record at all) and the
# values a JSON wrapper object shares with every row.
_Row = tuple[Mapping[str, Any] | None, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class _Raw:
    keys: list[str]
    shared: list[str]
    rows: list[_Row]


def _raw_rows(text: str, fmt: FeedFormat) -> _Raw:
    """Every data row with its cells, numbered as the feed readers number them."""
    if fmt in (FeedFormat.CSV, FeedFormat.TSV):
        return _csv_rows(text, "\t" if fmt is FeedFormat.TSV else _sniff_delimiter(text))
    if fmt is FeedFormat.JSONL:
        return _json_rows([_json_or_none(line) for line in text.split("\n") if line.strip()], {})
    doc = json.loads(text)
    if isinstance(doc, dict) and (key := _pick_array(doc)) is not None:
        shared = {k: v for k, v in doc.items() if isinstance(v, str | int | float)}
        return _json_rows(doc[key], shared)
    return _json_rows(doc if isinstance(doc, list) else [doc], {})


def _json_or_none(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


def _csv_rows(text: str, delimiter: str) -> _Raw:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = [cells for cells in reader if cells and "".join(cells).strip()]
    header = records[0] if records else []
    # Reversed pairs: the first of two same-named columns wins, as in the CSV feed reader.
    rows: list[_Row] = [
        (dict(list(zip(header, cells, strict=False))[::-1]), {}) for cells in records[1:]
    ]
    return _Raw(header, [], rows)


def _json_rows(items: Sequence[object], shared: Mapping[str, Any]) -> _Raw:
    keys: dict[str, None] = {}
    rows: list[_Row] = []
    for item in items:
        if isinstance(item, Mapping):
            keys.update(dict.fromkeys(item))
            rows.append((item, shared))
        else:  # a bare string is a topic without a label; anything else a row the reader skips
            rows.append(({} if isinstance(item, str) else None, shared))
    return _Raw(list(keys), list(shared), rows)


def _sniff_delimiter(text: str) -> str:
    """``,`` unless the header line uses ``;`` or a tab instead (as the CSV feed reader does)."""
    header = text[: text.find("\n")] if "\n" in text else text
    if "," in header:
        return ","
    counts = {d: header.count(d) for d in (";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _pick_array(doc: Mapping[str, Any]) -> str | None:
    arrays = [
        k for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], Mapping | str)
    ]
    if not arrays:
        return None
    return next((k for k in _ARRAY_KEYS if k in arrays), max(arrays, key=lambda k: len(doc[k])))


def _labels(feed: FeedResult, raw: _Raw, label_col: str, columns: ColumnMap | None) -> LabelledFeed:
    in_feed = len(feed.topics) + len(feed.errors)
    if len(raw.rows) != in_feed:  # a safety net: labels must never land on the wrong topic
        raise FeedError(
            f"cannot line up the labels with the feed's rows ({len(raw.rows)} rows, {in_feed} "
            "topics and bad rows)",
            source=feed.source,
            hint="write one record per row (CSV, TSV, a JSON array of objects or JSON Lines)",
        )
    column = _find_label_column(label_col, raw.keys, feed.source)
    fields = resolve_fields(raw.keys, columns, source=feed.source, fallback=raw.shared)
    if column in {fields.topic, *fields.context, fields.volume, fields.date, fields.region}:
        raise UsageError(
            f"--label-col '{column}' is a column rtm-score reads as part of each topic",
            source=feed.source,
            hint="name the label column, e.g. label, or map the topic's columns with --columns",
        )
    bad_rows = {e.row for e in feed.errors}
    labels: dict[str, Decision] = {}
    first_row: dict[str, int] = {}
    errors: list[LabelError] = []
    for row, (cells, shared) in enumerate(raw.rows, 1):
        if cells is None or row in bad_rows:
            continue  # the feed reader skipped this row and says why
        value = cells.get(fields.id, shared.get(fields.id)) if fields.id else None
        topic_id = text_of(value) or str(row)  # as the feed readers give ids
        label, problem = _parse_label(cells.get(column), column)
        if label is not None and topic_id in first_row:
            label, problem = (
                None,
                (
                    f"id '{one_line(topic_id)}' is also on row {first_row[topic_id]}; labels are "
                    "matched by id, so ids must be unique"
                ),
            )
        if label is None:
            errors.append(LabelError(row, topic_id, problem))
            continue
        labels[topic_id] = label
        first_row[topic_id] = row
    if not labels:
        first = f" (row {errors[0].row}: {errors[0].message})" if errors else ""
        raise FeedError(
            f"no row has a usable label in column '{column}'{first}",
            source=feed.source,
            hint=f"fill the {column} column with engage, skip or never",
        )
    return LabelledFeed(feed, labels, tuple(errors), column)


def _norm(name: str) -> str:
    return _NON_ALNUM.sub("", name.casefold())


def _find_label_column(wanted: str, keys: Sequence[str], source: str) -> str:
    for key in (str, str.casefold, _norm):
        for col in keys:
            if key(col) == key(wanted):
                return col
    folded = [c.casefold() for c in keys]
    close = difflib.get_close_matches(wanted.casefold(), folded, n=1)
    guess = f"did you mean '{keys[folded.index(close[0])]}'? " if close else ""
    listing = ", ".join(one_line(c) or "(unnamed)" for c in keys) or "(none)"
    raise FeedError(
        f"no label column '{wanted}'",
        source=source,
        hint=f"{guess}columns found: {listing}; choose one with --label-col NAME",
    )


def _parse_label(value: object, column: str) -> tuple[Decision, str] | tuple[None, str]:
    text = text_of(value).strip()
    if not text:
        return None, f"empty label in column '{column}' ({_EXPECTED})"
    try:
        return Decision(text.casefold()), ""
    except ValueError:
        close = difflib.get_close_matches(text.casefold(), [d.value for d in _DECISIONS], n=1)
        guess = f"; did you mean '{close[0]}'?" if close else ""
        return None, f"unknown label '{one_line(text)}' ({_EXPECTED}){guess}"


# --- evaluating -------------------------------------------------------------------------------


def evaluate(
    report: Report,
    labels: Mapping[str, Decision],
    *,
    label_errors: Sequence[LabelError] = (),
) -> Evaluation:
    """Compare each scored topic's decision with the team's label for its topic id.

    Topics without a usable label (``label_errors`` says why), rows the feed reader skipped and
    labels that match no topic are left out of the metrics and listed in ``skipped``. A topic
    id that occurs twice counts once, at its first place in the feed.
    """
    why_not: dict[str, list[LabelError]] = {}
    for e in label_errors:
        why_not.setdefault(e.topic_id, []).append(e)
    counts = [[0] * len(_DECISIONS) for _ in _DECISIONS]
    misses: list[Miss] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for scored in sorted(report.topics, key=_feed_order):
        topic = scored.topic
        truth = labels.get(topic.id)
        if truth is None or topic.id in seen:
            err = why_not[topic.id].pop(0) if why_not.get(topic.id) else None
            why = err.message if err else ("repeated id" if topic.id in seen else "no label")
            row = err.row if err else None
            skipped.append(Skipped(row, topic.id, topic.name, why, scored.decision))
            continue
        seen.add(topic.id)
        counts[_DECISIONS.index(truth)][_DECISIONS.index(scored.decision)] += 1
        if truth is not scored.decision:
            misses.append(_miss(scored, truth))
    skipped += [Skipped(e.row, e.topic_id, "", e.message) for es in why_not.values() for e in es]
    skipped += [Skipped(e.row, "", "", f"not scored: {e.message}") for e in report.errors]
    skipped += [Skipped(None, i, "", "labelled, but no topic has this id") for i in labels
                if i not in seen]  # fmt: skip
    confusion = Confusion(tuple(tuple(row) for row in counts))
    per = tuple(_metrics(confusion, d) for d in _DECISIONS)
    harmless = [d for d in _DECISIONS if d is not Decision.NEVER]
    false_never = sum(confusion.count(t, Decision.NEVER) for t in harmless)
    kinds = list(MissKind)
    return Evaluation(
        brand=report.brand,
        feed=report.feed,
        version=report.version,
        confusion=confusion,
        per_decision=per,
        accuracy=_ratio(sum(confusion.count(d, d) for d in _DECISIONS), confusion.total),
        never_recall=per[_DECISIONS.index(Decision.NEVER)].recall,
        false_never_rate=_ratio(
            false_never, sum(per[_DECISIONS.index(t)].support for t in harmless)
        ),
        engage_precision=per[_DECISIONS.index(Decision.ENGAGE)].precision,
        misses=tuple(sorted(misses, key=lambda m: kinds.index(m.kind))),  # stable: feed order
        skipped=tuple(skipped),
    )


def _feed_order(scored: ScoredTopic) -> tuple[int, int]:
    source = scored.topic.source
    line = source.line if source is not None and source.line is not None else 0
    return (line, scored.rank)


def _miss(scored: ScoredTopic, truth: Decision) -> Miss:
    if scored.decision is Decision.NEVER:
        kind = MissKind.FALSE_NEVER
    elif truth is Decision.NEVER:
        kind = MissKind.MISSED_NEVER
    else:
        kind = MissKind.OTHER
    t = scored.topic
    return Miss(kind, t.id, t.name, truth, scored.decision, scored.relevance, scored.sensitivity,
                scored.reasons)  # fmt: skip


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def _metrics(confusion: Confusion, d: Decision) -> DecisionMetrics:
    hit = confusion.count(d, d)
    support = sum(confusion.count(d, other) for other in _DECISIONS)
    called = sum(confusion.count(other, d) for other in _DECISIONS)
    p, r = _ratio(hit, called), _ratio(hit, support)
    # F1 is undefined when either side is; 0 (not NaN) when both are defined and zero.
    f1 = math.nan if math.isnan(p) or math.isnan(r) else (2 * p * r / (p + r) if p + r else 0.0)
    return DecisionMetrics(d, p, r, f1, support, called)


# --- rendering (pure) -------------------------------------------------------------------------

_MISS_TITLES = {
    MissKind.FALSE_NEVER: "False never (harmless topics called never)",
    MissKind.MISSED_NEVER: "Missed never (topics you called never, let through)",
    MissKind.OTHER: "Other misses (engage and skip mixed up)",
}


def headline(evaluation: Evaluation) -> str:
    """The key figures on one line, named as ``run_bench.py`` names them (NaN as ``nan``)."""
    e = evaluation
    figures = (("never_recall", e.never_recall), ("false_never", e.false_never_rate),
               ("engage_precision", e.engage_precision), ("accuracy", e.accuracy))  # fmt: skip
    return " ".join(f"{name}={value:.3f}" for name, value in figures)


def render_text(evaluation: Evaluation) -> str:
    """Plain text: confusion table, per-decision table, headline, misses, rows not evaluated."""
    e = evaluation
    feed = f" from {one_line(e.feed)}" if e.feed else ""
    out = [f"{one_line(e.brand)}: {e.labelled} labelled topics{feed}", ""]
    out.append("Confusion (rows: your call; columns: rtm-score's decision)")
    out.append(f"{'':<12}" + "".join(f"{d.value:>8}" for d in _DECISIONS) + f"{'total':>8}")
    for truth in _DECISIONS:
        row = [e.confusion.count(truth, d) for d in _DECISIONS]
        out.append(f"{truth.value:<12}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    out += ["", f"{'':<12}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}{'called':>8}"]
    for m in e.per_decision:
        cells = "".join(
            f"{_cell(v):>{w}}" for v, w in ((m.precision, 10), (m.recall, 8), (m.f1, 8))
        )
        out.append(f"{m.decision.value:<12}{cells}{m.support:>9}{m.called:>8}")
    out += ["", headline(e), "", f"Misses: {len(e.misses)}"]
    for kind in MissKind:
        group = [miss for miss in e.misses if miss.kind is kind]
        if group:
            out += ["", f"{_MISS_TITLES[kind]}: {len(group)}"]
        for miss in group:
            out.append(
                f"  [{one_line(miss.topic_id)}] {one_line(miss.topic)}: you said "
                f"{miss.truth.value}, rtm-score said {miss.decision.value} "
                f"(relevance {miss.relevance:.2f}, sensitivity {miss.sensitivity:.2f})"
            )
            for r in miss.reasons:
                evidence = f" ({one_line(r.evidence)})" if r.evidence else ""
                out.append(f"      {r.code}: {one_line(r.message)}{evidence}")
    if e.skipped:
        out += ["", f"Not evaluated: {len(e.skipped)}"]
    for s in e.skipped:
        where = [f"row {s.row}"] if s.row is not None else []
        where += [f"[{one_line(s.topic_id)}]"] if s.topic_id else []
        where += [one_line(s.topic)] if s.topic else []
        where += [f"(rtm-score said {s.decision.value})"] if s.decision else []
        out.append(f"  {' '.join(where)}: {one_line(s.message)}")
    return "\n".join(out) + "\n"


def _cell(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 3)


def evaluation_object(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready values: floats rounded to 3 places, NaN as None."""
    e = evaluation
    return {
        "brand": e.brand,
        "feed": e.feed,
        "version": e.version,
        "labelled": e.labelled,
        "summary": {
            "never_recall": _num(e.never_recall),
            "false_never": _num(e.false_never_rate),
            "engage_precision": _num(e.engage_precision),
            "accuracy": _num(e.accuracy),
        },
        "confusion": {
            t.value: {d.value: e.confusion.count(t, d) for d in _DECISIONS} for t in _DECISIONS
        },
        "per_decision": {
            m.decision.value: {
                "precision": _num(m.precision),
                "recall": _num(m.recall),
                "f1": _num(m.f1),
                "support": m.support,
                "called": m.called,
            }
            for m in e.per_decision
        },
        "misses": [
            {
                "kind": m.kind.value,
                "id": m.topic_id,
                "topic": m.topic,
                "truth": m.truth.value,
                "decision": m.decision.value,
                "relevance": _num(m.relevance),
                "sensitivity": _num(m.sensitivity),
                "reasons": [
                    {"code": r.code, "message": r.message, "evidence": r.evidence}
                    for r in m.reasons
                ],
            }
            for m in e.misses
        ],
        "skipped": [
            {
                "row": s.row,
                "id": s.topic_id,
                "topic": s.topic,
                "decision": s.decision.value if s.decision else None,
                "message": s.message,
            }
            for s in e.skipped
        ],
    }


def render_json(evaluation: Evaluation) -> str:
    """The evaluation as JSON: stable keys, floats rounded to 3 places, NaN written as null."""
    text = json.dumps(evaluation_object(evaluation), indent=2, ensure_ascii=False, allow_nan=False)
    return escape_json_invisibles(text) + "\n"
