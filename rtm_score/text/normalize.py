"""Normalising text: :func:`normalize` for what the pipeline analyses (Unicode form, URLs,
mentions, underscores, whitespace); :func:`plain` and :func:`squash` for text matched and
quoted as written (a post's copy, a hashtag)."""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@(\w+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible format characters (zero-width space and joiners, soft hyphen, word joiner, BOM, bidi
# controls) are removed, not spaced: "mass sh\u200booting" must still read "mass shooting".
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# What plain() folds: the apostrophes a keyboard or a phone types.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Typographic apostrophes (U+2019) and dashes are folded to ASCII so both spellings match.
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "_": " ",
    }
)


def normalize(text: str) -> str:
    """NFKC, drop URLs and control characters, ``@user`` -> ``user``, ``_`` -> space.

    Case is kept: hashtag splitting needs it. Wikipedia titles (``Las_Vegas_shooting``) and
    snake-case tags read as words.
    """
    # Each step runs only when the text can contain what it removes: most feed text is plain
    # ASCII without URLs or mentions, and these substitutions are a good part of the cost.
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if "://" in text or "www." in text.lower():
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(r"\1", text)
    text = text.translate(_FOLD) if not text.isascii() else text.replace("_", " ")
    # str.split() splits on exactly the whitespace that \s matches in a str pattern.
    return " ".join(text.split())


def plain(text: str) -> str:
    """NFKC with invisible format characters removed and typographic apostrophes made plain,
    nothing else changed: what a matcher reads when it quotes the match as written."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_PLAIN)


def squash(text: str) -> str:
    """A hashtag or name folded for comparison: ``#Black_Lives-Matter`` -> ``blacklivesmatter``."""
    return "".join(c for c in plain(text).casefold() if c.isalnum())
