"""Reading calendars: formats, columns, file and line of each row, and clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rtm_score.check import read_calendar
from rtm_score.errors import CalendarError


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_keep_their_lines_even_after_multiline_cells(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cal.csv",
        (
            "ID,Publish Date,Copy,Hashtags,Region,Channel,Owner,rtm_ignore\n"
            "\n"
            'p1,2026-09-11,"Get 20% off, today only","#Sale #Deals",US,x,sam,\n'
            'p2,2026-09-10 23:30 America/Los_Angeles,"two\nline copy",,"US-CA, uk",ig,jo,'
            '"RTM101: approved"\n'
            "p3,2026-09-12,plain,,,,,\n"
        ),
    )
    posts = read_calendar(path)
    assert [(p.id, p.line, p.row) for p in posts] == [("p1", 3, 1), ("p2", 4, 2), ("p3", 6, 3)]
    p1, p2, p3 = posts
    assert p1.copy == "Get 20% off, today only"
    assert p1.hashtags == ("Sale", "Deals")
    assert p1.regions == ("US",) and p1.channel == "x"
    assert p1.when.value == dt.date(2026, 9, 11)
    assert p2.copy == "two\nline copy"
    assert p2.regions == ("US-CA", "GB")
    assert p2.timezone == "America/Los_Angeles"
    assert p2.ignore == "RTM101: approved"
    assert p3.regions == () and p3.source == str(path)


def test_tsv_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "cal.tsv", "\ufeffdate\ttext\n2026-01-27\tWe remember.\n".encode())
    (post,) = read_calendar(path)
    assert post.copy == "We remember." and post.line == 2


def test_semicolon_csv_from_a_spreadsheet_and_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "cal.csv", "Date;Copy;Region\n2026-09-11;Save 20%, today;US\n")
    (post,) = read_calendar(path)
    assert post.copy == "Save 20%, today" and post.regions == ("US",)
    assert read_calendar(write(tmp_path, "h.csv", "date,copy\n")) == []


def test_separate_time_and_timezone_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path, "cal.csv", "date,time,tz,copy\n2026-09-10,23:30,America/Los_Angeles,hello\n"
    )
    (post,) = read_calendar(path)
    assert post.when.value == dt.datetime(2026, 9, 10, 23, 30)
    assert post.timezone == "America/Los_Angeles"


def test_yaml_lines_and_raw_scalars(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cal.yaml",
        (
            "# planned posts\n"
            "posts:\n"
            "  - id: y1\n"
            "    date: 2026-09-11\n"
            "    copy: Hello\n"
            "    region: NO\n"  # Norway, not False
            "    hashtags: [Aurora, '#Dress']\n"
            "\n"
            "  - date: 2026-11-11T10:00-05:00\n"
            "    copy: null\n"
            "    id: 0012\n"
        ),
    )
    y1, y2 = read_calendar(path)
    assert (y1.line, y2.line) == (3, 9)
    assert y1.regions == ("NO",)
    assert y1.when.value == dt.date(2026, 9, 11)
    assert y1.hashtags == ("Aurora", "Dress")
    assert y2.copy == "" and y2.id == "0012"  # the id as written, not the number 10 (octal)


def test_yaml_top_level_list(tmp_path: Path) -> None:
    path = write(
        tmp_path, "cal.yml", "- date: '2026-09-11'\n  text: a\n- date: 2026-09-12\n  text: b\n"
    )
    assert [p.line for p in read_calendar(path)] == [1, 3]


def test_json_array_and_wrapper_object_lines(tmp_path: Path) -> None:
    arr = write(
        tmp_path,
        "a.json",
        '[\n {"date": "2026-09-11", "copy": "a"},\n\n'
        ' {"date": "2026-09-12", "copy": "b", "id": 7, "region": ["US", "CA"]}\n]\n',
    )
    a, b = read_calendar(arr)
    assert (a.line, b.line) == (2, 4)
    assert b.id == "7" and b.regions == ("US", "CA")
    wrapped = write(
        tmp_path,
        "w.json",
        '{"brand": "x", "meta": {"posts": 1},\n "posts": [\n'
        '  {"date": "2026-09-11", "copy": "a"}]}',
    )
    (w,) = read_calendar(wrapped)
    assert w.line == 3


def test_jsonl(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cal.jsonl",
        '{"date": "2026-09-11", "copy": "a"}\n\n{"date": "2026-09-12", "copy": "b"}\n',
    )
    assert [p.line for p in read_calendar(path)] == [1, 3]


def test_empty_yaml_and_json_give_no_posts(tmp_path: Path) -> None:
    assert read_calendar(write(tmp_path, "e.yaml", "# nothing yet\n")) == []
    assert read_calendar(write(tmp_path, "e.json", "[]")) == []


# -- malformed calendars: the message names the file and the line ------------------------------


def error_of(path: Path) -> CalendarError:
    with pytest.raises(CalendarError) as info:
        read_calendar(path)
    return info.value


def test_bad_date_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "cal.csv", "date,copy\n2026-09-11,ok\n09/11/2026,bad\n2026-02-30,also bad\n"
    )
    err = error_of(path)
    assert err.source == str(path) and err.where == "line 3"
    assert "cannot read '09/11/2026' as a date" in err.message
    assert [(p.where, p.message) for p in err.problems] == [
        ("line 3", "cannot read '09/11/2026' as a date"),
        ("line 4", "cannot read '2026-02-30' as a date"),
    ]
    assert err.hint is not None and "YYYY-MM-DD" in err.hint
    assert str(err).startswith(f"{path}: line 3: cannot read")


def test_unquoted_comma_is_reported_with_a_quoting_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "cal.csv", "date,copy,region\n2026-09-11,Sale, today only,US\n")
    err = error_of(path)
    assert err.where == "line 2"
    assert "4 cells but the header has 3" in err.message
    assert err.hint is not None and "quotes" in err.hint


def test_missing_columns(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "cal.csv", "when_posted,copy\n2026-09-11,x\n"))
    assert err.where == "line 1" and "no date column" in err.message
    assert "when_posted" in err.message  # shows what it found
    err = error_of(
        write(tmp_path, "cal.yaml", "- date: 2026-09-11\n- date: 2026-09-12\n  copy: b\n")
    )
    assert err.where == "line 1" and "no copy" in err.message


def test_bad_zone_region_and_conflicting_zone(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "a.csv", "date,copy,timezone\n2026-09-11,x,Mars/Base\n"))
    assert err.where == "line 2" and "unknown time zone 'Mars/Base'" in err.message
    err = error_of(write(tmp_path, "b.csv", "date,copy,region\n2026-09-11,x,Canada\n"))
    assert err.message == "unknown region code 'Canada'"
    assert err.hint == "write CA (ISO 3166-1 alpha-2) for 'Canada'"
    err = error_of(
        write(
            tmp_path, "c.csv", "date,copy,timezone\n2026-09-11 10:00 Europe/Paris,x,Europe/London\n"
        )
    )
    assert "zone in one place only" in (err.hint or "")


def test_malformed_yaml_json_and_encoding(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "a.yaml", "posts:\n  - date: 2026-09-11\n    copy: [unclosed\n"))
    assert err.where is not None and err.where.startswith("line ")
    assert "malformed YAML" in err.message
    err = error_of(
        write(tmp_path, "b.json", '[\n {"date": "2026-09-11", "copy": "a"},\n {"date": }\n]')
    )
    assert err.where == "line 3" and "malformed JSON" in err.message
    err = error_of(write(tmp_path, "c.jsonl", '{"date": "2026-09-11", "copy": "a"}\n[1, 2]\n'))
    assert err.where == "line 2" and "must be a JSON object" in err.message
    err = error_of(write(tmp_path, "d.csv", b"date,copy\n2026-09-11,caf\xe9\n"))
    assert err.where == "line 2" and "not UTF-8" in err.message
    err = error_of(write(tmp_path, "e.yaml", "posts:\n  - just text\n"))
    assert err.where == "line 2" and "mapping" in err.message
    err = error_of(write(tmp_path, "f.json", '{"rows_total": 3}'))
    assert "'posts' list" in err.message


def test_missing_empty_and_unknown_files(tmp_path: Path) -> None:
    assert "not found" in error_of(tmp_path / "nope.csv").message
    assert "empty" in error_of(write(tmp_path, "e.csv", "\n\n")).message
    err = error_of(write(tmp_path, "cal.xlsx", "x"))
    assert "cannot tell the calendar format" in err.message and ".csv" in (err.hint or "")
