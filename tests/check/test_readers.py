"""Tests for rtm_score.check.readers: which column of a campaign calendar holds which field."""

from __future__ import annotations

import pytest

from rtm_score.check.readers import COLUMNS, column_map


def test_columns_are_found_as_the_feeds_find_theirs() -> None:
    # The feeds' matcher: case, spaces, dashes and underscores do not matter.
    header = ["Post ID", "Publish-At", "CAPTION", "Hashtags", "Markets", "notes"]
    assert column_map(header) == {
        "id": "Post ID",
        "date": "Publish-At",
        "copy": "CAPTION",
        "hashtags": "Hashtags",
        "region": "Markets",
    }


def test_the_best_alias_wins_whatever_the_column_order() -> None:
    assert column_map(["when", "date", "text"]) == {"date": "date", "copy": "text"}


@pytest.mark.parametrize("fieldname", sorted(COLUMNS))
def test_every_field_is_found_by_its_first_alias(fieldname: str) -> None:
    assert column_map([COLUMNS[fieldname][0].upper()]) == {fieldname: COLUMNS[fieldname][0].upper()}
