"""GitHub Actions workflow-command annotations (``::error file=...,line=...::message``)."""

from __future__ import annotations

from ..models import CheckReport
from ._escape import github_data, github_property


def render(report: CheckReport) -> str:
    """One annotation per active finding; message, evidence and hint on separate lines."""
    names = {r.code: r.name for r in report.rules}
    out: list[str] = []
    for f in report.active:
        props = ",".join(
            f"{k}={github_property(v)}"
            for k, v in (
                ("file", f.source),
                ("line", str(f.line)),
                ("title", f"{f.code} {names.get(f.code, '')}".strip()),
            )
        )
        body = "\n".join(
            x for x in (f.message, f.evidence, f"hint: {f.hint}" if f.hint else "") if x
        )
        out.append(f"::{f.severity.value} {props}::{github_data(body)}")
    return "\n".join(out) + "\n" if out else ""
