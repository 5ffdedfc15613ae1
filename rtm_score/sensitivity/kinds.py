"""Rule kinds as code: how a rule file's signals are compiled and matched.

A rule file (``data/rules/*.yaml``) lists *signals*; each signal has a ``kind`` from
``KINDS``: ``phrase`` (stemmed word sequences), ``pattern`` (regular expressions over the
cleaned text) or ``cooccur`` (one term from each of several groups, anywhere in the text).
Adding a rule means adding data, not code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import RuleError
from ..schema import KeyPath, Marks, invalid, problem_at
from ..text import TextPipeline
from ..text.patterns import PatternSet, re2_options, re2_source
from ..text.phrases import PhraseIndex
from .inflect import variants
from .rule_schema import CooccurSignal, PatternSignal, PhraseSignal, RuleFile, Signal


@dataclass(frozen=True, slots=True)
class Hit:
    """One signal that fired on a text."""

    rule: str
    category: str
    weight: float
    evidence: str
    dampen: bool
    signal: str = ""
    """Which signal fired, stable across runs: ``rule:term`` for a phrase, ``rule:pattern:N``
    and ``rule:cooccur:N`` (N counts from 0 in the rule file) for the others. The judgment
    keys its fitted signal weights on it."""


@dataclass(frozen=True, slots=True)
class Doc:
    """A text prepared once for every rule: cleaned (case kept) and folded words."""

    clean: str
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    spans_blocked: frozenset[int] = field(default_factory=frozenset)


def stem_phrase(pipe: TextPipeline, term: str) -> tuple[str, ...]:
    """A term as rules see it: folded words, stop words kept (see ``TextPipeline.folds``)."""
    return tuple(pipe.folds(term))


@dataclass
class CompiledRule:
    """One rule file compiled for matching."""

    id: str
    category: str
    phrases: PhraseIndex = field(default_factory=PhraseIndex)
    exceptions: PhraseIndex = field(default_factory=PhraseIndex)
    patterns: list[tuple[re.Pattern[str], float, bool]] = field(default_factory=list)
    cooccur: list[tuple[list[frozenset[tuple[str, ...]]], float, bool, list[list[str]]]] = field(
        default_factory=list
    )
    linear: bool = False
    """A user's rule file: its patterns must run in linear time (RE2 only)."""

    def match(self, doc: Doc) -> list[Hit]:
        """Every signal of this rule that fires on ``doc`` (see :class:`RuleMatcher` for many)."""
        return RuleMatcher([self]).match(doc)


class RuleMatcher:
    """All rules matched in one pass: one phrase scan and one exception scan per text."""

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        self.rules = list(rules)
        self._phrases = PhraseIndex()
        self._exceptions = PhraseIndex()
        for ri, rule in enumerate(self.rules):
            for stems, label, payload in rule.phrases.entries():
                self._phrases.add(stems, label, (ri, payload))
            for stems, label, _p in rule.exceptions.entries():
                self._exceptions.add(stems, label, ri)
        # Every rule's patterns in one set (rule order, then file order): one pass per text.
        self._pattern_of = [
            (ri, weight, dampen, f"{r.id}:pattern:{k}")
            for ri, r in enumerate(self.rules)
            for k, (_rx, weight, dampen) in enumerate(r.patterns)
        ]
        self._patterns = PatternSet(
            [rx for r in self.rules for rx, _w, _d in r.patterns],
            linear=[i for i, r in enumerate(r for r in self.rules for _ in r.patterns) if r.linear],
        )
        # Per group: one-word terms as a dict and its key set (one set intersection per text),
        # longer phrases as a list.
        self._cooccur = [
            (
                ri,
                [_split_group(sorted(g), raw[gi]) for gi, g in enumerate(groups)],
                weight,
                dampen,
                f"{r.id}:cooccur:{k}",
            )
            for ri, r in enumerate(self.rules)
            for k, (groups, weight, dampen, raw) in enumerate(r.cooccur)
        ]

    def match(self, doc: Doc) -> list[Hit]:
        """Every signal of every rule that fires on ``doc``."""
        hits: list[Hit] = []
        blocked: dict[int, set[int]] = {}
        if self._exceptions:
            for start, end, _label, ri in self._exceptions.find(doc.stems, doc.stem_set):
                blocked.setdefault(ri, set()).update(range(start, end))
        # Longest matches first; a match inside an accepted one of the same rule ("shooting"
        # inside "mass shooting") or on the same words ("bomb"/"bombs" fold alike) counts once.
        taken: dict[int, set[int]] = {}
        found = self._phrases.find(doc.stems, doc.stem_set)
        found.sort(key=lambda m: (m[0] - m[1], -m[3][1][0], m[0]))
        for start, end, label, (ri, (weight, dampen)) in found:
            span = range(start, end)
            if blocked.get(ri, _EMPTY).intersection(span):
                continue
            used = taken.setdefault(ri, set())
            if used.issuperset(span):
                continue
            used.update(span)
            rule = self.rules[ri]
            hits.append(Hit(rule.id, rule.category, weight, label, dampen, f"{rule.id}:{label}"))
        for pi, matched in self._patterns.search(doc.clean):
            ri, weight, dampen, key = self._pattern_of[pi]
            rule = self.rules[ri]
            hits.append(Hit(rule.id, rule.category, weight, matched.strip(), dampen, key))
        for ri, groups, weight, dampen, key in self._cooccur:
            words: list[str] = []
            for singles, keys, multis, firsts in groups:
                common = doc.stem_set.intersection(keys)
                if common:
                    words.append(singles[min(common)])
                    continue
                hit = None
                if not doc.stem_set.isdisjoint(firsts):
                    hit = next(
                        (
                            label
                            for ph, words_of, label in multis
                            if words_of <= doc.stem_set and _in_order(doc.stems, ph)
                        ),
                        None,
                    )
                if hit is None:
                    break
                words.append(hit)
            else:
                rule = self.rules[ri]
                hits.append(Hit(rule.id, rule.category, weight, " + ".join(words), dampen, key))
        return hits


