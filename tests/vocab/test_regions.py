"""The one region table (rtm_score/vocab/regions.py): codes, aliases, subdivisions, zones."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from rtm_score.resources import read_text
from rtm_score.vocab.regions import (
    ALIASES,
    RegionError,
    countries,
    country_codes,
    default_zone,
    feed_country,
    region,
    regions,
    zones,
)

# The countries GET trends/available of the X/Twitter API lists (placeType "Country"), as it
# names them; every one must resolve to its ISO code.
X_COUNTRIES = {
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


def test_the_table_is_iso_3166_1() -> None:
    assert len(countries()) == 249
    assert {"US", "GB", "NO", "AU", "CA", "ZW"} <= countries()
    assert not set(ALIASES) & countries()  # the reserved codes are not assigned ones


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("US", "US"),
        (" gb ", "GB"),
        ("uk", "GB"),
        ("EL", "GR"),
        ("us-ca", "US-CA"),
        ("GB-ENG", "GB-ENG"),
        ("UK-SCT", "GB-SCT"),
    ],
)
def test_region_accepts_iso_codes_and_the_reserved_aliases(written: str, expected: str) -> None:
    assert region(written) == expected


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        ("USA", "unknown region code 'USA'", "write US (ISO 3166-1 alpha-2) for 'USA'"),
        ("France", "unknown region code 'France'", "write FR (ISO 3166-1 alpha-2) for 'France'"),
        ("XX", "unknown region code 'XX'", "use ISO 3166 country codes such as US, GB, DE"),
        ("*", "unknown region code '*'", "use ISO 3166 country codes"),
        (
            "US-ZZ",
            "unknown region code 'US-ZZ': ZZ is not an ISO 3166-2 subdivision of US",
            "ISO 3166-2 subdivisions of US include US-AK, US-AL, US-AR, US-AS, US-AZ, ...",
        ),
        ("XX-CA", "unknown region code 'XX-CA'", "use ISO 3166 country codes"),
        ("840", "unknown region code '840'", "use ISO 3166 country codes"),
    ],
)
def test_region_refuses_the_rest_with_a_hint(written: str, message: str, hint: str) -> None:
    with pytest.raises(RegionError) as info:
        region(written)
    assert info.value.message == message
    assert info.value.hint.startswith(hint)


def test_regions_splits_cells_and_keeps_order() -> None:
    assert regions("US, ca;uk  US-CA") == ("US", "CA", "GB", "US-CA")
    assert regions(["gb", "GB", "uk"]) == ("GB",)
    assert regions("") == ()
    assert regions(["*"], everywhere=True) == ("*",)
    with pytest.raises(RegionError, match="must be the only region"):
        regions(["*", "US"], everywhere=True)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["uk"], {"GB"}),
        ("US", {"US"}),
        (["US-CA", " ca "], {"US", "CA"}),
        (["*"], set()),
        ([], set()),
    ],
)
def test_country_codes_for_matching(codes: list[str] | str, expected: set[str]) -> None:
    assert country_codes(codes) == frozenset(expected)


@pytest.mark.parametrize(("name", "code"), sorted(X_COUNTRIES.items()))
def test_feed_country_reads_the_x_api_names(name: str, code: str) -> None:
    assert feed_country(name) == code


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("us", "US"), ("US-CA", "US"), ("uk", "GB"), ("Worldwide", None), ("London", None),
     ("", None), ("840", None), ("x" * 500, None)],
)  # fmt: skip
def test_feed_country_never_fails_on_feed_text(cell: str, expected: str | None) -> None:
    assert feed_country(cell) == expected


def test_zone_table_names_real_regions_and_zones() -> None:
    table = zones()
    assert table["US"] == "America/New_York"
    assert table["US-CA"] == "America/Los_Angeles"
    for code, name in table.items():
        assert region(code) == code, code
        ZoneInfo(name)  # raises for an unknown zone
    assert default_zone("US-WA") == "America/Los_Angeles"
    assert default_zone("US-ZZ") == "America/New_York"  # no zone of its own: the country's
    assert default_zone("XX") == ""
    with pytest.raises(TypeError):
        table["XX"] = "UTC"  # type: ignore[index]


def test_zone_file_states_its_source_and_its_examples_hold() -> None:
    text = read_text("region_zones.txt")
    for key in ("# source:", "# license:", "# retrieved:", "# format:"):
        assert key in text, f"region_zones.txt lacks a {key} header line"
    examples = [line.split(":", 1)[1].split("->")[0].split() for line in text.splitlines()
                if line.startswith("# example:")]  # fmt: skip
    assert examples
    for code, name in examples:
        assert default_zone(code) == name
