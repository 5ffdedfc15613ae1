"""Finding fingerprints and the baseline file that lets a team adopt the check on an old calendar.

A fingerprint names a finding independently of where its row sits in the file: the rule code,
the row's ``id`` (or, without one, its date and normalised copy) and the finding's subject. Moving
rows around, adding rows above them or re-saving the file keeps every fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator

from ..errors import CalendarError
from ..inputs import read_input
from ..schema import Context, Spec, invalid, read_document, validate
from ..schema.types import Strict, fail
from .models import Finding, FindingStatus, PlannedPost

BASELINE_VERSION = 1


def row_key(post: PlannedPost) -> str:
    """What identifies a row across edits: ``id:<id>``, else ``post:<date>|<channel>|<copy>``.

    A row that shares its key with another (see :func:`tell_apart`) adds what tells them apart:
    a repeated id adds the date, channel and copy, so a new post given an old post's id does
    not hide behind the old post's baseline (both rows' findings show as new until the id is
    unique again: which row the baseline meant cannot be known); identical rows add their place
    among their twins.
    """
    copy = " ".join(post.copy.casefold().split())
    content = f"{post.when.raw}|{post.channel.casefold()}|{','.join(post.regions)}|{copy}"
    place = f"#{post.twin}" if post.twin > 1 else ""
    if post.id and not post.twin:
        return f"id:{post.id}"
    return f"id:{post.id}|{content}{place}" if post.id else f"post:{content}{place}"


def tell_apart(posts: Sequence[PlannedPost]) -> list[PlannedPost]:
    """``posts`` with :attr:`PlannedPost.twin` set on every row whose key another row shares:
    first rows with a repeated id (their key then holds their content), then rows that are
    still alike (their place among their twins)."""
    ids = Counter(p.id for p in posts if p.id)
    out = [replace(p, twin=1) if p.id and ids[p.id] > 1 else p for p in posts]
    counts = Counter(map(row_key, out))
    seen: Counter[str] = Counter()
    for i, post in enumerate(out):
        key = row_key(post)
        if counts[key] > 1:
            seen[key] += 1
            out[i] = replace(post, twin=seen[key])
    return out


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
    from ..formatters._escape import escape_json_invisibles

    return escape_json_invisibles(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


_HINT = "write one with: rtm-score check CALENDAR --brand PROFILE --baseline FILE --write-baseline"


def _fingerprint(text: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{16}", text):
        raise fail(f"a fingerprint is 16 hexadecimal digits, got {text!r}", _HINT)
    return text


class _Entry(Strict):
    fingerprint: Annotated[str, AfterValidator(_fingerprint)]
    code: str = ""
    row: str = ""
    subject: str = ""


class _Baseline(Strict):
    tool: str = ""
    version: Literal[1]
    findings: list[_Entry]


_SPEC = Spec(root=_Baseline)


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints in a baseline file.

    Raises:
        CalendarError: the file is missing or is not a baseline written by ``--write-baseline``
            (every problem, each with its key path and line).
    """
    source = str(path)
    try:
        text = read_input(source).decode("utf-8")
    except FileNotFoundError:
        raise CalendarError("baseline file not found", source=source, hint=_HINT) from None
    except UnicodeDecodeError as exc:
        raise CalendarError(
            f"not UTF-8: byte 0x{exc.object[exc.start]:02X} at offset {exc.start} cannot be "
            "decoded (a baseline is the JSON --write-baseline writes)",
            source=source,
            hint=_HINT,
        ) from None
    except OSError as exc:
        raise CalendarError(
            f"cannot read the baseline: {exc.strerror or exc}", source=source, hint=_HINT
        ) from None
    data, marks = read_document(text, "JSON", source, CalendarError, "baseline")
    checked, problems = validate(_Baseline, data, Context(source, marks, "JSON"), _SPEC)
    if checked is None:
        raise invalid(CalendarError, "baseline", source, problems, hint=_HINT)
    return frozenset(e.fingerprint for e in checked.findings)


def apply_baseline(findings: Iterable[Finding], known: frozenset[str]) -> list[Finding]:
    """Mark new findings whose fingerprint is in the baseline as baselined."""
    return [
        replace(f, status=FindingStatus.BASELINED)
        if f.status is FindingStatus.NEW and f.fingerprint in known
        else f
        for f in findings
    ]