_EMPTY: frozenset[int] = frozenset()


_Multi = tuple[tuple[str, ...], frozenset[str], str]
_Group = tuple[dict[str, str], frozenset[str], list[_Multi], frozenset[str]]


def _split_group(phrases: list[tuple[str, ...]], raw: list[str]) -> _Group:
    """One cooccur group prepared for set tests: its one-word terms (word -> label, and the
    word set) and its longer phrases (with their word sets and the set of their first words)."""
    pairs = list(zip(phrases, raw, strict=True))
    singles = {ph[0]: label for ph, label in pairs if len(ph) == 1}
    multis = [(ph, frozenset(ph), label) for ph, label in pairs if len(ph) > 1]
    return singles, frozenset(singles), multis, frozenset(ph[0] for ph, _s, _l in multis)


def _in_order(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as a contiguous run."""
    k = len(phrase)
    return any(words[i : i + k] == phrase for i in range(len(words) - k + 1))


class _Unusable(Exception):
    """A signal that is well formed but cannot be compiled; ``path`` is its key path."""

    def __init__(self, path: KeyPath, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.hint = path, message, hint


def _compile_phrase(
    rule: CompiledRule, spec: PhraseSignal, where: KeyPath, pipe: TextPipeline
) -> None:
    for k, term in enumerate(spec.terms):
        stems = stem_phrase(pipe, term)
        if not stems:
            raise _Unusable((*where, "terms", k), f"term {term!r} has no words after normalisation")
        rule.phrases.add(stems, term, (spec.weight, spec.dampen))
        for variant in variants(term):  # "passed away" also as "passes away", "passing away"
            rule.phrases.add(stem_phrase(pipe, variant), term, (spec.weight, spec.dampen))


def _compile_pattern(
    rule: CompiledRule, spec: PatternSignal, where: KeyPath, pipe: TextPipeline
) -> None:
    flags = 0 if spec.case_sensitive else re.IGNORECASE
    for k, pat in enumerate(spec.patterns):
        try:
            rx = re.compile(pat, flags)
        except re.error as exc:
            raise _Unusable(
                (*where, "patterns", k), f"invalid regular expression {pat!r}: {exc}"
            ) from None
        if rule.linear and not _runs_on_re2(rx):
            raise _Unusable(
                (*where, "patterns", k),
                f"regular expression {pat!r} needs a feature that cannot run in linear time "
                "(look-arounds, back-references, possessive repeats, POSIX classes)",
                "rewrite it without them: your own patterns run on RE2, so that no "
                "feed text can make a match take exponential time",
            )
        rule.patterns.append((rx, spec.weight, spec.dampen))


def _runs_on_re2(rx: re.Pattern[str]) -> bool:
    import re2

    src = re2_source(rx)
    if src is None:
        return False
    try:
        re2.compile(src, re2_options())
    except re2.error:
        return False
    return True


def _compile_cooccur(
    rule: CompiledRule, spec: CooccurSignal, where: KeyPath, pipe: TextPipeline
) -> None:
    groups: list[frozenset[tuple[str, ...]]] = []
    raws: list[list[str]] = []
    for terms in spec.all:
        # Terms that fold alike ("spread", "spreads") keep the first spelling as evidence.
        by_stems: dict[tuple[str, ...], str] = {}
        for t in terms:
            by_stems.setdefault(stem_phrase(pipe, t), t)
        ordered = sorted(by_stems)
        groups.append(frozenset(ordered))
        raws.append([by_stems[k] for k in ordered])
    rule.cooccur.append((groups, spec.weight, spec.dampen, raws))


Compiler = Callable[[CompiledRule, Any, KeyPath, TextPipeline], None]

KINDS: dict[type[Signal], Compiler] = {
    PhraseSignal: _compile_phrase,
    PatternSignal: _compile_pattern,
    CooccurSignal: _compile_cooccur,
}
"""The explicit registry of signal kinds: each model of :mod:`.rule_schema` and its compiler."""


def compile_rule(
    data: RuleFile,
    source: str,
    pipe: TextPipeline,
    *,
    linear: bool = False,
    marks: Marks | None = None,
) -> CompiledRule:
    """Compile one checked rule file (:func:`.rule_schema.parse_rule`); ``linear`` for a user's
    own file (its patterns must compile on RE2, which runs them in linear time); ``marks`` give
    a problem its line.

    Raises:
        RuleError: a term has no words, or a pattern does not compile.
    """
    rule = CompiledRule(id=data.id, category=data.category, linear=linear)
    try:
        for i, spec in enumerate(data.signals):
            KINDS[type(spec)](rule, spec, ("signals", i), pipe)
    except _Unusable as exc:
        problem = problem_at(source, marks or Marks(), exc.path, exc.message, exc.hint)
        raise invalid(RuleError, "rule file", source, [problem]) from None
    for term in data.exceptions:
        for form in (term, *variants(term)):
            stems = stem_phrase(pipe, form)
            if stems:
                rule.exceptions.add(stems, term, None)
    return rule


def iter_terms(data: RuleFile) -> Iterable[str]:
    """Every phrase term of a rule file (for lint tests)."""
    for spec in data.signals:
        if isinstance(spec, PhraseSignal):
            yield from spec.terms
