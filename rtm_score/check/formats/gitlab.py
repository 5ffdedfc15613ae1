"""GitLab Code Quality report (a JSON array of issues, as ``codequality`` artifacts expect)."""

from __future__ import annotations

import json

from ..models import CheckReport, Severity
from ._escape import json_text

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor"}


def render(report: CheckReport) -> str:
    """One Code Quality issue per active finding."""
    issues = [
        {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.message}",
            "content": {"body": f"{f.evidence}\n\nHint: {f.hint}"},
            "categories": ["Bug Risk"],
            "fingerprint": f.fingerprint,
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.source, "lines": {"begin": f.line}},
        }
        for f in report.active
    ]
    return json_text(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
