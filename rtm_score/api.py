"""The scoring pipeline: profile + topics -> relevance, sensitivity, calendar, policy -> Report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import __version__
from .models import Decision, Reason, Report, RowError, ScoredTopic, Topic
from .policy import Signals, decide, reported_categories
from .profile import BrandProfile
from .relevance import Relevance, RelevanceModel
from .sensitivity import Assessment, SensitivityEngine, load_engine
from .sensitivity.kinds import stem_phrase
from .text import Analysed, TextPipeline
from .text.phrases import PhraseIndex

if TYPE_CHECKING:
    from .observances import Observance

__all__ = ["Prepared", "ScoreOptions", "prepare_topics", "score_brands", "score_topics"]

Progress = Callable[[str, int, int], None]
"""Called as ``progress(phase, done, total)``; phases: ``analysing``, ``sensitivity``,
``scoring`` (per brand)."""

CHUNK = 2000
"""Topics per step of work between progress calls (results do not depend on it)."""


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """Run options that are not part of the brand profile."""

    as_of: dt.date | None = None
    """Date for topics whose feed gives none (default: ``today``)."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """What scoring needs that does not depend on the brand: each topic analysed once and its
    sensitivity assessed once. :func:`score_brands` shares it across brands."""

    topics: tuple[Topic, ...]
    analysed: tuple[Analysed, ...]
    assessments: tuple[Assessment, ...]


def prepare_topics(
    topics: Sequence[Topic],
    engine: SensitivityEngine | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Analyse the topics' text and assess their sensitivity (the brand-independent work)."""
    engine = engine or load_engine()
    pipe = TextPipeline(drop_stopwords=False)
    total = len(topics)
    analysed: list[Analysed] = []
    assessments: list[Assessment] = []
    for start in range(0, total, CHUNK):
        batch = topics[start : start + CHUNK]
        analysed += [pipe.analyse_topic(t.name, t.context) for t in batch]
        if progress is not None:
            progress("analysing", len(analysed), total)
    for start in range(0, total, CHUNK):
        chunk = analysed[start : start + CHUNK]
        only_names = [not t.context.strip() for t in topics[start : start + CHUNK]]
        assessments += engine.assess_analysed(chunk, only_names)
        if progress is not None:
            progress("sensitivity", len(assessments), total)
    return Prepared(tuple(topics), tuple(analysed), tuple(assessments))


def score_topics(
    profile: BrandProfile,
    topics: Sequence[Topic],
    *,
    today: dt.date,
    errors: Sequence[RowError] = (),
    feed: str = "",
    now: dt.datetime | None = None,
    engine: SensitivityEngine | None = None,
    options: ScoreOptions = ScoreOptions(),
    progress: Progress | None = None,
) -> Report:
    """Score every topic for ``profile`` and rank them; the one call the CLI makes.

    Args:
        today: the run date (the library never reads the clock).
        now: the report's ``generated_at`` (default: midnight UTC of ``today``).
        progress: called as ``progress(phase, done, total)`` while working.
    """
    (report,) = score_brands(
        [profile],
        topics,
        today=today,
        errors=errors,
        feed=feed,
        now=now,
        engine=engine,
        options=options,
        progress=progress,
    )
    return report


def score_brands(
    profiles: Sequence[BrandProfile],
    topics: Sequence[Topic],
    *,
    today: dt.date,
    errors: Sequence[RowError] = (),
    feed: str = "",
    now: dt.datetime | None = None,
    engine: SensitivityEngine | None = None,
    options: ScoreOptions = ScoreOptions(),
    progress: Progress | None = None,
) -> list[Report]:
    """One report per profile, in order. The text analysis and the sensitivity of every topic
    are computed once and shared; only relevance and the decision are per brand."""
    engine = engine or load_engine()
    prepared = prepare_topics(topics, engine, progress)
    as_of = options.as_of or today
    generated = now or dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    # Relevance's feed statistics do not depend on the brand either: counted once.
    doc_freq = Counter(t for a in prepared.analysed for t in set(a.terms))
    reports: list[Report] = []
    for profile in profiles:
        scored = _Scorer(profile, engine).score(
            prepared, as_of, progress, doc_freq=doc_freq, n_docs=len(prepared.topics)
        )
        ranked = sorted(scored, key=_rank_key)
        final = tuple(
            ScoredTopic(
                i + 1,
                s.topic,
                s.decision,
                s.relevance,
                s.sensitivity,
                s.categories,
                s.reasons,
                s.territories,
            )
            for i, s in enumerate(ranked)
        )
        reports.append(
            Report(
                brand=profile.name,
                generated_at=generated,
                version=__version__,
                topics=final,
                errors=tuple(errors),
                feed=feed,
                as_of=as_of,
            )
        )
    return reports


