"""Which observances a text is about: keywords matched on folded tokens."""

from __future__ import annotations

from collections.abc import Sequence

from ..text.keywords import keyword_tokens, normalise_tokens
from ..text.phrases import PhraseIndex

__all__ = ["KeywordMatcher", "normalise_tokens"]


class KeywordMatcher:
    """Finds, for all observances at once, which ones a text's keywords point at.

    Keywords and excludes are phrases of :func:`normalise_tokens` tokens in the one phrase
    matcher (:class:`~rtm_score.text.phrases.PhraseIndex`); plural/possessive (``anzacs``,
    ``dr kings``) and squashed-hashtag (``lestweforget``) forms are added when the index is
    built, not searched for at match time. An exclude vetoes the keyword hits inside it.
    """

    def __init__(self, phrases: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        # phrase tokens -> [(entry index, is_exclude)]
        forms_of: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
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
                    if (idx, is_exclude) not in forms_of.setdefault(form, []):
                        forms_of[form].append((idx, is_exclude))
        self._index = PhraseIndex()
        for form, entries in forms_of.items():
            self._index.add(form, " ".join(form), tuple(entries))

    def match(self, text: str, words: Sequence[str] | None = None) -> set[int]:
        """Indices of the observances the text is about; ``words`` (the text's
        :func:`~rtm_score.text.tokenize` words, when the caller has them) spare most texts
        a second tokenising (:func:`~rtm_score.text.keywords.keyword_tokens`)."""
        tokens = normalise_tokens(text) if words is None else keyword_tokens(text, words)
        found = self._index.find(tokens)
        if not found:
            return set()
        hits: list[tuple[int, int, int]] = []
        vetoes: list[tuple[int, int, int]] = []
        for start, end, _, entries in found:
            for idx, is_exclude in entries:
                (vetoes if is_exclude else hits).append((idx, start, end))
        return {
            idx
            for idx, s, e in hits
            if not any(v == idx and vs <= s and e <= ve for v, vs, ve in vetoes)
        }
