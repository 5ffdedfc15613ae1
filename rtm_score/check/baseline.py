"""Finding fingerprints and the baseline file that lets a team adopt the check on an old calendar.

A fingerprint names a finding independently of where its row sits in the file: the rule code,
the row's ``id`` (or, without one, its date and normalised copy) and the finding's subject. Moving
rows around, adding rows above them or re-saving the file keeps every fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..errors import CalendarError
from ..inputs import loads_json, read_input
from .models import Finding, FindingStatus, PlannedPost

BASELINE_VERSION = 1


def row_key(post: PlannedPost) -> str:
    """What identifies a row across edits: ``id:<id>``, else ``post:<date>|<copy>``."""
    if post.id:
        return f"id:{post.id}"
    copy = " ".join(post.copy.casefold().split())
    return f"post:{post.when.raw}|{copy}"


def fingerprint(code: str, post: PlannedPost, subject: str) -> str:
    """A stable 16-hex-digit fingerprint of one finding."""
    text = "\x1f".join((code, row_key(post), subject.casefold()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render_baseline(findings: Iterable[Finding]) -> str:
    """Baseline JSON for the findings that count now (suppressed ones need no baseline)."""
    entries = sorted(
        {
            f.fingerprint: {
                "fingerprint": f.fingerprint,
                "code": f.code,
                "row": f.post_id or f"line {f.line}",
                "subject": f.subject,
            }
            for f in findings
            if f.status is not FindingStatus.SUPPRESSED
        }.values(),
        key=lambda e: (e["code"], e["fingerprint"]),
    )
    doc = {"tool": "rtm-score check", "version": BASELINE_VERSION, "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints in a baseline file.

    Raises:
        CalendarError: the file is missing or is not a baseline written by ``--write-baseline``.
    """
    source = str(path)
    hint = (
        "write one with: rtm-score check CALENDAR --brand PROFILE --baseline FILE --write-baseline"
    )
    try:
        doc = loads_json(read_input(source).decode("utf-8"))
    except FileNotFoundError:
        raise CalendarError("baseline file not found", source=source, hint=hint) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarError(f"cannot read the baseline: {exc}", source=source, hint=hint) from None
    except json.JSONDecodeError as exc:
        raise CalendarError(
            f"malformed JSON: {exc.msg}", source=source, where=f"line {exc.lineno}", hint=hint
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise CalendarError(
            "not a baseline: expected an object with a 'findings' list", source=source, hint=hint
        )
    if doc.get("version") != BASELINE_VERSION:
        raise CalendarError(
            f"unsupported baseline version {doc.get('version')!r}", source=source, hint=hint
        )
    out: set[str] = set()
    for i, entry in enumerate(doc["findings"]):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise CalendarError(
                "entry has no 'fingerprint'", source=source, where=f"findings[{i}]", hint=hint
            )
        out.add(fp)
    return frozenset(out)


def apply_baseline(findings: Iterable[Finding], known: frozenset[str]) -> list[Finding]:
    """Mark new findings whose fingerprint is in the baseline as baselined."""
    return [
        replace(f, status=FindingStatus.BASELINED)
        if f.status is FindingStatus.NEW and f.fingerprint in known
        else f
        for f in findings
    ]
