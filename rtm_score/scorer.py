"""One brand's side of scoring: relevance, the calendar of its regions, and the decision.

:class:`BrandScorer` takes topics already analysed and judged for sensitivity
(:class:`Prepared`), so that many brands share that work.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias, TypeVar, cast

from .brand_calendar import BrandDays
from .models import Decision, Reason, ScoredTopic, Topic
from .policy import Signals, decide, reported_categories
from .profile import BrandProfile
from .relevance import PLATFORM_KINDS, Relevance, RelevanceModel, TermCounts, term_counts
from .sensitivity import Assessment, SensitivityEngine
from .sensitivity.kinds import stem_phrase
from .signals.brand import BrandStory, StoryFinder
from .signals.plays import PlayFinder, PlayMatch
from .text import Analysed, TextPipeline, as_written
from .text.phrases import PhraseIndex
from .vocab.territories import TERRITORY_CATEGORIES

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
    """One chunk scored for each (brand, its relevance model), its terms counted once.

    A topic that none of its brand's terms, territories, stories, plays or observances touch
    is decided by its sensitivity and the policy's inputs alone (:attr:`BrandScorer.policy`):
    brands with the same ones (most keep the default thresholds) share that outcome, decided
    once a chunk, not once a brand."""
    counts = term_counts([a.terms for a in prepared.analysed])
    policies = [s.policy for s, _ in scorers]
    shared: Outcomes | None = {} if len(set(policies)) < len(policies) else None
    return [s.score_chunk(m, prepared, as_of, counts=counts, shared=shared) for s, m in scorers]


Outcome: TypeAlias = "tuple[Decision, tuple[str, ...], tuple[Reason, ...]]"
"""A topic's decision, categories and reasons."""
Outcomes: TypeAlias = "dict[tuple[object, int, tuple[Reason, ...], tuple[str, ...]], Outcome]"
"""The outcomes the brands of a chunk share: by (policy inputs, topic index, the day's calendar
notes, the avoided territories the topic is in)."""


