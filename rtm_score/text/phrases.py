"""The one phrase matcher: word sequences found in already tokenised text.

Rules, cues, territories and a brand's own terms (off-limits topics, competitors) are all phrase
lists matched against the same folded words (see :meth:`TextPipeline.folds`), so they share this
index. A text costs one set intersection when none of its words starts a phrase (most texts,
for most lists) and one look-up per word that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class PhraseIndex:
    """Phrases (non-empty word tuples) indexed by their first word."""

    __slots__ = ("_by_first", "_firsts")

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._firsts: set[str] = set()

    def add(self, words: tuple[str, ...], label: str, payload: Any) -> None:
        """Index one phrase (``words`` non-empty); ``label`` is how it was written."""
        self._by_first.setdefault(words[0], []).append((words, label, payload))
        self._firsts.add(words[0])

    def entries(self) -> list[tuple[tuple[str, ...], str, Any]]:
        """Every indexed (words, label, payload), in the order they were added per first word."""
        return [e for entries in self._by_first.values() for e in entries]

    def find(
        self, words: Sequence[str], word_set: frozenset[str] | None = None
    ) -> list[tuple[int, int, str, Any]]:
        """All (start, end, label, payload) matches in ``words``, by start then insertion order.

        ``word_set`` (``frozenset(words)``) may be passed when the caller has it already.
        """
        present = self._firsts.intersection(word_set if word_set is not None else words)
        if not present:
            return []
        out: list[tuple[int, int, str, Any]] = []
        by_first = self._by_first
        n = len(words)
        for i in _positions(words, present):
            for phrase, label, payload in by_first[words[i]]:
                k = len(phrase)
                if k == 1 or (i + k <= n and tuple(words[i : i + k]) == phrase):
                    out.append((i, i + k, label, payload))
        return out

    def __bool__(self) -> bool:
        return bool(self._by_first)


def _positions(words: Sequence[str], present: set[str]) -> list[int]:
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
