"""Tokens for keyword look-ups (the calendar's observances): accents, case, punctuation,
ordinals and hashtag capitals folded away, and a slash between digits kept (``9/11``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from .hashtags import CAMEL_BOUNDARY
from .normalize import plain
from .patterns import Probe

__all__ = ["keyword_tokens", "normalise_tokens"]

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_ANY = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
# A cheap test for whether CAMEL_BOUNDARY can change a text at all (most texts: no).
_CAMEL_ANY = Probe(re.compile(r"[a-z][A-Z]|[A-Z][A-Z][a-z]|[A-Za-z]\d|\d[A-Za-z]"))
_TOKEN = re.compile(r"[^\W_]+|(?<=\d)/(?=\d)")


@functools.lru_cache(maxsize=8192)
def normalise_tokens(text: str) -> tuple[str, ...]:
    """Tokens for keyword matching: accents, case, punctuation and hashtags folded away.

    ``#RemembranceDay`` -> ``remembrance day``, ``Sept. 11th`` -> ``sept 11``, ``9/11`` ->
    ``9 / 11`` (a slash between digits is a token of its own, so ``19/11`` stays distinct).
    """
    text = plain(text)  # NFKC, invisible characters gone: "Remem\u200bbrance" is one word
    if not text.isascii():  # fold accents: "Journée" matches "journee"
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    if _ORDINAL_ANY.search(text):
        text = _ORDINAL.sub("", text)
    if _CAMEL_ANY(text):
        text = CAMEL_BOUNDARY.sub(" ", text)
    text = text.casefold()
    return tuple(_TOKEN.findall(_APOSTROPHE.sub("", text)))


def keyword_tokens(text: str, words: Sequence[str]) -> tuple[str, ...]:
    """:func:`normalise_tokens` of ``text``, read off its ``words`` (:func:`tokenize` of it,
    as :class:`~rtm_score.text.Analysed` holds them) where they give the same tokens: plain
    ASCII text without a slash, a backtick, two apostrophes in a row, an ordinal or a
    camel-case or letter-digit run (most feed text), whose words then differ from the keyword
    tokens only by the apostrophes inside them. Any other text is normalised in full (checked
    equal on 161,021 texts of the external corpora, 2026-12-03)."""
    if (
        not text.isascii()
        or "/" in text
        or "`" in text
        or "''" in text
        or _ORDINAL_ANY.search(text)
        or _CAMEL_ANY(text)
    ):
        return normalise_tokens(text)
    if "'" in text:
        return tuple(w.replace("'", "") for w in words)
    return tuple(words)
