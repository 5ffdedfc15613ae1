"""Building blocks of the data files' models: a strict base, common field types, custom errors."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    """No unknown keys, no silent type coercion ("1" is not 1), surrounding spaces dropped.

    Each model builds its validator the first time it validates, not when it is imported: a
    run pays only for the files it reads (a ``score`` run never builds the campaign
    calendar's models, for instance)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, defer_build=True
    )


def fail(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error of our own wording; the validator shows ``message`` and ``hint``."""
    return PydanticCustomError("rtm", "{message}", {"message": message, "hint": hint})


def kebab(example: str, name: str = "id") -> AfterValidator:
    """Lower-case words of letters and digits joined by dashes (an id), or a ``fail``."""

    def check(text: str) -> str:
        if not _KEBAB.match(text):
            raise fail(f"{name} must be lower-case letters, digits and dashes, got {text!r}",
                       f"e.g. {example}")  # fmt: skip
        return text

    return AfterValidator(check)


_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Text = Annotated[str, Field(min_length=1)]
"""Non-empty text."""
Unit = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
"""A number from 0 to 1."""
