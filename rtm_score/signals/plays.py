"""Prepared plays meeting the feed: which of the brand's prepared plays a topic triggers.

A play (``plays:`` in the profile) is an approved angle for a moment the team expects. A topic
triggers it when one of the play's ``moments`` (a word, a phrase or a hashtag) is in the
topic's name or context, one of its ``events`` too when it lists any ("Super Bowl"), the topic
is in one of its ``territories`` when it lists any, and the topic's day is inside the play's
window. Whether a triggered play may be used is the play's own business: it needs an approval
that has not run out on the topic's day. Whether the moment is safe is the policy's, which
blocks a play, with why, when the topic is never or skip for sensitivity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..profile import Play
from ..text import Analysed, TextPipeline
from ..text.phrases import PhraseIndex

__all__ = ["PlayFinder", "PlayMatch"]


@dataclass(frozen=True, slots=True)
class PlayMatch:
    """A prepared play a topic triggers, with the evidence and whether it may be used."""

    play: Play
    moment: str
    """The moment as the profile writes it."""
    event: str = ""
    """The event named with it, when the play lists events."""
    unusable: str = ""
    """Why the play may not be used on this topic's day (no approval, approval run out);
    empty when it may."""

    @property
    def usable(self) -> bool:
        return not self.unusable

    @property
    def evidence(self) -> str:
        found = f"moment {self.moment!r}" + (f" at {self.event!r}" if self.event else "")
        who = self.play.approved_by
        until = self.play.approved_until
        approved = f"approved by {who}" + (f" until {until}" if until else "") if who else ""
        return "; ".join(p for p in (found, approved) if p)


class PlayFinder:
    """The plays of one profile, indexed once; :meth:`find` for a topic."""

    def __init__(self, plays: Sequence[Play], resolve: Callable[[str], str] = str) -> None:
        """``resolve`` turns a territory as written into the territory's name (an alias such
        as "football" into "sports"), as for the profile's voice."""
        self.plays = tuple(plays)
        self._territories = [frozenset(map(resolve, p.territories)) for p in self.plays]
        pipe = TextPipeline(drop_stopwords=False)
        self._moments: list[PhraseIndex] = []
        self._events: list[PhraseIndex] = []
        for play in self.plays:
            moments, events = PhraseIndex(), PhraseIndex()
            for index, phrases in ((moments, play.moments), (events, play.events)):
                for phrase in phrases:
                    folds = tuple(pipe.folds(phrase))
                    if folds:
                        index.add(folds, phrase, None)
            self._moments.append(moments)
            self._events.append(events)

    def __bool__(self) -> bool:
        return bool(self.plays)

    def find(
        self, analysed: Analysed, territories: Sequence[str], day: dt.date
    ) -> tuple[PlayMatch, ...]:
        """The plays the topic triggers on ``day``, in the profile's order."""
        out: list[PlayMatch] = []
        indexes = zip(self.plays, self._moments, self._events, self._territories, strict=True)
        for play, moments, events, wanted in indexes:
            if not _in_window(play, day):
                continue
            if wanted and not wanted.intersection(territories):
                continue
            moment = moments.find(analysed.folds, analysed.fold_set)
            if not moment:
                continue
            event = events.find(analysed.folds, analysed.fold_set) if play.events else []
            if play.events and not event:
                continue
            out.append(
                PlayMatch(
                    play,
                    str(moment[0][2]),
                    str(event[0][2]) if event else "",
                    _unusable(play, day),
                )
            )
        return tuple(out)


def _in_window(play: Play, day: dt.date) -> bool:
    iso = day.isoformat()
    return (not play.starts or play.starts <= iso) and (not play.ends or iso <= play.ends)


def _unusable(play: Play, day: dt.date) -> str:
    if not play.approved_by:
        return "not approved (approved_by is empty)"
    if not play.approved_until:
        return "approved with no end date (approved_until is empty)"
    if play.approved_until < day.isoformat():
        return f"past its approval (it ran out on {play.approved_until})"
    return ""
