"""Tests for rtm_score.signals.plays: which prepared plays a topic triggers, and whether they
may be used."""

from __future__ import annotations

import datetime as dt

from rtm_score.profile import Play
from rtm_score.signals.plays import PlayFinder
from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)
DAY = dt.date(2026, 2, 8)


def play(**fields: object) -> Play:
    base: dict[str, object] = {
        "id": "blackout",
        "moments": ("blackout", "lights go out"),
        "angle": "You can still crunch in the dark.",
        "approved_by": "Maya",
        "approved_until": "2026-02-15",
    }
    base.update(fields)
    return Play(**base)  # type: ignore[arg-type]


def find(finder: PlayFinder, name: str, context: str = "", territories=(), day=DAY):  # type: ignore[no-untyped-def]
    return finder.find(PIPE.analyse_topic(name, context), territories, day)


def test_a_moment_in_the_name_or_the_context_triggers_the_play() -> None:
    finder = PlayFinder([play()])
    (m,) = find(finder, "#SuperBowlBlackout")
    assert (m.play.id, m.moment, m.usable) == ("blackout", "blackout", True)
    (m,) = find(finder, "Stadium", "The lights go out in the third quarter.")
    assert m.moment == "lights go out"
    assert m.evidence == "moment 'lights go out'; approved by Maya until 2026-02-15"
    assert find(finder, "#Halftime", "Fans wait for the show.") == ()


def test_events_territories_and_the_window_narrow_it() -> None:
    finder = PlayFinder(
        [play(events=("Super Bowl", "big game"), territories=("football",))],
        resolve=lambda t: "sports" if t == "football" else t,
    )
    (m,) = find(finder, "#Blackout", "Lights out at the Super Bowl", territories=("sports",))
    assert m.event == "Super Bowl"
    assert "at 'Super Bowl'" in m.evidence
    assert find(finder, "#Blackout", "A storm blackout hits the city", ("sports",)) == ()
    assert find(finder, "#Blackout", "Lights out at the Super Bowl", ("weather",)) == ()
    window = PlayFinder([play(starts="2026-02-01", ends="2026-02-15")])
    assert find(window, "#Blackout", day=dt.date(2026, 2, 15))  # both ends inclusive
    assert find(window, "#Blackout", day=dt.date(2026, 2, 16)) == ()
    assert find(window, "#Blackout", day=dt.date(2026, 1, 31)) == ()


def test_a_play_without_a_valid_approval_is_found_but_not_usable() -> None:
    cases = {
        "not approved (approved_by is empty)": play(approved_by=""),
        "approved with no end date (approved_until is empty)": play(approved_until=""),
        "past its approval (it ran out on 2026-02-01)": play(approved_until="2026-02-01"),
    }
    for why, p in cases.items():
        (m,) = find(PlayFinder([p]), "#Blackout")
        assert not m.usable and m.unusable == why
    (m,) = find(PlayFinder([play(approved_until="2026-02-08")]), "#Blackout")
    assert m.usable  # the last approved day still counts


def test_no_plays_finds_nothing() -> None:
    finder = PlayFinder([])
    assert not finder
    assert find(finder, "#Blackout") == ()
