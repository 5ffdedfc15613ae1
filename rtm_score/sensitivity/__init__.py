"""Sensitivity of topics: the signals, combined by the fitted judgment, per batch of topics.

The rule files (``data/rules/*.yaml``, one per GARM-aligned category family), the learned text
model (``signals.textmodel``), the cues (``signals.cues``), the fiction and sport frames
(``data/territories.yaml``) and the solemn-dates calendar each give evidence; the judgment
(``rtm_score.judgment``, parameters in ``data/judgment.json``) combines it into P(never) and
P(not safe) and puts them on the sensitivity scale. The engine returns findings and reasons;
it never decides (see ``policy``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..models import Reason, Tier
from ..text import Analysed, TextPipeline
from .findings import Assessment, Finding, also_about, category_message, shown_as_written
from .kinds import CompiledRule, Doc, Hit, RuleMatcher
from .rulefiles import RuleInfo, load_rules

__all__ = [
    "Assessment",
    "Finding",
    "RuleInfo",
    "SensitivityEngine",
    "load_engine",
    "load_rules",
]


class SensitivityEngine:
    """Evaluates the signals on topics and combines them. Build it with :func:`load_engine`.

    Everything it holds is immutable once built, so one engine may serve many runs.
    """

    def __init__(
        self,
        rules: Sequence[tuple[CompiledRule, RuleInfo]],
        calendar: Any = None,
    ) -> None:
        from ..judgment import Judgment
        from ..signals.cues import CUE_KINDS, CueMatcher
        from ..signals.textmodel import TextModel
        from ..vocab.territories import load_territories

        self.rules = tuple(r for r, _ in rules)
        self.matcher = RuleMatcher(self.rules)
        self.infos: Mapping[str, RuleInfo] = {i.id: i for _, i in rules}
        self.tiers: Mapping[str, Tier] = {i.category: i.tier for _, i in rules}
        self.messages: Mapping[str, str] = {i.category: i.message for _, i in rules}
        self.calendar = calendar
        self.recipe: tuple[tuple[Path, ...], bool] | None = None
        """How :func:`load_engine` built it (rule folders, calendar or not), for a worker
        process to build the same engine; None when it was given objects (a calendar)."""
        self.model = TextModel.load()
        self.judgment = Judgment.load()
        self.cues = CueMatcher.load()
        self.pipe = TextPipeline(drop_stopwords=False)
        self.territories = load_territories()
        self._cue_kinds = CUE_KINDS
        self._floor = frozenset(c for c, t in self.tiers.items() if t is Tier.FLOOR)
        classes = self.model.heads["category"].classes
        self._judged = frozenset(classes)
        # The categories a never-kind finding may take: the floor tier's (all, if none is).
        self._never_classes = [k for k, c in enumerate(classes) if c in self._floor] or list(
            range(len(classes))
        )
        """Categories the judgment was fitted on; other rule categories decide by weight."""

    def prepare(self, name: str, context: str = "") -> Doc:
        """Clean and fold a topic once for every rule."""
        return self.doc(self.pipe.analyse_topic(name, context))

    @staticmethod
    def doc(analysed: Analysed) -> Doc:
        """The rules' view of an already analysed topic."""
        return Doc(clean=analysed.clean, stems=analysed.folds, stem_set=analysed.fold_set)

    def assess(self, name: str, context: str = "") -> Assessment:
        """Sensitivity of one topic (its name and its context)."""
        return self.assess_many([(name, context)])[0]

    def assess_many(self, items: Iterable[tuple[str, str]]) -> list[Assessment]:
        """Sensitivity of many (name, context) pairs."""
        pairs = list(items)
        analysed = [self.pipe.analyse_topic(n, c) for n, c in pairs]
        return self.assess_analysed(analysed, [not c.strip() for _n, c in pairs])

    def assess_analysed(
        self,
        analysed: Sequence[Analysed],
        name_only: Sequence[bool],
        *,
        evidence_from: float = 0.0,
    ) -> list[Assessment]:
        """Sensitivity of a batch of analysed topics: one matrix pass for the text model, one
        rule scan per topic, one combiner pass for the batch.

        The judgment's finding on a topic carries its evidence (the words, rules and cues behind
        it) when it scores ``evidence_from`` or more; below, it has its category, tier and
        score and an empty evidence. A scoring run passes the lowest caution threshold of its
        brands: the policy shows no finding under a brand's caution threshold, and the
        evidence of a harmless topic's finding is a fifth of the work of judging it."""
        from ..signals import Observed, feature_row

        x = self.model.transform([a.terms for a in analysed])
        # Plain lists: reading one numpy scalar at a time costs more than the arithmetic.
        heads = ("never", "notsafe", "frame", "category", "never_if_notsafe")
        never, notsafe, frame, category_probs, if_notsafe = (self.model.proba(x, h) for h in heads)
        columns = (never, notsafe, frame, self.model.category_never(category_probs), if_notsafe)
        text_probs = list(zip(*(c.tolist() for c in columns), strict=True))
        categories = category_probs.tolist()
        rows, evidence = [], []
        for i, a in enumerate(analysed):
            doc = self.doc(a)
            territories = self.territories.find(doc.stems, doc.stem_set)
            frames = tuple(t for t in territories if self.territories.is_frame(t))
            hits = self.matcher.match(doc)
            cues = self.cues.find(a.folds, a.fold_set)
            observed = Observed(
                hits,
                self.tiers,
                framed=bool(frames),
                cues=cues,
                text_probs=text_probs[i],
                name_only=bool(name_only[i]),
                weights=self.judgment.signal_weights,
            )
            rows.append(feature_row(observed))
            evidence.append((bool(name_only[i]), doc, a, territories, frames, hits, cues))
        p_never, p_notsafe = (p.tolist() for p in self.judgment.probabilities(rows))
        return [
            self._assessment(
                x, i, p_never[i], p_notsafe[i], categories[i], *evidence[i], evidence_from
            )
            for i in range(len(analysed))
        ]

    def _assessment(
        self,
        x: Any,
        i: int,
        p_never: float,
        p_notsafe: float,
        cat_probs: Any,
        name_only: bool,
        doc: Doc,
        analysed: Analysed,
        territories: tuple[str, ...],
        frames: tuple[str, ...],
        hits: list[Hit],
        cues: Any,
        evidence_from: float,
    ) -> Assessment:
        j = self.judgment
        never_s = j.never_score(p_never, name_only)
        caution_s = j.caution_score(p_notsafe, name_only)
        findings = self._calendar_findings(analysed)
        judged = self._judged
        if max(never_s, caution_s) > 0:
            main = self._finding(
                x,
                i,
                (never_s, caution_s, p_never, p_notsafe),
                cat_probs,
                hits,
                cues,
                frames,
                analysed,
                evidence_from,
            )
            findings.append(main)
            findings += also_about(
                main, [h for h in hits if h.category in judged], self.tiers, self.messages
            )
        findings += self._own_rule_findings([h for h in hits if h.category not in judged])
        findings.sort(key=lambda f: -f.score)  # stable: the judgment's own category first
        top = findings[0].score if findings else 0.0
        return Assessment(
            score=round(top, 3),
            findings=tuple(findings),
            frames=frames,
            territories=territories,
            p_never=round(p_never, 4),
            p_notsafe=round(p_notsafe, 4),
        )

    def _finding(
        self,
        x: Any,
        i: int,
        scores: tuple[float, float, float, float],
        cat_probs: Any,
        hits: list[Hit],
        cues: Any,
        frames: tuple[str, ...],
        analysed: Analysed,
        evidence_from: float = 0.0,
    ) -> Finding:
        """The judgment's finding: never-kind (floor tier) or caution-kind, with evidence if
        it scores ``evidence_from`` or more."""
        never_s, caution_s, p_never, p_notsafe = scores
        classes = self.model.heads["category"].classes
        as_never = never_s >= caution_s
        floor = self._floor
        allowed = self._never_classes if as_never else range(len(classes))
        best = max(allowed, key=lambda k: (cat_probs[k], -k))
        category = classes[best]
        rule_cats = [
            h.category
            for h in hits
            if h.category in classes and (h.category in floor or not as_never)
        ]
        if rule_cats and category not in rule_cats:
            category = max(set(rule_cats), key=lambda c: (rule_cats.count(c), c))
        tier = Tier.FLOOR if as_never else self.tiers.get(category, Tier.MEDIUM)
        if tier is Tier.FLOOR and not as_never:
            tier = Tier.MEDIUM
        score = round(never_s if as_never else caution_s, 3)
        code, message = f"sens.{category}", category_message(category, self.messages)
        if score < evidence_from:
            return Finding(category, tier, score, Reason(code, message, "", "judgment"))
        # What a reader checks first (the words), then why they count (the probabilities).
        parts: list[str] = []
        terms = self.model.top_terms(x, i, "never" if as_never else "notsafe", k=3)
        if terms:
            parts.append("words: " + ", ".join(f"'{w}'" for w in shown_as_written(terms, analysed)))
        ruled = list(dict.fromkeys(h.evidence for h in hits))
        if ruled:
            parts.append("rules: " + ", ".join(f"'{e}'" for e in ruled[:4]))
        parts.extend(f"{k}: {cues.evidence(k)}" for k in self._cue_kinds if cues.has(k))
        if frames:
            parts.append(f"frame: {', '.join(frames)}")
        parts.append(f"P(never) {p_never:.2f}, P(not safe) {p_notsafe:.2f}")
        return Finding(category, tier, score, Reason(code, message, "; ".join(parts), "judgment"))

    def _own_rule_findings(self, hits: list[Hit]) -> list[Finding]:
        """Rule files of categories the judgment was not fitted on (a team's own ``--rules``,
        such as its own scandal) decide by the weights their authors gave: a category's score
        is its strongest signal's weight."""
        by_cat: dict[str, list[Hit]] = {}
        for h in hits:
            by_cat.setdefault(h.category, []).append(h)
        return [
            Finding(
                cat,
                self.tiers.get(cat, Tier.MEDIUM),
                round(max(h.weight for h in cat_hits), 3),
                Reason(
                    f"sens.{cat}",
                    self.messages.get(cat, cat),
                    ", ".join(dict.fromkeys(f"'{h.evidence}'" for h in cat_hits)),
                    "rule",
                ),
            )
            for cat, cat_hits in sorted(by_cat.items())
        ]

    def _calendar_findings(self, analysed: Analysed) -> list[Finding]:
        """A text that names a solemn observance (9/11, Remembrance Day) is about remembrance
        on any date; the calendar says so with certainty, so the finding carries score 1."""
        if self.calendar is None:
            return []
        out = [
            Finding(
                "remembrance",
                Tier.FLOOR,
                1.0,
                Reason(
                    "sens.remembrance",
                    self.messages.get("remembrance", "about a remembrance"),
                    f"names {obs.name}",
                    "calendar",
                ),
            )
            for obs in self.calendar.about(analysed.clean, words=analysed.words)
            if obs.severity == "solemn"
        ]
        return out[:1]

    def explain_rule(self, rule_id: str) -> RuleInfo:
        """The documentation of one rule."""
        return self.infos[rule_id]


