"""The brand in the news: is a topic about the brand itself (or a competitor), and what kind of
story is it for them?

A topic is **about** a company when one of its names (the profile's ``name`` and product names
for the brand, ``competitors`` for the others) is in the topic's name, or in the first
sentence of its context: where a headline puts its subject. A brand named further down a long
context is mentioned, not the story.

What kind of story it is comes from the brand-story model (``data/models/brand-story.json``,
fitted by ``scripts/fit_brand_stories.py`` on the team's labelled headlines in
``labels/brand-stories/``): P(negative for the company: complaint, recall, outage, legal
trouble, backlash, layoffs, scandal) and the likeliest kind. Its two cuts are fitted with it
and stored beside it: above the never cut the story is bad news (listen first); between the
two the brand should read it before posting. The company's own words are left out of the text
the model reads, as they were when it was fitted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..resources import read_json
from ..text import Analysed, TextPipeline, tokenize_cased
from ..text.normalize import normalize
from ..text.phrases import PhraseIndex
from .textmodel import TextModel

__all__ = ["NEGATIVE_KINDS", "BrandStory", "BrandStoryModel", "StoryFinder"]

NEGATIVE_KINDS = frozenset(
    {
        "complaint",
        "recall-safety",
        "outage",
        "legal-regulatory",
        "backlash-boycott",
        "layoffs-closure",
        "scandal",
    }
)
"""Kinds of story that are bad news for the company (labels/brand-stories/RUBRIC.md)."""

_SOURCE = "rtm_score/data/models/brand-story.json"
_SENTENCE_END = re.compile(r"(?<!\b[A-Za-z])[.!?;](?:\s|$)")
"""The end of a sentence; not the dot after a single letter ("U.S." or "J. K. Rowling")."""


@dataclass(frozen=True, slots=True)
class BrandStory:
    """A topic that is about a company of the profile, with the evidence."""

    company: str
    """The name as the profile writes it."""
    own: bool
    """The brand itself (its name or a product), not a competitor."""
    where: str
    """``"name"`` or ``"context"``."""
    kind: str
    """The likeliest kind of story (see :data:`NEGATIVE_KINDS`)."""
    p_negative: float
    verdict: str
    """``"bad"`` (P(negative) at or above the never cut: listen first), ``"unsure"`` (at or
    above the check-first cut: read it before posting) or ``"fine"``."""

    @property
    def negative(self) -> bool:
        """Possibly bad news for the company (``bad`` or ``unsure``)."""
        return self.verdict != "fine"


class BrandStoryModel:
    """The packaged brand-story model and its negative cut (immutable once loaded)."""

    def __init__(self, model: TextModel, negative_cut: float, never_cut: float) -> None:
        self.model = model
        self.negative_cut = negative_cut
        self.never_cut = never_cut

    @classmethod
    def load(cls) -> BrandStoryModel:
        return _load_packaged()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BrandStoryModel:
        model = TextModel.from_dict(data, source=_SOURCE)
        scale = data["scale"]
        return cls(model, float(scale["negative_cut"]), float(scale["never_cut"]))

    def kinds(self, terms: Sequence[Sequence[str]]) -> list[tuple[str, float, str]]:
        """(kind, P(negative), verdict) for each text's terms: the likeliest kind among the
        negative ones when P(negative) reaches the check-first cut, else among the others."""
        if not terms:
            return []
        x = self.model.transform(terms)
        p = self.model.proba(x, "negative")
        probs = self.model.proba(x, "kind")
        classes = self.model.heads["kind"].classes
        bad = np.array([c in NEGATIVE_KINDS for c in classes])
        out: list[tuple[str, float, str]] = []
        for row, pn in zip(probs, p, strict=True):
            negative = bool(pn >= self.negative_cut)
            pick = np.where(bad == negative, row, -1.0)
            verdict = "bad" if pn >= self.never_cut else "unsure" if negative else "fine"
            out.append((classes[int(pick.argmax())], float(pn), verdict))
        return out


@lru_cache(maxsize=1)
def _load_packaged() -> BrandStoryModel:
    return BrandStoryModel.from_dict(read_json("models", "brand-story.json"))


class StoryFinder:
    """Finds the topics about the brand or a competitor, for one profile."""

    def __init__(
        self,
        own: Sequence[str],
        competitors: Sequence[str],
        model: BrandStoryModel | None = None,
    ) -> None:
        self.model = model or BrandStoryModel.load()
        self.pipe = TextPipeline(drop_stopwords=False)
        self.index = PhraseIndex()
        self._stems: set[str] = set()
        for names, is_own in ((own, True), (competitors, False)):
            for name in names:
                folds = tuple(self.pipe.folds(name))
                if folds:
                    capitals = tuple(w[:1].isupper() for w in tokenize_cased(normalize(name)))
                    self.index.add(folds, name, (is_own, capitals))
                    self._stems.update(self.pipe.stems(name))

    def find(self, analysed: Sequence[Analysed]) -> list[BrandStory | None]:
        """The story for each topic, or None when it is about none of the companies."""
        hits = [self._about(a) for a in analysed]
        asked = [i for i, h in enumerate(hits) if h is not None]
        out: list[BrandStory | None] = [None] * len(analysed)
        if not asked:  # most feeds, most chunks: the story model is not even loaded
            return out
        kinds = self.model.kinds(
            [[t for t in analysed[i].terms if t not in self._stems] for i in asked]
        )
        for i, (kind, p, verdict) in zip(asked, kinds, strict=True):
            company, own, where = hits[i]  # type: ignore[misc]
            out[i] = BrandStory(company, own, where, kind, round(p, 4), verdict)
        return out

    def _about(self, a: Analysed) -> tuple[str, bool, str] | None:
        """(company, own, where) when a company is in the name or the first sentence."""
        if not self.index.may_match(a.fold_set):  # in no part of the topic (most topics)
            return None
        head = a.folds[: a.name_length]
        found = self.index.find(head, frozenset(head))
        where = "name"
        if not found:
            first = _first_sentence_length(a)
            body = a.folds[a.name_length : a.name_length + first]
            found = self.index.find(body, frozenset(body))
            if found:  # the capitals are read only where a name was found
                found = _as_names(found, _context_cased(a, first))
            where = "context"
        if not found:
            return None
        own = [m for m in found if m[3][0]]  # the brand's own name wins over a competitor's
        _start, _end, name, (is_own, _capitals) = (own or found)[0]
        return str(name), bool(is_own), where


def _context_cased(a: Analysed, first: int) -> list[str] | None:
    """The first ``first`` words of the context as written, or None if they do not line up."""
    context = a.clean.split(" . ", 1)[1] if " . " in a.clean else ""
    cased = tokenize_cased(context)[:first]
    return cased if len(cased) == first else None


def _as_names(
    found: list[tuple[int, int, str, Any]], cased: list[str] | None
) -> list[tuple[int, int, str, Any]]:
    """The matches written as names: each word the profile capitalises is capitalised in the
    text, so a product called "Weekend Getaways" is not found in "deals on weekend getaways"
    (in a context, a company or product is written as a name; a trend's own name is not).
    A context written all in lower case says nothing about names, so there every match counts."""
    if cased is None or not any(w[:1].isupper() for w in cased):
        return found
    return [
        m
        for m in found
        if all(
            w[:1].isupper() or not cap for w, cap in zip(cased[m[0] : m[1]], m[3][1], strict=False)
        )
    ]


def _first_sentence_length(a: Analysed) -> int:
    """How many words of the context its first sentence has."""
    context = a.clean.split(" . ", 1)[1] if " . " in a.clean else ""
    end = _SENTENCE_END.search(context)
    first = context[: end.start()] if end else context
    return len(first.split())
