"""Many regular expressions searched in one text at once, in linear time wherever possible.

Rule files may carry regular expressions (``kind: pattern``). Searched one by one with ``re``,
a dozen of them cost about 70 us a topic, the largest single cost of scoring a feed. RE2's
``Set`` (google-re2, Apache-2.0) runs them all in one linear-time pass and says *which* match;
only those are then searched, each with its own compiled RE2 pattern, so that a pattern that
backtracks catastrophically in ``re`` (``(a+)+$`` on ``aaaa...! a``) never runs on ``re``. RE2
and ``re`` give the same matched text where both read the text the same way:

- the pattern's source is ASCII and RE2 accepts it (no look-arounds, back-references or
  possessive repeats; those patterns are always searched with ``re``);
- the text is printable ASCII (``\\b``, ``\\w``, ``\\s`` and case folding agree there; in
  other text the packaged patterns are searched with ``re``, whose Unicode reading they were
  written and tested for).

Patterns from users' own rule files are *linear*: they must compile on RE2 (the rule loader
refuses the rest, with a hint) and run only on RE2, on any text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

__all__ = ["PatternSet", "Probe", "any_of", "phrase_source", "re2_options", "re2_source"]

# Sources that RE2 reads differently from re although it compiles them: POSIX classes,
# verbose and locale/ASCII flags, \Z, and "{,n}" (a repeat in re, literal text in RE2).
_DIFFERENT = ("[:", "\\Z", "\\z", "(?x", "(?u", "(?a", "(?L", "{,")


def re2_source(rx: re.Pattern[str]) -> str | None:
    """The pattern as RE2 should read it, or None when only ``re`` may run it."""
    src = rx.pattern
    if not src.isascii() or any(d in src for d in _DIFFERENT):
        return None
    if rx.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    return f"(?i){src}" if rx.flags & re.IGNORECASE else src


def re2_options() -> Any:
    """RE2 options with its C++ error log off: a refused pattern is our error to report (the
    log would print the raw pattern, control characters and all, on stderr)."""
    import re2

    options = re2.Options()
    options.log_errors = False
    return options


def _plain(text: str) -> bool:
    return text.isascii() and text.isprintable()


def phrase_source(phrase: str) -> str:
    """A phrase as a pattern's source: its words in order with any whitespace between them,
    as whole words (``"shop now"`` finds "Shop  now!" but not "workshop nowhere")."""
    return r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"


def any_of(sources: Sequence[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern that finds any of ``sources`` (tried in the order given:
    put longer phrases first), or ``None`` for none."""
    return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE) if sources else None


class PatternSet:
    """Compiled patterns searched together; :meth:`search` gives each match's text.

    Args:
        patterns: the compiled patterns, in order.
        linear: indices of patterns that must never run on ``re`` (users' own); each must
            compile on RE2.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], linear: Collection[int] = ()) -> None:
        self.patterns = tuple(patterns)
        self._always: tuple[int, ...] = tuple(range(len(self.patterns)))
        self._gate: Any = None
        self._gated: tuple[int, ...] = ()
        self._re2: dict[int, Any] = {}
        self._linear = frozenset(linear)
        if not self.patterns:
            return
        try:
            import re2
        except ImportError:  # pragma: no cover - google-re2 is a dependency
            return
        options = re2_options()
        gate = re2.Set.SearchSet(options)
        gated: list[int] = []
        always: list[int] = []
        for i, rx in enumerate(self.patterns):
            src = re2_source(rx)
            if src is not None:
                try:
                    self._re2[i] = re2.compile(src, options)
                    gate.Add(src)
                except re2.error:
                    self._re2.pop(i, None)
                    src = None
            (gated if src is not None else always).append(i)
        missing = self._linear - set(self._re2)
        if missing:
            raise ValueError(f"patterns {sorted(missing)} do not compile on RE2")
        if gated:
            gate.Compile()
            self._gate, self._gated, self._always = gate, tuple(gated), tuple(always)

    def search(self, text: str) -> list[tuple[int, str]]:
        """(pattern index, the first match's text) for every pattern that matches ``text``."""
        plain = _plain(text)
        candidates: Sequence[int]
        if self._gate is None or not (plain or self._linear):
            candidates = range(len(self.patterns))
        else:
            # The gate speaks for every gated pattern on plain text, and for the linear ones
            # on any text (they run on RE2 alone).
            hit = {self._gated[k] for k in self._gate.Match(text) or ()}
            if plain:
                candidates = sorted(hit.union(self._always))
            else:
                candidates = [
                    i for i in range(len(self.patterns)) if i not in self._linear or i in hit
                ]
        out: list[tuple[int, str]] = []
        for i in candidates:
            engine = self._re2.get(i) if plain or i in self._linear else None
            m = (engine or self.patterns[i]).search(text)
            if m is not None:
                out.append((i, m.group(0)))
        return out

    def __len__(self) -> int:
        return len(self.patterns)


class Probe:
    """One pattern asked only *whether* it matches: by RE2 on printable ASCII text (about five
    times faster than ``re`` on a busy alternation), by ``re`` elsewhere; same answer."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._re2: Any = None
        src = re2_source(rx)
        if src is not None:
            try:
                import re2

                self._re2 = re2.compile(src, re2_options())
            except Exception:  # RE2 missing or refusing it: re answers alone
                self._re2 = None

    def __call__(self, text: str) -> bool:
        if self._re2 is not None and text.isascii() and text.isprintable():
            return self._re2.search(text) is not None
        return self.rx.search(text) is not None
