"""The JSON format: every finding (with its status) and the counts, for other tools."""

from __future__ import annotations

import json

from ..models import CheckReport
from ._escape import json_text


def render(report: CheckReport) -> str:
    """The report as indented JSON (UTF-8 text; keys in a fixed order)."""
    names = {r.code: r.name for r in report.rules}
    doc = {
        "tool": "rtm-score check",
        "version": report.version,
        "brand": report.brand,
        "calendar": report.calendar,
        "feed": report.feed or None,
        "baseline": report.baseline or None,
        "fail_on": report.fail_on.value,
        "failed": report.failed,
        "posts": len(report.posts),
        "counts": report.counts,
        "findings": [
            {
                "code": f.code,
                "rule": names.get(f.code, ""),
                "severity": f.severity.value,
                "status": f.status.value,
                "message": f.message,
                "evidence": f.evidence,
                "hint": f.hint,
                "path": f.source,
                "line": f.line,
                "row": f.row,
                "id": f.post_id or None,
                "subject": f.subject,
                "fingerprint": f.fingerprint,
                "justification": f.justification or None,
            }
            for f in report.findings
        ],
    }
    return json_text(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
