"""One deterministic text pipeline for profiles, topics, rules and lexicons alike.

normalise -> split hashtags -> tokenise -> stem (relevance) or fold plurals (rules). Relevance
drops stop words; phrase rules keep them so "why i stayed" or "rest in peace" match as written.
Rules match folded words rather than Snowball stems because stems merge words a rule must keep
apart ("finale" and "final", "murdered" and "murder").
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import positional_reduce
from .hashtags import split_hashtags, split_name
from .normalize import normalize
from .tokenize import fold, stem, stopwords, tokenize, tokenize_cased

__all__ = [
    "Analysed",
    "TextPipeline",
    "analyze",
    "as_written",
    "fold",
    "normalize",
    "split_hashtags",
    "split_name",
    "stem",
    "tokenize",
    "tokenize_cased",
]


@dataclass(frozen=True, slots=True)
class Analysed:
    """A topic analysed once for every consumer."""

    __reduce__ = positional_reduce

    clean: str
    """Normalised text, hashtags split, case kept (for patterns)."""
    words: tuple[str, ...]
    """Lowercase words as written, stop words kept (for showing evidence as written)."""
    folds: tuple[str, ...]
    """Folded words, stop words kept (for rules and territories)."""
    fold_set: frozenset[str]
    """The distinct folded words (for set tests before any scan)."""
    terms: list[str]
    """Stemmed words without stop words (for relevance)."""
    name_terms: list[str]
    """The same for the topic's name alone."""
    name_length: int
    """How many of ``folds`` belong to the name (it comes first)."""


class TextPipeline:
    """The text pipeline; instances are cheap and stateless (caches are per process).

    Args:
        drop_stopwords: leave stop words out of :meth:`terms` (used by relevance).
    """

    def __init__(self, drop_stopwords: bool = True) -> None:
        self.drop_stopwords = drop_stopwords

    def clean(self, text: str, *, is_name: bool = False) -> str:
        """Normalised text with hashtags split into words; case kept."""
        text = normalize(text)
        return split_name(text) if is_name else split_hashtags(text)

    def words(self, text: str, *, is_name: bool = False) -> list[str]:
        """Lowercase words, unstemmed, stop words kept."""
        return tokenize(self.clean(text, is_name=is_name))

    def stems(self, text: str, *, is_name: bool = False) -> list[str]:
        """Stemmed words, stop words kept (for phrase matching)."""
        return [stem(w) for w in self.words(text, is_name=is_name)]

    def folds(self, text: str, *, is_name: bool = False) -> list[str]:
        """Words with only plural/possessive endings folded (for rules and territories)."""
        return [fold(w) for w in self.words(text, is_name=is_name)]

    def terms(self, text: str, *, is_name: bool = False) -> list[str]:
        """Stemmed words without stop words (for TF-IDF)."""
        stop = stopwords() if self.drop_stopwords else frozenset()
        return [stem(w) for w in self.words(text, is_name=is_name) if w not in stop]

    def analyse_topic(self, name: str, context: str = "") -> Analysed:
        """Analyse a topic's name and context once: clean text, words, folds and terms."""
        name_clean = self.clean(name, is_name=True)
        context_clean = self.clean(context) if context else ""
        # " . " keeps the name's last word and the context's first apart, so the words of the
        # whole are the name's words followed by the context's.
        clean = f"{name_clean} . {context_clean}" if context else name_clean
        stop = stopwords()
        # One object per distinct word (as folds and terms are, from their caches): a chunk
        # of 2,000 topics holds some 10,000 distinct words, not 60,000 copies, and pickles
        # them once each.
        name_words = list(map(sys.intern, tokenize(name_clean)))
        words = (
            name_words + list(map(sys.intern, tokenize(context_clean))) if context else name_words
        )
        name_terms = [stem(w) for w in name_words if w not in stop]
        terms = name_terms + [stem(w) for w in words[len(name_words) :] if w not in stop]
        folds = tuple(map(fold, words))
        return Analysed(
            clean=clean,
            words=tuple(words),
            folds=folds,
            fold_set=frozenset(folds),
            terms=terms,
            name_terms=name_terms,
            name_length=len(name_words),
        )

    def __call__(self, text: str) -> list[str]:
        """Analyzer for scikit-learn vectorisers: :meth:`terms`."""
        return self.terms(text)


def as_written(stems: Iterable[str], words: Sequence[str]) -> list[str]:
    """Each stem as the first of ``words`` that gave it ("parti" -> "party"), else the stem."""
    first: dict[str, str] = {}
    for word in words:
        first.setdefault(stem(word), word)
    return [first.get(s, s) for s in stems]


def analyze(text: str) -> list[str]:
    """Module-level analyzer (picklable, unlike a lambda): stemmed terms without stop words."""
    return _DEFAULT.terms(text)


_DEFAULT = TextPipeline()
