"""Tests for rtm_score.profile: loading, every validation message, the examples and the starter."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rtm_score.errors import ProfileError
from rtm_score.profile import (
    BrandDate,
    BrandProfile,
    Keyword,
    Product,
    ProfileProblem,
    Thresholds,
    Voice,
    check_profile,
    load_profile,
    parse_profile,
    starter_profile,
)

ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).parent / "assets" / "profiles"
EXAMPLES = ROOT / "examples" / "brands"


def write(tmp_path: Path, text: str, name: str = "brand.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[ProfileProblem]:
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    found = [p for p in info.value.problems if isinstance(p, ProfileProblem)]
    assert len(found) == len(info.value.problems)
    assert [str(p) for p in check_profile(path)] == [str(p) for p in found]
    return found


def only_problem(path: Path) -> ProfileProblem:
    found = problems_of(path)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


# --- valid profiles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "brand", "summary"),
    [
        ("crunchwell-snacks.yaml", "Crunchwell Snacks", "10 keywords, 3 products, regions US, CA"),
        ("skyward-air.yaml", "Skyward Air", "10 keywords, 3 products, regions US, GB, AU"),
        ("celeste-boutique.yaml", "Celeste Boutique", "8 keywords, 3 products, regions US, GB"),
    ],
)
def test_examples_validate(name: str, brand: str, summary: str) -> None:
    path = EXAMPLES / name
    assert check_profile(path) == []
    profile = load_profile(path)
    assert profile.name == brand
    assert profile.summary() == f"{brand} ({summary})"
    assert profile.source == str(path)
    # "most keys": every example fills the keys the scorer uses.
    assert profile.description and profile.voice.topics and profile.off_limits
    assert profile.competitors and profile.dates


def test_example_details() -> None:
    celeste = load_profile(EXAMPLES / "celeste-boutique.yaml")
    assert celeste.products[0].name == "Aurora dress"
    assert [k.term for k in celeste.keywords[:4]] == ["dress", "fashion", "style", "outfit"]
    assert celeste.voice.topics == ("fashion", "music", "film")
    skyward = load_profile(EXAMPLES / "skyward-air.yaml")
    assert {"plane crash", "air disaster"} <= set(skyward.off_limits)
    assert skyward.voice == Voice(
        "warm, reassuring, quietly witty", ("travel", "sports"), ("politics", "religion")
    )
    assert Keyword("flights", 2.0) in skyward.keywords
    crunchwell = load_profile(EXAMPLES / "crunchwell-snacks.yaml")
    assert crunchwell.voice.topics[:3] == ("television", "sports", "music")
    assert crunchwell.voice.avoid == ("politics",)
    assert "alcohol" in crunchwell.off_limits and len(crunchwell.competitors) == 2


def test_starter_validates_and_documents_every_key(tmp_path: Path) -> None:
    text = starter_profile()
    path = write(tmp_path, text)
    profile = load_profile(path)
    assert profile.name and profile.keywords and profile.products and profile.dates
    assert profile.thresholds == Thresholds()  # the starter shows the defaults
    keys = [f for f in BrandProfile.__dataclass_fields__ if f != "source"]
    nested = ["tone", "topics", "avoid", "engage", "skip", "never", "term", "weight",
              "window_days", "moments", "events", "angle", "starts", "ends", "approved_by",
              "approved_until", "slogans", "mascots", "sponsorships"]  # fmt: skip
    for key in [*keys, *nested]:
        assert f"{key}:" in text, key
    assert all(line.startswith("#") for line in text.splitlines()[:5])


def test_minimal_profile_defaults() -> None:
    profile = load_profile(ASSETS / "minimal.yaml")
    assert profile == BrandProfile(
        name="Minimal Brand", keywords=(Keyword("coffee"),), source=str(ASSETS / "minimal.yaml")
    )
    assert profile.summary() == "Minimal Brand (1 keyword, 0 products, all regions)"


def test_keyword_shapes(tmp_path: Path) -> None:
    listed = write(tmp_path, """
        name: A
        keywords:
          - chips
          - {term: crisps, weight: 2}
          - term: " snacks "
    """)  # fmt: skip
    assert load_profile(listed).keywords == (
        Keyword("chips"), Keyword("crisps", 2.0), Keyword("snacks")
    )  # fmt: skip
    mapped = write(tmp_path, "name: A\nkeywords: {chips: 2, crisps: 0.5}\n", "m.yaml")
    assert load_profile(mapped).keywords == (Keyword("chips", 2.0), Keyword("crisps", 0.5))
    empty = write(tmp_path, "name: A\nkeywords: []\ndescription: Snacks.\n", "e.yaml")
    assert load_profile(empty).keywords == ()


def test_product_shapes(tmp_path: Path) -> None:
    path = write(tmp_path, """
        name: A
        products:
          - Classic Chips
          - name: Choc Cookies
            description: Soft-baked.
            keywords: [cookie, dessert]
    """)  # fmt: skip
    profile = load_profile(path)
    assert profile.products == (
        Product("Classic Chips"),
        Product("Choc Cookies", "Soft-baked.", ("cookie", "dessert")),
    )
    assert profile.documents()[-1] == (
        "product:Choc Cookies",
        "Choc Cookies Soft-baked. cookie dessert",
    )


def test_voice_regions_and_dates_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, """
        name: A
        keywords: [a]
        voice: {topics: [Sports, " TV  Shows "], avoid: [POLITICS]}
        regions: [us, GB, us]
        dates:
          - {name: Recall day, date: "04-09", regions: [ca], keywords: [recall], window_days: 2}
          - {name: Once, date: 2025-02-28}
          - {name: Leap, date: "02-29"}
    """)  # fmt: skip
    profile = load_profile(path)
    assert profile.voice == Voice("", ("sports", "tv shows"), ("politics",))
    assert profile.regions == ("US", "GB")
    assert profile.dates == (
        BrandDate("Recall day", "04-09", ("CA",), ("recall",), 2),
        BrandDate("Once", "2025-02-28"),
        BrandDate("Leap", "02-29"),
    )


def test_regions_take_the_reserved_aliases_and_subdivisions(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("name: A\nkeywords: [a]\nregions: [uk, EL, us-ca, GB]\n")
    assert load_profile(path).regions == ("GB", "GR", "US-CA")


def test_json_and_toml_profiles() -> None:
    juice = load_profile(ASSETS / "profile.json")
    assert juice.keywords == (Keyword("juice", 2.0), Keyword("smoothie", 1.0))
    assert juice.products == (
        Product("Green Machine"),
        Product("Orange Zing", "", ("orange juice",)),
    )
    assert juice.voice.topics == ("food", "sports") and juice.regions == ("US", "GB")
    tea = load_profile(ASSETS / "profile.toml")
    assert tea.keywords == (Keyword("tea"), Keyword("matcha", 2.0))
    assert tea.regions == ("JP", "GB")
    assert tea.dates == (BrandDate("Tea day", "2025-12-15"),)  # a TOML date becomes text


def test_unknown_extension_is_read_as_yaml_and_bom_is_accepted() -> None:
    assert load_profile(ASSETS / "profile.conf").name == "Conf Brand"
    assert load_profile(ASSETS / "bom.yaml").name == "Bom Brand"


def test_parse_profile_takes_plain_data() -> None:
    profile = parse_profile({"name": "A", "keywords": ["x"]}, source="mem")
    assert profile.source == "mem" and profile.keywords == (Keyword("x"),)
    with pytest.raises(ProfileError) as info:
        parse_profile({"name": "A", "keywords": ["x"], "regions": [False]}, source="mem")
    (problem,) = info.value.problems
    assert str(problem) == (
        "mem: regions[0]: expected text, got the boolean false\n"
        '  hint: write it as text in double quotes: "false"'
    )
    with pytest.raises(ProfileError) as info:
        parse_profile({"name": "A", "keyword": ["x"]}, lines={("keyword",): 3})
    assert info.value.problems[0].where == "keyword (line 3)"


# --- problems: what, where, how to fix ----------------------------------------------------------


def test_bare_no_in_regions_asks_for_quotes() -> None:
    path = ASSETS / "norway.yaml"
    problem = only_problem(path)
    assert problem.source == str(path)
    assert (problem.key_path, problem.line) == ("regions[1]", 5)
    assert problem.where == "regions[1] (line 5)"
    assert problem.message == "expected text, got the YAML boolean false"
    assert problem.hint == 'quote this value, e.g. "NO" for Norway'


@pytest.mark.parametrize(
    ("text", "key_path", "line", "message", "hint"),
    [
        ("name: 1984\nkeywords: [a]\n", "name", 1, "expected text, got the number 1984",
         'quote this value so YAML keeps it as text, e.g. "1984"'),
        ("name: A\nkeywords: [a, off]\n", "keywords[1]", 2,
         "expected a keyword (text) or a mapping with 'term' and 'weight', "
         "got the YAML boolean false", 'quote this value so YAML keeps it as text, e.g. "off"'),
        ("name: A\nkeywords:\n  yes: 2\n", "keywords.yes", 3,
         "keys must be text, got the YAML boolean true",
         'quote this key so YAML keeps it as text, e.g. "yes"'),
        ("name: A\nproducts:\n  - 42\n", "products[0]", 3,
         "expected a product name (text) or a mapping with 'name', 'description', 'keywords', "
         "got the number 42", 'quote this value so YAML keeps it as text, e.g. "42"'),
        ("name: A\nkeywords: [a]\nvoice:\n  tone: On\n", "voice.tone", 4,
         "expected text, got the YAML boolean true",
         'quote this value so YAML keeps it as text, e.g. "On"'),
        ("name: A\nkeywords: [a]\ncompetitors: [2024-01-05]\n", "competitors[0]", 3,
         "expected text, got the YAML date 2024-01-05",
         'quote this value so YAML keeps it as text, e.g. "2024-01-05"'),
    ],
)  # fmt: skip
def test_yaml_surprises_where_text_is_expected(
    tmp_path: Path, text: str, key_path: str, line: int, message: str, hint: str
) -> None:
    problem = only_problem(write(tmp_path, text))
    assert (problem.key_path, problem.line, problem.message, problem.hint) == (
        key_path, line, message, hint
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key_path", "line", "message", "hint"),
    [
        ("name: A\ndescription: d\nkeyword: [a]\n", "keyword", 3,
         "unknown key 'keyword'; did you mean 'keywords'?",
         "allowed keys here: name, description, keywords, products, voice, regions, off_limits, "
         "competitors, aliases, thresholds, dates, plays, platform"),
        ("name: A\nkeywords: [a]\nvoice:\n  topic: [sports]\n", "voice.topic", 4,
         "unknown key 'topic'; did you mean 'topics'?", "allowed keys here: tone, topics, avoid"),
        ("name: A\nkeywords: [a]\noff-limits: [x]\n", "off-limits", 3,
         "unknown key 'off-limits'; did you mean 'off_limits'?", None),
        ("name: A\nkeywords:\n  - {term: a, wieght: 2}\n", "keywords[0].wieght", 3,
         "unknown key 'wieght'; did you mean 'weight'?", "allowed keys here: term, weight"),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x, date: '01-01', regionz: [US]}\n",
         "dates[0].regionz", 4, "unknown key 'regionz'; did you mean 'regions'?", None),
        ("name: A\nkeywords: [a]\nmascot: Crunchy\n", "mascot", 3, "unknown key 'mascot'", None),
    ],
)  # fmt: skip
def test_unknown_keys_suggest_the_closest(
    tmp_path: Path, text: str, key_path: str, line: int, message: str, hint: str | None
) -> None:
    problem = only_problem(write(tmp_path, text))
    assert (problem.key_path, problem.line, problem.message) == (key_path, line, message)
    assert problem.hint is not None and problem.hint.startswith("allowed keys here: ")
    if hint is not None:
        assert problem.hint == hint


@pytest.mark.parametrize(
    ("text", "key_path", "line", "message", "hint"),
    [
        ("keywords: [a]\n", "name", None, "missing required key 'name'",
         "add a line like `name: Crunchwell Snacks`"),
        ("name: '  '\nkeywords: [a]\n", "name", 1, "must not be empty",
         "write a value, or remove the entry"),
        ("name: A\n", "", None,
         "nothing to match topics against: no keywords, products or description",
         "add `keywords:` (a list of terms), `products:` or a `description:`"),
        ("name: A\nkeywords: chips\n", "keywords", 2,
         "expected a list of keywords or a mapping of keyword to weight, got the text 'chips'",
         ""),
        ("name: A\nkeywords: [a]\noff_limits: alcohol\n", "off_limits", 3,
         "expected a list, got the text 'alcohol'", 'write a list, e.g. ["alcohol"]'),
        ("name: A\nkeywords: [a]\ncompetitors:\n", "competitors", 3,
         "expected a list, got nothing (an empty value)",
         "write [] for an empty list, or remove the key"),
        ("name: A\nkeywords: {chips: lots}\n", "keywords.chips", 2,
         "expected a number, got the text 'lots'", "e.g. 2.0"),
        ("name: A\nkeywords: [{term: a, weight: '2'}]\n", "keywords[0].weight", 2,
         "expected a number, got the text '2'", "write the number without quotes"),
        ("name: A\nkeywords: [{term: a, weight: 0}]\n", "keywords[0].weight", 2,
         "must be greater than 0, got 0", "remove the entry instead"),
        ("name: A\nkeywords: [{weight: 2}]\n", "keywords[0].term", 2,
         "missing required key 'term'", "write the keyword as `term: chips`"),
        ("name: A\nkeywords: [a]\nvoice: playful\n", "voice", 3,
         "expected a mapping of keys, got the text 'playful'",
         "write its keys on the lines below it, indented"),
        ("name: A\nkeywords: [a]\nvoice: {topics: [Sports], avoid: [sports]}\n", "voice", 3,
         "'sports' is in both voice.topics and voice.avoid", "keep it in one"),
        ("name: A\nkeywords: [a]\nregions: [USA]\n", "regions[0]", 3,
         "unknown region code 'USA'", "write US (ISO 3166-1 alpha-2) for 'USA'"),
        ("name: A\nkeywords: [a]\nregions: [XX]\n", "regions[0]", 3,
         "unknown region code 'XX'",
         "use ISO 3166 country codes such as US, GB, DE, optionally with a subdivision (US-CA)"),
        ("name: A\nkeywords: [a]\nregions: [France]\n", "regions[0]", 3,
         "unknown region code 'France'", "write FR (ISO 3166-1 alpha-2) for 'France'"),
        ("name: A\nkeywords: [a]\nregions: [US-ZZ]\n", "regions[0]", 3,
         "unknown region code 'US-ZZ': ZZ is not an ISO 3166-2 subdivision of US",
         "ISO 3166-2 subdivisions of US include US-AK, US-AL, US-AR, US-AS, US-AZ, ..."),
        ("name: A\nkeywords: [a]\nthresholds:\n  engage: 1.5\n", "thresholds.engage", 4,
         "must be between 0 and 1, got 1.5", "e.g. 0.4"),
        ("name: A\nkeywords: [a]\nthresholds:\n  never: high\n", "thresholds.never", 4,
         "expected a number between 0 and 1, got the text 'high'", "e.g. 0.4"),
        ("name: A\nkeywords: [a]\nthresholds:\n  skip: 0.8\n  never: 0.5\n", "thresholds", 3,
         "thresholds.skip (0.8) must be lower than thresholds.never (0.5)",
         "topics are skipped from `skip` sensitivity up and never from `never` up; "
         "lower skip or raise never"),
        ("name: A\nkeywords: [a]\nthresholds: {skip: 0.9}\n", "thresholds", 3,
         "thresholds.skip (0.9) must be lower than thresholds.never (0.7, the default)", None),
        ("name: A\nkeywords: [a]\nplays:\n  - {id: Big Game, moments: [x], angle: y}\n",
         "plays[0].id", 4, "id must be lower-case letters, digits and dashes, got 'Big Game'",
         "e.g. big-game-blackout"),
        ("name: A\nkeywords: [a]\nplays:\n  - {id: a, moments: [], angle: y}\n",
         "plays[0].moments", 4, "must list at least one entry", None),
        ("name: A\nkeywords: [a]\nplays:\n  - {id: a, moments: [x], angle: y}\n"
         "  - {id: a, moments: [z], angle: w}\n", "plays[1].id", 5, "two plays have the id 'a'",
         "give each play its own id"),
        ("name: A\nkeywords: [a]\nplays:\n  - {id: a, moments: [x], angle: y, "
         "starts: '2026-02-10', ends: '2026-02-01'}\n", "plays[0]", 4,
         "the play's window ends (2026-02-01) before it starts (2026-02-10)",
         "swap starts and ends"),
        ("name: A\nkeywords: [a]\nplays:\n  - {id: a, moments: [x], angle: y, "
         "approved_until: '02-15'}\n", "plays[0].approved_until", 4,
         "expected a day as YYYY-MM-DD, got '02-15'", 'e.g. "2026-02-08"'),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x, date: '13-01'}\n", "dates[0].date", 4,
         "expected a date as MM-DD (every year) or YYYY-MM-DD (once), got '13-01'",
         'e.g. "11-11" or "2025-03-14"'),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x, date: 2025-03-14 10:00:00}\n",
         "dates[0].date", 4, "expected a date, got a timestamp",
         'write just the day, e.g. "2025-03-14"'),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x, date: '01-01', window_days: -1}\n",
         "dates[0].window_days", 4, "must be 0 or more, got -1", None),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x, date: '01-01', window_days: yes}\n",
         "dates[0].window_days", 4, "expected a whole number, got the YAML boolean true", None),
        ("name: A\nkeywords: [a]\ndates:\n  - {name: x}\n", "dates[0].date", 4,
         "missing required key 'date'",
         'add `date: "MM-DD"` (every year) or `date: "YYYY-MM-DD"` (once)'),
        ("name: A\nkeywords: [a]\nname: B\n", "name", 3,
         "duplicate key 'name' (first on line 1); only the last one counts", "remove one of them"),
        ("name: A\nkeywords: [chips]\noff_limits: ['C++']\n", "off_limits[0]", 3,
         "'C++' reads as 'c': rtm-score matches words and drops the other characters, so it "
         "would match any 'c' (\"Vitamin C\")",
         'use words the feed would carry, e.g. "C++ programming", or leave it out'),
        ("name: A\nkeywords: ['C#']\n", "keywords[0]", 2,
         "'C#' reads as 'c': rtm-score matches words and drops the other characters, so it "
         "would match any 'c' (\"Vitamin C\")", None),
        ("name: A\nkeywords: [a]\ncompetitors: ['#1']\n", "competitors[0]", 3,
         "'#1' reads as '1': rtm-score matches words and drops the other characters, so it "
         "would match any '1'", None),
    ],
)  # fmt: skip
def test_content_problems(
    tmp_path: Path, text: str, key_path: str, line: int | None, message: str, hint: str | None
) -> None:
    path = write(tmp_path, text)
    problem = only_problem(path)
    assert problem.source == str(path)
    assert (problem.key_path, problem.line, problem.message) == (key_path, line, message)
    if hint is not None:
        assert (problem.hint or "") == hint


def test_short_names_and_abbreviations_stay_terms(tmp_path: Path) -> None:
    # Single letters are a brand's own choice; only characters the matcher drops are refused.
    path = write(
        tmp_path, "name: A\nkeywords: [X, AT&T, 3M, A.I., R&D, 7-Eleven, C++ developers]\n"
    )
    assert len(load_profile(path).keywords) == 7


def test_all_problems_are_reported_in_line_order() -> None:
    path = ASSETS / "broken.yaml"
    found = problems_of(path)
    assert [(p.line, p.key_path) for p in found] == [
        (2, "keyword"),
        (5, "keywords[1].weight"),
        (7, "voice.topic"),
        (8, "thresholds"),
    ]
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.message == "invalid brand profile (4 problems)"
    assert info.value.source == str(path)
    text = str(info.value)
    assert f"{path}: keyword (line 2): unknown key 'keyword'; did you mean 'keywords'?" in text
    assert f"{path}: voice.topic (line 7): unknown key 'topic'; did you mean 'topics'?" in text
    assert "thresholds.skip (0.8) must be lower than thresholds.never (0.5)" in text


def test_json_problems_have_lines_and_toml_problems_key_paths() -> None:
    found = problems_of(ASSETS / "broken.json")
    assert [(p.key_path, p.line, p.message) for p in found] == [
        ("keywords[1]", 3, "expected a keyword (text) or a mapping with 'term' and 'weight', "
                           "got the JSON boolean false"),
        ("regions[0]", 4, "unknown region code 'USA'"),
        ("thresholds.engage", 5, "must be between 0 and 1, got 2"),
    ]  # fmt: skip
    assert found[0].hint == 'write it as text in double quotes: "false"'
    found = problems_of(ASSETS / "broken.toml")
    assert [(p.key_path, p.line, p.message) for p in found] == [
        ("keywords[1]", None, "expected a keyword (text) or a mapping with 'term' and 'weight', "
                              "got the TOML boolean true"),
        ("voice.topic", None, "unknown key 'topic'; did you mean 'topics'?"),
    ]  # fmt: skip
    assert found[1].where == "voice.topic"


# --- problems reading the file ---------------------------------------------------------------


def test_missing_file_and_directory(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "nope.yaml")
    assert problem.source == str(tmp_path / "nope.yaml")
    assert problem.message == "cannot read the profile: No such file or directory"
    assert problem.hint == "check the path; `rtm-score init` writes a starter profile"
    assert only_problem(tmp_path).message == "cannot read the profile: is a directory, not a file"


def test_not_utf8() -> None:
    problem = only_problem(ASSETS / "latin1.yaml")
    assert (problem.line, problem.message, problem.hint) == (
        1, "not UTF-8 text (byte 0xe9 on line 1)", "save the file as UTF-8"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "message"),
    [
        ("a.yaml", "name: A\n  keywords: [a]\n", 2, 11,
         "YAML syntax error: mapping values are not allowed here"),
        ("a.yaml", "name: [A\nkeywords: b\n", 2, 9,
         "YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence)"),
        ("a.yaml", "name: A\nkeywords: [a]\ndates:\n  - {name: x, date: 2024-02-30}\n", 4, None,
         "not a valid date: 2024-02-30 (day is out of range for month)"),
        ("a.json", '{"name": "A",\n "keywords": [1,]}\n', 2, 17,
         "JSON syntax error: Expecting value"),
        ("a.toml", 'name = "A"\nkeywords = \n', 2, 12, "TOML syntax error: Invalid value"),
    ],
)  # fmt: skip
def test_syntax_errors_point_at_line_and_column(
    tmp_path: Path, name: str, text: str, line: int, column: int | None, message: str
) -> None:
    problem = only_problem(write(tmp_path, text, name))
    assert (problem.line, problem.column, problem.message) == (line, column, message)
    assert problem.key_path == ""
    assert problem.where == (f"line {line}, column {column}" if column else f"line {line}")
    assert problem.hint


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "the profile is empty", None),
        ("  \n\n", "the profile is empty", None),
        ("# nothing yet\n", "the profile is empty (only comments)", None),
        ("- name: A\n", "expected a mapping of keys (name, keywords, ...) at the top level, "
                        "got a list", 1),
        ("just some text\n", "expected a mapping of keys (name, keywords, ...) at the top level, "
                             "got the text 'just some text'", 1),
    ],
)  # fmt: skip
def test_empty_and_non_mapping_files(
    tmp_path: Path, text: str, message: str, line: int | None
) -> None:
    problem = only_problem(write(tmp_path, text) if text else _empty(tmp_path))
    assert (problem.message, problem.line) == (message, line)
    assert problem.hint and "rtm-score init" in problem.hint


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    return path


def test_check_profile_never_raises_for_content(tmp_path: Path) -> None:
    assert check_profile(ASSETS / "minimal.yaml") == []
    assert [p.message for p in check_profile(tmp_path / "missing.yaml")] == [
        "cannot read the profile: No such file or directory"
    ]
    assert len(check_profile(ASSETS / "broken.yaml")) == 4


def test_alias_bomb_is_refused_quickly() -> None:
    problem = only_problem(ASSETS / "alias-bomb.yaml")
    # Every data file is read with aliases kept shallow (resources.user_yaml_loader).
    assert problem.message == (
        "YAML syntax error: the alias *b repeats a value that holds aliases itself; "
        "write the values out"
    )
    assert problem.line is not None


def test_validate_and_score_agree_on_a_window_too_wide(tmp_path: Path) -> None:
    from rtm_score.profile.model import MAX_WINDOW_DAYS

    text = (ROOT / "examples/brands/crunchwell-snacks.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "wide.yaml"
    profile.write_text(
        text + f"\ndates:\n  - name: Launch\n    date: 2026-03-01\n    window_days: {'7' * 400}\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=f"must be {MAX_WINDOW_DAYS} or less") as info:
        load_profile(profile)
    assert "a number of 400 digits" in str(info.value) and len(str(info.value)) < 400
