"""Which observances a text is about: keywords matched on folded tokens."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ..text.patterns import Probe

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
# Split #CamelCase, ALLCAPSWord and letter/digit runs the way hashtags are written.
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
_APOSTROPHE = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
# Cheap tests for whether _CAMEL and _ORDINAL can change a text at all (most texts: no).
_CAMEL_ANY = Probe(re.compile(r"[a-z][A-Z]|[A-Z][A-Z][a-z]|[A-Za-z]\d|\d[A-Za-z]"))
_ORDINAL_ANY = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+|(?<=\d)/(?=\d)")


@functools.lru_cache(maxsize=8192)
def normalise_tokens(text: str) -> tuple[str, ...]:
    """Tokens for keyword matching: accents, case, punctuation and hashtags folded away.

    ``#RemembranceDay`` -> ``remembrance day``, ``Sept. 11th`` -> ``sept 11``, ``9/11`` ->
    ``9 / 11`` (a slash between digits is a token of its own, so ``19/11`` stays distinct).
    """
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # fold accents: "Journée" matches "journee"
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    if _ORDINAL_ANY.search(text):
        text = _ORDINAL.sub("", text)
    if _CAMEL_ANY(text):
        text = _CAMEL.sub(" ", text)
    text = text.casefold()
    return tuple(_TOKEN.findall(_APOSTROPHE.sub("", text)))


class KeywordMatcher:
    """Finds, for all observances at once, which ones a text's keywords point at.

    Phrases are token tuples in one dict, so a text costs one lookup per token that starts a
    phrase; plural/possessive (``anzacs``, ``dr kings``) and squashed-hashtag (``lestweforget``)
    forms are added when the index is built, not searched for at match time.
    """

    def __init__(self, phrases: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        # phrase tokens -> [(entry index, is_exclude)]; excludes veto keyword hits inside them
        self._index: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
        for idx, (keywords, excludes) in enumerate(phrases):
            for phrase, is_exclude in [(k, False) for k in keywords] + [
                (e, True) for e in excludes
            ]:
                tokens = normalise_tokens(phrase)
                forms = {tokens}
                if len(tokens) > 1 and "/" not in tokens:  # lowercase hashtag: #lestweforget
                    forms.add(("".join(tokens),))
                forms |= {(*f[:-1], f[-1] + "s") for f in forms if f[-1][-1].isalpha()}
                for form in forms:
                    if (idx, is_exclude) not in self._index.setdefault(form, []):
                        self._index[form].append((idx, is_exclude))
        sizes: dict[str, set[int]] = {}
        for form in self._index:
            sizes.setdefault(form[0], set()).add(len(form))
        self._sizes = {first: tuple(sorted(n)) for first, n in sizes.items()}
        self._firsts = frozenset(self._sizes)

    def match(self, text: str) -> set[int]:
        """Indices of the observances the text is about."""
        tokens = normalise_tokens(text)
        present = self._firsts.intersection(tokens)
        if not present:
            return set()
        hits: list[tuple[int, int, int]] = []
        vetoes: list[tuple[int, int, int]] = []
        for i, first in enumerate(tokens):
            if first not in present:
                continue
            for size in self._sizes[first]:
                if i + size > len(tokens):
                    break
                for idx, is_exclude in self._index.get(tokens[i : i + size], ()):
                    (vetoes if is_exclude else hits).append((idx, i, i + size))
        return {
            idx
            for idx, s, e in hits
            if not any(v == idx and vs <= s and e <= ve for v, vs, ve in vetoes)
        }
