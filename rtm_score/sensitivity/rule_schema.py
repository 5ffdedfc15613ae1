"""The shape of a rule file (``data/rules/*.yaml`` and a team's own), as pydantic models.

Checked through the shared validator (:mod:`rtm_score.schema`), so a rule file's problems read
like a profile's: every problem at once, each with its key path, line and a hint. What needs
the text pipeline or a regex engine (a term with no words, a pattern that does not compile)
is checked when the rule is compiled (:func:`.kinds.compile_rule`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field

from ..errors import RuleError
from ..schema import Context, Marks, Spec, invalid, validate
from ..schema.types import Strict, Text, Unit

TierName = Literal["floor", "high", "medium", "low"]
Terms = Annotated[list[Text], Field(min_length=1)]


class PhraseSignal(Strict):
    """Word sequences, matched on folded words (``passed away`` finds ``passes away``)."""

    kind: Literal["phrase"]
    weight: Unit
    dampen: bool = False
    terms: Terms


class PatternSignal(Strict):
    """Regular expressions over the cleaned text."""

    kind: Literal["pattern"]
    weight: Unit
    dampen: bool = False
    patterns: Terms
    case_sensitive: bool = False


class CooccurSignal(Strict):
    """One term from each of several groups, anywhere in the text."""

    kind: Literal["cooccur"]
    weight: Unit
    dampen: bool = False
    all: Annotated[list[Terms], Field(min_length=2)]


Signal = Annotated[PhraseSignal | PatternSignal | CooccurSignal, Discriminator("kind")]


class Examples(Strict):
    """Texts the rule must match and must not match; the tests run them."""

    match: list[Text] = []
    no_match: list[Text] = []


class RuleFile(Strict):
    """One rule file."""

    id: Text
    category: Text
    tier: TierName
    name: str = ""
    description: str = ""
    message: Text
    signals: Annotated[list[Signal], Field(min_length=1)]
    exceptions: list[Text] = []
    examples: Examples = Examples()
    source: str = ""


def _strip_kind(parts: list[str | int]) -> list[str | int]:
    # pydantic names the union member after the index: signals.0.phrase.weight
    if len(parts) > 2 and parts[0] == "signals" and parts[2] in ("phrase", "pattern", "cooccur"):
        del parts[2]
    return parts


SPEC = Spec(
    root=RuleFile,
    missing={
        "id": "add a line like `id: my-rule` (unique across rule files)",
        "category": "add a line like `category: death-injury`",
        "tier": "add `tier: floor`, `high`, `medium` or `low`",
        "message": "add a line like `message: about deaths or injuries`",
        "signals": "add `signals:` with at least one phrase, pattern or cooccur signal",
        "kind": "add `kind: phrase`, `pattern` or `cooccur`",
        "weight": "add `weight: 0.5` (0 to 1)",
        "terms": "add `terms: [a phrase, another]`",
    },
    units=frozenset({"weight"}),
    strip=_strip_kind,
)


def parse_rule(data: object, source: str, marks: Marks | None = None) -> RuleFile:
    """Check a rule file's data; ``marks`` (from :func:`rtm_score.schema.read_document`) give
    the problems their lines.

    Raises:
        RuleError: holding every problem found.
    """
    model, problems = validate(RuleFile, data, Context(source, marks or Marks(), "YAML"), SPEC)
    if model is None:
        raise invalid(RuleError, "rule file", source, problems)
    return model
