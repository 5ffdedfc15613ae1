"""An evaluation as text or JSON (pure functions)."""

from __future__ import annotations

import json
import math
from typing import Any

from ..formatters._escape import escape_json_invisibles, one_line
from .model import _DECISIONS, Evaluation, MissKind

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
