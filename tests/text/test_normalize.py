"""Tests for rtm_score.text.normalize: Unicode form, URLs, mentions, underscores, control chars."""

from __future__ import annotations

import pytest

from rtm_score.text import normalize
from rtm_score.text.normalize import plain, squash


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # NFKC: full-width forms, ligatures and the ideographic space become plain text.
        ("\uff21\uff22\uff23\uff11\uff12\uff13", "ABC123"),  # full-width ABC123
        ("ﬁnal ﬂight", "final flight"),
        ("Tokyo\u3000Tower", "Tokyo Tower"),
        ("Ⅻ", "XII"),
        # URLs of every common shape are dropped, whatever their case.
        ("Watch https://t.co/AbC123 now", "Watch now"),
        ("See HTTP://EXAMPLE.COM/Path?q=1 today", "See today"),
        ("More at www.example.com/news.", "More at"),
        # @mentions keep the handle as a word; e-mail addresses are not mentions.
        ("@nasa launches Artemis", "nasa launches Artemis"),
        ("thanks @nasa_gov!", "thanks nasa gov!"),
        ("write to press@example.com", "write to press@example.com"),
        # Underscores read as spaces (Wikipedia titles, snake-case tags).
        ("Las_Vegas_shooting", "Las Vegas shooting"),
        ("#throw_back_thursday", "#throw back thursday"),
        # Control characters (C0 and C1) become spaces; whitespace collapses.
        ("Breaking\x1b[2J news\x07", "Breaking [2J news"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("live\x9b1m now\x00", "live 1m now"),
        ("  spaced    out  ", "spaced out"),
        # Typographic quotes and dashes fold to ASCII.
        (
            "Kellogg\u2019s \u201cnew\u201d cereal \u2014 out now \u2013 2026",
            'Kellogg\'s "new" cereal - out now - 2026',
        ),
        # Case is kept: hashtag splitting needs it.
        ("#DunkInTheDark", "#DunkInTheDark"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "\uff26\uff55\uff4c\uff4c width @someone_here https://x.y/z Las_Vegas\x1b[31m  red",
        "Kellogg\u2019s \u2014 #NBAFinals2024",
        "plain text",
    ],
)
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once


def test_normalize_leaves_no_control_characters() -> None:
    raw = (
        "".join(chr(c) for c in range(0x00, 0x20))
        + "x"
        + "".join(chr(c) for c in range(0x7F, 0xA0))
    )
    out = normalize(raw)
    assert out == "x"


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060", "\ufeff"])
def test_normalize_drops_invisible_format_characters(invisible: str) -> None:
    assert normalize(f"mass sh{invisible}ooting") == "mass shooting"


def test_plain_keeps_the_text_as_written_but_for_its_form() -> None:
    assert plain("It\u2019s a #Sale_Day @ https://x.y") == "It's a #Sale_Day @ https://x.y"
    assert plain("mass sh\u200booting") == "mass shooting"  # invisible characters go
    assert plain("\uff33\uff21\uff2c\uff25") == "SALE"  # full-width letters, NFKC


def test_squash_folds_a_name_for_comparison() -> None:
    assert squash("#Black_Lives-Matter") == "blacklivesmatter"
    assert squash("#PrayFor\u200bParis") == squash("prayforparis")
