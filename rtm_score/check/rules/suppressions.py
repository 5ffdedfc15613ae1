"""Row suppressions: parsing ``rtm_ignore`` cells and applying them to a row's findings.

A cell holds entries separated by ``;`` or new lines, each ``CODE[, CODE]: reason``, e.g.
``RTM101: approved by legal 2026-09-01; RTM502: comparison ad, signed off``. A suppression must
give a reason: one without is not applied and is itself a finding (RTM900). An unknown code, or
a meta rule (RTM9xx), is RTM901; a reasoned suppression that silences nothing is RTM902.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ..models import Finding, FindingStatus, PlannedPost, Rule, Severity
from .base import finding

NO_REASON = Rule(
    "RTM900",
    "suppression-without-reason",
    Severity.ERROR,
    "A suppression gives no reason",
    "An rtm_ignore entry names a rule without a reason, so it is not applied. Write "
    "`RTM101: approved by legal 2026-09-01`.",
)
UNKNOWN = Rule(
    "RTM901",
    "unknown-rule-in-suppression",
    Severity.WARNING,
    "A suppression names an unknown rule code",
    "An rtm_ignore entry names a code that is not a rule, or a meta rule (RTM9xx) that "
    "cannot be suppressed. Fix the code.",
)
UNUSED = Rule(
    "RTM902",
    "unused-suppression",
    Severity.WARNING,
    "A suppression silences nothing",
    "An rtm_ignore entry suppresses a rule that found nothing on this row. Remove it so "
    "that it cannot hide a later, different problem.",
)
RULES = (NO_REASON, UNKNOWN, UNUSED)
"""Rules about suppressions themselves; they cannot be suppressed."""
META_CODES = frozenset(r.code for r in RULES)

_CODE = re.compile(r"^RTM\d{3}$")
_CODE_LIKE = re.compile(r"^[A-Z]+\d+[A-Z0-9]*$")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One rule silenced on one row, and why."""

    code: str
    reason: str


def parse(post: PlannedPost, known: Collection[str]) -> tuple[list[Suppression], list[Finding]]:
    """The row's valid suppressions, and the findings about invalid ones (RTM900, RTM901);
    ``known`` holds every rule code (those in :data:`META_CODES` cannot be suppressed)."""
    valid: list[Suppression] = []
    problems: list[Finding] = []
    if not post.ignore.strip():
        return valid, problems
    for entry in re.split(r"[;\n]+", post.ignore):
        if not entry.strip():
            continue
        # "CODES: reason"; plain string operations, no regex that a long run of spaces could
        # make backtrack (issue 10: 4,000 spaces took 100 s).
        head, _colon, reason = entry.partition(":")
        reason = reason.strip()
        # Each code once (a cell repeating one code thousands of times makes one finding), and
        # the entry quoted short: it is repeated in every finding about it.
        codes = list(dict.fromkeys(c.upper() for c in head.replace(",", " ").split()))
        shown = _short(" ".join(entry.split()))
        if not any(_CODE_LIKE.match(c) for c in codes):
            problems.append(
                finding(
                    UNKNOWN,
                    post,
                    subject=f"unknown:{shown}",
                    message=f"rtm_ignore entry {shown!r} names no rule code",
                    evidence=f"rtm_ignore: {shown}",
                    hint="start the entry with a rule code, e.g. `RTM101: approved by legal`",
                )
            )
            continue
        for code in codes:
            if not _CODE.match(code) or code not in known or code in META_CODES:
                why = "cannot be suppressed" if code in META_CODES else "is not a rule code"
                problems.append(
                    finding(
                        UNKNOWN,
                        post,
                        subject=f"unknown:{code}",
                        message=f"rtm_ignore names {code!r}, which {why}",
                        evidence=f"rtm_ignore: {shown}",
                        hint="use one of the codes listed by the README's rule table, e.g. RTM101",
                    )
                )
            elif not reason:
                problems.append(
                    finding(
                        NO_REASON,
                        post,
                        subject=f"reason:{code}",
                        message=f"rtm_ignore silences {code} without a reason, "
                        "so it is not applied",
                        evidence=f"rtm_ignore: {shown}",
                        hint="give the reason after a colon: "
                        f"`{code}: approved by legal 2026-09-01`",
                    )
                )
            else:
                valid.append(Suppression(code, reason))
    return valid, problems


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def apply(
    post: PlannedPost,
    findings: Sequence[Finding],
    *,
    checked: frozenset[str],
    known: Collection[str],
) -> list[Finding]:
    """Apply the row's suppressions to its findings; add RTM900/901/902 findings.

    Args:
        post: the row.
        findings: the row's findings from the other rules.
        checked: the codes that actually ran (RTM301 only runs with a feed), so that a
            suppression of a rule that did not run is not called unused.
        known: every rule code.
    """
    valid, problems = parse(post, known)
    by_code = {s.code: s for s in valid}
    out: list[Finding] = []
    used: set[str] = set()
    for f in findings:
        s = by_code.get(f.code)
        if s is not None and f.status is FindingStatus.NEW:
            used.add(f.code)
            out.append(replace(f, status=FindingStatus.SUPPRESSED, justification=s.reason))
        else:
            out.append(f)
    out.extend(
        finding(
            UNUSED,
            post,
            subject=f"unused:{s.code}",
            message=f"rtm_ignore silences {s.code}, which found nothing on this row",
            evidence=f"rtm_ignore: {s.code}: {s.reason}",
            hint=f"remove the {s.code} entry from rtm_ignore",
        )
        for s in valid
        if s.code not in used and s.code in checked
    )
    return out + problems
