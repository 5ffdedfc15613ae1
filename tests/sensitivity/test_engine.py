"""Tests for rtm_score.sensitivity: rule-file validation, rule evidence, the combined judgment."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from rtm_score.errors import RuleError
from rtm_score.models import Tier
from rtm_score.sensitivity import SensitivityEngine, load_engine, load_rules

HEAD = "id: {id}\ncategory: {category}\ntier: {tier}\nmessage: {message}\n"


def rule_text(
    signals: str,
    *,
    id: str = "t-rule",
    category: str = "t-harm",
    tier: str = "floor",
    message: str = "about test harm",
    extra: str = "",
) -> str:
    head = HEAD.format(id=id, category=category, tier=tier, message=message)
    return (
        head
        + "signals:\n"
        + textwrap.indent(textwrap.dedent(signals).strip("\n"), "  ")
        + "\n"
        + extra
    )


def write_rules(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def engine_of(folder: Path) -> SensitivityEngine:
    """An engine with only the rule files of ``folder`` (no packaged rules, calendar or model)."""
    own = [(r, i) for r, i in load_rules([folder]) if i.source.startswith(str(folder))]
    return SensitivityEngine(own)


@pytest.fixture(scope="module")
def packaged() -> SensitivityEngine:
    return load_engine()


# --- rule-file validation ----------------------------------------------------------------------

GOOD_SIGNAL = "- {kind: phrase, weight: 0.5, terms: [foo]}"


def load_error(tmp_path: Path, text: str) -> tuple[str, str]:
    folder = write_rules(tmp_path / "rules", bad=text)
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    return str(info.value), str(folder / "bad.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            rule_text(GOOD_SIGNAL, extra="severity: high\n"),
            "{src}: severity (line 7): unknown key 'severity'\n  hint: allowed keys here: id, "
            "category, tier, name, description, message, signals, exceptions, examples, source",
        ),
        (
            rule_text(GOOD_SIGNAL, tier="extreme"),
            "{src}: tier (line 3): unknown tier 'extreme'\n  hint: use floor, high, medium or low",
        ),
        (
            rule_text("- {kind: phrase, weight: 2, terms: [foo]}"),
            "{src}: signals[0].weight (line 6): must be between 0 and 1, got 2\n  hint: e.g. 0.4",
        ),
        (
            rule_text(GOOD_SIGNAL + "\n- {kind: phrase, weight: high, terms: [bar]}"),
            "{src}: signals[1].weight (line 7): expected a number between 0 and 1, "
            "got the text 'high'\n  hint: e.g. 0.4",
        ),
        (
            rule_text("- {kind: pattern, weight: 0.5, patterns: ['[a-']}"),
            "{src}: signals[0].patterns[0] (line 6): invalid regular expression '[a-': "
            "unterminated character set at position 0",
        ),
        (
            rule_text("- {kind: regex, weight: 0.5, patterns: [foo]}"),
            "{src}: signals[0] (line 6): unknown kind 'regex'\n"
            "  hint: use one of: phrase, pattern, cooccur",
        ),
        (
            rule_text("- {kind: phrase, weight: 0.5, terms: [foo, no]}"),
            "{src}: signals[0].terms[1] (line 6): expected text, got the YAML boolean false\n"
            '  hint: quote this value so YAML keeps it as text, e.g. "no"',
        ),
        (
            rule_text("[]"),
            "{src}: signals (line 5): must list at least one entry\n  hint: add entries",
        ),
        (
            "category: c\ntier: floor\nmessage: m\nsignals:\n  " + GOOD_SIGNAL + "\n",
            "{src}: id: missing required key 'id'\n"
            "  hint: add a line like `id: my-rule` (unique across rule files)",
        ),
        (
            rule_text(GOOD_SIGNAL, message="''"),
            "{src}: message (line 4): must not be empty\n"
            "  hint: write a value, or remove the entry",
        ),
        (
            "- just\n- a list\n",
            "{src}: expected a mapping of keys, got a list\n"
            "  hint: write its keys on the lines below it, indented",
        ),
    ],
    ids=[
        "unknown-key",
        "bad-tier",
        "weight-out-of-range",
        "weight-not-number",
        "bad-regex",
        "unknown-kind",
        "yaml-boolean-term",
        "no-signals",
        "missing-id",
        "empty-message",
        "not-a-mapping",
    ],
)
def test_rule_file_errors_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    message, src = load_error(tmp_path, text)
    assert message == expected.format(src=src)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    message, src = load_error(tmp_path, rule_text(GOOD_SIGNAL) + "exceptions: [unclosed\n")
    assert message.startswith(f"{src}: line 8, column 1: YAML syntax error: expected ','")


def test_duplicate_id_in_rules_folder(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "rules", a=rule_text(GOOD_SIGNAL), b=rule_text(GOOD_SIGNAL))
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert str(info.value) == (
        f"{folder / 'b.yaml'}: id: duplicate rule id 't-rule' (also in {folder / 'a.yaml'})\n"
        "  hint: rule ids must be unique"
    )


def test_duplicate_of_a_packaged_rule_id(tmp_path: Path) -> None:
    folder = write_rules(tmp_path / "rules", mine=rule_text(GOOD_SIGNAL, id="violence"))
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    assert str(info.value) == (
        f"{folder / 'mine.yaml'}: id: duplicate rule id 'violence' "
        "(also in rtm_score/data/rules/violence.yaml)\n  hint: rule ids must be unique"
    )


def test_missing_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path / "nope"])
    assert (
        str(info.value)
        == f"{tmp_path / 'nope'}: rules folder not found\n  hint: pass a folder of .yaml rule files"
    )


def test_unknown_signal_key_is_rejected(tmp_path: Path) -> None:
    message, src = load_error(
        tmp_path, rule_text("- {kind: phrase, weight: 0.5, terms: [foo], dampem: true}")
    )
    assert message == (
        f"{src}: signals[0].dampem (line 6): unknown key 'dampem'; did you mean 'dampen'?\n"
        "  hint: allowed keys here: kind, weight, dampen, terms"
    )


def test_key_of_another_signal_kind_is_rejected(tmp_path: Path) -> None:
    message, src = load_error(
        tmp_path, rule_text("- {kind: cooccur, weight: 0.5, all: [[a], [b]], terms: [x]}")
    )
    assert message == (
        f"{src}: signals[0].terms (line 6): unknown key 'terms'\n"
        "  hint: allowed keys here: kind, weight, dampen, all"
    )


def test_unknown_examples_key_is_rejected(tmp_path: Path) -> None:
    message, src = load_error(
        tmp_path, rule_text(GOOD_SIGNAL, extra="examples: {matches: [foo]}\n")
    )
    assert message == (
        f"{src}: examples.matches (line 7): unknown key 'matches'; did you mean 'match'?\n"
        "  hint: allowed keys here: match, no_match"
    )


def test_examples_must_be_lists(tmp_path: Path) -> None:
    message, src = load_error(tmp_path, rule_text(GOOD_SIGNAL, extra="examples: {match: foo}\n"))
    assert message == (
        f"{src}: examples.match (line 7): expected a list, got the text 'foo'\n"
        '  hint: write a list, e.g. ["foo"]'
    )


def test_a_users_pattern_must_run_in_linear_time(tmp_path: Path) -> None:
    message, src = load_error(
        tmp_path, rule_text("- {kind: pattern, weight: 0.9, patterns: ['(?<=no )injur']}")
    )
    assert message.startswith(
        f"{src}: signals[0].patterns[0] (line 6): regular expression '(?<=no )injur'"
    )
    assert "cannot run in linear time" in message and "RE2" in message


def test_a_users_catastrophic_pattern_runs_on_re2_only(tmp_path: Path) -> None:
    folder = write_rules(
        tmp_path / "rules",
        slow=rule_text("- {kind: pattern, weight: 0.9, patterns: ['(a+)+$']}", id="t-slow"),
    )
    engine = load_engine([folder], use_calendar=False)
    patterns = engine.matcher._patterns
    (mine,) = [i for i, rx in enumerate(patterns.patterns) if rx.pattern == "(a+)+$"]
    assert mine in patterns._linear and mine in patterns._re2
    # Texts on which re backtracks (2**24 steps each); RE2 answers in linear time.
    for text in ("a" * 24 + "! a", "\u00e9" + "a" * 24 + "!", "caf\u00e9 " + "a" * 24 + "! a"):
        hits = {
            h.rule for h in engine.matcher.match(engine.doc(engine.pipe.analyse_topic("", text)))
        }
        assert ("t-slow" in hits) == text.endswith(" a")


def test_packaged_rule_files_are_told_by_where_they_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Packaged files are Paths in an installed package too: they still take the fast read
    (libyaml, no line marks) and their patterns may run on ``re``; a team's file gets the
    checked read with line numbers and RE2 alone, wherever its path points."""
    from rtm_score.sensitivity import rulefiles

    checked: list[str] = []
    real = rulefiles.read_document

    def spy(text: str, syntax: str, source: str, *args: object) -> object:
        checked.append(source)
        return real(text, syntax, source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(rulefiles, "read_document", spy)
    packaged = load_rules()
    assert checked == [] and not any(rule.linear for rule, _info in packaged)
    folder = write_rules(tmp_path / "rtm_score" / "data" / "rules", mine=rule_text(GOOD_SIGNAL))
    theirs = load_rules([folder])[len(packaged) :]
    assert checked == [str(folder / "mine.yaml")]
    assert [rule.linear for rule, _info in theirs] == [True]


def test_extra_rules_folder_adds_rules(tmp_path: Path) -> None:
    folder = write_rules(
        tmp_path / "rules",
        mine=rule_text(
            "- {kind: phrase, weight: 0.9, terms: [frobnicated]}",
            id="t-frob",
            extra=(
                "description: Frobnication.\n"
                "examples:\n  match: [it was frobnicated]\n  no_match: [fine]\n"
            ),
        ),
    )
    engine = load_engine([folder], use_calendar=False)
    info = engine.explain_rule("t-frob")
    assert (info.category, info.tier, info.description, info.source) == (
        "t-harm",
        Tier.FLOOR,
        "Frobnication.",
        str(folder / "mine.yaml"),
    )
    assert info.examples == {"match": ("it was frobnicated",), "no_match": ("fine",)}
    # A category the judgment was not fitted on decides by the rule file's own weight.
    a = engine.assess("Council frobnicated")
    own = next(f for f in a.findings if f.category == "t-harm")
    assert (own.score, own.reason.origin, a.categories[0]) == (0.9, "rule", "t-harm")
    # ...on top of the packaged rules.
    assert {"violence", "death-injury"} <= set(engine.infos)


# --- scoring -----------------------------------------------------------------------------------


@pytest.fixture
def two_rules(tmp_path: Path) -> SensitivityEngine:
    folder = write_rules(
        tmp_path / "rules",
        harm=rule_text(
            """
            - {kind: phrase, weight: 0.8, terms: [zorgblast]}
            - {kind: phrase, weight: 0.5, dampen: true, terms: [blorp, blorps]}
            - {kind: phrase, weight: 0.4, terms: [quux]}
            - {kind: phrase, weight: 0.9, terms: [mega blorp]}
            """
        ),
        talk=rule_text(
            "- {kind: phrase, weight: 0.45, terms: [yadda]}",
            id="t-talk",
            category="t-talk",
            tier="high",
            message="about talk",
        ),
    )
    return engine_of(folder)


def _hits(engine: SensitivityEngine, name: str, context: str = "") -> list[tuple[str, float]]:
    return [(h.evidence, h.weight) for h in engine.matcher.match(engine.prepare(name, context))]


def test_quiet_text_scores_low(two_rules: SensitivityEngine) -> None:
    a = two_rules.assess("Pizza night", "Friends share their favourite pizza toppings")
    assert a.score < 0.35
    assert _hits(two_rules, "Pizza night", "Friends share their favourite pizza toppings") == []


def test_rule_signals_are_evidence_with_their_weight(two_rules: SensitivityEngine) -> None:
    assert _hits(two_rules, "blorp") == [("blorp", 0.5)]
    # Singular and plural are one word; a longer phrase is its own signal.
    assert _hits(two_rules, "blorps") == [("blorp", 0.5)]
    assert ("mega blorp", 0.9) in _hits(two_rules, "mega blorp")
    # The context is read with the name, and a run-together hashtag is split into words.
    assert _hits(two_rules, "#SomeName", "a zorgblast downtown") == [("zorgblast", 0.8)]
    assert _hits(two_rules, "megablorpxyz") == []


def test_rule_hits_raise_the_judgment_and_are_quoted(two_rules: SensitivityEngine) -> None:
    plain = two_rules.assess("Council meeting", "The council meets on Tuesday")
    hit = two_rules.assess("Council meeting", "The council meets on Tuesday after a zorgblast")
    assert hit.score > plain.score
    top = next(f for f in hit.findings if f.reason.origin == "judgment")
    assert "rules: 'zorgblast'" in top.reason.evidence
    assert top.reason.origin == "judgment"
    assert top.reason.evidence.startswith("words: ") or top.reason.evidence.startswith("rules: ")
    assert "P(never) " in top.reason.evidence


def test_frames_are_reported(two_rules: SensitivityEngine) -> None:
    framed = two_rules.assess("blorp in the series finale")
    assert framed.frames == ("television",)
    assert framed.territories == ("television",)
    food = two_rules.assess("blorp at the pizza restaurant")
    assert (food.territories, food.frames) == (("food",), ())


def test_a_batch_equals_one_by_one(two_rules: SensitivityEngine) -> None:
    items = [("blorp", ""), ("Storm", "Flooding kills 12"), ("Pizza day", "Two slices for one")]
    batch = two_rules.assess_many(items)
    assert batch == [two_rules.assess(n, c) for n, c in items]


def test_findings_under_evidence_from_keep_all_but_their_evidence(
    packaged: SensitivityEngine,
) -> None:
    items = [
        ("Breaking Bad finale", "The series finale drew record viewers"),
        ("Senate budget vote", "The Senate votes on the budget bill tonight"),
        ("Riverside Mall", "Gunman kills four shoppers at Riverside Mall"),
        ("Storm warning", "Forecasters say the storm may strengthen; no injuries reported"),
    ]
    analysed = [packaged.pipe.analyse_topic(n, c) for n, c in items]
    full = packaged.assess_analysed(analysed, [False] * len(items))
    cut = 0.35
    lean = packaged.assess_analysed(analysed, [False] * len(items), evidence_from=cut)

    def bare(a: Any) -> list[tuple[str, Tier, float, str, str]]:
        return [(f.category, f.tier, f.score, f.reason.code, f.reason.message) for f in a.findings]

    assert [bare(a) for a in lean] == [bare(a) for a in full]
    assert [a.score for a in lean] == [a.score for a in full]
    pairs = zip(full, lean, strict=True)
    judged = [(f, g) for a, b in pairs for f, g in zip(a.findings, b.findings, strict=True)]
    judged = [(f, g) for f, g in judged if f.reason.origin == "judgment"]
    assert any(f.score < cut for f, _ in judged) and any(f.score >= cut for f, _ in judged)
    for f, g in judged:  # under the cut: no evidence; at or above it: the same evidence
        assert g.reason.evidence == ("" if f.score < cut else f.reason.evidence)
        assert f.reason.evidence


# --- the packaged engine ------------------------------------------------------------------------


def test_default_engine_is_cached_and_complete() -> None:
    engine = load_engine()
    assert load_engine() is engine
    assert engine.model is not None
    assert engine.judgment is not None
    assert engine.calendar is not None
    assert load_engine(use_calendar=False).calendar is None


def test_never_and_caution_findings_have_the_right_tiers(packaged: SensitivityEngine) -> None:
    never = packaged.assess("Riverside Mall", "Gunman kills four shoppers at Riverside Mall")
    assert never.findings[0].tier is Tier.FLOOR
    assert never.findings[0].category == "violence"
    vote = packaged.assess("Senate budget vote", "The Senate votes on the budget bill tonight")
    assert vote.findings[0].tier is not Tier.FLOOR
    assert vote.findings[0].category == "politics-social"
    assert vote.score < 0.7


def test_dampenable_word_scores_lower_in_fiction_or_sport(packaged: SensitivityEngine) -> None:
    real = packaged.assess("Murder", "Police investigate a murder downtown")
    fiction = packaged.assess("Murder", "The season finale of the series ends with a murder")
    assert fiction.frames == ("television",)
    assert fiction.score < real.score
    assert "frame: television" in fiction.findings[0].reason.evidence
    assert packaged.assess("Killer Mike drops a new album").score < 0.35


@pytest.mark.parametrize(
    "copy",
    [
        "Come see us at the Boston marathon expo",
        "West Texas barbecue festival this weekend",
        "Our Oklahoma store reopens Monday",
    ],
)
def test_a_place_or_occasion_of_a_past_crisis_is_not_a_tragedy(
    packaged: SensitivityEngine, copy: str
) -> None:
    # The crisis tweets the model learns from were collected by their events' own words;
    # those are masked while fitting (scripts/event_words.py), so the place is not the harm.
    assert packaged.assess("", copy).score < 0.7
    assert (
        packaged.assess("", "Explosions at the Boston marathon finish line kill three").score >= 0.7
    )


def test_a_real_tragedy_named_in_a_fiction_frame_is_still_never(
    packaged: SensitivityEngine,
) -> None:
    framed = packaged.assess(
        "mass shooting", "Fans of the series finale react to the mass shooting"
    )
    assert "television" in framed.frames
    assert framed.findings[0].category == "violence"
    assert framed.score >= 0.7


@pytest.mark.parametrize(
    ("name", "context", "category"),
    [
        ("#Aurora", "Gunman opens fire at a cinema in Aurora; 12 people killed", "violence"),
        pytest.param(
            "RIP Chadwick Boseman",
            "",
            "death-injury",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known gap (issue 8): 'RIP' before a name the model has not seen, with no "
                "context, stays below never (weak data taught 'rip' as mostly figurative)",
            ),
        ),
        ("#RIPKobe", "", "death-injury"),
        ("Sean Connery", "Actor Sean Connery has died aged 90, his family said", "death-injury"),
        ("Domestic violence", "Survivors of domestic violence share their stories", "abuse"),
        ("Hurricane", "Hurricane makes landfall, thousands evacuated and 5 dead", "disaster"),
        ("Lest we forget", "", "remembrance"),
    ],
)
def test_floor_topics(packaged: SensitivityEngine, name: str, context: str, category: str) -> None:
    a = packaged.assess(name, context)
    assert category in a.categories
    assert a.tier is Tier.FLOOR
    assert a.score >= 0.7


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("Talk Like a Pirate Day", "Arr! Fans share pirate jokes"),
        ("Breaking Bad finale", "The series finale drew record viewers"),
        pytest.param(
            "Photo shoot",
            "Behind the scenes of the cover shoot",
            marks=pytest.mark.xfail(
                strict=True, reason="word sense (issue 8): a bare 'Photo shoot' name reads as real"
            ),
        ),
        ("She killed it", "She absolutely killed it at the Met Gala"),
        ("Penalty shootout", "Italy win the penalty shootout in the final"),
        ("Pizza night", "Friends share their favourite pizza toppings"),
    ],
)
def test_harmless_topics(packaged: SensitivityEngine, name: str, context: str) -> None:
    assert packaged.assess(name, context).score < 0.35


def test_zero_width_space_does_not_hide_a_floor_topic(packaged: SensitivityEngine) -> None:
    assert packaged.assess("mass sh\u200booting").score >= 0.9


def test_evidence_quotes_words_as_written(packaged: SensitivityEngine) -> None:
    a = packaged.assess("Robin Williams", "Comedian Robin Williams dies by suicide at 63.")
    evidence = a.findings[0].reason.evidence
    assert "'suicide'" in evidence or "'dies'" in evidence
    assert "'suicid'" not in evidence


def test_every_problem_of_a_rule_file_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    text = rule_text(
        "- {kind: phrase, weight: 2, terms: [foo]}\n- {kind: regex, weight: 0.5, patterns: [x]}",
        tier="extreme",
        extra="severity: high\n",
    )
    folder = write_rules(tmp_path / "rules", bad=text)
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    err = info.value
    assert err.message == "invalid rule file (4 problems)"
    found = [(p.key_path, p.line) for p in err.problems]  # type: ignore[attr-defined]
    assert found == [("tier", 3), ("signals[0].weight", 6), ("signals[1]", 7), ("severity", 8)]
