"""The one phrase matcher: word sequences found in already tokenised text.

Rules, cues, territories and a brand's own terms (off-limits topics, competitors) are all phrase
lists matched against the same folded words (see :meth:`TextPipeline.folds`), so they share this
index. A text costs one set intersection when none of its words starts a phrase (most texts,
for most lists); a phrase is looked for in order only when all its words are in the text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any


class PhraseIndex:
    """Phrases (non-empty word tuples) indexed by their first word."""

    __slots__ = ("_by_first", "_firsts")

    def __init__(self) -> None:
        # first word -> [(words, label, payload, the phrase's other words)]
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, Any, frozenset[str]]]] = {}
        self._firsts: set[str] = set()

    def add(self, words: tuple[str, ...], label: str, payload: Any) -> None:
        """Index one phrase (``words`` non-empty); ``label`` is how it was written."""
        entry = (words, label, payload, frozenset(words[1:]))
        self._by_first.setdefault(words[0], []).append(entry)
        self._firsts.add(words[0])

    def entries(self) -> list[tuple[tuple[str, ...], str, Any]]:
        """Every indexed (words, label, payload), in the order they were added per first word."""
        return [e[:3] for entries in self._by_first.values() for e in entries]

    def find(
        self, words: Sequence[str], word_set: frozenset[str] | None = None
    ) -> list[tuple[int, int, str, Any]]:
        """All (start, end, label, payload) matches in ``words``, by start then insertion order.

        ``word_set`` (``frozenset(words)``) may be passed when the caller has it already.
        """
        if word_set is None:
            word_set = frozenset(words)
        present = self._firsts.intersection(word_set)
        if not present:
            return []
        # Per first word, the phrases whose other words are all in the text too ("the killers"
        # is looked for only in a text with "killers" in it, not at every "the").
        by_first = self._by_first
        candidates: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        for w in present:
            kept = [e[:3] for e in by_first[w] if e[3] <= word_set]
            if kept:
                candidates[w] = kept
        if not candidates:
            return []
        out: list[tuple[int, int, str, Any]] = []
        n = len(words)
        for i in _positions(words, candidates.keys()):
            for phrase, label, payload in candidates[words[i]]:
                k = len(phrase)
                if k == 1 or (i + k <= n and tuple(words[i : i + k]) == phrase):
                    out.append((i, i + k, label, payload))
        return out

    def may_match(self, word_set: frozenset[str] | set[str]) -> bool:
        """Whether a text with these words may hold a phrase (one of them starts one): when
        not, :meth:`find` finds nothing in it or in any part of it."""
        return not self._firsts.isdisjoint(word_set)

    def __bool__(self) -> bool:
        return bool(self._by_first)


def _positions(words: Sequence[str], present: Collection[str]) -> list[int]:
    """Where the words of ``present`` occur in ``words``, in order. A few distinct words are
    found with the sequence's own (C) ``index``; many with one pass over the words."""
    if len(present) > 3:
        return [i for i, w in enumerate(words) if w in present]
    out: list[int] = []
    for w in present:
        i = -1
        try:
            while True:
                i = words.index(w, i + 1)
                out.append(i)
        except ValueError:
            pass
    out.sort()
    return out
