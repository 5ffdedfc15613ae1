"""The X/Twitter ``GET trends/place`` response: recognising it and flattening its trends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._values import parse_date

# Countries X/Twitter offers trends for (GET trends/available, placeType "Country"), as the API
# names them, to ISO 3166-1 alpha-2. A city or "Worldwide" is not a region: it gets none.
COUNTRY_CODES: dict[str, str] = {
    "Algeria": "DZ", "Argentina": "AR", "Australia": "AU", "Austria": "AT", "Bahrain": "BH",
    "Belarus": "BY", "Belgium": "BE", "Brazil": "BR", "Canada": "CA", "Chile": "CL",
    "Colombia": "CO", "Denmark": "DK", "Dominican Republic": "DO", "Ecuador": "EC",
    "Egypt": "EG", "France": "FR", "Germany": "DE", "Ghana": "GH", "Greece": "GR",
    "Guatemala": "GT", "India": "IN", "Indonesia": "ID", "Ireland": "IE", "Israel": "IL",
    "Italy": "IT", "Japan": "JP", "Jordan": "JO", "Kenya": "KE", "Korea": "KR",
    "Kuwait": "KW", "Latvia": "LV", "Lebanon": "LB", "Malaysia": "MY", "Mexico": "MX",
    "Netherlands": "NL", "New Zealand": "NZ", "Nigeria": "NG", "Norway": "NO", "Oman": "OM",
    "Pakistan": "PK", "Panama": "PA", "Peru": "PE", "Philippines": "PH", "Poland": "PL",
    "Portugal": "PT", "Puerto Rico": "PR", "Qatar": "QA", "Russia": "RU",
    "Saudi Arabia": "SA", "Singapore": "SG", "South Africa": "ZA", "Spain": "ES",
    "Sweden": "SE", "Switzerland": "CH", "Thailand": "TH", "Turkey": "TR", "Ukraine": "UA",
    "United Arab Emirates": "AE", "United Kingdom": "GB", "United States": "US",
    "Venezuela": "VE", "Vietnam": "VN",
}  # fmt: skip

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
    return COUNTRY_CODES.get(name) if isinstance(name, str) else None
