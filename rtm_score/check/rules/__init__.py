"""The check's rules: one module per family, each declaring its codes, severities and
documentation next to the logic that finds them (as yamllint's ``rules/`` package does).

This module is the explicit registry: :data:`MODULES` lists the row-rule modules in the order
they run. Adding a rule is a new module with ``RULES``, ``FEED`` and ``make(context)`` (see
:mod:`.base`) plus one line here; the README's rule table, ``rtm-score rules`` and the SARIF
rule list all read :data:`RULES`.
"""

from __future__ import annotations

from ..models import Rule
from . import brand_news, brand_terms, cause_tags, dates, sensitive_copy, suppressions, trending
from .base import RuleModule, finding

MODULES: tuple[RuleModule, ...] = (
    dates,
    sensitive_copy,
    trending,
    brand_news,
    cause_tags,
    brand_terms,
)
"""The row rules, in the order they run."""

RULES: tuple[Rule, ...] = tuple(
    sorted([*(r for m in MODULES for r in m.RULES), *suppressions.RULES], key=lambda r: r.code)
)
"""Every rule, by code."""
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
META_CODES = suppressions.META_CODES
FEED = frozenset(r.code for m in MODULES if m.FEED for r in m.RULES)
"""The rules that only run with a feed (``--feed``)."""


def get(code: str) -> Rule:
    """The rule with ``code``; ``ValueError`` names the known codes otherwise."""
    try:
        return RULES_BY_CODE[code]
    except KeyError:
        raise ValueError(f"no such rule: {code!r} (known: {', '.join(RULES_BY_CODE)})") from None


__all__ = ["FEED", "META_CODES", "MODULES", "RULES", "RULES_BY_CODE", "finding", "get"]
