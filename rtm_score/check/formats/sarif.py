"""SARIF 2.1.0 for code scanning: rules with ids and help, results with locations and fingerprints.

Suppressed findings carry an ``inSource`` suppression with the row's reason; with a baseline,
every result carries a ``baselineState`` (``new`` or ``unchanged``), so code scanning and SARIF
viewers show what the gate shows.
"""

from __future__ import annotations

import json
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from ..models import CheckReport, Finding, FindingStatus
from ._escape import json_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "rtmScoreFinding/v1"


def _location(path: str) -> dict[str, str]:
    """An artifactLocation: a relative URI against the source root, or a file URI."""
    p: PurePath = PureWindowsPath(path) if "\\" in path else PurePosixPath(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    parts = [part for part in p.parts if part != "."]
    uri = "/".join(_uri_part(part) for part in parts)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _uri_part(part: str) -> str:
    from urllib.parse import quote

    return quote(part, safe="!$&'()*+,;=:@-._~")


def _result(f: Finding, index: dict[str, int], with_baseline: bool) -> dict[str, object]:
    text = f"{f.message}\nEvidence: {f.evidence}\nHint: {f.hint}"
    result: dict[str, object] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": f.severity.value,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _location(f.source),
                    "region": {"startLine": f.line},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"row": f.row, "postId": f.post_id, "evidence": f.evidence, "hint": f.hint},
    }
    if f.status is FindingStatus.SUPPRESSED:
        result["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": f.justification}
        ]
    if with_baseline:
        result["baselineState"] = "unchanged" if f.status is FindingStatus.BASELINED else "new"
    return result


def render(report: CheckReport) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    index = {r.code: i for i, r in enumerate(report.rules)}
    rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.help},
            "help": {"text": r.help, "markdown": f"**{r.code} {r.name}**: {r.help}"},
            "defaultConfiguration": {"level": r.severity.value},
            "properties": {"tags": ["brand-safety", "content-calendar"]},
        }
        for r in report.rules
    ]
    with_baseline = bool(report.baseline)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rtm-score",
                        "semanticVersion": report.version,
                        "version": report.version,
                        "rules": rules,
                    }
                },
                "results": [_result(f, index, with_baseline) for f in report.findings],
                "columnKind": "unicodeCodePoints",
                "properties": {
                    "brand": report.brand,
                    "calendar": report.calendar,
                    "posts": len(report.posts),
                },
            }
        ],
    }
    return json_text(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
