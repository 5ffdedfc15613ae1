"""Splitting hashtags and run-together names into words (``#DunkInTheDark``, ``#whyistayed``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import plain

# Boundaries inside CamelCase, ALLCAPS runs and digit runs: DunkInTheDark, NBAFinals, Top10.
CAMEL_BOUNDARY = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_HASHTAG = re.compile(r"#(\w+)")
_WRITTEN_TAG = re.compile(r"(?<![\w&#])#(\w+)")
_LOWER_RUN = re.compile(r"[a-z]{9,}")

# Run-together lowercase tags shorter than this are left alone (short words are real words).
MIN_SEGMENT_LEN = 9


def split_camel(word: str) -> str:
    """``DunkInTheDark`` -> ``Dunk In The Dark``; ``NBAFinals2024`` -> ``NBA Finals 2024``.

    A single leading lowercase letter stays with its word (``iPhone15`` -> ``iPhone 15``,
    ``eBay``): that is a brand spelling, not a word boundary.
    """
    parts = CAMEL_BOUNDARY.split(word)
    if len(parts) > 1 and len(parts[0]) == 1 and parts[0].islower():
        parts[:2] = [parts[0] + parts[1]]
    return " ".join(parts)


@lru_cache(maxsize=65536)
def segment_run(word: str) -> str:
    """Segment a run-together word with ``wordsegment`` (``whyistayed`` -> ``why i stayed``).

    wordsegment (Apache-2.0) ships its own unigram/bigram counts from the Google Web Trillion Word
    Corpus, so this needs no download. It is loaded lazily (about 0.3 s) the first time a
    run-together tag is seen, and results are cached per word.
    """
    import wordsegment

    if not wordsegment.UNIGRAMS:
        wordsegment.load()
    parts = wordsegment.segment(word)
    # Keep the word whole when segmentation only finds fragments (names, foreign words).
    if not parts or max(len(p) for p in parts) < 3:
        return word
    return " ".join(parts)


def _expand_tag(match: re.Match[str]) -> str:
    body = match.group(1)
    if body.islower() or body.isupper():
        low = body.lower()
        if len(low) >= MIN_SEGMENT_LEN and low.isalpha():
            return segment_run(low)
        return body
    return split_camel(body)


def split_hashtags(text: str) -> str:
    """Replace each ``#tag`` in ``text`` by its words; other text is unchanged."""
    if "#" not in text:
        return text
    return _HASHTAG.sub(_expand_tag, text)


def split_name(name: str) -> str:
    """Split a topic *name* that is one run-together token (a hashtag without ``#``)."""
    stripped = name.strip()
    if " " in stripped or not stripped.isalpha():
        return split_hashtags(stripped)
    if stripped.islower() and len(stripped) >= MIN_SEGMENT_LEN:
        return segment_run(stripped)
    return split_camel(stripped)


def hashtags_in(text: str) -> list[str]:
    """Hashtags written in a text, without ``#``, in order (``&#39;`` entities are not tags)."""
    return _WRITTEN_TAG.findall(plain(text))
