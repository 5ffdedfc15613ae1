"""Hostile and broken input across commands (issue 10): exit 2 with a message, never a crash."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rtm_score.cli import app
from rtm_score.formatters import OutputFormat
from rtm_score.inputs import loads_json

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"
FEED = ROOT / "examples" / "feeds" / "big-game-day.csv"
DEEP = 100_000

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# --- nested too deeply -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "command"),
    [
        ("feed.json", "[" * DEEP, "score"),
        ("feed.jsonl", "[" * DEEP + "\n", "score"),
        ("calendar.json", "[" * DEEP, "check"),
        ("calendar.yaml", "posts: " + "[" * DEEP, "check"),
        ("profile.yaml", "name: " + "[" * DEEP, "validate"),
        ("profile.json", '{"name": ' + "[" * DEEP, "validate"),
    ],
)
def test_deep_nesting_is_an_input_error(tmp_path: Path, name: str, text: str, command: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    args = {
        "score": ("score", path, "--brand", BRAND),
        "check": ("check", path, "--brand", BRAND),
        "validate": ("validate", path),
    }[command]
    code, _out, err = run(*args)
    assert code in (1, 2) if command == "validate" else code == 2
    assert "Traceback" not in err and "RecursionError" not in err
    assert "deep" in err or "malformed" in err or "invalid" in err or "syntax" in err


def test_a_rule_file_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("id: x\nsignals: " + "[" * DEEP, encoding="utf-8")
    code, _out, err = run("score", FEED, "--brand", BRAND, "--rules", tmp_path)
    assert code == 2
    assert "nested too deeply" in err


# --- lone surrogates (a split emoji) ---------------------------------------------------------


def test_loads_json_makes_lone_surrogates_replacement_characters() -> None:
    assert loads_json('["a \\ud83d b", {"\\ude00": 1}, "\\ud83d\\ude00"]') == [
        "a \ufffd b",
        {"\ufffd": 1},
        "\U0001f600",  # a whole pair is the emoji it encodes
    ]


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_a_split_emoji_in_a_feed_is_scored_and_written(tmp_path: Path, fmt: str) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        '[{"topic": "Split \\ud83d emoji", "context": "fans cheer \\ude00 loudly"}]',
        encoding="utf-8",
    )
    out = tmp_path / f"report.{fmt}"
    code, _stdout, err = run("score", feed, "--brand", BRAND, "--format", fmt, "--output", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    # The playbook lists only engage, never and plays; this topic is a skip.
    assert "\ufffd" in text or fmt in ("table", "playbook")
    if fmt == "json":
        assert json.loads(text)["topics"][0]["topic"] == "Split \ufffd emoji"


def test_a_split_emoji_in_a_json_calendar_is_checked(tmp_path: Path) -> None:
    cal = tmp_path / "calendar.json"
    cal.write_text(
        '[{"date": "2026-03-02", "copy": "New flavour \\ud83d out now", "region": "US"}]',
        encoding="utf-8",
    )
    code, out, err = run("check", cal, "--brand", BRAND, "--format", "json")
    assert code in (0, 1), err
    json.loads(out)


# --- control characters in messages (not only in the report) --------------------------------

ESC_TEXTS = ["\x1b]52;c;ZXZpbA==\x07", "\x1b[2J", "\u202e", "\x9b31m"]


@pytest.mark.parametrize("evil", ESC_TEXTS)
def test_a_header_a_cell_and_a_file_name_reach_stderr_only_made_visible(
    tmp_path: Path, evil: str
) -> None:
    no_topic = tmp_path / "headers.csv"
    no_topic.write_text(f"{evil}name,context\nx,y\n", encoding="utf-8")
    bad_cell = tmp_path / "cells.csv"
    bad_cell.write_text(f"topic,volume\n#A,{evil}\n#B,5\n", encoding="utf-8")
    missing = tmp_path / f"feed{evil}.csv"
    for feed in (no_topic, bad_cell, missing):
        _code, _out, err = run("score", feed, "--brand", BRAND, "--format", "json")
        for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw not in err, (feed.name, err)


def test_a_brand_name_with_controls_is_made_visible_in_validate_and_summaries(
    tmp_path: Path,
) -> None:
    profile = tmp_path / "evil.yaml"
    profile.write_text(
        BRAND.read_text(encoding="utf-8").replace(
            "name: Crunchwell Snacks", 'name: "Crunch\\e[2Jwell"'
        ),
        encoding="utf-8",
    )
    other = tmp_path / "other.yaml"
    other.write_bytes(BRAND.read_bytes())
    _code, _out, err = run("score", FEED, "-b", profile, "-b", other, "-f", "jsonl")
    assert "Crunch\u241b[2Jwell" in err  # named in the summary, ESC shown as a picture
    assert "\x1b" not in err


# --- YAML aliases ("billion laughs") ------------------------------------------------------------

LAUGHS = "\n".join(
    ["a: &a [[], [], [], [], [], [], [], [], []]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


@pytest.mark.parametrize(
    ("name", "command", "extra"),
    [
        ("profile.yaml", "validate", ""),
        ("calendar.yaml", "check", "posts:\n  - date: 2026-01-01\n    copy: hi\n"),
        ("rules/x.yaml", "score", "id: x\n"),
    ],
)
def test_nested_yaml_aliases_are_refused_in_users_files(
    tmp_path: Path, name: str, command: str, extra: str
) -> None:
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(extra + LAUGHS + "\n", encoding="utf-8")
    args = {
        "validate": ("validate", path),
        "check": ("check", path, "--brand", BRAND),
        "score": ("score", FEED, "--brand", BRAND, "--rules", path.parent),
    }[command]
    code, _out, err = run(*args)
    assert code in (1, 2)
    assert "aliases" in err  # refused, and the message says what to remove


def test_a_long_run_of_spaces_in_rtm_ignore_is_read_at_once(tmp_path: Path) -> None:
    # The entry parser was a regex that took 100 s on 4,000 spaces; 100,000 would never end.
    cal = tmp_path / "calendar.csv"
    cal.write_text(
        "date,copy,rtm_ignore\n"
        f'2026-03-02,Try the new crunch,"RTM503{" " * 100_000}x"\n'
        f'2026-03-03,Try the new crunch,"{" " * 100_000}:"\n',
        encoding="utf-8",
    )
    code, out, err = run("check", cal, "--brand", BRAND, "--format", "json")
    assert code in (0, 1), err
    assert "RTM901" in out or "RTM900" in out


# --- outputs that would clobber inputs ---------------------------------------------------------

CALENDAR = ROOT / "examples" / "calendar" / "calendar.csv"


@pytest.mark.parametrize("which", ["calendar", "profile", "feed"])
def test_write_baseline_refuses_an_input(tmp_path: Path, which: str) -> None:
    files = {
        "calendar": tmp_path / "cal.csv",
        "profile": tmp_path / "brand.yaml",
        "feed": tmp_path / "feed.csv",
    }
    for name, src in (("calendar", CALENDAR), ("profile", BRAND), ("feed", FEED)):
        files[name].write_bytes(src.read_bytes())
    before = files[which].read_bytes()
    code, _out, err = run(
        "check", files["calendar"], "-b", files["profile"], "--feed", files["feed"],
        "--baseline", files[which], "--write-baseline",
    )  # fmt: skip
    assert code == 2 and "--baseline" in err and "is also an input" in err
    assert files[which].read_bytes() == before


def test_an_output_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(victim)
    for args in (
        ("score", FEED, "-b", BRAND, "-f", "json", "-o", link),
        ("check", CALENDAR, "-b", BRAND, "-o", link),
        ("check", CALENDAR, "-b", BRAND, "--baseline", link, "--write-baseline"),
    ):
        code, _out, err = run(*args)
        assert code == 2 and "is a symbolic link" in err
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_an_output_inside_a_rules_folder_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text("x", encoding="utf-8")
    code, _out, err = run("score", FEED, "-b", BRAND, "--rules", rules, "-o", rules / "mine.yaml")
    assert code == 2 and ("inside an input folder" in err or "is also an input" in err)
    code, _out, err = run("score", FEED, "-b", BRAND, "--rules", rules, "-o", rules / "new.yaml")
    assert code == 2 and "inside an input folder" in err
    assert (rules / "mine.yaml").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    "args",
    [
        ("score", FEED, "-b", BRAND, "--history", "h/newdir/"),
        ("check", CALENDAR, "-b", BRAND, "--baseline", "d/", "--write-baseline"),
    ],
)
def test_a_folder_name_is_refused_for_every_file_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str | Path, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(*args)
    assert code == 2 and "names a folder" in err
    assert list(tmp_path.iterdir()) == []


# --- invisible characters in machine-readable outputs ------------------------------------------

EVIL = "bidi\u202eevil\u202c del\x7f c1\x9b ls\u2028ps\u2029 rlm\u200f alm\u061c"


def test_check_outputs_escape_bidi_del_and_c1(tmp_path: Path) -> None:
    cal = tmp_path / "cal.csv"
    cal.write_text(f"id,date,copy\n{EVIL},2026-09-11,Flash sale 20% off {EVIL}\n", "utf-8")
    for fmt in ("json", "junit", "sarif", "gitlab", "text", "github"):
        _code, out, _err = run("check", cal, "-b", BRAND, "-f", fmt)
        assert "RTM101" in out, fmt  # gitlab carries no copy, the others quote it
        for raw in ("\u202e", "\u202c", "\x7f", "\x9b", "\u2028", "\u2029", "\u200f", "\u061c"):
            assert raw not in out, (fmt, raw)


def test_validate_and_history_escape_a_brand_name(tmp_path: Path) -> None:
    profile = tmp_path / "evil.yaml"
    text = BRAND.read_text(encoding="utf-8")
    profile.write_text(text.replace("name: Crunchwell Snacks", 'name: "Crunch\\u202e\\a"'), "utf-8")
    for fmt in ("text", "json"):
        _code, out, _err = run("validate", profile, "--format", fmt)
        assert "Crunch" in out and "\u202e" not in out and "\x07" not in out
    history = tmp_path / "h.sqlite"
    assert run("score", FEED, "-b", profile, "--history", history, "-q")[0] == 0
    for fmt in ("table", "json"):
        _code, out, _err = run("history", "--history", history, "--format", fmt)
        assert "Crunch" in out and "\u202e" not in out and "\x07" not in out


# --- odd numbers, dates, encodings and sizes (the sweep's findings) -----------------------------

BIG = "9" * 5000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("feed.json", f'[{{"topic": "A", "volume": {BIG}}}, {{"topic": "B"}}]'),
        ("feed.jsonl", f'{{"topic": "A", "id": {BIG}}}\n{{"topic": "B"}}\n'),
        ("x.json", f'[{{"trends": [{{"name": "#A", "tweet_volume": {BIG}}}, {{"name": "#B"}}]}}]'),
    ],
)
def test_a_five_thousand_digit_number_is_a_row_problem(
    tmp_path: Path, name: str, text: str
) -> None:
    feed = tmp_path / name
    feed.write_text(text, encoding="utf-8")
    code, out, err = run("score", feed, "-b", BRAND, "-f", "csv")
    assert code == 0, err
    assert "B" in out and "Traceback" not in err


def test_a_five_thousand_digit_rule_weight_is_an_input_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "big.yaml").write_text(
        "id: big\ncategory: violence\ntier: floor\nmessage: m\n"
        f"signals:\n  - {{kind: phrase, weight: {BIG}, terms: [foo]}}\n",
        encoding="utf-8",
    )
    code, _out, err = run("score", FEED, "-b", BRAND, "--rules", rules)
    assert code == 2 and "big.yaml" in err and "thousands of digits" in err


def test_loads_json_refuses_deep_rows_and_reads_huge_integers_as_floats() -> None:
    with pytest.raises(json.JSONDecodeError, match="nested deeper than 100 levels"):
        loads_json('[{"topic": ' + "[" * 150 + "]" * 150 + "}]")
    assert loads_json('{"v": ' + BIG + "}") == {"v": float("inf")}
    depth_100 = loads_json("[" * 100 + "]" * 100)
    for _ in range(99):
        depth_100 = depth_100[0]
    assert depth_100 == []


def test_dates_outside_the_supported_years_are_row_problems(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(
        '[{"topic": "A", "date": "9999-12-31"}, {"topic": "B", "date": "0001-01-01"},'
        ' {"topic": "C"}]',
        encoding="utf-8",
    )
    code, out, err = run("score", feed, "-b", BRAND, "-f", "csv")
    assert code == 0 and ",C," in out
    assert err.count("outside the years 1900-2999") == 2
    cal = tmp_path / "cal.csv"
    cal.write_text("id,date,copy\np1,9999-12-31T23:00-05:00,hello\n", encoding="utf-8")
    code, _out, err = run("check", cal, "-b", BRAND)
    assert code == 2 and "outside the years 1900-2999" in err


def test_a_very_long_time_zone_is_an_unknown_zone(tmp_path: Path) -> None:
    cal = tmp_path / "cal.csv"
    cal.write_text(f"id,date,copy,timezone\np1,2026-01-05 10:00,hi,{'A' * 100_000}\n", "utf-8")
    code, _out, err = run("check", cal, "-b", BRAND)
    assert code == 2 and "unknown time zone 'AAAA" in err and len(err) < 1000


def test_a_bad_shared_date_in_x_trends_keeps_every_trend(tmp_path: Path) -> None:
    feed = tmp_path / "x.json"
    feed.write_text(
        '[{"trends": [{"name": "#A"}, {"name": "#B"}], "as_of": "2026-13-45",'
        ' "locations": [{"name": "United States"}]}]',
        encoding="utf-8",
    )
    code, out, err = run("score", feed, "-b", BRAND, "-f", "csv", "--as-of", "2026-03-01")
    assert code == 0 and "#A" in out and "#B" in out, err


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
def test_utf16_without_a_bom_is_named(tmp_path: Path, codec: str) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_bytes("topic,context\nA,b\nC,d\n".encode(codec))
    code, _out, err = run("score", feed, "-b", BRAND)
    assert code == 2 and "UTF-16" in err and "iconv" in err


def test_a_code_repeated_in_rtm_ignore_makes_one_short_finding(tmp_path: Path) -> None:
    cal = tmp_path / "cal.csv"
    cal.write_text("id,date,copy,rtm_ignore\np1,2026-09-11,Flash sale," + "RTM503 " * 20_000 + "\n")
    _code, out, _err = run("check", cal, "-b", BRAND, "-f", "json")
    found = [f for f in json.loads(out)["findings"] if f["code"] == "RTM900"]
    assert len(found) == 1 and len(found[0]["evidence"]) < 200


def test_hashtags_in_both_copy_and_column_are_each_read_once(tmp_path: Path) -> None:
    tags = " ".join(f"#tag{i}" for i in range(3000))
    cal = tmp_path / "cal.csv"
    cal.write_text(f'id,date,copy,hashtags\np1,2026-09-11,"Sale {tags} #Aurora","{tags}"\n')
    code, _out, err = run("check", cal, "-b", BRAND, "-f", "json")
    assert code in (0, 1), err


def test_brand_in_output_names_the_file_for_one_brand_and_refuses_dot_names(
    tmp_path: Path,
) -> None:
    code, _out, _err = run(
        "score", FEED, "-b", BRAND, "-f", "json", "-o", tmp_path / "{brand}.json"
    )
    assert code == 0 and (tmp_path / "crunchwell-snacks.json").is_file()
    dots = tmp_path / "...yaml"
    dots.write_bytes(BRAND.read_bytes())
    target = tmp_path / "sub" / "{brand}" / "x.json"
    code, _out, err = run("score", FEED, "-b", dots, "-f", "json", "-o", target)
    assert code == 2 and "cannot name a report file" in err
    assert not (tmp_path / "x.json").exists()


# --- any bytes through the whole command -------------------------------------------------------

_PIECES = [
    *(b'"', b",", b"\n", b"\r", b"\x00", b"{", b"}", b"[", b"]", b":", b"topic", b"#A"),
    *(b"\\ud83d", b"\x1b[2J", b"\xe2\x80\xae", b"2026-02-09", b"9" * 40, b"<item>"),
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join),
    suffix=st.sampled_from([".csv", ".json", ".jsonl", ".xml", ".txt"]),
)
def test_any_feed_bytes_end_in_a_report_or_exit_2(tmp_path: Path, data: bytes, suffix: str) -> None:
    feed = tmp_path / f"feed{suffix}"
    feed.write_bytes(data)
    result = runner.invoke(app, ["score", str(feed), "-b", str(BRAND), "-f", "csv"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


# --- the second sweep's findings ---------------------------------------------------------------


def test_init_refuses_a_folder_name(tmp_path: Path) -> None:
    code, _out, err = run("init", f"{tmp_path / 'newdir'}/")
    assert code == 2 and "names a folder" in err and "brand.yaml" in err
    assert not (tmp_path / "newdir").exists()


def test_stdin_that_is_a_device_is_refused() -> None:
    from rtm_score.inputs import read_stream

    with open("/dev/zero", "rb") as zero, pytest.raises(OSError, match="is a device"):
        read_stream(zero)
    assert read_stream(io.BytesIO(b"topic\nA\n")) == b"topic\nA\n"  # no descriptor: read


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_as_history_is_refused(device: str) -> None:
    code, _out, err = run("history", "--history", device)
    assert code == 2 and "is a device or pipe, not a file" in err
    code, _out, err = run("score", FEED, "-b", BRAND, "--history", device)
    assert code == 2 and f"--history {device} is a device, a FIFO or a socket" in err


def test_an_integer_too_big_for_a_float_is_a_row_problem(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text('[{"topic": "A"}, {"topic": "B", "volume": ' + "9" * 309 + "}]", "utf-8")
    code, out, err = run("score", feed, "-b", BRAND, "-f", "csv")
    assert code == 0 and ",A," in out and "row 2" in err


def test_a_profile_through_a_pipe_is_read_whole_or_refused(tmp_path: Path) -> None:
    from rtm_score import inputs

    big = tmp_path / "big.yaml"
    big.write_text("name: Cut\n#" + "x" * inputs.MAX_CONFIG_BYTES + "\noff_limits: [a]\n", "utf-8")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(big.read_bytes()))
    writer.start()
    code, _out, err = run("validate", fifo)
    writer.join()
    assert code == 2 and "larger than" in err


def test_history_inside_a_rules_folder_and_links_out_of_it_are_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    code, _out, err = run("score", FEED, "-b", BRAND, "--rules", rules, "--history", rules / "h")
    assert code == 2 and "--history" in err and "inside an input folder" in err
    elsewhere = tmp_path / "real-rule.yaml"
    elsewhere.write_text("x", "utf-8")
    (rules / "mine.yaml").symlink_to(elsewhere)
    code, _out, err = run("score", FEED, "-b", BRAND, "--rules", rules, "-o", elsewhere)
    assert code == 2 and "is also an input" in err
    assert elsewhere.read_text("utf-8") == "x"


def test_json_lines_with_cr_only_line_ends_are_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"topic": "A"}\r{"topic": "B"}\r')
    code, out, _err = run("score", feed, "-b", BRAND, "-f", "csv")
    assert code == 0 and ",A," in out and ",B," in out


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])  # every format, new ones too
def test_implicit_bidi_marks_are_escaped_in_every_score_format(tmp_path: Path, fmt: str) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text("topic,context\n#Sale\u200f\u061c\u200e,snacks \u200f for game day\n", "utf-8")
    code, out, _err = run("score", feed, "-b", BRAND, "-f", fmt)
    assert code == 0 and "#Sale" in out
    assert not any(c in out for c in "\u200f\u061c\u200e"), fmt


# --- the third sweep's findings ----------------------------------------------------------------


def test_init_writes_only_yaml_files_and_force_writes_atomically(tmp_path: Path) -> None:
    code, _out, err = run("init", tmp_path / "brand.json")
    assert code == 2 and "give the file a .yaml name" in err
    target = tmp_path / "brand.yaml"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    code, _out, err = run("init", link, "--force")
    assert code == 2 and "symbolic link" in err and target.read_text("utf-8") == "old\n"
    assert run("init", target, "--force")[0] == 0 and "name:" in target.read_text("utf-8")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, _out, err = run("init", fifo, "--force")
    assert code == 2


def test_the_config_file_is_an_input_no_output_may_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "rtm-score.toml"
    config.write_text(f'brand = "{BRAND}"\n', "utf-8")
    for args in (
        ("score", FEED, "-f", "json", "-o", "rtm-score.toml"),
        ("check", CALENDAR, "--baseline", "rtm-score.toml", "--write-baseline"),
    ):
        code, _out, err = run(*args)
        assert code == 2 and "is also an input" in err
    assert config.read_text("utf-8") == f'brand = "{BRAND}"\n'


def test_a_broken_pyproject_above_is_harmless_unless_it_holds_our_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (tmp_path / "pyproject.toml").write_text("x = " + "[" * 900 + "]" * 900 + "\n", "utf-8")
    assert run("score", FEED, "-b", BRAND, "-f", "csv", "-q")[0] == 0
    (tmp_path / "pyproject.toml").write_text('[tool.rtm-score]\nbrand = "b.yaml\n', "utf-8")
    code, _out, err = run("config")
    assert code == 2 and "pyproject.toml" in err and "invalid TOML" in err


@pytest.mark.parametrize("limit", ["nan%", "nan", "inf%"])
def test_max_bad_rows_refuses_values_that_are_not_numbers(limit: str) -> None:
    code, _out, err = run("score", FEED, "-b", BRAND, "--max-bad-rows", limit)
    said = " ".join(err.replace("│", " ").split())  # the usage box wraps long lines
    assert code == 2 and "is not a row count or a percentage" in said
