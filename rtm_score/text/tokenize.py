"""Tokenising and stemming with data-free parts: a word regex and NLTK's Snowball stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import read_text

# Words: letters/digits (any script), keeping inner apostrophes ("don't") and "9/11"-style
# slash numbers as one token. sklearn's default pattern drops one-letter words; we keep them
# because phrase rules need "i" ("why i stayed").
_TOKEN = re.compile(r"\d+/\d+|[^\W_]+(?:'[^\W_]+)*")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens of already normalised text."""
    return _TOKEN.findall(text.lower())


def tokenize_cased(text: str) -> list[str]:
    """:func:`tokenize` with each word as the text writes it (capitals kept)."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    # SnowballStemmer needs no downloaded NLTK data (unlike word_tokenize or the stopwords corpus).
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Snowball stem of one lowercase token, cached (text is Zipfian, vocabularies are small)."""
    if not token.isascii() or "/" in token:
        return token
    token = token.replace("'s", "") if token.endswith("'s") else token
    return str(_stemmer().stem(token))


_NO_FOLD = frozenset({"news", "lens", "gas", "bus", "chaos"})


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Light folding for rule and territory matching: possessive and plural endings only.

    Snowball stems merge words that rules must keep apart ("finale"/"final",
    "ratings"/"rated", "murdered"/"murder"); folding only merges singular and plural.
    """
    if token.endswith("'s"):
        token = token[:-2]
    if len(token) <= 3 or token in _NO_FOLD:
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The packaged English stop words (``data/stopwords/en.txt``), unstemmed."""
    lines = read_text("stopwords", "en.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
