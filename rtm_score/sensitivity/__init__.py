"""Sensitivity of topics: rule files, lexicons and context frames -> categories and a 0..1 score.

Rules are data (``data/rules/*.yaml``), one file per GARM-aligned category family. Each fired
signal carries a weight; within a category, weights combine as a noisy-OR. Signals marked
``dampen`` (words such as "killer", "shootout", "murder") count for less inside an
entertainment or sport frame ("series finale", "box office", "three-point contest"), where they
rarely describe real harm. Strong real-world signals ("mass shooting", "found dead") are never
dampened. The engine returns findings and reasons; it never decides (see ``policy``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleError
from ..models import Reason, Tier
from ..resources import data_path, list_files
from ..text import Analysed, TextPipeline
from .kinds import CompiledRule, Doc, Hit, RuleMatcher, compile_rule

__all__ = [
    "Assessment",
    "Finding",
    "RuleInfo",
    "SensitivityEngine",
    "load_engine",
]

# Frames multiply dampenable signal weights by this factor.
FRAME_DAMPING = 0.3
# A signal at least this strong can carry a category to "never" on its own ...
STRONG = 0.7
# ... and weak signals together are capped just below the default never threshold.
WEAK_CAP = 0.65
# Crisis-model probabilities: corroborating rule findings, and speaking alone (caution only).
MODEL_CORROBORATES = 0.8
MODEL_ALONE = 0.9
# Sensitivity of a topic no rule fires on: this share of the model's probability.
RESIDUAL = 0.3


_RULE_KEYS = {
    "id",
    "category",
    "tier",
    "name",
    "description",
    "message",
    "signals",
    "exceptions",
    "examples",
    "source",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One category that fired on a text."""

    category: str
    tier: Tier
    score: float
    reason: Reason