def load_engine(
    extra_rule_dirs: Sequence[Path] = (),
    *,
    calendar: Any = None,
    use_calendar: bool = True,
) -> SensitivityEngine:
    """The engine: packaged rules (plus ``extra_rule_dirs``), the calendar and the judgment."""
    if not extra_rule_dirs and calendar is None and use_calendar:
        return _default_engine()
    return _build(tuple(extra_rule_dirs), calendar, use_calendar)


@lru_cache(maxsize=1)
def _default_engine() -> SensitivityEngine:
    """The packaged engine; it is immutable, so one copy per process is shared."""
    return _build((), None, True)


def _build(extra: tuple[Path, ...], calendar: Any, use_calendar: bool) -> SensitivityEngine:
    recipe = (extra, use_calendar) if calendar is None else None
    if calendar is None and use_calendar:
        from ..observances import load_calendar

        calendar = load_calendar()
    engine = SensitivityEngine(load_rules(extra), calendar=calendar)
    engine.recipe = recipe
    return engine


def rebuild_engine(recipe: tuple[tuple[Path, ...], bool]) -> SensitivityEngine:
    """The engine an :attr:`SensitivityEngine.recipe` describes (in a worker process)."""
    extra, use_calendar = recipe
    return load_engine(extra, use_calendar=use_calendar)
