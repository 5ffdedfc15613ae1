"""Tests for rtm_score.observances: packaged calendar data, date rules, matching, loading errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rtm_score.errors import RtmScoreError, RuleError
from rtm_score.observances import (
    Observance,
    ObservanceCalendar,
    ObservanceCategory,
    ObservanceSeverity,
    load_calendar,
    parse_calendar,
)
from rtm_score.observances.dates import TABLE, TABLE_YEARS, Holiday
from rtm_score.profile import BrandDate
from rtm_score.resources import read_text

ASSETS = Path(__file__).parent / "assets" / "observances"
D = dt.date


@pytest.fixture(scope="module")
def cal() -> ObservanceCalendar:
    return load_calendar()


def ids(observances: list[Observance]) -> list[str]:
    return [o.id for o in observances]


def _entry_ids() -> list[str]:
    return [e.id for e in load_calendar().entries]


# --- packaged data ----------------------------------------------------------------------------

REQUIRED_IDS = {
    "september-11",
    "pearl-harbor-remembrance-day",
    "remembrance-day",
    "remembrance-sunday",
    "armistice-day",
    "veterans-day",
    "memorial-day",
    "anzac-day",
    "holocaust-remembrance-day",
    "volkstrauertag",
    "dodenherdenking",
    "truth-and-reconciliation-day",
    "good-friday",
    "juneteenth",
    "martin-luther-king-jr-day",
    "oklahoma-city-bombing",
}


def test_packaged_calendar_covers_the_required_observances(cal: ObservanceCalendar) -> None:
    assert {e.id for e in cal.entries} >= REQUIRED_IDS
    assert len({e.id for e in cal.entries}) == len(cal)
    assert sum(e.category == "tragedy-anniversary" for e in cal.entries) >= 3


@pytest.mark.parametrize("oid", _entry_ids())
def test_packaged_entry_is_well_formed(cal: ObservanceCalendar, oid: str) -> None:
    e = cal.entry(oid)
    assert e.source.startswith("rtm_score/data/calendars/")
    assert e.category in {c.value for c in ObservanceCategory}
    assert e.severity in {s.value for s in ObservanceSeverity}
    assert e.note.endswith(".") and "\n" not in e.note
    assert e.examples_about, "every packaged entry needs texts that must match"
    assert e.examples_not_about, "every packaged entry needs texts that must not match"
    # it falls in every year from its start to 2035, once
    for year in range(max(e.since or 2000, 2000), 2036):
        occ = e.in_year(year)
        assert occ is not None and occ.date.year == year, (oid, year)


@pytest.mark.parametrize("oid", _entry_ids())
def test_packaged_entry_examples(cal: ObservanceCalendar, oid: str) -> None:
    e = cal.entry(oid)
    for text in e.examples_about:
        assert oid in ids(cal.about(text)), f"should be about {oid}: {text!r}"
    for text in e.examples_not_about:
        assert oid not in ids(cal.about(text)), f"should not be about {oid}: {text!r}"


def test_packaged_holiday_names_pass_the_check_a_users_file_gets() -> None:
    # At run time a packaged calendar skips checking holiday names against the holidays
    # package (it costs a tenth of a second); here each file gets the check a user's file gets.
    from rtm_score.resources import list_files

    for node in list_files("calendars", suffix=".yaml"):
        entries = parse_calendar(node.read_text(encoding="utf-8"), f"checked/{node.name}")
        assert entries, node.name


def test_example_failures_is_empty_for_packaged_data(cal: ObservanceCalendar) -> None:
    assert cal.example_failures() == []


def test_example_failures_reports_a_broken_example(tmp_path: Path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(
        (ASSETS / "extra.yaml").read_text().replace("Harbourton bakery", "Harbourton flood bakery")
    )
    problems = load_calendar(extra_files=[path]).example_failures()
    assert problems == [
        f"{path}: harbourton-flood: should not be about it: 'Harbourton flood bakery reopens'"
    ]


def test_severities_from_the_spec(cal: ObservanceCalendar) -> None:
    assert cal.entry("veterans-day").severity == "caution"
    assert cal.entry("memorial-day").severity == "solemn"
    assert cal.entry("september-11").severity == "solemn"
    assert cal.entry("september-11").category == "tragedy-anniversary"
    assert cal.entry("good-friday").category == "religious"
    assert cal.entry("good-friday").severity == "caution"
    assert cal.entry("holocaust-remembrance-day").regions == ("*",)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("oid", "expected"),
    [
        ("memorial-day", [D(2024, 5, 27), D(2025, 5, 26), D(2026, 5, 25)]),
        ("remembrance-sunday", [D(2024, 11, 10), D(2025, 11, 9), D(2026, 11, 8)]),
        ("good-friday", [D(2024, 3, 29), D(2025, 4, 18), D(2026, 4, 3)]),
        ("volkstrauertag", [D(2024, 11, 17), D(2025, 11, 16), D(2026, 11, 15)]),
        ("martin-luther-king-jr-day", [D(2024, 1, 15), D(2025, 1, 20), D(2026, 1, 19)]),
        ("yom-hazikaron", [D(2024, 5, 13), D(2025, 4, 30), D(2026, 4, 21)]),
        ("september-11", [D(2024, 9, 11), D(2025, 9, 11), D(2026, 9, 11)]),
    ],
)
def test_dates_in_several_years(cal: ObservanceCalendar, oid: str, expected: list[dt.date]) -> None:
    got = [o.date for y in (2024, 2025, 2026) for o in cal.in_year(y) if o.id == oid]
    assert got == expected


def test_nth_weekday_last_and_fifth(tmp_path: Path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(
        "observances:\n"
        "  - {id: last-monday-may, name: A, regions: [US], category: remembrance,"
        " severity: solemn, note: A., keywords: [alpha day],"
        " nth_weekday: {month: 5, weekday: mon, n: -1}}\n"
        "  - {id: fifth-friday-may, name: B, regions: [US], category: remembrance,"
        " severity: solemn, note: B., keywords: [beta day],"
        " nth_weekday: {month: 5, weekday: 4, n: 5}}\n"
    )
    c = load_calendar(extra_files=[path])
    last = c.entry("last-monday-may").in_year(2026)
    assert last is not None and last.date == D(2026, 5, 25)
    # May 2026 has five Fridays (1, 8, 15, 22, 29); May 2027 has four, so no fifth one
    fifth = c.entry("fifth-friday-may").in_year(2026)
    assert fifth is not None and fifth.date == D(2026, 5, 29)
    assert c.entry("fifth-friday-may").in_year(2027) is None


def test_since_is_respected(cal: ObservanceCalendar) -> None:
    assert "truth-and-reconciliation-day" not in ids(cal.in_year(2020))
    assert "truth-and-reconciliation-day" in ids(cal.in_year(2021))
    assert "september-11" not in ids(cal.in_year(2001))


def test_in_year_is_sorted_by_date_then_id(cal: ObservanceCalendar) -> None:
    got = cal.in_year(2026)
    assert got == sorted(got, key=lambda o: (o.date, o.id))
    nov11 = [o.id for o in got if o.date == D(2026, 11, 11)]
    assert nov11 == ["armistice-day", "remembrance-day", "veterans-day"]


def test_in_year_filters_by_region(cal: ObservanceCalendar) -> None:
    us = ids(cal.in_year(2026, ["US"]))
    assert "veterans-day" in us and "holocaust-remembrance-day" in us
    assert "remembrance-day" not in us and "anzac-day" not in us


# --- regions and windows ----------------------------------------------------------------------


def test_on_filters_by_region(cal: ObservanceCalendar) -> None:
    day = D(2026, 11, 11)
    assert ids(cal.on(day, ["US"])) == ["veterans-day"]
    assert ids(cal.on(day, ["CA"])) == ["remembrance-day"]
    assert ids(cal.on(day, ["FR"])) == ["armistice-day"]
    assert ids(cal.on(day, ["US", "CA"])) == ["remembrance-day", "veterans-day"]
    assert ids(cal.on(day)) == ["armistice-day", "remembrance-day", "veterans-day"]
    assert cal.on(day, ["JP"]) == []


def test_everywhere_observance_applies_to_any_region(cal: ObservanceCalendar) -> None:
    assert ids(cal.on(D(2026, 1, 27), ["JP"])) == ["holocaust-remembrance-day"]


def test_region_aliases_in_queries(cal: ObservanceCalendar) -> None:
    assert ids(cal.on(D(2026, 11, 8), ["uk"])) == ["remembrance-sunday"]
    assert ids(cal.on(D(2026, 11, 11), "US")) == ["veterans-day"]


def test_window_before_counts_the_evening_before(cal: ObservanceCalendar) -> None:
    assert ids(cal.on(D(2026, 4, 20), ["IL"])) == ["yom-hazikaron"]
    assert ids(cal.on(D(2026, 4, 21), ["IL"])) == ["yom-hazikaron"]
    assert cal.on(D(2026, 4, 22), ["IL"]) == []
    assert cal.on(D(2026, 4, 19), ["IL"]) == []


def test_no_window_means_the_day_only(cal: ObservanceCalendar) -> None:
    assert cal.on(D(2026, 9, 10), ["US"]) == []
    assert ids(cal.on(D(2026, 9, 11), ["US"])) == ["september-11"]
    assert cal.on(D(2026, 9, 12), ["US"]) == []


def test_window_crossing_new_year() -> None:
    c = load_calendar(extra_files=[ASSETS / "extra.yaml"])
    occ = c.on(D(2027, 1, 1), ["GB"])  # 2026-12-30 + 2 days after
    assert [(o.id, o.date) for o in occ] == [("harbourton-flood", D(2026, 12, 30))]
    assert occ[0].first_day == D(2026, 12, 29) and occ[0].last_day == D(2027, 1, 1)
    assert ids(c.on(D(2026, 12, 29), ["IE"])) == ["harbourton-flood"]
    assert c.on(D(2027, 1, 2), ["GB"]) == []
    assert c.on(D(2026, 12, 28), ["GB"]) == []


def test_on_returns_a_fresh_list(cal: ObservanceCalendar) -> None:
    first = cal.on(D(2026, 11, 11))
    first.clear()
    assert len(cal.on(D(2026, 11, 11))) == 3


# --- next_clear_day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "regions", "expected"),
    [
        (D(2026, 11, 11), ["CA"], D(2026, 11, 12)),
        (D(2026, 11, 10), ["GB"], D(2026, 11, 12)),
        (D(2026, 11, 7), ["GB"], D(2026, 11, 9)),  # Remembrance Sunday on the 8th
        (D(2026, 11, 10), ["US"], D(2026, 11, 11)),  # Veterans Day is caution, not solemn
        (D(2026, 4, 19), ["IL"], D(2026, 4, 22)),  # Yom HaZikaron from the evening before
        (D(2026, 9, 10), ["US"], D(2026, 9, 12)),
    ],
)
def test_next_clear_day(
    cal: ObservanceCalendar, day: dt.date, regions: list[str], expected: dt.date
) -> None:
    assert cal.next_clear_day(day, regions) == expected


def test_next_clear_day_skips_adjacent_brand_window() -> None:
    c = load_calendar(extra=[BrandDate(name="Plant fire", date="11-12", window_days=1)])
    # Remembrance Day 11-11, then the brand's own date covers 11-11 .. 11-13
    assert c.next_clear_day(D(2026, 11, 10), ["CA"]) == D(2026, 11, 14)


def test_next_clear_day_gives_up_with_an_error() -> None:
    always = [BrandDate(name=f"Day {m}", date=f"{m:02d}-15", window_days=31) for m in range(1, 13)]
    with pytest.raises(RtmScoreError, match="no day clear"):
        load_calendar(extra=always).next_clear_day(D(2026, 1, 1))


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/11", "september-11"),
        ("Sept. 11 memorial", "september-11"),
        ("#PatriotDay", "september-11"),
        ("#PearlHarbor", "pearl-harbor-remembrance-day"),
        ("#RemembranceDay", "remembrance-day"),
        ("#LestWeForget", "anzac-day"),
        ("#lestweforget", "remembrance-day"),
        ("REMEMBRANCE DAY!!!", "remembrance-day"),
        ("Anzacs at dawn", "anzac-day"),
        ("Memorial Day's best deals", "memorial-day"),
    ],
)
def test_about_normalises_text(cal: ObservanceCalendar, text: str, expected: str) -> None:
    assert expected in ids(cal.about(text))


@pytest.mark.parametrize(
    "text",
    ["Dial 911", "19/11 release", "Memorial service for the singer", "Poppy Playtime", ""],
)
def test_about_finds_nothing(cal: ObservanceCalendar, text: str) -> None:
    assert cal.about(text) == []


def test_about_with_day_and_regions(cal: ObservanceCalendar) -> None:
    text = "Remembrance Day sale: 20% off"
    assert ids(cal.about(text, D(2026, 11, 11), ["CA"])) == ["remembrance-day"]
    assert cal.about(text, D(2026, 11, 11), ["US"]) == []
    assert cal.about(text, D(2026, 11, 12), ["CA"]) == []
    got = cal.about(text, D(2026, 11, 11))
    assert [(o.id, o.date) for o in got] == [("remembrance-day", D(2026, 11, 11))]


def test_about_several_observances_sorted_by_id(cal: ObservanceCalendar) -> None:
    got = ids(cal.about("#LestWeForget #RemembranceSunday at the Cenotaph"))
    assert got == ["anzac-day", "remembrance-day", "remembrance-sunday"]
    assert ids(cal.about("#LestWeForget", D(2026, 4, 25), ["NZ"])) == ["anzac-day"]


def test_about_without_day_gives_a_real_occurrence(cal: ObservanceCalendar) -> None:
    (occ,) = cal.about("Truth and Reconciliation")
    assert occ.id == "truth-and-reconciliation-day"
    assert occ.date == D(2021, 9, 30)


def test_exclude_only_vetoes_keywords_inside_it(cal: ObservanceCalendar) -> None:
    assert cal.about("poppy seed cake") == []
    assert "remembrance-day" in ids(cal.about("poppy seed cake and a poppy for the fallen"))


def test_observance_is_frozen(cal: ObservanceCalendar) -> None:
    occ = cal.on(D(2026, 11, 11), ["CA"])[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        occ.name = "x"  # type: ignore[misc]


# --- brand dates ------------------------------------------------------------------------------


def test_brand_dates_become_solemn_observances() -> None:
    bd = BrandDate(
        name="Plant 4 fire anniversary",
        date="03-14",
        regions=("us",),
        keywords=("plant 4 fire", "#Plant4"),
        window_days=1,
    )
    c = load_calendar(extra=[bd])
    (occ,) = [o for o in c.on(D(2026, 3, 13), ["US"]) if o.category == "brand"]
    assert occ.id == "brand-plant-4-fire-anniversary"
    assert occ.severity == "solemn" and occ.regions == ("US",)
    assert (occ.date, occ.window_before, occ.window_after) == (D(2026, 3, 14), 1, 1)
    assert ids(c.about("Remembering the #Plant4 crew", D(2026, 3, 15), ["US"])) == [occ.id]
    assert c.about("Remembering the #Plant4 crew", D(2026, 3, 16), ["US"]) == []
    assert "brand-plant-4-fire-anniversary" not in ids(c.on(D(2026, 3, 14), ["CA"]))


def test_brand_date_defaults_one_off_and_leap_day() -> None:
    c = load_calendar(
        extra=[
            BrandDate(name="Recall Day", date="2026-05-01"),
            BrandDate(name="Recall Day", date="02-29"),
        ]
    )
    once, leap = c.entry("brand-recall-day"), c.entry("brand-recall-day-2")
    assert once.regions == ("*",) and once.keywords == ("Recall Day",)
    assert once.in_year(2026) is not None and once.in_year(2027) is None
    assert ids(c.about("Recall day again")) == ["brand-recall-day", "brand-recall-day-2"]
    assert leap.in_year(2027) is None
    leap_2028 = leap.in_year(2028)
    assert leap_2028 is not None and leap_2028.date == D(2028, 2, 29)


@pytest.mark.parametrize(
    ("bd", "fragment"),
    [
        (BrandDate(name="Bad", date="2026-13-01"), "dates[0] ('Bad'): expected a date"),
        (BrandDate(name="Bad", date="11/11"), 'expected a date "MM-DD" or "YYYY-MM-DD"'),
        (BrandDate(name="Wide", date="11-11", window_days=90), "window_days"),
        (BrandDate(name="Vague", date="11-11", keywords=("day",)), "too generic"),
    ],
)
def test_bad_brand_date(bd: BrandDate, fragment: str) -> None:
    with pytest.raises(RuleError) as err:
        load_calendar(extra=[bd])
    assert fragment in str(err.value)
    assert str(err.value).startswith("brand profile: ")


# --- extra files and errors -------------------------------------------------------------------


def test_extra_file_is_loaded() -> None:
    c = load_calendar(extra_files=[ASSETS / "extra.yaml"])
    assert len(c) == len(load_calendar()) + 1
    assert c.entry("harbourton-flood").source == str(ASSETS / "extra.yaml")
    assert c.example_failures() == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bad_severity.yaml",
            "observances[0].severity (line 7): unknown severity 'high'\n"
            "  hint: use solemn or caution",
        ),
        ("no_rule.yaml", "observances[1] (line 10): expected exactly one date rule, got none"),
        ("two_rules.yaml", "observances[0] (line 2): expected exactly one date rule, got fixed, "),
        ("unknown_key.yaml", "observances[0].windw_after (line 10): unknown key 'windw_after'"),
        ("bad_yaml.yaml", "line 4, column 12: YAML syntax error"),
        ("bad_holiday.yaml", "holidays.name (line 5): US has no holiday named 'Memorial Dya'"),
        ("norway.yaml", "observances[0].regions[0] (line 4): expected text, got the YAML boolean"),
        ("generic_keyword.yaml", "keywords[1] (line 9): 'memorial' is too generic"),
        ("bad_date.yaml", "observances[0].fixed (line 5): expected a date \"MM-DD\", got '02-30'"),
        ("not_a_list.yaml", "expected a mapping of keys, got a list"),
        ("duplicate.yaml", "duplicate observance id 'anzac-day' (also in rtm_score/data/cal"),
    ],
)
def test_malformed_calendar_file(name: str, expected: str) -> None:
    path = ASSETS / "broken" / name
    with pytest.raises(RuleError) as err:
        load_calendar(extra_files=[path])
    message = str(err.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert err.value.source == str(path)


def test_hints_for_fixable_mistakes() -> None:
    def hint(name: str) -> str:
        with pytest.raises(RuleError) as err:
            load_calendar(extra_files=[ASSETS / "broken" / name])
        (problem,) = err.value.problems
        return problem.hint or ""

    assert hint("unknown_key.yaml").startswith("allowed keys here: id, name, regions")
    assert hint("bad_holiday.yaml") == "did you mean 'Memorial Day'?"
    assert hint("norway.yaml") == 'quote this value, e.g. "NO" for Norway'


def test_missing_extra_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RuleError, match="cannot read calendar file") as err:
        load_calendar(extra_files=[missing])
    assert err.value.source == str(missing)


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("id: Not_Kebab", "id must be lower-case letters, digits and dashes, got 'Not_Kebab'"),
        ("regions: [USA]", "unknown region code 'USA'"),
        ("regions: [US-CA]", "'US-CA' is a subdivision; an observance applies to whole countries"),
        ('regions: ["*", US]', "'*' (everywhere) must be the only region"),
        ("window_before: 40", "window_before (line 10): must be 31 or less, got 40"),
        ("category: birthday", "unknown category 'birthday'\n  hint: use remembrance, tragedy-"),
        ("keywords: []", "keywords (line 9): must list at least one entry"),
        ("keywords: ['!!!']", "'!!!' has no letters or digits to match"),
        ("examples: {about: [x], bad: [y]}", "examples.bad (line 10): unknown key 'bad'"),
    ],
)
def test_field_validation(tmp_path: Path, snippet: str, expected: str) -> None:
    base = {
        "id": "id: ok-day",
        "name": "name: OK",
        "regions": "regions: [US]",
        "fixed": 'fixed: "03-03"',
        "category": "category: remembrance",
        "severity": "severity: solemn",
        "note": "note: Fine.",
        "keywords": "keywords: [ok day]",
    }
    key = snippet.split(":")[0]
    base[key] = snippet
    path = tmp_path / "cal.yaml"
    path.write_text("observances:\n  - " + "\n    ".join(base.values()) + "\n")
    with pytest.raises(RuleError) as err:
        load_calendar(extra_files=[path])
    assert expected in str(err.value)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("nth_weekday: {month: 13, weekday: monday, n: 1}", "nth_weekday.month (line 9): must"),
        ("nth_weekday: {month: 5, weekday: funday, n: 1}", "expected a weekday name"),
        ("nth_weekday: {month: 5, weekday: monday, n: 0}", "not 0"),
        ("nth_weekday: {month: 5, weekday: monday}", "nth_weekday.n (line 9): missing required"),
        ('weekday_on_or_after: {date: "11-31", weekday: sunday}', "weekday_on_or_after.date"),
        ("holidays: {country: XX, name: Foo}", "the holidays package rejects it"),
        ("holidays: {country: US, name: Memorial Day, colour: red}", "holidays.colour (line 9): "),
    ],
)
def test_date_rule_validation(tmp_path: Path, rule: str, expected: str) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(
        "observances:\n  - id: ok-day\n    name: OK\n    regions: [US]\n    category: remembrance\n"
        f"    severity: solemn\n    note: Fine.\n    keywords: [ok day]\n    {rule}\n"
    )
    with pytest.raises(RuleError) as err:
        load_calendar(extra_files=[path])
    assert expected in str(err.value)


# --- the packaged holidays, precomputed ----------------------------------------------------


def _packaged_holidays() -> dict[str, Holiday]:
    return {e.rule.key: e.rule for e in load_calendar().entries if isinstance(e.rule, Holiday)}


def test_every_packaged_holiday_is_in_the_table() -> None:
    table = json.loads(read_text(*TABLE))
    assert table["years"] == [TABLE_YEARS[0], TABLE_YEARS[-1]]
    rules = _packaged_holidays()
    assert rules, "the packaged calendars have holidays: rules"
    # A rule added to a calendar without rebuilding the table fails here.
    assert sorted(table["dates"]) == sorted(rules), "run scripts/build_holiday_table.py"
    for key in rules:
        assert sorted(map(int, table["dates"][key])) == list(TABLE_YEARS), key


def test_the_table_agrees_with_the_holidays_package() -> None:
    table = json.loads(read_text(*TABLE))
    rules = _packaged_holidays()
    assert len(table["examples"]) >= 3 * len(rules)
    for ex in table["examples"]:
        rule, year = rules[ex["rule"]], ex["year"]
        computed = rule.computed(year)
        assert ex["date"] == (computed.isoformat() if computed else None), ex
        assert rule.date_in(year) == computed  # what scoring reads is what the package says


def test_a_year_outside_the_table_asks_the_package() -> None:
    good_friday = _packaged_holidays()["GB|||Good Friday"]
    assert TABLE_YEARS[0] > 1990
    assert good_friday.date_in(1990) == dt.date(1990, 4, 13) == good_friday.computed(1990)


def test_a_run_on_the_packaged_calendar_does_not_import_holidays() -> None:
    code = (
        "import sys, datetime as dt; from rtm_score.observances import load_calendar; "
        "cal = load_calendar(); [cal.on(dt.date(2026, m, 1) + dt.timedelta(days=d)) "
        "for m in (1, 4, 5, 11) for d in range(28)]; print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
