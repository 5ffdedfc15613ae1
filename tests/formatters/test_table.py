"""Tests for the rich table formatter: golden text, literal feed text, control codes, ``top``."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from rtm_score.formatters._escape import one_line, visible_controls
from rtm_score.formatters.table import EXPLAIN_MAX, MAX_REASONS, build_table, render, shorten


def _colour_render(table: Table) -> str:
    out = io.StringIO()
    Console(
        file=out, width=160, force_terminal=True, color_system="standard", no_color=False
    ).print(table)
    return out.getvalue()


def test_golden_mixed_day(mixed_day_report, golden) -> None:
    golden.check("mixed_day/report.txt", render(mixed_day_report))


def test_title_has_brand_date_and_counts(mixed_day_report) -> None:
    first = render(mixed_day_report).splitlines()[0].strip()
    assert first == "Northwind Apparel · 2026-11-22 — 2 engage · 3 skip · 1 never"


def test_markup_in_feed_text_is_shown_literally(make_scored, make_report) -> None:
    report = make_report(
        [
            make_scored(
                "[bold]x[/] :fire: [link=https://evil.example]y[/link]",
                categories=["[red]cat[/red]"],
                reasons=[("r", "[blink]msg[/blink]")],
            )
        ],
        brand="[b]Brand[/b]",
    )
    text = render(report, width=200)
    for literal in ("[bold]x[/]", ":fire:", "[link=https://evil.example]y[/link]"):
        assert literal in text
    assert "[red]cat[/red]" in text
    assert "[blink]msg[/blink]" in text
    assert "[b]Brand[/b]" in text
    assert "🔥" not in text


def test_markup_cannot_style_a_colour_terminal(make_scored, make_report) -> None:
    report = make_report([make_scored("[bold red on white]x[/]", decision="skip")])
    out = _colour_render(build_table(report))
    assert "[bold red on white]x[/]" in out
    # The only styled cells are ours: the decision, the title and the headers.
    assert "\x1b[1;31;47m" not in out


def test_control_codes_are_made_visible(mixed_day_report) -> None:
    text = render(mixed_day_report, width=200)
    assert "Breaking␛[2J␛[31m NEWS ␇now\ufffd1m live" in text
    controls = {c for c in text if unicodedata.category(c) == "Cc" and c != "\n"}
    assert controls == set()


def test_control_codes_cannot_reach_a_live_terminal(make_scored, make_report) -> None:
    nasty = "a\x1b[2J\x1b]8;;https://evil.example\x07b\x1b]8;;\x07\rc\x9b31m\x08\x00d"
    report = make_report(
        [make_scored(nasty, categories=[nasty], reasons=[("r", nasty)], decision="never")],
        brand=nasty,
    )
    out = _colour_render(build_table(report))
    without_our_colours = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in without_our_colours
    assert not {c for c in out if unicodedata.category(c) == "Cc"} - {"\n", "\x1b"}


def test_decisions_are_coloured(make_scored, make_report) -> None:
    report = make_report(
        [
            make_scored("a", decision="engage"),
            make_scored("b", decision="skip"),
            make_scored("c", decision="never"),
        ]
    )
    out = _colour_render(build_table(report))
    assert "\x1b[1;32mengage" in out
    assert "\x1b[33mskip" in out
    assert "\x1b[1;31mnever" in out


def test_plain_render_has_no_escape_codes_and_respects_width(mixed_day_report) -> None:
    for width in (80, 120, 200):
        text = render(mixed_day_report, width=width)
        assert "\x1b" not in text
        assert max(cell_len(line) for line in text.splitlines()) <= width


def test_plain_render_has_no_trailing_blanks_and_one_final_newline(mixed_day_report) -> None:
    text = render(mixed_day_report)
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_numbers_have_two_decimals(make_scored, make_report) -> None:
    report = make_report([make_scored("x", relevance=0.456, sensitivity=0.1)])
    assert re.search(r"0\.46\s+0\.10", render(report))


def test_top_limits_rows_but_not_counts(mixed_day_report) -> None:
    text = render(mixed_day_report, top=2)
    assert "#AutumnLooks" in text
    assert "Fête des Lumières" in text
    assert "#Aurora" not in text
    assert "2 engage · 3 skip · 1 never" in text
    assert "showing the top 2 of 6 topics" in text


def test_top_zero_lists_nothing(mixed_day_report) -> None:
    text = render(mixed_day_report, top=0)
    assert "#AutumnLooks" not in text
    assert "showing the top 0 of 6 topics" in text


def test_row_errors_are_counted_in_the_caption(mixed_day_report, make_report) -> None:
    assert "2 feed rows could not be read and were skipped (rows 7, 12)" in render(mixed_day_report)
    one = make_report(errors=[(3, "bad")], topics=[])
    assert "1 feed row could not be read and was skipped (row 3)" in render(one)
    many = make_report(errors=[(r, "bad") for r in range(2, 10)])
    assert "8 feed rows could not be read and were skipped (rows 2, 3, 4, 5, 6, …)" in render(
        many, width=200
    )


def test_no_caption_without_errors_or_cuts(make_scored, make_report) -> None:
    text = render(make_report([make_scored("x")]))
    assert "skipped" not in text
    assert "showing" not in text


def test_empty_report_says_so(make_report) -> None:
    text = render(make_report())
    assert "0 engage · 0 skip · 0 never" in text
    assert "no topics to score" in text


def test_at_most_three_reasons_most_important_first(mixed_day_report) -> None:
    text = render(mixed_day_report, width=200)
    assert "• On the off-limits list: shootings" in text
    assert "• Death or injury reported" in text
    assert "Matches the product Aurora dress" not in text  # fourth reason
    assert "(+2 more)" in text
    assert MAX_REASONS == 3


def test_what_would_change_it_is_always_shown_last(make_scored, make_report) -> None:
    reasons = [("policy.never", "first"), ("sens.a", "second"), ("sens.b", "third")]
    reasons += [("sens.c", "fourth"), ("policy.what-if", "what would change it: nothing")]
    report = make_report([make_scored("x", decision="never", reasons=reasons)])
    lines = render(report, width=160).splitlines()
    shown = [
        line[line.index("•") :] if "•" in line else line.strip()
        for line in lines
        if "•" in line or "more)" in line
    ]
    assert shown == [
        "• first",
        "• second",
        "(+2 more)",
        "• what would change it: nothing",
    ]
    explained = render(report, width=160, explain=True)
    assert explained.index("fourth") < explained.index("what would change it")


def test_duplicate_reason_messages_are_shown_once(make_scored, make_report) -> None:
    report = make_report([make_scored("x", reasons=[("a", "same"), ("b", "same")])])
    assert render(report).count("• same") == 1


def test_long_reason_is_cut_with_an_ellipsis(mixed_day_report) -> None:
    text = render(mixed_day_report, width=120)
    assert "gunman" in text and "police at the scene" not in text
    # A wide terminal has room for it.
    assert "police at the scene" in " ".join(render(mixed_day_report, width=240).split())


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four", 12, "one two…"),
        ("averyveryverylongword", 10, "averyvery…"),
        ("ends with, comma here", 12, "ends with…"),
        ("multi\nline\ttext", 40, "multi line text"),
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain", "plain"),
        ("a\x1b[2Jb", "a␛[2Jb"),
        ("a\r\nb\rc\nd\te", "a b c d e"),
        ("  padded   inside  ", "padded inside"),
        ("bell\x07del\x7f", "bell␇del␡"),
        ("c1\x9bx\x85y", "c1\ufffdx y"),
        ("bidi\u202eevil\u2066", "bidi\ufffdevil\ufffd"),
        ("line\u2028para\u2029end", "line para end"),
        ("vt\x0bff\x0cx", "vt ff x"),
        ("東京 🍂 café", "東京 🍂 café"),
    ],
)
def test_one_line(raw: str, expected: str) -> None:
    assert one_line(raw) == expected


def test_visible_controls_keeps_what_it_is_told() -> None:
    assert visible_controls("a\tb\nc\x1b", keep="\t\n") == "a\tb\nc␛"
    assert visible_controls("a\tb") == "a␉b"


# --- layout at any width (issue 11) -----------------------------------------------------------


@pytest.mark.parametrize("width", [80, 160])
def test_golden_at_80_and_160_columns(mixed_day_report, golden, width: int) -> None:
    golden.check(f"mixed_day/report-{width}.txt", render(mixed_day_report, width=width))


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160, 240])
def test_a_hashtag_is_never_broken_mid_word(make_scored, make_report, width: int) -> None:
    names = ["#SnackStadium", "#NationalPizzaDay", "#WinterStormHarlan", "Three-point contest"]
    report = make_report([make_scored(n, reasons=[("r", "a reason " * 8)]) for n in names])
    text = render(report, width=width)
    for name in names:
        assert any(name.split()[0] in line for line in text.splitlines()), (width, name)
    assert max(cell_len(line) for line in text.splitlines()) <= width


def test_the_compact_layout_moves_categories_into_the_reasons(make_scored, make_report) -> None:
    report = make_report(
        [make_scored("#Storm", categories=["disaster", "death-injury"], reasons=[("r", "why")])]
    )
    narrow, wide = render(report, width=80), render(report, width=160)
    assert "categories" not in narrow.splitlines()[2] and "[disaster, death-injury]" in narrow
    assert "categories" in wide and "[disaster" not in wide


def test_explain_shows_every_reason_in_full(mixed_day_report) -> None:
    text = render(mixed_day_report, width=200, explain=True)
    assert "(+2 more)" not in text
    assert "Matches the product Aurora dress" in text  # the fourth reason
    assert "police at the scene" in text  # the long reason, uncut


def test_explain_cuts_a_name_or_reason_longer_than_any_reader_reads(
    make_scored, make_report
) -> None:
    name = "chips " * 50_000  # 300,000 characters: laid out whole, the table took minutes
    reason = ("sens.x", "about " + "words " * 50_000)
    text = render(make_report([make_scored(name, reasons=[reason])]), width=120, explain=True)
    assert len(text) < 4 * EXPLAIN_MAX + 5_000
    assert text.count("…") >= 2


def test_the_title_shows_the_feeds_own_days(make_scored, make_report) -> None:
    import datetime as dt

    day = dt.date(2026, 2, 8)
    one = make_report([make_scored("a", date=day)], as_of=dt.date(2026, 12, 2))
    assert "· 2026-02-08 —" in render(one).splitlines()[0]
    two = make_report(
        [make_scored("a", date=day), make_scored("b", date=day + dt.timedelta(days=1))],
        as_of=dt.date(2026, 12, 2),
    )
    assert "· 2026-02-08 to 2026-02-09 —" in render(two).splitlines()[0]
    undated = make_report([make_scored("a")], as_of=dt.date(2026, 12, 2))
    assert "· 2026-12-02 —" in render(undated).splitlines()[0]


def test_brand_stories_print_first_and_whole(story_report) -> None:
    out = render(story_report, top=1, width=80)
    assert out.index("The brand in the news (4)") < out.index("Acme Snacks")
    section = out[: out.index("Acme Snacks")]
    assert section.index("#AcmeRecall") < section.index("#Acme ") < section.index("Snackco")
    assert "listen first: Acme in the topic's name" in section
    assert "The brand in the news" not in render(
        dataclasses.replace(story_report, topics=story_report.topics[:1])
    )


def test_with_a_run_history_each_row_says_how_long_it_trended_and_its_momentum(
    make_scored, make_report
) -> None:
    import datetime as dt

    from rtm_score.models import History, TopicTrend

    report = make_report(
        [
            make_scored("#Up", id="u", decision="engage"),
            make_scored("#Peak", id="p", decision="skip"),
            make_scored("#Down", id="d", decision="skip"),
            make_scored("#Fresh", id="f", decision="skip"),
        ]
    )
    since = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    history = History(
        previous_run=since,
        trends=(
            TopicTrend("u", "#Up", since, 3, "rising", 0.333),
            TopicTrend("p", "#Peak", since, 3, "peaking", 0.05),
            TopicTrend("d", "#Down", since, 3, "fading", -0.333),
            TopicTrend("f", "#Fresh", report.generated_at, 1),
        ),
    )
    out = render(dataclasses.replace(report, history=history), width=160)
    assert "• trending for 3 runs, since 2026-11-20 09:00 UTC; rising (+33% volume)" in out
    assert "• trending for 3 runs, since 2026-11-20 09:00 UTC; peaking (+5% volume)" in out
    assert "• trending for 3 runs, since 2026-11-20 09:00 UTC; fading (-33% volume)" in out
    assert "• new since the previous run" in out
    assert "trending for" not in render(report, width=160)  # no history, no trend line