@dataclass(frozen=True, slots=True)
class Assessment:
    """Sensitivity of one text: a 0..1 score and the findings behind it."""

    score: float
    findings: tuple[Finding, ...] = ()
    frames: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories with a finding, most severe first."""
        return tuple(f.category for f in self.findings)

    @property
    def tier(self) -> Tier | None:
        """The most severe tier among the findings."""
        order = [Tier.FLOOR, Tier.HIGH, Tier.MEDIUM, Tier.LOW]
        tiers = {f.tier for f in self.findings}
        return next((t for t in order if t in tiers), None)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One reason per finding."""
        return tuple(f.reason for f in self.findings)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What ``rtm-score rules`` lists about a rule file."""

    id: str
    category: str
    tier: Tier
    name: str
    description: str
    message: str
    source: str
    examples: Mapping[str, tuple[str, ...]]


def _validate(data: Any, source: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a mapping", source=source)
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleError(
            f"unknown key(s) {sorted(unknown)}",
            source=source,
            hint=f"allowed keys: {', '.join(sorted(_RULE_KEYS))}",
        )
    for key in ("id", "category", "tier", "message"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise RuleError(f"'{key}' is required and must be text", source=source, where=key)
    try:
        Tier(data["tier"])
    except ValueError:
        raise RuleError(
            f"unknown tier {data['tier']!r}",
            source=source,
            where="tier",
            hint="use floor, high, medium or low",
        ) from None
    examples = data.get("examples")
    if examples is not None:
        if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
            bad = (
                sorted(set(examples) - {"match", "no_match"}) if isinstance(examples, dict) else []
            )
            raise RuleError(
                "examples must have only 'match' and 'no_match' lists"
                + (f", got {bad}" if bad else ""),
                source=source,
                where="examples",
                hint="rename the key to 'match' or 'no_match'",
            )
        for key, value in examples.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RuleError(
                    f"examples.{key} must be a list of texts",
                    source=source,
                    where=f"examples.{key}",
                    hint='write it as a YAML list: - "..."',
                )
    if not isinstance(data.get("signals"), list) or not data["signals"]:
        raise RuleError("'signals' must be a non-empty list", source=source, where="signals")
    return data


class SensitivityEngine:
    """Evaluates the rule set on topics. Build it with :func:`load_engine`."""

    def __init__(
        self,
        rules: Sequence[tuple[CompiledRule, RuleInfo]],
        calendar: Any = None,
        model: Any = None,
    ) -> None:
        self.rules = [r for r, _ in rules]
        self.matcher = RuleMatcher(self.rules)
        self.infos = {i.id: i for _, i in rules}
        self.tiers = {i.category: i.tier for _, i in rules}
        self.messages = {i.category: i.message for _, i in rules}
        self.calendar = calendar
        self.model = model
        self.pipe = TextPipeline(drop_stopwords=False)
        from ..territories import load_territories

        self.territories = load_territories()
        self._sentiment: Any = None

    def prepare(self, name: str, context: str = "") -> Doc:
        """Clean and fold a topic once for every rule."""
        return self.doc(self.pipe.analyse_topic(name, context))

    @staticmethod
    def doc(analysed: Analysed) -> Doc:
        """The rules' view of an already analysed topic."""
        return Doc(clean=analysed.clean, stems=analysed.folds, stem_set=frozenset(analysed.folds))

    def assess(self, name: str, context: str = "") -> Assessment:
        """Sensitivity of one topic (its name and its context)."""
        return self.assess_doc(self.prepare(name, context), context=context)

    def assess_many(self, items: Iterable[tuple[str, str]]) -> list[Assessment]:
        """Sensitivity of many (name, context) pairs."""
        return [self.assess(n, c) for n, c in items]

    def assess_doc(
        self, doc: Doc, *, context: str = "", model_p: float | None = None
    ) -> Assessment:
        """Sensitivity of a prepared text; ``model_p`` is the crisis model's probability."""
        territories = self.territories.find(doc.stems)
        frames = tuple(t for t in territories if self.territories.is_frame(t))
        hits = self.matcher.match(doc)
        if self.calendar is not None:
            hits.extend(self._observance_hits(doc.clean))
        by_cat: dict[str, list[Hit]] = {}
        for h in hits:
            by_cat.setdefault(h.category, []).append(h)
        findings: list[Finding] = []
        for cat, cat_hits in by_cat.items():
            score, evidence, damped = self._combine(cat_hits, bool(frames))
            if score <= 0:
                continue
            tier = self.tiers.get(cat, Tier.MEDIUM)
            msg = self.messages.get(cat, cat)
            note = f" (softened: {', '.join(frames)} context)" if damped else ""
            findings.append(
                Finding(
                    cat,
                    tier,
                    score,
                    Reason(
                        code=f"sens.{cat}", message=f"{msg}{note}", evidence=evidence, origin="rule"
                    ),
                )
            )
        if model_p is None and context and self.model is not None:
            model_p = float(self.model.predict_proba([context])[0])
        findings = self._adjust(findings, context, model_p, bool(frames))
        findings.sort(key=lambda f: (-f.score, f.category))
        # With no finding, the crisis model's probability still ranks topics (scaled below the
        # caution threshold, so it never decides alone): "how crisis-like is this".
        top = findings[0].score if findings else round(RESIDUAL * (model_p or 0.0), 3)
        return Assessment(
            score=round(top, 3), findings=tuple(findings), frames=frames, territories=territories
        )

    @staticmethod
    def _combine(hits: list[Hit], framed: bool) -> tuple[float, str, bool]:
        best: dict[str, float] = {}
        damped = False
        for h in hits:
            w = h.weight
            if framed and h.dampen:
                w *= FRAME_DAMPING
                damped = True
            best[h.evidence] = max(best.get(h.evidence, 0.0), w)
        keep = 1.0
        for w in best.values():
            keep *= 1.0 - w
        score = 1.0 - keep
        # Weak words pile up to caution, never to a floor decision: "never" needs at least one
        # strong signal (an obituary phrase, a casualty count, a co-occurrence rule).
        if best and max(best.values()) < STRONG:
            score = min(score, WEAK_CAP)
        ranked = sorted(best, key=lambda e: -best[e])
        return round(score, 3), ", ".join(f"'{e}'" for e in ranked[:4]), damped

    def _adjust(
        self, findings: list[Finding], context: str, model_p: float | None, framed: bool
    ) -> list[Finding]:
        """Corroborate rule findings with sentiment of the context and the crisis model.

        A very negative context (VADER) adds 0.1 but cannot lift weak-only evidence past
        ``WEAK_CAP``; crisis language recognised by the CrisisLex model (p >= 0.8) adds 0.1 and
        can. With no rule finding, a model p >= 0.9 outside an entertainment or sport frame
        becomes a medium-tier "crisis" finding: caution, never a floor decision on its own.
        """
        if not findings:
            if model_p is not None and model_p >= MODEL_ALONE and not framed:
                return [
                    Finding(
                        "crisis",
                        Tier.MEDIUM,
                        0.5,
                        Reason(
                            "sens.crisis-model",
                            "reads like crisis news (model learned from CrisisLex)",
                            f"p={model_p:.2f}{self._model_terms(context)}",
                            "model",
                        ),
                    )
                ]
            return findings
        boost = 0.0
        lift_weak = False
        notes: list[str] = []
        if context:
            compound = self._compound(context)
            if compound <= -0.6:
                boost += 0.1
                notes.append(f"very negative context (VADER compound {compound:.2f})")
        if model_p is not None and model_p >= MODEL_CORROBORATES:
            boost += 0.1
            lift_weak = True
            notes.append(f"crisis model p={model_p:.2f}")
        if not boost:
            return findings
        out = []
        for f in findings:
            if f.tier is Tier.FLOOR and 0 < f.score < 1:
                score = round(min(1.0, f.score + boost), 3)
                if not lift_weak and f.score <= WEAK_CAP:
                    score = min(score, WEAK_CAP)
                reason = Reason(
                    f.reason.code,
                    f.reason.message,
                    f"{f.reason.evidence}; raised by {' and '.join(notes)}",
                    f.reason.origin,
                )
                out.append(Finding(f.category, f.tier, score, reason))
            else:
                out.append(f)
        return out

    def _model_terms(self, context: str) -> str:
        terms = self.model.top_terms(context, k=3) if self.model is not None and context else []
        return f"; terms: {', '.join(terms)}" if terms else ""

    def _compound(self, text: str) -> float:
        if self._sentiment is None:
            # vaderSentiment ships its lexicon inside the package (no NLTK download needed).
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            self._sentiment = SentimentIntensityAnalyzer()
        return float(self._sentiment.polarity_scores(text)["compound"])

    def _observance_hits(self, clean: str) -> list[Hit]:
        out = []
        for obs in self.calendar.about(clean):
            weight = 0.9 if obs.severity == "solemn" else 0.4
            out.append(Hit("remembrance", "remembrance", weight, obs.name, False))
        return out

    def explain_rule(self, rule_id: str) -> RuleInfo:
        """The documentation of one rule."""
        return self.infos[rule_id]