def _rank_key(s: ScoredTopic) -> tuple[int, float, float, str, int]:
    line = s.topic.source.line if s.topic.source and s.topic.source.line is not None else 0
    order = s.decision.order
    # Engage and skip: most relevant first. Never: most sensitive first.
    primary = -s.sensitivity if s.decision is Decision.NEVER else -s.relevance
    return (order, primary, s.sensitivity, s.topic.name.casefold(), line)


class _Scorer:
    """Per-run state: the fitted relevance model and the brand's term indexes."""

    def __init__(self, profile: BrandProfile, engine: SensitivityEngine) -> None:
        self.profile = profile
        self.engine = engine
        self.pipe = TextPipeline(drop_stopwords=False)
        self.off_limits = self._index(profile.off_limits)
        self.competitors = self._index(profile.competitors)
        terr = engine.territories
        self.voice_topics = {terr.resolve(t) for t in profile.voice.topics}
        self.voice_avoid = {terr.resolve(t) for t in profile.voice.avoid}
        self.regions = {r.upper() for r in profile.regions}
        self._sorted_regions = sorted(self.regions)
        self._on: dict[dt.date, list[Observance]] = {}
        """The calendar's observances per day for the brand's regions (a feed has few days)."""
        # The brand's own dates (the anniversary of its own crisis) join the packaged calendar
        # for this run, as they do for `check`; the shared engine's calendar is not changed.
        self.calendar = engine.calendar
        if profile.dates and engine.calendar is not None:
            from .observances import load_calendar

            self.calendar = load_calendar(extra=profile.dates)

    def _index(self, terms: Sequence[str]) -> PhraseIndex:
        idx = PhraseIndex()
        for t in terms:
            stems = stem_phrase(self.pipe, t)
            if stems:
                idx.add(stems, t, None)
        return idx

    @staticmethod
    def _terms_in(
        index: PhraseIndex, folds: Sequence[str], fold_set: frozenset[str]
    ) -> tuple[str, ...]:
        """The brand's terms (as the profile wrote them) found in a topic, once each."""
        return tuple(dict.fromkeys(str(m[2]) for m in index.find(folds, fold_set)))

    def score(
        self,
        prepared: Prepared,
        as_of: dt.date,
        progress: Progress | None,
        *,
        doc_freq: Mapping[str, int] | None = None,
        n_docs: int = 0,
    ) -> list[ScoredTopic]:
        """Relevance and the decision for each prepared topic. Relevance's IDF comes from the
        topics themselves, or from ``doc_freq`` over ``n_docs`` (a whole feed's, when these
        topics are one partition of it)."""
        topics, analysed = prepared.topics, prepared.analysed
        terms = [a.terms for a in analysed]
        model = (
            RelevanceModel().fit(self.profile, corpus=terms)
            if doc_freq is None
            else RelevanceModel().fit(self.profile, doc_freq=doc_freq, n_docs=n_docs)
        )
        rels = model.assess(terms, names=[a.name_terms for a in analysed])
        out: list[ScoredTopic] = []
        total = len(topics)
        for i, (topic, rel) in enumerate(zip(topics, rels, strict=True)):
            out.append(self._one(topic, analysed[i], rel, as_of, prepared.assessments[i]))
            if progress is not None and (i + 1) % CHUNK == 0:
                progress("scoring", i + 1, total)
        if progress is not None:
            progress("scoring", total, total)
        return out

    def _one(
        self,
        topic: Topic,
        analysed: Analysed,
        rel: Relevance,
        as_of: dt.date,
        assessment: Assessment,
    ) -> ScoredTopic:
        folds, fold_set = analysed.folds, analysed.fold_set
        name_territories = self.engine.territories.find(folds[: analysed.name_length])
        territories = assessment.territories
        obs_reasons, notes = self._calendar(analysed.clean, topic.date or as_of)
        signals = Signals(
            relevance=self._voice_adjusted(rel.score, territories),
            relevance_reasons=self._relevance_reasons(rel, territories, topic),
            sensitivity=assessment.score,
            findings=tuple((f.category, f.tier, f.score, f.reason) for f in assessment.findings),
            observance_reasons=obs_reasons,
            date_notes=notes,
            off_limits=self._terms_in(self.off_limits, folds, fold_set),
            competitors=self._terms_in(self.competitors, folds, fold_set),
            avoided_territories=tuple(t for t in territories if t in self.voice_avoid),
            allowed_territories=tuple(sorted(self.voice_topics)),
            has_context=bool(topic.context.strip()),
            name_territories=name_territories,
        )
        decision, reasons = decide(signals, self.profile.thresholds)
        categories = reported_categories(signals.findings, self.profile.thresholds)
        if signals.off_limits:
            categories = ("off-limits", *categories)
        if obs_reasons and "remembrance" not in categories:
            categories = (*categories, "remembrance")
        return ScoredTopic(
            0,
            topic,
            decision,
            round(signals.relevance, 3),
            round(assessment.score, 3),
            categories,
            reasons,
            territories,
        )

    def _voice_adjusted(self, score: float, territories: Sequence[str]) -> float:
        # A topic in a territory the brand plays in (voice.topics) is relevant even without a
        # keyword: a snack brand and a TV finale. The boost alone reaches the default engage
        # threshold; keyword matches add to it.
        if any(t in self.voice_topics for t in territories):
            return min(1.0, score + 0.35)
        return score

    def _relevance_reasons(
        self, rel: Relevance, territories: Sequence[str], topic: Topic
    ) -> tuple[Reason, ...]:
        out: list[Reason] = []
        if rel.matches:
            where = "in its name" if rel.name_match else "in its context"
            out.append(
                Reason(
                    "relevance.match",
                    f"mentions the brand's terms {where}",
                    ", ".join(rel.matches),
                    "profile",
                )
            )
        if rel.similarity > 0 and rel.shared_terms:
            out.append(
                Reason(
                    "relevance.similarity",
                    f"close to the brand's {rel.best_document.split(':', 1)[0]} "
                    f"'{rel.best_document.split(':', 1)[-1]}'",
                    f"cosine {rel.similarity:.2f}; shared terms: {', '.join(rel.shared_terms)}",
                    "profile",
                )
            )
        fit = [t for t in territories if t in self.voice_topics]
        if fit:
            out.append(
                Reason("voice.fit", "in a territory the brand plays in", ", ".join(fit), "profile")
            )
        if not out:
            out.append(
                Reason(
                    "relevance.none",
                    "no link to the brand's keywords, products or voice",
                    f"relevance {rel.score:.2f}",
                    "profile",
                )
            )
        return tuple(out)

    def _calendar(self, clean: str, day: dt.date) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
        cal = self.calendar
        if cal is None:
            return (), ()
        regions = self._sorted_regions
        if day not in self._on:
            self._on[day] = cal.on(day, regions)
        today_obs = self._on[day]
        if not today_obs:
            return (), ()
        about = {o.id for o in cal.about(clean, day, regions)}
        forced: list[Reason] = []
        notes: list[Reason] = []
        for o in today_obs:
            where = (
                ", ".join(r for r in o.regions if r in self.regions or r == "*") or "your regions"
            )
            if o.id in about and o.severity == "solemn":
                forced.append(
                    Reason(
                        f"calendar.{o.id}",
                        f"about {o.name}, observed on {o.date.isoformat()} in {where}: "
                        "never for promotion",
                        o.note,
                        "calendar",
                    )
                )
            else:
                notes.append(
                    Reason(
                        f"calendar.{o.id}",
                        f"{o.name} is observed on {o.date.isoformat()} in {where}; "
                        "keep any post respectful",
                        o.note,
                        "calendar",
                    )
                )
        return tuple(forced), tuple(notes)
