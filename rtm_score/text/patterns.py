"""Many regular expressions searched in one text at once, with the answers of Python's ``re``.

Rule files may carry regular expressions (``kind: pattern``). Searched one by one with ``re``,
a dozen of them cost about 70 us a topic, the largest single cost of scoring a feed. RE2's
``Set`` (google-re2, Apache-2.0) runs them all in one linear-time pass and says *which* match;
only those are then searched with ``re``, so every match, span and group is exactly what ``re``
gives. The gate is used only where both engines read a text the same way:

- the pattern's source is ASCII and RE2 accepts it (no look-arounds, back-references or
  possessive repeats; those patterns are always searched with ``re``);
- the text is printable ASCII (``\\b``, ``\\w``, ``\\s`` and case folding agree there; in other
  text every pattern is searched with ``re``).

A side effect: a pattern that backtracks catastrophically in ``re`` (``(a+)+$``) is not run on
the texts where RE2 finds no match, which is most of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["PatternSet", "Probe"]

# Sources that RE2 reads differently from re although it compiles them: POSIX classes,
# verbose and locale/ASCII flags, \Z, and "{,n}" (a repeat in re, literal text in RE2).
_DIFFERENT = ("[:", "\\Z", "\\z", "(?x", "(?u", "(?a", "(?L", "{,")


def _re2_source(rx: re.Pattern[str]) -> str | None:
    """The pattern as RE2 should read it, or None when only ``re`` may run it."""
    src = rx.pattern
    if not src.isascii() or any(d in src for d in _DIFFERENT):
        return None
    if rx.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    return f"(?i){src}" if rx.flags & re.IGNORECASE else src


class PatternSet:
    """Compiled patterns searched together; :meth:`search` returns ``re``'s own matches."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._always: tuple[int, ...] = tuple(range(len(self.patterns)))
        self._gate: Any = None
        self._gated: tuple[int, ...] = ()
        if not self.patterns:
            return
        try:
            import re2
        except ImportError:  # pragma: no cover - google-re2 is a dependency
            return
        gate = re2.Set.SearchSet(re2.Options())
        gated: list[int] = []
        always: list[int] = []
        for i, rx in enumerate(self.patterns):
            src = _re2_source(rx)
            if src is not None:
                try:
                    gate.Add(src)
                except re2.error:
                    src = None
            (gated if src is not None else always).append(i)
        if gated:
            gate.Compile()
            self._gate, self._gated, self._always = gate, tuple(gated), tuple(always)

    def search(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """(pattern index, first match) for every pattern that matches ``text``, by index."""
        if self._gate is None or not (text.isascii() and text.isprintable()):
            candidates: Sequence[int] = range(len(self.patterns))
        else:
            hit = self._gate.Match(text)
            if not hit and not self._always:
                return []
            candidates = sorted([self._gated[k] for k in hit or ()] + list(self._always))
        out: list[tuple[int, re.Match[str]]] = []
        for i in candidates:
            m = self.patterns[i].search(text)
            if m is not None:
                out.append((i, m))
        return out

    def __len__(self) -> int:
        return len(self.patterns)


class Probe:
    """One pattern asked only *whether* it matches: by RE2 on printable ASCII text (about five
    times faster than ``re`` on a busy alternation), by ``re`` elsewhere; same answer."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._re2: Any = None
        src = _re2_source(rx)
        if src is not None:
            try:
                import re2

                self._re2 = re2.compile(src)
            except Exception:  # RE2 missing or refusing it: re answers alone
                self._re2 = None

    def __call__(self, text: str) -> bool:
        if self._re2 is not None and text.isascii() and text.isprintable():
            return self._re2.search(text) is not None
        return self.rx.search(text) is not None