def _read_rule_file(path: Any, source: str, pipe: TextPipeline) -> tuple[CompiledRule, RuleInfo]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleError(f"invalid YAML: {exc}", source=source) from None
    data = _validate(data, source)
    rule = compile_rule(data, source, pipe)
    ex = data.get("examples") or {}
    info = RuleInfo(
        id=data["id"],
        category=data["category"],
        tier=Tier(data["tier"]),
        name=str(data.get("name") or data["id"]),
        description=str(data.get("description") or ""),
        message=data["message"],
        source=source,
        examples={k: tuple(v or ()) for k, v in ex.items()} if isinstance(ex, dict) else {},
    )
    return rule, info


def load_rules(extra_dirs: Sequence[Path] = ()) -> list[tuple[CompiledRule, RuleInfo]]:
    """Packaged rule files plus ``*.yaml`` files from ``extra_dirs``; ids must be unique."""
    pipe = TextPipeline(drop_stopwords=False)
    out: list[tuple[CompiledRule, RuleInfo]] = []
    seen: dict[str, str] = {}
    files: list[tuple[Any, str]] = [
        (f, f"rtm_score/data/rules/{f.name}") for f in list_files("rules", suffix=".yaml")
    ]
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise RuleError(
                "rules folder not found", source=str(d), hint="pass a folder of .yaml rule files"
            )
        files.extend((f, str(f)) for f in sorted(d.glob("*.yaml")))
    for f, source in files:
        rule, info = _read_rule_file(f, source, pipe)
        if info.id in seen:
            raise RuleError(
                f"duplicate rule id {info.id!r} (also in {seen[info.id]})",
                source=source,
                where="id",
                hint="rule ids must be unique",
            )
        seen[info.id] = source
        out.append((rule, info))
    return out


def load_engine(
    extra_rule_dirs: Sequence[Path] = (),
    *,
    calendar: Any = None,
    use_calendar: bool = True,
    use_model: bool = True,
) -> SensitivityEngine:
    """The engine: packaged rules, the solemn-dates calendar and the crisis model."""
    if not extra_rule_dirs and calendar is None and use_calendar and use_model:
        return _default_engine()
    return _build(tuple(extra_rule_dirs), calendar, use_calendar, use_model)


@lru_cache(maxsize=1)
def _default_engine() -> SensitivityEngine:
    return _build((), None, True, True)


def _build(
    extra: tuple[Path, ...], calendar: Any, use_calendar: bool, use_model: bool
) -> SensitivityEngine:
    if calendar is None and use_calendar:
        try:
            from ..observances import load_calendar
        except ImportError:  # pragma: no cover - during development only
            calendar = None
        else:
            calendar = load_calendar()
    model = None
    if use_model and data_path("models", "crisis-model.json").is_file():
        from .model import CrisisModel

        model = CrisisModel.load()
    return SensitivityEngine(load_rules(extra), calendar=calendar, model=model)