class _Touch(NamedTuple):
    """What of a brand, besides relevance, one topic touches (:meth:`BrandScorer._touch`)."""

    observances: tuple[Reason, ...]
    """Solemn observances the topic is about on its day (they force never)."""
    notes: tuple[Reason, ...]
    """The day's other observances where the topic trends."""
    off_limits: tuple[str, ...]
    competitors: tuple[str, ...]
    avoided: tuple[str, ...]
    """The topic's territories the brand stays out of (``voice.avoid``)."""
    plays: tuple[PlayMatch, ...]


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
        self.policy = (
            profile.thresholds,
            tuple(
                TERRITORY_CATEGORIES[t]
                for t in sorted(self.voice_topics)
                if t in TERRITORY_CATEGORIES
            ),
        )
        """What the policy reads of the brand for a topic nothing of the brand touches: the
        thresholds, and the high-tier categories its voice plays in (``policy._allowed``)."""
        self._shared: dict[object, object] = {}
        """One copy of each distinct reason, reason list and category or territory list: most
        topics of a feed share them ("no link to the brand", "sensitivity 0.91 >= 0.70"), and
        a million topics would otherwise hold three million copies."""
        self.days = BrandDays(profile, engine.calendar)
        """The calendar of the brand's regions, its own dates included."""

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
        shared: Outcomes | None = None,
    ) -> list[ScoredTopic]:
        """:meth:`score` for one chunk, with a model from :meth:`relevance_model`; ``counts``
        are the chunk's :func:`~rtm_score.relevance.term_counts` and ``shared`` its outcomes,
        when several brands share them (:func:`score_brands`)."""
        analysed = prepared.analysed
        rels = model.assess(
            [a.terms for a in analysed],
            names=[a.name_terms for a in analysed],
            counts=counts,
            words=[(a.words, a.name_length) for a in analysed] if model.word_phrases_ else None,
        )
        stories = self.stories.find(analysed)
        one = self._one
        return [
            one(topic, a, rel, as_of, assessment, story, shared, i)
            for i, (topic, a, rel, assessment, story) in enumerate(
                zip(prepared.topics, analysed, rels, prepared.assessments, stories, strict=True)
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
        shared: Outcomes | None = None,
        index: int = 0,
    ) -> ScoredTopic:
        """One topic scored; ``shared`` (with the topic's ``index`` in its chunk) holds the
        outcomes of the chunk's topics that no brand signal but an avoided territory touches
        (:func:`score_brands`)."""
        territories = assessment.territories
        touch = self._touch(topic, analysed, territories, as_of)
        relevance = self._voice_adjusted(rel.score, territories)
        key, outcome = None, None
        if (
            shared is not None
            and rel.score == 0.0
            and not rel.matches
            and self.voice_topics.isdisjoint(territories)
            and not (touch.observances or touch.off_limits or touch.competitors or touch.plays)
            and story is None
        ):
            # Its relevance reason is "relevance 0.00" whatever the brand: the policy's inputs,
            # the day's notes and the avoided territories decide the rest.
            key = (self.policy, index, touch.notes, touch.avoided)
            outcome = shared.get(key)
        if outcome is None:
            signals = self._signals(topic, analysed, rel, relevance, assessment, story, touch)
            outcome = self._outcome(signals, story)
            if shared is not None and key is not None:
                shared[key] = outcome
        decision, categories, reasons = outcome
        return ScoredTopic(
            0,
            topic,
            decision,
            round(relevance, 3),
            round(assessment.score, 3),
            categories,
            reasons,
            self._share(territories),
        )

    def _touch(
        self, topic: Topic, analysed: Analysed, territories: tuple[str, ...], as_of: dt.date
    ) -> _Touch:
        """What of the brand, besides relevance, a topic touches."""
        folds, fold_set = analysed.folds, analysed.fold_set
        day = topic.date or as_of
        observances, notes = self.days.reasons(analysed, day, topic.region)
        return _Touch(
            observances,
            notes,
            self._terms_in(self.off_limits, folds, fold_set),
            self._terms_in(self.competitors, folds, fold_set),
            tuple(t for t in territories if t in self.voice_avoid),
            self.plays.find(analysed, territories, day) if self.plays else (),
        )

    def _signals(
        self,
        topic: Topic,
        analysed: Analysed,
        rel: Relevance,
        relevance: float,
        assessment: Assessment,
        story: BrandStory | None,
        touch: _Touch,
    ) -> Signals:
        """What the policy looks at for one topic and this brand."""
        has_context = bool(topic.context.strip())
        # The name's own territories tell a bare name apart (the policy reads them only then).
        names = analysed.folds[: analysed.name_length]
        territories = assessment.territories
        return Signals(
            relevance=relevance,
            relevance_reasons=self._relevance_reasons(rel, territories, analysed),
            sensitivity=assessment.score,
            findings=tuple((f.category, f.tier, f.score, f.reason) for f in assessment.findings),
            observance_reasons=touch.observances,
            date_notes=touch.notes,
            off_limits=touch.off_limits,
            competitors=touch.competitors,
            avoided_territories=touch.avoided,
            allowed_territories=tuple(sorted(self.voice_topics)),
            has_context=has_context,
            name_territories=() if has_context else self.engine.territories.find(names),
            brand_story=story,
            plays=touch.plays,
        )

    def _outcome(self, signals: Signals, story: BrandStory | None) -> Outcome:
        """The policy's decision, the categories the report names and the reasons (each kept
        once: :meth:`_share`)."""
        decision, reasons = decide(signals, self.profile.thresholds)
        categories = reported_categories(signals.findings, self.profile.thresholds)
        if signals.off_limits:
            categories = ("off-limits", *categories)
        if story is not None and story.own and story.verdict == "bad":
            categories = ("brand-in-the-news", *categories)
        if signals.observance_reasons and "remembrance" not in categories:
            categories = (*categories, "remembrance")
        return decision, self._share(categories), self._share_reasons(reasons)

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
