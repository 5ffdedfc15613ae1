"""Brand profiles: what they are, how they are validated, and how files are read.

- ``model``: the dataclasses (:class:`BrandProfile` and its parts) and :class:`ProfileProblem`;
- ``schema``: the strict pydantic schema (no unknown keys; regions and dates checked);
- ``messages``: validation errors as messages with key path, line and a fix;
- ``files``: YAML, JSON and TOML files (:func:`load_profile`, :func:`check_profile`) and the
  starter profile.
"""

from __future__ import annotations

from .files import check_profile, load_profile, starter_profile
from .messages import parse_profile
from .model import (
    BrandDate,
    BrandProfile,
    Keyword,
    Platform,
    Play,
    Product,
    ProfileProblem,
    Thresholds,
    Voice,
)

__all__ = [
    "BrandDate",
    "BrandProfile",
    "Keyword",
    "Platform",
    "Play",
    "Product",
    "ProfileProblem",
    "Thresholds",
    "Voice",
    "check_profile",
    "load_profile",
    "parse_profile",
    "starter_profile",
]
