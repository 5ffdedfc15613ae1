"""JUnit XML: one test case per calendar row, failed when a finding on it reaches ``fail_on``.

One ``<testsuite>`` per calendar file; rows keep their file and line as attributes, which CI
test reports (GitLab, Jenkins, Azure) link to.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..models import CheckReport, Finding, PlannedPost
from ._escape import xml_text


def _line(f: Finding) -> str:
    status = "" if f.active else f" [{f.status.value}: {f.justification or 'baseline'}]"
    head = f"{f.severity.value} {f.code} {f.message}{status}"
    return f"{head}\n  evidence: {f.evidence}\n  hint: {f.hint}"


def _case(suite: ET.Element, report: CheckReport, post: PlannedPost) -> bool:
    """Add the row's test case; True when it fails."""
    findings = report.findings_for(post)
    failing = [f for f in findings if f.active and f.severity.reaches(report.fail_on)]
    others = [f for f in findings if f not in failing]
    case = ET.SubElement(
        suite,
        "testcase",
        classname=xml_text(post.source),
        name=xml_text(f"line {post.line}: {post.label} ({post.when.raw})"),
        file=xml_text(post.source),
        line=str(post.line),
    )
    if failing:
        first = failing[0]
        more = f" (+{len(failing) - 1} more)" if len(failing) > 1 else ""
        failure = ET.SubElement(
            case,
            "failure",
            type=first.code,
            message=xml_text(f"{first.code} {first.message}{more}"),
        )
        failure.text = xml_text("\n".join(_line(f) for f in failing))
    if others:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(_line(f) for f in others))
    return bool(failing)


def _counts(tests: int, failures: int) -> dict[str, str]:
    return {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}


def render(report: CheckReport) -> str:
    """The report as a ``<testsuites>`` document (UTF-8, declaration included)."""
    by_file: dict[str, list[PlannedPost]] = {}
    for post in report.posts:
        by_file.setdefault(post.source, []).append(post)
    if not by_file:
        by_file[report.calendar or "calendar"] = []
    root = ET.Element("testsuites", name="rtm-score check")
    total = failed = 0
    for source, posts in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=xml_text(source))
        failures = sum(_case(suite, report, post) for post in posts)
        suite.attrib.update(_counts(len(posts), failures))
        total, failed = total + len(posts), failed + failures
    root.attrib.update(_counts(total, failed))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
