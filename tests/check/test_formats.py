"""Output formats: golden files, escaping, and validity (SARIF schema, JUnit XML, GitLab)."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from rtm_score.check import (
    RULES,
    CheckFormat,
    CheckReport,
    Finding,
    FindingStatus,
    Severity,
    fingerprint,
    render_check,
)
from rtm_score.check.formats import FORMATTERS
from rtm_score.check.rules import finding, get

from .conftest import ASSETS, GOLDEN, make_post

SUFFIX = {
    CheckFormat.TEXT: "txt",
    CheckFormat.JSON: "json",
    CheckFormat.GITHUB: "github",
    CheckFormat.JUNIT: "xml",
    CheckFormat.SARIF: "sarif",
    CheckFormat.GITLAB: "gitlab.json",
}

NASTY = 'Sale: 100% off, "today" <b>&</b>\nline two\x1b[31m red \u202e'


def build_report(*, baseline: str = "") -> CheckReport:
    """A fixed report: a finding of each status, a warning, a clean row and untrusted text."""
    p1 = make_post(
        NASTY,
        "2026-09-11",
        id="p1",
        line=2,
        row=1,
        regions=("US",),
        source="calendars/q3, final.csv",
    )
    p2 = make_post(
        "Smoother than Beanline",
        "2026-10-06",
        id="p2",
        line=4,
        row=2,
        source="calendars/q3, final.csv",
        ignore="RTM502: approved: legal, 2026-10-01",
    )
    p3 = make_post(
        "Pinecrest espresso",
        "2026-10-07 08:00 America/New_York",
        id="",
        line=5,
        row=3,
        source="calendars/q3, final.csv",
    )
    p4 = make_post(
        "Happy Monday everyone, stay hydrated",
        "2026-10-12",
        id="p4",
        line=6,
        row=4,
        source="calendars/q3, final.csv",
    )
    f1 = finding(
        get("RTM101"),
        p1,
        subject="observance:september-11",
        message="promotional post on September 11 in US, a solemn date",
        evidence=f"{'100% off'!r} in the copy: {NASTY}",
        hint="move it to 12 September 2026 or drop the promotion",
    )
    f2 = finding(
        get("RTM201"),
        p1,
        subject="category:violence",
        severity=Severity.WARNING,
        message="the copy is about violence (violence, sensitivity 0.50)",
        evidence="'killer', a,b:c",
        hint="rewrite the copy",
    )
    f3 = dataclasses.replace(
        finding(
            get("RTM502"),
            p2,
            subject="competitor:beanline",
            message="the copy mentions the competitor 'Beanline'",
            evidence="competitors: Beanline",
            hint="remove 'Beanline'",
        ),
        status=FindingStatus.SUPPRESSED,
        justification="approved: legal, 2026-10-01",
    )
    f4 = finding(
        get("RTM503"),
        p4,
        subject="off-brand",
        message="the copy is off-brand for Pinecrest Coffee (relevance 0.00)",
        evidence="relevance 0.00 < 0.05",
        hint="tie the copy to the brand",
    )
    if baseline:
        f4 = dataclasses.replace(f4, status=FindingStatus.BASELINED)
    return CheckReport(
        calendar="calendars/q3, final.csv",
        brand="Pinecrest <Coffee>",
        version="0.1.0",
        posts=(p1, p2, p3, p4),
        findings=(f1, f2, f3, f4),
        rules=RULES,
        fail_on=Severity.ERROR,
        feed="",
        baseline=baseline,
    )


def check_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing; create it with: pytest --update-golden"
    assert actual == path.read_bytes().decode("utf-8"), f"{path} differs (pytest --update-golden)"


def test_every_format_has_a_formatter() -> None:
    assert set(FORMATTERS) == set(CheckFormat)


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_golden(fmt: CheckFormat, update_golden: bool) -> None:
    check_golden(f"report.{SUFFIX[fmt]}", render_check(build_report(), fmt), update_golden)


@pytest.mark.parametrize("fmt", [CheckFormat.JSON, CheckFormat.SARIF])
def test_golden_with_baseline(fmt: CheckFormat, update_golden: bool) -> None:
    report = build_report(baseline=".rtm-baseline.json")
    check_golden(f"baseline.{SUFFIX[fmt]}", render_check(report, fmt), update_golden)


def test_formats_are_deterministic() -> None:
    for fmt in CheckFormat:
        assert render_check(build_report(), fmt) == render_check(build_report(), fmt.value)


def test_text_is_one_line_per_field_and_terminal_safe() -> None:
    text = render_check(build_report(), CheckFormat.TEXT)
    lines = text.splitlines()
    assert lines[0] == (
        "calendars/q3, final.csv:2: error RTM101 promotional post on "
        "September 11 in US, a solemn date"
    )
    assert lines[2] == "    hint: move it to 12 September 2026 or drop the promotion"
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[31m" in text and "\\n" in text and "\\u202e" in text
    assert "RTM502" not in text  # suppressed findings are not shown
    assert render_check(dataclasses.replace(build_report(), findings=()), "text") == ""


def test_github_escaping() -> None:
    out = render_check(build_report(), CheckFormat.GITHUB)
    lines = out.splitlines()
    assert len(lines) == 3  # RTM101, RTM201, RTM503 (the suppressed RTM502 is left out)
    first = lines[0]
    assert first.startswith(
        "::error file=calendars/q3%2C final.csv,line=2,title=RTM101 promotion-on-solemn-date::"
    )
    message = first.split("::", 2)[2]
    assert "%25 off" in message and "%0A" in message and "\n" not in message
    assert "\x1b" not in out and "\u202e" not in out  # cannot style the job log
    assert lines[1].startswith("::warning ")
    props = lines[1].split("::")[1]
    assert "a,b" not in props  # properties escape ':' and ','


def test_json_has_every_finding_with_status() -> None:
    doc = json.loads(render_check(build_report(), CheckFormat.JSON))
    assert doc["counts"] == {"error": 1, "warning": 2, "suppressed": 1, "baselined": 0}
    assert doc["failed"] is True and doc["fail_on"] == "error" and doc["posts"] == 4
    assert [f["status"] for f in doc["findings"]] == ["new", "new", "suppressed", "new"]
    assert doc["findings"][2]["justification"] == "approved: legal, 2026-10-01"
    assert doc["findings"][0]["evidence"].endswith(NASTY)  # raw text survives JSON


def test_sarif_validates_and_carries_rules_locations_and_fingerprints() -> None:
    schema = json.loads((ASSETS / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    for report in (build_report(), build_report(baseline="b.json")):
        log = json.loads(render_check(report, CheckFormat.SARIF))
        jsonschema.validate(log, schema)
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == [r.code for r in RULES]
        assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
        for res in run["results"]:
            assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
            loc = res["locations"][0]["physicalLocation"]
            assert loc["artifactLocation"]["uri"] == "calendars/q3,%20final.csv"
            assert loc["region"]["startLine"] >= 1
            assert len(res["partialFingerprints"]["rtmScoreFinding/v1"]) == 16
    log = json.loads(render_check(build_report(), CheckFormat.SARIF))
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "approved: legal, 2026-10-01"}
    ]
    states = [
        r["baselineState"]
        for r in json.loads(render_check(build_report(baseline="b.json"), CheckFormat.SARIF))[
            "runs"
        ][0]["results"]
    ]
    assert states == ["new", "new", "new", "unchanged"]


def test_sarif_absolute_and_windows_paths() -> None:
    from rtm_score.check.formats.sarif import _location

    assert _location("/srv/cal.csv") == {"uri": "file:///srv/cal.csv"}
    assert _location("./plans/q4.csv") == {"uri": "plans/q4.csv", "uriBaseId": "%SRCROOT%"}
    assert _location("plans\\q4.csv") == {"uri": "plans/q4.csv", "uriBaseId": "%SRCROOT%"}


def test_junit_parses_with_one_testcase_per_row() -> None:
    xml = render_check(build_report(), CheckFormat.JUNIT)
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "1"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("line") for c in cases] == ["2", "4", "5", "6"]
    assert cases[0].get("name") == "line 2: p1 (2026-09-11)"
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "RTM101"
    assert "<b>&</b>" in (failure.text or "")  # escaped in XML, intact once parsed
    assert "\\x1b" in (failure.text or "")  # a character XML cannot hold, shown escaped
    assert cases[0].find("system-out") is not None  # the RTM201 warning does not fail
    assert cases[1].find("failure") is None and "suppressed" in (
        cases[1].findtext("system-out") or ""
    )
    assert cases[2].find("failure") is None and cases[2].find("system-out") is None
    strict = dataclasses.replace(build_report(), fail_on=Severity.WARNING)
    root = ET.fromstring(render_check(strict, CheckFormat.JUNIT).encode("utf-8"))
    assert root.get("failures") == "2"


def test_gitlab_code_quality() -> None:
    issues = json.loads(render_check(build_report(), CheckFormat.GITLAB))
    assert [i["check_name"] for i in issues] == ["RTM101", "RTM201", "RTM503"]
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "calendars/q3, final.csv"
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert issues[0]["severity"] == "critical" and issues[1]["severity"] == "minor"


def test_fingerprints_in_outputs_match_the_library() -> None:
    report = build_report()
    f: Finding = report.findings[0]
    post = report.posts[0]
    assert f.fingerprint == fingerprint("RTM101", post, "observance:september-11")
