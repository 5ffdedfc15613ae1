"""The X/Twitter ``GET trends/place`` response: recognising it and flattening its trends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..vocab.regions import feed_country
from ._values import parse_date

REGION_KEY = "region"
"""Where the place's country code goes among the values shared by a response's trends."""


def is_trends_response(doc: object) -> bool:
    """True for ``[{"trends": [...], "as_of": ..., "locations": [...]}, ...]``."""
    return (
        isinstance(doc, list)
        and bool(doc)
        and all(isinstance(d, Mapping) and isinstance(d.get("trends"), list) for d in doc)
    )


def shared_values(response: Mapping[str, Any]) -> dict[str, Any]:
    """What every trend of one response shares: ``as_of``, ``created_at`` and the country. A
    date that does not parse is left out rather than shared: it would make every trend of the
    response a bad row (they take ``--as-of`` instead)."""
    shared = {
        k: response[k]
        for k in ("as_of", "created_at")
        if isinstance(response.get(k), str) and _is_date(response[k])
    }
    code = _country(response.get("locations"))
    if code is not None:
        shared[REGION_KEY] = code
    return shared


def _is_date(text: str) -> bool:
    try:
        return parse_date(text) is not None
    except ValueError:
        return False


def _country(locations: object) -> str | None:
    if not isinstance(locations, list) or len(locations) != 1:
        return None
    place = locations[0]
    name = place.get("name") if isinstance(place, Mapping) else None
    # X names the countries it offers trends for ("United Kingdom", "Korea"); a city or
    # "Worldwide" is not a region: it gets none.
    return feed_country(name) if isinstance(name, str) else None
