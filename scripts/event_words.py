"""The words that name a crisis event in its own collection of tweets, masked while fitting.

Every CrisisLex tweet was collected by its event's keywords ("#bostonmarathon", "#yycflood"),
so an event's tweets share words that say *which* event it was (its place, its occasion, its
hashtags), whatever they say about it. Fitted on them as they are, the text model learned those
places and occasions as tragedies: a brand's own "Come see us at the Boston marathon expo"
scored P(never) 0.997, "West Texas barbecue festival this weekend" 0.967 and "Our Oklahoma
store reopens Monday" 0.808 (model alone, fitted on the training rows).

A word names an event when at least :data:`MIN_SHARE` of the event's tweets have it and its
share there is at least :data:`RATIO` times its share in the tweets of any other event: its
place and hashtags, not the words events of its kind share ("flood" is in four collections). The fit
replaces those words with :data:`EVENT` in that event's rows (only the training rows: the
held-out events are not fitted on), so what the model learns from an event is how its tweets
speak, not where it happened. :data:`EVENT` never occurs at run time. A word of the event's kind
that no other collection has ("tornado") is masked too; the portal and HuffPost teach it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

MIN_SHARE = 0.03
"""Share of an event's tweets a word must be in to name the event."""
RATIO = 10.0
"""How many times its share in any other event's tweets that share must be."""
EVENT = "<event>"
"""What a masked word becomes (a token no text has, so bigrams do not join across it)."""


def event_of(ref: str) -> str:
    """The CrisisLex event a file name (or a hand-labelled row's ``ref``) belongs to."""
    return ref.split("-tweets_labeled")[0].split("-ontopic")[0]


def event_of_row(row: dict[str, Any]) -> str | None:
    """The CrisisLex event a row comes from (weak rows carry it; hand rows name their file in
    ``ref``), or None."""
    if row.get("event"):
        return str(row["event"]).lower()
    if not str(row.get("source", "")).startswith("crisislex"):
        return None
    return event_of(str(row["ref"])).lower()


def event_words(rows: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """Event -> the words (terms of ``analysed.terms``) that name it, from ``rows``' tweets."""
    counts: dict[str, Counter[str]] = {}
    sizes: Counter[str] = Counter()
    for r in rows:
        event = event_of_row(r)
        if event:
            counts.setdefault(event, Counter()).update(set(r["analysed"].terms))
            sizes[event] += 1
    shares = {e: {t: k / sizes[e] for t, k in c.items()} for e, c in counts.items()}
    out: dict[str, list[str]] = {}
    for event, share in sorted(shares.items()):
        # Another event's share is read as at least one of its tweets' worth (no zero).
        others = [(s, 1 / sizes[e]) for e, s in shares.items() if e != event]
        out[event] = sorted(
            t
            for t, v in share.items()
            if v >= MIN_SHARE and all(v >= RATIO * max(s.get(t, 0.0), one) for s, one in others)
        )
    return out


def mask_events(rows: Iterable[dict[str, Any]], words: dict[str, list[str]]) -> None:
    """Set each row's ``fit_terms``: its terms with its event's words masked (its terms as they
    are for a row of no event)."""
    named = {event: frozenset(ws) for event, ws in words.items()}
    for r in rows:
        mask = named.get(event_of_row(r) or "", frozenset())
        terms = r["analysed"].terms
        r["fit_terms"] = [EVENT if t in mask else t for t in terms] if mask else terms
