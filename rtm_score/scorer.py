"""One brand's side of scoring: relevance, the calendar of its regions, and the decision.

:class:`BrandScorer` takes topics already analysed and judged for sensitivity
(:class:`Prepared`), so that many brands share that work.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from .models import Reason, ScoredTopic, Topic
from .policy import Signals, decide, reported_categories
from .profile import BrandProfile
from .relevance import PLATFORM_KINDS, Relevance, RelevanceModel, TermCounts, term_counts
from .sensitivity import Assessment, SensitivityEngine
from .sensitivity.kinds import stem_phrase
from .signals.brand import BrandStory, StoryFinder
from .signals.plays import PlayFinder
from .text import Analysed, TextPipeline, as_written
from .text.phrases import PhraseIndex
from .vocab.regions import country_codes, feed_country

if TYPE_CHECKING:
    from .observances import Observance

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


def document_frequencies(analysed: Iterable[Analysed]) -> Counter[str]:
    """In how many topics each relevance term occurs: what relevance's IDF learns from a feed
    (brand-independent; partitions' counts add up)."""
    return Counter(t for a in analysed for t in set(a.terms))


@dataclass(frozen=True, slots=True)
class Prepared:
    """What scoring needs that does not depend on the brand: each topic analysed once and its
    sensitivity assessed once. :func:`rtm_score.api.iter_brands` shares it across brands."""

    topics: tuple[Topic, ...]
    analysed: tuple[Analysed, ...]
    assessments: tuple[Assessment, ...]


CHUNK = 2000
"""Topics per step of work between progress calls (results do not depend on it)."""

SHARED_MAX = 100_000
"""How many distinct reasons and tuples a scorer keeps one copy of (then it starts afresh)."""


def chunks_of(prepared: Prepared) -> Iterator[Prepared]:
    """``prepared`` in slices of :data:`CHUNK` topics."""
    for start in range(0, len(prepared.topics), CHUNK):
        stop = start + CHUNK
        yield Prepared(
            prepared.topics[start:stop],
            prepared.analysed[start:stop],
            prepared.assessments[start:stop],
        )


def score_brands(
    scorers: Sequence[tuple[BrandScorer, RelevanceModel]], prepared: Prepared, as_of: dt.date
) -> list[list[ScoredTopic]]:
    """One chunk scored for each (brand, its relevance model), its terms counted once."""
    counts = term_counts([a.terms for a in prepared.analysed])
    return [s.score_chunk(m, prepared, as_of, counts=counts) for s, m in scorers]


class BrandScorer:
    """Per-run state: the fitted relevance model and the brand's term indexes."""

    def __init__(self, profile: BrandProfile, engine: SensitivityEngine) -> None:
        self.profile = profile
        self.engine = engine
        self.pipe = TextPipeline(drop_stopwords=False)
        self.off_limits = self._index(profile.off_limits)
        self.competitors = self._index(profile.competitors)
        self.stories = StoryFinder(
            (profile.name, *profile.aliases, *(p.name for p in profile.products)),
            profile.competitors,
        )
        terr = engine.territories
        self.plays = PlayFinder(profile.plays, terr.resolve)
        self.voice_topics = {terr.resolve(t) for t in profile.voice.topics}
        self.voice_avoid = {terr.resolve(t) for t in profile.voice.avoid}
        self.regions = set(country_codes(profile.regions))
        self._sorted_regions = sorted(self.regions)
        self._shared: dict[object, object] = {}
        """One copy of each distinct reason, reason list and category or territory list: most
        topics of a feed share them ("no link to the brand", "sensitivity 0.91 >= 0.70"), and
        a million topics would otherwise hold three million copies."""
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

    def relevance_model(self, doc_freq: Mapping[str, int], n_docs: int) -> RelevanceModel:
        """The brand's relevance model, its IDF from the feed's ``doc_freq`` over ``n_docs``
        documents (:func:`document_frequencies`; a whole feed's, when the topics scored are
        one partition or chunk of it)."""
        return RelevanceModel().fit(self.profile, doc_freq=doc_freq, n_docs=n_docs)

    def score(
        self,
        chunks: Iterable[Prepared],
        as_of: dt.date,
        progress: Progress | None,
        *,
        doc_freq: Mapping[str, int],
        n_docs: int,
    ) -> list[ScoredTopic]:
        """Relevance and the decision for each topic of the prepared ``chunks`` (a
        :class:`~rtm_score.spool.PreparedFeed`, or :func:`chunks_of` one :class:`Prepared`),
        in order; IDF from the whole feed's ``doc_freq`` over ``n_docs`` topics."""
        model = self.relevance_model(doc_freq, n_docs)
        out: list[ScoredTopic] = []
        for chunk in chunks:
            out += self.score_chunk(model, chunk, as_of)
            if progress is not None:
                progress("scoring", len(out), n_docs)
        if progress is not None and not out:
            progress("scoring", 0, 0)
        return out

    def score_chunk(
        self,
        model: RelevanceModel,
        prepared: Prepared,
        as_of: dt.date,
        *,
        counts: TermCounts | None = None,
    ) -> list[ScoredTopic]:
        """:meth:`score` for one chunk, with a model from :meth:`relevance_model`; ``counts``
        are the chunk's :func:`~rtm_score.relevance.term_counts`, when several brands share
        them (:func:`score_brands`)."""
        analysed = prepared.analysed
        rels = model.assess(
            [a.terms for a in analysed], names=[a.name_terms for a in analysed], counts=counts
        )
        stories = self.stories.find(analysed)
        return [
            self._one(topic, a, rel, as_of, assessment, story)
            for topic, a, rel, assessment, story in zip(
                prepared.topics, analysed, rels, prepared.assessments, stories, strict=True
            )
        ]

    def _one(
        self,
        topic: Topic,
        analysed: Analysed,
        rel: Relevance,
        as_of: dt.date,
        assessment: Assessment,
        story: BrandStory | None = None,
    ) -> ScoredTopic:
        folds, fold_set = analysed.folds, analysed.fold_set
        has_context = bool(topic.context.strip())
        # The name's own territories tell a bare name apart (the policy reads them only then).
        name_territories = (
            () if has_context else self.engine.territories.find(folds[: analysed.name_length])
        )
        territories = assessment.territories
        day = topic.date or as_of
        obs_reasons, notes = self._calendar(analysed, day, topic.region)
        signals = Signals(
            relevance=self._voice_adjusted(rel.score, territories),
            relevance_reasons=self._relevance_reasons(rel, territories, analysed),
            sensitivity=assessment.score,
            findings=tuple((f.category, f.tier, f.score, f.reason) for f in assessment.findings),
            observance_reasons=obs_reasons,
            date_notes=notes,
            off_limits=self._terms_in(self.off_limits, folds, fold_set),
            competitors=self._terms_in(self.competitors, folds, fold_set),
            avoided_territories=tuple(t for t in territories if t in self.voice_avoid),
            allowed_territories=tuple(sorted(self.voice_topics)),
            has_context=has_context,
            name_territories=name_territories,
            brand_story=story,
            plays=self.plays.find(analysed, territories, day) if self.plays else (),
        )
        decision, reasons = decide(signals, self.profile.thresholds)
        categories = reported_categories(signals.findings, self.profile.thresholds)
        if signals.off_limits:
            categories = ("off-limits", *categories)
        if story is not None and story.own and story.verdict == "bad":
            categories = ("brand-in-the-news", *categories)
        if obs_reasons and "remembrance" not in categories:
            categories = (*categories, "remembrance")
        share = self._share
        return ScoredTopic(
            0,
            topic,
            decision,
            round(signals.relevance, 3),
            round(assessment.score, 3),
            share(categories),
            self._share_reasons(reasons),
            share(territories),
        )

    def _share(self, value: T) -> T:
        """The one kept copy of an immutable ``value`` equal to this one."""
        kept = self._shared.get(value)
        if kept is None:
            if len(self._shared) >= SHARED_MAX:
                self._shared.clear()
            self._shared[value] = kept = value
        return cast("T", kept)

    def _share_reasons(self, reasons: Iterable[Reason]) -> tuple[Reason, ...]:
        """The kept copy of each reason, in the kept copy of their tuple; a tuple with a
        reason not seen before cannot equal a kept one, so it is not looked up or kept (most
        topics: their decision's reason names their own scores)."""
        shared = self._shared
        out: list[Reason] = []
        fresh = False
        for reason in reasons:
            kept = shared.get(reason)
            if kept is None:
                fresh = True
                kept = self._share(reason)
            out.append(cast("Reason", kept))
        return tuple(out) if fresh else self._share(tuple(out))

    def _voice_adjusted(self, score: float, territories: Sequence[str]) -> float:
        # A topic in a territory the brand plays in (voice.topics) is relevant even without a
        # keyword: a snack brand and a TV finale. The boost alone reaches the default engage
        # threshold; keyword matches add to it.
        if any(t in self.voice_topics for t in territories):
            return min(1.0, score + 0.35)
        return score

    def _relevance_reasons(
        self, rel: Relevance, territories: Sequence[str], analysed: Analysed
    ) -> tuple[Reason, ...]:
        out: list[Reason] = []
        hooks = [m for m in rel.matches if m.split(" ", 1)[0] in PLATFORM_KINDS]
        terms = [m for m in rel.matches if m not in hooks]
        where = "in its name" if rel.name_match else "in its context"
        if hooks:
            out.append(
                Reason(
                    "relevance.platform",
                    "hooks onto the brand's platform (a slogan, mascot, sponsorship or moment)",
                    ", ".join(hooks),
                    "profile",
                )
            )
        if terms:
            out.append(
                Reason(
                    "relevance.match",
                    f"mentions the brand's terms {where}",
                    ", ".join(terms),
                    "profile",
                )
            )
        if rel.similarity > 0 and rel.shared_terms:
            kind, _, label = rel.best_document.partition(":")
            shared = ", ".join(as_written(rel.shared_terms, analysed.words))
            out.append(
                Reason(
                    "relevance.similarity",
                    # "description" names one document; "keyword:game day snacks" names a kind
                    f"close to the brand's {kind}" + (f" '{label}'" if label else ""),
                    f"cosine {rel.similarity:.2f}; shared terms: {shared}",
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

    def _calendar(
        self, analysed: Analysed, day: dt.date, region: str | None = None
    ) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
        """(observances that make the topic never, notes for the day): a note only where the
        topic trends (its feed row's region, else the brand's regions), so a US trend on 11
        November carries Veterans Day and not the Commonwealth's Remembrance Day."""
        cal = self.calendar
        if cal is None:
            return (), ()
        regions = self._sorted_regions
        if day not in self._on:
            self._on[day] = cal.on(day, regions)
        today_obs = self._on[day]
        if not today_obs:
            return (), ()
        about = {o.id for o in cal.about(analysed.clean, day, regions, words=analysed.words)}
        # A feed's region cell may hold a city or "Worldwide": only a country code narrows.
        trends_in = feed_country(region) if region else None
        where_trends = frozenset({trends_in}) if trends_in else None
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
            elif where_trends is None or o.applies_to(where_trends):
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
