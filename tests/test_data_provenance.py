"""Every file under rtm_score/data states its source and carries examples that a test runs.

The table below is the register: a data file that is not in it fails the first test, so a new
file cannot ship without saying where it comes from and which test checks its examples.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rtm_score" / "data"


def _yaml_key(key: str) -> Callable[[str], str]:
    return lambda text: str(yaml.safe_load(text).get(key) or "")


def _json_key(*path: str) -> Callable[[str], str]:
    def get(text: str) -> str:
        node = json.loads(text)
        for key in path:
            node = node.get(key) or {}
        return str(node or "")

    return get


def _header(text: str) -> str:
    heads = [line for line in text.splitlines() if line.startswith(("# source:", "# license:"))]
    return "\n".join(heads) if len(heads) >= 2 else ""


def _itself(text: str) -> str:
    """Documentation, a licence or a template of the project's own: the file is the statement."""
    return text.strip()[:200]


# pattern: (how the file states its source, the marker of its examples, the test that runs
# them, and what that test names to read the file)
Entry = tuple[Callable[[str], str], str, str, str]
REGISTER: dict[str, Entry] = {
    "rules/*.yaml": (_yaml_key("source"), "examples:", "tests/sensitivity/test_rule_files.py",
                     '"rules"'),
    "calendars/*.yaml": (_yaml_key("source"), "examples:", "tests/test_observances.py",
                         "example_failures"),
    "calendars/README.md": (_itself, "", "", ""),
    "calendars/holiday-dates.json": (_json_key("source"), '"examples"', "tests/test_observances.py",
                                     "TABLE"),
    "check/*.txt": (_header, "# match:", "tests/check/test_lexicon.py", "examples("),
    "region_zones.txt": (_header, "# example:", "tests/vocab/test_regions.py",
                         '"region_zones.txt"'),
    "stopwords/en.txt": (_header, "# example:", "tests/text/test_tokenize.py", '"en.txt"'),
    "territories.yaml": (_yaml_key("source"), "examples:", "tests/vocab/test_territories.py",
                         '"territories.yaml"'),
    "signals/cues.yaml": (_yaml_key("source"), "examples:", "tests/signals/test_cues.py",
                          '"cues.yaml"'),
    "signals/inflections.json": (_json_key("source"), '"examples"',
                                 "tests/sensitivity/test_inflect.py", "read_text(*OUT"),
    "judgment.json": (_json_key("fitted", "script"), '"checks"', "tests/test_judgment.py",
                      '"judgment.json"'),
    "models/text-model.json": (_json_key("metadata", "data", "sources"), '"checks"',
                               "tests/signals/test_textmodel.py", '"text-model.json"'),
    "models/brand-story.json": (_json_key("metadata", "sources"), '"checks"',
                                "tests/signals/test_brand.py", '"brand-story.json"'),
    "models/README.md": (_itself, "", "", ""),
    "models/LICENSE-CrisisLex.txt": (_itself, "", "", ""),
    "templates/profile.yaml": (_itself, "", "tests/test_profile.py", "starter_profile()"),
    "templates/report.html.j2": (_itself, "", "tests/formatters/test_html.py", "render"),
}  # fmt: skip

FILES = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file())


def _entry(relpath: str) -> Entry:
    found = [v for k, v in REGISTER.items() if fnmatch.fnmatch(relpath, k)]
    assert len(found) == 1, f"rtm_score/data/{relpath} is not in the register of {__name__}"
    return found[0]


@pytest.mark.parametrize("relpath", FILES)
def test_every_data_file_is_registered(relpath: str) -> None:
    _entry(relpath)


@pytest.mark.parametrize("relpath", FILES)
def test_every_data_file_states_its_source(relpath: str) -> None:
    source_of, _marker, _test, _name = _entry(relpath)
    assert source_of((DATA / relpath).read_text(encoding="utf-8")), relpath


@pytest.mark.parametrize("relpath", [f for f in FILES if _entry(f)[1]])
def test_every_data_file_carries_examples_that_a_test_runs(relpath: str) -> None:
    _source, marker, test, name = _entry(relpath)
    assert marker in (DATA / relpath).read_text(encoding="utf-8"), f"{relpath}: no {marker}"
    assert name in (ROOT / test).read_text(encoding="utf-8"), f"{test} does not read {relpath}"


def test_the_register_has_no_stale_entries() -> None:
    for pattern in REGISTER:
        assert any(fnmatch.fnmatch(f, pattern) for f in FILES), pattern
