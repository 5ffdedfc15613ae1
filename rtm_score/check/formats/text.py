"""The default text format: ``file:line: level CODE message`` with evidence and hint lines."""

from __future__ import annotations

from ..models import CheckReport
from ._escape import oneline


def render(report: CheckReport) -> str:
    """Active findings, one block each; empty when there are none (the summary goes to stderr)."""
    lines: list[str] = []
    for f in report.active:
        lines.append(
            f"{oneline(f.source)}:{f.line}: {f.severity.value} {f.code} {oneline(f.message)}"
        )
        if f.evidence:
            lines.append(f"    evidence: {oneline(f.evidence)}")
        if f.hint:
            lines.append(f"    hint: {oneline(f.hint)}")
    return "\n".join(lines) + "\n" if lines else ""
